// What a remote window's port forwarding makes of a URL on the remote machine's loopback. VS Code's
// own forwarding keeps the path and query; code-server's (its /proxy/PORT/ path, also used by
// vscode.env.openExternal there) keeps only the port, so an authorization request to a Hosted
// Login on this machine (the emulator, `npm start`) would reach the server's root with no query.

/**
 * The URL to open when `external` (what `vscode.env.asExternalUri` gave for `original`) lost the
 * path or query of `original`: the forwarded base with them put back. Undefined when nothing was
 * lost, so the caller opens `original` and lets `openExternal` forward it itself.
 */
export function restoreForwardedPath(original: string, external: string): string | undefined {
  let from: URL;
  let to: URL;
  try {
    from = new URL(original);
    to = new URL(external);
  } catch {
    return undefined;
  }
  const keptPath = to.pathname.endsWith(from.pathname);
  // Compared by presence: a forwarding that keeps the query may still encode it differently.
  const keptQuery = Boolean(to.search) === Boolean(from.search);
  if (keptPath && keptQuery) return undefined;
  // The forwarding's base: the path it put in front of the port's root (code-server: /proxy/PORT).
  const base = keptPath
    ? to.pathname.slice(0, to.pathname.length - from.pathname.length)
    : to.pathname.replace(/\/$/, '');
  return `${to.protocol}//${to.host}${base}${from.pathname}${from.search}${from.hash}`;
}

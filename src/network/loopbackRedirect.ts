import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// The loopback server that catches Try Sign-In's redirect: 127.0.0.1 only, one path, one answer,
// and it stops itself on the first redirect, on a timeout, or when the caller cancels.

export interface LoopbackRedirect {
  /** `http://127.0.0.1:PORT/PATH`. */
  readonly uri: string;
  readonly port: number;
  /** The redirect's query; rejects with a LoopbackTimeout, or an AbortError when cancelled. */
  readonly result: Promise<URLSearchParams>;
  close(): void;
}

export class LoopbackTimeout extends Error {
  override readonly name = 'LoopbackTimeout';
}

const PAGE = (text: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Identity Cloud</title></head><body style="font-family:sans-serif;margin:3em"><h1>${text}</h1><p>You can close this tab and return to VS Code.</p></body></html>`;

/**
 * Listens on 127.0.0.1:`port` (0 for any free port) for one GET to `path`. Resolves to undefined when
 * the port is taken (the caller tries another).
 */
export async function startLoopbackRedirect(
  port: number,
  path: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<LoopbackRedirect | undefined> {
  let settle: { resolve: (q: URLSearchParams) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<URLSearchParams>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => undefined); // a caller that stopped listening must not see an unhandled rejection
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== path) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const ok = url.searchParams.has('code');
    res
      .writeHead(200, { 'Content-Type': 'text/html;charset=utf-8', 'Cache-Control': 'no-store' })
      .end(PAGE(ok ? 'Signed in: VS Code is checking the tokens.' : 'The sign-in did not complete.'));
    settle?.resolve(url.searchParams);
    close();
  });
  const timer = setTimeout(() => {
    settle?.reject(new LoopbackTimeout(`No redirect within ${Math.round(timeoutMs / 1000)} s.`));
    close();
  }, timeoutMs);
  const onAbort = () => {
    settle?.reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
    close();
  };
  function close() {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeAllConnections();
  }
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!listening) {
    clearTimeout(timer);
    return undefined;
  }
  signal?.addEventListener('abort', onAbort, { once: true });
  const actual = (server.address() as AddressInfo).port;
  return { uri: `http://127.0.0.1:${actual}${path}`, port: actual, result, close };
}

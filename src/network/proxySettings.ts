// Which proxy VS Code's fetch uses for a URL, worked out the way @vscode/proxy-agent does it
// (0.32 in VS Code 1.100 and 0.45 in 1.139 agree on these rules), so the extension can name the
// proxy in a message and in Check Connection. Plain TypeScript: the settings are passed in.
//
// The rules, in order: http.proxySupport "off" → direct; localhost, 127.0.0.1, ::1 → direct;
// http.noProxy (or, only when it is empty, NO_PROXY) → direct, where an entry matches the host
// and every subdomain (`example.com` and `.example.com` alike), an entry may end in `:port`, and
// only an entry that is exactly `*` is a wildcard (`*.example.com` matches nothing); then
// http.proxy; then HTTPS_PROXY / HTTP_PROXY; otherwise the system's proxy configuration, which
// VS Code resolves itself (PAC files included) and an extension cannot see.

export interface ProxySettings {
  /** `http.proxy`. */
  readonly proxy?: string | null;
  /** `http.proxySupport`: off, on, fallback, override. */
  readonly proxySupport?: string | null;
  /** `http.noProxy`. */
  readonly noProxy?: readonly string[] | null;
  /** Whether `http.proxyAuthorization` is set (its value is a credential and is never read here). */
  readonly hasProxyAuthorization?: boolean;
  /** The extension host's environment (for HTTPS_PROXY, HTTP_PROXY, NO_PROXY). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type ProxyChoice =
  | { readonly kind: 'direct'; readonly reason: 'proxySupportOff' | 'localhost' | 'noProxy' | 'noProxyEnv' }
  | {
      readonly kind: 'proxy';
      /** The proxy URL with any password replaced by `***`. */
      readonly proxy: string;
      readonly source: 'http.proxy' | 'environment';
      /** The proxy URL carries a user name and password (not shown). */
      readonly hasCredentials: boolean;
      readonly hasProxyAuthorization: boolean;
    }
  | { readonly kind: 'system' };

const LOCALHOST = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '::ffff:127.0.0.1']);

/** The proxy VS Code's fetch uses for `target`. */
export function proxyFor(target: URL, settings: ProxySettings): ProxyChoice {
  if (settings.proxySupport === 'off') return { kind: 'direct', reason: 'proxySupportOff' };
  const host = target.hostname.toLowerCase();
  if (LOCALHOST.has(host)) return { kind: 'direct', reason: 'localhost' };
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const env = settings.env ?? {};
  const configured = (settings.noProxy ?? []).map((s) => s.trim().toLowerCase());
  if (configured.length > 0) {
    if (bypasses(configured, host, port)) return { kind: 'direct', reason: 'noProxy' };
  } else {
    const fromEnv = (env.no_proxy ?? env.NO_PROXY ?? '').trim().toLowerCase().split(',');
    if (bypasses(fromEnv, host, port)) return { kind: 'direct', reason: 'noProxyEnv' };
  }
  const hasProxyAuthorization = settings.hasProxyAuthorization ?? false;
  const fromSettings = settings.proxy?.trim();
  if (fromSettings && fromSettings.includes('://')) {
    return { kind: 'proxy', source: 'http.proxy', hasProxyAuthorization, ...redactProxy(fromSettings) };
  }
  const fromEnv = env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY;
  if (fromEnv?.trim().includes('://')) {
    return { kind: 'proxy', source: 'environment', hasProxyAuthorization, ...redactProxy(fromEnv.trim()) };
  }
  return { kind: 'system' };
}

function bypasses(entries: readonly string[], host: string, port: string): boolean {
  if (entries.includes('*')) return true;
  return entries
    .map((entry) => entry.trim().split(':', 2))
    .filter(([name]) => !!name)
    .some(([name, filterPort]) => {
      const domain = name!.startsWith('.') ? name! : `.${name!}`;
      return `.${host}`.endsWith(domain) && (!filterPort || filterPort === port);
    });
}

/** A proxy URL fit to show: the user name kept, any password replaced by `***`. */
export function redactProxy(proxyUrl: string): { proxy: string; hasCredentials: boolean } {
  try {
    const url = new URL(proxyUrl);
    const hasCredentials = url.username !== '' || url.password !== '';
    if (url.password) url.password = '***';
    const text = url.toString();
    // new URL adds a trailing slash to a bare origin; the setting had none.
    return { proxy: /\/$/.test(proxyUrl) ? text : text.replace(/\/$/, ''), hasCredentials };
  } catch {
    // Not a URL: show only what is before any '@' could be a secret, i.e. nothing of it.
    const at = proxyUrl.lastIndexOf('@');
    return { proxy: at >= 0 ? `***@${proxyUrl.slice(at + 1)}` : proxyUrl, hasCredentials: at >= 0 };
  }
}

/** The proxy's name for a message, e.g. `http://alice:***@proxy.corp:8080` or `http://proxy.corp:8080`. */
export function describeProxyChoice(choice: ProxyChoice): string | undefined {
  return choice.kind === 'proxy' ? choice.proxy : undefined;
}

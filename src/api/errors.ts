/** Which API a call went to, so that a failure below it names that API and its address. */
export type ApiName = 'capture' | 'configApi' | 'hostedLogin';

/** What went wrong below the API: the request never got a usable answer from it. */
export type TransportFailure =
  | 'dns' // the host name did not resolve
  | 'refused' // nothing listens there
  | 'reset' // the connection dropped mid-way
  | 'tls' // certificate or TLS handshake problem
  | 'timeout' // no complete answer in time
  | 'proxy' // the proxy refused or failed
  | 'http' // a non-JSON answer, e.g. an HTML error page with a 502
  | 'incomplete' // JSON cut off before its end
  | 'redirect' // the domain answered with a redirect: not Capture's API
  | 'malformed' // JSON, but not the shape Capture documents
  | 'network'; // anything else the network layer reported

/**
 * The request failed before the API (Capture, unless `api` says otherwise) answered in its own words. `mayHaveReachedServer` is true when
 * the server could have processed the request (so a non-idempotent call such as /clients/add may
 * have taken effect and must not be repeated blindly).
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  /** The application whose owner credentials made the call, when the caller named it. */
  application: string | undefined;
  /** The API the call went to: Capture unless the client that made it says otherwise. */
  api: ApiName = 'capture';
  constructor(
    readonly failure: TransportFailure,
    message: string,
    readonly mayHaveReachedServer: boolean,
    readonly detail: {
      status?: number;
      causeCode?: string;
      /** Capture answered `"stat":"ok"`: it did process the request, but the answer lacked what we need. */
      answeredOk?: boolean;
      /** The HTTP status a proxy refused the tunnel with (407: it wants credentials). */
      proxyStatus?: number;
      /** With `answeredOk`: the client Capture named (or the one reset), whose secret did not come back. */
      clientId?: string;
    } = {},
  ) {
    super(message);
  }
}

/** Capture answered `"stat":"error"` (usually with HTTP 200). */
export class CaptureApiError extends Error {
  override readonly name = 'CaptureApiError';
  /** The application whose owner credentials made the call, when the caller named it. */
  application: string | undefined;
  constructor(
    readonly code: number | undefined,
    readonly error: string,
    readonly description: string | undefined,
    readonly requestId: string | undefined,
    readonly argumentName: string | undefined,
  ) {
    super(`Capture error ${code ?? '?'} ${error}${description ? `: ${description}` : ''}`);
  }
}

/** Whether the API client allow list applies to the endpoint that failed (CONFIG-API.md, "Allow list"). */
export type AllowListRule = 'respected' | 'ignored' | 'undocumented';

/**
 * The Configuration API answered an HTTP error with its own body, `{"errors": "…"}` (the text is
 * kept only when it is a short single line). No request id: this API gives none.
 */
export class ConfigApiError extends Error {
  override readonly name = 'ConfigApiError';
  /** The application whose owner credentials made the call, when the caller named it. */
  application: string | undefined;
  constructor(
    readonly status: number,
    readonly text: string | undefined,
    /** The path below `/config/{app_id}`, e.g. `/flows/standard/versions`. */
    readonly path: string,
    readonly allowList: AllowListRule,
  ) {
    super(`Configuration API ${path} → HTTP ${status}${text ? `: ${text}` : ''}`);
  }
}

/**
 * An answer that does not parse as the JSON `expected` ("JSON", "Capture JSON"): cut-off JSON is
 * 'incomplete'; an empty answer, an HTML page (a proxy's or load balancer's) or other text is 'http'.
 * `where` names the call (a path, never a query); the body is never quoted: it may hold secrets.
 */
export function unreadableAnswer(
  where: string,
  status: number,
  text: string,
  expected: string,
): TransportError {
  if (/^\s*[{[]/.test(text)) {
    return new TransportError(
      'incomplete',
      `${where} got JSON cut off after ${text.length} characters (HTTP ${status}).`,
      true,
      { status },
    );
  }
  const what =
    text.trim().length === 0 ? 'an empty answer' : /^\s*</.test(text) ? 'an HTML page' : 'a non-JSON answer';
  return new TransportError(
    'http',
    `${where} got ${what} with HTTP ${status} instead of ${expected}.`,
    true,
    {
      status,
    },
  );
}

/** The user (or a cancellation token) stopped the request. Never shown as an error. */
export class RequestCancelledError extends Error {
  override readonly name = 'RequestCancelledError';
  constructor() {
    super('The request was cancelled.');
  }
}

export type ApiFailure = TransportError | CaptureApiError | ConfigApiError | RequestCancelledError;

export function isApiFailure(e: unknown): e is ApiFailure {
  return (
    e instanceof TransportError ||
    e instanceof CaptureApiError ||
    e instanceof ConfigApiError ||
    e instanceof RequestCancelledError
  );
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** Finds the most specific error code in an error's `cause` chain (undici wraps the socket error). */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR' && code.length > 0) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function causeMessages(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(' ← ');
}

/** Classifies what `fetch` threw into a {@link TransportError}; `host` names the server for messages. */
export function classifyFetchError(error: unknown, host: string): TransportError {
  const code = causeCode(error);
  const text = causeMessages(error);
  const detail = code ? { causeCode: code } : {};
  if (/redirect/i.test(text)) {
    return new TransportError('redirect', `${host} answered with a redirect (${text}).`, false, detail);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new TransportError('dns', `Could not resolve ${host} (${code}).`, false, detail);
  }
  if (code === 'ECONNREFUSED') {
    return new TransportError('refused', `${host} refused the connection (${code}).`, false, detail);
  }
  if (
    (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) ||
    /certificate|self[- ]signed|SSL|TLS/i.test(text)
  ) {
    return new TransportError('tls', `TLS failure talking to ${host}: ${text}`, false, detail);
  }
  if (/proxy|tunnel/i.test(text) || code === 'UND_ERR_PROXY') {
    // A proxy that refuses the CONNECT tunnel (undici: "Proxy response (403) !== 200 when HTTP
    // Tunneling") never passed the request on; any other proxy trouble may have come after it did.
    const tunnel = /Proxy response \((\d+)\) (?:\?\.)?!?==? 200 when HTTP Tunneling/i.exec(text);
    return new TransportError(
      'proxy',
      `The proxy failed to reach ${host}: ${text}`,
      !tunnel,
      tunnel ? { ...detail, proxyStatus: Number(tunnel[1]) } : detail,
    );
  }
  if (
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'EPIPE' ||
    /other side closed|socket hang up|terminated/i.test(text)
  ) {
    return new TransportError(
      'reset',
      `The connection to ${host} dropped before the answer was complete (${code ?? 'reset'}).`,
      true,
      detail,
    );
  }
  if (
    code === 'ETIMEDOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return new TransportError(
      'timeout',
      `${host} did not answer in time (${code}).`,
      code !== 'UND_ERR_CONNECT_TIMEOUT',
      detail,
    );
  }
  return new TransportError('network', `Request to ${host} failed: ${text}`, true, detail);
}

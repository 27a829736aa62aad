import { RequestCancelledError, TransportError, classifyFetchError, type ApiName } from './errors';

// The request layer every backend goes through (the Capture /clients/* and /settings/* API, the
// Configuration API, Hosted Login and its OpenID Connect endpoints): the fetch it is given (VS
// Code's, which honours http.proxy, PAC and OS certificates), one time limit, cancellation, no
// redirects, and a trace line that never holds a credential, a body or a query.

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What every API client of the extension takes. */
export interface RequestOptions {
  /** Defaults to the global fetch: inside VS Code that honours http.proxy, PAC and OS certificates. */
  readonly fetch?: FetchLike;
  /** Per-request time limit. Default 30 s. */
  readonly timeoutMs?: number;
  /** Called once per request with a line that is safe to log (no credentials, no bodies). */
  readonly trace?: (line: string) => void;
  /** Called with a line that is safe to log when an answer has an undocumented shape (field names only). */
  readonly warn?: (line: string) => void;
  /** The application these credentials belong to: failures carry it, so the UI can act on that one. */
  readonly application?: string;
  /** The API called, named in a failure's words (Capture when not given). */
  readonly api?: ApiName;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** One request as the layer sends it. The trace shows `path` without its query. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** An origin such as `https://v1.api.us.janrain.com`, already checked (https, or http to this machine). */
  readonly origin: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Redirects are never followed: by default one is a failure, with `manual` the caller reads the 3xx. */
  readonly redirect?: 'manual';
}

/** A whole URL (a discovery document's endpoint, say) as the origin and path of an {@link HttpRequest}. */
export function urlParts(url: string): Pick<HttpRequest, 'origin' | 'path'> {
  const { origin, pathname, search } = new URL(url);
  return { origin, path: `${pathname}${search}` };
}

/** A time limit from a setting: anything odd means the default (30 s), at most 10 minutes. */
export function effectiveTimeoutMs(timeoutMs: number | undefined): number {
  const ms = timeoutMs ?? 30_000;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 600_000) : 30_000;
}

/** The `Authorization` header value for HTTP Basic with a client ID and secret. */
export function basicAuthorization(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`, 'utf8').toString('base64')}`;
}

/**
 * Sends one request and reads its whole answer as text. Failures below HTTP become a
 * {@link TransportError} naming the host; a cancelled call a {@link RequestCancelledError}.
 */
export async function sendRequest(
  request: HttpRequest,
  options: RequestOptions,
  call: CallOptions,
): Promise<{ status: number; text: string }> {
  const fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const timeoutMs = effectiveTimeoutMs(options.timeoutMs);
  const host = new URL(request.origin).host;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  const traced = `${request.method} ${request.path.replace(/\?.*$/s, '')}`;
  const started = Date.now();
  let response: Response;
  let text: string;
  try {
    if (call.signal?.aborted) throw new RequestCancelledError();
    response = await fetch(`${request.origin}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: request.redirect ?? 'error',
    });
    text = await response.text();
  } catch (error) {
    options.trace?.(`${traced} → failed after ${Date.now() - started} ms`);
    if (call.signal?.aborted) throw new RequestCancelledError();
    const failure = timeout.aborted
      ? new TransportError(
          'timeout',
          `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
          true,
        )
      : classifyFetchError(error, host);
    if (options.api) failure.api = options.api;
    failure.application = options.application;
    throw failure;
  }
  options.trace?.(`${traced} → HTTP ${response.status} in ${Date.now() - started} ms`);
  return { status: response.status, text };
}

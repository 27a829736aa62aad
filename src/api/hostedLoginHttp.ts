import type { FetchLike } from './captureClient';
import { RequestCancelledError, TransportError, classifyFetchError } from './errors';

// One HTTP request with the rules every call of the extension follows: VS Code's fetch (proxy,
// certificates) passed in, a time limit, the caller's cancellation, no redirects followed, and one
// trace line without credentials or bodies. Hosted Login and OIDC calls use it; failures are the
// same TransportErrors Capture calls give, so the same words explain them.

export interface HttpOptions {
  readonly fetch?: FetchLike;
  /** Per-request time limit. Default 30 s. */
  readonly timeoutMs?: number;
  readonly trace?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
}

export async function httpRequest(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; redirect?: 'manual' },
  options: HttpOptions,
): Promise<HttpAnswer> {
  const fetch = options.fetch ?? ((u: string, i: RequestInit) => globalThis.fetch(u, i));
  const limit = options.timeoutMs ?? 30_000;
  const timeoutMs = Number.isFinite(limit) && limit > 0 ? Math.min(limit, 600_000) : 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const { host, pathname } = new URL(url);
  const started = Date.now();
  try {
    if (options.signal?.aborted) throw new RequestCancelledError();
    // Redirects are never followed: a `manual` caller reads the 3xx itself.
    const response = await fetch(url, { ...init, signal, redirect: init.redirect ?? 'error' });
    const text = await response.text();
    options.trace?.(`${init.method} ${pathname} → HTTP ${response.status} in ${Date.now() - started} ms`);
    return { status: response.status, text, contentType: response.headers.get('content-type') ?? '' };
  } catch (error) {
    options.trace?.(`${init.method} ${pathname} → failed after ${Date.now() - started} ms`);
    if (options.signal?.aborted) throw new RequestCancelledError();
    if (timeout.aborted) {
      throw new TransportError(
        'timeout',
        `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        true,
      );
    }
    throw classifyFetchError(error, host);
  }
}

/** Parses a JSON body, or undefined when it is not JSON. */
export function jsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`, 'utf8').toString('base64')}`;
}

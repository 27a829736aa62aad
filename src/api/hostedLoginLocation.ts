import type { Translate } from '../common/translate';
import { isLoopbackHost, unsafeForCredentials } from './captureDomain';

// Where an application's Hosted Login lives, and which redirect URIs it accepts. Plain TypeScript:
// the Connect prompt, the API client and the tests share these rules.

/** Regions the docs name for `https://v1.api.{region}.janrain.com`. */
export const HOSTED_LOGIN_REGIONS = ['us', 'eu', 'jp', 'tk'] as const;

/** One application's Hosted Login: the customer ID and either a region or an origin of its own. */
export interface HostedLoginLocation {
  readonly customerId: string;
  /** `us`, `eu`, … for `https://v1.api.{region}.janrain.com`. */
  readonly region?: string;
  /**
   * An origin that is not `v1.api.{region}.janrain.com`: a custom domain (https) or the local
   * emulator (http on this machine). Derived only from a pasted oidc_url.
   */
  readonly origin?: string;
}

const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;
const JANRAIN_HOST = /^v1\.api\.([a-z]{2,8})\.janrain\.com$/i;

/** The API base every Hosted Login path hangs off: `https://v1.api.us.janrain.com/{customerId}`. */
export function hostedLoginBase(location: HostedLoginLocation): string {
  const origin = location.origin ?? `https://v1.api.${location.region ?? 'us'}.janrain.com`;
  return `${origin}/${encodeURIComponent(location.customerId)}`;
}

/** A problem with a typed customer ID, or undefined. */
export function checkCustomerId(value: string, t: Translate): string | undefined {
  const text = value.trim();
  if (!text)
    return t('Enter the customer ID (Console → Manage Application → Global Settings → customer_id).');
  if (!CUSTOMER_ID.test(text))
    return t('"{0}" does not look like a customer ID: it has letters, digits and dashes only.', text);
  return undefined;
}

/**
 * Reads the oidc_url of Console → Global Settings (`https://v1.api.us.janrain.com/{customerId}/login`)
 * into a location: the customer ID is the first path segment, the region the host's label. Another
 * https host (a custom domain) or http on this machine keeps its origin.
 */
export function parseOidcUrl(input: string, t: Translate): HostedLoginLocation | { problem: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return {
      problem: t(
        '"{0}" is not a URL. Paste the oidc_url, e.g. https://v1.api.us.janrain.com/CUSTOMER_ID/login',
        input.trim(),
      ),
    };
  }
  if (url.username || url.password) return { problem: t('Remove the user name or password from the URL.') };
  if (unsafeForCredentials(url)) return { problem: t('The oidc_url must start with https://.') };
  const [customerId] = url.pathname.split('/').filter(Boolean);
  if (!customerId || checkCustomerId(customerId, t)) {
    return {
      problem: t('The URL has no customer ID after the host: expected https://HOST/CUSTOMER_ID/login.'),
    };
  }
  const region = JANRAIN_HOST.exec(url.hostname)?.[1]?.toLowerCase();
  return region ? { customerId, region } : { customerId, origin: url.origin };
}

/**
 * A problem with one redirect URI, or undefined. The docs: https or a mobile deep link; plain http
 * only for localhost (examples also register http://127.0.0.1, so every loopback host counts).
 */
export function checkRedirectUri(value: string, t: Translate): string | undefined {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return t('"{0}" is not a URL. Example: http://localhost:3000/callback', text);
  }
  if (url.hash) return t('A redirect URI cannot have a #fragment: {0}', text);
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? undefined
      : t('{0} uses http: only http://localhost (or 127.0.0.1) may; use https:// for other hosts.', text);
  }
  if (url.protocol === 'https:') return url.hostname ? undefined : t('{0} has no host name.', text);
  // A mobile app's own scheme (com.example.app:/callback): allowed, but not javascript:, data: or file:.
  if (['javascript:', 'data:', 'file:', 'ftp:', 'ws:', 'wss:'].includes(url.protocol)) {
    return t('{0} cannot be a redirect URI: use https://, or http://localhost.', text);
  }
  return undefined;
}

/** Splits a comma- or space-separated list of redirect URIs; the first problem, or the URIs. */
export function parseRedirectUris(input: string, t: Translate): { uris: string[] } | { problem: string } {
  const uris = [...new Set(input.split(/[\s,]+/).filter(Boolean))];
  if (uris.length === 0)
    return { problem: t('Enter at least one redirect URI, e.g. http://localhost:3000/callback') };
  for (const uri of uris) {
    const problem = checkRedirectUri(uri, t);
    if (problem) return { problem };
  }
  return { uris };
}

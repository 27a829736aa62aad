/**
 * Whether a credential set in an env file is Identity Cloud's, decided from evidence only. Real
 * projects mix providers (an Auth0 or Okta set beside ours), and a false alarm on someone else's
 * credentials is worse than silence, so a set is ours when:
 * - the client index knows its ID (the caller checks that first: then it is ours whatever its keys);
 * - its ID key is the configured `identityCloud.envKeys` one;
 * - a key of the set names a Capture host (`*.janraincapture.com`, or a configured application's);
 * and it is not ours when a key of the set names another host, or its prefix names another
 * provider (`AUTH0_`, `OKTA_`, …). With no evidence either way, the ID decides by its shape: Capture
 * client IDs are 32 lowercase letters and digits. An empty ID (a committed example) counts only
 * with the configured key or a `# identity-cloud:` directive in the file.
 */
import { CAPTURE_ID_SHAPE } from '../api/validation';
import type { CredentialSet, EnvKeyNames } from './envCredentials';

/** Capture's own domains; a configured application may also live elsewhere (its domain is passed). */
const CAPTURE_HOST = /(^|\.)janraincapture\.(com|cn)$/i;

/**
 * Key prefixes that name another identity or API provider. Several of them issue IDs that look like
 * Capture's (Spotify's are 32 lowercase hex digits), so the name is the evidence.
 */
const OTHER_PROVIDERS = new Set([
  'AUTH0',
  'OKTA',
  'AZURE',
  'AAD',
  'ENTRA',
  'MSAL',
  'MICROSOFT',
  'GOOGLE',
  'GCP',
  'FIREBASE',
  'COGNITO',
  'AWS',
  'GITHUB',
  'GITLAB',
  'BITBUCKET',
  'STRIPE',
  'SPOTIFY',
  'TWITCH',
  'DISCORD',
  'FACEBOOK',
  'SLACK',
  'KEYCLOAK',
  'CLERK',
  'ONELOGIN',
  'PINGONE',
  'SALESFORCE',
  'LINKEDIN',
  'PAYPAL',
  'SUPABASE',
  'WORKOS',
]);

export interface OwnershipContext {
  readonly keys: EnvKeyNames;
  /** The hosts (`host[:port]`) of the configured applications' Capture domains. */
  readonly captureHosts: readonly string[];
  /** The file has a `# identity-cloud:` directive. */
  readonly directive: boolean;
}

/** Whether a set the index does not know is Identity Cloud's, by the rules above. */
export function isIdentityCloudSet(set: CredentialSet, context: OwnershipContext): boolean {
  if (set.id.key === context.keys.clientId) return true;
  let otherHost = false;
  for (const value of set.hosts) {
    const host = hostOf(value.value);
    if (host === undefined) continue; // empty, or a placeholder: no evidence
    if (isCaptureHost(host, context.captureHosts)) return true;
    otherHost = true;
  }
  if (otherHost) return false;
  if (namesOtherProvider(set.id.key)) return false;
  if (!set.id.value) return context.directive;
  return CAPTURE_ID_SHAPE.test(set.id.value);
}

/** `host[:port]` of a domain or URL as people write it in env files, or undefined when it is none. */
export function hostOf(value: string): string | undefined {
  const text = value.trim();
  if (!text || /\s/.test(text)) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    return url.hostname.includes('.') || url.hostname === 'localhost' || url.hostname.startsWith('[')
      ? url.host.toLowerCase()
      : undefined;
  } catch {
    return undefined;
  }
}

function isCaptureHost(host: string, configured: readonly string[]): boolean {
  return configured.includes(host) || CAPTURE_HOST.test(host.replace(/:\d+$/, ''));
}

function namesOtherProvider(idKey: string): boolean {
  return idKey
    .toUpperCase()
    .split('_')
    .some((word) => OTHER_PROVIDERS.has(word));
}

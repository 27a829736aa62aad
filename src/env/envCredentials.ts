/**
 * Finds Identity Cloud credentials in `.env` text, read the way dotenv reads it (envScanner.ts):
 * which key holds a client ID, which secret and which Capture domain go with it. Two ways pair
 * them: the configured key names (`identityCloud.envKeys`), and the `<PREFIX>_CLIENT_ID` /
 * `<PREFIX>_CLIENT_SECRET` / `<PREFIX>_CAPTURE_DOMAIN` (or `<PREFIX>_DOMAIN`) convention for the
 * other keys of the same file.
 */
import { isQuote, keyOf, Scanner, valueOf } from './envScanner';

/** The three key names a set of credentials is written under (the `identityCloud.envKeys` setting). */
export interface EnvKeyNames {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly captureDomain: string;
}

/** One key's value, with where that value sits in the text (quotes excluded). */
export interface EnvValue {
  readonly key: string;
  readonly value: string;
  /** Offset of the key, for a range to show when the value is empty. */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly start: number;
  readonly end: number;
}

/** A client ID key and the secret and domain keys paired with it. */
export interface CredentialSet {
  readonly id: EnvValue;
  readonly secret?: EnvValue;
  readonly domain?: EnvValue;
  /**
   * The values of the set's keys that say where its provider lives (`<PREFIX>_DOMAIN`,
   * `<PREFIX>_ISSUER`, `<PREFIX>_AUTHORITY`, …), the domain first: evidence of whose set it is.
   */
  readonly hosts: readonly EnvValue[];
}

export interface EnvCredentials {
  readonly sets: readonly CredentialSet[];
  /** Every assignment (the last one of a key, as dotenv keeps it), in order of appearance. */
  readonly values: readonly EnvValue[];
}

const ID_SUFFIX = '_CLIENT_ID';

/** Keys beside `<PREFIX>_CLIENT_ID` that name the provider's host (Auth0, Okta, Azure AD, Cognito, …). */
const HOST_SUFFIXES = [
  '_CAPTURE_DOMAIN',
  '_DOMAIN',
  '_ISSUER',
  '_ISSUER_URL',
  '_ISSUER_BASE_URL',
  '_ORG_URL',
  '_AUTHORITY',
] as const;

/** Reads the assignments of `text` and pairs IDs with their secrets and domains. */
export function findEnvCredentials(text: string, keys: EnvKeyNames): EnvCredentials {
  const byKey = new Map<string, EnvValue>();
  new Scanner(text).scan((a) => {
    const key = keyOf(text, a);
    let start = a.valueStart;
    let end = a.valueEnd;
    if (
      end - start >= 2 &&
      isQuote(text.charCodeAt(start)) &&
      text.charCodeAt(end - 1) === text.charCodeAt(start)
    ) {
      start++;
      end--;
    }
    byKey.delete(key); // dotenv keeps the last value of a key: so does the order here
    byKey.set(key, { key, value: valueOf(text, a), keyStart: a.keyStart, keyEnd: a.keyEnd, start, end });
    return true;
  });
  const sets: CredentialSet[] = [];
  const configured = byKey.get(keys.clientId);
  if (configured) {
    const domain = byKey.get(keys.captureDomain);
    sets.push(set(configured, byKey.get(keys.clientSecret), domain, domain ? [domain] : []));
  }
  for (const [key, value] of byKey) {
    if (key === keys.clientId || !key.endsWith(ID_SUFFIX) || key.length === ID_SUFFIX.length) continue;
    const prefix = key.slice(0, -ID_SUFFIX.length);
    const hosts = HOST_SUFFIXES.map((suffix) => byKey.get(prefix + suffix)).filter(
      (v): v is EnvValue => v !== undefined,
    );
    sets.push(
      set(
        value,
        byKey.get(`${prefix}_CLIENT_SECRET`),
        byKey.get(`${prefix}_CAPTURE_DOMAIN`) ?? byKey.get(`${prefix}_DOMAIN`),
        hosts,
      ),
    );
  }
  sets.sort((a, b) => a.id.keyStart - b.id.keyStart);
  return { sets, values: [...byKey.values()] };
}

function set(
  id: EnvValue,
  secret: EnvValue | undefined,
  domain: EnvValue | undefined,
  hosts: readonly EnvValue[],
): CredentialSet {
  return { id, ...(secret ? { secret } : {}), ...(domain ? { domain } : {}), hosts };
}

/**
 * The key names a set is written under, for writing new credentials in its place: its own ID,
 * secret and domain keys; a key it lacks is named by its prefix (`CHECKOUT_CLIENT_SECRET`), or is
 * the configured one for the configured set.
 */
export function keyNamesOf(set: CredentialSet, configured: EnvKeyNames): EnvKeyNames {
  const key = set.id.key;
  const prefix =
    key !== configured.clientId && key.endsWith(ID_SUFFIX) ? key.slice(0, -ID_SUFFIX.length) : undefined;
  return {
    clientId: key,
    clientSecret: set.secret?.key ?? (prefix ? `${prefix}_CLIENT_SECRET` : configured.clientSecret),
    captureDomain: set.domain?.key ?? (prefix ? `${prefix}_CAPTURE_DOMAIN` : configured.captureDomain),
  };
}

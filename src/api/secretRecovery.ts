// Once /clients/add or /clients/reset_secret has answered "stat":"ok", the secret exists on the
// server. When the answer does not hold it where DOMAIN.md says, these functions look for it in
// the shapes the docs also describe (one page calls reset_secret's `new_secret` a dictionary) or a
// service might plausibly send (the client wrapped in `result`), and describe the shape for the log
// by field names only: values may be secrets.
import { apiClientSchema } from './schemas';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Keys a secret has been seen or documented under, most specific first. */
const SECRET_KEYS = ['secret', 'client_secret', 'new_secret', 'value', '_secret'];
/** Keys a service wraps its payload in. */
const WRAPPERS = ['result', 'client', 'data'];

/**
 * The new secret from a `reset_secret` answer: `new_secret` as documented (a string), or as a
 * dictionary holding it under a known key (or as its only string), or wrapped in `result`.
 */
export function findNewSecret(body: Json): string | undefined {
  for (const candidate of [body, ...WRAPPERS.map((w) => body[w]).filter(isObject)]) {
    const value = candidate.new_secret ?? candidate.client_secret;
    if (nonEmpty(value)) return value;
    if (isObject(value)) {
      const known = SECRET_KEYS.map((k) => value[k]).find(nonEmpty);
      if (known) return known;
      const strings = Object.values(value).filter(nonEmpty);
      if (strings.length === 1) return strings[0];
    }
  }
  return undefined;
}

export interface CreatedClientShape {
  readonly client_id: string;
  readonly client_secret: string;
  readonly description?: string | null;
  readonly features?: string[] | null;
  readonly whitelist?: string[] | null;
}

/** The created client from an `add` answer wrapped in `result`, `client` or `data`, or with the secret as a dictionary. */
export function findCreatedClient(body: Json): CreatedClientShape | undefined {
  for (const candidate of [body, ...WRAPPERS.map((w) => body[w]).filter(isObject)]) {
    const secret = candidate.client_secret;
    const flattened = isObject(secret)
      ? { ...candidate, client_secret: findNewSecret({ new_secret: secret }) }
      : candidate;
    const parsed = apiClientSchema.safeParse(flattened);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/** The client id an `add` answer names, wherever it put it. */
export function findClientId(body: Json): string | undefined {
  for (const candidate of [body, ...WRAPPERS.map((w) => body[w]).filter(isObject)]) {
    const id = candidate.client_id ?? candidate._id;
    if (nonEmpty(id)) return id;
  }
  return undefined;
}

/**
 * The answer's shape for the log: field names and, one level down, the names inside objects, e.g.
 * `stat, new_secret{secret}`. Never a value.
 */
export function describeShape(body: Json): string {
  const name = (key: string) => key.replace(/[^\w.-]/g, '?').slice(0, 40);
  return (
    Object.entries(body)
      .slice(0, 30)
      .map(([key, value]) => {
        if (isObject(value)) return `${name(key)}{${Object.keys(value).slice(0, 20).map(name).join(', ')}}`;
        if (Array.isArray(value)) return `${name(key)}[]`;
        return name(key);
      })
      .join(', ') || '(no fields)'
  );
}

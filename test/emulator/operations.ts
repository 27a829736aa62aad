import { OPEN_WHITELIST, randomToken, type ClientStore, type EmulatedClient } from './store';

// What each /clients/<op> does once the caller is authenticated and allowed, following
// /work/shared/DOMAIN.md. Where the public docs are silent the emulator picks the stricter or the
// more dangerous reading, so the extension is tested against the worst plausible server:
//   - an empty parameter counts as missing (so an empty for_client_id acts on the caller);
//   - deleting any client is allowed, including the calling owner client;
//   - has_features=[] does not filter.

/** `/settings/<op>`, named with their `settings/` prefix. */
export const SETTINGS_OPERATIONS = [
  'settings/items',
  'settings/keys',
  'settings/get',
  'settings/get_multi',
  'settings/set',
  'settings/set_multi',
  'settings/delete',
  'settings/get_default',
  'settings/set_default',
  'settings/delete_default',
] as const;

/** What a client without `owner` may call: reading its own settings (no `for_client_id`). */
export const SELF_READ_OPERATIONS: readonly string[] = [
  'settings/items',
  'settings/keys',
  'settings/get',
  'settings/get_multi',
];

export const OPERATIONS = [
  'add',
  'list',
  'delete',
  'set_description',
  'set_features',
  'set_whitelist',
  'clear_whitelist',
  'reset_secret',
  ...SETTINGS_OPERATIONS,
] as const;

export type Operation = (typeof OPERATIONS)[number];

export function isOperation(op: string): op is Operation {
  return (OPERATIONS as readonly string[]).includes(op);
}

/** A Capture error as the emulator answers it (HTTP 200, `"stat":"error"`). */
export interface CaptureErrorSpec {
  code: number;
  error: string;
  description: string;
  argumentName?: string;
}

export class OperationFailure extends Error {
  constructor(readonly spec: CaptureErrorSpec) {
    super(spec.description);
  }
}

export interface OperationContext {
  readonly store: ClientStore;
  readonly caller: EmulatedClient;
  readonly callerIp: string;
  readonly now: number;
  /** The raw form parameters (settings/set tells an empty value from a missing one). */
  readonly params?: URLSearchParams;
}

export const KNOWN_FEATURES = [
  'owner',
  'access_issuer',
  'direct_read_access',
  'direct_access',
  'login_client',
  'metadata',
];

const HOUR_MS = 3_600_000;

export function missing(name: string): OperationFailure {
  return new OperationFailure({
    code: 100,
    error: 'missing_argument',
    description: `missing required argument: ${name}`,
    argumentName: name,
  });
}

export function invalid(name: string, reason: string): OperationFailure {
  return new OperationFailure({
    code: 200,
    error: 'invalid_argument',
    description: `${name} was not valid for the following reason: ${reason}`,
    argumentName: name,
  });
}

/** Runs one operation. Returns the success body (without `stat`), or throws an {@link OperationFailure}. */
export function runOperation(
  op: Operation,
  params: URLSearchParams,
  ctx: OperationContext,
): Record<string, unknown> {
  const { store, caller } = ctx;
  const get = (name: string): string | undefined => {
    const value = params.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const required = (...names: string[]): string[] =>
    names.map((name) => {
      const value = get(name);
      if (value === undefined) throw missing(name);
      return value;
    });
  /** The client named by `for_client_id`, or the caller itself when it is left out (as Capture does). */
  const target = (): EmulatedClient => {
    const id = get('for_client_id');
    return id === undefined ? caller : findClient('for_client_id', id);
  };
  const findClient = (name: string, id: string): EmulatedClient => {
    const client = store.get(id);
    if (!client) throw invalid(name, `there is no client with the id ${id}`);
    return client;
  };

  switch (op) {
    case 'add': {
      const [description] = required('description');
      const featuresText = get('features');
      const features =
        featuresText === undefined ? [] : checkFeatures(stringArray('features', featuresText), []);
      const client = store.add({ description, features });
      return describe(client);
    }
    case 'list': {
      const filterText = get('has_features');
      const filter = filterText === undefined ? [] : stringArray('has_features', filterText);
      for (const f of filter)
        if (!KNOWN_FEATURES.includes(f)) throw invalid('has_features', `${f} is not a valid feature name`);
      const clients = store
        .all()
        .filter((c) => filter.length === 0 || c.features.some((f) => filter.includes(f)));
      return { results: clients.map(describe) };
    }
    case 'delete': {
      const [id] = required('client_id_for_deletion');
      store.delete(findClient('client_id_for_deletion', id).clientId);
      return {};
    }
    case 'set_description': {
      const [description] = required('description');
      store.update(target(), (c) => (c.description = description));
      return {};
    }
    case 'set_features': {
      const [featuresText] = required('features');
      const client = target();
      const features = checkFeatures(stringArray('features', featuresText), client.features);
      if (client === caller && !features.includes('owner')) {
        throw invalid('features', 'an owner client cannot remove the owner feature from itself');
      }
      store.update(client, (c) => (c.features = features));
      return {};
    }
    case 'set_whitelist': {
      const [whitelistText] = required('whitelist');
      const client = target();
      const whitelist = stringArray('whitelist', whitelistText);
      for (const entry of whitelist) {
        if (!isIpv4Range(entry)) throw invalid('whitelist', `${entry} is not an IPv4 address or CIDR range`);
      }
      if (client === caller && !whitelist.some((entry) => ipv4RangeContains(entry, ctx.callerIp))) {
        throw invalid(
          'whitelist',
          `the allow list of the calling client must include the caller's address ${ctx.callerIp}`,
        );
      }
      store.update(client, (c) => (c.whitelist = whitelist));
      return {};
    }
    case 'clear_whitelist': {
      store.update(target(), (c) => (c.whitelist = [...OPEN_WHITELIST]));
      return {};
    }
    case 'reset_secret': {
      const [id, hoursText] = required('for_client_id', 'hours_to_live');
      if (!/^\d{1,3}$/.test(hoursText) || Number(hoursText) > 168) {
        throw invalid('hours_to_live', 'it must be an integer from 0 to 168');
      }
      const client = findClient('for_client_id', id);
      const newSecret = randomToken();
      store.update(client, (c) => {
        c.retiredSecrets = c.retiredSecrets.filter((r) => r.validUntil > ctx.now);
        c.retiredSecrets.push({ secret: c.clientSecret, validUntil: ctx.now + Number(hoursText) * HOUR_MS });
        c.clientSecret = newSecret;
      });
      return { new_secret: newSecret };
    }
    default:
      return runSettingsOperation(op, ctx, get, required, target);
  }
}

/** `/settings/<op>`: `{ result }` bodies; values are strings, a client's own value overrides the default. */
function runSettingsOperation(
  op: Operation,
  ctx: OperationContext,
  get: (name: string) => string | undefined,
  required: (...names: string[]) => string[],
  target: () => EmulatedClient,
): Record<string, unknown> {
  const { store } = ctx;
  const effective = (c: EmulatedClient) => ({ ...store.defaults, ...c.settings });
  // A value may be the empty string: only a key is required to be present and non-empty.
  const value = (): string => {
    const v = get('value') ?? (ctx.params?.has('value') ? '' : undefined);
    if (v === undefined) throw missing('value');
    return v;
  };
  switch (op) {
    case 'settings/items':
      return { result: effective(target()) };
    case 'settings/keys':
      return { result: Object.keys(effective(target())) };
    case 'settings/get': {
      const [key] = required('key');
      return { result: effective(target())[key!] ?? null };
    }
    case 'settings/get_multi': {
      const [keysText] = required('keys');
      const all = effective(target());
      return {
        result: Object.fromEntries(stringArray('keys', keysText!).map((k) => [k, all[k] ?? null])),
      };
    }
    case 'settings/set': {
      const [key] = required('key');
      const v = value();
      const client = target();
      const existed = key! in client.settings;
      store.update(client, (c) => (c.settings[key!] = v));
      return { result: existed };
    }
    case 'settings/set_multi': {
      const [itemsText] = required('items');
      const items = stringObject('items', itemsText!);
      const client = target();
      const result = Object.fromEntries(Object.keys(items).map((k) => [k, k in client.settings]));
      store.update(client, (c) => Object.assign(c.settings, items));
      return { result };
    }
    case 'settings/delete': {
      const [key] = required('key');
      const client = target();
      const existed = key! in client.settings;
      if (existed) store.update(client, (c) => delete c.settings[key!]);
      return { result: existed };
    }
    case 'settings/get_default': {
      const [key] = required('key');
      return { result: store.defaults[key!] ?? null };
    }
    case 'settings/set_default': {
      const [key] = required('key');
      const v = value();
      const existed = key! in store.defaults;
      store.updateDefaults((d) => (d[key!] = v));
      return { result: existed };
    }
    case 'settings/delete_default': {
      const [key] = required('key');
      const existed = key! in store.defaults;
      if (existed) store.updateDefaults((d) => delete d[key!]);
      return { result: existed };
    }
    default:
      throw new Error(`not a settings operation: ${op}`);
  }
}

/** A JSON object whose values are all strings (set_multi's `items`). */
function stringObject(name: string, text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(name, 'it is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(name, 'it must be a JSON object of keys and string values');
  }
  for (const [key, v] of Object.entries(value)) {
    if (key === '') throw invalid(name, 'a key must not be empty');
    if (typeof v !== 'string') throw invalid(name, `the value of ${key} must be a string`);
  }
  return value as Record<string, string>;
}

function describe(c: EmulatedClient): Record<string, unknown> {
  return {
    client_id: c.clientId,
    client_secret: c.clientSecret,
    description: c.description,
    features: [...c.features],
    whitelist: [...c.whitelist],
  };
}

function stringArray(name: string, text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(name, 'it is not valid JSON');
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw invalid(name, 'it must be a JSON array of strings');
  }
  return value;
}

/** Capture's feature rules: known names only, `metadata` only where Akamai put it, `login_client` alone. */
function checkFeatures(requested: string[], existing: string[]): string[] {
  const features = [...new Set(requested)];
  for (const f of features) {
    if (f === 'metadata' && !existing.includes('metadata'))
      throw invalid('features', 'metadata can only be assigned by Akamai');
    if (!KNOWN_FEATURES.includes(f)) throw invalid('features', `${f} is not a valid feature name`);
  }
  if (features.includes('login_client') && features.length > 1) {
    throw invalid('features', 'login_client cannot be combined with other features');
  }
  return features;
}

// The emulator's own IPv4 arithmetic, deliberately independent of src/api/validation.ts so a bug
// there cannot hide itself.
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4ToInt(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

function parseRange(entry: string): { base: number; bits: number } | undefined {
  const [address, bitsText, extra] = entry.split('/');
  if (extra !== undefined || address === undefined) return undefined;
  const base = ipv4ToInt(address);
  const bits = bitsText === undefined ? 32 : /^\d{1,2}$/.test(bitsText) ? Number(bitsText) : NaN;
  if (base === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  return { base, bits };
}

export function isIpv4Range(entry: string): boolean {
  return parseRange(entry) !== undefined;
}

export function ipv4RangeContains(entry: string, address: string): boolean {
  const range = parseRange(entry);
  const ip = ipv4ToInt(address);
  if (!range || ip === undefined) return false;
  const size = 2 ** (32 - range.bits);
  return Math.floor(range.base / size) === Math.floor(ip / size);
}

import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** One API client as the emulator keeps it. */
export interface EmulatedClient {
  clientId: string;
  clientSecret: string;
  description: string;
  features: string[];
  whitelist: string[];
  /** Secrets replaced by reset_secret that keep authenticating until `validUntil` (ms since epoch, emulator clock). */
  retiredSecrets: Array<{ secret: string; validUntil: number }>;
  /** The client's own settings (`/settings/*`), on top of the application defaults. */
  settings: Record<string, string>;
}

/** What `addClient` accepts: anything left out is generated or defaulted like `/clients/add` does. */
export type ClientSeed = Partial<EmulatedClient>;

interface PersistedState {
  version: 1;
  ownerClientId: string;
  clients: EmulatedClient[];
  /** Application-wide setting defaults (absent in files written before settings existed). */
  defaults?: Record<string, string>;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 32 random lowercase letters and digits, the shape of Capture client ids and secrets. */
export function randomToken(length = 32): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export const OPEN_WHITELIST = ['0.0.0.0/0'];

export function copyClient(c: EmulatedClient): EmulatedClient {
  return {
    ...c,
    features: [...c.features],
    whitelist: [...c.whitelist],
    retiredSecrets: c.retiredSecrets.map((r) => ({ ...r })),
    settings: { ...c.settings },
  };
}

/**
 * The emulated application's clients, in creation order, with optional JSON-file persistence
 * (written after every change through a temporary file and a rename, so a crash never leaves half a file).
 */
export class ClientStore {
  private readonly byId = new Map<string, EmulatedClient>();
  /** Application-wide setting defaults: every client without its own value gets these. */
  readonly defaults: Record<string, string> = {};
  readonly ownerClientId: string;
  /** True when the state came from an existing persistence file. */
  readonly loaded: boolean;

  constructor(
    private readonly persistFile: string | undefined,
    seedOwner: { clientId?: string; clientSecret?: string; description?: string } = {},
  ) {
    const saved = persistFile && existsSync(persistFile) ? readState(persistFile) : undefined;
    if (saved) {
      for (const c of saved.clients) this.byId.set(c.clientId, copyClient(c));
      this.ownerClientId = saved.ownerClientId;
      Object.assign(this.defaults, saved.defaults ?? {});
      this.loaded = true;
    } else {
      this.ownerClientId = this.insert({
        clientId: seedOwner.clientId,
        clientSecret: seedOwner.clientSecret,
        description: seedOwner.description ?? 'Emulator owner client',
        features: ['owner'],
      }).clientId;
      this.loaded = false;
      this.save();
    }
  }

  get(clientId: string): EmulatedClient | undefined {
    return this.byId.get(clientId);
  }

  all(): EmulatedClient[] {
    return [...this.byId.values()];
  }

  add(seed: ClientSeed): EmulatedClient {
    const client = this.insert(seed);
    this.save();
    return client;
  }

  private insert(seed: ClientSeed): EmulatedClient {
    let clientId = seed.clientId ?? randomToken();
    while (seed.clientId === undefined && this.byId.has(clientId)) clientId = randomToken();
    if (this.byId.has(clientId)) throw new Error(`The emulator already has a client ${clientId}.`);
    const client: EmulatedClient = {
      clientId,
      clientSecret: seed.clientSecret ?? randomToken(),
      description: seed.description ?? '',
      features: [...(seed.features ?? [])],
      whitelist: [...(seed.whitelist ?? OPEN_WHITELIST)],
      retiredSecrets: (seed.retiredSecrets ?? []).map((r) => ({ ...r })),
      settings: { ...seed.settings },
    };
    this.byId.set(clientId, client);
    return client;
  }

  delete(clientId: string): boolean {
    const deleted = this.byId.delete(clientId);
    if (deleted) this.save();
    return deleted;
  }

  /** Applies `change` to a stored client and persists the result. */
  update(client: EmulatedClient, change: (c: EmulatedClient) => void): void {
    change(client);
    this.save();
  }

  /** Changes the application defaults and persists them. */
  updateDefaults(change: (defaults: Record<string, string>) => void): void {
    change(this.defaults);
    this.save();
  }

  /** The client these credentials authenticate, honouring retired secrets still in their grace period. */
  authenticate(clientId: string, secret: string, now: number): EmulatedClient | undefined {
    const client = this.byId.get(clientId);
    if (!client) return undefined;
    if (client.clientSecret === secret) return client;
    return client.retiredSecrets.some((r) => r.secret === secret && now < r.validUntil) ? client : undefined;
  }

  private save(): void {
    if (!this.persistFile) return;
    const state: PersistedState = {
      version: 1,
      ownerClientId: this.ownerClientId,
      clients: this.all(),
      defaults: this.defaults,
    };
    const temp = `${this.persistFile}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(state, null, 2), { mode: 0o600 });
    renameSync(temp, this.persistFile);
  }
}

function readState(file: string): PersistedState {
  const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<PersistedState>;
  if (state.version !== 1 || typeof state.ownerClientId !== 'string' || !Array.isArray(state.clients)) {
    throw new Error(`${file} is not an emulator state file (version 1).`);
  }
  return {
    version: 1,
    ownerClientId: state.ownerClientId,
    clients: state.clients.map((c) => ({
      ...c,
      retiredSecrets: c.retiredSecrets ?? [],
      settings: c.settings ?? {},
    })),
    defaults: state.defaults ?? {},
  };
}

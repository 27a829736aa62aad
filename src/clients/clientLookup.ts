/**
 * The client index's lookup: each application's clients in maps of their own, so that one
 * application's list arriving costs O(that application) and nothing is rebuilt on a hover. It
 * counts generations, and an analysis records what it asked ({@link RecordingLookup}), so that
 * after a change only the analyses that change could alter are computed again.
 */
import type { ApiClient } from '../api/captureClient';
import type { IndexedClient, IndexSnapshot } from '../env/credentialFindings';

/** An application as the lookup needs it (from the settings). */
export interface ConfiguredApplication {
  readonly name: string;
  /** The application's Capture domain (a normalised origin). */
  readonly domain: string;
  readonly ownerClientIds: readonly string[];
}

interface Entry {
  readonly name: string;
  readonly domain: string;
  readonly owners: ReadonlySet<string>;
  /** Undefined until the application has been listed. */
  byId?: Map<string, ApiClient>;
  /**
   * The secrets of the application's clients, the very strings its clients hold. A set, not a
   * map to the client: a hit (a real secret in a file git would commit) is rare and finds its
   * client among the application's, and a set takes less memory. Built with `byId` as the list
   * arrives: built on the first question instead, all 50 applications' at once held the
   * extension host for tens of milliseconds.
   */
  secrets?: Set<string>;
  /** The generation at which what this application answers last changed. */
  changedAt: number;
}

/** What an analysis asked the lookup: each key, and the application that answered (or none). */
export interface Asked {
  readonly generation: number;
  readonly context: string;
  readonly ids: ReadonlyMap<string, string | undefined>;
  readonly secrets: ReadonlyMap<string, string | undefined>;
}

export class ClientLookup implements IndexSnapshot {
  private entries: Entry[] = [];
  private byName = new Map<string, Entry>();
  private current = 0;
  private isStale = false;
  private listedApplications: readonly {
    readonly name: string;
    readonly domain: string;
    readonly listed: boolean;
  }[] = [];
  private contextKey = '';
  private changedMemo: {
    at: number;
    since: Map<number, { changed: Entry[]; names: Set<string> }>;
  } = { at: -1, since: new Map() };

  /** Counts changes: anything computed at an older generation may be out of date. */
  get generation(): number {
    return this.current;
  }

  get applications(): readonly {
    readonly name: string;
    readonly domain: string;
    readonly listed: boolean;
  }[] {
    return this.listedApplications;
  }

  get stale(): boolean {
    return this.isStale;
  }

  /**
   * The applications in the settings, in their order (the first that knows a client answers for
   * it). An application whose domain or owner clients changed keeps the clients listed before
   * until it is listed again; one no longer configured is forgotten.
   */
  configure(applications: readonly ConfiguredApplication[]): void {
    const generation = ++this.current;
    const byName = new Map<string, Entry>();
    for (const app of applications) {
      if (byName.has(app.name)) continue;
      const old = this.byName.get(app.name);
      const owners = new Set(app.ownerClientIds);
      const same =
        old !== undefined &&
        old.domain === app.domain &&
        old.owners.size === owners.size &&
        [...owners].every((id) => old.owners.has(id));
      byName.set(
        app.name,
        same
          ? old
          : {
              name: app.name,
              domain: app.domain,
              owners,
              byId: old?.byId,
              secrets: old?.secrets,
              changedAt: generation,
            },
      );
    }
    this.byName = byName;
    this.entries = [...byName.values()];
    this.update();
  }

  /** One application's clients arrived (undefined: forget them). Costs O(that application). */
  setClients(name: string, clients: readonly ApiClient[] | undefined): void {
    const entry = this.byName.get(name);
    if (!entry) return;
    entry.changedAt = ++this.current;
    if (!clients) {
      entry.byId = undefined;
      entry.secrets = undefined;
    } else {
      const byId = new Map<string, ApiClient>();
      const secrets = new Set<string>();
      for (const client of clients) {
        if (!byId.has(client.clientId)) byId.set(client.clientId, client);
        secrets.add(client.clientSecret);
      }
      entry.byId = byId;
      entry.secrets = secrets;
    }
    this.update();
  }

  /** Whether the last refresh of at least one application failed. */
  setStale(stale: boolean): void {
    if (stale === this.isStale) return;
    this.isStale = stale;
    this.current++;
    this.update();
  }

  lookup(clientId: string): IndexedClient | undefined {
    for (const entry of this.entries) {
      const client = entry.byId?.get(clientId);
      if (client) return indexed(entry, client);
    }
    return undefined;
  }

  secretOwner(secret: string): IndexedClient | undefined {
    for (const entry of this.entries) {
      if (!entry.secrets?.has(secret)) continue;
      for (const client of entry.byId!.values())
        if (client.clientSecret === secret) return indexed(entry, client);
    }
    return undefined;
  }

  /**
   * Whether what `asked` recorded could have another answer now: an application that answered
   * changed, one that changed since knows a key that had no answer (or another one), or which
   * applications are configured, complete or stale changed.
   */
  affects(asked: Asked): boolean {
    if (asked.generation === this.current) return false;
    if (asked.context !== this.contextKey) return true;
    const { changed, names } = this.changedSince(asked.generation);
    if (changed.length === 0) return false;
    const differs = (
      keys: ReadonlyMap<string, string | undefined>,
      map: (e: Entry) => ReadonlySet<string> | ReadonlyMap<string, unknown> | undefined,
    ) => {
      for (const [key, answeredBy] of keys) {
        if (answeredBy !== undefined && names.has(answeredBy)) return true;
        if (changed.some((e) => map(e)?.has(key))) return true;
      }
      return false;
    };
    return differs(asked.ids, (e) => e.byId) || differs(asked.secrets, (e) => e.secrets);
  }

  /**
   * The applications changed since `generation`, kept for the current generation: after a list
   * arrives, hundreds of analyses made at the same generation ask the same question.
   */
  private changedSince(generation: number): { changed: Entry[]; names: Set<string> } {
    if (this.changedMemo.at !== this.current) this.changedMemo = { at: this.current, since: new Map() };
    let answer = this.changedMemo.since.get(generation);
    if (!answer) {
      const changed = this.entries.filter((e) => e.changedAt > generation);
      answer = { changed, names: new Set(changed.map((e) => e.name)) };
      this.changedMemo.since.set(generation, answer);
    }
    return answer;
  }

  private update(): void {
    this.listedApplications = this.entries.map((e) => ({
      name: e.name,
      domain: e.domain,
      listed: e.byId !== undefined,
    }));
    const complete = this.entries.length > 0 && this.entries.every((e) => e.byId !== undefined);
    this.contextKey = JSON.stringify([this.isStale, complete, this.entries.map((e) => [e.name, e.domain])]);
  }

  /** The context an analysis depends on beyond its own keys (see {@link affects}). */
  get context(): string {
    return this.contextKey;
  }
}

/** A view of a lookup that records every question and its answer, for {@link ClientLookup.affects}. */
export class RecordingLookup implements IndexSnapshot {
  private readonly ids = new Map<string, string | undefined>();
  private readonly secretsAsked = new Map<string, string | undefined>();
  private readonly generation: number;
  private readonly context: string;

  constructor(private readonly lookupTable: ClientLookup) {
    this.generation = lookupTable.generation;
    this.context = lookupTable.context;
  }

  get applications() {
    return this.lookupTable.applications;
  }

  get stale(): boolean {
    return this.lookupTable.stale;
  }

  lookup(clientId: string): IndexedClient | undefined {
    const found = this.lookupTable.lookup(clientId);
    this.ids.set(clientId, found?.application);
    return found;
  }

  secretOwner(secret: string): IndexedClient | undefined {
    const found = this.lookupTable.secretOwner(secret);
    this.secretsAsked.set(secret, found?.application);
    return found;
  }

  asked(): Asked {
    return { generation: this.generation, context: this.context, ids: this.ids, secrets: this.secretsAsked };
  }
}

function indexed(entry: Entry, client: ApiClient): IndexedClient {
  return { application: entry.name, domain: entry.domain, client, own: entry.owners.has(client.clientId) };
}

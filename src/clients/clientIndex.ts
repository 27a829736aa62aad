import vscode = require('vscode');
import type { ApiClient } from '../api/captureClient';
import type { Application, ApplicationStore } from '../applications/applicationStore';
import type { OwnerSession } from '../applications/ownerSession';
import { Views } from '../ids';
import { clientListMaxAgeMs } from '../settings';
import { ClientLookup } from './clientLookup';
import { concurrencyLimit, MAX_LISTS_IN_FLIGHT } from './limiter';

export type Listing =
  | { state: 'loaded'; clients: readonly ApiClient[] }
  /** No owner secret: `asked` tells whether the user was asked for it (and cancelled). */
  | { state: 'missingSecret'; asked: boolean }
  | { state: 'failed'; error: unknown };

/** Made on the first sort, not at activation: the first collator of a process loads ICU's data (8 ms here). */
let collator: Intl.Collator | undefined;

interface Entry {
  readonly pending: Promise<Listing>;
  /** When the request started (a failure counts too: it is not retried before the window ends). */
  readonly startedAt: number;
  settled?: Listing;
}

/**
 * Every client of every configured application, from one `/clients/list` per application, held in
 * memory only (a listing carries every client's secret) and shared by the tree, the commands and
 * the editor features: one list call serves them all. It lists again on Refresh, after a command
 * changed a client ({@link refresh}), and when an env file is opened or saved and the listing is
 * older than `identityCloud.clientListMaxAgeMinutes` ({@link ensureFresh}). A failed listing keeps
 * the clients listed before and marks the snapshot stale; it is tried again only on the next of
 * those triggers, never in a loop (a 510 asks to back off). Requests go only to the applications
 * in the user's settings, at most {@link MAX_LISTS_IN_FLIGHT} at once. Each application's clients
 * live in maps of their own ({@link ClientLookup}): one list arriving costs O(that application).
 */
export class ClientIndex implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what the lookup answers changed; nobody needs to poll. */
  readonly onDidChange = this.changed.event;
  private readonly lookup = new ClientLookup();
  /** Whether the lookup has the applications of the settings: done on first use, not at activation. */
  private configured = false;
  private readonly limit = concurrencyLimit(MAX_LISTS_IN_FLIGHT);
  /**
   * Whether something on screen shows the index (an env file open in an editor): only then does a
   * refresh list again at once; otherwise the next reader lists on demand.
   */
  private watched: () => boolean = () => false;
  private relistScheduled = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ApplicationStore,
    private readonly session: OwnerSession,
    private readonly now: () => number = Date.now,
  ) {
    this.subscription = store.onDidChange(() => {
      const apps = store.list();
      const names = new Set(apps.map((a) => a.name));
      for (const name of this.entries.keys()) if (!names.has(name)) this.entries.delete(name);
      if (this.configured) this.configure(apps);
      this.updateStale();
      this.changed.fire();
    });
  }

  private configure(apps = this.store.list()): void {
    this.configured = true;
    this.lookup.configure(
      apps.map((app) => ({
        name: app.name,
        domain: app.domain,
        ownerClientIds: apps.filter((a) => a.domain === app.domain).map((a) => a.clientId),
      })),
    );
  }

  /** The listing of an application: the one in memory, or a new request (shared while in flight). */
  listing(app: Application, askForSecret: boolean): Promise<Listing> {
    let entry = this.entries.get(app.name);
    if (!entry) {
      const created: Entry = { pending: this.fetch(app, askForSecret), startedAt: this.now() };
      this.entries.set(app.name, created);
      void created.pending.then((listing) => this.settle(app, created, listing));
      entry = created;
    }
    return entry.pending;
  }

  /** Whether a listing of the application is in memory (or on its way). */
  has(app: Application): boolean {
    return this.entries.has(app.name);
  }

  /** Tells the index how to know whether anything on screen shows it (see {@link refresh}). */
  watchWhile(shown: () => boolean): void {
    this.watched = shown;
  }

  /** Forgets what is known of one application (or all), so that the next reader lists again. */
  forget(app?: Application): void {
    if (app) this.entries.delete(app.name);
    else this.entries.clear();
  }

  /** Forgets and, when the editor features read the index, lists again now. */
  refresh(app?: Application): void {
    this.forget(app);
    // Several refreshes in one turn (a settings change and a secret change together) list once.
    if (!this.relistScheduled && this.watched()) {
      this.relistScheduled = true;
      setImmediate(() => {
        this.relistScheduled = false;
        this.listAll(Number.POSITIVE_INFINITY);
      });
    }
  }

  /** Lists the applications whose listing is older than the configured window (env file opened or saved). */
  ensureFresh(): void {
    this.listAll(clientListMaxAgeMs());
  }

  /** {@link ensureFresh}, resolving once every listing in flight has settled (a whole-workspace check). */
  async fresh(): Promise<void> {
    this.ensureFresh();
    await Promise.all([...this.entries.values()].map((e) => e.pending));
  }

  /** What the editor features read: always the current clients, never a request, nothing rebuilt. */
  snapshot(): ClientLookup {
    if (!this.configured) this.configure();
    return this.lookup;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private listAll(olderThanMs: number): void {
    const now = this.now();
    for (const app of this.store.list()) {
      const entry = this.entries.get(app.name);
      if (entry && (!entry.settled || now - entry.startedAt < olderThanMs)) continue;
      this.entries.delete(app.name);
      void this.listing(app, false);
    }
  }

  private settle(app: Application, entry: Entry, listing: Listing): void {
    entry.settled = listing;
    if (this.entries.get(app.name) !== entry) return; // forgotten meanwhile: a newer listing counts
    if (listing.state === 'loaded') this.snapshot().setClients(app.name, listing.clients);
    this.updateStale();
    this.changed.fire();
  }

  private updateStale(): void {
    this.lookup.setStale([...this.entries.values()].some((e) => e.settled?.state === 'failed'));
  }

  private async fetch(app: Application, askForSecret: boolean): Promise<Listing> {
    try {
      const credentials = await this.session.credentials(app, askForSecret);
      if (!credentials) return { state: 'missingSecret', asked: askForSecret };
      const client = this.session.client(credentials, app.name);
      const clients = await this.limit(
        async () =>
          await vscode.window.withProgress({ location: { viewId: Views.clients } }, () => client.list()),
      );
      return { state: 'loaded', clients: clients.sort(byDescription) };
    } catch (error) {
      return { state: 'failed', error };
    }
  }
}

function byDescription(a: ApiClient, b: ApiClient): number {
  collator ??= new Intl.Collator(undefined);
  return collator.compare(a.description, b.description) || collator.compare(a.clientId, b.clientId);
}

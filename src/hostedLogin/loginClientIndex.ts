import vscode = require('vscode');
import type { LoginClient } from '../api/hostedLoginClient';
import { hostedLoginBase } from '../api/hostedLoginLocation';
import type { Application, ApplicationStore } from '../applications/applicationStore';
import {
  applicationsToList,
  type HostedLoginApplication,
  type HostedLoginSnapshot,
  type OidcSet,
} from '../env/oidcFindings';
import { clientListMaxAgeMs } from '../settings';
import type { HostedLoginSession, LoginClientsChange } from './hostedLoginSession';

interface Entry {
  /** The application's `hostedLogin` entry: another one starts from nothing. */
  readonly connection: string;
  issuer?: string;
  clients?: LoginClient[];
  /** When discovery was last asked (a failure is not asked again before the window ends). */
  discoveredAt?: number;
  discovery?: Promise<void>;
  listedAt?: number;
  listing?: Promise<void>;
}

/**
 * What the env file features know of the connected applications' Hosted Login, in memory: each
 * one's issuer (from its discovery document) and login clients. The login clients come from the
 * view's listing and the login client commands ({@link HostedLoginSession.announce}), or from one
 * list per application when an env file whose OIDC keys point at that application is opened or
 * saved ({@link gather}) and the list in memory is older than `identityCloud.clientListMaxAgeMinutes`.
 * A keystroke never lists; nothing here asks the user for a secret (an application whose
 * configuration secret is not stored simply stays unlisted).
 */
export class LoginClientIndex implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when an issuer or a list arrived, or a command changed a login client. */
  readonly onDidChange = this.changed.event;
  private current: HostedLoginSnapshot | undefined;
  private changes = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: ApplicationStore,
    private readonly session: HostedLoginSession,
    private readonly log: vscode.LogOutputChannel,
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions = [
      this.changed,
      session.onDidChangeLoginClients((change) => this.apply(change)),
      store.onDidChange(() => this.touch()),
    ];
  }

  /** Counts changes: an analysis made at another generation may be out of date. */
  get generation(): number {
    return this.changes;
  }

  /** The connected applications as the analysis reads them; rebuilt only after a change. */
  snapshot(): HostedLoginSnapshot {
    this.current ??= {
      applications: this.connected().map((app): HostedLoginApplication => {
        const entry = this.entry(app);
        return {
          name: app.name,
          defaultIssuer: `${hostedLoginBase(app.hostedLogin!)}/login`,
          ...(entry.issuer ? { issuer: entry.issuer } : {}),
          ...(entry.clients ? { clients: entry.clients } : {}),
        };
      }),
    };
    return this.current;
  }

  /**
   * An env file with these OIDC keys was opened or saved: reads the discovery document of each
   * connected application once (no credentials), then lists the login clients of the applications
   * the keys point at (oidcFindings.ts applicationsToList), each at most once per window.
   */
  gather(set: OidcSet | undefined): void {
    if (!set?.id?.value.trim() && !set?.issuer?.value.trim()) return;
    const apps = this.connected();
    if (apps.length === 0) return;
    void Promise.all(apps.map((app) => this.discover(app))).then(() => {
      const names = applicationsToList(set, this.snapshot());
      for (const app of apps) if (names.includes(app.name)) void this.list(app);
    });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private connected(): Application[] {
    return this.store.list().filter((app) => app.hostedLogin !== undefined);
  }

  private entry(app: Application): Entry {
    const connection = JSON.stringify(app.hostedLogin ?? null);
    let entry = this.entries.get(app.name);
    if (!entry || entry.connection !== connection) {
      entry = { connection };
      this.entries.set(app.name, entry);
    }
    return entry;
  }

  private discover(app: Application): Promise<void> {
    const entry = this.entry(app);
    if (entry.issuer) return Promise.resolve();
    if (entry.discovery) return entry.discovery;
    if (entry.discoveredAt !== undefined && this.now() - entry.discoveredAt < clientListMaxAgeMs())
      return Promise.resolve();
    entry.discoveredAt = this.now();
    entry.discovery = this.session
      .discovery(app)
      .then(
        (discovery) => {
          entry.issuer = discovery.issuer;
          this.touch();
        },
        (error: unknown) =>
          this.log.warn(`Reading the issuer of ${app.name} for env files: ${describe(error)}`),
      )
      .finally(() => (entry.discovery = undefined));
    return entry.discovery;
  }

  private list(app: Application): Promise<void> {
    const entry = this.entry(app);
    if (entry.listing) return entry.listing;
    if (entry.listedAt !== undefined && this.now() - entry.listedAt < clientListMaxAgeMs())
      return Promise.resolve();
    entry.listedAt = this.now();
    entry.listing = this.session
      .client(app)
      .then((api) => api.listClients())
      .then(
        (clients) => {
          entry.clients = clients;
          this.touch();
        },
        (error: unknown) =>
          this.log.warn(`Listing the login clients of ${app.name} for env files: ${describe(error)}`),
      )
      .finally(() => (entry.listing = undefined));
    return entry.listing;
  }

  private apply(change: LoginClientsChange): void {
    const app = this.store.list().find((a) => a.name === change.application);
    if (!app?.hostedLogin) return;
    const entry = this.entry(app);
    if ('clients' in change) {
      entry.clients = [...change.clients];
      entry.listedAt = this.now();
    } else if (!entry.clients) {
      return; // nothing listed yet: the next list has it
    } else if ('updated' in change) {
      const others = entry.clients.filter((c) => c.id !== change.updated.id);
      entry.clients = [...others, change.updated];
    } else {
      entry.clients = entry.clients.filter((c) => c.id !== change.deleted);
    }
    this.touch();
  }

  private touch(): void {
    this.current = undefined;
    this.changes++;
    this.changed.fire();
  }
}

/** An error's message (our errors never hold a secret). */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

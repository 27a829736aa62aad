import * as vscode from 'vscode';
import { normalizeCaptureDomain } from '../api/captureDomain';
import {
  CONFIG_SECRET_KEY_PREFIX,
  OWNER_SECRET_KEY_PREFIX,
  SETTINGS_SECTION,
  Settings,
  ownerSecretKey,
} from '../ids';
import { readHostedLogin, type HostedLoginConnection } from './hostedLoginSettings';

/** An Identity Cloud application: where its Capture API is and which owner client the extension uses. */
export interface Application {
  readonly name: string;
  /** A normalised origin, e.g. `https://myapp.us-dev.janraincapture.com`. */
  readonly domain: string;
  readonly clientId: string;
  /** Its Hosted Login, once connected: where it is and which configuration client to use. */
  readonly hostedLogin?: HostedLoginConnection;
}

/** An entry of `identityCloud.applications` that cannot be used, and why. */
export interface InvalidApplication {
  readonly name: string;
  readonly problem: string;
}

/**
 * The applications live in the user-level, application-scoped setting `identityCloud.applications`
 * (never read from workspace settings, so a cloned repository cannot redirect owner credentials);
 * each owner secret lives only in SecretStorage. A missing secret is a normal state.
 */
export class ApplicationStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.applications}`)) this.changed.fire();
      }),
      secrets.onDidChange((e) => {
        if (e.key.startsWith(OWNER_SECRET_KEY_PREFIX) || e.key.startsWith(CONFIG_SECRET_KEY_PREFIX))
          this.changed.fire();
      }),
    ];
  }

  /** The applications from user settings only; workspace values are ignored on purpose. */
  list(): Application[] {
    return this.read().apps;
  }

  /**
   * The usable applications and the entries of the setting that are not used, with why, from one
   * read: hand-edited or synced values are checked like typed ones, so owner credentials never go
   * to a plain-http or malformed domain.
   */
  read(): { apps: Application[]; invalid: InvalidApplication[] } {
    const raw = vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .inspect<unknown>(Settings.applications)?.globalValue;
    const apps: Application[] = [];
    const invalid: InvalidApplication[] = [];
    for (const item of Array.isArray(raw) ? raw : []) {
      const { name, domain, clientId, hostedLogin } = (item ?? {}) as Record<string, unknown>;
      if (typeof name !== 'string' || !name.trim()) continue;
      if (typeof domain !== 'string' || typeof clientId !== 'string' || !clientId.trim()) {
        invalid.push({ name, problem: vscode.l10n.t('it needs a domain and a clientId') });
        continue;
      }
      const normalized = normalizeCaptureDomain(domain, vscode.l10n.t);
      if ('problem' in normalized) invalid.push({ name, problem: normalized.problem });
      else {
        const connection = readHostedLogin(hostedLogin);
        apps.push({
          name,
          domain: normalized.origin,
          clientId: clientId.trim(),
          ...(connection ? { hostedLogin: connection } : {}),
        });
      }
    }
    return { apps, invalid };
  }

  /** Whether a client is the owner client of any configured application (the extension signs in as it). */
  isOwnerClientOfAny(domain: string, clientId: string): boolean {
    return this.ownerClientIds(domain).includes(clientId);
  }

  /** The owner clients the configured applications at `domain` sign in as. */
  ownerClientIds(domain: string): string[] {
    return this.list()
      .filter((a) => a.domain === domain)
      .map((a) => a.clientId);
  }

  find(name: string): Application | undefined {
    const wanted = name.trim().toLowerCase();
    return this.list().find((a) => a.name.toLowerCase() === wanted);
  }

  /** Adds or replaces (by name, or `previous`'s name) an application; its secret is stored separately. */
  async save(app: Application, previous?: Application): Promise<void> {
    const others = this.list().filter(
      (a) =>
        a.name.toLowerCase() !== app.name.toLowerCase() &&
        a.name.toLowerCase() !== previous?.name.toLowerCase(),
    );
    await this.write([...others, app]);
    if (previous && (previous.domain !== app.domain || previous.clientId !== app.clientId)) {
      await this.deleteSecretIfUnused(previous);
    }
  }

  async remove(app: Application): Promise<void> {
    await this.write(this.list().filter((a) => a.name.toLowerCase() !== app.name.toLowerCase()));
    await this.deleteSecretIfUnused(app);
  }

  getSecret(app: Application): Thenable<string | undefined> {
    return this.secrets.get(ownerSecretKey(app.domain, app.clientId));
  }

  storeSecret(app: Application, secret: string): Thenable<void> {
    return this.secrets.store(ownerSecretKey(app.domain, app.clientId), secret);
  }

  deleteSecret(app: Application): Thenable<void> {
    return this.secrets.delete(ownerSecretKey(app.domain, app.clientId));
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private async deleteSecretIfUnused(app: Application): Promise<void> {
    const stillUsed = this.list().some((a) => a.domain === app.domain && a.clientId === app.clientId);
    if (!stillUsed) await this.deleteSecret(app);
  }

  private async write(apps: Application[]): Promise<void> {
    const sorted = [...apps]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ name, domain, clientId, hostedLogin }) => ({
        name,
        domain,
        clientId,
        ...(hostedLogin ? { hostedLogin } : {}),
      }));
    await vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .update(
        Settings.applications,
        sorted.length > 0 ? sorted : undefined,
        vscode.ConfigurationTarget.Global,
      );
  }
}

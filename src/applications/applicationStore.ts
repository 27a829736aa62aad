import * as vscode from 'vscode';
import { SETTINGS_SECTION, Settings, ownerSecretKey } from '../ids';
import { UserFacingError } from '../ui/errors';

/** VS Code's secret storage failed (a locked or missing keyring, say). `reason` is what it said. */
export class SecretStorageError extends UserFacingError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Runs a secret storage call; its failure becomes a {@link SecretStorageError} in plain words. */
async function secretStorage<T>(call: () => Thenable<T>, action: 'read' | 'save' | 'delete'): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const what =
      action === 'read'
        ? vscode.l10n.t("VS Code's secret storage could not be read ({0}).", reason)
        : action === 'save'
          ? vscode.l10n.t("VS Code's secret storage could not save the owner client secret ({0}).", reason)
          : vscode.l10n.t("VS Code's secret storage could not delete the owner client secret ({0}).", reason);
    throw new SecretStorageError(`${what} ${vscode.l10n.t('Check that your system keyring is available and unlocked, then try again.')}`, reason);
  }
}

/** An Identity Cloud application: where its Capture API is and which owner client the extension uses. */
export interface Application {
  readonly name: string;
  /** A normalised origin, e.g. `https://myapp.us-dev.janraincapture.com`. */
  readonly domain: string;
  readonly clientId: string;
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
        if (e.key.startsWith('identityCloud.ownerSecret:')) this.changed.fire();
      }),
    ];
  }

  /** The applications from user settings only; workspace values are ignored on purpose. */
  list(): Application[] {
    const raw = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<unknown>(Settings.applications)?.globalValue;
    if (!Array.isArray(raw)) return [];
    const apps: Application[] = [];
    for (const item of raw) {
      if (!item || typeof item !== 'object') continue;
      const { name, domain, clientId } = item as Record<string, unknown>;
      if (typeof name === 'string' && typeof domain === 'string' && typeof clientId === 'string' && name && domain && clientId) {
        apps.push({ name, domain: domain.replace(/\/+$/, ''), clientId });
      }
    }
    return apps;
  }

  find(name: string): Application | undefined {
    const wanted = name.trim().toLowerCase();
    return this.list().find((a) => a.name.toLowerCase() === wanted);
  }

  /** Adds or replaces (by name) an application and stores its owner secret. */
  async save(app: Application, secret: string | undefined, previous?: Application): Promise<void> {
    if (secret !== undefined) await this.storeSecret(app, secret);
    const others = this.list().filter(
      (a) => a.name.toLowerCase() !== app.name.toLowerCase() && a.name.toLowerCase() !== previous?.name.toLowerCase(),
    );
    await this.write([...others, { name: app.name, domain: app.domain, clientId: app.clientId }]);
    if (previous && (previous.domain !== app.domain || previous.clientId !== app.clientId)) {
      await this.deleteSecretIfUnused(previous);
    }
  }

  async remove(app: Application): Promise<void> {
    await this.write(this.list().filter((a) => a.name.toLowerCase() !== app.name.toLowerCase()));
    await this.deleteSecretIfUnused(app);
  }

  /** Throws a {@link SecretStorageError} when secret storage fails, as for the two below. */
  getSecret(app: Application): Promise<string | undefined> {
    return secretStorage(() => this.secrets.get(ownerSecretKey(app.domain, app.clientId)), 'read');
  }

  storeSecret(app: Application, secret: string): Promise<void> {
    return secretStorage(() => this.secrets.store(ownerSecretKey(app.domain, app.clientId), secret), 'save');
  }

  deleteSecret(app: Application): Promise<void> {
    return secretStorage(() => this.secrets.delete(ownerSecretKey(app.domain, app.clientId)), 'delete');
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private async deleteSecretIfUnused(app: Application): Promise<void> {
    const stillUsed = this.list().some((a) => a.domain === app.domain && a.clientId === app.clientId);
    if (!stillUsed) await this.deleteSecret(app);
  }

  private async write(apps: Application[]): Promise<void> {
    const sorted = [...apps].sort((a, b) => a.name.localeCompare(b.name));
    await vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .update(Settings.applications, sorted.length > 0 ? sorted : undefined, vscode.ConfigurationTarget.Global);
  }
}

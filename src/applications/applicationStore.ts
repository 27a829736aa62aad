import vscode = require('vscode');
import { normalizeCaptureDomain } from '../api/captureDomain';
import { checkAppId, configApiOrigin } from '../api/configRegion';
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
  /** The application ID for the Configuration API (Console → Manage Application); optional. */
  readonly appId?: string;
  /** With `appId`: a region code (`us`, `eu`…) or an explicit API origin; absent means `us`. */
  readonly region?: string;
  /** Why `appId`/`region` in settings are not used (the rest of the application still is). */
  readonly configApiProblem?: string;
  /** With `configApiProblem`: the values as they are in settings, written back unchanged on a save. */
  readonly unusedConfigApi?: { readonly appId: unknown; readonly region: unknown };
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
  /**
   * Owner secrets read this session, by storage key: each read of SecretStorage is a round trip to
   * the window in code-server (5–10 ms of every Create). Forgotten when the key changes anywhere
   * (another window too: SecretStorage's onDidChange), and on store and delete.
   */
  private readonly ownerSecrets = new Map<string, Thenable<string | undefined>>();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.applications}`)) this.changed.fire();
      }),
      secrets.onDidChange((e) => {
        this.ownerSecrets.delete(e.key);
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
      const { name, domain, clientId, appId, region, hostedLogin } = (item ?? {}) as Record<string, unknown>;
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
          ...configApiFields(appId, region),
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
    const key = ownerSecretKey(app.domain, app.clientId);
    let secret = this.ownerSecrets.get(key);
    if (!secret) {
      secret = this.secrets.get(key);
      // A failed read is not kept: the next one asks again.
      secret.then(undefined, () => {
        if (this.ownerSecrets.get(key) === secret) this.ownerSecrets.delete(key);
      });
      this.ownerSecrets.set(key, secret);
    }
    return secret;
  }

  storeSecret(app: Application, secret: string): Promise<void> {
    return this.changeSecret(app, (key) => this.secrets.store(key, secret));
  }

  deleteSecret(app: Application): Promise<void> {
    return this.changeSecret(app, (key) => this.secrets.delete(key));
  }

  /** A change of an owner secret: what was read before it, or while it ran, is forgotten. */
  private async changeSecret(app: Application, change: (key: string) => Thenable<void>): Promise<void> {
    const key = ownerSecretKey(app.domain, app.clientId);
    this.ownerSecrets.delete(key);
    await change(key);
    this.ownerSecrets.delete(key);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private async deleteSecretIfUnused(app: Application): Promise<void> {
    const stillUsed = this.list().some((a) => a.domain === app.domain && a.clientId === app.clientId);
    if (!stillUsed) await this.deleteSecret(app);
  }

  private async write(apps: Application[]): Promise<void> {
    const sorted = [...apps].sort((a, b) => a.name.localeCompare(b.name)).map(settingsEntry);
    await vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .update(
        Settings.applications,
        sorted.length > 0 ? sorted : undefined,
        vscode.ConfigurationTarget.Global,
      );
  }
}

/** What an application keeps in settings: never a derived or problem field, and no secret. */
function settingsEntry(app: Application): Record<string, unknown> {
  // Values that are not used are kept as they are: saving another change must not drop them.
  const unused = !app.appId && app.unusedConfigApi;
  return {
    name: app.name,
    domain: app.domain,
    clientId: app.clientId,
    ...(app.appId ? { appId: app.appId } : {}),
    ...(app.appId && app.region ? { region: app.region } : {}),
    ...(unused && unused.appId !== undefined ? { appId: unused.appId } : {}),
    ...(unused && unused.region !== undefined ? { region: unused.region } : {}),
    ...(app.hostedLogin ? { hostedLogin: app.hostedLogin } : {}),
  };
}

/**
 * The Configuration API fields of a settings entry, checked like the Capture domain (https only):
 * a bad value is reported, never used, and leaves the rest of the application working.
 */
function configApiFields(
  appId: unknown,
  region: unknown,
): Pick<Application, 'appId' | 'region' | 'configApiProblem' | 'unusedConfigApi'> {
  if (appId === undefined || appId === '') return {};
  const unused = (configApiProblem: string) => ({
    configApiProblem,
    unusedConfigApi: { appId, region },
  });
  if (typeof appId !== 'string')
    return unused(vscode.l10n.t('"appId" must be text, such as htb8fuhxnf8e38jrzub3c7pfrr.'));
  const appIdProblem = checkAppId(appId, vscode.l10n.t);
  if (appIdProblem) return unused(appIdProblem);
  if (region !== undefined && typeof region !== 'string')
    return unused(vscode.l10n.t('"region" must be text, such as us or eu.'));
  const checked = configApiOrigin(region ?? '', vscode.l10n.t);
  if ('problem' in checked) return unused(checked.problem);
  return { appId: appId.trim(), ...(region?.trim() ? { region: region.trim() } : {}) };
}

import vscode = require('vscode');
import { HostedLoginClient, type LoginClient } from '../api/hostedLoginClient';
import { hostedLoginBase } from '../api/hostedLoginLocation';
import { fetchDiscovery, type Discovery } from '../api/oidc';
import type { Application } from '../applications/applicationStore';
import type { HostedLoginConnection } from '../applications/hostedLoginSettings';
import { secretStorageCall } from '../applications/secretStorage';
import { UserFacingError } from '../common/userFacingError';
import { configSecretKey } from '../ids';
import { hostedLoginScope, requestTimeoutMs } from '../settings';

/** What a listing or a command learnt of an application's login clients. */
export type LoginClientsChange =
  | { readonly application: string; readonly clients: readonly LoginClient[] }
  | { readonly application: string; readonly updated: LoginClient }
  | { readonly application: string; readonly deleted: string };

/**
 * One HostedLoginClient per connected application, kept for the window's life so its configuration
 * token (memory only) is reused; rebuilt when the connection, the secret or the scope changes.
 */
export class HostedLoginSession {
  private readonly clients = new Map<string, { key: string; client: HostedLoginClient }>();
  private readonly discoveries = new Map<string, Discovery>();
  private readonly clientsChanged = new vscode.EventEmitter<LoginClientsChange>();
  /** Login clients a listing saw or a command changed: the env file features keep them in memory. */
  readonly onDidChangeLoginClients = this.clientsChanged.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The connection of `app`, or a message saying to connect it first. */
  connection(app: Application): HostedLoginConnection {
    if (app.hostedLogin) return app.hostedLogin;
    throw new UserFacingError(
      vscode.l10n.t(
        '{0} is not connected to Hosted Login yet: run Connect Hosted Login… on it first.',
        app.name,
      ),
    );
  }

  async client(app: Application): Promise<HostedLoginClient> {
    const connection = this.connection(app);
    const base = hostedLoginBase(connection);
    const secret = await secretStorageCall(
      () => this.secrets.get(configSecretKey(base, connection.configClientId)),
      'read',
    );
    if (!secret) {
      throw new UserFacingError(
        vscode.l10n.t(
          'The configuration client secret for {0} is not stored on this machine: run Connect Hosted Login… again.',
          app.name,
        ),
      );
    }
    return this.kept(app.name, connection, secret);
  }

  /**
   * The client of `appName` for this connection and secret: the one kept from before while neither
   * (nor the scope) changed, else a new one, kept. Connect uses it for the credentials it checks, so
   * the token it fetched serves the commands that follow.
   */
  kept(appName: string, connection: HostedLoginConnection, secret: string): HostedLoginClient {
    const scope = hostedLoginScope();
    const base = hostedLoginBase(connection);
    const key = JSON.stringify([base, connection.configClientId, scope, secret.length, hash(secret)]);
    const cached = this.clients.get(appName);
    if (cached?.key === key) return cached.client;
    const client = new HostedLoginClient(
      connection,
      { clientId: connection.configClientId, clientSecret: secret },
      { t: vscode.l10n.t, ...this.requestOptions(appName), ...(scope ? { scope } : {}) },
    );
    this.clients.set(appName, { key, client });
    return client;
  }

  /** Tells the env file features what a listing (the view's) or a command learnt of login clients. */
  announce(change: LoginClientsChange): void {
    this.clientsChanged.fire(change);
  }

  dispose(): void {
    this.clientsChanged.dispose();
  }

  async storeSecret(connection: HostedLoginConnection, secret: string): Promise<void> {
    await this.secrets.store(configSecretKey(hostedLoginBase(connection), connection.configClientId), secret);
  }

  /** How every request to `appName`'s Hosted Login is sent: time limit, trace, and whose it is. */
  private requestOptions(appName: string) {
    return {
      timeoutMs: requestTimeoutMs(),
      trace: (line: string) => this.log.info(line),
      application: appName,
    };
  }

  /** The discovery document of `app` (issuer and endpoints), read once per window. */
  async discovery(app: Application, signal?: AbortSignal): Promise<Discovery> {
    const base = hostedLoginBase(this.connection(app));
    const cached = this.discoveries.get(base);
    if (cached) return cached;
    const discovery = await fetchDiscovery(
      base,
      { ...this.requestOptions(app.name), ...(signal ? { signal } : {}) },
      vscode.l10n.t,
    );
    this.discoveries.set(base, discovery);
    return discovery;
  }
}

/** A short fingerprint, so a changed secret makes a new client without keeping the secret as a key. */
function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

import vscode = require('vscode');
import { CaptureClient, type OwnerCredentials } from '../api/captureClient';
import { ConfigApiClient } from '../api/configApi';
import { configApiOrigin } from '../api/configRegion';
import { requestTimeoutMs } from '../settings';
import { askText } from '../ui/quickInput';
import type { Application, ApplicationStore } from './applicationStore';
import { secretStorageCall } from './secretStorage';

/** Gives commands and the tree an authenticated Capture client for an application. */
export class OwnerSession {
  constructor(
    private readonly store: ApplicationStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * The owner credentials of `app`. A missing secret (a new machine, another browser profile) is
   * normal: unless `ask` is false, the user is asked for it and it is stored. Undefined when the
   * user cancels or (with `ask: false`) when none is stored.
   */
  async credentials(app: Application, ask = true): Promise<OwnerCredentials | undefined> {
    let secret = await secretStorageCall(() => this.store.getSecret(app), 'read');
    if (!secret && ask) {
      const typed = await askText({
        title: vscode.l10n.t('Owner Client Secret for {0}', app.name),
        prompt: vscode.l10n.t(
          "The secret of owner client {0} at {1}. It is kept in VS Code's secret storage.",
          app.clientId,
          app.domain,
        ),
        placeholder: vscode.l10n.t('The secret of owner client {0}', app.clientId),
        password: true,
        validate: (v) =>
          v.trim().length === 0 ? vscode.l10n.t('Enter the owner client secret.') : undefined,
      });
      if (typeof typed !== 'string') return undefined;
      secret = typed.trim();
      try {
        await this.store.storeSecret(app, secret);
      } catch (error) {
        // The typed secret still serves this action; only remembering it failed.
        const reason = error instanceof Error ? error.message : String(error);
        this.log.warn(`Storing the owner secret of ${app.name} failed: ${reason}`);
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            "The owner client secret for {0} could not be saved in VS Code's secret storage ({1}); you will be asked for it again.",
            app.name,
            reason,
          ),
        );
      }
    }
    return secret ? { domain: app.domain, clientId: app.clientId, clientSecret: secret } : undefined;
  }

  /**
   * A Configuration API client for an application with an application ID (undefined without one),
   * as the same owner client, through the same request layer and log as {@link client}.
   */
  configClient(
    app: Pick<Application, 'name' | 'appId' | 'region'>,
    credentials: OwnerCredentials,
  ): ConfigApiClient | undefined {
    if (!app.appId) return undefined;
    const origin = configApiOrigin(app.region ?? '', vscode.l10n.t);
    if ('problem' in origin) return undefined;
    return new ConfigApiClient(
      {
        origin: origin.origin,
        appId: app.appId,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
      },
      {
        timeoutMs: requestTimeoutMs(),
        trace: (line) => this.log.info(line),
        warn: (line) => this.log.warn(line),
        application: app.name,
      },
    );
  }

  /** A Capture client with the user's timeout; each request is logged (method, path, status, time: no secret). */
  client(credentials: OwnerCredentials, application?: string): CaptureClient {
    return new CaptureClient(credentials, {
      timeoutMs: requestTimeoutMs(),
      trace: (line) => this.log.info(line),
      warn: (line) => this.log.warn(line),
      ...(application === undefined ? {} : { application }),
    });
  }
}

// The sandbox's entry point (node esbuild.mjs --sandbox → dist-sandbox/extension.js): the real
// extension, plus the local emulator's application set up from IDENTITY_CLOUD_SANDBOX_APP so a
// newcomer can go straight to Create API Client. The packaged extension is built from
// src/extension.ts alone and has no such code path.
import * as vscode from 'vscode';
import { hostedLoginBase } from '../../src/api/hostedLoginLocation';
import { ApplicationStore, type Application } from '../../src/applications/applicationStore';
import { configSecretKey } from '../../src/ids';
import { activate as activateExtension } from '../../src/extension';

export { deactivate } from '../../src/extension';

export function activate(context: vscode.ExtensionContext): void {
  activateExtension(context);
  void seedSandbox(context.secrets);
}

async function seedSandbox(secrets: vscode.SecretStorage): Promise<void> {
  const raw = process.env.IDENTITY_CLOUD_SANDBOX_APP;
  if (!raw) return;
  const { name, domain, clientId, clientSecret, appId, hostedLogin } = JSON.parse(raw) as Record<
    string,
    string
  > & {
    hostedLogin?: { customerId: string; origin: string; configClientId: string; configClientSecret: string };
  };
  if (!name || !domain || !clientId || !clientSecret) return;
  const store = new ApplicationStore(secrets);
  try {
    const connection = hostedLogin && {
      customerId: hostedLogin.customerId,
      origin: hostedLogin.origin,
      configClientId: hostedLogin.configClientId,
    };
    // The emulator also serves the Configuration API, at its own address: the Flows node shows at once.
    const app: Application = {
      name,
      domain,
      clientId,
      ...(appId ? { appId, region: domain } : {}),
      ...(connection ? { hostedLogin: connection } : {}),
    };
    if (hostedLogin && connection) {
      await secrets.store(
        configSecretKey(hostedLoginBase(connection), connection.configClientId),
        hostedLogin.configClientSecret,
      );
    }
    const existing = store.find(name);
    const sameHostedLogin = JSON.stringify(existing?.hostedLogin) === JSON.stringify(connection);
    if (
      !existing ||
      existing.domain !== domain ||
      existing.clientId !== clientId ||
      existing.appId !== app.appId ||
      !sameHostedLogin
    ) {
      await store.storeSecret(app, clientSecret);
      await store.save(app, existing);
    } else if (!(await store.getSecret(app))) {
      await store.storeSecret(app, clientSecret);
    }
  } finally {
    store.dispose();
  }
}

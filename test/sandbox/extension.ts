// The sandbox's entry point (node esbuild.mjs --sandbox → dist-sandbox/extension.js): the real
// extension, plus the local emulator's application set up from IDENTITY_CLOUD_SANDBOX_APP so a
// newcomer can go straight to Create API Client. The packaged extension is built from
// src/extension.ts alone and has no such code path.
import * as vscode from 'vscode';
import { ApplicationStore } from '../../src/applications/applicationStore';
import { activate as activateExtension } from '../../src/extension';

export { deactivate } from '../../src/extension';

export function activate(context: vscode.ExtensionContext): void {
  activateExtension(context);
  void seedSandbox(context.secrets);
}

async function seedSandbox(secrets: vscode.SecretStorage): Promise<void> {
  const raw = process.env.IDENTITY_CLOUD_SANDBOX_APP;
  if (!raw) return;
  const { name, domain, clientId, clientSecret, appId } = JSON.parse(raw) as Record<string, string>;
  if (!name || !domain || !clientId || !clientSecret) return;
  const store = new ApplicationStore(secrets);
  try {
    // The emulator also serves the Configuration API, at its own address: the Flows node shows at once.
    const app = { name, domain, clientId, ...(appId ? { appId, region: domain } : {}) };
    const existing = store.find(name);
    if (
      !existing ||
      existing.domain !== domain ||
      existing.clientId !== clientId ||
      existing.appId !== app.appId
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

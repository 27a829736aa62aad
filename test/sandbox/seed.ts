// Compiled only into the sandbox bundle (node esbuild.mjs --sandbox): pre-configures the local
// emulator's application so a newcomer can go straight to Create API Client. The packaged
// extension has no such code path (a unit test checks the bundle).
import type * as vscode from 'vscode';
import type { ApplicationStore } from '../../src/applications/applicationStore';

export async function seedSandbox(store: ApplicationStore, log: vscode.LogOutputChannel): Promise<void> {
  const raw = process.env.IDENTITY_CLOUD_SANDBOX_APP;
  if (!raw) return;
  const { name, domain, clientId, clientSecret } = JSON.parse(raw) as Record<string, string>;
  if (!name || !domain || !clientId || !clientSecret) return;
  const app = { name, domain, clientId };
  const existing = store.find(name);
  if (!existing || existing.domain !== domain || existing.clientId !== clientId)
    await store.save(app, clientSecret, existing);
  else if (!(await store.getSecret(app))) await store.storeSecret(app, clientSecret);
  log.info(`Sandbox: application ${name} at ${domain} is set up.`);
}

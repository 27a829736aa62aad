import * as vscode from 'vscode';
import { ApplicationStore } from './applications/applicationStore';
import { OwnerSession } from './applications/ownerSession';
import { registerCommands } from './commands';
import { LastCreatedCredentials } from './credentials/clientCredentials';
import { Views } from './ids';
import { ClientsTree } from './views/clientsTree';

declare const __SANDBOX__: boolean;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Identity Cloud'), { log: true });
  const store = new ApplicationStore(context.secrets);
  const session = new OwnerSession(store, log);
  const tree = new ClientsTree(store, session);
  context.subscriptions.push(
    log,
    store,
    tree,
    vscode.window.registerTreeDataProvider(Views.clients, tree),
    registerCommands({ store, session, tree, log, lastCreated: new LastCreatedCredentials() }),
  );
  if (__SANDBOX__) {
    // Only in the sandbox build (npm start): esbuild drops this branch from the packaged extension.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    void (require('../test/sandbox/seed') as typeof import('../test/sandbox/seed')).seedSandbox(store, log);
  }
}

export function deactivate(): void {}

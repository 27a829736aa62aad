import * as vscode from 'vscode';
import { ApplicationStore } from './applications/applicationStore';
import { OwnerSession } from './applications/ownerSession';
import { registerCommands } from './commands';
import { LastCreatedCredentials } from './credentials/lastCreated';
import { Views } from './ids';
import { ClientsTree } from './views/clientsTree';

/** Builds the few long-lived objects and registers the view and the commands. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Identity Cloud'), { log: true });
  const store = new ApplicationStore(context.secrets);
  const session = new OwnerSession(store, log);
  const tree = new ClientsTree(store, session, log);
  context.subscriptions.push(
    log,
    store,
    tree,
    vscode.window.registerTreeDataProvider(Views.clients, tree),
    registerCommands({ store, session, tree, log, lastCreated: new LastCreatedCredentials() }),
  );
}

export function deactivate(): void {}

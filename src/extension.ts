import vscode = require('vscode');
import { ApplicationStore } from './applications/applicationStore';
import { OwnerSession } from './applications/ownerSession';
import { registerCommands } from './commands';
import { LastCreatedCredentials } from './credentials/lastCreated';
import { Views } from './ids';
import { ClientIndex } from './clients/clientIndex';
import { ClientsTree, type ClientsTreeNode } from './views/clientsTree';
import { registerUriHandler } from './links/uriHandler';
import { registerWorkspaceCredentials } from './workspace/register';
import { HostedLoginSession } from './hostedLogin/hostedLoginSession';
import { LoginClientIndex } from './hostedLogin/loginClientIndex';

/** Builds the few long-lived objects and registers the view, the commands and the editor features. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Identity Cloud'), { log: true });
  const store = new ApplicationStore(context.secrets);
  const session = new OwnerSession(store, log);
  const index = new ClientIndex(store, session);
  const hostedLogin = new HostedLoginSession(context.secrets, log);
  const tree = new ClientsTree(store, index, session, log, hostedLogin, context.workspaceState);
  const view = vscode.window.createTreeView(Views.clients, { treeDataProvider: tree });
  const logins = new LoginClientIndex(store, hostedLogin, log);
  const envFiles = registerWorkspaceCredentials(index, logins, log);
  const reveal = async (node: ClientsTreeNode) => {
    await vscode.commands.executeCommand(Views.focusClients);
    await view.reveal(node, { select: true, focus: true, expand: false });
  };
  context.subscriptions.push(
    log,
    store,
    index,
    hostedLogin,
    logins,
    tree,
    view,
    view.onDidExpandElement((e) => tree.remember(e.element, true)),
    view.onDidCollapseElement((e) => tree.remember(e.element, false)),
    envFiles,
    registerCommands({
      store,
      session,
      tree,
      log,
      lastCreated: new LastCreatedCredentials(),
      index,
      reveal,
      hostedLogin,
      envFiles,
    }),
    registerUriHandler(),
  );
}

export function deactivate(): void {}

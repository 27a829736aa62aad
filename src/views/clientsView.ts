import * as vscode from 'vscode';
import type { ApplicationStore } from '../applications/applicationStore';
import { ContextKeys } from '../ids';
import { applicationItem, stateItem, type ApplicationNode, type StateNode } from './viewItems';
import type { ClientsTree, ClientsTreeNode } from './clientsTree';

/**
 * The provider VS Code sees for the clients view. It draws the applications itself, from settings,
 * and hands everything below them to the {@link ClientsTree}, which (with the Capture client and
 * its schemas) is loaded only when an application is expanded or a command runs.
 */
export class ClientsView implements vscode.TreeDataProvider<ClientsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ClientsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private tree: ClientsTree | undefined;

  constructor(
    private readonly store: ApplicationStore,
    private readonly loadTree: () => ClientsTree,
  ) {
    this.subscriptions.push(
      store.onDidChange(() => {
        void this.updateContext();
        if (!this.tree) this.changed.fire(undefined); // once loaded, the tree refreshes itself
      }),
    );
    void this.updateContext();
  }

  getTreeItem(node: ClientsTreeNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    if (node.kind === 'application') return applicationItem(node);
    if (node.kind === 'state') return stateItem(node);
    return this.clientsTree().getTreeItem(node);
  }

  getChildren(node?: ClientsTreeNode): vscode.ProviderResult<ClientsTreeNode[]> {
    if (!node) {
      const { apps: valid, invalid: unusable } = this.store.read();
      const apps = valid.map((app): ApplicationNode => ({ kind: 'application', app }));
      const invalid = unusable.map(({ name, problem }): StateNode => ({
        kind: 'state',
        label: vscode.l10n.t('{0}: not used ({1})', name, problem),
        icon: 'warning',
        command: {
          title: vscode.l10n.t('Open Settings'),
          command: 'workbench.action.openSettings',
          arguments: ['identityCloud.applications'],
        },
      }));
      return [...apps, ...invalid];
    }
    return this.clientsTree().getChildren(node);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private clientsTree(): ClientsTree {
    if (!this.tree) {
      this.tree = this.loadTree();
      this.subscriptions.push(this.tree.onDidChangeTreeData((node) => this.changed.fire(node)));
    }
    return this.tree;
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand(
      'setContext',
      ContextKeys.hasApplications,
      this.store.list().length > 0,
    );
  }
}

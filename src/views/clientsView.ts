import * as vscode from 'vscode';
import type { ApplicationStore } from '../applications/applicationStore';
import { ContextKeys } from '../ids';
import { applicationItem, type ApplicationNode } from './applicationItem';
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
    return node.kind === 'application' ? applicationItem(node) : this.clientsTree().getTreeItem(node);
  }

  getChildren(node?: ClientsTreeNode): vscode.ProviderResult<ClientsTreeNode[]> {
    if (!node) return this.store.list().map((app): ApplicationNode => ({ kind: 'application', app }));
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

// The one fixture of the suites that read the clients view item by item (treeItems, settings):
// the real ClientsTree, wired as src/extension.ts wires it, over an in-memory secret store, in
// front of a fresh emulator. The view's own instance inside the extension is not reachable from a
// test; this is the same classes wired the same way.
import * as vscode from 'vscode';
import { ownerSecretKey } from '../../../src/ids';
import type { ClientsTree, ClientsTreeNode } from '../../../src/views/clientsTree';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { contextWith, FaultySecretStorage } from './faultySecrets';
import { setUserSetting } from './workbench';

export interface TreeFixture {
  readonly emulator: Emulator;
  readonly secrets: FaultySecretStorage;
  readonly wired: ReturnType<typeof contextWith>;
  readonly view: ClientsTree;
  /** {@link treeItems} of this view. */
  items(node?: ClientsTreeNode): ReturnType<typeof treeItems>;
  /** Stores the emulator's owner secret and makes `name` the one application in the user settings. */
  configure(name?: string): Promise<void>;
  /** Undoes it all: the wiring, the secrets, the setting, the emulator. */
  stop(): Promise<void>;
}

export async function startTree(): Promise<TreeFixture> {
  const emulator = await startEmulator();
  const secrets = new FaultySecretStorage();
  const wired = contextWith(secrets);
  const view = wired.ctx.tree;
  return {
    emulator,
    secrets,
    wired,
    view,
    items: (node) => treeItems(view, node),
    configure: async (name = 'dev') => {
      await secrets.store(
        ownerSecretKey(emulator.domain, emulator.owner.clientId),
        emulator.owner.clientSecret,
      );
      await setUserSetting('applications', [
        { name, domain: emulator.domain, clientId: emulator.owner.clientId },
      ]);
    },
    stop: async () => {
      wired.dispose();
      secrets.dispose();
      await setUserSetting('applications', undefined);
      await emulator.close();
    },
  };
}

/** The children of `node` in `view` (the roots without one), each with the item the view draws for it. */
export async function treeItems(
  view: ClientsTree,
  node?: ClientsTreeNode,
): Promise<Array<{ node: ClientsTreeNode; item: vscode.TreeItem }>> {
  const children = (await view.getChildren(node)) ?? [];
  return Promise.all(children.map(async (child) => ({ node: child, item: await view.getTreeItem(child) })));
}

/** A label, description or tooltip as the text a user reads. */
export function labelText(value: string | vscode.MarkdownString | vscode.TreeItemLabel | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return 'value' in value ? value.value : value.label;
}

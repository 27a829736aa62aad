// What the clients view draws, item by item: the real ClientsTree (from out/src, with this
// extension host's `vscode` API) over an in-memory secret store, against the emulator
// (helpers/treeFixture.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator } from '../emulator/emulator';
import { ownerSecretKey, Commands } from '../../src/ids';
import type { ClientsTreeNode } from '../../src/views/clientsTree';
import { labelText, startTree, type TreeFixture } from './helpers/treeFixture';
import { setUserSetting } from './helpers/workbench';

const text = labelText;

describe('the clients view, item by item', () => {
  let tree: TreeFixture;
  let emulator: Emulator;
  let secrets: TreeFixture['secrets'];
  let wired: TreeFixture['wired'];
  let view: TreeFixture['view'];
  const items = (node?: ClientsTreeNode) => tree.items(node);
  const configure = (name: string) => tree.configure(name);

  beforeEach(async () => {
    tree = await startTree();
    ({ emulator, secrets, wired, view } = tree);
  });

  afterEach(() => tree.stop());

  it('draws each application with its domain, expanded, with the application context value', async () => {
    await configure('dev');
    const [app] = await items();
    assert.equal(text(app!.item.label), 'dev');
    assert.equal(app!.item.description, emulator.domain.replace('http://', ''));
    assert.equal(app!.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(app!.item.contextValue, 'application');
  });

  it('lists the clients by description, marks admin clients and the extension’s own owner client, and never shows a secret', async () => {
    const reader = emulator.addClient({ description: 'b reader', features: ['direct_read_access'] });
    const admin = emulator.addClient({
      description: 'a admin',
      features: ['direct_access'],
      whitelist: ['203.0.113.0/24'],
    });
    await configure('dev');
    const [app] = await items();
    const clients = await items(app!.node);
    const labels = clients.map((c) => text(c.item.label));
    assert.deepEqual(labels.slice(0, 2), ['a admin', 'b reader']);
    const byId = new Map(clients.map((c) => [String(c.item.description).split(' ')[0], c]));
    const own = byId.get(emulator.owner.clientId)!;
    assert.match(String(own.item.description), /used by this extension/);
    assert.equal(own.item.contextValue, 'client.own');
    assert.equal((own.item.iconPath as vscode.ThemeIcon).id, 'verified');
    assert.equal(byId.get(admin.clientId)!.item.contextValue, 'client');
    assert.equal((byId.get(admin.clientId)!.item.iconPath as vscode.ThemeIcon).id, 'shield');
    assert.equal((byId.get(reader.clientId)!.item.iconPath as vscode.ThemeIcon).id, 'key');
    // Tooltips are built when VS Code asks to resolve an item (hovered), not for every client.
    const tooltip = (c: (typeof clients)[number]) => text(view.resolveTreeItem(c.item, c.node).tooltip);
    assert.match(tooltip(byId.get(admin.clientId)!), /direct\\_access/);
    const everything = JSON.stringify(clients.map((c) => [c.item.label, c.item.description, tooltip(c)]));
    for (const secret of [reader.clientSecret, admin.clientSecret, emulator.owner.clientSecret]) {
      assert.ok(!everything.includes(secret), 'no secret in a label, description or tooltip');
    }
  });

  it('expands a client into its features and its allow list', async () => {
    const admin = emulator.addClient({
      description: 'admin',
      features: ['direct_access', 'access_issuer'],
      whitelist: ['203.0.113.0/24'],
    });
    await configure('dev');
    const [app] = await items();
    const client = (await items(app!.node)).find((c) => String(c.item.description) === admin.clientId)!;
    const [features, allowList] = await items(client.node);
    assert.equal(text(features!.item.label), 'Features');
    assert.deepEqual(
      (await items(features!.node)).map((f) => text(f.item.label)),
      ['direct_access', 'access_issuer'],
    );
    assert.equal(text(allowList!.item.label), 'Allow List');
    assert.deepEqual(
      (await items(allowList!.node)).map((f) => text(f.item.label)),
      ['203.0.113.0/24'],
    );
  });

  it('shows an application whose settings entry is unusable as a warning, and never lists it', async () => {
    await setUserSetting('applications', [
      { name: 'plain', domain: 'http://myapp.janraincapture.com', clientId: 'abc' },
      { name: 'broken', domain: 'https://myapp.janraincapture.com' },
    ]);
    const roots = await items();
    assert.deepEqual(
      roots.map((r) => [r.node.kind, text(r.item.label)]),
      [
        [
          'state',
          'plain: not used (Use https:// for myapp.janraincapture.com: owner credentials are never sent unencrypted.)',
        ],
        ['state', 'broken: not used (it needs a domain and a clientId)'],
      ],
    );
    assert.equal(roots[0]!.item.command?.command, 'workbench.action.openSettings');
  });

  it('shows a missing owner secret as a Set Owner Credentials item, and sends nothing', async () => {
    await setUserSetting('applications', [
      { name: 'dev', domain: emulator.domain, clientId: emulator.owner.clientId },
    ]);
    const [app] = await items();
    const [state] = await items(app!.node);
    assert.equal(text(state!.item.label), 'Set Owner Credentials…');
    assert.equal(state!.item.command?.command, Commands.setOwnerCredentials);
    assert.equal(emulator.requests.length, 0);
  });

  it('shows a 402 as the plain-words error with its request id, offering Set Owner Credentials and Retry', async () => {
    await secrets.store(ownerSecretKey(emulator.domain, emulator.owner.clientId), 'not-the-secret');
    await setUserSetting('applications', [
      { name: 'dev', domain: emulator.domain, clientId: emulator.owner.clientId },
    ]);
    const [app] = await items();
    const [error, retry] = await items(app!.node);
    assert.match(text(error!.item.label), /owner client ID or secret is wrong.*\(request id: [0-9a-f]+\)/);
    assert.equal(error!.item.command?.command, Commands.setOwnerCredentials);
    assert.equal(text(retry!.item.label), 'Retry');
    assert.equal(retry!.item.command?.command, Commands.refresh);
  });

  it('shows a network failure with Retry, and Retry lists again', async () => {
    await configure('dev');
    emulator.injectFault({ kind: 'html', status: 502 });
    const [app] = await items();
    const [error, retry] = await items(app!.node);
    assert.match(text(error!.item.label), /not from Capture \(HTTP 502\)/);
    assert.equal(error!.item.command?.command, Commands.refresh);
    assert.equal(retry!.item.command?.command, Commands.refresh);
    wired.ctx.tree.refresh();
    const again = await items(app!.node);
    assert.ok(again.some((c) => String(c.item.description).startsWith(emulator.owner.clientId)));
  });
});

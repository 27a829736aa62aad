// Client settings and login clients (issue 10) in the real extension host against the emulator:
// the Settings node item by item, the setting and default commands (the emulator must agree),
// Create with a login flow (and its settings/set_multi failing after /clients/add), and Check
// Credentials for every outcome.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CaptureClient } from '../../src/api/captureClient';
import { settingFlagResponseSchema, settingsItemsResponseSchema } from '../../src/api/schemas';
import type { ClientsTreeNode } from '../../src/views/clientsTree';
import type { EmulatedClient, Emulator } from '../emulator/emulator';
import { FakeUi } from './helpers/fakeUi';
import { labelText, startTree, type TreeFixture } from './helpers/treeFixture';
import {
  assertAllAnswered,
  assertNoSecretShown,
  emulatorSecrets,
  cleanWorkspace,
  errors,
  removeApplications,
  requestsFor,
  setUserSetting,
  startWithApplication,
} from './helpers/workbench';

const text = labelText;

describe('client settings: the Settings node, item by item', () => {
  let tree: TreeFixture;
  let emulator: Emulator;
  let wired: TreeFixture['wired'];
  const items = (node?: ClientsTreeNode) => tree.items(node);

  beforeEach(async () => {
    tree = await startTree();
    ({ emulator, wired } = tree);
    await tree.configure('dev');
  });

  afterEach(() => tree.stop());

  async function settingsOf(description: string) {
    const [app] = await items();
    const client = (await items(app!.node)).find((c) => text(c.item.label) === description)!;
    const details = await items(client.node);
    const settings = details.find((d) => text(d.item.label) === 'Settings');
    assert.ok(settings, 'the client has a Settings node');
    assert.equal(settings.item.contextValue, 'settings');
    assert.equal(settings.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    return items(settings.node);
  }

  it('lists 200 keys sorted as key = value, asking for_client_id', async () => {
    const settings: Record<string, string> = {};
    for (let i = 199; i >= 0; i--) settings[`key_${String(i).padStart(3, '0')}`] = `value ${i}`;
    const c = emulator.addClient({ description: 'many', features: ['login_client'], settings });
    const rows = await settingsOf('many');
    assert.equal(rows.length, 200);
    assert.deepEqual(
      rows.map((r) => text(r.item.label)),
      Object.keys(settings)
        .sort()
        .map((k) => `${k} = ${settings[k]}`),
    );
    assert.ok(rows.every((r) => r.item.contextValue === 'setting'));
    assert.equal(requestsFor(emulator, 'settings/items').at(-1)!.params.for_client_id, c.clientId);
  });

  it('shortens long and multi-line values in the label and shows them whole in the tooltip; empty shows as ""', async () => {
    const long = `https://example.com/${'x'.repeat(300)}`;
    emulator.addClient({
      description: 'odd',
      features: ['login_client'],
      settings: { long, lines: 'one\ntwo', empty: '' },
    });
    const rows = Object.fromEntries(
      (await settingsOf('odd')).map((r) => [(r.node as { key: string }).key, r.item]),
    );
    assert.equal(text(rows.empty!.label), 'empty = ""');
    assert.equal(text(rows.lines!.label), 'lines = one⏎two');
    assert.ok(text(rows.long!.label).endsWith('…'));
    assert.ok(text(rows.long!.label).length < 80);
    assert.equal(text(rows.long!.tooltip), `long =\n${long}`);
    assert.equal(text(rows.lines!.tooltip), 'lines =\none\ntwo');
  });

  it('shows application defaults under a client without its own value, and a client with none says so', async () => {
    emulator.addClient({ description: 'plain', features: ['direct_read_access'] });
    let rows = await settingsOf('plain');
    assert.deepEqual(
      rows.map((r) => text(r.item.label)),
      ['No settings'],
    );
    await new CaptureClient({ domain: emulator.domain, ...emulator.owner }).post(
      'settings/set_default',
      { key: 'site_name', value: 'Shop' },
      settingFlagResponseSchema,
      {},
    );
    wired.ctx.tree.refresh();
    rows = await settingsOf('plain');
    assert.deepEqual(
      rows.map((r) => text(r.item.label)),
      ['site_name = Shop'],
    );
  });
});

describe('client settings: commands, Create with a login flow, Check Credentials', function () {
  this.timeout(30_000);
  let ui: FakeUi;
  let emulator: Emulator;
  let shop: EmulatedClient;

  const run = (command: string, arg?: unknown) =>
    vscode.commands.executeCommand(`identityCloud.${command}`, arg);
  const settingsOf = (clientId: string) => emulator.client(clientId)!.settings;
  const newClients = (before: readonly string[]) =>
    emulator.clients().filter((c) => !before.includes(c.clientId));

  beforeEach(async () => {
    ({
      emulator,
      ui,
      clients: [shop],
    } = await startWithApplication({
      clients: [
        {
          description: 'shop-login',
          features: ['login_client'],
          settings: { default_flow_name: 'standard', multi: 'a\nb' },
        },
      ],
    }));
  });

  afterEach(async function () {
    try {
      assertNoSecretShown(ui, emulatorSecrets(emulator));
      if (this.currentTest?.state === 'passed') assertAllAnswered(ui);
    } finally {
      ui.restore();
      await FakeUi.during(async (cleanup) => {
        await cleanWorkspace();
        await setUserSetting('defaultFlowName', undefined);
        await setUserSetting('protectedApplicationPattern', undefined);
        await removeApplications(cleanup);
      });
      await vscode.env.clipboard.writeText('');
      await emulator.close();
    }
  });

  it('adds, edits and deletes a setting through the prompts; the emulator agrees after each', async () => {
    ui.pick('shop-login');
    ui.type('site_name', 'https://shop.example.com/?a=1&b=2');
    await run('addSetting');
    assert.equal(settingsOf(shop.clientId).site_name, 'https://shop.example.com/?a=1&b=2');
    await ui.waitForMessage(/^Added site_name to shop-login\.$/);
    assert.equal(requestsFor(emulator, 'settings/set').at(-1)!.params.for_client_id, shop.clientId);

    ui.pick('shop-login', 'site_name');
    ui.type('');
    await run('editSettingValue');
    assert.equal(settingsOf(shop.clientId).site_name, '', 'an empty value is kept as empty');
    const box = ui.shown.at(-1)!;
    assert.equal(box.value, 'https://shop.example.com/?a=1&b=2', 'the box starts with the current value');
    await ui.waitForMessage(/^Changed site_name of shop-login\.$/);

    ui.pick('shop-login', 'site_name');
    ui.onMessage(/^Delete the setting "site_name" of shop-login\?$/, 'Delete');
    await run('deleteSetting');
    const confirm = ui.messages.find((m) => /^Delete the setting/.test(m.text))!;
    assert.equal(confirm.modal, true);
    assert.ok(!('site_name' in settingsOf(shop.clientId)));
    assert.deepEqual(errors(ui), []);
  });

  it('writes values exactly as given in the argument object, multi-line and JSON included, and copies them back', async () => {
    const json = '{"locales":["en-US","de-DE"],"nested":{"a":null}}';
    await run('addSetting', { application: 'dev', clientId: shop.clientId, key: 'config', value: json });
    await run('editSettingValue', {
      application: 'dev',
      clientId: shop.clientId,
      key: 'multi',
      value: 'x\r\ny\n',
    });
    assert.equal(settingsOf(shop.clientId).config, json);
    assert.equal(settingsOf(shop.clientId).multi, 'x\r\ny\n');
    await run('copySettingValue', { application: 'dev', clientId: shop.clientId, key: 'multi' });
    assert.equal(await vscode.env.clipboard.readText(), 'x\r\ny\n');
    await run('addSetting', { application: 'dev', clientId: shop.clientId, key: 'n', value: 5 });
    assert.match(errors(ui).at(-1)!.text, /^"value" must be text/);
  });

  it('on a protected application, Delete Setting… also asks for the application name', async () => {
    await setUserSetting('protectedApplicationPattern', '^dev$');
    ui.onMessage(/^Delete the setting/, 'Delete');
    ui.type('wrong', 'dev');
    await run('deleteSetting', { application: 'dev', clientId: shop.clientId, key: 'multi' });
    const typed = ui.shown.filter((s) => s.kind === 'input');
    assert.match(typed[0]!.prompt ?? '', /looks like production\. Type its name/);
    assert.match(typed[0]!.validationMessage ?? '', /Type "dev" to confirm/);
    assert.ok(!('multi' in settingsOf(shop.clientId)));
  });

  it('sets and removes an application default, showing the current value first and warning it applies to every client', async () => {
    ui.type('site_name', 'Example Store');
    ui.onMessage(/^Set the default of "site_name"/, 'Set Default');
    await run('setApplicationDefault', { application: 'dev' });
    assert.equal(requestsFor(emulator, 'settings/get_default').length, 1, 'the current value is read first');
    const set = ui.messages.find((m) => /^Set the default/.test(m.text))!;
    assert.equal(set.modal, true);
    assert.match(set.detail ?? '', /applies to every client of dev that has no value of its own/);
    assert.match(set.detail ?? '', /There is no default for it yet\./);
    const other = emulator.addClient({ features: ['direct_read_access'] });
    const api = new CaptureClient({ domain: emulator.domain, ...emulator.owner });
    const itemsOf = async (id: string) =>
      (await api.post('settings/items', { for_client_id: id }, settingsItemsResponseSchema, {})).result;
    assert.equal((await itemsOf(other.clientId)).site_name, 'Example Store');

    ui.onMessage(/^Delete the default of "site_name"/, 'Delete Default');
    await run('deleteApplicationDefault', { application: 'dev', key: 'site_name' });
    const removed = ui.messages.find((m) => /^Delete the default/.test(m.text))!;
    assert.match(removed.detail ?? '', /Its current default is "Example Store"\./);
    assert.equal((await itemsOf(other.clientId)).site_name, undefined);
    await run('deleteApplicationDefault', { application: 'dev', key: 'site_name' });
    await ui.waitForMessage(/^dev has no default for "site_name": nothing to delete\.$/);
  });

  it('creates a login client with a flow: asks name (offering the usual one) and version (HEAD), one set_multi after add', async () => {
    await setUserSetting('defaultFlowName', 'signIn');
    const before = emulator.clients().map((c) => c.clientId);
    ui.type('web login', 'signIn');
    ui.pick('Login client', 'HEAD', 'Clipboard');
    await run('createClient', { application: 'dev' });
    const [client] = newClients(before);
    assert.ok(client);
    assert.deepEqual(client.settings, { default_flow_name: 'signIn', default_flow_version: 'HEAD' });
    const nameBox = ui.shown.find((s) => s.kind === 'input' && /default_flow_name/.test(s.prompt ?? ''))!;
    assert.equal(nameBox.value, 'signIn', 'the usual flow name is offered');
    const versionPick = ui.shown.find((s) => s.kind === 'pick' && s.items.includes('HEAD'))!;
    assert.match(versionPick.prompt ?? '', /production should pin a version/);
    assert.equal(requestsFor(emulator, 'add').length, 1);
    const multi = requestsFor(emulator, 'settings/set_multi');
    assert.equal(multi.length, 1);
    assert.equal(multi[0]!.params.for_client_id, client.clientId);
    await ui.waitForMessage(
      /^Created "web login" in dev with its settings default_flow_name, default_flow_version\.$/,
    );
    assert.match(await vscode.env.clipboard.readText(), new RegExp(client.clientSecret));
  });

  it('a pinned flow version and a settings argument for any client type go in the same one call', async () => {
    const before = emulator.clients().map((c) => c.clientId);
    ui.type('pinned-version-123');
    ui.pick('Pin a Version');
    await run('createClient', {
      application: 'dev',
      description: 'app login',
      features: ['login_client'],
      destination: 'clipboard',
      settings: { default_flow_name: 'standard', site_name: 'Shop' },
    });
    assert.deepEqual(newClients(before)[0]!.settings, {
      default_flow_name: 'standard',
      site_name: 'Shop',
      default_flow_version: 'pinned-version-123',
    });
    await run('createClient', {
      application: 'dev',
      description: 'reader',
      features: ['direct_read_access'],
      destination: 'clipboard',
      settings: { export_path: '/data' },
    });
    assert.deepEqual(emulator.clients().find((c) => c.description === 'reader')!.settings, {
      export_path: '/data',
    });
    await run('createClient', { application: 'dev', description: 'bad', features: [], settings: { a: 1 } });
    assert.match(errors(ui).at(-1)!.text, /^The value of setting "a" must be text/);
    assert.equal(requestsFor(emulator, 'add').length, 2, 'the bad settings argument sent nothing');
  });

  /** Create API Client… of a login client with its flow, the settings' set_multi failing once (510); the new client. */
  const createWithFailingSettings = async (description: string, destination: string) => {
    const before = emulator.clients().map((c) => c.clientId);
    emulator.injectFault({ op: 'settings/set_multi', kind: 'error', code: 510, error: 'api_limit_error' });
    await run('createClient', {
      application: 'dev',
      description,
      features: ['login_client'],
      destination,
      settings: { default_flow_name: 'standard', default_flow_version: 'HEAD' },
    });
    const [client] = newClients(before);
    assert.ok(client, 'the client was created');
    return client;
  };

  it('when set_multi fails after add: the credentials are delivered, the message names the settings and why, Try Again sets only them', async () => {
    ui.onMessage(/were not set/, 'Try Again');
    const client = await createWithFailingSettings('retry login', 'clipboard');
    assert.match(
      await vscode.env.clipboard.readText(),
      new RegExp(`IDENTITY_CLOUD_CLIENT_SECRET=${client.clientSecret}`),
    );
    const warning = ui.messages.find((m) => /were not set/.test(m.text))!;
    assert.equal(warning.level, 'warning');
    assert.match(
      warning.text,
      new RegExp(
        `^Client ${client.clientId} was created and its credentials delivered, but these settings were not set: default_flow_name, default_flow_version\\. Writing the settings failed: too many simultaneous calls.*\\(request id: [0-9a-f]{16}\\)`,
      ),
    );
    assert.deepEqual(warning.actions, ['Try Again']);
    assert.equal(requestsFor(emulator, 'settings/set_multi')[0]!.fault, 'error', 'the first try failed');
    assert.deepEqual(settingsOf(client.clientId), {
      default_flow_name: 'standard',
      default_flow_version: 'HEAD',
    });
    assert.equal(requestsFor(emulator, 'add').length, 1, '/clients/add is never repeated');
    assert.equal(requestsFor(emulator, 'settings/set_multi').length, 2);
  });

  it('when set_multi fails after a delivery that failed too, the message does not say the credentials were delivered', async () => {
    const client = await createWithFailingSettings('nowhere to go', 'no-such-folder/.env');
    const lost = await ui.waitForMessage(/The credentials are not lost/);
    assert.match(lost.text, /^The folder of no-such-folder\/\.env does not exist\./);
    const warning = await ui.waitForMessage(/were not set/);
    assert.match(
      warning.text,
      new RegExp(
        `^Client ${client.clientId} was created, but these settings were not set: default_flow_name, default_flow_version\\. `,
      ),
    );
  });

  it('Check Credentials: works, wrong secret (402), outside the allow list (403, both causes and the list), no features (by design)', async () => {
    const outside = emulator.addClient({
      description: 'export',
      features: ['direct_read_access'],
      whitelist: ['203.0.113.0/24'],
    });
    const none = emulator.addClient({ description: 'retired', features: [] });
    const check = async (clientId: string, expected: RegExp) => {
      const from = ui.messages.length;
      await run('checkCredentials', { application: 'dev', clientId });
      const shown = ui.messages.slice(from);
      assert.equal(shown.length, 1, JSON.stringify(shown));
      assert.match(shown[0]!.text, expected);
      const probe = requestsFor(emulator, 'settings/items').at(-1)!;
      assert.equal(probe.authClientId, clientId, 'the probe authenticates as the client itself');
      assert.equal(probe.params.for_client_id, undefined, 'and asks for its own settings');
      return shown[0]!;
    };
    assert.equal((await check(shop.clientId, /^The credentials of "shop-login" \(\w+\) work/)).level, 'info');
    const refused = await check(
      outside.clientId,
      /allow list \(203\.0\.113\.0\/24\), or the client lacks a feature/,
    );
    assert.equal(refused.level, 'warning');
    assert.deepEqual(refused.actions, ['Edit Allow List…']);
    await check(
      none.clientId,
      /has no features, so Capture refuses the call that proves its credentials, by design/,
    );
    // The view's listing still holds the old secret after it is reset elsewhere: a real 402.
    await new CaptureClient({ domain: emulator.domain, ...emulator.owner }).resetSecret(shop.clientId, 0);
    assert.equal(
      (await check(shop.clientId, /^The secret of "shop-login" \(\w+\) is wrong.*\(402\)/)).level,
      'warning',
    );
  });

  it('the messages after Create and after Reset Secret offer Check Credentials, which probes the new secret', async () => {
    ui.onMessage(/^Created "probe me" in dev\.$/, 'Check Credentials');
    await run('createClient', {
      application: 'dev',
      description: 'probe me',
      features: ['direct_read_access'],
      destination: 'clipboard',
    });
    await ui.waitForMessage(/^The credentials of "probe me" \(\w+\) work/);
    ui.onMessage(/^Reset the secret of .*\?$/, 'Reset Secret');
    ui.onMessage(/^Reset the secret of shop-login\.$/, 'Check Credentials');
    await run('resetSecret', {
      application: 'dev',
      clientId: shop.clientId,
      hoursToLive: 0,
      destination: 'clipboard',
    });
    await ui.waitForMessage(/^The credentials of "shop-login" \(\w+\) work/);
    const probe = requestsFor(emulator, 'settings/items').at(-1)!;
    assert.equal(probe.authClientId, shop.clientId);
  });
});

// The Configuration API (issue 17) in the real extension host, against the emulator (which serves
// /clients/*, /settings/* and /config/{app_id}/flows… from one address): connect an application,
// its flows and versions in the view, a login client created by picking its flow and version,
// the broken-flow problem and its fix, and the typed prompts when there is no list.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addApplication as addApplicationCommand } from '../../src/commands/addApplication';
import { createClient as createClientCommand } from '../../src/commands/createClient';
import { Commands, ownerSecretKey } from '../../src/ids';
import type { ClientsTree, ClientsTreeNode } from '../../src/views/clientsTree';
import type { Emulator, EmulatedClient } from '../emulator/emulator';
import { FakeUi } from './helpers/fakeUi';
import { FaultySecretStorage, contextWith } from './helpers/faultySecrets';
import { labelText, treeItems } from './helpers/treeFixture';
import {
  addApplication,
  assertAllAnswered,
  assertNoSecretShown,
  assertOneProblem,
  cleanUp,
  emulatorSecrets,
  requestsFor,
  setUserSetting,
  startWithApplication,
  userApplications,
  SKIP_CONFIG_API,
} from './helpers/workbench';

const APP_ID = 'htb8fuhxnf8e38jrzub3c7pfrr';

describe('Configuration API: flows from the real list', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let ui: FakeUi;

  /** Connects `dev` to the emulator's Configuration API through the real command, with its arguments. */
  const connect = async () => {
    await vscode.commands.executeCommand(Commands.connectConfigApi, {
      application: 'dev',
      appId: APP_ID,
      region: emulator.domain,
    });
    await ui.waitForMessage(/^Connected the Configuration API for dev: it has 3 flows\.$/);
  };

  /** The login client's settings/set_multi, as the emulator received them. */
  const flowWrites = (client: EmulatedClient) =>
    requestsFor(emulator, 'settings/set_multi')
      .filter((r) => r.params.for_client_id === client.clientId)
      .map((r) => JSON.parse(r.params.items!) as Record<string, string>);

  /**
   * Create API Client… for dev with the answers queued, waiting for its closing message (the
   * settings it names and how they went); the client it created.
   */
  const createWith = async (done = /^Created "web login" in dev with its settings/) => {
    const before = new Set(emulator.clients().map((c) => c.clientId));
    await vscode.commands.executeCommand(Commands.createClient, { application: 'dev' });
    await ui.waitForMessage(done);
    return emulator.clients().find((c) => !before.has(c.clientId))!;
  };

  /** The typed default_flow_name prompt, as shown. */
  const typedFlowBox = () =>
    ui.shown.find((s) => s.kind === 'input' && /default_flow_name/.test(s.prompt ?? ''))!;

  beforeEach(async () => {
    ({ emulator, ui } = await startWithApplication({ emulator: { appId: APP_ID } }));
  });

  afterEach(async function () {
    try {
      assertNoSecretShown(ui, emulatorSecrets(emulator));
      if (this.currentTest?.state === 'passed') assertAllAnswered(ui);
    } finally {
      await setUserSetting('defaultFlowName', undefined);
      await vscode.env.clipboard.writeText('');
      await cleanUp(ui, [emulator]);
    }
  });

  it('Connect Configuration API… asks the application ID and region, checks with one flow list, then saves both', async () => {
    ui.type(APP_ID, emulator.domain);
    ui.pick('Another API Host');
    await vscode.commands.executeCommand(Commands.connectConfigApi, { application: 'dev' });
    await ui.waitForMessage(/^Connected the Configuration API for dev: it has 3 flows\.$/);
    const [idBox, regionPick, hostBox] = ui.shown;
    assert.deepEqual(
      [idBox!.title, idBox!.step, idBox!.totalSteps],
      ['Connect Configuration API for dev', 1, 2],
    );
    assert.match(idBox!.prompt ?? '', /Console → Manage Application.*not the owner client ID/);
    assert.deepEqual(regionPick!.items, ['us', 'eu', 'au', 'sa', 'cn', 'sg', 'Another API Host…']);
    assert.match(regionPick!.placeholder ?? '', /oidc_url/);
    assert.match(hostBox!.prompt ?? '', /https:\/\/v1\.api\.us\.janrain\.com/);
    const checks = requestsFor(emulator, 'config/flows');
    assert.equal(checks.length, 1, 'one read-only call before saving');
    assert.equal(checks[0]!.authClientId, emulator.owner.clientId, 'as the owner client');
    assert.deepEqual(userApplications(), [
      {
        name: 'dev',
        domain: emulator.domain,
        clientId: emulator.owner.clientId,
        appId: APP_ID,
        region: emulator.domain,
      },
    ]);
  });

  it('an application with both the Configuration API and Hosted Login keeps both when another application is saved', async () => {
    await connect();
    const hostedLogin = {
      customerId: 'customer-1',
      origin: emulator.domain,
      configClientId: 'config-client-1',
    };
    await setUserSetting('applications', [{ ...userApplications()[0]!, hostedLogin }]);
    await FakeUi.during((setup) => addApplication(setup, emulator, 'other'));
    assert.deepEqual(
      userApplications().find((a) => a.name === 'dev'),
      {
        name: 'dev',
        domain: emulator.domain,
        clientId: emulator.owner.clientId,
        appId: APP_ID,
        region: emulator.domain,
        hostedLogin,
      },
    );
  });

  it('a server error on the check asks in a modal, since the wizard waits on it; Save Anyway saves unchecked', async () => {
    emulator.injectConfigFault({ status: 500, errors: 'Internal Server Error.', endpoint: 'flows' });
    ui.onMessage(/^Checking the Configuration API failed/, 'Save Anyway');
    await vscode.commands.executeCommand(Commands.connectConfigApi, {
      application: 'dev',
      appId: APP_ID,
      region: emulator.domain,
    });
    await ui.waitForMessage(/^Connected the Configuration API for dev without checking it\.$/);
    const question = ui.messages.find((m) => m.text.startsWith('Checking the Configuration API failed'))!;
    assert.equal(question.modal, true, 'a toast may be tucked away while the wizard waits');
    assert.deepEqual(question.actions, ['Save Anyway', 'Edit Application ID and Region']);
    assert.equal(userApplications()[0]!.appId, APP_ID);
  });

  it('a plain-http API host other than this machine is refused under the box; nothing is sent there', async () => {
    ui.type(APP_ID, 'http://v1.api.example.com', { cancel: true });
    ui.pick('Another API Host');
    await vscode.commands.executeCommand(Commands.connectConfigApi, { application: 'dev' });
    const hostBox = ui.shown.find((s) => s.prompt?.startsWith('The Configuration API host'))!;
    assert.equal(
      hostBox.validationMessage,
      'Use https:// for v1.api.example.com: owner credentials are never sent unencrypted.',
    );
    assert.equal(userApplications()[0]!.appId, undefined, 'nothing saved');
  });

  describe("Add Application's optional Configuration API step", () => {
    // The real command, wired over an in-memory secret store: what it saved (or did not) can be read.
    let secrets: FaultySecretStorage;
    let wired: ReturnType<typeof contextWith>;
    const CONNECT = 'Enter the Application ID and Region…';
    const QUESTION = /^Checking the Configuration API failed/;
    const addShop = (arg?: Record<string, string>) =>
      wired.run(Commands.addApplication, 'Adding the application', addApplicationCommand, arg);
    /** Add Application for `shop` with its name, domain and owner client ID as arguments. */
    const shopArg = () => ({ name: 'shop', domain: emulator.domain, clientId: emulator.owner.clientId });
    const shop = () => userApplications().find((a) => a.name === 'shop');
    const storedSecret = () => secrets.values.get(ownerSecretKey(emulator.domain, emulator.owner.clientId));

    beforeEach(() => {
      secrets = new FaultySecretStorage();
      wired = contextWith(secrets);
    });
    afterEach(() => {
      wired.dispose();
      secrets.dispose();
    });

    it('asks the application ID and region after the owner secret, checks both, saves both; Flows shows at once', async () => {
      ui.type(
        'shop',
        emulator.domain,
        emulator.owner.clientId,
        emulator.owner.clientSecret,
        APP_ID,
        emulator.domain,
      );
      ui.pick(CONNECT, 'Another API Host');
      await addShop();
      await ui.waitForMessage(
        /^Saved shop\. The owner credentials work\. Its Configuration API lists 3 flows\.$/,
      );
      assert.deepEqual(
        ui.shown.map((s) => [s.kind, s.step, s.totalSteps]),
        [
          ['input', 1, undefined],
          ['input', 2, undefined],
          ['input', 3, undefined],
          ['input', 4, undefined],
          ['pick', 5, undefined],
          ['input', 6, 7],
          ['pick', 7, 7],
          ['input', undefined, undefined],
        ],
        'no total until the optional step is answered; then seven, the API host box a part of step 7',
      );
      const [choice, idBox] = ui.shown.slice(4);
      assert.deepEqual(choice!.items, [CONNECT, SKIP_CONFIG_API]);
      assert.match(choice!.placeholder ?? '', /\(optional\)/);
      assert.match(idBox!.prompt ?? '', /Console → Manage Application.*not the owner client ID/);
      assert.equal(requestsFor(emulator, 'config/flows').length, 1, 'one read-only call before saving');
      assert.deepEqual(shop(), {
        name: 'shop',
        domain: emulator.domain,
        clientId: emulator.owner.clientId,
        appId: APP_ID,
        region: emulator.domain,
      });
      assert.equal(storedSecret(), emulator.owner.clientSecret);

      const apps = await treeItems(wired.ctx.tree);
      const app = apps.find((a) => labelText(a.item.label) === 'shop')!;
      const [flows] = await treeItems(wired.ctx.tree, app.node);
      assert.equal(labelText(flows!.item.label), 'Flows');
      assert.deepEqual(
        (await treeItems(wired.ctx.tree, flows!.node)).map((f) => labelText(f.item.label)),
        ['signIn', 'standard', 'userProfile'],
      );
    });

    it('offers the region the Capture domain suggests; Back goes through the steps; cancelling saves and sends nothing', async () => {
      const before = emulator.requests.length;
      ui.type('shop', 'myapp.eu.janraincapture.com', emulator.owner.clientId, 'any-secret', APP_ID, {
        back: true,
      });
      ui.pick(CONNECT, { back: true }, { cancel: true });
      await addShop();
      const [regionPick, idAgain, choiceAgain] = ui.shown.slice(6);
      assert.equal(
        regionPick!.descriptions[regionPick!.items.indexOf('eu')],
        'v1.api.eu.janrain.com · suggested by the Capture domain',
      );
      assert.deepEqual(
        [idAgain!.prompt?.startsWith('The application ID'), idAgain!.value, idAgain!.step],
        [true, APP_ID, 6],
        'Back from the region returns to the application ID as typed',
      );
      assert.deepEqual([choiceAgain!.items, choiceAgain!.step], [[CONNECT, SKIP_CONFIG_API], 5]);
      assert.equal(shop(), undefined, 'nothing saved');
      assert.equal(secrets.values.size, 0, 'no secret stored');
      assert.equal(emulator.requests.length, before, 'nothing was sent');
    });

    it('Skip saves no application ID; creating a login client then says why there is no list of flows', async () => {
      ui.type(emulator.owner.clientSecret).pick(SKIP_CONFIG_API);
      await addShop(shopArg());
      await ui.waitForMessage(/^Saved shop\. The owner credentials work\.$/);
      assert.deepEqual(shop(), { name: 'shop', domain: emulator.domain, clientId: emulator.owner.clientId });
      assert.equal(requestsFor(emulator, 'config/flows').length, 0, 'no Configuration API call');

      ui.type('web login', 'signIn');
      ui.pick('Login client', 'HEAD', 'Clipboard');
      await wired.run(Commands.createClient, 'Creating the client', createClientCommand, {
        application: 'shop',
      });
      await ui.waitForMessage(/^Created "web login" in shop with its settings/);
      assert.match(
        typedFlowBox().prompt ?? '',
        /No list of flows: shop has no application ID \(Connect Configuration API… on the application adds one\)\.$/,
      );
    });

    it('a wrong application ID (404) is told in a modal; Edit asks the ID again, then both are saved', async () => {
      const ownerChecks = requestsFor(emulator, 'list').length;
      ui.onMessage(QUESTION, 'Edit Application ID and Region');
      ui.type(emulator.owner.clientSecret, 'wrongid123', emulator.domain, APP_ID, emulator.domain);
      ui.pick(CONNECT, 'Another API Host', 'Another API Host');
      await addShop(shopArg());
      await ui.waitForMessage(
        /^Saved shop\. The owner credentials work\. Its Configuration API lists 3 flows\.$/,
      );
      const question = ui.messages.find((m) => QUESTION.test(m.text))!;
      assert.match(question.text, /HTTP 404/);
      assert.equal(question.modal, true, 'the wizard waits on it');
      assert.deepEqual(
        question.actions,
        ['Edit Application ID and Region', 'Save Without the Configuration API'],
        'an answer from the API itself is not saved anyway',
      );
      const idBoxes = ui.shown.filter((s) => s.prompt?.startsWith('The application ID'));
      assert.deepEqual(
        idBoxes.map((s) => s.value),
        ['', 'wrongid123'],
        'asked again with what was typed',
      );
      assert.equal(
        requestsFor(emulator, 'list').length - ownerChecks,
        1,
        'the owner credentials are checked once; Edit asks again only for the Configuration API',
      );
      assert.equal(shop()?.appId, APP_ID);
    });

    it('after a server error, Save Without the Configuration API saves the application and its secret, without an ID', async () => {
      emulator.injectConfigFault({ status: 500, errors: 'Internal Server Error.', endpoint: 'flows' });
      ui.onMessage(QUESTION, 'Save Without the Configuration API');
      ui.type(emulator.owner.clientSecret, APP_ID, emulator.domain);
      ui.pick(CONNECT, 'Another API Host');
      await addShop(shopArg());
      await ui.waitForMessage(
        /^Saved shop\. The owner credentials work\. It has no Configuration API yet: Connect Configuration API… on the application connects it\.$/,
      );
      assert.deepEqual(ui.messages.find((m) => QUESTION.test(m.text))!.actions, [
        'Save Anyway',
        'Edit Application ID and Region',
        'Save Without the Configuration API',
      ]);
      assert.deepEqual(shop(), { name: 'shop', domain: emulator.domain, clientId: emulator.owner.clientId });
      assert.equal(storedSecret(), emulator.owner.clientSecret);
    });

    it('closing the failed check’s question keeps nothing: no settings entry, no secret', async () => {
      emulator.injectConfigFault({ status: 401, errors: 'Authentication required.', endpoint: 'flows' });
      ui.onMessage(QUESTION, undefined);
      ui.type(emulator.owner.clientSecret, APP_ID, emulator.domain);
      ui.pick(CONNECT, 'Another API Host');
      await addShop(shopArg());
      assert.ok(
        ui.messages.some((m) => QUESTION.test(m.text)),
        'the question was shown',
      );
      assert.equal(shop(), undefined, 'no settings entry');
      assert.equal(secrets.values.size, 0, 'no secret stored');
      assert.ok(!ui.messages.some((m) => /^Saved /.test(m.text)));
    });
  });

  describe('the Flows node, item by item', () => {
    let secrets: FaultySecretStorage;
    let wired: ReturnType<typeof contextWith>;
    let view: ClientsTree;
    const items = (node?: ClientsTreeNode) => treeItems(view, node);

    beforeEach(async () => {
      secrets = new FaultySecretStorage();
      await secrets.store(
        ownerSecretKey(emulator.domain, emulator.owner.clientId),
        emulator.owner.clientSecret,
      );
      wired = contextWith(secrets);
      view = wired.ctx.tree;
    });
    afterEach(() => {
      wired.dispose();
      secrets.dispose();
    });

    it('an application with an ID shows Flows first; flows expand to versions, HEAD first with its change; Copy works', async () => {
      await connect();
      const [app] = await items();
      const [flows] = await items(app!.node);
      assert.equal(labelText(flows!.item.label), 'Flows');
      assert.equal(flows!.item.contextValue, 'flows');
      assert.equal(flows!.item.description, `application ${APP_ID}`);
      const listed = await items(flows!.node);
      assert.deepEqual(
        listed.map((f) => labelText(f.item.label)),
        ['signIn', 'standard', 'userProfile'],
      );
      assert.ok(listed.every((f) => f.item.contextValue === 'flow'));
      const standard = listed.find((f) => labelText(f.item.label) === 'standard')!;
      const versions = await items(standard.node);
      assert.deepEqual(
        versions.map((v) => [labelText(v.item.label), v.item.description]),
        [
          ['HEAD', 'latest · Updated field: givenName'],
          ['20240612195314276034', 'Added field: phoneNumber'],
          ['20231103101502112233', 'Updated screen: signIn'],
          ['20230120195437074178', 'Created.'],
        ],
      );
      assert.ok(versions.every((v) => v.item.contextValue === 'flowVersion'));

      await vscode.commands.executeCommand(Commands.copyFlowName, standard.node);
      assert.equal(await vscode.env.clipboard.readText(), 'standard');
      await vscode.commands.executeCommand(Commands.copyFlowVersion, versions[1]!.node);
      assert.equal(await vscode.env.clipboard.readText(), '20240612195314276034');
      await ui.waitForMessage(/^Copied version 20240612195314276034 of standard\.$/);
      const calls = emulator.requests.filter((r) => r.op.startsWith('config/')).map((r) => [r.method, r.op]);
      assert.ok(
        calls.every(([method]) => method === 'GET'),
        'read-only: the extension never changes a flow',
      );
    });

    it('without an application ID there is no Flows node; a failed list is a row with Retry and Connect', async () => {
      const [plain] = await items();
      assert.ok((await items(plain!.node)).every((c) => c.node.kind !== 'flows'));
      await connect();
      emulator.injectConfigFault({ status: 500, errors: 'Internal Server Error.', endpoint: 'flows' });
      const [app] = await items();
      const [flows] = await items(app!.node);
      const rows = await items(flows!.node);
      assert.match(
        labelText(rows[0]!.item.label),
        /^Listing the flows failed: the Configuration API had a server error \(HTTP 500\)\./,
      );
      assert.equal(rows[0]!.item.command?.command, Commands.refresh);
      assert.equal(rows[1]!.item.command?.command, Commands.connectConfigApi);
    });

    /** Hand-edits dev's entry in the user settings; asserts its Flows node is not connected, with one row saying `why`. */
    const assertNotUsed = async (edit: Record<string, unknown>, why: string) => {
      await setUserSetting('applications', [{ ...userApplications()[0]!, ...edit }]);
      const [app] = await items();
      const [flows] = await items(app!.node);
      assert.equal(flows!.item.description, 'not connected');
      const rows = await items(flows!.node);
      assert.deepEqual(
        rows.map((r) => [labelText(r.item.label), r.item.command?.command]),
        [[`Not used: ${why}`, Commands.connectConfigApi]],
      );
    };

    it('a hand-edited plain-http region is not used (the row says why) and is kept as it is when settings are saved', async () => {
      const region = 'http://v1.api.example.com';
      await assertNotUsed(
        { appId: APP_ID, region },
        'Use https:// for v1.api.example.com: owner credentials are never sent unencrypted.',
      );
      await wired.ctx.store.save({ name: 'other', domain: emulator.domain, clientId: 'other-owner' });
      assert.deepEqual(
        userApplications().map((a) => [a.name, a.appId, a.region]),
        [
          ['dev', APP_ID, region],
          ['other', undefined, undefined],
        ],
      );
      assert.equal(requestsFor(emulator, 'config/flows').length, 0, 'nothing was sent there');
    });

    it('a hand-edited application ID that is not text (a bare number) is not used, and the row says why', async () => {
      await assertNotUsed({ appId: 12345 }, '"appId" must be text, such as htb8fuhxnf8e38jrzub3c7pfrr.');
    });

    it('a login client whose flow is not a flow gets a warning row with Pick a Flow…, which fixes it', async () => {
      const broken = emulator.addClient({
        description: 'legacy login',
        features: ['login_client'],
        settings: { default_flow_name: 'legacyFlow', default_flow_version: 'HEAD' },
      });
      const pinned = emulator.addClient({
        description: 'pinned login',
        features: ['login_client'],
        settings: { default_flow_name: 'standard', default_flow_version: '19990101000000000000' },
      });
      await connect();
      const settingsRows = async (client: EmulatedClient) => {
        const [app] = await items();
        const clientRow = (await items(app!.node)).find((c) => c.item.description === client.clientId)!;
        const settingsNode = (await items(clientRow.node)).find((c) => c.node.kind === 'settings')!;
        return items(settingsNode.node);
      };
      const [warning, fix] = await settingsRows(broken);
      assert.equal(
        labelText(warning!.item.label),
        'legacy login uses the flow "legacyFlow", which dev does not have (its flows: signIn, standard, userProfile): every login and registration call fails. Pick one of its flows.',
      );
      assert.equal((warning!.item.iconPath as vscode.ThemeIcon).id, 'warning');
      assert.equal(labelText(fix!.item.label), 'Pick a Flow…');
      assert.equal(fix!.item.command?.command, Commands.pickFlow);
      const [pinnedWarning] = await settingsRows(pinned);
      assert.match(
        labelText(pinnedWarning!.item.label),
        /^pinned login pins version 19990101000000000000 of the flow "standard", which does not exist in dev/,
      );

      // The fix: the row's own command, run as a click runs it.
      ui.pick('signIn', '20240101120000000001');
      await vscode.commands.executeCommand(
        fix!.item.command!.command,
        ...(fix!.item.command!.arguments ?? []),
      );
      await ui.waitForMessage(/^legacy login now uses flow signIn, version 20240101120000000001\.$/);
      assert.deepEqual(flowWrites(broken), [
        { default_flow_name: 'signIn', default_flow_version: '20240101120000000001' },
      ]);
      const after = await settingsRows(broken);
      assert.ok(
        after.every((row) => row.node.kind === 'setting'),
        'no warning once the flow exists',
      );
    });
  });

  it('Check Credentials of a login client with a missing flow warns once, with Pick a Flow…', async () => {
    const broken = emulator.addClient({
      description: 'legacy login',
      features: ['login_client'],
      settings: { default_flow_name: 'legacyFlow' },
    });
    await connect();
    await vscode.commands.executeCommand(Commands.checkCredentials, {
      application: 'dev',
      clientId: broken.clientId,
    });
    const shown = assertOneProblem(
      ui,
      /^The credentials of "legacy login" \(\w+\) work: Capture accepted them and answered with its settings\. But: "legacy login" \(\w+\) uses the flow "legacyFlow", which dev does not have/,
    );
    assert.deepEqual(shown.actions, ['Pick a Flow…']);
  });

  it('creates a login client by picking flow and version from lists: set_multi carries exactly them', async () => {
    await connect();
    await setUserSetting('defaultFlowName', 'standard');
    ui.type('web login');
    ui.pick('Login client', 'standard', '20240612195314276034', 'Clipboard');
    const created = await createWith(
      /^Created "web login" in dev with its settings default_flow_name, default_flow_version\.$/,
    );
    assert.deepEqual(flowWrites(created), [
      { default_flow_name: 'standard', default_flow_version: '20240612195314276034' },
    ]);
    assert.deepEqual(created.settings, {
      default_flow_name: 'standard',
      default_flow_version: '20240612195314276034',
    });
    const flowPick = ui.shown.find((s) => s.kind === 'pick' && s.items.includes('userProfile'))!;
    assert.deepEqual(flowPick.items, ['signIn', 'standard', 'userProfile', '$(edit) Type a Name…']);
    assert.equal(flowPick.descriptions[1], 'your usual flow (identityCloud.defaultFlowName)');
    const versionPick = ui.shown.find((s) => s.kind === 'pick' && s.items.includes('HEAD'))!;
    assert.deepEqual(versionPick.items, [
      'HEAD',
      '20240612195314276034',
      '20231103101502112233',
      '20230120195437074178',
      '$(edit) Type a Version…',
    ]);
    assert.deepEqual(versionPick.descriptions.slice(0, 3), [
      'latest, fine for testing',
      'newest pinned version: suggested for production',
      '',
    ]);
    assert.deepEqual(
      [versionPick.step, versionPick.totalSteps],
      [4, 5],
      'description, kind, flow, version, then where the credentials go: one flow with Back',
    );
    assert.equal(requestsFor(emulator, 'add').length, 1);
  });

  it('Type a Name… keeps a flow the list lacks; the version is then typed', async () => {
    await connect();
    ui.type('web login', 'newFlow', 'pinned-1');
    ui.pick('Login client', 'Type a Name', 'Pin a Version', 'Clipboard');
    const created = await createWith();
    assert.deepEqual(flowWrites(created), [
      { default_flow_name: 'newFlow', default_flow_version: 'pinned-1' },
    ]);
    // The versions of a flow the application does not have cannot be listed: the pick says why.
    const versionPick = ui.shown.find((s) => s.kind === 'pick' && s.items.includes('Pin a Version…'))!;
    assert.deepEqual(versionPick.items, ['HEAD', 'Pin a Version…']);
  });

  it('without an application ID the prompts are typed, as before, and say why there is no list', async () => {
    ui.type('web login', 'signIn');
    ui.pick('Login client', 'HEAD', 'Clipboard');
    const created = await createWith();
    assert.match(
      typedFlowBox().prompt ?? '',
      /No list of flows: dev has no application ID \(Connect Configuration API… on the application adds one\)\.$/,
    );
    assert.equal(requestsFor(emulator, 'config/flows').length, 0, 'no Configuration API call');
    assert.deepEqual(created.settings, { default_flow_name: 'signIn', default_flow_version: 'HEAD' });
  });

  it('when the flow list fails, the prompt is typed and names the failure with its status; nothing else is lost', async () => {
    await connect();
    emulator.injectConfigFault({ status: 403, errors: 'Authentication required.', endpoint: 'flows' });
    ui.type('web login', 'standard');
    ui.pick('Login client', 'HEAD', 'Clipboard');
    const created = await createWith();
    assert.match(
      typedFlowBox().prompt ?? '',
      /No list of flows: Listing the flows failed: the Configuration API refused the owner client \(HTTP 403\)\./,
    );
    assert.deepEqual(created.settings, { default_flow_name: 'standard', default_flow_version: 'HEAD' });
  });

  it('Edit Value… on default_flow_version offers the versions of the client’s flow', async () => {
    const login = emulator.addClient({
      description: 'shop login',
      features: ['login_client'],
      settings: { default_flow_name: 'signIn', default_flow_version: 'HEAD' },
    });
    await connect();
    const reads = requestsFor(emulator, 'settings/items').length;
    ui.pick('20240101120000000001');
    await vscode.commands.executeCommand(Commands.editSettingValue, {
      application: 'dev',
      clientId: login.clientId,
      key: 'default_flow_version',
    });
    await ui.waitForMessage(/^Changed default_flow_version of shop login\.$/);
    const versionPick = ui.shown.find((s) => s.kind === 'pick')!;
    assert.deepEqual(versionPick.items, ['HEAD', '20240101120000000001', '$(edit) Type a Version…']);
    assert.equal(emulator.client(login.clientId)!.settings.default_flow_version, '20240101120000000001');
    assert.equal(requestsFor(emulator, 'config/versions').length, 1);
    assert.equal(
      requestsFor(emulator, 'settings/items').length - reads,
      1,
      "the client's settings are read once: to find the setting, and its flow",
    );
  });
});

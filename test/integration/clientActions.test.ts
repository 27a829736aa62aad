// The actions on an existing API client (issue 4), each against the emulator, from the palette
// (QuickPicks for the client and the values) and with argument objects: what the emulator holds
// afterwards, which confirmations were asked, and that every change names its client with
// for_client_id (never the owner-defaulting form).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type EmulatedClient, type Emulator } from '../emulator/emulator';
import { FakeUi } from './helpers/fakeUi';
import {
  ENV_KEYS,
  addApplication,
  assertAllAnswered,
  cleanUp,
  envValues,
  errors,
  readEnv,
  requestsFor,
  startWithApplication,
} from './helpers/workbench';

/** The operations that act on one client and would default to the calling owner client without for_client_id. */
const CHANGES = ['set_description', 'set_features', 'set_whitelist', 'clear_whitelist', 'reset_secret'];

describe('client actions', () => {
  let ui: FakeUi;
  let emulators: Emulator[];
  let emulator: Emulator;
  let billing: EmulatedClient;
  let widget: EmulatedClient;

  const run = (command: string, arg?: Record<string, unknown>) =>
    vscode.commands.executeCommand(`identityCloud.${command}`, arg);

  /** The change requests (set_*, clear_whitelist, reset_secret) the emulator received. */
  const changes = (on: Emulator = emulator) => on.requests.filter((r) => CHANGES.includes(r.op));

  beforeEach(async () => {
    ({
      emulator,
      ui,
      clients: [billing, widget],
    } = await startWithApplication({
      clients: [
        { description: 'billing-service', features: ['direct_read_access'] },
        { description: 'login-widget', features: ['login_client'] },
      ],
    }));
    emulators = [emulator];
  });

  afterEach(() => cleanUp(ui, emulators));

  describe('Edit Description…', () => {
    it("from the palette: picks from the emulator's clients, starts with the current description", async () => {
      const listed = emulator
        .clients()
        .map((c) => c.description)
        .sort();
      ui.pick('billing-service').type('billing (renamed)');
      await run('editDescription');
      const [clientPick, input] = ui.shown;
      assert.deepEqual([...clientPick!.items].sort(), listed, "the pick lists the emulator's clients");
      assert.equal(input!.value, 'billing-service');
      assert.equal(emulator.client(billing.clientId)!.description, 'billing (renamed)');
      assert.deepEqual(
        changes().map((r) => [r.op, r.params.for_client_id, r.params.description]),
        [['set_description', billing.clientId, 'billing (renamed)']],
      );
      assertAllAnswered(ui);
    });

    it('with an argument object asks nothing', async () => {
      await run('editDescription', {
        application: 'dev',
        clientId: widget.clientId,
        description: '  widget v2 ',
      });
      assert.deepEqual(ui.shown, []);
      assert.equal(emulator.client(widget.clientId)!.description, 'widget v2');
      assert.equal(changes()[0]!.params.for_client_id, widget.clientId);
    });
  });

  describe('Edit Features…', () => {
    it('from the palette starts with the current features ticked and replaces them', async () => {
      ui.pick('billing-service', 'API access', ['direct_read_access', 'access_issuer']);
      await run('editFeatures');
      assert.deepEqual(ui.shown[2]!.picked, ['direct_read_access']);
      assert.deepEqual([...emulator.client(billing.clientId)!.features].sort(), [
        'access_issuer',
        'direct_read_access',
      ]);
      assert.deepEqual(
        changes().map((r) => [r.op, r.params.for_client_id]),
        [['set_features', billing.clientId]],
      );
      assertAllAnswered(ui);
    });

    it("refuses removing owner from the extension's own owner client, before any change request", async () => {
      await run('editFeatures', {
        application: 'dev',
        clientId: emulator.owner.clientId,
        features: ['direct_read_access'],
      });
      const shown = errors(ui);
      assert.equal(shown.length, 1);
      assert.match(shown[0]!.text, /owner feature cannot be removed/);
      assert.deepEqual(changes(), []);
      assert.deepEqual(emulator.client(emulator.owner.clientId)!.features, ['owner']);
    });

    it("in the picker, refuses taking owner from the extension's own owner client and opens again as it was", async () => {
      ui.pick('API access', ['direct_read_access'], { cancel: true });
      ui.onMessage(/owner feature cannot be removed/, undefined);
      await run('editFeatures', { application: 'dev', clientId: emulator.owner.clientId });
      const refusal = ui.messages.find((m) => /owner feature cannot be removed/.test(m.text));
      assert.equal(refusal?.modal, true, 'a modal says why');
      const featurePicks = ui.shown.filter((s) => s.items.includes('owner'));
      assert.equal(featurePicks.length, 2, 'the features picker opens again');
      assert.deepEqual(
        featurePicks[1]!.picked,
        ['direct_read_access'],
        'with the ticks as the user left them',
      );
      assert.deepEqual(changes(), []);
      assertAllAnswered(ui);
    });

    it('shows an Akamai-only feature (metadata) as kept, and keeps it', async () => {
      const tagged = emulator.addClient({
        description: 'tagged',
        features: ['direct_read_access', 'metadata'],
      });
      ui.pick('API access', ['direct_read_access', 'access_issuer']);
      await run('editFeatures', { application: 'dev', clientId: tagged.clientId });
      const picker = ui.shown.find((s) => s.items.includes('owner'))!;
      assert.deepEqual(picker.separators, ['Kept as it is (only Akamai assigns it): metadata']);
      assert.ok(!picker.items.includes('metadata'), 'metadata cannot be ticked or unticked');
      assert.deepEqual([...emulator.client(tagged.clientId)!.features].sort(), [
        'access_issuer',
        'direct_read_access',
        'metadata',
      ]);
      assertAllAnswered(ui);
    });

    it('asks a modal confirmation before adding direct_access; declining sends nothing', async () => {
      const arg = {
        application: 'dev',
        clientId: billing.clientId,
        features: ['direct_read_access', 'direct_access'],
      };
      ui.onMessage(/^Grant direct_access\?/, undefined);
      await run('editFeatures', arg);
      const confirm = ui.messages.find((m) => /^Grant direct_access\?/.test(m.text));
      assert.equal(confirm?.modal, true);
      assert.match(confirm!.detail ?? '', /read and write access to every user record/);
      assert.deepEqual(changes(), [], 'declined: nothing sent');

      ui.restore();
      ui = new FakeUi().onMessage(/^Grant direct_access\?/, 'Grant');
      await run('editFeatures', arg);
      assert.deepEqual(emulator.client(billing.clientId)!.features, ['direct_read_access', 'direct_access']);
      assert.equal(changes()[0]!.params.for_client_id, billing.clientId);
    });
  });

  describe('Edit Allow List…', () => {
    it('from the palette refuses an invalid range in the box, then sends the normalised list', async () => {
      ui.pick('billing-service').type('10.0.0.0/33', '203.0.113.0/24, 198.51.100.7');
      await run('editAllowList');
      const [, refused, accepted] = ui.shown;
      assert.equal(refused!.value, '0.0.0.0/0', 'starts with the current list');
      assert.match(refused!.validationMessage ?? '', /"10\.0\.0\.0\/33" is not an IPv4 address range/);
      assert.equal(accepted!.validationMessage, undefined);
      assert.deepEqual(emulator.client(billing.clientId)!.whitelist, ['203.0.113.0/24', '198.51.100.7/32']);
      assert.deepEqual(
        changes().map((r) => [r.op, r.params.for_client_id]),
        [['set_whitelist', billing.clientId]],
        'one request, with the valid list only',
      );
      assertAllAnswered(ui);
    });

    it('with an invalid range as argument is refused before sending', async () => {
      await run('editAllowList', {
        application: 'dev',
        clientId: billing.clientId,
        allowList: ['203.0.113.0/24', 'everyone'],
      });
      const shown = errors(ui);
      assert.equal(shown.length, 1);
      assert.match(shown[0]!.text, /"everyone" is not an IPv4 address range/);
      assert.deepEqual(changes(), []);
    });

    it("of the extension's own owner client without this machine's address warns with a modal", async () => {
      const own = { application: 'dev', clientId: emulator.owner.clientId };
      ui.onMessage(/own owner client/, undefined);
      await run('editAllowList', { ...own, allowList: ['203.0.113.0/24'] });
      const warning = ui.messages.find((m) => /own owner client/.test(m.text));
      assert.equal(warning?.modal, true);
      assert.match(
        warning!.detail ?? '',
        /does not include this machine's address \(127\.0\.0\.1\).*locked out/,
      );
      assert.deepEqual(changes(), [], 'declined: nothing sent');

      // With 127.0.0.1 in it there is nothing to warn about, and the extension still gets in.
      await run('editAllowList', { ...own, allowList: ['127.0.0.1', '203.0.113.0/24'] });
      assert.equal(ui.messages.filter((m) => /own owner client/.test(m.text)).length, 1, 'no second warning');
      assert.deepEqual(emulator.client(emulator.owner.clientId)!.whitelist, [
        '127.0.0.1/32',
        '203.0.113.0/24',
      ]);
      await run('editDescription', {
        application: 'dev',
        clientId: billing.clientId,
        description: 'still reachable',
      });
      assert.equal(emulator.client(billing.clientId)!.description, 'still reachable');
      assert.deepEqual(errors(ui), []);
    });
  });

  it('Clear Allow List… asks, then allows every address', async () => {
    emulator.addClient({ description: 'locked', whitelist: ['203.0.113.0/24'] });
    const locked = emulator.clients().find((c) => c.description === 'locked')!;
    ui.pick('locked').onMessage(/^Allow locked to be used from any address\?/, 'Allow Every Address');
    await run('clearAllowList');
    assert.equal(ui.messages[0]!.modal, true);
    assert.deepEqual(emulator.client(locked.clientId)!.whitelist, ['0.0.0.0/0']);
    assert.deepEqual(
      changes().map((r) => [r.op, r.params.for_client_id]),
      [['clear_whitelist', locked.clientId]],
    );
    assertAllAnswered(ui);
  });

  describe('Reset Secret…', () => {
    it('from the palette: picks the grace period and offers the new secret to .env', async () => {
      ui.pick('billing-service', 'After 24 hours', '.env').onMessage(
        /^Reset the secret of billing-service/,
        'Reset Secret',
      );
      await run('resetSecret');
      const confirm = ui.messages.find((m) => /^Reset the secret of/.test(m.text));
      assert.equal(confirm?.modal, true);
      assert.match(confirm!.detail ?? '', /keeps working for 24 hours/);
      const after = emulator.client(billing.clientId)!;
      assert.notEqual(after.clientSecret, billing.clientSecret);
      assert.deepEqual(
        changes().map((r) => [r.op, r.params.for_client_id, r.params.hours_to_live]),
        [['reset_secret', billing.clientId, '24']],
      );
      assert.deepEqual(envValues(readEnv() ?? ''), {
        [ENV_KEYS.clientId]: billing.clientId,
        [ENV_KEYS.clientSecret]: after.clientSecret,
        [ENV_KEYS.captureDomain]: emulator.domain,
      });
      for (const m of ui.messages)
        assert.ok(!m.text.includes(after.clientSecret), 'no message shows the new secret');
      assertAllAnswered(ui);
    });

    it('says "1 hour", not "1 hours", and the destination prompt says the secret is new', async () => {
      ui.pick('After 1 hour', 'Clipboard').onMessage(/^Reset the secret of billing-service/, 'Reset Secret');
      await run('resetSecret', { application: 'dev', clientId: billing.clientId });
      assert.match(
        ui.messages.find((m) => /^Reset the secret of/.test(m.text))!.detail ?? '',
        /keeps working for 1 hour\./,
      );
      assert.equal(ui.shown[1]!.title, 'billing-service has a new secret. Where should its credentials go?');
      assertAllAnswered(ui);
    });

    it("of the extension's own owner client stores the new secret, so the next call works with the old one already invalid", async () => {
      const oldSecret = emulator.owner.clientSecret;
      ui.onMessage(/^Reset the secret of Emulator owner client/, 'Reset Secret');
      await run('resetSecret', {
        application: 'dev',
        clientId: emulator.owner.clientId,
        hoursToLive: 0,
        destination: 'clipboard',
      });
      const confirm = ui.messages.find((m) => /^Reset the secret of/.test(m.text));
      assert.match(confirm!.detail ?? '', /contact Akamai support/);
      assert.match(confirm!.detail ?? '', /stores the new secret/);
      const newSecret = emulator.owner.clientSecret;
      assert.notEqual(newSecret, oldSecret);
      assert.equal(envValues(await vscode.env.clipboard.readText())[ENV_KEYS.clientSecret], newSecret);

      // hours_to_live 0: the old secret no longer works, so this only succeeds with the stored new one.
      await run('editDescription', {
        application: 'dev',
        clientId: billing.clientId,
        description: 'after the reset',
      });
      assert.equal(emulator.client(billing.clientId)!.description, 'after the reset');
      assert.deepEqual(ui.shown, [], 'the secret was not asked for');
      assert.deepEqual(errors(ui), []);
      assert.equal(requestsFor(emulator, 'set_description').at(-1)!.authClientId, emulator.owner.clientId);
    });

    it("of the extension's own owner client offers Secret Storage Only first; taking it writes nothing and reminds of nothing", async () => {
      ui.onMessage(/^Reset the secret of Emulator owner client/, 'Reset Secret').pick('Secret Storage Only');
      await vscode.env.clipboard.writeText('untouched');
      await run('resetSecret', { application: 'dev', clientId: emulator.owner.clientId, hoursToLive: 0 });
      const picker = ui.shown.find((s) => s.kind === 'pick' && /has a new secret/.test(s.title ?? ''))!;
      assert.deepEqual(picker.items.slice(0, 1), ['$(lock) Secret Storage Only']);
      assert.equal(picker.descriptions[0], 'the extension signs in with it; nothing is written');
      assert.equal(await vscode.env.clipboard.readText(), 'untouched');
      assert.equal(readEnv(), undefined, 'no .env written');
      // The stored secret is the new one (the old one stopped working at once).
      await run('editDescription', { application: 'dev', clientId: billing.clientId, description: 'kept' });
      assert.equal(emulator.client(billing.clientId)!.description, 'kept');
      assert.ok(
        ui.messages.every((m) => !/were not saved/.test(m.text)),
        'no reminder: the extension has the secret',
      );
      assert.deepEqual(errors(ui), []);
    });
  });

  describe('Delete…', () => {
    it('asks a modal confirmation naming the client; declining sends nothing, confirming deletes', async () => {
      const arg = { application: 'dev', clientId: widget.clientId };
      ui.onMessage(/^Delete the API client/, undefined);
      await run('deleteClient', arg);
      const confirm = ui.messages.find((m) => /^Delete the API client/.test(m.text));
      assert.equal(confirm?.modal, true);
      assert.equal(confirm!.text, `Delete the API client "login-widget" (${widget.clientId}) from dev?`);
      assert.deepEqual(requestsFor(emulator, 'delete'), [], 'declined: nothing sent');

      ui.restore();
      ui = new FakeUi().onMessage(/^Delete the API client/, 'Delete');
      await run('deleteClient', arg);
      assert.equal(emulator.client(widget.clientId), undefined);
      assert.deepEqual(
        requestsFor(emulator, 'delete').map((r) => r.params.client_id_for_deletion),
        [widget.clientId],
      );
      await ui.waitForMessage(new RegExp(`^Deleted login-widget \\(${widget.clientId}\\) from dev\\.`));
    });

    it("refuses the extension's own owner client", async () => {
      await run('deleteClient', { application: 'dev', clientId: emulator.owner.clientId });
      const shown = errors(ui);
      assert.equal(shown.length, 1);
      assert.match(shown[0]!.text, /cannot delete it/);
      assert.deepEqual(requestsFor(emulator, 'delete'), []);
      assert.ok(emulator.client(emulator.owner.clientId));
    });

    it('in a production-like application ("prod") asks to type its name first', async () => {
      const prod = await startEmulator();
      emulators.push(prod);
      const doomed = prod.addClient({ description: 'old-batch-job' });
      ui.restore(); // one FakeUi at a time: restoring one puts VS Code's own functions back
      await FakeUi.during((setup) => addApplication(setup, prod, 'prod'));
      ui = new FakeUi();
      const arg = { application: 'prod', clientId: doomed.clientId };
      ui.onMessage(/^Delete the API client/, 'Delete');

      ui.type({ cancel: true });
      await run('deleteClient', arg);
      assert.match(ui.shown[0]!.prompt ?? '', /"prod" looks like production\. Type its name to confirm\./);
      assert.deepEqual(requestsFor(prod, 'delete'), [], 'cancelled at the name: nothing sent');

      ui.type('dev', 'prod');
      await run('deleteClient', arg);
      assert.match(ui.shown[1]!.validationMessage ?? '', /Type "prod" to confirm/, 'another name is refused');
      assert.equal(prod.client(doomed.clientId), undefined);
      assert.equal(requestsFor(prod, 'delete').length, 1);
      assert.deepEqual(requestsFor(emulator, 'delete'), [], 'nothing went to dev');
      assertAllAnswered(ui);
    });
  });

  it('Copy Client ID, Copy Credentials and Write Credentials to .env deliver the listed client', async () => {
    const arg = { application: 'dev', clientId: billing.clientId };
    await run('copyClientId', arg);
    assert.equal(await vscode.env.clipboard.readText(), billing.clientId);

    await run('copyCredentials', arg);
    const expected = {
      [ENV_KEYS.clientId]: billing.clientId,
      [ENV_KEYS.clientSecret]: billing.clientSecret,
      [ENV_KEYS.captureDomain]: emulator.domain,
    };
    assert.deepEqual(envValues(await vscode.env.clipboard.readText()), expected);

    await run('writeCredentialsToEnv', arg);
    assert.deepEqual(envValues(readEnv() ?? ''), expected);
    for (const m of ui.messages)
      assert.ok(!m.text.includes(billing.clientSecret), 'no message shows the secret');
    assert.deepEqual(errors(ui), []);
  });

  it('every change request names its client with for_client_id', async () => {
    const arg = { application: 'dev', clientId: billing.clientId };
    ui.onMessage(/^Allow .* any address\?/, 'Allow Every Address').onMessage(
      /^Reset the secret/,
      'Reset Secret',
    );
    await run('editDescription', { ...arg, description: 'renamed' });
    await run('editFeatures', { ...arg, features: ['access_issuer'] });
    await run('editAllowList', { ...arg, allowList: ['198.51.100.0/24'] });
    await run('clearAllowList', arg);
    await run('resetSecret', { ...arg, hoursToLive: 1, destination: 'clipboard' });
    assert.deepEqual(errors(ui), []);
    assert.deepEqual(
      changes().map((r) => [r.op, r.params.for_client_id]),
      CHANGES.map((op) => [op, billing.clientId]),
    );
    const owner = emulator.client(emulator.owner.clientId)!;
    assert.deepEqual(
      [owner.description, owner.features, owner.whitelist],
      ['Emulator owner client', ['owner'], ['0.0.0.0/0']],
      'the owner client itself is untouched',
    );
  });
});

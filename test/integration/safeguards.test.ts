// Safeguards added after a review of the whole extension: each one a way a secret could be lost,
// sent where it should not go, or an action could hit the wrong client.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type EmulatedClient, type Emulator } from '../emulator/emulator';
import { FakeUi } from './helpers/fakeUi';
import {
  addApplication,
  cleanUp,
  errors,
  readEnv,
  requestsFor,
  setUserSetting,
  startWithApplication,
  userApplications,
  SKIP_CONFIG_API,
} from './helpers/workbench';

describe('safeguards', () => {
  let ui: FakeUi;
  let emulators: Emulator[];
  let emulator: Emulator;
  let reader: EmulatedClient;

  const run = (command: string, arg?: Record<string, unknown>) =>
    vscode.commands.executeCommand(`identityCloud.${command}`, arg);

  beforeEach(async () => {
    ({
      emulator,
      ui,
      clients: [reader],
    } = await startWithApplication({
      clients: [{ description: 'reader', features: ['direct_read_access', 'metadata'] }],
    }));
    emulators = [emulator];
  });

  afterEach(() => cleanUp(ui, emulators));

  it('refuses a misspelt destination before creating anything', async () => {
    await run('createClient', {
      application: 'dev',
      description: 'svc',
      features: [],
      destination: 'clipbaord',
    });
    assert.equal(requestsFor(emulator, 'add').length, 0, 'no client was created');
    const [error] = errors(ui);
    assert.match(error!.text, /Unknown destination "clipbaord"\. Use "env", "otherFile", "clipboard"/);
    assert.equal(readEnv(), undefined);
  });

  it('offers no Cancel while /clients/add is in flight: a cancel would lose a client that exists', async () => {
    const shown: vscode.ProgressOptions[] = [];
    const withProgress = vscode.window.withProgress;
    (vscode.window as { withProgress: unknown }).withProgress = (
      options: vscode.ProgressOptions,
      task: never,
    ) => {
      shown.push(options);
      return withProgress(options, task);
    };
    try {
      await run('createClient', {
        application: 'dev',
        description: 'svc',
        features: [],
        destination: 'clipboard',
      });
    } finally {
      (vscode.window as { withProgress: unknown }).withProgress = withProgress;
    }
    const creating = shown.find((o) => /^Creating API client/.test(o.title ?? ''));
    assert.ok(creating, 'progress was shown while creating');
    assert.equal(creating.cancellable, false);
    assert.match(await vscode.env.clipboard.readText(), /IDENTITY_CLOUD_CLIENT_SECRET=/);
  });

  it('asks before copying an owner client’s secret, and copies nothing when declined', async () => {
    await vscode.env.clipboard.writeText('before');
    ui.onMessage(/is an owner client\. Copy its secret to the clipboard\?/, undefined);
    await run('copyCredentials', { application: 'dev', clientId: emulator.owner.clientId });
    assert.equal(await vscode.env.clipboard.readText(), 'before');
    const asked = ui.messages.find((m) => m.modal && /owner client/.test(m.text));
    assert.ok(asked, 'a modal confirmation was shown');
    assert.deepEqual(asked.actions, ['Copy Owner Secret'], 'the button says what it does');
    assert.doesNotMatch(JSON.stringify(ui.messages), new RegExp(emulator.owner.clientSecret));
  });

  it('keeps an Akamai-only feature (metadata) when features come as an argument', async () => {
    await run('editFeatures', { application: 'dev', clientId: reader.clientId, features: ['access_issuer'] });
    assert.deepEqual(emulator.client(reader.clientId)!.features.sort(), ['access_issuer', 'metadata']);
  });

  it('treats the owner client of another configured application as the extension’s own', async () => {
    // A second application on the same Capture domain, signing in as another owner client.
    const admin = emulator.addClient({ description: 'second owner', features: ['owner'] });
    const setup = new FakeUi().type(admin.clientSecret).pick(SKIP_CONFIG_API);
    try {
      await run('addApplication', { name: 'dev-admin', domain: emulator.domain, clientId: admin.clientId });
      await setup.waitForMessage(/^Saved dev-admin\./);
    } finally {
      setup.restore();
    }
    ui.restore();
    ui = new FakeUi();
    await run('deleteClient', { application: 'dev', clientId: admin.clientId });
    assert.match(errors(ui)[0]!.text, /signs in to dev as this owner client, so it cannot delete it/);
    assert.ok(emulator.client(admin.clientId), 'the other application’s owner client still exists');
    assert.equal(requestsFor(emulator, 'delete').length, 0);
  });

  it('the Set Owner Credentials button on a 402 acts on the application that failed, without asking which', async () => {
    const staging = await startEmulator();
    emulators.push(staging);
    await FakeUi.during((setup) => addApplication(setup, staging, 'staging'));
    emulator.injectFault({ op: 'list', kind: 'error', code: 402, error: 'invalid_client_credentials' });
    ui.onMessage(/owner client ID or secret is wrong/, 'Set Owner Credentials…');
    ui.type(emulator.owner.clientId, emulator.owner.clientSecret);
    await run('copyClientId', { application: 'dev', clientId: reader.clientId });
    await ui.waitForMessage(/^Saved dev\. The owner credentials work\./);
    assert.deepEqual(
      ui.shown.map((s) => [s.kind, s.title]),
      [
        ['input', 'Set Owner Credentials for dev'],
        ['input', 'Set Owner Credentials for dev'],
      ],
      'no application pick: straight to dev’s credentials',
    );
  });

  it('never uses an application whose domain in settings is plain http to another machine', async () => {
    await setUserSetting('applications', [
      ...userApplications(),
      { name: 'typo', domain: 'http://myapp.janraincapture.com', clientId: 'abc' },
    ]);
    await run('createClient', {
      application: 'typo',
      description: 'svc',
      features: [],
      destination: 'clipboard',
    });
    assert.match(errors(ui)[0]!.text, /There is no application named "typo"\. Known applications: dev\./);
  });
});

// Applications: Add Application checks the owner credentials against the emulator and keeps the
// secret in VS Code's SecretStorage only; Remove Application forgets it; a workspace setting can
// never redirect the owner credentials.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_SECTION, Commands, ownerSecretKey } from '../../src/ids';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { ApplicationStore, type Application } from '../../src/applications/applicationStore';
import { FakeUi } from './helpers/fakeUi';
import { FaultySecretStorage } from './helpers/faultySecrets';
import {
  addApplication,
  assertAllAnswered,
  configurationChange,
  errors,
  removeApplications,
  requestsFor,
  setUserSetting,
  userApplications,
  userSettingsFile,
  workspaceFolder,
  SKIP_CONFIG_API,
} from './helpers/workbench';

/** Every file under `dir`, for looking for a secret in what VS Code persisted. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

describe('applications', () => {
  let ui: FakeUi;
  let emulators: Emulator[];

  const emulator = async () => {
    const started = await startEmulator();
    emulators.push(started);
    return started;
  };

  beforeEach(() => {
    ui = new FakeUi();
    emulators = [];
  });

  afterEach(async () => {
    ui.restore();
    try {
      await FakeUi.during(async (cleanup) => {
        await removeApplications(cleanup);
      });
    } finally {
      await Promise.all(emulators.map((e) => e.close()));
    }
  });

  it('Add Application keeps the owner secret in SecretStorage and nothing secret in settings', async () => {
    const dev = await emulator();
    const secret = dev.owner.clientSecret;
    await addApplication(ui, dev, 'dev');
    assert.deepEqual(userApplications(), [{ name: 'dev', domain: dev.domain, clientId: dev.owner.clientId }]);

    // A command that needs the secret gets it from SecretStorage: it does not ask.
    const asked = ui.shown.length;
    await vscode.commands.executeCommand(Commands.copyClientId, {
      application: 'dev',
      clientId: dev.owner.clientId,
    });
    assert.equal(ui.shown.length, asked, 'no prompt: the stored secret was used');
    assert.equal(await vscode.env.clipboard.readText(), dev.owner.clientId);
    const lists = requestsFor(dev, 'list');
    assert.equal(lists.at(-1)?.authClientId, dev.owner.clientId);
    assert.deepEqual(errors(ui), []);

    const settingsText = fs.readFileSync(userSettingsFile(), 'utf8');
    assert.ok(settingsText.includes(dev.owner.clientId), 'the application is in the user settings.json');
    assert.ok(!settingsText.includes(secret), 'the owner secret is not in settings.json');
    const inspected = JSON.stringify(
      vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect('applications'),
    );
    assert.ok(!inspected.includes(secret), 'the owner secret is in no configuration value');
    const userData = path.dirname(path.dirname(userSettingsFile()));
    const holding = filesUnder(userData).filter((f) => fs.readFileSync(f, 'latin1').includes(secret));
    assert.deepEqual(holding, [], 'no file in the user-data dir holds the owner secret in clear');
    assertAllAnswered(ui);
  });

  it('wrong owner credentials (402): one error with the request id and Edit Credentials; nothing is saved', async () => {
    const dev = await emulator();
    ui.type('not-the-secret').pick(SKIP_CONFIG_API);
    await vscode.commands.executeCommand(Commands.addApplication, {
      name: 'dev',
      domain: dev.domain,
      clientId: dev.owner.clientId,
    });
    const shown = errors(ui);
    assert.equal(shown.length, 1, 'one error message');
    assert.match(shown[0]!.text, /owner client ID or secret is wrong/);
    assert.match(shown[0]!.text, /\(request id: [0-9a-f]{16}\)/);
    assert.deepEqual(
      shown[0]!.actions,
      ['Edit Credentials'],
      'wrong credentials are not offered "Save Anyway"',
    );
    assert.deepEqual(userApplications(), [], 'nothing saved');
    assert.equal(ui.messages.filter((m) => /^Saved /.test(m.text)).length, 0);
    assertAllAnswered(ui);
  });

  it('Edit Credentials after a 402 asks for the client ID and secret again, then saves', async () => {
    const dev = await emulator();
    ui.onMessage(/owner client ID or secret is wrong/, 'Edit Credentials');
    ui.type('not-the-secret', dev.owner.clientId, dev.owner.clientSecret).pick(SKIP_CONFIG_API);
    await vscode.commands.executeCommand(Commands.addApplication, {
      name: 'dev',
      domain: dev.domain,
      clientId: dev.owner.clientId,
    });
    assert.deepEqual(
      ui.shown.map((s) => [s.kind, s.password, s.value]),
      [
        ['input', true, ''],
        ['pick', false, undefined],
        ['input', false, dev.owner.clientId],
        ['input', true, ''],
      ],
      'the secret, the optional Configuration API (asked once), then the client ID (prefilled) and the secret again',
    );
    await ui.waitForMessage(/^Saved dev\. The owner credentials work\./);
    assert.deepEqual(userApplications(), [{ name: 'dev', domain: dev.domain, clientId: dev.owner.clientId }]);
    assertAllAnswered(ui);
  });

  it('Capture not knowing the application (221): Edit Capture Domain goes back to the domain, then saves', async () => {
    const dev = await emulator();
    dev.injectFault({ op: 'list', kind: 'error', code: 221, error: 'application_not_found' });
    ui.onMessage(/Capture does not know this application/, 'Edit Capture Domain');
    // The client ID is given as an argument: the domain, then the secret, are asked again.
    ui.type(dev.owner.clientSecret, dev.domain, dev.owner.clientSecret).pick(SKIP_CONFIG_API);
    await vscode.commands.executeCommand(Commands.addApplication, {
      name: 'dev',
      domain: dev.domain,
      clientId: dev.owner.clientId,
    });
    const [shown] = errors(ui);
    assert.deepEqual(shown!.actions, ['Edit Capture Domain'], 'the button names the step it opens');
    assert.match(ui.shown[2]!.prompt ?? '', /^The Capture domain/, 'the domain is asked again');
    assert.equal(ui.shown[2]!.value, dev.domain, 'prefilled with what was given');
    await ui.waitForMessage(/^Saved dev\. The owner credentials work\./);
    assertAllAnswered(ui);
  });

  it('a network failure (closed port) offers Save Anyway; dismissing saves nothing, Save Anyway saves', async () => {
    const gone = await emulator();
    await gone.close();
    const arg = { name: 'offline', domain: gone.domain, clientId: gone.owner.clientId };

    ui.type(gone.owner.clientSecret).pick(SKIP_CONFIG_API);
    await vscode.commands.executeCommand(Commands.addApplication, arg);
    const first = errors(ui);
    assert.equal(first.length, 1);
    assert.match(first[0]!.text, /connection was refused/);
    assert.deepEqual(first[0]!.actions, ['Save Anyway', 'Edit Credentials']);
    assert.deepEqual(userApplications(), [], 'dismissed: nothing saved');

    ui.onMessage(/connection was refused/, 'Save Anyway')
      .type(gone.owner.clientSecret)
      .pick(SKIP_CONFIG_API);
    await vscode.commands.executeCommand(Commands.addApplication, arg);
    await ui.waitForMessage(/^Saved offline without checking the credentials\./);
    assert.deepEqual(userApplications(), [
      { name: 'offline', domain: gone.domain, clientId: gone.owner.clientId },
    ]);
    assertAllAnswered(ui);
  });

  it('a typed domain with a path is normalised to its origin', async () => {
    const dev = await emulator();
    ui.type('dev', `  ${dev.domain}/clients/list/  `, dev.owner.clientId, dev.owner.clientSecret);
    ui.pick(SKIP_CONFIG_API);
    await vscode.commands.executeCommand(Commands.addApplication);
    await ui.waitForMessage(/^Saved dev\. The owner credentials work\./);
    assert.deepEqual(userApplications(), [{ name: 'dev', domain: dev.domain, clientId: dev.owner.clientId }]);
    assert.equal(requestsFor(dev, 'list').length, 1, 'checked at the origin');
    assertAllAnswered(ui);
  });

  it('a typed domain without a scheme becomes https:// (never plain http)', async () => {
    const dev = await emulator();
    const hostAndPort = dev.domain.replace(/^http:\/\//, '');
    ui.onMessage(/^Checking the credentials failed/, 'Save Anyway');
    ui.type('dev', `${hostAndPort}/`, dev.owner.clientId, dev.owner.clientSecret).pick(SKIP_CONFIG_API);
    await vscode.commands.executeCommand(Commands.addApplication);
    await ui.waitForMessage(/^Saved dev without checking the credentials\./);
    assert.deepEqual(userApplications(), [
      { name: 'dev', domain: `https://${hostAndPort}`, clientId: dev.owner.clientId },
    ]);
    // The emulator speaks plain HTTP, so the https check failed before any request reached it.
    assert.equal(dev.requests.length, 0);
    assert.equal(errors(ui).length, 1);
    assertAllAnswered(ui);
  });

  describe('a workspace-level identityCloud.applications', () => {
    const settingsDir = () => path.join(workspaceFolder().uri.fsPath, '.vscode');
    const marker = () =>
      vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect('requestTimeoutSeconds')?.workspaceValue;

    afterEach(async () => {
      const removed = configurationChange(
        `${SETTINGS_SECTION}.requestTimeoutSeconds`,
        () => marker() === undefined,
      );
      fs.rmSync(settingsDir(), { recursive: true, force: true });
      await removed;
    });

    it('cannot be written through the API: the setting is application-scoped', async () => {
      await assert.rejects(
        Promise.resolve(
          vscode.workspace
            .getConfiguration(SETTINGS_SECTION)
            .update(
              'applications',
              [{ name: 'x', domain: 'https://evil.example', clientId: 'x' }],
              vscode.ConfigurationTarget.Workspace,
            ),
        ),
      );
      assert.equal(
        vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect('applications')?.workspaceValue,
        undefined,
      );
    });

    it('in .vscode/settings.json is ignored: owner credentials go only to the user-level application', async () => {
      const mine = await emulator();
      const theirs = await emulator();
      await addApplication(ui, mine, 'dev');

      // A cloned repository's settings try to point "dev" (and a new "evil") at another server. The
      // timeout marker, a window-scoped setting, shows when VS Code has read the file.
      fs.mkdirSync(settingsDir(), { recursive: true });
      const redirected = { domain: theirs.domain, clientId: theirs.owner.clientId };
      const read = configurationChange(`${SETTINGS_SECTION}.requestTimeoutSeconds`, () => marker() === 29);
      fs.writeFileSync(
        path.join(settingsDir(), 'settings.json'),
        JSON.stringify({
          'identityCloud.applications': [
            { name: 'dev', ...redirected },
            { name: 'evil', ...redirected },
          ],
          'identityCloud.requestTimeoutSeconds': 29,
        }),
      );
      await read;

      assert.deepEqual(userApplications(), [
        { name: 'dev', domain: mine.domain, clientId: mine.owner.clientId },
      ]);
      await vscode.commands.executeCommand(Commands.createClient, {
        application: 'dev',
        description: 'from a cloned repository',
        features: ['direct_read_access'],
        destination: 'clipboard',
      });
      assert.equal(requestsFor(mine, 'add').length, 1, 'the client was created at the user-level domain');
      assert.equal(requestsFor(mine, 'add')[0]!.authClientId, mine.owner.clientId);

      await vscode.commands.executeCommand(Commands.copyClientId, {
        application: 'evil',
        clientId: theirs.owner.clientId,
      });
      const shown = errors(ui);
      assert.equal(shown.length, 1);
      assert.match(shown[0]!.text, /There is no application named "evil"\. Known applications: dev\./);
      assert.equal(theirs.requests.length, 0, "nothing was sent to the workspace setting's server");
      assertAllAnswered(ui);
    });
  });

  it('Remove Application forgets the application and deletes its owner secret', async () => {
    const dev = await emulator();
    const app = await addApplication(ui, dev, 'dev');
    ui.onMessage(/^Remove the application dev\?/, 'Remove');
    await vscode.commands.executeCommand(Commands.removeApplication, { application: 'dev' });
    const confirm = ui.messages.find((m) => /^Remove the application dev\?/.test(m.text));
    assert.equal(confirm?.modal, true);
    assert.match(confirm?.detail ?? '', /secret is deleted/);
    assert.deepEqual(userApplications(), []);

    // The same application back in settings (as settings sync would bring it): its secret is gone,
    // so the next command that needs it asks for it.
    await setUserSetting('applications', [app]);
    ui.type(dev.owner.clientSecret);
    await vscode.commands.executeCommand(Commands.copyClientId, {
      application: 'dev',
      clientId: dev.owner.clientId,
    });
    const asked = ui.shown.at(-1);
    assert.equal(asked?.password, true);
    assert.match(asked?.title ?? '', /^Owner Client Secret for dev/);
    assert.equal(await vscode.env.clipboard.readText(), dev.owner.clientId);
    assertAllAnswered(ui);
  });
});

describe('the owner secret, read from SecretStorage once per change', () => {
  // Each read of SecretStorage is a round trip to the window in code-server: Create and the other
  // commands read the owner secret from memory after the first time, and again after any change.
  const app = { name: 'dev', domain: 'https://dev.example.com', clientId: 'owner0000' } as Application;
  const key = ownerSecretKey(app.domain, app.clientId);

  it('reads it once, then again after a change from anywhere, and after a failed read', async () => {
    const secrets = new FaultySecretStorage();
    const store = new ApplicationStore(secrets);
    try {
      await store.storeSecret(app, 'first');
      assert.equal(await store.getSecret(app), 'first');
      assert.equal(await store.getSecret(app), 'first');
      assert.equal(secrets.gets, 1, 'the second read came from memory');

      // Another window (or Set Owner Credentials there) changes it: the change event says so.
      await secrets.store(key, 'second');
      assert.equal(await store.getSecret(app), 'second');
      // This window's own changes count even without an event.
      secrets.silentOwnChanges = true;
      await store.storeSecret(app, 'third');
      assert.equal(await store.getSecret(app), 'third');
      await store.deleteSecret(app);
      assert.equal(await store.getSecret(app), undefined);
      secrets.silentOwnChanges = false;
      assert.equal(secrets.gets, 4);

      await store.storeSecret(app, 'fourth');
      secrets.failGet = 'the keyring is locked';
      await assert.rejects(Promise.resolve(store.getSecret(app)), /the keyring is locked/);
      secrets.failGet = undefined;
      assert.equal(await store.getSecret(app), 'fourth', 'a failed read is not remembered');
    } finally {
      store.dispose();
      secrets.dispose();
    }
  });
});

// Secret hygiene, proven: every flow runs with VS Code's log level at trace, then every file the
// server wrote (logs, user settings, state databases, the test report) and everything shown to the
// user is searched for the owner and client secrets and their Basic-auth forms. The only place a
// secret may be is where the user asked for it: the workspace's .env (searched too, as the control
// that shows the search finds what it looks for) and the clipboard.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_SECTION, Commands } from '../../src/ids';
import { waitUntil } from '../waitUntil';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { FakeUi } from './helpers/fakeUi';
import {
  ENV_KEYS,
  addApplication,
  cleanWorkspace,
  envPath,
  removeApplications,
  secretForms,
  setUserSetting,
  userApplications,
  workspaceFolder,
  SKIP_CONFIG_API,
} from './helpers/workbench';

const APP = 'hygiene';
const EXTENSION_ID = 'identity-cloud-tools.identity-cloud-clients';

/** Regular files under `dir`, except those under `skip`. */
function files(dir: string, skip: string): string[] {
  if (path.resolve(dir) === path.resolve(skip)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full, skip);
    return entry.isFile() ? [full] : [];
  });
}

/** The needles found in `file`, read as bytes (state databases are binary). */
function hits(file: string, needles: readonly string[]): string[] {
  const bytes = fs.readFileSync(file);
  return needles.filter((needle) => bytes.includes(needle));
}

describe('secret hygiene', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let ui: FakeUi;
  let previousLogLevel: string;

  before(async () => {
    emulator = await startEmulator();
    previousLogLevel =
      (await vscode.commands.executeCommand<string>('_extensionTests.getLogLevel')) ?? 'info';
    const changed = new Promise<void>((resolve) => {
      const subscription = vscode.env.onDidChangeLogLevel((level) => {
        if (level === vscode.LogLevel.Trace) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    if (vscode.env.logLevel !== vscode.LogLevel.Trace) await changed;
    await cleanWorkspace();
  });

  beforeEach(() => {
    ui = new FakeUi();
  });

  afterEach(async () => {
    await removeApplications(ui, [APP]);
    ui.restore();
    await vscode.env.clipboard.writeText('');
  });

  after(async () => {
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', previousLogLevel);
    await setUserSetting('credentialsDestination', undefined);
    await cleanWorkspace();
    await emulator?.close();
  });

  it('runs every flow at trace level and no secret lands in a log, message, setting, state file or the test report', async () => {
    assert.equal(vscode.env.logLevel, vscode.LogLevel.Trace);
    const owner = emulator.owner;
    const pickApp = () => {
      if (userApplications().length > 1) ui.pick(APP);
    };

    // Add Application from the palette, every step typed.
    ui.type(APP, emulator.domain, owner.clientId, owner.clientSecret).pick(SKIP_CONFIG_API);
    await vscode.commands.executeCommand(Commands.addApplication);
    await ui.waitForMessage(/^Saved hygiene\. The owner credentials work\./);

    // Create API Client from the palette, into the workspace's .env.
    pickApp();
    ui.type('hygiene service').pick('API access', ['direct_read_access']).pick('.env');
    await vscode.commands.executeCommand(Commands.createClient);
    const created = emulator.clients().find((c) => c.description === 'hygiene service');
    assert.ok(created, 'the client was created');
    const firstSecret = created.clientSecret;

    // The client list, through the palette's pick: copy credentials, copy the id, write to .env.
    pickApp();
    ui.pick('hygiene service');
    await vscode.commands.executeCommand(Commands.copyCredentials);
    assert.ok((await vscode.env.clipboard.readText()).includes(firstSecret));
    pickApp();
    ui.pick('hygiene service');
    await vscode.commands.executeCommand(Commands.copyClientId);
    pickApp();
    ui.pick('hygiene service');
    await vscode.commands.executeCommand(Commands.writeCredentialsToEnv);
    // Check These Credentials (an env file's lens and hover) reads the secret from the .env.
    await vscode.commands.executeCommand(Commands.checkEnvCredentials, {
      uri: vscode.Uri.file(envPath()).toString(),
      key: ENV_KEYS.clientId,
    });
    await ui.waitForMessage(/^The credentials of "hygiene service" \(\w+\) work/);

    // Edits, a refresh, then Reset Secret from the palette with the new secret to the clipboard.
    await vscode.commands.executeCommand(Commands.editDescription, {
      application: APP,
      clientId: created.clientId,
      description: 'hygiene service v2',
    });
    await vscode.commands.executeCommand(Commands.refresh);
    pickApp();
    ui.pick('hygiene service v2').pick('After 1 hour').pick('Clipboard');
    ui.onMessage(/^Reset the secret of /, 'Reset Secret');
    await vscode.commands.executeCommand(Commands.resetSecret);
    const newSecret = emulator.client(created.clientId)!.clientSecret;
    assert.notEqual(newSecret, firstSecret, 'the secret was reset');
    await vscode.commands.executeCommand(Commands.copyLastCreatedCredentials);
    assert.ok((await vscode.env.clipboard.readText()).includes(newSecret));

    // A login client with its flow and a marked setting, then Check Credentials twice (the button
    // after Create, and the command): the probe's answer holds the marker, which must not be logged.
    const marker = 'probe-answer-marker-7f3a';
    ui.onMessage(/^Created "hygiene login" in hygiene with its settings/, 'Check Credentials');
    await vscode.commands.executeCommand('identityCloud.createClient', {
      application: APP,
      description: 'hygiene login',
      features: ['login_client'],
      destination: 'clipboard',
      settings: { default_flow_name: 'standard', default_flow_version: 'HEAD', marked: marker },
    });
    await ui.waitForMessage(/^The credentials of "hygiene login" \(\w+\) work/);
    const login = emulator.clients().find((c) => c.description === 'hygiene login');
    assert.ok(login, 'the login client was created');
    await vscode.commands.executeCommand('identityCloud.checkCredentials', {
      application: APP,
      clientId: login.clientId,
    });
    await vscode.commands.executeCommand('identityCloud.editSettingValue', {
      application: APP,
      clientId: login.clientId,
      key: 'marked',
      value: `${marker}-edited`,
    });
    // Check Connection sends the owner credentials too, and logs every step.
    await vscode.commands.executeCommand(Commands.checkConnection, { application: APP });
    await ui.waitForMessage(/^Connection to hygiene: all steps passed/);

    // Failures are logged too: a wrong-credentials answer and a truncated one.
    const failingCreate = (description: string) =>
      vscode.commands.executeCommand(Commands.createClient, {
        application: APP,
        description,
        features: [],
        destination: 'clipboard',
      });
    emulator.injectFault({ op: 'add', kind: 'error', code: 402, error: 'invalid_client_credentials' });
    await failingCreate('refused');
    emulator.injectFault({ op: 'add', kind: 'truncate' });
    await failingCreate('cut short');
    assert.ok(ui.messages.some((m) => m.level === 'error' && /request id/.test(m.text)));
    assert.ok(ui.messages.some((m) => /may have been created anyway/.test(m.text)));
    assert.deepEqual(ui.unused(), { inputs: [], picks: [] });

    const secrets = [
      ...secretForms(owner.clientId, owner.clientSecret),
      ...secretForms(created.clientId, firstSecret),
      ...secretForms(created.clientId, newSecret),
      ...emulator.clients().flatMap((c) => secretForms(c.clientId, c.clientSecret)),
    ];

    // The extension's log, at trace level: wait until the last request's line is in the file.
    const userData = process.env.HARNESS_USER_DATA_DIR;
    assert.ok(userData, 'HARNESS_USER_DATA_DIR is set by test/harness/runIntegration.js');
    const logsDir = path.join(userData, 'logs');
    const ownLogs = () =>
      files(logsDir, workspaceFolder().uri.fsPath).filter((f) =>
        f.includes(`${path.sep}${EXTENSION_ID}${path.sep}`),
      );
    await waitUntil('the trace lines in the extension log', () =>
      ownLogs().some((f) =>
        fs.readFileSync(f, 'utf8').includes('The client "cut short" may have been created anyway'),
      ),
    );
    const log = ownLogs()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    assert.match(log, /POST \/clients\/reset_secret → HTTP 200/, 'trace lines are written');
    assert.match(log, new RegExp(`Created API client ${created.clientId}`), 'info lines are written');
    assert.match(log, new RegExp(`Checked the credentials of ${login.clientId} in hygiene: works`));
    assert.ok(!log.includes(marker), "setting values (the probe's answer) are not logged");

    // Everything the server wrote: its user-data dir (logs, settings, state databases), its log,
    // the extension host's temp files and the mocha report of this run — all but the workspace.
    const serverDir = path.dirname(userData);
    const scanned = files(serverDir, workspaceFolder().uri.fsPath);
    const settings = path.join(userData, 'User', 'settings.json');
    for (const wanted of [settings, ...ownLogs()])
      assert.ok(scanned.includes(wanted), `${wanted} is searched`);
    const report = process.env.HARNESS_TEST_LOG;
    if (report && fs.existsSync(report) && !scanned.includes(report)) scanned.push(report);
    const found = scanned.flatMap((file) =>
      hits(file, secrets).length > 0 ? [path.relative(serverDir, file)] : [],
    );
    assert.deepEqual(found, [], `files holding a secret (of ${scanned.length} searched)`);

    // What the user saw: notifications, their details and buttons, prompts and validation text.
    const shown = [
      ...ui.messages.flatMap((m) => [m.text, m.detail ?? '', ...m.actions]),
      ...ui.shown.flatMap((s) => [
        s.title ?? '',
        s.prompt ?? '',
        s.value ?? '',
        s.validationMessage ?? '',
        ...s.items,
      ]),
    ].join('\n');
    assert.deepEqual(
      secrets.filter((s) => shown.includes(s)),
      [],
      'secrets in what was shown',
    );

    // The control: where the user asked for the credentials, the same search finds them.
    assert.ok(hits(envPath(), secrets).length > 0, 'the search finds the secret in .env');
  });

  it('clears copied credentials from the clipboard after identityCloud.clearClipboardAfterSeconds (off by default)', async () => {
    const setting = vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .inspect<number>('clearClipboardAfterSeconds');
    assert.equal(setting?.defaultValue, 0, 'off by default');
    await addApplication(ui, { domain: emulator.domain, owner: emulator.owner }, APP);
    const client = emulator.addClient({ description: 'to copy' });
    await setUserSetting('clearClipboardAfterSeconds', 1);
    try {
      await vscode.commands.executeCommand(Commands.copyCredentials, {
        application: APP,
        clientId: client.clientId,
      });
      const copiedAt = Date.now();
      assert.ok((await vscode.env.clipboard.readText()).includes(client.clientSecret), 'copied');
      await waitUntil(
        'the clipboard to be cleared',
        async () => (await vscode.env.clipboard.readText()) === '',
        5000,
        50,
      );
      assert.ok(Date.now() - copiedAt >= 800, 'not before the delay');
    } finally {
      await setUserSetting('clearClipboardAfterSeconds', undefined);
    }
  });
});

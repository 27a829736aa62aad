// What the integration suites share, each helper going through what a user has (commands,
// settings, files): applications set up through the real commands or the user setting, settings
// changed and put back, the workspace's .env, a suite's usual start and clean-up, and the checks
// that a message is the one expected and holds no secret.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_ENV_KEYS, SETTINGS_SECTION, Settings, Commands } from '../../../src/ids';
import {
  startEmulator,
  type Emulator,
  type EmulatedClient,
  type EmulatorOptions,
} from '../../emulator/emulator';
import { FakeUi, type Message } from './fakeUi';
import { startForwardProxy, type ForwardProxy, type ForwardProxyOptions } from './network';

export interface ConfiguredApplication {
  readonly name: string;
  readonly domain: string;
  readonly clientId: string;
  /** The Configuration API's application ID and region, when connected. */
  readonly appId?: string;
  readonly region?: string;
}

/** The applications in the user-level setting, as the extension stored them. */
export function userApplications(): ConfiguredApplication[] {
  const value = vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .inspect<ConfiguredApplication[]>(Settings.applications)?.globalValue;
  return Array.isArray(value) ? value : [];
}

/**
 * Puts an application into the user setting directly, as on a machine where its owner secret is
 * not stored yet: the extension asks for the secret when it first needs it.
 */
export async function configureApplication(app: ConfiguredApplication): Promise<void> {
  await setUserSetting(Settings.applications, [
    ...userApplications().filter((a) => a.name !== app.name),
    app,
  ]);
}

/** Add Application's answer to its optional Configuration API step when a test does not connect it. */
export const SKIP_CONFIG_API = 'Skip — connect the Configuration API later';

/**
 * Adds an application for `emulator`'s owner client through Identity Cloud: Add Application…,
 * answering only the password box (name, domain and client ID come as the argument object) and
 * skipping the Configuration API, and waits for the "credentials work" message.
 */
export async function addApplication(
  ui: FakeUi,
  emulator: Pick<Emulator, 'domain' | 'owner'>,
  name: string,
): Promise<ConfiguredApplication> {
  const before = ui.shown.length;
  ui.type(emulator.owner.clientSecret);
  ui.pick(SKIP_CONFIG_API);
  await vscode.commands.executeCommand(Commands.addApplication, {
    name,
    domain: emulator.domain,
    clientId: emulator.owner.clientId,
  });
  const asked = ui.shown.slice(before);
  assert.deepEqual(
    asked.map((s) => ({ kind: s.kind, password: s.password })),
    [
      { kind: 'input', password: true },
      { kind: 'pick', password: false },
    ],
    'only the owner secret is asked for, then whether to connect the Configuration API',
  );
  await ui.waitForMessage(new RegExp(`^Saved ${escapeRegExp(name)}\\. The owner credentials work\\.$`));
  const app = userApplications().find((a) => a.name === name);
  assert.ok(app, `${name} is in the user settings`);
  return app;
}

/** Removes applications (every one when `names` is not given) through Identity Cloud: Remove Application, which deletes their secrets. */
export async function removeApplications(ui: FakeUi, names?: readonly string[]): Promise<void> {
  ui.onMessage(/^Remove the application /, 'Remove');
  for (const app of userApplications()) {
    if (!names || names.includes(app.name))
      await vscode.commands.executeCommand(Commands.removeApplication, { application: app.name });
  }
  if (!names) await setUserSetting(Settings.applications, undefined);
}

/**
 * Writes (undefined: removes) a user setting of the extension, or of `section` (\`http\`), and
 * resolves once it is in effect.
 */
export async function setUserSetting(
  key: string,
  value: unknown,
  section: string = SETTINGS_SECTION,
): Promise<void> {
  const config = () => vscode.workspace.getConfiguration(section);
  const inEffect = () => JSON.stringify(config().inspect(key)?.globalValue) === JSON.stringify(value);
  if (inEffect()) return;
  const changed = configurationChange(`${section}.${key}`, inEffect);
  await config().update(key, value, vscode.ConfigurationTarget.Global);
  await changed;
}

/** Resolves once a configuration change affecting `section` leaves `done()` true (at once if it is). */
export function configurationChange(section: string, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(section) && done()) {
        subscription.dispose();
        resolve();
      }
    });
    if (done()) {
      subscription.dispose();
      resolve();
    }
  });
}

/**
 * Turns VS Code's auto save off, for a test about unsaved edits: web workbenches such as
 * code-server default `files.autoSave` to afterDelay, which would save them within a second.
 * {@link cleanUp} puts the default back.
 */
export function keepUnsavedEdits(): Promise<void> {
  return setUserSetting('autoSave', 'off', 'files');
}

/** code-server's user settings file (the harness passes its user-data dir). */
export function userSettingsFile(): string {
  const dir = process.env.HARNESS_USER_DATA_DIR;
  assert.ok(dir, 'HARNESS_USER_DATA_DIR is not set: run through test/harness/runIntegration.ts');
  return path.join(dir, 'User', 'settings.json');
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder open');
  return folder;
}

/** The workspace folder's .env path. */
export function envPath(): string {
  return path.join(workspaceFolder().uri.fsPath, '.env');
}

export function readEnv(): string | undefined {
  return fs.existsSync(envPath()) ? fs.readFileSync(envPath(), 'utf8') : undefined;
}

/** Closes editors (reverting the tests' unsaved ones) and removes .env, whatever it has become. */
export async function cleanWorkspace(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const file = envPath();
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o700);
    fs.rmSync(file, { recursive: true, force: true });
  }
}

/** The KEY=value pairs of a .env text (plain values only: what the extension writes for ids and secrets). */
export function envValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) values[m[1]!] = m[2]!;
  }
  return values;
}

export const ENV_KEYS = DEFAULT_ENV_KEYS;

/** Error messages shown so far. */
export function errors(ui: FakeUi): Message[] {
  return ui.messages.filter((m) => m.level === 'error');
}

/** Requests the emulator received for one operation. */
export function requestsFor(emulator: Emulator, op: string) {
  return emulator.requests.filter((r) => r.op === op);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Asserts that every prompt the test queued was shown. */
export function assertAllAnswered(ui: FakeUi): void {
  assert.deepEqual(ui.unused(), { inputs: [], picks: [] }, 'queued answers that no prompt used');
}

/** Errors and warnings shown from index `from` on: the problems a user was told about. */
export function problems(ui: FakeUi, from = 0): Message[] {
  return ui.messages.slice(from).filter((m) => m.level !== 'info');
}

/** Asserts that exactly one error or warning was shown from `from` on and that it matches. */
export function assertOneProblem(ui: FakeUi, match: RegExp, from = 0): Message {
  const shown = problems(ui, from);
  assert.equal(shown.length, 1, `one problem message, got: ${JSON.stringify(shown.map((m) => m.text))}`);
  assert.match(shown[0]!.text, match);
  return shown[0]!;
}

/** The forms a secret can leak in: itself, and the Basic credentials of the client it belongs to. */
export function secretForms(clientId: string, secret: string): string[] {
  const basic = Buffer.from(`${clientId}:${secret}`, 'utf8').toString('base64');
  return [secret, basic, encodeURIComponent(secret)].filter((v, i, all) => all.indexOf(v) === i);
}

/** Every secret the emulator knows of (current ones, and the owner's), in every form. */
export function emulatorSecrets(emulator: Emulator): string[] {
  return [
    ...secretForms(emulator.owner.clientId, emulator.owner.clientSecret),
    ...emulator.clients().flatMap((c) => secretForms(c.clientId, c.clientSecret)),
  ];
}

/** Asserts that no shown message (text, detail, buttons) and no prompt holds any of `secrets`. */
export function assertNoSecretShown(ui: FakeUi, secrets: readonly string[]): void {
  const texts = [
    ...ui.messages.flatMap((m) => [m.text, m.detail ?? '', ...m.actions]),
    ...ui.shown.flatMap((s) => [s.title ?? '', s.prompt ?? '', s.validationMessage ?? '', ...s.items]),
  ];
  for (const secret of secrets) {
    const hit = texts.find((t) => t.includes(secret));
    assert.equal(hit, undefined, 'a message or prompt shows a secret');
  }
}

/** A suite's usual start and end (see {@link startWithApplication} and {@link cleanUp}). */
export interface Started {
  readonly emulator: Emulator;
  readonly ui: FakeUi;
  /** The clients `startWithApplication` added, in order. */
  readonly clients: EmulatedClient[];
}

/**
 * A test's usual start: a fresh emulator (with `options.emulator`) holding `clients`, the
 * application `name` (default `dev`) added for it through the real command, and a fresh FakeUi for
 * the test itself.
 */
export async function startWithApplication(
  options: {
    name?: string;
    clients?: ReadonlyArray<Parameters<Emulator['addClient']>[0]>;
    emulator?: EmulatorOptions;
  } = {},
): Promise<Started> {
  const emulator = await startEmulator(options.emulator);
  const clients = (options.clients ?? []).map((seed) => emulator.addClient(seed));
  await FakeUi.during((setup) => addApplication(setup, emulator, options.name ?? 'dev'));
  return { emulator, ui: new FakeUi(), clients };
}

/** A network suite's start (see {@link startWithProxy}). */
export interface StartedWithProxy {
  readonly emulator: Emulator;
  readonly proxy: ForwardProxy;
  /**
   * The emulator's origin as 127.0.0.2: loopback, but not on VS Code's list of hosts it never
   * proxies, and nothing listens there; only the proxy routes it to the emulator.
   */
  readonly proxiedDomain: string;
}

/**
 * The network suites' usual start: a fresh emulator and a forward proxy in front of it (with
 * `options`, e.g. one that asks for credentials). Nothing is configured: each suite adds its
 * applications and proxy settings, and {@link resetNetworkSettings} puts the settings back.
 */
export async function startWithProxy(options: ForwardProxyOptions = {}): Promise<StartedWithProxy> {
  const emulator = await startEmulator();
  try {
    const proxy = await startForwardProxy(options);
    return { emulator, proxy, proxiedDomain: `http://127.0.0.2:${emulator.port}` };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** Puts back the network settings a network test may change (http.proxy and the rest) and empties the clipboard. */
export async function resetNetworkSettings(): Promise<void> {
  for (const setting of ['proxy', 'proxySupport', 'noProxy', 'systemCertificates'])
    await setUserSetting(setting, undefined, 'http');
  await vscode.env.clipboard.writeText('');
}

/**
 * Puts back what a test changed: the fake's prompts, the workspace's editors and .env, the
 * settings the extension remembers, every application (and its secret); then stops `emulators`.
 */
export async function cleanUp(ui: FakeUi, emulators: readonly Emulator[]): Promise<void> {
  ui.restore();
  try {
    await FakeUi.during(async (cleanup) => {
      await cleanWorkspace();
      await setUserSetting(Settings.requestTimeoutSeconds, undefined);
      await setUserSetting(Settings.credentialsDestination, undefined);
      await setUserSetting('autoSave', undefined, 'files');
      await removeApplications(cleanup);
    });
  } finally {
    await Promise.all(emulators.map((e) => e.close()));
  }
}

// What the failure-matrix, network and hygiene tests share: applications set up through the real
// commands or the user setting, user settings changed and put back, the workspace's .env, and the
// checks that a message is the one expected and holds no secret.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../../emulator/emulator';
import type { FakeUi, Message } from './fakeUi';

export interface AppSetting {
  readonly name: string;
  readonly domain: string;
  readonly clientId: string;
}

/** Writes (undefined: removes) a user setting and resolves once it is in effect. */
export async function setUserSetting(section: string, key: string, value: unknown): Promise<void> {
  const config = () => vscode.workspace.getConfiguration(section);
  const inEffect = () => JSON.stringify(config().inspect(key)?.globalValue) === JSON.stringify(value);
  if (inEffect()) return;
  const changed = new Promise<void>((resolve) => {
    const subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${section}.${key}`) && inEffect()) {
        subscription.dispose();
        resolve();
      }
    });
  });
  await config().update(key, value, vscode.ConfigurationTarget.Global);
  if (!inEffect()) await changed;
}

export function applications(): AppSetting[] {
  const value = vscode.workspace
    .getConfiguration('identityCloud')
    .inspect<AppSetting[]>('applications')?.globalValue;
  return Array.isArray(value) ? value : [];
}

/**
 * Puts an application into the user setting directly, as on a machine where its owner secret is
 * not stored yet: the extension asks for the secret when it first needs it.
 */
export async function configureApplication(app: AppSetting): Promise<void> {
  await setUserSetting('identityCloud', 'applications', [
    ...applications().filter((a) => a.name !== app.name),
    app,
  ]);
}

/** Identity Cloud: Add Application… with name, domain and client id as arguments; types the secret. */
export async function addApplication(
  ui: FakeUi,
  name: string,
  domain: string,
  clientId: string,
  secret: string,
): Promise<Message> {
  ui.type(secret);
  await vscode.commands.executeCommand('identityCloud.addApplication', { name, domain, clientId });
  return ui.waitForMessage(/^Saved /);
}

/** Removes applications through Identity Cloud: Remove Application (which deletes their secrets). */
export async function removeApplications(ui: FakeUi, names: readonly string[]): Promise<void> {
  ui.onMessage(/^Remove the application /, 'Remove');
  for (const name of names) {
    if (applications().some((a) => a.name === name)) {
      await vscode.commands.executeCommand('identityCloud.removeApplication', { application: name });
    }
  }
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests run with a workspace folder open');
  return folder.uri.fsPath;
}

export function envFile(): string {
  return path.join(workspaceDir(), '.env');
}

/** Closes editors (reverting the tests' unsaved ones) and removes .env, whatever it has become. */
export async function resetWorkspace(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const file = envFile();
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o700);
    fs.rmSync(file, { recursive: true, force: true });
  }
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

/** Polls `probe` every `everyMs` until it returns true; fails after `withinMs`. For state without an event. */
export async function eventually(
  what: string,
  probe: () => boolean | Promise<boolean>,
  withinMs = 5000,
  everyMs = 25,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await probe())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${withinMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function requests(emulator: Emulator, op: string): number {
  return emulator.requests.filter((r) => r.op === op).length;
}

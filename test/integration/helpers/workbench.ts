// What the create/applications/tree/client-action integration tests share: setting up an
// application through the real command, leaving user settings as they were, and the workspace's
// .env file. Every helper goes through what a user has: commands, settings, files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../../emulator/emulator';
import type { FakeUi, Message } from './fakeUi';

export const SECTION = 'identityCloud';

export interface ConfiguredApplication {
  readonly name: string;
  readonly domain: string;
  readonly clientId: string;
}

/** The applications in the user-level setting, as the extension stored them. */
export function userApplications(): ConfiguredApplication[] {
  const value = vscode.workspace
    .getConfiguration(SECTION)
    .inspect<ConfiguredApplication[]>('applications')?.globalValue;
  return Array.isArray(value) ? value : [];
}

/**
 * Adds an application for `emulator`'s owner client through Identity Cloud: Add Application…,
 * answering only the password box (name, domain and client ID come as the argument object), and
 * waits for the "credentials work" message.
 */
export async function addApplication(
  ui: FakeUi,
  emulator: Emulator,
  name: string,
): Promise<ConfiguredApplication> {
  const before = ui.shown.length;
  ui.type(emulator.owner.clientSecret);
  await vscode.commands.executeCommand('identityCloud.addApplication', {
    name,
    domain: emulator.domain,
    clientId: emulator.owner.clientId,
  });
  const asked = ui.shown.slice(before);
  assert.deepEqual(
    asked.map((s) => ({ kind: s.kind, password: s.password })),
    [{ kind: 'input', password: true }],
    'only the owner secret is asked for',
  );
  await ui.waitForMessage(new RegExp(`^Saved ${escapeRegExp(name)}\\. The owner credentials work\\.`));
  const app = userApplications().find((a) => a.name === name);
  assert.ok(app, `${name} is in the user settings`);
  return app;
}

/**
 * Removes every application through Identity Cloud: Remove Application (which deletes their owner
 * secrets), then makes sure the user setting is gone. For afterEach: leaves settings clean.
 */
export async function removeAllApplications(ui: FakeUi): Promise<void> {
  ui.onMessage(/^Remove the application /, 'Remove');
  for (const app of userApplications()) {
    await vscode.commands.executeCommand('identityCloud.removeApplication', { application: app.name });
  }
  await setUserSetting('applications', undefined);
}

/** Writes (undefined: removes) a user-level identityCloud setting and waits until it is in effect. */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  const config = () => vscode.workspace.getConfiguration(SECTION);
  const inEffect = () => JSON.stringify(config().inspect(key)?.globalValue) === JSON.stringify(value);
  if (inEffect()) return;
  const changed = configurationChange(`${SECTION}.${key}`, inEffect);
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

/** code-server's user settings file (the harness passes its user-data dir). */
export function userSettingsFile(): string {
  const dir = process.env.HARNESS_USER_DATA_DIR;
  assert.ok(dir, 'HARNESS_USER_DATA_DIR is not set: run through test/harness/runIntegration.js');
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

/** Reverts and closes every editor (they hold the tests' own documents) and deletes the .env file. */
export async function cleanWorkspace(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  fs.rmSync(envPath(), { force: true });
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

export const ENV_KEYS = {
  clientId: 'IDENTITY_CLOUD_CLIENT_ID',
  clientSecret: 'IDENTITY_CLOUD_CLIENT_SECRET',
  captureDomain: 'IDENTITY_CLOUD_CAPTURE_DOMAIN',
} as const;

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

// What a new user meets first, as they meet it: the steps Set Owner Credentials counts, the hints
// of Add Application, a reminder that outlives its client, and keeping env files out of git.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ENV_GITIGNORE_LINES } from '../../src/env/envFiles';
import { Commands } from '../../src/ids';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { FakeUi } from './helpers/fakeUi';
import {
  addApplication,
  assertAllAnswered,
  cleanUp,
  workspaceFolder,
  SKIP_CONFIG_API,
} from './helpers/workbench';

describe('first run', () => {
  let ui: FakeUi;
  let emulator: Emulator;

  beforeEach(async () => {
    emulator = await startEmulator();
    ui = new FakeUi();
  });

  afterEach(() => cleanUp(ui, [emulator]));

  it('Add Application counts no total until its optional Configuration API step is answered, with a placeholder on each, and hints at a malformed owner client ID', async () => {
    ui.type(
      'dev',
      emulator.domain,
      'my-secret-pasted-here',
      emulator.owner.clientSecret,
      emulator.owner.clientId,
      emulator.owner.clientSecret,
    );
    ui.pick(SKIP_CONFIG_API);
    ui.onMessage(/owner client ID or secret is wrong/, 'Edit Credentials');
    await vscode.commands.executeCommand(Commands.addApplication);
    const [name, domain, clientId] = ui.shown;
    // Five steps when the Configuration API is skipped, seven when it is connected: no total is
    // shown until that answer decides it, so that a total once shown never changes.
    assert.deepEqual(
      ui.shown.slice(0, 5).map((s) => [s.kind, s.step, s.totalSteps]),
      [
        ['input', 1, undefined],
        ['input', 2, undefined],
        ['input', 3, undefined],
        ['input', 4, undefined],
        ['pick', 5, undefined],
      ],
    );
    assert.equal(name!.placeholder, 'e.g. dev');
    assert.equal(domain!.placeholder, 'myapp.us-dev.janraincapture.com');
    assert.match(clientId!.placeholder ?? '', /32 letters and digits/);
    // The wrong ID was accepted with a hint (it may be right), then corrected after the check failed.
    const corrected = ui.shown.filter((s) => s.prompt?.startsWith('The client ID'));
    assert.equal(corrected.length, 2);
    assert.equal(
      ui.shown.filter((s) => s.kind === 'pick').length,
      1,
      'correcting the credentials keeps the Configuration API answer',
    );
    await ui.waitForMessage(/^Saved dev\. The owner credentials work\./);
  });

  it('the owner client ID box hints, without refusing, at a value that does not look like a client ID', async () => {
    ui.type('dev', emulator.domain, 'has:colon', { cancel: true });
    await vscode.commands.executeCommand(Commands.addApplication);
    // The fake records the box as it was when the value was accepted: with the hint under it.
    const typed = ui.shown.find((s) => s.prompt?.startsWith('The client ID'))!;
    assert.match(typed.validationMessage ?? '', /^Capture client IDs are 32 lowercase letters and digits\./);
    assert.ok(
      ui.shown.some((s) => s.password),
      'the flow went on to the secret',
    );
  });

  it('Set Owner Credentials asks its own two steps, (1/2) and (2/2), with no Back to nowhere', async () => {
    await addApplication(ui, emulator, 'dev');
    const before = ui.shown.length;
    ui.type(emulator.owner.clientId, emulator.owner.clientSecret);
    await vscode.commands.executeCommand(Commands.setOwnerCredentials, { application: 'dev' });
    assert.deepEqual(
      ui.shown.slice(before).map((s) => [s.title, s.step, s.totalSteps, s.password]),
      [
        ['Set Owner Credentials for dev', 1, 2, false],
        ['Set Owner Credentials for dev', 2, 2, true],
      ],
    );
    await ui.waitForMessage(/^Saved dev\. The owner credentials work\./);
    assertAllAnswered(ui);
  });

  it('a "not saved" reminder whose client was deleted since copies nothing and says why', async () => {
    await addApplication(ui, emulator, 'dev');
    let copy: (() => void) | undefined;
    const clicked = new Promise<void>((resolve) => (copy = resolve));
    // The reminder stays on screen; the user clicks its button only after deleting the client.
    ui.onMessage(/were not saved/, 'Copy to Clipboard');
    ui.pick({ cancel: true });
    const original = vscode.window.showWarningMessage;
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = async (
      text: string,
      ...rest: unknown[]
    ) => {
      const answer = await (original as (t: string, ...r: unknown[]) => Thenable<unknown>)(text, ...rest);
      if (/were not saved/.test(text)) await clicked;
      return answer;
    };
    try {
      await vscode.env.clipboard.writeText('before');
      const created = vscode.commands.executeCommand(Commands.createClient, {
        application: 'dev',
        description: 'short-lived',
        features: [],
      });
      await ui.waitForMessage(/^The credentials of short-lived were not saved\./);
      const client = emulator.clients().find((c) => c.description === 'short-lived')!;
      ui.onMessage(/^Delete the API client "short-lived"/, 'Delete');
      await vscode.commands.executeCommand(Commands.deleteClient, {
        application: 'dev',
        clientId: client.clientId,
      });
      copy!();
      await created;
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
    }
    await ui.waitForMessage(
      /^short-lived was deleted since: its credentials no longer work, so nothing was copied\./,
    );
    assert.equal(await vscode.env.clipboard.readText(), 'before', 'nothing was copied');
  });

  it('Keep Env Files Out of Git adds the env files git would commit to .gitignore, and leaves .env.example', async () => {
    const root = workspaceFolder().uri.fsPath;
    const repo = fs.mkdtempSync(path.join(root, 'repo-'));
    try {
      execFileSync('git', ['init', '-q', repo]);
      fs.writeFileSync(path.join(repo, '.env'), 'IDENTITY_CLOUD_CLIENT_SECRET=x\n');
      fs.writeFileSync(path.join(repo, '.env.example'), 'IDENTITY_CLOUD_CLIENT_SECRET=\n');
      fs.mkdirSync(path.join(repo, 'config'));
      fs.writeFileSync(path.join(repo, 'config', 'prod.env'), 'IDENTITY_CLOUD_CLIENT_SECRET=y\n');
      await vscode.commands.executeCommand('git.openRepository', repo);
      ui.onMessage(/^Git would commit these 2 env files: /, 'Add to .gitignore');
      await vscode.commands.executeCommand(Commands.ignoreEnvFiles);
      const question = ui.messages.find((m) => /^Git would commit/.test(m.text))!;
      assert.equal(question.modal, true);
      const named = /: (.*)\.$/.exec(question.text)![1]!.split(', ').sort();
      const shown = (...parts: string[]) =>
        vscode.workspace.asRelativePath(vscode.Uri.file(path.join(repo, ...parts)), true);
      assert.deepEqual(named, [shown('.env'), shown('config', 'prod.env')], 'not .env.example');
      // Both files of the one repository, each once, as paths from its root.
      assert.deepEqual(fs.readFileSync(path.join(repo, '.gitignore'), 'utf8').split('\n').sort(), [
        '',
        '/.env',
        '/config/prod.env',
      ]);
      const added = await ui.waitForMessage(/^Added .* to \.gitignore\./);
      assert.deepEqual(/^Added (.*) to/.exec(added.text)![1]!.split(', ').sort(), [
        '/.env',
        '/config/prod.env',
      ]);

      await vscode.commands.executeCommand(Commands.ignoreEnvFiles);
      await ui.waitForMessage(/^Git ignores every env file in this workspace/);
    } finally {
      await vscode.commands
        .executeCommand('git.close', vscode.Uri.file(repo))
        .then(undefined, () => undefined);
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('Keep Env Files Out of Git where there is no git repository says so, and writes a .gitignore for when there is one', async () => {
    const root = workspaceFolder().uri.fsPath;
    const folder = fs.mkdtempSync(path.join(root, 'no-repo-'));
    const gitignore = path.join(root, '.gitignore');
    try {
      fs.writeFileSync(path.join(folder, '.env'), 'IDENTITY_CLOUD_CLIENT_SECRET=x\n');
      fs.writeFileSync(path.join(folder, '.env.example'), 'IDENTITY_CLOUD_CLIENT_SECRET=\n');
      ui.onMessage(/^There is no git repository here yet/, 'Write .gitignore');
      await vscode.commands.executeCommand(Commands.ignoreEnvFiles);
      assert.equal(
        ui.messages.find((m) => /Git ignores every env file/.test(m.text)),
        undefined,
        'no false reassurance',
      );
      const question = ui.messages.find((m) => /^There is no git repository here yet/.test(m.text))!;
      assert.equal(question.modal, true);
      assert.match(
        question.text,
        new RegExp(`${path.basename(folder)}/\\.env\\.$`),
        'only .env, not .env.example',
      );
      assert.deepEqual(question.actions, ['Write .gitignore']);
      await ui.waitForMessage(
        /^Wrote [^:]*\.gitignore: git will ignore env files once there is a repository\./,
      );
      assert.deepEqual(fs.readFileSync(gitignore, 'utf8').split('\n'), [...ENV_GITIGNORE_LINES, '']);

      // Asked again, nothing is written twice.
      ui.onMessage(/^There is no git repository here yet/, 'Write .gitignore');
      await vscode.commands.executeCommand(Commands.ignoreEnvFiles);
      assert.equal(ui.messages.filter((m) => /^Wrote /.test(m.text)).length, 2);
      assert.deepEqual(fs.readFileSync(gitignore, 'utf8').split('\n'), [...ENV_GITIGNORE_LINES, '']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.rmSync(gitignore, { force: true });
    }
  });
});

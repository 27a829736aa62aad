// Issue 15, part B, in the extension host: nothing the extension must do waits on a notification
// (a login client's flow settings with the git warning left unanswered; the offer to update
// every copy with Update All clicked minutes later), rotation recomputes at apply time and names
// every file it leaves alone, the quick fix and hover Reset Secret… write into the file they were
// invoked from, and a file open with unsaved edits gets only its values changed, unsaved.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EmulatedClient, Emulator } from '../emulator/emulator';
import { Commands } from '../../src/ids';
import type { FakeUi } from './helpers/fakeUi';
import { waitUntil } from '../waitUntil';
import {
  ENV_KEYS,
  cleanUp,
  envValues,
  errors,
  keepUnsavedEdits,
  requestsFor,
  startWithApplication,
  workspaceFolder,
} from './helpers/workbench';

const SOURCE = 'Identity Cloud';

describe('env edits: nothing waits on a notification, no edit clobbered', () => {
  let emulator: Emulator;
  let ui: FakeUi;
  let checkout: EmulatedClient;
  /** Folders this suite made in the workspace, removed after each test. */
  const made: string[] = [];

  const root = () => workspaceFolder().uri.fsPath;

  /** Writes `text` to `relative` (folders made as needed) and returns its path. */
  const write = (relative: string, text: string) => {
    const file = path.join(root(), relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const top = relative.split('/')[0]!;
    if (!made.includes(top)) made.push(top);
    fs.writeFileSync(file, text);
    return file;
  };

  const read = (file: string) => fs.readFileSync(file, 'utf8');

  /** Opens `file` in an editor and waits until it shows what is on disk. */
  const openEditor = async (file: string) => {
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    await waitUntil(`${path.basename(file)} in its editor`, () => editor.document.getText() === read(file));
    return editor;
  };

  const copyLines = (secret: string) =>
    `# copy\nCHECKOUT_CLIENT_ID=${checkout.clientId}\nCHECKOUT_CLIENT_SECRET=${secret}\n`;

  const resetToClipboard = () =>
    vscode.commands.executeCommand(Commands.resetSecret, {
      application: 'dev',
      clientId: checkout.clientId,
      hoursToLive: 0,
      destination: 'clipboard',
    });

  beforeEach(async () => {
    ({ emulator, ui } = await startWithApplication({
      clients: [{ description: 'checkout-service', features: ['direct_read_access'] }],
    }));
    checkout = emulator.clients().find((c) => c.description === 'checkout-service')!;
  });

  afterEach(async () => {
    try {
      await cleanUp(ui, [emulator]);
    } finally {
      for (const top of made.splice(0))
        fs.rmSync(path.join(root(), top), { recursive: true, force: true, maxRetries: 5 });
    }
  });

  it('a login client created into a .env git would commit gets its flow settings with the git warning unanswered', async () => {
    // A repository of its own inside the workspace, opened in VS Code's git extension.
    const repo = path.join(root(), 'gitrepo');
    made.push('gitrepo');
    fs.mkdirSync(repo, { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    await vscode.commands.executeCommand('git.openRepository', repo);
    const warning = ui.hold(/is not ignored by git/);

    const created = vscode.commands.executeCommand(Commands.createClient, {
      application: 'dev',
      description: 'web login',
      features: ['login_client'],
      settings: { default_flow_name: 'standard', default_flow_version: 'HEAD' },
      destination: 'gitrepo/.env',
    });
    const held = await warning;
    assert.match(held.message.text, /^gitrepo\/\.env holds a client secret and is not ignored by git/);
    const client = await waitUntil('the flow settings in the emulator', () =>
      emulator.clients().find((c) => c.description === 'web login' && c.settings.default_flow_version),
    );
    assert.deepEqual(client.settings, { default_flow_name: 'standard', default_flow_version: 'HEAD' });
    await created;
    assert.equal(held.answered, false, 'the warning is still unanswered: nothing waited for it');
    assert.equal(requestsFor(emulator, 'settings/set_multi').length, 1);
    await ui.waitForMessage(/^Created "web login" in dev with its settings/);

    // Its button still works when the user gets to it.
    held.answer('Add to .gitignore');
    await waitUntil('the .gitignore entry', () => {
      const ignore = path.join(repo, '.gitignore');
      return fs.existsSync(ignore) && read(ignore).split('\n').includes('/.env');
    });
    assert.deepEqual(errors(ui), []);
  });

  it('Reset Secret: the offer stays unanswered while the rest goes on; Update All, clicked later, works on the files as they are then', async () => {
    const shifted = write('checkout/.env', copyLines(checkout.clientSecret));
    const prod = write('config/prod.env', copyLines(checkout.clientSecret));
    const edited = write('reports/.env.local', copyLines(checkout.clientSecret));
    const unrelated = write(
      'reports/.env',
      `OTHER_CLIENT_ID=someoneelse0000000000000000000000\nOTHER_CLIENT_SECRET=${checkout.clientSecret}\n`,
    );
    ui.onMessage(/^Reset the secret of /, 'Reset Secret');
    const offer = ui.hold(/env files in the workspace hold client /);

    await resetToClipboard();
    const held = await offer;
    const current = emulator.client(checkout.clientId)!.clientSecret;
    assert.equal(
      held.message.text,
      `3 env files in the workspace hold client ${checkout.clientId} with its old secret: checkout/.env, config/prod.env, reports/.env.local.`,
      'no "more": the new secret went to the clipboard, not into a file',
    );
    assert.deepEqual(held.message.actions, ['Review and Update…', 'Update All']);
    assert.equal(held.answered, false, 'Reset Secret finished with the offer still on screen');

    // While the offer waits: lines are added above one copy, another gets a secret typed by hand.
    fs.writeFileSync(shifted, `# moved down\nPORT=8080\n${copyLines(checkout.clientSecret)}`);
    fs.writeFileSync(edited, copyLines('typed-by-hand'));
    held.answer('Update All');

    const done = await ui.waitForMessage(/^Updated the secret of client /);
    assert.equal(
      read(shifted),
      `# moved down\nPORT=8080\n${copyLines(current)}`,
      'the value is found where it is now; the lines added meanwhile stay',
    );
    assert.equal(read(prod), copyLines(current), 'a *.env file is updated too');
    assert.equal(read(edited), copyLines('typed-by-hand'), 'a value changed meanwhile is left as it is');
    assert.ok(read(unrelated).includes(checkout.clientSecret), 'another client’s keys stay');
    assert.equal(
      done.text,
      `Updated the secret of client ${checkout.clientId} in 2 env files: checkout/.env, config/prod.env. ` +
        'Left alone, update by hand: reports/.env.local (it no longer holds the old secret).',
    );
    assert.equal(done.level, 'warning', 'a file left alone is a warning');
    assert.ok(
      ui.messages.every((m) => !m.text.includes(current)),
      'no message shows the new secret',
    );
  });

  it('Reset Secret names every file it cannot update, and one such file does not stop the others', async () => {
    const good = write('a/.env', copyLines(checkout.clientSecret));
    // A read-only file: it cannot be updated, so it is left alone, named with the reason.
    const broken = write('b/.env', copyLines(checkout.clientSecret));
    fs.chmodSync(broken, 0o444);
    const later = write('c/.env', copyLines(checkout.clientSecret));
    ui.onMessage(/^Reset the secret of /, 'Reset Secret');
    ui.onMessage(/env files? in the workspace holds? client /, 'Update All');

    await resetToClipboard();
    const done = await ui.waitForMessage(/^Updated the secret of client /);
    const current = emulator.client(checkout.clientId)!.clientSecret;
    assert.equal(read(good), copyLines(current));
    assert.equal(read(later), copyLines(current), 'the file after the one left alone is updated');
    assert.equal(read(broken), copyLines(checkout.clientSecret));
    assert.match(done.text, /in 2 env files: a\/\.env, c\/\.env\./);
    assert.match(done.text, /Left alone, update by hand: b\/\.env \(b\/\.env is read-only/);
    assert.equal(done.level, 'warning');
  });

  it('Review and Update… lists the files to tick, and updates only the ticked ones', async () => {
    const kept = write('one/.env', copyLines(checkout.clientSecret));
    const changed = write('two/.env', copyLines(checkout.clientSecret));
    ui.onMessage(/^Reset the secret of /, 'Reset Secret');
    ui.onMessage(/env files in the workspace hold client /, 'Review and Update…');
    ui.pick(['two/.env']);

    await resetToClipboard();
    const done = await ui.waitForMessage(/^Updated the secret of client /);
    const review = ui.shown.at(-1)!;
    assert.equal(review.title, `Update the Secret of Client ${checkout.clientId}`);
    assert.deepEqual(review.items, ['one/.env', 'two/.env']);
    assert.deepEqual(review.picked, ['one/.env', 'two/.env'], 'every file starts ticked');
    const current = emulator.client(checkout.clientId)!.clientSecret;
    assert.equal(read(changed), copyLines(current));
    assert.equal(read(kept), copyLines(checkout.clientSecret));
    assert.match(done.text, /Left alone, update by hand: one\/\.env \(you left it out\)\./);
  });

  it('the quick fix and the hover Reset Secret… write the new secret into the file they were invoked from', async () => {
    const service = write(
      'services/checkout/.env',
      `${ENV_KEYS.clientId}=${checkout.clientId}\n${ENV_KEYS.clientSecret}=stale\n`,
    );
    const editor = await openEditor(service);
    const document = editor.document;
    await waitUntil('the outdated-secret problem', () =>
      vscode.languages
        .getDiagnostics(document.uri)
        .some((d) => d.source === SOURCE && d.code === 'secret-outdated'),
    );
    const problem = vscode.languages
      .getDiagnostics(document.uri)
      .find((d) => d.source === SOURCE && d.code === 'secret-outdated')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      problem.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const reset = actions.find((a) => a.title === 'Reset secret and update every copy…')!;
    assert.deepEqual(reset.command!.arguments, [
      { application: 'dev', clientId: checkout.clientId, destination: document.uri.toString() },
    ]);
    ui.onMessage(/^Reset the secret of /, 'Reset Secret');
    ui.onMessage(/^services\/checkout\/\.env already sets /, 'Replace');
    ui.pick('Immediately'); // when the old secret stops working: the one question asked
    await vscode.commands.executeCommand(reset.command!.command, ...reset.command!.arguments!);
    let current = emulator.client(checkout.clientId)!.clientSecret;
    assert.equal(envValues(read(service))[ENV_KEYS.clientSecret], current, 'the file acted from has it');
    assert.equal(fs.existsSync(path.join(root(), '.env')), false, "the root's .env was not made");
    const asked = () => ui.shown.map((shown) => shown.placeholder);
    assert.deepEqual(asked(), ['When should the old secret stop working?'], 'no destination picker');

    // The hover's link carries the file too.
    const offset = document.getText().indexOf(checkout.clientId);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      document.positionAt(offset + 1),
    );
    const markdown = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n');
    const link = /\[Reset Secret…\]\(command:identityCloud\.resetSecret\?([^)]+)\)/.exec(markdown);
    assert.ok(link, `the hover links Reset Secret…: ${markdown}`);
    const [arg] = JSON.parse(decodeURIComponent(link[1]!)) as [Record<string, unknown>];
    assert.deepEqual(arg, {
      application: 'dev',
      clientId: checkout.clientId,
      destination: document.uri.toString(),
    });
    ui.pick('Immediately');
    await vscode.commands.executeCommand(Commands.resetSecret, arg);
    current = emulator.client(checkout.clientId)!.clientSecret;
    assert.equal(envValues(read(service))[ENV_KEYS.clientSecret], current);
    assert.deepEqual(asked(), [
      'When should the old secret stop working?',
      'When should the old secret stop working?',
    ]);
    assert.deepEqual(errors(ui), []);
  });

  it('writing into a .env open with unsaved edits changes only the values, keeps cursor and undo, and saves nothing', async () => {
    await keepUnsavedEdits();
    const file = write(
      'dirty/.env',
      `# mine\n${ENV_KEYS.clientId}=${checkout.clientId}\n${ENV_KEYS.clientSecret}=stale\nA=1\n`,
    );
    const editor = await openEditor(file);
    const document = editor.document;
    await editor.edit((edit) => edit.insert(new vscode.Position(4, 0), 'B=unsaved\n'));
    const selection = new vscode.Selection(new vscode.Position(0, 2), new vscode.Position(0, 6));
    editor.selection = selection;
    assert.equal(document.isDirty, true);
    const onDisk = read(file);

    // Through the quick fix's command (Update the secret from Identity Cloud): one writer, one policy.
    await vscode.commands.executeCommand(Commands.updateEnvCredential, {
      application: 'dev',
      clientId: checkout.clientId,
      uri: document.uri.toString(),
      field: 'secret',
    });
    const expected = `# mine\n${ENV_KEYS.clientId}=${checkout.clientId}\n${ENV_KEYS.clientSecret}=${checkout.clientSecret}\nA=1\nB=unsaved\n`;
    assert.equal(document.getText(), expected, 'the new value, and the unsaved line kept');
    assert.equal(document.isDirty, true, 'not saved: the unsaved line is the user’s to save');
    assert.equal(read(file), onDisk, 'nothing written to disk');
    assert.ok(editor.selection.isEqual(selection), 'the selection stays where the user left it');
    const told = await ui.waitForMessage(/^Updated IDENTITY_CLOUD_CLIENT_SECRET in dirty\/\.env/);
    assert.match(told.text, /open with unsaved changes: it was not saved/);

    // Undo takes back the new value only; the user's own line is still there.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(
      document.getText(),
      `# mine\n${ENV_KEYS.clientId}=${checkout.clientId}\n${ENV_KEYS.clientSecret}=stale\nA=1\nB=unsaved\n`,
    );
  });

  it('Create into a .env open with unsaved edits: the keys go into the editor, unsaved, and Copy Last Created Credentials keeps them', async () => {
    await keepUnsavedEdits();
    const file = write('dirty2/.env', '# mine\nA=1\n');
    const editor = await openEditor(file);
    const document = editor.document;
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 0), 'B=unsaved\n'));
    await vscode.commands.executeCommand(Commands.createClient, {
      application: 'dev',
      description: 'into dirty',
      features: ['direct_read_access'],
      destination: 'dirty2/.env',
    });
    const client = emulator.clients().find((c) => c.description === 'into dirty')!;
    assert.deepEqual(envValues(document.getText()), {
      A: '1',
      B: 'unsaved',
      [ENV_KEYS.clientId]: client.clientId,
      [ENV_KEYS.clientSecret]: client.clientSecret,
      [ENV_KEYS.captureDomain]: emulator.domain,
    });
    assert.equal(document.isDirty, true, 'not saved');
    assert.equal(read(file), '# mine\nA=1\n', 'the file on disk is as it was');
    const told = await ui.waitForMessage(/which is open with unsaved changes: it was not saved/);
    assert.match(told.text, /Copy Last Created Credentials/);
    assert.ok(!told.text.includes(client.clientSecret));
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(Commands.copyLastCreatedCredentials);
    assert.equal(
      envValues(await vscode.env.clipboard.readText())[ENV_KEYS.clientSecret],
      client.clientSecret,
    );
  });

  it('Write Credentials to .env… of an existing client into unsaved edits does not promise Copy Last Created Credentials', async () => {
    await keepUnsavedEdits();
    // Something else was created last in this window: that command would copy it, not this client.
    await vscode.commands.executeCommand(Commands.createClient, {
      application: 'dev',
      description: 'created last',
      features: ['direct_read_access'],
      destination: 'clipboard',
    });
    const file = write('dirty3/.env', '# mine\nA=1\n');
    const editor = await openEditor(file);
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 0), 'B=unsaved\n'));
    await vscode.commands.executeCommand(Commands.writeCredentialsToEnv, {
      application: 'dev',
      clientId: checkout.clientId,
      destination: 'dirty3/.env',
    });
    assert.equal(envValues(editor.document.getText())[ENV_KEYS.clientId], checkout.clientId);
    const told = await ui.waitForMessage(/^Wrote .* into dirty3\/\.env, which is open with unsaved changes/);
    assert.equal(
      told.text,
      `Wrote ${ENV_KEYS.clientId}, ${ENV_KEYS.clientSecret}, ${ENV_KEYS.captureDomain} into dirty3/.env, which is open with unsaved changes: it was not saved. Save it to keep them.`,
    );
  });
});

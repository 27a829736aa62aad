// Credentials in the workspace (issue 9), as VS Code's own commands see them: the Problems of an
// env file (languages.getDiagnostics) after someone else resets a secret or deletes a client in the
// emulator, the quick fixes (vscode.executeCodeActionProvider, then applied), the lenses
// (vscode.executeCodeLensProvider) and the hover (vscode.executeHoverProvider), and how often the
// index lists clients while files are opened and saved.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ENV_FILES_EXCLUDE, ENV_FILES_GLOB, isEnvFileName } from '../../src/env/envFiles';
import { ENV_SELECTOR } from '../../src/workspace/envDocuments';
import type { EmulatedClient, Emulator } from '../emulator/emulator';
import { envProblems, lensTitles, openEnv } from './helpers/envEditor';
import { FakeUi } from './helpers/fakeUi';
import { waitUntil } from '../waitUntil';
import {
  ENV_KEYS,
  addApplication,
  cleanWorkspace,
  envValues,
  errors,
  keepUnsavedEdits,
  readEnv,
  removeApplications,
  setUserSetting,
  startWithApplication,
  workspaceFolder,
} from './helpers/workbench';

describe('credentials in the workspace', () => {
  let ui: FakeUi;
  let emulator: Emulator;
  let checkout: EmulatedClient;

  /** The list calls the index (and tree) made: Add Application's check filters on has_features. */
  const indexLists = () =>
    emulator.requests.filter((r) => r.op === 'list' && r.params.has_features === undefined).length;

  const envText = (secret = checkout.clientSecret, domain = emulator.domain, id = checkout.clientId) =>
    [
      '# checkout service',
      'PORT=8080',
      `${ENV_KEYS.clientId}=${id}`,
      `${ENV_KEYS.clientSecret}=${secret}`,
      `${ENV_KEYS.captureDomain}=${domain}`,
      '',
    ].join('\n');

  const codes = (document: vscode.TextDocument) => envProblems(document).map((d) => String(d.code));

  const waitForLens = async (document: vscode.TextDocument, title: string) => {
    let seen: string[] = [];
    try {
      await waitUntil(`the lens "${title}"`, async () => (seen = await lensTitles(document)).includes(title));
    } catch (error) {
      throw new Error(`${(error as Error).message}; the lenses were ${JSON.stringify(seen)}`, {
        cause: error,
      });
    }
  };

  const hoverAt = async (uri: vscode.Uri, position: vscode.Position) => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      position,
    );
    return hovers.flatMap((h) =>
      h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')),
    );
  };

  /** The position of `text` in the document (its first character). */
  const positionOf = (document: vscode.TextDocument, text: string) => {
    const offset = document.getText().indexOf(text);
    assert.ok(offset >= 0, `${text} is in the document`);
    return document.positionAt(offset + 1);
  };

  const fixes = async (document: vscode.TextDocument, diagnostic: vscode.Diagnostic) =>
    vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );

  const apply = async (action: vscode.CodeAction) => {
    assert.ok(action.command, `${action.title} runs a command`);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  };

  beforeEach(async () => {
    ({
      emulator,
      ui,
      clients: [checkout],
    } = await startWithApplication({
      clients: [{ description: 'checkout-service', features: ['direct_read_access'] }],
    }));
  });

  afterEach(async () => {
    ui.restore();
    try {
      await FakeUi.during(async (cleanup) => {
        await cleanWorkspace();
        for (const extra of [
          '.env.local',
          '.env.example',
          'notes.txt',
          'checkout',
          'reports',
          'config',
          'quick-diff',
        ]) {
          fs.rmSync(path.join(workspaceFolder().uri.fsPath, extra), { force: true, recursive: true });
        }
        await setUserSetting('credentialChecks', undefined);
        await setUserSetting('credentialLenses', undefined);
        await removeApplications(cleanup);
      });
    } finally {
      await emulator.close();
    }
  });

  it('describes a known client in a lens and a hover, with no problem while its secret is current', async () => {
    const document = await openEnv(envText());
    await waitForLens(document, 'dev · checkout-service · direct_read_access · secret current');
    assert.deepEqual(envProblems(document), []);

    const hover = (await hoverAt(document.uri, positionOf(document, checkout.clientId))).join('\n');
    assert.match(hover, /checkout\\-service/);
    assert.match(hover, /application dev/);
    assert.match(hover, /direct\\_read\\_access/);
    assert.match(hover, /The secret in this file is current/);
    for (const command of ['revealClient', 'copyClientId', 'editFeatures', 'resetSecret']) {
      assert.ok(hover.includes(`command:identityCloud.${command}?`), `the hover links ${command}`);
    }
    assert.ok(!hover.includes(checkout.clientSecret), 'the hover never shows the secret');
    assert.deepEqual(
      await hoverAt(document.uri, positionOf(document, 'PORT')),
      [],
      'no hover on other words',
    );

    // Any text file: an exact match of a known ID has the hover; a near miss does not.
    const notes = path.join(workspaceFolder().uri.fsPath, 'notes.txt');
    fs.writeFileSync(notes, `uses ${checkout.clientId} and ${checkout.clientId}x\n`);
    const text = await vscode.workspace.openTextDocument(notes);
    assert.match(
      (await hoverAt(text.uri, positionOf(text, checkout.clientId))).join('\n'),
      /checkout\\-service/,
    );
    assert.deepEqual(await hoverAt(text.uri, positionOf(text, `${checkout.clientId}x`)), []);

    // The lens reveals the client in the view.
    const [lens] = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    await vscode.commands.executeCommand(lens!.command!.command, ...(lens!.command!.arguments ?? []));
    assert.deepEqual(errors(ui), []);
  });

  it('after the emulator resets the secret, Refresh shows it outdated and the quick fix writes the current one', async () => {
    const document = await openEnv(envText());
    await waitForLens(document, 'dev · checkout-service · direct_read_access · secret current');
    const rotated = emulator.resetSecret(checkout.clientId);

    await vscode.commands.executeCommand('identityCloud.refresh');
    await waitUntil('the outdated-secret problem', () => codes(document).includes('secret-outdated'));
    const [problem] = envProblems(document);
    assert.equal(problem!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(
      document.getText(problem!.range),
      checkout.clientSecret,
      'the squiggle is on the old secret',
    );
    assert.ok(!problem!.message.includes(checkout.clientSecret) && !problem!.message.includes(rotated));
    assert.ok(
      (await lensTitles(document)).includes('dev · checkout-service · direct_read_access · secret outdated'),
    );

    const actions = await fixes(document, problem!);
    assert.deepEqual(
      actions.map((a) => [a.title, !!a.isPreferred]),
      [
        ['Update the secret from Identity Cloud', true],
        ['Reset secret and update every copy…', false],
      ],
    );
    await apply(actions[0]!);
    await waitUntil(
      'the .env holding the new secret',
      () => envValues(readEnv() ?? '')[ENV_KEYS.clientSecret] === rotated,
    );
    await waitUntil('no problem left', () => envProblems(document).length === 0);
    assert.equal(readEnv(), envText(rotated), 'only the secret changed');
    assert.ok(
      ui.messages.every((m) => !m.text.includes(rotated)),
      'no message shows the secret',
    );
  });

  it('after the emulator deletes the client, the ID is unknown, naming the applications searched', async () => {
    const document = await openEnv(envText());
    await waitForLens(document, 'dev · checkout-service · direct_read_access · secret current');
    emulator.deleteClient(checkout.clientId);

    await vscode.commands.executeCommand('identityCloud.refresh');
    await waitUntil('the unknown-client problem', () => codes(document).includes('unknown-client'));
    const [problem] = envProblems(document);
    assert.equal(
      problem!.severity,
      vscode.DiagnosticSeverity.Warning,
      'a warning: it may live in an application not added here',
    );
    assert.match(problem!.message, new RegExp(`No API client ${checkout.clientId} in dev:`));
    assert.equal(document.getText(problem!.range), checkout.clientId);
    assert.ok((await lensTitles(document)).includes('$(error) not found'));
    const actions = await fixes(document, problem!);
    assert.deepEqual(
      actions.map((a) => [a.title, a.command?.command, !!a.isPreferred]),
      [['Create a new client for this file…', 'identityCloud.createClient', true]],
    );
    assert.deepEqual(actions[0]!.command!.arguments, [
      { destination: document.uri.toString(), keys: ENV_KEYS },
    ]);
  });

  it("flags a domain that is not the client's application and an owner client's credentials", async () => {
    const owner = emulator.owner;
    const document = await openEnv(
      envText(checkout.clientSecret, 'https://other.us-dev.janraincapture.com') +
        `ADMIN_CLIENT_ID=${owner.clientId}\nADMIN_CLIENT_SECRET=${owner.clientSecret}\n`,
    );
    await waitUntil('two problems', () => envProblems(document).length === 2);
    assert.deepEqual(codes(document).sort(), ['domain-mismatch', 'owner-credentials']);
    for (const d of envProblems(document)) assert.ok(!d.message.includes(owner.clientSecret));

    const domain = envProblems(document).find((d) => d.code === 'domain-mismatch')!;
    const [update] = await fixes(document, domain);
    assert.equal(update!.title, 'Update the domain from Identity Cloud');
    await apply(update!);
    await waitUntil(
      'the domain fixed',
      () => envValues(readEnv() ?? '')[ENV_KEYS.captureDomain] === emulator.domain,
    );
    await waitUntil('only the owner problem left', () => codes(document).join() === 'owner-credentials');
  });

  it('settings turn the problems and the lenses off', async () => {
    const document = await openEnv(envText('not-the-secret'));
    await waitUntil('the outdated-secret problem', () => codes(document).includes('secret-outdated'));
    await setUserSetting('credentialChecks', false);
    await waitUntil('no problems', () => envProblems(document).length === 0);
    await setUserSetting('credentialLenses', false);
    assert.deepEqual(await lensTitles(document), []);
    await setUserSetting('credentialChecks', undefined);
    await waitUntil('the problem back', () => codes(document).includes('secret-outdated'));
  });

  it('opening and saving env files lists each application at most once per refresh window', async () => {
    const document = await openEnv(envText());
    await waitForLens(document, 'dev · checkout-service · direct_read_access · secret current');
    // The index is loaded now: within the refresh window, more files, hovers and saves list nothing.
    const before = indexLists();
    const local = await openEnv(envText(), path.join(workspaceFolder().uri.fsPath, '.env.local'));
    await waitForLens(local, 'dev · checkout-service · direct_read_access · secret current');
    await hoverAt(local.uri, positionOf(local, checkout.clientId));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
    await document.save();
    await local.save();
    assert.equal(
      indexLists() - before,
      0,
      'the list in memory served the second file, the hover and the saves',
    );
  });

  it('every feature takes the same files for env files: config/prod.env gets problems, .envrc does not', async () => {
    const folder = path.join(workspaceFolder().uri.fsPath, 'config');
    const names = ['.env', '.env.local', '.env.example', 'prod.env', '.envrc', 'env.json', 'notes.txt'];
    fs.mkdirSync(folder, { recursive: true });
    for (const name of names) fs.writeFileSync(path.join(folder, name), 'PORT=8080\n');
    // The search (rotation, the destination picker, Keep Env Files Out of Git) and the editor
    // features' selector agree, whatever language this VS Code gives each file.
    const found = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, ENV_FILES_GLOB),
      ENV_FILES_EXCLUDE,
    );
    assert.deepEqual(
      found.map((uri) => path.basename(uri.fsPath)).sort(),
      names.filter(isEnvFileName).sort(),
    );
    for (const name of names) {
      const document = await vscode.workspace.openTextDocument(path.join(folder, name));
      assert.equal(vscode.languages.match(ENV_SELECTOR, document) > 0, isEnvFileName(name), name);
    }

    const outdated = '0'.repeat(checkout.clientSecret.length);
    const prod = await openEnv(envText(outdated), path.join(folder, 'prod.env'));
    await waitUntil('the outdated secret in config/prod.env', () => codes(prod).includes('secret-outdated'));
    const envrc = await openEnv(envText(outdated), path.join(folder, '.envrc'));
    assert.deepEqual(await lensTitles(envrc), []);
    assert.deepEqual(envProblems(envrc), []);
  });

  it('a git: copy of an env file (quick diff) gets no problems or lenses of its own and lists nothing', async () => {
    const repo = path.join(workspaceFolder().uri.fsPath, 'quick-diff');
    const file = path.join(repo, '.env');
    const text = envText('0'.repeat(checkout.clientSecret.length));
    fs.mkdirSync(repo, { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    fs.writeFileSync(file, text);
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, '-c', 'user.name=test', '-c', 'user.email=test@127.0.0.1', ...args]);
    git('add', '-f', '.env');
    git('commit', '-q', '-m', 'env');
    await vscode.commands.executeCommand('git.openRepository', repo);
    try {
      const document = await openEnv(text, file);
      await waitUntil('the outdated secret in .env', () => codes(document).includes('secret-outdated'));
      const lists = indexLists();
      // What quick diff and the SCM view open: the committed file, through the git extension.
      const uri = vscode.Uri.from({
        scheme: 'git',
        path: document.uri.path,
        query: JSON.stringify({ path: file, ref: 'HEAD' }),
      });
      const copy = await vscode.workspace.openTextDocument(uri);
      assert.equal(copy.getText(), text, 'the copy is the committed file');
      assert.deepEqual(await lensTitles(copy), []);
      assert.deepEqual(envProblems(copy), [], 'no second set of problems on the copy');
      assert.deepEqual(codes(document), ['secret-outdated'], "the file's own problems are unchanged");
      assert.equal(indexLists(), lists, 'the copy listed nothing');
    } finally {
      await vscode.commands
        .executeCommand('git.close', vscode.Uri.file(repo))
        .then(undefined, () => undefined);
    }
  });

  it('the quick fix Add to .gitignore on a secret git would commit adds the file, says so, and the problem goes', async () => {
    // A path new to this window: code-server 4.100's file watcher can miss a .gitignore written in
    // a folder deleted and made again at the same path (as quick-diff is, by the test before).
    const repo = path.join(workspaceFolder().uri.fsPath, `ignore-fix-${randomUUID()}`);
    const file = path.join(repo, '.env');
    fs.mkdirSync(repo, { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules/');
    await vscode.commands.executeCommand('git.openRepository', repo);
    try {
      const document = await openEnv(envText(), file);
      await waitUntil('the secret git would commit', () => codes(document).includes('secret-not-ignored'));
      const problem = envProblems(document).find((d) => d.code === 'secret-not-ignored')!;
      const titles = (await fixes(document, problem)).map((a) => a.title);
      assert.deepEqual(titles, ['Add to .gitignore']);

      // A .gitignore open with unsaved edits is left alone, and the user is told why.
      await keepUnsavedEdits();
      const gitignore = path.join(repo, '.gitignore');
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(gitignore));
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# mine\n'));
      await apply((await fixes(document, problem))[0]!);
      assert.match(
        errors(ui).at(-1)?.text ?? '',
        /\.gitignore has unsaved changes: save or revert them, then try again\.$/,
      );
      assert.equal(fs.readFileSync(gitignore, 'utf8'), 'node_modules/', 'the file on disk is as it was');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

      await apply((await fixes(document, problem))[0]!);
      assert.equal(
        fs.readFileSync(path.join(repo, '.gitignore'), 'utf8'),
        'node_modules/\n/.env\n',
        'the file is added on a line of its own, after what was there',
      );
      const said = await ui.waitForMessage(/ to \.gitignore\.$/);
      assert.equal(said.text, 'Added /.env to .gitignore.');
      await waitUntil(
        'the problem to go once git ignores the file',
        () => !codes(document).includes('secret-not-ignored'),
      );
    } finally {
      await setUserSetting('autoSave', undefined, 'files');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands
        .executeCommand('git.close', vscode.Uri.file(repo))
        .then(undefined, () => undefined);
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('Reset Secret offers to update every env file holding the client, and Update All gives each the new secret', async () => {
    const root = workspaceFolder().uri.fsPath;
    const copies = [path.join(root, 'checkout', '.env'), path.join(root, 'reports', '.env.local')];
    for (const file of copies) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        file,
        `# copy\nCHECKOUT_CLIENT_ID=${checkout.clientId}\nCHECKOUT_CLIENT_SECRET="${checkout.clientSecret}"\n`,
      );
    }
    const unrelated = path.join(root, 'reports', '.env');
    fs.writeFileSync(
      unrelated,
      `OTHER_CLIENT_ID=someoneelse0000000000000000000000\nOTHER_CLIENT_SECRET=${checkout.clientSecret}\n`,
    );
    ui.onMessage(/^Reset the secret of /, 'Reset Secret');
    // "Update All": every file, computed again from its text when clicked. (Review and Update…
    // lists the files to tick: test/integration/envEdits.test.ts.)
    ui.onMessage(/env files in the workspace hold client /, 'Update All');

    await vscode.commands.executeCommand('identityCloud.resetSecret', {
      application: 'dev',
      clientId: checkout.clientId,
      hoursToLive: 0,
      destination: 'clipboard',
    });
    const offer = await ui.waitForMessage(/env files in the workspace hold client /);
    assert.deepEqual(offer.actions, ['Review and Update…', 'Update All']);
    assert.equal(
      offer.text,
      `2 env files in the workspace hold client ${checkout.clientId} with its old secret: checkout/.env, reports/.env.local.`,
    );
    const done = await ui.waitForMessage(/^Updated the secret of client /);
    assert.equal(
      done.text,
      `Updated the secret of client ${checkout.clientId} in 2 env files: checkout/.env, reports/.env.local.`,
    );
    const current = emulator.client(checkout.clientId)!.clientSecret;
    for (const file of copies) {
      assert.equal(
        fs.readFileSync(file, 'utf8'),
        `# copy\nCHECKOUT_CLIENT_ID=${checkout.clientId}\nCHECKOUT_CLIENT_SECRET="${current}"\n`,
        `${path.relative(root, file)} holds the new secret, saved, and nothing else changed (not its quotes)`,
      );
    }
    assert.ok(
      fs.readFileSync(unrelated, 'utf8').includes(checkout.clientSecret),
      'another client’s keys stay',
    );
    assert.ok(
      ui.messages.every((m) => !m.text.includes(current)),
      'no message shows the new secret',
    );
    assert.deepEqual(errors(ui), []);
  });

  it('in a committed .env.example with empty keys, a lens creates a client from the directive into .env', async () => {
    const example = path.join(workspaceFolder().uri.fsPath, '.env.example');
    const committed = [
      '# identity-cloud: application=dev features=direct_read_access description="checkout (local)"',
      `${ENV_KEYS.clientId}=`,
      `${ENV_KEYS.clientSecret}=`,
      '',
    ].join('\n');
    const document = await openEnv(committed, example);
    const title = '$(add) Create an API client for this file…';
    await waitForLens(document, title);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    const lens = lenses.find((l) => l.command?.title === title)!;
    ui.type('checkout (local)');
    ui.pick('API access', ['direct_read_access']);
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));

    const [description, , features] = ui.shown;
    assert.equal(description!.value, 'checkout (local)', 'the description is prefilled, and still asked');
    assert.deepEqual(features!.picked, ['direct_read_access'], 'the features are prefilled, and still asked');
    const created = emulator.clients().find((c) => c.description === 'checkout (local)');
    assert.ok(created, 'the client was created');
    assert.deepEqual(created.features, ['direct_read_access']);
    assert.equal(
      envValues(readEnv() ?? '')[ENV_KEYS.clientId],
      created.clientId,
      '.env holds the new client',
    );
    assert.equal(fs.readFileSync(example, 'utf8'), committed, 'the committed example is untouched');
    assert.deepEqual(errors(ui), []);
  });

  it('a createClient link opens the create flow prefilled and creates nothing without the user', async () => {
    const link = vscode.Uri.parse(
      `${vscode.env.uriScheme}://identity-cloud-tools.identity-cloud-clients/createClient?application=dev&features=owner,direct_read_access&description=${encodeURIComponent('from a link')}`,
    );
    ui.type('from a link');
    ui.pick('API access', ['owner', 'direct_read_access']);
    ui.onMessage(/owner/, undefined); // the high-risk confirmation: declined
    // vscode.open hands the link to VS Code's opener, which routes the product's own scheme to the
    // extension's URI handler as a clicked link would (env.openExternal sends it to the browser).
    await vscode.commands.executeCommand('vscode.open', link);
    await waitUntil('the owner confirmation', () => ui.messages.some((m) => m.modal && /owner/.test(m.text)));
    assert.equal(ui.shown[0]!.value, 'from a link');
    assert.deepEqual([...ui.shown[2]!.picked].sort(), ['direct_read_access', 'owner']);
    assert.equal(emulator.requests.filter((r) => r.op === 'add').length, 0, 'nothing was created');

    // A reveal link reaches the reveal command: an ID no application has says so.
    const reveal = (clientId: string) =>
      vscode.commands.executeCommand(
        'vscode.open',
        vscode.Uri.parse(
          `${vscode.env.uriScheme}://identity-cloud-tools.identity-cloud-clients/reveal?clientId=${clientId}`,
        ),
      );
    await reveal('nosuchclient');
    await waitUntil('the reveal error', () =>
      errors(ui).some((m) => /No API client nosuchclient in dev/.test(m.text)),
    );
    await reveal(checkout.clientId);
    assert.equal(errors(ui).length, 1);
  });

  // Issue 15: ownership from evidence, fixes on their own set, directive problems, checking the
  // file's own credentials.

  /** Another provider's set, as real projects have it beside ours. */
  const AUTH0 = [
    'AUTH0_DOMAIN=acme.us.auth0.com',
    'AUTH0_CLIENT_ID=kT9xYb2QmW7rLp4ZsN1vC8dF3hJ6gA0e',
    'AUTH0_CLIENT_SECRET=Qw3rTy7uIo9pAs1dFg5hJk2lZx8cVb4nMq6wEr0tYu3iOp7a',
    'OKTA_CLIENT_ID=0oa1b2c3d4E5F6g7h8i9',
  ];

  /** The lines (0-based) the lenses of a document sit on, with their titles. */
  const lensLines = async (document: vscode.TextDocument) => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    return lenses.filter((l) => l.command?.title).map((l) => [l.range.start.line, l.command!.title]);
  };

  it('a .env with an Auth0 set beside ours: problems and lenses on our sets only', async () => {
    const deleted = 'k3v9q2m7x1c8b4n6z0w5r2t7y9u1i3o8'; // Capture's shape, no such client
    const text = [
      ...AUTH0, // lines 0-3
      `${ENV_KEYS.clientId}=${checkout.clientId}`, // 4
      `${ENV_KEYS.clientSecret}=not-the-current-secret`, // 5
      `REPORTS_CLIENT_ID=${deleted}`, // 6
      '',
    ].join('\n');
    const document = await openEnv(text);
    await waitUntil('the problems of our two sets', () => envProblems(document).length === 2);
    assert.deepEqual(
      envProblems(document).map((d) => [d.range.start.line, String(d.code), d.severity]),
      [
        [5, 'secret-outdated', vscode.DiagnosticSeverity.Warning],
        [6, 'unknown-client', vscode.DiagnosticSeverity.Warning],
      ],
      'nothing on the Auth0 or Okta lines',
    );
    await waitForLens(document, '$(error) not found');
    assert.deepEqual(await lensLines(document), [
      [4, 'dev · checkout-service · direct_read_access · secret outdated'],
      [4, '$(pass) Check These Credentials'],
      [6, '$(error) not found'],
    ]);
    assert.deepEqual(
      await fixes(document, new vscode.Diagnostic(new vscode.Range(1, 0, 1, 40), 'x')),
      [],
      'no quick fix on the Auth0 ID',
    );

    // A committed example with an empty Auth0 ID gets no onboarding lens; ours does.
    const example = path.join(workspaceFolder().uri.fsPath, '.env.example');
    const committed = await openEnv(
      ['AUTH0_CLIENT_ID=', 'AUTH0_CLIENT_SECRET=', `${ENV_KEYS.clientId}=`, ''].join('\n'),
      example,
    );
    await waitForLens(committed, '$(add) Create an API client for this file…');
    assert.deepEqual(await lensLines(committed), [[2, '$(add) Create an API client for this file…']]);
    assert.deepEqual(envProblems(committed), []);
    assert.deepEqual(errors(ui), []);
  });

  it('Create a new client for this file, on one set, writes that set’s keys and leaves the other set alone', async () => {
    const deleted = 'k3v9q2m7x1c8b4n6z0w5r2t7y9u1i3o8';
    const working = envText();
    const text = `${working}REPORTS_CLIENT_ID=${deleted}\nREPORTS_CLIENT_SECRET=old-reports-secret\n`;
    const document = await openEnv(text);
    await waitUntil('the unknown-client problem', () => codes(document).includes('unknown-client'));
    const problem = envProblems(document).find((d) => d.code === 'unknown-client')!;
    assert.equal(document.getText(problem.range), deleted);
    const [create] = await fixes(document, problem);
    assert.equal(create!.title, 'Create a new client for this file…');

    ui.type('reports (new)');
    ui.pick('API access', ['direct_read_access']);
    ui.onMessage(/already sets/, 'Replace');
    await apply(create!);

    const replace = ui.messages.find((m) => /already sets/.test(m.text));
    assert.ok(replace, 'the values of the set are asked before being replaced');
    assert.equal(
      replace.text,
      '.env already sets REPORTS_CLIENT_ID, REPORTS_CLIENT_SECRET. Replace the values?',
    );
    const created = emulator.clients().find((c) => c.description === 'reports (new)');
    assert.ok(created, 'the client was created');
    assert.equal(
      readEnv(),
      `${working}REPORTS_CLIENT_ID=${created.clientId}\nREPORTS_CLIENT_SECRET=${created.clientSecret}\n` +
        `REPORTS_CAPTURE_DOMAIN=${emulator.domain}\n`,
      'the working set is as it was; the new client is under the keys of the set the fix was on',
    );
    assert.ok(
      ui.messages.every((m) => !m.text.includes(created.clientSecret)),
      'no message shows the new secret',
    );
    assert.deepEqual(errors(ui), []);
  });

  it('a directive’s mistake is a problem on its line, and an unquoted known name with spaces is accepted', async () => {
    const example = path.join(workspaceFolder().uri.fsPath, '.env.example');
    const directive = '# identity-cloud: application=Brand Staging features=direct_read_access';
    const document = await openEnv(`${directive}\n${ENV_KEYS.clientId}=\n`, example);
    await waitUntil('the directive problem', () => codes(document).includes('directive-problem'));
    const [problem] = envProblems(document);
    assert.equal(problem!.range.start.line, 0);
    assert.equal(document.getText(problem!.range), directive);
    assert.equal(problem!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(
      problem!.message,
      '"Staging" is not a setting=value pair. There is no application named "Brand". Known applications: dev. Quote a name with spaces: application="My App".',
    );

    // Once "Brand Staging" is an application here, the same line is understood: no problem, and
    // the onboarding lens creates the client there.
    await FakeUi.during((setup) => addApplication(setup, emulator, 'Brand Staging'));
    await waitUntil('the directive problem gone', () => envProblems(document).length === 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    const onboarding = lenses.find((l) => l.command?.command === 'identityCloud.createClient');
    assert.equal(
      (onboarding!.command!.arguments![0] as { application?: string }).application,
      'Brand Staging',
    );
  });

  it('Check These Credentials from the lens probes with the file’s own ID and secret', async () => {
    const document = await openEnv(envText());
    const title = '$(pass) Check These Credentials';
    await waitForLens(document, title);
    const run = async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      const lens = lenses.find((l) => l.command?.title === title)!;
      assert.ok(
        !JSON.stringify(lens.command!.arguments).includes(checkout.clientSecret),
        'the command carries no secret',
      );
      await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    };
    await run();
    await ui.waitForMessage(/^The credentials of "checkout-service" \(\w+\) work/);

    // The secret reset elsewhere: the file's copy is refused, though the list in memory has the new one.
    emulator.resetSecret(checkout.clientId);
    await vscode.commands.executeCommand('identityCloud.refresh');
    await waitUntil('the outdated-secret problem', () => codes(document).includes('secret-outdated'));
    await run();
    await ui.waitForMessage(/^The secret of "checkout-service" \(\w+\) is wrong/);
    const probes = emulator.requests.filter(
      (r) => r.op === 'settings/items' && r.authClientId === checkout.clientId,
    );
    assert.equal(probes.length, 2, 'each check called Capture as the client in the file');
    assert.ok(
      ui.messages.every((m) => !m.text.includes(checkout.clientSecret)),
      'no message shows the secret',
    );

    const hover = (await hoverAt(document.uri, positionOf(document, checkout.clientId))).join('\n');
    assert.ok(hover.includes('command:identityCloud.checkEnvCredentials?'), 'the hover offers the check');
    assert.ok(!hover.includes(checkout.clientSecret), 'the hover never shows the secret');
  });

  it('Check These Credentials right after the file changed on disk reads the file, not the document VS Code has yet to reload', async () => {
    // Open without the credentials, then written on disk (as Write to .env… or a git checkout
    // does): until VS Code's watcher reports it, the open document still holds the old text.
    const document = await openEnv('PORT=8080\n');
    fs.writeFileSync(document.uri.fsPath, envText());
    await vscode.commands.executeCommand('identityCloud.checkEnvCredentials', {
      uri: document.uri.toString(),
      key: ENV_KEYS.clientId,
    });
    await ui.waitForMessage(/^The credentials of "checkout-service" \(\w+\) work/);
    assert.deepEqual(
      ui.messages.filter((m) => m.level === 'error').map((m) => m.text),
      [],
      'no "no longer sets" error from the stale document',
    );
  });
});

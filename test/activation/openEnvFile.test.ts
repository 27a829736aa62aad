// Activation from an env file alone (issue 15, item 6). test/harness/runActivation.ts starts a
// fresh VS Code on a git repository that ignores env files, with the extension loaded but not
// activated (nothing in the workspace's root matches its workspaceContains events), and names in
// $ACTIVATION_OPEN the one file this run opens. Nothing here runs a command of the extension, opens
// its view or activates it before that file is open: what activates it is the file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/ids';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { FakeUi } from '../integration/helpers/fakeUi';
import { ENV_KEYS, addApplication, workspaceFolder } from '../integration/helpers/workbench';
import { waitUntil } from '../waitUntil';

const relative = process.env.ACTIVATION_OPEN ?? '';

describe('activation', function () {
  // A fresh host does everything for the first time here: activation, the git extension, the
  // application's first check and listing. On a machine shared by many builds that takes a while.
  this.timeout(60_000);
  let emulator: Emulator | undefined;
  after(() => emulator?.close());

  it(`opening the git-ignored ${relative} activates the extension and shows its problems, the view never opened`, async () => {
    assert.ok(relative, 'runActivation.ts names the file to open in ACTIVATION_OPEN');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is loaded');
    assert.equal(extension.isActive, false, 'nothing activated the extension before the file opened');

    emulator = await startEmulator();
    const web = emulator.addClient({ description: 'web' });
    const file = path.join(workspaceFolder().uri.fsPath, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      [
        `${ENV_KEYS.clientId}=${web.clientId}`,
        `${ENV_KEYS.clientSecret}=${'0'.repeat(web.clientSecret.length)}`,
        `${ENV_KEYS.captureDomain}=${emulator.domain}`,
        '',
      ].join('\n'),
    );

    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    // VS Code announces no activation: the poller waits for the state.
    await waitUntil(
      `the extension to activate on ${relative} (a ${document.languageId} document)`,
      () => extension.isActive,
    );

    // Its first problems need a client list: the application is added now, as a new user would,
    // through the command (which neither opens the view nor touches the file).
    await FakeUi.during((setup) => addApplication(setup, emulator!, 'dev'));
    const codes = await waitUntil(`the problems of ${relative}`, () => {
      const found = vscode.languages
        .getDiagnostics(document.uri)
        .filter((d) => d.source === 'Identity Cloud')
        .map((d) => String(d.code));
      return found.length > 0 && found;
    });
    assert.deepEqual(
      codes,
      ['secret-outdated'],
      'the outdated secret, and no warning about git: the file is ignored',
    );
  });
});

// Create API Client: the prompts, /clients/add at the emulator, and the credentials delivered to
// the workspace .env (new, existing, open with unsaved edits) or the clipboard; every failure
// shows one message and writes nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../src/ids';
import { type Emulator, type Fault } from '../emulator/emulator';
import { FakeUi } from './helpers/fakeUi';
import {
  ENV_KEYS,
  assertAllAnswered,
  cleanUp,
  cleanWorkspace,
  envPath,
  envValues,
  errors,
  keepUnsavedEdits,
  readEnv,
  requestsFor,
  setUserSetting,
  startWithApplication,
} from './helpers/workbench';

describe('create API client', () => {
  let ui: FakeUi;
  let emulator: Emulator;

  beforeEach(async () => {
    ({ emulator, ui } = await startWithApplication());
  });

  afterEach(() => cleanUp(ui, [emulator]));

  /** The clients the emulator has besides its owner client. */
  const created = () => emulator.clients().filter((c) => c.clientId !== emulator.owner.clientId);

  const create = (arg: Record<string, unknown>) =>
    vscode.commands.executeCommand(Commands.createClient, { application: 'dev', ...arg });

  /** Asserts that no message shown so far holds `secret`. */
  const assertSecretNotShown = (secret: string) => {
    for (const m of ui.messages) {
      assert.ok(!`${m.text} ${m.detail ?? ''}`.includes(secret), `a message shows the secret: ${m.text}`);
    }
  };

  it('with the prompts answered, writes the new client to the workspace .env, readable by its owner only', async () => {
    ui.type('checkout-service (staging)');
    ui.pick('API access', ['direct_read_access', 'access_issuer'], '.env');
    await vscode.commands.executeCommand(Commands.createClient);

    assert.deepEqual(
      ui.shown.map((s) => [s.kind, s.step, s.totalSteps]),
      [
        ['input', 1, undefined],
        ['pick', 2, undefined],
        ['pick', 3, 4],
        ['pick', 4, 4],
      ],
      'no total until the kind decides the steps; then features and the destination, 3 and 4 of 4',
    );
    assert.deepEqual(
      ui.shown.map((s) => s.back),
      [false, true, true, false],
      'Back on every step but the first, and but the destination: the client exists by then',
    );
    assert.deepEqual(
      ui.shown[2]!.items,
      ['access_issuer', 'direct_read_access', 'direct_access', 'owner'],
      'the features, from least to most power, without login_client: select-all cannot break its rule',
    );
    assert.equal(
      ui.shown[3]!.title,
      'Created checkout-service (staging) in dev. Where should its credentials go?',
      'the destination prompt says the client exists already',
    );
    const [client] = created();
    assert.ok(client, 'the emulator has the new client');
    assert.equal(client.description, 'checkout-service (staging)');
    assert.deepEqual([...client.features].sort(), ['access_issuer', 'direct_read_access']);
    assert.equal(requestsFor(emulator, 'add').length, 1);

    const text = readEnv();
    assert.ok(text !== undefined, '.env exists');
    assert.deepEqual(envValues(text), {
      [ENV_KEYS.clientId]: client.clientId,
      [ENV_KEYS.clientSecret]: client.clientSecret,
      [ENV_KEYS.captureDomain]: emulator.domain,
    });
    assert.equal(fs.statSync(envPath()).mode & 0o777, 0o600, 'a new .env is created with mode 0600');
    await ui.waitForMessage(/^Created \.env with IDENTITY_CLOUD_CLIENT_ID, IDENTITY_CLOUD_CLIENT_SECRET/);
    assertSecretNotShown(client.clientSecret);
    assert.deepEqual(errors(ui), []);
    assertAllAnswered(ui);
  });

  it('a login client is a kind of its own: login_client alone, then its flow name and version', async () => {
    ui.type('login widget', 'standard');
    ui.pick('Login client', 'HEAD', 'Clipboard');
    await vscode.commands.executeCommand(Commands.createClient);
    assert.deepEqual(
      ui.shown.map((s) => s.title),
      [
        'Create API Client in dev',
        'Create API Client in dev',
        'Create API Client in dev',
        'Create API Client in dev',
        'Created login widget in dev. Where should its credentials go?',
      ],
      'no features step (login_client cannot have another feature); the flow name and version',
    );
    assert.deepEqual(
      ui.shown.map((s) => [s.step, s.totalSteps]),
      [
        [1, undefined],
        [2, undefined],
        [3, 5],
        [4, 5],
        [5, 5],
      ],
      'the total, once shown, stays: 5 steps with the flow name and version and the destination',
    );
    assert.deepEqual(
      created().map((c) => c.features),
      [['login_client']],
    );
    assert.equal(requestsFor(emulator, 'add').length, 1);
    assertAllAnswered(ui);
  });

  it('a second create replaces the keys in place after "Replace"; every other line stays byte for byte', async () => {
    await create({ description: 'first', features: ['direct_read_access'], destination: 'env' });
    const [first] = created();
    const written = readEnv()!;
    // The user's own lines around ours, with CRLF, comments, quotes and an export.
    const before = `# local settings\r\nPORT=3000\r\n${written.replace(/\n/g, '\r\n')}export DEBUG='a b'   # keep me\r\n\r\nLAST=1`;
    fs.writeFileSync(envPath(), before);
    fs.chmodSync(envPath(), 0o640);

    ui.onMessage(/already sets/, 'Replace');
    await create({ description: 'second', features: ['direct_read_access'], destination: 'env' });
    const second = created().find((c) => c.description === 'second')!;

    const confirm = ui.messages.find((m) => /already sets/.test(m.text));
    assert.equal(confirm?.modal, true);
    assert.match(
      confirm!.text,
      /^\.env already sets IDENTITY_CLOUD_CLIENT_ID, IDENTITY_CLOUD_CLIENT_SECRET\. Replace the values\?/,
    );
    const expected = before
      .replace(first!.clientId, second.clientId)
      .replace(first!.clientSecret, second.clientSecret);
    assert.equal(readEnv(), expected, 'only the two values changed');
    assert.equal(fs.statSync(envPath()).mode & 0o777, 0o640, 'an existing file keeps its mode');
    assertSecretNotShown(second.clientSecret);
    assertAllAnswered(ui);
  });

  it('declining the replace offers the clipboard; the credentials stay reachable through Copy Last Created Credentials', async () => {
    await create({ description: 'first', features: [], destination: 'env' });
    const before = readEnv()!;

    ui.onMessage(/already sets/, undefined);
    await create({ description: 'second', features: ['direct_read_access'], destination: 'env' });
    const second = created().find((c) => c.description === 'second')!;
    assert.equal(readEnv(), before, '.env left as it was');

    const offer = ui.messages.find((m) => /was left as it was/.test(m.text));
    assert.ok(offer, 'the other destinations are offered');
    assert.deepEqual(offer.actions, ['Copy to Clipboard', 'Choose Another File…']);
    const reminder = await ui.waitForMessage(/were not saved/);
    assert.match(
      reminder.text,
      /^The credentials of second were not saved\./,
      'the reminder names the client by its description',
    );
    assert.match(reminder.text, /Copy Last Created Credentials/);

    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(Commands.copyLastCreatedCredentials);
    assert.deepEqual(envValues(await vscode.env.clipboard.readText()), {
      [ENV_KEYS.clientId]: second.clientId,
      [ENV_KEYS.clientSecret]: second.clientSecret,
      [ENV_KEYS.captureDomain]: emulator.domain,
    });
    assertSecretNotShown(second.clientSecret);
    assertAllAnswered(ui);
  });

  it('a .env open in an editor with unsaved edits keeps those edits and gets the keys, unsaved', async () => {
    await keepUnsavedEdits();
    fs.writeFileSync(envPath(), '# mine\nA=1\n');
    const uri = vscode.Uri.file(envPath());
    // Opened as a user does (not openTextDocument, whose model would outlive the test by minutes and
    // hand later tests stale text for this path).
    await vscode.commands.executeCommand('vscode.open', uri);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    const document = editor.document;
    try {
      await editor.edit((edit) => edit.insert(document.positionAt(document.getText().length), 'B=unsaved\n'));
      assert.equal(document.isDirty, true);

      await create({ description: 'editor', features: ['direct_read_access'], destination: 'env' });
      const [client] = created();
      const text = document.getText();
      assert.ok(
        text.startsWith('# mine\nA=1\nB=unsaved\n'),
        `the unsaved edit is kept: ${JSON.stringify(text)}`,
      );
      assert.deepEqual(envValues(text), {
        A: '1',
        B: 'unsaved',
        [ENV_KEYS.clientId]: client!.clientId,
        [ENV_KEYS.clientSecret]: client!.clientSecret,
        [ENV_KEYS.captureDomain]: emulator.domain,
      });
      assert.equal(document.isDirty, true, "not saved: the unsaved line is the user's to save");
      assert.equal(readEnv(), '# mine\nA=1\n', 'the file on disk is as it was');
      assertAllAnswered(ui);
    } finally {
      const disposed = new Promise<void>((resolve) => {
        const subscription = vscode.workspace.onDidCloseTextDocument((d) => {
          if (d !== document) return;
          subscription.dispose();
          resolve();
        });
      });
      await cleanWorkspace();
      await disposed;
    }
  });

  it('the clipboard destination copies KEY=value lines; the message names the keys, not the secret', async () => {
    await create({ description: 'clip', features: ['direct_read_access'], destination: 'clipboard' });
    const [client] = created();
    assert.deepEqual(envValues(await vscode.env.clipboard.readText()), {
      [ENV_KEYS.clientId]: client!.clientId,
      [ENV_KEYS.clientSecret]: client!.clientSecret,
      [ENV_KEYS.captureDomain]: emulator.domain,
    });
    const copied = await ui.waitForMessage(/^Copied /);
    assert.equal(
      copied.text,
      'Copied IDENTITY_CLOUD_CLIENT_ID, IDENTITY_CLOUD_CLIENT_SECRET, IDENTITY_CLOUD_CAPTURE_DOMAIN to the clipboard.',
    );
    assertSecretNotShown(client!.clientSecret);
    assert.equal(readEnv(), undefined, 'no .env written');
    assertAllAnswered(ui);
  });

  const failures: Array<{
    name: string;
    fault: Fault;
    message: RegExp;
    requestId: boolean;
    timeout?: number;
  }> = [
    {
      name: '402 invalid_client_credentials',
      fault: { op: 'add', kind: 'error', code: 402, error: 'invalid_client_credentials' },
      message: /owner client ID or secret is wrong/,
      requestId: true,
    },
    {
      name: '403 client_permission_error',
      fault: { op: 'add', kind: 'error', code: 403, error: 'client_permission_error' },
      message: /permission denied.*'owner' feature.*allow list/,
      requestId: true,
    },
    {
      name: 'an HTML 502 page',
      fault: { op: 'add', kind: 'html', status: 502 },
      message: /not from Capture \(HTTP 502\)/,
      requestId: false,
    },
    {
      name: 'a timeout',
      fault: { op: 'add', kind: 'stall' },
      message: /did not answer in time.*may have been created anyway/,
      requestId: false,
      timeout: 1,
    },
  ];
  for (const failure of failures) {
    it(`${failure.name}: one error message${failure.requestId ? ' with the request id' : ''}, nothing written`, async () => {
      fs.writeFileSync(envPath(), 'KEEP=1\n');
      if (failure.timeout) await setUserSetting('requestTimeoutSeconds', failure.timeout);
      emulator.injectFault(failure.fault);
      await create({ description: 'doomed', features: ['direct_read_access'], destination: 'env' });

      const shown = errors(ui);
      assert.equal(shown.length, 1, `one error message: ${shown.map((m) => m.text).join(' | ')}`);
      assert.match(shown[0]!.text, failure.message);
      if (failure.requestId) assert.match(shown[0]!.text, /\(request id: [0-9a-f]{16}\)/);
      assert.equal(readEnv(), 'KEEP=1\n', '.env unchanged');
      assert.deepEqual(created(), [], 'no client was created');
      assert.equal(requestsFor(emulator, 'add').length, 1, 'not retried');
      assert.deepEqual(
        ui.messages.filter((m) => m.level !== 'error'),
        [],
        'no other message',
      );
    });
  }

  it('a connection dropped after the add was processed: the message says the client may exist; the add is not retried', async () => {
    emulator.injectFault({ op: 'add', kind: 'resetAfterProcessing' });
    await create({ description: 'maybe', features: ['direct_read_access'], destination: 'env' });
    const shown = errors(ui);
    assert.equal(shown.length, 1);
    assert.match(shown[0]!.text, /The client "maybe" may have been created anyway\. Do not simply try again/);
    assert.ok(shown[0]!.actions.includes('Show Clients'), 'offers to look the client up');
    assert.equal(requestsFor(emulator, 'add').length, 1, 'exactly one add: never retried');
    assert.deepEqual(
      created().map((c) => c.description),
      ['maybe'],
      'the emulator did create it',
    );
    assert.equal(readEnv(), undefined, 'nothing written');
  });

  it('login_client with another feature as arguments is refused before any request', async () => {
    const sent = emulator.requests.length;
    await create({
      description: 'mixed',
      features: ['login_client', 'direct_read_access'],
      destination: 'env',
    });
    const shown = errors(ui);
    assert.equal(shown.length, 1);
    assert.match(shown[0]!.text, /login_client/);
    assert.equal(emulator.requests.length, sent, 'no request at all');
    assert.equal(readEnv(), undefined);
  });

  it('the owner feature asks a modal confirmation; declining sends nothing, granting creates the client', async () => {
    ui.onMessage(/^Grant owner\?/, undefined);
    await create({ description: 'admin', features: ['owner'], destination: 'clipboard' });
    const confirm = ui.messages.find((m) => /^Grant owner\?/.test(m.text));
    assert.equal(confirm?.modal, true);
    assert.match(confirm!.detail ?? '', /complete administrative access/);
    assert.equal(requestsFor(emulator, 'add').length, 0, 'declined: nothing sent');
    assert.deepEqual(errors(ui), [], 'declining is not an error');

    ui.restore();
    ui = new FakeUi().onMessage(/^Grant owner\?/, 'Grant');
    await create({ description: 'admin', features: ['owner'], destination: 'clipboard' });
    assert.deepEqual(
      created().map((c) => [c.description, c.features]),
      [['admin', ['owner']]],
    );
  });
});

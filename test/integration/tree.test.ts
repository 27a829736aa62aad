// The Identity Cloud view (issue 4) as the extension host can observe it. The extension exports no
// API, so the tree's items cannot be read from here; what can be checked is what the view makes
// happen: showing it lists each application's clients at that application's emulator, Refresh and
// every action list again, the palette's client picks show the same listing, and the states
// (credentials missing, 402, network failure) appear as no prompt and no notification: the next
// command reports them once. How the items render is the UI tier's job (test/ui).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Views } from '../../src/ids';
import { startEmulator, type Emulator, type RequestRecord } from '../emulator/emulator';
import { FakeUi } from './helpers/fakeUi';
import {
  addApplication,
  assertAllAnswered,
  errors,
  removeApplications,
  requestsFor,
  setUserSetting,
  userApplications,
} from './helpers/workbench';

/** The next /clients/list the tree makes (Add Application's check filters on has_features; the tree does not). */
async function nextTreeList(emulator: Emulator): Promise<RequestRecord> {
  for (;;) {
    const request = await emulator.nextRequest('list');
    if (request.params.has_features === undefined) return request;
  }
}

const treeLists = (emulator: Emulator) =>
  requestsFor(emulator, 'list').filter((r) => r.params.has_features === undefined);

describe('clients tree', () => {
  let ui: FakeUi;
  let emulators: Emulator[];
  let dev: Emulator;
  let staging: Emulator;

  const start = async (...descriptions: string[]) => {
    const emulator = await startEmulator();
    emulators.push(emulator);
    for (const description of descriptions)
      emulator.addClient({ description, features: ['direct_read_access'] });
    return emulator;
  };

  /** Shows the view and waits until it has listed the clients of each given emulator's application. */
  const showView = async (...listed: Emulator[]) => {
    const lists = listed.map(nextTreeList);
    await vscode.commands.executeCommand(Views.focusClients);
    return Promise.all(lists);
  };

  /** The client pick of a palette command (Copy Client ID), answered with `pickLabel`. */
  const paletteClientPick = async (application: string, pickLabel: string) => {
    const before = ui.shown.length;
    ui.pick(application, pickLabel);
    await vscode.commands.executeCommand(Commands.copyClientId);
    const [appPick, clientPick] = ui.shown.slice(before);
    assert.deepEqual([...appPick!.items].sort(), ['dev', 'staging']);
    return [...clientPick!.items].sort();
  };

  const descriptions = (emulator: Emulator) =>
    emulator
      .clients()
      .map((c) => c.description)
      .sort();

  beforeEach(async () => {
    emulators = [];
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    dev = await start('dev-api', 'dev-batch');
    staging = await start('staging-api', 'staging-web', 'staging-cron');
    const setup = new FakeUi();
    try {
      await addApplication(setup, dev, 'dev');
      await addApplication(setup, staging, 'staging');
    } finally {
      setup.restore();
    }
    ui = new FakeUi();
  });

  afterEach(async () => {
    ui.restore();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    try {
      await FakeUi.during(async (cleanup) => {
        await removeApplications(cleanup);
      });
    } finally {
      await Promise.all(emulators.map((e) => e.close()));
    }
  });

  it("showing the view lists each application's clients at its own Capture domain, asking nothing", async () => {
    const [devList, stagingList] = await showView(dev, staging);
    assert.equal(devList.authClientId, dev.owner.clientId);
    assert.equal(stagingList.authClientId, staging.owner.clientId);
    assert.deepEqual(ui.shown, []);
    assert.deepEqual(ui.messages, []);

    // The palette's client pick shows that listing (no second request) for the chosen application.
    assert.deepEqual(await paletteClientPick('staging', 'staging-web'), descriptions(staging));
    assert.equal(
      await vscode.env.clipboard.readText(),
      staging.clients().find((c) => c.description === 'staging-web')!.clientId,
    );
    assert.deepEqual(await paletteClientPick('dev', 'dev-api'), descriptions(dev));
    assert.equal(treeLists(dev).length, 1);
    assert.equal(treeLists(staging).length, 1);
    assertAllAnswered(ui);
  });

  it('Refresh lists again; refreshing one application lists only that one again', async () => {
    await showView(dev, staging);
    staging.addClient({ description: 'staging-new' });

    await Promise.all([
      nextTreeList(dev),
      nextTreeList(staging),
      vscode.commands.executeCommand(Commands.refresh),
    ]);
    await Promise.all([
      nextTreeList(staging),
      vscode.commands.executeCommand(Commands.refresh, { application: 'staging' }),
    ]);
    assert.equal(treeLists(staging).length, 3);
    assert.deepEqual(await paletteClientPick('staging', 'staging-new'), descriptions(staging));
    assert.equal(treeLists(dev).length, 2, 'dev was not listed again');
    assert.deepEqual(errors(ui), []);
  });

  it('an action refreshes the view: the changed client is listed again', async () => {
    await showView(dev, staging);
    const target = staging.clients().find((c) => c.description === 'staging-cron')!;
    await Promise.all([
      nextTreeList(staging),
      vscode.commands.executeCommand(Commands.editDescription, {
        application: 'staging',
        clientId: target.clientId,
        description: 'staging-cron (nightly)',
      }),
    ]);
    assert.ok((await paletteClientPick('staging', 'nightly')).includes('staging-cron (nightly)'));
    assert.deepEqual(errors(ui), []);
  });

  it('adding an application while the view is open lists its clients', async () => {
    await showView(dev, staging);
    const prod = await start('prod-api');
    const listed = nextTreeList(prod);
    await addApplication(ui, prod, 'prod');
    assert.equal((await listed).authClientId, prod.owner.clientId);
  });

  it('a 402 shows in the view, not as a notification; the next command reports it once, with the request id', async () => {
    dev.injectFault({ op: 'list', kind: 'error', code: 402, error: 'invalid_client_credentials' });
    await showView(dev, staging);
    const client = dev.clients().find((c) => c.description === 'dev-api')!;

    // A command does not trust the view's failed listing (the problem may be fixed by now): it
    // lists again. With the credentials still wrong: one message, from the command.
    dev.injectFault({ op: 'list', kind: 'error', code: 402, error: 'invalid_client_credentials' });
    await vscode.commands.executeCommand(Commands.copyClientId, {
      application: 'dev',
      clientId: client.clientId,
    });
    assert.equal(treeLists(dev).length, 2);
    assert.equal(ui.messages.length, 1, `one message: ${ui.messages.map((m) => m.text).join(' | ')}`);
    assert.match(ui.messages[0]!.text, /owner client ID or secret is wrong.*\(request id: [0-9a-f]{16}\)/);
    assert.ok(ui.messages[0]!.actions.includes('Set Owner Credentials…'));

    // Once the problem is gone, the next command lists again and works.
    await vscode.commands.executeCommand(Commands.copyClientId, {
      application: 'dev',
      clientId: client.clientId,
    });
    assert.equal(await vscode.env.clipboard.readText(), client.clientId);
  });

  it('a network failure shows in the view; Refresh (what its Retry item runs) lists again', async () => {
    dev.injectFault({ op: 'list', kind: 'resetBeforeProcessing' });
    await showView(dev, staging);
    assert.deepEqual(ui.messages, []);
    await Promise.all([
      nextTreeList(dev),
      vscode.commands.executeCommand(Commands.refresh, { application: 'dev' }),
    ]);
    assert.deepEqual(await paletteClientPick('dev', 'dev-batch'), descriptions(dev));
    assert.equal(treeLists(dev).length, 2);
    assert.deepEqual(errors(ui), []);
  });

  it('an application without a stored secret asks nothing from the view; a command asks for it', async () => {
    const synced = await start('synced-api');
    // As settings sync brings it: in settings, with no secret on this machine.
    const app = { name: 'synced', domain: synced.domain, clientId: synced.owner.clientId };
    await setUserSetting('applications', [...userApplications(), app]);
    await showView(dev, staging);
    assert.equal(ui.shown.length, 0, 'the view asked for nothing');
    assert.deepEqual(synced.requests, [], 'and sent nothing without credentials');

    ui.type(synced.owner.clientSecret);
    const client = synced.clients().find((c) => c.description === 'synced-api')!;
    await vscode.commands.executeCommand(Commands.copyClientId, {
      application: 'synced',
      clientId: client.clientId,
    });
    assert.equal(ui.shown[0]?.password, true);
    assert.match(ui.shown[0]?.title ?? '', /^Owner Client Secret for synced/);
    assert.equal(await vscode.env.clipboard.readText(), client.clientId);
    assertAllAnswered(ui);
  });

  it('cancelling the owner secret prompt of a command shows nothing, and the next command asks again', async () => {
    const synced = await start('synced-api');
    const app = { name: 'synced', domain: synced.domain, clientId: synced.owner.clientId };
    await setUserSetting('applications', [...userApplications(), app]);
    const client = synced.clients().find((c) => c.description === 'synced-api')!;
    const arg = { application: 'synced', clientId: client.clientId };

    ui.type({ cancel: true });
    await vscode.commands.executeCommand(Commands.copyClientId, arg);
    assert.deepEqual(ui.messages, [], 'cancelling is not an error');

    ui.type(synced.owner.clientSecret);
    await vscode.commands.executeCommand(Commands.copyClientId, arg);
    assert.equal(ui.shown.filter((s) => s.password).length, 2, 'asked again');
    assert.equal(await vscode.env.clipboard.readText(), client.clientId);
    assertAllAnswered(ui);
  });
});

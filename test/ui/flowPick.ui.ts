// Issue 17's UI flow, clicked through the real workbench with the packaged extension: Add
// Application with its optional Configuration API step (application ID and region), the Flows node with
// a flow's versions, and a login client created by picking its flow and version from lists. The
// emulator serves the Configuration API at its own address (an explicit API host).
import * as assert from 'node:assert/strict';
import {
  UiOpening,
  answerAddApplication,
  clearNotifications,
  createLoginClientFromTree,
  expandTreeRow,
  secondsSince,
  treeRow,
  widenSidebar,
} from './support';

const DESCRIPTION = 'picked login (ui)';
const PINNED = '20240612195314276034';

describe('UI: pick a login client’s flow and version from the application’s lists', function () {
  // Two flows in one workbench start (connect, then create): more than the runner's default allows on a shared machine.
  this.timeout(300_000);
  const opening = new UiOpening();
  after(() => opening.stop());

  it('adds an application with its Configuration API, shows Flows, and creates a login client by picking flow and version', async () => {
    const started = Date.now();
    const { emulator } = await opening.startEmulator({ appId: 'uiflowsapp00000000000000aa' });
    const workbench = await opening.startWorkbench();
    const ready = secondsSince(started);
    const flow = Date.now();

    // The Configuration API is Add Application's optional last step.
    await workbench.runCommand('Identity Cloud: Add Application…');
    await answerAddApplication(workbench, emulator, 'dev', { appId: emulator.appId });
    await workbench.waitForNotification(
      'Saved dev. The owner credentials work. Its Configuration API lists 3 flows.',
    );
    await clearNotifications(workbench);

    await workbench.openViewContainer('Identity Cloud');
    await widenSidebar(workbench);
    await expandTreeRow(workbench, 'Flows');
    await expandTreeRow(workbench, 'standard');
    await treeRow(workbench, 'HEAD').waitFor({ state: 'visible' });
    await treeRow(workbench, PINNED).waitFor({ state: 'visible' });

    await createLoginClientFromTree(workbench, DESCRIPTION, {
      picked: 'signIn',
      version: '20240101120000000001',
    });
    await workbench.waitForNotification(`Created "${DESCRIPTION}" in dev with its settings`);

    // The notification comes once the settings are written: the emulator holds them by now.
    const created = emulator.clients().find((c) => c.description === DESCRIPTION);
    assert.ok(created, 'the emulator holds the login client');
    assert.deepEqual(created.settings, {
      default_flow_name: 'signIn',
      default_flow_version: '20240101120000000001',
    });
    const writes = emulator.requests.filter((r) => r.op === 'settings/set_multi');
    assert.equal(writes.length, 1, 'one set_multi');
    assert.deepEqual(JSON.parse(writes[0]!.params.items!), created.settings, 'carrying exactly the picks');
    assert.ok(
      emulator.requests.filter((r) => r.op.startsWith('config/')).every((r) => r.method === 'GET'),
      'the Configuration API is only read',
    );
    console.log(
      `      timing: workbench ready ${ready}, flow ${secondsSince(flow)}, total ${secondsSince(started)}`,
    );
  });
});

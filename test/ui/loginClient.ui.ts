// Issue 10's UI flow, clicked through the real workbench with the packaged extension: from the
// Identity Cloud side bar, create a login client with its flow (name typed, version HEAD picked),
// then expand the new client's Settings node. The emulator and the tree must agree.
import * as assert from 'node:assert/strict';
import {
  EXAMPLE_CLIENTS,
  UiOpening,
  addApplicationFromPalette,
  createLoginClientFromTree,
  expandTreeRow,
  secondsSince,
  treeRow,
  widenSidebar,
} from './support';

const DESCRIPTION = 'web login (ui)';

describe('UI: create a login client with its flow', function () {
  const opening = new UiOpening();
  after(() => opening.stop());

  it('from the side bar: Create API Client… with login_client, flow name and HEAD, then its Settings node', async () => {
    const started = Date.now();
    const { emulator } = await opening.startEmulator();
    const workbench = await opening.startWorkbench();
    const ready = secondsSince(started);
    const flow = Date.now();

    await addApplicationFromPalette(workbench, emulator);
    await workbench.openViewContainer('Identity Cloud');
    await widenSidebar(workbench);
    await treeRow(workbench, EXAMPLE_CLIENTS[0]!.description).waitFor({ state: 'visible' });

    await createLoginClientFromTree(workbench, DESCRIPTION, { typed: 'standard' });
    await workbench.waitForNotification(`Created "${DESCRIPTION}" in dev with its settings`);

    // The notification comes once the settings are written: the emulator holds them by now.
    const created = emulator.clients().find((c) => c.description === DESCRIPTION);
    assert.ok(created, 'the emulator holds the login client');
    assert.deepEqual(created.features, ['login_client']);
    assert.deepEqual(created.settings, { default_flow_name: 'standard', default_flow_version: 'HEAD' });
    assert.equal(emulator.requests.filter((r) => r.op === 'add').length, 1, 'one /clients/add');
    assert.equal(emulator.requests.filter((r) => r.op === 'settings/set_multi').length, 1, 'one set_multi');

    // The tree shows the new client; its Settings node lists both settings as key = value.
    await expandTreeRow(workbench, DESCRIPTION);
    await expandTreeRow(workbench, 'Settings');
    await treeRow(workbench, 'default_flow_name = standard').waitFor({ state: 'visible' });
    await treeRow(workbench, 'default_flow_version = HEAD').waitFor({ state: 'visible' });
    const settingsOf = emulator.requests.filter((r) => r.op === 'settings/items').at(-1);
    assert.equal(settingsOf?.params.for_client_id, created.clientId, 'the tree asks with for_client_id');
    console.log(
      `      timing: workbench ready ${ready}, flow ${secondsSince(flow)}, total ${secondsSince(started)}`,
    );
  });
});

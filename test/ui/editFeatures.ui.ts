// Issue 4's UI flow: right-click a client in the Clients tree → Edit Features… → tick one feature,
// untick another → OK → the emulator holds the new features, and the tree shows them.
import * as assert from 'node:assert/strict';
import {
  UiOpening,
  addApplicationFromPalette,
  clickContextMenu,
  expandTreeRow,
  isTicked,
  parkPointer,
  readmeScreenshot,
  secondsSince,
  treeRow,
  waitForSelectedCount,
  widenSidebar,
} from './support';
import { waitUntil } from '../waitUntil';

describe('UI: edit a client from the tree', function () {
  const opening = new UiOpening();
  after(() => opening.stop());

  it('right-click → Edit Features… → the emulator has the new features', async () => {
    const started = Date.now();
    const { emulator, seeded } = await opening.startEmulator();
    const target = seeded.find((c) => c.description === 'Nightly analytics export')!;
    assert.deepEqual(target.features, ['direct_read_access']);
    const workbench = await opening.startWorkbench();
    const ready = secondsSince(started);
    const flow = Date.now();

    await addApplicationFromPalette(workbench, emulator);
    await workbench.openViewContainer('Identity Cloud');
    await widenSidebar(workbench);

    await clickContextMenu(workbench, target.description, 'Edit Features…');
    await workbench.waitForQuickInput({ expect: `Edit Features of ${target.description}` });
    await workbench.pickItems('API access, for a server or script', {
      expect: 'What kind of API client is it?',
    });
    // Prefilled with the client's current features.
    await waitForSelectedCount(workbench, 1);
    assert.ok(await isTicked(workbench, 'direct_read_access'), 'the current feature starts ticked');
    await workbench.pickItems(['access_issuer', 'direct_read_access']); // tick one, untick the other
    await waitForSelectedCount(workbench, 1);
    assert.ok(await isTicked(workbench, 'access_issuer'));
    assert.ok(!(await isTicked(workbench, 'direct_read_access')));
    await workbench.clickOk();

    const updated = await waitUntil('the emulator to hold the new features', () => {
      const client = emulator.client(target.clientId);
      return client && client.features.join() === 'access_issuer' ? client : undefined;
    });
    assert.equal(updated.clientSecret, target.clientSecret, 'the secret is unchanged');
    assert.equal(emulator.requests.filter((r) => r.op === 'set_features').length, 1);
    const request = emulator.requests.find((r) => r.op === 'set_features')!;
    assert.equal(request.params.for_client_id, target.clientId, 'for_client_id is sent explicitly');

    // The tree was refreshed: expanding the client shows its new features.
    await expandTreeRow(workbench, target.description);
    await expandTreeRow(workbench, 'Features');
    await treeRow(workbench, 'access_issuer').waitFor({ state: 'visible' });
    assert.equal(await treeRow(workbench, 'direct_read_access').count(), 0);
    await workbench.page.locator('.part.editor').click(); // the tree loses focus: no focus outline in the picture
    await parkPointer(workbench);
    await readmeScreenshot(workbench, 'tree');
    console.log(
      `      timing: workbench ready ${ready}, flow ${secondsSince(flow)}, total ${secondsSince(started)}`,
    );
  });
});

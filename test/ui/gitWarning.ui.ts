// Issue 15's UI flow, clicked through the real workbench with the packaged extension: in a
// workspace that is a git repository with no .gitignore, create a login client (flow name typed,
// HEAD picked) into the workspace .env. Git would commit that .env, so a warning comes up; nobody
// answers it, and the client still gets its flow settings. Then its button, clicked late, works.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitUntil } from '../waitUntil';
import {
  UiOpening,
  addApplicationFromPalette,
  createLoginClientFromTree,
  treeRow,
  widenSidebar,
} from './support';

const DESCRIPTION = 'web login (git)';
const WARNING = '.env holds a client secret and is not ignored by git';

describe('UI: a login client into a .env git would commit, with the git warning left unanswered', function () {
  const opening = new UiOpening();
  let repo: string | undefined;

  after(async () => {
    await opening.stop();
    if (repo) fs.rmSync(repo, { recursive: true, force: true });
  });

  it('gets default_flow_name and default_flow_version while the warning is still unanswered', async () => {
    const { emulator } = await opening.startEmulator();
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'icc-git-ui-'));
    execFileSync('git', ['init', '-q', repo]);
    const workbench = await opening.startWorkbench({ workspace: repo });

    await addApplicationFromPalette(workbench, emulator);
    await workbench.openViewContainer('Identity Cloud');
    await widenSidebar(workbench);
    await treeRow(workbench, 'Website login and registration').waitFor({ state: 'visible' });

    await createLoginClientFromTree(workbench, DESCRIPTION, { typed: 'standard' });

    // The warning is up, and nobody touches it.
    await workbench.waitForNotification(WARNING, { timeout: 30000 });
    const created = await waitUntil('the emulator to hold the login client with its flow', () =>
      emulator.clients().find((c) => c.description === DESCRIPTION && c.settings.default_flow_version),
    );
    assert.deepEqual(created.settings, { default_flow_name: 'standard', default_flow_version: 'HEAD' });
    await workbench.waitForNotification(`Created "${DESCRIPTION}" in dev with its settings`);
    assert.equal(fs.existsSync(path.join(repo, '.gitignore')), false, 'the warning was not answered');

    // Clicked late, from the toast or (when VS Code has tucked it away) from the notification centre.
    const toast = workbench.page.locator('.notifications-toasts .notification-toast', { hasText: WARNING });
    if (!(await toast.isVisible())) {
      await workbench.runCommand('Notifications: Show Notifications');
    }
    const item = workbench.page
      .locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item', {
        hasText: WARNING,
      })
      .first();
    await item.getByRole('button', { name: 'Add to .gitignore' }).click();
    await workbench.waitForFile('.gitignore', (text) => text.split('\n').includes('/.env'));
    const env = fs.readFileSync(path.join(repo, '.env'), 'utf8');
    assert.ok(env.includes(`IDENTITY_CLOUD_CLIENT_ID=${created.clientId}`), '.env holds the new client');
  });
});

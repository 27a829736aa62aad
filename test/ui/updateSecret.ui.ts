// Issue 9's UI flow: a .env whose secret was rotated in Identity Cloud → the squiggle on the old
// secret → the light bulb's "Update the secret from Identity Cloud" → the file holds the current
// secret and the squiggle is gone. Its picture is the README's "Credentials in your workspace".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UiOpening, addApplicationFromPalette, readmeScreenshot, secondsSince } from './support';
import { waitUntil } from '../waitUntil';

describe('UI: fix a rotated secret from the light bulb', function () {
  const opening = new UiOpening();
  after(() => opening.stop());

  it('open .env → squiggle on the old secret → Update the secret → the file is fixed', async () => {
    const started = Date.now();
    const { emulator } = await opening.startEmulator();
    const checkout = emulator.addClient({
      description: 'checkout-service',
      features: ['direct_read_access'],
    });
    const env = (secret: string) =>
      [
        '# checkout-service',
        `IDENTITY_CLOUD_CLIENT_ID=${checkout.clientId}`,
        `IDENTITY_CLOUD_CLIENT_SECRET=${secret}`,
        `IDENTITY_CLOUD_CAPTURE_DOMAIN=${emulator.domain}`,
        '',
      ].join('\n');
    // Someone on the team reset the secret in the Console: this .env still has the old one.
    const rotated = emulator.resetSecret(checkout.clientId);
    const workbench = await opening.startWorkbench({ files: { '.env': env(checkout.clientSecret) } });
    const ready = secondsSince(started);
    const flow = Date.now();

    await addApplicationFromPalette(workbench, emulator);

    const page = workbench.page;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: '.env' }).click();
    const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ state: 'visible', timeout: 30000 });
    // Go to the problem (F8 puts the cursor on it), close its peek, then open the light bulb's menu.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F8');
    await page.locator('.marker-widget').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget').getByText('Update the secret from Identity Cloud');
    await fix.waitFor({ state: 'visible' });
    await readmeScreenshot(workbench, 'quick-fix');
    // The menu has the keyboard: its first entry, the preferred fix, is selected; Enter applies it.
    await page.keyboard.press('Enter');

    const file = path.join(workbench.server.workspace, '.env');
    await waitUntil(
      'the .env holding the current secret',
      () => fs.readFileSync(file, 'utf8') === env(rotated),
    );
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached' });
    assert.equal(emulator.requests.filter((r) => r.op === 'reset_secret').length, 0, 'nothing was reset');
    console.log(
      `      timing: workbench ready ${ready}, flow ${secondsSince(flow)}, total ${secondsSince(started)}`,
    );
  });
});

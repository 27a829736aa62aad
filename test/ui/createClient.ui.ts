// Issue 3's UI flows, clicked through the real workbench with the packaged extension: add the
// emulator's application, create an API client with two features, write it to .env — once from
// the command palette, once from the Identity Cloud side bar. The .env on disk and the
// emulator's state must agree.
import * as assert from 'node:assert/strict';
import {
  EXAMPLE_CLIENTS,
  UiOpening,
  addApplicationFromPalette,
  answerAddApplication,
  answerCreateClient,
  checkEnvAgainstEmulator,
  clearNotifications,
  clickInlineAction,
  parkPointer,
  readmeScreenshot,
  secondsSince,
  treeRow,
  widenSidebar,
} from './support';

const FEATURES = ['access_issuer', 'direct_read_access'];

describe('UI: create an API client into .env', function () {
  // Each flow gets a fresh emulator and code-server.
  const opening = new UiOpening();
  const fresh = async () => {
    const { emulator } = await opening.startEmulator();
    return { emulator, workbench: await opening.startWorkbench() };
  };
  after(() => opening.stop());

  it('from the command palette: Add Application…, then Create API Client… (2 features, .env)', async () => {
    const started = Date.now();
    const { emulator, workbench } = await fresh();
    const ready = secondsSince(started);
    const flow = Date.now();

    await addApplicationFromPalette(workbench, emulator);
    const clientsBefore = emulator.clients().length;
    await workbench.runCommand('Identity Cloud: Create API Client…');
    await answerCreateClient(workbench, {
      description: 'checkout-service (palette)',
      features: FEATURES,
    });
    await checkEnvAgainstEmulator(workbench, emulator, {
      description: 'checkout-service (palette)',
      features: FEATURES,
      clientsBefore,
    });
    console.log(
      `      timing: workbench ready ${ready}, flow ${secondsSince(flow)}, total ${secondsSince(started)}`,
    );
  });

  it('from the side bar: the welcome button, then the inline Create action on the application', async () => {
    const started = Date.now();
    const { emulator, workbench } = await fresh();
    const ready = secondsSince(started);
    const flow = Date.now();

    await workbench.openViewContainer('Identity Cloud');
    await workbench.clickWelcomeButton('Add Application', { view: 'Clients' });
    await answerAddApplication(workbench, emulator, 'dev');
    // The tree lists the emulator's clients under the new application.
    await treeRow(workbench, EXAMPLE_CLIENTS[0]!.description).waitFor({ state: 'visible' });
    const clientsBefore = emulator.clients().length;

    await clearNotifications(workbench);
    await widenSidebar(workbench);
    await clickInlineAction(workbench, 'dev', 'Create API Client…');
    await answerCreateClient(workbench, {
      description: 'checkout-service (staging)',
      features: FEATURES,
      onDescription: async () => {
        await parkPointer(workbench);
        await readmeScreenshot(workbench, 'create-client-prompt');
      },
      onFeaturesTicked: async () => {
        await parkPointer(workbench);
        await readmeScreenshot(workbench, 'create-client-features');
      },
    });
    const clientId = await checkEnvAgainstEmulator(workbench, emulator, {
      description: 'checkout-service (staging)',
      features: FEATURES,
      clientsBefore,
    });
    // The tree shows the new client, by its description, with its id beside it.
    const row = treeRow(workbench, 'checkout-service (staging)');
    await row.waitFor({ state: 'visible' });
    assert.match((await row.getAttribute('aria-label')) ?? '', new RegExp(clientId));
    console.log(
      `      timing: workbench ready ${ready}, flow ${secondsSince(flow)}, total ${secondsSince(started)}`,
    );
  });
});

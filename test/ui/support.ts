// Steps the UI flows share, on top of the harness library (test/harness/ui.ts): the Add
// Application and Create API Client prompts as a user answers them, the Clients tree (rows, inline
// actions, context menu), the .env on disk against the emulator, and the README's screenshots.
// Not a test file itself (runUi.ts loads only *.ui.js).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseEnv } from 'dotenv';
import {
  startEmulator,
  type EmulatedClient,
  type Emulator,
  type EmulatorOptions,
} from '../emulator/emulator';
import * as ui from '../harness/ui';
import { waitUntil } from '../waitUntil';

/** The repository root, found from here (test/ui when type-checked, out/test/ui when run). */
export const REPO_ROOT = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'esbuild.mjs')))
      return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
})();

/** Where `UPDATE_SCREENSHOTS=1` puts the README's screenshots (kept out of the .vsix by .vscodeignore). */
export const README_SHOTS = path.join(REPO_ROOT, 'media', 'screenshots');

const SIDEBAR = '.part.sidebar';
const TREE_ROW = `${SIDEBAR} .monaco-list-row[role="treeitem"]`;
const QUICK_INPUT = '.quick-input-widget';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Example clients, as the emulator CLI seeds them, so the tree looks like a real application. */
export const EXAMPLE_CLIENTS = [
  { description: 'Website login and registration', features: ['login_client'] },
  {
    description: 'Nightly analytics export',
    features: ['direct_read_access'],
    whitelist: ['203.0.113.0/24'],
  },
  { description: 'Customer support console', features: ['direct_access', 'access_issuer'] },
  { description: 'Mobile token service', features: ['access_issuer'] },
];

/**
 * The UI flows' one opening: a fresh emulator holding the example clients, then a fresh workbench.
 * What was opened is stopped when the next opens and by stop() in the suite's `after`, not in
 * afterEach, so that runUi.ts can still screenshot a failed flow's workbench.
 */
export class UiOpening {
  emulator: Emulator | undefined;
  workbench: ui.Workbench | undefined;

  /** Stops what was opened before, then starts an emulator (with `options`) holding the example clients. */
  async startEmulator(
    options: EmulatorOptions = {},
  ): Promise<{ emulator: Emulator; seeded: EmulatedClient[] }> {
    await this.stop();
    const emulator = (this.emulator = await startEmulator(options));
    return { emulator, seeded: EXAMPLE_CLIENTS.map((example) => emulator.addClient(example)) };
  }

  /** A fresh workbench with the packaged extension (and `options.files` in its workspace). */
  async startWorkbench(options: ui.StartOptions = {}): Promise<ui.Workbench> {
    return (this.workbench = await ui.start(options));
  }

  async stop(): Promise<void> {
    await this.workbench?.stop();
    await this.emulator?.close();
    this.workbench = undefined;
    this.emulator = undefined;
  }
}

/** Add Application… from the Command Palette, answered for `emulator` as `name`; its notifications then cleared. */
export async function addApplicationFromPalette(
  workbench: ui.Workbench,
  emulator: Emulator,
  name = 'dev',
): Promise<void> {
  await workbench.runCommand('Identity Cloud: Add Application…');
  await answerAddApplication(workbench, emulator, name);
  await clearNotifications(workbench);
}

/**
 * Answers Add Application's steps (name, Capture domain, owner client id, owner secret in a
 * password box, then the optional Configuration API: skipped, or with `configApi` its application
 * ID and the emulator as the API host) and waits for the verified save. The command must already
 * be running.
 */
export async function answerAddApplication(
  workbench: ui.Workbench,
  emulator: Emulator,
  name: string,
  configApi?: { appId: string },
): Promise<void> {
  await workbench.fillInput(name, { expect: 'A name for this application' });
  await workbench.fillInput(emulator.domain, { expect: 'The Capture domain' });
  await workbench.fillInput(emulator.owner.clientId, { expect: 'The client ID of an API client' });
  const secretBox = await workbench.waitForQuickInput({ expect: 'The owner client secret' });
  assert.equal(
    await secretBox.getAttribute('type'),
    'password',
    'the owner secret is typed into a password box',
  );
  await workbench.fillInput(emulator.owner.clientSecret, { expect: 'The owner client secret' });
  const optional = { expect: 'Connect the Configuration API (optional)?' };
  if (!configApi) {
    await workbench.pickItems('Skip — connect the Configuration API later', optional);
  } else {
    await workbench.pickItems('Enter the Application ID and Region…', optional);
    await workbench.fillInput(configApi.appId, { expect: 'Console → Manage Application' });
    await workbench.pickItems('Another API Host…', { expect: 'Which region is the application in?' });
    await workbench.fillInput(emulator.domain, { expect: 'The Configuration API host' });
  }
  await workbench.waitForNotification(`Saved ${name}. The owner credentials work.`);
}

/** How a login client's flow is answered: the name typed and HEAD picked, or both picked from the application's lists. */
export type LoginFlowAnswer = { typed: string } | { picked: string; version: string };

/**
 * Create API Client… from the application row `dev` of the Clients tree, answered as a login
 * client: the description, the kind, the flow (see {@link LoginFlowAnswer}), then `.env` in the
 * workspace folder as destination.
 */
export async function createLoginClientFromTree(
  workbench: ui.Workbench,
  description: string,
  flow: LoginFlowAnswer,
): Promise<void> {
  await clickInlineAction(workbench, 'dev', 'Create API Client…');
  await workbench.fillInput(description, { expect: 'Describe the client' });
  await workbench.pickItems('Login client, for sign-in and registration', {
    expect: 'What kind of API client is it?',
  });
  await answerLoginFlow(workbench, flow);
  await workbench.pickItems('.env', { expect: 'Where should its credentials go?' });
}

/** Answers the login-flow questions (Create API Client… and Create Login Client… ask the same). */
export async function answerLoginFlow(workbench: ui.Workbench, flow: LoginFlowAnswer): Promise<void> {
  if ('typed' in flow) {
    await workbench.fillInput(flow.typed, { expect: 'The flow this login client uses' });
    await workbench.pickItems('HEAD', { expect: 'production should pin a version' });
  } else {
    await workbench.pickItems(flow.picked, { expect: 'Which flow should the login client use' });
    await workbench.pickItems(flow.version, { expect: `Which version of ${flow.picked}` });
  }
}

/** Waits until the open multi-select quick pick shows "N Selected". */
export async function waitForSelectedCount(workbench: ui.Workbench, count: number): Promise<void> {
  await workbench.page
    .locator(`${QUICK_INPUT} .quick-input-count`, { hasText: new RegExp(`^\\s*${count} Selected\\s*$`) })
    .waitFor({ state: 'visible' });
}

/** Whether the quick pick row labelled `label` is ticked. */
export async function isTicked(workbench: ui.Workbench, label: string): Promise<boolean> {
  return (await workbench.quickPickItem(label).first().getAttribute('aria-checked')) === 'true';
}

export interface CreateAnswers {
  description: string;
  features: string[];
  /** Called with the description typed (not yet accepted) and with the features ticked (before OK). */
  onDescription?: () => Promise<void>;
  onFeaturesTicked?: () => Promise<void>;
}

/**
 * Answers Create API Client's prompts once the command runs with one application: the
 * description, the kind of client (API access), the features (ticked, then OK), then `.env` in
 * the workspace folder as destination.
 */
export async function answerCreateClient(workbench: ui.Workbench, answers: CreateAnswers): Promise<void> {
  await workbench.fillInput(answers.description, { expect: 'Describe the client', submit: false });
  await answers.onDescription?.();
  await workbench.page.keyboard.press('Enter');
  await workbench.pickItems('API access, for a server or script', {
    expect: 'What kind of API client is it?',
  });
  await workbench.pickItems(answers.features, { expect: 'Tick its features' });
  await waitForSelectedCount(workbench, answers.features.length);
  for (const feature of answers.features)
    assert.ok(await isTicked(workbench, feature), `${feature} is ticked`);
  await answers.onFeaturesTicked?.();
  await workbench.clickOk();
  await workbench.pickItems('.env', { expect: 'Where should its credentials go?' });
}

/**
 * Waits for the workspace `.env` with the new credentials, then checks it against the emulator:
 * the client exists there with that secret, description and features, and it is the only client
 * created. Returns the client id.
 */
export async function checkEnvAgainstEmulator(
  workbench: ui.Workbench,
  emulator: Emulator,
  expected: { description: string; features: string[]; clientsBefore: number },
): Promise<string> {
  const text = await workbench.waitForFile('.env', (body) => /^IDENTITY_CLOUD_CLIENT_SECRET=/m.test(body));
  const env = parseEnv(text);
  assert.deepEqual(Object.keys(env).sort(), [
    'IDENTITY_CLOUD_CAPTURE_DOMAIN',
    'IDENTITY_CLOUD_CLIENT_ID',
    'IDENTITY_CLOUD_CLIENT_SECRET',
  ]);
  const created = emulator.client(env.IDENTITY_CLOUD_CLIENT_ID!);
  assert.ok(created, `the emulator has the client ${env.IDENTITY_CLOUD_CLIENT_ID} named in .env`);
  assert.equal(
    env.IDENTITY_CLOUD_CLIENT_SECRET,
    created.clientSecret,
    '.env holds the secret the emulator issued',
  );
  assert.equal(env.IDENTITY_CLOUD_CAPTURE_DOMAIN, emulator.domain);
  assert.equal(created.description, expected.description);
  assert.deepEqual([...created.features].sort(), [...expected.features].sort());
  assert.equal(emulator.clients().length, expected.clientsBefore + 1, 'exactly one client was created');
  assert.equal(emulator.requests.filter((r) => r.op === 'add').length, 1, 'one /clients/add request');
  await workbench.waitForNotification('Created .env with');
  return created.clientId;
}

/** The Clients tree row whose label is exactly `label`. */
export function treeRow(workbench: ui.Workbench, label: string): ui.Locator {
  const exact = new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
  return workbench.page
    .locator(TREE_ROW)
    .filter({ has: workbench.page.locator('.label-name', { hasText: exact }) })
    .first();
}

/**
 * Clicks an inline action (the icons shown on hover) of a tree row, by its title. A refresh of the
 * tree can move the row from under the pointer, so the row is hovered until its action shows.
 */
export async function clickInlineAction(
  workbench: ui.Workbench,
  rowLabel: string,
  action: string,
): Promise<void> {
  const row = treeRow(workbench, rowLabel);
  const button = row.locator(`.actions .action-label[aria-label=${JSON.stringify(action)}]`);
  await row.waitFor({ state: 'visible' });
  await waitUntil(
    `the inline action "${action}" of "${rowLabel}" to show`,
    async () => {
      await row.hover();
      return button.isVisible();
    },
    30_000, // as long as a click of playwright waits for its element
  );
  await button.click();
}

/**
 * Right-clicks a tree row and clicks the context menu entry `item`. A click that lands while the
 * menu is still settling is dropped by the workbench (about one time in two), so the entry is
 * hovered until the menu marks it focused, which shows the menu is taking pointer events; then
 * clicked, and clicked again if the menu is still open.
 */
export async function clickContextMenu(
  workbench: ui.Workbench,
  rowLabel: string,
  item: string,
): Promise<void> {
  const page = workbench.page;
  const row = treeRow(workbench, rowLabel);
  await row.waitFor({ state: 'visible' });
  await row.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  const entry = menu
    .locator('.action-item')
    .filter({ has: page.locator(`.action-label[aria-label=${JSON.stringify(item)}]`) });
  await entry.waitFor({ state: 'visible' }).catch(() => {
    throw new Error(`the context menu of "${rowLabel}" has no "${item}"`);
  });
  for (let attempt = 1; ; attempt++) {
    await entry.hover();
    await menu
      .locator('.action-item.focused')
      .filter({ has: page.locator(`.action-label[aria-label=${JSON.stringify(item)}]`) })
      .waitFor();
    await entry.click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 2000 });
      return;
    } catch (error) {
      if (attempt >= 3)
        throw new Error(`clicking "${item}" did not close the context menu`, { cause: error });
    }
  }
}

/** Expands a collapsed tree row (does nothing when it is expanded already). */
export async function expandTreeRow(workbench: ui.Workbench, label: string): Promise<void> {
  const row = treeRow(workbench, label);
  await row.waitFor({ state: 'visible' });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  // Ask the locator each time, not one element: a refresh of the tree may redraw the row.
  await waitUntil(
    `the row "${label}" to be expanded`,
    async () => (await row.getAttribute('aria-expanded')) === 'true',
  );
}

/** Drags the side bar's edge so tree labels and descriptions fit (for screenshots). */
export async function widenSidebar(workbench: ui.Workbench, width = 520): Promise<void> {
  const box = await workbench.page.locator(SIDEBAR).boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await workbench.page.mouse.move(box.x + box.width, y);
  await workbench.page.mouse.down();
  await workbench.page.mouse.move(box.x + width, y, { steps: 5 });
  await workbench.page.mouse.up();
  await workbench.page.waitForFunction(
    ({ selector, min }: { selector: string; min: number }) =>
      (document.querySelector(selector)?.getBoundingClientRect().width ?? 0) >= min,
    { selector: SIDEBAR, min: width - 10 },
  );
}

/** Clears notification toasts (so they do not cover a screenshot). */
export async function clearNotifications(workbench: ui.Workbench): Promise<void> {
  await workbench.runCommand('Notifications: Clear All Notifications');
  await workbench.page
    .locator('.notifications-toasts .notification-toast')
    .first()
    .waitFor({ state: 'hidden' });
}

/** Moves the pointer off any control and waits for hover tooltips to go. */
export async function parkPointer(workbench: ui.Workbench): Promise<void> {
  await workbench.page.mouse.move(900, 600);
  await workbench.page
    .locator('.workbench-hover-container .workbench-hover, .monaco-hover:not(.hidden)')
    .first()
    .waitFor({ state: 'hidden' });
}

/** The part of the window the README's screenshots show: the side bar and the quick input. */
const README_CLIP = { x: 0, y: 0, width: 960, height: 340 };

/**
 * A screenshot for the README (the top left of the window): always test-results/ui/readme-<name>.png;
 * with UPDATE_SCREENSHOTS=1 also media/screenshots/<name>.png, the file the README shows.
 */
export async function readmeScreenshot(workbench: ui.Workbench, name: string): Promise<string> {
  const file = path.join(REPO_ROOT, 'test-results', 'ui', `readme-${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await workbench.page.screenshot({ path: file, clip: README_CLIP });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    fs.mkdirSync(README_SHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(README_SHOTS, `${name}.png`));
  }
  return file;
}

/** Seconds since `started`, for the timing lines the flows print. */
export function secondsSince(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}

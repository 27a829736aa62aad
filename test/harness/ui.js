'use strict';
// The library for UI tests: drives the real VS Code workbench (code-server in headless Chromium,
// through playwright-core) with the extension installed from its packaged .vsix, as a user gets it.
//
// UI tests live in test/ui/<name>.ui.ts, are compiled to out/test/ui/<name>.ui.js and run by
// runUi.js (mocha in plain Node), which also makes `../harness/ui` resolve from out/test/ui to
// this file. Types are in ui.d.ts beside it.
//
//   import * as assert from 'node:assert/strict';
//   import * as ui from '../harness/ui';
//
//   describe('writing credentials', function () {
//     let workbench: ui.Workbench;
//     before(async () => (workbench = await ui.start({ files: { '.env': 'KEEP=1\n' } })));
//     after(() => workbench?.stop());
//
//     it('writes the picked services into .env', async () => {
//       await workbench.runCommand('Identity Cloud: Set Owner Credentials…');
//       await workbench.fillInput('client-id', { expect: 'Client ID' });
//       await workbench.pickItems(['beta', 'gamma'], { expect: 'Pick services' });
//       await workbench.clickOk();
//       const text = await workbench.waitForFile('.env', (body) => body.includes('SERVICES='));
//       assert.match(text, /^KEEP=1$/m);
//     });
//   });
//
// Each start() is a fresh code-server (own temp dirs, workspace, browser profile); stop() removes
// it all. runUi.js stops whatever a test file forgot and screenshots the open workbenches when a
// test fails. No fixed sleeps: every helper waits for what it needs, up to a timeout.

const fs = require('node:fs');
const path = require('node:path');
const {
  DEFAULT_HOST,
  HarnessError,
  REPO_ROOT,
  RESULTS_DIR,
  findHost,
  launchChromium,
  slug,
  startCodeServer,
} = require('./codeServer');

const defaults = {
  host: DEFAULT_HOST,
  vsix: path.join(REPO_ROOT, 'dist', 'identity-cloud-clients.vsix'),
  keep: false,
  screenshotDir: path.join(RESULTS_DIR, 'ui'),
};

/** Sets what start() uses when not told otherwise (runUi.js passes its --host and --vsix here). */
function configure(options) {
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) defaults[key] = value;
  }
}

const open = new Set();

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const WORKBENCH_READY = '.monaco-workbench .part.statusbar';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Workbench {
  constructor(server) {
    /** The code-server (see codeServer.js): port, origin, workspace, logTail(), ... */
    this.server = server;
    /** playwright-core's Browser, BrowserContext and Page, for anything the helpers do not cover. */
    this.browser = undefined;
    this.context = undefined;
    this.page = undefined;
    /** Absolute path of the folder open in the workbench. */
    this.workspace = server.workspace;
    /** { version, vscodeVersion, dir, bin } of the code-server host. */
    this.host = server.host;
    this.shots = 0;
  }

  /** Launches the browser, loads the workbench with the workspace open, waits until it is drawn. */
  async launch(viewport = { width: 1280, height: 800 }, timeout = 60000) {
    this.browser = await launchChromium(this.server);
    this.context = await this.browser.newContext({ viewport });
    this.page = await this.context.newPage();
    await this.page.goto(this.server.folderUrl());
    await this.page.waitForSelector(WORKBENCH_READY, { timeout });
  }

  /** Reloads the page (state in the browser profile, such as SecretStorage, survives). */
  async reload(timeout = 60000) {
    await this.page.reload();
    await this.page.waitForSelector(WORKBENCH_READY, { timeout });
  }

  /** Restarts code-server on the same port and dirs, then reloads the page. */
  async restartServer() {
    await this.server.restart();
    await this.reload();
  }

  /**
   * Runs a command from the command palette by its title as shown there ("Category: Title").
   * The palette does not refresh while open, and an extension's commands only appear once the
   * workbench knows the remote extension host's extensions, so a palette without the command is
   * closed and opened again until it shows up.
   */
  async runCommand(title, { timeout = 30000 } = {}) {
    const deadline = Date.now() + timeout;
    const input = this.page.locator(QUICK_INPUT_BOX);
    const row = this.page.locator(QUICK_INPUT_ROW, { hasText: title }).first();
    for (;;) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ state: 'visible', timeout: 2000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw new Error(`command "${title}" is not in the command palette`);
        await delay(250);
      }
    }
  }

  /**
   * Waits for the quick input (an input box or a quick pick) to be open; with `expect`, for one
   * whose title, prompt, message, item or placeholder contains that text. Returns its input element.
   */
  async waitForQuickInput({ expect, timeout = 15000 } = {}) {
    await this.page.waitForFunction(
      ({ selector, text }) => {
        const widget = document.querySelector(selector);
        if (!widget || widget.offsetParent === null || getComputedStyle(widget).display === 'none')
          return false;
        const input = widget.querySelector('.quick-input-box input');
        // The command palette that started the command may still be closing.
        if (input && input.value.startsWith('>')) return false;
        if (!text) return true;
        return widget.innerText.includes(text) || (input && (input.placeholder || '').includes(text));
      },
      { selector: QUICK_INPUT, text: expect },
      { timeout },
    );
    return this.page.locator(QUICK_INPUT_BOX);
  }

  /** Types `value` into the open input box (or quick pick filter) and, by default, presses Enter. */
  async fillInput(value, { expect, submit = true, timeout } = {}) {
    const input = await this.waitForQuickInput({ expect, timeout });
    await input.fill(value);
    if (submit) await this.page.keyboard.press('Enter');
  }

  /** The quick pick row whose label is exactly `label` (its description and detail aside). */
  quickPickItem(label) {
    const exact = new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
    return this.page
      .locator(QUICK_INPUT_ROW)
      .filter({ has: this.page.locator('.label-name', { hasText: exact }) });
  }

  /**
   * Clicks quick pick rows by label: in a single-pick list that picks the item, in a canPickMany
   * list it ticks each one (then clickOk()).
   */
  async pickItems(labels, { expect, timeout = 15000 } = {}) {
    await this.waitForQuickInput({ expect, timeout });
    for (const label of Array.isArray(labels) ? labels : [labels]) {
      const row = this.quickPickItem(label).first();
      await row.waitFor({ state: 'visible', timeout }).catch(() => {
        throw new Error(`no quick pick item labelled "${label}"`);
      });
      await row.click();
    }
  }

  /** Clicks the OK button of the open quick input (a canPickMany quick pick). */
  async clickOk() {
    await this.page.locator(`${QUICK_INPUT} .quick-input-action .monaco-button`, { hasText: 'OK' }).click();
  }

  /** Opens a view container (activity bar entry) by its title, e.g. 'Identity Cloud'. */
  async openViewContainer(title) {
    await this.page
      .locator(`.part.activitybar .action-item .action-label[aria-label^=${JSON.stringify(title)}]`)
      .first()
      .click();
  }

  /**
   * Clicks a button of a view's welcome content (`viewsWelcome` links on their own line). With
   * `view`, only in the view whose header has that title.
   */
  async clickWelcomeButton(label, { view, timeout = 15000 } = {}) {
    const scope = view
      ? this.page.locator('.pane').filter({ has: this.page.locator('.pane-header', { hasText: view }) })
      : this.page.locator('.part.sidebar, .part.auxiliarybar, .part.panel');
    const button = scope.locator('.welcome-view-content .monaco-button', { hasText: label }).first();
    await button.waitFor({ state: 'visible', timeout });
    await button.click();
  }

  /** Waits for a notification toast containing `text`; returns its text. */
  async waitForNotification(text, { timeout = 15000 } = {}) {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout });
    return toast.innerText();
  }

  /**
   * Waits until the workspace file exists and `accept(text)` (default: not empty) is true;
   * returns its text.
   */
  async waitForFile(relativePath, accept = (text) => text.length > 0, { timeout = 15000 } = {}) {
    const file = path.resolve(this.workspace, relativePath);
    const deadline = Date.now() + timeout;
    for (;;) {
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      if (text !== undefined && accept(text)) return text;
      if (Date.now() > deadline) {
        throw new Error(
          text === undefined ? `${relativePath} was not written` : `${relativePath} is:\n${text}`,
        );
      }
      await delay(100);
    }
  }

  /** Saves a screenshot to test-results/ui/<host>-<n>-<name>.png and returns its path. */
  async screenshot(name) {
    fs.mkdirSync(defaults.screenshotDir, { recursive: true });
    this.shots += 1;
    const file = path.join(
      defaults.screenshotDir,
      `${this.host.version}-${String(this.shots).padStart(2, '0')}-${slug(name)}.png`,
    );
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Closes the browser and stops the server; its temp dirs are removed (unless keep). */
  async stop() {
    if (!open.delete(this)) return;
    if (this.browser) await this.browser.close().catch(() => {});
    await this.server.stop();
  }
}

/**
 * Starts code-server with the extension installed from a .vsix and opens the workbench.
 * @param {object} [options]
 * @param {string} [options.host]       code-server version (default: configure()d, else 4.100.3)
 * @param {string} [options.vsix]       the package (default: configure()d, else dist/identity-cloud-clients.vsix)
 * @param {string} [options.workspace]  folder to open (default: a fresh temp dir)
 * @param {Record<string,string>} [options.files]  files to create in the workspace first
 * @param {object} [options.settings]   user settings
 * @param {object} [options.env]        extra environment for the server and its extension host
 * @param {{width:number,height:number}} [options.viewport]
 * @returns {Promise<Workbench>}
 */
async function start(options = {}) {
  const host = findHost(options.host || defaults.host);
  const vsix = path.resolve(options.vsix || defaults.vsix);
  if (!fs.existsSync(vsix))
    throw new HarnessError(`${vsix} not found; package the extension first: npm run package`);
  const server = await startCodeServer({
    host,
    vsix: [vsix],
    workspace: options.workspace,
    settings: options.settings,
    env: options.env,
    keep: defaults.keep,
    label: 'ui',
  });
  for (const [name, text] of Object.entries(options.files || {})) {
    const file = path.join(server.workspace, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  const workbench = new Workbench(server);
  open.add(workbench);
  try {
    await workbench.launch(options.viewport);
    return workbench;
  } catch (error) {
    if (workbench.page) await workbench.screenshot('start-failed').catch(() => {});
    await workbench.stop();
    throw error;
  }
}

/** Screenshots every open workbench (runUi.js does this when a test fails); returns the files. */
async function screenshotAll(name) {
  const files = [];
  for (const workbench of open) {
    files.push(await workbench.screenshot(name).catch(() => undefined));
  }
  return files.filter(Boolean);
}

/** Stops every workbench still open. */
async function stopAll() {
  for (const workbench of [...open]) await workbench.stop();
}

module.exports = { configure, start, screenshotAll, stopAll, Workbench };

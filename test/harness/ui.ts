// The library for UI tests: drives the real VS Code workbench (code-server in headless Chromium,
// through playwright-core) with the extension installed from its packaged .vsix, as a user gets it.
//
// UI tests live in test/ui/<name>.ui.ts, are compiled to out/test/ui/<name>.ui.js with this
// library beside them in out/test/harness/ui.js, and run by runUi.ts (mocha in plain Node).
//
//   import * as assert from 'node:assert/strict';
//   import * as ui from '../harness/ui';
//
//   describe('Add Application', function () {
//     let workbench: ui.Workbench | undefined;
//     before(async () => (workbench = await ui.start({ files: { '.env': 'KEEP=1\n' } })));
//     after(() => workbench?.stop());
//
//     it('asks for the application name first', async () => {
//       await workbench!.runCommand('Identity Cloud: Add Application…');
//       await workbench!.fillInput('dev', { expect: 'A name for this application' });
//       const domain = await workbench!.waitForQuickInput({ expect: 'The Capture domain' });
//       assert.equal(await domain.inputValue(), '');
//     });
//   });
//
// Each start() is a fresh code-server (own temp dirs, workspace, browser profile); stop() removes
// it all. runUi.ts stops whatever a test file forgot and screenshots the open workbenches when a
// test fails. No fixed sleeps: every helper waits for what it needs, up to a timeout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { waitUntil } from '../waitUntil';
import {
  DEFAULT_HOST,
  HarnessError,
  REPO_ROOT,
  RESULTS_DIR,
  delay,
  findHost,
  launchChromium,
  slug,
  startCodeServer,
  type CodeServer,
  type Host,
} from './codeServer';

export type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

interface Defaults {
  host: string;
  vsix: string;
  keep: boolean;
  screenshotDir: string;
}

const defaults: Defaults = {
  host: DEFAULT_HOST,
  vsix: path.join(REPO_ROOT, 'dist', 'identity-cloud-clients.vsix'),
  keep: false,
  screenshotDir: path.join(RESULTS_DIR, 'ui'),
};

/** Sets what start() uses when not told otherwise (runUi.ts passes its --host and --vsix here). */
export function configure(options: Partial<Defaults>): void {
  for (const [key, value] of Object.entries(options) as [keyof Defaults, never][]) {
    if (value !== undefined) defaults[key] = value;
  }
}

const open = new Set<Workbench>();

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const WORKBENCH_READY = '.monaco-workbench .part.statusbar';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface QuickInputOptions {
  /** Text the quick input must show: its title, prompt, an item, or the placeholder. */
  expect?: string;
  /** Milliseconds (default 15000). */
  timeout?: number;
}

export class Workbench {
  /** playwright-core's objects, for anything the helpers do not cover (set by start()). */
  browser!: Browser;
  context!: BrowserContext;
  page!: Page;
  /** Absolute path of the folder open in the workbench. */
  readonly workspace: string;
  readonly host: Host;
  private shots = 0;

  /** The code-server (port, origin, workspace, logTail(), ...). */
  constructor(readonly server: CodeServer) {
    this.workspace = server.workspace;
    this.host = server.host;
  }

  /** Launches the browser, loads the workbench with the workspace open, waits until it is drawn. */
  async launch(viewport = { width: 1280, height: 800 }, timeout = 60000): Promise<void> {
    this.browser = await launchChromium(this.server);
    this.context = await this.browser.newContext({ viewport });
    this.page = await this.context.newPage();
    await this.page.goto(this.server.folderUrl(), { timeout });
    await this.page.waitForSelector(WORKBENCH_READY, { timeout });
  }

  /** Reloads the page; state kept by the browser profile (SecretStorage) survives. */
  async reload(timeout = 60000): Promise<void> {
    await this.page.reload();
    await this.page.waitForSelector(WORKBENCH_READY, { timeout });
  }

  /** Restarts code-server on the same port and dirs, then reloads the page. */
  async restartServer(): Promise<void> {
    await this.server.restart();
    await this.reload();
  }

  /**
   * Runs a command from the command palette by its title as shown there ('Identity Cloud: …').
   * The palette does not refresh while open, and an extension's commands only appear once the
   * workbench knows the remote extension host's extensions, so a palette without the command is
   * closed and opened again until it shows up.
   */
  async runCommand(title: string, { timeout = 30000 }: { timeout?: number } = {}): Promise<void> {
    const deadline = Date.now() + timeout;
    const input = this.page.locator(QUICK_INPUT_BOX);
    const row = this.page.locator(QUICK_INPUT_ROW, { hasText: title }).first();
    for (;;) {
      await this.page.keyboard.press('F1');
      try {
        // The palette can close again as soon as it opens (in 1.139 it goes inert, then hidden),
        // when something in the window takes focus: then it is opened again, as a user would.
        await input.waitFor({ state: 'visible', timeout: 5000 });
        await input.fill(`>${title}`, { timeout: 5000 });
        await row.waitFor({ state: 'visible', timeout: 2000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline)
          throw new Error(`command "${title}" could not be run from the command palette`, { cause: error });
        await delay(250);
      }
    }
  }

  /**
   * Waits for the quick input (an input box or a quick pick) to be open; with `expect`, for one
   * whose title, prompt, message, item or placeholder contains that text. Returns its input element.
   */
  async waitForQuickInput({ expect, timeout = 15000 }: QuickInputOptions = {}): Promise<Locator> {
    await this.page.waitForFunction(
      ({ selector, text }) => {
        const widget = document.querySelector<HTMLElement>(selector);
        if (!widget || widget.offsetParent === null || getComputedStyle(widget).display === 'none')
          return false;
        const input = widget.querySelector<HTMLInputElement>('.quick-input-box input');
        // The command palette that started the command may still be closing.
        if (input && input.value.startsWith('>')) return false;
        if (!text) return true;
        return widget.innerText.includes(text) || (input?.placeholder ?? '').includes(text);
      },
      { selector: QUICK_INPUT, text: expect },
      { timeout },
    );
    return this.page.locator(QUICK_INPUT_BOX);
  }

  /** Types `value` into the open input box (or quick pick filter) and, unless `submit: false`, presses Enter. */
  async fillInput(
    value: string,
    { submit = true, ...wait }: QuickInputOptions & { submit?: boolean } = {},
  ): Promise<void> {
    const input = await this.waitForQuickInput(wait);
    await input.fill(value);
    if (!submit) return;
    await this.page.keyboard.press('Enter');
    if (!wait.expect || value === '') return;
    // An input box shown right after a quick pick can get the pick's reset after it was filled (seen
    // once under load: the box stayed, empty, and the next step never came). If the same box is
    // still there and empty, what was typed never reached the extension: type it again, once.
    const state = await this.page.waitForFunction(
      ({ selector, text }) => {
        const widget = document.querySelector<HTMLElement>(selector);
        if (!widget || widget.offsetParent === null || getComputedStyle(widget).display === 'none')
          return 'moved on';
        const box = widget.querySelector<HTMLInputElement>('.quick-input-box input');
        if (!widget.innerText.includes(text) && !(box?.placeholder ?? '').includes(text)) return 'moved on';
        return box?.value === '' ? 'lost' : false;
      },
      { selector: QUICK_INPUT, text: wait.expect },
      { timeout: wait.timeout ?? 15000 },
    );
    if ((await state.jsonValue()) === 'lost') {
      await input.fill(value);
      await this.page.keyboard.press('Enter');
    }
  }

  /** The quick pick row whose label is exactly `label` (its description and detail aside). */
  quickPickItem(label: string): Locator {
    const exact = new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
    return this.page
      .locator(QUICK_INPUT_ROW)
      .filter({ has: this.page.locator('.label-name', { hasText: exact }) });
  }

  /**
   * Clicks quick pick rows by label: in a single-pick list that picks the item, in a canPickMany
   * list it ticks each one (then clickOk()).
   */
  async pickItems(
    labels: string | string[],
    { expect, timeout = 15000 }: QuickInputOptions = {},
  ): Promise<void> {
    await this.waitForQuickInput({ expect, timeout });
    for (const label of Array.isArray(labels) ? labels : [labels]) {
      const row = this.quickPickItem(label).first();
      await row.waitFor({ state: 'visible', timeout }).catch(() => {
        throw new Error(`no quick pick item labelled "${label}"`);
      });
      await row.click();
    }
  }

  /** Clicks OK in the open quick input (after ticking items of a canPickMany quick pick). */
  async clickOk(): Promise<void> {
    await this.page.locator(`${QUICK_INPUT} .quick-input-action .monaco-button`, { hasText: 'OK' }).click();
  }

  /** Opens a view container by its activity bar title, e.g. 'Identity Cloud'. */
  async openViewContainer(title: string): Promise<void> {
    await this.page
      .locator(`.part.activitybar .action-item .action-label[aria-label^=${JSON.stringify(title)}]`)
      .first()
      .click();
  }

  /**
   * Clicks a button of a view's welcome content (`viewsWelcome` links on their own line). With
   * `view`, only in the view whose header has that title.
   */
  async clickWelcomeButton(
    label: string,
    { view, timeout = 15000 }: { view?: string; timeout?: number } = {},
  ): Promise<void> {
    const scope = view
      ? this.page.locator('.pane').filter({ has: this.page.locator('.pane-header', { hasText: view }) })
      : this.page.locator('.part.sidebar, .part.auxiliarybar, .part.panel');
    const button = scope.locator('.welcome-view-content .monaco-button', { hasText: label }).first();
    await button.waitFor({ state: 'visible', timeout });
    await button.click();
  }

  /**
   * Waits for a modal dialog whose text contains `text`, clicks its button labelled `button` and
   * waits for the dialog to close; returns the dialog's text as it was shown.
   */
  async answerDialog(
    text: string,
    button: string,
    { timeout = 15000 }: { timeout?: number } = {},
  ): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box', { hasText: text }).first();
    await dialog.waitFor({ state: 'visible', timeout });
    const shown = await dialog.innerText();
    const exact = new RegExp(`^\\s*${escapeRegExp(button)}\\s*$`);
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: exact }).click();
    await dialog.waitFor({ state: 'hidden', timeout });
    return shown;
  }

  /** Waits for a notification toast containing `text`; returns its text. */
  async waitForNotification(text: string, { timeout = 15000 }: { timeout?: number } = {}): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout });
    return toast.innerText();
  }

  /** Waits until the workspace file exists and `accept(text)` holds (default: not empty); returns its text. */
  async waitForFile(
    relativePath: string,
    accept: (text: string) => boolean = (text) => text.length > 0,
    { timeout = 15000 }: { timeout?: number } = {},
  ): Promise<string> {
    const file = path.resolve(this.workspace, relativePath);
    const read = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
    try {
      const found = await waitUntil(
        `${relativePath} as expected`,
        () => {
          const text = read();
          return text !== undefined && accept(text) ? { text } : undefined;
        },
        timeout,
      );
      return found.text;
    } catch (error) {
      const text = read();
      throw new Error(
        text === undefined ? `${relativePath} was not written` : `${relativePath} is:\n${text}`,
        {
          cause: error,
        },
      );
    }
  }

  /** Saves test-results/ui/<host>-<n>-<name>.png; returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(defaults.screenshotDir, { recursive: true });
    this.shots += 1;
    const file = path.join(
      defaults.screenshotDir,
      `${this.host.version}-${String(this.shots).padStart(2, '0')}-${slug(name)}.png`,
    );
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Closes the browser, stops code-server and removes its temp dirs (unless keep). */
  async stop(): Promise<void> {
    if (!open.delete(this)) return;
    await this.browser?.close().catch(() => {});
    await this.server.stop();
  }
}

export interface StartOptions {
  /** code-server version (default: runUi.ts's --host, else the oldest host). */
  host?: string;
  /** The extension package (default: runUi.ts's --vsix, else dist/identity-cloud-clients.vsix). */
  vsix?: string;
  /** Folder to open (default: a fresh temp dir, removed by stop()). */
  workspace?: string;
  /** Files to create in the workspace before the workbench opens, by relative path. */
  files?: Record<string, string>;
  /** User settings, over the harness's quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and its extension host. */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
}

/** Starts code-server with the extension installed from the .vsix and opens the workbench. */
export async function start(options: StartOptions = {}): Promise<Workbench> {
  const host = findHost(options.host || defaults.host);
  const vsix = path.resolve(options.vsix || defaults.vsix);
  if (!fs.existsSync(vsix))
    throw new HarnessError(`${vsix} not found; package the extension first: npm run package`);
  const server = await startCodeServer(host, {
    vsix: [vsix],
    workspace: options.workspace,
    settings: options.settings,
    env: options.env,
    keep: defaults.keep,
    label: 'ui',
  });
  for (const [name, text] of Object.entries(options.files ?? {})) {
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

/** Screenshots every open workbench (runUi.ts does this when a test fails); returns the files. */
export async function screenshotAll(name: string): Promise<string[]> {
  const files: string[] = [];
  for (const workbench of open) {
    const file = await workbench.screenshot(name).catch(() => undefined);
    if (file) files.push(file);
  }
  return files;
}

/** Stops every workbench still open. */
export async function stopAll(): Promise<void> {
  for (const workbench of [...open]) await workbench.stop();
}

// Types of ui.js, for UI tests written in TypeScript (`import * as ui from '../harness/ui'`).
// playwright-core is installed with each host, not in this project, so its objects are typed
// loosely here: `page` is playwright-core's Page (https://playwright.dev/docs/api/class-page).

/* eslint-disable @typescript-eslint/no-explicit-any -- playwright-core's types are not installed here */
export type Page = any;
export type Browser = any;
export type BrowserContext = any;

export interface Host {
  /** code-server version, e.g. '4.100.3'. */
  version: string;
  /** The VS Code version it is built on, e.g. '1.100.3'. */
  vscodeVersion: string;
  dir: string;
  bin: string;
}

export interface CodeServer {
  host: Host;
  port: number;
  /** 'http://127.0.0.1:PORT' */
  origin: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** The end of code-server's log. */
  logTail(chars?: number): string;
}

export interface StartOptions {
  /** code-server version (default: runUi.js's --host, else 4.100.3). */
  host?: string;
  /** The extension package (default: runUi.js's --vsix, else dist/identity-cloud-clients.vsix). */
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

export interface QuickInputOptions {
  /** Text the quick input must show: its title, prompt, an item, or the placeholder. */
  expect?: string;
  /** Milliseconds (default 15000). */
  timeout?: number;
}

export declare class Workbench {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Absolute path of the folder open in the workbench. */
  readonly workspace: string;
  readonly host: Host;

  /** Reloads the page; state kept by the browser profile (SecretStorage) survives. */
  reload(timeout?: number): Promise<void>;
  /** Restarts code-server on the same port and dirs, then reloads the page. */
  restartServer(): Promise<void>;
  /** Runs a command from the command palette by the title shown there ('Identity Cloud: …'). */
  runCommand(title: string, options?: { timeout?: number }): Promise<void>;
  /** Waits for an input box or quick pick to be open; returns its input element (a Locator). */
  waitForQuickInput(options?: QuickInputOptions): Promise<any>;
  /** Types into the open input box (or quick pick filter) and presses Enter unless `submit: false`. */
  fillInput(value: string, options?: QuickInputOptions & { submit?: boolean }): Promise<void>;
  /** The quick pick row (a Locator) whose label is exactly `label`. */
  quickPickItem(label: string): any;
  /** Clicks quick pick rows by label: picks the item, or ticks each one in a canPickMany list. */
  pickItems(labels: string | string[], options?: QuickInputOptions): Promise<void>;
  /** Clicks OK in the open quick input (after ticking items of a canPickMany quick pick). */
  clickOk(): Promise<void>;
  /** Opens a view container by its activity bar title, e.g. 'Identity Cloud'. */
  openViewContainer(title: string): Promise<void>;
  /** Clicks a `viewsWelcome` button by its label, optionally only in the view with that name. */
  clickWelcomeButton(label: string, options?: { view?: string; timeout?: number }): Promise<void>;
  /** Waits for a notification toast containing `text`; returns its text. */
  waitForNotification(text: string, options?: { timeout?: number }): Promise<string>;
  /** Waits until the workspace file exists and `accept(text)` holds (default: not empty); returns its text. */
  waitForFile(
    relativePath: string,
    accept?: (text: string) => boolean,
    options?: { timeout?: number },
  ): Promise<string>;
  /** Saves test-results/ui/<host>-<n>-<name>.png; returns its path. */
  screenshot(name: string): Promise<string>;
  /** Closes the browser, stops code-server and removes its temp dirs. */
  stop(): Promise<void>;
}

/** Starts code-server with the extension installed from the .vsix and opens the workbench. */
export declare function start(options?: StartOptions): Promise<Workbench>;
/** Sets the defaults of start() (runUi.js does this from its arguments). */
export declare function configure(options: {
  host?: string;
  vsix?: string;
  keep?: boolean;
  screenshotDir?: string;
}): void;
/** Screenshots every open workbench; returns the files. */
export declare function screenshotAll(name: string): Promise<string[]>;
/** Stops every workbench still open. */
export declare function stopAll(): Promise<void>;

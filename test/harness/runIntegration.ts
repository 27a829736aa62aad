// Runs the integration tests inside the Node extension host of a real VS Code (code-server), the
// way @vscode/test-electron does for desktop VS Code: the extension is loaded from its folder
// (extensionDevelopmentPath) and the extension host requires the tests module
// (extensionTestsPath, which exports run(): Promise) and reports whether it settled.
//
//   node out/test/harness/runIntegration.js [--host 4.100.3] [--extensionDevelopmentPath DIR]
//        [--extensionTestsPath FILE] [--grep PATTERN] [--workspace DIR] [--timeout SECONDS]
//        [--json FILE] [--verbose] [--keep]
//
//   --host                      code-server version installed by installHosts.sh (default: the oldest in hosts.json)
//   --extensionDevelopmentPath  the extension's folder (default: this repository)
//   --extensionTestsPath        the tests module (default: out/test/integration/index.js)
//   --grep                      run only the tests whose full title matches PATTERN (a regular expression)
//   --workspace                 the folder VS Code opens (default: a fresh temp dir)
//   --timeout                   give up after this many seconds (default 600: the whole suite takes
//                               1–2 minutes alone, several times that on a machine shared by many builds)
//   --json                      also write {passed, failed, pending, seconds, ...} to FILE
//   --verbose                   print the workbench log (all extension host console output) live
//   --keep                      keep the run's temp dir, with the code-server log
//
// The environment is passed on to code-server and so to the extension host (process.env in the
// tests), plus HARNESS_TEST_LOG and HARNESS_TEST_RESULTS: files into which the tests module
// (test/integration/index.ts) writes mocha's report and {passes, failures, pending}, and
// INTEGRATION_GREP (--grep) and HARNESS_USER_DATA_DIR, code-server's user-data dir (tests read the user settings.json and state
// files there). This script prints the report and ends with
// "integration (VS Code x.y.z): N passed, N failed"; exit code 0 when every test passed. On
// failure a screenshot of the workbench goes to test-results/.
//
// code-server's CLI rejects --extensionDevelopmentPath and --extensionTestsPath, but the web
// workbench reads the same two options from its configuration (developmentOptions in the JSON of
// <meta id="vscode-workbench-web-configuration" data-settings>), which is how @vscode/test-web
// passes them. An init script adds them as vscode-remote URIs, so both load in the server's Node
// extension host, and the workbench calls window.codeAutomationExit(code) when run() settles.
// Two other ways do not work on every host: the `payload` URL parameter is ignored by built
// workbenches from 1.139 on, and serving rewritten HTML through page.route makes Chromium block
// the workbench's WebSocket to 127.0.0.1 (local network access checks).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { integerOption, parseCommandLine } from './cli';
import { setUpTestCas } from './testCa';
import {
  CodeServer,
  DEFAULT_HOST,
  HarnessError,
  REPO_ROOT,
  RESULTS_DIR,
  exitWith,
  findHost,
  launchChromium,
  seconds,
  type TierResult,
} from './codeServer';

const USAGE =
  'usage: node out/test/harness/runIntegration.js [--host VERSION] [--extensionDevelopmentPath DIR] [--extensionTestsPath FILE] [--grep PATTERN] [--workspace DIR] [--timeout SECONDS] [--json FILE] [--verbose] [--keep]';

export interface HostRunOptions {
  host: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  workspace?: string | undefined;
  /** Seconds. */
  timeout: number;
  verbose: boolean;
  keep: boolean;
  /** Extra environment for the extension host. */
  env?: Record<string, string>;
  /** Names the screenshot taken when the run fails: test-results/<label>-<host>.png. */
  label: string;
}

export interface IntegrationOptions extends HostRunOptions {
  json?: string | undefined;
  /** Only the tests whose full title matches this regular expression. */
  grep?: string | undefined;
  /** The name on the last line and in the JSON (default `integration`; runActivation.ts says `activation`). */
  tier?: string;
}

/** What one run of a tests module in the extension host gave. */
export interface HostRun {
  vscodeVersion: string;
  /** The workbench's exit code: 0 when run() resolved, 1 when it rejected; 'timeout' when it did not settle. */
  code: number | 'timeout';
  /** mocha's report, when the tests module wrote one. */
  report: string;
  /** The counts the tests module wrote, if it did. */
  counts?: { passes: number; failures: number; pending: number };
  healthyMs: number;
  doneMs: number;
  /** For a run that failed: the screenshot of the workbench, and the end of the workbench log (extension host console output) and of code-server's log. */
  screenshot?: string;
  logs?: string;
}

export function parseOptions(args?: string[]): IntegrationOptions {
  const values = parseCommandLine(
    USAGE,
    {
      host: { type: 'string', default: DEFAULT_HOST },
      extensionDevelopmentPath: { type: 'string', default: REPO_ROOT },
      extensionTestsPath: {
        type: 'string',
        default: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
      },
      grep: { type: 'string' },
      workspace: { type: 'string' },
      timeout: { type: 'string', default: '600' },
      json: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
    args,
  );
  const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(p));
  return {
    host: values.host,
    extensionDevelopmentPath: path.resolve(values.extensionDevelopmentPath),
    extensionTestsPath: path.resolve(values.extensionTestsPath),
    grep: values.grep,
    workspace: resolve(values.workspace),
    timeout: integerOption('timeout', values.timeout, USAGE, 1),
    json: resolve(values.json),
    verbose: values.verbose,
    keep: values.keep,
    label: 'integration',
  };
}

function requireFile(file: string, hint: string): void {
  if (!fs.existsSync(file)) throw new HarnessError(`${file} not found; ${hint}`);
}

/** Adds developmentOptions to the workbench configuration before the workbench reads it. */
function loadExtensionForTests(page: Page, extensionPath: string, testsPath: string): Promise<unknown> {
  return page.addInitScript(
    ({ extensionPath, testsPath }) => {
      const getAttribute = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (this: Element, name: string) {
        const value = getAttribute.call(this, name);
        if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value)
          return value;
        const config = JSON.parse(value) as { developmentOptions?: object };
        const remote = (p: string) => ({ scheme: 'vscode-remote', authority: window.location.host, path: p });
        config.developmentOptions = {
          ...config.developmentOptions,
          extensions: [remote(extensionPath)],
          extensionTestsPath: remote(testsPath),
        };
        return JSON.stringify(config);
      };
    },
    { extensionPath, testsPath },
  );
}

/**
 * Loads the extension and runs a tests module in the extension host of a fresh code-server;
 * prints nothing but the live workbench log with `verbose`. Throws a HarnessError when the run
 * could not start (no host, no build).
 */
export async function runInExtensionHost(options: HostRunOptions): Promise<HostRun> {
  const started = Date.now();
  const host = findHost(options.host);
  const manifest = path.join(options.extensionDevelopmentPath, 'package.json');
  requireFile(manifest, 'is --extensionDevelopmentPath an extension folder?');
  const main = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { main?: string }).main;
  if (main)
    requireFile(path.resolve(options.extensionDevelopmentPath, main), 'build it first: node esbuild.mjs');
  requireFile(options.extensionTestsPath, 'build the tests first: node esbuild.mjs --tests');

  const server = new CodeServer(host, {
    label: options.label,
    workspace: options.workspace,
    keep: options.keep,
  });
  let browser: Browser | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    browser = undefined;
    await server.stop();
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const testLog = path.join(server.dir, 'test-report.log');
    const resultsFile = path.join(server.dir, 'test-results.json');
    Object.assign(server.env, options.env, {
      HARNESS_TEST_LOG: testLog,
      HARNESS_TEST_RESULTS: resultsFile,
      HARNESS_USER_DATA_DIR: server.userDataDir,
    });
    // Private CAs for the TLS tests, trusted through the OS store and NODE_EXTRA_CA_CERTS.
    const testCas = setUpTestCas(server.dir);
    Object.assign(server.env, testCas.env);
    server.spawnPrefix = testCas.prefix;
    await server.start();
    const healthyMs = Date.now() - started;

    browser = await launchChromium(server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const workbenchLog: string[] = [];
    let exited: (code: number) => void = () => {};
    const exitCode = new Promise<number>((resolve) => (exited = resolve));
    // The extension host's console output arrives here (its console.* cannot be reassigned).
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const line = `[${type}] ${util.format(...(Array.isArray(args) ? args : [args]))}`;
      workbenchLog.push(line);
      if (options.verbose) console.log(`workbench ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
    page.on('pageerror', (error) => workbenchLog.push(`[pageerror] ${error.message}`));
    await loadExtensionForTests(page, options.extensionDevelopmentPath, options.extensionTestsPath);
    // The workbench's first load is slow on a busy machine; the run's own timeout bounds it.
    await page.goto(server.folderUrl(), { timeout: options.timeout * 1000 });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeout * 1000)),
    );
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    const run: HostRun = {
      vscodeVersion: host.vscodeVersion,
      code,
      report: fs.existsSync(testLog) ? fs.readFileSync(testLog, 'utf8') : '',
      healthyMs,
      doneMs: Date.now() - started,
    };
    if (fs.existsSync(resultsFile))
      run.counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as HostRun['counts'];
    if (code !== 0) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const shot = path.join(RESULTS_DIR, `${options.label}-${host.version}.png`);
      const saved = await page.screenshot({ path: shot }).then(
        () => true,
        () => false,
      );
      if (saved) run.screenshot = path.relative(process.cwd(), shot);
      run.logs =
        (options.verbose
          ? ''
          : `--- workbench log, last lines (all of it with --verbose) ---\n${workbenchLog.slice(-30).join('\n')}\n`) +
        `--- code-server log, last lines ---\n${server.logTail(2000)}`;
    }
    if (options.keep) console.log(`kept ${server.dir}`);
    return run;
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** Runs the integration tests once and prints the report and the tier's line; never throws. */
export async function runIntegration(options: IntegrationOptions): Promise<TierResult> {
  const started = Date.now();
  const result: TierResult = { passed: 0, failed: 0, pending: 0, ok: false, host: options.host, seconds: 0 };
  let label = `code-server ${options.host}`;
  try {
    const run = await runInExtensionHost({
      ...options,
      env: { ...options.env, ...(options.grep ? { INTEGRATION_GREP: options.grep } : {}) },
    });
    result.vscodeVersion = run.vscodeVersion;
    label = `VS Code ${run.vscodeVersion}`;
    process.stdout.write(run.report);
    if (run.counts)
      Object.assign(result, {
        passed: run.counts.passes,
        failed: run.counts.failures,
        pending: run.counts.pending,
      });
    if (run.code === 'timeout') console.log(`the tests did not finish within ${options.timeout}s`);
    else if (!run.counts)
      console.log(`the tests module wrote no results (extension host exit code ${run.code})`);
    // run() rejected, or never settled, without a failed test to show for it: count it as one.
    if (run.code !== 0 && result.failed === 0) result.failed = 1;
    result.ok = run.code === 0 && result.failed === 0;
    // Failed tests speak for themselves in mocha's report; a run that never got that far needs the logs.
    if (run.screenshot) console.log(`screenshot: ${run.screenshot}`);
    if (run.logs && (!run.counts || run.code === 'timeout')) console.log(run.logs);
    console.log(
      `timing: server healthy ${seconds(run.healthyMs)}, tests done ${seconds(run.doneMs)}` +
        `${result.pending ? `; ${result.pending} pending` : ''}`,
    );
  } catch (error) {
    console.error(error instanceof HarnessError ? `harness: ${error.message}` : error);
    result.error = (error as Error).message;
    result.failed = Math.max(result.failed, 1);
    result.ok = false;
  }
  result.seconds = (Date.now() - started) / 1000;
  const tier = options.tier ?? 'integration';
  console.log(`${tier} (${label}): ${result.passed} passed, ${result.failed} failed`);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify({ tier, ...result }, null, 2));
  return result;
}

if (require.main === module) exitWith(runIntegration(parseOptions()));

#!/usr/bin/env node
'use strict';
// Runs the integration tests inside the Node extension host of a real VS Code (code-server), the
// way @vscode/test-electron does for desktop VS Code: the extension is loaded from its folder
// (extensionDevelopmentPath) and the extension host requires the tests module
// (extensionTestsPath, which exports run(): Promise) and reports whether it settled.
//
//   node test/harness/runIntegration.js [--host 4.100.3] [--extensionDevelopmentPath DIR]
//        [--extensionTestsPath FILE] [--workspace DIR] [--timeout SECONDS] [--json FILE]
//        [--verbose] [--keep]
//
//   --host                      code-server version installed by installHosts.sh (default 4.100.3)
//   --extensionDevelopmentPath  the extension's folder (default: this repository)
//   --extensionTestsPath        the tests module (default: out/test/integration/index.js)
//   --workspace                 the folder VS Code opens (default: a fresh temp dir)
//   --timeout                   give up after this many seconds (default 180)
//   --json                      also write {passed, failed, pending, seconds, ...} to FILE
//   --verbose                   print the workbench log (all extension host console output) live
//   --keep                      keep the run's temp dir, with the code-server log
//
// The environment is passed on to code-server and so to the extension host (process.env in the
// tests), plus HARNESS_TEST_LOG and HARNESS_TEST_RESULTS: files into which the tests module
// (test/integration/index.ts) writes mocha's report and {passes, failures, pending}, and
// HARNESS_USER_DATA_DIR, code-server's user-data dir (tests read the user settings.json and state
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

const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const {
  CodeServer,
  cliMain,
  DEFAULT_HOST,
  HarnessError,
  REPO_ROOT,
  RESULTS_DIR,
  findHost,
  launchChromium,
} = require('./codeServer');

const USAGE =
  'usage: runIntegration.js [--host VERSION] [--extensionDevelopmentPath DIR] [--extensionTestsPath FILE] [--workspace DIR] [--timeout SECONDS] [--json FILE] [--verbose] [--keep]';

function parseArgs(argv) {
  const options = {
    host: DEFAULT_HOST,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
    workspace: undefined,
    timeout: 180,
    json: undefined,
    verbose: false,
    keep: false,
  };
  const paths = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'workspace', 'json']);
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'verbose' || name === 'keep') {
      options[name] = true;
    } else if (name in options && argv[i].startsWith('--') && i + 1 < argv.length) {
      const value = argv[++i];
      options[name] = paths.has(name) ? path.resolve(value) : name === 'timeout' ? Number(value) : value;
    } else {
      throw new HarnessError(`unknown or incomplete argument ${argv[i]}\n${USAGE}`);
    }
  }
  return options;
}

function requireFile(file, hint) {
  if (!fs.existsSync(file)) throw new HarnessError(`${file} not found; ${hint}`);
}

/** Adds developmentOptions to the workbench configuration before the workbench reads it. */
function loadExtensionForTests(page, extensionPath, testsPath) {
  return page.addInitScript(
    ({ extensionPath, testsPath }) => {
      const getAttribute = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name) {
        const value = getAttribute.call(this, name);
        if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value)
          return value;
        const config = JSON.parse(value);
        const remote = (p) => ({ scheme: 'vscode-remote', authority: window.location.host, path: p });
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

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/**
 * Runs the tests once and prints the report; never throws.
 * @returns {Promise<{ passed: number, failed: number, pending: number, ok: boolean, host: string, vscodeVersion?: string, seconds: number, error?: string }>}
 */
async function runIntegration(options) {
  const started = Date.now();
  const result = {
    passed: 0,
    failed: 0,
    pending: 0,
    ok: false,
    host: options.host,
    vscodeVersion: undefined,
    seconds: 0,
  };
  let server;
  let browser;
  let label = `code-server ${options.host}`;
  const cleanup = async () => {
    if (browser) await browser.close().catch(() => {});
    browser = undefined;
    if (server) await server.stop();
    server = undefined;
  };
  const onSignal = () => cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const host = findHost(options.host);
    result.vscodeVersion = host.vscodeVersion;
    label = `VS Code ${host.vscodeVersion}`;
    const manifest = path.join(options.extensionDevelopmentPath, 'package.json');
    requireFile(manifest, 'is --extensionDevelopmentPath an extension folder?');
    const main = JSON.parse(fs.readFileSync(manifest, 'utf8')).main;
    if (main)
      requireFile(path.resolve(options.extensionDevelopmentPath, main), 'build it first: node esbuild.mjs');
    requireFile(options.extensionTestsPath, 'build the tests first: node esbuild.mjs --tests');

    server = new CodeServer(host, { label: 'integration', workspace: options.workspace, keep: options.keep });
    const testLog = path.join(server.dir, 'test-report.log');
    const resultsFile = path.join(server.dir, 'test-results.json');
    Object.assign(server.env, {
      HARNESS_TEST_LOG: testLog,
      HARNESS_TEST_RESULTS: resultsFile,
      HARNESS_USER_DATA_DIR: server.userDataDir,
    });
    await server.start();
    const healthyAt = Date.now();

    browser = await launchChromium(server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const workbenchLog = [];
    let exited;
    const exitCode = new Promise((resolve) => (exited = resolve));
    // The extension host's console output arrives here (its console.* cannot be reassigned).
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = `[${type}] ${util.format(...(Array.isArray(args) ? args : [args]))}`;
      workbenchLog.push(line);
      if (options.verbose) console.log(`workbench ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    page.on('pageerror', (error) => workbenchLog.push(`[pageerror] ${error.message}`));
    await loadExtensionForTests(page, options.extensionDevelopmentPath, options.extensionTestsPath);
    // The page's own load counts against the run's time limit, not Playwright's 30 s default: on a
    // busy machine the workbench can take longer than that to load.
    await page.goto(server.folderUrl(), { timeout: options.timeout * 1000 });

    let timer;
    const timeout = new Promise(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeout * 1000)),
    );
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    const finishedAt = Date.now();

    if (fs.existsSync(testLog)) process.stdout.write(fs.readFileSync(testLog, 'utf8'));
    const counts = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined;
    if (counts)
      Object.assign(result, { passed: counts.passes, failed: counts.failures, pending: counts.pending });
    if (code === 'timeout') console.log(`the tests did not finish within ${options.timeout}s`);
    else if (!counts) console.log(`the tests module wrote no results (extension host exit code ${code})`);
    // run() rejected, or never settled, without a failed test to show for it: count it as one.
    if (code !== 0 && result.failed === 0) result.failed = 1;
    result.ok = code === 0 && result.failed === 0;
    if (!result.ok) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const shot = path.join(RESULTS_DIR, `integration-${host.version}.png`);
      await page.screenshot({ path: shot }).then(
        () => console.log(`screenshot: ${path.relative(process.cwd(), shot)}`),
        () => {},
      );
      // Failed tests speak for themselves in mocha's report; a run that never got that far needs the logs.
      if (!counts || code === 'timeout') {
        if (!options.verbose)
          console.log(
            `--- workbench log, last lines (all of it with --verbose) ---\n${workbenchLog.slice(-30).join('\n')}`,
          );
        console.log(`--- code-server log, last lines ---\n${server.logTail(2000)}`);
      }
    }
    console.log(
      `timing: server healthy ${seconds(healthyAt - started)}, tests done ${seconds(finishedAt - started)}` +
        `${result.pending ? `; ${result.pending} pending` : ''}`,
    );
    if (options.keep) console.log(`kept ${server.dir}`);
  } catch (error) {
    console.error(error instanceof HarnessError ? `harness: ${error.message}` : error);
    result.error = error.message;
    result.failed = Math.max(result.failed, 1);
    result.ok = false;
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  result.seconds = (Date.now() - started) / 1000;
  console.log(`integration (${label}): ${result.passed} passed, ${result.failed} failed`);
  if (options.json)
    fs.writeFileSync(options.json, JSON.stringify({ tier: 'integration', ...result }, null, 2));
  return result;
}

if (require.main === module) cliMain(parseArgs, runIntegration);

module.exports = { runIntegration, parseArgs };

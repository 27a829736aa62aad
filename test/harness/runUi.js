#!/usr/bin/env node
'use strict';
// Runs the UI tests: mocha in plain Node over every out/test/ui/*.ui.js, each test driving the
// real workbench through ui.js with the packaged extension. This script packages nothing: build
// the .vsix first (npm run package) and compile the tests (node esbuild.mjs --tests).
//
//   node test/harness/runUi.js --vsix FILE [--host 4.100.3] [--tests DIR] [--grep PATTERN]
//        [--timeout SECONDS] [--json FILE] [--keep]
//
//   --vsix     the extension package every ui.start() installs (required when there are tests)
//   --host     code-server version installed by installHosts.sh (default 4.100.3)
//   --tests    folder of the compiled *.ui.js files (default out/test/ui)
//   --grep     run only the tests whose full title matches PATTERN (a regular expression)
//   --timeout  per test, in seconds (default 120: a workbench start takes 5-10 s)
//   --json     also write {passed, failed, pending, seconds, ...} to FILE
//   --keep     keep each workbench's temp dir (code-server log, workspace)
//
// The contract with a UI test file:
//   * it imports the library as `../harness/ui` (types in test/harness/ui.d.ts). Compiled tests
//     sit in out/test/ui, so before loading them this script writes out/test/harness/ui.js, a
//     one-line module that re-exports test/harness/ui.js; both paths then give the same module;
//   * ui.start() uses this run's --host and --vsix (via ui.configure());
//   * when a test fails, every open workbench is screenshotted into test-results/ui/, and any
//     workbench still open when the run ends is stopped.
// Prints mocha's spec report and ends with "ui (VS Code x.y.z): N passed, N failed"; exit code 0
// when every test passed. No test files is not an error: "0 passed, 0 failed".

const fs = require('node:fs');
const path = require('node:path');
const { DEFAULT_HOST, HarnessError, REPO_ROOT, cliMain, findHost, slug } = require('./codeServer');
const ui = require('./ui');

const USAGE =
  'usage: runUi.js --vsix FILE [--host VERSION] [--tests DIR] [--grep PATTERN] [--timeout SECONDS] [--json FILE] [--keep]';

function parseArgs(argv) {
  const options = {
    vsix: undefined,
    host: DEFAULT_HOST,
    tests: path.join(REPO_ROOT, 'out', 'test', 'ui'),
    grep: undefined,
    timeout: 120,
    json: undefined,
    keep: false,
  };
  const paths = new Set(['vsix', 'tests', 'json']);
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'keep') {
      options.keep = true;
    } else if (name in options && argv[i].startsWith('--') && i + 1 < argv.length) {
      const value = argv[++i];
      options[name] = paths.has(name) ? path.resolve(value) : name === 'timeout' ? Number(value) : value;
    } else {
      throw new HarnessError(`unknown or incomplete argument ${argv[i]}\n${USAGE}`);
    }
  }
  return options;
}

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ui.js'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Makes `require('../harness/ui')` from the compiled tests reach this folder's ui.js. */
function linkLibrary(testsDir) {
  const target = path.join(testsDir, '..', 'harness', 'ui.js');
  const library = path.join(__dirname, 'ui.js');
  // Only inside the build output: tests elsewhere require the library by its own path.
  if (!path.resolve(target).startsWith(path.join(REPO_ROOT, 'out') + path.sep)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(
    target,
    `// Written by test/harness/runUi.js.\nmodule.exports = require(${JSON.stringify(library)});\n`,
  );
}

function loadMocha() {
  const exported = require(require.resolve('mocha', { paths: [REPO_ROOT] }));
  return exported.default || exported;
}

/**
 * Runs the UI tests once and prints the report; never throws.
 * @returns {Promise<{ passed: number, failed: number, pending: number, ok: boolean, host: string, vscodeVersion?: string, seconds: number, error?: string }>}
 */
async function runUi(options) {
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
  let label = `code-server ${options.host}`;
  const onSignal = () => ui.stopAll().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const files = testFiles(options.tests);
    try {
      const host = findHost(options.host);
      result.vscodeVersion = host.vscodeVersion;
      label = `VS Code ${host.vscodeVersion}`;
    } catch (error) {
      if (files.length > 0) throw error;
    }
    if (files.length === 0) {
      console.log(`no UI tests (*.ui.js) in ${path.relative(process.cwd(), options.tests) || '.'}`);
    } else {
      if (!options.vsix) throw new HarnessError(`--vsix is required\n${USAGE}`);
      if (!fs.existsSync(options.vsix)) {
        throw new HarnessError(`${options.vsix} not found; package the extension first: npm run package`);
      }
      ui.configure({ host: options.host, vsix: options.vsix, keep: options.keep });
      linkLibrary(options.tests);

      const Mocha = loadMocha();
      const mocha = new Mocha({
        ui: 'bdd',
        reporter: 'spec',
        timeout: options.timeout * 1000,
        grep: options.grep,
        rootHooks: {
          async afterEach() {
            const test = this.currentTest;
            if (test && test.state === 'failed') {
              for (const file of await ui.screenshotAll(slug(test.fullTitle()))) {
                console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
              }
            }
          },
        },
      });
      for (const file of files) mocha.addFile(file);
      await mocha.loadFilesAsync();
      const stats = await new Promise((resolve) => {
        const runner = mocha.run(() => resolve(runner.stats || {}));
      });
      Object.assign(result, {
        passed: stats.passes || 0,
        failed: stats.failures || 0,
        pending: stats.pending || 0,
      });
    }
    result.ok = result.failed === 0;
  } catch (error) {
    console.error(error instanceof HarnessError ? `harness: ${error.message}` : error);
    result.error = error.message;
    result.failed = Math.max(result.failed, 1);
    result.ok = false;
  } finally {
    await ui.stopAll();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  result.seconds = (Date.now() - started) / 1000;
  console.log(`ui (${label}): ${result.passed} passed, ${result.failed} failed`);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify({ tier: 'ui', ...result }, null, 2));
  return result;
}

if (require.main === module) cliMain(parseArgs, runUi);

module.exports = { runUi, parseArgs };

// Runs the UI tests: mocha in plain Node over every out/test/ui/*.ui.js, each test driving the
// real workbench through ui.ts with the packaged extension. This script packages nothing: build
// the .vsix first (npm run package) and compile the tests (node esbuild.mjs --tests).
//
//   node out/test/harness/runUi.js --vsix FILE [--host 4.100.3] [--tests DIR] [--grep PATTERN]
//        [--timeout SECONDS] [--json FILE] [--keep]
//
//   --vsix     the extension package every ui.start() installs (required when there are tests)
//   --host     code-server version installed by installHosts.sh (default: the oldest in hosts.json)
//   --tests    folder of the compiled *.ui.js files (default out/test/ui)
//   --grep     run only the tests whose full title matches PATTERN (a regular expression)
//   --timeout  per test, in seconds (default 120: a workbench start takes 5-10 s)
//   --json     also write {passed, failed, pending, seconds, ...} to FILE
//   --keep     keep each workbench's temp dir (code-server log, workspace)
//
// The contract with a UI test file:
//   * it imports the library as `../harness/ui`: compiled, that is out/test/harness/ui.js, the
//     module this script configures;
//   * ui.start() uses this run's --host and --vsix (via ui.configure());
//   * when a test fails, every open workbench is screenshotted into test-results/ui/, and any
//     workbench still open when the run ends is stopped.
// Prints mocha's spec report and ends with "ui (VS Code x.y.z): N passed, N failed"; exit code 0
// when every test passed. No test files is not an error: "0 passed, 0 failed".
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { integerOption, parseCommandLine } from './cli';
import {
  DEFAULT_HOST,
  HarnessError,
  REPO_ROOT,
  exitWith,
  findHost,
  slug,
  type TierResult,
} from './codeServer';
import * as ui from './ui';

const USAGE =
  'usage: node out/test/harness/runUi.js --vsix FILE [--host VERSION] [--tests DIR] [--grep PATTERN] [--timeout SECONDS] [--json FILE] [--keep]';

export interface UiOptions {
  vsix?: string | undefined;
  host: string;
  tests: string;
  grep?: string | undefined;
  /** Seconds per test. */
  timeout: number;
  json?: string | undefined;
  keep: boolean;
}

export function parseOptions(args?: string[]): UiOptions {
  const values = parseCommandLine(
    USAGE,
    {
      vsix: { type: 'string' },
      host: { type: 'string', default: DEFAULT_HOST },
      tests: { type: 'string', default: path.join(REPO_ROOT, 'out', 'test', 'ui') },
      grep: { type: 'string' },
      timeout: { type: 'string', default: '120' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
    args,
  );
  const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(p));
  return {
    vsix: resolve(values.vsix),
    host: values.host,
    tests: path.resolve(values.tests),
    grep: values.grep,
    timeout: integerOption('timeout', values.timeout, USAGE, 1),
    json: resolve(values.json),
    keep: values.keep,
  };
}

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ui.js'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Runs the UI tests once and prints the report; never throws. */
export async function runUi(options: UiOptions): Promise<TierResult> {
  const started = Date.now();
  const result: TierResult = { passed: 0, failed: 0, pending: 0, ok: false, host: options.host, seconds: 0 };
  let label = `code-server ${options.host}`;
  const onSignal = () => void ui.stopAll().then(() => process.exit(130));
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
      const mocha = new Mocha({
        ui: 'bdd',
        reporter: 'spec',
        timeout: options.timeout * 1000,
        ...(options.grep ? { grep: options.grep } : {}),
        rootHooks: {
          async afterEach(this: Mocha.Context) {
            const test = this.currentTest;
            if (test?.state === 'failed') {
              for (const file of await ui.screenshotAll(slug(test.fullTitle()))) {
                console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
              }
            }
          },
        },
      });
      for (const file of files) mocha.addFile(file);
      await mocha.loadFilesAsync();
      const stats = await new Promise<Mocha.Stats | undefined>((resolve) => {
        const runner = mocha.run(() => resolve(runner.stats));
      });
      Object.assign(result, {
        passed: stats?.passes ?? 0,
        failed: stats?.failures ?? 0,
        pending: stats?.pending ?? 0,
      });
    }
    result.ok = result.failed === 0;
  } catch (error) {
    console.error(error instanceof HarnessError ? `harness: ${error.message}` : error);
    result.error = (error as Error).message;
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

if (require.main === module) exitWith(runUi(parseOptions()));

#!/usr/bin/env node
// What `npm test` runs: the builds, then every test tier, then one line with the totals.
//
//   npm test
//   TEST_TIERS=unit,integration npm test   only these tiers (default unit,integration,ui)
//   TEST_HOSTS=4.100.3 npm test            code-server hosts for integration, in order
//                                          (default 4.100.3,4.139.1); integration and ui run on each
//
// Build: `npm run typecheck` and `npm run lint` (tsc, ESLint, Prettier), `npm run package` (production bundle and dist/identity-cloud-clients.vsix, which the unit
// tier's size and contents checks read and the ui tier installs), then `node esbuild.mjs` (the development bundle that integration loads; it replaces the
// production one) and `node esbuild.mjs --tests` (out/).
// Tiers:
//   unit         mocha --config test/unit/.mocharc.json in plain Node
//   integration  runIntegration.js --host H, for each host: mocha inside the real extension host
//   ui           runUi.js --host H --vsix dist/identity-cloud-clients.vsix, for each host: the workbench, clicked through
// Each tier prints its report and wall time; the run ends with a table and, alone on the last
// line, "N passed, N failed" over all tiers. A failed build step, and a tier that could not run (for
// want of that build, or of a host: see installHosts.sh), count as one failure each. Exit code 0
// only if nothing failed.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { HOST_VERSIONS } = require('./codeServer.js');

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const vsix = join(root, 'dist', 'identity-cloud-clients.vsix');
const TIERS = ['unit', 'integration', 'ui'];

const list = (value, fallback) =>
  value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : fallback;
const tiers = list(process.env.TEST_TIERS, TIERS);
const hosts = list(process.env.TEST_HOSTS, HOST_VERSIONS);
const unknown = tiers.filter((tier) => !TIERS.includes(tier));
if (unknown.length > 0 || hosts.length === 0) {
  console.error(
    `TEST_TIERS takes ${TIERS.join(',')} (got ${process.env.TEST_TIERS}); TEST_HOSTS a list of versions`,
  );
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'icc-test-'));
const rows = [];
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** Runs a command from the repository root; resolves with its exit code and, if asked, its output. */
function run(command, args, { env, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
    });
    let output = '';
    const tee = (stream, out) =>
      stream?.on('data', (chunk) => {
        output += chunk;
        out.write(chunk);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function heading(text) {
  console.log(`\n== ${text}`);
}

/** Records a tier's outcome for the summary and prints its wall time. */
function record(name, { passed = 0, failed = 0, note }, since) {
  const row = { name, passed, failed, time: Date.now() - since, note };
  rows.push(row);
  console.log(`-- ${name}: ${seconds(row.time)}${note ? ` (${note})` : ''}`);
}

async function build() {
  const since = Date.now();
  const steps = [];
  steps.push(
    ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
    ['lint', 'npm', ['run', '--silent', 'lint']],
    ['package', 'npm', ['run', 'package']],
    ['bundle', process.execPath, ['esbuild.mjs']],
    ['tests', process.execPath, ['esbuild.mjs', '--tests']],
  );
  const failed = new Set();
  for (const [step, command, args] of steps) {
    heading(`build: ${[command === process.execPath ? 'node' : command, ...args].join(' ')}`);
    const { code } = await run(command, args);
    if (code !== 0) failed.add(step);
  }
  rows.push({ name: 'build', failed: failed.size, time: Date.now() - since, note: [...failed].join(', ') });
  console.log(
    `-- build: ${seconds(Date.now() - since)}${failed.size ? ` (failed: ${[...failed].join(', ')})` : ''}`,
  );
  return failed;
}

async function unit() {
  const since = Date.now();
  heading('unit: mocha --config test/unit/.mocharc.json');
  const results = join(scratch, 'unit.json');
  const { code, output } = await run(
    process.execPath,
    [
      require.resolve('mocha/bin/mocha.js', { paths: [root] }),
      '--config',
      'test/unit/.mocharc.json',
      '--reporter',
      join(here, 'specWithCounts.js'),
    ],
    { env: { HARNESS_TEST_RESULTS: results }, capture: true },
  );
  const counts = readJson(results);
  if (counts) return record('unit', { passed: counts.passes, failed: counts.failures }, since);
  if (code !== 0 && /No test files found/.test(output))
    return record('unit', { note: 'no test files' }, since);
  return record('unit', { failed: 1, note: `mocha exited with ${code} before reporting` }, since);
}

/** Runs runIntegration.js or runUi.js, which write their counts with --json. */
async function hostTier(name, script, args) {
  const since = Date.now();
  heading(`${name}: node ${relative(root, join(here, script))} ${args.join(' ')}`);
  const results = join(scratch, `${name}-${args.join('-').replace(/[^\w.-]+/g, '')}.json`);
  const { code } = await run(process.execPath, [join(here, script), ...args, '--json', results]);
  const outcome = readJson(results);
  const label = outcome?.vscodeVersion
    ? `${name} (VS Code ${outcome.vscodeVersion})`
    : `${name} (code-server ${args[1]})`;
  if (!outcome) return record(label, { failed: 1, note: `exited with ${code} before reporting` }, since);
  const note = outcome.error && `could not run: ${outcome.error.split('\n')[0]}`;
  return record(label, { passed: outcome.passed, failed: outcome.failed, note }, since);
}

function couldNotRun(name, reason) {
  rows.push({ name, passed: 0, failed: 1, time: 0, note: `not run: ${reason}` });
  console.log(`\n${name}: not run (${reason})`);
}

function summary() {
  const passed = rows.reduce((sum, row) => sum + (row.passed ?? 0), 0);
  const failed = rows.reduce((sum, row) => sum + (row.failed ?? 0), 0);
  const width = Math.max(...rows.map((row) => row.name.length), 5);
  const line = (name, p, f, time, note = '') =>
    `${name.padEnd(width)}  ${String(p).padStart(6)}  ${String(f).padStart(6)}  ${time.padStart(7)}  ${note}`.trimEnd();
  console.log(`\n${line('tier', 'passed', 'failed', 'time')}`);
  for (const row of rows) {
    console.log(line(row.name, row.passed ?? '-', row.failed ?? '-', seconds(row.time), row.note));
  }
  console.log(line('total', passed, failed, seconds(Date.now() - started)));
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

try {
  const broken = await build();
  const noTests = broken.has('tests') && 'node esbuild.mjs --tests failed';
  if (tiers.includes('unit')) {
    if (noTests) couldNotRun('unit', noTests);
    else await unit();
  }
  if (tiers.includes('integration')) {
    for (const host of hosts) {
      if (noTests || broken.has('bundle'))
        couldNotRun(`integration (code-server ${host})`, noTests || 'node esbuild.mjs failed');
      else await hostTier('integration', 'runIntegration.js', ['--host', host]);
    }
  }
  if (tiers.includes('ui')) {
    for (const host of hosts) {
      if (noTests || broken.has('package'))
        couldNotRun(`ui (code-server ${host})`, noTests || 'npm run package failed');
      else await hostTier('ui', 'runUi.js', ['--host', host, '--vsix', vsix]);
    }
  }
  process.exitCode = summary() > 0 ? 1 : 0;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

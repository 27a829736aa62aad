// What `npm test` runs once test/harness/all.mjs has built out/: the other builds, then every
// test tier, then one line with the totals.
//
//   npm test
//   TEST_TIERS=unit,integration npm test   only these tiers (default unit,package,integration,ui)
//   TEST_HOSTS=4.100.3 npm test            code-server hosts, in order (default: hosts.json);
//                                          integration and ui run on each
//
// Build: `npm run typecheck` and `npm run lint` (tsc, ESLint, Prettier), `npm run package`
// (production bundle and dist/identity-cloud-clients.vsix, which the package tier checks and the
// ui tier installs), then `node esbuild.mjs` (the development bundle that integration loads; it
// replaces the production one).
// Tiers:
//   unit         mocha --config test/unit/.mocharc.json in plain Node: no build output needed
//   package      mocha --config test/package/.mocharc.json: checks of the packaged .vsix
//   integration  runIntegration.ts --host H, for each host: mocha inside the real extension host;
//                then runActivation.ts --host H: activation from an env file, in fresh hosts
//   ui           runUi.ts --host H --vsix dist/identity-cloud-clients.vsix, for each host: the workbench, clicked through
// Each tier prints its report and wall time; the run ends with a table and, alone on the last
// line, "N passed, N failed" over all tiers. A failed build step, and a tier that could not run (for
// want of that build, or of a host: see installHosts.sh), count as one failure each. Exit code 0
// only if nothing failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { HOST_VERSIONS, REPO_ROOT, seconds, type TierResult } from './codeServer';

const vsix = join(REPO_ROOT, 'dist', 'identity-cloud-clients.vsix');
const TIERS = ['unit', 'package', 'integration', 'ui'];

const list = (value: string | undefined, fallback: readonly string[]): string[] =>
  value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [...fallback];
const tiers = list(process.env.TEST_TIERS, TIERS);
const hosts = list(process.env.TEST_HOSTS, HOST_VERSIONS);
const unknown = tiers.filter((tier) => !TIERS.includes(tier));
if (unknown.length > 0 || hosts.length === 0) {
  console.error(
    `TEST_TIERS takes ${TIERS.join(',')} (got ${process.env.TEST_TIERS}); TEST_HOSTS a list of versions`,
  );
  process.exit(2);
}

interface Row {
  name: string;
  passed?: number;
  failed: number;
  time: number;
  note?: string | undefined;
}

const scratch = mkdtempSync(join(tmpdir(), 'icc-test-'));
const rows: Row[] = [];
const started = Date.now();

/** Runs a command from the repository root; resolves with its exit code and, if asked, its output. */
function run(
  command: string,
  args: string[],
  { env, capture = false }: { env?: Record<string, string>; capture?: boolean } = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
    });
    let output = '';
    const tee = (stream: NodeJS.ReadableStream | null, out: NodeJS.WritableStream) =>
      stream?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        out.write(chunk);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function heading(text: string): void {
  console.log(`\n== ${text}`);
}

/** Records a tier's outcome for the summary and prints its wall time. */
function record(
  name: string,
  outcome: { passed?: number; failed?: number; note?: string | undefined },
  since: number,
): void {
  const row: Row = {
    name,
    passed: outcome.passed ?? 0,
    failed: outcome.failed ?? 0,
    time: Date.now() - since,
    note: outcome.note,
  };
  rows.push(row);
  console.log(`-- ${name}: ${seconds(row.time)}${row.note ? ` (${row.note})` : ''}`);
}

async function build(): Promise<Set<string>> {
  const since = Date.now();
  const steps: [string, string, string[]][] = [
    ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
    ['lint', 'npm', ['run', '--silent', 'lint']],
    ['package', 'npm', ['run', 'package']],
    ['bundle', process.execPath, ['esbuild.mjs']],
  ];
  const failed = new Set<string>();
  for (const [step, command, args] of steps) {
    heading(`build: ${[command === process.execPath ? 'node' : command, ...args].join(' ')}`);
    const { code } = await run(command, args);
    if (code !== 0) failed.add(step);
  }
  const note = failed.size ? `failed: ${[...failed].join(', ')}` : undefined;
  rows.push({ name: 'build', failed: failed.size, time: Date.now() - since, note });
  console.log(`-- build: ${seconds(Date.now() - since)}${note ? ` (${note})` : ''}`);
  return failed;
}

/** A tier run by mocha in plain Node, counted by specWithCounts.ts. */
async function mochaTier(name: string, config: string): Promise<void> {
  const since = Date.now();
  heading(`${name}: mocha --config ${config}`);
  const results = join(scratch, `${name}.json`);
  const { code, output } = await run(
    process.execPath,
    [
      require.resolve('mocha/bin/mocha.js', { paths: [REPO_ROOT] }),
      '--config',
      config,
      '--reporter',
      join(__dirname, 'specWithCounts.js'),
    ],
    { env: { HARNESS_TEST_RESULTS: results }, capture: true },
  );
  const counts = readJson<{ passes: number; failures: number }>(results);
  if (counts) return record(name, { passed: counts.passes, failed: counts.failures }, since);
  if (code !== 0 && /No test files found/.test(output)) return record(name, { note: 'no test files' }, since);
  return record(name, { failed: 1, note: `mocha exited with ${code} before reporting` }, since);
}

/** Runs runIntegration.js or runUi.js, which write their counts with --json. */
async function hostTier(name: string, script: string, args: string[]): Promise<void> {
  const since = Date.now();
  heading(`${name}: node ${relative(REPO_ROOT, join(__dirname, script))} ${args.join(' ')}`);
  const results = join(scratch, `${name}-${args.join('-').replace(/[^\w.-]+/g, '')}.json`);
  const { code } = await run(process.execPath, [join(__dirname, script), ...args, '--json', results]);
  const outcome = readJson<TierResult>(results);
  const label = outcome?.vscodeVersion
    ? `${name} (VS Code ${outcome.vscodeVersion})`
    : `${name} (code-server ${args[1]})`;
  if (!outcome) return record(label, { failed: 1, note: `exited with ${code} before reporting` }, since);
  const note = outcome.error && `could not run: ${outcome.error.split('\n')[0]}`;
  return record(label, { passed: outcome.passed, failed: outcome.failed, note }, since);
}

function couldNotRun(name: string, reason: string): void {
  rows.push({ name, passed: 0, failed: 1, time: 0, note: `not run: ${reason}` });
  console.log(`\n${name}: not run (${reason})`);
}

function summary(): number {
  const passed = rows.reduce((sum, row) => sum + (row.passed ?? 0), 0);
  const failed = rows.reduce((sum, row) => sum + row.failed, 0);
  const width = Math.max(...rows.map((row) => row.name.length), 5);
  const line = (name: string, p: string | number, f: string | number, time: string, note = '') =>
    `${name.padEnd(width)}  ${String(p).padStart(6)}  ${String(f).padStart(6)}  ${time.padStart(7)}  ${note}`.trimEnd();
  console.log(`\n${line('tier', 'passed', 'failed', 'time')}`);
  for (const row of rows)
    console.log(line(row.name, row.passed ?? '-', row.failed, seconds(row.time), row.note));
  console.log(line('total', passed, failed, seconds(Date.now() - started)));
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

async function main(): Promise<void> {
  try {
    const broken = await build();
    if (tiers.includes('unit')) await mochaTier('unit', 'test/unit/.mocharc.json');
    if (tiers.includes('package')) {
      if (broken.has('package')) couldNotRun('package', 'npm run package failed');
      else await mochaTier('package', 'test/package/.mocharc.json');
    }
    if (tiers.includes('integration')) {
      for (const host of hosts) {
        if (broken.has('bundle')) couldNotRun(`integration (code-server ${host})`, 'node esbuild.mjs failed');
        else {
          await hostTier('integration', 'runIntegration.js', ['--host', host]);
          await hostTier('activation', 'runActivation.js', ['--host', host]);
        }
      }
    }
    if (tiers.includes('ui')) {
      for (const host of hosts) {
        if (broken.has('package')) couldNotRun(`ui (code-server ${host})`, 'npm run package failed');
        else await hostTier('ui', 'runUi.js', ['--host', host, '--vsix', vsix]);
      }
    }
    process.exitCode = summary() > 0 ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();

// npm run bench: measures what the extension costs, in one run, and prints a table with the
// median and spread (p10–p90) of repeated runs beside each budget. Budgets are reported, never
// asserted on time; only sizes are checked in npm test (the package tier, test/package/).
//   npm run bench [-- --host 4.100.3]
// (node esbuild.mjs --tests && node out/test/bench/run.js: out/ is built first, the rest here.)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine } from '../harness/cli';
import { DEFAULT_HOST, HarnessError, REPO_ROOT, RESULTS_DIR } from '../harness/codeServer';
import { runInExtensionHost } from '../harness/runIntegration';
import type { Summary } from './stats';

const USAGE = 'usage: [BENCH_PROFILE=folder] npm run bench -- [--host VERSION] [--scale-only]';

interface Budgets {
  activationWarmMs: number;
  bundleKB: number;
  vsixKB: number;
  createOverheadMs: number;
  upsertMs: number;
  treeMs: number;
  firstTreeMs?: number;
  settingsNodeOverheadMs: number;
  diagnosticsMs?: number;
  hoverMs?: number;
  listCallsPerWindow?: number;
  scaleArrivalRatio?: number;
  scaleIndexRatio?: number;
  scaleFirstShownRatio?: number;
  scaleListsInFlight?: number;
  scaleFreezeMs?: number;
  scaleEnvOpenRatio?: number;
  scaleProblemsMs?: number;
  scaleCheckAllMs?: number;
  scaleRotationOfferMs?: number;
  scaleRotationCopiesMs?: number;
}

type Figure = number | Summary | undefined;
type HostResults = Record<string, Figure> & { vscode?: string; node?: string; curl?: string };

/** Runs out/test/bench/<module>.js as the tests module of a fresh extension host; returns what it wrote. */
async function inExtensionHost(host: string, module: string, timeout: number): Promise<HostResults> {
  const failed = (outcome: string) => {
    console.error(`the extension-host part of the benchmark (${module}) failed (${outcome})`);
    process.exitCode = 1;
  };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'icc-bench-'));
  const resultsFile = path.join(tmp, 'host.json');
  try {
    const outcome = await runInExtensionHost({
      host,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, `out/test/bench/${module}.js`),
      timeout,
      verbose: false,
      keep: false,
      env: {
        BENCH_RESULTS: resultsFile,
        // CPU profiles of the scale bench's measured spans (see freezeMonitor.ts).
        ...(process.env.BENCH_PROFILE ? { BENCH_PROFILE: path.resolve(process.env.BENCH_PROFILE) } : {}),
      },
      label: 'bench',
    });
    if (outcome.code !== 0 && existsSync(resultsFile)) {
      // What it measured before it stopped is printed, marked partial; the exit code says it failed.
      failed(outcome.code === 'timeout' ? 'timed out' : `exit code ${outcome.code}`);
    } else if (outcome.code !== 0 || !existsSync(resultsFile)) {
      console.error(
        `the extension-host part of the benchmark (${module}) failed (${outcome.code === 'timeout' ? 'timed out' : `exit code ${outcome.code}`})` +
          `${outcome.screenshot ? `; screenshot: ${outcome.screenshot}` : ''}\n${outcome.logs ?? ''}`,
      );
      process.exit(1);
    }
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as HostResults;
  } catch (error) {
    console.error(error instanceof HarnessError ? `bench: ${error.message}` : error);
    process.exit(1);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const run = (cmd: string, args: string[], inherit = false): string =>
  execFileSync(cmd, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', inherit ? 'inherit' : 'pipe', 'inherit'],
  }) ?? '';

const ms = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : '—');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const spread = (s: Figure) =>
  s && typeof s === 'object' ? `${ms(s.median)} (p10 ${ms(s.p10)} – p90 ${ms(s.p90)}, n=${s.runs})` : ms(s);
const median = (s: Figure) => (s && typeof s === 'object' ? s.median : (s ?? NaN));
const verdict = (value: number, budget: number) => (value <= budget ? 'within' : 'OVER');
const budgeted = (value: number, budget: number | undefined, unit: string) =>
  budget === undefined ? ['—', ''] : [`≤ ${budget}${unit === '×' ? '' : ' '}${unit}`, verdict(value, budget)];
const ratio = (s: Figure) =>
  s && typeof s === 'object'
    ? `${s.median.toFixed(2)}× (p10 ${s.p10.toFixed(2)} – p90 ${s.p90.toFixed(2)}, n=${s.runs})`
    : typeof s === 'number'
      ? `${s.toFixed(2)}×`
      : '—';
const loads = (v: unknown, when: 'atStart' | 'atEnd') => {
  const l = (v as Record<string, number[]> | undefined)?.[when];
  return l ? l.map((n) => n.toFixed(2)).join(', ') : '—';
};
const count = (v: unknown) => (typeof v === 'number' ? String(v) : '—');

async function main(): Promise<void> {
  const { host, 'scale-only': scaleOnly } = parseCommandLine(USAGE, {
    host: { type: 'string', default: DEFAULT_HOST },
    'scale-only': { type: 'boolean', default: false },
  });
  // From a clean clone: the host is installed once (a no-op when it is there already).
  run('bash', ['test/harness/installHosts.sh', host], true);
  console.log('building: production bundle and .vsix …');
  run('npm', ['run', '--silent', 'package']);
  const budgets = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'test/bench/budgets.json'), 'utf8'),
  ) as Budgets;
  const dist = path.join(REPO_ROOT, 'dist');
  const bundleBytes = statSync(path.join(dist, 'extension.js')).size;
  const vsixBytes = statSync(path.join(dist, 'identity-cloud-clients.vsix')).size;

  console.log('plain Node: .env upsert and list parsing …');
  const node = JSON.parse(run(process.execPath, ['--expose-gc', 'out/test/bench/nodeBench.js'])) as Record<
    string,
    Figure
  > & {
    upsertBytes: number;
    listBytes: number;
    diagnosticsLines: number;
    scaleListsMB: number;
    scaleIndexMB: number;
  };

  console.log(`extension host (code-server ${host}): activation, first tree, tree, create …`);
  const hostResults = scaleOnly ? ({} as HostResults) : await inExtensionHost(host, 'hostBench', 300);
  console.log(
    `extension host (code-server ${host}), a fresh one: the scale scenario (50 applications × 2,000 clients, 500 env files) …`,
  );
  const scale = await inExtensionHost(host, 'scaleBench', 1800);

  const h = hostResults;
  const rows: string[][] = [
    ['activation, first (cold require + activate)', ms(h.activationFirst), '—', ''],
    ['activation, warm (require + activate)', spread(h.activationWarm), '—', ''],
    ['activation: yardstick, reading and compiling the bundle', spread(h.activationCompile), '—', ''],
    [
      'activation, warm, beyond the yardstick',
      spread(h.activationBeyondCompile),
      ...budgeted(median(h.activationBeyondCompile), budgets.activationWarmMs, 'ms'),
    ],
    [
      `time to first tree: activation → 1 application and its ${String(h.firstTreeClients)} clients, first`,
      ms(h.firstTreeFirst),
      '—',
      '',
    ],
    [
      'time to first tree, warm',
      spread(h.firstTree),
      ...budgeted(median(h.firstTree), budgets.firstTreeMs, 'ms'),
    ],
    ['time to first tree: of which emulator handling', spread(h.firstTreeServer), '—', ''],
    ['bundle dist/extension.js', kb(bundleBytes), ...budgeted(bundleBytes / 1024, budgets.bundleKB, 'KB')],
    ['.vsix', kb(vsixBytes), ...budgeted(vsixBytes / 1024, budgets.vsixKB, 'KB')],
    ['create: command → .env written, total', spread(h.createTotal), '—', ''],
    ['create: emulator handling time', spread(h.createServer), '—', ''],
    [
      'create: overhead beyond the server',
      spread(h.createOverhead),
      ...budgeted(median(h.createOverhead), budgets.createOverheadMs, 'ms'),
    ],
    ["create: of which VS Code's fetch alone, beyond the server", spread(h.fetchOverhead), '—', ''],
    [
      'curl /clients/add: total (process start incl.)',
      h.curlTotal ? spread(h.curlTotal) : (h.curl ?? '—'),
      '—',
      '',
    ],
    ['curl /clients/add: overhead beyond the server', spread(h.curlOverhead), '—', ''],
    [
      `.env upsert, 10,000 lines (${kb(node.upsertBytes)})`,
      spread(node.upsert),
      ...budgeted(median(node.upsert), budgets.upsertMs, 'ms'),
    ],
    [`parse /clients/list, 2,000 clients (${kb(node.listBytes)})`, spread(node.listParse), '—', ''],
    [
      'tree: list 2,000 over HTTP + parse + first level rendered',
      spread(h.tree),
      ...budgeted(median(h.tree), budgets.treeMs, 'ms'),
    ],
    ['tree: of which emulator handling', spread(h.treeServer), '—', ''],
    [
      'Settings node, 200 settings: beyond the server',
      spread(h.settingsNodeOverhead),
      ...budgeted(median(h.settingsNodeOverhead), budgets.settingsNodeOverheadMs, 'ms'),
    ],
    ['Settings node: of which emulator handling', spread(h.settingsNodeServer), '—', ''],
    // Credentials in the workspace (issue 9), with a warm index of 2,000 clients.
    [
      `env problems: ${String(node.diagnosticsLines)}-line file, 20 client IDs, 2,000 clients`,
      spread(node.diagnostics),
      ...budgeted(median(node.diagnostics), budgets.diagnosticsMs, 'ms'),
    ],
    ['hover on a known client ID', spread(h.hover), ...budgeted(median(h.hover), budgets.hoverMs, 'ms')],
    [
      'list calls: 3 env files opened and saved in one refresh window, 1 application',
      String(h.listCallsOnOpen),
      ...budgeted(median(h.listCallsOnOpen), budgets.listCallsPerWindow, ''),
    ],
    // A platform team's scale (issue 16), plain Node: 50 applications × 2,000 clients.
    [
      'scale: one application’s 2,000 clients arriving, 98,000 others indexed, ÷ a plain Map of the same 2,000',
      ratio(node.scaleArrivalRatio),
      ...budgeted(median(node.scaleArrivalRatio), budgets.scaleArrivalRatio, '×'),
    ],
    ['scale: of which the arrival', spread(node.scaleArrival), '—', ''],
    [
      'scale: of which the yardstick, a plain Map of the same 2,000',
      spread(node.scaleArrivalYardstick),
      '—',
      '',
    ],
    ['scale: an ID nobody has, looked for in all 50 applications', spread(node.scaleMiss), '—', ''],
    [
      `scale: heap of the 100,000 clients and their lookup after GC (${node.scaleIndexMB.toFixed(1)} MB) ÷ the parsed lists alone (${node.scaleListsMB.toFixed(1)} MB)`,
      ratio(node.scaleIndexMB / node.scaleListsMB),
      ...budgeted(node.scaleIndexMB / node.scaleListsMB, budgets.scaleIndexRatio, '×'),
    ],
  ];
  const x = scale;
  const scaleRows: string[][] = [
    // The scale scenario in the extension host: 50 applications × 2,000 clients with 50 ms latency, 500 env files.
    [
      `scale view: what is shown first (${count(x.scaleFirstItems)} items) ÷ fetch + JSON.parse of those lists`,
      ratio(x.scaleFirstRatio),
      ...budgeted(median(x.scaleFirstRatio), budgets.scaleFirstShownRatio, '×'),
    ],
    ['scale view: of which shown first', spread(x.scaleFirstShown), '—', ''],
    ['scale view: of which the yardstick', spread(x.scaleFirstYardstick), '—', ''],
    [
      'scale view: all 50 expanded ÷ fetch + JSON.parse of the 50 lists, 4 at a time',
      ratio(x.scaleAllRatio),
      '—',
      '',
    ],
    ['scale view: of which all 50 listed', spread(x.scaleAllListed), '—', ''],
    ['scale view: of which the yardstick', spread(x.scaleAllYardstick), '—', ''],
    [
      'scale view: most list calls in flight at once',
      count(x.scaleListsInFlight),
      ...budgeted(median(x.scaleListsInFlight), budgets.scaleListsInFlight, ''),
    ],
    [
      'scale view: longest freeze of the extension host until shown first (emulators in the same process)',
      ms(x.scaleViewFreeze),
      ...budgeted(median(x.scaleViewFreeze), budgets.scaleFreezeMs, 'ms'),
    ],
    ['scale view: longest freeze while the other 47 are expanded and listed', ms(x.scaleAllFreeze), '—', ''],
    [
      'scale view: yardstick, longest freeze while fetch + JSON.parse of the 50 lists',
      ms(x.scaleYardstickFreeze),
      '—',
      '',
    ],
    [
      'scale env files: opening an env file ÷ opening the same text as .txt (medians, 50 of the 500 each, alternately)',
      ratio(x.scaleEnvOpenRatio),
      ...budgeted(median(x.scaleEnvOpenRatio), budgets.scaleEnvOpenRatio, '×'),
    ],
    ['scale env files: of which opening an env file', spread(x.scaleEnvOpen), '—', ''],
    ['scale env files: of which opening a .txt', spread(x.scaleTxtOpen), '—', ''],
    [
      `scale env files: problems after the file opened, index warm (${count(x.scaleProblemsMissing)} of 20 not shown within 1 s)`,
      spread(x.scaleProblems),
      ...budgeted(median(x.scaleProblems), budgets.scaleProblemsMs, 'ms'),
    ],
    ['scale env files: longest freeze while opening the 100', ms(x.scaleEnvFreeze), '—', ''],
    [
      'scale: Check All Env Files, 500 files, index warm',
      spread(x.scaleCheckAll),
      ...budgeted(median(x.scaleCheckAll), budgets.scaleCheckAllMs, 'ms'),
    ],
    ['scale: yardstick, reading the 500 files', spread(x.scaleReadAll), '—', ''],
    [
      'scale rotation: Reset Secret → offer to update the 100 files holding the client',
      ms(x.scaleRotationOffer),
      ...budgeted(median(x.scaleRotationOffer), budgets.scaleRotationOfferMs, 'ms'),
    ],
    [
      `scale rotation: Update All → every copy updated (${count(x.scaleRotationUpdated)} of 100)`,
      ms(x.scaleRotationCopies),
      ...budgeted(median(x.scaleRotationCopies), budgets.scaleRotationCopiesMs, 'ms'),
    ],
    [
      'scale rotation: longest freeze, reset to the last copy',
      ms(x.scaleRotationFreeze),
      ...budgeted(median(x.scaleRotationFreeze), budgets.scaleFreezeMs, 'ms'),
    ],
    ['scale activation: warm require + activate(), 50 applications', spread(x.activationWarm50), '—', ''],
    ['scale activation: yardstick, reading and compiling the bundle', spread(x.activationCompile50), '—', ''],
    [
      'scale activation: warm, beyond the yardstick',
      spread(x.activationBeyondCompile50),
      ...budgeted(median(x.activationBeyondCompile50), budgets.activationWarmMs, 'ms'),
    ],
    ['scale activation: of which evaluating the bundle', spread(x.activationEvaluate50), '—', ''],
    ...Object.entries((x.activationParts50 ?? {}) as unknown as Record<string, Summary>).map(([part, s]) => [
      `scale activation: of which ${part}`,
      spread(s),
      '—',
      '',
    ]),
  ];
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}; VS Code ${x.vscode} (code-server ${host}), extension host Node ${x.node}`;
  const lines = [
    `Machine: ${machine}`,
    '',
    '| measure | median (spread) | budget | |',
    '|---|---|---|---|',
    ...(scaleOnly ? rows.slice(-5) : rows).map((r) => `| ${r.join(' | ')} |`),
    ...scaleRows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...(x.partial ? ['', '**The scale scenario did not finish: its missing rows show —.**'] : []),
    `Load average (1, 5, 15 min) in the scale host: at its start ${loads(x.loadAverage, 'atStart')}, at its end ${loads(x.loadAverage, 'atEnd')}.`,
  ];
  console.log('\n' + lines.join('\n'));
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, 'bench.json'),
    JSON.stringify({ machine, bundleBytes, vsixBytes, node, host: hostResults, scale }, null, 2),
  );
  writeFileSync(path.join(RESULTS_DIR, 'bench.md'), lines.join('\n') + '\n');
}

void main();

#!/usr/bin/env node
// npm run bench: measures what the extension costs, in one run, and prints a table with the
// median and spread (p10–p90) of repeated runs beside each budget. Budgets are reported, never
// asserted on time; only sizes are checked in npm test (test/unit/sizeBudget.test.ts).
//   node test/bench/run.mjs [--host 4.100.3]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const host = process.argv.includes('--host') ? process.argv[process.argv.indexOf('--host') + 1] : '4.100.3';
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts });

// From a clean clone: the host is installed once (a no-op when it is there already).
run('bash', ['test/harness/installHosts.sh', host], { stdio: ['ignore', 'inherit', 'inherit'] });
console.log('building: production bundle, tests, .vsix …');
run('node', ['esbuild.mjs', '--tests']);
run('npm', ['run', '--silent', 'package']);
const budgets = JSON.parse(readFileSync(path.join(root, 'test/bench/budgets.json'), 'utf8'));
const bundleBytes = statSync(path.join(root, 'dist/extension.js')).size;
const vsixBytes = statSync(path.join(root, 'dist/identity-cloud-clients.vsix')).size;

console.log('plain Node: .env upsert and list parsing …');
const node = JSON.parse(run('node', ['out/test/bench/nodeBench.js']));

console.log(`extension host (code-server ${host}): activation, tree, create …`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'icc-bench-'));
const resultsFile = path.join(tmp, 'host.json');
process.env.BENCH_RESULTS = resultsFile;
const { runIntegration } = require('../harness/runIntegration.js');
const outcome = await runIntegration({
  host,
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out/test/bench/hostBench.js'),
  timeout: 300,
  verbose: false,
  keep: false,
});
let hostResults;
try {
  hostResults = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  console.error('the extension-host part of the benchmark wrote no results');
  process.exit(1);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (!outcome.ok) console.error('note: the extension-host run reported a failure; its figures may be partial');

const ms = (v) => (typeof v === 'number' ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : '—');
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const spread = (s) =>
  s && typeof s === 'object' ? `${ms(s.median)} (p10 ${ms(s.p10)} – p90 ${ms(s.p90)}, n=${s.runs})` : ms(s);
const verdict = (value, budget) => (value <= budget ? 'within' : 'OVER');
const rows = [
  ['activation, first (cold require + activate)', ms(hostResults.activationFirst), '—', ''],
  [
    'activation, warm',
    spread(hostResults.activationWarm),
    `≤ ${budgets.activationWarmMs} ms`,
    verdict(hostResults.activationWarm.median, budgets.activationWarmMs),
  ],
  [
    'bundle dist/extension.js',
    kb(bundleBytes),
    `≤ ${budgets.bundleKB} KB`,
    verdict(bundleBytes / 1024, budgets.bundleKB),
  ],
  ['.vsix', kb(vsixBytes), `≤ ${budgets.vsixKB} KB`, verdict(vsixBytes / 1024, budgets.vsixKB)],
  ['create: command → .env written, total', spread(hostResults.createTotal), '—', ''],
  ['create: emulator handling time', spread(hostResults.createServer), '—', ''],
  [
    'create: overhead beyond the server',
    spread(hostResults.createOverhead),
    `≤ ${budgets.createOverheadMs} ms`,
    verdict(hostResults.createOverhead.median, budgets.createOverheadMs),
  ],
  ["create: of which VS Code's fetch alone, beyond the server", spread(hostResults.fetchOverhead), '—', ''],
  [
    'curl /clients/add: total (process start incl.)',
    hostResults.curlTotal ? spread(hostResults.curlTotal) : String(hostResults.curl ?? '—'),
    '—',
    '',
  ],
  [
    'curl /clients/add: overhead beyond the server',
    hostResults.curlOverhead ? spread(hostResults.curlOverhead) : '—',
    '—',
    '',
  ],
  [
    `.env upsert, 10,000 lines (${kb(node.upsertBytes)})`,
    spread(node.upsert),
    `≤ ${budgets.upsertMs} ms`,
    verdict(node.upsert.median, budgets.upsertMs),
  ],
  [`parse /clients/list, 2,000 clients (${kb(node.listBytes)})`, spread(node.listParse), '—', ''],
  [
    'tree: list 2,000 over HTTP + parse + first level rendered',
    spread(hostResults.tree),
    `≤ ${budgets.treeMs} ms`,
    verdict(hostResults.tree.median, budgets.treeMs),
  ],
  ['tree: of which emulator handling', spread(hostResults.treeServer), '—', ''],
  [
    'Settings node, 200 settings: beyond the server',
    spread(hostResults.settingsNodeOverhead),
    `≤ ${budgets.settingsNodeOverheadMs} ms`,
    verdict(hostResults.settingsNodeOverhead.median, budgets.settingsNodeOverheadMs),
  ],
  ['Settings node: of which emulator handling', spread(hostResults.settingsNodeServer), '—', ''],
];
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}; VS Code ${hostResults.vscode} (code-server ${host}), extension host Node ${hostResults.node}`;
const lines = [
  `Machine: ${machine}`,
  '',
  '| measure | median (spread) | budget | |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];
console.log('\n' + lines.join('\n'));
mkdirSync(path.join(root, 'test-results'), { recursive: true });
writeFileSync(
  path.join(root, 'test-results/bench.json'),
  JSON.stringify({ machine, bundleBytes, mainBytes, vsixBytes, node, host: hostResults }, null, 2),
);
writeFileSync(path.join(root, 'test-results/bench.md'), lines.join('\n') + '\n');

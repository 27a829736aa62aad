// Proves that opening an env file activates the extension, in a VS Code that has not activated it
// yet (issue 15, item 6): the integration run cannot, since its tests activate the extension
// one way or another long before any of them could check. For each file below: a fresh
// code-server on a fresh git repository whose .gitignore ignores env files, with that file (and the
// others) in place at start; the extension is loaded as in the integration run and
// test/activation/openEnvFile.test.ts opens the one file ($ACTIVATION_OPEN) and checks.
//
//   node out/test/harness/runActivation.js [--host 4.100.3] [--json FILE] [--verbose] [--keep]
//
// Ends with "activation (VS Code x.y.z): N passed, N failed"; exit code 0 when every run passed.
// A file at the workspace's root would activate the extension at start (workspaceContains:.env),
// so both are nested: .env opens as `properties` and .env.local as `shellscript` before VS Code
// 1.106, both as `dotenv` from then on.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine } from './cli';
import { DEFAULT_HOST, REPO_ROOT, exitWith, type TierResult } from './codeServer';
import { runIntegration } from './runIntegration';

const USAGE =
  'usage: node out/test/harness/runActivation.js [--host VERSION] [--json FILE] [--verbose] [--keep]';

/** The files each run opens, one per run: a nested .env and a nested .env.local. */
const OPENED = ['apps/web/.env', 'services/a/.env.local'] as const;

/** A git repository holding every file of {@link OPENED}, each ignored by its .gitignore. */
function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icc-activation-workspace-'));
  execFileSync('git', ['init', '-q', dir]);
  fs.writeFileSync(path.join(dir, '.gitignore'), '.env\n.env.*\n');
  fs.writeFileSync(path.join(dir, 'README.md'), '# a service\n');
  for (const file of OPENED) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), 'PORT=8080\n');
  }
  return dir;
}

async function main(): Promise<TierResult> {
  const values = parseCommandLine(USAGE, {
    host: { type: 'string', default: DEFAULT_HOST },
    json: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  });
  const started = Date.now();
  const total: TierResult = { passed: 0, failed: 0, pending: 0, ok: true, host: values.host, seconds: 0 };
  for (const file of OPENED) {
    const workspace = makeWorkspace();
    try {
      const result = await runIntegration({
        host: values.host,
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'activation', 'index.js'),
        workspace,
        timeout: 300,
        verbose: values.verbose,
        keep: values.keep,
        env: { ACTIVATION_OPEN: file },
        label: 'activation',
        tier: `activation, ${file}`,
      });
      total.passed += result.passed;
      total.failed += result.failed;
      total.pending += result.pending;
      total.ok &&= result.ok;
      total.vscodeVersion ??= result.vscodeVersion;
      if (result.error) total.error ??= result.error;
    } finally {
      if (!values.keep) fs.rmSync(workspace, { recursive: true, force: true });
    }
  }
  total.seconds = (Date.now() - started) / 1000;
  const label = total.vscodeVersion ? `VS Code ${total.vscodeVersion}` : `code-server ${values.host}`;
  console.log(`activation (${label}): ${total.passed} passed, ${total.failed} failed`);
  if (values.json)
    fs.writeFileSync(path.resolve(values.json), JSON.stringify({ tier: 'activation', ...total }, null, 2));
  return total;
}

if (require.main === module) exitWith(main());

// The sandbox (npm start) pre-configures an application from $IDENTITY_CLOUD_SANDBOX_APP. That
// code must exist only in the sandbox bundle: an installed extension must have no way to be
// pre-configured by its environment. Builds the three bundles with the project's own esbuild.mjs,
// in a temp folder (so dist/ is left alone), and looks for the seed in each.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = (() => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'esbuild.mjs'))) return dir;
  }
  throw new Error(`esbuild.mjs not found above ${__dirname}`);
})();

/** Strings only the seed's code (test/sandbox/seed.ts) puts into a bundle. */
const SEED_CODE = ['IDENTITY_CLOUD_SANDBOX_APP', 'test/sandbox/seed'];
/** The call in src/extension.ts: a dead `if (false)` branch without the seed in an unminified bundle. */
const SEED_CALL = 'seedSandbox';

describe('the sandbox seed is only in the sandbox bundle', function () {
  this.timeout(60000);
  let work: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'icc-bundles-'));
    // esbuild.mjs builds src/extension.ts into dist/ (or dist-sandbox/) below the working directory.
    symlinkSync(join(root, 'src'), join(work, 'src'), 'dir');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  function build(...flags: string[]): string {
    execFileSync(process.execPath, [join(root, 'esbuild.mjs'), ...flags], { cwd: work, stdio: 'pipe' });
    const out = join(work, flags.includes('--sandbox') ? 'dist-sandbox' : 'dist', 'extension.js');
    return readFileSync(out, 'utf8');
  }

  function traces(bundle: string, strings: readonly string[]): string[] {
    return strings.filter((trace) => bundle.includes(trace));
  }

  it('is not in the production bundle (what `npm run package` puts in the .vsix)', () => {
    const bundle = build('--production');
    assert.ok(bundle.includes('identityCloud.createClient'), 'this is the extension bundle');
    assert.deepEqual(traces(bundle, [...SEED_CODE, SEED_CALL]), []);
  });

  it('is not in the development bundle (what the integration tests load)', () => {
    // Without minification esbuild keeps the dead branch's call (`null.seedSandbox(...)`), never the seed.
    assert.deepEqual(traces(build(), SEED_CODE), []);
  });

  it('is in the sandbox bundle (npm start)', () => {
    const bundle = build('--sandbox');
    assert.ok(bundle.includes('IDENTITY_CLOUD_SANDBOX_APP'), 'the sandbox bundle reads the seed variable');
    assert.ok(bundle.includes('seedSandbox'), 'the sandbox bundle calls the seed');
  });
});

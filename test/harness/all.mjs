#!/usr/bin/env node
// `npm test`. The test runner is TypeScript like the rest, so this entry only builds out/
// (`node esbuild.mjs --tests`) and hands over to out/test/harness/tiers.js, which builds the rest
// and runs every tier (see test/harness/tiers.ts). If out/ cannot be built, nothing can run:
// the summary line says so.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const node = (...args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

console.log('== build: node esbuild.mjs --tests');
// From scratch: a test file deleted from test/ must not run on from a stale out/.
rmSync(join(root, 'out'), { recursive: true, force: true });
if (node('esbuild.mjs', '--tests') !== 0) {
  console.log('\nnode esbuild.mjs --tests failed, so no tier could run\n0 passed, 1 failed');
  process.exit(1);
}
process.exit(node(join('out', 'test', 'harness', 'tiers.js'), ...process.argv.slice(2)));

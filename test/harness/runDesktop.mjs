#!/usr/bin/env node
// npm run test:desktop: the integration suite in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (this one cannot: there, npm test runs the same suite
// in code-server's extension host). Extra arguments go to VS Code, e.g. a workspace folder.
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
execFileSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
execFileSync('node', ['esbuild.mjs', '--tests'], { cwd: root, stdio: 'inherit' });
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/integration/index.js'),
    launchArgs: [
      mkdtempSync(join(tmpdir(), 'icc-desktop-')),
      '--disable-extensions',
      ...process.argv.slice(2),
    ],
  });
} catch (error) {
  console.error(`desktop VS Code tests did not run: ${error instanceof Error ? error.message : error}`);
  console.error(
    'Without access to update.code.visualstudio.com, run `npm test`: the same suite in code-server.',
  );
  process.exit(1);
}

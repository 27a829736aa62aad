// npm run test:desktop: the integration suite in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (this one cannot: there, npm test runs the same suite
// in code-server's extension host). Build first (the npm script does): node esbuild.mjs && node esbuild.mjs --tests
//
//   node out/test/harness/runDesktop.js [--vscode-version stable] [--workspace DIR]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { parseCommandLine } from './cli';
import { REPO_ROOT } from './codeServer';

const USAGE =
  'usage: node out/test/harness/runDesktop.js [--vscode-version VERSION (default stable)] [--workspace DIR]';

async function main(): Promise<void> {
  const options = parseCommandLine(USAGE, {
    'vscode-version': { type: 'string', default: 'stable' },
    workspace: { type: 'string' },
  });
  try {
    await runTests({
      version: options['vscode-version'],
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, 'out/test/integration/index.js'),
      launchArgs: [
        options.workspace ? resolve(options.workspace) : mkdtempSync(join(tmpdir(), 'icc-desktop-')),
        '--disable-extensions',
      ],
    });
  } catch (error) {
    console.error(
      `desktop VS Code tests did not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    console.error(
      'Without access to update.code.visualstudio.com, run `npm test`: the same suite in code-server.',
    );
    process.exit(1);
  }
}

void main();

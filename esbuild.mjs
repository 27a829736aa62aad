// Builds the extension (dist/extension.js) and, with --tests, transpiles src/, test/ and scripts/
// file by file into out/ so mocha can run them in plain Node and in the extension host.
//   node esbuild.mjs               development bundle with source maps
//   node esbuild.mjs --production  minified bundle for packaging (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild the bundle on change
//   node esbuild.mjs --tests       out/ for the test tiers, the harness, the emulator, the benchmark and scripts/
//   node esbuild.mjs --sandbox     dist-sandbox/extension.js: the extension plus the sandbox seed
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const sandbox = args.has('--sandbox');

/**
 * The README's descriptions of command arguments (`meaning`, `example` in src/commands/arguments.ts)
 * are read only by the test that renders the README table, never at run time: the packaged bundle
 * leaves them out (about 4 KB). Every one must be a plain string literal, or the build stops.
 */
const dropArgumentDocs = {
  name: 'drop-argument-docs',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]commands[\\/]arguments\.ts$/ }, (file) => {
      const source = readFileSync(file.path, 'utf8');
      const literal = /\b(meaning|example):\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g;
      // Every value given to one (the interface's own `readonly meaning: string` aside).
      const fields = source.match(/(?<!readonly )\b(?:meaning|example):/g)?.length ?? 0;
      let dropped = 0;
      const contents = source.replace(literal, (_, key) => (dropped++, `${key}: ''`));
      if (dropped !== fields)
        return {
          errors: [
            {
              text: `arguments.ts: ${fields - dropped} meaning/example values are not plain string literals`,
            },
          ],
        };
      return { contents, loader: 'ts' };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const bundle = {
  // The sandbox (npm start) has its own entry, which wraps activate with the emulator's set-up.
  entryPoints: { extension: sandbox ? 'test/sandbox/extension.ts' : 'src/extension.ts' },
  outdir: sandbox ? 'dist-sandbox' : 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: args.has('--meta'),
  plugins: production ? [dropArgumentDocs] : [],
};

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

if (args.has('--tests')) {
  await esbuild.build({
    entryPoints: [...walk('src'), ...walk('test'), ...walk('scripts')],
    outdir: 'out',
    outbase: '.',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
} else if (args.has('--watch')) {
  const ctx = await esbuild.context(bundle);
  await ctx.watch();
} else {
  const result = await esbuild.build(bundle);
  if (result.metafile) console.log(await esbuild.analyzeMetafile(result.metafile));
}

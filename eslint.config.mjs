// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Modules that must stay plain TypeScript (unit-tested in Node, no VS Code): they may not import 'vscode'.
const pureFolders = [
  'src/api/**',
  'src/env/**',
  'src/common/**',
  'src/network/**',
  // The commands' argument schemas and the view's node kinds, unit-tested in Node.
  'src/commands/arguments.ts',
  'src/views/nodeKinds.ts',
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-sandbox/**', 'out/**', 'node_modules/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // `import vscode = require('vscode')` is a plain require in the bundle. A namespace import
    // (`import * as vscode`) makes esbuild copy VS Code's whole API object into a new one with a
    // getter per property, once per module that imports it: about 60 modules × 200 properties,
    // every activation (see README, Performance).
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='vscode'][importKind!='type']",
          message: "Use import vscode = require('vscode'): the bundle then requires VS Code's API as it is.",
        },
      ],
    },
  },
  {
    files: pureFolders,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'This folder is plain TypeScript: pass what you need in.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);

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
    files: pureFolders,
    rules: {
      'no-restricted-imports': [
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

// ESLint flat config: typescript-eslint (type-aware) + Prettier compatibility.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const coreBoundary = {
  patterns: [
    {
      group: ['vscode', 'fs', 'path', 'node:*', 'worker_threads', 'child_process', 'os'],
      message: 'src/core must stay free of vscode and Node I/O (ARCHITECTURE.md, invariant 1). Pass a reader in instead.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-e2e/**', '.vscode-test/**', '**/*.d.ts', 'coverage/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', coreBoundary] } },
  { files: ['**/*.mjs', '**/*.js', 'scripts/**', 'bench/**'], languageOptions: { globals: { ...globals.node } } },
  { files: ['webview/**'], languageOptions: { globals: { ...globals.browser } } },
  prettier,
);

// ESLint looks for its flat config at the top of the project, so it lives here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'test/bench/rssReporter.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The core runs in the extension host, the browser and the CLI: no editor API, no file system.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['vscode'], message: 'src/core must not import vscode: put editor code in src/vscode.' },
        { group: ['fs', 'node:*', 'path', 'child_process', 'os', 'zlib'], message: 'src/core must stay pure (it also runs in the browser).' },
        { group: ['../vscode/*', '../cli/*', '../../vscode/*', '../../cli/*'], message: 'src/core must not depend on adapters.' },
      ] }],
    },
  },
  {
    // The adapters see the core through its entry point only (src/core/index.ts: the service, its types and
    // constants), as an editor sees vscode-json-languageservice through getLanguageService; the extension's
    // activation code also through src/core/reading.ts (reading a document and telling whether it is ours).
    files: ['src/vscode/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/core/*', '!**/core/index', '!**/core/reading'], message: 'Adapters import the core only from its entry points: import { getKmsLensService, ... } from \'../core\' (add what is missing to src/core/service.ts or src/core/index.ts), or, for activation, from \'../core/reading\'.' },
      ] }],
    },
  },
  {
    files: ['esbuild.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

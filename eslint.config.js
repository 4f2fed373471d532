import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**', 'dist/**', 'dist-electron/**', 'dist-cli/**', 'test-results/**',
      'playwright-report/**', 'artifacts/**', 'sample-data/large/**', 'bench/out/**', '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // models/ is pure: it runs unchanged in Node, workers and the browser.
    files: ['models/**/*.ts'],
    ignores: ['models/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'vue', 'pinia', '@duckdb/*', 'node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process'], message: 'models/ is pure TypeScript: no DOM, Node, Electron, Vue or DuckDB.' },
          { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'models/ must not import app layers.' },
        ],
      }],
    },
  },
);

import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['lib/', 'dist/', 'node_modules/', 'coverage/', 'client/vendor/', 'test/fixtures/', '**/*.cjs', '.stryker-tmp/', 'reports/']},
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly'}},
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      // noUncheckedIndexedAccess makes `!` after a checked index the honest way to say it
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off'
    }
  },
  {files: ['bin/**', 'bench/**', 'test/**'], rules: {'no-console': 'off'}},
  // The dev server's pages run these in the browser
  {
    files: ['client/**'],
    languageOptions: {
      globals: {document: 'readonly', window: 'readonly', location: 'readonly', EventSource: 'readonly', CustomEvent: 'readonly', DOMParser: 'readonly', fetch: 'readonly', HTMLElement: 'readonly'}
    }
  }
)

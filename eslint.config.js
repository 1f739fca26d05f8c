// ESLint 9 flat config (`npm run lint`, part of `npm test`). Syntax-only typescript-eslint rules (no type
// information) keep it fast; the type checker itself runs in `npm run typecheck`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  // src/**/assembly/ is AssemblyScript (u32, store<T>, …), compiled by scripts/build-wasm.mjs, not TypeScript
  globalIgnores(['dist/', 'docs/', 'examples/', 'coverage/', 'src/**/assembly/']),
  {
    name: 'escapelab/typescript',
    files: ['{src,test,proofs,sims,scripts}/**/*.{ts,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters, destructured leftovers and caught errors
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    name: 'escapelab/javascript',
    files: ['scripts/**/*.{js,mjs,cjs}', 'bin/**/*.js', '*.{js,mjs,cjs}', '.dependency-cruiser.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'escapelab/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    name: 'escapelab/src-size',
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
    },
  },
]);

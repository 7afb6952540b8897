import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

import layers from './eslint/layers.js'

// A small rule set the code meets, and the layer boundaries of docs/architecture.md.
export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'demo-output/', 'coverage/', 'tests/fixtures/bad/', 'samples/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {...globals.node}},
    rules: {
      // Unused bindings prefixed with _ are deliberate (destructuring a field away).
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_'}],
    },
  },
  {
    // CommonJS helpers loaded with node --require.
    files: ['**/*.cjs'],
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
  {
    // Tests write ID numbers as the numbers Excel stores: losing the last digits is the point.
    files: ['tests/**/*.ts'],
    rules: {'no-loss-of-precision': 'off'},
  },
  {
    files: ['src/**/*.ts', 'commands/**/*.ts'],
    plugins: {layers},
    rules: {'layers/boundaries': ['error', {allow: []}]},
  },
  // The two representations of linkage records never import each other (src/link/representation.ts).
  ...[
    ['plain', 'tokenized'],
    ['tokenized', 'plain'],
  ].map(([from, to]) => ({
    files: [`src/link/${from}/**/*.ts`],
    rules: {'no-restricted-imports': ['error', {patterns: [{group: [`../${to}/*`, `**/link/${to}/*`], message: `src/link/${from} never imports src/link/${to}: what they share lives in src/link (docs/architecture.md)`}]}]},
  })),
)

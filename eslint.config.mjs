// Code rules for the TypeScript sources, run by `npm run lint` beside the architecture rules in
// .dependency-cruiser.cjs. typescript-eslint's `recommended`, not `recommended-type-checked`: the
// type-aware rules build a whole TypeScript program per run, too slow on this 2-core machine, and
// `npm run typecheck` already runs in CI. Each rule turned off or tuned says why on its line.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // `any` is written on purpose at seams: heterogeneous projection lists, gRPC handlers,
      // upcasters, wire documents in tests. `strict` already refuses an implicit one.
      '@typescript-eslint/no-explicit-any': 'off',
      // A leading underscore marks a value dropped on purpose, mostly `const { _id, ...rest } = doc`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
);

import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { secureContextRules } from './tools/eslint/secure-context.js';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'migrations/**', 'data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  secureContextRules,
  {
    // realtime/ owns socket.io: features answer commands and announce changes through it.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/realtime/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'socket.io', message: 'Only server/src/realtime/ touches socket.io.' }] }],
      'no-restricted-properties': ['error', { property: 'channels', message: 'Raw channels are for realtime/ only: announce instead.' }],
    },
  },
);

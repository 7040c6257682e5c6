import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    include: ['server/**/*.test.ts', 'test/**/*.test.ts'],
    // Files run in parallel forks; each makes its own databases, so they never share state.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

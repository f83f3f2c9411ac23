import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and server tests bind ports and spawn processes; files run in parallel, tests in a file in order.
    pool: 'forks',
  },
});

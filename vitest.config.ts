import { defineConfig } from 'vitest/config';

// Two projects: `node` (npm test) needs only Node and npm; `browser` (npm run test:browser) drives Debian's
// Chromium, which .ci/run installs. Neither skips anything: a missing browser fails `test:browser` loudly.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Server tests bind ports and spawn processes; files run in parallel, tests in a file in order.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/**/*.browser.test.ts'] } },
      { extends: true, test: { name: 'browser', include: ['test/**/*.browser.test.ts'] } },
    ],
  },
});

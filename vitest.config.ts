import { defineConfig } from 'vitest/config';

/**
 * The files that start processes (the built CLI, ESLint, git, tsc over whole apps, servers, browsers) or
 * run long (the 10,000-variant fuzz): `npm test` runs them, `npm run test:unit` (the inner loop) does not.
 */
const SLOW = [
  'test/**/*.e2e.test.ts',
  'test/e2e/**',
  'test/runtime/**',
  'test/check/parity.test.ts',
  'test/robustness/fuzz.test.ts',
  'test/robustness/sweep.test.ts',
];

export default defineConfig({
  test: {
    // Each test file loads ts-morph and typescript once; the end-to-end tests spawn ESLint.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Rules rethrow instead of degrading; no index cache between test runs (its own tests turn it on).
    env: { IGNITER_RT_THROW: '1', IGNITER_RT_CACHE: '0' },
    // Vitest's default on a 2-core machine is one worker (cores - 1): the second core would only serve
    // the processes tests spawn. Two workers keep both busy.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});

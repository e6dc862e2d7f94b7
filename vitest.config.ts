import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file loads ts-morph and typescript once; the end-to-end tests spawn ESLint.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Rules rethrow instead of degrading; no index cache between test runs (its own tests turn it on).
    env: { IGNITER_RT_THROW: '1', IGNITER_RT_CACHE: '0' },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file loads ts-morph and typescript once; the end-to-end tests spawn ESLint.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { IGNITER_RT_THROW: '1' },
  },
});

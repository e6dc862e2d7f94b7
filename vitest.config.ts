import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.shared.js';

/**
 * The files that start processes (the built CLI, ESLint, git, tsc over whole apps, servers, browsers) or
 * run long (the fuzzed tests): `npm test` runs them, `npm run test:unit` (the inner loop) does not.
 */
const SLOW = [
  'test/**/*.e2e.test.ts',
  'test/e2e/**/*.test.ts',
  'test/runtime/**/*.test.ts',
  'test/generate/layouts.test.ts',
  'test/check/parity.test.ts',
  'test/check/parse-errors.fuzz.test.ts',
  'test/robustness/fuzz.test.ts',
  'test/robustness/sweep.test.ts',
];

export default defineConfig({
  test: {
    ...sharedTestOptions,
    projects: [
      // test/ts5.9/ runs only under vitest.ts5.9.config.ts (`npm run test:ts5.9`), where TypeScript is 5.9.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts', 'rules/**/*.test.ts'], exclude: [...SLOW, 'test/ts5.9/**'] } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});

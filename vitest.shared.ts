import { availableParallelism } from 'node:os';

/** What every vitest run of this repository shares: vitest.config.ts (`npm test`, `npm run test:unit`) and vitest.ts5.9.config.ts. */
export const sharedTestOptions = {
  // Each test file loads ts-morph and typescript once; the end-to-end tests spawn ESLint.
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Rules rethrow instead of degrading; no index cache between test runs (its own tests turn it on).
  env: { IGNITER_RT_THROW: '1', IGNITER_RT_CACHE: '0' },
  // Vitest's default is one worker per core but one (on a 2-core machine: one worker, and the second
  // core serves only the processes tests spawn). One per core keeps them all busy; the main process
  // only collects results.
  maxWorkers: availableParallelism(),
  // A worker runs its files one after another in the same process instead of a fresh one per file:
  // TypeScript, ts-morph and ESLint load once per worker, not once per file (about a third of the
  // unit run's CPU time). Tests keep no state between files: temp folders have unique names, and a
  // test that sets an environment variable restores it.
  isolate: false,
};

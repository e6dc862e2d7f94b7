import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.shared.js';

/**
 * `npm run test:ts5.9`: the rule tests in processes whose only TypeScript is 5.9 (what every real
 * Igniter.js app seen pins), the parser's and ts-morph's alike (test/support/typescript-5.9.ts). The
 * main run already lints every case on 5.9's syntax trees, read by ts-morph on 6.0; this run proves
 * the rules give the same results when ts-morph itself runs on 5.9, as it does in such an app.
 */
export default defineConfig({
  test: {
    ...sharedTestOptions,
    setupFiles: ['test/support/typescript-5.9.ts'],
    // The rule tests (each rule's folder, the docs examples, odd input); not the ones that run tsc.
    include: ['test/ts5.9/**/*.test.ts', 'test/rules/*.test.ts', 'rules/*/*.test.ts', 'test/rule-docs.test.ts'],
    exclude: ['**/*.typecheck.test.ts', '**/node_modules/**'],
  },
});

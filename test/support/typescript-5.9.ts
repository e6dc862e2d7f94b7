/**
 * Vitest setup of `vitest.ts5.9.config.ts`: every `typescript` and `@typescript-eslint/parser` the
 * process loads from here on is TypeScript 5.9's (scripts/typescript-overlay.js), the plugin's and
 * ts-morph's included, as in an app that pins `typescript` ^5.
 */
import { join } from 'node:path';
import { redirectToOverlay, typescriptOverlay } from '../../scripts/typescript-overlay.js';

const redirected = Symbol.for('igniter-rt.test.typescript-5.9');
const state = globalThis as { [redirected]?: true };
// Setup files run before each test file, and a worker runs several: redirect once per process.
if (!state[redirected]) {
  redirectToOverlay(typescriptOverlay(join(import.meta.dirname, '..', '..'), 'typescript59'));
  state[redirected] = true;
}

/**
 * Run by `npm run test:ts5.9` only (vitest.ts5.9.config.ts), where TypeScript 5.9 is the only
 * TypeScript: ts-morph runs on it too (src/analysis/morph-typescript.ts), so the rule tests of that run
 * exercise the whole analysis on 5.9, not only 5.9's syntax trees.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sharesProjectTypeScript, tsMorph } from '../../src/analysis/morph.js';

describe('a process whose only TypeScript is 5.9', () => {
  it('gives ts-morph that TypeScript instead of its bundled 6.0', () => {
    // As in an ESLint run, the parser has loaded its TypeScript before a rule loads ts-morph.
    const parserTs = createRequire(createRequire(import.meta.url).resolve('@typescript-eslint/parser'))('typescript') as ReturnType<typeof tsMorph>['ts'];
    const { ts } = tsMorph();
    expect(ts.version).toMatch(/^5\.9\./);
    expect(sharesProjectTypeScript).toBe(true);
    expect(ts.createSourceFile).toBe(parserTs.createSourceFile);
  });
});

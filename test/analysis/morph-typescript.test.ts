/**
 * Whether ts-morph may run on the app's TypeScript instead of its bundled one
 * (src/analysis/morph-typescript.ts), decided from what the TypeScript defines and what ts-morph uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredSyntaxEnums, mentionedMembers, morphRunsOn } from '../../src/analysis/morph-typescript.js';
import { repoRoot } from '../support/built-cli.js';

const require = createRequire(join(repoRoot, 'package.json'));
const morphPath = require.resolve('ts-morph');
const commonPath = createRequire(morphPath).resolve('@ts-morph/common');
const sources = [readFileSync(morphPath, 'utf8'), readFileSync(commonPath, 'utf8')];
const bundledDeclarations = readFileSync(join(dirname(commonPath), '..', 'lib', 'typescript.d.ts'), 'utf8');
const typescript59 = require('typescript59') as Record<string, unknown> & { version: string; SyntaxKind: Record<string, number> };
const typescript60 = require('typescript') as Record<string, unknown>;

/** A TypeScript module like `base` with some exports replaced. */
function variant(base: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(base)) copy[name] = base[name];
  return Object.assign(copy, changes);
}

describe('ts-morph on the app\'s TypeScript', () => {
  it('reads what ts-morph uses from its code and the syntax numbering from the bundled declarations', () => {
    const mentioned = mentionedMembers(sources);
    expect(mentioned).toContain('forEachChild');
    expect(mentioned).toContain('createSourceFile');
    expect(mentioned).toContain('SyntaxKind.Identifier');
    const enums = declaredSyntaxEnums(bundledDeclarations);
    expect(enums.get('SyntaxKind')?.get('Identifier')).toBe(typescript60.SyntaxKind && (typescript60.SyntaxKind as Record<string, number>).Identifier);
    expect(enums.get('NodeFlags')?.get('Const')).toBe(2);
    expect(enums.get('ModifierFlags')?.size).toBeGreaterThan(10);
  });

  it('runs on TypeScript 5.9 (what Igniter.js apps pin) and on the bundled major', () => {
    expect(typescript59.version).toMatch(/^5\.9\./);
    expect(morphRunsOn(typescript59, sources, bundledDeclarations)).toEqual({ runs: true });
    expect(morphRunsOn(typescript60, sources, bundledDeclarations)).toEqual({ runs: true });
  });

  it('refuses a TypeScript that numbers syntax otherwise or lacks what ts-morph calls', () => {
    const renumbered = variant(typescript59, { SyntaxKind: { ...typescript59.SyntaxKind, Identifier: typescript59.SyntaxKind.Identifier + 1 } });
    expect(morphRunsOn(renumbered, sources, bundledDeclarations)).toEqual({ runs: false, reason: expect.stringContaining('SyntaxKind.Identifier') });
    const withoutForEachChild = variant(typescript59, { forEachChild: undefined });
    expect(morphRunsOn(withoutForEachChild, sources, bundledDeclarations)).toEqual({ runs: false, reason: 'ts.forEachChild is missing' });
    const { Identifier: _identifier, ...kinds } = typescript59.SyntaxKind;
    expect(morphRunsOn(variant(typescript59, { SyntaxKind: kinds }), sources, bundledDeclarations).runs).toBe(false);
    expect(morphRunsOn(typescript59, ['module.exports = {};'], bundledDeclarations).runs).toBe(false);
  });
});

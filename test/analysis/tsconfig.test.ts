/**
 * Module resolution as the project's tsconfig defines it (src/analysis/tsconfig.ts): `paths` from any
 * folder, and bare specifiers whose answer depends on where they are written (a package's own name, its
 * node_modules), asked in either order.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createModuleResolver } from '../../src/analysis/tsconfig.js';

const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'igniter-rt-resolve-')));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('module resolution', () => {
  const root = tree({
    'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
    'package.json': JSON.stringify({ name: 'app' }),
    'src/lib/a.ts': 'export const a = 1;',
    'src/x/one.ts': '',
    'src/y/deep/two.ts': '',
    // A package of its own: its name resolves to its sources from inside it only.
    'packages/inner/package.json': JSON.stringify({ name: 'inner', exports: { './x': './x.ts' } }),
    'packages/inner/x.ts': 'export const x = 1;',
    'packages/inner/src/use.ts': '',
    // A folder with its own node_modules holding a package that is project source by a symlink-free copy.
    'packages/other/node_modules/shared/package.json': JSON.stringify({ name: 'shared', main: 'index.ts' }),
    'packages/other/node_modules/shared/index.ts': '',
    'packages/other/src/use.ts': '',
  });
  const questions: [string, string][] = [
    ['@/lib/a', 'src/x/one.ts'],
    ['@/lib/a', 'src/y/deep/two.ts'],
    ['@/lib/a', 'packages/inner/src/use.ts'],
    ['inner/x', 'packages/inner/src/use.ts'],
    ['inner/x', 'src/x/one.ts'],
    ['inner/x', 'packages/inner/x.ts'],
    ['shared', 'packages/other/src/use.ts'],
    ['shared', 'src/x/one.ts'],
    ['lib/a', 'src/x/one.ts'],
    ['src/lib/a', 'packages/other/src/use.ts'],
    ['../lib/a', 'src/x/one.ts'],
    ['../lib/a', 'src/y/deep/two.ts'],
    ['#internal', 'src/x/one.ts'],
  ];
  const answers = (order: [string, string][]) => {
    const resolver = createModuleResolver(root);
    const found = new Map(order.map(([specifier, from]) => [`${specifier} from ${from}`, resolver.resolve(specifier, join(root, from))?.slice(root.length + 1)]));
    return questions.map(([specifier, from]) => `${specifier} from ${from}: ${found.get(`${specifier} from ${from}`)}`);
  };

  it('answers each bare specifier as written where it is, whatever was asked before', () => {
    const expected = [
      '@/lib/a from src/x/one.ts: src/lib/a.ts',
      '@/lib/a from src/y/deep/two.ts: src/lib/a.ts',
      '@/lib/a from packages/inner/src/use.ts: src/lib/a.ts',
      'inner/x from packages/inner/src/use.ts: packages/inner/x.ts',
      'inner/x from src/x/one.ts: undefined',
      'inner/x from packages/inner/x.ts: packages/inner/x.ts',
      'shared from packages/other/src/use.ts: undefined',
      'shared from src/x/one.ts: undefined',
      'lib/a from src/x/one.ts: undefined',
      'src/lib/a from packages/other/src/use.ts: src/lib/a.ts',
      '../lib/a from src/x/one.ts: src/lib/a.ts',
      '../lib/a from src/y/deep/two.ts: undefined',
      '#internal from src/x/one.ts: undefined',
    ];
    expect(answers(questions)).toEqual(expected);
    expect(answers([...questions].reverse())).toEqual(expected);
  });
});

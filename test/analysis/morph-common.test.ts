/**
 * The lean load of @ts-morph/common (src/analysis/morph-common.ts): the installed bundle is recognised,
 * the lean copy is what ts-morph then runs on, and its lib files, built on first use, are the same as
 * the bundle's own. Each load runs in a fresh `node` (a module loads once per process).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { leanSource, libFilesLiteral } from '../../src/analysis/morph-common.js';
import { ensureBuilt, repoRoot } from '../support/built-cli.js';

const require = createRequire(join(repoRoot, 'package.json'));
const commonPath = createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common');
const bundle = readFileSync(commonPath, 'utf8');

beforeAll(() => ensureBuilt('analysis/morph-common.js'), 120_000);

interface Load {
  lean: boolean;
  libFiles: number;
  libHash: string;
  /** A type that needs the lib files: an in-memory project (as `generate` makes) must still find them. */
  mappedType: string;
}

function load(env: Record<string, string> = {}): Load {
  const morph = pathToFileURL(join(repoRoot, 'dist', 'src', 'analysis', 'morph.js')).href;
  const script = `
    import { createHash } from 'node:crypto';
    import Module, { createRequire } from 'node:module';
    const { tsMorph } = await import(${JSON.stringify(morph)});
    const { Project } = tsMorph();
    const common = createRequire(${JSON.stringify(require.resolve('ts-morph'))})('@ts-morph/common');
    const project = new Project({ useInMemoryFileSystem: true });
    const file = project.createSourceFile('/a.ts', 'const x: Array<string> = []; export const y = x.map((s) => s.length);');
    const libs = common.getLibFiles();
    console.log(JSON.stringify({
      lean: !Module._cache[${JSON.stringify(commonPath)}].exports.getLibFiles.toString().includes('return libFiles;'),
      libFiles: libs.length,
      libHash: createHash('sha1').update(JSON.stringify(libs)).digest('hex'),
      mappedType: file.getVariableDeclarationOrThrow('y').getType().getText(),
    }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Load;
}

describe('the lean @ts-morph/common', () => {
  it('recognises the installed bundle and cuts nearly all of it: the lib texts', () => {
    const literal = libFilesLiteral(bundle);
    expect(literal).toBeDefined();
    expect(bundle[literal![0]]).toBe('[');
    expect(bundle[literal![1] - 1]).toBe(']');
    const lean = leanSource(bundle)!;
    expect(lean.length).toBeLessThan(bundle.length / 10);
    expect(lean).toContain('return libFiles ??= __libFiles();');
    expect(lean).not.toContain('lib.es5.d.ts');
    // The code after the cut keeps its line numbers (stack traces name the bundle's lines).
    const line = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    expect(line(lean, 'const libFolderInMemoryPath')).toBe(line(bundle, 'const libFolderInMemoryPath'));
  });

  it('refuses a bundle laid out otherwise, so that it is loaded the usual way', () => {
    expect(leanSource(bundle.replace('return libFiles;', 'return [...libFiles];'))).toBeUndefined();
    expect(leanSource(`${bundle}\nexports.raw = libFiles;\n`)).toBeUndefined();
    expect(leanSource('module.exports = {};')).toBeUndefined();
  });

  it('is what ts-morph runs on, with the same lib files, built when first asked for', () => {
    const lean = load();
    const usual = load({ IGNITER_RT_LEAN_MORPH: '0' });
    expect(lean.lean).toBe(true);
    expect(usual.lean).toBe(false);
    expect(lean.libFiles).toBeGreaterThan(50);
    expect(lean.libHash).toBe(usual.libHash);
    expect(lean.mappedType).toBe('number[]');
    expect(usual.mappedType).toBe('number[]');
  });
});

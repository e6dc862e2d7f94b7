/**
 * The V8 code cache for TypeScript and ts-morph (src/analysis/code-cache.ts), exercised on a small
 * CommonJS package in a temp node_modules, each load in a fresh `node` (a module loads once per
 * process). On Node versions with `module.enableCompileCache` the cache stays off by design, and these
 * tests check that instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../support/built-cli.js';

/** Node < 22.1: no compile cache of its own, so ours turns on. */
const ours = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache !== 'function';
const temp = mkdtempSync(join(tmpdir(), 'igniter-rt-code-cache-'));
const packageDir = join(temp, 'node_modules', 'fake-big');
const cacheDir = join(temp, 'node_modules', '.cache', 'igniter-rt', 'v8');

beforeAll(() => ensureBuilt('analysis/code-cache.js'), 120_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function writePackage(extra = ''): void {
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, 'package.json'), '{ "name": "fake-big", "main": "index.js" }');
  writeFileSync(join(packageDir, 'helper.js'), 'exports.twice = (n) => n * 2;\n');
  writeFileSync(
    join(packageDir, 'index.js'),
    `const { twice } = require('./helper');\nexports.answer = twice(21);\nexports.file = __filename;\nexports.dir = __dirname;\nexports.self = module.id;\n${extra}`,
  );
}

interface Load {
  enabled: boolean;
  answer: number;
  file: string;
  dir: string;
  registered: boolean;
  cacheFile: string | null;
}

/** Loads fake-big through `requireCached` in a fresh node; the cache is written when that process exits. */
function load(env: Record<string, string> = {}): Load {
  const codeCache = pathToFileURL(join(repoRoot, 'dist', 'src', 'analysis', 'code-cache.js')).href;
  const script = `
    import { createRequire } from 'node:module';
    const cache = await import(${JSON.stringify(codeCache)});
    cache.enableCodeCache();
    const require = createRequire(${JSON.stringify(join(temp, 'main.js'))});
    const fake = cache.requireCached(require, 'fake-big');
    console.log(JSON.stringify({ enabled: cache.codeCacheEnabled(), answer: fake.answer, file: fake.file, dir: fake.dir,
      registered: require('fake-big') === fake, cacheFile: cache.codeCacheFile(require.resolve('fake-big')) ?? null }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, IGNITER_RT_CACHE: '1', ...env } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Load;
}

const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir).sort() : []);

describe('code cache', () => {
  it('loads the module as require does, and writes its cache when the process ends', () => {
    writePackage();
    const first = load();
    expect(first).toMatchObject({ enabled: ours, answer: 42, file: join(packageDir, 'index.js'), dir: packageDir, registered: true });
    expect(first.cacheFile?.startsWith(cacheDir)).toBe(true);
    expect(cacheFiles()).toEqual(ours ? [first.cacheFile!.slice(cacheDir.length + 1)] : []);
  });

  it('reuses an accepted cache without rewriting it', () => {
    const before = cacheFiles().map((name) => statSync(join(cacheDir, name)).ino);
    const second = load();
    expect(second.answer).toBe(42);
    expect(cacheFiles().map((name) => statSync(join(cacheDir, name)).ino)).toEqual(before);
  });

  it('treats a corrupt cache as none: the module still loads, and the cache is written again', () => {
    const { cacheFile } = load();
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cacheFile!, 'not a V8 code cache');
    const third = load();
    expect(third.answer).toBe(42);
    // Ours rejects it and writes a real one; Node's own compile cache never looks at this file.
    expect(statSync(cacheFile!).size > 100).toBe(ours);
  });

  it('takes another cache file when the module changes, and removes the old one', () => {
    const { cacheFile: old } = load();
    writePackage('exports.extra = true;\n');
    const changed = load();
    expect(changed.answer).toBe(42);
    expect(changed.cacheFile).not.toBe(old);
    expect(cacheFiles()).toEqual(ours ? [changed.cacheFile!.slice(cacheDir.length + 1)] : []);
  });

  it('is off with IGNITER_RT_CACHE=0: nothing is read or written', () => {
    rmSync(cacheDir, { recursive: true, force: true });
    const off = load({ IGNITER_RT_CACHE: '0' });
    expect(off).toMatchObject({ enabled: false, answer: 42, registered: true });
    expect(cacheFiles()).toEqual([]);
  });
});

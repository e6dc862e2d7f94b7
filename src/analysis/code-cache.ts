/**
 * A V8 code cache for the two large CommonJS files `igniter-rt check` and `generate` load (TypeScript,
 * ~9 MB, and ts-morph), for Node versions without `module.enableCompileCache` (before 22.1; where it
 * exists, bin/igniter-rt.js turns it on and this stays out of the way). Compiling TypeScript's source
 * costs a few hundred milliseconds in every process on Node 20; with the cache, V8 skips most of it.
 *
 * - Off unless `enableCodeCache()` is called: the CLI does, and so does the ESLint plugin (ESLint's own
 *   bin turns on Node's compile cache only on 22.1+), for ts-morph, which it loads itself. A library
 *   that imports the analysis core loads modules as usual.
 * - The cache is written once per file version, after the run (`flushCodeCache`), so it holds the
 *   functions compiled while linting, not only the top level.
 * - It lives in `.cache/igniter-rt/v8/` of the (outermost) node_modules folder that holds the cached
 *   file, next to the index cache: whoever can write there can already change the file itself, so
 *   the cache trusts no one new (a shared temp folder would let another user plant code). A file
 *   outside node_modules gets no cache.
 * - The file name carries the file's path, size and mtime and the Node version and architecture: V8
 *   itself checks only the source length and its own version and flags, so any edit or upgrade must
 *   give another name. Anything that goes wrong (unreadable, rejected by V8, read-only folder) is a
 *   normal load; it is never an error. `IGNITER_RT_CACHE=0` turns it off, with the index cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';
import { debug } from './debug.js';

interface PendingCache {
  script: Script;
  file: string;
}

type ModuleInternals = typeof Module & {
  _cache: Record<string, Module>;
  _nodeModulePaths(from: string): string[];
  wrap(source: string): string;
};

let enabled = false;
const pending: PendingCache[] = [];

/**
 * Turns the cache on for this process (the CLI does, before anything loads TypeScript); the caches
 * still missing are written when the process exits.
 */
export function enableCodeCache(): void {
  const internals = Module as ModuleInternals;
  const wasEnabled = enabled;
  enabled =
    process.env.IGNITER_RT_CACHE !== '0' &&
    typeof (Module as { enableCompileCache?: unknown }).enableCompileCache !== 'function' &&
    typeof internals.wrap === 'function' &&
    typeof internals._nodeModulePaths === 'function';
  if (enabled && !wasEnabled) process.once('exit', flushCodeCache);
}

/** Whether `enableCodeCache()` took effect (false on Node versions with their own compile cache). */
export function codeCacheEnabled(): boolean {
  return enabled;
}

/** Where the cache of `path` goes, or undefined when the file is not inside a node_modules folder. */
export function codeCacheFile(path: string): string | undefined {
  const marker = `${sep}node_modules${sep}`;
  const at = path.indexOf(marker);
  if (at === -1) return undefined;
  const stat = statSync(path);
  const where = createHash('sha1').update(path).digest('hex').slice(0, 8);
  const version = createHash('sha1').update(JSON.stringify([stat.size, stat.mtimeMs, process.version, process.arch])).digest('hex').slice(0, 12);
  // `<name>-<path hash>-<version hash>.bin`: flushCodeCache replaces the older versions of the same path only.
  return join(path.slice(0, at + marker.length - 1), '.cache', 'igniter-rt', 'v8', `${basename(path)}-${where}-${version}.bin`);
}

/**
 * `require(specifier)` from `from`, compiled with the code cache when it is on and the module is not
 * loaded yet; the module is registered in the require cache exactly as `require` would.
 */
export function requireCached(from: NodeJS.Require, specifier: string): unknown {
  const path = from.resolve(specifier);
  const internals = Module as ModuleInternals;
  if (!enabled || internals._cache[path] || !path.endsWith('.js')) return from(path);
  let file: string | undefined;
  let cachedData: Buffer | undefined;
  try {
    file = codeCacheFile(path);
    if (file) cachedData = readFileSync(file);
  } catch {
    // no cache yet
  }
  let script: Script;
  try {
    script = new Script(internals.wrap(readFileSync(path, 'utf8')), { filename: path, cachedData });
  } catch (error) {
    debug(`code cache: cannot compile ${path} myself; loading it the usual way`, error);
    return from(path);
  }
  const module = new Module(path);
  module.filename = path;
  module.paths = internals._nodeModulePaths(dirname(path));
  internals._cache[path] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(path), module, path, dirname(path));
    module.loaded = true;
  } catch (error) {
    delete internals._cache[path];
    throw error;
  }
  if (file && (!cachedData || script.cachedDataRejected)) pending.push({ script, file });
  return module.exports;
}

/**
 * Writes the caches of the modules loaded without one (atomically: temp file and rename), and removes
 * the caches of older versions of the same file.
 */
export function flushCodeCache(): void {
  for (const { script, file } of pending.splice(0)) {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, file);
      const stale = `${basename(file).slice(0, basename(file).lastIndexOf('-'))}-`; // same name and path, any version
      for (const name of readdirSync(dirname(file))) {
        if (name.startsWith(stale) && name.endsWith('.bin') && name !== basename(file)) rmSync(join(dirname(file), name), { force: true });
      }
    } catch (error) {
      rmSync(temp, { force: true });
      debug(`code cache: cannot write ${file}`, error);
    }
  }
}

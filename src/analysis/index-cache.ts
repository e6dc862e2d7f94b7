/**
 * The project index's facts, kept between runs in `node_modules/.cache/igniter-rt/` (where Babel,
 * Prettier and others keep theirs): a second ESLint or `check` run re-parses only the files whose
 * mtime or size changed. Any problem reading or writing it (corrupt JSON, a read-only folder, another
 * version's format) just means a cold start; it is never an error.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { debug } from './debug.js';
import { dictionary, type FileFacts } from './file-facts.js';

export interface CachedEntry {
  mtimeMs: number;
  size: number;
  hash?: string;
  facts?: FileFacts;
}

interface CacheFile {
  key: string;
  entries: Record<string, CachedEntry>;
}

/**
 * Where the cache of `root` lives: `node_modules/.cache/igniter-rt/` when the project has
 * node_modules, else a folder per project in the OS temp folder. `IGNITER_RT_CACHE=0` turns it off.
 */
export function indexCachePath(root: string): string | undefined {
  if (process.env.IGNITER_RT_CACHE === '0') return undefined;
  const modules = join(root, 'node_modules');
  if (existsSync(modules)) return join(modules, '.cache', 'igniter-rt', 'project-index.json');
  return join(tmpdir(), 'igniter-rt', createHash('sha1').update(root).digest('hex').slice(0, 16), 'project-index.json');
}

/** Entries by absolute path, when the cache exists and was written with the same `key`. */
export function readIndexCache(path: string, root: string, key: string): Map<string, CachedEntry> | undefined {
  try {
    if (!existsSync(path)) return undefined;
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
    if (parsed.key !== key || !parsed.entries || typeof parsed.entries !== 'object') return undefined;
    const entries = new Map<string, CachedEntry>();
    for (const [file, entry] of Object.entries(parsed.entries)) {
      entries.set(resolve(root, file), entry.facts ? { ...entry, facts: withDictionaries(entry.facts) } : entry);
    }
    return entries;
  } catch (error) {
    debug(`index cache ${path} is unreadable; starting cold`, error);
    return undefined;
  }
}

/**
 * The facts with their dictionaries (keyed by names from the source) rebuilt as `dictionary()` builds
 * them, without a prototype, so that names such as `toString` stay plain keys. Everything else stays
 * as JSON.parse made it, a plain object: V8 keeps an object without a prototype in dictionary mode,
 * several times the size of a plain one, and a big project's cache holds many thousands of small
 * records (an entry's stat, an access, a call).
 */
function withDictionaries(facts: FileFacts): FileFacts {
  const revived = { ...facts };
  for (const field of ['imports', 'exports', 'reexports', 'controllers', 'actionVariables', 'controllerMaps', 'instances', 'shapes'] as const) {
    if (facts[field]) (revived as Record<string, unknown>)[field] = asDictionary<unknown>(facts[field]);
  }
  for (const [name, controller] of Object.entries(revived.controllers ?? {})) {
    revived.controllers[name] = { ...controller, actions: asDictionary(controller.actions), actionRefs: asDictionary(controller.actionRefs) };
  }
  if (facts.flow) {
    const procedures = asDictionary(facts.flow.procedures);
    for (const [name, methods] of Object.entries(procedures)) procedures[name] = asDictionary(methods);
    revived.flow = { functions: asDictionary(facts.flow.functions), instances: asDictionary(facts.flow.instances), procedures };
  }
  return revived;
}

function asDictionary<T>(record: Record<string, T> | undefined): Record<string, T> {
  return Object.assign(dictionary<T>(), record);
}

/** Writes the cache atomically (temp file + rename), so concurrent ESLint workers never read half a file. */
export function writeIndexCache(path: string, root: string, key: string, entries: ReadonlyMap<string, CachedEntry>): void {
  const data: CacheFile = { key, entries: {} };
  for (const [file, entry] of entries) data.entries[relative(root, file).split(sep).join('/')] = entry;
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    debug(`cannot write the index cache ${path}`, error);
  }
}

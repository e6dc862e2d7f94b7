/**
 * Loads @ts-morph/common (ts-morph's helper package) without building its inline lib.*.d.ts texts up
 * front.
 *
 * Its 3 MB bundle is 97% one array literal, `const libFiles = [{ fileName, text: "..." }, ...]`: the
 * text of every TypeScript lib file, for projects on an in-memory file system. Loaded as is, V8 keeps
 * the whole bundle source (as a two-byte string, 6 MB, because two lib texts hold non-ASCII
 * characters) and every lib text as its own string (5.4 MB more), for as long as the process lives,
 * and every garbage collection of an ESLint run marks them again. The linter never reads them: it only
 * wraps syntax trees (`createWrappedNode`, which skips lib files). So the bundle is compiled here with
 * that literal cut out, and `getLibFiles()`, its one reader, evaluates the literal from the file on
 * first call (`generate`'s in-memory projects do call it): the same array, built when first asked for.
 *
 * Anything unexpected (another bundle layout, an unreadable file, a compile error) loads the package
 * the usual way; `IGNITER_RT_LEAN_MORPH=0` always does.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { runInThisContext, Script } from 'node:vm';
import { debug } from './debug.js';

type ModuleInternals = typeof Module & {
  _cache: Record<string, Module | undefined>;
  _nodeModulePaths(from: string): string[];
  wrap(source: string): string;
};

const LITERAL_START = '\nconst libFiles = [';
const LITERAL_END = '];\n\nfunction getLibFiles() {\n    return libFiles;\n}\n';
/** Stands in for the cut text; `__libFiles` is the extra parameter of the module wrapper below. */
const LAZY_GETTER = '\nlet libFiles;\n\nfunction getLibFiles() {\n    return libFiles ??= __libFiles();\n}\n';

/**
 * The `[start, end)` of the lib array literal in the bundle, if it is laid out as expected: character
 * offsets in a string, byte offsets in a Buffer (the markers are ASCII, so they are where UTF-8 splits).
 */
export function libFilesLiteral(source: string | Buffer): [number, number] | undefined {
  const start = source.indexOf(LITERAL_START);
  if (start === -1 || source.indexOf(LITERAL_START, start + 1) !== -1) return undefined;
  const end = source.indexOf(LITERAL_END, start);
  if (end === -1 || source.indexOf(LITERAL_END, end + 1) !== -1) return undefined;
  // `getLibFiles` must be the literal's only reader: any other use of the name would see `undefined`.
  // Counted outside the literal and the markers (which hold the declaration and `return libFiles;`):
  // the literal is data, and reading only the 3% of code around it is what makes this cheap.
  const outside = `${slice(source, 0, start)}\n${slice(source, end + LITERAL_END.length)}`;
  const uses = outside.split(/\blibFiles\b/).length - 1;
  const localCopies = (outside.match(/\bconst libFiles = getLibFiles\(\);/g) ?? []).length;
  const readsOfLocalCopies = (outside.match(/\bof libFiles\)/g) ?? []).length;
  if (uses !== localCopies + readsOfLocalCopies) return undefined;
  return [start + LITERAL_START.length - 1, end + 1];
}

/**
 * The source with the lib array replaced by a lazy getter, or undefined when the layout is unknown.
 * Given the file's bytes, only the code around the array is decoded.
 */
export function leanSource(source: string | Buffer): string | undefined {
  const literal = libFilesLiteral(source);
  if (!literal) return undefined;
  const start = literal[0] - (LITERAL_START.length - 1);
  const end = literal[1] - 1 + LITERAL_END.length;
  // As many lines as the cut text, so that stack traces point at the bundle's own lines.
  let cutLines = 0;
  for (let at = source.indexOf('\n', start); at !== -1 && at < end; at = source.indexOf('\n', at + 1)) cutLines++;
  const padding = '\n'.repeat(Math.max(0, cutLines - (LAZY_GETTER.split('\n').length - 1)));
  return slice(source, 0, start) + LAZY_GETTER + padding + slice(source, end);
}

function slice(source: string | Buffer, start: number, end?: number): string {
  return typeof source === 'string' ? source.slice(start, end) : source.toString('utf8', start, end);
}

let leanCopy: { path: string; source: string | undefined } | undefined;

/** The lean source of the bundle at `path` (read once per process), or undefined when its layout is unknown. */
export function leanMorphCommonSource(path: string): string | undefined {
  // Bytes, not text: decoding the whole 3 MB would build a 6 MB string only to cut 97% of it.
  if (leanCopy?.path !== path) leanCopy = { path, source: leanSource(readFileSync(path)) };
  return leanCopy.source;
}

/**
 * Puts the lean @ts-morph/common in the require cache, so ts-morph's own `require` finds it. Call before
 * ts-morph loads. Returns whether the lean copy is the one loaded.
 */
export function loadLeanMorphCommon(tsMorphRequire: NodeJS.Require): boolean {
  if (process.env.IGNITER_RT_LEAN_MORPH === '0') return false;
  const internals = Module as ModuleInternals;
  let path: string;
  try {
    path = createRequire(tsMorphRequire.resolve('ts-morph')).resolve('@ts-morph/common');
  } catch {
    return false;
  }
  if (internals._cache[path] || typeof internals.wrap !== 'function' || typeof internals._nodeModulePaths !== 'function') return false;
  let wrapper: (...args: unknown[]) => void;
  try {
    const lean = leanMorphCommonSource(path);
    if (!lean) {
      debug(`${path} is not laid out as expected; loading it the usual way`);
      return false;
    }
    // Module.wrap's parameters, plus `__libFiles` (Module.wrap gives `(function (exports, ...) {`).
    const wrapped = internals.wrap(lean).replace(/^\(function \(([^)]*)\)/, '(function ($1, __libFiles)');
    wrapper = new Script(wrapped, { filename: path }).runInThisContext() as typeof wrapper;
    leanCopy = undefined;
  } catch (error) {
    debug(`cannot load a lean ${path}; loading it the usual way`, error);
    return false;
  }
  const module = new Module(path);
  module.filename = path;
  module.paths = internals._nodeModulePaths(dirname(path));
  internals._cache[path] = module;
  try {
    wrapper.call(module.exports, module.exports, createRequire(path), module, path, dirname(path), () => readLibFiles(path));
    module.loaded = true;
  } catch (error) {
    delete internals._cache[path];
    debug(`the lean ${path} failed to load; loading it the usual way`, error);
    return false;
  }
  return true;
}

/** The lib array, evaluated from the bundle on disk (the literal is plain data: strings in objects). */
function readLibFiles(path: string): { fileName: string; text: string }[] {
  const source = readFileSync(path, 'utf8');
  const literal = libFilesLiteral(source);
  if (!literal) throw new Error(`${path} changed while in use: its lib files cannot be read`);
  return runInThisContext(`(${source.slice(literal[0], literal[1])})`, { filename: path }) as { fileName: string; text: string }[];
}

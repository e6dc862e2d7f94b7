/**
 * Module resolution as the project's tsconfig defines it (`paths` such as `@/*`, `baseUrl`, `extends`),
 * through TypeScript's own resolver. A missing or malformed tsconfig degrades to plain relative
 * resolution, with a warning on the resolver (warnings.ts); it never throws.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { debug } from './debug.js';
import { analysisTypeScript, type TsMorph } from './morph.js';
import type { AnalysisWarning } from './warnings.js';

type CompilerOptions = TsMorph.ts.CompilerOptions;

export interface ModuleResolver {
  /** Absolute path of the project source file `specifier` names from `fromFile`, if it is one. */
  resolve(specifier: string, fromFile: string): string | undefined;
  readonly tsconfigPath?: string;
  /** Why the tsconfig was read in part or not at all (it does not parse, its `extends` is missing). */
  readonly warnings: readonly AnalysisWarning[];
}

const LIMITED = 'cross-file checks are limited';
/** "Unknown compiler option 'x'." and "... Did you mean 'y'?" */
const UNKNOWN_OPTION = new Set([5023, 5025]);

/** The nearest tsconfig.json at or above `directory` (stopping at `root`'s parent). */
export function findTsconfig(directory: string): string | undefined {
  let current = directory;
  for (;;) {
    const candidate = join(current, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The compiler options of `tsconfigPath`; each problem that loses some of them goes to `warnings`. */
export function loadCompilerOptions(tsconfigPath: string | undefined, warnings: AnalysisWarning[] = []): CompilerOptions {
  const ts = analysisTypeScript();
  if (!tsconfigPath) return {};
  const warn = (diagnostic: TsMorph.ts.Diagnostic, what: (message: string) => string) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\.$/, '');
    const at = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
    warnings.push({ file: diagnostic.file?.fileName ?? tsconfigPath, ...(at ? { line: at.line + 1, column: at.character + 1 } : {}), message: `${what(message)}; ${LIMITED}` });
  };
  try {
    const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
    if (read.error) {
      debug(`tsconfig ${tsconfigPath} is malformed: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}; import aliases are not resolved`);
      warn(read.error, (message) => `does not parse (${message})`);
      return {};
    }
    // Only the options are used: a host that lists no folders keeps TypeScript from expanding the
    // `include` globs, a walk of the whole project (`extends` is still read through ts.sys).
    const host: TsMorph.ts.ParseConfigHost = { ...ts.sys, readDirectory: () => [] };
    const parsed = ts.parseJsonConfigFileContent(read.config, host, dirname(tsconfigPath), undefined, tsconfigPath);
    for (const error of parsed.errors) {
      // "No inputs were found" is irrelevant here; a missing `extends` target is worth knowing about.
      if (error.code === 18003) continue;
      debug(`tsconfig ${tsconfigPath}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
      // An unknown option (a newer TypeScript's, a typo) costs resolution nothing: tsc, not us, should say so.
      if (!UNKNOWN_OPTION.has(error.code)) warn(error, (message) => message);
    }
    return parsed.options;
  } catch (error) {
    debug(`cannot read tsconfig ${tsconfigPath}`, error);
    warnings.push({ file: tsconfigPath, message: `cannot be read (${error instanceof Error ? error.message : String(error)}); ${LIMITED}` });
    return {};
  }
}

/** `extraFiles` (absolute paths) resolve as if they existed: the git index's copies of files deleted from the working tree. */
export function createModuleResolver(root: string, tsconfigSetting?: string, extraFiles: Iterable<string> = []): ModuleResolver {
  const ts = analysisTypeScript();
  const tsconfigPath = tsconfigSetting ? (isAbsolute(tsconfigSetting) ? tsconfigSetting : resolve(root, tsconfigSetting)) : findTsconfig(root);
  const warnings: AnalysisWarning[] = [];
  const found = tsconfigPath !== undefined && existsSync(tsconfigPath);
  if (tsconfigPath && !found) warnings.push({ file: tsconfigPath, message: `not found (the "tsconfig" setting names it); ${LIMITED}` });
  const loaded = loadCompilerOptions(found ? tsconfigPath : undefined, warnings);
  const options: CompilerOptions = {
    ...loaded,
    allowJs: true,
    // Resolve the way bundlers and Node do today whatever the project's emit settings say.
    ...(loaded.moduleResolution === ts.ModuleResolutionKind.Node16 || loaded.moduleResolution === ts.ModuleResolutionKind.NodeNext
      ? {}
      : { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext }),
  };
  const cache = ts.createModuleResolutionCache(root, (name) => name, options);
  const extra = new Set([...extraFiles].map((file) => resolve(file)));
  const extraFolders = new Set([...extra].flatMap((file) => ancestors(file)));
  const host: TsMorph.ts.ModuleResolutionHost =
    extra.size === 0
      ? ts.sys
      : {
          ...ts.sys,
          fileExists: (path) => extra.has(resolve(path)) || ts.sys.fileExists(path),
          directoryExists: (path) => extraFolders.has(resolve(path)) || ts.sys.directoryExists(path),
        };
  const resolved = new Map<string, string | undefined>();
  const scopes = new Map<string, string>();
  /**
   * The nearest folder at or above `folder` with a node_modules folder or a package.json, as TypeScript
   * sees them ('' for none): all a bare specifier's resolution takes from where it is written. Its
   * `paths` and `baseUrl` do not depend on it; its package scope (self-name) and node_modules lookups
   * start there, with nothing in between.
   */
  const scopeOf = (folder: string): string => {
    let scope = scopes.get(folder);
    if (scope === undefined) {
      const parent = dirname(folder);
      if (host.directoryExists?.(join(folder, 'node_modules')) || host.fileExists(join(folder, 'package.json'))) scope = folder;
      else scope = parent === folder ? '' : scopeOf(parent);
      scopes.set(folder, scope);
    }
    return scope;
  };
  return {
    tsconfigPath,
    warnings,
    resolve(specifier, fromFile) {
      // A bare specifier (not `#imports`) resolves alike from every folder of one scope: the controllers'
      // folders share one answer for `@/features/auth/...` instead of one resolution each.
      const key = isBare(specifier) ? `${scopeOf(dirname(fromFile))}\0bare\0${specifier}` : `${dirname(fromFile)}\0${specifier}`;
      if (resolved.has(key)) return resolved.get(key);
      let result: string | undefined;
      try {
        const found = ts.resolveModuleName(specifier, fromFile, options, host, cache).resolvedModule;
        if (found && !found.isExternalLibraryImport && !/\.d\.[cm]?ts$/.test(found.resolvedFileName)) result = resolve(found.resolvedFileName);
      } catch (error) {
        debug(`cannot resolve '${specifier}' from ${fromFile}`, error);
      }
      resolved.set(key, result);
      return result;
    },
  };
}

/**
 * A bare specifier (`@/lib/x`, `zod`), told by its first character: not relative, not a path, not
 * `#imports`. A `:` (`C:`, `node:`, a URL) or a leading `.` that TypeScript would call bare (`.x`)
 * counts as not bare, which only keeps its answer per folder.
 */
function isBare(specifier: string): boolean {
  const first = specifier.charCodeAt(0);
  // '.', '/', '\\', '#'
  return first !== 46 && first !== 47 && first !== 92 && first !== 35 && specifier.length > 0 && !specifier.includes(':');
}

function ancestors(file: string): string[] {
  const folders: string[] = [];
  for (let folder = dirname(file); folder !== dirname(folder); folder = dirname(folder)) folders.push(folder);
  return folders;
}

/**
 * ts-morph is loaded on first use, not at import time: the rules read TypeScript's own nodes
 * (`analysisTypeScript()`), so a lint run never pays for it unless something asks for a wrapper (the
 * generators, `init`, `map`, the project index on a file it has not cached yet).
 *
 * ts-morph bundles its own copy of TypeScript. It is given the project's TypeScript (the one
 * @typescript-eslint/parser uses, already loaded in an ESLint run) instead when that copy has the
 * same major.minor, or when it defines everything ts-morph's code uses and numbers syntax as the
 * bundled copy does (morph-typescript.ts: TypeScript 5.9 in an app, with ts-morph bundling 6.0): one
 * TypeScript in memory instead of two, no second 9 MB compile at start-up, and syntax kinds that are
 * the parser's by construction. `IGNITER_RT_SHARED_TS=0` turns this off.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TsMorph from 'ts-morph';
import { requireCached } from './code-cache.js';
import { debug } from './debug.js';
import { leanMorphCommonSource, loadLeanMorphCommon } from './morph-common.js';
import { morphRunsOn } from './morph-typescript.js';

export type { TsMorph };
export type AstNode = TsMorph.Node;
export type CallNode = TsMorph.CallExpression;
export type ObjectNode = TsMorph.ObjectLiteralExpression;
export type FunctionNode = TsMorph.ArrowFunction | TsMorph.FunctionExpression | TsMorph.MethodDeclaration | TsMorph.FunctionDeclaration;
/** The function forms a handler takes, as TypeScript's own nodes. */
export type CompilerFunction = TsMorph.ts.ArrowFunction | TsMorph.ts.FunctionExpression | TsMorph.ts.MethodDeclaration | TsMorph.ts.FunctionDeclaration;

let loaded: typeof TsMorph | undefined;
let analysisTs: typeof TsMorph.ts | undefined;
/** Whether ts-morph runs on the project's TypeScript (true) or on its bundled copy (false). */
export let sharesProjectTypeScript = false;

/**
 * The TypeScript the analysis reads syntax trees with: the one ts-morph runs on (`tsMorph().ts` is this
 * same object), settled without loading ts-morph. The rules read TypeScript's own nodes, so a lint run
 * whose files need no ts-morph wrapper never loads ts-morph at all.
 */
export function analysisTypeScript(): typeof TsMorph.ts {
  if (!analysisTs) {
    const require = createRequire(import.meta.url);
    sharesProjectTypeScript = process.env.IGNITER_RT_SHARED_TS !== '0' && shareProjectTypeScript(require);
    // Shared: the bundled path's require cache entry holds the project's TypeScript (shareProjectTypeScript).
    analysisTs = require(bundledTypeScriptPath(require)) as typeof TsMorph.ts;
  }
  return analysisTs;
}

export function tsMorph(): typeof TsMorph {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    // The TypeScript ts-morph requires is settled first, then the lean @ts-morph/common, then ts-morph.
    analysisTypeScript();
    loadLeanMorphCommon(require);
    loaded = requireCached(require, 'ts-morph') as typeof TsMorph;
  }
  return loaded;
}

let commonPathCache: string | undefined;
/** Where @ts-morph/common's entry file is, resolved once per process (the settling of TypeScript asks twice). */
function morphCommonPath(require: NodeJS.Require): string {
  return (commonPathCache ??= createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common'));
}

/** @ts-morph/common's bundled typescript.js, which ts-morph requires. */
function bundledTypeScriptPath(require: NodeJS.Require): string {
  return join(dirname(morphCommonPath(require)), 'typescript.js');
}

/** The TypeScript that @typescript-eslint/parser resolves (else ours), as `{ path, version }`. */
export function projectTypeScript(require: NodeJS.Require): { path: string; version: string } | undefined {
  for (const from of [['@typescript-eslint/parser', '@typescript-eslint/typescript-estree'], []]) {
    try {
      let resolver = require;
      for (const step of from) resolver = createRequire(resolver.resolve(step));
      const path = resolver.resolve('typescript');
      const version = (resolver('typescript/package.json') as { version: string }).version;
      return { path, version };
    } catch {
      // try the next way
    }
  }
  return undefined;
}

function shareProjectTypeScript(require: NodeJS.Require): boolean {
  try {
    const commonPath = morphCommonPath(require);
    const commonRequire = createRequire(commonPath);
    const bundledPath = bundledTypeScriptPath(require);
    const bundledVersion = (commonRequire('@ts-morph/common/package.json') as { devDependencies?: Record<string, string> }).devDependencies?.typescript;
    const project = projectTypeScript(require);
    if (!project || !bundledVersion) return false;
    const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
    if (cache[bundledPath]) return false;
    const sameMinor = majorMinor(project.version) === majorMinor(bundledVersion.replace(/^[^\d]*/, ''));
    // Another version is worth checking only when the parser has loaded it already (an ESLint run):
    // loading it here only to find it unfit would put two TypeScripts in memory.
    if (!sameMinor && !cache[project.path]) return false;
    const projectTs = requireCached(require, project.path) as Record<string, unknown>;
    if (!sameMinor) {
      const sources = [readFileSync(require.resolve('ts-morph'), 'utf8'), leanMorphCommonSource(commonPath) ?? readFileSync(commonPath, 'utf8')];
      const verdict = morphRunsOn(projectTs, sources, readFileSync(join(dirname(commonPath), '..', 'lib', 'typescript.d.ts'), 'utf8'));
      if (!verdict.runs) {
        debug(`ts-morph keeps its bundled TypeScript ${bundledVersion}: the project's ${project.version} does not fit (${verdict.reason})`);
        return false;
      }
    }
    const shared = new Module(bundledPath);
    shared.filename = bundledPath;
    shared.exports = projectTs;
    shared.loaded = true;
    cache[bundledPath] = shared;
    return true;
  } catch {
    return false;
  }
}

function majorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

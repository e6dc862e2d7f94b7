/**
 * ts-morph is loaded on first use, not at import time: it costs ~0.7 s, and a project whose files
 * never pass the text prefilter (or a CLI run that only prints help) should not pay for it.
 *
 * ts-morph bundles its own copy of TypeScript. When the project's TypeScript (the one
 * @typescript-eslint/parser uses) agrees with it on major.minor, ts-morph is given that copy instead:
 * one TypeScript in memory instead of two, no second 9 MB compile at start-up, and syntax kinds that
 * are the parser's by construction. `IGNITER_RT_SHARED_TS=0` turns this off.
 */
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TsMorph from 'ts-morph';
import { requireCached } from './code-cache.js';
import { loadLeanMorphCommon } from './morph-common.js';

export type { TsMorph };
export type AstNode = TsMorph.Node;
export type CallNode = TsMorph.CallExpression;
export type ObjectNode = TsMorph.ObjectLiteralExpression;
export type FunctionNode = TsMorph.ArrowFunction | TsMorph.FunctionExpression | TsMorph.MethodDeclaration | TsMorph.FunctionDeclaration;

let loaded: typeof TsMorph | undefined;
/** Whether ts-morph runs on the project's TypeScript (true) or on its bundled copy (false). */
export let sharesProjectTypeScript = false;

export function tsMorph(): typeof TsMorph {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    sharesProjectTypeScript = process.env.IGNITER_RT_SHARED_TS !== '0' && shareProjectTypeScript(require);
    // After the TypeScript it requires is settled (above), before ts-morph requires it.
    loadLeanMorphCommon(require);
    loaded = requireCached(require, 'ts-morph') as typeof TsMorph;
  }
  return loaded;
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
    const commonRequire = createRequire(createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common'));
    const bundledPath = join(dirname(commonRequire.resolve('@ts-morph/common')), 'typescript.js');
    const bundledVersion = (commonRequire('@ts-morph/common/package.json') as { devDependencies?: Record<string, string> }).devDependencies?.typescript;
    const project = projectTypeScript(require);
    if (!project || !bundledVersion || majorMinor(project.version) !== majorMinor(bundledVersion.replace(/^[^\d]*/, ''))) return false;
    const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
    if (cache[bundledPath]) return false;
    const shared = new Module(bundledPath);
    shared.filename = bundledPath;
    shared.exports = requireCached(require, project.path);
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

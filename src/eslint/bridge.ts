/**
 * The TS-AST bridge: inside ESLint, typescript-eslint has already built a TypeScript AST for the file
 * (`parserServices.esTreeNodeToTSNodeMap`, present even without type information). The rules read that
 * AST when the TypeScript that built it and the analysis's TypeScript (the one ts-morph runs on, should
 * anything ask for a wrapper) define the same syntax (typescript-compat.ts: the enums compared, not the
 * version strings; usually they are one module, see morph.ts); otherwise the text is parsed once again.
 */
import Module from 'node:module';
import type { Rule } from 'eslint';
import { FileModel } from '../analysis/file-model.js';
import { analysisTypeScript, type TsMorph } from '../analysis/morph.js';
import { parseCompilerSourceFile } from '../analysis/parse.js';
import { resolveSettings, type IgniterSettings } from '../analysis/settings.js';
import { debug } from '../analysis/debug.js';
import { enableCodeCache } from '../analysis/code-cache.js';
import { syntaxAgreement, type SyntaxAgreement, type TypeScriptEnums } from './typescript-compat.js';

// ESLint turns on Node's compile cache only where Node has one (22.1+): on older Node, keep ts-morph's
// compiled code as the CLI does (about 10 ms less per run; off with IGNITER_RT_CACHE=0).
enableCodeCache();

const models = new WeakMap<object, FileModel>();

/** The file model for the file being linted, shared by every rule that runs on it. */
export function fileModelFor(context: Rule.RuleContext): FileModel {
  const sourceCode = context.sourceCode;
  let model = models.get(sourceCode.ast);
  if (!model) {
    model = new FileModel(sourceFileFor(sourceCode, context.filename), context.filename, settingsOf(context));
    models.set(sourceCode.ast, model);
  }
  return model;
}

const settingsCache = new WeakMap<object, IgniterSettings>();
/** The settings of a config without `settings['igniter-rt']`: the defaults, resolved once. */
const defaultSettings = Object.freeze(resolveSettings(undefined));

/**
 * `settings['igniter-rt']`, resolved once per settings object: ESLint hands the same one to every file
 * of a config, and every rule asks for it on every file.
 */
export function settingsOf(context: Rule.RuleContext): IgniterSettings {
  const raw = context.settings['igniter-rt'];
  if (!raw || typeof raw !== 'object') return defaultSettings;
  let settings = settingsCache.get(raw);
  if (!settings) {
    settings = resolveSettings(raw);
    settingsCache.set(raw, settings);
  }
  return settings;
}

/** `parser`: the rules read the parser's own TypeScript AST; `reparsed`: the text was parsed again. */
export type AstSource = 'parser' | 'reparsed';

/** How the last file was obtained; tests use it to prove both paths run. */
export let lastAstSource: AstSource = 'reparsed';

function sourceFileFor(sourceCode: Rule.RuleContext['sourceCode'], fileName: string): TsMorph.ts.SourceFile {
  const compilerNode = parserSourceFile(sourceCode);
  if (compilerNode) {
    lastAstSource = 'parser';
    return compilerNode;
  }
  lastAstSource = 'reparsed';
  return parseCompilerSourceFile(sourceCode.text, fileName);
}

/** The parser's own TypeScript source file, when it is safe to reuse. */
function parserSourceFile(sourceCode: Rule.RuleContext['sourceCode']): TsMorph.ts.SourceFile | undefined {
  if (process.env.IGNITER_RT_PARSE === 'reparse') return undefined;
  const map = (sourceCode.parserServices as { esTreeNodeToTSNodeMap?: { get(node: unknown): unknown } } | undefined)?.esTreeNodeToTSNodeMap;
  const node = map?.get(sourceCode.ast) as TsMorph.ts.SourceFile | undefined;
  if (!node || typeof node !== 'object' || !wrappable(node)) return undefined;
  const ts = analysisTypeScript();
  // Same text, and a source file as ts-morph's TypeScript numbers it.
  if (node.kind !== ts.SyntaxKind.SourceFile || node.endOfFileToken?.kind !== ts.SyntaxKind.EndOfFileToken || node.text !== sourceCode.text) return undefined;
  return node;
}

/** The decision per node class: one per copy of TypeScript that builds trees in this process. */
const decisions = new Map<unknown, SyntaxAgreement>();

function wrappable(node: TsMorph.ts.SourceFile): boolean {
  const builder = node.constructor;
  let decision = decisions.get(builder);
  if (!decision) {
    const morph = analysisTypeScript() as unknown as TypeScriptEnums & TypeScriptModule;
    const tree = treeTypeScript(builder, morph);
    decision = tree ? syntaxAgreement(tree, morph) : { wrap: false, reason: 'no loaded TypeScript module builds this kind of source file' };
    decisions.set(builder, decision);
    if (!decision.wrap) {
      debug(`the parser's TypeScript${tree ? ` ${tree.version}` : ''} and ts-morph's ${morph.version} define different syntax (${decision.reason}); parsing each file again with ts-morph`);
    }
  }
  return decision.wrap;
}

interface TypeScriptModule {
  version: string;
  createSourceFile(fileName: string, text: string, languageVersion: number): object;
  ScriptTarget: { Latest: number };
}

/**
 * The copy of TypeScript whose source files are built by `builder`: ts-morph's own, else one of the
 * TypeScript modules loaded in this process (the parser's, which may be the app's 5.x while ts-morph
 * bundles 6.0). Told apart by the class of an empty source file each one builds.
 */
function treeTypeScript(builder: unknown, morph: TypeScriptEnums & TypeScriptModule): (TypeScriptEnums & TypeScriptModule) | undefined {
  const candidates = [morph, ...loadedTypeScripts()];
  return candidates.find((ts) => {
    try {
      return ts.createSourceFile('probe.ts', '', ts.ScriptTarget.Latest).constructor === builder;
    } catch {
      return false;
    }
  });
}

function loadedTypeScripts(): (TypeScriptEnums & TypeScriptModule)[] {
  const cache = (Module as unknown as { _cache?: Record<string, { exports?: unknown } | undefined> })._cache ?? {};
  const found: (TypeScriptEnums & TypeScriptModule)[] = [];
  for (const entry of Object.values(cache)) {
    try {
      const exports = entry?.exports as Partial<TypeScriptEnums & TypeScriptModule> | undefined;
      if (exports && typeof exports === 'object' && typeof exports.createSourceFile === 'function' && exports.SyntaxKind && typeof exports.version === 'string' && !found.includes(exports as TypeScriptEnums & TypeScriptModule)) {
        found.push(exports as TypeScriptEnums & TypeScriptModule);
      }
    } catch {
      // a module whose exports throw when read (a proxy, a getter) is not TypeScript
    }
  }
  return found;
}

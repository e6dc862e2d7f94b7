/**
 * The TS-AST bridge: inside ESLint, typescript-eslint has already built a TypeScript AST for the file
 * (`parserServices.esTreeNodeToTSNodeMap`, present even without type information). When that parser's
 * TypeScript and ts-morph's TypeScript agree on major.minor (usually they are the same module: see
 * morph.ts), their `SyntaxKind` numbers are equal and ts-morph wraps the existing AST; otherwise the
 * text is parsed once with ts-morph.
 */
import { createRequire } from 'node:module';
import type { Rule } from 'eslint';
import { FileModel } from '../analysis/file-model.js';
import { projectTypeScript, tsMorph, type TsMorph } from '../analysis/morph.js';
import { parseSourceFile, wrapSourceFile } from '../analysis/parse.js';
import { resolveSettings } from '../analysis/settings.js';
import { debug } from '../analysis/debug.js';

const models = new WeakMap<object, FileModel>();
let parserTypeScriptVersion: string | null | undefined;

/** The file model for the file being linted, shared by every rule that runs on it. */
export function fileModelFor(context: Rule.RuleContext): FileModel {
  const sourceCode = context.sourceCode;
  let model = models.get(sourceCode.ast);
  if (!model) {
    const settings = resolveSettings(context.settings['igniter-rt']);
    model = new FileModel(sourceFileFor(sourceCode, context.filename), context.filename, settings);
    models.set(sourceCode.ast, model);
  }
  return model;
}

export type AstSource = 'wrapped' | 'reparsed';

/** How the last file was obtained; tests use it to prove both paths run. */
export let lastAstSource: AstSource = 'reparsed';

function sourceFileFor(sourceCode: Rule.RuleContext['sourceCode'], fileName: string): TsMorph.SourceFile {
  const compilerNode = parserSourceFile(sourceCode);
  if (compilerNode) {
    lastAstSource = 'wrapped';
    return wrapSourceFile(compilerNode);
  }
  lastAstSource = 'reparsed';
  return parseSourceFile(sourceCode.text, fileName);
}

/** The parser's own TypeScript source file, when it is safe to reuse. */
function parserSourceFile(sourceCode: Rule.RuleContext['sourceCode']): TsMorph.ts.SourceFile | undefined {
  if (process.env.IGNITER_RT_PARSE === 'reparse') return undefined;
  const map = (sourceCode.parserServices as { esTreeNodeToTSNodeMap?: { get(node: unknown): unknown } } | undefined)?.esTreeNodeToTSNodeMap;
  if (!map || !versionsAgree(tsMorph().ts.version, parserTypeScript())) return undefined;
  const node = map.get(sourceCode.ast) as TsMorph.ts.SourceFile | undefined;
  const { ts } = tsMorph();
  // Same text and a source-file kind number that means the same thing in both copies of TypeScript.
  if (!node || node.kind !== ts.SyntaxKind.SourceFile || node.endOfFileToken?.kind !== ts.SyntaxKind.EndOfFileToken || node.text !== sourceCode.text) {
    return undefined;
  }
  return node;
}

export function versionsAgree(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const majorMinor = (version: string) => version.split('.').slice(0, 2).join('.');
  return majorMinor(a) === majorMinor(b);
}

/** The TypeScript version typescript-eslint's parser uses (resolved the way it resolves it). */
function parserTypeScript(): string | null {
  if (parserTypeScriptVersion === undefined) {
    parserTypeScriptVersion = projectTypeScript(createRequire(import.meta.url))?.version ?? null;
    if (!parserTypeScriptVersion) debug('could not resolve the TypeScript version of @typescript-eslint/parser; parsing files again with ts-morph');
  }
  return parserTypeScriptVersion;
}

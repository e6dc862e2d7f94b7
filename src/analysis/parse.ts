/** Parsing text into a TypeScript source file, for when no parser has built a usable AST already. */
import { analysisTypeScript, tsMorph, type TsMorph } from './morph.js';

export function scriptKindFor(fileName: string): number {
  const ts = analysisTypeScript();
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * Parses `text` once (error-tolerant: TypeScript's parser never throws on bad syntax), as a module, the
 * way ESLint's default `sourceType: "module"` has typescript-eslint parse it: a file without imports
 * or exports is still a module, so a top-level `await` is an expression, not an identifier.
 */
export function parseCompilerSourceFile(text: string, fileName: string): TsMorph.ts.SourceFile {
  const ts = analysisTypeScript();
  const options: TsMorph.ts.CreateSourceFileOptions = {
    languageVersion: ts.ScriptTarget.Latest,
    setExternalModuleIndicator: (file) => {
      (file as { externalModuleIndicator?: unknown }).externalModuleIndicator = true;
    },
  };
  return ts.createSourceFile(fileName, text, options, true, scriptKindFor(fileName));
}

/** `parseCompilerSourceFile`, wrapped for ts-morph. */
export function parseSourceFile(text: string, fileName: string): TsMorph.SourceFile {
  return wrapSourceFile(parseCompilerSourceFile(text, fileName));
}

/** Wraps a TypeScript source file node (ours, or the one typescript-eslint built) for ts-morph. */
export function wrapSourceFile(compilerNode: TsMorph.ts.SourceFile): TsMorph.SourceFile {
  const { createWrappedNode } = tsMorph();
  return createWrappedNode(compilerNode, { sourceFile: compilerNode }) as TsMorph.SourceFile;
}

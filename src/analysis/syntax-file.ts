/**
 * One parsed file as the analysis holds it: TypeScript's own source file, which the analysis reads,
 * and its ts-morph wrapper, made only when something asks for a wrapper. A lint run whose files need
 * none never loads ts-morph (morph.ts).
 */
import type { AstNode, TsMorph } from './morph.js';
import { wrapSourceFile } from './parse.js';
import { wrapCompilerNode } from './syntax.js';

/** How many source files this process has wrapped for ts-morph: tests assert that rules wrap none. */
export const wrapCount = { sourceFiles: 0 };

export class SyntaxFile {
  readonly compilerNode: TsMorph.ts.SourceFile;
  private wrapped?: TsMorph.SourceFile;

  /** From a compiler source file, or from a ts-morph one (whose wrappers are then reused). */
  constructor(source: TsMorph.ts.SourceFile | TsMorph.SourceFile) {
    if (isWrapped(source)) {
      this.compilerNode = source.compilerNode;
      this.wrapped = source;
    } else {
      this.compilerNode = source;
    }
  }

  /** The ts-morph source file, wrapped on first request. */
  get sourceFile(): TsMorph.SourceFile {
    if (!this.wrapped) {
      wrapCount.sourceFiles++;
      this.wrapped = wrapSourceFile(this.compilerNode);
    }
    return this.wrapped;
  }

  /** The ts-morph wrapper of a compiler node of this file. */
  wrap(node: TsMorph.ts.Node): AstNode {
    return wrapCompilerNode(this.sourceFile, node);
  }
}

function isWrapped(source: TsMorph.ts.SourceFile | TsMorph.SourceFile): source is TsMorph.SourceFile {
  return 'compilerNode' in source;
}

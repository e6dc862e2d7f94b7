/**
 * ts-morph is loaded on first use, not at import time: it costs ~0.7 s, and a project whose files
 * never pass the text prefilter (or a CLI run that only prints help) should not pay for it.
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

export type { TsMorph };
export type AstNode = TsMorph.Node;
export type CallNode = TsMorph.CallExpression;
export type ObjectNode = TsMorph.ObjectLiteralExpression;
export type FunctionNode = TsMorph.ArrowFunction | TsMorph.FunctionExpression | TsMorph.MethodDeclaration | TsMorph.FunctionDeclaration;

let loaded: typeof TsMorph | undefined;

export function tsMorph(): typeof TsMorph {
  loaded ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
  return loaded;
}

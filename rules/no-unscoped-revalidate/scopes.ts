/** Whether a revalidation's scopes narrow delivery at all, for no-unscoped-revalidate. */
import type { TsMorph } from '../../src/analysis/morph.js';
import { compilerReturnedExpressions } from '../../src/analysis/realtime-api.js';
import { compilerStringValue, fastTs, unwrapCompilerNode } from '../../src/analysis/syntax.js';

export type ScopeKind = 'scoped' | 'empty' | 'wildcard';

/** Whether a scopes value actually narrows delivery: a resolver returning `[]` or `'*'` does not. Read on compiler nodes. */
export function classifyScopes(scopes: TsMorph.ts.Node): ScopeKind {
  const ts = fastTs();
  const node = unwrapCompilerNode(scopes);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node)) {
    const results = compilerReturnedExpressions(node);
    if (results.length === 0) return 'scoped';
    const kinds = results.map(classifyScopeValue);
    if (kinds.every((kind) => kind === 'empty')) return 'empty';
    if (kinds.every((kind) => kind === 'wildcard' || kind === 'empty') && kinds.includes('wildcard')) return 'wildcard';
    return 'scoped';
  }
  if (ts.isArrayLiteralExpression(node) || compilerStringValue(node) !== undefined) return classifyScopeValue(node);
  return 'scoped';
}

function classifyScopeValue(value: TsMorph.ts.Node): ScopeKind {
  const ts = fastTs();
  const node = unwrapCompilerNode(value);
  if (compilerStringValue(node) === '*') return 'wildcard';
  if (!ts.isArrayLiteralExpression(node)) return 'scoped';
  const elements = node.elements;
  if (elements.length === 0) return 'empty';
  return elements.every((element) => compilerStringValue(element) === '*') ? 'wildcard' : 'scoped';
}

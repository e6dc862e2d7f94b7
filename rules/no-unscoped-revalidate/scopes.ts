/** Whether a revalidation's scopes narrow delivery at all, for no-unscoped-revalidate. */
import { tsMorph, type AstNode } from '../../src/analysis/morph.js';
import { returnedExpressions } from '../../src/analysis/realtime-api.js';
import { isFunctionLike, stringValue, unwrap } from '../../src/analysis/syntax.js';

export type ScopeKind = 'scoped' | 'empty' | 'wildcard';

/** Whether a scopes value actually narrows delivery: a resolver returning `[]` or `'*'` does not. */
export function classifyScopes(scopes: AstNode): ScopeKind {
  const { Node } = tsMorph();
  const node = unwrap(scopes);
  if (isFunctionLike(node)) {
    const results = returnedExpressions(node);
    if (results.length === 0) return 'scoped';
    const kinds = results.map(classifyScopeValue);
    if (kinds.every((kind) => kind === 'empty')) return 'empty';
    if (kinds.every((kind) => kind === 'wildcard' || kind === 'empty') && kinds.includes('wildcard')) return 'wildcard';
    return 'scoped';
  }
  if (Node.isArrayLiteralExpression(node) || stringValue(node) !== undefined) return classifyScopeValue(node);
  return 'scoped';
}

function classifyScopeValue(value: AstNode): ScopeKind {
  const { Node } = tsMorph();
  const node = unwrap(value);
  if (stringValue(node) === '*') return 'wildcard';
  if (!Node.isArrayLiteralExpression(node)) return 'scoped';
  const elements = node.getElements();
  if (elements.length === 0) return 'empty';
  return elements.every((element) => stringValue(element) === '*') ? 'wildcard' : 'scoped';
}

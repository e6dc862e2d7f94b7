/** Small helpers of no-leaked-event-source, on TypeScript's nodes: member paths, local functions by name. */
import type { CompilerFunction, TsMorph } from '../../src/analysis/morph.js';
import { compilerStringValue, fastTs, unwrapCompilerNode } from '../../src/analysis/syntax.js';

type Node = TsMorph.ts.Node;

/**
 * A comparable name for what an expression reads: `es`, `esRef.current`, `this.source`, `sources.chat`
 * (for `sources['chat']`). Optional chaining, `!`, parentheses and `as` do not matter: `esRef.current?.close()`
 * and `esRef.current!.close()` close the same `esRef.current`. Undefined for anything else (calls, computed keys).
 * Names are identifiers' `text` (what ts-morph's getText of an identifier returns: escapes resolved, `\u0065s` is `es`).
 */
export function pathKey(node: Node): string | undefined {
  const ts = fastTs();
  const inner = unwrapCompilerNode(node);
  if (ts.isIdentifier(inner)) return inner.text;
  if (inner.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(inner)) {
    const base = pathKey(inner.expression);
    return base === undefined ? undefined : `${base}.${inner.name.text}`;
  }
  if (ts.isElementAccessExpression(inner)) {
    const argument = inner.argumentExpression;
    // A numeric literal's `text` is what ts-morph's getLiteralText returns.
    const key = argument && (compilerStringValue(argument) ?? (ts.isNumericLiteral(argument) ? argument.text : undefined));
    const base = pathKey(inner.expression);
    return base === undefined || key === undefined ? undefined : `${base}.${key}`;
  }
  return undefined;
}

/**
 * The function a name refers to from `from`, looking in each enclosing block (nearest first):
 * `function name() {}`, `const name = () => {}` / `function () {}`, `const name = useCallback(() => {}, deps)`.
 * Text-based: no type checker, shadowing by parameters is not considered.
 */
export function findLocalFunction(from: Node, name: string): CompilerFunction | undefined {
  const ts = fastTs();
  const { Block, SourceFile, ModuleBlock, CaseClause, DefaultClause } = ts.SyntaxKind;
  for (let scope = from.parent; scope; scope = scope.parent) {
    const kind = scope.kind;
    if (kind !== Block && kind !== SourceFile && kind !== ModuleBlock && kind !== CaseClause && kind !== DefaultClause) continue;
    for (const statement of (scope as TsMorph.ts.Block).statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name?.text === name && statement.body) return statement;
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || declaration.name.text !== name) continue;
        const initializer = declaration.initializer;
        const fn = initializer && functionValue(initializer);
        if (fn) return fn;
      }
    }
  }
  return undefined;
}

/** `() => {}`, `function () {}`, or the callback of `useCallback(fn, deps)` / `React.useCallback(fn, deps)`. */
function functionValue(node: Node): CompilerFunction | undefined {
  const ts = fastTs();
  const inner = unwrapCompilerNode(node);
  if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) return inner;
  if (ts.isCallExpression(inner)) {
    const callee = inner.expression;
    const calleeName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const [callback] = inner.arguments;
    if (calleeName === 'useCallback' && callback) {
      const fn = unwrapCompilerNode(callback);
      if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) return fn;
    }
  }
  return undefined;
}

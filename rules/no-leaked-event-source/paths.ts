/** Small helpers of no-leaked-event-source: member paths, wrapper-free parents, local functions by name. */
import { tsMorph, type AstNode, type FunctionNode } from '../../src/analysis/morph.js';
import { stringValue, unwrap } from '../../src/analysis/syntax.js';

/**
 * A comparable name for what an expression reads: `es`, `esRef.current`, `this.source`, `sources.chat`
 * (for `sources['chat']`). Optional chaining, `!`, parentheses and `as` do not matter: `esRef.current?.close()`
 * and `esRef.current!.close()` close the same `esRef.current`. Undefined for anything else (calls, computed keys).
 */
export function pathKey(node: AstNode): string | undefined {
  const { Node } = tsMorph();
  const inner = unwrap(node);
  if (Node.isIdentifier(inner)) return inner.getText();
  if (Node.isThisExpression(inner)) return 'this';
  if (Node.isPropertyAccessExpression(inner)) {
    const base = pathKey(inner.getExpression());
    return base === undefined ? undefined : `${base}.${inner.getName()}`;
  }
  if (Node.isElementAccessExpression(inner)) {
    const argument = inner.getArgumentExpression();
    const key = argument && (stringValue(argument) ?? (Node.isNumericLiteral(argument) ? argument.getLiteralText() : undefined));
    const base = pathKey(inner.getExpression());
    return base === undefined || key === undefined ? undefined : `${base}.${key}`;
  }
  return undefined;
}

/**
 * The function a name refers to from `from`, looking in each enclosing block (nearest first):
 * `function name() {}`, `const name = () => {}` / `function () {}`, `const name = useCallback(() => {}, deps)`.
 * Text-based: no type checker, shadowing by parameters is not considered.
 */
export function findLocalFunction(from: AstNode, name: string): FunctionNode | undefined {
  const { Node } = tsMorph();
  for (let scope = from.getParent(); scope; scope = scope.getParent()) {
    if (!Node.isBlock(scope) && !Node.isSourceFile(scope) && !Node.isModuleBlock(scope) && !Node.isCaseClause(scope) && !Node.isDefaultClause(scope)) continue;
    for (const statement of scope.getStatements()) {
      if (Node.isFunctionDeclaration(statement) && statement.getName() === name && statement.getBody()) return statement;
      if (!Node.isVariableStatement(statement)) continue;
      for (const declaration of statement.getDeclarations()) {
        if (!Node.isIdentifier(declaration.getNameNode()) || declaration.getName() !== name) continue;
        const initializer = declaration.getInitializer();
        const fn = initializer && functionValue(initializer);
        if (fn) return fn;
      }
    }
  }
  return undefined;
}

/** `() => {}`, `function () {}`, or the callback of `useCallback(fn, deps)` / `React.useCallback(fn, deps)`. */
function functionValue(node: AstNode): FunctionNode | undefined {
  const { Node } = tsMorph();
  const inner = unwrap(node);
  if (Node.isArrowFunction(inner) || Node.isFunctionExpression(inner)) return inner;
  if (Node.isCallExpression(inner)) {
    const callee = inner.getExpression();
    const calleeName = Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
    const [callback] = inner.getArguments();
    if (calleeName === 'useCallback' && callback) {
      const fn = unwrap(callback);
      if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) return fn;
    }
  }
  return undefined;
}

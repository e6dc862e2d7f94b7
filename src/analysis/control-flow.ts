/**
 * Just enough control flow for handlers: which expressions a handler returns (each branch of a
 * conditional or logical return on its own). Whether an effect runs before a return is
 * require-revalidate's own question (rules/require-revalidate/effect-coverage.ts).
 */
import { tsMorph, type AstNode, type FunctionNode, type TsMorph } from './morph.js';
import { compilerOwnReturns, fastTs, unwrapCompilerNode, wrapCompilerNode } from './syntax.js';

export interface HandlerReturn {
  /** The `return` statement, or the body of an expression-bodied arrow function. */
  site: AstNode;
  /** One returned expression; a conditional or logical return yields one entry per branch. */
  branch: AstNode;
}

/** Every return of the handler itself (not of nested functions), split into branches. */
export function handlerReturns(handler: FunctionNode): HandlerReturn[] {
  const { Node } = tsMorph();
  const body = handler.getBody();
  if (!body) return [];
  const wrap = (node: TsMorph.ts.Node) => wrapCompilerNode(body, node);
  if (!Node.isBlock(body)) return branchesOf(body.compilerNode).map((branch) => ({ site: body, branch: wrap(branch) }));
  const returns: HandlerReturn[] = [];
  // Read on compiler nodes: only the returns found and their branches are wrapped.
  for (const statement of compilerOwnReturns(body.compilerNode, { intoReturns: false })) {
    if (!statement.expression) continue;
    const site = wrap(statement);
    for (const branch of branchesOf(statement.expression)) returns.push({ site, branch: wrap(branch) });
  }
  return returns;
}

function branchesOf(expression: TsMorph.ts.Node): TsMorph.ts.Node[] {
  const ts = fastTs();
  const node = unwrapCompilerNode(expression);
  if (ts.isConditionalExpression(node)) return [...branchesOf(node.whenTrue), ...branchesOf(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) {
      return [...branchesOf(node.left), ...branchesOf(node.right)];
    }
  }
  return [node];
}

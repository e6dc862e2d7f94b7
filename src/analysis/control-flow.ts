/**
 * Just enough control flow for handlers: which expressions a handler returns (each branch of a
 * conditional or logical return on its own). Whether an effect runs before a return is
 * require-revalidate's own question (rules/require-revalidate/effect-coverage.ts).
 */
import type { AstNode, CompilerFunction, FunctionNode, TsMorph } from './morph.js';
import { compilerOwnReturns, fastTs, unwrapCompilerNode, wrapCompilerNode } from './syntax.js';

export interface HandlerReturn {
  /** The `return` statement, or the body of an expression-bodied arrow function. */
  site: AstNode;
  /** One returned expression; a conditional or logical return yields one entry per branch. */
  branch: AstNode;
}

/** A `HandlerReturn` as compiler nodes. */
export interface CompilerHandlerReturn {
  site: TsMorph.ts.Node;
  branch: TsMorph.ts.Node;
}

/** Every return of the handler itself (not of nested functions), split into branches. */
export function handlerReturns(handler: FunctionNode): HandlerReturn[] {
  const wrap = (node: TsMorph.ts.Node) => wrapCompilerNode(handler, node);
  return compilerHandlerReturns(handler.compilerNode).map(({ site, branch }) => ({ site: wrap(site), branch: wrap(branch) }));
}

/** `handlerReturns` on compiler nodes, wrapping nothing. */
export function compilerHandlerReturns(handler: CompilerFunction): CompilerHandlerReturn[] {
  const body = handler.body;
  if (!body) return [];
  if (body.kind !== fastTs().SyntaxKind.Block) return branchesOf(body).map((branch) => ({ site: body, branch }));
  const returns: CompilerHandlerReturn[] = [];
  for (const statement of compilerOwnReturns(body, { intoReturns: false })) {
    if (!statement.expression) continue;
    for (const branch of branchesOf(statement.expression)) returns.push({ site: statement, branch });
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

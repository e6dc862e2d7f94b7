/**
 * Just enough control flow for handlers: which expressions a handler returns (each branch of a
 * conditional or logical return on its own). Whether an effect runs before a return is
 * require-revalidate's own question (rules/require-revalidate/effect-coverage.ts).
 */
import { tsMorph, type AstNode, type FunctionNode } from './morph.js';
import { FUNCTION_KINDS, isFunctionLike, kinds, unwrap, walk } from './syntax.js';

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
  if (!Node.isBlock(body)) return branchesOf(body).map((branch) => ({ site: body, branch }));
  const returns: HandlerReturn[] = [];
  walk(body, (node) => {
    if (isFunctionLike(node) || Node.isClassDeclaration(node) || Node.isClassExpression(node)) return false;
    if (Node.isReturnStatement(node)) {
      const expression = node.getExpression();
      if (expression) for (const branch of branchesOf(expression)) returns.push({ site: node, branch });
      return false;
    }
    return true;
  }, kinds(...FUNCTION_KINDS, 'ClassDeclaration', 'ClassExpression', 'ReturnStatement'));
  return returns;
}

function branchesOf(expression: AstNode): AstNode[] {
  const { Node, SyntaxKind } = tsMorph();
  const node = unwrap(expression);
  if (Node.isConditionalExpression(node)) return [...branchesOf(node.getWhenTrue()), ...branchesOf(node.getWhenFalse())];
  if (Node.isBinaryExpression(node)) {
    const operator = node.getOperatorToken().getKind();
    if (operator === SyntaxKind.BarBarToken || operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.AmpersandAmpersandToken) {
      return [...branchesOf(node.getLeft()), ...branchesOf(node.getRight())];
    }
  }
  return [node];
}


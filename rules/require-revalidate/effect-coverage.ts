/**
 * Whether a revalidation or a publish certainly runs before a given return of a handler: where an
 * effect counts (itself, or the call an inline callback is given to), and whether it precedes the
 * return on every path. Only require-revalidate asks this.
 */
import { tsMorph, type AstNode, type FunctionNode } from '../../src/analysis/morph.js';
import { isFunctionLike, unwrap } from '../../src/analysis/syntax.js';

/**
 * The node an effect counts at inside `handler`: the effect itself, or, when it sits in an inline
 * callback (`items.forEach(...)`, `Promise.all(items.map(...))`), the call that receives the callback.
 * Undefined when the effect is in a function that is not passed inline (it may never run).
 */
export function effectAnchor(effect: AstNode, handler: FunctionNode): AstNode | undefined {
  const { Node } = tsMorph();
  let anchor: AstNode = effect;
  let current = effect.getParent();
  while (current && current !== handler) {
    if (isFunctionLike(current)) {
      const parent = skipWrappers(current.getParent());
      if (!parent || !Node.isCallExpression(parent) || !parent.getArguments().some((argument) => unwrap(argument) === current)) return undefined;
      anchor = parent;
    }
    current = current.getParent();
  }
  return current === handler ? anchor : undefined;
}

function skipWrappers(node: AstNode | undefined): AstNode | undefined {
  const { Node } = tsMorph();
  let current = node;
  while (current && (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isAwaitExpression(current))) {
    current = current.getParent();
  }
  return current;
}

/**
 * Whether one of `anchors` certainly runs before `site` on every path that reaches it: it stands in a
 * statement that precedes `site` in an enclosing block and is not under a condition there (an `if`
 * whose branches both run an effect counts; loops and `try` blocks are taken as running).
 */
export function coveredBefore(site: AstNode, anchors: readonly AstNode[], handler: FunctionNode): boolean {
  const { Node } = tsMorph();
  if (anchors.length === 0) return false;
  let node = site;
  while (node !== handler) {
    const parent = node.getParent();
    if (!parent) return false;
    if (Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent)) {
      for (const statement of parent.getStatements()) {
        if (statement === node) break;
        if (statementRunsEffect(statement, anchors)) return true;
      }
    }
    node = parent;
  }
  return false;
}

function statementRunsEffect(statement: AstNode, anchors: readonly AstNode[]): boolean {
  const { Node } = tsMorph();
  if (Node.isIfStatement(statement)) {
    const otherwise = statement.getElseStatement();
    if (anchors.some((anchor) => within(anchor, statement.getExpression()))) return true;
    return !!otherwise && statementRunsEffect(statement.getThenStatement(), anchors) && statementRunsEffect(otherwise, anchors);
  }
  return anchors.some((anchor) => within(anchor, statement) && !conditionalBetween(anchor, statement));
}

/** True when `anchor` is under a branch of `root` that may not run (if branch, `? :`, `&&`, catch, case). */
function conditionalBetween(anchor: AstNode, root: AstNode): boolean {
  const { Node, SyntaxKind } = tsMorph();
  let child = anchor;
  let current = anchor.getParent();
  while (current && child !== root) {
    if (Node.isIfStatement(current) && child !== current.getExpression()) return true;
    if (Node.isConditionalExpression(current) && child !== current.getCondition()) return true;
    if (Node.isBinaryExpression(current) && child === current.getRight()) {
      const operator = current.getOperatorToken().getKind();
      if (operator === SyntaxKind.BarBarToken || operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.AmpersandAmpersandToken) return true;
    }
    if (Node.isCatchClause(current) || Node.isCaseClause(current) || Node.isDefaultClause(current)) return true;
    if (isFunctionLike(current)) return true;
    child = current;
    current = current.getParent();
  }
  return false;
}

function within(inner: AstNode, outer: AstNode): boolean {
  return inner.getStart() >= outer.getStart() && inner.getEnd() <= outer.getEnd();
}

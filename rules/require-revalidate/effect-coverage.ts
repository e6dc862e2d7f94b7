/**
 * Whether a revalidation or a publish certainly runs before a given return of a handler: where an
 * effect counts (itself, or the call an inline callback is given to), and whether it precedes the
 * return on every path. Only require-revalidate asks this.
 *
 * Read on TypeScript's own nodes, wrapping nothing.
 */
import type { CompilerFunction, TsMorph } from '../../src/analysis/morph.js';
import { fastTs, isCompilerFunctionLike, unwrapCompilerNode } from '../../src/analysis/syntax.js';

type CompilerNode = TsMorph.ts.Node;

/**
 * The node an effect counts at inside `handler`: the effect itself, or, when it sits in an inline
 * callback (`items.forEach(...)`, `Promise.all(items.map(...))`), the call that receives the callback.
 * Undefined when the effect is in a function that is not passed inline (it may never run).
 */
export function effectAnchor(effect: CompilerNode, handler: CompilerFunction): CompilerNode | undefined {
  const ts = fastTs();
  const stop: CompilerNode = handler;
  let anchor: CompilerNode = effect;
  let current: CompilerNode | undefined = anchor.parent;
  while (current && current !== stop) {
    if (isCompilerFunctionLike(current)) {
      const callback = current;
      const parent = skipWrappers(current.parent);
      if (!parent || !ts.isCallExpression(parent) || !parent.arguments.some((argument) => unwrapCompilerNode(argument) === callback)) return undefined;
      anchor = parent;
    }
    current = current.parent;
  }
  return current === stop ? anchor : undefined;
}


function skipWrappers(node: CompilerNode | undefined): CompilerNode | undefined {
  const ts = fastTs();
  let current = node;
  while (current && (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isAwaitExpression(current))) {
    current = current.parent;
  }
  return current;
}

/** An anchor with its range as ts-morph's `getStart()`/`getEnd()` give it, read once. */
interface Anchor {
  node: CompilerNode;
  start: number;
  end: number;
}

/**
 * Whether one of `anchors` certainly runs before `site` on every path that reaches it: it stands in a
 * statement that precedes `site` in an enclosing block and is not under a condition there (an `if`
 * whose branches both run an effect counts; loops and `try` blocks are taken as running).
 */
export function coveredBefore(site: CompilerNode, anchors: readonly CompilerNode[], handler: CompilerFunction): boolean {
  const { SyntaxKind } = fastTs();
  if (anchors.length === 0) return false;
  const sourceFile = site.getSourceFile();
  const ranges = anchors.map((anchor): Anchor => ({ node: anchor, start: anchor.getStart(sourceFile), end: anchor.end }));
  const stop: CompilerNode = handler;
  let node: CompilerNode = site;
  while (node !== stop) {
    const parent: CompilerNode | undefined = node.parent;
    if (!parent) return false;
    if (parent.kind === SyntaxKind.Block || parent.kind === SyntaxKind.CaseClause || parent.kind === SyntaxKind.DefaultClause) {
      // ts-morph's getStatements also lists comments as statements: no anchor (code) lies within one.
      for (const statement of (parent as TsMorph.ts.Block | TsMorph.ts.CaseOrDefaultClause).statements) {
        if (statement === node) break;
        if (statementRunsEffect(statement, ranges, sourceFile)) return true;
      }
    }
    node = parent;
  }
  return false;
}

function statementRunsEffect(statement: CompilerNode, anchors: readonly Anchor[], sourceFile: TsMorph.ts.SourceFile): boolean {
  const { SyntaxKind } = fastTs();
  if (statement.kind === SyntaxKind.IfStatement) {
    const { expression, thenStatement, elseStatement } = statement as TsMorph.ts.IfStatement;
    if (anchors.some((anchor) => within(anchor, expression, sourceFile))) return true;
    return !!elseStatement && statementRunsEffect(thenStatement, anchors, sourceFile) && statementRunsEffect(elseStatement, anchors, sourceFile);
  }
  return anchors.some((anchor) => within(anchor, statement, sourceFile) && !conditionalBetween(anchor.node, statement));
}

/** True when `anchor` is under a branch of `root` that may not run (if branch, `? :`, `&&`, catch, case). */
function conditionalBetween(anchor: CompilerNode, root: CompilerNode): boolean {
  const ts = fastTs();
  const { SyntaxKind } = ts;
  let child = anchor;
  let current = anchor.parent as CompilerNode | undefined;
  while (current && child !== root) {
    const kind = current.kind;
    if (kind === SyntaxKind.IfStatement && child !== (current as TsMorph.ts.IfStatement).expression) return true;
    if (kind === SyntaxKind.ConditionalExpression && child !== (current as TsMorph.ts.ConditionalExpression).condition) return true;
    if (ts.isBinaryExpression(current) && child === current.right) {
      const operator = current.operatorToken.kind;
      if (operator === SyntaxKind.BarBarToken || operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.AmpersandAmpersandToken) return true;
    }
    if (kind === SyntaxKind.CatchClause || kind === SyntaxKind.CaseClause || kind === SyntaxKind.DefaultClause) return true;
    if (isCompilerFunctionLike(current)) return true;
    child = current;
    current = current.parent;
  }
  return false;
}

function within(inner: Anchor, outer: CompilerNode, sourceFile: TsMorph.ts.SourceFile): boolean {
  // The cheap test first: most statements end before the anchor ends.
  return inner.end <= outer.end && inner.start >= outer.getStart(sourceFile);
}

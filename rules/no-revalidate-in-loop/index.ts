import { tsMorph, type AstNode, type FunctionNode } from '../../src/analysis/morph.js';
import { revalidateCallRange } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { calleeProperty, isFunctionLike, unwrap } from '../../src/analysis/syntax.js';

export type NoRevalidateInLoopOptions = Record<string, never>;

/** Array methods whose callback runs once per element: a revalidation inside it repeats. */
const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'reduce', 'filter', 'some', 'every']);

export const noRevalidateInLoop = defineRule<NoRevalidateInLoopOptions>({
  id: 'no-revalidate-in-loop',
  type: 'suggestion',
  docs: {
    description: 'Disallow revalidating inside a loop: collect the keys and revalidate once',
    recommended: 'warn',
    url: docsUrl('no-revalidate-in-loop'),
  },
  messages: {
    revalidateInLoop:
      'Revalidation inside a loop ({{loop}}): it runs once per iteration, sending connected clients one refetch signal each time. Collect the keys (and scopes) and revalidate once, after the loop.',
  },
  schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  defaultOptions: {},
  // Loose on purpose: `response['revalidate'](...)` must pass too.
  // `.revalidate(` and `['revalidate'](`, not `revalidatePath(`.
  prefilter: /revalidate['"`]?\s*\]?\s*\(/,
  requiresActions: true,
  check({ file }) {
    const findings: Finding[] = [];
    for (const { value: revalidation, action } of file.revalidations()) {
      // Only handlers: a helper outside any action has no request whose loop we could judge.
      if (!action?.handler) continue;
      const loop = repeatingLoop(revalidation.call, action.handler);
      if (loop) findings.push({ range: revalidateCallRange(revalidation), messageId: 'revalidateInLoop', data: { loop } });
    }
    return findings;
  },
});

/** A jump that certainly follows the revalidation: what it leaves. */
type Exit = { kind: 'function' } | { kind: 'break'; label?: string };

/**
 * The innermost loop (its kind, for the message) that runs `call` more than once, walking up to the
 * handler. Undefined when none does: no loop, a loop the code certainly leaves right after the
 * revalidation (`return`, `throw`, `break`), or a nested function that is not an iteration callback
 * (it may run once, later, or never: we do not follow calls).
 */
function repeatingLoop(call: AstNode, handler: FunctionNode): string | undefined {
  const { Node } = tsMorph();
  let child: AstNode = call;
  let node = call.getParent();
  let exit: Exit | undefined;
  while (node) {
    if (isFunctionLike(node)) {
      // The handler is the boundary: a loop around the action definition does not run the handler's body.
      // An iteration callback repeats whatever its body does, `return` included (it only ends one call).
      return node === handler ? undefined : iterationCallbackKind(node);
    }
    // `return response.revalidate(...)...` / `throw ...`: the handler ends with this revalidation.
    if (Node.isReturnStatement(node) || Node.isThrowStatement(node)) exit ??= { kind: 'function' };
    exit ??= jumpAfter(child, node);
    const kind = loopKind(node, child);
    if (kind) {
      if (!exit) return kind;
      // An unlabelled `break` leaves this loop only: loops further out still repeat the revalidation.
      if (exit.kind === 'break' && exit.label === undefined) exit = undefined;
    }
    // An unlabelled `break` inside a `switch` leaves the switch, not the loop around it.
    if (Node.isSwitchStatement(node) && exit?.kind === 'break' && exit.label === undefined) exit = undefined;
    if (Node.isLabeledStatement(node) && exit?.kind === 'break' && exit.label === node.getLabel().getText()) exit = undefined;
    child = node;
    node = node.getParent();
  }
  return undefined;
}

/**
 * When `child` is a statement of a block (or `case` clause) `parent`: the first jump among the
 * statements after it, which then certainly runs. A `continue` keeps the loop going: no exit.
 */
function jumpAfter(child: AstNode, parent: AstNode): Exit | undefined {
  const { Node } = tsMorph();
  if (!Node.isBlock(parent) && !Node.isCaseClause(parent) && !Node.isDefaultClause(parent)) return undefined;
  const statements: AstNode[] = parent.getStatements();
  const index = statements.indexOf(child);
  if (index === -1) return undefined; // `case <expression>:` itself
  for (const statement of statements.slice(index + 1)) {
    if (Node.isReturnStatement(statement) || Node.isThrowStatement(statement)) return { kind: 'function' };
    if (Node.isBreakStatement(statement)) return { kind: 'break', label: statement.getLabel()?.getText() };
    if (Node.isContinueStatement(statement)) return undefined;
  }
  return undefined;
}

/** The kind of `node` when it is a loop and `child` is a part of it that runs on every iteration. */
function loopKind(node: AstNode, child: AstNode): string | undefined {
  const { Node } = tsMorph();
  // The initializer of `for (init; ...)` and the iterated expression of `for…of`/`for…in` run once.
  if (Node.isForStatement(node)) return child === node.getInitializer() ? undefined : 'for';
  if (Node.isForOfStatement(node)) {
    if (child === node.getExpression() || child === node.getInitializer()) return undefined;
    return node.isAwaited() ? 'for await…of' : 'for…of';
  }
  if (Node.isForInStatement(node)) return child === node.getExpression() || child === node.getInitializer() ? undefined : 'for…in';
  if (Node.isWhileStatement(node)) return 'while';
  if (Node.isDoStatement(node)) return 'do…while';
  return undefined;
}

/** `.forEach()` when `fn` is the callback (first argument) of `items.forEach(fn)` and the like. */
function iterationCallbackKind(fn: FunctionNode): string | undefined {
  const { Node } = tsMorph();
  let parent = fn.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent))) {
    parent = parent.getParent();
  }
  if (!parent || !Node.isCallExpression(parent)) return undefined;
  const member = calleeProperty(parent);
  const [first] = parent.getArguments();
  if (!member || !ITERATION_METHODS.has(member.name) || !first || unwrap(first) !== fn) return undefined;
  return `.${member.name}()`;
}


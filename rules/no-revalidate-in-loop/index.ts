import type { TsMorph } from '../../src/analysis/morph.js';
import { revalidateCallRange } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { compilerCallee, fastTs, FUNCTION_KINDS, kinds, unwrapCompilerNode } from '../../src/analysis/syntax.js';

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
      const handler = action?.compilerHandler;
      if (!handler) continue;
      const loop = repeatingLoop(revalidation.compilerCall, handler);
      if (loop) findings.push({ range: revalidateCallRange(revalidation), messageId: 'revalidateInLoop', data: { loop } });
    }
    return findings;
  },
});

/** A jump that certainly follows the revalidation: what it leaves. */
type Exit = { kind: 'function' } | { kind: 'break'; label?: string };

type CompilerNode = TsMorph.ts.Node;

/**
 * The innermost loop (its kind, for the message) that runs `call` more than once, walking up to the
 * handler. Undefined when none does: no loop, a loop the code certainly leaves right after the
 * revalidation (`return`, `throw`, `break`), or a nested function that is not an iteration callback
 * (it may run once, later, or never: we do not follow calls). Read on compiler nodes (labels as
 * ts-morph reads them, the identifier's `text`), wrapping nothing.
 */
function repeatingLoop(call: CompilerNode, handler: CompilerNode): string | undefined {
  const ts = fastTs();
  const functionKinds = kinds(...FUNCTION_KINDS);
  let child = call;
  let node = child.parent as CompilerNode | undefined;
  let exit: Exit | undefined;
  while (node) {
    if (functionKinds.has(node.kind)) {
      // The handler is the boundary: a loop around the action definition does not run the handler's body.
      // An iteration callback repeats whatever its body does, `return` included (it only ends one call).
      return node === handler ? undefined : iterationCallbackKind(node);
    }
    // `return response.revalidate(...)...` / `throw ...`: the handler ends with this revalidation.
    if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) exit ??= { kind: 'function' };
    exit ??= jumpAfter(child, node);
    const kind = loopKind(node, child);
    if (kind) {
      if (!exit) return kind;
      // An unlabelled `break` leaves this loop only: loops further out still repeat the revalidation.
      if (exit.kind === 'break' && exit.label === undefined) exit = undefined;
    }
    // An unlabelled `break` inside a `switch` leaves the switch, not the loop around it.
    if (ts.isSwitchStatement(node) && exit?.kind === 'break' && exit.label === undefined) exit = undefined;
    if (ts.isLabeledStatement(node) && exit?.kind === 'break' && exit.label === node.label.text) exit = undefined;
    child = node;
    node = node.parent;
  }
  return undefined;
}

/**
 * When `child` is a statement of a block (or `case` clause) `parent`: the first jump among the
 * statements after it, which then certainly runs. A `continue` keeps the loop going: no exit.
 */
function jumpAfter(child: CompilerNode, parent: CompilerNode): Exit | undefined {
  const ts = fastTs();
  if (!ts.isBlock(parent) && !ts.isCaseClause(parent) && !ts.isDefaultClause(parent)) return undefined;
  const statements = parent.statements;
  const index = statements.indexOf(child as TsMorph.ts.Statement);
  if (index === -1) return undefined; // `case <expression>:` itself
  for (const statement of statements.slice(index + 1)) {
    if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return { kind: 'function' };
    if (ts.isBreakStatement(statement)) return { kind: 'break', label: statement.label?.text };
    if (ts.isContinueStatement(statement)) return undefined;
  }
  return undefined;
}

/** The kind of `node` when it is a loop and `child` is a part of it that runs on every iteration. */
function loopKind(node: CompilerNode, child: CompilerNode): string | undefined {
  const ts = fastTs();
  // The initializer of `for (init; ...)` and the iterated expression of `for…of`/`for…in` run once.
  if (ts.isForStatement(node)) return child === node.initializer ? undefined : 'for';
  if (ts.isForOfStatement(node)) {
    if (child === node.expression || child === node.initializer) return undefined;
    return node.awaitModifier ? 'for await…of' : 'for…of';
  }
  if (ts.isForInStatement(node)) return child === node.expression || child === node.initializer ? undefined : 'for…in';
  if (ts.isWhileStatement(node)) return 'while';
  if (ts.isDoStatement(node)) return 'do…while';
  return undefined;
}

/** `.forEach()` when `fn` is the callback (first argument) of `items.forEach(fn)` and the like. */
function iterationCallbackKind(fn: CompilerNode): string | undefined {
  const ts = fastTs();
  let parent = fn.parent as CompilerNode | undefined;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent))) {
    parent = parent.parent;
  }
  if (!parent || !ts.isCallExpression(parent)) return undefined;
  const member = compilerCallee(parent);
  const [first] = parent.arguments;
  if (!member || !ITERATION_METHODS.has(member.name) || !first || unwrapCompilerNode(first) !== fn) return undefined;
  return `.${member.name}()`;
}

import type { Bindings } from '../../src/analysis/bindings.js';
import { indentationAt } from '../../src/analysis/edits.js';
import type { Located } from '../../src/analysis/file-model.js';
import type { TsMorph } from '../../src/analysis/morph.js';
import { revalidateCallRange, type Revalidation } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding, type TextEdit } from '../../src/analysis/rule-api.js';
import { compilerCalleeProperty, compilerContains, compilerEnclosingFunction, fastTs, isCompilerFunctionLike } from '../../src/analysis/syntax.js';

type CompilerNode = TsMorph.ts.Node;
type CallExpression = TsMorph.ts.CallExpression;
type AccessExpression = TsMorph.ts.PropertyAccessExpression | TsMorph.ts.ElementAccessExpression;

export type RevalidateBeforeResponseOptions = Record<string, never>;

/**
 * The terminal calls that return a plain `IgniterResponse` in @igniter-js/core 0.3: `.revalidate()` after
 * them is a type error (TS2339). `stream()` returns the builder, so `.stream(...).revalidate(...)`
 * type-checks and is left alone; names 0.3 does not have are not ours to judge.
 */
const PLAIN_RESPONSE_TERMINALS = new Set([
  'success', 'created', 'noContent', 'json',
  'error', 'badRequest', 'unauthorized', 'forbidden', 'notFound', 'redirect',
]);

export const revalidateBeforeResponse = defineRule<RevalidateBeforeResponseOptions>({
  id: 'revalidate-before-response',
  type: 'problem',
  docs: {
    description: 'Require `.revalidate()` before the terminal response call, where @igniter-js/core 0.3 accepts it',
    recommended: 'warn',
    url: docsUrl('revalidate-before-response'),
  },
  messages: {
    revalidateAfterResponse:
      '`.revalidate()` is chained after `.{{terminal}}()`, which returns a plain response without `revalidate` in @igniter-js/core 0.3 (a type error). Call it before: `response.revalidate(...).{{terminal}}(...)`.',
  },
  schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  defaultOptions: {},
  fixable: 'code',
  // Loose on purpose: `['revalidate'](...)` must pass too.
  // `.revalidate(` and `['revalidate'](`, not `revalidatePath(`.
  prefilter: /revalidate['"`]?\s*\]?\s*\(/,
  check({ file }) {
    const findings: Finding[] = [];
    for (const located of file.revalidations()) {
      const { value: revalidation } = located;
      // `response-after`, and the options form written after a terminal call (`.success(x).revalidate({ queryKeys })`).
      // Read on TypeScript's nodes: nothing on this rule's path is wrapped for ts-morph.
      const after = revalidation.compilerAfter;
      if (revalidation.form === 'realtime' || !after) continue;
      const terminal = compilerCalleeProperty(after);
      if (!terminal || !PLAIN_RESPONSE_TERMINALS.has(terminal)) continue;
      const fix = moveBeforeTerminal(revalidation.compilerCall, after, file.text);
      findings.push({
        range: revalidateCallRange(revalidation),
        messageId: 'revalidateAfterResponse',
        data: { terminal },
        ...(fix && isSafeToMove(located) ? { fix: [fix] } : {}),
      });
    }
    return findings;
  },
});

/**
 * One piece of a call chain: `gap` is the text between the previous piece and the access token
 * (white space, line breaks, comments), `segment` runs from the access token (`.`, `?.`, `[`) to the
 * end of the call, arguments and type arguments included.
 */
interface Piece {
  gap: string;
  segment: string;
}

/**
 * The edit that turns `<root>.<terminal>(...).revalidate(...)` into `<root>.revalidate(...).<terminal>(...)`,
 * or undefined when the two calls are not directly chained (something sits between them, such as
 * another call, a `!` or parentheses): then the order to write is for the user to decide.
 */
function moveBeforeTerminal(revalidate: CallExpression, terminal: CallExpression, text: string): TextEdit | undefined {
  const revalidateCallee = revalidate.expression;
  const terminalCallee = terminal.expression;
  if (!isAccess(revalidateCallee) || !isAccess(terminalCallee)) return undefined;
  // Directly chained: `.revalidate` is accessed on the terminal call itself. Only the first revalidate
  // after the terminal passes this test, so `.revalidate(a).revalidate(b)` is fixed one call per pass
  // and keeps its order (b still runs last and wins, as it did).
  if (revalidateCallee.expression !== terminal) return undefined;
  const root = terminalCallee.expression;
  const terminalPiece = pieceOf(text, root.end, terminalCallee, terminal);
  const revalidatePiece = pieceOf(text, terminal.end, revalidateCallee, revalidate);
  // The terminal call's continuation lines are indented relative to the line it starts on.
  const replacement = reorder(terminalPiece, revalidatePiece, indentationAt(text, root.end));
  return { range: [root.end, revalidate.end], text: replacement };
}

function isAccess(node: CompilerNode): node is AccessExpression {
  const ts = fastTs();
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
}

/** The piece of `call`, whose callee `access` follows the code that ends at `previousEnd`. */
function pieceOf(text: string, previousEnd: number, access: AccessExpression, call: CallExpression): Piece {
  // The second child of an access is its first token after the object: `.`, `?.` or `[` (the tokens
  // ts-morph's getChildren lists: TypeScript's own, scanned from the source file).
  const sourceFile = access.getSourceFile();
  const token = access.getChildren(sourceFile)[1];
  const start = token ? token.getStart(sourceFile) : access.getStart(sourceFile);
  return { gap: text.slice(previousEnd, start), segment: text.slice(start, call.end) };
}

/**
 * The text that replaces `<terminal piece><revalidate piece>`: the revalidate call first.
 * - A revalidate call that stood on a line of its own (after a terminal on the root's line) keeps it,
 *   and the terminal call moves to the next line with the same indentation: the
 *   `response\n  .revalidate(...)\n  .created(...)` layout.
 * - Without comments, the layout stays where it was and the calls trade places.
 * - With comments between the calls, each comment travels with the call written after it.
 */
function reorder(terminal: Piece, revalidate: Piece, terminalLineIndent: string): string {
  const blank = (gap: string) => gap.trim() === '';
  if (!terminal.gap.includes('\n') && revalidate.gap.includes('\n')) {
    // The last line break of the gap (`\r\n` in a CRLF file) and the indentation after it.
    const newline = revalidate.gap.lastIndexOf('\n');
    const lineBreak = revalidate.gap.slice(revalidate.gap[newline - 1] === '\r' ? newline - 1 : newline);
    // A gap without a line break holds no `//` comment (it would swallow the call): block comments only.
    const inlineComment = terminal.gap.trim();
    const segment = reindent(terminal.segment, terminalLineIndent, lineBreak.slice(lineBreak.indexOf('\n') + 1));
    return `${revalidate.gap}${revalidate.segment}${lineBreak}${inlineComment ? `${inlineComment} ` : ''}${segment}`;
  }
  if (blank(terminal.gap) && blank(revalidate.gap)) return `${terminal.gap}${revalidate.segment}${revalidate.gap}${terminal.segment}`;
  return `${revalidate.gap}${revalidate.segment}${terminal.gap}${terminal.segment}`;
}

/**
 * Shifts the continuation lines of a multi-line segment (`.success({\n  id,\n})`) that moves from a line
 * indented `from` to one indented `to`. A template literal, or a string continued with `\` at the end
 * of a line, holds line breaks whose spaces are data: such a segment is left as written.
 */
function reindent(segment: string, from: string, to: string): string {
  if (!segment.includes('\n') || segment.includes('`') || /\\\r?\n/.test(segment) || !to.startsWith(from)) return segment;
  const extra = to.slice(from.length);
  return segment.replace(/\n(?=[^\r\n])/g, `\n${extra}`);
}

/**
 * Moving `.revalidate()` before the terminal call sets the revalidation on the handler's `response`
 * itself rather than on the copy the terminal call made. That is the same for the returned response,
 * but a response built from `response` later in the same handler would carry it too. So the fix is
 * only offered when the chain is returned from the handler (nothing of it runs afterwards), or when
 * nothing reaches `response` after the chain (or, inside a loop or callback, anywhere else in the handler).
 */
function isSafeToMove(located: Located<Revalidation>): boolean {
  const ts = fastTs();
  const chain = outermostChainCall(located.value.compilerCall);
  const sourceFile = chain.getSourceFile();
  const scope: CompilerNode = located.action?.compilerHandler ?? compilerEnclosingFunction(chain) ?? sourceFile;
  if (isReturnedFrom(chain, scope)) return true;
  const repeated = mayRunAgain(chain, scope);
  const bindings: Bindings = located.bindings;
  const chainEnd = chain.end;
  // Every descendant of `scope` in source order; a truthy answer ends the walk (a use was found).
  const reusedIn = (node: CompilerNode): boolean | undefined => {
    if (compilerContains(chain, node)) return undefined;
    if (repeated || node.getStart(sourceFile) >= chainEnd) {
      if ((ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) && bindings.compilerPathOf(node) === 'response') {
        // The name of a property access (`other.response`) is not a use of the handler's binding.
        const parent = node.parent as CompilerNode | undefined;
        if (!(parent && ts.isPropertyAccessExpression(parent) && parent.name === node)) return true;
      }
    }
    return ts.forEachChild(node, reusedIn);
  };
  return !ts.forEachChild(scope, reusedIn);
}

/**
 * `return <chain>` in `scope` itself (through parentheses, `await`, `as`, a branch of `?:`, the right
 * side of `&&`/`||`/`??`), or the expression body of `scope`: the function ends with it.
 */
function isReturnedFrom(chain: CompilerNode, scope: CompilerNode): boolean {
  const ts = fastTs();
  if (compilerEnclosingFunction(chain) !== scope) return false;
  const { AmpersandAmpersandToken, BarBarToken, QuestionQuestionToken } = ts.SyntaxKind;
  const logical = new Set<number>([AmpersandAmpersandToken, BarBarToken, QuestionQuestionToken]);
  let current: CompilerNode = chain;
  for (let parent = current.parent as CompilerNode | undefined; parent; current = parent, parent = parent.parent as CompilerNode | undefined) {
    if (ts.isReturnStatement(parent)) return true;
    if (ts.isArrowFunction(parent)) return parent === scope && parent.body === current;
    const passesThrough =
      ts.isParenthesizedExpression(parent) ||
      ts.isAwaitExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      (ts.isConditionalExpression(parent) && parent.condition !== current) ||
      (ts.isBinaryExpression(parent) && logical.has(parent.operatorToken.kind) && parent.right === current);
    if (!passesThrough) return false;
  }
  return false;
}

/** The whole chain the revalidate call belongs to: `.revalidate(k).setHeader(...)` continues it. */
function outermostChainCall(call: CallExpression): CompilerNode {
  const ts = fastTs();
  let current: CompilerNode = call;
  for (;;) {
    const parent = current.parent as CompilerNode | undefined;
    const grandparent = parent?.parent as CompilerNode | undefined;
    if (parent && grandparent && isAccess(parent) && ts.isCallExpression(grandparent) && grandparent.expression === parent) {
      current = grandparent;
      continue;
    }
    return current;
  }
}

/** Whether `node` sits in a loop or a nested function inside `scope`: code before it may run after it. */
function mayRunAgain(node: CompilerNode, scope: CompilerNode): boolean {
  const ts = fastTs();
  for (let current = node.parent as CompilerNode | undefined; current && current !== scope; current = current.parent as CompilerNode | undefined) {
    if (isCompilerFunctionLike(current) || ts.isForStatement(current) || ts.isForOfStatement(current) || ts.isForInStatement(current) || ts.isWhileStatement(current) || ts.isDoStatement(current)) {
      return true;
    }
  }
  return false;
}

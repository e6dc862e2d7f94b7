/**
 * How handlers talk to the realtime layer: response chains and their terminal calls, revalidations
 * in every form (the 0.3 API of @igniter-js/core and the Igniter.js realtime guide's), and live publishes.
 */
import type { AstNode, CallNode, CompilerFunction, TsMorph } from './morph.js';
import type { Bindings } from './bindings.js';
import { compilerCallee, compilerOwnReturns, compilerPropertyValue, compilerStringValue, fastTs, unwrapCompilerNode, wrapCompilerNode } from './syntax.js';

type CompilerNode = TsMorph.ts.Node;

/** Response methods that configure the response and return the builder (not terminal). */
const BUILDER_METHODS = new Set(['status', 'setHeader', 'setHeaders', 'header', 'headers', 'setCookie', 'clearCookie', 'cookie', 'revalidate']);

export interface ResponseCall {
  name: string;
  call: CallNode;
}

/** `response.a(...).b(...)` → [a, b] (root first), when the chain starts at the handler's response. */
export function responseChain(expression: AstNode, bindings: Bindings): ResponseCall[] | undefined {
  return compilerResponseChain(expression.compilerNode, bindings)?.map(({ name, call }) => ({ name, call: wrapCompilerNode(expression, call) as CallNode }));
}

export interface CompilerResponseCall {
  name: string;
  call: TsMorph.ts.CallExpression;
}

/** `responseChain` on compiler nodes: its calls are wrapped only by whoever hands one on. */
export function compilerResponseChain(expression: CompilerNode, bindings: Bindings): CompilerResponseCall[] | undefined {
  const ts = fastTs();
  const calls: CompilerResponseCall[] = [];
  let current = unwrapCompilerNode(expression);
  while (ts.isCallExpression(current)) {
    const member = compilerCallee(current);
    if (!member) return undefined;
    calls.unshift({ name: member.name, call: current });
    current = unwrapCompilerNode(member.object);
  }
  if (calls.length === 0 || bindings.compilerPathOf(current) !== 'response') return undefined;
  return calls;
}

/** The first terminal call of a response chain (`success`, `created`, `badRequest`, ...). */
export function terminalOf<T extends { name: string }>(chain: readonly T[]): T | undefined {
  return chain.find((call) => !BUILDER_METHODS.has(call.name));
}

export interface RevalidationKey {
  value: string;
  /** The literal (wrapped on first use: most keys are only compared by value). */
  readonly node: AstNode;
  /** The literal as a compiler node, to tell keys apart without wrapping them. */
  compilerNode: TsMorph.ts.Node;
}

export interface RevalidationTarget {
  keys: RevalidationKey[];
  /** False when some key is an expression we cannot read. */
  keysKnown: boolean;
  /** The scopes expression (resolver function, or array for `realtime.revalidate`), if given; wrapped on first use. */
  readonly scopes?: AstNode;
  compilerScopes?: CompilerNode;
  /** No `scopes` in view, but they may hide in what we cannot read (a variable, a spread). */
  scopesUnknown?: boolean;
}

export type RevalidationForm = 'response-before' | 'response-after' | 'response-options' | 'realtime';

/** A revalidation as TypeScript's nodes (`compilerCall`, `compilerAfter`); `call` and `after` are their wrappers, made on first use. */
export interface Revalidation {
  readonly call: CallNode;
  compilerCall: TsMorph.ts.CallExpression;
  form: RevalidationForm;
  targets: RevalidationTarget[];
  /** For `response.<terminal>(...).revalidate(...)`: the terminal call it follows. */
  readonly after?: CallNode;
  compilerAfter?: TsMorph.ts.CallExpression;
}

/** Wraps a compiler node of the file being read (SyntaxFile#wrap), when a reader hands a wrapper on. */
export type Wrap = (node: CompilerNode) => AstNode;

/**
 * Reads `call` as a revalidation, or returns undefined when it is not one. Read on compiler nodes:
 * what the revalidation hands on (its call, key literals, scopes, the terminal call) is wrapped with
 * `wrap` only when a reader asks for the wrapper.
 */
export function readRevalidation(call: TsMorph.ts.CallExpression, wrap: Wrap, bindings: Bindings, instanceNames: readonly string[]): Revalidation | undefined {
  const ts = fastTs();
  const member = compilerCallee(call);
  if (!member || member.name !== 'revalidate') return undefined;
  const [first, second] = call.arguments;

  if (isCompilerRealtime(member.object, bindings, instanceNames)) {
    const targets = first ? readRealtimeTargets(wrap, unwrapCompilerNode(first)) : [];
    return revalidation(wrap, call, 'realtime', targets);
  }

  const chain = bindings.compilerPathOf(member.object) === 'response' ? [] : compilerResponseChain(member.object, bindings);
  if (!chain) return undefined;
  const after = terminalOf(chain)?.call;
  const argument = first ? unwrapCompilerNode(first) : undefined;
  if (argument && ts.isObjectLiteralExpression(argument)) {
    const keys = readKeys(wrap, compilerPropertyValue(argument, 'queryKeys'));
    // As at runtime (`scopes || options.scopes`), a second argument wins over the object's `scopes`.
    const scopes = second ?? compilerPropertyValue(argument, 'scopes');
    return revalidation(wrap, call, 'response-options', [target(wrap, keys, scopes, !scopes && hasSpread(argument))], after);
  }
  // A single argument that is neither a key list nor a key may be a `RevalidateOptions` variable.
  const scopesUnknown = !second && !!argument && !ts.isArrayLiteralExpression(argument) && compilerStringValue(argument) === undefined;
  return revalidation(wrap, call, after ? 'response-after' : 'response-before', [target(wrap, readKeys(wrap, argument), second, scopesUnknown)], after);
}

function revalidation(wrap: Wrap, call: TsMorph.ts.CallExpression, form: RevalidationForm, targets: RevalidationTarget[], after?: TsMorph.ts.CallExpression): Revalidation {
  return {
    get call() {
      return wrap(call) as CallNode;
    },
    compilerCall: call,
    form,
    targets,
    get after() {
      return after && (wrap(after) as CallNode);
    },
    compilerAfter: after,
  };
}

function target(wrap: Wrap, keys: Pick<RevalidationTarget, 'keys' | 'keysKnown'>, scopes: CompilerNode | undefined, scopesUnknown: boolean): RevalidationTarget {
  return {
    ...keys,
    get scopes() {
      return scopes && wrap(scopes);
    },
    compilerScopes: scopes,
    scopesUnknown,
  };
}

/** Keys written as a string literal or an array of them. */
function readKeys(wrap: Wrap, node: CompilerNode | undefined): Pick<RevalidationTarget, 'keys' | 'keysKnown'> {
  const ts = fastTs();
  if (!node) return { keys: [], keysKnown: false };
  const inner = unwrapCompilerNode(node);
  const single = compilerStringValue(inner);
  if (single !== undefined) return { keys: [revalidationKey(wrap, single, inner)], keysKnown: true };
  if (!ts.isArrayLiteralExpression(inner)) return { keys: [], keysKnown: false };
  const keys: RevalidationKey[] = [];
  let keysKnown = true;
  for (const element of inner.elements) {
    const value = compilerStringValue(element);
    if (value === undefined) keysKnown = false;
    else keys.push(revalidationKey(wrap, value, unwrapCompilerNode(element)));
  }
  return { keys, keysKnown };
}

function revalidationKey(wrap: Wrap, value: string, literal: CompilerNode): RevalidationKey {
  return {
    value,
    compilerNode: literal,
    get node() {
      return wrap(literal);
    },
  };
}

function readRealtimeTargets(wrap: Wrap, node: CompilerNode): RevalidationTarget[] {
  const ts = fastTs();
  // `revalidate(changed ? [{ path, scopes }] : [])`: the targets of either branch.
  if (ts.isConditionalExpression(node)) {
    return [...readRealtimeTargets(wrap, unwrapCompilerNode(node.whenTrue)), ...readRealtimeTargets(wrap, unwrapCompilerNode(node.whenFalse))];
  }
  const elements = ts.isArrayLiteralExpression(node) ? node.elements.map(unwrapCompilerNode) : [node];
  return elements.map((element) => {
    if (!ts.isObjectLiteralExpression(element)) return { keys: [], keysKnown: false, scopesUnknown: true };
    const scopes = compilerPropertyValue(element, 'scopes');
    return target(wrap, readKeys(wrap, compilerPropertyValue(element, 'path')), scopes, !scopes && hasSpread(element));
  });
}

/** `{ ...base, path }`: the spread may carry properties we cannot see. */
function hasSpread(object: TsMorph.ts.ObjectLiteralExpression): boolean {
  const ts = fastTs();
  return object.properties.some((property) => ts.isSpreadAssignment(property));
}

/** Expressions a function returns (its expression body, or its own `return` statements). */
export function returnedExpressions(fn: AstNode): AstNode[] {
  return compilerReturnedExpressions(fn.compilerNode).map((expression) => wrapCompilerNode(fn, expression));
}

/** `returnedExpressions` on a compiler node, wrapping nothing. */
export function compilerReturnedExpressions(fn: CompilerNode): CompilerNode[] {
  const ts = fastTs();
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
  const body = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionDeclaration(fn) ? fn.body : undefined;
  if (!body) return [];
  const results: CompilerNode[] = [];
  for (const statement of compilerOwnReturns(body, { intoReturns: true })) if (statement.expression) results.push(statement.expression);
  return results;
}

/** `realtime`, `ctx.realtime`, `context.realtime`, `igniter.realtime`. */
export function isRealtime(expression: AstNode, bindings: Bindings, instanceNames: readonly string[]): boolean {
  return isCompilerRealtime(expression.compilerNode, bindings, instanceNames);
}

/** `isRealtime` on a compiler node (names read as ts-morph reads them: the identifier's `text`). */
export function isCompilerRealtime(expression: CompilerNode, bindings: Bindings, instanceNames: readonly string[]): boolean {
  const ts = fastTs();
  const node = unwrapCompilerNode(expression);
  const path = bindings.compilerPathOf(node);
  if (path === 'realtime' || path === 'context.realtime') return true;
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'realtime') {
    const owner = unwrapCompilerNode(node.expression);
    return ts.isIdentifier(owner) && (instanceNames.includes(owner.text) || owner.text === 'context');
  }
  return false;
}

/** `context.store`, `igniter.store`, `ctx.context.store`, or a variable named `store`. */
export function isStore(expression: AstNode, bindings: Bindings): boolean {
  return isCompilerStore(expression.compilerNode, bindings);
}

export function isCompilerStore(expression: CompilerNode, bindings: Bindings): boolean {
  const ts = fastTs();
  const node = unwrapCompilerNode(expression);
  const path = bindings.compilerPathOf(node);
  if (path === 'store' || path?.endsWith('.store')) return true;
  if (ts.isIdentifier(node)) return node.text === 'store';
  return ts.isPropertyAccessExpression(node) && node.name.text === 'store';
}

/** Whether `call` publishes live: `realtime.publish/broadcast`, `realtime.to(...)...publish()`, `<store>.publish`. */
export function isLivePublish(call: CallNode, bindings: Bindings, instanceNames: readonly string[]): boolean {
  return isCompilerLivePublish(call.compilerNode, bindings, instanceNames);
}

/** `isLivePublish` on a compiler node, for a look before the call is wrapped. */
export function isCompilerLivePublish(call: TsMorph.ts.CallExpression, bindings: Bindings, instanceNames: readonly string[]): boolean {
  const ts = fastTs();
  const member = compilerCallee(call);
  if (!member || (member.name !== 'publish' && member.name !== 'broadcast')) return false;
  if (isCompilerRealtime(member.object, bindings, instanceNames)) return true;
  if (member.name === 'publish' && isCompilerStore(member.object, bindings)) return true;
  if (member.name !== 'publish') return false;
  // A builder chain: realtime.to(channel).withData(data)...publish()
  let current = unwrapCompilerNode(member.object);
  while (ts.isCallExpression(current)) {
    const inner = compilerCallee(current);
    if (!inner) return false;
    if (inner.name === 'to' && isCompilerRealtime(inner.object, bindings, instanceNames)) return true;
    current = unwrapCompilerNode(inner.object);
  }
  return false;
}

/** Where a finding about a revalidation points: from the name `revalidate` to the end of its call. */
export function revalidateCallRange(revalidation: Revalidation): readonly [number, number] {
  const ts = fastTs();
  const call = revalidation.compilerCall;
  const sourceFile = call.getSourceFile();
  const callee = call.expression;
  const start = ts.isPropertyAccessExpression(callee)
    ? callee.name.getStart(sourceFile)
    : ts.isElementAccessExpression(callee)
      ? callee.argumentExpression.getStart(sourceFile) // response['revalidate'](...)
      : call.getStart(sourceFile);
  return [start, call.end];
}

const GUIDE_METHODS = new Set(['send', 'onDisconnect']);

/**
 * Whether a handler is written against the Igniter.js realtime guide's API: it calls `realtime.send(...)`
 * or `realtime.onDisconnect(...)`, which give a stream handler a per-connection lifetime. @igniter-js/core
 * 0.3's `realtime` service has neither; there a handler runs once per HTTP request.
 */
export function usesGuideRealtimeApi(handler: CompilerFunction, bindings: Bindings, instanceNames: readonly string[]): boolean {
  const ts = fastTs();
  const body = handler.body;
  if (!body) return false;
  // On compiler nodes: nothing here is handed on. `forEachChild` stops at the first true.
  const visit = (node: CompilerNode): boolean => {
    if (ts.isCallExpression(node)) {
      const member = compilerCallee(node);
      if (member && GUIDE_METHODS.has(member.name) && isCompilerRealtime(member.object, bindings, instanceNames)) return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return ts.forEachChild(body, visit) ?? false;
}

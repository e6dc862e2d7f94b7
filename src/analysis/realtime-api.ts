/**
 * How handlers talk to the realtime layer: response chains and their terminal calls, revalidations
 * in every form (the 0.3 API of @igniter-js/core and the Igniter.js realtime guide's), and live publishes.
 */
import { tsMorph, type AstNode, type CallNode, type FunctionNode, type TsMorph } from './morph.js';
import type { Bindings } from './bindings.js';
import { calleeProperty, compilerCalleeProperty, FUNCTION_KINDS, getProperty, isFunctionLike, kinds, propertyValue, stringValue, unwrap, walk } from './syntax.js';

/** Response methods that configure the response and return the builder (not terminal). */
const BUILDER_METHODS = new Set(['status', 'setHeader', 'setHeaders', 'header', 'headers', 'setCookie', 'clearCookie', 'cookie', 'revalidate']);

export interface ResponseCall {
  name: string;
  call: CallNode;
}

/** `response.a(...).b(...)` → [a, b] (root first), when the chain starts at the handler's response. */
export function responseChain(expression: AstNode, bindings: Bindings): ResponseCall[] | undefined {
  const { Node } = tsMorph();
  const calls: ResponseCall[] = [];
  let current = unwrap(expression);
  while (Node.isCallExpression(current)) {
    const member = calleeProperty(current);
    if (!member) return undefined;
    calls.unshift({ name: member.name, call: current });
    current = unwrap(member.object);
  }
  if (calls.length === 0 || bindings.pathOf(current) !== 'response') return undefined;
  return calls;
}

/** The first terminal call of a response chain (`success`, `created`, `badRequest`, ...). */
export function terminalOf(chain: readonly ResponseCall[]): ResponseCall | undefined {
  return chain.find((call) => !BUILDER_METHODS.has(call.name));
}

export interface RevalidationKey {
  value: string;
  node: AstNode;
}

export interface RevalidationTarget {
  keys: RevalidationKey[];
  /** False when some key is an expression we cannot read. */
  keysKnown: boolean;
  /** The scopes expression (resolver function, or array for `realtime.revalidate`), if given. */
  scopes?: AstNode;
  /** No `scopes` in view, but they may hide in what we cannot read (a variable, a spread). */
  scopesUnknown?: boolean;
}

export type RevalidationForm = 'response-before' | 'response-after' | 'response-options' | 'realtime';

export interface Revalidation {
  call: CallNode;
  form: RevalidationForm;
  targets: RevalidationTarget[];
  /** For `response.<terminal>(...).revalidate(...)`: the terminal call it follows. */
  after?: CallNode;
}

/** Reads `call` as a revalidation, or returns undefined when it is not one. */
export function readRevalidation(call: CallNode, bindings: Bindings, instanceNames: readonly string[]): Revalidation | undefined {
  const { Node } = tsMorph();
  const member = calleeProperty(call);
  if (!member || member.name !== 'revalidate') return undefined;
  const [first, second] = call.getArguments();

  if (isRealtime(member.object, bindings, instanceNames)) {
    const targets = first ? readRealtimeTargets(unwrap(first)) : [];
    return { call, form: 'realtime', targets };
  }

  const chain = responseChainOf(member.object, bindings);
  if (!chain) return undefined;
  const terminal = terminalOf(chain);
  const argument = first ? unwrap(first) : undefined;
  if (argument && Node.isObjectLiteralExpression(argument)) {
    const keys = readKeys(propertyValue(getProperty(argument, 'queryKeys')));
    // As at runtime (`scopes || options.scopes`), a second argument wins over the object's `scopes`.
    const scopes = second ?? propertyValue(getProperty(argument, 'scopes'));
    return { call, form: 'response-options', targets: [{ ...keys, scopes, scopesUnknown: !scopes && hasSpread(argument) }], after: terminal?.call };
  }
  // A single argument that is neither a key list nor a key may be a `RevalidateOptions` variable.
  const scopesUnknown = !second && !!argument && !Node.isArrayLiteralExpression(argument) && stringValue(argument) === undefined;
  return { call, form: terminal ? 'response-after' : 'response-before', targets: [{ ...readKeys(argument), scopes: second, scopesUnknown }], after: terminal?.call };
}

/** A response chain that may be the bare `response` (no calls yet). */
function responseChainOf(object: AstNode, bindings: Bindings): ResponseCall[] | undefined {
  if (bindings.pathOf(object) === 'response') return [];
  return responseChain(object, bindings);
}

function readKeys(node: AstNode | undefined): Pick<RevalidationTarget, 'keys' | 'keysKnown'> {
  const { Node } = tsMorph();
  if (!node) return { keys: [], keysKnown: false };
  const inner = unwrap(node);
  const single = stringValue(inner);
  if (single !== undefined) return { keys: [{ value: single, node: inner }], keysKnown: true };
  if (!Node.isArrayLiteralExpression(inner)) return { keys: [], keysKnown: false };
  const keys: RevalidationKey[] = [];
  let keysKnown = true;
  for (const element of inner.getElements()) {
    const value = stringValue(element);
    if (value === undefined) keysKnown = false;
    else keys.push({ value, node: unwrap(element) });
  }
  return { keys, keysKnown };
}

function readRealtimeTargets(node: AstNode): RevalidationTarget[] {
  const { Node } = tsMorph();
  // `revalidate(changed ? [{ path, scopes }] : [])`: the targets of either branch.
  if (Node.isConditionalExpression(node)) return [...readRealtimeTargets(unwrap(node.getWhenTrue())), ...readRealtimeTargets(unwrap(node.getWhenFalse()))];
  const elements = Node.isArrayLiteralExpression(node) ? node.getElements().map(unwrap) : [node];
  return elements.map((element) => {
    if (!Node.isObjectLiteralExpression(element)) return { keys: [], keysKnown: false, scopesUnknown: true };
    const scopes = propertyValue(getProperty(element, 'scopes'));
    return { ...readKeys(propertyValue(getProperty(element, 'path'))), scopes, scopesUnknown: !scopes && hasSpread(element) };
  });
}

/** `{ ...base, path }`: the spread may carry properties we cannot see. */
function hasSpread(object: AstNode): boolean {
  const { Node } = tsMorph();
  return Node.isObjectLiteralExpression(object) && object.getProperties().some((property) => Node.isSpreadAssignment(property));
}

/** Expressions a function returns (its expression body, or its own `return` statements). */
export function returnedExpressions(fn: AstNode): AstNode[] {
  const { Node } = tsMorph();
  if (Node.isArrowFunction(fn)) {
    const body = fn.getBody();
    if (!Node.isBlock(body)) return [body];
  }
  const results: AstNode[] = [];
  const body = isFunctionLike(fn) ? fn.getBody() : undefined;
  if (!body) return results;
  walk(body, (node) => {
    if (isFunctionLike(node) || Node.isClassDeclaration(node) || Node.isClassExpression(node)) return false;
    if (Node.isReturnStatement(node)) {
      const expression = node.getExpression();
      if (expression) results.push(expression);
    }
    return true;
  }, kinds(...FUNCTION_KINDS, 'ClassDeclaration', 'ClassExpression', 'ReturnStatement'));
  return results;
}

/** `realtime`, `ctx.realtime`, `context.realtime`, `igniter.realtime`. */
export function isRealtime(expression: AstNode, bindings: Bindings, instanceNames: readonly string[]): boolean {
  const { Node } = tsMorph();
  const node = unwrap(expression);
  const path = bindings.pathOf(node);
  if (path === 'realtime' || path === 'context.realtime') return true;
  if (Node.isPropertyAccessExpression(node) && node.getName() === 'realtime') {
    const owner = unwrap(node.getExpression());
    return Node.isIdentifier(owner) && (instanceNames.includes(owner.getText()) || owner.getText() === 'context');
  }
  return false;
}

/** `context.store`, `igniter.store`, `ctx.context.store`, or a variable named `store`. */
export function isStore(expression: AstNode, bindings: Bindings): boolean {
  const { Node } = tsMorph();
  const node = unwrap(expression);
  const path = bindings.pathOf(node);
  if (path === 'store' || path?.endsWith('.store')) return true;
  if (Node.isIdentifier(node)) return node.getText() === 'store';
  return Node.isPropertyAccessExpression(node) && node.getName() === 'store';
}

/** Whether `call` publishes live: `realtime.publish/broadcast`, `realtime.to(...)...publish()`, `<store>.publish`. */
export function isLivePublish(call: CallNode, bindings: Bindings, instanceNames: readonly string[]): boolean {
  const { Node } = tsMorph();
  const member = calleeProperty(call);
  if (!member || (member.name !== 'publish' && member.name !== 'broadcast')) return false;
  if (isRealtime(member.object, bindings, instanceNames)) return true;
  if (member.name === 'publish' && isStore(member.object, bindings)) return true;
  if (member.name !== 'publish') return false;
  // A builder chain: realtime.to(channel).withData(data)...publish()
  let current = unwrap(member.object);
  while (Node.isCallExpression(current)) {
    const inner = calleeProperty(current);
    if (!inner) return false;
    if (inner.name === 'to' && isRealtime(inner.object, bindings, instanceNames)) return true;
    current = unwrap(inner.object);
  }
  return false;
}

/** Where a finding about a revalidation points: from the name `revalidate` to the end of its call. */
export function revalidateCallRange(revalidation: Revalidation): readonly [number, number] {
  const { Node } = tsMorph();
  const call = revalidation.call;
  const callee = call.getExpression();
  const start = Node.isPropertyAccessExpression(callee)
    ? callee.getNameNode().getStart()
    : Node.isElementAccessExpression(callee)
      ? (callee.getArgumentExpression()?.getStart() ?? call.getStart()) // response['revalidate'](...)
      : call.getStart();
  return [start, call.getEnd()];
}

const GUIDE_METHODS = new Set(['send', 'onDisconnect']);

/**
 * Whether a handler is written against the Igniter.js realtime guide's API: it calls `realtime.send(...)`
 * or `realtime.onDisconnect(...)`, which give a stream handler a per-connection lifetime. @igniter-js/core
 * 0.3's `realtime` service has neither; there a handler runs once per HTTP request.
 */
export function usesGuideRealtimeApi(handler: FunctionNode, bindings: Bindings, instanceNames: readonly string[]): boolean {
  const { Node } = tsMorph();
  let found = false;
  const body = handler.getBody();
  if (!body) return false;
  walk(body, (node) => {
    const member = Node.isCallExpression(node) ? calleeProperty(node) : undefined;
    if (member && (member.name === 'send' || member.name === 'onDisconnect') && isRealtime(member.object, bindings, instanceNames)) found = true;
    return !found;
  }, kinds('CallExpression'), (node) => GUIDE_METHODS.has(compilerCalleeProperty(node as TsMorph.ts.CallExpression) ?? ''));
  return found;
}

/**
 * Resources a handler acquires that outlive the request, and where it releases them.
 * A release counts only inside a disconnect cleanup callback: `realtime.onDisconnect(cb)` (seed API),
 * `<x>.signal.addEventListener('abort', cb)` or `<x>.signal.onabort = cb` (the request's AbortSignal).
 */
import { tsMorph, type AstNode, type CallNode, type FunctionNode } from './morph.js';
import { calleeIdentifier, calleeProperty, contains, getProperty, isFunctionLike, kinds, normalizedText, propertyValue, stringValue, unwrap, walk } from './syntax.js';

export type ResourceKind = 'subscription' | 'presence' | 'interval';

export interface Resource {
  kind: ResourceKind;
  call: CallNode;
  /** The name the call's result is assigned to, if any. */
  boundName?: string;
  /** The collection the call's result is stored in (`subs.push(x.subscribe(...))` → `subs`), if any. */
  heldBy?: string;
  /** Text of the object the call is made on (`context.store`), for subscriptions and presence. */
  ownerText?: string;
  /** Channel (subscription) or set key (presence) argument. */
  keyArgument?: AstNode;
  /** Member argument of `sadd(key, member)`. */
  memberArgument?: AstNode;
}

export interface ResourceUse {
  resource: Resource;
  releases: CallNode[];
  /** Whether one of the releases runs in a disconnect cleanup callback. */
  releasedOnDisconnect: boolean;
}

export interface CleanupAnalysis {
  callbacks: FunctionNode[];
  uses: ResourceUse[];
}

export function analyzeCleanup(handler: FunctionNode): CleanupAnalysis {
  const calls: CallNode[] = [];
  const { Node } = tsMorph();
  const body = handler.getBody();
  if (body) {
    walk(body, (node) => {
      if (Node.isCallExpression(node)) calls.push(node);
      return true;
    }, kinds('CallExpression'));
  }
  const { callbacks, references } = disconnectCallbacks(handler, calls);
  const inCallback = (node: AstNode) => callbacks.some((callback) => contains(callback, node));
  const uses: ResourceUse[] = [];
  for (const call of calls) {
    if (inCallback(call)) continue;
    const resource = readResource(call);
    if (!resource) continue;
    const releases = calls.filter((candidate) => isReleaseOf(resource, candidate));
    uses.push({ resource, releases, releasedOnDisconnect: releases.some(inCallback) || handedToCleanup(resource, callbacks, references) });
  }
  return { callbacks, uses };
}

/**
 * A resource whose holder (bound name or collection) a disconnect callback uses: passed by reference
 * (`addEventListener('abort', unsubscribe)`, `onDisconnect(sub.unsubscribe)`), handed to a helper
 * (`release(sub)`) or iterated (`subs.forEach(...)`). The rule cannot follow those, so it trusts them.
 */
function handedToCleanup(resource: Resource, callbacks: readonly FunctionNode[], references: readonly AstNode[]): boolean {
  const { Node } = tsMorph();
  const holders = [resource.boundName, resource.heldBy].filter((name): name is string => !!name);
  if (holders.length === 0) return false;
  if (references.some((reference) => holders.includes(rootName(reference) ?? ''))) return true;
  let mentioned = false;
  for (const callback of callbacks) {
    walk(callback, (node) => {
      if (Node.isIdentifier(node) && holders.includes(node.getText())) mentioned = true;
      return !mentioned;
    });
  }
  return mentioned;
}

/** `sub`, `sub.unsubscribe`, `sub.unsubscribe.bind(sub)` → `sub`. */
function rootName(node: AstNode): string | undefined {
  const { Node } = tsMorph();
  let current = unwrap(node);
  while (Node.isCallExpression(current) || Node.isPropertyAccessExpression(current)) current = unwrap(current.getExpression());
  return Node.isIdentifier(current) ? current.getText() : undefined;
}

function readResource(call: CallNode): Resource | undefined {
  const { Node } = tsMorph();
  const args = call.getArguments();
  const member = calleeProperty(call);
  if (member?.name === 'subscribe' && args.length >= 2 && !isFunctionLike(unwrap(args[0])) && !Node.isObjectLiteralExpression(unwrap(args[0]))) {
    return { kind: 'subscription', call, boundName: boundName(call), heldBy: heldBy(call), ownerText: member.object.getText(), keyArgument: args[0] };
  }
  if (member?.name === 'sadd' && args.length >= 2) {
    return { kind: 'presence', call, ownerText: member.object.getText(), keyArgument: args[0], memberArgument: args[1] };
  }
  // `setInterval()` without a callback schedules nothing.
  if (isTimerCall(call, 'setInterval') && args.length > 0) return { kind: 'interval', call, boundName: boundName(call), heldBy: heldBy(call) };
  return undefined;
}

function isReleaseOf(resource: Resource, candidate: CallNode): boolean {
  const { Node } = tsMorph();
  const member = calleeProperty(candidate);
  const [first] = candidate.getArguments();
  switch (resource.kind) {
    case 'subscription': {
      if (resource.boundName) {
        if (member?.name === 'unsubscribe' && isIdentifier(member.object, resource.boundName)) return true;
        if (calleeIdentifier(candidate) === resource.boundName) return true;
      }
      return member?.name === 'unsubscribe' && !!first && !!resource.keyArgument && sameExpression(first, resource.keyArgument);
    }
    case 'presence':
      return member?.name === 'srem' && !!first && !!resource.keyArgument && sameExpression(first, resource.keyArgument);
    case 'interval':
      return !!resource.boundName && isTimerCall(candidate, 'clearInterval') && !!first && Node.isIdentifier(unwrap(first)) && unwrap(first).getText() === resource.boundName;
  }
}

/** `setInterval(...)`, `globalThis.setInterval(...)`, `window.setInterval(...)`. */
function isTimerCall(call: CallNode, name: string): boolean {
  if (calleeIdentifier(call) === name) return true;
  const member = calleeProperty(call);
  return !!member && member.name === name && ['globalThis', 'window', 'global'].includes(member.object.getText());
}

function isIdentifier(node: AstNode, name: string): boolean {
  const { Node } = tsMorph();
  const inner = unwrap(node);
  return Node.isIdentifier(inner) && inner.getText() === name;
}

function sameExpression(a: AstNode, b: AstNode): boolean {
  return normalizedText(unwrap(a)) === normalizedText(unwrap(b));
}

/** `const s = await x.subscribe(...)`, `s = x.subscribe(...)` → `s`. */
function boundName(call: CallNode): string | undefined {
  const { Node, SyntaxKind } = tsMorph();
  let node: AstNode = call;
  let parent = node.getParent();
  while (parent && (Node.isAwaitExpression(parent) || Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent))) {
    node = parent;
    parent = parent.getParent();
  }
  if (parent && Node.isVariableDeclaration(parent) && parent.getInitializer() === node) {
    const name = parent.getNameNode();
    return Node.isIdentifier(name) ? name.getText() : undefined;
  }
  if (parent && Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken && parent.getRight() === node) {
    const left = unwrap(parent.getLeft());
    return Node.isIdentifier(left) ? left.getText() : undefined;
  }
  return undefined;
}

/** `subs.push(x.subscribe(...))`, `timers.add(setInterval(...))` → `subs`, `timers`. */
function heldBy(call: CallNode): string | undefined {
  const { Node } = tsMorph();
  let node: AstNode = call;
  let parent = node.getParent();
  while (parent && (Node.isAwaitExpression(parent) || Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent))) {
    node = parent;
    parent = parent.getParent();
  }
  if (!parent || !Node.isCallExpression(parent) || !parent.getArguments().includes(node)) return undefined;
  const member = calleeProperty(parent);
  const owner = member ? unwrap(member.object) : undefined;
  return member && owner && ['push', 'unshift', 'add', 'set'].includes(member.name) && Node.isIdentifier(owner) ? owner.getText() : undefined;
}

/**
 * Functions that run when the client disconnects, including local functions they call by name, and
 * callbacks given by reference that do not resolve to a local function (`addEventListener('abort', unsubscribe)`).
 */
function disconnectCallbacks(handler: FunctionNode, calls: readonly CallNode[]): { callbacks: FunctionNode[]; references: AstNode[] } {
  const { Node, SyntaxKind } = tsMorph();
  const signals = signalNames(handler);
  const found: FunctionNode[] = [];
  const references: AstNode[] = [];
  const add = (callback: AstNode | undefined) => {
    const fn = callback ? resolveFunction(callback, handler) : undefined;
    if (fn && !found.includes(fn)) found.push(fn);
    else if (!fn && callback) references.push(callback);
  };
  for (const call of calls) {
    const member = calleeProperty(call);
    if (!member) continue;
    const args = call.getArguments();
    if (member.name === 'onDisconnect') add(args[0]);
    if (member.name === 'addEventListener' && stringValue(args[0]) === 'abort' && isSignal(member.object, signals)) add(args[1]);
  }
  const body = handler.getBody();
  if (body) {
    walk(body, (node) => {
      if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
        const left = unwrap(node.getLeft());
        if (Node.isPropertyAccessExpression(left) && left.getName() === 'onabort' && isSignal(left.getExpression(), signals)) add(node.getRight());
      }
      // A response body stream is cancelled when the client goes away: `new ReadableStream({ cancel() {...} })`.
      if (Node.isNewExpression(node) && unwrap(node.getExpression()).getText() === 'ReadableStream') {
        const [source] = node.getArguments();
        const cancel = source ? propertyValue(getProperty(unwrap(source), 'cancel')) : undefined;
        if (cancel) add(cancel);
      }
      return true;
    }, kinds('BinaryExpression', 'NewExpression'));
  }
  // Local helpers called from a cleanup callback run on disconnect too.
  for (let index = 0; index < found.length; index++) {
    for (const call of calls) {
      if (!contains(found[index], call)) continue;
      const callee = unwrap(call.getExpression());
      if (Node.isIdentifier(callee) && resolveFunction(callee, handler)) add(callee);
    }
  }
  return { callbacks: found, references };
}

/** Names bound to an AbortSignal in the handler: `const signal = request.raw.signal`, `const { signal } = ...`. */
function signalNames(handler: FunctionNode): Set<string> {
  const { Node } = tsMorph();
  const names = new Set<string>(['signal']);
  const body = handler.getBody();
  if (!body) return names;
  walk(body, (node) => {
    if (Node.isVariableDeclaration(node)) {
      const name = node.getNameNode();
      const initializer = node.getInitializer();
      if (Node.isIdentifier(name) && initializer && /\.signal$/.test(normalizedText(unwrap(initializer)))) names.add(name.getText());
      if (Node.isObjectBindingPattern(name)) {
        for (const element of name.getElements()) {
          if ((element.getPropertyNameNode()?.getText() ?? element.getName()) === 'signal') names.add(element.getName());
        }
      }
    }
    return true;
  }, kinds('VariableDeclaration'));
  return names;
}

function isSignal(expression: AstNode, signals: Set<string>): boolean {
  const { Node } = tsMorph();
  const node = unwrap(expression);
  if (Node.isIdentifier(node)) return signals.has(node.getText());
  return Node.isPropertyAccessExpression(node) && node.getName() === 'signal';
}

/** An inline function, or the local function/const a name refers to inside the handler. */
function resolveFunction(node: AstNode, handler: FunctionNode): FunctionNode | undefined {
  const { Node } = tsMorph();
  const inner = unwrap(node);
  if (isFunctionLike(inner)) return inner;
  if (!Node.isIdentifier(inner)) return undefined;
  const name = inner.getText();
  let result: FunctionNode | undefined;
  const body = handler.getBody();
  if (!body) return undefined;
  walk(body, (candidate) => {
    if (result) return false;
    if (Node.isFunctionDeclaration(candidate) && candidate.getName() === name) result = candidate;
    if (Node.isVariableDeclaration(candidate) && candidate.getName() === name) {
      const initializer = candidate.getInitializer();
      if (initializer && isFunctionLike(unwrap(initializer))) result = unwrap(initializer) as FunctionNode;
    }
    return true;
  }, kinds('FunctionDeclaration', 'VariableDeclaration'));
  return result;
}

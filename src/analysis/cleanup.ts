/**
 * Resources a handler acquires that outlive the request, and where it releases them.
 * A release counts only inside a disconnect cleanup callback: `realtime.onDisconnect(cb)` (the realtime guide's API),
 * `<x>.signal.addEventListener('abort', cb)` or `<x>.signal.onabort = cb` (the request's AbortSignal).
 */
import { tsMorph, type AstNode, type CallNode, type FunctionNode, type TsMorph } from './morph.js';
import {
  calleeIdentifier, calleeProperty, compilerCalleeProperty, contains, enclosingFunction, fastTs, getProperty,
  isFunctionLike, kinds, normalizedText, propertyValue, stringValue, unwrap, unwrapCompilerNode, unwrapUp, walk, wrapCompilerNode,
} from './syntax.js';

export type ResourceKind = 'subscription' | 'presence' | 'interval';

export interface Resource {
  kind: ResourceKind;
  call: CallNode;
  /** The name the call's result is assigned to, if any. */
  boundName?: string;
  /** Text of the object the call is made on (`context.store`), for subscriptions and presence. */
  ownerText?: string;
  /** Channel (subscription) or set key (presence) argument. */
  keyArgument?: AstNode;
  /** Member argument of `sadd(key, member)`. */
  memberArgument?: AstNode;
}

export interface ResourceUse {
  resource: Resource;
  /**
   * Code that releases it, as the message should quote it: a release call (`sub.unsubscribe()`,
   * `clearInterval(id)`), or the iteration that releases a collection's elements
   * (`unsubscribers.forEach((fn) => fn())`).
   */
  releases: AstNode[];
  /** Whether one of the releases runs in a disconnect cleanup callback. */
  releasedOnDisconnect: boolean;
  /** The first collection the value is stored in (`subs` in `subs.push(sub)`), as written. */
  collection?: string;
}

export interface CleanupAnalysis {
  callbacks: FunctionNode[];
  uses: ResourceUse[];
}

export function analyzeCleanup(handler: FunctionNode): CleanupAnalysis {
  const scan = scanHandler(handler);
  const calls = scan.calls;
  const { callbacks, references } = disconnectCallbacks(handler, scan);
  const inCallback = (node: AstNode) => callbacks.some((callback) => contains(callback, node));
  const uses: ResourceUse[] = [];
  for (const call of calls.named) {
    if (inCallback(call)) continue;
    const resource = readResource(call);
    if (!resource) continue;
    const flow = followValue(resource, handler, inCallback);
    const releases = [...calls.named.filter((candidate) => isReleaseByKey(resource, candidate)), ...flow.releases];
    const byReference = references.some((reference) => flow.names.includes(rootName(reference) ?? ''));
    uses.push({ resource, releases, releasedOnDisconnect: byReference || releases.some(inCallback), collection: flow.collections[0] });
  }
  return { callbacks, uses };
}

/**
 * The calls of a handler's body, wrapped only where the analysis can use them. Read on compiler nodes
 * first: wrapping every call of every handler cost more than the analysis itself.
 */
interface HandlerCalls {
  /** Calls through a method that acquires, releases or registers a cleanup (`CLEANUP_METHODS`), or `setInterval(...)`, in source order. */
  named: CallNode[];
  /** Calls of a plain name (`cleanup()`), in source order: the local helpers a cleanup callback may call. Wrapped on first use. */
  plain: () => CallNode[];
}

/**
 * Every name `readResource`, `isReleaseByKey` and `disconnectCallbacks` look for through a method. A
 * superset test: the compiler node reads a name written with escapes unescaped, the wrapper does not.
 */
const CLEANUP_METHODS = new Set(['subscribe', 'sadd', 'setInterval', 'unsubscribe', 'srem', 'onDisconnect', 'addEventListener']);

/** What the analysis looks at in a handler's body, found in one traversal of its compiler nodes. */
interface HandlerScan {
  calls: HandlerCalls;
  /** `<x>.onabort = ...` and `new ReadableStream(...)`, in source order (`mayRegisterCleanup`). */
  registrations: TsMorph.ts.Node[];
  /** Declarations that may bind an AbortSignal, in source order (`mayBindSignal`). */
  signalDeclarations: TsMorph.ts.VariableDeclaration[];
}

function scanHandler(handler: FunctionNode): HandlerScan {
  const ts = fastTs();
  const { CallExpression, BinaryExpression, NewExpression, VariableDeclaration } = ts.SyntaxKind;
  const named: CallNode[] = [];
  const plainCalls: TsMorph.ts.CallExpression[] = [];
  const registrations: TsMorph.ts.Node[] = [];
  const signalDeclarations: TsMorph.ts.VariableDeclaration[] = [];
  const text = handler.getSourceFile().getFullText();
  const recurse = (node: TsMorph.ts.Node): undefined => {
    const kind = node.kind;
    if (kind === CallExpression) {
      const call = node as TsMorph.ts.CallExpression;
      const callee = unwrapCompilerNode(call.expression);
      if (ts.isIdentifier(callee)) {
        plainCalls.push(call);
        if (callee.text === 'setInterval') named.push(wrapCompilerNode(handler, call) as CallNode);
      } else if (CLEANUP_METHODS.has(compilerCalleeProperty(call) ?? '')) {
        named.push(wrapCompilerNode(handler, call) as CallNode);
      }
    } else if ((kind === BinaryExpression || kind === NewExpression) && mayRegisterCleanup(node)) {
      registrations.push(node);
    } else if (kind === VariableDeclaration && mayBindSignal(text, node as TsMorph.ts.VariableDeclaration)) {
      signalDeclarations.push(node as TsMorph.ts.VariableDeclaration);
    }
    ts.forEachChild(node, recurse);
    return undefined;
  };
  const body = handler.compilerNode.body;
  if (body) ts.forEachChild(body, recurse);
  let plain: CallNode[] | undefined;
  const calls = { named, plain: () => (plain ??= plainCalls.map((call) => wrapCompilerNode(handler, call) as CallNode)) };
  return { calls, registrations, signalDeclarations };
}

// ── Following a resource's value ─────────────────────────────────────────────────────────────
//
// From the acquiring call, the value is followed through the names it is bound to (`const unsub = ...`),
// into the collections it is stored in (`fns.push(unsub)`, `subs.add(sub)`, `timers.set(id, timer)`,
// `ids[i] = id`, returned from a `map` callback) and back out of them (`for (const fn of fns)`, `fns.forEach((fn) => ...)`,
// `fns.splice(0).forEach(...)`, `map.values()`, `map.get(id)`, `[...set]`), to the places it is
// released: called (`unsub()`), `.unsubscribe()`d, or given to `clearInterval`. Names are matched by
// text within their scope, like the rest of the rule; the walk is bounded by MAX_HOLDERS.

/** Array, Set and Map methods that return a collection of the same elements. */
const SAME_ELEMENTS = new Set(['splice', 'slice', 'filter', 'concat', 'reverse', 'toReversed', 'sort', 'toSorted', 'values']);
/** Methods whose callback receives each element (as its first parameter; `reduce`: its second). */
const EACH_ELEMENT = new Set(['forEach', 'map', 'flatMap', 'some', 'every', 'find', 'findLast', 'reduce']);
/** Methods that return one element. */
const ONE_ELEMENT = new Set(['get', 'at', 'pop', 'shift']);
/** Methods that store their argument: `push(v)`, `add(v)`, `set(key, v)`. */
const STORE_METHODS = new Set(['push', 'unshift', 'add', 'set']);
/** Holders followed per resource: enough for any real handler, and a bound on pathological code. */
const MAX_HOLDERS = 32;

/**
 * What a collection expression yields: its values (arrays, Sets, `map.values()`), a Map itself
 * (iterated: `[key, value]` pairs; `forEach` and `get`: values), or `[key, value]` pairs (`map.entries()`).
 */
type Shape = 'values' | 'map' | 'entries';

interface ValueFlow {
  releases: AstNode[];
  /** Names bound to the value at handler level, for callbacks given by reference (`addEventListener('abort', unsub)`). */
  names: string[];
  /** Collections the value is stored in, as written. */
  collections: string[];
}

function followValue(resource: Resource, handler: FunctionNode, inCallback: (node: AstNode) => boolean): ValueFlow {
  const { Node, SyntaxKind } = tsMorph();
  const flow: ValueFlow = { releases: [], names: [], collections: [] };
  const seen = new Set<string>();
  const body = handler.getBody();
  if (!body) return flow;

  /** Marks a holder as visited; false when it was, or when the walk has followed enough. */
  const visit = (key: string) => {
    if (seen.has(key) || seen.size >= MAX_HOLDERS) return false;
    seen.add(key);
    return true;
  };

  /** `expression` evaluates to the resource's value (or, with `via`, to an element an iteration hands over). */
  const value = (expression: AstNode, via?: AstNode): void => {
    const outer = unwrapUp(expression);
    const parent = outer.getParent();
    if (!parent) return;
    const shown = (release: AstNode) => (via && oneLineLength(via) <= 80 ? via : release);
    // Released: `unsub()`, `sub.unsubscribe()`, `clearInterval(id)`.
    if (Node.isCallExpression(parent) && parent.getExpression() === outer) {
      if (resource.kind === 'subscription') flow.releases.push(shown(parent));
      return;
    }
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === outer) {
      const call = parent.getParent();
      if (!call || !Node.isCallExpression(call) || call.getExpression() !== parent) return;
      // `x.subscribe(...).then((unsub) => fns.push(unsub))`: the promise's value is the callback's parameter.
      if (parent.getName() === 'then') {
        const callback = call.getArguments()[0] && unwrap(call.getArguments()[0]);
        const parameter = isFunctionLike(callback) ? callback.getParameters()[0]?.getNameNode() : undefined;
        if (callback && isFunctionLike(callback) && parameter && Node.isIdentifier(parameter)) name_(parameter.getText(), callback);
        return;
      }
      // Another method of the value (`sub.close()`) in a disconnect callback: trusted, like a helper.
      if ((resource.kind === 'subscription' && parent.getName() === 'unsubscribe') || inCallback(call)) flow.releases.push(shown(call));
      return;
    }
    if (Node.isCallExpression(parent) && parent.getArguments().includes(outer)) {
      const index = parent.getArguments().indexOf(outer);
      const member = calleeProperty(parent);
      if (member && STORE_METHODS.has(member.name) && (member.name !== 'set' || index === 1)) {
        collection(member.object, member.name === 'set' ? 'map' : 'values');
        return;
      }
      if (resource.kind === 'interval' && index === 0 && isTimerCall(parent, 'clearInterval')) flow.releases.push(shown(parent));
      // Handed to a helper in a disconnect callback (`dispose(sub)`): the rule cannot follow it, so it trusts it.
      else if (inCallback(parent) && !isConsoleCall(parent)) flow.releases.push(shown(parent));
      return;
    }
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === outer) {
      const name = parent.getNameNode();
      if (Node.isIdentifier(name)) name_(name.getText(), body, true);
      return;
    }
    if (Node.isBinaryExpression(parent) && parent.getRight() === outer && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      const left = unwrap(parent.getLeft());
      if (Node.isIdentifier(left)) name_(left.getText(), body, true);
      if (Node.isElementAccessExpression(left)) collection(left.getExpression(), 'values');
      return;
    }
    // Returned by the callback of `map`/`flatMap`: an element of the array it builds
    // (`await Promise.all(topics.map((topic) => events.subscribe(topic, onEvent)))`).
    const returnedBy = Node.isReturnStatement(parent) ? enclosingFunction(parent) : Node.isArrowFunction(parent) && parent.getBody() === outer ? parent : undefined;
    if (returnedBy) {
      const call = returnedBy.getParent();
      const member = call && Node.isCallExpression(call) && call.getArguments()[0] === returnedBy ? calleeProperty(call) : undefined;
      if (member && (member.name === 'map' || member.name === 'flatMap')) elements(call!, 'values');
      return;
    }
    // `const subs = [a, b]`
    if (Node.isArrayLiteralExpression(parent)) {
      const holder = unwrapUp(parent).getParent();
      if (holder && Node.isVariableDeclaration(holder) && Node.isIdentifier(holder.getNameNode())) collection(holder.getNameNode(), 'values');
    }
  };

  /** A name bound to the value, in `scope`: every reference to it carries the value on. */
  const name_ = (name: string, scope: AstNode, handlerLevel = false, via?: AstNode): void => {
    if (!visit(`name ${name} ${scope.getStart()}`)) return;
    if (handlerLevel) flow.names.push(name);
    walk(scope, (node) => {
      if (node.getText() === name && isReference(node)) value(node, via);
      return true;
    }, kinds('Identifier'), (node) => identifierText(node) === name);
  };

  /** A collection the value is stored in: every use of it that hands out elements carries the value on. */
  const collection = (holder: AstNode, stored: Shape): void => {
    const text = normalizedText(unwrap(holder));
    if (!Node.isIdentifier(unwrap(holder)) && !Node.isPropertyAccessExpression(unwrap(holder))) return;
    if (!visit(`collection ${text}`)) return;
    flow.collections.push(unwrap(holder).getText());
    walk(body, (node) => {
      if ((Node.isIdentifier(node) || Node.isPropertyAccessExpression(node)) && normalizedText(node) === text && (!Node.isIdentifier(node) || isReference(node))) {
        elements(node, stored);
        return false;
      }
      return true;
    }, kinds('Identifier', 'PropertyAccessExpression'));
  };

  /** `expression` is a collection holding the value, shaped as `shape`: find where its elements come out. */
  const elements = (expression: AstNode, shape: Shape): void => {
    const outer = unwrapUp(expression);
    const parent = outer.getParent();
    if (!parent) return;
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === outer) {
      const call = parent.getParent();
      if (!call || !Node.isCallExpression(call) || call.getExpression() !== parent) return;
      const method = parent.getName();
      if (method === 'entries') elements(call, 'entries');
      else if (SAME_ELEMENTS.has(method)) elements(call, shape === 'map' ? 'values' : shape);
      else if (ONE_ELEMENT.has(method)) {
        if (shape !== 'entries') value(call);
      } else if (EACH_ELEMENT.has(method)) each(call, method === 'reduce' ? 1 : 0, shape === 'entries' ? 'entries' : 'values');
      return;
    }
    if (Node.isElementAccessExpression(parent) && parent.getExpression() === outer) {
      if (shape === 'values') value(parent);
      return;
    }
    if (Node.isForOfStatement(parent) && parent.getExpression() === outer) {
      const declaration = declaredName(parent.getInitializer(), shape === 'values' ? 'values' : 'entries');
      if (declaration) name_(declaration, parent, false, parent);
      return;
    }
    // `[...subs]`, `Array.from(subs)`, `Object.values(subs)`: the same elements in an array.
    if (Node.isSpreadElement(parent) && Node.isArrayLiteralExpression(parent.getParent())) {
      elements(parent.getParent()!, shape === 'values' ? 'values' : 'entries');
      return;
    }
    if (Node.isCallExpression(parent) && parent.getArguments()[0] === outer) {
      const callee = normalizedText(unwrap(parent.getExpression()));
      if (callee === 'Array.from') elements(parent, shape === 'values' ? 'values' : 'entries');
      else if (callee === 'Promise.all') elements(parent, shape);
      else if (callee === 'Object.values') elements(parent, 'values');
      // The whole collection handed to a helper in a disconnect callback (`disposeAll(subs)`): trusted.
      else if (inCallback(parent) && !isConsoleCall(parent)) flow.releases.push(parent);
      return;
    }
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === outer && Node.isIdentifier(parent.getNameNode())) {
      const alias = parent.getName();
      if (visit(`alias ${alias} ${shape}`)) {
        flow.collections.push(alias);
        walk(body, (node) => {
          if (node.getText() === alias && isReference(node)) elements(node, shape);
          return true;
        }, kinds('Identifier'), (node) => identifierText(node) === alias);
      }
    }
  };

  /** `collection.forEach(callback)` and kin: the callback's parameter is an element. */
  const each = (call: CallNode, parameterIndex: number, shape: 'values' | 'entries'): void => {
    const [callback] = call.getArguments();
    if (!callback) return;
    const inline = unwrap(callback);
    const fn = isFunctionLike(inline) ? inline : resolveFunction(inline, handler);
    if (fn) {
      const parameter = fn.getParameters()[parameterIndex];
      const declaration = parameter && declaredName(parameter.getNameNode(), shape);
      // An inline callback's releases are quoted as the whole iteration (`fns.forEach((fn) => fn())`).
      if (declaration) name_(declaration, fn, false, fn === inline ? call : undefined);
      return;
    }
    // `ids.forEach(clearInterval)`: each element given to the release function itself.
    if (resource.kind === 'interval' && parameterIndex === 0 && isTimerCallee(inline, 'clearInterval')) flow.releases.push(call);
    // Each element handed to a function the rule cannot see (`subs.forEach(dispose)`) in a disconnect callback: trusted.
    else if (parameterIndex === 0 && inCallback(call)) flow.releases.push(call);
  };

  value(resource.call);
  return flow;
}

/** An identifier's text as ts-morph's `getText` reads it (the compiler node's, escapes resolved), before it is wrapped. */
function identifierText(node: TsMorph.ts.Node): string {
  return (node as TsMorph.ts.Identifier).text;
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
    return { kind: 'subscription', call, boundName: boundName(call), ownerText: member.object.getText(), keyArgument: args[0] };
  }
  if (member?.name === 'sadd' && args.length >= 2) {
    return { kind: 'presence', call, ownerText: member.object.getText(), keyArgument: args[0], memberArgument: args[1] };
  }
  // `setInterval()` without a callback schedules nothing.
  if (isTimerCall(call, 'setInterval') && args.length > 0) return { kind: 'interval', call, boundName: boundName(call) };
  return undefined;
}

/** `<any>.unsubscribe(channel, ...)` and `<any>.srem(key, ...)`: released by repeating the key (the bound value is followed by `followValue`). */
function isReleaseByKey(resource: Resource, candidate: CallNode): boolean {
  const member = calleeProperty(candidate);
  const [first] = candidate.getArguments();
  if (!member || !first || !resource.keyArgument) return false;
  if (resource.kind === 'subscription') return member.name === 'unsubscribe' && sameExpression(first, resource.keyArgument);
  if (resource.kind === 'presence') return member.name === 'srem' && sameExpression(first, resource.keyArgument);
  return false;
}

/** `setInterval(...)`, `globalThis.setInterval(...)`, `window.setInterval(...)`. */
function isTimerCall(call: CallNode, name: string): boolean {
  if (calleeIdentifier(call) === name) return true;
  const member = calleeProperty(call);
  return !!member && member.name === name && ['globalThis', 'window', 'global'].includes(member.object.getText());
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

/** An identifier that reads a variable (not a property name, a declared name or a key). */
function isReference(node: AstNode): boolean {
  const { Node } = tsMorph();
  const parent = node.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent)) return parent.getExpression() === node;
  if (Node.isVariableDeclaration(parent) || Node.isParameterDeclaration(parent) || Node.isBindingElement(parent)) return false;
  if (Node.isPropertyAssignment(parent) || Node.isMethodDeclaration(parent) || Node.isFunctionDeclaration(parent)) return parent.getNameNode() !== node;
  if (Node.isPropertySignature(parent) || Node.isTypeReference(parent) || Node.isQualifiedName(parent) || Node.isLabeledStatement(parent)) return false;
  return true;
}

/**
 * The name a loop variable or callback parameter binds to one element: `fn` in `for (const fn of fns)` or
 * `(fn) => ...`; for `[key, value]` pairs, the second element of `[, fn]` / `[id, fn]`.
 */
function declaredName(node: AstNode | undefined, shape: 'values' | 'entries'): string | undefined {
  const { Node } = tsMorph();
  if (!node) return undefined;
  if (Node.isVariableDeclarationList(node)) return declaredName(node.getDeclarations()[0]?.getNameNode(), shape);
  if (shape === 'values') return Node.isIdentifier(node) ? node.getText() : undefined;
  if (!Node.isArrayBindingPattern(node)) return undefined;
  const second = node.getElements()[1];
  return second && Node.isBindingElement(second) && Node.isIdentifier(second.getNameNode()) ? second.getName() : undefined;
}

/** `console.log(sub)`: mentions the value without releasing it. */
function isConsoleCall(call: CallNode): boolean {
  const member = calleeProperty(call);
  return !!member && unwrap(member.object).getText() === 'console';
}

/** `clearInterval`, `globalThis.clearInterval` as a value (`ids.forEach(clearInterval)`). */
function isTimerCallee(node: AstNode, name: string): boolean {
  const text = normalizedText(unwrap(node));
  return text === name || ['globalThis', 'window', 'global'].some((owner) => text === `${owner}.${name}`);
}

function oneLineLength(node: AstNode): number {
  return node.getText().replace(/\s*\n\s*/g, ' ').length;
}

/**
 * Functions that run when the client disconnects, including local functions they call by name, and
 * callbacks given by reference that do not resolve to a local function (`addEventListener('abort', unsubscribe)`).
 */
function disconnectCallbacks(handler: FunctionNode, scan: HandlerScan): { callbacks: FunctionNode[]; references: AstNode[] } {
  const { Node, SyntaxKind } = tsMorph();
  const calls = scan.calls;
  const signals = signalNames(handler, scan.signalDeclarations);
  const found: FunctionNode[] = [];
  const references: AstNode[] = [];
  const add = (callback: AstNode | undefined) => {
    const fn = callback ? resolveFunction(callback, handler) : undefined;
    if (fn && !found.includes(fn)) found.push(fn);
    else if (!fn && callback) references.push(callback);
  };
  for (const call of calls.named) {
    const member = calleeProperty(call);
    if (!member) continue;
    const args = call.getArguments();
    if (member.name === 'onDisconnect') add(args[0]);
    if (member.name === 'addEventListener' && stringValue(args[0]) === 'abort' && isSignal(member.object, signals)) add(args[1]);
  }
  for (const registration of scan.registrations) {
    const node = wrapCompilerNode(handler, registration);
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
  }
  // Local helpers called from a cleanup callback run on disconnect too.
  for (let index = 0; index < found.length; index++) {
    for (const call of calls.plain()) {
      if (!contains(found[index], call)) continue;
      const callee = unwrap(call.getExpression());
      if (Node.isIdentifier(callee) && resolveFunction(callee, handler)) add(callee);
    }
  }
  return { callbacks: found, references };
}

/**
 * A compiler-level look before a node is wrapped: `<x>.onabort = ...` (`=` only) or `new ReadableStream(...)`.
 * A superset of what the walk's visit accepts: a name written with escapes reads unescaped here.
 */
function mayRegisterCleanup(node: TsMorph.ts.Node): boolean {
  const ts = fastTs();
  if (ts.isBinaryExpression(node)) {
    if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
    const left = unwrapCompilerNode(node.left);
    return ts.isPropertyAccessExpression(left) && left.name.text === 'onabort';
  }
  if (ts.isNewExpression(node)) {
    const callee = unwrapCompilerNode(node.expression);
    return ts.isIdentifier(callee) && callee.text === 'ReadableStream';
  }
  return true;
}

/**
 * Names bound to an AbortSignal in the handler: `const signal = request.raw.signal`, `const { signal } = ...`.
 * `declarations`: the handler's declarations that may bind one (`mayBindSignal`), in source order.
 */
function signalNames(handler: FunctionNode, declarations: readonly TsMorph.ts.VariableDeclaration[]): Set<string> {
  const { Node } = tsMorph();
  const names = new Set<string>(['signal']);
  for (const declaration of declarations) {
    const node = wrapCompilerNode(handler, declaration);
    if (!Node.isVariableDeclaration(node)) continue;
    const name = node.getNameNode();
    const initializer = node.getInitializer();
    if (Node.isIdentifier(name) && initializer && /\.signal$/.test(normalizedText(unwrap(initializer)))) names.add(name.getText());
    if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) {
        if ((element.getPropertyNameNode()?.getText() ?? element.getName()) === 'signal') names.add(element.getName());
      }
    }
  }
  return names;
}

/**
 * A compiler-level look before a declaration is wrapped, true for every one `signalNames` reads: a name
 * whose initializer's source ends with `signal` (or `;`, which the normalized text drops), or a pattern
 * with a key or name `signal` (ts-morph reads an identifier's text as the compiler node does).
 */
function mayBindSignal(text: string, declaration: TsMorph.ts.VariableDeclaration): boolean {
  const ts = fastTs();
  const { name, initializer } = declaration;
  if (ts.isIdentifier(name)) {
    if (!initializer) return false;
    const end = unwrapCompilerNode(initializer).end;
    return text.startsWith('signal', end - 6) || text.startsWith(';', end - 1);
  }
  if (!ts.isObjectBindingPattern(name)) return false;
  return name.elements.some((element) => {
    const key = element.propertyName ?? element.name;
    return ts.isIdentifier(key) && key.text === 'signal';
  });
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

/**
 * Resources a handler acquires that outlive the request, and where it releases them.
 * A release counts only inside a disconnect cleanup callback: `realtime.onDisconnect(cb)` (the realtime guide's API),
 * `<x>.signal.addEventListener('abort', cb)` or `<x>.signal.onabort = cb` (the request's AbortSignal).
 *
 * Read on TypeScript's own nodes, wrapping nothing. Names and texts are read as ts-morph's `getText`
 * read them (`morphText`: an identifier's `text`, escapes resolved; any other node's source text), so
 * the analysis gives what it gave when it read wrappers.
 */
import type { CompilerFunction, TsMorph } from './morph.js';
import {
  compilerCallee, compilerCalleeProperty, compilerContains, compilerEnclosingFunction, compilerGetProperty, compilerStringValue, compilerUnwrapUp,
  compilerValueOf, compilerWalk, fastTs, isCompilerFunctionLike, kinds, unwrapCompilerNode,
} from './syntax.js';
import { morphText } from './wrapper-reads.js';

type Node = TsMorph.ts.Node;
type SourceFile = TsMorph.ts.SourceFile;

export type ResourceKind = 'subscription' | 'presence' | 'interval';

/** A resource a handler acquires, as TypeScript's nodes. */
export interface Resource {
  kind: ResourceKind;
  call: TsMorph.ts.CallExpression;
  /** The name the call's result is assigned to, if any. */
  boundName?: string;
  /** Text of the object the call is made on (`context.store`), for subscriptions and presence. */
  ownerText?: string;
  /** Channel (subscription) or set key (presence) argument. */
  keyArgument?: TsMorph.ts.Expression;
  /** Member argument of `sadd(key, member)`. */
  memberArgument?: TsMorph.ts.Expression;
}

export interface ResourceUse {
  resource: Resource;
  /**
   * Code that releases it, as the message should quote it: a release call (`sub.unsubscribe()`,
   * `clearInterval(id)`), or the iteration that releases a collection's elements
   * (`unsubscribers.forEach((fn) => fn())`).
   */
  releases: Node[];
  /** Whether one of the releases runs in a disconnect cleanup callback. */
  releasedOnDisconnect: boolean;
  /** The first collection the value is stored in (`subs` in `subs.push(sub)`), as written. */
  collection?: string;
}

export interface CleanupAnalysis {
  callbacks: CompilerFunction[];
  uses: ResourceUse[];
}

/** What a handler acquires and where it releases it, on TypeScript's nodes: nothing is wrapped. */
export function analyzeCleanup(handler: CompilerFunction): CleanupAnalysis {
  const sourceFile = handler.getSourceFile();
  const scan = scanHandler(handler, sourceFile);
  const calls = scan.calls;
  const { callbacks, references } = disconnectCallbacks(handler, scan, sourceFile);
  const inCallback = (node: Node) => callbacks.some((callback) => compilerContains(callback, node));
  const uses: ResourceUse[] = [];
  for (const call of calls.named) {
    if (inCallback(call)) continue;
    const resource = readResource(call, sourceFile);
    if (!resource) continue;
    const flow = followValue(resource, handler, inCallback, sourceFile);
    const releases = [...calls.named.filter((candidate) => isReleaseByKey(resource, candidate, sourceFile)), ...flow.releases];
    const byReference = references.some((reference) => flow.names.includes(rootName(reference) ?? ''));
    uses.push({ resource, releases, releasedOnDisconnect: byReference || releases.some(inCallback), collection: flow.collections[0] });
  }
  return { callbacks, uses };
}

/** `morphText` with all white space removed (and a trailing `;`), to compare expressions written differently. */
function normalizedText(node: Node, sourceFile: SourceFile): string {
  return morphText(node, sourceFile).replace(/\s+/g, '').replace(/;$/, '');
}

/** The calls of a handler's body the analysis looks at. */
interface HandlerCalls {
  /** Calls through a method that acquires, releases or registers a cleanup (`CLEANUP_METHODS`), or `setInterval(...)`, in source order. */
  named: TsMorph.ts.CallExpression[];
  /** Calls of a plain name (`cleanup()`), in source order: the local helpers a cleanup callback may call. */
  plain: TsMorph.ts.CallExpression[];
}

/**
 * Every name `readResource`, `isReleaseByKey` and `disconnectCallbacks` look for through a method. A
 * superset test: a call is read again where it is used.
 */
const CLEANUP_METHODS = new Set(['subscribe', 'sadd', 'setInterval', 'unsubscribe', 'srem', 'onDisconnect', 'addEventListener']);

/** What the analysis looks at in a handler's body, found in one traversal of its nodes. */
interface HandlerScan {
  calls: HandlerCalls;
  /** `<x>.onabort = ...` and `new ReadableStream(...)`, in source order (`mayRegisterCleanup`). */
  registrations: Node[];
  /** Declarations that may bind an AbortSignal, in source order (`mayBindSignal`). */
  signalDeclarations: TsMorph.ts.VariableDeclaration[];
}

function scanHandler(handler: CompilerFunction, sourceFile: SourceFile): HandlerScan {
  const ts = fastTs();
  const { CallExpression, BinaryExpression, NewExpression, VariableDeclaration } = ts.SyntaxKind;
  const named: TsMorph.ts.CallExpression[] = [];
  const plain: TsMorph.ts.CallExpression[] = [];
  const registrations: Node[] = [];
  const signalDeclarations: TsMorph.ts.VariableDeclaration[] = [];
  const text = sourceFile.text;
  const recurse = (node: Node): undefined => {
    const kind = node.kind;
    if (kind === CallExpression) {
      const call = node as TsMorph.ts.CallExpression;
      const callee = unwrapCompilerNode(call.expression);
      if (ts.isIdentifier(callee)) {
        plain.push(call);
        if (callee.text === 'setInterval') named.push(call);
      } else if (CLEANUP_METHODS.has(compilerCalleeProperty(call) ?? '')) {
        named.push(call);
      }
    } else if ((kind === BinaryExpression || kind === NewExpression) && mayRegisterCleanup(node)) {
      registrations.push(node);
    } else if (kind === VariableDeclaration && mayBindSignal(text, node as TsMorph.ts.VariableDeclaration)) {
      signalDeclarations.push(node as TsMorph.ts.VariableDeclaration);
    }
    ts.forEachChild(node, recurse);
    return undefined;
  };
  const body = handler.body;
  if (body) ts.forEachChild(body, recurse);
  return { calls: { named, plain }, registrations, signalDeclarations };
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
  releases: Node[];
  /** Names bound to the value at handler level, for callbacks given by reference (`addEventListener('abort', unsub)`). */
  names: string[];
  /** Collections the value is stored in, as written. */
  collections: string[];
}

function followValue(resource: Resource, handler: CompilerFunction, inCallback: (node: Node) => boolean, sourceFile: SourceFile): ValueFlow {
  const ts = fastTs();
  const { SyntaxKind } = ts;
  const { Identifier } = SyntaxKind;
  const flow: ValueFlow = { releases: [], names: [], collections: [] };
  const seen = new Set<string>();
  const body = handler.body;
  if (!body) return flow;

  /** Marks a holder as visited; false when it was, or when the walk has followed enough. */
  const visit = (key: string) => {
    if (seen.has(key) || seen.size >= MAX_HOLDERS) return false;
    seen.add(key);
    return true;
  };

  /** `expression` evaluates to the resource's value (or, with `via`, to an element an iteration hands over). */
  const value = (expression: Node, via?: Node): void => {
    const outer = compilerUnwrapUp(expression);
    const parent = outer.parent;
    if (!parent) return;
    const shown = (release: Node) => (via && oneLineLength(via, sourceFile) <= 80 ? via : release);
    // Released: `unsub()`, `sub.unsubscribe()`, `clearInterval(id)`.
    if (ts.isCallExpression(parent) && parent.expression === outer) {
      if (resource.kind === 'subscription') flow.releases.push(shown(parent));
      return;
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
      const call = parent.parent;
      if (!call || !ts.isCallExpression(call) || call.expression !== parent) return;
      // `x.subscribe(...).then((unsub) => fns.push(unsub))`: the promise's value is the callback's parameter.
      if (parent.name.text === 'then') {
        const callback = call.arguments[0] && unwrapCompilerNode(call.arguments[0]);
        const parameter = callback && isCompilerFunctionLike(callback) ? (callback as CompilerFunction).parameters[0]?.name : undefined;
        if (callback && isCompilerFunctionLike(callback) && parameter && ts.isIdentifier(parameter)) name_(parameter.text, callback);
        return;
      }
      // Another method of the value (`sub.close()`) in a disconnect callback: trusted, like a helper.
      if ((resource.kind === 'subscription' && parent.name.text === 'unsubscribe') || inCallback(call)) flow.releases.push(shown(call));
      return;
    }
    if (ts.isCallExpression(parent) && parent.arguments.includes(outer as TsMorph.ts.Expression)) {
      const index = parent.arguments.indexOf(outer as TsMorph.ts.Expression);
      const member = compilerCallee(parent);
      if (member && STORE_METHODS.has(member.name) && (member.name !== 'set' || index === 1)) {
        collection(member.object, member.name === 'set' ? 'map' : 'values');
        return;
      }
      if (resource.kind === 'interval' && index === 0 && isTimerCall(parent, 'clearInterval', sourceFile)) flow.releases.push(shown(parent));
      // Handed to a helper in a disconnect callback (`dispose(sub)`): the rule cannot follow it, so it trusts it.
      else if (inCallback(parent) && !isConsoleCall(parent, sourceFile)) flow.releases.push(shown(parent));
      return;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === outer) {
      const name = parent.name;
      if (ts.isIdentifier(name)) name_(name.text, body, true);
      return;
    }
    if (ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === SyntaxKind.EqualsToken) {
      const left = unwrapCompilerNode(parent.left);
      if (ts.isIdentifier(left)) name_(left.text, body, true);
      if (ts.isElementAccessExpression(left)) collection(left.expression, 'values');
      return;
    }
    // Returned by the callback of `map`/`flatMap`: an element of the array it builds
    // (`await Promise.all(topics.map((topic) => events.subscribe(topic, onEvent)))`).
    const returnedBy = ts.isReturnStatement(parent) ? compilerEnclosingFunction(parent) : ts.isArrowFunction(parent) && parent.body === outer ? parent : undefined;
    if (returnedBy) {
      const call = returnedBy.parent;
      const member = call && ts.isCallExpression(call) && call.arguments[0] === returnedBy ? compilerCallee(call) : undefined;
      if (member && (member.name === 'map' || member.name === 'flatMap')) elements(call!, 'values');
      return;
    }
    // `const subs = [a, b]`
    if (ts.isArrayLiteralExpression(parent)) {
      const holder = compilerUnwrapUp(parent).parent;
      if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) collection(holder.name, 'values');
    }
  };

  /** A name bound to the value, in `scope`: every reference to it carries the value on. */
  const name_ = (name: string, scope: Node, handlerLevel = false, via?: Node): void => {
    if (!visit(`name ${name} ${scope.getStart(sourceFile)}`)) return;
    if (handlerLevel) flow.names.push(name);
    compilerWalk(scope, (node) => {
      if ((node as TsMorph.ts.Identifier).text === name && isReference(node)) value(node, via);
      return true;
    }, kinds('Identifier'));
  };

  /** A collection the value is stored in: every use of it that hands out elements carries the value on. */
  const collection = (holder: Node, stored: Shape): void => {
    const inner = unwrapCompilerNode(holder);
    const text = normalizedText(inner, sourceFile);
    if (!ts.isIdentifier(inner) && !ts.isPropertyAccessExpression(inner)) return;
    if (!visit(`collection ${text}`)) return;
    flow.collections.push(morphText(inner, sourceFile));
    compilerWalk(body, (node) => {
      const identifier = node.kind === Identifier;
      if (normalizedText(node, sourceFile) === text && (!identifier || isReference(node))) {
        elements(node, stored);
        return false;
      }
      return true;
    }, kinds('Identifier', 'PropertyAccessExpression'));
  };

  /** `expression` is a collection holding the value, shaped as `shape`: find where its elements come out. */
  const elements = (expression: Node, shape: Shape): void => {
    const outer = compilerUnwrapUp(expression);
    const parent = outer.parent;
    if (!parent) return;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
      const call = parent.parent;
      if (!call || !ts.isCallExpression(call) || call.expression !== parent) return;
      const method = parent.name.text;
      if (method === 'entries') elements(call, 'entries');
      else if (SAME_ELEMENTS.has(method)) elements(call, shape === 'map' ? 'values' : shape);
      else if (ONE_ELEMENT.has(method)) {
        if (shape !== 'entries') value(call);
      } else if (EACH_ELEMENT.has(method)) each(call, method === 'reduce' ? 1 : 0, shape === 'entries' ? 'entries' : 'values');
      return;
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === outer) {
      if (shape === 'values') value(parent);
      return;
    }
    if (ts.isForOfStatement(parent) && parent.expression === outer) {
      const declaration = declaredName(parent.initializer, shape === 'values' ? 'values' : 'entries');
      if (declaration) name_(declaration, parent, false, parent);
      return;
    }
    // `[...subs]`, `Array.from(subs)`, `Object.values(subs)`: the same elements in an array.
    if (ts.isSpreadElement(parent) && ts.isArrayLiteralExpression(parent.parent)) {
      elements(parent.parent, shape === 'values' ? 'values' : 'entries');
      return;
    }
    if (ts.isCallExpression(parent) && parent.arguments[0] === outer) {
      const callee = normalizedText(unwrapCompilerNode(parent.expression), sourceFile);
      if (callee === 'Array.from') elements(parent, shape === 'values' ? 'values' : 'entries');
      else if (callee === 'Promise.all') elements(parent, shape);
      else if (callee === 'Object.values') elements(parent, 'values');
      // The whole collection handed to a helper in a disconnect callback (`disposeAll(subs)`): trusted.
      else if (inCallback(parent) && !isConsoleCall(parent, sourceFile)) flow.releases.push(parent);
      return;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === outer && ts.isIdentifier(parent.name)) {
      const alias = parent.name.text;
      if (visit(`alias ${alias} ${shape}`)) {
        flow.collections.push(alias);
        compilerWalk(body, (node) => {
          if ((node as TsMorph.ts.Identifier).text === alias && isReference(node)) elements(node, shape);
          return true;
        }, kinds('Identifier'));
      }
    }
  };

  /** `collection.forEach(callback)` and kin: the callback's parameter is an element. */
  const each = (call: TsMorph.ts.CallExpression, parameterIndex: number, shape: 'values' | 'entries'): void => {
    const [callback] = call.arguments;
    if (!callback) return;
    const inline = unwrapCompilerNode(callback);
    const fn = isCompilerFunctionLike(inline) ? (inline as CompilerFunction) : resolveFunction(inline, handler, sourceFile);
    if (fn) {
      const parameter = fn.parameters[parameterIndex];
      const declaration = parameter && declaredName(parameter.name, shape);
      // An inline callback's releases are quoted as the whole iteration (`fns.forEach((fn) => fn())`).
      if (declaration) name_(declaration, fn, false, fn === inline ? call : undefined);
      return;
    }
    // `ids.forEach(clearInterval)`: each element given to the release function itself.
    if (resource.kind === 'interval' && parameterIndex === 0 && isTimerCallee(inline, 'clearInterval', sourceFile)) flow.releases.push(call);
    // Each element handed to a function the rule cannot see (`subs.forEach(dispose)`) in a disconnect callback: trusted.
    else if (parameterIndex === 0 && inCallback(call)) flow.releases.push(call);
  };

  value(resource.call);
  return flow;
}

/** `sub`, `sub.unsubscribe`, `sub.unsubscribe.bind(sub)` → `sub`. */
function rootName(node: Node): string | undefined {
  const ts = fastTs();
  let current = unwrapCompilerNode(node);
  while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current)) current = unwrapCompilerNode(current.expression);
  return ts.isIdentifier(current) ? current.text : undefined;
}

function readResource(call: TsMorph.ts.CallExpression, sourceFile: SourceFile): Resource | undefined {
  const ts = fastTs();
  const args = call.arguments;
  const member = compilerCallee(call);
  if (member?.name === 'subscribe' && args.length >= 2 && !isCompilerFunctionLike(unwrapCompilerNode(args[0]!)) && !ts.isObjectLiteralExpression(unwrapCompilerNode(args[0]!))) {
    return { kind: 'subscription', call, boundName: boundName(call), ownerText: morphText(member.object, sourceFile), keyArgument: args[0] };
  }
  if (member?.name === 'sadd' && args.length >= 2) {
    return { kind: 'presence', call, ownerText: morphText(member.object, sourceFile), keyArgument: args[0], memberArgument: args[1] };
  }
  // `setInterval()` without a callback schedules nothing.
  if (isTimerCall(call, 'setInterval', sourceFile) && args.length > 0) return { kind: 'interval', call, boundName: boundName(call) };
  return undefined;
}

/** `<any>.unsubscribe(channel, ...)` and `<any>.srem(key, ...)`: released by repeating the key (the bound value is followed by `followValue`). */
function isReleaseByKey(resource: Resource, candidate: TsMorph.ts.CallExpression, sourceFile: SourceFile): boolean {
  const member = compilerCallee(candidate);
  const [first] = candidate.arguments;
  if (!member || !first || !resource.keyArgument) return false;
  if (resource.kind === 'subscription') return member.name === 'unsubscribe' && sameExpression(first, resource.keyArgument, sourceFile);
  if (resource.kind === 'presence') return member.name === 'srem' && sameExpression(first, resource.keyArgument, sourceFile);
  return false;
}

/** `setInterval(...)`, `globalThis.setInterval(...)`, `window.setInterval(...)`. */
function isTimerCall(call: TsMorph.ts.CallExpression, name: string, sourceFile: SourceFile): boolean {
  const callee = unwrapCompilerNode(call.expression);
  if (fastTs().isIdentifier(callee) && callee.text === name) return true;
  const member = compilerCallee(call);
  return !!member && member.name === name && ['globalThis', 'window', 'global'].includes(morphText(member.object, sourceFile));
}

function sameExpression(a: Node, b: Node, sourceFile: SourceFile): boolean {
  return normalizedText(unwrapCompilerNode(a), sourceFile) === normalizedText(unwrapCompilerNode(b), sourceFile);
}

/** `const s = await x.subscribe(...)`, `s = x.subscribe(...)` → `s`. */
function boundName(call: TsMorph.ts.CallExpression): string | undefined {
  const ts = fastTs();
  let node: Node = call;
  let parent = node.parent;
  while (parent && (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent))) {
    node = parent;
    parent = parent.parent;
  }
  if (parent && ts.isVariableDeclaration(parent) && parent.initializer === node) {
    const name = parent.name;
    return ts.isIdentifier(name) ? name.text : undefined;
  }
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
    const left = unwrapCompilerNode(parent.left);
    return ts.isIdentifier(left) ? left.text : undefined;
  }
  return undefined;
}

/** An identifier that reads a variable (not a property name, a declared name or a key). */
function isReference(node: Node): boolean {
  const ts = fastTs();
  const { PropertySignature, TypeReference, QualifiedName } = ts.SyntaxKind;
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === node;
  if (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) return false;
  if (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isFunctionDeclaration(parent)) return parent.name !== node;
  const kind = parent.kind;
  if (kind === PropertySignature || kind === TypeReference || kind === QualifiedName || ts.isLabeledStatement(parent)) return false;
  return true;
}

/**
 * The name a loop variable or callback parameter binds to one element: `fn` in `for (const fn of fns)` or
 * `(fn) => ...`; for `[key, value]` pairs, the second element of `[, fn]` / `[id, fn]`.
 */
function declaredName(node: Node | undefined, shape: 'values' | 'entries'): string | undefined {
  const ts = fastTs();
  if (!node) return undefined;
  if (ts.isVariableDeclarationList(node)) return declaredName(node.declarations[0]?.name, shape);
  if (shape === 'values') return ts.isIdentifier(node) ? node.text : undefined;
  if (!ts.isArrayBindingPattern(node)) return undefined;
  const second = node.elements[1];
  return second && ts.isBindingElement(second) && ts.isIdentifier(second.name) ? second.name.text : undefined;
}

/** `console.log(sub)`: mentions the value without releasing it. */
function isConsoleCall(call: TsMorph.ts.CallExpression, sourceFile: SourceFile): boolean {
  const member = compilerCallee(call);
  return !!member && morphText(unwrapCompilerNode(member.object), sourceFile) === 'console';
}

/** `clearInterval`, `globalThis.clearInterval` as a value (`ids.forEach(clearInterval)`). */
function isTimerCallee(node: Node, name: string, sourceFile: SourceFile): boolean {
  const text = normalizedText(unwrapCompilerNode(node), sourceFile);
  return text === name || ['globalThis', 'window', 'global'].some((owner) => text === `${owner}.${name}`);
}

function oneLineLength(node: Node, sourceFile: SourceFile): number {
  return morphText(node, sourceFile).replace(/\s*\n\s*/g, ' ').length;
}

/**
 * Functions that run when the client disconnects, including local functions they call by name, and
 * callbacks given by reference that do not resolve to a local function (`addEventListener('abort', unsubscribe)`).
 */
function disconnectCallbacks(handler: CompilerFunction, scan: HandlerScan, sourceFile: SourceFile): { callbacks: CompilerFunction[]; references: Node[] } {
  const ts = fastTs();
  const calls = scan.calls;
  const signals = signalNames(scan.signalDeclarations, sourceFile);
  const found: CompilerFunction[] = [];
  const references: Node[] = [];
  const add = (callback: Node | undefined) => {
    const fn = callback ? resolveFunction(callback, handler, sourceFile) : undefined;
    if (fn && !found.includes(fn)) found.push(fn);
    else if (!fn && callback) references.push(callback);
  };
  for (const call of calls.named) {
    const member = compilerCallee(call);
    if (!member) continue;
    const args = call.arguments;
    if (member.name === 'onDisconnect') add(args[0]);
    if (member.name === 'addEventListener' && args[0] && compilerStringValue(args[0]) === 'abort' && isSignal(member.object, signals)) add(args[1]);
  }
  for (const node of scan.registrations) {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrapCompilerNode(node.left);
      if (ts.isPropertyAccessExpression(left) && left.name.text === 'onabort' && isSignal(left.expression, signals)) add(node.right);
    }
    // A response body stream is cancelled when the client goes away: `new ReadableStream({ cancel() {...} })`.
    if (ts.isNewExpression(node) && morphText(unwrapCompilerNode(node.expression), sourceFile) === 'ReadableStream') {
      const source = node.arguments?.[0];
      const object = source && unwrapCompilerNode(source);
      const property = object && ts.isObjectLiteralExpression(object) ? compilerGetProperty(object, 'cancel') : undefined;
      const cancel = property && compilerValueOf(property);
      if (cancel) add(cancel);
    }
  }
  // Local helpers called from a cleanup callback run on disconnect too.
  for (let index = 0; index < found.length; index++) {
    for (const call of calls.plain) {
      if (!compilerContains(found[index]!, call)) continue;
      const callee = unwrapCompilerNode(call.expression);
      if (ts.isIdentifier(callee) && resolveFunction(callee, handler, sourceFile)) add(callee);
    }
  }
  return { callbacks: found, references };
}

/**
 * A first look in the handler's scan: `<x>.onabort = ...` (`=` only) or `new ReadableStream(...)`.
 * A superset of what `disconnectCallbacks` accepts.
 */
function mayRegisterCleanup(node: Node): boolean {
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
function signalNames(declarations: readonly TsMorph.ts.VariableDeclaration[], sourceFile: SourceFile): Set<string> {
  const ts = fastTs();
  const names = new Set<string>(['signal']);
  for (const { name, initializer } of declarations) {
    if (ts.isIdentifier(name) && initializer && /\.signal$/.test(normalizedText(unwrapCompilerNode(initializer), sourceFile))) names.add(name.text);
    if (ts.isObjectBindingPattern(name)) {
      for (const element of name.elements) {
        const bound = morphText(element.name, sourceFile);
        if ((element.propertyName ? morphText(element.propertyName, sourceFile) : bound) === 'signal') names.add(bound);
      }
    }
  }
  return names;
}

/**
 * A first look in the handler's scan, true for every declaration `signalNames` reads: a name whose
 * initializer's source ends with `signal` (or `;`, which the normalized text drops), or a pattern
 * with a key or name `signal` (read as ts-morph reads an identifier: its `text`).
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

function isSignal(expression: Node, signals: Set<string>): boolean {
  const ts = fastTs();
  const node = unwrapCompilerNode(expression);
  if (ts.isIdentifier(node)) return signals.has(node.text);
  return ts.isPropertyAccessExpression(node) && node.name.text === 'signal';
}

/** An inline function, or the local function/const a name refers to inside the handler. */
function resolveFunction(node: Node, handler: CompilerFunction, sourceFile: SourceFile): CompilerFunction | undefined {
  const ts = fastTs();
  const inner = unwrapCompilerNode(node);
  if (isCompilerFunctionLike(inner)) return inner as CompilerFunction;
  if (!ts.isIdentifier(inner)) return undefined;
  const name = inner.text;
  let result: CompilerFunction | undefined;
  const body = handler.body;
  if (!body) return undefined;
  compilerWalk(body, (candidate) => {
    if (result) return false;
    if (ts.isFunctionDeclaration(candidate) && candidate.name?.text === name) result = candidate;
    if (ts.isVariableDeclaration(candidate) && morphText(candidate.name, sourceFile) === name) {
      const initializer = candidate.initializer && unwrapCompilerNode(candidate.initializer);
      if (initializer && isCompilerFunctionLike(initializer)) result = initializer as CompilerFunction;
    }
    return true;
  }, kinds('FunctionDeclaration', 'VariableDeclaration'));
  return result;
}



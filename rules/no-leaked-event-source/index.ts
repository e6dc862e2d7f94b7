/**
 * no-leaked-event-source: a React effect that opens an `EventSource` must close it in the cleanup it
 * returns. Without that, every re-run of the effect (new dependencies, Strict Mode's double mount) and
 * every unmount leaves a live SSE connection behind, which the browser even reconnects on its own.
 *
 * This rule is about client code, not Igniter actions: it walks the ts-morph source itself.
 */
import { tsMorph, type AstNode, type FunctionNode } from '../../src/analysis/morph.js';
import { handlerReturns } from '../../src/analysis/control-flow.js';
import { indentationAt } from '../../src/analysis/edits.js';
import { defineRule, docsUrl, type Finding, type TextEdit } from '../../src/analysis/rule-api.js';
import { isFunctionLike, unwrapUp, walk } from '../../src/analysis/syntax.js';
import { findLocalFunction, pathKey } from './paths.js';

export type NoLeakedEventSourceOptions = Record<string, never>;

/** `EventSource` and the usual drop-in replacements (`EventSourcePolyfill`, `NativeEventSource`, `ReconnectingEventSource`). */
const EVENT_SOURCE_CLASS = /^(?:[A-Z]\w*)?EventSource(?:Polyfill)?$/;
/** Objects through which the browser global is reached: `new window.EventSource(url)`. */
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);
const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect']);

export const noLeakedEventSource = defineRule<NoLeakedEventSourceOptions>({
  id: 'no-leaked-event-source',
  type: 'problem',
  docs: {
    description: 'Require an EventSource opened in a React effect to be closed by the cleanup the effect returns',
    recommended: 'error',
    url: docsUrl('no-leaked-event-source'),
  },
  messages: {
    leakedEventSource:
      'This EventSource is opened in {{hook}} but {{reason}}: the SSE connection stays open (and keeps reconnecting) after the component unmounts or the effect re-runs.',
    addCleanup: 'Return a cleanup that calls `{{name}}.close()`.',
  },
  schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  defaultOptions: {},
  hasSuggestions: true,
  prefilter: /EventSource/,
  check({ file }) {
    const { Node } = tsMorph();
    const findings: Finding[] = [];
    walk(file.sourceFile, (node) => {
      if (Node.isNewExpression(node) && isEventSourceClass(node.getExpression())) {
        const finding = checkEventSource(node);
        if (finding) findings.push(finding);
      }
    });
    return findings;
  },
});

function isEventSourceClass(callee: AstNode): boolean {
  const { Node } = tsMorph();
  if (Node.isIdentifier(callee)) return EVENT_SOURCE_CLASS.test(callee.getText());
  if (Node.isPropertyAccessExpression(callee)) {
    const object = callee.getExpression();
    return EVENT_SOURCE_CLASS.test(callee.getName()) && Node.isIdentifier(object) && GLOBAL_OBJECTS.has(object.getText());
  }
  return false;
}

interface Effect {
  callback: FunctionNode;
  /** The hook as written: `useEffect`, `React.useLayoutEffect`. */
  hook: string;
}

/** The nearest enclosing `useEffect`/`useLayoutEffect` callback (the EventSource may sit in a helper declared inside it). */
function enclosingEffect(node: AstNode): Effect | undefined {
  const { Node } = tsMorph();
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (!Node.isArrowFunction(current) && !Node.isFunctionExpression(current)) continue;
    const call = current.getParent();
    if (!call || !Node.isCallExpression(call) || call.getArguments()[0] !== current) continue;
    const callee = call.getExpression();
    const name = Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
    if (name && EFFECT_HOOKS.has(name)) return { callback: current, hook: callee.getText() };
  }
  return undefined;
}

/**
 * Where an EventSource ends up:
 * - `paths`: the names / member paths that hold it (`es`, `esRef.current`), from which the cleanup can close it;
 * - `unbound`: its value is dropped or only used on the spot (`new EventSource(url).onmessage = ...`): nothing can close it;
 * - `handedOver`: it is passed to a call, put in an array or object, stored under a computed key, returned
 *   from the effect itself...: whatever took it owns its lifetime, and the rule cannot follow it.
 */
type Placement = { kind: 'paths'; paths: Set<string> } | { kind: 'unbound' } | { kind: 'handedOver' };

function checkEventSource(expression: AstNode): Finding | undefined {
  const effect = enclosingEffect(expression);
  // Event handlers, module scope, `useCallback`/`useMemo` bodies: not an effect, not this rule's business.
  if (!effect) return undefined;
  const placement = placementOf(expression, effect.callback, new Set());
  if (placement.kind === 'handedOver') return undefined;

  const range = [expression.getStart(), expression.getEnd()] as const;
  // Whatever the cleanup does, it has no handle on a connection that was never stored.
  if (placement.kind === 'unbound') {
    return { range, messageId: 'leakedEventSource', data: { hook: effect.hook, reason: 'it is not stored anywhere, so nothing can close it' }, suggestions: [] };
  }
  const cleanups = cleanupsOf(effect.callback);
  if (cleanups === 'unknown') return undefined;

  const paths = withAliases(placement.paths, effect.callback);
  if (cleanups.some((cleanup) => closesAny(cleanup, paths, new Set()))) return undefined;

  const [first] = placement.paths;
  if (cleanups.length === 0) {
    const name = constInEffectBody(expression, effect.callback);
    const edit = name ? appendCleanup(effect.callback, name) : undefined;
    return {
      range,
      messageId: 'leakedEventSource',
      data: { hook: effect.hook, reason: 'the effect returns no cleanup' },
      suggestions: name && edit ? [{ messageId: 'addCleanup', data: { name }, edits: [edit] }] : [],
    };
  }
  return { range, messageId: 'leakedEventSource', data: { hook: effect.hook, reason: `its cleanup never calls \`${first}.close()\`` }, suggestions: [] };
}

/** Follows the `new EventSource(...)` value up to what holds it; `seen` guards against recursive helpers. */
function placementOf(value: AstNode, callback: FunctionNode, seen: Set<AstNode>): Placement {
  const { Node, SyntaxKind } = tsMorph();
  const node = unwrapUp(value, { throughAwait: false });
  const parent = node.getParent();
  if (!parent) return { kind: 'unbound' };

  // `const es = new EventSource(url)` (a destructuring pattern keeps no handle on the connection).
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === node) {
    const name = parent.getNameNode();
    return Node.isIdentifier(name) ? { kind: 'paths', paths: new Set([name.getText()]) } : { kind: 'unbound' };
  }
  // `es = ...`, `esRef.current = ...`, `sourceRef.current ??= ...`.
  if (Node.isBinaryExpression(parent) && parent.getRight() === node) {
    const operator = parent.getOperatorToken().getKind();
    const assignment = [SyntaxKind.EqualsToken, SyntaxKind.QuestionQuestionEqualsToken, SyntaxKind.BarBarEqualsToken, SyntaxKind.AmpersandAmpersandEqualsToken];
    if (!assignment.includes(operator)) return { kind: 'handedOver' };
    const path = pathKey(parent.getLeft());
    // `sources[id] = new EventSource(url)`: a computed slot, typically closed in a loop the rule cannot match.
    return path ? { kind: 'paths', paths: new Set([path]) } : { kind: 'handedOver' };
  }
  // Dropped, or used once on the spot: `new EventSource(url);`, `new EventSource(url).onmessage = ...`.
  if (Node.isExpressionStatement(parent) || Node.isVoidExpression(parent)) return { kind: 'unbound' };
  if ((Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) && parent.getExpression() === node) return { kind: 'unbound' };

  // Returned from a helper declared inside the effect: it lands wherever the helper's calls put it.
  const returnedFrom = Node.isReturnStatement(parent) ? enclosingFunctionOf(parent) : Node.isArrowFunction(parent) && parent.getBody() === node ? parent : undefined;
  if (returnedFrom && returnedFrom !== callback) return placementOfCalls(returnedFrom, callback, seen);
  return { kind: 'handedOver' };
}

/** The placement of every call of a local helper `name()` inside the effect, merged. */
function placementOfCalls(helper: FunctionNode, callback: FunctionNode, seen: Set<AstNode>): Placement {
  const name = functionName(helper);
  if (!name || seen.has(helper)) return { kind: 'handedOver' };
  seen.add(helper);
  const { Node } = tsMorph();
  const placements: Placement[] = [];
  walk(callback, (node) => {
    if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      if (Node.isIdentifier(callee) && callee.getText() === name) placements.push(placementOf(node, callback, seen));
    }
  });
  // A helper never called directly (only passed, e.g. to `setTimeout`) returns into the void we cannot see.
  if (placements.length === 0 || placements.some((placement) => placement.kind === 'handedOver')) return { kind: 'handedOver' };
  const paths = new Set<string>();
  for (const placement of placements) if (placement.kind === 'paths') for (const path of placement.paths) paths.add(path);
  return paths.size ? { kind: 'paths', paths } : { kind: 'unbound' };
}

/** `function connect() {}`, `const connect = () => ...`, `const connect = function () {}`. */
function functionName(fn: FunctionNode): string | undefined {
  const { Node } = tsMorph();
  if (Node.isFunctionDeclaration(fn)) return fn.getName();
  const parent = fn.getParent();
  if (parent && Node.isVariableDeclaration(parent) && Node.isIdentifier(parent.getNameNode())) return parent.getName();
  return undefined;
}

function enclosingFunctionOf(node: AstNode): FunctionNode | undefined {
  for (let current = node.getParent(); current; current = current.getParent()) if (isFunctionLike(current)) return current;
  return undefined;
}

/**
 * The paths that hold the same EventSource inside the effect: `ref.current = es`, `const current = ref.current`,
 * and a helper's local `return es` reaching `const connection = connect()`. Repeated until nothing new appears.
 */
function withAliases(initial: ReadonlySet<string>, callback: FunctionNode): Set<string> {
  const { Node } = tsMorph();
  const paths = new Set(initial);
  let grown = true;
  while (grown) {
    grown = false;
    const add = (path: string | undefined): void => {
      if (path && !paths.has(path)) {
        paths.add(path);
        grown = true;
      }
    };
    walk(callback, (node) => {
      if (Node.isVariableDeclaration(node)) {
        const initializer = node.getInitializer();
        const source = initializer && pathKey(initializer);
        if (source && paths.has(source) && Node.isIdentifier(node.getNameNode())) add(node.getName());
      } else if (Node.isBinaryExpression(node) && node.getOperatorToken().getText() === '=') {
        const source = pathKey(node.getRight());
        if (source && paths.has(source)) add(pathKey(node.getLeft()));
      } else if (Node.isReturnStatement(node)) {
        const returned = node.getExpression();
        const source = returned && pathKey(returned);
        const helper = enclosingFunctionOf(node);
        if (source && paths.has(source) && helper && helper !== callback) {
          const placement = placementOfCalls(helper, callback, new Set());
          if (placement.kind === 'paths') placement.paths.forEach(add);
        }
      }
    });
  }
  return paths;
}

/** A cleanup as the effect returns it: a function to search for `.close()`, or `x.close.bind(x)`. */
type Cleanup = { kind: 'function'; fn: FunctionNode } | { kind: 'boundClose'; path: string };

/**
 * The cleanups the effect returns: inline functions, local functions returned by name, each branch of a
 * conditional return. `unknown` when one of them cannot be read (`return subscribe(es)`, an imported
 * function): the rule then stays silent.
 */
function cleanupsOf(callback: FunctionNode): Cleanup[] | 'unknown' {
  const { Node } = tsMorph();
  const cleanups: Cleanup[] = [];
  for (const { branch } of handlerReturns(callback)) {
    if (Node.isIdentifier(branch) && branch.getText() === 'undefined') continue;
    if (Node.isNullLiteral(branch) || Node.isVoidExpression(branch)) continue;
    if (isFunctionLike(branch)) {
      cleanups.push({ kind: 'function', fn: branch });
      continue;
    }
    if (Node.isIdentifier(branch)) {
      const fn = findLocalFunction(branch, branch.getText());
      if (!fn) return 'unknown';
      cleanups.push({ kind: 'function', fn });
      continue;
    }
    // `return es.close.bind(es)`.
    const bound = boundClosePath(branch);
    if (!bound) return 'unknown';
    cleanups.push({ kind: 'boundClose', path: bound });
  }
  return cleanups;
}

function boundClosePath(node: AstNode): string | undefined {
  const { Node } = tsMorph();
  if (!Node.isCallExpression(node)) return undefined;
  const bind = node.getExpression();
  if (!Node.isPropertyAccessExpression(bind) || bind.getName() !== 'bind') return undefined;
  const close = bind.getExpression();
  if (!Node.isPropertyAccessExpression(close) || close.getName() !== 'close') return undefined;
  return pathKey(close.getExpression());
}

/**
 * Whether a cleanup closes one of `paths`: `p.close()` / `p?.close()` anywhere in it (callbacks included),
 * `p` handed to a function (`safeClose(es)`) or gathered in an array (`[a, b].forEach(...)`), or a call of a
 * local function that does so.
 */
function closesAny(cleanup: Cleanup, paths: ReadonlySet<string>, visited: Set<AstNode>): boolean {
  if (cleanup.kind === 'boundClose') return paths.has(cleanup.path);
  return functionCloses(cleanup.fn, paths, visited);
}

function functionCloses(fn: FunctionNode, paths: ReadonlySet<string>, visited: Set<AstNode>): boolean {
  if (visited.has(fn)) return false;
  visited.add(fn);
  const { Node } = tsMorph();
  const body = fn.getBody();
  if (!body) return false;
  let closes = false;
  const visit = (node: AstNode): boolean => {
    if (closes) return false;
    // `[a, b].forEach((source) => source.close())`: the holders are gathered to be closed together.
    if (Node.isArrayLiteralExpression(node) && node.getElements().some((element) => paths.has(pathKey(element) ?? ''))) closes = true;
    if (!Node.isCallExpression(node)) return !closes;
    const callee = node.getExpression();
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'close') {
      const path = pathKey(callee.getExpression());
      if (path && paths.has(path)) closes = true;
    }
    if (node.getArguments().some((argument) => paths.has(pathKey(argument) ?? ''))) closes = true;
    if (!closes && Node.isIdentifier(callee)) {
      const helper = findLocalFunction(callee, callee.getText());
      if (helper && functionCloses(helper, paths, visited)) closes = true;
    }
    return !closes;
  };
  if (visit(body)) walk(body, visit);
  return closes;
}

/** The `const` name when the EventSource is bound directly in the effect's own body: `const es = new EventSource(url)`. */
function constInEffectBody(expression: AstNode, callback: FunctionNode): string | undefined {
  const { Node } = tsMorph();
  const node = unwrapUp(expression, { throughAwait: false });
  const declaration = node.getParent();
  if (!declaration || !Node.isVariableDeclaration(declaration) || !Node.isIdentifier(declaration.getNameNode())) return undefined;
  const list = declaration.getParent();
  const statement = list?.getParent();
  if (!list || !Node.isVariableDeclarationList(list) || list.getDeclarationKind() !== 'const') return undefined;
  if (!statement || statement.getParent() !== callback.getBody()) return undefined;
  return declaration.getName();
}

/**
 * `return () => { es.close(); };` as the last statement of the effect callback: on its own line with the
 * body's indentation (after a trailing `// comment` of the last line), or inline in a one-line body.
 */
function appendCleanup(callback: FunctionNode, name: string): TextEdit | undefined {
  const { Node } = tsMorph();
  const body = callback.getBody();
  const cleanup = `return () => { ${name}.close(); };`;
  if (!body || !Node.isBlock(body)) return undefined;
  const statements = body.getStatements();
  const last = statements[statements.length - 1];
  if (!last) return undefined;
  const text = callback.getSourceFile().getFullText();
  const end = last.getEnd();
  const closeBrace = body.getEnd() - 1;
  if (!text.slice(end, closeBrace).includes('\n')) return { range: [end, end], text: ` ${cleanup}` };
  const restOfLine = text.slice(end, text.indexOf('\n', end));
  const at = /^\s*\/\/.*$/.test(restOfLine) ? end + restOfLine.length : end;
  return { range: [at, at], text: `\n${indentationAt(text, last.getStart())}${cleanup}` };
}

/**
 * no-leaked-event-source: a React effect that opens an `EventSource` must close it in the cleanup it
 * returns. Without that, every re-run of the effect (new dependencies, Strict Mode's double mount) and
 * every unmount leaves a live SSE connection behind, which the browser even reconnects on its own.
 *
 * This rule is about client code, not Igniter actions: it walks TypeScript's source file itself (no ts-morph wrapper).
 */
import type { CompilerFunction, TsMorph } from '../../src/analysis/morph.js';
import { compilerHandlerReturns } from '../../src/analysis/control-flow.js';
import { indentationAt } from '../../src/analysis/edits.js';
import { defineRule, docsUrl, type Finding, type TextEdit } from '../../src/analysis/rule-api.js';
import { compilerEnclosingFunction, compilerUnwrapUp, compilerWalk, fastTs, isCompilerFunctionLike } from '../../src/analysis/syntax.js';
import { morphText } from '../../src/analysis/wrapper-reads.js';
import { findLocalFunction, pathKey } from './paths.js';

type Node = TsMorph.ts.Node;
type SourceFile = TsMorph.ts.SourceFile;

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
    const { forEachChild, isNewExpression } = fastTs();
    const sourceFile = file.compilerSourceFile;
    const findings: Finding[] = [];
    const visit = (node: Node): undefined => {
      if (isNewExpression(node) && isEventSourceClass(node.expression)) {
        const finding = checkEventSource(node, sourceFile);
        if (finding) findings.push(finding);
      }
      forEachChild(node, visit);
      return undefined;
    };
    forEachChild(sourceFile, visit);
    return findings;
  },
});

/**
 * Identifiers are read by their `text`, as ts-morph's getText of an identifier reads them (escapes resolved):
 * `\u0045ventSource` is `EventSource`.
 */
function isEventSourceClass(callee: Node): boolean {
  const ts = fastTs();
  if (ts.isIdentifier(callee)) return EVENT_SOURCE_CLASS.test(callee.text);
  if (ts.isPropertyAccessExpression(callee)) {
    const object = callee.expression;
    return EVENT_SOURCE_CLASS.test(callee.name.text) && ts.isIdentifier(object) && GLOBAL_OBJECTS.has(object.text);
  }
  return false;
}

interface Effect {
  callback: TsMorph.ts.ArrowFunction | TsMorph.ts.FunctionExpression;
  /** The hook as written: `useEffect`, `React.useLayoutEffect`. */
  hook: string;
}

/** The nearest enclosing `useEffect`/`useLayoutEffect` callback (the EventSource may sit in a helper declared inside it). */
function enclosingEffect(node: Node, sourceFile: SourceFile): Effect | undefined {
  const ts = fastTs();
  for (let current = node.parent; current; current = current.parent) {
    if (!ts.isArrowFunction(current) && !ts.isFunctionExpression(current)) continue;
    const call = current.parent;
    if (!call || !ts.isCallExpression(call) || call.arguments[0] !== current) continue;
    const callee = call.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name && EFFECT_HOOKS.has(name)) return { callback: current, hook: morphText(callee, sourceFile) };
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

function checkEventSource(expression: TsMorph.ts.NewExpression, sourceFile: SourceFile): Finding | undefined {
  const effect = enclosingEffect(expression, sourceFile);
  // Event handlers, module scope, `useCallback`/`useMemo` bodies: not an effect, not this rule's business.
  if (!effect) return undefined;
  const placement = placementOf(expression, effect.callback, new Set());
  if (placement.kind === 'handedOver') return undefined;

  const range = [expression.getStart(sourceFile), expression.end] as const;
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
    const edit = name ? appendCleanup(effect.callback, name, sourceFile) : undefined;
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
function placementOf(value: Node, callback: CompilerFunction, seen: Set<Node>): Placement {
  const ts = fastTs();
  const { SyntaxKind } = ts;
  const node = compilerUnwrapUp(value, { throughAwait: false });
  const parent = node.parent;
  if (!parent) return { kind: 'unbound' };

  // `const es = new EventSource(url)` (a destructuring pattern keeps no handle on the connection).
  if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
    const name = parent.name;
    return ts.isIdentifier(name) ? { kind: 'paths', paths: new Set([name.text]) } : { kind: 'unbound' };
  }
  // `es = ...`, `esRef.current = ...`, `sourceRef.current ??= ...`.
  if (ts.isBinaryExpression(parent) && parent.right === node) {
    const operator = parent.operatorToken.kind;
    const assignment: number[] = [SyntaxKind.EqualsToken, SyntaxKind.QuestionQuestionEqualsToken, SyntaxKind.BarBarEqualsToken, SyntaxKind.AmpersandAmpersandEqualsToken];
    if (!assignment.includes(operator)) return { kind: 'handedOver' };
    const path = pathKey(parent.left);
    // `sources[id] = new EventSource(url)`: a computed slot, typically closed in a loop the rule cannot match.
    return path ? { kind: 'paths', paths: new Set([path]) } : { kind: 'handedOver' };
  }
  // Dropped, or used once on the spot: `new EventSource(url);`, `new EventSource(url).onmessage = ...`.
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return { kind: 'unbound' };
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) return { kind: 'unbound' };

  // Returned from a helper declared inside the effect: it lands wherever the helper's calls put it.
  const returnedFrom = ts.isReturnStatement(parent) ? compilerEnclosingFunction(parent) : ts.isArrowFunction(parent) && parent.body === node ? parent : undefined;
  if (returnedFrom && returnedFrom !== callback) return placementOfCalls(returnedFrom, callback, seen);
  return { kind: 'handedOver' };
}

/** The placement of every call of a local helper `name()` inside the effect, merged. */
function placementOfCalls(helper: CompilerFunction, callback: CompilerFunction, seen: Set<Node>): Placement {
  const name = functionName(helper);
  if (!name || seen.has(helper)) return { kind: 'handedOver' };
  seen.add(helper);
  const ts = fastTs();
  const placements: Placement[] = [];
  compilerWalk(callback, (node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && callee.text === name) placements.push(placementOf(node, callback, seen));
    }
  });
  // A helper never called directly (only passed, e.g. to `setTimeout`) returns into the void we cannot see.
  if (placements.length === 0 || placements.some((placement) => placement.kind === 'handedOver')) return { kind: 'handedOver' };
  const paths = new Set<string>();
  for (const placement of placements) if (placement.kind === 'paths') for (const path of placement.paths) paths.add(path);
  return paths.size ? { kind: 'paths', paths } : { kind: 'unbound' };
}

/** `function connect() {}`, `const connect = () => ...`, `const connect = function () {}`. */
function functionName(fn: CompilerFunction): string | undefined {
  const ts = fastTs();
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/**
 * The paths that hold the same EventSource inside the effect: `ref.current = es`, `const current = ref.current`,
 * and a helper's local `return es` reaching `const connection = connect()`. Repeated until nothing new appears.
 */
function withAliases(initial: ReadonlySet<string>, callback: CompilerFunction): Set<string> {
  const ts = fastTs();
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
    compilerWalk(callback, (node) => {
      if (ts.isVariableDeclaration(node)) {
        const initializer = node.initializer;
        const source = initializer && pathKey(initializer);
        if (source && paths.has(source) && ts.isIdentifier(node.name)) add(node.name.text);
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const source = pathKey(node.right);
        if (source && paths.has(source)) add(pathKey(node.left));
      } else if (ts.isReturnStatement(node)) {
        const returned = node.expression;
        const source = returned && pathKey(returned);
        const helper = compilerEnclosingFunction(node);
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
type Cleanup = { kind: 'function'; fn: CompilerFunction } | { kind: 'boundClose'; path: string };

/**
 * The cleanups the effect returns: inline functions, local functions returned by name, each branch of a
 * conditional return. `unknown` when one of them cannot be read (`return subscribe(es)`, an imported
 * function): the rule then stays silent.
 */
function cleanupsOf(callback: CompilerFunction): Cleanup[] | 'unknown' {
  const ts = fastTs();
  const cleanups: Cleanup[] = [];
  for (const { branch } of compilerHandlerReturns(callback)) {
    if (ts.isIdentifier(branch) && branch.text === 'undefined') continue;
    if (branch.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(branch)) continue;
    if (isCompilerFunctionLike(branch)) {
      cleanups.push({ kind: 'function', fn: branch as CompilerFunction });
      continue;
    }
    if (ts.isIdentifier(branch)) {
      const fn = findLocalFunction(branch, branch.text);
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

function boundClosePath(node: Node): string | undefined {
  const ts = fastTs();
  if (!ts.isCallExpression(node)) return undefined;
  const bind = node.expression;
  if (!ts.isPropertyAccessExpression(bind) || bind.name.text !== 'bind') return undefined;
  const close = bind.expression;
  if (!ts.isPropertyAccessExpression(close) || close.name.text !== 'close') return undefined;
  return pathKey(close.expression);
}

/**
 * Whether a cleanup closes one of `paths`: `p.close()` / `p?.close()` anywhere in it (callbacks included),
 * `p` handed to a function (`safeClose(es)`) or gathered in an array (`[a, b].forEach(...)`), or a call of a
 * local function that does so.
 */
function closesAny(cleanup: Cleanup, paths: ReadonlySet<string>, visited: Set<Node>): boolean {
  if (cleanup.kind === 'boundClose') return paths.has(cleanup.path);
  return functionCloses(cleanup.fn, paths, visited);
}

function functionCloses(fn: CompilerFunction, paths: ReadonlySet<string>, visited: Set<Node>): boolean {
  if (visited.has(fn)) return false;
  visited.add(fn);
  const ts = fastTs();
  const body = fn.body;
  if (!body) return false;
  let closes = false;
  const holds = (node: Node): boolean => paths.has(pathKey(node) ?? '');
  /** False once a close is found: the walk then stops. */
  const visit = (node: Node): boolean => {
    if (closes) return false;
    // `[a, b].forEach((source) => source.close())`: the holders are gathered to be closed together.
    if (ts.isArrayLiteralExpression(node) && node.elements.some(holds)) closes = true;
    if (!ts.isCallExpression(node)) return !closes;
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'close') {
      const path = pathKey(callee.expression);
      if (path && paths.has(path)) closes = true;
    }
    if (node.arguments.some(holds)) closes = true;
    if (!closes && ts.isIdentifier(callee)) {
      const helper = findLocalFunction(callee, callee.text);
      if (helper && functionCloses(helper, paths, visited)) closes = true;
    }
    return !closes;
  };
  const recurse = (node: Node): undefined => {
    if (visit(node)) ts.forEachChild(node, recurse);
    return undefined;
  };
  if (visit(body)) ts.forEachChild(body, recurse);
  return closes;
}

/** `let`, `const`, `using` in a declaration list's flags (TypeScript's NodeFlags; `await using` is Const | Using). */
const LET = 1;
const CONST = 2;
const USING = 4;

/** The `const` name when the EventSource is bound directly in the effect's own body: `const es = new EventSource(url)`. */
function constInEffectBody(expression: Node, callback: CompilerFunction): string | undefined {
  const ts = fastTs();
  const node = compilerUnwrapUp(expression, { throughAwait: false });
  const declaration = node.parent;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  const list = declaration.parent;
  const statement = list?.parent;
  // A `const` list as ts-morph's getDeclarationKind reads it: neither `let`, `using` nor `await using`.
  if (!list || !ts.isVariableDeclarationList(list) || (list.flags & (LET | CONST | USING)) !== CONST) return undefined;
  if (!statement || statement.parent !== callback.body) return undefined;
  return declaration.name.text;
}

/**
 * `return () => { es.close(); };` as the last statement of the effect callback: on its own line with the
 * body's indentation (after a trailing `// comment` of the last line), or inline in a one-line body.
 */
function appendCleanup(callback: CompilerFunction, name: string, sourceFile: SourceFile): TextEdit | undefined {
  const ts = fastTs();
  const body = callback.body;
  const cleanup = `return () => { ${name}.close(); };`;
  if (!body || !ts.isBlock(body)) return undefined;
  const statements = body.statements;
  const last = statements[statements.length - 1];
  if (!last) return undefined;
  const text = sourceFile.text;
  const end = last.end;
  const closeBrace = body.end - 1;
  if (!text.slice(end, closeBrace).includes('\n')) return { range: [end, end], text: ` ${cleanup}` };
  const restOfLine = text.slice(end, text.indexOf('\n', end));
  const at = /^\s*\/\/.*$/.test(restOfLine) ? end + restOfLine.length : end;
  return { range: [at, at], text: `\n${indentationAt(text, last.getStart(sourceFile))}${cleanup}` };
}

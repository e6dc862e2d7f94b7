/**
 * What one file says about the app around its actions, as plain data for the project index:
 * - the Igniter instances it builds (`export const igniter = Igniter.context(...).store(...).create()`),
 *   whether their builder chain has `.store(...)`, and what their `.context(...)` argument is;
 * - the shapes of its top-level functions and objects (does the object, or the object a function
 *   returns, have a `store` property), so that `.context(createIgniterAppContext())` can be read
 *   across files;
 * - the typed clients it creates (`export const api = createIgniterClient<AppRouter>(...)`).
 * Anything not read for sure is `unknown`; rules stay silent on it.
 */
import { tsMorph, type AstNode } from './morph.js';
import { returnedExpressions } from './realtime-api.js';
import { isFunctionLike, moduleSpecifier, propertyName, unwrap } from './syntax.js';

/** Whether an object has a `store` property: `store`, `no-store`, or `unknown` (spreads, computed keys, ...). */
export type StoreShape = 'store' | 'no-store' | 'unknown';

export interface ValueShape {
  kind: 'function' | 'object';
  store: StoreShape;
  line: number;
}

/** The `.context(...)` argument of an instance. */
export type ContextSource =
  /** An inline function or object literal. */
  | { kind: 'inline'; store: StoreShape; line: number }
  /** A name: `createIgniterAppContext()` (called) or `createIgniterAppContext` / `appContext`. */
  | { kind: 'reference'; local: string; called: boolean }
  /** No argument (`.context<AppContext>()`), no `.context` call, or an expression we cannot read. */
  | { kind: 'unknown' };

export interface InstanceFacts {
  /** The builder chain has `.store(...)`: `igniter.store` is that adapter. */
  hasStore: boolean;
  context: ContextSource;
  line: number;
}

export interface AppFacts {
  instances: Record<string, InstanceFacts>;
  shapes: Record<string, ValueShape>;
  /** Local names bound to `createIgniterClient(...)` from `@igniter-js/core/client`. */
  clients: string[];
}

const CORE = '@igniter-js/core';
const CORE_CLIENT = '@igniter-js/core/client';

export function readAppFacts(sourceFile: AstNode, dictionary: <T>() => Record<string, T>): AppFacts {
  const { Node } = tsMorph();
  const facts: AppFacts = { instances: dictionary(), shapes: dictionary(), clients: [] };
  if (!Node.isSourceFile(sourceFile)) return facts;
  const builders = importedNames(sourceFile, CORE, ['Igniter', 'IgniterBuilder']);
  const clientFactories = importedNames(sourceFile, CORE_CLIENT, ['createIgniterClient']);

  for (const statement of sourceFile.getStatements()) {
    if (Node.isFunctionDeclaration(statement)) {
      const name = statement.getName();
      if (name) facts.shapes[name] = { kind: 'function', store: functionStoreShape(statement), line: statement.getStartLineNumber() };
      continue;
    }
    if (!Node.isVariableStatement(statement)) continue;
    for (const declaration of statement.getDeclarations()) {
      const nameNode = declaration.getNameNode();
      const initializer = declaration.getInitializer();
      if (!Node.isIdentifier(nameNode) || !initializer) continue;
      const name = nameNode.getText();
      const value = unwrap(initializer);
      const line = declaration.getStartLineNumber();
      if (isFunctionLike(value)) facts.shapes[name] = { kind: 'function', store: functionStoreShape(value), line };
      else if (Node.isObjectLiteralExpression(value)) facts.shapes[name] = { kind: 'object', store: objectStoreShape(value), line };
      else if (Node.isCallExpression(value)) {
        const instance = readInstance(value, builders);
        if (instance) facts.instances[name] = { ...instance, line };
        const callee = unwrap(value.getExpression());
        if (Node.isIdentifier(callee) && clientFactories.has(callee.getText())) facts.clients.push(name);
      }
    }
  }
  return facts;
}

/** Local names of `names` imported from `module` (`import { Igniter as I }` → `I`). */
function importedNames(sourceFile: AstNode, module: string, names: readonly string[]): Set<string> {
  const { Node } = tsMorph();
  const found = new Set<string>();
  if (!Node.isSourceFile(sourceFile)) return found;
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (moduleSpecifier(declaration) !== module) continue;
    for (const named of declaration.getNamedImports()) {
      if (names.includes(named.getName())) found.add(named.getAliasNode()?.getText() ?? named.getName());
    }
  }
  return found;
}

/**
 * `Igniter.context(x).store(s)....create()` (or `new IgniterBuilder()....create()`): walks the chain
 * from `.create()` down to its root. The last `.context(...)` applied wins, as at runtime.
 */
function readInstance(call: AstNode, builders: Set<string>): Omit<InstanceFacts, 'line'> | undefined {
  const { Node } = tsMorph();
  const methods: { name: string; args: AstNode[] }[] = [];
  let current = unwrap(call);
  while (Node.isCallExpression(current)) {
    const callee = unwrap(current.getExpression());
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    methods.push({ name: callee.getName(), args: current.getArguments() });
    current = unwrap(callee.getExpression());
  }
  if (methods[0]?.name !== 'create') return undefined;
  const isBuilder =
    (Node.isIdentifier(current) && builders.has(current.getText())) ||
    (Node.isNewExpression(current) && builders.has(unwrap(current.getExpression()).getText()));
  if (!isBuilder) return undefined;
  const context = methods.find((method) => method.name === 'context');
  return { hasStore: methods.some((method) => method.name === 'store' && method.args.length > 0), context: readContextArgument(context?.args[0]) };
}

function readContextArgument(argument: AstNode | undefined): ContextSource {
  const { Node } = tsMorph();
  if (!argument) return { kind: 'unknown' };
  const value = unwrap(argument);
  const line = value.getStartLineNumber();
  if (isFunctionLike(value)) return { kind: 'inline', store: functionStoreShape(value), line };
  if (Node.isObjectLiteralExpression(value)) return { kind: 'inline', store: objectStoreShape(value), line };
  if (Node.isIdentifier(value)) return { kind: 'reference', local: value.getText(), called: false };
  if (Node.isCallExpression(value) && value.getArguments().length === 0) {
    const callee = unwrap(value.getExpression());
    if (Node.isIdentifier(callee)) return { kind: 'reference', local: callee.getText(), called: true };
  }
  return { kind: 'unknown' };
}

/** The object every `return` of a function gives (an expression body counts): all must be readable literals. */
export function functionStoreShape(fn: AstNode): StoreShape {
  const { Node } = tsMorph();
  const results = returnedExpressions(fn);
  if (results.length === 0) return 'unknown';
  const shapes = results.map((result) => {
    const value = unwrap(result);
    return Node.isObjectLiteralExpression(value) ? objectStoreShape(value) : 'unknown';
  });
  if (shapes.every((shape) => shape === 'no-store')) return 'no-store';
  return shapes.includes('store') ? 'store' : 'unknown';
}

/** `{ database, store }` → store; `{ database }` → no-store; a spread or a computed key → unknown. */
export function objectStoreShape(object: AstNode): StoreShape {
  const { Node } = tsMorph();
  if (!Node.isObjectLiteralExpression(object)) return 'unknown';
  let shape: StoreShape = 'no-store';
  for (const property of object.getProperties()) {
    if (Node.isSpreadAssignment(property)) {
      if (shape === 'no-store') shape = 'unknown';
      continue;
    }
    const name = Node.isSetAccessorDeclaration(property) ? property.getName() : propertyName(property);
    if (name === 'store') return 'store';
    if (name === undefined && shape === 'no-store') shape = 'unknown';
  }
  return shape;
}

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
import type { TsMorph } from './morph.js';
import { compilerReturnedExpressions } from './realtime-api.js';
import { compilerPropertyName, fastTs, isCompilerFunctionLike, unwrapCompilerNode } from './syntax.js';
import { compilerStartLine, morphText, namedValues, specifierName } from './wrapper-reads.js';

type CompilerNode = TsMorph.ts.Node;

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

/** Read on TypeScript's nodes, wrapping nothing; names and lines as ts-morph's wrappers read them (wrapper-reads.ts). */
export function readAppFacts(sourceFile: TsMorph.ts.SourceFile, dictionary: <T>() => Record<string, T>): AppFacts {
  const ts = fastTs();
  const facts: AppFacts = { instances: dictionary(), shapes: dictionary(), clients: [] };
  const builders = importedNames(sourceFile, CORE, ['Igniter', 'IgniterBuilder']);
  const clientFactories = importedNames(sourceFile, CORE_CLIENT, ['createIgniterClient']);

  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement)) {
      const name = (statement.name && morphText(statement.name, sourceFile));
      if (name) facts.shapes[name] = { kind: 'function', store: functionStoreShape(statement), line: compilerStartLine(statement, sourceFile) };
      continue;
    }
    if (!ts.isVariableStatement(statement)) continue;
    for (const { declaration, name, value } of namedValues(statement, sourceFile)) {
      const line = compilerStartLine(declaration, sourceFile);
      if (isCompilerFunctionLike(value)) facts.shapes[name] = { kind: 'function', store: functionStoreShape(value), line };
      else if (ts.isObjectLiteralExpression(value)) facts.shapes[name] = { kind: 'object', store: objectStoreShape(value), line };
      else if (ts.isCallExpression(value)) {
        const instance = readInstance(value, builders, sourceFile);
        if (instance) facts.instances[name] = { ...instance, line };
        const callee = unwrapCompilerNode(value.expression);
        if (ts.isIdentifier(callee) && clientFactories.has(morphText(callee, sourceFile))) facts.clients.push(name);
      }
    }
  }
  return facts;
}

/** Local names of `names` imported from `module` (`import { Igniter as I }` → `I`). */
function importedNames(sourceFile: TsMorph.ts.SourceFile, module: string, names: readonly string[]): Set<string> {
  const ts = fastTs();
  const found = new Set<string>();
  for (const declaration of sourceFile.statements) {
    if (!ts.isImportDeclaration(declaration) || !ts.isStringLiteral(declaration.moduleSpecifier) || declaration.moduleSpecifier.text !== module) continue;
    const bindings = declaration.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const named of bindings.elements) {
      const name = specifierName(named);
      if (names.includes(name)) found.add(named.propertyName ? morphText(named.name, sourceFile) : name);
    }
  }
  return found;
}

/**
 * `Igniter.context(x).store(s)....create()` (or `new IgniterBuilder()....create()`): walks the chain
 * from `.create()` down to its root. The last `.context(...)` applied wins, as at runtime.
 */
function readInstance(call: CompilerNode, builders: Set<string>, sourceFile: TsMorph.ts.SourceFile): Omit<InstanceFacts, 'line'> | undefined {
  const ts = fastTs();
  const methods: { name: string; args: readonly CompilerNode[] }[] = [];
  let current = unwrapCompilerNode(call);
  while (ts.isCallExpression(current)) {
    const callee = unwrapCompilerNode(current.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    methods.push({ name: morphText(callee.name, sourceFile), args: current.arguments });
    current = unwrapCompilerNode(callee.expression);
  }
  if (methods[0]?.name !== 'create') return undefined;
  const isBuilder =
    (ts.isIdentifier(current) && builders.has(morphText(current, sourceFile))) ||
    (ts.isNewExpression(current) && builders.has(morphText(unwrapCompilerNode(current.expression), sourceFile)));
  if (!isBuilder) return undefined;
  const context = methods.find((method) => method.name === 'context');
  return { hasStore: methods.some((method) => method.name === 'store' && method.args.length > 0), context: readContextArgument(context?.args[0], sourceFile) };
}

function readContextArgument(argument: CompilerNode | undefined, sourceFile: TsMorph.ts.SourceFile): ContextSource {
  const ts = fastTs();
  if (!argument) return { kind: 'unknown' };
  const value = unwrapCompilerNode(argument);
  const line = compilerStartLine(value, sourceFile);
  if (isCompilerFunctionLike(value)) return { kind: 'inline', store: functionStoreShape(value), line };
  if (ts.isObjectLiteralExpression(value)) return { kind: 'inline', store: objectStoreShape(value), line };
  if (ts.isIdentifier(value)) return { kind: 'reference', local: morphText(value, sourceFile), called: false };
  if (ts.isCallExpression(value) && value.arguments.length === 0) {
    const callee = unwrapCompilerNode(value.expression);
    if (ts.isIdentifier(callee)) return { kind: 'reference', local: morphText(callee, sourceFile), called: true };
  }
  return { kind: 'unknown' };
}

/** The object every `return` of a function gives (an expression body counts): all must be readable literals. */
export function functionStoreShape(fn: CompilerNode): StoreShape {
  const ts = fastTs();
  const results = compilerReturnedExpressions(fn);
  if (results.length === 0) return 'unknown';
  const shapes = results.map((result) => {
    const value = unwrapCompilerNode(result);
    return ts.isObjectLiteralExpression(value) ? objectStoreShape(value) : 'unknown';
  });
  if (shapes.every((shape) => shape === 'no-store')) return 'no-store';
  return shapes.includes('store') ? 'store' : 'unknown';
}

/** `{ database, store }` → store; `{ database }` → no-store; a spread or a computed key → unknown. */
export function objectStoreShape(object: CompilerNode): StoreShape {
  const ts = fastTs();
  if (!ts.isObjectLiteralExpression(object)) return 'unknown';
  let shape: StoreShape = 'no-store';
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      if (shape === 'no-store') shape = 'unknown';
      continue;
    }
    // A setter's name as ts-morph's getName reads it (a quoted name keeps its quotes).
    const name = property.kind === ts.SyntaxKind.SetAccessor ? morphText(property.name, object.getSourceFile()) : compilerPropertyName(property);
    if (name === 'store') return 'store';
    if (name === undefined && shape === 'no-store') shape = 'unknown';
  }
  return shape;
}

/**
 * Igniter declarations in one file: actions (`igniter.query/mutation({... handler })`,
 * `createIgniterQuery/Mutation` from `@igniter-js/core`), controllers (`igniter.controller({ actions })`)
 * and routers (`igniter.router({ controllers })`), linked where the file itself shows the link.
 */
import { tsMorph, type AstNode, type CallNode, type FunctionNode, type ObjectNode, type TsMorph } from './morph.js';
import { HandlerBindings } from './bindings.js';
import { getProperty, isFunctionLike, leadingJsDocText, propertyName, propertyValue, stringValue, unwrap, unwrapCompilerNode, wrapCompilerNode } from './syntax.js';

export type ActionKind = 'query' | 'mutation';

export interface Action {
  kind: ActionKind;
  call: CallNode;
  options: ObjectNode;
  /** The handler function, when it is written inline (not an identifier or an import). */
  handler?: FunctionNode;
  /** What the handler's parameter names stand for (built on first use). */
  readonly bindings?: HandlerBindings;
  /** Key of the action in its controller's `actions`, else the variable that holds it. */
  name?: string;
  /** The variable the action is assigned to, if any. */
  variableName?: string;
  /** Where findings about the whole action are reported: its key in `actions`, else the call. */
  reportNode: AstNode;
  controller?: Controller;
  /** `stream` option: true/false literal, missing, or an expression we cannot evaluate. */
  stream: 'true' | 'false' | 'missing' | 'unknown';
  /** Names of the procedures in `use: [...]` (`authProcedure()` → `authProcedure`). */
  procedures: string[];
  /** The JSDoc on the action (its key in `actions` or its variable statement). */
  jsDoc: string;
}

export interface Controller {
  call: CallNode;
  options: ObjectNode;
  /** The variable the controller is assigned to, if any. */
  variableName?: string;
  /** The controller's `name` option. */
  name?: string;
  actions: Map<string, Action>;
}

export interface RouterRegistration {
  key: string;
  /** The expression registered (usually an identifier). */
  value: AstNode;
  keyNode: AstNode;
}

export interface Router {
  call: CallNode;
  registrations: RouterRegistration[];
  /** Identifiers whose maps are spread into `controllers` (or stand for it): resolved across files. */
  spreads: AstNode[];
  /** False when `controllers` is not an object literal we can read (built dynamically). */
  complete: boolean;
}

export interface IgniterDeclarations {
  actions: Action[];
  controllers: Controller[];
  routers: Router[];
}

const CORE_MODULE = '@igniter-js/core';

/** `calls`: every call expression of the file, in source order (the file model's shared list). */
export function findIgniterDeclarations(sourceFile: AstNode, instanceNames: readonly string[], calls: readonly TsMorph.ts.CallExpression[]): IgniterDeclarations {
  const { ts } = tsMorph();
  const instances = new Set(instanceNames);
  const factories = coreFactoryNames(sourceFile);
  const actions: Action[] = [];
  const controllers: Controller[] = [];
  const routers: Router[] = [];
  const actionByCall = new Map<AstNode, Action>();

  // Only Igniter calls are wrapped: their kind is read on the compiler node.
  for (const compilerCall of calls) {
    const kind = igniterCallKind(compilerCall, instances, factories);
    if (!kind) continue;
    // The options object (first argument, through `unwrap`'s wrappers), also read before wrapping.
    const first = compilerCall.arguments[0];
    const compilerOptions = first ? unwrapCompilerNode(first) : undefined;
    if (!compilerOptions || !ts.isObjectLiteralExpression(compilerOptions)) continue;
    const node = wrapCompilerNode(sourceFile, compilerCall) as CallNode;
    const options = wrapCompilerNode(sourceFile, compilerOptions) as ObjectNode;
    if (kind === 'query' || kind === 'mutation') {
      if (!getProperty(options, 'handler')) continue;
      const action = createAction(node, kind, options);
      actions.push(action);
      actionByCall.set(node, action);
    } else if (kind === 'controller') {
      controllers.push({ call: node, options, variableName: variableNameOf(node), name: stringValue(propertyValue(getProperty(options, 'name'))), actions: new Map() });
    } else {
      routers.push(readRouter(node, options));
    }
  }

  for (const controller of controllers) linkActions(controller, actionByCall, sourceFile);
  return { actions, controllers, routers };
}

type IgniterCallKind = ActionKind | 'controller' | 'router';

/**
 * `<instance>.query(...)` (or `mutation`, `controller`, `router`, through parentheses and `!`), or a core
 * factory, read on the compiler node. Identifiers compare by their `text` (escapes read), which is what
 * ts-morph's `getText` and `getName` return for them.
 */
function igniterCallKind(call: TsMorph.ts.CallExpression, instances: Set<string>, factories: Map<string, IgniterCallKind>): IgniterCallKind | undefined {
  const { ts } = tsMorph();
  let callee: TsMorph.ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee)) callee = callee.expression;
  if (ts.isIdentifier(callee)) return factories.get(callee.text);
  let name: string | undefined;
  if (ts.isPropertyAccessExpression(callee)) name = callee.name.text;
  else if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) name = callee.argumentExpression.text;
  if (name !== 'query' && name !== 'mutation' && name !== 'controller' && name !== 'router') return undefined;
  let object: TsMorph.ts.Expression = (callee as TsMorph.ts.PropertyAccessExpression | TsMorph.ts.ElementAccessExpression).expression;
  while (ts.isParenthesizedExpression(object) || ts.isNonNullExpression(object)) object = object.expression;
  return ts.isIdentifier(object) && instances.has(object.text) ? name : undefined;
}

/** Local names of `createIgniterQuery`/`Mutation`/`Controller`/`Router` imported from the core package. */
function coreFactoryNames(sourceFile: AstNode): Map<string, IgniterCallKind> {
  const { Node, ts } = tsMorph();
  const names = new Map<string, IgniterCallKind>();
  const kinds: Record<string, IgniterCallKind> = {
    createIgniterQuery: 'query',
    createIgniterMutation: 'mutation',
    createIgniterController: 'controller',
    createIgniterRouter: 'router',
  };
  if (!Node.isSourceFile(sourceFile)) return names;
  // On compiler nodes: wrapping every statement of the file to find its imports cost more than the rest.
  for (const statement of sourceFile.compilerNode.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== CORE_MODULE) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const specifier of bindings.elements) {
      // The imported name as ts-morph's ImportSpecifier#getName reads it (a string literal's value), then the local one.
      const nameNode = specifier.propertyName ?? specifier.name;
      const imported = ts.isStringLiteral(nameNode) ? nameNode.text : nameNode.getText();
      // Own keys only: `import { constructor } from '@igniter-js/core'` names no factory.
      const kind = Object.hasOwn(kinds, imported) ? kinds[imported] : undefined;
      if (kind) names.set(specifier.propertyName ? specifier.name.getText() : imported, kind);
    }
  }
  return names;
}

function createAction(call: CallNode, kind: ActionKind, options: ObjectNode): Action {
  const { Node } = tsMorph();
  const handlerValue = propertyValue(getProperty(options, 'handler'));
  const handler = handlerValue && isFunctionLike(unwrap(handlerValue)) ? (unwrap(handlerValue) as FunctionNode) : undefined;
  const variableName = variableNameOf(call);
  const holder = actionHolder(call);
  let bindings: HandlerBindings | undefined;
  return {
    kind,
    call,
    options,
    handler,
    get bindings() {
      return handler ? (bindings ??= new HandlerBindings(handler)) : undefined;
    },
    name: holder && Node.isPropertyAssignment(holder) ? propertyName(holder) : variableName,
    variableName,
    reportNode: holder && Node.isPropertyAssignment(holder) ? holder.getNameNode() : call,
    stream: readStream(options),
    procedures: readProcedures(options),
    jsDoc: holder ? leadingJsDocText(holder) : '',
  };
}

/** The node that carries the action's JSDoc: `key: igniter.query(...)` or `const x = igniter.query(...)`. */
function actionHolder(call: CallNode): AstNode | undefined {
  const { Node } = tsMorph();
  let parent = call.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent))) {
    parent = parent.getParent();
  }
  if (!parent) return undefined;
  if (Node.isPropertyAssignment(parent)) return parent;
  if (Node.isVariableDeclaration(parent)) return parent.getVariableStatement() ?? parent;
  return undefined;
}

function variableNameOf(call: CallNode): string | undefined {
  const { Node } = tsMorph();
  let parent = call.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent))) {
    parent = parent.getParent();
  }
  if (parent && Node.isVariableDeclaration(parent)) {
    const name = parent.getNameNode();
    return Node.isIdentifier(name) ? name.getText() : undefined;
  }
  return undefined;
}

function readStream(options: ObjectNode): Action['stream'] {
  const { Node } = tsMorph();
  const property = getProperty(options, 'stream');
  if (!property) return 'missing';
  const value = propertyValue(property);
  const inner = value ? unwrap(value) : undefined;
  if (inner && Node.isTrueLiteral(inner)) return 'true';
  if (inner && Node.isFalseLiteral(inner)) return 'false';
  return 'unknown';
}

function readProcedures(options: ObjectNode): string[] {
  const { Node } = tsMorph();
  const value = propertyValue(getProperty(options, 'use'));
  const list = value ? unwrap(value) : undefined;
  if (!list || !Node.isArrayLiteralExpression(list)) return [];
  return list.getElements().map((element) => procedureName(element)).filter((name): name is string => !!name);
}

/** `authProcedure()`, `authProcedure`, `procedures.auth()`, `auth({ required: true })` → their name. */
function procedureName(element: AstNode): string | undefined {
  const { Node } = tsMorph();
  let node = unwrap(element);
  if (Node.isCallExpression(node)) node = unwrap(node.getExpression());
  if (Node.isIdentifier(node)) return node.getText();
  if (Node.isPropertyAccessExpression(node)) return node.getText();
  return undefined;
}

function readRouter(call: CallNode, options: ObjectNode): Router {
  const value = propertyValue(getProperty(options, 'controllers'));
  return { call, ...readControllerMap(value ? unwrap(value) : undefined) };
}

/**
 * A `controllers` object: `{ key: controller, ...moreControllers }`. An identifier in place of the
 * object, or spread into it, names a map declared elsewhere (a router split over files).
 */
export function readControllerMap(node: AstNode | undefined): Omit<Router, 'call'> {
  const { Node } = tsMorph();
  if (node && Node.isIdentifier(node)) return { registrations: [], spreads: [node], complete: true };
  if (!node || !Node.isObjectLiteralExpression(node)) return { registrations: [], spreads: [], complete: false };
  const registrations: RouterRegistration[] = [];
  const spreads: AstNode[] = [];
  let complete = true;
  for (const property of node.getProperties()) {
    if (Node.isSpreadAssignment(property)) {
      const spread = unwrap(property.getExpression());
      if (Node.isIdentifier(spread)) spreads.push(spread);
      else complete = false;
      continue;
    }
    const key = propertyName(property);
    const registered = propertyValue(property);
    if (key === undefined || !registered || Node.isMethodDeclaration(registered)) {
      complete = false;
      continue;
    }
    const keyNode = Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : property;
    registrations.push({ key, value: unwrap(registered), keyNode });
  }
  return { registrations, spreads, complete };
}

/** Ties each entry of a controller's `actions` to the action it names (inline or a same-file variable). */
function linkActions(controller: Controller, actionByCall: Map<AstNode, Action>, sourceFile: AstNode): void {
  const { Node } = tsMorph();
  const value = propertyValue(getProperty(controller.options, 'actions'));
  const object = value ? unwrap(value) : undefined;
  if (!object || !Node.isObjectLiteralExpression(object)) return;
  for (const property of object.getProperties()) {
    const key = propertyName(property);
    const entry = propertyValue(property);
    if (key === undefined || !entry) continue;
    const target = unwrap(entry);
    const action = Node.isCallExpression(target) ? actionByCall.get(target) : Node.isIdentifier(target) ? actionDeclaredAs(target.getText(), actionByCall, sourceFile) : undefined;
    if (!action) continue;
    action.controller = controller;
    if (!Node.isCallExpression(target)) action.jsDoc = [leadingJsDocText(property), action.jsDoc].filter(Boolean).join('\n');
    if (action.name === undefined || !Node.isCallExpression(target)) {
      // An action declared as a variable is known by its key in `actions`, and is reported there.
      action.name = key;
      if (Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property)) action.reportNode = property.getNameNode();
    }
    controller.actions.set(key, action);
  }
}

function actionDeclaredAs(name: string, actionByCall: Map<AstNode, Action>, sourceFile: AstNode): Action | undefined {
  const { Node } = tsMorph();
  if (!Node.isSourceFile(sourceFile)) return undefined;
  const declaration = sourceFile.getVariableDeclaration(name);
  const initializer = declaration?.getInitializer();
  const target = initializer ? unwrap(initializer) : undefined;
  return target && Node.isCallExpression(target) ? actionByCall.get(target) : undefined;
}

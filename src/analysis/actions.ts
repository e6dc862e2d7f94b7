/**
 * Igniter declarations in one file: actions (`igniter.query/mutation({... handler })`,
 * `createIgniterQuery/Mutation` from `@igniter-js/core`), controllers (`igniter.controller({ actions })`)
 * and routers (`igniter.router({ controllers })`), linked where the file itself shows the link.
 */
import { analysisTypeScript, type AstNode, type CallNode, type CompilerFunction, type FunctionNode, type ObjectNode, type TsMorph } from './morph.js';
import { HandlerBindings } from './bindings.js';
import { compilerLeadingJsDocText, compilerPropertyName, compilerPropertyValue, compilerStringValue, compilerValueOf, fastTs, isCompilerFunctionLike, unwrapCompilerNode } from './syntax.js';
import type { SyntaxFile } from './syntax-file.js';

export type ActionKind = 'query' | 'mutation';

/**
 * An action as TypeScript's nodes (`compilerCall`, `compilerOptions`, `compilerHandler`,
 * `compilerReportNode`), which the rules read; `call`, `options`, `handler` and `reportNode` are their
 * ts-morph wrappers, made on first request.
 */
export interface Action {
  kind: ActionKind;
  readonly call: CallNode;
  compilerCall: TsMorph.ts.CallExpression;
  readonly options: ObjectNode;
  compilerOptions: TsMorph.ts.ObjectLiteralExpression;
  /** The handler function, when it is written inline (not an identifier or an import). */
  readonly handler?: FunctionNode;
  compilerHandler?: CompilerFunction;
  /** What the handler's parameter names stand for (built on first use). */
  readonly bindings?: HandlerBindings;
  /** Key of the action in its controller's `actions`, else the variable that holds it. */
  name?: string;
  /** The variable the action is assigned to, if any. */
  variableName?: string;
  /** Where findings about the whole action are reported: its key in `actions`, else the call. */
  readonly reportNode: AstNode;
  compilerReportNode: TsMorph.ts.Node;
  controller?: Controller;
  /** `stream` option: true/false literal, missing, or an expression we cannot evaluate. */
  stream: 'true' | 'false' | 'missing' | 'unknown';
  /** Names of the procedures in `use: [...]` (`authProcedure()` → `authProcedure`). */
  procedures: string[];
  /** The JSDoc on the action (its key in `actions` or its variable statement). */
  jsDoc: string;
}

export interface Controller {
  readonly call: CallNode;
  compilerCall: TsMorph.ts.CallExpression;
  readonly options: ObjectNode;
  compilerOptions: TsMorph.ts.ObjectLiteralExpression;
  /** The variable the controller is assigned to, if any. */
  variableName?: string;
  /** The controller's `name` option. */
  name?: string;
  actions: Map<string, Action>;
}

/**
 * An entry of a `controllers` object as TypeScript's nodes (`compilerValue`, `compilerKeyNode`); `value`
 * and `keyNode` are their ts-morph wrappers, made on first request.
 */
export interface RouterRegistration {
  key: string;
  /** The expression registered (usually an identifier), through parentheses, `as`, `!` and the like. */
  readonly value: AstNode;
  compilerValue: TsMorph.ts.Node;
  readonly keyNode: AstNode;
  compilerKeyNode: TsMorph.ts.Node;
}

/** A `controllers` object: of a router, or a map declared on its own and spread or passed into one. */
export interface ControllerMap {
  registrations: RouterRegistration[];
  /** Identifiers whose maps are spread into `controllers` (or stand for it): resolved across files. Wrapped on first request. */
  readonly spreads: AstNode[];
  compilerSpreads: TsMorph.ts.Identifier[];
  /** False when `controllers` is not an object literal we can read (built dynamically). */
  complete: boolean;
}

/** A router as TypeScript's nodes (`compilerCall`); `call` is its wrapper, made on first request. */
export interface Router extends ControllerMap {
  readonly call: CallNode;
  compilerCall: TsMorph.ts.CallExpression;
}

export interface IgniterDeclarations {
  actions: Action[];
  controllers: Controller[];
  routers: Router[];
}

const CORE_MODULE = '@igniter-js/core';

/** `calls`: every call expression of the file, in source order (the file model's shared list). */
export function findIgniterDeclarations(file: SyntaxFile, instanceNames: readonly string[], calls: readonly TsMorph.ts.CallExpression[]): IgniterDeclarations {
  const ts = fastTs();
  const instances = new Set(instanceNames);
  const factories = coreFactoryNames(file.compilerNode);
  const actions: Action[] = [];
  const controllers: Controller[] = [];
  const routers: Router[] = [];
  // Keyed by compiler node (one wrapper per compiler node, so the same identity as the wrapped call).
  const actionByCall = new Map<TsMorph.ts.Node, Action>();
  const controllerOptions: TsMorph.ts.ObjectLiteralExpression[] = [];

  // Only Igniter calls are wrapped: their kind is read on the compiler node.
  for (const compilerCall of calls) {
    const kind = igniterCallKind(compilerCall, instances, factories);
    if (!kind) continue;
    // The options object (first argument, through `unwrap`'s wrappers), also read before wrapping.
    const first = compilerCall.arguments[0];
    const compilerOptions = first ? unwrapCompilerNode(first) : undefined;
    if (!compilerOptions || !ts.isObjectLiteralExpression(compilerOptions)) continue;
    if (kind === 'query' || kind === 'mutation') {
      const read = actionOptions(compilerOptions);
      if (!read.handler) continue;
      const action = createAction(file, compilerCall, kind, compilerOptions, read);
      actions.push(action);
      actionByCall.set(compilerCall, action);
    } else if (kind === 'controller') {
      const name = compilerPropertyValue(compilerOptions, 'name');
      controllers.push({
        get call() {
          return file.wrap(compilerCall) as CallNode;
        },
        compilerCall,
        get options() {
          return file.wrap(compilerOptions) as ObjectNode;
        },
        compilerOptions,
        variableName: variableNameOf(compilerCall),
        name: name && compilerStringValue(name),
        actions: new Map(),
      });
      controllerOptions.push(compilerOptions);
    } else {
      routers.push(readRouter(file, compilerCall, compilerOptions));
    }
  }

  controllers.forEach((controller, index) => linkActions(controller, controllerOptions[index]!, actionByCall, file.compilerNode));
  return { actions, controllers, routers };
}

type IgniterCallKind = ActionKind | 'controller' | 'router';

/**
 * `<instance>.query(...)` (or `mutation`, `controller`, `router`, through parentheses and `!`), or a core
 * factory, read on the compiler node. Identifiers compare by their `text` (escapes read), which is what
 * ts-morph's `getText` and `getName` return for them.
 */
function igniterCallKind(call: TsMorph.ts.CallExpression, instances: Set<string>, factories: Map<string, IgniterCallKind>): IgniterCallKind | undefined {
  // Asked of every call of the file: fastTs, not the TypeScript namespace (a hash lookup per function).
  const ts = fastTs();
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
function coreFactoryNames(sourceFile: TsMorph.ts.SourceFile): Map<string, IgniterCallKind> {
  const ts = analysisTypeScript();
  const names = new Map<string, IgniterCallKind>();
  const kinds: Record<string, IgniterCallKind> = {
    createIgniterQuery: 'query',
    createIgniterMutation: 'mutation',
    createIgniterController: 'controller',
    createIgniterRouter: 'router',
  };
  // On compiler nodes: wrapping every statement of the file to find its imports cost more than the rest.
  const importKind = fastTs().SyntaxKind.ImportDeclaration;
  for (const statement of sourceFile.statements) {
    if (statement.kind !== importKind || !ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== CORE_MODULE) continue;
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

/**
 * Read on compiler nodes: only the call, its options and the handler are wrapped, and the reported key when asked for
 * (wrapping the properties, `use` elements and parents on the way cost more than the rest of the file model).
 */
function createAction(file: SyntaxFile, call: TsMorph.ts.CallExpression, kind: ActionKind, options: TsMorph.ts.ObjectLiteralExpression, read: ActionOptions): Action {
  const ts = fastTs();
  const handlerValue = read.handler && compilerValueOf(read.handler);
  const handlerNode = handlerValue && unwrapCompilerNode(handlerValue);
  const compilerHandler = handlerNode && isCompilerFunctionLike(handlerNode) ? (handlerNode as CompilerFunction) : undefined;
  const variableName = variableNameOf(call);
  const holder = actionHolder(call);
  const keyed = holder && ts.isPropertyAssignment(holder) ? holder : undefined;
  let bindings: HandlerBindings | undefined;
  return {
    kind,
    get call() {
      return file.wrap(call) as CallNode;
    },
    compilerCall: call,
    get options() {
      return file.wrap(options) as ObjectNode;
    },
    compilerOptions: options,
    get handler() {
      return compilerHandler && (file.wrap(compilerHandler) as FunctionNode);
    },
    compilerHandler,
    get bindings() {
      return compilerHandler ? (bindings ??= new HandlerBindings(compilerHandler)) : undefined;
    },
    name: keyed ? compilerPropertyName(keyed) : variableName,
    variableName,
    get reportNode() {
      return file.wrap(this.compilerReportNode);
    },
    compilerReportNode: keyed ? keyed.name : call,
    stream: readStream(read.stream),
    procedures: readProcedures(read.use),
    jsDoc: holder ? compilerLeadingJsDocText(holder) : '',
  };
}


/** The parent of a call through the parentheses, `as` and `satisfies` around it (not `!`: `x = call()!` names no action). */
function outerParent(call: TsMorph.ts.Node): TsMorph.ts.Node | undefined {
  const ts = fastTs();
  let parent = call.parent as TsMorph.ts.Node | undefined;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent))) parent = parent.parent;
  return parent;
}

/** The node that carries the action's JSDoc: `key: igniter.query(...)` or `const x = igniter.query(...)`. */
function actionHolder(call: TsMorph.ts.Node): TsMorph.ts.Node | undefined {
  const ts = fastTs();
  const parent = outerParent(call);
  if (!parent) return undefined;
  if (ts.isPropertyAssignment(parent)) return parent;
  if (ts.isVariableDeclaration(parent)) {
    // ts-morph's VariableDeclaration#getVariableStatement: the grandparent, when it is one (not a `for` head).
    const statement = parent.parent.parent as TsMorph.ts.Node | undefined;
    return statement && statement.kind === ts.SyntaxKind.VariableStatement ? statement : parent;
  }
  return undefined;
}

/** `const name = call`: an identifier's `text` is what ts-morph's `getText` returns for it (escapes read). */
function variableNameOf(call: TsMorph.ts.Node): string | undefined {
  const ts = fastTs();
  const parent = outerParent(call);
  return parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}


/** The options an action's reading needs: the last property of each name, as `getProperty` finds it. */
interface ActionOptions {
  handler?: TsMorph.ts.ObjectLiteralElementLike;
  stream?: TsMorph.ts.ObjectLiteralElementLike;
  use?: TsMorph.ts.ObjectLiteralElementLike;
}

/** One pass over the options' properties (a later one of a name wins, as at runtime), instead of a search per name. */
function actionOptions(options: TsMorph.ts.ObjectLiteralExpression): ActionOptions {
  const read: ActionOptions = {};
  for (const property of options.properties) {
    const name = compilerPropertyName(property);
    if (name === 'handler') read.handler = property;
    else if (name === 'stream') read.stream = property;
    else if (name === 'use') read.use = property;
  }
  return read;
}

function readStream(property: TsMorph.ts.ObjectLiteralElementLike | undefined): Action['stream'] {
  const { SyntaxKind } = fastTs();
  if (!property) return 'missing';
  const value = compilerValueOf(property);
  const inner = value ? unwrapCompilerNode(value) : undefined;
  if (inner?.kind === SyntaxKind.TrueKeyword) return 'true';
  if (inner?.kind === SyntaxKind.FalseKeyword) return 'false';
  return 'unknown';
}

function readProcedures(property: TsMorph.ts.ObjectLiteralElementLike | undefined): string[] {
  const ts = fastTs();
  const value = property && compilerValueOf(property);
  const list = value ? unwrapCompilerNode(value) : undefined;
  if (!list || !ts.isArrayLiteralExpression(list)) return [];
  const names: string[] = [];
  for (const element of list.elements) {
    const name = procedureName(element);
    if (name) names.push(name);
  }
  return names;
}

/**
 * `authProcedure()`, `authProcedure`, `procedures.auth()`, `auth({ required: true })` → their name: an
 * identifier's `text`, a property access's source text (what ts-morph's `getText` returns for each).
 */
function procedureName(element: TsMorph.ts.Node): string | undefined {
  const ts = fastTs();
  let node = unwrapCompilerNode(element);
  if (ts.isCallExpression(node)) node = unwrapCompilerNode(node.expression);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    const sourceFile = node.getSourceFile();
    return sourceFile.text.slice(node.getStart(sourceFile), node.end);
  }
  return undefined;
}

/** Read on compiler nodes: the call, the registrations and the spreads are wrapped when asked for. */
function readRouter(file: SyntaxFile, call: TsMorph.ts.CallExpression, options: TsMorph.ts.ObjectLiteralExpression): Router {
  const value = compilerPropertyValue(options, 'controllers');
  const map = readControllerMap(value ? unwrapCompilerNode(value) : undefined, (node) => file.wrap(node));
  return {
    get call() {
      return file.wrap(call) as CallNode;
    },
    compilerCall: call,
    registrations: map.registrations,
    get spreads() {
      return map.spreads;
    },
    compilerSpreads: map.compilerSpreads,
    complete: map.complete,
  };
}

/**
 * A `controllers` object: `{ key: controller, ...moreControllers }`, on compiler nodes. An identifier in
 * place of the object, or spread into it, names a map declared elsewhere (a router split over files).
 * `wrap` makes the wrappers of `value`, `keyNode` and `spreads` when someone asks for them.
 */
export function readControllerMap(node: TsMorph.ts.Node | undefined, wrap: (node: TsMorph.ts.Node) => AstNode): ControllerMap {
  const ts = fastTs();
  if (node && ts.isIdentifier(node)) return controllerMap([], [node], true, wrap);
  if (!node || !ts.isObjectLiteralExpression(node)) return controllerMap([], [], false, wrap);
  const registrations: RouterRegistration[] = [];
  const spreads: TsMorph.ts.Identifier[] = [];
  let complete = true;
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = unwrapCompilerNode(property.expression);
      if (ts.isIdentifier(spread)) spreads.push(spread);
      else complete = false;
      continue;
    }
    const key = compilerPropertyName(property);
    const registered = compilerValueOf(property);
    if (key === undefined || !registered || ts.isMethodDeclaration(registered)) {
      complete = false;
      continue;
    }
    const compilerKeyNode = ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property) ? property.name : property;
    const compilerValue = unwrapCompilerNode(registered);
    registrations.push({
      key,
      get value() {
        return wrap(compilerValue);
      },
      compilerValue,
      get keyNode() {
        return wrap(compilerKeyNode);
      },
      compilerKeyNode,
    });
  }
  return controllerMap(registrations, spreads, complete, wrap);
}

function controllerMap(registrations: RouterRegistration[], compilerSpreads: TsMorph.ts.Identifier[], complete: boolean, wrap: (node: TsMorph.ts.Node) => AstNode): ControllerMap {
  let spreads: AstNode[] | undefined;
  return {
    registrations,
    get spreads() {
      return (spreads ??= compilerSpreads.map(wrap));
    },
    compilerSpreads,
    complete,
  };
}

/** Ties each entry of a controller's `actions` to the action it names (inline or a same-file variable), on compiler nodes. */
function linkActions(controller: Controller, options: TsMorph.ts.ObjectLiteralExpression, actionByCall: Map<TsMorph.ts.Node, Action>, sourceFile: TsMorph.ts.SourceFile): void {
  const ts = fastTs();
  const value = compilerPropertyValue(options, 'actions');
  const object = value ? unwrapCompilerNode(value) : undefined;
  if (!object || !ts.isObjectLiteralExpression(object)) return;
  for (const property of object.properties) {
    const key = compilerPropertyName(property);
    const entry = compilerValueOf(property);
    if (key === undefined || !entry) continue;
    const target = unwrapCompilerNode(entry);
    const inline = ts.isCallExpression(target);
    const action = inline ? actionByCall.get(target) : ts.isIdentifier(target) ? actionDeclaredAs(target.text, actionByCall, sourceFile) : undefined;
    if (!action) continue;
    action.controller = controller;
    if (!inline) action.jsDoc = [compilerLeadingJsDocText(property), action.jsDoc].filter(Boolean).join('\n');
    if (action.name === undefined || !inline) {
      // An action declared as a variable is known by its key in `actions`, and is reported there.
      action.name = key;
      if (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) action.compilerReportNode = property.name;
    }
    controller.actions.set(key, action);
  }
}


/**
 * The action a top-level variable named `name` holds, as ts-morph's SourceFile#getVariableDeclaration finds
 * it (the first declaration of a variable statement that binds the name, destructured or not), on compiler nodes.
 */
function actionDeclaredAs(name: string, actionByCall: Map<TsMorph.ts.Node, Action>, sourceFile: TsMorph.ts.SourceFile): Action | undefined {
  const ts = fastTs();
  for (const statement of sourceFile.statements) {
    if (statement.kind !== ts.SyntaxKind.VariableStatement) continue;
    for (const declaration of (statement as TsMorph.ts.VariableStatement).declarationList.declarations) {
      if (!bindsName(declaration.name, name)) continue;
      const target = declaration.initializer ? unwrapCompilerNode(declaration.initializer) : undefined;
      return target && ts.isCallExpression(target) ? actionByCall.get(target) : undefined;
    }
  }
  return undefined;
}

/** Whether a binding name is `name` or a pattern that binds it somewhere (ts-morph's `nodeHasName`). */
function bindsName(binding: TsMorph.ts.BindingName, name: string): boolean {
  const ts = fastTs();
  if (ts.isIdentifier(binding)) return binding.text === name;
  return (binding.elements as readonly TsMorph.ts.Node[]).some((element) => ts.isBindingElement(element) && bindsName(element.name, name));
}

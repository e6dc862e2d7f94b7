/**
 * The cross-file facts of one file, as plain data: what it imports and exports, the controllers and
 * actions it declares, the routers it builds, and the keys it revalidates. The project index keeps
 * one of these per file (from disk) and resolves them against each other.
 */
import type { FileModel } from './file-model.js';
import { readControllerMap, type Action, type Router } from './actions.js';
import { readAppFacts, type AppFacts } from './app-facts.js';
import { readActionFlow, readFlowFacts, type ActionFlowFacts, type FlowFacts } from './data-access.js';
import { tsMorph, type AstNode, type ObjectNode } from './morph.js';
import { getProperty, moduleSpecifier, propertyName, propertyValue, unwrap } from './syntax.js';

export interface ImportRef {
  specifier: string;
  /** `default`, `*` (namespace import), or the exported name. */
  imported: string;
}

export interface ActionFacts {
  kind: 'query' | 'mutation';
  stream: 'true' | 'false' | 'missing' | 'unknown';
  /** What its inline handler does with data (see data-access.ts); absent when the handler is not inline. */
  flow?: ActionFlowFacts;
}

export interface ControllerFacts {
  /** Actions declared inline or by a variable of this file. */
  actions: Record<string, ActionFacts>;
  /** Actions given by a name this file imports: action key → local name. */
  actionRefs: Record<string, string>;
}

export interface RegistrationFacts {
  key: string;
  /** `local` (an identifier), `namespace.member`, or an inline controller (`#inline:N`). */
  local?: string;
  member?: string;
  line: number;
}

/** A `controllers` object: of a router, or a map declared on its own and spread or passed into one. */
export interface ControllerMapFacts {
  registrations: RegistrationFacts[];
  /** Local names of other maps spread into this one. */
  spreads: string[];
  complete: boolean;
}

export interface RouterFacts extends ControllerMapFacts {
  line: number;
}

export interface RevalidationFacts {
  key: string;
  line: number;
}

export interface FileFacts extends AppFacts {
  imports: Record<string, ImportRef>;
  /** Exported name → local name. */
  exports: Record<string, string>;
  /** Exported name → re-export from another module. */
  reexports: Record<string, ImportRef>;
  starExports: string[];
  /** Controllers by the local name they are bound to (`#inline:N` for unnamed ones). */
  controllers: Record<string, ControllerFacts>;
  /** Actions declared as variables: local name → facts. */
  actionVariables: Record<string, ActionFacts>;
  routers: RouterFacts[];
  /** Top-level `const x = { key: controller, ... }` objects that may be a router's `controllers`. */
  controllerMaps: Record<string, ControllerMapFacts>;
  revalidations: RevalidationFacts[];
  /** Functions, methods and procedures' context methods, with the data they touch. */
  flow: FlowFacts;
}

/**
 * A record keyed by names from the source, without a prototype: a controller bound to `toString` or an
 * import named `__proto__` is an entry like any other, never Object.prototype's member.
 */
export function dictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function emptyFacts(): FileFacts {
  return {
    imports: dictionary(),
    exports: dictionary(),
    reexports: dictionary(),
    starExports: [],
    controllers: dictionary(),
    actionVariables: dictionary(),
    routers: [],
    controllerMaps: dictionary(),
    revalidations: [],
    flow: { functions: dictionary(), instances: dictionary(), procedures: dictionary() },
    instances: dictionary(),
    shapes: dictionary(),
    clients: [],
  };
}

export function extractFacts(file: FileModel): FileFacts {
  const facts = emptyFacts();
  readModuleSyntax(file.sourceFile, facts);
  Object.assign(facts, readAppFacts(file.sourceFile, dictionary));
  const { controllers, routers, actions } = file.declarations();
  const { Node } = tsMorph();
  facts.flow = readFlowFacts(file, dictionary);
  const flows = new Map<Action, ActionFlowFacts | undefined>();
  const actionFacts = (action: Action): ActionFacts => {
    if (!flows.has(action)) flows.set(action, readActionFlow(action, file));
    const flow = flows.get(action);
    return flow ? { kind: action.kind, stream: action.stream, flow } : { kind: action.kind, stream: action.stream };
  };

  const inlineNames = new Map<AstNode, string>();
  controllers.forEach((controller, index) => {
    const local = controller.variableName ?? `#inline:${index}`;
    if (!controller.variableName) inlineNames.set(controller.call, local);
    const actionsFacts = dictionary<ActionFacts>();
    for (const [name, action] of controller.actions) actionsFacts[name] = actionFacts(action);
    const actionRefs = dictionary<string>();
    const value = propertyValue(getProperty(controller.options, 'actions'));
    const object = value ? unwrap(value) : undefined;
    if (object && Node.isObjectLiteralExpression(object)) {
      for (const property of object.getProperties()) {
        const key = propertyName(property);
        const entry = propertyValue(property);
        if (key === undefined || !entry || key in actionsFacts) continue;
        const target = unwrap(entry);
        if (Node.isIdentifier(target)) actionRefs[key] = target.getText();
      }
    }
    facts.controllers[local] = { actions: actionsFacts, actionRefs };
  });
  // `export default igniter.controller({...})`
  for (const [call, local] of inlineNames) {
    const parent = call.getParent();
    if (parent && Node.isExportAssignment(parent)) facts.exports.default = local;
  }

  for (const action of actions) {
    const parent = action.call.getParent();
    if (parent && Node.isVariableDeclaration(parent)) facts.actionVariables[parent.getName()] = actionFacts(action);
  }

  const readMap = (map: Omit<Router, 'call'>): ControllerMapFacts => {
    const registrations: RegistrationFacts[] = [];
    let complete = map.complete;
    for (const registration of map.registrations) {
      const value = registration.value;
      const line = registration.keyNode.getStartLineNumber();
      if (Node.isIdentifier(value)) registrations.push({ key: registration.key, local: value.getText(), line });
      else if (Node.isPropertyAccessExpression(value) && Node.isIdentifier(value.getExpression())) {
        registrations.push({ key: registration.key, local: value.getExpression().getText(), member: value.getName(), line });
      } else if (inlineNames.has(value)) registrations.push({ key: registration.key, local: inlineNames.get(value), line });
      else complete = false;
    }
    return { registrations, spreads: map.spreads.map((spread) => spread.getText()), complete };
  };
  for (const router of routers) facts.routers.push({ ...readMap(router), line: router.call.getStartLineNumber() });

  // Maps of controllers declared apart from the router (`export const controllers = { message, room }`).
  for (const statement of file.sourceFile.getVariableStatements()) {
    for (const declaration of statement.getDeclarations()) {
      const initializer = declaration.getInitializer();
      const object = initializer ? unwrap(initializer) : undefined;
      if (!object || !Node.isObjectLiteralExpression(object) || !looksLikeControllerMap(object)) continue;
      facts.controllerMaps[declaration.getName()] = readMap(readControllerMap(object));
    }
  }

  for (const { value } of file.revalidations()) {
    for (const target of value.targets) {
      for (const key of target.keys) facts.revalidations.push({ key: key.value, line: key.node.getStartLineNumber() });
    }
  }
  return facts;
}

function readModuleSyntax(sourceFile: FileModel['sourceFile'], facts: FileFacts): void {
  for (const declaration of sourceFile.getImportDeclarations()) {
    const specifier = moduleSpecifier(declaration);
    if (specifier === undefined) continue;
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) facts.imports[defaultImport.getText()] = { specifier, imported: 'default' };
    const namespace = declaration.getNamespaceImport();
    if (namespace) facts.imports[namespace.getText()] = { specifier, imported: '*' };
    for (const named of declaration.getNamedImports()) {
      facts.imports[named.getAliasNode()?.getText() ?? named.getName()] = { specifier, imported: named.getName() };
    }
  }
  for (const declaration of sourceFile.getExportDeclarations()) {
    const specifier = moduleSpecifier(declaration);
    // `export { a } from <not a string>` (half-typed): neither a local export nor a re-export we can follow.
    if (specifier === undefined && declaration.hasModuleSpecifier()) continue;
    const named = declaration.getNamedExports();
    if (specifier && named.length === 0 && !declaration.getNamespaceExport()) facts.starExports.push(specifier);
    for (const element of named) {
      const exported = element.getAliasNode()?.getText() ?? element.getName();
      if (specifier) facts.reexports[exported] = { specifier, imported: element.getName() };
      else facts.exports[exported] = element.getName();
    }
  }
  for (const statement of sourceFile.getVariableStatements()) {
    if (!statement.hasExportKeyword()) continue;
    for (const declaration of statement.getDeclarations()) facts.exports[declaration.getName()] = declaration.getName();
  }
  const { Node } = tsMorph();
  // `export function f()`, `export class C`, `export default function f()`: what data calls may lead to.
  for (const statement of sourceFile.getStatements()) {
    if (!Node.isFunctionDeclaration(statement) && !Node.isClassDeclaration(statement)) continue;
    const name = statement.getName();
    if (!name || !statement.hasExportKeyword()) continue;
    facts.exports[statement.hasDefaultKeyword() ? 'default' : name] = name;
  }
  for (const assignment of sourceFile.getExportAssignments()) {
    const expression = unwrap(assignment.getExpression());
    if (!assignment.isExportEquals() && Node.isIdentifier(expression)) facts.exports.default = expression.getText();
  }
}

/** Every property is a name (`message`, `message: messageController`, `ns.x`) or a spread of one. */
function looksLikeControllerMap(object: ObjectNode): boolean {
  const { Node } = tsMorph();
  const properties = object.getProperties();
  return (
    properties.length > 0 &&
    properties.every((property) => {
      if (Node.isShorthandPropertyAssignment(property)) return true;
      if (Node.isSpreadAssignment(property)) return Node.isIdentifier(unwrap(property.getExpression()));
      if (!Node.isPropertyAssignment(property)) return false;
      const value = property.getInitializer();
      const inner = value ? unwrap(value) : undefined;
      return !!inner && (Node.isIdentifier(inner) || (Node.isPropertyAccessExpression(inner) && Node.isIdentifier(inner.getExpression())));
    })
  );
}

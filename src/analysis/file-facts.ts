/**
 * The cross-file facts of one file, as plain data: what it imports and exports, the controllers and
 * actions it declares, the routers it builds, and the keys it revalidates. The project index keeps
 * one of these per file (from disk) and resolves them against each other.
 */
import type { FileModel } from './file-model.js';
import { readControllerMap, type Action, type ControllerMap } from './actions.js';
import { readAppFacts, type AppFacts } from './app-facts.js';
import { readActionFlow, readFlowFacts, type ActionFlowFacts, type FlowFacts } from './data-access.js';
import type { TsMorph } from './morph.js';
import { compilerPropertyName, compilerPropertyValue, compilerValueOf, fastTs, moduleSpecifier, unwrapCompilerNode } from './syntax.js';
import { compilerStartLine, hasModifierKind, morphText, specifierName } from './wrapper-reads.js';

type CompilerNode = TsMorph.ts.Node;
type SourceFile = TsMorph.ts.SourceFile;

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

/**
 * Read on TypeScript's nodes: nothing here wraps a node for ts-morph, so the project index and an
 * editor's unsaved buffer never load it. Names and lines are read as ts-morph's wrappers read them
 * (wrapper-reads.ts): the facts are the ones the wrappers gave, and the index cache holds them as before.
 */
export function extractFacts(file: FileModel): FileFacts {
  const ts = fastTs();
  const sourceFile = file.compilerSourceFile;
  const facts = emptyFacts();
  readModuleSyntax(sourceFile, facts);
  Object.assign(facts, readAppFacts(sourceFile, dictionary));
  const { controllers, routers, actions } = file.declarations();
  facts.flow = readFlowFacts(file, dictionary);
  const flows = new Map<Action, ActionFlowFacts | undefined>();
  const actionFacts = (action: Action): ActionFacts => {
    if (!flows.has(action)) flows.set(action, readActionFlow(action, file));
    const flow = flows.get(action);
    return flow ? { kind: action.kind, stream: action.stream, flow } : { kind: action.kind, stream: action.stream };
  };

  const inlineNames = new Map<CompilerNode, string>();
  controllers.forEach((controller, index) => {
    const local = controller.variableName ?? `#inline:${index}`;
    if (!controller.variableName) inlineNames.set(controller.compilerCall, local);
    const actionsFacts = dictionary<ActionFacts>();
    for (const [name, action] of controller.actions) actionsFacts[name] = actionFacts(action);
    const actionRefs = dictionary<string>();
    const value = compilerPropertyValue(controller.compilerOptions, 'actions');
    const object = value ? unwrapCompilerNode(value) : undefined;
    if (object && ts.isObjectLiteralExpression(object)) {
      for (const property of object.properties) {
        const key = compilerPropertyName(property);
        const entry = compilerValueOf(property);
        if (key === undefined || !entry || key in actionsFacts) continue;
        const target = unwrapCompilerNode(entry);
        if (ts.isIdentifier(target)) actionRefs[key] = morphText(target, sourceFile);
      }
    }
    facts.controllers[local] = { actions: actionsFacts, actionRefs };
  });
  // `export default igniter.controller({...})`
  for (const [call, local] of inlineNames) {
    const parent = call.parent as CompilerNode | undefined;
    if (parent && ts.isExportAssignment(parent)) facts.exports.default = local;
  }

  for (const action of actions) {
    const parent = action.compilerCall.parent as CompilerNode | undefined;
    if (parent && ts.isVariableDeclaration(parent)) facts.actionVariables[morphText(parent.name, sourceFile)] = actionFacts(action);
  }

  const readMap = (map: ControllerMap): ControllerMapFacts => {
    const registrations: RegistrationFacts[] = [];
    let complete = map.complete;
    for (const registration of map.registrations) {
      const value = registration.compilerValue;
      const line = compilerStartLine(registration.compilerKeyNode, sourceFile);
      if (ts.isIdentifier(value)) registrations.push({ key: registration.key, local: morphText(value, sourceFile), line });
      else if (ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.expression)) {
        registrations.push({ key: registration.key, local: morphText(value.expression, sourceFile), member: morphText(value.name, sourceFile), line });
      } else if (inlineNames.has(value)) registrations.push({ key: registration.key, local: inlineNames.get(value), line });
      else complete = false;
    }
    return { registrations, spreads: map.compilerSpreads.map((spread) => morphText(spread, sourceFile)), complete };
  };
  for (const router of routers) facts.routers.push({ ...readMap(router), line: compilerStartLine(router.compilerCall, sourceFile) });

  // Maps of controllers declared apart from the router (`export const controllers = { message, room }`).
  const wrap = (node: CompilerNode) => file.wrap(node);
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const initializer = declaration.initializer;
      const object = initializer ? unwrapCompilerNode(initializer) : undefined;
      if (!object || !ts.isObjectLiteralExpression(object) || !looksLikeControllerMap(object)) continue;
      // `wrap` is for wrappers asked of the map: none is here.
      facts.controllerMaps[morphText(declaration.name, sourceFile)] = readMap(readControllerMap(object, wrap));
    }
  }

  for (const { value } of file.revalidations()) {
    for (const target of value.targets) {
      for (const key of target.keys) facts.revalidations.push({ key: key.value, line: compilerStartLine(key.compilerNode, sourceFile) });
    }
  }
  return facts;
}

function readModuleSyntax(sourceFile: SourceFile, facts: FileFacts): void {
  const ts = fastTs();
  const { SyntaxKind } = ts;
  const statements = sourceFile.statements;
  for (const declaration of statements) {
    if (!ts.isImportDeclaration(declaration)) continue;
    const specifier = moduleSpecifier(declaration);
    if (specifier === undefined) continue;
    const clause = declaration.importClause;
    if (clause?.name) facts.imports[morphText(clause.name, sourceFile)] = { specifier, imported: 'default' };
    const bindings = clause?.namedBindings;
    if (bindings && bindings.kind === SyntaxKind.NamespaceImport) facts.imports[morphText(bindings.name, sourceFile)] = { specifier, imported: '*' };
    if (bindings && ts.isNamedImports(bindings)) {
      for (const named of bindings.elements) {
        const name = specifierName(named);
        facts.imports[named.propertyName ? morphText(named.name, sourceFile) : name] = { specifier, imported: name };
      }
    }
  }
  for (const declaration of statements) {
    if (!ts.isExportDeclaration(declaration)) continue;
    const specifier = moduleSpecifier(declaration);
    // `export { a } from <not a string>` (half-typed): neither a local export nor a re-export we can follow.
    if (specifier === undefined && hasModuleSpecifier(declaration, sourceFile)) continue;
    const clause = declaration.exportClause;
    const named = clause && clause.kind === SyntaxKind.NamedExports ? (clause as TsMorph.ts.NamedExports).elements : [];
    const namespaceExport = clause && clause.kind === SyntaxKind.NamespaceExport;
    if (specifier && named.length === 0 && !namespaceExport) facts.starExports.push(specifier);
    for (const element of named) {
      const name = specifierName(element);
      const exported = element.propertyName ? morphText(element.name, sourceFile) : name;
      if (specifier) facts.reexports[exported] = { specifier, imported: name };
      else facts.exports[exported] = name;
    }
  }
  for (const statement of statements) {
    if (!ts.isVariableStatement(statement) || !hasModifierKind(statement, SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const name = morphText(declaration.name, sourceFile);
      facts.exports[name] = name;
    }
  }
  // `export function f()`, `export class C`, `export default function f()`: what data calls may lead to.
  for (const statement of statements) {
    if (!ts.isFunctionDeclaration(statement) && !ts.isClassDeclaration(statement)) continue;
    const name = (statement.name && morphText(statement.name, sourceFile));
    if (!name || !hasModifierKind(statement, SyntaxKind.ExportKeyword)) continue;
    facts.exports[hasModifierKind(statement, SyntaxKind.DefaultKeyword) ? 'default' : name] = name;
  }
  for (const assignment of statements) {
    if (!ts.isExportAssignment(assignment)) continue;
    const expression = unwrapCompilerNode(assignment.expression);
    if (!assignment.isExportEquals && ts.isIdentifier(expression)) facts.exports.default = morphText(expression, sourceFile);
  }
}

/** ts-morph's ExportDeclaration#hasModuleSpecifier: a string literal among the declaration's children. */
function hasModuleSpecifier(declaration: TsMorph.ts.ExportDeclaration, sourceFile: SourceFile): boolean {
  const { SyntaxKind } = fastTs();
  return declaration.getChildren(sourceFile).some((child) => child.kind === SyntaxKind.StringLiteral);
}

/** Every property is a name (`message`, `message: messageController`, `ns.x`) or a spread of one. */
function looksLikeControllerMap(object: TsMorph.ts.ObjectLiteralExpression): boolean {
  const ts = fastTs();
  const properties = object.properties;
  return (
    properties.length > 0 &&
    properties.every((property) => {
      if (ts.isShorthandPropertyAssignment(property)) return true;
      if (ts.isSpreadAssignment(property)) return ts.isIdentifier(unwrapCompilerNode(property.expression));
      if (!ts.isPropertyAssignment(property)) return false;
      const inner = unwrapCompilerNode(property.initializer);
      return ts.isIdentifier(inner) || (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression));
    })
  );
}

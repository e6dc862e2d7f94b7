/**
 * AST edits shared by the generators: find a registered controller, register a new one in the router,
 * add actions to a controller, add imports. Files are parsed with ts-morph (loaded on first use), and
 * every change is a text splice at positions the AST gives: the rest of the file (formatting, comments,
 * quotes, semicolons) is kept byte for byte. Every edit is idempotent: asking for what is already there
 * changes nothing; asking for something different where something else is conflicts unless `force`.
 */
import { posix } from 'node:path';
import { indentationAt, indentUnit } from '../analysis/edits.js';
import { tsMorph, type AstNode, type TsMorph } from '../analysis/morph.js';
import { getProperty, propertyName, propertyValue, stringValue, unwrap } from '../analysis/syntax.js';
import { CONFIG_FILE } from '../config-file.js';
import { GenerateError, type ProjectLayout, type Tree } from './types.js';
import { importPath } from './layout.js';
import { stringLiteral } from './names.js';

export interface ControllerInfo {
  /** The router key (`message`): the first segment of every query key of the controller. */
  key: string;
  /** Project-relative file that declares the controller. */
  file: string;
  /** The name the controller is exported under in `file`. */
  exportName: string;
  /** `path` is the action's route when it is a string literal (`/presence/:roomId`). */
  actions: { key: string; kind: 'query' | 'mutation'; stream: boolean; path?: string }[];
}

export interface ImportSpec {
  from: string;
  names: string[];
  typeOnly?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Public API

/** The router's controller keys, in their order (what `--controller` and the hook's argument take). */
export function controllerKeys(tree: Tree, layout: ProjectLayout): string[] {
  return routerControllers(parse(tree, layout.routerFile), layout.routerFile).getProperties().map(propertyName).filter((key): key is string => Boolean(key));
}

/** The usage error for a key the router does not register (the same words from every command). */
export function unknownControllerMessage(layout: ProjectLayout, key: string, keys: readonly string[]): string {
  return `No controller is registered as "${key}" in ${layout.routerFile}. Registered: ${keys.length ? keys.join(', ') : '(none)'}.`;
}

/** The controller registered as `key` in the router, followed through the router's imports. */
export function findController(tree: Tree, layout: ProjectLayout, key: string): ControllerInfo {
  const router = parse(tree, layout.routerFile);
  const controllers = routerControllers(router, layout.routerFile);
  const entry = controllers.getProperties().find((property) => propertyName(property) === key);
  if (!entry) {
    const keys = controllers.getProperties().map(propertyName).filter((name): name is string => Boolean(name));
    throw new GenerateError(unknownControllerMessage(layout, key, keys), 2);
  }
  const target = resolveValue(tree, layout, router, layout.routerFile, propertyValue(entry));
  if (!target) throw new GenerateError(`Cannot follow the controller registered as "${key}" in ${layout.routerFile} to the file that declares it.`);
  const call = controllerCall(parse(tree, target.file), target.exportName);
  if (!call) throw new GenerateError(`${target.file} has no \`export const ${target.exportName} = igniter.controller({ ... })\`.`);
  return { key, file: target.file, exportName: target.exportName, actions: readActions(call) };
}

/**
 * Adds `key: exportName` to the router's `controllers` and the import of `exportName` from `file`.
 * The same registration again → 'unchanged'; the key registered to something else → exit 1 unless
 * `force` (then the entry is replaced and the old import dropped when nothing else uses it).
 */
export function registerController(
  tree: Tree,
  layout: ProjectLayout,
  entry: { key: string; exportName: string; file: string },
  options: { force?: boolean } = {},
): 'added' | 'unchanged' {
  const routerFile = layout.routerFile;
  const specifier = importPath(layout, routerFile, entry.file);
  const router = parse(tree, routerFile);
  const controllers = routerControllers(router, routerFile);
  const existing = controllers.getProperties().find((property) => propertyName(property) === entry.key);
  if (existing) {
    const value = propertyValue(existing);
    // Lenient: the controller file may be one this run has not written yet.
    const current = resolveValue(tree, layout, router, routerFile, value, true);
    if (current && current.exportName === entry.exportName && sameModule(current.file, entry.file)) return 'unchanged';
    if (!options.force) {
      throw new GenerateError(`The router key "${entry.key}" is already registered to ${value?.getText() ?? 'another controller'} in ${routerFile}; use --force to replace it.`);
    }
    // Replace the entry, then drop the old import when nothing else refers to it.
    const oldName = value && tsMorph().Node.isIdentifier(unwrap(value)) ? unwrap(value).getText() : undefined;
    write(tree, routerFile, router, [[existing.getStart(), existing.getEnd(), entryText(entry.key, entry.exportName)]]);
    // Same name from another module (`userController` of a legacy file): its import must go regardless.
    if (oldName) removeUnusedImport(tree, routerFile, oldName, oldName === entry.exportName);
  } else {
    const text = router.getFullText();
    const items = controllers.getProperties().map((property) => ({ start: property.getStart(), end: property.getEnd() }));
    tree.write(routerFile, insertIntoList(text, controllers.getStart(), controllers.getEnd() - 1, items, entryText(entry.key, entry.exportName), true));
  }
  assertNameFree(parse(tree, routerFile), routerFile, entry.exportName, specifier, tree, layout);
  ensureImports(tree, routerFile, [{ from: specifier, names: [entry.exportName] }]);
  return 'added';
}

/**
 * Adds `key: code` entries at the end of the controller's `actions`, with the file's indentation
 * (`code` is written with two-space indentation and re-indented). An existing key with the same code
 * (ignoring white space, semicolons, trailing commas and quote style) is left alone; with other code
 * it is a conflict unless `force`, which replaces it in place.
 */
export function addActions(tree: Tree, file: string, exportName: string, actions: { key: string; code: string }[], options: { force?: boolean } = {}): void {
  for (const action of actions) {
    const source = parse(tree, file);
    const call = controllerCall(source, exportName);
    if (!call) throw new GenerateError(`${file} has no \`export const ${exportName} = igniter.controller({ ... })\`.`);
    const object = actionsObject(call);
    if (!object) throw new GenerateError(`The controller ${exportName} in ${file} has no \`actions: { ... }\` object to add to.`);
    const text = source.getFullText();
    const unit = indentUnit(text);
    const existing = object.getProperties().find((property) => propertyName(property) === action.key);
    if (existing) {
      const value = propertyValue(existing);
      if (value && sameCode(value.getText(), action.code)) continue;
      if (!options.force) {
        throw new GenerateError(`The controller ${exportName} in ${file} already has an action "${action.key}" with different code; use --force to replace it.`);
      }
      const indent = indentationAt(text, existing.getStart());
      write(tree, file, source, [[existing.getStart(), existing.getEnd(), reindent(`${keyText(action.key)}: ${action.code}`, indent, unit)]]);
      continue;
    }
    const items = object.getProperties().map((property) => ({ start: property.getStart(), end: property.getEnd() }));
    tree.write(file, insertIntoList(text, object.getStart(), object.getEnd() - 1, items, `${keyText(action.key)}: ${action.code}`, true));
  }
}

/**
 * Adds the named imports that are missing, merging into an existing import of the same module. A name
 * the file already imports from another module specifier is left alone (it cannot be bound twice).
 */
export function ensureImports(tree: Tree, file: string, imports: ImportSpec[]): void {
  for (const spec of imports) {
    for (const name of spec.names) ensureImport(tree, file, spec.from, name, spec.typeOnly === true);
  }
}

/**
 * Installs the realtime relay in the file that creates the Igniter instance: adds `relayRealtime(<name>)`
 * right after `export const <name> = ... .create()`, and its import. Already there (the call at the top
 * level with the instance as argument) → only the import is ensured. A file where that statement cannot
 * be found is a usage error naming the two lines to add by hand; nothing is written.
 */
export function installRealtimeRelay(tree: Tree, layout: ProjectLayout, relayFile: string): void {
  const { Node } = tsMorph();
  const file = layout.instanceFile;
  const name = layout.instanceName;
  const specifier = importPath(layout, file, relayFile);
  const byHand = `add by hand after it: \`relayRealtime(${name})\`, with \`import { relayRealtime } from '${specifier}'\``;
  if (!tree.exists(file)) throw new GenerateError(`The Igniter instance file ${file} does not exist; ${byHand}.`, 2);
  let source: SourceFile;
  try {
    source = parse(tree, file);
  } catch (error) {
    if (!(error instanceof GenerateError)) throw error;
    throw new GenerateError(`${error.message.replace(/ Nothing was written\.$/, '')} Then generate again, or ${byHand}. Nothing was written.`, 2);
  }
  const installed = source.getStatements().some((statement) => {
    if (!Node.isExpressionStatement(statement)) return false;
    const call = unwrap(statement.getExpression());
    return Node.isCallExpression(call) && call.getExpression().getText() === 'relayRealtime' && call.getArguments().map((argument) => argument.getText()).join() === name;
  });
  if (!installed) {
    const declaration = source.getVariableDeclaration(name);
    const statement = declaration?.getVariableStatement();
    const initializer = declaration?.getInitializer();
    const call = initializer && unwrap(initializer);
    const callee = call && Node.isCallExpression(call) ? unwrap(call.getExpression()) : undefined;
    if (!statement || !statement.isExported() || statement.getParent() !== source || !callee || !Node.isPropertyAccessExpression(callee) || callee.getName() !== 'create') {
      throw new GenerateError(
        `Cannot find \`export const ${name} = Igniter. ... .create()\` at the top level of ${file}, where generated code installs the realtime relay (it delivers revalidations to every server instance); ${byHand}. Nothing was written.`,
        2,
      );
    }
    const text = source.getFullText();
    const semicolon = statement.getText().trimEnd().endsWith(';');
    const at = statement.getEnd();
    tree.write(file, `${text.slice(0, at)}\n\n// Delivers igniter.realtime.revalidate(...) to the SSE connections of every server instance.\nrelayRealtime(${name})${semicolon ? ';' : ''}${text.slice(at)}`);
  }
  ensureImports(tree, file, [{ from: specifier, names: ['relayRealtime'] }]);
}

// ---------------------------------------------------------------------------------------------------
// Parsing and lookups

type SourceFile = TsMorph.SourceFile;
type ObjectLiteral = TsMorph.ObjectLiteralExpression;
type CallExpression = TsMorph.CallExpression;

let project: TsMorph.Project | undefined;

/**
 * The file as ts-morph sees it. A file with a syntax error is refused: TypeScript's parser recovers
 * from errors by guessing, so facts read from it (the router's keys) and positions spliced into it
 * could be wrong, and an edit would bury the error under generated code.
 */
export function parse(tree: Tree, file: string): SourceFile {
  const text = tree.read(file);
  if (text === undefined) throw new GenerateError(`${file} does not exist.`);
  const { Project, ts } = tsMorph();
  project ??= new Project({ useInMemoryFileSystem: true });
  const source = project.createSourceFile(`/${file}`, text, { overwrite: true });
  // The parser's own diagnostics (what `tsc` reports as syntax errors), without building a program.
  const [error] = (source.compilerNode as unknown as { parseDiagnostics?: readonly TsMorph.ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (error) {
    const { line, character } = source.compilerNode.getLineAndCharacterOfPosition(error.start);
    const where = `${file}:${line + 1}:${character + 1}`;
    const message = ts.flattenDiagnosticMessageText(error.messageText, ' ').replace(/\.$/, '');
    // Edited earlier in this run: the generated code is at fault (a broken template override), not the file.
    if (tree.changes().some((change) => change.path === file && change.kind !== 'skip')) {
      throw new GenerateError(`The code generated into ${file} does not parse (${where}: ${message}); check your template overrides. Nothing was written.`);
    }
    throw new GenerateError(`${where} has a syntax error (${message}). Fix it first: igniter-rt reads and edits only files that parse. Nothing was written.`);
  }
  return source;
}

/** Applies [start, end, text] replacements (non-overlapping) to the file and writes it to the tree. */
function write(tree: Tree, file: string, source: SourceFile, edits: [number, number, string][]): void {
  let text = source.getFullText();
  for (const [start, end, replacement] of [...edits].sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + replacement + text.slice(end);
  tree.write(file, text);
}

/** The object literal of `<x>.router({ controllers: { ... } })` (or `createIgniterRouter`). */
function routerControllers(source: SourceFile, file: string): ObjectLiteral {
  const { Node, SyntaxKind } = tsMorph();
  for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = unwrap(call.getExpression());
    const isRouter =
      (Node.isPropertyAccessExpression(callee) && callee.getName() === 'router') || (Node.isIdentifier(callee) && callee.getText() === 'createIgniterRouter');
    const [config] = call.getArguments();
    if (!isRouter || !config || !Node.isObjectLiteralExpression(unwrap(config))) continue;
    const controllers = propertyValue(getProperty(unwrap(config), 'controllers'));
    if (controllers && Node.isObjectLiteralExpression(unwrap(controllers))) return unwrap(controllers) as ObjectLiteral;
  }
  throw new GenerateError(
    `${file} has no \`<instance>.router({ controllers: { ... } })\` with the controllers written inline, so igniter-rt cannot register a controller there safely. ` +
      `Write the controllers object inside the router call, or set "generate.routerFile" in ${CONFIG_FILE} to the file that has it. Nothing was written.`,
    2,
  );
}

/** `export const <name> = <x>.controller({ ... })` (or `createIgniterController`) in the file. */
function controllerCall(source: SourceFile, exportName: string): CallExpression | undefined {
  const { Node } = tsMorph();
  const initializer = source.getVariableDeclaration(exportName)?.getInitializer();
  const call = initializer && unwrap(initializer);
  if (!call || !Node.isCallExpression(call)) return undefined;
  const callee = unwrap(call.getExpression());
  const isController =
    (Node.isPropertyAccessExpression(callee) && callee.getName() === 'controller') || (Node.isIdentifier(callee) && callee.getText() === 'createIgniterController');
  return isController ? call : undefined;
}

function actionsObject(call: CallExpression): ObjectLiteral | undefined {
  const { Node } = tsMorph();
  const [config] = call.getArguments();
  const actions = config && propertyValue(getProperty(unwrap(config), 'actions'));
  return actions && Node.isObjectLiteralExpression(unwrap(actions)) ? (unwrap(actions) as ObjectLiteral) : undefined;
}

/** Every action whose kind can be read: `igniter.query/mutation(...)`, directly or through a local const. */
function readActions(call: CallExpression): ControllerInfo['actions'] {
  const { Node } = tsMorph();
  const actions: ControllerInfo['actions'] = [];
  for (const property of actionsObject(call)?.getProperties() ?? []) {
    const key = propertyName(property);
    let value = propertyValue(property);
    if (value && Node.isIdentifier(unwrap(value))) value = call.getSourceFile().getVariableDeclaration(unwrap(value).getText())?.getInitializer();
    const action = value && unwrap(value);
    if (key === undefined || !action || !Node.isCallExpression(action)) continue;
    const callee = unwrap(action.getExpression());
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    const kind = name === 'query' || name === 'createIgniterQuery' ? 'query' : name === 'mutation' || name === 'createIgniterMutation' ? 'mutation' : undefined;
    if (!kind) continue;
    const [options] = action.getArguments();
    const stream = propertyValue(options && getProperty(unwrap(options), 'stream'));
    const path = stringValue(propertyValue(options && getProperty(unwrap(options), 'path')));
    actions.push({ key, kind, stream: stream !== undefined && stream.getKind() === tsMorph().SyntaxKind.TrueKeyword, ...(path !== undefined && { path }) });
  }
  return actions;
}

/**
 * Where a value of the router (`healthController`, `features.health`) is declared: the file and the
 * exported name, following named and namespace imports and re-exports (`export { x } from`, `export *`).
 */
function resolveValue(
  tree: Tree,
  layout: ProjectLayout,
  source: SourceFile,
  file: string,
  value: AstNode | undefined,
  /** Resolve to a file that does not exist yet (`<specifier>.ts`), taking the imported name at its word. */
  lenient = false,
): { file: string; exportName: string } | undefined {
  const { Node } = tsMorph();
  const node = value && unwrap(value);
  if (!node) return undefined;
  if (Node.isPropertyAccessExpression(node) && Node.isIdentifier(node.getExpression())) {
    const namespace = node.getExpression().getText();
    for (const declaration of source.getImportDeclarations()) {
      if (declaration.getNamespaceImport()?.getText() !== namespace) continue;
      const target = resolveModule(tree, layout, file, declaration.getModuleSpecifierValue(), lenient);
      return target ? followExport(tree, layout, target, node.getName(), 0) : undefined;
    }
    return undefined;
  }
  if (!Node.isIdentifier(node)) return undefined;
  const local = node.getText();
  for (const declaration of source.getImportDeclarations()) {
    const specifier = declaration.getNamedImports().find((named) => (named.getAliasNode()?.getText() ?? named.getName()) === local);
    if (!specifier) continue;
    const target = resolveModule(tree, layout, file, declaration.getModuleSpecifierValue(), lenient);
    return target ? followExport(tree, layout, target, specifier.getName(), 0) : undefined;
  }
  return source.getVariableDeclaration(local) ? { file, exportName: local } : undefined;
}

function followExport(tree: Tree, layout: ProjectLayout, file: string, name: string, depth: number): { file: string; exportName: string } | undefined {
  if (depth > 5) return undefined;
  if (!tree.exists(file)) return { file, exportName: name };
  const source = parse(tree, file);
  if (source.getVariableDeclaration(name)) return { file, exportName: name };
  for (const declaration of source.getExportDeclarations()) {
    const specifier = declaration.getModuleSpecifierValue();
    if (!specifier) continue;
    const named = declaration.getNamedExports();
    const match = named.find((exported) => (exported.getAliasNode()?.getText() ?? exported.getName()) === name);
    if (named.length > 0 && !match) continue;
    const target = resolveModule(tree, layout, file, specifier);
    const found = target && followExport(tree, layout, target, match ? match.getName() : name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A relative or alias (`@/...`) specifier to the project file it names; undefined for packages. */
function resolveModule(tree: Tree, layout: ProjectLayout, fromFile: string, specifier: string, lenient = false): string | undefined {
  let base: string;
  if (specifier.startsWith('.')) base = posix.join(posix.dirname(fromFile), specifier);
  else if (layout.alias && specifier.startsWith(layout.alias.prefix)) base = posix.join(layout.alias.dir, specifier.slice(layout.alias.prefix.length));
  else return undefined;
  const stripped = base.replace(/\.(js|jsx|ts|tsx|mjs|mts)$/, '');
  const found = [`${stripped}.ts`, `${stripped}.tsx`, `${stripped}/index.ts`, `${stripped}/index.tsx`, base].find((candidate) => tree.exists(candidate));
  return found ?? (lenient ? `${stripped}.ts` : undefined);
}

function sameModule(a: string, b: string): boolean {
  const strip = (file: string) => posix.normalize(file).replace(/\.(js|jsx|ts|tsx)$/, '').replace(/\/index$/, '');
  return strip(a) === strip(b);
}

/** Refuses to import `name` into the router when the file already binds it to something else. */
function assertNameFree(source: SourceFile, file: string, name: string, specifier: string, tree: Tree, layout: ProjectLayout): void {
  const wanted = resolveModule(tree, layout, file, specifier);
  for (const declaration of source.getImportDeclarations()) {
    const binds =
      declaration.getNamedImports().some((named) => (named.getAliasNode()?.getText() ?? named.getName()) === name) ||
      declaration.getDefaultImport()?.getText() === name ||
      declaration.getNamespaceImport()?.getText() === name;
    if (!binds) continue;
    const from = declaration.getModuleSpecifierValue();
    const target = resolveModule(tree, layout, file, from);
    if (from === specifier || (target && wanted && sameModule(target, wanted))) continue;
    throw new GenerateError(`${file} already imports a "${name}" from '${from}'; rename one of them before registering this controller.`);
  }
  if (source.getVariableDeclaration(name) || source.getFunction(name) || source.getClass(name)) {
    throw new GenerateError(`${file} already declares "${name}"; rename it before registering this controller.`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Imports

function ensureImport(tree: Tree, file: string, from: string, name: string, typeOnly: boolean): void {
  const { Node } = tsMorph();
  const source = parse(tree, file);
  const declarations = source.getImportDeclarations().filter((declaration) => declaration.getModuleSpecifierValue() === from);
  // Already there: a type import covers a type-only request; a value import covers both.
  for (const declaration of declarations) {
    const named = declaration.getNamedImports().find((specifier) => (specifier.getAliasNode()?.getText() ?? specifier.getName()) === name);
    if (!named) continue;
    const isType = declaration.isTypeOnly() || named.isTypeOnly();
    if (typeOnly || !isType) return;
    // A value is needed where only the type was imported: `type X` → `X` (inside `import type`, split it out).
    if (named.isTypeOnly()) return write(tree, file, source, [[named.getStart(), named.getEnd(), named.getText().replace(/^type\s+/, '')]]);
    const others = declaration.getNamedImports().filter((specifier) => specifier !== named);
    if (others.length === 0) return write(tree, file, source, [[declaration.getStart(), declaration.getEnd(), declaration.getText().replace(/^import\s+type\s+/, 'import ')]]);
    const clause = declaration.getImportClause();
    const typeKeyword = clause?.getFirstChildByKind(tsMorph().SyntaxKind.TypeKeyword);
    const edits: [number, number, string][] = others.map((specifier) => [specifier.getStart(), specifier.getStart(), 'type ']);
    if (typeKeyword) edits.push([typeKeyword.getStart(), clause!.getNamedBindings()!.getStart(), '']);
    return write(tree, file, source, edits);
  }
  // A name the file already imports from another specifier (`../x` for `@/x`) is left alone: it
  // cannot be imported twice, and the caller asked for a binding of that name.
  const bound = source
    .getImportDeclarations()
    .some(
      (declaration) =>
        declaration.getNamedImports().some((specifier) => (specifier.getAliasNode()?.getText() ?? specifier.getName()) === name) ||
        declaration.getDefaultImport()?.getText() === name ||
        declaration.getNamespaceImport()?.getText() === name,
    );
  if (bound) return;
  // Merge into an import of the same module with named bindings (of the right kind).
  const target =
    declarations.find((declaration) => declaration.getNamedImports().length > 0 && declaration.isTypeOnly() === typeOnly) ??
    declarations.find((declaration) => declaration.getNamedImports().length > 0 && !declaration.isTypeOnly());
  if (target) {
    const bindings = target.getImportClause()!.getNamedBindings()!;
    if (Node.isNamedImports(bindings)) {
      const entry = typeOnly && !target.isTypeOnly() ? `type ${name}` : name;
      const items = bindings.getElements().map((element) => ({ start: element.getStart(), end: element.getEnd() }));
      tree.write(file, insertIntoList(source.getFullText(), bindings.getStart(), bindings.getEnd() - 1, items, entry, false));
      return;
    }
  }
  // A new import line after the last import (or at the top, after a header comment).
  const text = source.getFullText();
  const sample = source.getImportDeclarations()[0]?.getText();
  const quote = sample && /from\s+"/.test(sample) ? '"' : "'";
  const semicolon = sample ? sample.trimEnd().endsWith(';') : /;\s*$/m.test(text);
  const line = `import ${typeOnly ? 'type ' : ''}{ ${name} } from ${stringLiteral(from, quote)}${semicolon ? ';' : ''}`;
  const last = source.getImportDeclarations().at(-1);
  if (last) {
    tree.write(file, `${text.slice(0, last.getEnd())}\n${line}${text.slice(last.getEnd())}`);
    return;
  }
  const header = /^(\s*(\/\*[\s\S]*?\*\/|\/\/[^\n]*)[ \t]*\n)+\n/.exec(text);
  const at = header ? header[0].length : 0;
  tree.write(file, `${text.slice(0, at)}${line}\n${at < text.length ? '\n' : ''}${text.slice(at)}`);
}

/** Drops the import of `name` when no other identifier of the file refers to it (or `always`). */
function removeUnusedImport(tree: Tree, file: string, name: string, always = false): void {
  const { SyntaxKind } = tsMorph();
  const source = parse(tree, file);
  const uses = source.getDescendantsOfKind(SyntaxKind.Identifier).filter((identifier) => identifier.getText() === name && !identifier.getFirstAncestorByKind(SyntaxKind.ImportDeclaration));
  if (uses.length > 0 && !always) return;
  for (const declaration of source.getImportDeclarations()) {
    const named = declaration.getNamedImports();
    const specifier = named.find((element) => (element.getAliasNode()?.getText() ?? element.getName()) === name);
    if (!specifier) continue;
    if (named.length === 1 && !declaration.getDefaultImport()) {
      const text = source.getFullText();
      const end = text[declaration.getEnd()] === '\n' ? declaration.getEnd() + 1 : declaration.getEnd();
      return write(tree, file, source, [[declaration.getStart(), end, '']]);
    }
    const index = named.indexOf(specifier);
    const [start, end] = index < named.length - 1 ? [specifier.getStart(), named[index + 1].getStart()] : [named[index - 1].getEnd(), specifier.getEnd()];
    return write(tree, file, source, [[start, end, '']]);
  }
}

// ---------------------------------------------------------------------------------------------------
// Text helpers

function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : stringLiteral(key);
}

function entryText(key: string, value: string): string {
  return `${keyText(key)}: ${value}`;
}

/** Code compared the way a formatter would not change it: no white space, `;`, trailing commas; one quote style. */
export function sameCode(a: string, b: string): boolean {
  const normalize = (code: string) =>
    code
      .replace(/"/g, "'")
      .replace(/\s+/g, '')
      .replace(/;/g, '')
      .replace(/,([}\])])/g, '$1');
  return normalize(a) === normalize(b);
}

/**
 * `code` written with two-space indentation, its lines after the first moved to `indent` and converted
 * to the file's unit (tabs, four spaces).
 */
function reindent(code: string, indent: string, unit: string): string {
  return code
    .split('\n')
    .map((line, index) => {
      if (index === 0) return line;
      if (line.trim() === '') return '';
      const spaces = /^ */.exec(line)![0].length;
      return indent + unit.repeat(Math.floor(spaces / 2)) + ' '.repeat(spaces % 2) + line.slice(spaces);
    })
    .join('\n');
}

/** Position after white space and comments from `position`. */
function skipTrivia(text: string, position: number): number {
  let at = position;
  for (;;) {
    const match = /^(\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(text.slice(at, at + 10_000));
    if (!match) return at;
    at += match[0].length;
  }
}

/**
 * Inserts `entry` as the last item of a `{ ... }` list (object literal, named imports) whose braces
 * are at `open` and `close`. Keeps the list's layout: one item per line with the items' indentation
 * (and a blank line between items when the list has them), trailing comma when the list uses one,
 * comments after the last item left on their line; inline lists stay inline.
 */
function insertIntoList(text: string, open: number, close: number, items: { start: number; end: number }[], entry: string, multilineWhenEmpty: boolean): string {
  const unit = indentUnit(text);
  if (items.length === 0) {
    const inner = text.slice(open + 1, close);
    if (!multilineWhenEmpty && !inner.includes('\n')) return `${text.slice(0, open + 1)} ${entry} ${text.slice(close)}`;
    const base = indentationAt(text, open);
    const indent = base + unit;
    const comments = inner.trim() ? `\n${indent}${inner.trim()}` : '';
    return `${text.slice(0, open + 1)}${comments}\n${indent}${reindent(entry, indent, unit)},\n${base}${text.slice(close)}`;
  }
  const last = items[items.length - 1];
  const next = skipTrivia(text, last.end);
  const hasComma = text[next] === ',' && next < close;
  const multiline = text.slice(last.end, close).includes('\n');
  if (!multiline) {
    const at = hasComma ? next + 1 : last.end;
    return `${text.slice(0, at)}${hasComma ? ' ' : ', '}${entry}${hasComma ? ',' : ''}${text.slice(at)}`;
  }
  const indent = indentationAt(text, last.start);
  const blank = items.length >= 2 && /\n[ \t]*\n/.test(text.slice(items[items.length - 2].end, last.start));
  // After the comma, and after a comment that ends the line (`a: 1, // note`).
  let at = hasComma ? next + 1 : last.end;
  const restOfLine = /^[ \t]*(\/\/[^\n]*|\/\*[^\n]*?\*\/[ \t]*)?(?=\n)/.exec(text.slice(at));
  if (restOfLine) at += restOfLine[0].length;
  const inserted = `\n${blank ? '\n' : ''}${indent}${reindent(entry, indent, unit)}${hasComma ? ',' : ''}`;
  if (hasComma) return text.slice(0, at) + inserted + text.slice(at);
  return `${text.slice(0, last.end)},${text.slice(last.end, at)}${inserted}${text.slice(at)}`;
}

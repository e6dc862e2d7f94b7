/**
 * Adds the plugin's `recommended` preset to an ESLint flat config, by text insertions at positions the
 * TypeScript parser gives (the rest of the file is kept byte for byte). Edited shapes, where the
 * result is certain: `export default [...]`, `export default defineConfig(...)` (`defineConfig` from
 * `eslint/config`), `tseslint.config(...)` (typescript-eslint), the same through a top-level `const`
 * used nowhere else, and `module.exports = ...`, in any of ESLint's config file names (`.ts` too).
 * Anything else (a function, a mutated variable, another helper) could mean something this edit
 * cannot see, so the caller prints the exact lines to add instead.
 */
import type { ts as Ts } from 'ts-morph';
import { tsMorph } from '../analysis/morph.js';
import { indentUnit } from '../analysis/edits.js';
import { applyTextEdits, insertListItem, lineEnding, type ListSpan, type TextEdit } from './text-edits.js';

export const PLUGIN_MODULE = 'igniter-rt/eslint-plugin';
export const PRESET = 'recommended';
/** ESLint's own search order: the first one present is the config ESLint uses. */
export const FLAT_CONFIG_FILES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'] as const;
export const LEGACY_CONFIG_FILES = ['.eslintrc', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.yaml', '.eslintrc.yml', '.eslintrc.json'] as const;
const DEFINE_CONFIG_MODULES = new Set(['eslint/config', '@eslint/config-helpers']);
const TSESLINT_MODULE = 'typescript-eslint';
const BINDING_NAMES = ['igniterRt', 'igniterRtPlugin', 'igniterRtEslint'];

/** One thing the user has to do by hand: what to do, and the exact code. */
export interface ManualStep {
  say: string;
  code: string[];
}

export type ConfigEdit =
  | { status: 'added'; text: string; /** `igniterRt.configs.recommended` */ entry: string }
  | { status: 'present' }
  | { status: 'manual'; reason: string; steps: ManualStep[] };

type Module = 'esm' | 'cjs';

/** The config a project without one gets: ESM (`.js` under `"type": "module"`, else `.mjs`), an array that any ESLint 9 or 10 loads. */
export function newConfigText(): string {
  return [
    '// ESLint flat config, created by `igniter-rt init`.',
    `import igniterRt from '${PLUGIN_MODULE}';`,
    '',
    `export default [igniterRt.configs.${PRESET}];`,
    '',
  ].join('\n');
}

/** The file name for a new config: `eslint.config.js` when package.json says `"type": "module"`. */
export function newConfigFile(packageType: string | undefined): string {
  return packageType === 'module' ? 'eslint.config.js' : 'eslint.config.mjs';
}

/** Adds `igniterRt.configs.recommended` (and its import) to the config text, or says why it cannot. */
export function addRecommendedPreset(text: string, fileName: string): ConfigEdit {
  const { ts } = tsMorph();
  const scriptKind = /\.[mc]?ts$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind);
  const problem = (source as unknown as { parseDiagnostics?: Ts.Diagnostic[] }).parseDiagnostics?.[0];
  const module: Module = isCommonJs(ts, source, fileName) ? 'cjs' : 'esm';
  const existing = pluginBinding(ts, source);
  const binding = existing ?? { local: freeName(ts, source), access: '' };
  const entry = `${binding.local}${binding.access}.configs.${PRESET}`;
  const importLine = importStatement(module, binding.local, quoteOf(ts, source), true);
  const manual = (reason: string, where: string): ConfigEdit => ({
    status: 'manual',
    reason,
    steps: [...(existing ? [] : [{ say: 'Import the plugin:', code: [importLine] }]), { say: `Add this entry ${where}:`, code: [`${entry},`] }],
  });

  if (problem) {
    const { line } = source.getLineAndCharacterOfPosition(problem.start ?? 0);
    return manual(`it does not parse (line ${line + 1}: ${ts.flattenDiagnosticMessageText(problem.messageText, ' ')})`, 'to the config array it exports');
  }
  // Already set up: the plugin is imported and used (as a preset, or registered by hand with its own rules).
  if (existing && usesOutsideDeclaration(ts, source, existing.local)) return { status: 'present' };

  if (source.statements.some((statement) => ts.isFunctionDeclaration(statement) && isDefaultExport(ts, statement))) {
    return manual('it exports a function, which igniter-rt does not edit', 'to the config array the function returns');
  }
  const exported = exportedExpression(ts, source);
  if (!exported) return manual('it has no `export default` (or `module.exports =`) that igniter-rt can find', 'to the config array it exports');
  const target = configList(ts, source, exported.expression);
  if ('unsupported' in target) {
    return manual(`it exports ${target.unsupported}, which igniter-rt does not edit (it cannot be sure where the entry belongs)`, target.where);
  }

  const edits: TextEdit[] = insertListItem(text, target.list, insertionIndex(ts, target.elements), entry, { indentUnit: indentUnit(text) });
  if (!existing) edits.push(importEdit(ts, source, module, binding.local));
  return { status: 'added', text: applyTextEdits(text, edits), entry };
}

// ---------------------------------------------------------------------------------------------------

function isCommonJs(ts: typeof Ts, source: Ts.SourceFile, fileName: string): boolean {
  if (fileName.endsWith('.cjs') || fileName.endsWith('.cts')) return !source.statements.some((statement) => ts.isImportDeclaration(statement) || ts.isExportAssignment(statement));
  return source.statements.some((statement) => moduleExportsValue(ts, statement) !== undefined) && !source.statements.some((statement) => ts.isImportDeclaration(statement) || ts.isExportAssignment(statement));
}

/** `module.exports = <value>` → value. */
function moduleExportsValue(ts: typeof Ts, statement: Ts.Statement): Ts.Expression | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return undefined;
  const { left, operatorToken, right } = statement.expression;
  if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left)) return undefined;
  return ts.isIdentifier(left.expression) && left.expression.text === 'module' && left.name.text === 'exports' ? right : undefined;
}

/** `require('<module>')` → true. */
function isRequireOf(ts: typeof Ts, node: Ts.Node, modules: ReadonlySet<string>): boolean {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0]) &&
    modules.has(node.arguments[0].text)
  );
}

/** How the file refers to the plugin, if it imports it: `igniterRt`, or `ns` + `.default` for `import * as ns` / a bare `require`. */
function pluginBinding(ts: typeof Ts, source: Ts.SourceFile): { local: string; access: string } | undefined {
  const plugin = new Set([PLUGIN_MODULE]);
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === PLUGIN_MODULE) {
      const clause = statement.importClause;
      if (clause?.name) return { local: clause.name.text, access: '' };
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) return { local: bindings.name.text, access: '.default' };
      const named = bindings && ts.isNamedImports(bindings) ? bindings.elements.find((element) => (element.propertyName ?? element.name).text === 'default') : undefined;
      if (named) return { local: named.name.text, access: '' };
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!init || !ts.isIdentifier(declaration.name)) continue;
        if (isRequireOf(ts, init, plugin)) return { local: declaration.name.text, access: '.default' };
        if (ts.isPropertyAccessExpression(init) && init.name.text === 'default' && isRequireOf(ts, init.expression, plugin)) return { local: declaration.name.text, access: '' };
      }
    }
  }
  return undefined;
}

/** Whether `name` is referenced anywhere except where it is declared. */
function usesOutsideDeclaration(ts: typeof Ts, source: Ts.SourceFile, name: string): boolean {
  let found = false;
  const visit = (node: Ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name && !isDeclarationName(ts, node)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isDeclarationName(ts: typeof Ts, node: Ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ((ts.isVariableDeclaration(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportSpecifier(parent) || ts.isBindingElement(parent)) && parent.name === node) ||
    (ts.isImportSpecifier(parent) && parent.propertyName === node)
  );
}

/** A name for the plugin import that nothing in the file uses yet. */
function freeName(ts: typeof Ts, source: Ts.SourceFile): string {
  const used = new Set<string>();
  const visit = (node: Ts.Node): void => {
    if (ts.isIdentifier(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const name of BINDING_NAMES) if (!used.has(name)) return name;
  let suffix = 2;
  while (used.has(`igniterRt${suffix}`)) suffix += 1;
  return `igniterRt${suffix}`;
}

function exportedExpression(ts: typeof Ts, source: Ts.SourceFile): { expression: Ts.Expression } | undefined {
  for (const statement of source.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) return { expression: statement.expression };
    const value = moduleExportsValue(ts, statement);
    if (value) return { expression: value };
  }
  return undefined;
}

function isDefaultExport(ts: typeof Ts, statement: Ts.FunctionDeclaration): boolean {
  const modifiers = statement.modifiers ?? [];
  return modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) && modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
}

/** Parentheses, `as`, `satisfies`, `<T>` and `!` around an expression do not change what it is. */
function unwrapExpression(ts: typeof Ts, expression: Ts.Expression): Ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current) || ts.isNonNullExpression(current)) {
    current = current.expression;
  }
  return current;
}

type ConfigList = { list: ListSpan; elements: readonly Ts.Expression[] } | { unsupported: string; where: string };

/** The list the entry goes into: the exported array, or `defineConfig`'s array or arguments. */
function configList(ts: typeof Ts, source: Ts.SourceFile, exported: Ts.Expression, throughVariable = false): ConfigList {
  const expression = unwrapExpression(ts, exported);
  if (ts.isArrayLiteralExpression(expression)) return { list: span(source, expression, expression.elements), elements: expression.elements };
  if (ts.isCallExpression(expression)) {
    const callee = expression.expression.getText(source);
    // `defineConfig(...)` and typescript-eslint's `tseslint.config(...)` take configs (or arrays of them)
    // as arguments, in order: one more argument is one more config.
    if ((ts.isIdentifier(expression.expression) && defineConfigNames(ts, source).has(callee)) || isTsEslintConfig(ts, source, expression.expression)) {
      const args = expression.arguments;
      const only = args.length === 1 ? unwrapExpression(ts, args[0]) : undefined;
      if (only && ts.isArrayLiteralExpression(only)) return { list: span(source, only, only.elements), elements: only.elements };
      const open = expression.arguments.pos - 1;
      return { list: { open, close: expression.arguments.end, items: args.map((arg) => ({ start: arg.getStart(source), end: arg.getEnd() })) }, elements: args };
    }
    return { unsupported: `\`${callee}(...)\``, where: `as an argument of \`${callee}(...)\`` };
  }
  if (ts.isIdentifier(expression) && !throughVariable) {
    const declaration = constDeclaration(ts, source, expression.text);
    if (declaration?.initializer && referenceCount(ts, source, expression.text) === 1) {
      const inner = configList(ts, source, declaration.initializer, true);
      if (!('unsupported' in inner)) return inner;
    }
    return { unsupported: `the variable \`${expression.text}\``, where: `to the config array \`${expression.text}\` holds` };
  }
  if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) return { unsupported: 'a function', where: 'to the config array the function returns' };
  return { unsupported: `\`${truncate(expression.getText(source))}\``, where: 'to the config array it exports' };
}

function span(source: Ts.SourceFile, node: Ts.Node, elements: readonly Ts.Node[]): ListSpan {
  return { open: node.getStart(source), close: node.getEnd() - 1, items: elements.map((element) => ({ start: element.getStart(source), end: element.getEnd() })) };
}

/** `<ns>.config`, where `<ns>` is typescript-eslint (its default or namespace import, or a `require`). */
function isTsEslintConfig(ts: typeof Ts, source: Ts.SourceFile, callee: Ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'config' || !ts.isIdentifier(callee.expression)) return false;
  const name = callee.expression.text;
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === TSESLINT_MODULE) {
      const clause = statement.importClause;
      if (clause?.name?.text === name) return true;
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings) && clause.namedBindings.name.text === name) return true;
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || declaration.name.text !== name || !declaration.initializer) continue;
        const init = ts.isPropertyAccessExpression(declaration.initializer) && declaration.initializer.name.text === 'default' ? declaration.initializer.expression : declaration.initializer;
        if (isRequireOf(ts, init, new Set([TSESLINT_MODULE]))) return true;
      }
    }
  }
  return false;
}

/** Local names of `defineConfig` imported (or required) from `eslint/config` or `@eslint/config-helpers`. */
function defineConfigNames(ts: typeof Ts, source: Ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && DEFINE_CONFIG_MODULES.has(statement.moduleSpecifier.text)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === 'defineConfig') names.add(element.name.text);
      }
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!declaration.initializer || !isRequireOf(ts, declaration.initializer, DEFINE_CONFIG_MODULES) || !ts.isObjectBindingPattern(declaration.name)) continue;
        for (const element of declaration.name.elements) {
          const imported = element.propertyName ?? element.name;
          if (ts.isIdentifier(imported) && imported.text === 'defineConfig' && ts.isIdentifier(element.name)) names.add(element.name.text);
        }
      }
    }
  }
  return names;
}

/** A top-level `const name = ...`. */
function constDeclaration(ts: typeof Ts, source: Ts.SourceFile, name: string): Ts.VariableDeclaration | undefined {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    const found = statement.declarationList.declarations.find((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name);
    if (found) return found;
  }
  return undefined;
}

/** References to `name` besides its declarations (1 = only the export: nothing else can change the array). */
function referenceCount(ts: typeof Ts, source: Ts.SourceFile, name: string): number {
  let count = 0;
  const visit = (node: Ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && !isDeclarationName(ts, node)) count += 1;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return count;
}

/**
 * After the last shared config (an element that is not an object literal: `js.configs.recommended`,
 * `...tseslint.configs.recommended`), so that the file's own objects, which usually hold its overrides,
 * still come later and win. At the start when every element is an object literal.
 */
function insertionIndex(ts: typeof Ts, elements: readonly Ts.Expression[]): number {
  for (let index = elements.length - 1; index >= 0; index -= 1) {
    if (!ts.isObjectLiteralExpression(unwrapExpression(ts, elements[index]))) return index + 1;
  }
  return 0;
}

function quoteOf(ts: typeof Ts, source: Ts.SourceFile): string {
  let quote: string | undefined;
  const visit = (node: Ts.Node): void => {
    if (quote) return;
    if (ts.isStringLiteral(node)) quote = node.getText(source).startsWith('"') ? '"' : "'";
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return quote ?? "'";
}

function importStatement(module: Module, local: string, quote: string, semicolon: boolean): string {
  const specifier = `${quote}${PLUGIN_MODULE}${quote}`;
  // require(esm) returns the module namespace: the plugin is its default export.
  return module === 'esm' ? `import ${local} from ${specifier}${semicolon ? ';' : ''}` : `const ${local} = require(${specifier}).default${semicolon ? ';' : ''}`;
}

/** The import (or require) after the file's last one; else above the first statement and its comments. */
function importEdit(ts: typeof Ts, source: Ts.SourceFile, module: Module, local: string): TextEdit {
  const text = source.text;
  const eol = lineEnding(text);
  const quote = quoteOf(ts, source);
  const isImport = (statement: Ts.Statement) =>
    module === 'esm'
      ? ts.isImportDeclaration(statement)
      : ts.isVariableStatement(statement) && statement.declarationList.declarations.some((declaration) => declaration.initializer !== undefined && containsRequire(ts, declaration.initializer));
  const last = [...source.statements].reverse().find(isImport);
  if (last) {
    const semicolon = last.getText(source).trimEnd().endsWith(';');
    return { range: [last.getEnd(), last.getEnd()], text: `${eol}${importStatement(module, local, quote, semicolon)}` };
  }
  const statements = source.statements.filter((statement) => !isDirective(ts, statement));
  const directive = source.statements.find((statement) => isDirective(ts, statement));
  const first = statements[0];
  const semicolon = first ? first.getText(source).trimEnd().endsWith(';') : true;
  const line = importStatement(module, local, quote, semicolon);
  if (directive && (!first || directive.getEnd() <= first.getStart(source))) {
    return { range: [directive.getEnd(), directive.getEnd()], text: `${eol}${line}` };
  }
  if (!first) return { range: [text.length, text.length], text: `${text.length && !text.endsWith('\n') ? eol : ''}${line}${eol}` };
  const at = firstAttachedComment(ts, text, first);
  return { range: [at, at], text: `${line}${eol}${eol}` };
}

function containsRequire(ts: typeof Ts, node: Ts.Node): boolean {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') return true;
  return ts.forEachChild(node, (child) => (containsRequire(ts, child) ? true : undefined)) ?? false;
}

function isDirective(ts: typeof Ts, statement: Ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

/**
 * Where a statement's own comments begin: the comment block directly above it (no blank line between),
 * such as `/** @type {import('eslint').Linter.Config[]} *\/`. A file header separated by a blank line
 * stays above the new import.
 */
function firstAttachedComment(ts: typeof Ts, text: string, statement: Ts.Statement): number {
  const comments = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
  let at = statement.getStart(statement.getSourceFile());
  for (let index = comments.length - 1; index >= 0; index -= 1) {
    const between = text.slice(comments[index].end, at);
    if ((between.match(/\n/g) ?? []).length > 1) break;
    if (text.startsWith('#!', comments[index].pos)) break;
    at = comments[index].pos;
  }
  return at;
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
}

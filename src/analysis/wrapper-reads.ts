/**
 * What ts-morph's wrappers read, read on TypeScript's own nodes: the analyses that hand their results on
 * as data (the project index's facts, cached on disk) give the same values without wrapping a node.
 */
import type { TsMorph } from './morph.js';
import { fastTs, unwrapCompilerNode } from './syntax.js';

type CompilerNode = TsMorph.ts.Node;
type SourceFile = TsMorph.ts.SourceFile;

/**
 * The text ts-morph's `getText()` gives for a node: an identifier's (or private name's) `text`, escapes
 * resolved (`\u0073ub` reads `sub`); any other node's source text, from its start without trivia or JSDoc.
 */
export function morphText(node: TsMorph.ts.Node, sourceFile: TsMorph.ts.SourceFile = node.getSourceFile()): string {
  const { Identifier, PrivateIdentifier } = fastTs().SyntaxKind;
  return node.kind === Identifier || node.kind === PrivateIdentifier ? (node as TsMorph.ts.Identifier).text : node.getText(sourceFile);
}

/** A `const name = value` of a variable statement: an identifier's name (as ts-morph reads it) and the value unwrapped. */
export interface NamedValue {
  declaration: TsMorph.ts.VariableDeclaration;
  name: string;
  value: CompilerNode;
}

/** The declarations of `statement` that bind an identifier to a value (`const a = x`, not `let a;` or `const { a } = x`). */
export function namedValues(statement: TsMorph.ts.VariableStatement, sourceFile: SourceFile): NamedValue[] {
  const { isIdentifier } = fastTs();
  const found: NamedValue[] = [];
  for (const declaration of statement.declarationList.declarations) {
    if (!isIdentifier(declaration.name) || !declaration.initializer) continue;
    found.push({ declaration, name: morphText(declaration.name, sourceFile), value: unwrapCompilerNode(declaration.initializer) });
  }
  return found;
}

/**
 * A numeric literal's value as ts-morph's getLiteralValue reads it from the (normalized) `text`: `parseFloat`
 * when it holds a `.`, else `parseInt(text, 10)` (so `1e21`, whose text is `1e+21`, reads as 1).
 */
export function numericLiteralValue(literal: TsMorph.ts.NumericLiteral): number {
  const text = literal.text;
  return text.includes('.') ? parseFloat(text) : parseInt(text, 10);
}

/**
 * An import or export specifier's `getName()` (the name imported or exported, before `as`): a string
 * literal's value or an identifier's `text`, which is each node's `text`.
 */
export function specifierName(specifier: TsMorph.ts.ImportSpecifier | TsMorph.ts.ExportSpecifier): string {
  return (specifier.propertyName ?? specifier.name).text;
}

const newlines = new WeakMap<SourceFile, number[]>();

/**
 * A wrapper's `getStartLineNumber()`: 1 + the `\n`s before the node's start (without JSDoc). ts-morph finds
 * the start of the node's line (after the last `\n` or `\r`) and counts the `\n`s before it, which is the
 * same count, as no `\n` lies between the two. (TypeScript's own line map also breaks at a lone `\r`,
 * U+2028 and U+2029, so it is not used.) The `\n` positions of a file are found once: a line costs a
 * binary search, not a scan of the text before it.
 */
export function compilerStartLine(node: CompilerNode, sourceFile: SourceFile): number {
  const position = node.getStart(sourceFile);
  let positions = newlines.get(sourceFile);
  if (!positions) {
    const text = sourceFile.text;
    positions = [];
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) positions.push(at);
    newlines.set(sourceFile, positions);
  }
  // The number of newlines before `position`: the index of the first one at or after it.
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (positions[middle]! < position) low = middle + 1;
    else high = middle;
  }
  return low + 1;
}

/** ts-morph's `Node.isStatement`: its list of statement kinds (a `Block` and a `ModuleBlock` count, a `case` does not). */
export function isStatementKind(kind: number): boolean {
  if (!statementKinds) {
    const { SyntaxKind } = fastTs();
    statementKinds = new Set([
      SyntaxKind.Block,
      SyntaxKind.BreakStatement,
      SyntaxKind.ClassDeclaration,
      SyntaxKind.ContinueStatement,
      SyntaxKind.DebuggerStatement,
      SyntaxKind.DoStatement,
      SyntaxKind.EmptyStatement,
      SyntaxKind.EnumDeclaration,
      SyntaxKind.ExportAssignment,
      SyntaxKind.ExportDeclaration,
      SyntaxKind.ExpressionStatement,
      SyntaxKind.ForInStatement,
      SyntaxKind.ForOfStatement,
      SyntaxKind.ForStatement,
      SyntaxKind.FunctionDeclaration,
      SyntaxKind.IfStatement,
      SyntaxKind.ImportDeclaration,
      SyntaxKind.ImportEqualsDeclaration,
      SyntaxKind.InterfaceDeclaration,
      SyntaxKind.LabeledStatement,
      SyntaxKind.ModuleBlock,
      SyntaxKind.ModuleDeclaration,
      SyntaxKind.NotEmittedStatement,
      SyntaxKind.ReturnStatement,
      SyntaxKind.SwitchStatement,
      SyntaxKind.ThrowStatement,
      SyntaxKind.TryStatement,
      SyntaxKind.TypeAliasDeclaration,
      SyntaxKind.VariableStatement,
      SyntaxKind.WhileStatement,
      SyntaxKind.WithStatement,
    ]);
  }
  return statementKinds.has(kind);
}

let statementKinds: ReadonlySet<number> | undefined;

/** Whether a node has a modifier of `kind` (ts-morph's `hasExportKeyword`, `hasDefaultKeyword`, `isAbstract` on a declaration). */
export function hasModifierKind(node: CompilerNode, kind: number): boolean {
  const modifiers = (node as { modifiers?: readonly CompilerNode[] }).modifiers;
  return modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}

/**
 * ts-morph's ClassDeclaration#getMethods: the class's method declarations, without overload signatures
 * (a method with no body that is not abstract), unless the class is ambient (`declare class`, or any class of a
 * declaration file), where every one counts.
 */
export function classMethods(declaration: TsMorph.ts.ClassDeclaration, sourceFile: SourceFile): TsMorph.ts.MethodDeclaration[] {
  const { SyntaxKind } = fastTs();
  const ambient = sourceFile.isDeclarationFile || hasModifierKind(declaration, SyntaxKind.DeclareKeyword);
  const methods: TsMorph.ts.MethodDeclaration[] = [];
  for (const member of declaration.members) {
    if (member.kind !== SyntaxKind.MethodDeclaration) continue;
    const method = member as TsMorph.ts.MethodDeclaration;
    if (ambient || method.body || hasModifierKind(method, SyntaxKind.AbstractKeyword)) methods.push(method);
  }
  return methods;
}

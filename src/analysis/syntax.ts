/** Small syntax helpers over TypeScript's own nodes (and a few over ts-morph wrappers), shared by the analysis modules. */
import { analysisTypeScript, tsMorph, type AstNode, type CompilerFunction, type TsMorph } from './morph.js';

/**
 * The TypeScript functions the analysis calls on every node, read once into a plain object. TypeScript's
 * namespace object has ~2,250 properties, so V8 keeps it in dictionary mode: each `ts.isX(node)` on it is
 * a hash lookup, which in a walk over every node cost 3-4 times the walk itself (a measured 19 ms against
 * 5 ms over the benchmark app's handlers). The object is the same for the whole process.
 */
export function fastTs(): FastTs {
  return (fastTsCache ??= pickFastTs(analysisTypeScript()));
}

let fastTsCache: FastTs | undefined;

function pickFastTs(ts: typeof TsMorph.ts) {
  return {
    SyntaxKind: ts.SyntaxKind,
    forEachChild: ts.forEachChild,
    getLeadingCommentRanges: ts.getLeadingCommentRanges,
    isArrayLiteralExpression: ts.isArrayLiteralExpression,
    isArrowFunction: ts.isArrowFunction,
    isAsExpression: ts.isAsExpression,
    isAwaitExpression: ts.isAwaitExpression,
    isBinaryExpression: ts.isBinaryExpression,
    isBindingElement: ts.isBindingElement,
    isBlock: ts.isBlock,
    isBreakStatement: ts.isBreakStatement,
    isCaseClause: ts.isCaseClause,
    isContinueStatement: ts.isContinueStatement,
    isDefaultClause: ts.isDefaultClause,
    isDoStatement: ts.isDoStatement,
    isForInStatement: ts.isForInStatement,
    isForOfStatement: ts.isForOfStatement,
    isForStatement: ts.isForStatement,
    isLabeledStatement: ts.isLabeledStatement,
    isSwitchStatement: ts.isSwitchStatement,
    isThrowStatement: ts.isThrowStatement,
    isWhileStatement: ts.isWhileStatement,
    isCallExpression: ts.isCallExpression,
    isClassDeclaration: ts.isClassDeclaration,
    isClassExpression: ts.isClassExpression,
    isComputedPropertyName: ts.isComputedPropertyName,
    isConditionalExpression: ts.isConditionalExpression,
    isElementAccessExpression: ts.isElementAccessExpression,
    isFunctionDeclaration: ts.isFunctionDeclaration,
    isFunctionExpression: ts.isFunctionExpression,
    isGetAccessorDeclaration: ts.isGetAccessorDeclaration,
    isIdentifier: ts.isIdentifier,
    isMethodDeclaration: ts.isMethodDeclaration,
    isNewExpression: ts.isNewExpression,
    isNoSubstitutionTemplateLiteral: ts.isNoSubstitutionTemplateLiteral,
    isNonNullExpression: ts.isNonNullExpression,
    isNumericLiteral: ts.isNumericLiteral,
    isObjectBindingPattern: ts.isObjectBindingPattern,
    isObjectLiteralExpression: ts.isObjectLiteralExpression,
    isParameter: ts.isParameter,
    isParenthesizedExpression: ts.isParenthesizedExpression,
    isPrivateIdentifier: ts.isPrivateIdentifier,
    isPropertyAccessExpression: ts.isPropertyAccessExpression,
    isPropertyAssignment: ts.isPropertyAssignment,
    isReturnStatement: ts.isReturnStatement,
    isSatisfiesExpression: ts.isSatisfiesExpression,
    isShorthandPropertyAssignment: ts.isShorthandPropertyAssignment,
    isSpreadAssignment: ts.isSpreadAssignment,
    isStringLiteral: ts.isStringLiteral,
    isStringLiteralLike: ts.isStringLiteralLike,
    isTypeAssertionExpression: ts.isTypeAssertionExpression,
    isVariableDeclaration: ts.isVariableDeclaration,
    isVoidExpression: ts.isVoidExpression,
    isArrayBindingPattern: ts.isArrayBindingPattern,
    isCatchClause: ts.isCatchClause,
    isDeleteExpression: ts.isDeleteExpression,
    isExportDeclaration: ts.isExportDeclaration,
    isExpressionStatement: ts.isExpressionStatement,
    isIfStatement: ts.isIfStatement,
    isImportDeclaration: ts.isImportDeclaration,
    isImportSpecifier: ts.isImportSpecifier,
    isNamedImports: ts.isNamedImports,
    isPostfixUnaryExpression: ts.isPostfixUnaryExpression,
    isPrefixUnaryExpression: ts.isPrefixUnaryExpression,
    isPropertyDeclaration: ts.isPropertyDeclaration,
    isSourceFile: ts.isSourceFile,
    isSpreadElement: ts.isSpreadElement,
    isTaggedTemplateExpression: ts.isTaggedTemplateExpression,
    isTemplateExpression: ts.isTemplateExpression,
    isTryStatement: ts.isTryStatement,
    isTypeOfExpression: ts.isTypeOfExpression,
    isVariableDeclarationList: ts.isVariableDeclarationList,
    isVariableStatement: ts.isVariableStatement,
    isYieldExpression: ts.isYieldExpression,
    isClassLike: ts.isClassLike,
    isFunctionLike: ts.isFunctionLike,
    isEnumDeclaration: ts.isEnumDeclaration,
    isModuleDeclaration: ts.isModuleDeclaration,
    isExportAssignment: ts.isExportAssignment,
    getLineAndCharacterOfPosition: ts.getLineAndCharacterOfPosition,
  };
}

export type FastTs = ReturnType<typeof pickFastTs>;

/** Strips parentheses, `await`, `as`, `satisfies`, `!` and type assertions. */
export function unwrap(node: AstNode): AstNode {
  const inner = unwrapCompilerNode(node.compilerNode);
  return inner === node.compilerNode ? node : wrapCompilerNode(node, inner);
}

/** `unwrap` on a compiler node, for a look before anything is wrapped. */
export function unwrapCompilerNode(node: TsMorph.ts.Node): TsMorph.ts.Node {
  const strip = (strippedKinds ??= kinds('ParenthesizedExpression', 'AwaitExpression', 'AsExpression', 'SatisfiesExpression', 'NonNullExpression', 'TypeAssertionExpression'));
  let current = node;
  // Each of these kinds has the expression it wraps in `expression`.
  while (strip.has(current.kind)) current = (current as TsMorph.ts.ParenthesizedExpression).expression;
  return current;
}

/** The kinds `unwrapCompilerNode` strips, read once (it runs on most nodes the analysis looks at). */
let strippedKinds: ReadonlySet<number> | undefined;

/** The value of a string literal or a template literal without substitutions. */
export function stringValue(node: AstNode | undefined): string | undefined {
  return node ? compilerStringValue(node.compilerNode) : undefined;
}

/** `stringValue` on a compiler node (ts-morph's `getLiteralValue` of these literals is the compiler node's `text`). */
export function compilerStringValue(node: TsMorph.ts.Node): string | undefined {
  const ts = fastTs();
  const inner = unwrapCompilerNode(node);
  return ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) ? inner.text : undefined;
}

/**
 * The module an import or export declaration names. Undefined when it names none, or names it by
 * something other than a string, as half-typed code does (ts-morph's getModuleSpecifierValue throws then).
 */
export function moduleSpecifier(declaration: TsMorph.ts.ImportDeclaration | TsMorph.ts.ExportDeclaration): string | undefined {
  const specifier = declaration.moduleSpecifier;
  return specifier && fastTs().isStringLiteral(specifier) ? specifier.text : undefined;
}

/** The static name of a property, method or shorthand (identifier, string or numeric literal). */
export function propertyName(node: AstNode): string | undefined {
  return compilerPropertyName(node.compilerNode);
}

/**
 * `propertyName` on a compiler node: ts-morph reads an identifier's `getText` and a literal's
 * `getLiteralText` from the compiler node's `text` (escapes resolved), so the names are the same.
 */
export function compilerPropertyName(node: TsMorph.ts.Node): string | undefined {
  const ts = fastTs();
  if (!ts.isPropertyAssignment(node) && !ts.isShorthandPropertyAssignment(node) && !ts.isMethodDeclaration(node) && !ts.isGetAccessorDeclaration(node)) {
    return undefined;
  }
  const name = node.name;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return compilerStringValue(name.expression);
  return undefined;
}

/** The property `name` of an object literal (last one wins, as at runtime). */
export function getProperty(object: AstNode, name: string): AstNode | undefined {
  const { Node } = tsMorph();
  if (!Node.isObjectLiteralExpression(object)) return undefined;
  // Read on compiler nodes: only the property found is wrapped.
  const property = compilerGetProperty(object.compilerNode, name);
  return property && wrapCompilerNode(object, property);
}

/** `getProperty` on a compiler node. */
export function compilerGetProperty(object: TsMorph.ts.ObjectLiteralExpression, name: string): TsMorph.ts.ObjectLiteralElementLike | undefined {
  const properties = object.properties;
  for (let index = properties.length - 1; index >= 0; index--) {
    if (compilerPropertyName(properties[index]!) === name) return properties[index];
  }
  return undefined;
}

/** The value expression of a property (`a: value`), the identifier of a shorthand, or the method itself. */
export function propertyValue(property: AstNode | undefined): AstNode | undefined {
  if (!property) return undefined;
  const value = compilerValueOf(property.compilerNode);
  return value && wrapCompilerNode(property, value);
}

/** `propertyValue(getProperty(object, name))` on compiler nodes, wrapping nothing. */
export function compilerPropertyValue(object: TsMorph.ts.ObjectLiteralExpression, name: string): TsMorph.ts.Node | undefined {
  const property = compilerGetProperty(object, name);
  return property && compilerValueOf(property);
}

/** `propertyValue` on a compiler node: the value of `a: value`, the identifier of a shorthand, or the method itself. */
export function compilerValueOf(property: TsMorph.ts.Node): TsMorph.ts.Node | undefined {
  const ts = fastTs();
  if (ts.isPropertyAssignment(property)) return property.initializer;
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  if (ts.isMethodDeclaration(property)) return property;
  return undefined;
}

/** `isFunctionLike` on a compiler node. */
export function isCompilerFunctionLike(node: TsMorph.ts.Node): boolean {
  const ts = fastTs();
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node);
}

/**
 * `calleeProperty` on a compiler node: the object and name of a property access or string-keyed
 * element access callee (through parentheses, `!`, `as`). ts-morph reads an identifier's `getText` and a
 * literal's value from the compiler node's `text`, so the names are the same, escapes resolved.
 */
export function compilerCallee(call: TsMorph.ts.CallExpression): { object: TsMorph.ts.Expression; name: string } | undefined {
  const ts = fastTs();
  const callee = unwrapCompilerNode(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return { object: callee.expression, name: callee.name.text };
  if (ts.isElementAccessExpression(callee)) {
    const name = compilerStringValue(callee.argumentExpression);
    if (name !== undefined) return { object: callee.expression, name };
  }
  return undefined;
}

/** `calleeProperty(call)?.name` read on a compiler node, for a look before the call is wrapped. */
export function compilerCalleeProperty(call: TsMorph.ts.CallExpression): string | undefined {
  return compilerCallee(call)?.name;
}

/**
 * Visits the descendants of `root` (not `root` itself) in source order, each before its own descendants;
 * with `kinds`, only the nodes of those kinds, the others traversed. `visit` returning false skips the
 * node's descendants.
 */
export function compilerWalk(root: TsMorph.ts.Node, visit: (node: TsMorph.ts.Node) => boolean | void, kinds?: ReadonlySet<number>): void {
  const { forEachChild } = fastTs();
  const recurse = (node: TsMorph.ts.Node): undefined => {
    if ((kinds && !kinds.has(node.kind)) || visit(node) !== false) forEachChild(node, recurse);
    return undefined;
  };
  forEachChild(root, recurse);
}

/**
 * The inverse of `unwrapCompilerNode`: climbs from an expression through the parentheses, `as`,
 * `satisfies`, `!`, `<T>` (and, unless `throughAwait` is false, `await`) around it to the outermost one,
 * the node its context sees.
 */
export function compilerUnwrapUp(node: TsMorph.ts.Node, options: { throughAwait?: boolean } = {}): TsMorph.ts.Node {
  const { ParenthesizedExpression, AwaitExpression, AsExpression, SatisfiesExpression, NonNullExpression, TypeAssertionExpression } = fastTs().SyntaxKind;
  const throughAwait = options.throughAwait ?? true;
  let current = node;
  for (let parent = current.parent; parent; parent = current.parent) {
    const kind = parent.kind;
    const wraps =
      kind === ParenthesizedExpression ||
      (throughAwait && kind === AwaitExpression) ||
      kind === AsExpression ||
      kind === SatisfiesExpression ||
      kind === NonNullExpression ||
      kind === TypeAssertionExpression;
    if (!wraps) break;
    current = parent;
  }
  return current;
}

/** The nearest enclosing function-like node (not counting `node` itself). */
export function compilerEnclosingFunction(node: TsMorph.ts.Node): CompilerFunction | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isCompilerFunctionLike(current)) return current as CompilerFunction;
  }
  return undefined;
}

/** `contains` on compiler nodes (ts-morph's getStart/getEnd are the compiler node's, without JSDoc). */
export function compilerContains(outer: TsMorph.ts.Node, inner: TsMorph.ts.Node): boolean {
  const sourceFile = outer.getSourceFile();
  return inner.getSourceFile() === sourceFile && inner.getStart(sourceFile) >= outer.getStart(sourceFile) && inner.end <= outer.end;
}

/**
 * Every descendant of `root` of syntax kind `kind`, as compiler nodes in the order `walk` visits them:
 * one plain traversal that wraps nothing, for a file model to share between the scans that look at the
 * same kind of node (every call of a file, say).
 */
export function compilerDescendantsOfKind<T extends TsMorph.ts.Node>(root: TsMorph.ts.Node, kind: number): T[] {
  const { forEachChild } = fastTs();
  const found: T[] = [];
  const recurse = (node: TsMorph.ts.Node): undefined => {
    if (node.kind === kind) found.push(node as T);
    forEachChild(node, recurse);
    return undefined;
  };
  forEachChild(root, recurse);
  return found;
}

/**
 * The `return` statements of a function body that belong to the function itself, in source order: the
 * walk stops at nested functions (`isFunctionLike`'s kinds) and classes, and, unless `intoReturns`, at
 * each `return` (whose expression may hold an object's getter with returns of its own). On compiler
 * nodes, wrapping nothing.
 */
export function compilerOwnReturns(body: TsMorph.ts.Node, options: { intoReturns: boolean }): TsMorph.ts.ReturnStatement[] {
  const { forEachChild, SyntaxKind } = fastTs();
  const { ArrowFunction, FunctionExpression, MethodDeclaration, FunctionDeclaration, ClassDeclaration, ClassExpression, ReturnStatement } = SyntaxKind;
  const intoReturns = options.intoReturns;
  const returns: TsMorph.ts.ReturnStatement[] = [];
  // The kind is read once per node: a `ts.isX` per kind reads it again on nodes of every shape (slow in V8).
  const recurse = (node: TsMorph.ts.Node): undefined => {
    const kind = node.kind;
    if (kind === ArrowFunction || kind === FunctionExpression || kind === MethodDeclaration || kind === FunctionDeclaration) return undefined;
    if (kind === ClassDeclaration || kind === ClassExpression) return undefined;
    if (kind === ReturnStatement) {
      returns.push(node as TsMorph.ts.ReturnStatement);
      if (!intoReturns) return undefined;
    }
    forEachChild(node, recurse);
    return undefined;
  };
  forEachChild(body, recurse);
  return returns;
}

/** The ts-morph wrapper of a compiler node of the same file as `sibling` (created on first request). */
export function wrapCompilerNode(sibling: AstNode, compilerNode: TsMorph.ts.Node): AstNode {
  // ts-morph's own accessor; public API offers it only per child, which would wrap every node on the way.
  return (sibling as unknown as { _getNodeFromCompilerNode(node: TsMorph.ts.Node): AstNode })._getNodeFromCompilerNode(compilerNode);
}

const kindSets = new Map<string, ReadonlySet<number>>();

/** A cached set of syntax kinds by name, for `walk(root, visit, kinds('CallExpression'))`. */
export function kinds(...names: (keyof typeof TsMorph.SyntaxKind)[]): ReadonlySet<number> {
  const key = names.join(',');
  let set = kindSets.get(key);
  if (!set) {
    const { SyntaxKind } = analysisTypeScript();
    set = new Set(names.map((name) => SyntaxKind[name] as number));
    kindSets.set(key, set);
  }
  return set;
}

/** The function-like kinds `isFunctionLike` accepts, for walks that stop at nested functions. */
export const FUNCTION_KINDS = ['ArrowFunction', 'FunctionExpression', 'MethodDeclaration', 'FunctionDeclaration'] as const;

/** `leadingJsDocText` on a compiler node. */
export function compilerLeadingJsDocText(compilerNode: TsMorph.ts.Node): string {
  const ts = fastTs();
  const kind = compilerNode.kind;
  if (kind === ts.SyntaxKind.SourceFile) return '';
  const text = compilerNode.getSourceFile().text;
  let ranges = ts.getLeadingCommentRanges(text, compilerNode.pos) ?? [];
  // ts-morph's comment nodes own only the comments before them.
  if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) ranges = ranges.filter((range) => range.pos < compilerNode.pos);
  return ranges
    .map((range) => text.slice(range.pos, range.end))
    .filter((comment) => comment.startsWith('/**'))
    .join('\n');
}

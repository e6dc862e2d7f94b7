/**
 * What the names in a handler stand for. A handler receives one context object
 * (`{ request, response, context, realtime, ... }`) and may destructure it in any style:
 * `({ response })`, `({ response: res })`, `(ctx) => ctx.response`, `const { response } = ctx`,
 * nested patterns (`({ context: { store } })`). Every expression is mapped to its path inside that
 * object (`res` → `response`, `ctx.request.raw` → `request.raw`), so checks ask for paths, not names.
 */
import type { AstNode, CompilerFunction, TsMorph } from './morph.js';
import { compilerStringValue, fastTs, unwrapCompilerNode } from './syntax.js';

export interface Bindings {
  /** Path of `expression` inside the handler context, or undefined when it is not derived from it. */
  pathOf(expression: AstNode): string | undefined;
  /** `pathOf` on a compiler node, for a look before anything is wrapped. */
  compilerPathOf(expression: TsMorph.ts.Node): string | undefined;
  /** Source text that reaches `path` in this scope (`res`, `ctx.response`), when one exists. */
  textFor(path: string): string | undefined;
  /** Whether the handler has any binding for `path` or for the whole context. */
  has(path: string): boolean;
}

/** Bindings of a handler function, from its first parameter and destructurings in its body. */
export class HandlerBindings implements Bindings {
  private readonly paths = new Map<string, string>();
  /** For a `...rest` name: the keys destructured beside it, which `rest` does not hold. */
  private readonly restExcludes = new Map<string, Set<string>>();

  /** `contextParameter`: which parameter is the context object (a procedure's handler takes `(options, ctx)`). */
  constructor(
    handler: CompilerFunction,
    readonly contextParameter = 0,
  ) {
    const parameter = handler.parameters[contextParameter];
    if (parameter) this.bindPattern(parameter.name, '');
    const body = handler.body;
    if (body) this.collectBodyBindings(body);
  }

  pathOf(expression: AstNode): string | undefined {
    return this.compilerPathOf(expression.compilerNode);
  }

  // Names are read as ts-morph reads them: an identifier's (and a property name's) `getText` and a
  // string literal's value are the compiler node's `text`. Nothing is wrapped.
  compilerPathOf(expression: TsMorph.ts.Node): string | undefined {
    const ts = fastTs();
    const node = unwrapCompilerNode(expression);
    if (ts.isIdentifier(node)) return this.paths.get(node.text);
    if (ts.isPropertyAccessExpression(node)) return join(this.compilerPathOf(node.expression), node.name.text);
    if (ts.isElementAccessExpression(node)) {
      const key = compilerStringValue(node.argumentExpression);
      return key === undefined ? undefined : join(this.compilerPathOf(node.expression), key);
    }
    return undefined;
  }

  textFor(path: string): string | undefined {
    let best: string | undefined;
    for (const [name, bound] of this.paths) {
      if (bound === path) return name;
      if (bound === '' || path.startsWith(`${bound}.`)) {
        const rest = bound === '' ? path : path.slice(bound.length + 1);
        if (this.restExcludes.get(name)?.has(rest.split('.')[0])) continue;
        const candidate = `${name}.${rest}`;
        if (!best || candidate.length < best.length) best = candidate;
      }
    }
    return best;
  }

  has(path: string): boolean {
    return this.textFor(path) !== undefined;
  }

  /** Name of the whole-context parameter when the handler takes `(ctx) => ...`. */
  contextParameterName(): string | undefined {
    for (const [name, bound] of this.paths) if (bound === '') return name;
    return undefined;
  }

  private bindPattern(pattern: TsMorph.ts.BindingName, path: string): void {
    const ts = fastTs();
    if (ts.isIdentifier(pattern)) {
      this.paths.set(pattern.text, path);
      return;
    }
    if (!ts.isObjectBindingPattern(pattern)) return;
    for (const element of pattern.elements) {
      // `...rest` holds the remaining properties of the same object: `rest.realtime` is `realtime`.
      if (element.dotDotDotToken) {
        this.bindPattern(element.name, path);
        const excluded = new Set<string>();
        for (const other of pattern.elements) {
          const key = other.dotDotDotToken ? undefined : other.propertyName ? staticKey(other.propertyName) : nameText(other.name);
          if (key !== undefined) excluded.add(key);
        }
        this.restExcludes.set(nameText(element.name), excluded);
        continue;
      }
      const key = element.propertyName ? staticKey(element.propertyName) : nameText(element.name);
      if (key === undefined) continue;
      this.bindPattern(element.name, join(path, key) ?? key);
    }
  }

  private collectBodyBindings(body: TsMorph.ts.Node): void {
    const { forEachChild, SyntaxKind } = fastTs();
    const variableDeclaration = SyntaxKind.VariableDeclaration;
    // On compiler nodes: `pathOf` and `bindPattern` read nothing a wrapper would add.
    const recurse = (node: TsMorph.ts.Node): undefined => {
      if (node.kind === variableDeclaration) {
        const { name, initializer } = node as TsMorph.ts.VariableDeclaration;
        const source = initializer ? this.compilerPathOf(initializer) : undefined;
        if (source !== undefined) this.bindPattern(name, source);
      }
      forEachChild(node, recurse);
      return undefined;
    };
    forEachChild(body, recurse);
  }
}

/** Outside any handler, names are taken at their word: `response`, `realtime`, `request`, `context`. */
export class NameBindings implements Bindings {
  private static readonly roots = new Set(['response', 'realtime', 'request', 'context']);

  pathOf(expression: AstNode): string | undefined {
    return this.compilerPathOf(expression.compilerNode);
  }

  compilerPathOf(expression: TsMorph.ts.Node): string | undefined {
    const ts = fastTs();
    const node = unwrapCompilerNode(expression);
    if (ts.isIdentifier(node)) return NameBindings.roots.has(node.text) ? node.text : undefined;
    if (ts.isPropertyAccessExpression(node)) return join(this.compilerPathOf(node.expression), node.name.text);
    return undefined;
  }

  textFor(path: string): string | undefined {
    return path;
  }

  has(): boolean {
    return false;
  }
}

function join(base: string | undefined, key: string): string | undefined {
  if (base === undefined) return undefined;
  return base === '' ? key : `${base}.${key}`;
}

/** The key a property name gives (what ts-morph's `getText`/`getLiteralText` read), undefined when not static. */
function staticKey(node: TsMorph.ts.PropertyName): string | undefined {
  const ts = fastTs();
  if (ts.isIdentifier(node) || ts.isStringLiteral(node) || ts.isNumericLiteral(node)) return node.text;
  if (ts.isComputedPropertyName(node)) {
    const expression = unwrapCompilerNode(node.expression);
    return ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression) ? expression.text : undefined;
  }
  return undefined;
}

/** A binding name as ts-morph's `getText` reads it: an identifier's text, else the pattern's source. */
function nameText(name: TsMorph.ts.BindingName): string {
  return fastTs().isIdentifier(name) ? name.text : name.getText();
}

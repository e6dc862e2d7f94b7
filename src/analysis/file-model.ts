/**
 * One file as the rules see it: TypeScript's source file (its ts-morph wrapper made on first request)
 * plus the Igniter facts found in it, each computed once on first use and shared by every rule that
 * runs on the file.
 */
import type { AstNode, TsMorph, CallNode, CompilerFunction } from './morph.js';
import { findIgniterDeclarations, type Action, type Controller, type IgniterDeclarations } from './actions.js';
import { NameBindings, type Bindings } from './bindings.js';
import { analyzeCleanup, type CleanupAnalysis } from './cleanup.js';
import { isCompilerLivePublish, readRevalidation, type Revalidation } from './realtime-api.js';
import type { IgniterSettings } from './settings.js';
import type { ProjectFacts } from './project-facts.js';
import { compilerDescendantsOfKind, fastTs } from './syntax.js';
import { SyntaxFile } from './syntax-file.js';

/** A call found in the file, with the action whose handler contains it (if any). */
export interface Located<T> {
  value: T;
  action?: Action;
  bindings: Bindings;
}

/** A live publish call: the compiler node, and its wrapper made on first use. */
export interface LocatedCall extends Located<CallNode> {
  readonly value: CallNode;
  compilerValue: TsMorph.ts.CallExpression;
}

const outsideHandlers = new NameBindings();

export class FileModel {
  private declarationsCache?: IgniterDeclarations;
  private callsCache?: { revalidations: Located<Revalidation>[]; publishes: LocatedCall[] };
  private callExpressionsCache?: TsMorph.ts.CallExpression[];
  private readonly cleanupCache = new Map<CompilerFunction, CleanupAnalysis>();
  readonly syntax: SyntaxFile;

  /** From TypeScript's source file (ESLint's, or parsed), or a ts-morph one. */
  constructor(
    source: TsMorph.ts.SourceFile | TsMorph.SourceFile,
    readonly fileName: string,
    readonly settings: IgniterSettings,
  ) {
    this.syntax = new SyntaxFile(source);
  }

  /** TypeScript's own source file: what the analysis reads. */
  get compilerSourceFile(): TsMorph.ts.SourceFile {
    return this.syntax.compilerNode;
  }

  /** The ts-morph source file, wrapped on first request (most runs never ask). */
  get sourceFile(): TsMorph.SourceFile {
    return this.syntax.sourceFile;
  }

  /** The ts-morph wrapper of a compiler node of this file. */
  wrap(node: TsMorph.ts.Node): AstNode {
    return this.syntax.wrap(node);
  }

  get text(): string {
    return this.syntax.compilerNode.text;
  }

  declarations(): IgniterDeclarations {
    this.declarationsCache ??= findIgniterDeclarations(this.syntax, this.settings.instanceNames, this.compilerCalls());
    return this.declarationsCache;
  }

  /**
   * Every call expression of the file, as compiler nodes in source order: the declarations, the
   * realtime calls and rules that look for calls all read this list, so the tree is traversed once, wrapping nothing.
   */
  compilerCalls(): readonly TsMorph.ts.CallExpression[] {
    this.callExpressionsCache ??= compilerDescendantsOfKind(this.syntax.compilerNode, fastTs().SyntaxKind.CallExpression);
    return this.callExpressionsCache;
  }

  actions(): Action[] {
    return this.declarations().actions;
  }

  /** What a handler acquires and where it releases it (`analyzeCleanup`), read once for the rules that ask. */
  cleanupOf(handler: CompilerFunction): CleanupAnalysis {
    let analysis = this.cleanupCache.get(handler);
    if (!analysis) this.cleanupCache.set(handler, (analysis = analyzeCleanup(handler)));
    return analysis;
  }

  /** Every revalidation in the file, inside handlers or not. */
  revalidations(): Located<Revalidation>[] {
    return this.calls().revalidations;
  }

  /** Every live publish in the file. */
  livePublishes(): LocatedCall[] {
    return this.calls().publishes;
  }

  /** Router keys of a controller (`message`), from a router in this file or the project index. */
  controllerKeys(controller: Controller, project?: ProjectFacts): string[] {
    const ts = fastTs();
    const keys: string[] = [];
    for (const router of this.declarations().routers) {
      for (const registration of router.registrations) {
        const value = registration.compilerValue;
        if (value === controller.compilerCall || (ts.isIdentifier(value) && controller.variableName === value.text)) keys.push(registration.key);
      }
    }
    if (keys.length === 0 && controller.variableName && project) keys.push(...project.routerKeysOf(this.fileName, controller.variableName));
    return keys;
  }

  controllerKey(controller: Controller, project?: ProjectFacts): string | undefined {
    return this.controllerKeys(controller, project)[0];
  }

  /**
   * `controller.action` keys of an action: through its controller's router key, or, for an action
   * declared as a variable and used by a controller in another file, through the project index.
   */
  actionKeys(action: Action, project?: ProjectFacts): string[] {
    if (action.controller && action.name !== undefined) return this.controllerKeys(action.controller, project).map((key) => `${key}.${action.name}`);
    if (!action.controller && action.variableName && project) return project.actionKeysOf(this.fileName, action.variableName);
    return [];
  }

  actionKey(action: Action, project?: ProjectFacts): string | undefined {
    return this.actionKeys(action, project)[0];
  }

  private calls(): { revalidations: Located<Revalidation>[]; publishes: LocatedCall[] } {
    if (this.callsCache) return this.callsCache;
    // Keyed by compiler node: a call's action is its innermost enclosing handler's, found up its parents.
    const handlers = new Map<TsMorph.ts.Node, Action>();
    for (const action of this.actions()) if (action.compilerHandler) handlers.set(action.compilerHandler, action);
    const revalidations: Located<Revalidation>[] = [];
    const publishes: LocatedCall[] = [];
    const wrap = (node: TsMorph.ts.Node) => this.wrap(node);
    const instanceNames = this.settings.instanceNames;
    for (const compilerCall of this.compilerCalls()) {
      // Nothing is wrapped here: a rule that hands a call on wraps it.
      const name = calleeName(compilerCall);
      if (name !== 'revalidate' && name !== 'publish' && name !== 'broadcast') continue;
      let action: Action | undefined;
      for (let up = compilerCall.parent as TsMorph.ts.Node | undefined; up && !action; up = up.parent) action = handlers.get(up);
      const bindings = action?.bindings ?? outsideHandlers;
      if (name === 'revalidate') {
        const revalidation = readRevalidation(compilerCall, wrap, bindings, instanceNames);
        if (revalidation) revalidations.push({ value: revalidation, action, bindings });
      } else if (isCompilerLivePublish(compilerCall, bindings, instanceNames)) {
        publishes.push({
          get value() {
            return wrap(compilerCall) as CallNode;
          },
          compilerValue: compilerCall,
          action,
          bindings,
        });
      }
    }
    this.callsCache = { revalidations, publishes };
    return this.callsCache;
  }
}

/**
 * The property name a call is made through (`a.b.revalidate(...)` → `revalidate`), else ''. Through
 * parentheses and `!` only: a call through `as` or a parenthesized key is no revalidation or publish here.
 */
function calleeName(call: TsMorph.ts.CallExpression): string {
  const ts = fastTs();
  let callee: TsMorph.ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee)) callee = callee.expression;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) return callee.argumentExpression.text;
  return '';
}

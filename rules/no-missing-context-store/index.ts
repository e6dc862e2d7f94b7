/**
 * no-missing-context-store: `context.store` in a handler of an app whose context has no `store`.
 * In @igniter-js/core 0.3 a handler's `context` is the object the app's `.context(...)` gives, plus what
 * procedures return (which may not set `store`: the core drops that key). `.store(adapter)` on the
 * builder sets `igniter.store` only, so `context.store` is undefined and `context.store.get(...)` throws
 * "Cannot read properties of undefined" (HTTP 500).
 */
import { HandlerBindings, type Bindings } from '../../src/analysis/bindings.js';
import type { FileModel } from '../../src/analysis/file-model.js';
import type { CompilerFunction, TsMorph } from '../../src/analysis/morph.js';
import type { AppInstance } from '../../src/analysis/project-facts.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { compilerCallee, compilerPropertyValue, compilerStringValue, fastTs, isCompilerFunctionLike, unwrapCompilerNode } from '../../src/analysis/syntax.js';

export type NoMissingContextStoreOptions = Record<string, never>;

export const noMissingContextStore = defineRule<NoMissingContextStoreOptions>({
  id: 'no-missing-context-store',
  type: 'problem',
  docs: {
    description: "Disallow `context.store` in handlers when the app's context has no `store`",
    recommended: 'error',
    url: docsUrl('no-missing-context-store'),
  },
  messages: {
    missingStore:
      "`context.store` is undefined here: the app's context ({{context}}) has no `store`, and `.store(...)` on the Igniter builder does not put the store in a handler's context. Reading from it throws \"Cannot read properties of undefined\" (HTTP 500). Use `{{instance}}.store`, the store attached with `.store(...)`.",
    missingStoreNoAdapter:
      "`context.store` is undefined here: the app's context ({{context}}) has no `store`, and the instance has no `.store(...)` either. Reading from it throws \"Cannot read properties of undefined\" (HTTP 500). Attach a store adapter with `.store(adapter)` on the builder and use `{{instance}}.store`.",
    useInstanceStore: 'Use `{{instance}}.store`.',
  },
  schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  defaultOptions: {},
  hasSuggestions: true,
  // `store` and an action or a procedure, anywhere in the text. Lazy: each lookahead stops at its first
  // match instead of running to the end of the file and back (the same answer, 3× faster).
  prefilter: /^(?=[^]*?\bstore\b)(?=[^]*?\.\s*(?:query|mutation|procedure)\s*[<(])/,
  check({ file, project }) {
    if (!project) return [];
    const findings: Finding[] = [];
    // On compiler nodes only: no ts-morph wrapper is made on the rule's path (ts-morph's getStart/getEnd are the compiler node's).
    const sourceFile = file.compilerSourceFile;
    const { BindingElement } = fastTs().SyntaxKind;
    for (const { handler, bindings, instance: local } of handlersOf(file)) {
      const sites = contextStoreSites(handler, bindings);
      if (sites.reads.length === 0 || sites.assigned) continue;
      // Only now ask the project (this resolves imports): most handlers never touch `context.store`.
      const instance = project.instanceOf(file.fileName, local);
      if (!instance || instance.contextStore !== 'no-store') continue;
      const data = { context: describeContext(instance), instance: local };
      for (const site of sites.reads) {
        const replaceable = instance.hasStore && site.kind !== BindingElement;
        const range = [site.getStart(sourceFile), site.end] as const;
        findings.push({
          range,
          messageId: instance.hasStore ? 'missingStore' : 'missingStoreNoAdapter',
          data,
          suggestions: replaceable ? [{ messageId: 'useInstanceStore', data, edits: [{ range, text: `${local}.store` }] }] : [],
        });
      }
    }
    return findings;
  },
});

interface Handler {
  handler: CompilerFunction;
  bindings: Bindings;
  /** The instance name the action or procedure is declared on (`igniter`). */
  instance: string;
}

/** Handlers of `<instance>.query/mutation(...)` actions and of `<instance>.procedure({ handler })` procedures. */
function handlersOf(file: FileModel): Handler[] {
  const ts = fastTs();
  const instanceNames = file.settings.instanceNames;
  const handlers: Handler[] = [];
  for (const action of file.actions()) {
    const instance = instanceName(action.compilerCall, instanceNames);
    if (action.compilerHandler && action.bindings && instance) handlers.push({ handler: action.compilerHandler, bindings: action.bindings, instance });
  }
  // The file's calls, on compiler nodes, wrapping nothing.
  for (const call of file.compilerCalls()) {
    if (!isProcedureCall(call)) continue;
    const instance = instanceName(call, instanceNames);
    const [options] = call.arguments;
    const value = options ? unwrapCompilerNode(options) : undefined;
    const handler = value && ts.isObjectLiteralExpression(value) ? compilerPropertyValue(value, 'handler') : undefined;
    const fn = handler ? unwrapCompilerNode(handler) : undefined;
    // A procedure's handler is `(options, ctx)`: the context object is its second parameter.
    if (instance && fn && isCompilerFunctionLike(fn)) handlers.push({ handler: fn as CompilerFunction, bindings: new HandlerBindings(fn as CompilerFunction, 1), instance });
  }
  return handlers;
}

/** `<x>.procedure(...)`. */
function isProcedureCall(call: TsMorph.ts.CallExpression): boolean {
  const ts = fastTs();
  return ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'procedure';
}

/** `igniter` in `igniter.query(...)` / `igniter.procedure(...)`, when it is an instance name. */
function instanceName(call: TsMorph.ts.CallExpression, instanceNames: readonly string[]): string | undefined {
  const ts = fastTs();
  const member = compilerCallee(call);
  const object = member ? unwrapCompilerNode(member.object) : undefined;
  return object && ts.isIdentifier(object) && instanceNames.includes(object.text) ? object.text : undefined;
}

/**
 * Where a handler reads `context.store`: member accesses (`context.store`, `ctx.context.store`,
 * `context['store']`) and destructurings (`({ context: { store } })`, `const { store } = context`).
 * `assigned`: the handler writes `context.store = ...` itself, so it may be defined.
 * Read on compiler nodes (names as ts-morph reads them, the compiler node's `text`), wrapping nothing.
 */
function contextStoreSites(fn: CompilerFunction, bindings: Bindings): { reads: TsMorph.ts.Node[]; assigned: boolean } {
  const ts = fastTs();
  const reads: TsMorph.ts.Node[] = [];
  let assigned = false;
  const contextParameter = fn.parameters[bindings instanceof HandlerBindings ? bindings.contextParameter : 0];
  /** False when the node's children need no look. */
  const { PropertyAccessExpression, ElementAccessExpression, BindingElement, EqualsToken } = ts.SyntaxKind;
  // The kind is read once per node (see `fastTs`).
  const visit = (node: TsMorph.ts.Node): boolean => {
    const kind = node.kind;
    if (kind === PropertyAccessExpression || kind === ElementAccessExpression) {
      if (bindings.compilerPathOf(node) !== 'context.store') return true;
      const parent = node.parent;
      if (parent && ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === EqualsToken) assigned = true;
      else reads.push(node);
      return false;
    }
    if (kind === BindingElement && bindingPath(node as TsMorph.ts.BindingElement, contextParameter, bindings) === 'context.store') reads.push(node);
    return true;
  };
  const recurse = (node: TsMorph.ts.Node): undefined => {
    if (visit(node)) ts.forEachChild(node, recurse);
    return undefined;
  };
  const roots = [...fn.parameters.map((parameter) => parameter.name), ...(fn.body ? [fn.body] : [])];
  for (const root of roots) recurse(root);
  return { reads, assigned };
}

/** The path a destructured name is bound to: `({ context: { store } })` → `context.store`. */
function bindingPath(element: TsMorph.ts.BindingElement, contextParameter: TsMorph.ts.ParameterDeclaration | undefined, bindings: Bindings): string | undefined {
  const ts = fastTs();
  if (element.dotDotDotToken) return undefined;
  const propertyNode = element.propertyName;
  const key = propertyNode
    ? ts.isIdentifier(propertyNode) ? propertyNode.text : compilerStringValue(propertyNode)
    : ts.isIdentifier(element.name) ? element.name.text : element.name.getText();
  const owner = element.parent?.parent;
  if (key === undefined || !owner) return undefined;
  let base: string | undefined;
  if (ts.isParameter(owner)) base = owner === contextParameter ? '' : undefined;
  else if (ts.isBindingElement(owner)) base = bindingPath(owner, contextParameter, bindings);
  else if (ts.isVariableDeclaration(owner)) base = owner.initializer ? bindings.compilerPathOf(owner.initializer) : undefined;
  if (base === undefined) return undefined;
  return base === '' ? key : `${base}.${key}`;
}

function describeContext(instance: AppInstance): string {
  const where = instance.context;
  if (!where) return `.context(...) in ${instance.fileName}:${instance.line}`;
  return where.name ? `\`${where.name}\` in ${where.fileName}:${where.line}` : `the \`.context(...)\` argument in ${where.fileName}:${where.line}`;
}

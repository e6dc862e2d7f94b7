/**
 * no-missing-context-store: `context.store` in a handler of an app whose context has no `store`.
 * In @igniter-js/core 0.3 a handler's `context` is the object the app's `.context(...)` gives, plus what
 * procedures return (which may not set `store`: the core drops that key). `.store(adapter)` on the
 * builder sets `igniter.store` only, so `context.store` is undefined and `context.store.get(...)` throws
 * "Cannot read properties of undefined" (HTTP 500).
 */
import type { Action } from '../../src/analysis/actions.js';
import { HandlerBindings, type Bindings } from '../../src/analysis/bindings.js';
import { tsMorph, type AstNode, type FunctionNode, type TsMorph } from '../../src/analysis/morph.js';
import type { AppInstance } from '../../src/analysis/project-facts.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { calleeProperty, getProperty, isFunctionLike, kinds, propertyValue, stringValue, unwrap, walk } from '../../src/analysis/syntax.js';

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
    for (const { handler, bindings, instance: local } of handlersOf(file.sourceFile, file.actions(), file.settings.instanceNames)) {
      const sites = contextStoreSites(handler, bindings);
      if (sites.reads.length === 0 || sites.assigned) continue;
      // Only now ask the project (this resolves imports): most handlers never touch `context.store`.
      const instance = project.instanceOf(file.fileName, local);
      if (!instance || instance.contextStore !== 'no-store') continue;
      const data = { context: describeContext(instance), instance: local };
      for (const site of sites.reads) {
        const replaceable = instance.hasStore && !tsMorph().Node.isBindingElement(site);
        findings.push({
          range: [site.getStart(), site.getEnd()],
          messageId: instance.hasStore ? 'missingStore' : 'missingStoreNoAdapter',
          data,
          suggestions: replaceable ? [{ messageId: 'useInstanceStore', data, edits: [{ range: [site.getStart(), site.getEnd()], text: `${local}.store` }] }] : [],
        });
      }
    }
    return findings;
  },
});

interface Handler {
  handler: FunctionNode;
  bindings: Bindings;
  /** The instance name the action or procedure is declared on (`igniter`). */
  instance: string;
}

/** Handlers of `<instance>.query/mutation(...)` actions and of `<instance>.procedure({ handler })` procedures. */
function handlersOf(sourceFile: AstNode, actions: readonly Action[], instanceNames: readonly string[]): Handler[] {
  const { Node } = tsMorph();
  const handlers: Handler[] = [];
  for (const action of actions) {
    const instance = instanceName(action.call, instanceNames);
    if (action.handler && action.bindings && instance) handlers.push({ handler: action.handler, bindings: action.bindings, instance });
  }
  walk(sourceFile, (node) => {
    const member = calleeProperty(node);
    if (member?.name !== 'procedure') return true;
    const instance = instanceName(node, instanceNames);
    const [options] = Node.isCallExpression(node) ? node.getArguments() : [];
    const value = options ? unwrap(options) : undefined;
    const handler = value ? propertyValue(getProperty(value, 'handler')) : undefined;
    const fn = handler ? unwrap(handler) : undefined;
    // A procedure's handler is `(options, ctx)`: the context object is its second parameter.
    if (instance && isFunctionLike(fn)) handlers.push({ handler: fn, bindings: new HandlerBindings(fn, 1), instance });
    return true;
  }, kinds('CallExpression'), isProcedureCall);
  return handlers;
}

/** A compiler-level look before a call is wrapped: `<x>.procedure(...)`. */
function isProcedureCall(node: TsMorph.ts.Node): boolean {
  const { ts } = tsMorph();
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'procedure';
}

/** `igniter` in `igniter.query(...)` / `igniter.procedure(...)`, when it is an instance name. */
function instanceName(call: AstNode, instanceNames: readonly string[]): string | undefined {
  const member = calleeProperty(call);
  const object = member ? unwrap(member.object) : undefined;
  return object && tsMorph().Node.isIdentifier(object) && instanceNames.includes(object.getText()) ? object.getText() : undefined;
}

/**
 * Where a handler reads `context.store`: member accesses (`context.store`, `ctx.context.store`,
 * `context['store']`) and destructurings (`({ context: { store } })`, `const { store } = context`).
 * `assigned`: the handler writes `context.store = ...` itself, so it may be defined.
 */
function contextStoreSites(handler: FunctionNode, bindings: Bindings): { reads: AstNode[]; assigned: boolean } {
  const { Node, SyntaxKind } = tsMorph();
  const reads: AstNode[] = [];
  let assigned = false;
  const body = handler.getBody();
  const parameters = handler.getParameters();
  const roots = [...parameters.map((parameter) => parameter.getNameNode()), ...(body ? [body] : [])];
  for (const root of roots) {
    const visit = (node: AstNode) => {
      if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
        if (bindings.pathOf(node) !== 'context.store') return true;
        const parent = node.getParent();
        if (parent && Node.isBinaryExpression(parent) && parent.getLeft() === node && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) assigned = true;
        else reads.push(node);
        return false;
      }
      if (Node.isBindingElement(node) && bindingPath(node, handler, bindings) === 'context.store') reads.push(node);
      return true;
    };
    if (visit(root)) walk(root, visit, kinds('PropertyAccessExpression', 'ElementAccessExpression', 'BindingElement'), mayReadStore);
  }
  return { reads, assigned };
}

/** A compiler-level look before a node is wrapped: `x.store` (an element access's key is read after wrapping). */
function mayReadStore(node: TsMorph.ts.Node): boolean {
  const { ts } = tsMorph();
  return !ts.isPropertyAccessExpression(node) || node.name.text === 'store';
}

/** The path a destructured name is bound to: `({ context: { store } })` → `context.store`. */
function bindingPath(element: AstNode, handler: FunctionNode, bindings: Bindings): string | undefined {
  const { Node } = tsMorph();
  if (!Node.isBindingElement(element) || element.getDotDotDotToken()) return undefined;
  const propertyNode = element.getPropertyNameNode();
  const key = propertyNode ? (Node.isIdentifier(propertyNode) ? propertyNode.getText() : stringValue(propertyNode)) : element.getNameNode().getText();
  const pattern = element.getParent();
  const owner = pattern?.getParent();
  if (key === undefined || !owner) return undefined;
  let base: string | undefined;
  if (Node.isParameterDeclaration(owner)) base = contextParameterOf(handler, bindings) === owner ? '' : undefined;
  else if (Node.isBindingElement(owner)) base = bindingPath(owner, handler, bindings);
  else if (Node.isVariableDeclaration(owner)) {
    const initializer = owner.getInitializer();
    base = initializer ? bindings.pathOf(initializer) : undefined;
  }
  if (base === undefined) return undefined;
  return base === '' ? key : `${base}.${key}`;
}

/** The parameter that is the handler's context object (the first; a procedure's second). */
function contextParameterOf(handler: FunctionNode, bindings: Bindings): AstNode | undefined {
  const index = bindings instanceof HandlerBindings ? bindings.contextParameter : 0;
  return handler.getParameters()[index];
}

function describeContext(instance: AppInstance): string {
  const where = instance.context;
  if (!where) return `.context(...) in ${instance.fileName}:${instance.line}`;
  return where.name ? `\`${where.name}\` in ${where.fileName}:${where.line}` : `the \`.context(...)\` argument in ${where.fileName}:${where.line}`;
}

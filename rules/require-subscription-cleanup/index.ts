import type { Action } from '../../src/analysis/actions.js';
import type { Resource } from '../../src/analysis/cleanup.js';
import { usesGuideRealtimeApi } from '../../src/analysis/realtime-api.js';
import { indentUnit, insertStatementsAfter, statementInBlock } from '../../src/analysis/edits.js';
import type { CompilerFunction, TsMorph } from '../../src/analysis/morph.js';
import { defineRule, docsUrl, type Finding, type Suggestion, type TextEdit } from '../../src/analysis/rule-api.js';
import { compilerContains, fastTs } from '../../src/analysis/syntax.js';
import { morphText } from '../../src/analysis/wrapper-reads.js';

type SourceFile = TsMorph.ts.SourceFile;

export type RequireSubscriptionCleanupOptions = Record<string, never>;

export const requireSubscriptionCleanup = defineRule<RequireSubscriptionCleanupOptions>({
  id: 'require-subscription-cleanup',
  type: 'problem',
  docs: {
    description: 'Require subscriptions, presence entries and intervals opened in a handler to be released on disconnect',
    recommended: 'error',
    url: docsUrl('require-subscription-cleanup'),
  },
  messages: {
    missingCleanup: '{{resource}} is never released when the client disconnects: it leaks on every disconnect. Release it with `{{release}}` in {{where}}.',
    releaseOutsideCleanup: '{{resource}} is released, but not in a disconnect callback: a client that disconnects first leaks it. Call `{{release}}` in {{where}}.',
    addCleanup: 'Release it on disconnect: `{{release}}` in {{where}}.',
  },
  schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  defaultOptions: {},
  hasSuggestions: true,
  prefilter: /\.subscribe\s*\(|\.sadd\s*\(|setInterval\s*\(/,
  requiresActions: true,
  check({ file }) {
    // On TypeScript's nodes: texts are read as ts-morph's `getText` reads them (`morphText`).
    const findings: Finding[] = [];
    const sourceFile = file.compilerSourceFile;
    for (const action of file.actions()) {
      const handler = action.compilerHandler;
      if (!handler || !action.bindings) continue;
      const analysis = file.cleanupOf(handler);
      // Read only for a handler with a finding: most have none.
      let style: CleanupStyle | undefined;
      // A set entry is presence only on a long-lived connection; in a plain request it is ordinary data.
      const longLived = action.stream === 'true' || action.stream === 'unknown' || analysis.callbacks.length > 0;
      for (const use of analysis.uses) {
        if (use.releasedOnDisconnect) continue;
        if (use.resource.kind === 'presence' && !longLived) continue;
        const released = use.releases.length > 0;
        // A resource kept in a collection is released by draining the collection once, which the
        // rule cannot place for the user (the acquisition is often in a loop): no suggestion then.
        const release = use.collection ? drainText(use.resource, use.collection) : releaseText(use.resource, sourceFile);
        // When a release exists, the message names it as written, so the user knows which call to move.
        const shown = released ? oneLine(morphText(use.releases[0]!, sourceFile)) : (release ?? defaultRelease(use.resource));
        style ??= cleanupStyle(action, handler, file.settings.instanceNames, sourceFile);
        const data = { resource: describe(use.resource, sourceFile), release: shown, where: style.where };
        const edits = !released && release && !use.collection ? cleanupEdits(handler, use.resource, release, style) : undefined;
        findings.push({
          range: [use.resource.call.getStart(sourceFile), use.resource.call.end],
          messageId: released ? 'releaseOutsideCleanup' : 'missingCleanup',
          data,
          suggestions: edits ? [{ messageId: 'addCleanup', data, edits } satisfies Suggestion] : [],
        });
      }
    }
    return findings;
  },
});

interface CleanupStyle {
  kind: 'onDisconnect' | 'abort';
  /** How the message names the place to release. */
  where: string;
  /** Expression to call `.onDisconnect` / `.addEventListener` on, when the handler can reach it. */
  target?: string;
  /** An edit that makes `request` reachable (adds it to the destructured parameter). */
  bindRequest?: TextEdit;
}

/**
 * Handlers written against the Igniter.js realtime guide's API (`realtime.send`/`onDisconnect`) get `realtime.onDisconnect`;
 * everything else gets the request's AbortSignal, the mechanism @igniter-js/core 0.3 really has.
 */
function cleanupStyle(action: Action, handler: CompilerFunction, instanceNames: readonly string[], sourceFile: SourceFile): CleanupStyle {
  const ts = fastTs();
  const bindings = action.bindings!;
  const guideApi = usesGuideRealtimeApi(handler, bindings, instanceNames);
  const realtime = bindings.textFor('realtime');
  if (guideApi && realtime) return { kind: 'onDisconnect', where: `${realtime}.onDisconnect()`, target: `${realtime}.onDisconnect` };
  const request = bindings.textFor('request');
  if (request) return { kind: 'abort', where: `an 'abort' listener on ${request}.raw.signal`, target: `${request}.raw.signal` };
  const where = "an 'abort' listener on request.raw.signal";
  const parameters = handler.parameters;
  const pattern = parameters[0]?.name;
  // `{ ...rest }` would lose `request` from `rest`; `{ request: { params } }` already names it.
  const canAdd = (element: TsMorph.ts.BindingElement) => !element.dotDotDotToken && morphText(element.propertyName ?? element.name, sourceFile) !== 'request';
  if (pattern && ts.isObjectBindingPattern(pattern) && pattern.elements.every(canAdd)) {
    const at = pattern.getStart(sourceFile) + 1;
    const text = pattern.elements.length > 0 ? ' request,' : ' request ';
    return { kind: 'abort', where, target: 'request.raw.signal', bindRequest: { range: [at, at], text } };
  }
  // The first `(` among the handler's tokens (ts-morph's `getFirstChildByKind` reads `getChildren`).
  const open = parameters.length === 0 ? handler.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.OpenParenToken) : undefined;
  if (open) return { kind: 'abort', where, target: 'request.raw.signal', bindRequest: { range: [open.end, open.end], text: '{ request }' } };
  return { kind: 'abort', where };
}

function describe(resource: Resource, sourceFile: SourceFile): string {
  const key = resource.keyArgument && morphText(resource.keyArgument, sourceFile);
  switch (resource.kind) {
    case 'subscription':
      return `The subscription to ${key ?? 'this channel'}`;
    case 'presence':
      return `The presence entry in ${key ?? 'this set'}`;
    case 'interval':
      return resource.boundName ? `The interval '${resource.boundName}'` : 'This interval';
  }
}

/** Names that read as a release function rather than a subscription object. */
const FUNCTION_NAME = /^(unsub|unsubscribe|unlisten|off|dispose|stop|cancel|cleanup|release|teardown)([A-Z_]|$)/;

/** The release call for a resource, when the code gives us what it needs to write one. */
function releaseText(resource: Resource, sourceFile: SourceFile): string | undefined {
  switch (resource.kind) {
    case 'subscription': {
      // `const unsubscribe = x.subscribe(...)`: APIs that hand back a function are called, not `.unsubscribe()`d.
      if (resource.boundName) return FUNCTION_NAME.test(resource.boundName) ? `${resource.boundName}()` : `${resource.boundName}.unsubscribe()`;
      const callback = resource.call.arguments[1];
      // Without the callback, `unsubscribe(channel)` would drop every listener on a shared channel;
      // an inline function cannot be named again, a reference (`onMessage`, `handlers.onMessage`) can.
      if (!callback || !isReference(callback) || !resource.keyArgument) return undefined;
      return `${resource.ownerText}.unsubscribe(${morphText(resource.keyArgument, sourceFile)}, ${morphText(callback, sourceFile)})`;
    }
    case 'presence':
      return `${resource.ownerText}.srem(${morphText(resource.keyArgument!, sourceFile)}, ${morphText(resource.memberArgument!, sourceFile)})`;
    case 'interval':
      return resource.boundName ? `clearInterval(${resource.boundName})` : undefined;
  }
}

/** Names that read as a collection of release functions (`unsubscribeFns`, `cleanups`, `disposers`). */
const FUNCTIONS_NAME = /^(unsub|unsubscribe|unlisten|off|dispose|stop|cancel|cleanup|release|teardown)|(fns|functions|callbacks|cleanups|disposers|unsubscribers|releasers)$/i;

/** The release of every element of the collection a resource is kept in. */
function drainText(resource: Resource, collection: string): string {
  if (resource.kind === 'interval') return `${collection}.forEach(clearInterval)`;
  const calls = (resource.boundName && FUNCTION_NAME.test(resource.boundName)) || FUNCTIONS_NAME.test(collection.split('.').pop()!);
  return calls ? `${collection}.forEach((unsubscribe) => unsubscribe())` : `${collection}.forEach((subscription) => subscription.unsubscribe())`;
}

/** `name`, `a.b.c`, `this.handler`: an expression that reads the same function again. */
function isReference(node: TsMorph.ts.Node): boolean {
  const ts = fastTs();
  if (ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(node) && isReference(node.expression);
}

/** A call written over several lines, on one: `f(\n  a,\n  b,\n)` → `f(a, b)`. */
function oneLine(text: string): string {
  return text.replace(/\(\s*\n\s*/g, '(').replace(/,?\s*\n\s*\)/g, ')').replace(/\s*\n\s*/g, ' ');
}

function defaultRelease(resource: Resource): string {
  switch (resource.kind) {
    case 'subscription':
      return `${resource.ownerText}.unsubscribe(channel, callback)`;
    case 'presence':
      return `${resource.ownerText}.srem(key, member)`;
    case 'interval':
      return 'clearInterval(id)';
  }
}

function cleanupEdits(handler: CompilerFunction, resource: Resource, release: string, style: CleanupStyle): TextEdit[] | undefined {
  const { SyntaxKind } = fastTs();
  const statement = statementInBlock(resource.call);
  if (!style.target || !statement || !compilerContains(handler, statement)) return undefined;
  // Only right after the acquiring statement itself: after a braceless `for`/`if` its names are out of scope.
  if (statement.kind !== SyntaxKind.ExpressionStatement && statement.kind !== SyntaxKind.VariableStatement) return undefined;
  const unit = indentUnit(statement.getSourceFile().text);
  const open = style.kind === 'onDisconnect' ? `${style.target}(() => {` : `${style.target}.addEventListener('abort', () => {`;
  const edits = [insertStatementsAfter(statement, [open, `${unit}${release};`, '});'])];
  if (style.bindRequest) edits.unshift(style.bindRequest);
  return edits;
}

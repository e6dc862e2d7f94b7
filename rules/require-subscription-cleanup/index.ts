import type { Action } from '../../src/analysis/actions.js';
import { analyzeCleanup, type Resource } from '../../src/analysis/cleanup.js';
import { indentUnit, insertStatementsAfter, statementInBlock } from '../../src/analysis/edits.js';
import { tsMorph } from '../../src/analysis/morph.js';
import { isRealtime } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding, type Suggestion, type TextEdit } from '../../src/analysis/rule-api.js';
import { calleeProperty, contains, walk } from '../../src/analysis/syntax.js';

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
  check({ file }) {
    const findings: Finding[] = [];
    for (const action of file.actions()) {
      if (!action.handler || !action.bindings) continue;
      const style = cleanupStyle(action, file.settings.instanceNames);
      for (const use of analyzeCleanup(action.handler).uses) {
        if (use.releasedOnDisconnect) continue;
        const release = releaseText(use.resource);
        const data = { resource: describe(use.resource), release: release ?? defaultRelease(use.resource), where: style.where };
        const released = use.releases.length > 0;
        const edits = !released && release ? cleanupEdits(action, use.resource, release, style) : undefined;
        findings.push({
          range: [use.resource.call.getStart(), use.resource.call.getEnd()],
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
 * Handlers written against the seed API (`realtime.send`/`onDisconnect`) get `realtime.onDisconnect`;
 * everything else gets the request's AbortSignal, the mechanism @igniter-js/core 0.3 really has.
 */
function cleanupStyle(action: Action, instanceNames: readonly string[]): CleanupStyle {
  const { Node } = tsMorph();
  const handler = action.handler!;
  const bindings = action.bindings!;
  let seedApi = false;
  const body = handler.getBody();
  if (body) {
    walk(body, (node) => {
      const member = Node.isCallExpression(node) ? calleeProperty(node) : undefined;
      if (member && (member.name === 'send' || member.name === 'onDisconnect') && isRealtime(member.object, bindings, instanceNames)) seedApi = true;
      return !seedApi;
    });
  }
  const realtime = bindings.textFor('realtime');
  if (seedApi && realtime) return { kind: 'onDisconnect', where: `${realtime}.onDisconnect()`, target: `${realtime}.onDisconnect` };
  const request = bindings.textFor('request');
  if (request) return { kind: 'abort', where: `an 'abort' listener on ${request}.raw.signal`, target: `${request}.raw.signal` };
  const [parameter] = handler.getParameters();
  const pattern = parameter?.getNameNode();
  if (pattern && Node.isObjectBindingPattern(pattern) && pattern.getElements().every((element) => !element.getDotDotDotToken())) {
    const at = pattern.getStart() + 1;
    return { kind: 'abort', where: "an 'abort' listener on request.raw.signal", target: 'request.raw.signal', bindRequest: { range: [at, at], text: ' request,' } };
  }
  return { kind: 'abort', where: "an 'abort' listener on request.raw.signal" };
}

function describe(resource: Resource): string {
  switch (resource.kind) {
    case 'subscription':
      return `The subscription to ${resource.keyArgument?.getText() ?? 'this channel'}`;
    case 'presence':
      return `The presence entry in ${resource.keyArgument?.getText() ?? 'this set'}`;
    case 'interval':
      return resource.boundName ? `The interval '${resource.boundName}'` : 'This interval';
  }
}

/** The release call for a resource, when the code gives us what it needs to write one. */
function releaseText(resource: Resource): string | undefined {
  const { Node } = tsMorph();
  switch (resource.kind) {
    case 'subscription': {
      if (resource.boundName) return `${resource.boundName}.unsubscribe()`;
      const callback = resource.call.getArguments()[1];
      // Without the callback, `unsubscribe(channel)` would drop every listener on a shared channel.
      if (!callback || !Node.isIdentifier(callback) || !resource.keyArgument) return undefined;
      return `${resource.ownerText}.unsubscribe(${resource.keyArgument.getText()}, ${callback.getText()})`;
    }
    case 'presence':
      return `${resource.ownerText}.srem(${resource.keyArgument!.getText()}, ${resource.memberArgument!.getText()})`;
    case 'interval':
      return resource.boundName ? `clearInterval(${resource.boundName})` : undefined;
  }
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

function cleanupEdits(action: Action, resource: Resource, release: string, style: CleanupStyle): TextEdit[] | undefined {
  const statement = statementInBlock(resource.call);
  if (!style.target || !statement || !contains(action.handler!, statement)) return undefined;
  const unit = indentUnit(statement.getSourceFile().getFullText());
  const open = style.kind === 'onDisconnect' ? `${style.target}(() => {` : `${style.target}.addEventListener('abort', () => {`;
  const edits = [insertStatementsAfter(statement, [open, `${unit}${release};`, '});'])];
  if (style.bindRequest) edits.unshift(style.bindRequest);
  return edits;
}

/**
 * no-per-request-subscription: in @igniter-js/core 0.3 an action handler runs once per HTTP request.
 * A store subscription it opens is one more subscriber per request: released on the request's
 * 'abort' (which Express-style adapters never fire after the response) or not at all, it piles up;
 * where the signal does fire, the relay dies with the request. Relays from the store belong to the
 * server process, set up once.
 */
import type { CompilerFunction, TsMorph } from '../../src/analysis/morph.js';
import { isCompilerStore, usesGuideRealtimeApi } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { compilerCallee, fastTs, unwrapCompilerNode } from '../../src/analysis/syntax.js';
import { morphText } from '../../src/analysis/wrapper-reads.js';

type Node = TsMorph.ts.Node;
type SourceFile = TsMorph.ts.SourceFile;

export type NoPerRequestSubscriptionOptions = Record<string, never>;

export const noPerRequestSubscription = defineRule<NoPerRequestSubscriptionOptions>({
  id: 'no-per-request-subscription',
  type: 'problem',
  docs: {
    description: 'Disallow store subscriptions opened per request in action handlers written against the @igniter-js/core 0.3 API',
    recommended: 'error',
    url: docsUrl('no-per-request-subscription'),
  },
  messages: {
    neverReleased:
      'This handler subscribes to {{channel}} on every request and never unsubscribes: each call adds one more store subscriber, so one message is delivered once per past request. Subscribe once per server process (at module scope) and send updates as scoped revalidations (`{{instance}}.realtime.revalidate({ path, scopes })`).',
    releasedOnAbort:
      "This handler subscribes to {{channel}} on every request and unsubscribes only when the request's signal aborts: Express-style adapters never abort it after the response, so each call adds one more store subscriber; where it does abort, the relay stops with the request. Subscribe once per server process (at module scope) and send updates as scoped revalidations (`{{instance}}.realtime.revalidate({ path, scopes })`).",
  },
  schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  defaultOptions: {},
  prefilter: /\.subscribe\s*\(/,
  requiresActions: true,
  check({ file }) {
    // On TypeScript's nodes: texts are read as ts-morph's `getText` reads them (`morphText`).
    const findings: Finding[] = [];
    const instanceNames = file.settings.instanceNames;
    const sourceFile = file.compilerSourceFile;
    for (const action of file.actions()) {
      const handler = action.compilerHandler;
      const bindings = action.bindings;
      if (!handler || !bindings) continue;
      // The guide's API (`realtime.send` / `realtime.onDisconnect`) gives the handler a connection's
      // lifetime; require-subscription-cleanup checks those handlers.
      if (usesGuideRealtimeApi(handler, bindings, instanceNames)) continue;
      for (const use of file.cleanupOf(handler).uses) {
        const call = use.resource.call;
        const member = compilerCallee(call);
        if (use.resource.kind !== 'subscription' || !member || !isCompilerStore(member.object, bindings)) continue;
        // A subscription inside a body stream the handler returns lives as long as that stream.
        if (insideReadableStream(call, handler, sourceFile)) continue;
        // Released before the handler is done (a long poll, `finally`): bounded by the request itself.
        if (!use.releasedOnDisconnect && use.releases.length > 0) continue;
        const channel = use.resource.keyArgument ? channelText(use.resource.keyArgument, sourceFile) : 'a channel';
        findings.push({
          range: [call.getStart(sourceFile), call.end],
          messageId: use.releasedOnDisconnect ? 'releasedOnAbort' : 'neverReleased',
          data: { channel, instance: instanceOf(action.compilerCall) ?? instanceNames[0] },
        });
      }
    }
    return findings;
  },
});

/** `igniter` in `igniter.query(...)`; undefined for `createIgniterQuery(...)`. */
function instanceOf(call: TsMorph.ts.CallExpression): string | undefined {
  const ts = fastTs();
  const member = compilerCallee(call);
  const object = member ? unwrapCompilerNode(member.object) : undefined;
  return object && ts.isIdentifier(object) ? object.text : undefined;
}

/** `new ReadableStream({ start() { ... } })` around `node`, inside the handler. */
function insideReadableStream(node: Node, handler: CompilerFunction, sourceFile: SourceFile): boolean {
  const ts = fastTs();
  for (let current = node.parent; current && current !== handler; current = current.parent) {
    if (ts.isNewExpression(current) && morphText(unwrapCompilerNode(current.expression), sourceFile) === 'ReadableStream') return true;
  }
  return false;
}

/** A literal as written (`'chat'`, `` `room:${id}` ``); any other expression in backticks (`channel`), on one line. */
function channelText(node: Node, sourceFile: SourceFile): string {
  const ts = fastTs();
  const value = unwrapCompilerNode(node);
  const flat = morphText(value, sourceFile).replace(/\s*\n\s*/g, ' ');
  const short = flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
  return ts.isStringLiteral(value) || ts.isTemplateExpression(value) || ts.isNoSubstitutionTemplateLiteral(value) ? short : `\`${short}\``;
}

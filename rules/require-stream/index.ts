import type { Action } from '../../src/analysis/actions.js';
import type { FileModel } from '../../src/analysis/file-model.js';
import { tsMorph, type AstNode, type TsMorph } from '../../src/analysis/morph.js';
import type { ProjectFacts } from '../../src/analysis/project-facts.js';
import { isRealtime, isStore, responseChain, returnedExpressions } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { insertProperty } from '../../src/analysis/edits.js';
import { calleeProperty, compilerCalleeProperty, compilerGetProperty, fastTs, getProperty, kinds, propertyValue, walk } from '../../src/analysis/syntax.js';

export type RequireStreamOptions = Record<string, never>;

export const requireStream = defineRule<RequireStreamOptions>({
  id: 'require-stream',
  type: 'problem',
  docs: {
    description: 'Require `stream: true` on queries that are live: revalidated, streaming, or tagged `@stream`',
    recommended: 'error',
    url: docsUrl('require-stream'),
  },
  messages: {
    missingStream: "Query '{{name}}' is live ({{reason}}) but has no `stream: true`: no realtime channel is registered for it, so its live subscribers get nothing.",
    streamFalse: "Query '{{name}}' is live ({{reason}}) but sets `stream: false`: no realtime channel is registered for it, so its live subscribers get nothing.",
    addStream: 'Add `stream: true`.',
    enableStream: 'Set `stream: true`.',
  },
  schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  defaultOptions: {},
  hasSuggestions: true,
  // `.query(` or `.query<T>(` (explicit type arguments), or the core factory.
  prefilter: /\.query\s*[<(]|createIgniterQuery/,
  requiresActions: true,
  check({ file, project }) {
    const findings: Finding[] = [];
    for (const action of file.actions()) {
      if (action.kind !== 'query' || (action.stream !== 'missing' && action.stream !== 'false')) continue;
      if (streamMayComeFromSpread(action)) continue;
      const reason = liveReason(action, file, project);
      if (!reason) continue;
      findings.push(report(action, reason));
    }
    return findings;
  },
});

/**
 * `igniter.query({ ...liveDefaults, path, handler })`: a spread may carry `stream: true` (or override
 * `stream: false` when it comes after it), so what the object literal shows is not the final value.
 */
function streamMayComeFromSpread(action: Action): boolean {
  // On compiler nodes: ts-morph's getStart/getEnd are the compiler node's, and no property needs a wrapper.
  const ts = fastTs();
  const options = action.options.compilerNode as TsMorph.ts.ObjectLiteralExpression;
  const streamProperty = compilerGetProperty(options, 'stream');
  const after = streamProperty ? streamProperty.end : -1;
  const sourceFile = options.getSourceFile();
  return options.properties.some((property) => ts.isSpreadAssignment(property) && property.getStart(sourceFile) > after);
}

/** Why a query is live, in words for the message; undefined when nothing shows it is. */
function liveReason(action: Action, file: FileModel, project: ProjectFacts | undefined): string | undefined {
  return revalidatedReason(action, file, project) ?? streamingReason(action, file) ?? jsDocReason(action);
}

/** Signal 3: a `@stream` tag with any value (`@stream`, `@stream true`, the realtime guide's `@stream typing`) but `false`. */
function jsDocReason(action: Action): string | undefined {
  return /@stream\b(?!\s+false\b)/.test(action.jsDoc) ? 'its JSDoc has a @stream tag' : undefined;
}

/** Signal 1: the action's `controller.action` key is revalidated (exact match), here or elsewhere in the project. */
function revalidatedReason(action: Action, file: FileModel, project: ProjectFacts | undefined): string | undefined {
  const key = file.actionKey(action, project);
  if (!key) return undefined;
  for (const { value } of file.revalidations()) {
    for (const target of value.targets) {
      const match = target.keys.find((candidate) => candidate.value === key);
      if (match) return `'${key}' is revalidated on line ${match.node.getStartLineNumber()}`;
    }
  }
  const [site] = project?.revalidationSitesOf(key, file.fileName) ?? [];
  return site ? `'${key}' is revalidated in ${site.fileName}:${site.line}` : undefined;
}

/** Signal 2: the handler streams (the guide's API or the 0.3 API). */
function streamingReason(action: Action, file: FileModel): string | undefined {
  const { handler, bindings } = action;
  if (!handler || !bindings) return undefined;
  const { Node } = tsMorph();
  const instanceNames = file.settings.instanceNames;
  if (returnedExpressions(handler).some((expression) => isRealtime(expression, bindings, instanceNames))) return 'its handler returns realtime';
  let reason: string | undefined;
  const body = handler.getBody();
  if (!body) return undefined;
  const visit = (node: AstNode): boolean => {
    if (reason) return false;
    if (!Node.isCallExpression(node)) return true;
    const member = calleeProperty(node);
    if (!member) return true;
    if ((member.name === 'send' || member.name === 'onDisconnect') && isRealtime(member.object, bindings, instanceNames)) {
      reason = `its handler calls realtime.${member.name}()`;
    } else if (member.name === 'subscribe' && isStore(member.object, bindings)) {
      reason = `its handler subscribes with ${member.object.getText()}.subscribe()`;
    } else if (member.name === 'stream' && responseChain(node, bindings)) {
      reason = 'its handler calls response.stream()';
    }
    return true;
  };
  // `walk` visits descendants only: an expression body (`({ response }) => response.stream(...)`) is
  // itself the call to look at.
  if (visit(body)) walk(body, visit, kinds('CallExpression'), (node) => STREAMING_METHODS.has(compilerCalleeProperty(node as TsMorph.ts.CallExpression) ?? ''));
  return reason;
}

/** The methods `streamingReason` looks at: other calls are passed over before they are wrapped. */
const STREAMING_METHODS = new Set(['send', 'onDisconnect', 'subscribe', 'stream']);

function report(action: Action, reason: string): Finding {
  const name = action.name ?? 'query';
  const streamProperty = getProperty(action.options, 'stream');
  const range = [action.reportNode.getStart(), action.reportNode.getEnd()] as const;
  if (action.stream === 'false') {
    const value = propertyValue(streamProperty);
    return {
      range,
      messageId: 'streamFalse',
      data: { name, reason },
      suggestions: value ? [{ messageId: 'enableStream', edits: [{ range: [value.getStart(), value.getEnd()], text: 'true' }] }] : [],
    };
  }
  return {
    range,
    messageId: 'missingStream',
    data: { name, reason },
    suggestions: [{ messageId: 'addStream', edits: [insertProperty(action.options, 'stream: true', getProperty(action.options, 'path'))] }],
  };
}

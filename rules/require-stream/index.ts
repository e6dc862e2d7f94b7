import type { Action } from '../../src/analysis/actions.js';
import type { FileModel } from '../../src/analysis/file-model.js';
import type { TsMorph } from '../../src/analysis/morph.js';
import type { ProjectFacts } from '../../src/analysis/project-facts.js';
import { compilerResponseChain, compilerReturnedExpressions, isCompilerRealtime, isCompilerStore } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { insertProperty } from '../../src/analysis/edits.js';
import { compilerStartLine, morphText } from '../../src/analysis/wrapper-reads.js';
import { compilerCallee, compilerGetProperty, compilerValueOf, fastTs } from '../../src/analysis/syntax.js';

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
  const options = action.compilerOptions;
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
      if (match) return `'${key}' is revalidated on line ${compilerStartLine(match.compilerNode, match.compilerNode.getSourceFile())}`;
    }
  }
  const [site] = project?.revalidationSitesOf(key, file.fileName) ?? [];
  return site ? `'${key}' is revalidated in ${site.fileName}:${site.line}` : undefined;
}

/** Signal 2: the handler streams (the guide's API or the 0.3 API). */
function streamingReason(action: Action, file: FileModel): string | undefined {
  const { compilerHandler: handler, bindings } = action;
  if (!handler || !bindings) return undefined;
  const ts = fastTs();
  const instanceNames = file.settings.instanceNames;
  if (compilerReturnedExpressions(handler).some((expression) => isCompilerRealtime(expression, bindings, instanceNames))) return 'its handler returns realtime';
  const body = handler.body;
  if (!body) return undefined;
  const sourceFile = body.getSourceFile();
  // The first streaming call in source order. `forEachChild` visits descendants only and stops at the
  // first truthy answer: an expression body (`({ response }) => response.stream(...)`) is itself a call to look at.
  const visit = (node: TsMorph.ts.Node): string | undefined => {
    if (ts.isCallExpression(node)) {
      const reason = streamingCallReason(node, bindings, instanceNames, sourceFile);
      if (reason) return reason;
    }
    return ts.forEachChild(node, visit);
  };
  return visit(body);
}

/** Why one call makes a handler stream, if it does. */
function streamingCallReason(call: TsMorph.ts.CallExpression, bindings: NonNullable<Action['bindings']>, instanceNames: readonly string[], sourceFile: TsMorph.ts.SourceFile): string | undefined {
  const member = compilerCallee(call);
  if (!member) return undefined;
  if ((member.name === 'send' || member.name === 'onDisconnect') && isCompilerRealtime(member.object, bindings, instanceNames)) return `its handler calls realtime.${member.name}()`;
  if (member.name === 'subscribe' && isCompilerStore(member.object, bindings)) return `its handler subscribes with ${morphText(member.object, sourceFile)}.subscribe()`;
  if (member.name === 'stream' && compilerResponseChain(call, bindings)) return 'its handler calls response.stream()';
  return undefined;
}

function report(action: Action, reason: string): Finding {
  const name = action.name ?? 'query';
  const options = action.compilerOptions;
  const streamProperty = compilerGetProperty(options, 'stream');
  const sourceFile = options.getSourceFile();
  const reportNode = action.compilerReportNode;
  const range = [reportNode.getStart(sourceFile), reportNode.end] as const;
  if (action.stream === 'false') {
    const value = streamProperty && compilerValueOf(streamProperty);
    return {
      range,
      messageId: 'streamFalse',
      data: { name, reason },
      suggestions: value ? [{ messageId: 'enableStream', edits: [{ range: [value.getStart(sourceFile), value.end], text: 'true' }] }] : [],
    };
  }
  return {
    range,
    messageId: 'missingStream',
    data: { name, reason },
    suggestions: [{ messageId: 'addStream', edits: [insertProperty(options, 'stream: true', compilerGetProperty(options, 'path'))] }],
  };
}

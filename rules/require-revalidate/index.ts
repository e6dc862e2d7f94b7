import type { Action } from '../../src/analysis/actions.js';
import { coveredBefore, effectAnchor, handlerReturns } from '../../src/analysis/control-flow.js';
import type { FileModel } from '../../src/analysis/file-model.js';
import { matchesAnyGlob } from '../../src/analysis/glob.js';
import type { AstNode } from '../../src/analysis/morph.js';
import type { ProjectFacts } from '../../src/analysis/project-facts.js';
import { classifyReturn, responseChain } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding, type Suggestion } from '../../src/analysis/rule-api.js';
import { calleeProperty } from '../../src/analysis/syntax.js';

export interface RequireRevalidateOptions {
  /** Globs of action keys (`auth.*`) or action names (`login`) to skip. */
  ignore: string[];
}

export const requireRevalidate = defineRule<RequireRevalidateOptions>({
  id: 'require-revalidate',
  type: 'problem',
  docs: {
    description: 'Require mutations to revalidate (or publish) on every successful path',
    recommended: 'error',
    url: docsUrl('require-revalidate'),
  },
  messages: {
    missingRevalidate:
      "Mutation '{{name}}' can return a successful response without revalidating or publishing: every screen that shows this data stays stale.",
    addRevalidate: 'Revalidate {{keys}} before responding.',
  },
  schema: [
    {
      type: 'object',
      properties: { ignore: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
      additionalProperties: false,
    },
  ],
  defaultOptions: { ignore: [] },
  hasSuggestions: true,
  prefilter: /\.mutation\s*\(|createIgniterMutation/,
  check({ file, options, project }) {
    const findings: Finding[] = [];
    for (const action of file.actions()) {
      if (action.kind !== 'mutation' || !action.handler || !action.bindings) continue;
      if (isIgnored(action, file, project, options.ignore)) continue;
      const offending = firstUncoveredReturn(action, file);
      if (!offending) continue;
      findings.push({
        range: [offending.site.getStart(), offending.site.getEnd()],
        messageId: 'missingRevalidate',
        data: { name: action.name ?? 'mutation' },
        suggestions: suggestion(action, offending.branch, file, project),
      });
    }
    return findings;
  },
});

function isIgnored(action: Action, file: FileModel, project: ProjectFacts | undefined, ignore: readonly string[]): boolean {
  if (ignore.length === 0) return false;
  const candidates = [file.actionKey(action, project), action.name, action.controller?.name && action.name ? `${action.controller.name}.${action.name}` : undefined];
  return candidates.some((candidate) => candidate !== undefined && matchesAnyGlob(candidate, ignore));
}

/** The first return branch that responds successfully with no revalidation or publish before it. */
function firstUncoveredReturn(action: Action, file: FileModel): { site: AstNode; branch: AstNode } | undefined {
  const handler = action.handler!;
  const bindings = action.bindings!;
  const effectCalls = [
    ...file.revalidations().filter((located) => located.action === action).map((located) => located.value.call),
    ...file.livePublishes().filter((located) => located.action === action).map((located) => located.value),
  ];
  const effects = effectCalls.map((call) => effectAnchor(call, handler)).filter((anchor): anchor is AstNode => anchor !== undefined);
  for (const { site, branch } of handlerReturns(handler)) {
    if (classifyReturn(branch, bindings) !== 'success') continue;
    if (coveredBefore(site, effects, handler)) continue;
    return { site, branch };
  }
  return undefined;
}

/** `.revalidate([...])` naming the controller's stream queries, inserted right after `response`. */
function suggestion(action: Action, branch: AstNode, file: FileModel, project: ProjectFacts | undefined): Suggestion[] {
  const controller = action.controller;
  if (!controller) return [];
  const controllerKey = file.controllerKey(controller, project);
  if (!controllerKey) return [];
  const keys = [...controller.actions]
    .filter(([, candidate]) => candidate.kind === 'query' && candidate.stream === 'true')
    .map(([name]) => `'${controllerKey}.${name}'`);
  const chain = responseChain(branch, action.bindings!);
  const root = chain ? calleeProperty(chain[0].call)?.object : undefined;
  if (keys.length === 0 || !root) return [];
  const list = `[${keys.join(', ')}]`;
  return [{ messageId: 'addRevalidate', data: { keys: list }, edits: [{ range: [root.getEnd(), root.getEnd()], text: `.revalidate(${list})` }] }];
}

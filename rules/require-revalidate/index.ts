import type { Action } from '../../src/analysis/actions.js';
import { coveredBefore, effectAnchor, handlerReturns } from '../../src/analysis/control-flow.js';
import type { FileModel } from '../../src/analysis/file-model.js';
import { matchesAnyGlob } from '../../src/analysis/glob.js';
import type { AstNode } from '../../src/analysis/morph.js';
import type { ProjectFacts } from '../../src/analysis/project-facts.js';
import { classifyReturn, responseChain } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding, type Suggestion, type TextEdit } from '../../src/analysis/rule-api.js';
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
  prefilter: /mutation|createIgniterMutation/,
  requiresActions: true,
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
        // An action with no key or variable (`export default igniter.mutation(...)`) has no name to show.
        data: { name: action.name ?? 'anonymous' },
        suggestions: suggestion(action, offending.branches, file, project),
      });
    }
    return findings;
  },
});

function isIgnored(action: Action, file: FileModel, project: ProjectFacts | undefined, ignore: readonly string[]): boolean {
  if (ignore.length === 0) return false;
  const matches = (candidate: string | undefined) => candidate !== undefined && matchesAnyGlob(candidate, ignore);
  const controllerName = action.controller?.name;
  if (matches(action.name) || (controllerName && action.name !== undefined && matches(`${controllerName}.${action.name}`))) return true;
  // The router key last: it may need the project index (a router in another file).
  return matches(file.actionKey(action, project));
}

/**
 * The first return that can respond successfully with no revalidation or publish before it, with
 * every such branch of it (a conditional or logical return has one per branch).
 */
function firstUncoveredReturn(action: Action, file: FileModel): { site: AstNode; branches: AstNode[] } | undefined {
  const handler = action.handler!;
  const bindings = action.bindings!;
  const effectCalls = [
    ...file.revalidations().filter((located) => located.action === action).map((located) => located.value.call),
    ...file.livePublishes().filter((located) => located.action === action).map((located) => located.value),
  ];
  const effects = effectCalls.map((call) => effectAnchor(call, handler)).filter((anchor): anchor is AstNode => anchor !== undefined);
  const offending = handlerReturns(handler).filter(
    ({ site, branch }) => classifyReturn(branch, bindings) === 'success' && !coveredBefore(site, effects, handler),
  );
  if (offending.length === 0) return undefined;
  // Report the first offending return; its other offending branches (`a ? x : y`) share the fix.
  const site = offending[0].site;
  return { site, branches: offending.filter((entry) => entry.site === site).map((entry) => entry.branch) };
}

/**
 * `.revalidate([...])` naming the controller's stream queries, inserted right after `response` in each
 * offending branch (the real API order: `response.revalidate([...]).created(x)`). Only offered when the
 * keys are known: the controller is registered in a router in view and has `stream: true` queries.
 */
function suggestion(action: Action, branches: readonly AstNode[], file: FileModel, project: ProjectFacts | undefined): Suggestion[] {
  const controller = action.controller;
  if (!controller) return [];
  const controllerKey = file.controllerKey(controller, project);
  if (!controllerKey) return [];
  const keys = [...controller.actions]
    .filter(([, candidate]) => candidate.kind === 'query' && candidate.stream === 'true')
    .map(([name]) => `'${controllerKey}.${name}'`);
  if (keys.length === 0) return [];
  const list = `[${keys.join(', ')}]`;
  const edits: TextEdit[] = [];
  for (const branch of branches) {
    const chain = responseChain(branch, action.bindings!);
    const root = chain ? calleeProperty(chain[0].call)?.object : undefined;
    if (root) edits.push({ range: [root.getEnd(), root.getEnd()], text: `.revalidate(${list})` });
  }
  return edits.length === 0 ? [] : [{ messageId: 'addRevalidate', data: { keys: list }, edits }];
}

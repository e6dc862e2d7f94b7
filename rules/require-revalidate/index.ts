import type { Action } from '../../src/analysis/actions.js';
import { compilerHandlerReturns } from '../../src/analysis/control-flow.js';
import { coveredBefore, effectAnchor } from './effect-coverage.js';
import { affectedQueries, revalidationCovers, type AffectedQuery, type DataModel } from '../../src/analysis/data-model.js';
import type { FileModel } from '../../src/analysis/file-model.js';
import { matchesAnyGlob } from '../../src/analysis/glob.js';
import type { TsMorph } from '../../src/analysis/morph.js';
import type { ProjectFacts } from '../../src/analysis/project-facts.js';
import { compilerResponseChain, type Revalidation } from '../../src/analysis/realtime-api.js';
import { classifyReturn } from './return-outcome.js';
import { defineRule, docsUrl, type Finding, type Suggestion, type TextEdit } from '../../src/analysis/rule-api.js';
import type { IgniterSettings } from '../../src/analysis/settings.js';
import { compilerCallee, compilerContains, compilerPropertyValue, compilerStringValue, fastTs, unwrapCompilerNode } from '../../src/analysis/syntax.js';
import { morphText } from '../../src/analysis/wrapper-reads.js';

type CompilerNode = TsMorph.ts.Node;

export interface RequireRevalidateOptions {
  /**
   * `affecting-live`: report a mutation that leaves a live query showing data it writes stale.
   * `all`: also report any mutation that can answer successfully without revalidating or publishing.
   */
  mutations: 'affecting-live' | 'all';
  /** Globs of action keys (`auth.*`) or action names (`login`) to skip. */
  ignore: string[];
}

export const requireRevalidate = defineRule<RequireRevalidateOptions>({
  id: 'require-revalidate',
  type: 'problem',
  docs: {
    description: 'Require mutations to revalidate the live queries that show the data they change',
    recommended: 'error',
    url: docsUrl('require-revalidate'),
  },
  messages: {
    staleQueries:
      "Mutation '{{name}}' changes {{resources}} but can return a successful response without revalidating {{queries}}, which show it: those screens stay stale.",
    missingRevalidate:
      "Mutation '{{name}}' can return a successful response without revalidating or publishing: every screen that shows this data stays stale.",
    addRevalidate: 'Revalidate {{keys}} before responding.',
  },
  schema: [
    {
      type: 'object',
      properties: {
        mutations: { type: 'string', enum: ['affecting-live', 'all'] },
        ignore: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      },
      additionalProperties: false,
    },
  ],
  defaultOptions: { mutations: 'affecting-live', ignore: [] },
  strictOptions: { mutations: 'all' },
  hasSuggestions: true,
  prefilter: /mutation|createIgniterMutation/,
  requiresActions: true,
  check({ file, options, project, settings }) {
    const findings: Finding[] = [];
    for (const action of file.actions()) {
      if (action.kind !== 'mutation' || !action.compilerHandler || !action.bindings) continue;
      if (isIgnored(action, file, project, options.ignore)) continue;
      const affected = affectedBy(action, file, project, settings);
      if (affected.length === 0 && options.mutations !== 'all') continue;
      const offending = firstOffendingReturn(action, file, affected, options.mutations === 'all');
      if (!offending) continue;
      const range: [number, number] = [offending.site.getStart(offending.site.getSourceFile()), offending.site.end];
      // An action with no key or variable (`export default igniter.mutation(...)`) has no name to show.
      const name = action.name ?? 'anonymous';
      const stale = unique(offending.branches.flatMap((branch) => branch.stale));
      if (stale.length > 0) {
        const resources = unique(stale.flatMap((entry) => entry.resources)).sort();
        findings.push({
          range,
          messageId: 'staleQueries',
          data: { name, resources: resources.map((resource) => `'${resource}'`).join(', '), queries: stale.map((entry) => `'${entry.query.key}'`).join(', ') },
          suggestions: staleSuggestion(offending, action, project, settings),
        });
      } else {
        findings.push({ range, messageId: 'missingRevalidate', data: { name }, suggestions: streamQueriesSuggestion(action, offending.branches, file, project) });
      }
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

function modelOf(project: ProjectFacts | undefined, settings: IgniterSettings): DataModel | undefined {
  return project?.dataModel({ readOperations: settings.readOperations, writeOperations: settings.writeOperations });
}

/** The queries that show what the mutation writes and are expected to update (see `affectedQueries`). */
function affectedBy(action: Action, file: FileModel, project: ProjectFacts | undefined, settings: IgniterSettings): AffectedQuery[] {
  const key = project ? file.actionKey(action, project) : undefined;
  const model = key ? modelOf(project, settings) : undefined;
  const data = key ? model?.actions.get(key) : undefined;
  return model && data ? affectedQueries(model, data) : [];
}

/** A revalidation or live publish of the handler, where it counts, and which queries it refetches. */
interface Effect {
  anchor: CompilerNode;
  call: TsMorph.ts.CallExpression;
  form?: Revalidation['form'];
  /** Undefined: it may refetch anything (a live publish, keys we cannot read). */
  keys?: { key: string; form: 'response' | 'realtime' }[];
}

interface OffendingBranch {
  branch: CompilerNode;
  stale: AffectedQuery[];
}

interface Offending {
  site: CompilerNode;
  branches: OffendingBranch[];
  /** The handler's revalidations and live publishes. */
  effects: Effect[];
}

/**
 * The first return that can respond successfully while some affected query is not revalidated (or, with
 * `all`, with no revalidation or publish at all) on its path, with each such branch of it.
 */
function firstOffendingReturn(action: Action, file: FileModel, affected: readonly AffectedQuery[], all: boolean): Offending | undefined {
  const handler = action.compilerHandler!;
  const bindings = action.bindings!;
  const effects: Effect[] = [];
  for (const located of file.revalidations()) {
    if (located.action !== action) continue;
    const call = located.value.compilerCall;
    const anchor = effectAnchor(call, handler);
    if (anchor) effects.push({ anchor, call, form: located.value.form, keys: keysOf(located.value) });
  }
  for (const located of file.livePublishes()) {
    if (located.action !== action) continue;
    const call = located.compilerValue;
    const anchor = effectAnchor(call, handler);
    if (anchor) effects.push({ anchor, call });
  }
  let first: Offending | undefined;
  for (const { site, branch } of compilerHandlerReturns(handler)) {
    if (first && first.site !== site) break;
    const outcome = classifyReturn(branch, bindings);
    if (outcome !== 'success' && outcome !== 'revalidated') continue;
    // What runs on this path: the revalidation in the return's own chain, and effects certainly before it
    // (an `if` whose branches each run one counts, so the anchors are judged together).
    const runs = (candidates: readonly Effect[]) =>
      candidates.some((effect) => outcome === 'revalidated' && compilerContains(branch, effect.call)) ||
      coveredBefore(site, candidates.map((effect) => effect.anchor), handler);
    const refetches = (effect: Effect, queryKey: string) => !effect.keys || effect.keys.some((entry) => revalidationCovers(entry.key, entry.form, queryKey));
    const stale = affected.filter(({ query }) => !runs(effects.filter((effect) => refetches(effect, query.key))));
    if (stale.length > 0 || (all && !runs(effects))) {
      first ??= { site, branches: [], effects };
      first.branches.push({ branch, stale });
    }
  }
  return first;
}

function keysOf(revalidation: Revalidation): Effect['keys'] {
  if (revalidation.targets.some((target) => !target.keysKnown)) return undefined;
  const form = revalidation.form === 'realtime' ? 'realtime' : 'response';
  return revalidation.targets.flatMap((target) => target.keys.map((key) => ({ key: key.value, form })));
}

/**
 * Revalidates exactly the stale queries, in the form the handler already uses: added to the keys of the
 * return's own `response.revalidate(...)`; else added as targets of a `realtime.revalidate(...)` that
 * certainly runs before the return (with the scopes of its first target, and never a bare controller
 * key, which 0.3's `realtime.revalidate` drops); else as `.revalidate([...])` right after `response`.
 * In the response forms the stale queries' controller key is named instead when it names exactly them.
 */
function staleSuggestion(offending: Offending, action: Action, project: ProjectFacts | undefined, settings: IgniterSettings): Suggestion[] {
  const model = modelOf(project, settings);
  const edits: TextEdit[] = [];
  const shown: string[] = [];
  const show = (keys: readonly string[]) => {
    for (const key of keys) if (!shown.includes(key)) shown.push(key);
  };
  const handler = action.compilerHandler!;
  const realtime = offending.effects.find(
    (effect) => effect.form === 'realtime' && effect.keys && coveredBefore(offending.site, [effect.anchor], handler) && realtimeTargetsEdit(effect.call, []) !== undefined,
  );
  const viaRealtime: string[] = [];
  for (const { branch, stale } of offending.branches) {
    if (stale.length === 0) continue;
    const full = stale.map((entry) => entry.query.key);
    const chain = compilerResponseChain(branch, action.bindings!);
    const own = chain?.find((call) => call.name === 'revalidate');
    if (!own && realtime) {
      for (const key of full) if (!viaRealtime.includes(key)) viaRealtime.push(key);
      continue;
    }
    const keys = compactKeys(full, model);
    const edit = own ? ownRevalidateEdit(own.call, keys) : chain ? insertRevalidateEdit(chain[0].call, keys) : undefined;
    if (edit) {
      edits.push(edit);
      show(keys);
    }
  }
  if (realtime && viaRealtime.length > 0) {
    const edit = realtimeTargetsEdit(realtime.call, viaRealtime);
    if (edit) {
      edits.push(edit);
      show(viaRealtime);
    }
  }
  if (edits.length === 0) return [];
  return [{ messageId: 'addRevalidate', data: { keys: `[${shown.map((key) => `'${key}'`).join(', ')}]` }, edits }];
}

const queryKeysByModel = new WeakMap<DataModel, string[]>();

/** The model's query keys, listed once per model: a suggestion is built for each of the app's stale mutations. */
function queryKeysOf(model: DataModel): string[] {
  let keys = queryKeysByModel.get(model);
  if (!keys) {
    keys = [...model.actions.values()].filter((entry) => entry.kind === 'query').map((entry) => entry.key);
    queryKeysByModel.set(model, keys);
  }
  return keys;
}

const queriesByPrefixByModel = new WeakMap<DataModel, Map<string, string[]>>();

/**
 * The model's query keys that start with `prefix` (as text: `note` also starts `notes.list`), listed once
 * per model and prefix: the app's stale mutations of one controller ask the same question.
 */
function queryKeysStartingWith(model: DataModel | undefined, prefix: string): string[] {
  if (!model) return [];
  let byPrefix = queriesByPrefixByModel.get(model);
  if (!byPrefix) queriesByPrefixByModel.set(model, (byPrefix = new Map()));
  let keys = byPrefix.get(prefix);
  if (!keys) byPrefix.set(prefix, (keys = queryKeysOf(model).filter((key) => key.startsWith(prefix))));
  return keys;
}

/** `['note.list', 'note.count']` → `['note']` when those are all of `note`'s queries (a prefix refetches every query it starts). */
function compactKeys(keys: readonly string[], model: DataModel | undefined): string[] {
  const byController = new Map<string, string[]>();
  for (const key of keys) {
    const controller = key.slice(0, key.lastIndexOf('.'));
    byController.set(controller, [...(byController.get(controller) ?? []), key]);
  }
  const result: string[] = [];
  for (const [controller, members] of byController) {
    if (members.length > 1 && controller && queryKeysStartingWith(model, controller).every((key) => members.includes(key))) result.push(controller);
    else result.push(...members);
  }
  return result;
}

const quote = (keys: readonly string[]) => keys.map((key) => `'${key}'`).join(', ');

/**
 * Adds keys to `response.revalidate([...])`, `response.revalidate('key')` or `response.revalidate({ queryKeys: [...] })`.
 * Read on compiler nodes (ts-morph's getStart/getEnd/getText are the compiler node's range and text).
 */
function ownRevalidateEdit(node: TsMorph.ts.CallExpression, keys: readonly string[]): TextEdit | undefined {
  const ts = fastTs();
  const [first] = node.arguments;
  let list = first ? unwrapCompilerNode(first) : undefined;
  if (list && ts.isObjectLiteralExpression(list)) {
    const queryKeys = compilerPropertyValue(list, 'queryKeys');
    list = queryKeys ? unwrapCompilerNode(queryKeys) : undefined;
  }
  if (!list) return undefined;
  if (ts.isArrayLiteralExpression(list)) {
    const end = list.end - 1;
    return { range: [end, end], text: list.elements.length === 0 ? quote(keys) : `, ${quote(keys)}` };
  }
  if (compilerStringValue(list) !== undefined) {
    const sourceFile = node.getSourceFile();
    const start = list.getStart(sourceFile);
    return { range: [start, list.end], text: `[${sourceFile.text.slice(start, list.end)}, ${quote(keys)}]` };
  }
  return undefined;
}

/** `.revalidate([...])` right after `response` in a response chain whose first call is `chainStart`. */
function insertRevalidateEdit(chainStart: TsMorph.ts.CallExpression, keys: readonly string[]): TextEdit | undefined {
  const root = compilerCallee(chainStart)?.object;
  return root ? { range: [root.end, root.end], text: `.revalidate([${quote(keys)}])` } : undefined;
}

/**
 * Adds `{ path: key, scopes }` targets to `realtime.revalidate(target | [targets])`, with the scopes of its
 * first target as written; undefined when the argument is not a literal target or list of them.
 */
function realtimeTargetsEdit(call: TsMorph.ts.CallExpression, keys: readonly string[]): TextEdit | undefined {
  const ts = fastTs();
  const [first] = call.arguments;
  const argument = first ? unwrapCompilerNode(first) : undefined;
  if (!argument) return undefined;
  const sourceFile = call.getSourceFile();
  const targets = ts.isArrayLiteralExpression(argument) ? argument.elements.map(unwrapCompilerNode) : [argument];
  if (targets.length === 0 || !targets.every((target) => ts.isObjectLiteralExpression(target))) return undefined;
  const scopes = compilerPropertyValue(targets[0] as TsMorph.ts.ObjectLiteralExpression, 'scopes');
  const added = keys.map((key) => `{ path: '${key}'${scopes ? `, scopes: ${morphText(scopes, sourceFile)}` : ''} }`).join(', ');
  if (ts.isArrayLiteralExpression(argument)) return { range: [argument.end - 1, argument.end - 1], text: `, ${added}` };
  return { range: [argument.getStart(sourceFile), argument.end], text: `[${argument.getText(sourceFile)}, ${added}]` };
}

/**
 * `.revalidate([...])` naming the controller's stream queries, inserted right after `response` in each
 * offending branch: offered in `all` mode when nothing known is affected, and only when the keys are
 * known (the controller is registered in a router in view and has `stream: true` queries).
 */
function streamQueriesSuggestion(action: Action, branches: readonly OffendingBranch[], file: FileModel, project: ProjectFacts | undefined): Suggestion[] {
  const controller = action.controller;
  if (!controller) return [];
  const controllerKey = file.controllerKey(controller, project);
  if (!controllerKey) return [];
  const keys = [...controller.actions]
    .filter(([, candidate]) => candidate.kind === 'query' && candidate.stream === 'true')
    .map(([name]) => `${controllerKey}.${name}`);
  if (keys.length === 0) return [];
  const edits: TextEdit[] = [];
  for (const { branch } of branches) {
    const chain = compilerResponseChain(branch, action.bindings!);
    const root = chain ? compilerCallee(chain[0]!.call)?.object : undefined;
    if (root) edits.push({ range: [root.end, root.end], text: `.revalidate([${keys.map((key) => `'${key}'`).join(', ')}])` });
  }
  return edits.length === 0 ? [] : [{ messageId: 'addRevalidate', data: { keys: `[${keys.map((key) => `'${key}'`).join(', ')}]` }, edits }];
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

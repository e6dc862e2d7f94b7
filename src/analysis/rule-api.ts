/**
 * A rule is data plus a pure function. Both front ends (the ESLint adapter and `igniter-rt check`)
 * run the same definition; neither holds rule logic.
 */
import type { FileModel } from './file-model.js';
import type { IgniterSettings } from './settings.js';
import type { ProjectFacts } from './project-facts.js';

export type Severity = 'error' | 'warn';

/** A text edit on the file being checked: replace [start, end) with text. */
export interface TextEdit {
  range: readonly [number, number];
  text: string;
}

export interface Suggestion {
  messageId: string;
  data?: Record<string, string | number>;
  edits: TextEdit[];
}

export interface Finding {
  /** Character range of the reported code. */
  range: readonly [number, number];
  messageId: string;
  data?: Record<string, string | number>;
  /** Autofix: only for changes that keep runtime behaviour. */
  fix?: TextEdit[];
  suggestions?: Suggestion[];
}

export interface RuleContext<Options> {
  file: FileModel;
  options: Options;
  settings: IgniterSettings;
  /** Cross-file facts (router keys, revalidated keys); absent when no project is in view. */
  project?: ProjectFacts;
}

export interface RuleDocs {
  description: string;
  /** Level in the `recommended` preset; absent when the rule is not in it. */
  recommended?: Severity;
  /** Level in the `strict` preset (defaults to the recommended level). */
  strict?: Severity;
  url: string;
}

export interface RuleDefinition<Options extends object = Record<string, unknown>> {
  id: string;
  type: 'problem' | 'suggestion';
  docs: RuleDocs;
  messages: Record<string, string>;
  /** JSON schema of the single options object (`additionalProperties: false`). */
  schema: readonly object[];
  defaultOptions: Options;
  /** Option values the `strict` preset sets on top of the defaults. */
  strictOptions?: Partial<Options>;
  fixable?: 'code';
  hasSuggestions?: boolean;
  /** Cheap text test: a file that does not match is skipped before any parse or walk. */
  prefilter: RegExp;
  /**
   * The rule only looks at actions (their options or handlers): a file that never mentions
   * `<instance>.query/mutation(` or the core factories is skipped too (see `mentionsActions`).
   */
  requiresActions?: boolean;
  check(context: RuleContext<Options>): Finding[];
}

const DOCS_BASE = 'https://github.com/igniter-rt/igniter-rt/blob/main/rules';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}/${id}/README.md`;
}

/** Identity helper that keeps the options type of a definition. */
export function defineRule<Options extends object>(definition: RuleDefinition<Options>): RuleDefinition<Options> {
  return definition;
}

/** Options as the rule sees them: defaults with the user's values on top. */
export function resolveOptions<Options extends object>(definition: RuleDefinition<Options>, userOptions: unknown): Options {
  const given = userOptions && typeof userOptions === 'object' ? (userOptions as Partial<Options>) : {};
  return { ...definition.defaultOptions, ...given };
}

const actionPatterns = new Map<string, RegExp>();

/** Whether `text` can declare an action: `<instance>.query(`/`.mutation(` or `createIgniterQuery/Mutation`. */
export function mentionsActions(text: string, instanceNames: readonly string[]): boolean {
  const key = instanceNames.join(',');
  let pattern = actionPatterns.get(key);
  if (!pattern) {
    const names = instanceNames.map((name) => name.replace(/[$.*+?^(){}|[\]\\]/g, '\\$&')).join('|');
    pattern = new RegExp(`\\b(?:${names})\\s*(?:\\.\\s*(?:query|mutation)|\\[\\s*['"](?:query|mutation)['"]\\s*\\])\\s*[<(]|createIgniter(?:Query|Mutation)\\b`);
    actionPatterns.set(key, pattern);
  }
  return pattern.test(text);
}

/**
 * Text tests already run on the file being linted: every rule asks on every file, and several rules share
 * a prefilter (four test for `revalidate(`) and the action test. A prefilter's result sits in a slot of
 * its own, one per distinct pattern (flags and source), numbered when a rule's gate is made; the action
 * test's results are kept by instance names. All are dropped when another text is asked about.
 */
let testedText: string | undefined;
let patternResults: (boolean | undefined)[] = [];
const actionResults = new Map<string, boolean>();
const patternSlots = new Map<string, number>();

function forText(text: string): void {
  if (text === testedText) return;
  testedText = text;
  patternResults = [];
  actionResults.clear();
}

const instanceKeys = new WeakMap<readonly string[], string>();

function instanceKey(instanceNames: readonly string[]): string {
  let key = instanceKeys.get(instanceNames);
  if (key === undefined) {
    key = instanceNames.join(',');
    instanceKeys.set(instanceNames, key);
  }
  return key;
}

function mentionsActionsOnce(text: string, instanceNames: readonly string[]): boolean {
  const key = instanceKey(instanceNames);
  let result = actionResults.get(key);
  if (result === undefined) actionResults.set(key, (result = mentionsActions(text, instanceNames)));
  return result;
}

/** Whether a rule has anything to look at in a text (its prefilter, and actions when it needs them). */
export type RuleGate = (text: string, instanceNames: readonly string[]) => boolean;

/**
 * The gate of one rule, made once per rule: its pattern's slot is looked up here, so a file's question
 * costs an array read (the ESLint adapter asks it for every rule on every file, 24,000 times in the benchmark).
 */
export function ruleGate(definition: RuleDefinition<object>): RuleGate {
  const { prefilter } = definition;
  const patternKey = `${prefilter.flags}/${prefilter.source}`;
  let slot = patternSlots.get(patternKey);
  if (slot === undefined) patternSlots.set(patternKey, (slot = patternSlots.size));
  const requiresActions = !!definition.requiresActions;
  return (text, instanceNames) => {
    forText(text);
    // The action test first: half the rules need it and most files fail it, so their own patterns are
    // never run on those files.
    if (requiresActions && !mentionsActionsOnce(text, instanceNames)) return false;
    let result = patternResults[slot];
    if (result === undefined) patternResults[slot] = result = prefilter.test(text);
    return result;
  };
}

const gates = new WeakMap<RuleDefinition<object>, RuleGate>();

/** Whether a rule has anything to look at in `text` (its prefilter, and actions when it needs them). */
export function ruleApplies(definition: RuleDefinition<object>, text: string, instanceNames: readonly string[]): boolean {
  let gate = gates.get(definition);
  if (!gate) gates.set(definition, (gate = ruleGate(definition)));
  return gate(text, instanceNames);
}

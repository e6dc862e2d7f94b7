import type { ActionFacts } from '../../src/analysis/file-facts.js';
import type { TsMorph } from '../../src/analysis/morph.js';
import type { RevalidationForm, RevalidationKey } from '../../src/analysis/realtime-api.js';
import { defineRule, docsUrl, type Finding, type Suggestion } from '../../src/analysis/rule-api.js';

export type NoUnknownRevalidateKeyOptions = Record<string, never>;

/** The keys a revalidation may name, from the router's action keys. */
interface KnownKeys {
  /** `controller.action` keys of query actions, in router order. */
  queries: string[];
  /** The same keys, for lookups. */
  querySet: Set<string>;
  /** `controller.action` keys of mutation actions. */
  mutations: Set<string>;
  /** Router keys of controllers that have at least one action, in router order. */
  controllers: Set<string>;
}

/**
 * Known keys per router resolution: the index hands every file the same `actionKinds` map until the
 * project changes, so they are built once per run instead of once per file (a quadratic cost on a
 * router with hundreds of controllers).
 */
const knownKeysByKinds = new WeakMap<ReadonlyMap<string, ActionFacts>, KnownKeys>();

/** At most this many "did you mean" suggestions per key (only when several are equally near). */
const MAX_SUGGESTIONS = 3;

export const noUnknownRevalidateKey = defineRule<NoUnknownRevalidateKeyOptions>({
  id: 'no-unknown-revalidate-key',
  type: 'problem',
  docs: {
    description: 'Disallow revalidation keys that name no query (or controller) of the router',
    recommended: 'error',
    url: docsUrl('no-unknown-revalidate-key'),
  },
  messages: {
    unknownKey: "'{{key}}' names no query of the router: revalidating it refetches nothing. Query keys are `controller.action`, as the router registers them.",
    mutationKey: "'{{key}}' names a mutation: revalidating it refetches nothing. Revalidate the queries that read the data it changes.",
    controllerPath:
      "`realtime.revalidate` needs a `controller.action` path: '{{key}}' is a controller key alone, which Igniter rejects as an invalid path and skips.",
    useKey: "Use '{{key}}'.",
  },
  schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  defaultOptions: {},
  hasSuggestions: true,
  // Loose on purpose: `response['revalidate'](...)` must pass too.
  // `.revalidate(` and `['revalidate'](`, not `revalidatePath(`.
  prefilter: /revalidate['"`]?\s*\]?\s*\(/,
  check({ file, project }) {
    const keyed = file.revalidations().filter(({ value }) => value.targets.some((target) => target.keys.length > 0));
    // Only now ask for the project (building the index is the expensive part). Without a router, or
    // with one we could not fully resolve, any key might be real: stay silent rather than guess.
    if (keyed.length === 0 || !project?.hasRouter || !project.routerComplete) return [];
    const known = knownKeys(project.actionKinds());
    const findings: Finding[] = [];
    // One finding per literal (the branches of a conditional are read as targets apart).
    const seen = new Set<TsMorph.ts.Node>();
    for (const { value: revalidation } of keyed) {
      for (const target of revalidation.targets) {
        for (const key of target.keys) {
          if (seen.has(key.compilerNode)) continue;
          seen.add(key.compilerNode);
          const finding = checkKey(key, revalidation.form, known);
          if (finding) findings.push(finding);
        }
      }
    }
    return findings;
  },
});

function knownKeys(kinds: ReadonlyMap<string, ActionFacts>): KnownKeys {
  const cached = knownKeysByKinds.get(kinds);
  if (cached) return cached;
  const known: KnownKeys = { queries: [], querySet: new Set(), mutations: new Set(), controllers: new Set() };
  for (const [key, action] of kinds) {
    if (action.kind === 'query') {
      known.queries.push(key);
      known.querySet.add(key);
    } else known.mutations.add(key);
    known.controllers.add(key.slice(0, key.indexOf('.')));
  }
  knownKeysByKinds.set(kinds, known);
  return known;
}

/**
 * One literal key. The client refetches every registered query key that starts with the revalidated
 * key, and a query's registered key is `controller.action`, or `controller.action:<JSON input>` when
 * it was called with params or a query. So `message.list` also refetches `message.list:{...}`, a key
 * with its own `:<input>` suffix targets one input of that query, and a controller key alone (`message`)
 * refetches every query of that controller (except through `realtime.revalidate`, see below).
 */
function checkKey(key: RevalidationKey, form: RevalidationForm, known: KnownKeys): Finding | undefined {
  const colon = key.value.indexOf(':');
  const base = colon === -1 ? key.value : key.value.slice(0, colon);
  const suffix = colon === -1 ? '' : key.value.slice(colon);
  const segments = base.split('.');
  const data = { key: key.value };

  if (segments.length === 1 && suffix === '' && known.controllers.has(base)) {
    if (form !== 'realtime') return undefined;
    // `realtime.revalidate` splits the path into controller and action and skips the target when the
    // action is missing (it logs "Invalid path format"): offer each query of that controller instead.
    const queries = known.queries.filter((query) => query.startsWith(`${base}.`));
    return { range: rangeOf(key), messageId: 'controllerPath', data, suggestions: queries.slice(0, MAX_SUGGESTIONS).flatMap((query) => useKey(key, base, query)) };
  }
  if (segments.length === 2 && known.querySet.has(base)) return undefined;
  if (segments.length === 2 && known.mutations.has(base)) return { range: rangeOf(key), messageId: 'mutationKey', data, suggestions: [] };

  // A controller key alone is a valid target only without an input suffix and outside `realtime.revalidate`.
  const candidates = suffix === '' && form !== 'realtime' ? [...known.queries, ...known.controllers] : known.queries;
  return { range: rangeOf(key), messageId: 'unknownKey', data, suggestions: nearest(base, candidates).flatMap((candidate) => useKey(key, base, candidate + suffix)) };
}

/** Where a finding about a key points: its literal, read on the compiler node (nothing is wrapped). */
function rangeOf(key: RevalidationKey): readonly [number, number] {
  const literal = key.compilerNode;
  return [literal.getStart(literal.getSourceFile()), literal.end];
}

/**
 * "Did you mean": the known keys that differ from `key` only by a plural `s` on some segments
 * (`messages.list` → `message.list`, and the other way round); failing that, the nearest keys by edit
 * distance when it is at most 2 and at most a third of the key's length (so short keys get no wild
 * guesses). Ties give one suggestion each, up to MAX_SUGGESTIONS.
 */
function nearest(key: string, candidates: readonly string[]): string[] {
  const plural = candidates.filter((candidate) => differsByPlural(key, candidate));
  if (plural.length > 0) return plural.slice(0, MAX_SUGGESTIONS);
  const limit = Math.min(2, Math.floor(key.length / 3));
  let best = limit + 1;
  let found: string[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(key, candidate);
    if (distance < best) {
      best = distance;
      found = [candidate];
    } else if (distance === best) {
      found.push(candidate);
    }
  }
  return found.slice(0, MAX_SUGGESTIONS);
}

function differsByPlural(key: string, candidate: string): boolean {
  const a = key.split('.');
  const b = candidate.split('.');
  if (a.length !== b.length || key === candidate) return false;
  return a.every((segment, index) => segment === b[index] || segment === `${b[index]}s` || `${segment}s` === b[index]);
}

/** Levenshtein distance (insertions, deletions, substitutions), one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Replaces the key's `controller.action` part inside the literal, so the quotes (', ", `) and any
 * `:<input>` suffix stay as written. `replacement` is the whole new key (for the message); only its
 * base is written. No suggestion when the key is written with escape sequences (`'mess\u0061ge.list'`):
 * its text offsets would not match its value.
 */
function useKey(key: RevalidationKey, base: string, replacement: string): Suggestion[] {
  const literal = key.compilerNode;
  const sourceFile = literal.getSourceFile();
  const start = literal.getStart(sourceFile) + 1;
  if (literal.getText(sourceFile).slice(1, 1 + base.length) !== base) return [];
  const colon = replacement.indexOf(':');
  const text = colon === -1 ? replacement : replacement.slice(0, colon);
  return [{ messageId: 'useKey', data: { key: replacement }, edits: [{ range: [start, start + base.length], text }] }];
}

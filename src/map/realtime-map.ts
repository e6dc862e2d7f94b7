/**
 * The app's realtime picture for `igniter-rt map`: for each mutation, what it writes, which queries show
 * that (see `affectedQueries`), what it revalidates or publishes with which scopes, and its gaps. Built
 * from the project index's data model and nothing else; the gaps are require-revalidate's own findings
 * (./gaps.ts), so the map and `check` never disagree. Plain data: every renderer takes this.
 */
import { affectedQueries, revalidationCovers, shownResources, type ActionData, type DataModel, type SourceLocation } from '../analysis/data-model.js';

export interface MapWrite {
  resource: string;
  operation: string;
  /** `file:line`, relative to the project root. */
  at: string;
}

export interface MapAffected {
  query: string;
  /** Resources the mutation writes that the query shows. */
  resources: string[];
  /** `live`: a live query shows it; `sibling`: the mutation revalidates another query showing the same data. */
  reason: 'live' | 'sibling';
  /** Some revalidation of the mutation refetches this query (on some path: `gap` says whether on every one). */
  revalidated: boolean;
  /** require-revalidate reports this query stale after the mutation. */
  gap: boolean;
}

export interface MapRevalidation {
  key: string;
  form: 'response' | 'realtime';
  /** The scopes as written; absent when the call passes none (every connection refetches). */
  scopes?: string;
  /** Queries of the router this revalidation refetches (a key refetches every query it starts). */
  refetches: string[];
  at: string;
}

export interface MapPublish {
  /** The channel as written, when the call names one. */
  channel?: string;
  at: string;
}

export interface MapGap {
  /** The stale queries require-revalidate names (empty for a mutation that revalidates nothing, in strict mode). */
  queries: string[];
  resources: string[];
  /** require-revalidate's message, word for word. */
  message: string;
  at: string;
}

export interface MapMutation {
  key: string;
  at: string;
  writes: MapWrite[];
  affects: MapAffected[];
  revalidates: MapRevalidation[];
  /** Some revalidation names keys that are not literals: what it refetches is unknown. */
  revalidatesUnknown: boolean;
  publishes: MapPublish[];
  gaps: MapGap[];
  /** Client files that call `<client>.<key>.useMutation(...)`. */
  screens: string[];
  /** False when the handler is not inline or a call could not be followed: what it writes may be more. */
  complete: boolean;
}

export interface MapQuery {
  key: string;
  at: string;
  live: boolean;
  stream: boolean;
  /** Resources the query shows (its reads that are not mere guards). */
  shows: string[];
  /** Client files that call `<client>.<key>.useQuery(...)` (or `useRealtime`). */
  screens: string[];
}

export interface RealtimeMap {
  mutations: MapMutation[];
  queries: MapQuery[];
  /** Every gap of every mutation. */
  gapCount: number;
}

/** A require-revalidate finding of one mutation, as ./gaps.ts reads it. */
export interface GapFinding {
  mutation: string;
  queries: string[];
  resources: string[];
  message: string;
  at: string;
}

export interface MapInput {
  model: DataModel;
  gaps: readonly GapFinding[];
  /** Client files per action key, from ./screens.ts. */
  screens: ReadonlyMap<string, readonly string[]>;
}

const at = (location: SourceLocation) => `${location.fileName}:${location.line}`;

export function buildRealtimeMap({ model, gaps, screens }: MapInput): RealtimeMap {
  const actions = [...model.actions.values()].sort((a, b) => a.key.localeCompare(b.key));
  const queries = actions.filter((action) => action.kind === 'query');
  const mutations = actions.filter((action) => action.kind === 'mutation').map((mutation) => mapMutation(model, mutation, queries, gaps, screens));
  return {
    mutations,
    queries: queries.map((query) => ({
      key: query.key,
      at: at(query.location),
      live: query.live,
      stream: query.stream,
      shows: [...shownResources(query)].sort(),
      screens: [...(screens.get(query.key) ?? [])],
    })),
    gapCount: mutations.reduce((sum, mutation) => sum + mutation.gaps.length, 0),
  };
}

function mapMutation(model: DataModel, mutation: ActionData, queries: readonly ActionData[], gaps: readonly GapFinding[], screens: MapInput['screens']): MapMutation {
  const own = gaps.filter((gap) => gap.mutation === mutation.key);
  const stale = new Set(own.flatMap((gap) => gap.queries));
  const writes = uniqueBy(
    mutation.writes.map((access) => ({ resource: access.resource, operation: access.operation, at: at(access.location) })),
    (write) => `${write.resource}.${write.operation}@${write.at}`,
  );
  return {
    key: mutation.key,
    at: at(mutation.location),
    writes,
    affects: affectedQueries(model, mutation).map(({ query, resources, reason }) => ({
      query: query.key,
      resources,
      reason,
      revalidated: mutation.revalidates.some((entry) => revalidationCovers(entry.key, entry.form, query.key)),
      gap: stale.has(query.key),
    })),
    revalidates: mutation.revalidates.map((entry) => ({
      key: entry.key,
      form: entry.form,
      ...(entry.scopes !== undefined ? { scopes: entry.scopes } : {}),
      refetches: queries.filter((query) => revalidationCovers(entry.key, entry.form, query.key)).map((query) => query.key),
      at: at(entry.location),
    })),
    revalidatesUnknown: mutation.revalidatesUnknown,
    publishes: mutation.publishes.map((entry) => ({ ...(entry.channel !== undefined ? { channel: entry.channel } : {}), at: at(entry.location) })),
    gaps: own.map(({ queries: staleQueries, resources, message, at: where }) => ({ queries: staleQueries, resources, message, at: where })),
    screens: [...(screens.get(mutation.key) ?? [])],
    complete: mutation.complete,
  };
}

function uniqueBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const id = key(value);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

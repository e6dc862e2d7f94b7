/**
 * The data-dependency model: for every action of the router, the resources it reads and writes, what
 * it revalidates and publishes, and whether it is a live query. A pure function of the project index's
 * facts (`buildDataModel`), so `require-revalidate`, `igniter-rt map` and the precision benchmark all
 * see the same picture.
 *
 * Calls are followed into bodies in view (functions and methods of the same file or imported ones,
 * methods a procedure in the action's `use` puts in the context) to MAX_DEPTH levels, each body once
 * per action, within a time and size budget; what cannot be followed stays out (unknown), never guessed.
 */
import { posix, relative, sep } from 'node:path';
import type { ActionFacts, FileFacts } from './file-facts.js';
import type { AccessFact, BodyFacts, CallFact } from './data-access.js';
import { classifyOperation, type AccessKind, type OperationTables } from './resources.js';

export interface SourceLocation {
  /** Relative to the project root, with `/`. */
  fileName: string;
  line: number;
}

export interface Access {
  resource: string;
  operation: string;
  kind: AccessKind;
  /** Where the access is written. */
  location: SourceLocation;
  /** The calls followed from the handler to reach it (empty when it is in the handler itself). */
  via: SourceLocation[];
  /** A query's read that only guards or keys other code (`if (!room) return notFound()`, `room.id`). */
  guard?: boolean;
}

export interface Revalidates {
  key: string;
  form: 'response' | 'realtime';
  location: SourceLocation;
  /** The scopes as written, when given. */
  scopes?: string;
}

export interface Publishes {
  location: SourceLocation;
  /** The channel as written, when the call names one. */
  channel?: string;
}

export interface ActionData {
  /** `controller.action`. */
  key: string;
  kind: 'query' | 'mutation';
  /** A query with `stream: true`, or whose key is revalidated anywhere. */
  live: boolean;
  stream: boolean;
  location: SourceLocation;
  reads: Access[];
  writes: Access[];
  /** Accesses whose operation is in neither table: no claim is made about them. */
  unknown: Access[];
  revalidates: Revalidates[];
  /** Some revalidation names keys that are not literals. */
  revalidatesUnknown: boolean;
  publishes: Publishes[];
  /** The handler is not inline, or a call could not be followed within the budget. */
  complete: boolean;
}

export interface DataModel {
  actions: ReadonlyMap<string, ActionData>;
}

/** What the model is built from: the project index's resolution, as plain lookups. */
export interface DataModelSource {
  root: string;
  /** Every action key of the router, with its facts and the file that declares it. */
  actions: readonly { key: string; facts: ActionFacts; file: string }[];
  /** Every literal key revalidated anywhere in the project. */
  revalidatedKeys: readonly string[];
  factsOf(file: string): FileFacts | undefined;
  /** Where `local` of `file` is declared (through imports and re-exports): a function, object, class, instance or procedure. */
  resolveName(file: string, local: string): { file: string; local: string } | undefined;
  tables?: OperationTables;
}

/** Levels of calls followed from a handler: the handler's own call is level 1. */
export const MAX_DEPTH = 3;
/** Bodies followed for the whole model, and the time it may take, before the rest stays unknown. */
const MAX_BODIES = 20_000;
const MAX_MILLISECONDS = 3_000;

export function buildDataModel(source: DataModelSource): DataModel {
  const started = performance.now();
  let bodies = 0;
  const overBudget = () => bodies > MAX_BODIES || performance.now() - started > MAX_MILLISECONDS;
  // Every access, call and revalidation of a file names it: its relative name is computed once per file.
  const fileNames = new Map<string, string>();
  const location = (file: string, line: number): SourceLocation => {
    let fileName = fileNames.get(file);
    if (fileName === undefined) fileNames.set(file, (fileName = relative(source.root, file).split(sep).join(posix.sep)));
    return { fileName, line };
  };
  const resolved = new Map<string, { file: string; local: string } | undefined>();
  const resolveName = (file: string, local: string) => {
    const cacheKey = `${file}\0${local}`;
    if (!resolved.has(cacheKey)) {
      let result: { file: string; local: string } | undefined;
      try {
        result = source.resolveName(file, local);
      } catch {
        result = undefined;
      }
      resolved.set(cacheKey, result);
    }
    return resolved.get(cacheKey);
  };

  /** The body a call leads to, if it is in view. */
  const target = (file: string, call: CallFact, procedures: readonly { file: string; local: string }[]): { file: string; key: string; body: BodyFacts } | undefined => {
    if (call.context) {
      for (const procedure of procedures) {
        const body = source.factsOf(procedure.file)?.flow?.procedures[procedure.local]?.[`${call.name}.${call.member}`];
        if (body) return { file: procedure.file, key: `${procedure.local}:${call.name}.${call.member}`, body };
      }
      return undefined;
    }
    const declared = resolveName(file, call.name);
    if (!declared) return undefined;
    const flow = source.factsOf(declared.file)?.flow;
    if (!flow) return undefined;
    let name = call.member ? `${declared.local}.${call.member}` : declared.local;
    if (call.member && !flow.functions[name] && flow.instances[declared.local]) name = `${flow.instances[declared.local]}.${call.member}`;
    const body = flow.functions[name];
    return body ? { file: declared.file, key: name, body } : undefined;
  };

  const actions = new Map<string, ActionData>();
  for (const { key, facts, file } of source.actions) {
    const flow = facts.flow;
    const data: ActionData = {
      key,
      kind: facts.kind,
      live: false,
      stream: facts.stream === 'true',
      location: location(file, flow?.line ?? 0),
      reads: [],
      writes: [],
      unknown: [],
      revalidates: (flow?.revalidates ?? []).map((entry) => ({ key: entry.key, form: entry.form, location: location(file, entry.line), ...(entry.scopes ? { scopes: entry.scopes } : {}) })),
      revalidatesUnknown: !!flow?.revalidatesUnknown,
      publishes: (flow?.publishes ?? []).map((entry) => ({ location: location(file, entry.line), ...(entry.channel ? { channel: entry.channel } : {}) })),
      complete: !!flow,
    };
    if (flow) {
      const procedures = flow.procedures
        .map((name) => resolveName(file, name.split('.')[0]))
        .filter((found): found is { file: string; local: string } => !!found && !!source.factsOf(found.file)?.flow?.procedures[found.local]);
      const visited = new Set<string>();
      /** `guard`: reached through a call whose result only guards; `readOnly`: through a call whose name reads (`getSession`). */
      const collect = (body: BodyFacts, bodyFile: string, depth: number, via: SourceLocation[], guard: boolean, readOnly: boolean) => {
        for (const access of body.accesses) {
          const kind = classifyOperation(access.op, source.tables);
          // A write inside a call named as a read is a side effect its callers do not count on.
          if (readOnly && kind === 'write') continue;
          addAccess(data, access, kind, location(bodyFile, access.line), via, guard || (!!access.guard && via.length === 0));
        }
        if (depth >= MAX_DEPTH) return;
        for (const call of body.calls) {
          if (overBudget()) {
            data.complete = false;
            return;
          }
          const next = target(bodyFile, call, procedures);
          if (!next) continue;
          const visitKey = `${next.file}\0${next.key}`;
          if (visited.has(visitKey)) continue;
          visited.add(visitKey);
          bodies++;
          const callKind = classifyOperation(call.member ?? call.name, source.tables);
          collect(next.body, next.file, depth + 1, [...via, location(bodyFile, call.line)], guard || (!!call.guard && via.length === 0), readOnly || callKind === 'read');
        }
      };
      collect(flow, file, 0, [], false, false);
    }
    actions.set(key, data);
  }
  // Live: `stream: true`, or refetched by some revalidation (by its key or a prefix of it, in the form
  // that revalidation takes), or named exactly by one outside any action (a helper's).
  const named = new Set(source.revalidatedKeys);
  const refetching = refetchingKeys([...actions.values()].flatMap((data) => data.revalidates));
  for (const data of actions.values()) {
    data.live = data.kind === 'query' && (data.stream || named.has(data.key) || refetchesByPrefix(refetching, data.key));
  }
  return { actions };
}

/** The keys of `revalidations` that refetch something (`revalidationCovers` is true for some query key). */
function refetchingKeys(revalidations: readonly Revalidates[]): Set<string> {
  return new Set(revalidations.filter((entry) => entry.form !== 'realtime' || entry.key.includes('.')).map((entry) => entry.key));
}

/**
 * Whether some revalidation covers `queryKey`: one of its prefixes (the empty one and itself included)
 * is a refetching key. The same answer as `revalidationCovers` over every revalidation, in a look-up
 * per prefix instead of a test per revalidation of the project.
 */
function refetchesByPrefix(refetching: ReadonlySet<string>, queryKey: string): boolean {
  if (refetching.size === 0) return false;
  for (let end = 0; end <= queryKey.length; end++) if (refetching.has(queryKey.slice(0, end))) return true;
  return false;
}

function addAccess(data: ActionData, fact: AccessFact, kind: AccessKind, at: SourceLocation, via: SourceLocation[], guard: boolean): void {
  const access: Access = { resource: fact.resource, operation: fact.op, kind, location: at, via };
  if (guard) access.guard = true;
  (kind === 'read' ? data.reads : kind === 'write' ? data.writes : data.unknown).push(access);
}

/**
 * Whether revalidating `key` refetches the query `queryKey` in 0.3: clients refetch every query whose
 * key starts with the revalidated one (`note.list` also refetches `note.listArchived`), and
 * `realtime.revalidate` drops a bare controller key (no dot) while `response.revalidate` takes it.
 */
export function revalidationCovers(key: string, form: 'response' | 'realtime', queryKey: string): boolean {
  if (form === 'realtime' && !key.includes('.')) return false;
  return queryKey.startsWith(key);
}

/** Resources a query shows: its reads that are not mere guards. */
export function shownResources(query: ActionData): Set<string> {
  return new Set(query.reads.filter((access) => !access.guard).map((access) => access.resource));
}

export interface AffectedQuery {
  query: ActionData;
  /** The resources the mutation writes and the query shows. */
  resources: string[];
  /** Why the query is expected to update: it is live, or the mutation revalidates another query showing the same data. */
  reason: 'live' | 'sibling';
}

/**
 * The queries a mutation leaves stale unless it revalidates them: live queries showing a resource it
 * writes, and queries (live or not) showing a written resource that another query it revalidates also
 * shows (the unread badge next to the list it does revalidate).
 */
export function affectedQueries(model: DataModel, mutation: ActionData): AffectedQuery[] {
  const written = new Set(mutation.writes.map((access) => access.resource));
  if (written.size === 0) return [];
  // Only queries that show a written resource can be affected or signal one.
  const { shown, showing } = queriesByResource(model);
  const candidates = new Set<ActionData>();
  for (const resource of written) for (const query of showing.get(resource) ?? []) candidates.add(query);
  // Resources the mutation's own revalidations say it changes.
  const signalled = new Set<string>();
  for (const query of candidates) {
    if (!mutation.revalidates.some((entry) => revalidationCovers(entry.key, entry.form, query.key))) continue;
    for (const resource of shown.get(query)!) if (written.has(resource)) signalled.add(resource);
  }
  const affected: AffectedQuery[] = [];
  for (const query of candidates) {
    const resources = [...shown.get(query)!].filter((resource) => written.has(resource) && !(createsOnly(mutation, resource) && readsByKeyOnly(query, resource))).sort();
    if (resources.length === 0) continue;
    if (query.live) affected.push({ query, resources, reason: 'live' });
    else if (resources.some((resource) => signalled.has(resource))) affected.push({ query, resources, reason: 'sibling' });
  }
  return affected.sort((a, b) => a.query.key.localeCompare(b.query.key));
}

interface QueryIndex {
  /** What each query shows (`shownResources`). */
  shown: Map<ActionData, Set<string>>;
  /** The queries that show each resource. */
  showing: Map<string, ActionData[]>;
}

/** Per model (its actions never change once built): asked once per mutation, so once, not per mutation. */
const queryIndexes = new WeakMap<DataModel['actions'], QueryIndex>();

function queriesByResource(model: DataModel): QueryIndex {
  let index = queryIndexes.get(model.actions);
  if (!index) {
    index = { shown: new Map(), showing: new Map() };
    for (const action of model.actions.values()) {
      if (action.kind !== 'query') continue;
      const resources = shownResources(action);
      index.shown.set(action, resources);
      for (const resource of resources) {
        const list = index.showing.get(resource);
        if (list) list.push(action);
        else index.showing.set(resource, [action]);
      }
    }
    queryIndexes.set(model.actions, index);
  }
  return index;
}

const CREATION = /^(?:create|insert)(?:$|[A-Z0-9_$])/;
const BY_KEY = /^(?:findUnique|findOne$|getOne$)|ById$/;

/** The mutation only adds records of `resource` (`create`, `insertMany`): records read by their key are unchanged. */
function createsOnly(mutation: ActionData, resource: string): boolean {
  return mutation.writes.every((access) => access.resource !== resource || CREATION.test(access.operation));
}

/** The query shows `resource` only through lookups by key (`findById`, `findUnique`), which a new record does not change. */
function readsByKeyOnly(query: ActionData, resource: string): boolean {
  return query.reads.every((access) => access.resource !== resource || access.guard || BY_KEY.test(access.operation));
}

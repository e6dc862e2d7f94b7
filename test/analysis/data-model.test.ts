/**
 * The data-dependency model (src/analysis/data-model.ts): names and operation tables, then the model of
 * a SaaS-shaped fixture app (test/fixtures/data-model), whose accesses are reached through procedures,
 * imported services and functions two files away, and bad input that must stay bounded and silent.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { affectedQueries, buildDataModel, revalidationCovers, type ActionData, type DataModel } from '../../src/analysis/data-model.js';
import { emptyFacts, type ActionFacts, type FileFacts } from '../../src/analysis/file-facts.js';
import { indexCachePath } from '../../src/analysis/index-cache.js';
import { ProjectIndex } from '../../src/analysis/project-index.js';
import { classifyOperation, normalizeResource, resourceOf } from '../../src/analysis/resources.js';
import { resolveSettings } from '../../src/analysis/settings.js';

const APP = join(import.meta.dirname, '..', 'fixtures', 'data-model');

function modelOf(root: string, settings: Record<string, unknown> = {}): DataModel {
  const index = new ProjectIndex(root, resolveSettings(settings));
  index.refresh(true);
  return index.view().dataModel();
}

/** `resource.operation` of each access, with `(guard)` and the depth it was reached at (`<n`). */
function accesses(list: ActionData['reads']): string[] {
  return list.map((access) => `${access.resource}.${access.operation}${access.guard ? ' (guard)' : ''}${access.via.length ? ` <${access.via.length}` : ''}`);
}

describe('resource names and operations', () => {
  it('normalises plural and singular, suffixes and case to one name', () => {
    expect(['notification', 'notifications', 'Notification', 'notificationService', 'NotificationRepository', 'notificationsRepo', 'notificationStore', 'notificationDao'].map(normalizeResource)).toEqual(Array(8).fill('notification'));
    expect(['categories', 'addresses', 'boxes', 'status', 'rooms', 'messageRepository', 'Service'].map(normalizeResource)).toEqual(['category', 'address', 'box', 'status', 'room', 'message', 'service']);
  });

  it('names the resource right before the operation, never a container or the handler’s own tools', () => {
    expect(resourceOf(['database', 'notification'], 'create')).toBe('notification');
    expect(resourceOf(['services', 'database', 'lead'], 'findMany')).toBe('lead');
    expect(resourceOf(['messageRepository'], 'findMany')).toBe('message');
    expect(resourceOf(['database'], '$transaction')).toBeUndefined();
    expect(resourceOf(['auth', 'api'], 'getSession')).toBeUndefined();
    expect(resourceOf(['logger'], 'info')).toBeUndefined();
    expect(resourceOf(['user', 'name'], 'toLowerCase')).toBeUndefined();
  });

  it('classifies by the documented tables, prefixes ending at a capital, and extends them by settings', () => {
    const read = ['find', 'findMany', 'findUnique', 'get', 'getById', 'list', 'listTemplates', 'count', 'countUnread', 'aggregate', 'groupBy', 'search', 'exists', 'has'];
    const write = ['create', 'createMany', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany', 'remove', 'insert', 'save', 'set', 'setPinned', 'add', 'addMember', 'send', 'markAsRead', 'archive', 'restore', 'increment', 'decrement'];
    expect(read.map((op) => classifyOperation(op))).toEqual(read.map(() => 'read'));
    expect(write.map((op) => classifyOperation(op))).toEqual(write.map(() => 'write'));
    // Not a verb of the table: `finder`, `settings`, `address`, `market`, `rename` make no claim.
    expect(['finder', 'settings', 'address', 'market', 'rename', 'hasten', 'publish'].map((op) => classifyOperation(op))).toEqual(Array(7).fill('unknown'));
    expect(classifyOperation('rename', { writeOperations: ['rename*'] })).toBe('write');
    expect(classifyOperation('fetchAll', { readOperations: ['fetch*'] })).toBe('read');
    // Settings come first: they may reclassify a default.
    expect(classifyOperation('getOrCreate', { writeOperations: ['getOrCreate'] })).toBe('write');
  });

  it('tells which queries a revalidation refetches: by prefix, and no bare controller key through realtime.revalidate', () => {
    expect(revalidationCovers('note.list', 'response', 'note.list')).toBe(true);
    expect(revalidationCovers('note.list', 'realtime', 'note.listArchived')).toBe(true);
    expect(revalidationCovers('note', 'response', 'note.count')).toBe(true);
    expect(revalidationCovers('note', 'realtime', 'note.count')).toBe(false);
    expect(revalidationCovers('note.count', 'response', 'note.list')).toBe(false);
  });

  it('marks a query live exactly when some revalidation of the project covers it', () => {
    const query = (key: string, stream: 'true' | 'missing' = 'missing') => ({ key, file: '/app/q.ts', facts: { kind: 'query' as const, stream } });
    const revalidating = (key: string, revalidates: { key: string; form: 'response' | 'realtime' }[]) => ({
      key,
      file: '/app/m.ts',
      facts: { kind: 'mutation' as const, stream: 'missing' as const, flow: { accesses: [], calls: [], line: 1, revalidates: revalidates.map((entry) => ({ ...entry, line: 1 })), publishes: [], procedures: [] } },
    });
    const liveKeys = (actions: { key: string; file: string; facts: ActionFacts }[], revalidatedKeys: string[] = []) =>
      [...buildDataModel({ root: '/app', actions, revalidatedKeys, factsOf: () => undefined, resolveName: () => undefined }).actions.values()].filter((data) => data.live).map((data) => data.key);
    const queries = [query('note.list'), query('note.listArchived'), query('note.count'), query('notes.list'), query('task.list'), query('task.get', 'true'), query('user.get'), query('')];
    expect(liveKeys([...queries, revalidating('a.m', [{ key: 'note.list', form: 'realtime' }, { key: 'task', form: 'realtime' }, { key: 'user.ge', form: 'response' }])])).toEqual(['note.list', 'note.listArchived', 'task.get', 'user.get']);
    expect(liveKeys([...queries, revalidating('a.m', [{ key: 'note', form: 'response' }])])).toEqual(['note.list', 'note.listArchived', 'note.count', 'notes.list', 'task.get']);
    // An empty key as `response.revalidate` takes it covers every query; through `realtime.revalidate`, none.
    expect(liveKeys([...queries, revalidating('a.m', [{ key: '', form: 'response' }])])).toEqual(['note.list', 'note.listArchived', 'note.count', 'notes.list', 'task.list', 'task.get', 'user.get', '']);
    expect(liveKeys([...queries, revalidating('a.m', [{ key: '', form: 'realtime' }])])).toEqual(['task.get']);
    // Named exactly outside any action (a helper's revalidation), and the mutation itself is never live.
    expect(liveKeys([...queries, revalidating('note.touch', [{ key: 'note.list', form: 'response' }])], ['task.list'])).toEqual(['note.list', 'note.listArchived', 'task.list', 'task.get']);
    expect(liveKeys(queries)).toEqual(['task.get']);
  });
});

describe('the model of a SaaS-shaped app', () => {
  const model = modelOf(APP);
  const action = (key: string) => model.actions.get(key)!;

  it('has every action of the router, with its kind, liveness and location', () => {
    expect([...model.actions.keys()].sort()).toEqual([
      'apiKey.create',
      'audit.log',
      'lead.create',
      'lead.list',
      'notification.list',
      'notification.markAllAsRead',
      'notification.markAsRead',
      'notification.unreadCount',
      'user.update',
    ]);
    expect([...model.actions.values()].filter((data) => data.live).map((data) => data.key).sort()).toEqual(['lead.list', 'notification.list']);
    expect(action('notification.list').location).toEqual({ fileName: 'src/features/notification/notification.controller.ts', line: 9 });
  });

  it('reads through methods a procedure puts in the context; what only guards the handler is marked', () => {
    expect(accesses(action('notification.list').reads)).toEqual([
      'auth.getSession (guard)',
      'notification.list',
      'session.findFirst (guard) <1',
      'user.findUnique (guard) <1',
      'notification.findMany <1',
      'notification.count <1',
    ]);
    expect(action('notification.list').reads[4].location).toEqual({ fileName: 'src/features/notification/notification.procedure.ts', line: 9 });
  });

  it('follows calls across files to three levels: handler → procedure method → imported function → its helper', () => {
    const lead = action('lead.create');
    expect(accesses(lead.writes)).toEqual(['lead.create', 'lead.create <1', 'notification.create <3']);
    expect(accesses(lead.reads)).toEqual(['member.findMany <2']);
    expect(lead.writes[2].via.map((step) => `${step.fileName}:${step.line}`)).toEqual([
      'src/features/lead/lead.controller.ts:20',
      'src/features/lead/lead.procedure.ts:11',
      'src/services/notify.ts:4',
    ]);
    expect(lead.revalidates).toEqual([
      { key: 'lead.list', form: 'response', location: { fileName: 'src/features/lead/lead.controller.ts', line: 21 }, scopes: '() => [`organization:${lead.organizationId}`]' },
    ]);
  });

  it('follows an imported service object; unknown operations stay unknown, and unresolved calls claim nothing', () => {
    const apiKey = action('apiKey.create');
    expect(accesses(apiKey.writes)).toEqual(['apikey.create', 'notification.send', 'notification.create <1']);
    expect(accesses(apiKey.unknown)).toEqual(['ratelimit.check']);
    const audit = action('audit.log');
    // `record` and `again` call each other: each body is followed once.
    expect(accesses(audit.writes)).toEqual(['audit.create <1']);
    expect(accesses(audit.unknown)).toEqual(['missing.doSomething']);
  });

  it('records revalidations with their form', () => {
    expect(action('notification.markAllAsRead').revalidates.map((entry) => `${entry.form}:${entry.key}`)).toEqual(['realtime:notification']);
  });

  it('finds the queries each mutation leaves stale: live readers, and siblings of what it revalidates', () => {
    const affected = (key: string) => affectedQueries(model, action(key)).map((entry) => `${entry.query.key} (${entry.reason}: ${entry.resources.join(', ')})`);
    expect(affected('apiKey.create')).toEqual(['notification.list (live: notification)']);
    expect(affected('lead.create')).toEqual(['lead.list (live: lead)', 'notification.list (live: notification)']);
    // It revalidates `notification.list`; `notification.unreadCount` shows the same rows (the unread badge).
    expect(affected('notification.markAsRead')).toEqual(['notification.list (live: notification)', 'notification.unreadCount (sibling: notification)']);
    // `notification.list` reads users only to check the session.
    expect(affected('user.update')).toEqual([]);
    expect(affected('audit.log')).toEqual([]);
  });

  it('extends the operation tables from the settings', () => {
    const withSettings = modelOf(APP, { writeOperations: ['check'] });
    expect(accesses(withSettings.actions.get('apiKey.create')!.writes)).toContain('ratelimit.check');
  });

  it('gives the same model from the index cache as from a cold parse', () => {
    const previous = process.env.IGNITER_RT_CACHE;
    delete process.env.IGNITER_RT_CACHE;
    const cachePath = indexCachePath(APP)!;
    try {
      rmSync(cachePath, { force: true });
      const cold = new ProjectIndex(APP, resolveSettings({}));
      cold.refresh(true);
      const first = JSON.stringify([...cold.view().dataModel().actions]);
      // A second index (the next ESLint or check run) reads the facts from the cache instead of parsing.
      const warm = new ProjectIndex(APP, resolveSettings({}));
      warm.refresh(true);
      expect(JSON.stringify([...warm.view().dataModel().actions])).toBe(first);
      expect(cold.parsedFiles).toBeGreaterThan(0);
      expect(warm.parsedFiles).toBe(0);
    } finally {
      rmSync(cachePath, { force: true });
      if (previous === undefined) delete process.env.IGNITER_RT_CACHE;
      else process.env.IGNITER_RT_CACHE = previous;
    }
  });
});

describe('the model of the example app', () => {
  const model = modelOf(join(import.meta.dirname, '..', '..', 'examples', 'chat-app'));

  it('records what each mutation revalidates and publishes, with scopes and channels as written', () => {
    const join = model.actions.get('room.join')!;
    expect(join.publishes).toEqual([
      { location: { fileName: 'src/features/room/controllers/room.controller.ts', line: 77 }, channel: "streamChannel('room.members', { params: { roomId: room.id } })" },
    ]);
    expect(join.revalidates.map((entry) => `${entry.form}:${entry.key} ${entry.scopes}`)).toEqual(['response:room.list (ctx) => [userScope(ctx.user.id)]', 'response:user.rooms (ctx) => [userScope(ctx.user.id)]']);
    expect(accesses(join.writes)).toEqual(['room.addMember']);
    expect(model.actions.get('room.create')!.revalidates.map((entry) => `${entry.form}:${entry.key} ${entry.scopes}`)).toEqual([
      'realtime:room.directory [DIRECTORY_SCOPE]',
      'response:room.list (ctx) => [userScope(ctx.user.id)]',
      'response:user.rooms (ctx) => [userScope(ctx.user.id)]',
    ]);
  });

  it('marks live queries and finds what rename leaves stale', () => {
    expect([...model.actions.values()].filter((data) => data.live).map((data) => data.key).sort()).toEqual([
      'message.list',
      'presence.list',
      'room.directory',
      'room.list',
      'typing.list',
      'user.profile',
      'user.rooms',
    ]);
    expect(affectedQueries(model, model.actions.get('room.rename')!).map((entry) => entry.query.key)).toEqual(['room.directory', 'room.list', 'user.rooms']);
  });
});

describe('bad input', () => {
  /** A project of synthetic facts: `count` functions calling each other in a ring, and one action calling the first. */
  function ringSource(count: number, resolveName: (file: string, local: string) => { file: string; local: string } | undefined) {
    const facts: FileFacts = emptyFacts();
    for (let i = 0; i < count; i++) {
      facts.flow.functions[`f${i}`] = { accesses: [{ resource: `r${i}`, op: 'create', line: i + 1 }], calls: [{ name: `f${(i + 1) % count}`, line: i + 1 }] };
    }
    return {
      root: '/app',
      actions: [{ key: 'x.run', file: '/app/x.ts', facts: { kind: 'mutation' as const, stream: 'missing' as const, flow: { accesses: [], calls: [{ name: 'f0', line: 1 }], line: 1, revalidates: [], publishes: [], procedures: [] } } }],
      revalidatedKeys: [],
      factsOf: () => facts,
      resolveName,
    };
  }

  it('stops following at the depth bound, even through a ring of calls', () => {
    const model = buildDataModel(ringSource(10, (file, local) => ({ file, local })));
    expect(accesses(model.actions.get('x.run')!.writes)).toEqual(['r0.create <1', 'r1.create <2', 'r2.create <3']);
  });

  it('never throws: a resolver that throws or a file without facts leaves the call unknown', () => {
    const throwing = buildDataModel(ringSource(3, () => {
      throw new Error('resolver failure');
    }));
    expect(throwing.actions.get('x.run')!.writes).toEqual([]);
    const missing = buildDataModel({ ...ringSource(3, (file, local) => ({ file, local })), factsOf: () => undefined });
    expect(missing.actions.get('x.run')!.writes).toEqual([]);
  });

  it('is bounded on a huge call graph', () => {
    const started = performance.now();
    const model = buildDataModel(ringSource(50_000, (file, local) => ({ file, local })));
    expect(model.actions.get('x.run')!.writes).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

/**
 * `generate hook <controller>` against a fresh copy of the fixture app with a realtime controller: the
 * hooks type-check against @igniter-js/core 0.3.40 and React 19's types (used from a component), pass
 * the `strict` preset with zero findings, re-running changes nothing, conflicts need --force, unknown
 * controllers are usage errors. A runtime test drives the generated hooks with React 19 and the real
 * 0.3.40 client (IgniterProvider, useQuery, useMutation) over a stubbed fetch and EventSource:
 * optimistic update, rollback on error, no flicker after success, revalidation refetch, one SSE
 * connection asking for the `revalidation` channel only; presence (join, heartbeat, leave on pagehide
 * with keepalive and on unmount) and typing (throttled start, stop) with their timers released.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hookGenerator } from '../../src/generate/generators/hook.js';
import { GENERATORS } from '../../src/generate/generators/index.js';
import { runGenerator } from '../../src/generate/run.js';
import { failure, lintStrict, typecheck } from './support.js';
import type { OptionValue } from '../../src/generate/types.js';

const REPO = join(import.meta.dirname, '..', '..');
const FIXTURE = join(REPO, 'test', 'fixtures', 'generator-app');

let temp: string;

beforeAll(() => {
  temp = mkdtempSync(join(REPO, '.tmp-gen-hook-'));
});

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------
// The app: the fixture plus a realtime controller written by hand

const TODO_CONTROLLER = `import { z } from 'zod'
import { igniter } from '@/igniter'
import { authProcedure } from '@/procedures/auth.procedure'

export type Todo = { id: string; title: string; done: boolean }

const todos = new Map<string, Todo>()
const TodoBody = z.object({ title: z.string().min(1) })
const ListQuery = z.object({ limit: z.coerce.number().int().positive().max(100).optional(), before: z.string().optional() })
const userScope = (userId: string) => \`user:\${userId}\`

export const todoController = igniter.controller({
  name: 'Todo',
  path: '/todos',
  actions: {
    list: igniter.query({
      path: '/' as const,
      stream: true,
      query: ListQuery,
      use: [authProcedure()],
      handler: async ({ response }) => response.success({ items: [...todos.values()] }),
    }),
    byRoom: igniter.query({
      path: '/rooms/:roomId' as const,
      stream: true,
      use: [authProcedure()],
      handler: async ({ request, response }) => response.success({ roomId: request.params.roomId, items: [...todos.values()] }),
    }),
    getById: igniter.query({
      path: '/:id' as const,
      use: [authProcedure()],
      handler: async ({ request, response }) => {
        const todo = todos.get(request.params.id)
        if (!todo) return response.notFound('Todo not found')
        return response.success({ todo })
      },
    }),
    create: igniter.mutation({
      path: '/' as const,
      method: 'POST',
      body: TodoBody,
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const todo: Todo = { id: crypto.randomUUID(), title: request.body.title, done: false }
        todos.set(todo.id, todo)
        return response.revalidate(['todo.list', 'todo.byRoom'], () => [userScope(context.user.id)]).created({ todo })
      },
    }),
    delete: igniter.mutation({
      path: '/:id' as const,
      method: 'DELETE',
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        todos.delete(request.params.id)
        return response.revalidate(['todo.list', 'todo.byRoom'], () => [userScope(context.user.id)]).success({ id: request.params.id })
      },
    }),
    clear: igniter.mutation({
      path: '/clear' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ context, response }) => {
        todos.clear()
        return response.revalidate(['todo.list', 'todo.byRoom'], () => [userScope(context.user.id)]).noContent()
      },
    }),
  },
})
`;

/** Mutations only (no stream), registered under a two-word key. */
const USER_PROFILE_CONTROLLER = `import { z } from 'zod'
import { igniter } from '@/igniter'
import { authProcedure } from '@/procedures/auth.procedure'

export const userProfileController = igniter.controller({
  name: 'UserProfile',
  path: '/profile',
  actions: {
    rename: igniter.mutation({
      path: '/name' as const,
      method: 'PATCH',
      body: z.object({ name: z.string() }),
      use: [authProcedure()],
      handler: async ({ request, context, response }) =>
        response.revalidate(['todo.list'], () => [\`user:\${context.user.id}\`]).success({ name: request.body.name }),
    }),
  },
})
`;

/** Keys that are not identifiers: registered as 'audit-log', with a quoted action key. */
const AUDIT_LOG_CONTROLLER = `import { igniter } from '@/igniter'
import { authProcedure } from '@/procedures/auth.procedure'

export const auditLogController = igniter.controller({
  name: 'AuditLog',
  path: '/audit',
  actions: {
    'recent-events': igniter.query({
      path: '/' as const,
      stream: true,
      use: [authProcedure()],
      handler: async ({ response }) => response.success({ events: [] as string[] }),
    }),
    'mark-read': igniter.mutation({
      path: '/read' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ context, response }) =>
        response.revalidate(['audit-log.recent-events'], () => [\`user:\${context.user.id}\`]).success({ ok: true }),
    }),
  },
})
`;

/** A component using every generated hook, to prove their types work from the caller's side. */
const TODO_COMPONENT = `'use client'

import { useTodoByRoom, useTodoClear, useTodoCreate, useTodoDelete, useTodoList } from '@/hooks/use-todo'

export function Todos({ roomId }: { roomId: string }) {
  const list = useTodoList({ query: { limit: 20 } })
  const room = useTodoByRoom({ params: { roomId } })
  const create = useTodoCreate({
    target: list,
    update: (current, input) => ({ ...current, items: [...current.items, { id: 'temp', title: input.body.title, done: false }] }),
  })
  const remove = useTodoDelete({
    target: list,
    update: (current, input) => ({ ...current, items: current.items.filter((todo) => todo.id !== input.params.id) }),
  })
  const clear = useTodoClear({ target: room, update: (current) => ({ ...current, items: [] }) })
  const plain = useTodoCreate()
  return (
    <section>
      {list.isOptimistic && <small>saving…</small>}
      {list.data?.items.map((todo) => (
        <p key={todo.id}>
          {todo.title} <button onClick={() => void remove.mutate({ params: { id: todo.id } })}>delete</button>
        </p>
      ))}
      <p>{room.data?.roomId}</p>
      <button disabled={create.isLoading} onClick={() => void create.mutate({ body: { title: 'x' } })}>add</button>
      <button onClick={() => void clear.mutate().then((result) => result.error && console.error(result.error))}>clear</button>
      <button onClick={() => void plain.mutate({ body: { title: 'y' } })}>plain</button>
    </section>
  )
}
`;

const PROFILE_COMPONENT = `'use client'

import { useUserProfileRename } from '@/hooks/use-user-profile'
import { useAuditLogMarkRead, useAuditLogRecentEvents } from '@/hooks/use-audit-log'

export function Rename() {
  const rename = useUserProfileRename()
  const events = useAuditLogRecentEvents()
  const markRead = useAuditLogMarkRead({ target: events, update: (current) => ({ ...current, events: [] }) })
  return (
    <div>
      <button onClick={() => void rename.mutate({ body: { name: 'Ada' } })}>rename</button>
      <ul>{events.data?.events.map((event) => <li key={event}>{event}</li>)}</ul>
      <button onClick={() => void markRead.mutate()}>mark read</button>
    </div>
  )
}
`;

/** Presence and typing actions at the paths `generate stream` gives them (handlers reduced to the answers). */
const ROOM_CONTROLLER = `import { igniter } from '@/igniter'
import { authProcedure } from '@/procedures/auth.procedure'

const changed = (roomId: string, path: 'room.online' | 'room.typing') => igniter.realtime.revalidate({ path, scopes: [\`room:\${roomId}\`] })

export const roomController = igniter.controller({
  name: 'Room',
  path: '/room',
  actions: {
    online: igniter.query({
      path: '/online/:roomId' as const,
      stream: true,
      use: [authProcedure()],
      handler: async ({ request, response }) => response.success({ roomId: request.params.roomId, userIds: [] as string[] }),
    }),
    join: igniter.mutation({
      path: '/online/:roomId/join' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ request, response }) => {
        await changed(request.params.roomId, 'room.online')
        return response.success({ nextHeartbeatInSeconds: 15 })
      },
    }),
    heartbeat: igniter.mutation({
      path: '/online/:roomId/heartbeat' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ request, response }) => {
        await changed(request.params.roomId, 'room.online')
        return response.success({ nextHeartbeatInSeconds: 15 })
      },
    }),
    leave: igniter.mutation({
      path: '/online/:roomId/leave' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ request, response }) => {
        await changed(request.params.roomId, 'room.online')
        return response.noContent()
      },
    }),
    typing: igniter.query({
      path: '/typing/:roomId' as const,
      stream: true,
      use: [authProcedure()],
      handler: async ({ request, response }) => response.success({ roomId: request.params.roomId, userIds: [] as string[] }),
    }),
    startTyping: igniter.mutation({
      path: '/typing/:roomId/start' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ request, response }) => {
        await changed(request.params.roomId, 'room.typing')
        return response.noContent()
      },
    }),
    stopTyping: igniter.mutation({
      path: '/typing/:roomId/stop' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ request, response }) => {
        await changed(request.params.roomId, 'room.typing')
        return response.noContent()
      },
    }),
  },
})
`;

/** The presence and typing hooks of the streams `generate stream` wrote, used from a component. */
const NOTE_ROOM_COMPONENT = `'use client'

import { useNotePresenceLive, useNoteTypingLive } from '@/hooks/use-note'

export function NoteRoom({ roomId }: { roomId: string }) {
  const online = useNotePresenceLive({ params: { roomId } })
  const typing = useNoteTypingLive({ params: { roomId } })
  return (
    <div>
      <p>{online.data?.userIds.join(', ')}</p>
      <p>{typing.data?.userIds.length ?? 0} typing</p>
      <input onChange={() => typing.startTyping()} onBlur={() => typing.stopTyping()} />
    </div>
  )
}
`;

let copies = 0;
function freshApp(): string {
  const app = join(temp, `app-${++copies}`);
  cpSync(FIXTURE, app, { recursive: true });
  addController(app, 'todo', 'todo', 'todoController', TODO_CONTROLLER);
  return app;
}

/** Adds a controller file and registers it in the copy's router (by text: the fixture's router is known). */
function addController(root: string, folder: string, key: string, exportName: string, source: string): void {
  const dir = join(root, 'src', 'features', folder, 'controllers');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${folder}.controller.ts`), source);
  const routerFile = join(root, 'src', 'igniter.router.ts');
  const router = readFileSync(routerFile, 'utf8')
    .replace("import { healthController } from '@/features/health/controllers/health.controller'\n", (line) => `${line}import { ${exportName} } from '@/features/${folder}/controllers/${folder}.controller'\n`)
    .replace('    health: healthController,\n', (line) => `${line}    ${key}: ${exportName},\n`);
  writeFileSync(routerFile, router);
}

function generate(root: string, controller: string, force = false) {
  return runGenerator({ root, generator: hookGenerator, options: { controller } as Record<string, OptionValue>, force, prettier: false });
}


// ---------------------------------------------------------------------------------------------------

describe('generate hook', () => {
  it('writes live hooks and mutation hooks that type-check with React 19 and pass the strict preset with zero findings', async () => {
    const app = freshApp();
    addController(app, 'user-profile', 'userProfile', 'userProfileController', USER_PROFILE_CONTROLLER);
    addController(app, 'audit-log', "'audit-log'", 'auditLogController', AUDIT_LOG_CONTROLLER);
    const result = await generate(app, 'todo');
    expect(result.changes.map((change) => [change.kind, change.path])).toEqual([['create', 'src/hooks/use-todo.ts']]);
    // `user-profile` finds the router key `userProfile`; a controller with mutations only.
    const profile = await generate(app, 'user-profile');
    expect(profile.changes.map((change) => [change.kind, change.path])).toEqual([['create', 'src/hooks/use-user-profile.ts']]);

    const audit = await generate(app, 'audit-log');
    expect(audit.changes.map((change) => [change.kind, change.path])).toEqual([['create', 'src/hooks/use-audit-log.ts']]);
    const auditText = readFileSync(join(app, 'src/hooks/use-audit-log.ts'), 'utf8');
    expect(auditText).toContain("export type AuditLogRecentEventsData = NonNullable<ReturnType<(typeof api)['audit-log']['recent-events']['useQuery']>['data']>");
    expect(auditText).toContain("const query = api['audit-log']['recent-events'].useQuery(options)");
    expect(auditText).toContain('export function useAuditLogMarkRead<T>(');

    const text = readFileSync(join(app, 'src/hooks/use-todo.ts'), 'utf8');
    expect(text.startsWith("'use client'\n")).toBe(true);
    expect(text).toContain("import { api } from '@/igniter.client'");
    expect(text).toContain('export function useTodoList(options: TodoListOptions = {})');
    expect(text).toContain('const query = api.todo.list.useQuery(options)');
    // No useRealtime in the code (0.3 derives channel ids from it that the server never registers).
    expect(text.replace(/\/\*[\s\S]*?\*\//g, '')).not.toContain('useRealtime');
    expect(text).toContain('getScopes={() => [`user:${user.id}`, `room:${roomId}`]} key={roomId}');
    expect(text).toContain('export function useTodoByRoom(');
    for (const hook of ['useTodoCreate', 'useTodoDelete', 'useTodoClear']) expect(text).toContain(`export function ${hook}<T>(optimistic?: OptimisticOptions<T, `);
    expect(text).toContain('api.todo.delete.useMutation()');
    expect(text).not.toContain('export function useTodoGetById');
    expect(text).toContain(' *   api.todo.getById.useQuery(...)');
    expect(text).toContain('change?.rollback()');
    expect(text).toMatch(/no `setQueryData`/);
    expect(text).not.toMatch(/new\s+\w*EventSource/);
    expect(text).not.toMatch(/&#|&amp;|&lt;|&gt;|&quot;/);
    const profileText = readFileSync(join(app, 'src/hooks/use-user-profile.ts'), 'utf8');
    expect(profileText).toContain("import { useCallback } from 'react'");
    expect(profileText).not.toContain('useOptimisticLayers');
    expect(profileText).not.toContain('RealtimeOptions');

    writeFileSync(join(app, 'src/todos.tsx'), TODO_COMPONENT);
    writeFileSync(join(app, 'src/rename.tsx'), PROFILE_COMPONENT);
    expect(typecheck(app)).toBe('');
    expect(await lintStrict(app)).toEqual([]);
  });

  it('re-running the same command changes nothing (only SKIP)', async () => {
    const app = freshApp();
    await generate(app, 'todo');
    const before = readFileSync(join(app, 'src/hooks/use-todo.ts'), 'utf8');
    const again = await generate(app, 'todo');
    expect(again.changes.map((change) => [change.kind, change.path])).toEqual([['skip', 'src/hooks/use-todo.ts']]);
    expect(again.written).toBe(false);
    expect(readFileSync(join(app, 'src/hooks/use-todo.ts'), 'utf8')).toBe(before);
  });

  it('an existing different file is a conflict (nothing written) unless --force', async () => {
    const app = freshApp();
    const file = join(app, 'src/hooks/use-todo.ts');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, "'use client'\n// my own hooks\n");
    const error = await failure(generate(app, 'todo'));
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe('src/hooks/use-todo.ts already exists with different content. Use --force to overwrite it.');
    expect(readFileSync(file, 'utf8')).toBe("'use client'\n// my own hooks\n");

    const forced = await generate(app, 'todo', true);
    expect(forced.changes.map((change) => [change.kind, change.path])).toEqual([['update', 'src/hooks/use-todo.ts']]);
    expect(readFileSync(file, 'utf8')).toContain('export function useTodoList(');
  });

  it('an unknown controller is a usage error naming the registered keys; a controller without streams or mutations too', async () => {
    const app = freshApp();
    const unknown = await failure(generate(app, 'todos'));
    expect(unknown.exitCode).toBe(2);
    expect(unknown.message).toContain('No controller is registered as "todos"');
    expect(unknown.message).toContain('Registered: health, todo.');

    const nothing = await failure(generate(app, 'health'));
    expect(nothing.exitCode).toBe(2);
    expect(nothing.message).toContain('has no stream query and no mutation');
    expect(existsSync(join(app, 'src/hooks'))).toBe(false);
  });

  it('works on what the other generators write: procedure, controller and every stream kind, then the hooks', async () => {
    const app = join(temp, `app-${++copies}`);
    cpSync(FIXTURE, app, { recursive: true });
    const run = (name: string, options: Record<string, OptionValue>) => {
      const generator = GENERATORS.find((candidate) => candidate.name === name);
      if (!generator) throw new Error(`no ${name} generator`);
      return runGenerator({ root: app, generator, options, prettier: false });
    };
    await run('procedure', { kind: 'auth', name: 'session-auth' });
    await run('controller', { name: 'note', auth: 'sessionAuthProcedure', scope: 'tenant', actions: ['list', 'getById', 'create', 'update', 'delete'], data: 'memory' });
    for (const kind of ['typing', 'presence', 'notifications', 'feed', 'collab']) {
      await run('stream', { name: `${kind}-live`, controller: 'note', kind, scope: 'auto', auth: 'sessionAuthProcedure' });
    }
    const result = await run('hook', { controller: 'note' });
    expect(result.changes.map((change) => [change.kind, change.path])).toEqual([['create', 'src/hooks/use-note.ts']]);
    const text = readFileSync(join(app, 'src/hooks/use-note.ts'), 'utf8');
    for (const hook of ['useNoteList', 'useNoteTypingLive', 'useNotePresenceLive', 'useNoteNotificationsLive', 'useNoteFeedLive', 'useNoteCollabLive']) {
      expect(text).toContain(`export function ${hook}(options: `);
    }
    for (const hook of ['useNoteCreate', 'useNoteUpdate', 'useNoteDelete']) expect(text).toContain(`export function ${hook}<T>(`);
    // Presence and typing are recognised from their mutations' paths and keep themselves up.
    expect(text).toContain('export function useNotePresenceLive(options: NotePresenceLiveOptions & { params: NotePresenceLiveParams }, heartbeatMs = 15_000)');
    expect(text).toContain('join: () => api.note.join.mutate({ params }),');
    expect(text).toContain('start: () => api.note.startTypingLive.mutate({ params }),');
    expect(text).toContain("window.addEventListener('pagehide', hide)");
    writeFileSync(join(app, 'src/note-room.tsx'), NOTE_ROOM_COMPONENT);
    expect(typecheck(app)).toBe('');
    expect(await lintStrict(app)).toEqual([]);
    expect((await run('hook', { controller: 'note' })).changes.map((change) => change.kind)).toEqual(['skip']);
  });

  it('drives the presence and typing hooks: join, heartbeats at the answered delay, leave with keepalive on pagehide and on unmount, throttled typing; nothing left running', async () => {
    await withRoomHooks(drivePresence);
  });

  it("sends a tab's presence calls one at a time: under StrictMode (mount, unmount, mount) the leave waits for the join, the second join for the leave", async () => {
    await withRoomHooks(driveStrictPresence);
  });

  it('drives the generated hooks with React 19 and the real 0.3.40 client: optimistic update, rollback, revalidation, one SSE connection', async () => {
    const app = freshApp();
    dealias(app);
    useBrowserClient(app);
    await generate(app, 'todo');
    expect(readFileSync(join(app, 'src/hooks/use-todo.ts'), 'utf8')).toContain("import { api } from '../igniter.client'");
    const browser = installFakeBrowser();
    try {
      await driveHooks(app, browser);
    } finally {
      browser.uninstall();
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Runtime harness

/** Under Node, `@igniter-js/core/client` resolves to the server caller (no hooks): the app loads the browser build. */
function useBrowserClient(app: string): void {
  const clientFile = join(app, 'src/igniter.client.ts');
  const browserClient = join(REPO, 'node_modules/@igniter-js/core/dist/client/index.browser.mjs').split('\\').join('/');
  writeFileSync(clientFile, readFileSync(clientFile, 'utf8').replace("from '@igniter-js/core/client'", `from '${browserClient}'`));
}

/** A fresh app with the room controller's hooks generated, driven by `drive` in a fake browser (removed after). */
async function withRoomHooks(drive: (app: string, browser: FakeBrowser) => Promise<void>): Promise<void> {
  const app = freshApp();
  addController(app, 'room', 'room', 'roomController', ROOM_CONTROLLER);
  dealias(app);
  useBrowserClient(app);
  await generate(app, 'room');
  const browser = installFakeBrowser();
  try {
    await drive(app, browser);
  } finally {
    browser.uninstall();
  }
}

/** Rewrites `@/x` imports to relative ones and drops the tsconfig alias, so the app loads in this process. */
function dealias(root: string): void {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  for (const file of walk(join(root, 'src')).filter((path) => /\.tsx?$/.test(path))) {
    const text = readFileSync(file, 'utf8').replace(/from '@\/([^']+)'/g, (_match, target: string) => {
      const path = posix.relative(posix.dirname(relative(join(root, 'src'), file).split('\\').join('/')), target);
      return `from '${path.startsWith('.') ? path : `./${path}`}'`;
    });
    writeFileSync(file, text);
  }
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  delete tsconfig.compilerOptions.paths;
  delete tsconfig.compilerOptions.baseUrl;
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
}

type Listener = (event: { data: string }) => void;

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  onopen: (() => void) | null = null;
  onmessage: Listener | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  removeEventListener(): void {}

  close(): void {
    this.closed = true;
  }

  emit(type: string, data: unknown): void {
    const event = { data: JSON.stringify(data) };
    if (type === 'message') this.onmessage?.(event);
    else for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

interface FakeBrowser {
  /** Requests the client made, in order: `METHOD path`. */
  requests: string[];
  /** The requests sent with `keepalive`. */
  keepalive: string[];
  /** Fires a window event (`pagehide`). */
  dispatch(type: string): void;
  listenerCount(type: string): number;
  /** Answers every request for `METHOD path` from now on. */
  respond(key: string, status: number, body: unknown): void;
  /** Holds the next request for `METHOD path` until `release`. */
  hold(key: string): { release(status: number, body: unknown): void };
  uninstall(): void;
}

function installFakeBrowser(): FakeBrowser {
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const set = (name: string, value: unknown) => {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  };
  const noop = () => undefined;
  // Just what react-dom's client and the 0.3.40 provider touch when nothing is rendered to the DOM.
  const document = { hidden: false, activeElement: null, body: null, addEventListener: noop, removeEventListener: noop };
  const listeners = new Map<string, Set<() => void>>();
  const window = {
    location: { origin: 'http://localhost:3000' },
    document,
    HTMLIFrameElement: class {},
    event: undefined,
    addEventListener: (type: string, listener: () => void) => listeners.set(type, (listeners.get(type) ?? new Set()).add(listener)),
    removeEventListener: (type: string, listener: () => void) => listeners.get(type)?.delete(listener),
  };
  set('window', window);
  set('document', document);
  set('EventSource', FakeEventSource);
  set('IS_REACT_ACT_ENVIRONMENT', true);

  const answers = new Map<string, { status: number; body: unknown }>();
  const held = new Map<string, { resolve?: (response: Response) => void }[]>();
  const requests: string[] = [];
  const keepalive: string[] = [];
  const response = ({ status, body }: { status: number; body: unknown }) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  set('fetch', async (input: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${new URL(input).pathname.replace(/(.)\/$/, '$1')}`;
    requests.push(key);
    if (init?.keepalive) keepalive.push(key);
    const slot = held.get(key)?.shift();
    if (slot) return new Promise<Response>((resolve) => (slot.resolve = resolve));
    const answer = answers.get(key);
    return response(answer ?? { status: 404, body: { data: null, error: { code: 'ERR_NOT_FOUND', message: `no stub for ${key}` } } });
  });

  return {
    requests,
    keepalive,
    dispatch: (type) => [...(listeners.get(type) ?? [])].forEach((listener) => listener()),
    listenerCount: (type) => listeners.get(type)?.size ?? 0,
    respond(key, status, body) {
      answers.set(key, { status, body });
    },
    hold(key) {
      const slot: { resolve?: (response: Response) => void } = {};
      held.set(key, [...(held.get(key) ?? []), slot]);
      return {
        release(status, body) {
          if (!slot.resolve) throw new Error(`${key} was not requested`);
          slot.resolve(response({ status, body }));
        },
      };
    },
    uninstall() {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete (globalThis as Record<string, unknown>)[name];
      }
      FakeEventSource.instances = [];
    },
  };
}

type TodoItem = { id: string; title: string; done: boolean };
type ListView = { data: { items: TodoItem[] } | null | undefined; isOptimistic: boolean; isConnected: boolean };
type MutationView = { mutate(input: { body: { title: string } }): Promise<{ data: unknown; error: unknown }> };

async function driveHooks(app: string, browser: FakeBrowser): Promise<void> {
  const React = await import('react');
  // react-dom has no types installed here (only react's); the module is loaded by name.
  const reactDomClient = 'react-dom/client';
  const { createRoot } = (await import(reactDomClient)) as { createRoot(container: unknown): { render(node: unknown): void; unmount(): void } };
  const { IgniterProvider } = await import('@igniter-js/core/client');
  const hooks = await import(pathToFileURL(join(app, 'src/hooks/use-todo.ts')).href);
  const { act, createElement } = React;

  const a: TodoItem = { id: 'a', title: 'first', done: false };
  const b: TodoItem = { id: 'b', title: 'second', done: false };
  browser.respond('GET /api/v1/todos', 200, { data: { items: [a] }, error: null });

  let list: ListView | undefined;
  let create: MutationView | undefined;
  function Probe() {
    const current = hooks.useTodoList({ query: { limit: 20 } }) as ListView & { applyOptimistic: unknown };
    list = current;
    create = hooks.useTodoCreate({
      target: current,
      update: (data: { items: TodoItem[] }, input: { body: { title: string } }) => ({ ...data, items: [...data.items, { id: 'temp', title: input.body.title, done: false }] }),
    }) as MutationView;
    return null;
  }

  const noop = () => undefined;
  const ownerDocument = { addEventListener: noop, removeEventListener: noop };
  const container = { nodeType: 1, nodeName: 'DIV', tagName: 'DIV', namespaceURI: null, ownerDocument, addEventListener: noop, removeEventListener: noop, textContent: '' };
  const root = createRoot(container);
  const settle = (ms = 20) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const titles = () => list?.data?.items.map((item) => item.title);

  await act(async () => {
    root.render(createElement(IgniterProvider, { enableRealtime: true, getScopes: () => ['user:u1'] }, createElement(Probe)));
  });
  await settle(150); // the provider connects its EventSource after 100 ms
  expect(titles()).toEqual(['first']);
  expect(list?.isOptimistic).toBe(false);
  const source = FakeEventSource.instances.at(-1);
  expect(source?.url).toContain('/api/v1/sse/events');
  expect(source?.url).toContain('scopes=user%3Au1');

  // 1. Optimistic update shows at once; the server fails → rolled back.
  const failing = browser.hold('POST /api/v1/todos');
  let pending!: Promise<{ data: unknown; error: unknown }>;
  await act(async () => {
    pending = create!.mutate({ body: { title: 'draft' } });
  });
  expect(titles()).toEqual(['first', 'draft']);
  expect(list?.isOptimistic).toBe(true);
  await act(async () => {
    failing.release(500, { data: null, error: { code: 'ERR_UNKNOWN_ERROR', message: 'database down' } });
    const result = await pending;
    // 0.3's client hands over the whole error body as `error`.
    expect(result.error).toMatchObject({ error: { code: 'ERR_UNKNOWN_ERROR', message: 'database down' } });
  });
  expect(titles()).toEqual(['first']);
  expect(list?.isOptimistic).toBe(false);

  // 2. The server accepts → the change stays (no flicker) until the revalidation's refetch brings the real data.
  const accepted = browser.hold('POST /api/v1/todos');
  await act(async () => {
    pending = create!.mutate({ body: { title: 'second' } });
  });
  expect(titles()).toEqual(['first', 'second']);
  await act(async () => {
    accepted.release(201, { data: { todo: b }, error: null });
    expect((await pending).error).toBeFalsy();
  });
  expect(titles()).toEqual(['first', 'second']);
  expect(list?.isOptimistic).toBe(true);
  browser.respond('GET /api/v1/todos', 200, { data: { items: [a, b] }, error: null });
  const fetchesBefore = browser.requests.filter((request) => request === 'GET /api/v1/todos').length;
  await act(async () => {
    source!.emit('revalidate', { data: { queryKeys: ['todo.list'] } });
  });
  await settle();
  expect(browser.requests.filter((request) => request === 'GET /api/v1/todos').length).toBe(fetchesBefore + 1);
  expect(list?.data?.items.map((item) => item.id)).toEqual(['a', 'b']); // the server's items, not the temp one twice
  expect(list?.isOptimistic).toBe(false);

  // 3. One SSE connection, asking for the `revalidation` channel only: no channel id derived from a hook
  // (0.3's useRealtime would add `todo.list:{...}`, which the server never registers: a 500 for the tab).
  const url = new URL(FakeEventSource.instances.at(-1)!.url);
  expect(url.searchParams.get('channels')).toBe('revalidation');
  expect(FakeEventSource.instances.filter((instance) => !instance.closed)).toHaveLength(1);

  await act(async () => root.unmount());
  // The 0.3.40 provider still runs its 300 ms "channels changed" reconnect after unmount: let it fire
  // against the fake browser rather than after it is gone.
  await new Promise((resolve) => setTimeout(resolve, 400));
}

type TypingView = { startTyping(): void; stopTyping(): void };

/**
 * React's development build (vitest runs with NODE_ENV=test) mounts, unmounts and mounts again under
 * StrictMode, as `next dev` does: join, leave, join. Sent concurrently, a leave handled after the second
 * join would drop the user from the list; the hook sends each after the previous one's answer.
 */
async function driveStrictPresence(app: string, browser: FakeBrowser): Promise<void> {
  const React = await import('react');
  const reactDomClient = 'react-dom/client';
  const { createRoot } = (await import(reactDomClient)) as { createRoot(container: unknown): { render(node: unknown): void; unmount(): void } };
  const { IgniterProvider } = await import('@igniter-js/core/client');
  const hooks = await import(pathToFileURL(join(app, 'src/hooks/use-room.ts')).href);
  const { act, createElement, StrictMode } = React;

  const base = 'POST /api/v1/room/online/r1';
  const answer = { data: { nextHeartbeatInSeconds: 60 }, error: null };
  browser.respond('GET /api/v1/room/online/r1', 200, { data: { roomId: 'r1', userIds: ['u1'] }, error: null });
  browser.respond(`${base}/join`, 200, answer);
  browser.respond(`${base}/leave`, 200, { data: null, error: null });
  const firstJoin = browser.hold(`${base}/join`);
  const leave = browser.hold(`${base}/leave`);

  function Probe() {
    hooks.useRoomOnline({ params: { roomId: 'r1' } });
    return null;
  }
  const noop = () => undefined;
  const container = { nodeType: 1, nodeName: 'DIV', tagName: 'DIV', namespaceURI: null, ownerDocument: { addEventListener: noop, removeEventListener: noop }, addEventListener: noop, removeEventListener: noop, textContent: '' };
  const root = createRoot(container);
  const posts = () => browser.requests.filter((request) => request.startsWith('POST'));
  const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));

  await act(async () => {
    root.render(createElement(StrictMode, null, createElement(IgniterProvider, { enableRealtime: false }, createElement(Probe))));
  });
  await settle();
  expect(posts()).toEqual([`${base}/join`]);
  await act(async () => firstJoin.release(200, answer));
  await settle();
  expect(posts()).toEqual([`${base}/join`, `${base}/leave`]);
  await act(async () => leave.release(200, { data: null, error: null }));
  await settle();
  expect(posts()).toEqual([`${base}/join`, `${base}/leave`, `${base}/join`]);

  await act(async () => root.unmount());
  await settle();
  expect(posts()).toEqual([`${base}/join`, `${base}/leave`, `${base}/join`, `${base}/leave`]);
  expect(browser.keepalive).toEqual([]);
}

async function drivePresence(app: string, browser: FakeBrowser): Promise<void> {
  const React = await import('react');
  const reactDomClient = 'react-dom/client';
  const { createRoot } = (await import(reactDomClient)) as { createRoot(container: unknown): { render(node: unknown): void; unmount(): void } };
  const { IgniterProvider } = await import('@igniter-js/core/client');
  const hooks = await import(pathToFileURL(join(app, 'src/hooks/use-room.ts')).href);
  const { act, createElement } = React;

  const base = 'POST /api/v1/room';
  browser.respond('GET /api/v1/room/online/r1', 200, { data: { roomId: 'r1', userIds: ['u1'] }, error: null });
  browser.respond('GET /api/v1/room/typing/r1', 200, { data: { roomId: 'r1', userIds: [] }, error: null });
  // The server answers the delay to the next heartbeat: 50 ms here.
  for (const action of ['join', 'heartbeat']) browser.respond(`${base}/online/r1/${action}`, 200, { data: { nextHeartbeatInSeconds: 0.05 }, error: null });
  for (const action of ['online/r1/leave', 'typing/r1/start', 'typing/r1/stop']) browser.respond(`${base}/${action}`, 204, null);

  let typing: TypingView | undefined;
  function Probe() {
    hooks.useRoomOnline({ params: { roomId: 'r1' } });
    typing = hooks.useRoomTyping({ params: { roomId: 'r1' } }) as TypingView;
    return null;
  }
  const noop = () => undefined;
  const container = { nodeType: 1, nodeName: 'DIV', tagName: 'DIV', namespaceURI: null, ownerDocument: { addEventListener: noop, removeEventListener: noop }, addEventListener: noop, removeEventListener: noop, textContent: '' };
  const root = createRoot(container);
  const count = (key: string) => browser.requests.filter((request) => request === key).length;
  const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  await act(async () => {
    root.render(createElement(IgniterProvider, { enableRealtime: true, getScopes: () => ['user:u1', 'room:r1'] }, createElement(Probe)));
  });
  await wait(180);
  expect(count(`${base}/online/r1/join`)).toBe(1);
  expect(count(`${base}/online/r1/heartbeat`)).toBeGreaterThanOrEqual(2);
  expect(browser.listenerCount('pagehide')).toBe(2); // presence and typing

  // Keystrokes: one `start` per refresh period, one `stop`.
  await act(async () => {
    typing!.startTyping();
    typing!.startTyping();
    typing!.startTyping();
  });
  expect(count(`${base}/typing/r1/start`)).toBe(1);
  await act(async () => typing!.stopTyping());
  await act(async () => typing!.stopTyping());
  expect(count(`${base}/typing/r1/stop`)).toBe(1);
  await act(async () => typing!.startTyping());
  expect(count(`${base}/typing/r1/start`)).toBe(2);

  // The tab is hidden: leave and stop go out with keepalive (they must outlive the page); heartbeats stop.
  await act(async () => browser.dispatch('pagehide'));
  expect(browser.keepalive).toEqual([`${base}/online/r1/leave`, `${base}/typing/r1/stop`]);
  const beats = count(`${base}/online/r1/heartbeat`);
  await wait(150);
  expect(count(`${base}/online/r1/heartbeat`)).toBe(beats);

  // Back from the back/forward cache: present again.
  await act(async () => browser.dispatch('pageshow'));
  await wait(120);
  expect(count(`${base}/online/r1/join`)).toBe(2);
  expect(count(`${base}/online/r1/heartbeat`)).toBeGreaterThan(beats);

  // Unmount: leave once more, listeners and timers released.
  await act(async () => root.unmount());
  expect(count(`${base}/online/r1/leave`)).toBe(2);
  expect(browser.listenerCount('pagehide')).toBe(0);
  expect(browser.listenerCount('pageshow')).toBe(0);
  const after = browser.requests.length;
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(browser.requests.slice(after).filter((request) => request.startsWith('POST'))).toEqual([]);
}

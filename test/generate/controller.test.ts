import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controllerGenerator } from '../../src/generate/generators/controller.js';
import { streamGenerator } from '../../src/generate/generators/stream.js';
import type { OptionValue } from '../../src/generate/types.js';
import { copyFixture, generate, lintStrict, removeCopies, runGenerator, startApp, summary, typecheck, until, writeFile } from './support.js';
import { thrown } from './expected-error.js';

/** A rate limiter for `--scope none` (public data): require-stream-auth accepts it, and it is no authentication. */
const RATE_LIMIT = `import { IgniterError } from '@igniter-js/core'
import { igniter } from '@/igniter'

export const rateLimitProcedure = igniter.procedure({
  name: 'rateLimit',
  handler: async (_options: Record<string, never>, { request, context }) => {
    const key = \`rate:\${request.headers.get('x-forwarded-for') ?? 'local'}\`
    const count = await context.store.increment(key)
    if (count === 1) await context.store.expire(key, 60)
    if (count > 100) throw new IgniterError({ code: 'ERR_RATE_LIMITED', message: 'Too many requests', statusCode: 429 })
    // A non-empty object: Igniter merges the outputs of \`use\` as an intersection of a union, and \`{}\`
    // in that union would absorb the other procedures' outputs (TS reduces \`{} | { x }\` to \`{}\`).
    return { rateLimit: { remaining: 100 - count } }
  },
})
`;

/** The slice of a generated Prisma client the `--data prisma` controllers use, typed like Prisma's. */
const PRISMA_FAKE = `type SortOrder = 'asc' | 'desc'
type Row<Partition extends string> = { id: string; title: string; createdAt: Date; updatedAt: Date } & Record<Partition, string>
type Create<Partition extends string> = { title: string } & Record<Partition, string>

export interface Delegate<Partition extends string> {
  findMany(args?: {
    where?: Partial<Row<Partition>>
    orderBy?: Partial<Record<keyof Row<Partition>, SortOrder>>[]
    take?: number
    skip?: number
    cursor?: { id: string }
  }): Promise<Row<Partition>[]>
  findUnique(args: { where: { id: string } }): Promise<Row<Partition> | null>
  create(args: { data: Create<Partition> }): Promise<Row<Partition>>
  update(args: { where: { id: string }; data: Partial<Create<Partition>> }): Promise<Row<Partition>>
  delete(args: { where: { id: string } }): Promise<Row<Partition>>
}

export declare const prisma: {
  note: Delegate<'ownerId'>
  task: Delegate<'tenantId'>
  message: Delegate<'roomId'>
  post: Delegate<never>
  tag: Delegate<'ownerId'>
}
`;

const PRISMA_CONTEXT = `import { store } from '@/lib/memory-store'
import { prisma } from '@/lib/prisma-fake'

export const createIgniterAppContext = () => ({
  store,
  database: prisma,
})

export type IgniterAppContext = Awaited<ReturnType<typeof createIgniterAppContext>>
`;

/** One controller per scope and a few `--actions` subsets (no stream query; no mutation). */
const VARIANTS: Record<string, OptionValue>[] = [
  { name: 'note' },
  { name: 'task', scope: 'tenant', actions: 'list,create,update' },
  { name: 'message', scope: 'room' },
  { name: 'post', scope: 'none', auth: 'rateLimitProcedure' },
  { name: 'tag', actions: ['getById', 'create', 'delete'] },
  { name: 'bookmark', actions: 'list' },
];
const PRISMA_VARIANTS = VARIANTS.filter((options) => options.name !== 'bookmark');

afterAll(removeCopies);

describe('generate controller --data memory', () => {
  let root: string;
  beforeAll(() => {
    root = copyFixture();
    writeFile(root, 'src/procedures/rate-limit.procedure.ts', RATE_LIMIT);
    for (const options of VARIANTS) generate(root, controllerGenerator, options);
  });

  it('writes the feature folder and registers the controller', () => {
    const changes = runGenerator(copyFixture(), controllerGenerator, { name: 'user-profile' });
    expect(summary(changes)).toEqual([
      'CREATE src/features/realtime/controllers/realtime.controller.ts',
      'CREATE src/features/realtime/realtime.scopes.ts',
      'CREATE src/features/user-profile/controllers/user-profile.controller.ts',
      'CREATE src/features/user-profile/user-profile.interfaces.ts',
      'CREATE src/features/user-profile/user-profile.procedure.ts',
      'CREATE src/features/user-profile/user-profile.repository.ts',
      'UPDATE src/igniter.router.ts',
      'UPDATE src/igniter.ts',
      'CREATE src/lib/igniter-rt/realtime-guard.ts',
      'CREATE src/lib/igniter-rt/realtime-relay.ts',
      'UPDATE src/server.ts',
    ]);
    // Private by default: the guard is served where the app serves its router, and registered.
    const server = changes.find((change) => change.path === 'src/server.ts')!.after;
    expect(server).toContain('const guardedRouter = withRealtimeGuard(AppRouter)');
    expect(server).toContain('guardedRouter.handler(request)');
    expect(changes.find((change) => change.path === 'src/igniter.router.ts')!.after).toContain('realtime: realtimeController');
    // The relay is installed right after the instance is created, once.
    const instance = changes.find((change) => change.path === 'src/igniter.ts')!.after;
    expect(instance).toContain("import { relayRealtime } from '@/lib/igniter-rt/realtime-relay'\n");
    expect(instance).toMatch(/\n {2}\.create\(\)\n\n\/\/ [^\n]+\nrelayRealtime\(igniter\)\n$/);
    const router = changes.find((change) => change.path === 'src/igniter.router.ts')!.after;
    expect(router).toContain("import { userProfileController } from '@/features/user-profile/controllers/user-profile.controller'\n");
    expect(router).toContain('    health: healthController,\n    userProfile: userProfileController,\n    realtime: realtimeController,\n  },');
  });

  it('writes the realtime patterns: a guarded stream, a scoped igniter.realtime.revalidate awaited before the response', () => {
    const controller = readFileSync(join(root, 'src/features/note/controllers/note.controller.ts'), 'utf8');
    expect(controller.startsWith('/**\n * Note controller, registered in the router as `note`.\n * Generated by `igniter-rt generate controller note`.')).toBe(true);
    expect(controller).toMatch(/list: igniter\.query\(\{\n\s+name: 'List notes',\n\s+path: '\/' as const,\n\s+stream: true,\n\s+query: NoteListQuerySchema,\n\s+use: \[authProcedure\(\), noteRepositoryProcedure\(\)\],/);
    expect(controller).toContain("        await igniter.realtime.revalidate({ path: 'note.list', scopes: [`user:${context.user.id}`] })\n        return response.created({ note: item })");
    expect(controller.match(/await igniter\.realtime\.revalidate\(\{ path: 'note\.list', scopes: \[`user:\$\{context\.user\.id\}`\] \}\)\n/g)).toHaveLength(1);
    // An edit or a deletion also changes what `getById` shows (require-revalidate), so those revalidate it too, and it is live.
    expect(controller.match(/await igniter\.realtime\.revalidate\(\[\n\s+\{ path: 'note\.list', scopes: \[`user:\$\{context\.user\.id\}`\] \},\n\s+\{ path: 'note\.getById', scopes: \[`user:\$\{context\.user\.id\}`\] \},\n\s+\]\)\n/g)).toHaveLength(2);
    expect(controller).toMatch(/getById: igniter\.query\(\{\n\s+name: 'Get note',\n\s+path: '\/:id' as const,\n\s+stream: true,/);
    // What is and is not protected, said in the header.
    expect(controller).toContain('every HTTP request to these actions runs `authProcedure()`');
    expect(controller).toContain("Guarded: 0.3's SSE endpoint (`/sse/events`) runs no procedure, so the app serves its router");
    expect(controller).toContain('src/lib/igniter-rt/realtime-guard.ts');
    expect(controller).toContain('policy in src/features/realtime/realtime.scopes.ts');
    const room = readFileSync(join(root, 'src/features/message/controllers/message.controller.ts'), 'utf8');
    expect(room).toContain("path: '/:roomId/:id' as const");
    expect(room).toContain("await igniter.realtime.revalidate({ path: 'message.list', scopes: [`room:${roomId}`] })");
    const tenant = readFileSync(join(root, 'src/features/task/controllers/task.controller.ts'), 'utf8');
    expect(tenant).toContain("await igniter.realtime.revalidate({ path: 'task.list', scopes: [`tenant:${context.user.tenantId}`] })");
    expect(tenant).not.toContain('getById');
    const open = readFileSync(join(root, 'src/features/post/controllers/post.controller.ts'), 'utf8');
    expect(open).toContain("await igniter.realtime.revalidate({ path: 'post.list' })\n");
    expect(open).toContain('use: [rateLimitProcedure(), postRepositoryProcedure()]');
    // No `list`: `getById` is the live query (0.3 drops a revalidation of a controller key alone).
    const tag = readFileSync(join(root, 'src/features/tag/controllers/tag.controller.ts'), 'utf8');
    expect(tag).toContain("await igniter.realtime.revalidate({ path: 'tag.getById', scopes: [`user:${context.user.id}`] })");
    expect(tag).toMatch(/getById: igniter\.query\(\{\n[^\n]+\n[^\n]+\n\s+stream: true,/);
    const bookmark = readFileSync(join(root, 'src/features/bookmark/controllers/bookmark.controller.ts'), 'utf8');
    expect(bookmark).not.toContain('revalidate(');
    expect(bookmark).not.toMatch(/import \{ \} from/);
    for (const file of ['note', 'message', 'task', 'post', 'tag'].map((name) => `src/features/${name}/controllers/${name}.controller.ts`)) {
      const text = readFileSync(join(root, file), 'utf8');
      const code = text.slice(text.indexOf('*/'));
      expect(code, file).not.toMatch(/response\s*\.revalidate|realtime\.publish|\.to\(|context\.store/);
      expect(text, file).not.toMatch(/seed/i);
    }
  });

  it('type-checks against @igniter-js/core 0.3.40', () => {
    expect(typecheck(root)).toBe('');
  });

  it('passes the strict preset with zero findings', async () => {
    expect(await lintStrict(root)).toEqual([]);
  });

  it('lints for real: a mistake planted in a generated controller is reported', async () => {
    const copy = copyFixture();
    generate(copy, controllerGenerator, { name: 'note', actions: 'list,create' });
    const file = 'src/features/note/controllers/note.controller.ts';
    const text = readFileSync(join(copy, file), 'utf8');
    writeFile(copy, file, text.replace("revalidate({ path: 'note.list', scopes: [`user:${context.user.id}`] })", "revalidate({ path: 'notes.list' })").replace('      stream: true,\n', ''));
    const findings = (await lintStrict(copy)).map((finding) => finding.split(' ')[1]);
    expect(findings.sort()).toEqual(['igniter-rt/no-unknown-revalidate-key', 'igniter-rt/no-unscoped-revalidate']);
  });

  it('renders an action from a template override in .igniter-rt/templates/', () => {
    const copy = copyFixture();
    writeFile(copy, '.igniter-rt/templates/controller/actions/get-by-id.ts.hbs', "{{instanceName}}.query({\n  path: '/:id' as const,\n  use: [{{use}}],\n  handler: async ({ response }) => response.success({ custom: true }),\n})\n");
    const controller = runGenerator(copy, controllerGenerator, { name: 'note' }).find((change) => change.path.endsWith('note.controller.ts'))!.after;
    expect(controller).toContain("    getById: igniter.query({\n      path: '/:id' as const,\n      use: [authProcedure(), noteRepositoryProcedure()],\n      handler: async ({ response }) => response.success({ custom: true }),\n    }),\n");
  });

  it('gives only SKIP changes when run again', () => {
    for (const options of VARIANTS) {
      const kinds = new Set(runGenerator(root, controllerGenerator, options).map((change) => change.kind));
      expect([...kinds]).toEqual(['skip']);
    }
  });

  it('runs: CRUD through the router, and each revalidation reaches only the connections in its scope', async () => {
    const app = await startApp(root);
    try {
      // The SSE requests a tab opens (stream.test.ts shows them accepted even in the tick the router is created).
      const [mine, theirs, room, other] = await Promise.all([app.listen(['user:u1']), app.listen(['user:u2']), app.listen(['room:r1']), app.listen(['room:r2'])]);
      expect([mine, theirs, room, other].map((connection) => connection.status)).toEqual([200, 200, 200, 200]);
      const created = await app.call('POST', '/note', { body: { title: 'hello' } });
      expect(created.status).toBe(201);
      const id = (created.json as { data: { note: { id: string } } }).data.note.id;
      expect((await app.call('GET', '/note?limit=5')).json).toMatchObject({ data: { items: [{ id, title: 'hello', ownerId: 'u1' }], nextCursor: null } });
      expect((await app.call('GET', `/note/${id}`)).json).toMatchObject({ data: { note: { id } } });
      expect((await app.call('GET', `/note/${id}`, { user: 'u2' })).status).toBe(404);
      expect((await app.call('GET', '/note', { user: '' })).status).toBe(401);
      // PUT: the Next.js starter's route exports no PATCH.
      expect((await app.call('PUT', `/note/${id}`, { body: { title: 'bye' } })).json).toMatchObject({ data: { note: { id, title: 'bye' } } });
      expect((await app.call('DELETE', `/note/${id}`, { user: 'u2' })).status).toBe(404);
      expect((await app.call('DELETE', `/note/${id}`)).status).toBe(204);
      expect((await app.call('POST', '/note', { body: { title: '' } })).status).toBe(400);
      expect((await app.call('POST', '/message/r1', { body: { title: 'hi' } })).status).toBe(201);
      await until(() => mine.events().length === 3 && room.events().length === 1);
      expect(mine.events().map((event) => [event.scopes, event.data.queryKeys])).toEqual([
        [['user:u1'], ['note.list']],
        [['user:u1'], ['note.list', 'note.getById']],
        [['user:u1'], ['note.list', 'note.getById']],
      ]);
      expect(room.events().map((event) => [event.scopes, event.data.queryKeys])).toEqual([[['room:r1'], ['message.list']]]);
      expect(theirs.events()).toEqual([]);
      expect(other.events()).toEqual([]);
      await Promise.all([mine, theirs, room, other].map((connection) => connection.close()));
    } finally {
      await app.close();
    }
  });

  it('runs on two instances: a revalidation on one reaches the SSE connections of the other through relayRealtime and the store', async () => {
    // Two copies of the app, each with its own @igniter-js/core module (as two processes have), sharing
    // one store through globalThis (as two processes share Redis).
    const shared = '__igniterRtSharedStore';
    const copies = [copyFixture(), copyFixture()];
    for (const copy of copies) {
      const file = 'src/lib/memory-store.ts';
      const text = readFileSync(join(copy, file), 'utf8');
      writeFile(copy, file, text.replace('export const store = new MemoryStoreAdapter()', `export const store: MemoryStoreAdapter = ((globalThis as Record<string, unknown>).${shared} ??= new MemoryStoreAdapter()) as MemoryStoreAdapter`));
      generate(copy, controllerGenerator, { name: 'note', actions: 'list,create' });
      generate(copy, streamGenerator, { name: 'typing', controller: 'note', kind: 'typing' });
    }
    const [one, two] = [await startApp(copies[0], { isolateCore: true }), await startApp(copies[1], { isolateCore: true })];
    try {
      const [alice, bob, room] = await Promise.all([two.listen(['user:alice']), two.listen(['user:bob']), two.listen(['room:r1'])]);
      expect([alice.status, bob.status, room.status]).toEqual([200, 200, 200]);
      expect((await one.call('POST', '/note', { body: { title: 'from instance one' }, user: 'alice' })).status).toBe(201);
      await until(() => alice.events().length === 1);
      expect(alice.events().map((event) => [event.scopes, event.data.queryKeys, event.data.data])).toEqual([[['user:alice'], ['note.list'], undefined]]);
      // A stream's mutation too (typing), and its state is read from the shared store by instance two.
      expect((await one.call('POST', '/note/typing/r1/start', { user: 'alice' })).status).toBe(204);
      await until(() => room.events().length === 1);
      expect(room.events().map((event) => event.data.queryKeys)).toEqual([['note.typing']]);
      expect((await two.call('GET', '/note/typing/r1', { user: 'bob' })).json).toMatchObject({ data: { roomId: 'r1', userIds: ['alice'] } });
      expect(bob.events()).toEqual([]);

      // Control: without the relay's subscription the instances share nothing, so instance two gets nothing.
      const { store } = (await two.load('/src/lib/memory-store.ts')) as { store: { subscriberCount(channel: string): number; unsubscribe(channel: string): Promise<void> } };
      expect(store.subscriberCount('igniter-rt:revalidate')).toBe(2); // one per instance, not per request
      await store.unsubscribe('igniter-rt:revalidate');
      expect((await one.call('POST', '/note', { body: { title: 'unrelayed' }, user: 'alice' })).status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(alice.events()).toHaveLength(1);
      await Promise.all([alice.close(), bob.close(), room.close()]);
    } finally {
      await Promise.all([one.close(), two.close()]);
      delete (globalThis as Record<string, unknown>)[shared];
    }
  });

  it('the relay subscribes once per process: 100 GETs of the live list leave the store subscriptions unchanged', async () => {
    const app = await startApp(root);
    try {
      const { store } = (await app.load('/src/lib/memory-store.ts')) as { store: { subscriptionCount(): number } };
      expect((await app.call('GET', '/note?limit=5')).status).toBe(200);
      const before = store.subscriptionCount();
      expect(before).toBe(1); // the relay
      for (let index = 0; index < 100; index++) expect((await app.call('GET', '/note?limit=5')).status).toBe(200);
      expect(store.subscriptionCount()).toBe(before);
    } finally {
      await app.close();
    }
  });

  it('the in-memory repository pages newest first by cursor, per scope, also after the cursor is deleted', async () => {
    const module = (await import(join(root, 'src/features/note/note.repository.ts'))) as {
      MemoryNoteRepository: new () => {
        list(owner: string, page: { limit: number; before?: string }): Promise<{ items: { id: string; title: string }[]; nextCursor: string | null }>;
        create(owner: string, data: { title: string }): Promise<{ id: string }>;
        update(owner: string, id: string, data: { title?: string }): Promise<{ title: string } | null>;
        delete(owner: string, id: string): Promise<boolean>;
        findById(owner: string, id: string): Promise<unknown>;
      };
    };
    const repository = new module.MemoryNoteRepository();
    for (const title of ['a', 'b', 'c', 'd', 'e']) await repository.create('u1', { title });
    await repository.create('u2', { title: 'other' });
    const first = await repository.list('u1', { limit: 2 });
    expect(first.items.map((item) => item.title)).toEqual(['e', 'd']);
    await repository.delete('u1', first.nextCursor!);
    const second = await repository.list('u1', { limit: 2, before: first.nextCursor! });
    expect(second.items.map((item) => item.title)).toEqual(['c', 'b']);
    const third = await repository.list('u1', { limit: 2, before: second.nextCursor! });
    expect(third).toEqual({ items: [expect.objectContaining({ title: 'a' })], nextCursor: null });
    const other = (await repository.list('u2', { limit: 10 })).items[0];
    expect(await repository.findById('u1', other.id)).toBeNull();
    expect(await repository.update('u1', other.id, { title: 'x' })).toBeNull();
    expect(await repository.update('u2', other.id, { title: undefined })).toMatchObject({ title: 'other' });
    expect(await repository.delete('u1', other.id)).toBe(false);
  });
});

describe('generate controller --data prisma', () => {
  let root: string;
  beforeAll(() => {
    root = copyFixture();
    writeFile(root, 'src/procedures/rate-limit.procedure.ts', RATE_LIMIT);
    writeFile(root, 'src/lib/prisma-fake.ts', PRISMA_FAKE);
    writeFile(root, 'src/igniter.context.ts', PRISMA_CONTEXT);
    for (const options of PRISMA_VARIANTS) generate(root, controllerGenerator, { ...options, data: 'prisma' });
  });

  it('writes no repository or procedure and uses context.database.<model>', () => {
    const changes = runGenerator(copyFixture(), controllerGenerator, { name: 'note', data: 'prisma' });
    expect(summary(changes)).toEqual([
      'CREATE src/features/note/controllers/note.controller.ts',
      'CREATE src/features/note/note.interfaces.ts',
      'CREATE src/features/realtime/controllers/realtime.controller.ts',
      'CREATE src/features/realtime/realtime.scopes.ts',
      'UPDATE src/igniter.router.ts',
      'UPDATE src/igniter.ts',
      'CREATE src/lib/igniter-rt/realtime-guard.ts',
      'CREATE src/lib/igniter-rt/realtime-relay.ts',
      'UPDATE src/server.ts',
    ]);
    const controller = readFileSync(join(root, 'src/features/note/controllers/note.controller.ts'), 'utf8');
    expect(controller).toContain('context.database.note.findMany({\n          where: { ownerId: context.user.id },');
    expect(controller).toContain('use: [authProcedure()],');
  });

  it('type-checks against @igniter-js/core 0.3.40 with a typed Prisma client', () => {
    expect(typecheck(root)).toBe('');
  });

  it('passes the strict preset with zero findings', async () => {
    expect(await lintStrict(root)).toEqual([]);
  });

  it('gives only SKIP changes when run again', () => {
    for (const options of PRISMA_VARIANTS) {
      expect(new Set(runGenerator(root, controllerGenerator, { ...options, data: 'prisma' }).map((change) => change.kind))).toEqual(new Set(['skip']));
    }
  });
});

describe('generate controller: conflicts and usage errors', () => {
  it('an existing file with other content aborts the run unless --force', () => {
    const root = copyFixture();
    generate(root, controllerGenerator, { name: 'note' });
    const before = readFileSync(join(root, 'src/features/note/controllers/note.controller.ts'), 'utf8');
    const error = thrown(() => runGenerator(root, controllerGenerator, { name: 'note', scope: 'tenant' }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('already exists with other content; use --force');
    expect(readFileSync(join(root, 'src/features/note/controllers/note.controller.ts'), 'utf8')).toBe(before);
    const forced = runGenerator(root, controllerGenerator, { name: 'note', scope: 'tenant', force: true });
    expect(summary(forced)).toContain('UPDATE src/features/note/controllers/note.controller.ts');
    expect(summary(forced)).toContain('SKIP src/igniter.router.ts');
  });

  it('installs the relay once: a re-run, or an instance file that already calls relayRealtime(igniter), adds nothing', () => {
    const root = copyFixture();
    generate(root, controllerGenerator, { name: 'note' });
    const instance = readFileSync(join(root, 'src/igniter.ts'), 'utf8');
    expect(instance.match(/relayRealtime\(igniter\)/g)).toHaveLength(1);
    expect(summary(runGenerator(root, controllerGenerator, { name: 'task' }))).toContain('SKIP src/igniter.ts');
    generate(root, controllerGenerator, { name: 'task' });
    expect(readFileSync(join(root, 'src/igniter.ts'), 'utf8')).toBe(instance);
  });

  it.each([
    ['an instance that is not exported', (text: string) => text.replace('export const igniter', 'const igniter') + '\nexport { igniter }\n'],
    ['an instance made by a helper', () => "import { makeIgniter } from './make'\n\nexport const igniter = makeIgniter()\n"],
    ['an instance file that does not parse', (text: string) => text.replace('.create()', '.create(')],
  ])('an instance file it cannot read (%s) is a usage error naming the line to add by hand; nothing is written', (_name, edit) => {
    const root = copyFixture();
    const before = edit(readFileSync(join(root, 'src/igniter.ts'), 'utf8'));
    writeFile(root, 'src/igniter.ts', before);
    const error = thrown(() => generate(root, controllerGenerator, { name: 'note' }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/Cannot find `export const igniter = Igniter\. \.\.\. \.create\(\)` at the top level of src\/igniter\.ts|src\/igniter\.ts:\d+:\d+ has a syntax error/);
    expect(error.message).toContain("add by hand after it: `relayRealtime(igniter)`, with `import { relayRealtime } from '@/lib/igniter-rt/realtime-relay'`");
    expect(readFileSync(join(root, 'src/igniter.ts'), 'utf8')).toBe(before);
    expect(existsSync(join(root, 'src/features/note'))).toBe(false);
  });

  it('a router key registered to another controller aborts unless --force', () => {
    const root = copyFixture();
    const router = readFileSync(join(root, 'src/igniter.router.ts'), 'utf8');
    writeFile(root, 'src/igniter.router.ts', router.replace('    health: healthController,\n', '    health: healthController,\n    note: healthController,\n'));
    expect(thrown(() => runGenerator(root, controllerGenerator, { name: 'note' })).message).toBe(
      'The router key "note" is already registered to healthController in src/igniter.router.ts; use --force to replace it.',
    );
    const after = runGenerator(root, controllerGenerator, { name: 'note', force: true }).find((change) => change.path === 'src/igniter.router.ts')!.after;
    expect(after).toContain('    health: healthController,\n    note: noteController,\n');
  });

  it.each([
    [{ name: '' }, 'The controller name is empty'],
    [{ name: '9lives' }, 'cannot become an identifier'],
    [{ name: '../evil' }, 'looks like a path'],
    [{ name: 'class' }, 'reserved word'],
    [{ name: 'note', actions: 'list,archive' }, '--actions: unknown "archive"'],
    [{ name: 'note', scope: 'world' }, '--scope must be one of user, room, tenant, none'],
    [{ name: 'note', data: 'mongo' }, '--data must be one of memory, prisma'],
    [{ name: 'note', scope: 'none' }, '--scope none sends every change to every connected client'],
    [{ name: 'user-settings', scope: 'none', auth: 'rateLimitProcedure' }, 'looks like private data'],
    [{ name: 'note', auth: 'sessionGuard' }, 'Cannot find the procedure "sessionGuard" (--auth): no file under src/ exports `sessionGuard = igniter.procedure(...)`. Procedures found: authProcedure (src/procedures/auth.procedure.ts), rateLimitProcedure (src/procedures/rate-limit.procedure.ts).'],
    [{ name: 'note', auth: 'none' }, 'needs a procedure that authenticates or rate-limits'],
    [{ name: 'note', auth: 'none', actions: 'getById' }, '--scope user reads context.user'],
    [{ name: 'note', actions: 'create,delete' }, 'has mutations but no query for them to revalidate'],
    [{ name: 'note', auth: 'a-b' }, 'is not an identifier'],
  ])('refuses %j with exit 2', (options, message) => {
    const root = copyFixture();
    writeFile(root, 'src/procedures/rate-limit.procedure.ts', RATE_LIMIT);
    const error = thrown(() => runGenerator(root, controllerGenerator, options as Record<string, OptionValue>));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(message);
  });

  it('describes its arguments and options for the CLI, prompts and --list', () => {
    expect(controllerGenerator.name).toBe('controller');
    expect(controllerGenerator.arguments.map((argument) => argument.name)).toEqual(['name']);
    expect(controllerGenerator.options.map((option) => [option.name, option.type, option.default])).toEqual([
      ['actions', 'list', ['list', 'getById', 'create', 'update', 'delete']],
      ['scope', 'string', 'user'],
      ['auth', 'string', 'authProcedure'],
      ['data', 'string', 'memory'],
      ['sseEntry', 'string', 'auto'],
      ['force', 'boolean', false],
    ]);
  });
});

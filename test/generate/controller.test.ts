import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controllerGenerator } from '../../src/generate/generators/controller.js';
import { GenerateError, type OptionValue } from '../../src/generate/types.js';
import { copyFixture, generate, lintStrict, removeCopies, runGenerator, startApp, summary, typecheck, until, writeFile } from './support.js';

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

function thrown(fn: () => unknown): GenerateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GenerateError) return error;
    throw error;
  }
  throw new Error('expected a GenerateError');
}

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
      'CREATE src/features/user-profile/controllers/user-profile.controller.ts',
      'CREATE src/features/user-profile/user-profile.interfaces.ts',
      'CREATE src/features/user-profile/user-profile.procedure.ts',
      'CREATE src/features/user-profile/user-profile.repository.ts',
      'UPDATE src/igniter.router.ts',
    ]);
    const router = changes.find((change) => change.path === 'src/igniter.router.ts')!.after;
    expect(router).toContain("import { userProfileController } from '@/features/user-profile/controllers/user-profile.controller'\n");
    expect(router).toContain('    health: healthController,\n    userProfile: userProfileController,\n  },');
  });

  it('writes the realtime patterns: a guarded stream, scoped revalidation before the terminal call', () => {
    const controller = readFileSync(join(root, 'src/features/note/controllers/note.controller.ts'), 'utf8');
    expect(controller.startsWith('/**\n * Note controller, registered in the router as `note`.\n * Generated by `igniter-rt generate controller note`.')).toBe(true);
    expect(controller).toMatch(/list: igniter\.query\(\{\n\s+name: 'List notes',\n\s+path: '\/' as const,\n\s+stream: true,\n\s+query: NoteListQuerySchema,\n\s+use: \[authProcedure\(\), noteRepositoryProcedure\(\)\],/);
    expect(controller).toContain("        return response\n          .revalidate(['note.list'], (ctx) => [`user:${ctx.user.id}`])\n          .created({ note: item })");
    expect(controller.match(/\.revalidate\(\['note\.list'\], \(ctx\) => \[`user:\$\{ctx\.user\.id\}`\]\)/g)).toHaveLength(3);
    const room = readFileSync(join(root, 'src/features/message/controllers/message.controller.ts'), 'utf8');
    expect(room).toContain("path: '/:roomId/:id' as const");
    expect(room).toContain(".revalidate(['message.list'], () => [`room:${roomId}`])");
    const tenant = readFileSync(join(root, 'src/features/task/controllers/task.controller.ts'), 'utf8');
    expect(tenant).toContain(".revalidate(['task.list'], (ctx) => [`tenant:${ctx.user.tenantId}`])");
    expect(tenant).not.toContain('getById');
    const open = readFileSync(join(root, 'src/features/post/controllers/post.controller.ts'), 'utf8');
    expect(open).toContain(".revalidate(['post.list'])\n");
    expect(open).toContain('use: [rateLimitProcedure(), postRepositoryProcedure()]');
    // No stream query: the controller key refetches every `tag.*` query.
    const tag = readFileSync(join(root, 'src/features/tag/controllers/tag.controller.ts'), 'utf8');
    expect(tag).toContain(".revalidate(['tag'], (ctx) => [`user:${ctx.user.id}`])");
    expect(tag).not.toMatch(/^\s+stream: true,/m);
    const bookmark = readFileSync(join(root, 'src/features/bookmark/controllers/bookmark.controller.ts'), 'utf8');
    expect(bookmark).not.toContain('revalidate(');
    expect(bookmark).not.toMatch(/import \{ \} from/);
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
    writeFile(copy, file, text.replace(".revalidate(['note.list'], (ctx) => [`user:${ctx.user.id}`])", ".revalidate(['notes.list'])").replace('      stream: true,\n', ''));
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
      const [mine, theirs, room, other] = await Promise.all([app.listen(['user:u1']), app.listen(['user:u2']), app.listen(['room:r1']), app.listen(['room:r2'])]);
      const created = await app.call('POST', '/note', { body: { title: 'hello' } });
      expect(created.status).toBe(201);
      const id = (created.json as { data: { note: { id: string } } }).data.note.id;
      expect((await app.call('GET', '/note?limit=5')).json).toMatchObject({ data: { items: [{ id, title: 'hello', ownerId: 'u1' }], nextCursor: null } });
      expect((await app.call('GET', `/note/${id}`)).json).toMatchObject({ data: { note: { id } } });
      expect((await app.call('GET', `/note/${id}`, { user: 'u2' })).status).toBe(404);
      expect((await app.call('GET', '/note', { user: '' })).status).toBe(401);
      expect((await app.call('PATCH', `/note/${id}`, { body: { title: 'bye' } })).json).toMatchObject({ data: { note: { id, title: 'bye' } } });
      expect((await app.call('DELETE', `/note/${id}`, { user: 'u2' })).status).toBe(404);
      expect((await app.call('DELETE', `/note/${id}`)).status).toBe(204);
      expect((await app.call('POST', '/note', { body: { title: '' } })).status).toBe(400);
      expect((await app.call('POST', '/message/r1', { body: { title: 'hi' } })).status).toBe(201);
      await until(() => mine.events().length === 3 && room.events().length === 1);
      expect(mine.events().map((event) => [event.scopes, event.data.queryKeys])).toEqual(Array(3).fill([['user:u1'], ['note.list']]));
      expect(room.events().map((event) => [event.scopes, event.data.queryKeys])).toEqual([[['room:r1'], ['message.list']]]);
      expect(theirs.events()).toEqual([]);
      expect(other.events()).toEqual([]);
      await Promise.all([mine, theirs, room, other].map((connection) => connection.close()));
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
    expect(summary(changes)).toEqual(['CREATE src/features/note/controllers/note.controller.ts', 'CREATE src/features/note/note.interfaces.ts', 'UPDATE src/igniter.router.ts']);
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
    [{ name: 'note', auth: 'sessionGuard' }, 'No procedure "sessionGuard" is exported under src/procedures'],
    [{ name: 'note', auth: 'none' }, 'needs a procedure that authenticates or rate-limits'],
    [{ name: 'note', auth: 'none', actions: 'create' }, '--scope user reads context.user'],
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
      ['force', 'boolean', false],
    ]);
  });
});

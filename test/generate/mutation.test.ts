import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controllerGenerator } from '../../src/generate/generators/controller.js';
import { mutationGenerator } from '../../src/generate/generators/mutation.js';
import type { OptionValue } from '../../src/generate/types.js';
import { copyFixture, generate, lintStrict, removeCopies, runGenerator, startApp, summary, typecheck, until, writeFile } from './support.js';
import { thrown } from './expected-error.js';

const RATE_LIMIT = `import { igniter } from '@/igniter'

export const rateLimitProcedure = igniter.procedure({
  name: 'rateLimit',
  handler: async (_options: Record<string, never>, { context }) => {
    const count = await context.store.increment('rate:global')
    return { rateLimit: { remaining: 100 - count } }
  },
})
`;

/** A hand-written controller in its own style: tabs, double quotes, semicolons, comments, no trailing comma. */
const KANBAN = `// Kanban board: hand-written, with its own style.
import { igniter } from "@/igniter";
import { authProcedure } from "../../procedures/auth.procedure";

export const kanbanController = igniter.controller({
\tname: "Kanban",
\tpath: "/kanban",
\tactions: {
\t\t/** Columns, live. */
\t\tcolumns: igniter.query({
\t\t\tpath: "/columns",
\t\t\tstream: true,
\t\t\tuse: [authProcedure()],
\t\t\thandler: async ({ response }) => response.success({ columns: [] as string[] }),
\t\t}),
\t\tcards: igniter.query({ path: "/cards", stream: true, use: [authProcedure()], handler: async ({ response }) => response.success({ cards: [] as string[] }) }), // one-liner
\t\tcount: igniter.query({ path: "/count", use: [authProcedure()], handler: async ({ response }) => response.success({ count: 0 }) })
\t}
});
`;

const KANBAN_FILE = 'src/features/kanban/kanban.controller.ts';
const NOTE_FILE = 'src/features/note/controllers/note.controller.ts';

const MUTATIONS: Record<string, OptionValue>[] = [
  { name: 'archive', controller: 'note', method: 'PATCH', path: '/:id/archive' },
  { name: 'close', controller: 'board', scope: 'tenant' },
  { name: 'kick', controller: 'board', scope: 'room', method: 'DELETE' },
  { name: 'broadcast', controller: 'board', scope: 'none', auth: 'rateLimitProcedure', method: 'PUT' },
];

/** A copy with the rate limiter, a generated `note` controller and the hand-written board (router key `board`). */
function prepare(): string {
  const root = copyFixture();
  writeFile(root, 'src/procedures/rate-limit.procedure.ts', RATE_LIMIT);
  writeFile(root, KANBAN_FILE, KANBAN);
  const router = readFileSync(join(root, 'src/igniter.router.ts'), 'utf8');
  writeFile(
    root,
    'src/igniter.router.ts',
    router
      .replace("import { healthController }", "import { kanbanController } from './features/kanban/kanban.controller'\nimport { healthController }")
      .replace('    health: healthController,\n', '    health: healthController,\n    board: kanbanController,\n'),
  );
  generate(root, controllerGenerator, { name: 'note', actions: 'list,create' });
  return root;
}

afterAll(removeCopies);

describe('generate mutation', () => {
  let root: string;
  beforeAll(() => {
    root = prepare();
    for (const options of MUTATIONS) generate(root, mutationGenerator, options);
  });

  it("revalidates the controller's stream queries by their router keys, scoped, before the terminal call", () => {
    const note = readFileSync(join(root, NOTE_FILE), 'utf8');
    expect(note).toContain(
      [
        '    archive: igniter.mutation({',
        "      name: 'Archive',",
        "      path: '/:id/archive' as const,",
        "      method: 'PATCH',",
        '      // The request body: add the fields this mutation takes.',
        '      body: z.object({}),',
        '      use: [authProcedure()],',
        '      handler: async ({ context, response }) => {',
      ].join('\n'),
    );
    expect(note).toContain("        await igniter.realtime.revalidate({ path: 'note.list', scopes: [`user:${context.user.id}`] })\n        return response.success({ ok: true })\n      },\n    }),\n  },\n})\n");
    expect(note).toContain("import { noteRepositoryProcedure } from '../note.procedure'\nimport { z } from 'zod'\n");
    const kanban = readFileSync(join(root, KANBAN_FILE), 'utf8');
    // The router key (`board`), not the file's name; both stream queries, not the plain `count`.
    expect(kanban).toContain(
      "\t\t\t\tawait igniter.realtime.revalidate([\n\t\t\t\t\t{ path: 'board.columns', scopes: [`tenant:${context.user.tenantId}`] },\n\t\t\t\t\t{ path: 'board.cards', scopes: [`tenant:${context.user.tenantId}`] },\n\t\t\t\t])\n\t\t\t\treturn response.success({ ok: true })",
    );
    expect(kanban).toContain("{ path: 'board.cards', scopes: [`room:${roomId}`] },\n\t\t\t\t])\n\t\t\t\treturn response.noContent()");
    expect(kanban).toContain("{ path: 'board.cards' },\n\t\t\t\t])\n\t\t\t\treturn response.success({ ok: true })");
    expect(kanban).toContain('use: [rateLimitProcedure()],');
    expect(kanban).not.toMatch(/response\s*\.revalidate/);
  });

  it("keeps the file's formatting and comments, and follows its indentation", () => {
    const kanban = readFileSync(join(root, KANBAN_FILE), 'utf8');
    const insertedAt = kanban.indexOf('\t\tclose: igniter.mutation');
    const before = KANBAN.slice(0, KANBAN.indexOf('\t}\n});'));
    // Everything before the insertion is the original, plus the comma after the last action and the new imports.
    expect(kanban.slice(0, insertedAt)).toBe(
      before
        .replace('import { authProcedure } from "../../procedures/auth.procedure";\n', 'import { authProcedure } from "../../procedures/auth.procedure";\nimport { z } from "zod";\nimport { rateLimitProcedure } from "@/procedures/rate-limit.procedure";\n')
        .replace('response.success({ count: 0 }) })\n', 'response.success({ count: 0 }) }),\n'),
    );
    expect(kanban.endsWith('\t\t\t},\n\t\t})\n\t}\n});\n')).toBe(true);
    expect(kanban).toContain('\t\tclose: igniter.mutation({\n\t\t\tname: \'Close\',\n');
    expect(kanban).toContain('\t\t\thandler: async ({ request, response }) => {\n\t\t\t\tconst { roomId } = request.params\n');
    // authProcedure was imported already (relative path): not imported again.
    expect(kanban.match(/authProcedure }/g)).toHaveLength(1);
  });

  it('type-checks against @igniter-js/core 0.3.40', () => {
    expect(typecheck(root)).toBe('');
  });

  it('passes the strict preset with zero findings', async () => {
    expect(await lintStrict(root)).toEqual([]);
  });

  it('runs: each mutation answers and revalidates its keys for its scope only', async () => {
    const app = await startApp(root);
    try {
      const [user, other, tenant, room, anyone] = await Promise.all([app.listen(['user:u1']), app.listen(['user:u2']), app.listen(['tenant:tenant-1']), app.listen(['room:r1']), app.listen(['someone-else'])]);
      expect((await app.call('PATCH', '/note/n1/archive', { body: {} })).json).toEqual({ data: { ok: true }, error: null });
      expect((await app.call('POST', '/kanban/close', { body: {} })).status).toBe(200);
      expect((await app.call('DELETE', '/kanban/r1/kick')).status).toBe(204);
      expect((await app.call('PUT', '/kanban/broadcast', { body: {}, user: '' })).status).toBe(200);
      expect((await app.call('PATCH', '/note/n1/archive', { body: {}, user: '' })).status).toBe(401);
      await until(() => user.events().length === 2 && anyone.events().length === 1);
      const seen = (connection: typeof user) => connection.events().map((event) => `${event.scopes?.join(',') ?? '*'} ${event.data.queryKeys.join(',')}`);
      expect(seen(user)).toEqual(['user:u1 note.list', '* board.columns,board.cards']);
      expect(seen(other)).toEqual(['* board.columns,board.cards']);
      expect(seen(tenant)).toEqual(['tenant:tenant-1 board.columns,board.cards', '* board.columns,board.cards']);
      expect(seen(room)).toEqual(['room:r1 board.columns,board.cards', '* board.columns,board.cards']);
      expect(seen(anyone)).toEqual(['* board.columns,board.cards']);
      await Promise.all([user, other, tenant, room, anyone].map((connection) => connection.close()));
    } finally {
      await app.close();
    }
  });

  it('gives only SKIP changes when run again', () => {
    for (const options of MUTATIONS) {
      // A private scope behind authProcedure also checks the SSE guard (installed by the first run); the public one does not.
      const guard =
        options.scope === 'none'
          ? []
          : ['SKIP src/features/realtime/controllers/realtime.controller.ts', 'SKIP src/features/realtime/realtime.scopes.ts', 'SKIP src/igniter.router.ts'];
      const tail = options.scope === 'none' ? [] : ['SKIP src/lib/igniter-rt/realtime-guard.ts'];
      const server = options.scope === 'none' ? [] : ['SKIP src/server.ts'];
      expect(summary(runGenerator(root, mutationGenerator, options))).toEqual(
        [`SKIP ${options.controller === 'note' ? NOTE_FILE : KANBAN_FILE}`, ...guard, 'SKIP src/igniter.ts', ...tail, 'SKIP src/lib/igniter-rt/realtime-relay.ts', ...server].sort(byPath),
      );
    }
  });

  it('a different mutation under the same key conflicts unless --force, which replaces it in place', () => {
    const error = thrown(() => runGenerator(root, mutationGenerator, { name: 'archive', controller: 'note', method: 'POST' }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(`The controller noteController in ${NOTE_FILE} already has an action "archive" with different code; use --force to replace it.`);
    const [change] = runGenerator(root, mutationGenerator, { name: 'archive', controller: 'note', method: 'POST', force: true }).filter((candidate) => candidate.path === NOTE_FILE);
    expect(change.kind).toBe('update');
    expect(change.after).toContain("      path: '/archive' as const,\n      method: 'POST',");
    expect(change.after.match(/archive: /g)).toHaveLength(1);
  });
});

describe('generate mutation: usage errors', () => {
  let root: string;
  beforeAll(() => {
    root = prepare();
  });

  it.each([
    [{ name: 'archive', controller: 'notes' }, 'No controller is registered as "notes" in src/igniter.router.ts. Registered: health, board, note, realtime.'],
    [{ name: 'archive' }, 'Missing the controller key (--controller).'],
    [{ name: 'archive', controller: 'note', method: 'GET' }, '--method must be one of POST, PUT, PATCH, DELETE'],
    [{ name: 'archive', controller: 'note', path: 'archive' }, 'is not a route path'],
    [{ name: 'archive', controller: 'note', scope: 'room', path: '/archive' }, 'lacks; e.g. --path /:roomId/archive'],
    [{ name: 'archive', controller: 'note', scope: 'none' }, '--scope none sends every change to every connected client'],
    [{ name: 'delete-all', controller: 'board', auth: 'adminProcedure' }, 'Cannot find the procedure "adminProcedure" (--auth)'],
    [{ name: 'default', controller: 'note' }, 'reserved word'],
    [{ name: 'reset', controller: 'health' }, 'The controller "health" (src/features/health/controllers/health.controller.ts) has no stream query for the mutation to revalidate. Mark the query'],
  ])('refuses %j with exit 2', (options, message) => {
    const error = thrown(() => runGenerator(root, mutationGenerator, options as Record<string, OptionValue>));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(message);
  });

  it('describes its arguments and options for the CLI, prompts and --list', () => {
    expect(mutationGenerator.arguments.map((argument) => argument.name)).toEqual(['name']);
    expect(mutationGenerator.options.map((option) => [option.name, option.default])).toEqual([
      ['controller', undefined],
      ['scope', 'user'],
      ['auth', 'authProcedure'],
      ['method', 'POST'],
      ['path', ''],
      ['sseEntry', 'auto'],
      ['force', false],
    ]);
  });
});

/** Change lines in the tree's order: by path. */
function byPath(a: string, b: string): number {
  const path = (line: string) => line.slice(line.indexOf(' ') + 1);
  return path(a).localeCompare(path(b));
}

/**
 * `generate sse-guard` on the fixture app: what it writes and edits, that it type-checks and passes the
 * strict preset, and, run for real on @igniter-js/core 0.3.40, that it makes the SSE endpoint private:
 * no session → 401, someone else's scope → 403, malformed parameters → 400 (where core answers 500),
 * and the owner's connection still gets its revalidations.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { controllerGenerator } from '../../src/generate/generators/controller.js';
import { sseGuardGenerator } from '../../src/generate/generators/sse-guard.js';
import { streamGenerator } from '../../src/generate/generators/stream.js';
import { thrown } from './expected-error.js';
import { copyFixture, generate, lintStrict, removeCopies, runGenerator, startApp, summary, typecheck, until, writeFile } from './support.js';

afterAll(removeCopies);

/** A fetch-style entry like the Bun and Deno starters' (`fetch: (request) => AppRouter.handler(request)`). */
const SERVER = `import { AppRouter } from '@/igniter.router'

export const handleRequest = (request: Request) => AppRouter.handler(request)

export const server = { port: 3000, fetch: handleRequest }
`;

/** A rate limiter: a procedure that does not authenticate (public data). */
const RATE_LIMIT = `import { igniter } from '@/igniter'

export const rateLimitProcedure = igniter.procedure({
  name: 'rateLimit',
  handler: async () => ({ rateLimit: { remaining: 100 } }),
})
`;

function appWithEntry(): string {
  const root = copyFixture();
  writeFile(root, 'src/server.ts', SERVER);
  generate(root, controllerGenerator, { name: 'note', scope: 'user' });
  return root;
}

describe('generate sse-guard', () => {
  it('writes the guard, the scopes query and policy, registers the controller and serves the guarded router; a re-run changes nothing', () => {
    const root = copyFixture();
    writeFile(root, 'src/server.ts', SERVER);
    const changes = generate(root, sseGuardGenerator, {});
    expect(summary(changes)).toEqual([
      'CREATE src/features/realtime/controllers/realtime.controller.ts',
      'CREATE src/features/realtime/realtime.scopes.ts',
      'UPDATE src/igniter.router.ts',
      'CREATE src/lib/igniter-rt/realtime-guard.ts',
      'UPDATE src/server.ts',
    ]);
    const server = changes.find((change) => change.path === 'src/server.ts')!.after;
    expect(server).toContain("import { withRealtimeGuard } from '@/lib/igniter-rt/realtime-guard'");
    expect(server).toContain('const guardedRouter = withRealtimeGuard(AppRouter)');
    expect(server).toContain('export const handleRequest = (request: Request) => guardedRouter.handler(request)');
    expectOnlySkips(summary(runGenerator(root, sseGuardGenerator, {})));
  });

  it('edits the Next.js and Express forms of serving the router', () => {
    const root = copyFixture();
    writeFile(root, 'src/app/api/v1/[[...all]]/route.ts', "import { AppRouter } from '@/igniter.router'\nimport { nextRouteHandlerAdapter } from '@igniter-js/core/adapters'\n\nexport const { GET, POST, PUT, DELETE } = nextRouteHandlerAdapter(AppRouter)\n");
    writeFile(root, 'src/index.ts', "import { expressAdapter } from '@igniter-js/core/adapters'\nimport { AppRouter } from './igniter.router'\n\nexport const middleware = expressAdapter(AppRouter.handler)\n");
    const changes = runGenerator(root, sseGuardGenerator, {});
    const after = (path: string) => changes.find((change) => change.path === path)!.after;
    expect(after('src/app/api/v1/[[...all]]/route.ts')).toContain('nextRouteHandlerAdapter(guardedRouter)');
    expect(after('src/index.ts')).toContain('expressAdapter(guardedRouter.handler)');
    expect(after('src/index.ts')).toContain("import { withRealtimeGuard } from '@/lib/igniter-rt/realtime-guard'");
  });

  it('type-checks against core 0.3.40 and passes the strict preset with zero findings', async () => {
    const root = appWithEntry();
    generate(root, sseGuardGenerator, {});
    expect(typecheck(root)).toBe('');
    expect(await lintStrict(root)).toEqual([]);
  });

  it('refuses what it cannot do, naming the fix, with nothing written', () => {
    const root = copyFixture();
    rmSync(join(root, 'src/server.ts'));
    expect(thrown(() => runGenerator(root, sseGuardGenerator, {}))).toMatchObject({ exitCode: 2, message: expect.stringContaining('Pass --entry <file>, or --entry none') });
    expect(thrown(() => runGenerator(root, sseGuardGenerator, { entry: 'src/missing.ts' }))).toMatchObject({ exitCode: 2, message: '--entry src/missing.ts does not exist.' });
    expect(thrown(() => runGenerator(root, sseGuardGenerator, { entry: 'none', auth: 'none' }))).toMatchObject({ exitCode: 2, message: expect.stringContaining('--auth <procedure>') });
    writeFile(root, 'src/other.ts', 'export const x = 1\n');
    expect(thrown(() => runGenerator(root, sseGuardGenerator, { entry: 'src/other.ts' }))).toMatchObject({ exitCode: 2, message: expect.stringContaining('does not serve AppRouter') });
    expect(summary(runGenerator(root, sseGuardGenerator, { entry: 'none' }))).not.toContain('UPDATE src/other.ts');
  });

  describe('installed by the generators of private realtime', () => {
    it('generate controller installs it (private by default); generate sse-guard then changes nothing', () => {
      const root = appWithEntry();
      expect(readFileSync(join(root, 'src/server.ts'), 'utf8')).toContain('guardedRouter.handler(request)');
      expect(readFileSync(join(root, 'src/features/note/controllers/note.controller.ts'), 'utf8')).toContain("Guarded: 0.3's SSE endpoint");
      expectOnlySkips(summary(runGenerator(root, sseGuardGenerator, {})));
      // A room stream says where its membership goes: the generated policy owns user and tenant scopes only.
      const stream = runGenerator(root, streamGenerator, { name: 'typing', controller: 'note', kind: 'typing' }).find((change) => change.path.endsWith('typing.stream.ts'))!.after;
      expect(stream).toContain('Guarded: 0.3\'s SSE endpoint');
      expect(stream.replace(/\n \* /g, ' ')).toContain('add the rooms a user belongs to there, or the guard refuses the tabs that ask for `room:<id>` (403)');
    });

    it('keeps a guard policy edited by hand', () => {
      const root = appWithEntry();
      const scopes = 'src/features/realtime/realtime.scopes.ts';
      writeFile(root, scopes, `// rooms added by hand\n${readFileSync(join(root, scopes), 'utf8')}`);
      const changes = runGenerator(root, controllerGenerator, { name: 'task', scope: 'tenant' });
      expect(changes.find((change) => change.path === scopes)?.kind).toBe('skip');
    });

    it('without a serving entry: exit 2 naming --sse-entry, nothing written; --sse-entry none writes the guard unwired and says so', () => {
      const root = copyFixture();
      rmSync(join(root, 'src/server.ts'));
      expect(thrown(() => runGenerator(root, controllerGenerator, { name: 'note' }))).toMatchObject({ exitCode: 2, message: expect.stringContaining('Pass --sse-entry <file>, or --sse-entry none') });
      const changes = runGenerator(root, controllerGenerator, { name: 'note', sseEntry: 'none' });
      expect(summary(changes)).toContain('CREATE src/lib/igniter-rt/realtime-guard.ts');
      const controller = changes.find((change) => change.path.endsWith('note.controller.ts'))!.after;
      expect(controller).toContain('Generated by `igniter-rt generate controller note --sse-entry none`');
      expect(controller).toContain('Not wired (--sse-entry none)');
    });

    it('is not installed for public realtime (--scope none behind a rate limit)', () => {
      const root = copyFixture();
      writeFile(root, 'src/procedures/rate-limit.procedure.ts', RATE_LIMIT);
      const changes = runGenerator(root, controllerGenerator, { name: 'post', scope: 'none', auth: 'rateLimitProcedure' });
      expect(changes.map((change) => change.path).filter((path) => /realtime-guard|features\/realtime|server\.ts/.test(path))).toEqual([]);
      expect(changes.find((change) => change.path.endsWith('post.controller.ts'))!.after).toContain("Not protected: 0.3's SSE endpoint");
    });
  });

  describe('at runtime (core 0.3.40)', () => {
    it('lets only the owner of a scope listen to it, and answers 400 where core would answer 500', async () => {
      const root = appWithEntry();
      generate(root, sseGuardGenerator, {});
      const app = await startApp(root, { serve: { module: '/src/server.ts', handler: 'handleRequest' } });
      const raw = await startApp(root);
      const refusals: string[] = [];
      const warn = console.warn;
      console.warn = (message: string) => refusals.push(message);
      try {
        const sse = (query: string, user?: string) => app.call('GET', `/sse/events?${query}`, user === undefined ? { headers: {} } : { user });
        expect((await sse('channels=revalidation&scopes=user:alice')).status).toBe(401);
        expect((await sse('channels=revalidation&scopes=user:alice', 'bob')).status).toBe(403);
        expect((await sse('channels=revalidation&scopes=user:bob,room:lobby', 'bob')).status).toBe(403);
        expect((await sse('channels=revalidation&scopes=user:alice%0A', 'alice')).status).toBe(400);
        expect((await sse('channels=revalidation&scopes=user:alice&scopes=user:bob', 'alice')).status).toBe(400);
        expect((await sse('channels=revalidation,note.list:{}&scopes=user:alice', 'alice')).status).toBe(400);
        // The same unknown channel without the guard: core's own answer.
        expect((await raw.call('GET', '/sse/events?channels=revalidation,note.list:{}&scopes=user:alice', { user: 'alice' })).status).toBe(500);
        expect(refusals).toHaveLength(6);
        expect(refusals[0]).toContain('401: no valid session');
        expect(refusals[1]).toContain('403: scope user:alice is not one of the session');

        const scopes = await app.call('GET', '/realtime/scopes', { user: 'alice' });
        expect(scopes).toMatchObject({ status: 200, json: { data: { scopes: ['user:alice', 'tenant:tenant-1'] } } });

        const alice = await app.listen(['user:alice', 'tenant:tenant-1'], { user: 'alice' });
        const bob = await app.listen(['user:bob'], { user: 'bob' });
        const created = await app.call('POST', '/note', { user: 'alice', body: { title: 'hello' } });
        expect(created.status).toBe(201);
        await until(() => alice.events().length > 0);
        expect(alice.events().map((event) => event.data.queryKeys)).toEqual([['note.list']]);
        expect(bob.events()).toEqual([]);
        await alice.close();
        await bob.close();
      } finally {
        console.warn = warn;
        await app.close();
        await raw.close();
      }
    });
  });
});

/** A second run changes nothing: at least one line, and every line a SKIP (an empty summary would pass `every`). */
function expectOnlySkips(lines: string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.filter((line) => !line.startsWith('SKIP'))).toEqual([]);
}

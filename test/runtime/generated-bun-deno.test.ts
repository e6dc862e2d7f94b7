/**
 * The guard in the Bun and Deno REST starters' own entries, proven over real HTTP and Redis (no
 * browser: the guard is a server-side decision, a plain SSE client sees it all). Each layout is
 * generated as in generated-app.ts (`generate controller note` installs the guard and edits
 * `src/index.ts`), then `src/index.ts` runs as written under Node, its `serve` import answered by
 * support/fetch-serve-shim.ts: Bun's `serve({ routes: { [base + '*']: guardedRouter.handler } })`,
 * Deno std's `serve(handler, { port })` whose handler calls `guardedRouter.handler(req)`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './support/app-server.js';
import { generatedApp, sessionCookie, sessionKey, USERS, type GeneratedApp } from './support/generated-app.js';
import { startRedis, type RedisServer } from './support/redis.js';
import { openSse, type SseConnection } from './support/sse-client.js';
import { waitUntil } from './support/wait.js';

/** A revalidation reaches its connection on the same server well within this (measured: a few ms). */
const DELIVERY_BOUND_MS = 2_000;
/** How long a refused connection is watched for events that must not come. */
const QUIET_MS = 300;

describe.each(['bun-rest', 'deno-rest'] as const)('runtime: the SSE guard in the %s starter entry (src/index.ts as generated)', (layout) => {
  let redis: RedisServer;
  let app: GeneratedApp;
  let server: AppServer;
  const open: SseConnection[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    app = generatedApp(layout);
    await app.prepare(redis.url);
    for (const user of Object.values(USERS)) await redis.client.set(sessionKey(user.id), JSON.stringify(user));
    server = await startAppServer({ appDir: app.appDir, routerModule: 'src/igniter.router.ts', entry: app.entry, env: { REDIS_URL: redis.url }, name: `${layout} entry` });
  }, 120_000);

  afterAll(async () => {
    for (const connection of open) connection.close();
    await server?.stop();
    await redis?.stop();
    app?.remove();
  });

  const sse = (query: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/v1/sse/events?${query}`, { headers: { accept: 'text/event-stream', ...headers } });
  const createNote = (user: string, title: string) =>
    fetch(`${server.url}/api/v1/note/`, { method: 'POST', headers: { ...sessionCookie(user), 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
  const revalidations = (connection: SseConnection) => connection.events.filter((event) => event.type === 'revalidate');

  it('the generated entry serves the guarded router', () => {
    const entry = readFileSync(join(app.appDir, 'src/index.ts'), 'utf8');
    expect(entry).toContain('const guardedRouter = withRealtimeGuard(AppRouter)');
    expect(entry).toMatch(layout === 'bun-rest' ? /\[IGNITER_API_BASE_PATH \+ "\*"\]: guardedRouter\.handler/ : /return guardedRouter\.handler\(req\)/);
    expect(entry).not.toMatch(/AppRouter\.handler/);
  });

  it('bob asking for user:alice gets 403 and no events; no or an unknown session 401; malformed parameters 400', async () => {
    const cases: [string, Record<string, string>, number][] = [
      ['channels=revalidation&scopes=user:alice', sessionCookie('bob'), 403],
      ['channels=revalidation&scopes=user:bob,user:alice', sessionCookie('bob'), 403],
      ['channels=revalidation&scopes=user:alice', {}, 401],
      ['channels=revalidation&scopes=user:alice', { cookie: 'session=tok-nobody' }, 401],
      ['channels=revalidation&scopes=user:bob&scopes=user:bob', sessionCookie('bob'), 400],
      ['channels=revalidation&scopes=user:bob,', sessionCookie('bob'), 400],
      ['channels=note.list:{"a":1}&scopes=user:bob', sessionCookie('bob'), 400],
    ];
    for (const [query, headers, status] of cases) {
      const response = await sse(query, headers);
      // The status first: an unguarded endpoint answers 200 with a stream that never ends.
      if (response.status !== status) await response.body?.cancel();
      expect({ query, status: response.status }).toEqual({ query, status });
      const body = await response.text();
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(body).not.toContain('event:');
    }
    // The plain SSE client (what the provider opens) is refused the same way, before any event.
    await expect(openSse(server.url, { scopes: ['user:alice'], headers: sessionCookie('bob') })).rejects.toThrow(/HTTP 403/);
  });

  it("alice's connection receives her revalidation; bob's own connection (user:bob) receives nothing of hers", async () => {
    const alice = await openSse(server.url, { scopes: ['user:alice'], headers: sessionCookie('alice') });
    const bob = await openSse(server.url, { scopes: ['user:bob'], headers: sessionCookie('bob') });
    open.push(alice, bob);
    expect([alice.status, bob.status]).toEqual([200, 200]);
    const sentAt = performance.now();
    expect((await createNote('alice', `hello from ${layout}`)).status).toBe(201);
    const [event] = await waitUntil(() => revalidations(alice), (events) => events.length === 1, { timeoutMs: DELIVERY_BOUND_MS, message: "alice's connection got her revalidation" });
    expect(JSON.parse(event.data)).toMatchObject({ data: { queryKeys: expect.arrayContaining(['note.list']) } });
    console.log(`[runtime] ${layout}: alice's revalidation arrived ${(event.at - sentAt).toFixed(1)} ms after her POST was sent`);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(revalidations(bob)).toEqual([]);
    expect(revalidations(alice)).toHaveLength(1);
  });
});

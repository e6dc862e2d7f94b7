/**
 * The realtime scenarios of issue 11, for any app that follows docs/realtime-0.3.md and the page
 * contract of notes-page.ts: two server processes on one Redis, four tabs (alice and bob on each
 * server), a restart of each server. `describeRealtimeApp(name, spec)` registers them as one vitest
 * `describe`; servers, Redis and the browser start once for all of them.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppEntry, type AppServer, type RecordedRequest } from './app-server.js';
import { launchBrowser, TAB_HEADER, type HeadlessBrowser, type Tab } from './browser.js';
import { createNote, noteTexts, waitForLoaded } from './notes-page.js';
import { buildPage } from './page-build.js';
import { startRedis, type RedisServer } from './redis.js';
import { openSse } from './sse-client.js';
import { waitUntil } from './wait.js';

export interface RealtimeAppSpec {
  appDir: string;
  /** Module exporting `AppRouter`, relative to appDir. */
  routerModule: string;
  /** Serve through the app's own entry (a Next.js route module, an Express entry) instead of `AppRouter.handler`. */
  entry?: AppEntry;
  /** Build-time replacements for the page (see page-build.ts). */
  pageDefine?: Record<string, string>;
  /** Runs once Redis is up, before the page build and the servers: e.g. generate the app, store sessions. */
  prepare?(redis: RedisServer): Promise<void>;
  /** Runs after everything stopped (e.g. remove the generated app). */
  cleanup?(): void;
  /** More scenarios on the same Redis, servers and browser: registered after the guard's, before the restarts. */
  scenarios?(context: ScenarioContext): void;
  /** The browser page's module, relative to appDir (renders into #root, follows notes-page.ts). */
  pageEntry: string;
  /** Path of the live list query (a `stream: true` GET), e.g. `/api/v1/notes/`. */
  listPath: string;
  /** Its revalidation key, e.g. `note.list`. */
  listKey: string;
  /** Headers that sign a plain HTTP request in as `user` (what the page's cookie does). */
  authHeaders(user: string): Record<string, string>;
  /** Creates a note as `user` over plain HTTP. */
  createOverHttp(baseUrl: string, user: string, text: string): Promise<Response>;
  /** The scope of one user's data. */
  scope(user: string): string;
  /**
   * Whether the app guards its SSE route (`generate sse-guard`): then bob asking for alice's scope gets
   * 403. Without a guard, 0.3 trusts the scopes the client sends, and the scenario asserts that too.
   */
  sseGuarded: boolean;
}

/** What the `scenarios` of a spec get: the running parts (read them inside tests, once beforeAll ran). */
export interface ScenarioContext {
  readonly redis: RedisServer;
  readonly server1: AppServer;
  readonly server2: AppServer;
  readonly browser: HeadlessBrowser;
  /** Every tab opened so far, by label. */
  readonly tabs: Record<string, Tab>;
  /** Opens `/?user=<user>&<query>` on `server`, waits for the notes list and the tab's SSE connection. */
  openUserTab(server: AppServer, user: string, label: string, query?: string): Promise<Tab>;
  /** Waits until `server` answered an SSE request of tab `label` with 200. */
  waitForSse(server: AppServer, label: string, timeout?: number): Promise<RecordedRequest>;
}

/** "Within 1 s" of the issue: the bound of every wait for a realtime update. */
export const REALTIME_BOUND_MS = 1000;
/** After the expected tabs updated, how long an unexpected delivery gets to show up before we say none came. */
export const SETTLE_MS = 300;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `/api/v1/note/?limit=20` and `/api/v1/note` are the same query path; `/api/v1/note/inbox/bob` is not. */
const queryPath = (path: string) => path.replace(/\?.*$/, '').replace(/\/+$/, '');

export function describeRealtimeApp(name: string, spec: RealtimeAppSpec): void {
  describe(name, () => {
    let redis: RedisServer;
    let servers: AppServer[] = [];
    let browser: HeadlessBrowser;
    const tabs: Record<string, Tab> = {};
    let server1: AppServer;
    let server2: AppServer;
    let pageDir: string | undefined;

    beforeAll(async () => {
      const started = Date.now();
      // Started together; whatever started is kept for afterAll even when another part failed.
      const preparedPage = async () => {
        redis = await startRedis();
        await spec.prepare?.(redis);
        return buildPage({ appDir: spec.appDir, entry: spec.pageEntry, define: spec.pageDefine });
      };
      const [pageBuild, browserLaunch] = await Promise.allSettled([preparedPage(), launchBrowser()]);
      if (pageBuild.status === 'fulfilled') pageDir = pageBuild.value;
      if (browserLaunch.status === 'fulfilled') browser = browserLaunch.value;
      for (const result of [pageBuild, browserLaunch]) if (result.status === 'rejected') throw result.reason;
      const serverOptions = { appDir: spec.appDir, routerModule: spec.routerModule, entry: spec.entry, staticDir: pageDir, env: { REDIS_URL: redis.url } };
      const serverStarts = await Promise.allSettled([startAppServer({ ...serverOptions, name: 'server 1' }), startAppServer({ ...serverOptions, name: 'server 2' })]);
      servers = serverStarts.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      for (const result of serverStarts) if (result.status === 'rejected') throw result.reason;
      [server1, server2] = servers;
      await waitForRelays();
      console.log(`[runtime] Redis, page build, Chromium and 2 servers ready in ${Date.now() - started} ms`);
    });

    afterAll(async () => {
      await browser?.close();
      await Promise.all(servers.map((server) => server.stop()));
      await redis?.stop();
      if (pageDir) rmSync(pageDir, { recursive: true, force: true });
      spec.cleanup?.();
    });

    /** Waits until every server process holds its one relay subscription (it subscribes after start-up, asynchronously). */
    async function waitForRelays(): Promise<void> {
      await waitUntil(async () => (await redis.pubsub()).subscriptions, (count) => count === servers.length, {
        timeoutMs: 5000,
        message: `one relay subscription per server process (${servers.length})`,
      });
    }

    /** Waits until `server` answered an SSE request of tab `label` with 200 (it is then registered). */
    async function waitForSse(server: AppServer, label: string, timeout = 10_000): Promise<RecordedRequest> {
      let found: RecordedRequest | undefined;
      await expect
        .poll(
          async () => {
            found = (await server.requests()).find((request) => request.tab === label && request.path.includes('/sse/events') && request.status === 200);
            return Boolean(found);
          },
          { timeout, interval: 50, message: `tab ${label} has no SSE connection on ${server.url}` },
        )
        .toBe(true);
      return found!;
    }

    /** The server each open tab was opened on. */
    const tabServers = new Map<Tab, AppServer>();

    async function openUserTab(server: AppServer, user: string, label: string, query = ''): Promise<Tab> {
      const tab = await browser.openTab(`${server.url}/?user=${user}${query ? `&${query}` : ''}`, label);
      tabs[label] = tab;
      tabServers.set(tab, server);
      await waitForLoaded(tab);
      await waitForSse(server, label);
      return tab;
    }

    const listFetches = async (label: string) =>
      (await Promise.all(servers.map((server) => server.requests()))).flat().filter((request) => request.tab === label && request.method === 'GET' && queryPath(request.path) === queryPath(spec.listPath)).length;

    it('a note created in tab A (alice, server 1) shows in tabs A and A\' (alice, server 2) within 1 s; bob\'s tabs get nothing', async () => {
      await openUserTab(server1, 'alice', 'A');
      await openUserTab(server2, 'alice', "A'");
      await openUserTab(server1, 'bob', 'B');
      await openUserTab(server2, 'bob', "B'");
      const bobFetchesBefore = (await listFetches('B')) + (await listFetches("B'"));

      const text = `alice wrote this at ${Date.now()}`;
      const respondedAt = await createNote(tabs.A, text);
      await expect.poll(() => noteTexts(tabs.A), { timeout: REALTIME_BOUND_MS, interval: 20 }).toContain(text);
      await expect.poll(() => noteTexts(tabs["A'"]), { timeout: Math.max(0, respondedAt + REALTIME_BOUND_MS - Date.now()), interval: 20 }).toContain(text);
      await sleep(SETTLE_MS);

      for (const label of ['A', "A'"]) {
        const events = await tabs[label].revalidateEvents();
        // Exactly one: the relay does not echo a process's own revalidation back to it.
        expect(events, `revalidate events of tab ${label}`).toHaveLength(1);
        expect(events[0].scopes).toEqual([spec.scope('alice')]);
        expect(events[0].queryKeys).toEqual([spec.listKey]);
        // The event can arrive before the response: the mutation awaits the revalidation before it answers.
        console.log(`[runtime] tab ${label}: revalidate event at ${events[0].at - respondedAt} ms relative to the mutation's response`);
      }
      expect(await tabs.B.revalidateEvents()).toEqual([]);
      expect(await tabs["B'"].revalidateEvents()).toEqual([]);
      expect((await listFetches('B')) + (await listFetches("B'"))).toBe(bobFetchesBefore);
      expect(await noteTexts(tabs.B)).not.toContain(text);
    });

    it('100 GETs of the stream query leave the Redis subscriptions unchanged; the next revalidation arrives once', async () => {
      const before = await redis.pubsub();
      const clientsBefore = await redis.clientCount();
      // The relay: one subscription per server process, nothing else.
      expect(before.subscriptions).toBe(servers.length);
      for (let batch = 0; batch < 10; batch += 1) {
        const statuses = await Promise.all(
          Array.from({ length: 10 }, async (_, index) => {
            const server = servers[(batch * 10 + index) % servers.length];
            const response = await fetch(`${server.url}${spec.listPath}`, { headers: { ...spec.authHeaders('alice'), [TAB_HEADER]: 'http' } });
            await response.arrayBuffer();
            return response.status;
          }),
        );
        expect(statuses).toEqual(Array(10).fill(200));
      }
      expect(await redis.pubsub()).toEqual(before);
      expect(await redis.clientCount()).toBe(clientsBefore);

      const eventsBefore = (await tabs.A.revalidateEvents()).length;
      const text = `after 100 reads ${Date.now()}`;
      expect((await spec.createOverHttp(server2.url, 'alice', text)).status).toBeLessThan(300);
      await expect.poll(() => noteTexts(tabs.A), { timeout: REALTIME_BOUND_MS, interval: 20 }).toContain(text);
      await sleep(SETTLE_MS);
      expect(await tabs.A.revalidateEvents()).toHaveLength(eventsBefore + 1);
    });

    it(spec.sseGuarded ? "the SSE route refuses bob's request for alice's scope" : "without an SSE guard, bob asking for alice's scope gets her revalidations (0.3 trusts the client's scopes)", async () => {
      const request = openSse(server1.url, { scopes: [spec.scope('alice')], headers: { ...spec.authHeaders('bob'), [TAB_HEADER]: 'bob-as-alice' } });
      if (spec.sseGuarded) {
        await expect(request).rejects.toThrow(/HTTP 403/);
        return;
      }
      const sse = await request;
      try {
        expect((await spec.createOverHttp(server2.url, 'alice', `read by bob ${Date.now()}`)).status).toBeLessThan(300);
        await waitUntil(() => sse.events.filter((event) => event.type === 'revalidate').length, (count) => count === 1, { timeoutMs: REALTIME_BOUND_MS, message: "bob's connection got alice's revalidation" });
      } finally {
        sse.close();
      }
    });

    spec.scenarios?.({
      get redis() {
        return redis;
      },
      get server1() {
        return server1;
      },
      get server2() {
        return server2;
      },
      get browser() {
        return browser;
      },
      tabs,
      openUserTab,
      waitForSse,
    });

    it('after server 1 restarts, its tabs reconnect and updates resume', async () => {
      const connectionsBefore = (await tabs.A.sseConnections()).length;
      const restartedAt = Date.now();
      await server1.restart();
      await waitForRelays();
      // 0.3's provider reconnects after 1 s, then 2 s, 4 s, ... (5 attempts).
      const reconnectA = await waitForSse(server1, 'A', 15_000);
      const reconnectB = await waitForSse(server1, 'B', 15_000);
      console.log(`[runtime] server 1 restarted; tabs reconnected ${reconnectA.at - restartedAt} ms (A) and ${reconnectB.at - restartedAt} ms (B) after the kill`);
      expect((await tabs.A.sseConnections()).length).toBeGreaterThan(connectionsBefore);

      const bobEvents = (await tabs.B.revalidateEvents()).length;
      const text = `after restart ${Date.now()}`;
      await createNote(tabs["A'"], text);
      await expect.poll(() => noteTexts(tabs.A), { timeout: REALTIME_BOUND_MS, interval: 20 }).toContain(text);
      await sleep(SETTLE_MS);
      expect(await tabs.B.revalidateEvents()).toHaveLength(bobEvents);
    });

    it('right after a restart, before any other request, an SSE connection answers 200 and a new tab gets updates', async () => {
      // Every tab of server 2 goes, so that no reconnecting tab can be its first request.
      for (const [label, tab] of Object.entries(tabs)) {
        if (tabServers.get(tab) !== server2) continue;
        await tab.close();
        delete tabs[label];
      }
      await server2.restart();
      await waitForRelays();

      const sse = await openSse(server2.url, { channels: ['revalidation'], scopes: [spec.scope('alice')], headers: { ...spec.authHeaders('alice'), [TAB_HEADER]: 'first' } });
      expect(sse.status).toBe(200);
      sse.close();
      const first = (await server2.requests())[0];
      expect(first).toMatchObject({ tab: 'first', status: 200 });
      expect(first.path).toContain('channels=revalidation');

      const tab = await openUserTab(server2, 'alice', 'C');
      const tabSse = await waitForSse(server2, 'C');
      expect(tabSse.path).toMatch(/channels=revalidation/);
      const text = `to the new tab ${Date.now()}`;
      await createNote(tabs.A, text);
      await expect.poll(() => noteTexts(tab), { timeout: REALTIME_BOUND_MS, interval: 20 }).toContain(text);
    });
  });
}

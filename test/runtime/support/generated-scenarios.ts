/**
 * The scenarios of the generated streams (typing, presence, notifications, feed, collab) and of the
 * generated SSE guard, on a generated app served by two processes (generated-app.ts) and its page
 * (test/fixtures/generated-app-user-code/common/src/page/main.tsx). Registered through the
 * `scenarios` hook of `describeRealtimeApp`, so they share its Redis, servers, browser and tabs.
 *
 * Users (sessions stored by the spec's `prepare`): alice and bob are members of room r1 and editors
 * of document d1; carol is in neither.
 */
import { expect, it } from 'vitest';
import type { Tab } from './browser.js';
import { TAB_HEADER } from './browser.js';
import { sessionCookie } from './generated-app.js';
import { REALTIME_BOUND_MS, SETTLE_MS, sleep, type ScenarioContext } from './scenarios.js';

/** Closing a tab sends `leave` with keepalive; the presence TTL is 30 s, so this bound proves the leave. */
const PRESENCE_LEAVE_BOUND_MS = 2000;

const byTestId = (tab: Tab, id: string) => tab.page.getByTestId(id);
const textOf = (tab: Tab, id: string) => byTestId(tab, id).innerText();
const listOf = (tab: Tab, id: string) => byTestId(tab, id).locator('li').allTextContents();

/** Runs `act` and resolves with `Date.now()` once the tab got the response of a request whose URL contains `urlPart`. */
async function responded(tab: Tab, method: string, urlPart: string, act: () => Promise<void>): Promise<number> {
  await Promise.all([tab.page.waitForResponse((candidate) => candidate.request().method() === method && candidate.url().includes(urlPart)), act()]);
  return Date.now();
}

/** What remains of the bound for a delivery that must land within 1 s of `since`. */
const remaining = (since: number) => Math.max(50, since + REALTIME_BOUND_MS - Date.now());

async function eventCount(tab: Tab, key?: string): Promise<number> {
  return (await tab.revalidateEvents()).filter((event) => key === undefined || event.queryKeys.includes(key)).length;
}

export function generatedAppScenarios(context: ScenarioContext): void {
  const { tabs } = context;

  it("update (PUT) and delete through the app's entry (server 1) show in alice's tab on server 2 within 1 s; bob's tabs get nothing", async () => {
    const bobEvents = (await eventCount(tabs.B)) + (await eventCount(tabs["B'"]));
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${context.server1.url}/api/v1/note/${path}`, { method, headers: { ...sessionCookie('alice'), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const created = await call('POST', '', { title: `to be renamed ${Date.now()}` });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { data: { note: { id: string } } }).data.note;
    const renamed = `renamed ${Date.now()}`;
    expect((await call('PUT', id, { title: renamed })).status).toBe(200);
    const updatedAt = Date.now();
    await expect.poll(() => listOf(tabs["A'"], 'notes'), { timeout: remaining(updatedAt), interval: 20 }).toContain(renamed);
    expect((await call('DELETE', id)).status).toBe(204);
    const deletedAt = Date.now();
    await expect.poll(() => listOf(tabs["A'"], 'notes'), { timeout: remaining(deletedAt), interval: 20 }).not.toContain(renamed);
    await sleep(SETTLE_MS);
    expect((await eventCount(tabs.B)) + (await eventCount(tabs["B'"]))).toBe(bobEvents);
  });

  it('room tabs: members ask for the room and the document, carol (in neither) only for her own scope', async () => {
    // One tab per user with every section (notes, inbox, typing, presence, feed, document).
    await context.openUserTab(context.server1, 'alice', 'RA', 'room=r1&doc=d1');
    await context.openUserTab(context.server2, 'bob', 'RB', 'room=r1&doc=d1');
    await context.openUserTab(context.server2, 'carol', 'RC', 'room=r1&doc=d1');
    const scopesOf = async (label: string) => new URL((await tabs[label].sseConnections())[0].url).searchParams.get('scopes');
    expect(await scopesOf('RA')).toBe('user:alice,room:r1,document:d1');
    expect(await scopesOf('RB')).toBe('user:bob,room:r1,document:d1');
    expect(await scopesOf('RC')).toBe('user:carol');
    await expect.poll(() => textOf(tabs.RB, 'typing-status')).toBe('loaded');
    await expect.poll(() => textOf(tabs.RC, 'typing-status')).toBe('refused');
  });

  it('typing: alice types in r1 (server 1), bob in r1 (server 2) sees it within 1 s; carol never receives it', async () => {
    const typedAt = await responded(tabs.RA, 'POST', '/typing/r1/start', () => byTestId(tabs.RA, 'typing-input').pressSequentially('hel'));
    await expect.poll(() => textOf(tabs.RB, 'typing'), { timeout: remaining(typedAt), interval: 20 }).toBe('alice');
    await sleep(SETTLE_MS);
    expect(await tabs.RC.revalidateEvents()).toEqual([]);
    expect(await textOf(tabs.RC, 'typing')).toBe('');
  });

  it('feed: a post to r1 from alice (server 1) reaches the r1 tabs on both servers within 1 s; carol never receives it', async () => {
    const text = `posted at ${Date.now()}`;
    await byTestId(tabs.RA, 'post-text').fill(text);
    const postedAt = await responded(tabs.RA, 'POST', '/activity/r1', () => byTestId(tabs.RA, 'post').click());
    await expect.poll(() => listOf(tabs.RB, 'feed'), { timeout: remaining(postedAt), interval: 20 }).toContain(text);
    await expect.poll(() => listOf(tabs.RA, 'feed'), { timeout: remaining(postedAt), interval: 20 }).toContain(text);
    await sleep(SETTLE_MS);
    expect(await tabs.RC.revalidateEvents()).toEqual([]);
    expect(await listOf(tabs.RC, 'feed')).toEqual([]);
  });

  it("collab: alice's edit (server 1) reaches bob's tab (server 2) within 1 s; bob's edit on the stale version gets the conflict answer", async () => {
    await expect.poll(() => textOf(tabs.RB, 'doc-version')).toMatch(/^v\d+$/);
    const before = Number((await textOf(tabs.RA, 'doc-version')).slice(1));
    await byTestId(tabs.RA, 'doc-input').fill('Hello from alice');
    const savedAt = await responded(tabs.RA, 'POST', '/doc/d1/changes', () => byTestId(tabs.RA, 'doc-save').click());
    await expect.poll(() => textOf(tabs.RA, 'doc-result')).toBe(`saved v${before + 1}`);
    await expect.poll(() => textOf(tabs.RB, 'doc-title'), { timeout: remaining(savedAt), interval: 20 }).toBe('Hello from alice');
    expect(await textOf(tabs.RB, 'doc-version')).toBe(`v${before + 1}`);

    await byTestId(tabs.RB, 'doc-input').fill('Stale edit by bob');
    await responded(tabs.RB, 'POST', '/doc/d1/changes', () => byTestId(tabs.RB, 'doc-save-stale').click());
    // The response reached the browser; the page shows it once the mutate promise settles (a render later).
    await expect.poll(() => textOf(tabs.RB, 'doc-result')).toMatch(/^conflict /);
    const answer = await textOf(tabs.RB, 'doc-result');
    // 0.3's mutate resolves to { data: null, error: <the response body> } for a 400.
    expect(JSON.parse(answer.slice('conflict '.length))).toMatchObject({ data: null, error: { code: 'ERR_BAD_REQUEST', data: { currentVersion: before + 1 } } });
    await sleep(SETTLE_MS);
    expect(await textOf(tabs.RA, 'doc-title')).toBe('Hello from alice');
    expect(await tabs.RC.revalidateEvents()).toEqual([]);
  });

  it("notifications: alice mentions bob (over HTTP, server 2): bob's tabs on both servers show it within 1 s; alice's and carol's get nothing", async () => {
    const others = ['A', "A'", 'RA', 'RC'];
    const before = Object.fromEntries(await Promise.all(others.map(async (label) => [label, await eventCount(tabs[label], 'note.inbox')] as const)));
    const title = `look at this ${Date.now()}`;
    const response = await fetch(`${context.server2.url}/api/v1/mention/bob`, {
      method: 'POST',
      headers: { ...sessionCookie('alice'), 'content-type': 'application/json', [TAB_HEADER]: 'http' },
      body: JSON.stringify({ title }),
    });
    expect(response.status).toBe(201);
    const sentAt = Date.now();
    for (const label of ['B', "B'", 'RB']) {
      await expect.poll(() => listOf(tabs[label], 'inbox'), { timeout: remaining(sentAt), interval: 20 }).toContain(`Alice: ${title}`);
    }
    await sleep(SETTLE_MS);
    const last = (await tabs.B.revalidateEvents()).at(-1);
    expect(last).toMatchObject({ scopes: ['user:bob'], queryKeys: ['note.inbox'] });
    for (const label of others) expect(await eventCount(tabs[label], 'note.inbox'), `note.inbox events of tab ${label}`).toBe(before[label]);
    expect(await tabs.RC.revalidateEvents()).toEqual([]);
  });

  it("presence: alice and bob in r1 see each other; closing alice's tab removes her from bob's list within 2 s (leave with keepalive)", async () => {
    // The page runs React's development build: StrictMode mounted it twice, and the hook sent join,
    // leave, join one after the other (sent together, a late leave dropped alice from the list).
    const presenceCalls = (await context.server1.requests()).filter((request) => request.tab === 'RA' && request.method === 'POST' && request.path.includes('/presence/'));
    expect(presenceCalls.slice(0, 3).map((request) => request.path.split('/').at(-1))).toEqual(['join', 'leave', 'join']);
    await expect.poll(() => listOf(tabs.RB, 'presence')).toEqual(expect.arrayContaining(['alice', 'bob']));
    await expect.poll(() => listOf(tabs.RA, 'presence')).toEqual(expect.arrayContaining(['alice', 'bob']));
    expect(await listOf(tabs.RB, 'presence')).not.toContain('carol');
    const closedAt = Date.now();
    // A page close fires `pagehide`; the hook sends `leave` with keepalive, so it outlives the page.
    await tabs.RA.page.close({ runBeforeUnload: true });
    await expect.poll(() => listOf(tabs.RB, 'presence'), { timeout: PRESENCE_LEAVE_BOUND_MS, interval: 20 }).toEqual(['bob']);
    console.log(`[runtime] alice left bob's presence list ${Date.now() - closedAt} ms after her tab closed`);
    await tabs.RA.close();
    delete tabs.RA;
  });

  it('the guard: bob asking for a room he is not in gets 403, no session 401, malformed parameters 400, none opens a stream; alice is unaffected', async () => {
    const sse = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${context.server1.url}/api/v1/sse/events?${query}`, { headers: { accept: 'text/event-stream', [TAB_HEADER]: 'guard', ...headers } });
    const cases: [string, Record<string, string>, number][] = [
      ['channels=revalidation&scopes=user:bob,room:r2', sessionCookie('bob'), 403],
      ['channels=revalidation&scopes=user:alice', sessionCookie('bob'), 403],
      ['channels=revalidation&scopes=user:bob', {}, 401],
      ['channels=revalidation&scopes=user:bob', { cookie: 'session=tok-nobody' }, 401],
      ['channels=revalidation&scopes=user:bob&scopes=user:bob', sessionCookie('bob'), 400],
      ['channels=revalidation&scopes=user:bob,', sessionCookie('bob'), 400],
      ['channels=note.list:{"a":1}&scopes=user:bob', sessionCookie('bob'), 400],
    ];
    for (const [query, headers, status] of cases) {
      const response = await sse(query, headers);
      const body = await response.text();
      expect({ query, status: response.status }).toEqual({ query, status });
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(body).not.toContain('event:');
    }
    const eventsBefore = await eventCount(tabs.A);
    const text = `after the refusals ${Date.now()}`;
    const created = await fetch(`${context.server2.url}/api/v1/note/`, {
      method: 'POST',
      headers: { ...sessionCookie('alice'), 'content-type': 'application/json' },
      body: JSON.stringify({ title: text }),
    });
    expect(created.status).toBe(201);
    const createdAt = Date.now();
    await expect.poll(() => listOf(tabs.A, 'notes'), { timeout: remaining(createdAt), interval: 20 }).toContain(text);
    expect(await eventCount(tabs.A)).toBe(eventsBefore + 1);
  });
}

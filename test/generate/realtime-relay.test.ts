/**
 * The generated `realtime-relay.ts` on its own, with stand-ins for 0.3's realtime service (a class, as in
 * @igniter-js/core) and the fixture's in-memory store: one subscription per loaded copy of the service
 * class, installed once however often `relayRealtime` runs (dev hot reloads), moved to a new store,
 * other origins replayed, its own ignored, and a clear error without a store.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/generate/render.js';
import { MemoryStoreAdapter } from '../fixtures/generator-app/src/lib/memory-store.js';
import { repoRoot } from './support.js';

type Targets = unknown;
type Relay = {
  RELAY_CHANNEL: string;
  relayRealtime(app: { store: unknown; realtime: { revalidate(targets: Targets): Promise<void> } }): void;
};

/** What 0.3's IgniterRealtimeService is to the relay: a class whose `revalidate` delivers locally. */
class Realtime {
  readonly delivered: Targets[] = [];
  async revalidate(targets: Targets): Promise<void> {
    this.delivered.push(targets);
  }
}

/** The same service class from another copy of @igniter-js/core (another module instance). */
class OtherCopyRealtime extends Realtime {}

const REGISTRY = Symbol.for('igniter-rt.realtime-relay');
let dir: string;
let relay: Relay;

beforeAll(async () => {
  dir = mkdtempSync(join(repoRoot, '.tmp-gen-relay-'));
  writeFileSync(join(dir, 'realtime-relay.ts'), createRenderer(repoRoot).render('stream/lib/realtime-relay.ts.hbs', {}));
  relay = (await import(pathToFileURL(join(dir, 'realtime-relay.ts')).href)) as Relay;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete (globalThis as Record<symbol, unknown>)[REGISTRY];
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('relayRealtime (generated lib/igniter-rt/realtime-relay.ts)', () => {
  it('subscribes once, replays other origins once, ignores its own, and survives a hot reload with a new store', async () => {
    const store = new MemoryStoreAdapter();
    const first = new Realtime();
    const published: unknown[] = [];
    await store.subscribe(relay.RELAY_CHANNEL, (message: unknown) => void published.push(message));

    relay.relayRealtime({ store, realtime: first });
    relay.relayRealtime({ store, realtime: first });
    await settle();
    expect(store.subscriberCount(relay.RELAY_CHANNEL)).toBe(2); // ours above, and the relay's one
    expect(first.delivered).toEqual([[]]); // the empty call that registers 0.3's `revalidation` channel

    // A call here: delivered here once, published once (wrapped once), not replayed to itself.
    await first.revalidate({ path: 'note.list', scopes: ['user:a'] });
    await settle();
    expect(first.delivered).toEqual([[], { path: 'note.list', scopes: ['user:a'] }]);
    expect(published).toEqual([{ origin: expect.any(String), targets: { path: 'note.list', scopes: ['user:a'] } }]);

    // Another process's call: replayed here once; a malformed message is ignored.
    await store.publish(relay.RELAY_CHANNEL, { origin: 'other-process', targets: [{ path: 'note.list', scopes: ['user:b'] }] });
    await store.publish(relay.RELAY_CHANNEL, { hello: 'world' });
    await settle();
    expect(first.delivered).toEqual([[], { path: 'note.list', scopes: ['user:a'] }, [{ path: 'note.list', scopes: ['user:b'] }]]);

    // A dev hot reload: a new instance (same service class) with a new store. The subscription moves.
    const reloadedStore = new MemoryStoreAdapter();
    const reloaded = new Realtime();
    relay.relayRealtime({ store: reloadedStore, realtime: reloaded });
    await settle();
    expect(store.subscriberCount(relay.RELAY_CHANNEL)).toBe(1); // only ours is left there
    expect(reloadedStore.subscriberCount(relay.RELAY_CHANNEL)).toBe(1);
    await reloadedStore.publish(relay.RELAY_CHANNEL, { origin: 'other-process', targets: { path: 'note.list' } });
    await settle();
    expect(reloaded.delivered).toEqual([{ path: 'note.list' }]);

    // Another copy of @igniter-js/core in the same process has its own SSE connections: its own relay.
    const other = new OtherCopyRealtime();
    relay.relayRealtime({ store: reloadedStore, realtime: other });
    await settle();
    expect(reloadedStore.subscriberCount(relay.RELAY_CHANNEL)).toBe(2);
    await reloaded.revalidate({ path: 'note.list', scopes: ['user:c'] });
    await settle();
    expect(other.delivered).toEqual([[], { path: 'note.list', scopes: ['user:c'] }]);
  });

  it('refuses an instance without a store (0.3 then has no realtime service either), naming the fix', () => {
    expect(() => relay.relayRealtime({ store: {}, realtime: {} as Realtime })).toThrow(/has no store\. Attach one before \.create\(\)/);
  });
});

import type { IgniterStoreAdapter } from '@igniter-js/core'

/**
 * A set whose members expire unless refreshed, built from plain keys with a TTL
 * because the store adapter has no set operations. Used for presence (refreshed by
 * a heartbeat) and typing (refreshed by keystrokes): the SSE connection is shared by
 * every stream of a tab, so a disconnect cannot tell us who left a given room.
 */
export function ephemeralSet(store: IgniterStoreAdapter, name: string, ttlSeconds: number) {
  const rosterKey = `${name}:roster`
  const memberKey = (id: string) => `${name}:member:${id}`

  async function members(): Promise<string[]> {
    const roster = (await store.get<string[]>(rosterKey)) ?? []
    const alive = await Promise.all(roster.map((id) => store.has(memberKey(id))))
    const live = roster.filter((_, i) => alive[i])
    if (live.length !== roster.length) await store.set(rosterKey, live)
    return live
  }

  return {
    ttlSeconds,
    members,
    async touch(id: string): Promise<string[]> {
      await store.set(memberKey(id), Date.now(), { ttl: ttlSeconds })
      const roster = (await store.get<string[]>(rosterKey)) ?? []
      if (!roster.includes(id)) await store.set(rosterKey, [...roster, id])
      return members()
    },
    async remove(id: string): Promise<string[]> {
      await store.delete(memberKey(id))
      return members()
    },
  }
}

import type {
  EventCallback,
  IgniterStoreAdapter,
  KeyValueOptions,
} from '@igniter-js/core'

type Entry = { value: string; expiresAt: number | null }

/**
 * A single-process stand-in for the Redis adapter (`@igniter-js/adapter-redis`).
 * Values are stored serialized so handlers see the same JSON round-trip they would
 * get from Redis (a Date comes back as a string, mutations of a read value do not
 * leak into the store).
 */
export class MemoryStoreAdapter implements IgniterStoreAdapter<Map<string, Entry>> {
  readonly client = new Map<string, Entry>()
  private readonly channels = new Map<string, Set<EventCallback>>()

  private live(key: string): Entry | null {
    const entry = this.client.get(key)
    if (!entry) return null
    if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.client.delete(key)
      return null
    }
    return entry
  }

  async get<T = any>(key: string): Promise<T | null> {
    const entry = this.live(key)
    return entry ? (JSON.parse(entry.value) as T) : null
  }

  async set(key: string, value: any, options?: KeyValueOptions): Promise<void> {
    const expiresAt = options?.ttl ? Date.now() + options.ttl * 1000 : null
    this.client.set(key, { value: JSON.stringify(value), expiresAt })
  }

  async delete(key: string): Promise<void> {
    this.client.delete(key)
  }

  async has(key: string): Promise<boolean> {
    return this.live(key) !== null
  }

  async increment(key: string): Promise<number> {
    const entry = this.live(key)
    const next = (entry ? Number(JSON.parse(entry.value)) || 0 : 0) + 1
    this.client.set(key, { value: JSON.stringify(next), expiresAt: entry?.expiresAt ?? null })
    return next
  }

  async expire(key: string, ttl: number): Promise<void> {
    const entry = this.live(key)
    if (entry) entry.expiresAt = Date.now() + ttl * 1000
  }

  async publish(channel: string, message: any): Promise<void> {
    const callbacks = this.channels.get(channel)
    if (!callbacks) return
    const payload = JSON.stringify(message)
    // Snapshot the set: a callback may unsubscribe itself while we iterate.
    await Promise.all(
      [...callbacks].map(async (callback) => {
        try {
          await callback(JSON.parse(payload))
        } catch {
          // A failing subscriber must not break the publisher (Redis behaves the same way).
        }
      }),
    )
  }

  async subscribe(channel: string, callback: EventCallback): Promise<void> {
    const callbacks = this.channels.get(channel) ?? new Set<EventCallback>()
    callbacks.add(callback)
    this.channels.set(channel, callbacks)
  }

  async unsubscribe(channel: string, callback?: EventCallback): Promise<void> {
    const callbacks = this.channels.get(channel)
    if (!callbacks) return
    if (callback) callbacks.delete(callback)
    if (!callback || callbacks.size === 0) this.channels.delete(channel)
  }

  /** Number of live subscriptions on a channel; handy to spot leaked subscribers in tests. */
  subscriberCount(channel: string): number {
    return this.channels.get(channel)?.size ?? 0
  }
}

export const store = new MemoryStoreAdapter()

/**
 * Scope ids. A scoped revalidation only reaches SSE connections that declared one of
 * its scopes (see `getScopes` in components/providers.tsx).
 */
export const userScope = (userId: string) => `user:${userId}`
export const roomScope = (roomId: string) => `room:${roomId}`
/** Declared by every tab: the room directory is the same for everyone. */
export const DIRECTORY_SCOPE = 'directory'

/** Presence TTL is twice the heartbeat, so one lost heartbeat does not flap a user offline. */
export const HEARTBEAT_SECONDS = 15

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(sortKeys)
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  )
}

/**
 * The SSE channel that `api.<controller>.<action>.useRealtime({ params, query })` listens
 * on. The client derives it with its query-key function (`controller.action:{sorted json}`),
 * so a handler must publish to exactly this string for the hook to receive the event.
 */
export function streamChannel(
  action: `${string}.${string}`,
  input: { params?: Record<string, string>; query?: Record<string, unknown> },
): string {
  return `${action}:${JSON.stringify(sortKeys({ query: input.query, params: input.params }))}`
}

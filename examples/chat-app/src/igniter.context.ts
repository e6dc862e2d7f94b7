import { db } from '@/lib/db'
import { store } from '@/lib/memory-store'

/**
 * Called by the router once per request, WITHOUT the request (0.3.40 invokes
 * `context()` with no arguments), so anything request-specific such as the
 * current user comes from a procedure instead.
 *
 * The store is exposed here as well as through `.store(store)`: `.store()` only
 * sets `igniter.store`, while the request processor looks the adapter up on the
 * app context (`context.store`).
 */
export const createIgniterAppContext = () => ({
  database: db,
  store,
})

export type IgniterAppContext = Awaited<ReturnType<typeof createIgniterAppContext>>

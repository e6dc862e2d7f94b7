/**
 * `realtime.publish` only reaches SSE clients connected to THIS process. Mutations also
 * publish on a store channel, and stream handlers relay store messages from other
 * instances into their local SSE channel. The origin stops a process from relaying
 * its own events twice.
 */
export const INSTANCE_ID = crypto.randomUUID()

export type BusMessage<T> = { origin: string; payload: T }

export const busMessage = <T>(payload: T): BusMessage<T> => ({ origin: INSTANCE_ID, payload })

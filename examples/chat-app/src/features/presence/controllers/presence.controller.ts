import { igniter } from '@/igniter'
import { authProcedure } from '@/procedures/auth.procedure'
import { ephemeralSet } from '@/lib/ephemeral-set'
import { HEARTBEAT_SECONDS, streamChannel } from '@/lib/realtime'
import { busMessage, INSTANCE_ID, type BusMessage } from '@/lib/store-bus'
import type { IgniterStoreAdapter } from '@igniter-js/core'

export type PresenceSnapshot = { roomId: string; onlineUserIds: string[] }

/**
 * Presence is a TTL key per (room, user) refreshed by `heartbeat`. The SSE connection
 * is shared by every stream of the tab (one EventSource per IgniterProvider), and 0.3.40
 * offers no disconnect hook per stream, so "still here" must be proven periodically.
 */
const presenceSet = (store: IgniterStoreAdapter, roomId: string) =>
  ephemeralSet(store, `presence:${roomId}`, HEARTBEAT_SECONDS * 2)
const presenceBus = (roomId: string) => `bus:presence:${roomId}`
const presenceStream = (roomId: string) => streamChannel('presence.list', { params: { roomId } })

export const presenceController = igniter.controller({
  name: 'Presence',
  path: '/presence',
  actions: {
    list: igniter.query({
      name: 'Who is online',
      path: '/:roomId' as const,
      stream: true,
      use: [authProcedure()],
      handler: async ({ request, context, response, realtime }) => {
        const { roomId } = request.params
        const room = await context.database.rooms.findById(roomId)
        if (!room?.memberIds.includes(context.user.id)) return response.forbidden('Not a member of this room')

        // MISTAKE(require-subscription-cleanup): never unsubscribed, so each call leaves one more store subscriber (and duplicate relay) behind; release it on request.raw.signal 'abort' like typing.list.
        await context.store.subscribe(presenceBus(roomId), async (message: BusMessage<PresenceSnapshot>) => {
          if (message.origin !== INSTANCE_ID) await realtime.publish(presenceStream(roomId), message.payload)
        })

        const snapshot: PresenceSnapshot = { roomId, onlineUserIds: await presenceSet(context.store, roomId).members() }
        await realtime.publish(presenceStream(roomId), snapshot)
        return response.success(snapshot)
      },
    }),

    heartbeat: igniter.mutation({
      name: 'Presence heartbeat',
      path: '/:roomId/heartbeat' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ request, context, response, realtime }) => {
        const { roomId } = request.params
        const room = await context.database.rooms.findById(roomId)
        if (!room?.memberIds.includes(context.user.id)) return response.forbidden('Not a member of this room')

        const presence = presenceSet(context.store, roomId)
        const snapshot: PresenceSnapshot = { roomId, onlineUserIds: await presence.touch(context.user.id) }
        await realtime.publish(presenceStream(roomId), snapshot)
        await context.store.publish(presenceBus(roomId), busMessage(snapshot))
        return response.success({ nextHeartbeatInSeconds: HEARTBEAT_SECONDS })
      },
    }),

    leave: igniter.mutation({
      name: 'Leave presence',
      path: '/:roomId/leave' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ request, context, response, realtime }) => {
        const { roomId } = request.params
        const snapshot: PresenceSnapshot = {
          roomId,
          onlineUserIds: await presenceSet(context.store, roomId).remove(context.user.id),
        }
        await realtime.to(presenceStream(roomId)).withData(snapshot).publish()
        await context.store.publish(presenceBus(roomId), busMessage(snapshot))
        return response.noContent()
      },
    }),
  },
})

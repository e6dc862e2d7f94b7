import { igniter } from '@/igniter'
import { authProcedure } from '@/procedures/auth.procedure'
import { ephemeralSet } from '@/lib/ephemeral-set'
import { streamChannel } from '@/lib/realtime'
import { busMessage, INSTANCE_ID, type BusMessage } from '@/lib/store-bus'
import type { IgniterStoreAdapter } from '@igniter-js/core'

export type TypingSnapshot = { roomId: string; userIds: string[] }

// Typing expires on its own if the client never sends stopTyping (closed tab, lost network).
const typingSet = (store: IgniterStoreAdapter, roomId: string) => ephemeralSet(store, `typing:${roomId}`, 6)
const typingBus = (roomId: string) => `bus:typing:${roomId}`
const typingStream = (roomId: string) => streamChannel('typing.list', { params: { roomId } })

export const typingController = igniter.controller({
  name: 'Typing',
  path: '/typing',
  actions: {
    list: igniter.query({
      name: 'Who is typing',
      path: '/:roomId' as const,
      stream: true,
      use: [authProcedure()],
      handler: async ({ request, context, response, realtime }) => {
        const { roomId } = request.params
        const room = await context.database.rooms.findById(roomId)
        if (!room?.memberIds.includes(context.user.id)) return response.forbidden('Not a member of this room')

        const channel = typingBus(roomId)
        const relay = async (message: BusMessage<TypingSnapshot>) => {
          if (message.origin !== INSTANCE_ID) await realtime.publish(typingStream(roomId), message.payload)
        }

        await context.store.subscribe(channel, relay)
        request.raw.signal.addEventListener('abort', () => {
          void context.store.unsubscribe(channel, relay)
        })

        const snapshot: TypingSnapshot = { roomId, userIds: await typingSet(context.store, roomId).members() }
        // Publishing the first snapshot also registers the per-room SSE channel that
        // useRealtime({ params }) connects to; the router only pre-registers `typing.list`.
        await realtime.publish(typingStream(roomId), snapshot)
        return response.success(snapshot)
      },
    }),

    startTyping: igniter.mutation({
      name: 'Start typing',
      path: '/:roomId/start' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ request, context, response, realtime }) => {
        const { roomId } = request.params
        const room = await context.database.rooms.findById(roomId)
        if (!room?.memberIds.includes(context.user.id)) return response.forbidden('Not a member of this room')

        const snapshot: TypingSnapshot = {
          roomId,
          userIds: await typingSet(context.store, roomId).touch(context.user.id),
        }
        await realtime.publish(typingStream(roomId), snapshot)
        await context.store.publish(typingBus(roomId), busMessage(snapshot))
        return response.noContent()
      },
    }),

    stopTyping: igniter.mutation({
      name: 'Stop typing',
      path: '/:roomId/stop' as const,
      method: 'POST',
      use: [authProcedure()],
      handler: async ({ request, context, response, realtime }) => {
        const { roomId } = request.params
        const room = await context.database.rooms.findById(roomId)
        if (!room?.memberIds.includes(context.user.id)) return response.forbidden('Not a member of this room')

        const snapshot: TypingSnapshot = {
          roomId,
          userIds: await typingSet(context.store, roomId).remove(context.user.id),
        }
        await realtime.to(typingStream(roomId)).withData(snapshot).publish()
        await context.store.publish(typingBus(roomId), busMessage(snapshot))
        return response.noContent()
      },
    }),
  },
})

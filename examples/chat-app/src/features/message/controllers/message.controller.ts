import { igniter } from '@/igniter'
import { authProcedure } from '@/procedures/auth.procedure'
import { roomScope } from '@/lib/realtime'
import { BulkDeleteBodySchema, MessageBodySchema, MessageListQuerySchema, PinBodySchema } from '../message.interfaces'

export const messageController = igniter.controller({
  name: 'Message',
  path: '/messages',
  actions: {
    list: igniter.query({
      name: 'Room messages',
      path: '/:roomId' as const,
      stream: true,
      query: MessageListQuerySchema,
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const room = await context.database.rooms.findById(request.params.roomId)
        if (!room || !room.memberIds.includes(context.user.id)) return response.notFound('Room not found')

        // The router already validated the query, but types it as the schema's input.
        const { before, limit } = MessageListQuerySchema.parse(request.query)
        const messages = await context.database.messages.findByRoom(room.id, { before, take: limit })
        return response.success({ roomId: room.id, messages })
      },
    }),

    create: igniter.mutation({
      name: 'Send message',
      path: '/:roomId' as const,
      method: 'POST',
      body: MessageBodySchema,
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const { roomId } = request.params
        const room = await context.database.rooms.findById(roomId)
        if (!room || !room.memberIds.includes(context.user.id)) return response.forbidden('Not a member of this room')

        const message = await context.database.messages.create({
          roomId,
          authorId: context.user.id,
          text: request.body.text,
        })
        // Only clients that declared the room scope refetch their `message.list:*` queries.
        return response
          .revalidate(['message.list'], () => [roomScope(roomId)])
          .created({ message })
      },
    }),

    update: igniter.mutation({
      name: 'Edit message',
      path: '/:roomId/:messageId' as const,
      method: 'PATCH',
      body: MessageBodySchema,
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const { roomId, messageId } = request.params
        const message = await context.database.messages.findById(messageId)
        if (!message || message.roomId !== roomId) return response.notFound('Message not found')
        if (message.authorId !== context.user.id) return response.forbidden('You can only edit your own messages')

        const updated = await context.database.messages.update(message.id, request.body.text)
        return response
          .revalidate(['message.list'], () => [roomScope(roomId)])
          .success({ message: updated })
      },
    }),

    delete: igniter.mutation({
      name: 'Delete message',
      path: '/:roomId/:messageId' as const,
      method: 'DELETE',
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const { roomId, messageId } = request.params
        const message = await context.database.messages.findById(messageId)
        if (!message || message.roomId !== roomId) return response.notFound('Message not found')
        if (message.authorId !== context.user.id) return response.forbidden('You can only delete your own messages')

        await context.database.messages.delete(message.id)
        return response
          .revalidate(['message.list'], () => [roomScope(roomId)])
          .noContent()
      },
    }),

    pin: igniter.mutation({
      name: 'Pin message',
      path: '/:roomId/:messageId/pin' as const,
      method: 'PUT',
      body: PinBodySchema,
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const { roomId, messageId } = request.params
        const room = await context.database.rooms.findById(roomId)
        if (!room || !room.memberIds.includes(context.user.id)) return response.forbidden('Not a member of this room')
        const message = await context.database.messages.findById(messageId)
        if (!message || message.roomId !== roomId) return response.notFound('Message not found')

        const pinned = await context.database.messages.setPinned(message.id, request.body.pinned)
        // MISTAKE(no-unknown-revalidate-key): the router registers the controller as `message`, so `messages.list` matches no query key and nobody refetches; use 'message.list'.
        return response.revalidate(['messages.list'], () => [roomScope(roomId)]).success({ message: pinned })
      },
    }),

    deleteMany: igniter.mutation({
      name: 'Delete selected messages',
      path: '/:roomId/bulk-delete' as const,
      method: 'POST',
      body: BulkDeleteBodySchema,
      use: [authProcedure()],
      handler: async ({ request, context, response, realtime }) => {
        const { roomId } = request.params
        const room = await context.database.rooms.findById(roomId)
        if (!room || !room.memberIds.includes(context.user.id)) return response.forbidden('Not a member of this room')

        let deleted = 0
        for (const messageId of request.body.messageIds) {
          const message = await context.database.messages.findById(messageId)
          if (!message || message.roomId !== roomId || message.authorId !== context.user.id) continue
          await context.database.messages.delete(message.id)
          deleted++
          // MISTAKE(no-revalidate-in-loop): one revalidation event per deleted message, so every member refetches `message.list` up to 100 times; delete first, then revalidate once after the loop.
          await realtime.revalidate({ path: 'message.list', scopes: [roomScope(roomId)] })
        }
        return response.success({ deleted })
      },
    }),
  },
})

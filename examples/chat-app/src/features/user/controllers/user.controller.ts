import { igniter } from '@/igniter'
import { authProcedure } from '@/procedures/auth.procedure'
import { UpdateProfileSchema } from '../user.interfaces'

export const userController = igniter.controller({
  name: 'User',
  path: '/users',
  actions: {
    profile: igniter.query({
      name: 'My profile',
      path: '/me' as const,
      // Live: updateProfile revalidates it.
      stream: true,
      use: [authProcedure()],
      handler: async ({ context, response }) => {
        return response.success({ user: context.user })
      },
    }),

    // MISTAKE(require-stream): room.create, room.join and room.leave (room.controller.ts) revalidate `user.rooms`, but it has no `stream: true`, so it is not declared live and no `user.rooms` SSE channel is registered; add `stream: true` after `path`.
    rooms: igniter.query({
      name: 'My memberships',
      path: '/me/rooms' as const,
      use: [authProcedure()],
      handler: async ({ context, response }) => {
        const rooms = await context.database.rooms.findForMember(context.user.id)
        return response.success({
          owned: rooms.filter((room) => room.ownerId === context.user.id),
          joined: rooms.filter((room) => room.ownerId !== context.user.id),
        })
      },
    }),

    updateProfile: igniter.mutation({
      name: 'Update my profile',
      path: '/me' as const,
      method: 'PATCH',
      body: UpdateProfileSchema,
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const user = await context.database.users.update(context.user.id, request.body)
        // MISTAKE(no-unscoped-revalidate): unscoped, so every connected client refetches `user.profile` when anyone edits theirs; scope it with (ctx) => [userScope(ctx.user.id)].
        return response.revalidate(['user.profile']).success({ user })
      },
    }),
  },
})

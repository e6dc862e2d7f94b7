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

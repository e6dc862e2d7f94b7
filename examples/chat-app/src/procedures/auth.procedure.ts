import { IgniterError } from '@igniter-js/core'
import { igniter } from '@/igniter'

/**
 * Resolves the signed-in user from the session cookie. A cookie rather than an
 * Authorization header because the 0.3.40 hooks drop per-call `headers`, while the
 * browser sends cookies with every fetch and with the EventSource connection.
 */
export const authProcedure = igniter.procedure({
  name: 'auth',
  handler: async (_options: Record<string, never>, { request, context }) => {
    const token = request.cookies.get('session')
    const user = token ? await context.database.sessions.findUser(token) : null
    // Thrown, not `return response.unauthorized()`: a returned response joins the
    // procedure's output type and collapses every action's context to `never`.
    if (!user) {
      throw new IgniterError({ code: 'ERR_UNAUTHORIZED', message: 'Sign in to chat', statusCode: 401 })
    }
    return { user }
  },
})

import { igniter } from '@/igniter'
import { messageController } from '@/features/message/controllers/message.controller'
import { presenceController } from '@/features/presence/controllers/presence.controller'
import { roomController } from '@/features/room/controllers/room.controller'
import { typingController } from '@/features/typing/controllers/typing.controller'
import { userController } from '@/features/user/controllers/user.controller'

/**
 * Revalidation keys are `<controller key>.<action key>` as registered here, e.g.
 * `message.list`; `stream: true` actions get an SSE channel of that same name.
 */
export const AppRouter = igniter.router({
  controllers: {
    message: messageController,
    room: roomController,
    presence: presenceController,
    typing: typingController,
    user: userController,
  },
})

export type AppRouterType = typeof AppRouter

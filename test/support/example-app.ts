import { join } from 'node:path';

export const EXAMPLE_APP = join(import.meta.dirname, '..', '..', 'examples', 'chat-app');

/**
 * The findings on examples/chat-app, as `file:line:column rule`, sorted (JavaScript's default sort): its
 * ten deliberate mistakes, the four real ones that the rules of issue 13 find in its realtime design
 * (two typed `useRealtime` hooks on channels the server does not register, two store relays opened per
 * request), and the one issue 12's data model finds (`message.pin` leaves `message.list` stale: it
 * revalidates a misspelt key), all listed in its README. The app lints itself with the `strict` preset, so
 * require-stream-auth is among them.
 */
export const EXPECTED_FINDINGS = [
  'src/components/chat-room.tsx:24:22 igniter-rt/no-unregistered-channel',
  'src/components/chat-room.tsx:29:24 igniter-rt/no-unregistered-channel',
  'src/components/server-status.tsx:17:20 igniter-rt/no-leaked-event-source',
  'src/features/message/controllers/message.controller.ts:102:37 igniter-rt/no-unknown-revalidate-key',
  'src/features/message/controllers/message.controller.ts:102:9 igniter-rt/require-revalidate',
  'src/features/message/controllers/message.controller.ts:124:26 igniter-rt/no-revalidate-in-loop',
  'src/features/presence/controllers/presence.controller.ts:35:15 igniter-rt/no-per-request-subscription',
  'src/features/presence/controllers/presence.controller.ts:35:15 igniter-rt/require-subscription-cleanup',
  'src/features/room/controllers/room.controller.ts:105:54 igniter-rt/revalidate-before-response',
  'src/features/room/controllers/room.controller.ts:110:5 igniter-rt/require-stream',
  'src/features/room/controllers/room.controller.ts:22:5 igniter-rt/require-stream-auth',
  'src/features/room/controllers/room.controller.ts:62:9 igniter-rt/require-revalidate',
  'src/features/typing/controllers/typing.controller.ts:34:15 igniter-rt/no-per-request-subscription',
  'src/features/user/controllers/user.controller.ts:21:5 igniter-rt/require-stream',
  'src/features/user/controllers/user.controller.ts:43:25 igniter-rt/no-unscoped-revalidate',
];

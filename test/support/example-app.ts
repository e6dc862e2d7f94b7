import { join } from 'node:path';

export const EXAMPLE_APP = join(import.meta.dirname, '..', '..', 'examples', 'chat-app');

/**
 * The deliberate mistakes of examples/chat-app/README.md, as `file:line:column rule`, sorted (JavaScript's
 * default sort). The app lints itself with the `strict` preset, so require-stream-auth is among them.
 */
export const EXPECTED_FINDINGS = [
  'src/components/server-status.tsx:17:20 igniter-rt/no-leaked-event-source',
  'src/features/message/controllers/message.controller.ts:102:37 igniter-rt/no-unknown-revalidate-key',
  'src/features/message/controllers/message.controller.ts:124:26 igniter-rt/no-revalidate-in-loop',
  'src/features/presence/controllers/presence.controller.ts:35:15 igniter-rt/require-subscription-cleanup',
  'src/features/room/controllers/room.controller.ts:105:54 igniter-rt/revalidate-before-response',
  'src/features/room/controllers/room.controller.ts:110:5 igniter-rt/require-stream',
  'src/features/room/controllers/room.controller.ts:22:5 igniter-rt/require-stream-auth',
  'src/features/room/controllers/room.controller.ts:62:9 igniter-rt/require-revalidate',
  'src/features/user/controllers/user.controller.ts:21:5 igniter-rt/require-stream',
  'src/features/user/controllers/user.controller.ts:43:25 igniter-rt/no-unscoped-revalidate',
];

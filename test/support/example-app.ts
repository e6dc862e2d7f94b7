import { join } from 'node:path';

export const EXAMPLE_APP = join(import.meta.dirname, '..', '..', 'examples', 'chat-app');

/** The deliberate mistakes of examples/chat-app/README.md, as `file:line:column rule`, sorted. */
export const EXPECTED_FINDINGS = [
  'src/features/presence/controllers/presence.controller.ts:35:15 igniter-rt/require-subscription-cleanup',
  'src/features/room/controllers/room.controller.ts:49:9 igniter-rt/require-revalidate',
  'src/features/room/controllers/room.controller.ts:75:5 igniter-rt/require-stream',
  'src/features/user/controllers/user.controller.ts:29:25 igniter-rt/no-unscoped-revalidate',
];

/**
 * require-stream-auth: a `stream: true` query must list an authentication or rate-limiting procedure
 * in `use`. Cases cover the docs page's examples, the seed's streams (the Notification Stream is
 * guarded; typing, presence and the others are not), the real @igniter-js/core 0.3 factories, the
 * `procedures` option and its validation, `use` lists the rule cannot read, and odd input.
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases, type RuleCases } from '../../test/support/rule-harness.js';

/** A controller around the given `actions` entries (the first entry starts on line 6). */
const controller = (actions: string): string => `import { igniter } from '@/igniter';

export const chatController = igniter.controller({
  name: 'chat', path: '/chat',
  actions: {
${actions}
  },
});
`;

/** A stream query `live` with the given extra options (from line 8) and a plain handler. */
const stream = (options: string): string =>
  controller(`    live: igniter.query({
      path: '/live' as const,
${options}
      handler: async ({ context, response }) => response.success(await context.feed.latest()),
    }),`);

/** An example of the docs page, an entry of `actions` in the page's controller template (as `controller` builds it). */
const docs = (name: string) => docsExample('require-stream-auth', name);

const unauthenticated = (name: string) => ({ messageId: 'unauthenticatedStream', data: { name } });

const cases: RuleCases = {
  valid: [
    // --- Docs page: the ✅ examples (auth, rate limit, session; a query that is not a stream)
    docs('notification-stream'),
    docs('rate-limit-and-session'),
    docs('not-a-stream'),

    // --- Seed: "Notification Stream" (✅ `use: [authProcedure()]`)
    controller(`    /**
     * @stream notifications
     * @description Personal notification stream
     */
    notifications: igniter.query({
      path: '/notifications' as const,
      stream: true,
      use: [authProcedure()],
      handler: async ({ context, realtime }) => {
        const userId = context.user.id;
        const initial = await context.database.notification.findMany({
          where: { userId, read: false },
          orderBy: { createdAt: 'desc' },
          take: 10
        });
        realtime.send({ event: 'initial', data: { notifications: initial } });
        const subscription = context.store.subscribe(
          \`user:\${userId}:notifications\`,
          (notification) => {
            realtime.send({ event: 'notification', data: notification });
          }
        );
        realtime.onDisconnect(() => {
          subscription.unsubscribe();
        });
        return realtime;
      }
    }),`),
    // Seed: "Typing Indicators", the publishing side: a mutation is never a stream
    controller(`    startTyping: igniter.mutation({
      handler: async ({ request, context, response }) => {
        await context.store.publish(\`room:\${request.body.roomId}:typing\`, {
          userId: context.user.id,
          userName: context.user.name,
          isTyping: true
        });
        return response.noContent();
      }
    }),`),
    // Seed: "Rate Limiting": the guide's `realtimeRateLimit` middleware guards a stream
    stream(`      stream: true,
      use: [realtimeRateLimit],`),

    // --- Every default keyword, in the naming styles of `use`
    stream(`      stream: true,
      use: [loggerProcedure(), procedures.protected()],`),
    stream(`      stream: true,
      use: [AuthGuard, adminOnly()],`),
    stream(`      stream: true,
      use: [withSession({ required: true })],`),
    stream(`      stream: true,
      use: [rate_limit({ max: 5 }), cors()],`),

    // --- Real 0.3 API: createIgniterQuery imported from @igniter-js/core, guarded
    `import { createIgniterQuery } from '@igniter-js/core';
import { authProcedure } from '@/features/auth/procedures/auth.procedure';

export const feed = createIgniterQuery({
  path: '/feed',
  stream: true,
  use: [authProcedure({ required: true })],
  handler: async ({ response }) => response.stream({ channelId: 'feed', initialData: [] }),
});`,

    // --- Not a stream
    stream(`      stream: false,`),
    stream(`      stream: isLive,`),
    stream(`      stream: process.env.STREAMS === 'on',`),
    controller(`    send: igniter.mutation({ path: '/', method: 'POST', stream: true, handler: async ({ response }) => response.noContent() }),`),

    // --- A `use` the rule cannot read is trusted
    stream(`      stream: true,
      use: streamGuards,`),
    stream(`      stream: true,
      use: guards('stream'),`),
    stream(`      stream: true,
      use: [...baseProcedures, loggerProcedure()],`),
    stream(`      stream: true,
      use: [flags.public ? rateLimit() : loggerProcedure()],`),
    controller(`    live: igniter.query({ path: '/live', stream: true, use, handler: async ({ response }) => response.success([]) }),`),
    // A spread of the options may bring its own `use` (none written, or written before the spread)
    controller(`    a: igniter.query({ ...authenticated, path: '/a', stream: true, handler: async ({ response }) => response.success([]) }),
    b: igniter.query({ path: '/b', stream: true, use: [], ...guarded, handler: async ({ response }) => response.success([]) }),`),

    // --- The `procedures` option (the docs page's example: `requireUser()` guards with `requireUser|throttle`)
    docs('option-names-guard'),
    {
      code: stream(`      stream: true,
      use: [AuthGuard],`),
      options: [{ procedures: '/^Auth/' }],
    },

    // --- Near misses: other libraries' `query`, a different instance without settings
    `const rows = await db.query({ sql: 'select 1', stream: true, handler: onRow });
const live = trpc.query({ stream: true, handler: async () => [] });`,
    `export const live = api.query({ path: '/live', stream: true, handler: async ({ response }) => response.success([]) });`,

    // --- Bad input: must not crash or report
    controller(`    [dynamicKey]: igniter.query({ path: '/a', stream: true, use: [authProcedure()], handler: listHandler }),
    ...sharedActions,
    noHandler: igniter.query({ path: '/b', stream: true }),
    empty: igniter.query(),
    text: igniter.query('stream: true'),
    guarded: igniter.query({ path: '/c', stream: true, use: [authProcedure], handler: undefined }),`),
    `igniter.query({ stream: true, use: [authProcedure()], handler: async function* ({ response }) { yield response.success(); } });`,
  ],

  invalid: [
    // --- Docs page: the ❌ examples (the template indents each entry by 4 columns)
    { ...docs('typing-no-use'), errors: [{ ...unauthenticated('typing'), line: 7, column: 5, endLine: 7, endColumn: 11 }] },
    { ...docs('logger-only'), errors: [{ ...unauthenticated('feed'), line: 7, column: 5, endLine: 7, endColumn: 9 }] },
    { ...docs('empty-use'), errors: [{ ...unauthenticated('status'), line: 7, column: 5, endLine: 7, endColumn: 11 }] },

    // --- Seed: "Presence Management" (no `use`)
    {
      code: controller(`    /**
     * @stream presence
     * @description Track online users in real-time
     */
    presence: igniter.query({
      path: '/presence/:roomId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const { roomId } = request.params;
        const presenceKey = \`room:\${roomId}:presence\`;
        await context.store.sadd(presenceKey, context.user.id);
        const onlineUsers = await context.store.smembers(presenceKey);
        realtime.send({ event: 'presence', data: { onlineUsers } });
        const subscription = context.store.subscribe(\`\${presenceKey}:changes\`, (data) => {
          realtime.send({ event: 'presence_update', data });
        });
        realtime.onDisconnect(async () => {
          await context.store.srem(presenceKey, context.user.id);
          subscription.unsubscribe();
        });
        return realtime;
      }
    }),`),
      errors: [{ ...unauthenticated('presence'), line: 10, column: 5, endLine: 10, endColumn: 13 }],
    },
    // Seed: "Stream-Enabled Queries" (the JSDoc'd list, no `use`)
    {
      code: controller(`    /**
     * @action list
     * @stream true
     * @description Live-updating list with automatic revalidation
     */
    list: igniter.query({
      name: 'List Messages',
      path: '/' as const,
      stream: true, // ✅ CRITICAL: Enable streaming
      handler: async ({ context, response }) => {
        const messages = await context.database.message.findMany({
          orderBy: { createdAt: 'desc' },
          take: 50
        });
        return response.success({ messages });
      }
    }),`),
      errors: [{ ...unauthenticated('list'), line: 11, column: 5, endLine: 11, endColumn: 9 }],
    },

    // --- `use` present but guarding nothing
    { code: stream(`      stream: true,\n      use: undefined,`), errors: [{ ...unauthenticated('live'), line: 6, column: 5, endLine: 6, endColumn: 9 }] },
    { code: stream(`      stream: true,\n      use: null,`), errors: [unauthenticated('live')] },
    { code: stream(`      stream: true,\n      use: [loggerProcedure(), cors, procedures.tenant({ header: 'x-tenant' })],`), errors: [unauthenticated('live')] },
    // A spread before `use`: the written `use` wins, and it guards nothing
    { code: stream(`      ...defaults,\n      stream: true,\n      use: [loggerProcedure()],`), errors: [unauthenticated('live')] },
    // Quoted keys
    { code: stream(`      'stream': true,\n      'use': [],`), errors: [unauthenticated('live')] },

    // --- Real 0.3 API: createIgniterQuery declared as a variable, registered in a controller (reported on its key)
    {
      code: `import { createIgniterQuery, createIgniterController } from '@igniter-js/core';

const feedStream = createIgniterQuery({
  path: '/feed',
  stream: true,
  handler: async ({ response }) => response.stream({ channelId: 'feed', initialData: [] }),
});

export const feedController = createIgniterController({
  name: 'feed',
  path: '/feed',
  actions: { live: feedStream },
});`,
      errors: [{ ...unauthenticated('live'), line: 12, column: 14, endLine: 12, endColumn: 18 }],
    },
    // ... and one in no controller: reported on the call, named by its variable
    {
      code: `import { createIgniterQuery as query } from '@igniter-js/core';
export const ticker = query({ path: '/ticker', stream: true, handler: tickerHandler });`,
      errors: [{ ...unauthenticated('ticker'), line: 2, column: 23, endLine: 2, endColumn: 87 }],
    },

    // --- The `procedures` option replaces the default (the docs page's example, then an anchored pattern)
    { ...docs('option-replaces-default'), errors: [{ ...unauthenticated('live'), line: 6, column: 5, endLine: 6, endColumn: 9 }] },
    {
      code: stream(`      stream: true,\n      use: [authProcedure()],`),
      options: [{ procedures: '^requireUser$' }],
      errors: [unauthenticated('live')],
    },
    // `/source/flags` without `i`: case-sensitive
    {
      code: stream(`      stream: true,\n      use: [authProcedure()],`),
      options: [{ procedures: '/^Auth/' }],
      errors: [unauthenticated('live')],
    },

    // --- An instance named by settings
    {
      code: `export const live = api.query({ path: '/live', stream: true, use: [], handler: async ({ response }) => response.success([]) });`,
      settings: { 'igniter-rt': { instanceNames: ['api'] } },
      errors: [{ ...unauthenticated('live'), line: 1, column: 21, endLine: 1, endColumn: 127 }],
    },

    // --- The handler does not matter: an identifier handler is still an unguarded stream (TSX file)
    {
      code: controller(`    live: igniter.query({ path: '/live', stream: true, handler: liveHandler }),`),
      filename: 'chat.controller.tsx',
      errors: [unauthenticated('live')],
    },
  ],
};

runRuleCases('require-stream-auth', cases);

// --- Invalid options are rejected by the schema, with ESLint's own configuration error
describe('require-stream-auth: options schema', () => {
  const lintWith = (options: unknown) => {
    const linter = new Linter({ configType: 'flat' });
    return () =>
      linter.verify('export {};', [{ plugins: { 'igniter-rt': plugin }, rules: { 'igniter-rt/require-stream-auth': ['error', options] } }]);
  };

  it.each([
    ['procedures as a list', { procedures: ['auth'] }],
    ['an empty procedures pattern', { procedures: '' }],
    ['a malformed procedures pattern', { procedures: 'auth(' }],
    ['an unknown property', { procedure: 'auth' }],
  ])('rejects %s', (_name, options) => {
    expect(lintWith(options)).toThrow(/Key "igniter-rt\/require-stream-auth"/);
  });

  it('accepts valid options', () => {
    expect(lintWith({ procedures: 'auth|requireUser' })()).toEqual([]);
    expect(lintWith({ procedures: '/^Auth/' })()).toEqual([]);
  });
});

// --- Presets: strict and all only
describe('require-stream-auth: presets', () => {
  it('is an error in strict and all, and absent from recommended', () => {
    expect(plugin.configs.recommended.rules?.['igniter-rt/require-stream-auth']).toBeUndefined();
    expect(plugin.configs.strict.rules?.['igniter-rt/require-stream-auth']).toBe('error');
    expect(plugin.configs.all.rules?.['igniter-rt/require-stream-auth']).toBe('error');
  });
});

/**
 * require-stream: a query that is live (its key is revalidated, its handler streams, or its JSDoc
 * carries `@stream`) must declare `stream: true`. Seed examples come from
 * `realtime-patterns-rules.md`; each one names its section.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsExample, withoutMarkers } from '../../test/support/docs-examples.js';
import { runRuleCases } from '../../test/support/rule-harness.js';

// A router that registers `messageController` under `message`: the action keys become `message.<action>`.
const router = `export const AppRouter = igniter.router({
  controllers: { message: messageController },
});`;

/** An example of the docs page (rules/require-stream/README.md). */
const docs = (name: string) => docsExample('require-stream', name);

// The ❌ examples' suggestion outputs: `stream: true` inserted after `path` (the ✅ examples, but for the
// markers the fixed line keeps; checked in "require-stream: the suggestions give the page's ✅ examples").
const forgettingStreamFixed = docs('forgetting-stream').code.replace("      path: '/',\n      handler: async ({ context", "      path: '/',\n      stream: true,\n      handler: async ({ context");
const responseStreamFixed = docs('response-stream').code.replace("  path: '/notifications',\n", "  path: '/notifications',\n  stream: true,\n");
const apiInstanceFixed = docs('api-instance').code.replace("path: '/typing', handler", "path: '/typing', stream: true, handler");

runRuleCases('require-stream', {
  valid: [
    // ---- Seed ✅ examples (stream: true already there) ----
    {
      // Seed "Stream-Enabled Queries"
      code: `export const messagesController = igniter.controller({
  name: 'messages',
  path: '/messages',
  actions: {
    /**
     * @action list
     * @stream true
     * @description Live-updating list with automatic revalidation
     */
    list: igniter.query({
      name: 'List Messages',
      path: '/' as const,
      stream: true,
      handler: async ({ context, response }) => {
        const messages = await context.database.message.findMany({ orderBy: { createdAt: 'desc' }, take: 50 });
        return response.success({ messages });
      },
    }),
  },
});`,
    },
    {
      // Seed "Automatic Revalidation Pattern": the revalidated query streams.
      code: `export const messagesController = igniter.controller({
  name: 'messages',
  path: '/messages',
  actions: {
    list: igniter.query({
      path: '/' as const,
      stream: true,
      handler: async ({ context, response }) => response.success(await context.database.message.findMany()),
    }),
    /**
     * @action create
     * @revalidates messages.list
     */
    create: igniter.mutation({
      name: 'Send Message',
      path: '/' as const,
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const message = await context.database.message.create({ data: { ...request.body, userId: context.user.id } });
        return response.created(message).revalidate(['messages.list']);
      },
    }),
  },
});
export const AppRouter = igniter.router({ controllers: { messages: messagesController } });`,
    },
    {
      // Seed "Typing Indicators"
      code: `export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    /**
     * @stream typing
     * @description Real-time typing indicators
     */
    typing: igniter.query({
      path: '/typing/:roomId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const { roomId } = request.params;
        const subscription = context.store.subscribe(\`room:\${roomId}:typing\`, (data) => {
          realtime.send({ event: 'typing', data });
        });
        realtime.onDisconnect(() => {
          subscription.unsubscribe();
          context.store.publish(\`room:\${roomId}:typing\`, { userId: context.user.id, isTyping: false });
        });
        return realtime;
      },
    }),
    startTyping: igniter.mutation({
      path: '/typing',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        await context.store.publish(\`room:\${request.body.roomId}:typing\`, { userId: context.user.id, isTyping: true });
        return response.noContent();
      },
    }),
  },
});`,
    },
    {
      // Seed "Presence Management"
      code: `export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    /**
     * @stream presence
     */
    presence: igniter.query({
      path: '/presence/:roomId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const presenceKey = \`room:\${request.params.roomId}:presence\`;
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
      },
    }),
  },
});`,
    },
    {
      // Seed "Notification Stream" (stream: true before `use`)
      code: `export const notificationController = igniter.controller({
  name: 'notification',
  path: '/notifications',
  actions: {
    /**
     * @stream notifications
     */
    notifications: igniter.query({
      path: '/notifications' as const,
      stream: true,
      use: [authProcedure()],
      handler: async ({ context, realtime }) => {
        const userId = context.user.id;
        const subscription = context.store.subscribe(\`user:\${userId}:notifications\`, (notification) => {
          realtime.send({ event: 'notification', data: notification });
        });
        realtime.onDisconnect(() => {
          subscription.unsubscribe();
        });
        return realtime;
      },
    }),
  },
});`,
    },
    {
      // Seed "Conflict Resolution"
      code: `export const docsController = igniter.controller({
  name: 'docs',
  path: '/docs',
  actions: {
    /**
     * @stream collaborative
     */
    collab: igniter.query({
      path: '/collab/:docId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        let currentVersion = (await context.store.get(\`doc:\${request.params.docId}:version\`)) || 0;
        const subscription = context.store.subscribe(\`doc:\${request.params.docId}:changes\`, async (change) => {
          if (change.baseVersion < currentVersion) realtime.send({ event: 'conflict', data: { currentVersion, change } });
          else currentVersion = change.version;
        });
        realtime.onDisconnect(() => subscription.unsubscribe());
        return realtime;
      },
    }),
  },
});`,
    },

    // ---- Real @igniter-js/core 0.3 API, already streaming ----
    {
      // response.stream with stream: true; cleanup through the request's abort signal.
      code: `import { createIgniterQuery } from '@igniter-js/core';

export const feed = createIgniterQuery({
  path: '/feed',
  stream: true,
  handler: async ({ request, context, response }) => {
    const onMessage = () => {};
    await context.store.subscribe('feed', onMessage);
    request.raw.signal.addEventListener('abort', () => context.store.unsubscribe('feed', onMessage));
    return response.stream({ channelId: 'feed' });
  },
});`,
    },
    {
      // realtime.revalidate({ path, scopes }) targets a query that streams.
      code: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: ({ response }) => response.success([]) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, response, realtime }) => {
        await realtime.revalidate({ path: 'message.list', scopes: [\`room:\${request.body.roomId}\`] });
        return response.created(request.body);
      },
    }),
  },
});
${router}`,
    },
    {
      // A query that publishes (realtime.publish, realtime.to(ch).publish()) is not live itself.
      code: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    ping: igniter.query({
      path: '/ping',
      handler: async ({ realtime, response }) => {
        await realtime.publish('chat:room-1', { text: 'ping' });
        await realtime.to('chat:room-2').publish();
        return response.success({ ok: true });
      },
    }),
  },
});
${router}`,
    },

    // ---- The docs page's ✅ examples ----
    docs('forgetting-stream-fixed'),
    docs('response-stream-fixed'),
    docs('api-instance-fixed'),

    // ---- Not live: nothing revalidates, streams or tags it (the docs page's example first) ----
    docs('not-live'),
    {
      // Near miss: the mutation revalidates other keys (and the controller key alone), not `message.list`.
      code: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', handler: ({ response }) => response.success([]) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, response }) => response.revalidate(['message', 'message.detail', 'messages.list', 'message.list.all']).created(request.body),
    }),
  },
});
${router}`,
    },
    {
      // No router in this file: the key of `list` is unknown, so a revalidation of 'message.list' proves nothing here.
      code: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', handler: ({ response }) => response.success([]) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, response }) => response.revalidate(['message.list']).created(request.body),
    }),
  },
});`,
    },
    {
      // The router registers a different controller: `messageController` has no key in view.
      code: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', handler: ({ response }) => response.success([]) }),
  },
});
export const create = igniter.mutation({
  path: '/',
  method: 'POST',
  handler: ({ response }) => response.revalidate(['message.list']).created({}),
});
export const AppRouter = igniter.router({ controllers: { message: otherController } });`,
    },
    {
      // Streaming inside a mutation: the rule is about queries only.
      code: `export const jobController = igniter.controller({
  name: 'job',
  path: '/jobs',
  actions: {
    run: igniter.mutation({
      path: '/run',
      method: 'POST',
      handler: async ({ context, realtime, response }) => {
        await context.store.subscribe('jobs', () => realtime.send({ event: 'job' }));
        return response.stream({ channelId: 'jobs' });
      },
    }),
  },
});`,
    },
    {
      // `stream` is an expression we cannot evaluate: never reported.
      code: `export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    typing: igniter.query({
      path: '/typing',
      stream: env.REALTIME_ENABLED,
      handler: ({ realtime }) => realtime,
    }),
  },
});`,
    },
    {
      // `@stream false` is an explicit "not a stream"; a line comment is not JSDoc.
      code: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    /**
     * @stream false
     */
    list: igniter.query({ path: '/', handler: ({ response }) => response.success([]) }),
    // @stream
    count: igniter.query({ path: '/count', handler: ({ response }) => response.success(0) }),
    /* @stream */
    latest: igniter.query({ path: '/latest', handler: ({ response }) => response.success(null) }),
    /** @streaming-friendly, see @description */
    search: igniter.query({ path: '/search', handler: ({ response }) => response.success([]) }),
  },
});`,
    },
    {
      // Other subscribe/stream calls in a query: an RxJS subject, a file stream, a payload field named stream.
      code: `export const fileController = igniter.controller({
  name: 'file',
  path: '/files',
  actions: {
    download: igniter.query({
      path: '/:id',
      handler: async ({ request, context, response }) => {
        const updates = new Subject();
        updates.subscribe((value) => console.log(value));
        const file = await context.storage.get(request.params.id);
        const body = file.stream();
        return response.success({ body, stream: false });
      },
    }),
  },
});`,
    },

    // ---- Near misses: not Igniter ----
    {
      // Other libraries' query/subscribe: not an Igniter instance.
      code: `const users = trpc.query({
  path: '/users',
  handler: ({ realtime }) => realtime,
});
const result = client.query({ query: GET_USERS, handler: () => store.subscribe(() => {}) });`,
    },
    {
      // Streaming calls outside any handler.
      code: `const subscription = context.store.subscribe('channel', () => realtime.send({ event: 'x' }));
realtime.onDisconnect(() => subscription.unsubscribe());
export function openStream(response) {
  return response.stream({ channelId: 'x' });
}`,
    },
    {
      // A different instance name is not Igniter without settings.
      code: `export const chatController = api.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    typing: api.query({ path: '/typing', handler: ({ realtime }) => realtime }),
  },
});`,
    },
    {
      // With settings naming `api`, `igniter.*` is no longer the instance.
      code: `export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    typing: igniter.query({ path: '/typing', handler: ({ realtime }) => realtime }),
    presence: api.query({ path: '/presence', stream: true, handler: ({ realtime }) => realtime }),
  },
});`,
      settings: { 'igniter-rt': { instanceNames: ['api'] } },
    },
    {
      // `createIgniterQuery` that does not come from @igniter-js/core.
      code: `import { createIgniterQuery } from './my-wrappers';

export const feed = createIgniterQuery({
  path: '/feed',
  handler: ({ response }) => response.stream({ channelId: 'feed' }),
});`,
    },

    // ---- Bad input: must not crash or report ----
    {
      // Handler as an identifier and as an imported function.
      code: `import { listMessages } from './handlers';
const countMessages = async ({ response }) => response.success(0);
export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', handler: listMessages }),
    count: igniter.query({ path: '/count', handler: countMessages }),
    nothing: igniter.query({ path: '/nothing', handler: undefined }),
  },
});
${router}`,
    },
    {
      // Computed and spread keys in `actions`, a router built dynamically.
      code: `const key = 'list';
export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    ...baseActions,
    [key]: igniter.query({ path: '/', handler: ({ response }) => response.success([]) }),
    [\`count\`]: igniter.query({ path: '/count', stream: true, handler: ({ realtime }) => realtime }),
  },
});
export const AppRouter = igniter.router({ controllers: buildControllers() });
export const revalidate = igniter.mutation({ path: '/', method: 'POST', handler: ({ response }) => response.revalidate(['message.list']).created({}) });`,
    },
    {
      // Missing arguments everywhere.
      code: `igniter.query();
igniter.query({});
igniter.query({ path: '/' });
igniter.controller();
igniter.controller({ name: 'empty' });
igniter.router();
igniter.router({ controllers });
createIgniterQuery();
const x = igniter.query({ handler() {} }, extra);`,
    },
    {
      // Syntax the parser still accepts: a method `stream()`, a function-expression handler, a getter.
      code: `export const oddController = igniter.controller({
  name: 'odd',
  path: '/odd',
  actions: {
    a: igniter.query({ path: '/a', stream() { return true; }, handler: function ({ realtime }) { return realtime; } }),
    b: igniter.query({ path: '/b', get stream() { return true; }, handler: ({ response }) => response.success(1) }),
    c: igniter.query({ path: '/c', handler: async function* () { yield 1; } }),
    d: igniter.query(...args),
  },
});`,
    },
    {
      // A spread may carry `stream: true` (or override `stream: false` written before it).
      code: `const liveDefaults = { stream: true } as const;
export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    typing: igniter.query({ ...liveDefaults, path: '/typing', handler: ({ realtime }) => realtime }),
    presence: igniter.query({ path: '/presence', stream: false, ...liveDefaults, handler: ({ realtime }) => realtime }),
  },
});`,
    },
    {
      // The rule has no options: an empty options object is accepted.
      code: `export const ok = igniter.query({ path: '/', stream: true, handler: ({ realtime }) => realtime });`,
      options: [{}],
    },
    {
      // A .tsx file: a client component using the stream is not a query declaration.
      code: `export function ChatRoom({ roomId }: { roomId: string }) {
  const typing = api.chat.typing.useRealtime({ params: { roomId } });
  const subscription = store.subscribe(() => {});
  return <div>{typing.data?.length}</div>;
}`,
      filename: 'file.tsx',
    },
  ],

  invalid: [
    // ---- Signal 1: the action key is revalidated in the file ----
    {
      // Seed "❌ Forgetting stream: true" (made live by a revalidating mutation and a router): the docs page's example.
      ...docs('forgetting-stream'),
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'list', reason: "'message.list' is revalidated on line 17" },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 9,
          suggestions: [
            {
              messageId: 'addStream',
              output: forgettingStreamFixed,
            },
          ],
        },
      ],
    },
    {
      // Inline controller in the router; seed-style `response.success(...).revalidate(keys, scopes)`.
      code: `export const AppRouter = igniter.router({
  controllers: {
    message: igniter.controller({
      name: 'message',
      path: '/messages',
      actions: {
        list: igniter.query({ path: '/', handler: ({ response }) => response.success([]) }),
        create: igniter.mutation({
          path: '/',
          method: 'POST',
          handler: ({ request, response }) => response.success(request.body).revalidate(['message.list'], (ctx) => [\`user:\${ctx.user.id}\`]),
        }),
      },
    }),
  },
});`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'list', reason: "'message.list' is revalidated on line 11" },
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const AppRouter = igniter.router({
  controllers: {
    message: igniter.controller({
      name: 'message',
      path: '/messages',
      actions: {
        list: igniter.query({ path: '/', stream: true, handler: ({ response }) => response.success([]) }),
        create: igniter.mutation({
          path: '/',
          method: 'POST',
          handler: ({ request, response }) => response.success(request.body).revalidate(['message.list'], (ctx) => [\`user:\${ctx.user.id}\`]),
        }),
      },
    }),
  },
});`,
            },
          ],
        },
      ],
    },
    {
      // Real API `realtime.revalidate({ path, scopes })` in another controller; the query says `stream: false`.
      code: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({
      path: '/',
      stream: false,
      handler: ({ response }) => response.success([]),
    }),
  },
});
export const roomController = igniter.controller({
  name: 'room',
  path: '/rooms',
  actions: {
    post: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, realtime, response }) => {
        await realtime.revalidate({ path: 'message.list', scopes: [\`room:\${request.body.roomId}\`] });
        return response.created(request.body);
      },
    }),
  },
});
export const AppRouter = igniter.router({
  controllers: { message: messageController, room: roomController },
});`,
      errors: [
        {
          messageId: 'streamFalse',
          data: { name: 'list', reason: "'message.list' is revalidated on line 20" },
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'enableStream',
              output: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({
      path: '/',
      stream: true,
      handler: ({ response }) => response.success([]),
    }),
  },
});
export const roomController = igniter.controller({
  name: 'room',
  path: '/rooms',
  actions: {
    post: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, realtime, response }) => {
        await realtime.revalidate({ path: 'message.list', scopes: [\`room:\${request.body.roomId}\`] });
        return response.created(request.body);
      },
    }),
  },
});
export const AppRouter = igniter.router({
  controllers: { message: messageController, room: roomController },
});`,
            },
          ],
        },
      ],
    },
    {
      // Real API options form `response.revalidate({ queryKeys })` with a single string key, from a
      // mutation declared as a variable; the query is a variable too, registered by shorthand.
      code: `const list = igniter.query({
  handler: ({ response }) => response.success([]),
  path: '/'
});
const create = igniter.mutation({
  path: '/',
  method: 'POST',
  handler: ({ request, response: res }) => res.revalidate({ queryKeys: 'message.list' }).created(request.body),
});
export const messageController = igniter.controller({ name: 'message', path: '/messages', actions: { list, create } });
${router}`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'list', reason: "'message.list' is revalidated on line 8" },
          line: 10,
          column: 102,
          endLine: 10,
          endColumn: 106,
          suggestions: [
            {
              messageId: 'addStream',
              output: `const list = igniter.query({
  handler: ({ response }) => response.success([]),
  path: '/',
  stream: true
});
const create = igniter.mutation({
  path: '/',
  method: 'POST',
  handler: ({ request, response: res }) => res.revalidate({ queryKeys: 'message.list' }).created(request.body),
});
export const messageController = igniter.controller({ name: 'message', path: '/messages', actions: { list, create } });
${router}`,
            },
          ],
        },
      ],
    },
    {
      // A variable-declared query registered under another key is reported on that key, named by it;
      // the revalidation comes from `igniter.realtime.revalidate` outside any handler.
      code: `/** Every message. */
const listMessages = igniter.query({ path: '/', handler: ({ response }) => response.success([]) });
export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    all: listMessages,
  },
});
export async function onImport() {
  await igniter.realtime.revalidate({ path: ['message.all'] });
}
${router}`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'all', reason: "'message.all' is revalidated on line 11" },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 8,
          suggestions: [
            {
              messageId: 'addStream',
              output: `/** Every message. */
const listMessages = igniter.query({ path: '/', stream: true, handler: ({ response }) => response.success([]) });
export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    all: listMessages,
  },
});
export async function onImport() {
  await igniter.realtime.revalidate({ path: ['message.all'] });
}
${router}`,
            },
          ],
        },
      ],
    },

    {
      // Real API factories end to end (`createIgniterQuery` aliased): `createIgniterController`/`createIgniterRouter` and
      // `realtime.revalidate([...targets])`, where the second target is the query's key.
      code: `import { createIgniterController, createIgniterMutation, createIgniterQuery as query, createIgniterRouter } from '@igniter-js/core';

const list = query({ path: '/', handler: ({ response }) => response.success([]) });
const post = createIgniterMutation({
  path: '/',
  method: 'POST',
  handler: async ({ request, realtime, response }) => {
    await realtime.revalidate([{ path: 'user.me' }, { path: 'feed.list', scopes: [\`user:\${request.body.authorId}\`] }]);
    return response.created(request.body);
  },
});
export const feedController = createIgniterController({ name: 'feed', path: '/feed', actions: { list, post } });
export const router = createIgniterRouter({ controllers: { feed: feedController } });`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'list', reason: "'feed.list' is revalidated on line 8" },
          line: 12,
          column: 97,
          endLine: 12,
          endColumn: 101,
          suggestions: [
            {
              messageId: 'addStream',
              output: `import { createIgniterController, createIgniterMutation, createIgniterQuery as query, createIgniterRouter } from '@igniter-js/core';

const list = query({ path: '/', stream: true, handler: ({ response }) => response.success([]) });
const post = createIgniterMutation({
  path: '/',
  method: 'POST',
  handler: async ({ request, realtime, response }) => {
    await realtime.revalidate([{ path: 'user.me' }, { path: 'feed.list', scopes: [\`user:\${request.body.authorId}\`] }]);
    return response.created(request.body);
  },
});
export const feedController = createIgniterController({ name: 'feed', path: '/feed', actions: { list, post } });
export const router = createIgniterRouter({ controllers: { feed: feedController } });`,
            },
          ],
        },
      ],
    },

    // ---- Signal 2: the handler streams ----
    {
      // Seed "Typing Indicators" without `stream: true`: the docs page's example.
      ...docs('typing-without-stream'),
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'typing', reason: 'its handler returns realtime' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 11,
          suggestions: [
            {
              messageId: 'addStream',
              output: docs('typing-without-stream').code.replace("path: '/typing/:roomId' as const,\n", "path: '/typing/:roomId' as const,\n      stream: true,\n"),
            },
          ],
        },
      ],
    },
    {
      // Seed "❌ Memory leaks": a query that subscribes to the store (no `stream`, no `path`).
      code: `export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    feed: igniter.query({
      handler: async ({ realtime }) => {
        context.store.subscribe('channel', handler);
      },
    }),
  },
});`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'feed', reason: 'its handler subscribes with context.store.subscribe()' },
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    feed: igniter.query({
      stream: true,
      handler: async ({ realtime }) => {
        context.store.subscribe('channel', handler);
      },
    }),
  },
});`,
            },
          ],
        },
      ],
    },
    {
      // Seed "Presence Management" with `stream: false`.
      code: `export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    presence: igniter.query({
      path: '/presence/:roomId' as const,
      stream: false,
      handler: async ({ request, context, realtime }) => {
        const onlineUsers = await context.store.smembers(\`room:\${request.params.roomId}:presence\`);
        realtime.send({ event: 'presence', data: { onlineUsers } });
      },
    }),
  },
});`,
      errors: [
        {
          messageId: 'streamFalse',
          data: { name: 'presence', reason: 'its handler calls realtime.send()' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'enableStream',
              output: `export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    presence: igniter.query({
      path: '/presence/:roomId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const onlineUsers = await context.store.smembers(\`room:\${request.params.roomId}:presence\`);
        realtime.send({ event: 'presence', data: { onlineUsers } });
      },
    }),
  },
});`,
            },
          ],
        },
      ],
    },
    {
      // Real API: `createIgniterQuery` from @igniter-js/core answering with `response.stream(...)`,
      // reported on the call (it has no key in `actions`): the docs page's example.
      ...docs('response-stream'),
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'notifications', reason: 'its handler calls response.stream()' },
          line: 3,
          column: 30,
          endLine: 6,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'addStream',
              output: responseStreamFixed,
            },
          ],
        },
      ],
    },
    {
      // Bindings in every style: renamed, whole context, destructured in the body, nested pattern.
      code: `export const liveController = igniter.controller({
  name: 'live',
  path: '/live',
  actions: {
    renamed: igniter.query({ path: '/a', handler: ({ realtime: rt }) => { rt.onDisconnect(() => {}); } }),
    whole: igniter.query({ path: '/b', handler: (ctx) => ctx.response.stream({ channelId: 'b' }) }),
    body: igniter.query({ path: '/c', handler: (ctx) => { const { response: r } = ctx; return r.status(200).stream({ channelId: 'c' }); } }),
    nested: igniter.query({ path: '/d', handler: async ({ context: { store } }) => { await store.subscribe('d', () => {}); } }),
    method: igniter.query({ path: '/e', async handler({ realtime }) { return realtime; } }),
  },
});`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'renamed', reason: 'its handler calls realtime.onDisconnect()' },
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const liveController = igniter.controller({
  name: 'live',
  path: '/live',
  actions: {
    renamed: igniter.query({ path: '/a', stream: true, handler: ({ realtime: rt }) => { rt.onDisconnect(() => {}); } }),
    whole: igniter.query({ path: '/b', handler: (ctx) => ctx.response.stream({ channelId: 'b' }) }),
    body: igniter.query({ path: '/c', handler: (ctx) => { const { response: r } = ctx; return r.status(200).stream({ channelId: 'c' }); } }),
    nested: igniter.query({ path: '/d', handler: async ({ context: { store } }) => { await store.subscribe('d', () => {}); } }),
    method: igniter.query({ path: '/e', async handler({ realtime }) { return realtime; } }),
  },
});`,
            },
          ],
        },
        {
          messageId: 'missingStream',
          data: { name: 'whole', reason: 'its handler calls response.stream()' },
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const liveController = igniter.controller({
  name: 'live',
  path: '/live',
  actions: {
    renamed: igniter.query({ path: '/a', handler: ({ realtime: rt }) => { rt.onDisconnect(() => {}); } }),
    whole: igniter.query({ path: '/b', stream: true, handler: (ctx) => ctx.response.stream({ channelId: 'b' }) }),
    body: igniter.query({ path: '/c', handler: (ctx) => { const { response: r } = ctx; return r.status(200).stream({ channelId: 'c' }); } }),
    nested: igniter.query({ path: '/d', handler: async ({ context: { store } }) => { await store.subscribe('d', () => {}); } }),
    method: igniter.query({ path: '/e', async handler({ realtime }) { return realtime; } }),
  },
});`,
            },
          ],
        },
        {
          messageId: 'missingStream',
          data: { name: 'body', reason: 'its handler calls response.stream()' },
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const liveController = igniter.controller({
  name: 'live',
  path: '/live',
  actions: {
    renamed: igniter.query({ path: '/a', handler: ({ realtime: rt }) => { rt.onDisconnect(() => {}); } }),
    whole: igniter.query({ path: '/b', handler: (ctx) => ctx.response.stream({ channelId: 'b' }) }),
    body: igniter.query({ path: '/c', stream: true, handler: (ctx) => { const { response: r } = ctx; return r.status(200).stream({ channelId: 'c' }); } }),
    nested: igniter.query({ path: '/d', handler: async ({ context: { store } }) => { await store.subscribe('d', () => {}); } }),
    method: igniter.query({ path: '/e', async handler({ realtime }) { return realtime; } }),
  },
});`,
            },
          ],
        },
        {
          messageId: 'missingStream',
          data: { name: 'nested', reason: 'its handler subscribes with store.subscribe()' },
          line: 8,
          column: 5,
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const liveController = igniter.controller({
  name: 'live',
  path: '/live',
  actions: {
    renamed: igniter.query({ path: '/a', handler: ({ realtime: rt }) => { rt.onDisconnect(() => {}); } }),
    whole: igniter.query({ path: '/b', handler: (ctx) => ctx.response.stream({ channelId: 'b' }) }),
    body: igniter.query({ path: '/c', handler: (ctx) => { const { response: r } = ctx; return r.status(200).stream({ channelId: 'c' }); } }),
    nested: igniter.query({ path: '/d', stream: true, handler: async ({ context: { store } }) => { await store.subscribe('d', () => {}); } }),
    method: igniter.query({ path: '/e', async handler({ realtime }) { return realtime; } }),
  },
});`,
            },
          ],
        },
        {
          messageId: 'missingStream',
          data: { name: 'method', reason: 'its handler returns realtime' },
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const liveController = igniter.controller({
  name: 'live',
  path: '/live',
  actions: {
    renamed: igniter.query({ path: '/a', handler: ({ realtime: rt }) => { rt.onDisconnect(() => {}); } }),
    whole: igniter.query({ path: '/b', handler: (ctx) => ctx.response.stream({ channelId: 'b' }) }),
    body: igniter.query({ path: '/c', handler: (ctx) => { const { response: r } = ctx; return r.status(200).stream({ channelId: 'c' }); } }),
    nested: igniter.query({ path: '/d', handler: async ({ context: { store } }) => { await store.subscribe('d', () => {}); } }),
    method: igniter.query({ path: '/e', stream: true, async handler({ realtime }) { return realtime; } }),
  },
});`,
            },
          ],
        },
      ],
    },
    {
      // The streaming call sits in a callback of the handler; `context: ctx` renames the context.
      code: `export const ticker = igniter.query({
  path: '/ticker',
  handler: async ({ context: ctx, realtime, response }) => {
    const timer = setInterval(() => realtime.send({ event: 'tick', data: Date.now() }), 1000);
    realtime.onDisconnect(() => clearInterval(timer));
    return response.success({ startedBy: ctx.user.id });
  },
});`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'ticker', reason: 'its handler calls realtime.send()' },
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const ticker = igniter.query({
  path: '/ticker',
  stream: true,
  handler: async ({ context: ctx, realtime, response }) => {
    const timer = setInterval(() => realtime.send({ event: 'tick', data: Date.now() }), 1000);
    realtime.onDisconnect(() => clearInterval(timer));
    return response.success({ startedBy: ctx.user.id });
  },
});`,
            },
          ],
        },
      ],
    },
    {
      // Instance named by settings: `api.query` is Igniter (the docs page's example).
      ...docs('api-instance'),
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'typing', reason: 'its handler returns realtime' },
          line: 1,
          column: 23,
          endLine: 1,
          endColumn: 90,
          suggestions: [
            {
              messageId: 'addStream',
              output: apiInstanceFixed,
            },
          ],
        },
      ],
    },

    {
      // Explicit type arguments; a spread before `stream: false` cannot change it.
      code: `export const feed = igniter.query<FeedContext>({
  ...baseOptions,
  path: '/feed',
  stream: false,
  handler: ({ realtime }) => realtime,
});`,
      errors: [
        {
          messageId: 'streamFalse',
          data: { name: 'feed', reason: 'its handler returns realtime' },
          line: 1,
          column: 21,
          endLine: 6,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'enableStream',
              output: `export const feed = igniter.query<FeedContext>({
  ...baseOptions,
  path: '/feed',
  stream: true,
  handler: ({ realtime }) => realtime,
});`,
            },
          ],
        },
      ],
    },
    {
      // Several signals at once: the message names the first (revalidation, then streaming, then JSDoc);
      // a key written as a template literal without substitutions.
      code: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    /** @stream */
    list: igniter.query({ path: '/', handler: ({ realtime }) => realtime }),
    /** @stream */
    latest: igniter.query({ path: '/latest', handler: ({ realtime }) => realtime }),
    clear: igniter.mutation({ path: '/', method: 'DELETE', handler: ({ response }) => response.revalidate([\`message.list\`]).noContent() }),
  },
});
${router}`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'list', reason: "'message.list' is revalidated on line 9" },
          line: 6,
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    /** @stream */
    list: igniter.query({ path: '/', stream: true, handler: ({ realtime }) => realtime }),
    /** @stream */
    latest: igniter.query({ path: '/latest', handler: ({ realtime }) => realtime }),
    clear: igniter.mutation({ path: '/', method: 'DELETE', handler: ({ response }) => response.revalidate([\`message.list\`]).noContent() }),
  },
});
${router}`,
            },
          ],
        },
        {
          messageId: 'missingStream',
          data: { name: 'latest', reason: 'its handler returns realtime' },
          line: 8,
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    /** @stream */
    list: igniter.query({ path: '/', handler: ({ realtime }) => realtime }),
    /** @stream */
    latest: igniter.query({ path: '/latest', stream: true, handler: ({ realtime }) => realtime }),
    clear: igniter.mutation({ path: '/', method: 'DELETE', handler: ({ response }) => response.revalidate([\`message.list\`]).noContent() }),
  },
});
${router}`,
            },
          ],
        },
      ],
    },

    // ---- Signal 3: JSDoc `@stream` ----
    {
      // Seed-style `@stream notifications` tag on the key, with a tab-indented file.
      code: `export const notificationController = igniter.controller({
\tname: 'notification',
\tpath: '/notifications',
\tactions: {
\t\t/**
\t\t * @stream notifications
\t\t */
\t\tnotifications: igniter.query({
\t\t\tpath: '/' as const,
\t\t\thandler: async ({ context, response }) => response.success(await context.database.notification.findMany()),
\t\t}),
\t},
});`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'notifications', reason: 'its JSDoc has a @stream tag' },
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const notificationController = igniter.controller({
\tname: 'notification',
\tpath: '/notifications',
\tactions: {
\t\t/**
\t\t * @stream notifications
\t\t */
\t\tnotifications: igniter.query({
\t\t\tpath: '/' as const,
\t\t\tstream: true,
\t\t\thandler: async ({ context, response }) => response.success(await context.database.notification.findMany()),
\t\t}),
\t},
});`,
            },
          ],
        },
      ],
    },
    {
      // `@stream` on the variable statement, `stream: false` on the query: the docs page's example.
      ...docs('jsdoc-stream-false'),
      errors: [
        {
          messageId: 'streamFalse',
          data: { name: 'feed', reason: 'its JSDoc has a @stream tag' },
          line: 4,
          column: 21,
          suggestions: [
            {
              messageId: 'enableStream',
              output: docs('jsdoc-stream-false').code.replace('stream: false', 'stream: true'),
            },
          ],
        },
      ],
    },
    {
      // `@stream` on the key in `actions` of a variable-declared query; handler imported (signal 3 needs no handler).
      code: `import { listMessages } from './handlers';
const list = igniter.query({ path: '/', handler: listMessages });
export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    /** @stream true */
    list,
  },
});`,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'list', reason: 'its JSDoc has a @stream tag' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 9,
          suggestions: [
            {
              messageId: 'addStream',
              output: `import { listMessages } from './handlers';
const list = igniter.query({ path: '/', stream: true, handler: listMessages });
export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    /** @stream true */
    list,
  },
});`,
            },
          ],
        },
      ],
    },
    {
      // A .tsx file with an object query that has no path and fits on one line.
      code: `export const live = igniter.query({ handler: ({ realtime }) => { realtime.send({ event: 'hi' }); return <div />; } });`,
      filename: 'file.tsx',
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'live', reason: 'its handler calls realtime.send()' },
          suggestions: [
            {
              messageId: 'addStream',
              output: `export const live = igniter.query({ stream: true, handler: ({ realtime }) => { realtime.send({ event: 'hi' }); return <div />; } });`,
            },
          ],
        },
      ],
    },
  ],
});

// Signal 1 across files: the project index finds the router (tsconfig `@/` paths, barrels, re-exports)
// and a revalidation of `message.list` in another file (test/fixtures/projects/aliases).
const ALIASES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'projects', 'aliases');
const messageControllerFile = join(ALIASES, 'src/features/message/controllers/message.controller.ts');
const messageControllerOnDisk = readFileSync(messageControllerFile, 'utf8');
const withoutOwnRevalidation = messageControllerOnDisk.replace("response.revalidate(['message.list']).created({ id: '1' })", "response.revalidate(['message.pinned']).created({ id: '1' })");
const pinnedFile = join(ALIASES, 'src/features/message/actions/list-pinned.ts');
const pinnedOnDisk = readFileSync(pinnedFile, 'utf8');

runRuleCases('require-stream', {
  valid: [
    // The fixture's audit.log is never revalidated anywhere: not live.
    { code: readFileSync(join(ALIASES, 'src/features/audit/audit.controller.ts'), 'utf8'), filename: join(ALIASES, 'src/features/audit/audit.controller.ts') },
    // The buffer (not the disk) decides: with `stream: true` added in the editor, nothing to report.
    { code: withoutOwnRevalidation.replace("      path: '/',\n      handler: async ({ response }) => response.success({ messages: [] }),", "      path: '/',\n      stream: true,\n      handler: async ({ response }) => response.success({ messages: [] }),"), filename: messageControllerFile },
    // An action in its own file, stream: true, keyed through the controller that imports it.
    { code: pinnedOnDisk, filename: pinnedFile },
  ],
  invalid: [
    {
      code: withoutOwnRevalidation,
      filename: messageControllerFile,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'list', reason: "'message.list' is revalidated in src/features/room/room.controller.ts:11" },
          line: 9,
          suggestions: [{ messageId: 'addStream', output: withoutOwnRevalidation.replace("      path: '/',\n      handler: async ({ response }) => response.success({ messages: [] }),", "      path: '/',\n      stream: true,\n      handler: async ({ response }) => response.success({ messages: [] }),") }],
        },
      ],
    },
    {
      // An action declared in its own file is known as `message.pinned` through the controller that
      // imports it; the buffer drops its stream flag and revalidates that key.
      code: `${pinnedOnDisk.replace('  stream: true,\n', '')}\nexport const touch = ({ realtime }: { realtime: { revalidate(t: unknown): void } }) => realtime.revalidate({ path: 'message.pinned' });\n`,
      filename: pinnedFile,
      errors: [
        {
          messageId: 'missingStream',
          data: { name: 'listPinned', reason: "'message.pinned' is revalidated on line 8" },
          suggestions: [
            {
              messageId: 'addStream',
              output: `${pinnedOnDisk}\nexport const touch = ({ realtime }: { realtime: { revalidate(t: unknown): void } }) => realtime.revalidate({ path: 'message.pinned' });\n`,
            },
          ],
        },
      ],
    },
  ],
});

describe('require-stream: the suggestions give the page\'s ✅ examples', () => {
  it.each([
    ['forgetting-stream', forgettingStreamFixed, 'forgetting-stream-fixed'],
    ['response-stream', responseStreamFixed, 'response-stream-fixed'],
    ['api-instance', apiInstanceFixed, 'api-instance-fixed'],
  ])('%s, fixed, is the ✅ example but for its markers', (_incorrect, output, correct) => {
    expect(withoutMarkers(output)).toBe(docs(correct).code);
  });
});

/**
 * no-unknown-revalidate-key: every literal revalidation key must name a query of the router
 * (`controller.action`) or a controller key alone. The router lives on disk, in the small projects of
 * test/fixtures/projects/no-unknown-revalidate-key/:
 * - `app`: router { message, room, user } (singular `message`, where the seed writes `messages.list`);
 *   message: list, status (queries), create, markAsRead (mutations); room: messages (query),
 *   sendToRoom (mutation); user: profile (query), updateProfile (mutation);
 * - `dynamic-router`: a router whose `controllers` is built at runtime;
 * - `no-router`: controllers but no router;
 * - `inline`: an empty project, for cases whose own text declares the router.
 * Cases set `filename` to a file of one of these projects; their `code` stands for that file's text.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases, type RuleCases } from '../../test/support/rule-harness.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/projects/no-unknown-revalidate-key/', import.meta.url));
/** A new feature of the app, not registered in the router (the file does not exist on disk). */
const POST_FILE = join(FIXTURES, 'app/src/features/post/post.controller.ts');
/** The app's message controller, registered as `message`. */
const MESSAGE_FILE = join(FIXTURES, 'app/src/features/message/controllers/message.controller.ts');
/** Code outside any controller. */
const SERVICE_FILE = join(FIXTURES, 'app/src/features/notification/notification.service.ts');
const DYNAMIC_FILE = join(FIXTURES, 'dynamic-router/src/features/message/message.controller.ts');
const NO_ROUTER_FILE = join(FIXTURES, 'no-router/src/features/message/message.controller.ts');
const INLINE_FILE = join(FIXTURES, 'inline/src/chat.ts');

/** The post controller with one mutation `create`; `handler` (indented 6 spaces) starts on line 10. */
const post = (handler: string): string => `import { igniter } from '@/igniter';

export const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    create: igniter.mutation({
      path: '/',
      method: 'POST',
${handler}
    }),
  },
});
`;

/** The app's message controller as on disk, with the `create` handler replaced (it starts on line 12). */
const message = (createHandler: string): string => `import { igniter } from '@/igniter';

export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),
    status: igniter.query({ path: '/status', stream: true, handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
${createHandler}
    }),
    markAsRead: igniter.mutation({
      path: '/read',
      method: 'POST',
      handler: async ({ response }) => response.revalidate(['message.status']).success({ marked: 0 }),
    }),
  },
});
`;

/**
 * The seed's router: `messages` (plural), as its client calls `api.messages.list`. The router is in
 * the linted file itself (project `inline`); `code` (the handler of `create`) starts on line 12.
 */
const seedRouter = (createHandler: string): string => `import { igniter } from '@/igniter';

export const messagesController = igniter.controller({
  name: 'messages',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({
      name: 'Send Message',
      path: '/' as const,
      body: MessageSchema,
${createHandler}
    }),
  },
});

export const AppRouter = igniter.router({ controllers: { messages: messagesController } });
`;

/**
 * An example of the docs page: an `actions` entry in the page's template, the post controller of the
 * app, linted as POST_FILE (the app's router registers message, room and user).
 */
const docs = (name: string) => docsExample('no-unknown-revalidate-key', name);

const cases: RuleCases = {
  valid: [
    // --- Docs page: the ✅ examples (keys of the app's router, a controller key alone, a query input suffix)
    docs('query-keys'),
    docs('controller-key'),
    docs('query-input'),

    // --- Real @igniter-js/core 0.3 API: every revalidation form with known query keys
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response }) => response.revalidate(['message.list', 'room.messages']).created(request.body),`),
    },
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response }) =>
        response.revalidate({ queryKeys: 'user.profile', data: request.body }, (ctx) => [\`user:\${ctx.user.id}\`]).created(request.body),`),
    },
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response, realtime }) => {
        await realtime.revalidate([
          { path: 'message.list', scopes: [\`room:\${request.body.roomId}\`] },
          { path: 'room.messages', params: { roomId: request.body.roomId } },
        ]);
        return response.created(request.body);
      },`),
    },
    // `createIgniterMutation` from the core package, `igniter.realtime` / `context.realtime` outside handlers
    {
      filename: SERVICE_FILE,
      code: `import { createIgniterMutation } from '@igniter-js/core';
import { igniter } from '@/igniter';

export const markAllRead = createIgniterMutation({
  path: '/read-all',
  method: 'POST',
  handler: async ({ response }) => response.revalidate(['message.status']).noContent(),
});

export async function notifyRoom(context: AppContext, roomId: string) {
  await igniter.realtime.revalidate({ path: 'room.messages', scopes: [\`room:\${roomId}\`] });
  await context.realtime.revalidate([{ path: 'message.list', query: { roomId } }]);
}
`,
    },

    // --- Seed: "Automatic Revalidation Pattern" (✅ with the seed's own router, which registers `messages`)
    {
      filename: INLINE_FILE,
      code: seedRouter(`      handler: async ({ request, context, response }) => {
        const message = await context.database.message.create({ data: request.body });
        return response.created(message)
          .revalidate(['messages.list']); // All connected clients update
      },`),
    },
    // --- Seed: "User-Specific Updates" and "Room-Based Broadcasting" (✅, seed order)
    {
      filename: POST_FILE,
      code: post(`      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const updated = await context.database.user.update({ where: { id: context.user.id }, data: request.body });
        return response.success(updated)
          .revalidate(
            ['user.profile'],
            (ctx) => [\`user:\${ctx.user.id}\`] // Scope function
          );
      },`),
    },
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, context, response }) => {
        const { roomId, message } = request.body;
        const saved = await context.database.message.create({ data: { roomId, content: message, userId: context.user.id } });
        return response.created(saved)
          .revalidate(
            ['room.messages'],
            (ctx) => [\`room:\${roomId}\`]
          );
      },`),
    },
    // --- Seed: "Debounced Updates" (✅): the keys are a parameter, not literals
    {
      filename: SERVICE_FILE,
      code: `const debouncedRevalidate = debounce(
  (queryKeys: string[]) => {
    return response.success(data).revalidate(queryKeys);
  },
  100 // 100ms debounce
);
`,
    },

    // --- Controller keys alone and query input suffixes
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response }) => response.created(request.body).revalidate({ queryKeys: ['message', 'user'] }),`),
    },
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response }) => response.revalidate([\`room.messages:{"params":{"roomId":"1"}}\`]).created(request.body),`),
    },

    // --- Handler bindings in every style
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response: res }) => res.revalidate(['message.list']).created(request.body),`),
    },
    {
      filename: POST_FILE,
      code: post(`      handler: async (ctx) => {
        const { response } = ctx;
        await ctx.realtime.revalidate({ path: 'message.status' });
        return response.revalidate(['message.list']).created(ctx.request.body);
      },`),
    },

    // --- The file's current text wins over its disk copy: a query `archive` added in the editor is known
    {
      filename: MESSAGE_FILE,
      code: message(`      handler: async ({ request, response }) => response.revalidate(['message.list', 'message.archive']).created(request.body),
    }),
    archive: igniter.query({
      path: '/archive',
      handler: async ({ response }) => response.success([]),`),
    },

    // --- Keys that are not literals: unknown, never reported
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response, realtime }) => {
        const keys = ['messages.list'];
        await realtime.revalidate({ path: \`\${request.body.feature}.list\` });
        await realtime.revalidate(targets);
        return response.revalidate([...keys, keyFor(request.body)]).revalidate(keys).created(request.body);
      },`),
    },

    // --- No router in view, or one we cannot fully resolve: silent rather than guess
    { filename: NO_ROUTER_FILE, code: `export const igniter = {} as any;

export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, response }) => response.revalidate(['messages.list', 'sensitive.data']).created(request.body),
    }),
  },
});
` },
    {
      filename: DYNAMIC_FILE,
      code: `import { igniter } from '../../igniter';

export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, response }) => response.revalidate(['messages.list', 'message.create']).created(request.body),
    }),
  },
});
`,
    },
    // A router in the file itself that spreads a computed map, or registers a controller we cannot follow
    {
      filename: INLINE_FILE,
      code: `import { legacyController } from './legacy';

const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.revalidate(['messages.list']).noContent() }),
  },
});

export const AppRouter = igniter.router({ controllers: { message: messageController, legacy: legacyController } });
`,
    },
    {
      filename: INLINE_FILE,
      code: `const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.revalidate(['messages.list']).noContent() }),
  },
});

export const AppRouter = igniter.router({ controllers: buildControllers({ message: messageController }) });
`,
    },
    // A plain file with no project router around it (the repository root has none)
    `igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.revalidate(['messages.list']).noContent() });`,

    // --- Near misses: other libraries' `revalidate`, other instance names
    {
      filename: SERVICE_FILE,
      code: `import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await res.revalidate('/messages');
  await queryClient.revalidate(['messages.list']);
  await swrCache.revalidate({ path: 'messages.list' });
  res.json({ revalidated: true });
}
`,
    },
    {
      filename: SERVICE_FILE,
      code: `export async function notify(api: Api) {
  await api.realtime.revalidate({ path: 'messages.list' });
}
`,
    },

    // --- Bad input: nothing to read, nothing reported, no crash
    {
      filename: POST_FILE,
      code: `import { igniter } from '@/igniter';
import { createHandler } from './post.handlers';

const key = 'create';
export const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    create: igniter.mutation({ path: '/', method: 'POST', handler: createHandler }),
    remove: igniter.mutation({ path: '/:id', method: 'DELETE', handler: undefined }),
    [key]: igniter.mutation({ path: '/x', method: 'POST', handler: async ({ response }) => response.revalidate().noContent() }),
    ...sharedActions,
    hole: igniter.mutation({ path: '/y', method: 'POST', handler: async ({ response, realtime }) => {
      await realtime.revalidate();
      await realtime.revalidate([undefined, null, 'message.list']);
      return response.revalidate([, 'message.list']).revalidate({}).revalidate([]).noContent();
    } }),
  },
});
`,
    },
  ],

  invalid: [
    // --- Docs page: the ❌ examples
    {
      ...docs('plural-controller'),
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'messages.list' },
          line: 13,
          column: 37,
          endLine: 13,
          endColumn: 52,
          suggestions: [{ messageId: 'useKey', data: { key: 'message.list' }, output: docs('plural-controller').code.replace("'messages.list'", "'message.list'") }],
        },
      ],
    },
    {
      ...docs('typo'),
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'room.mesages' },
          line: 12,
          column: 43,
          endLine: 12,
          endColumn: 57,
          suggestions: [{ messageId: 'useKey', data: { key: 'room.messages' }, output: docs('typo').code.replace('"room.mesages"', '"room.messages"') }],
        },
      ],
    },
    {
      ...docs('mutation-key'),
      errors: [{ messageId: 'mutationKey', data: { key: 'message.create' }, line: 12, column: 30, endLine: 12, endColumn: 46, suggestions: [] }],
    },
    {
      ...docs('unknown-controller'),
      errors: [{ messageId: 'unknownKey', data: { key: 'post.list' }, line: 12, column: 43, endLine: 12, endColumn: 54, suggestions: [] }],
    },
    {
      ...docs('realtime-controller-path'),
      errors: [
        {
          messageId: 'controllerPath',
          data: { key: 'message' },
          line: 12,
          column: 43,
          endLine: 12,
          endColumn: 52,
          suggestions: [
            { messageId: 'useKey', data: { key: 'message.list' }, output: docs('realtime-controller-path').code.replace("'message'", "'message.list'") },
            { messageId: 'useKey', data: { key: 'message.status' }, output: docs('realtime-controller-path').code.replace("'message'", "'message.status'") },
          ],
        },
      ],
    },

    // --- Seed: "Automatic Revalidation Pattern" against an app whose router registers `message` (the plural mistake)
    {
      filename: MESSAGE_FILE,
      code: message(`      handler: async ({ request, context, response }) => {
        const message = await context.database.message.create({ data: request.body });
        // ✅ CRITICAL: Trigger automatic UI updates
        return response.created(message)
          .revalidate(['messages.list']); // All connected clients update
      },`),
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'messages.list' },
          line: 16,
          column: 24,
          endLine: 16,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'message.list' },
              output: message(`      handler: async ({ request, context, response }) => {
        const message = await context.database.message.create({ data: request.body });
        // ✅ CRITICAL: Trigger automatic UI updates
        return response.created(message)
          .revalidate(['message.list']); // All connected clients update
      },`),
            },
          ],
        },
      ],
    },
    // --- Seed: "Message Status Updates" (`messages.status`) and "Batch Processing" (outside any handler)
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, context, response }) => {
        const { messageIds } = request.body;
        const senderIds = await context.database.message.senders(messageIds);
        return response.success({ marked: messageIds.length })
          .revalidate(
            ['messages.status'],
            () => senderIds.map(id => \`user:\${id}\`)
          );
      },`),
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'messages.status' },
          line: 15,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'message.status' },
              output: post(`      handler: async ({ request, context, response }) => {
        const { messageIds } = request.body;
        const senderIds = await context.database.message.senders(messageIds);
        return response.success({ marked: messageIds.length })
          .revalidate(
            ['message.status'],
            () => senderIds.map(id => \`user:\${id}\`)
          );
      },`),
            },
          ],
        },
      ],
    },
    {
      filename: SERVICE_FILE,
      code: `const batchUpdate = async (updates: Update[]) => {
  const results = await Promise.all(updates.map(u => processUpdate(u)));
  return response.success(results)
    .revalidate(['messages.list']);
};
`,
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'messages.list' },
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'message.list' },
              output: `const batchUpdate = async (updates: Update[]) => {
  const results = await Promise.all(updates.map(u => processUpdate(u)));
  return response.success(results)
    .revalidate(['message.list']);
};
`,
            },
          ],
        },
      ],
    },
    // --- Seed: "Broadcasting to all" (❌): `sensitive.data` names nothing in the router
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ response }) => {
        return response.success(data)
          .revalidate(['sensitive.data']);
          // Should use scope function
      },`),
      errors: [{ messageId: 'unknownKey', data: { key: 'sensitive.data' }, line: 12, column: 24, endLine: 12, endColumn: 40, suggestions: [] }],
    },

    // --- Several keys in one call: each literal is checked on its own
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response }) =>
        response.revalidate(['message.list', 'user.profiles', 'room.sendToRoom', 'message.list.all', '']).created(request.body),`),
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'user.profiles' },
          line: 11,
          column: 46,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'user.profile' },
              output: post(`      handler: async ({ request, response }) =>
        response.revalidate(['message.list', 'user.profile', 'room.sendToRoom', 'message.list.all', '']).created(request.body),`),
            },
          ],
        },
        { messageId: 'mutationKey', data: { key: 'room.sendToRoom' }, line: 11, column: 63, suggestions: [] },
        // A key of three segments is never a query key.
        { messageId: 'unknownKey', data: { key: 'message.list.all' }, line: 11, column: 82, suggestions: [] },
        // '' would refetch every query by prefix: not a key of the router either.
        { messageId: 'unknownKey', data: { key: '' }, line: 11, column: 102, suggestions: [] },
      ],
    },

    // --- A plural controller key alone, a typo keeping a query input suffix, letter case
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response }) =>
        response.revalidate(['messages', 'mesage.list:{"query":{"roomId":"1"}}', 'User.profile']).created(request.body),`),
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'messages' },
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'message' },
              output: post(`      handler: async ({ request, response }) =>
        response.revalidate(['message', 'mesage.list:{"query":{"roomId":"1"}}', 'User.profile']).created(request.body),`),
            },
          ],
        },
        {
          messageId: 'unknownKey',
          data: { key: 'mesage.list:{"query":{"roomId":"1"}}' },
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'message.list:{"query":{"roomId":"1"}}' },
              output: post(`      handler: async ({ request, response }) =>
        response.revalidate(['messages', 'message.list:{"query":{"roomId":"1"}}', 'User.profile']).created(request.body),`),
            },
          ],
        },
        {
          messageId: 'unknownKey',
          data: { key: 'User.profile' },
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'user.profile' },
              output: post(`      handler: async ({ request, response }) =>
        response.revalidate(['messages', 'mesage.list:{"query":{"roomId":"1"}}', 'user.profile']).created(request.body),`),
            },
          ],
        },
      ],
    },
    // A controller key with an input suffix targets nothing: only queries are suggested
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response }) => response.revalidate('room:{"id":"1"}').created(request.body),`),
      errors: [{ messageId: 'unknownKey', data: { key: 'room:{"id":"1"}' }, suggestions: [] }],
    },

    // --- Handler bindings in every style, the options form, `realtime.revalidate` with a mutation path
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response: res }) => res.revalidate({ queryKeys: ['mesage.list'] }).created(request.body),`),
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'mesage.list' },
          line: 10,
          column: 83,
          endLine: 10,
          endColumn: 96,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'message.list' },
              output: post(`      handler: async ({ request, response: res }) => res.revalidate({ queryKeys: ['message.list'] }).created(request.body),`),
            },
          ],
        },
      ],
    },
    {
      filename: POST_FILE,
      code: post(`      handler: async (ctx) => {
        const { response } = ctx;
        await ctx.realtime.revalidate([{ path: \`user.updateProfile\` }, { path: \`rooms.messages\`, params: { roomId: '1' } }]);
        return response.revalidate(['rooms']).created(ctx.request.body);
      },`),
      errors: [
        { messageId: 'mutationKey', data: { key: 'user.updateProfile' }, line: 12, column: 48, endLine: 12, endColumn: 68, suggestions: [] },
        {
          messageId: 'unknownKey',
          data: { key: 'rooms.messages' },
          line: 12,
          column: 80,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'room.messages' },
              output: post(`      handler: async (ctx) => {
        const { response } = ctx;
        await ctx.realtime.revalidate([{ path: \`user.updateProfile\` }, { path: \`room.messages\`, params: { roomId: '1' } }]);
        return response.revalidate(['rooms']).created(ctx.request.body);
      },`),
            },
          ],
        },
        // A controller key alone is fine in \`response.revalidate\`; \`rooms\` is the plural of \`room\`
        {
          messageId: 'unknownKey',
          data: { key: 'rooms' },
          line: 13,
          column: 37,
          endLine: 13,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'room' },
              output: post(`      handler: async (ctx) => {
        const { response } = ctx;
        await ctx.realtime.revalidate([{ path: \`user.updateProfile\` }, { path: \`rooms.messages\`, params: { roomId: '1' } }]);
        return response.revalidate(['room']).created(ctx.request.body);
      },`),
            },
          ],
        },
      ],
    },
    {
      filename: POST_FILE,
      code: post(`      handler: (ctx) => ctx.response.created(ctx.request.body).revalidate(["message.lists"]),`),
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'message.lists' },
          suggestions: [
            { messageId: 'useKey', data: { key: 'message.list' }, output: post(`      handler: (ctx) => ctx.response.created(ctx.request.body).revalidate(["message.list"]),`) },
          ],
        },
      ],
    },
    // `realtime.revalidate` with a controller key alone: Igniter skips a path without an action
    {
      filename: SERVICE_FILE,
      code: `import { igniter } from '@/igniter';

export async function notifyRoom(roomId: string) {
  await igniter.realtime.revalidate({ path: 'room', scopes: [\`room:\${roomId}\`] });
}
`,
      errors: [
        {
          messageId: 'controllerPath',
          data: { key: 'room' },
          line: 4,
          column: 45,
          endLine: 4,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'room.messages' },
              output: `import { igniter } from '@/igniter';

export async function notifyRoom(roomId: string) {
  await igniter.realtime.revalidate({ path: 'room.messages', scopes: [\`room:\${roomId}\`] });
}
`,
            },
          ],
        },
      ],
    },

    // --- \`createIgniterMutation\` from the core package, revalidating a mutation
    {
      filename: SERVICE_FILE,
      code: `import { createIgniterMutation } from '@igniter-js/core';

export const markAllRead = createIgniterMutation({
  path: '/read-all',
  method: 'POST',
  handler: async ({ response }) => response.revalidate('message.markAsRead').noContent(),
});
`,
      errors: [{ messageId: 'mutationKey', data: { key: 'message.markAsRead' }, line: 6, column: 56, endLine: 6, endColumn: 76, suggestions: [] }],
    },

    // --- A router whose controllers are spread from a map: keys are known; a singular key gets the plural
    {
      filename: INLINE_FILE,
      code: `const messagesController = igniter.controller({
  name: 'messages',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.revalidate(['message.list']).noContent() }),
  },
});

const featureControllers = { messages: messagesController };

export const AppRouter = igniter.router({ controllers: { ...featureControllers } });
`,
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'message.list' },
          line: 6,
          column: 113,
          endLine: 6,
          endColumn: 127,
          suggestions: [{ messageId: 'useKey', data: { key: 'messages.list' }, output: `const messagesController = igniter.controller({
  name: 'messages',
  path: '/messages',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.revalidate(['messages.list']).noContent() }),
  },
});

const featureControllers = { messages: messagesController };

export const AppRouter = igniter.router({ controllers: { ...featureControllers } });
` }],
        },
      ],
    },

    // --- Ties: one suggestion per key at the same (smallest) distance
    {
      filename: INLINE_FILE,
      code: `const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    last: igniter.query({ path: '/last', handler: async ({ response }) => response.success(null) }),
    list: igniter.query({ path: '/', handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.revalidate(['post.lst']).noContent() }),
  },
});

export const AppRouter = igniter.router({ controllers: { post: postController } });
`,
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'post.lst' },
          line: 7,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'post.last' },
              output: `const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    last: igniter.query({ path: '/last', handler: async ({ response }) => response.success(null) }),
    list: igniter.query({ path: '/', handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.revalidate(['post.last']).noContent() }),
  },
});

export const AppRouter = igniter.router({ controllers: { post: postController } });
`,
            },
            {
              messageId: 'useKey',
              data: { key: 'post.list' },
              output: `const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    last: igniter.query({ path: '/last', handler: async ({ response }) => response.success(null) }),
    list: igniter.query({ path: '/', handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.revalidate(['post.list']).noContent() }),
  },
});

export const AppRouter = igniter.router({ controllers: { post: postController } });
`,
            },
          ],
        },
      ],
    },

    // --- The file's current text wins over its disk copy: `list` renamed to `feed` in the editor
    {
      filename: MESSAGE_FILE,
      code: message(`      handler: async ({ request, response }) => response.revalidate(['message.list']).created(request.body),`).replace(
        "list: igniter.query({ path: '/'",
        "feed: igniter.query({ path: '/'",
      ),
      errors: [{ messageId: 'unknownKey', data: { key: 'message.list' }, line: 12, suggestions: [] }],
    },

    // --- Another instance name, once the settings name it
    {
      filename: SERVICE_FILE,
      settings: { 'igniter-rt': { instanceNames: ['igniter', 'api'] } },
      code: `export async function notify(api: Api) {
  await api.realtime.revalidate({ path: 'messages.list' });
}
`,
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'messages.list' },
          line: 2,
          column: 41,
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'message.list' },
              output: `export async function notify(api: Api) {
  await api.realtime.revalidate({ path: 'message.list' });
}
`,
            },
          ],
        },
      ],
    },

    // --- A key written with an escape sequence: reported, but no text edit we could trust
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response }) => response.revalidate(['mess\\u0061ges.list']).created(request.body),`),
      errors: [{ messageId: 'unknownKey', data: { key: 'messages.list' }, suggestions: [] }],
    },
    // A conditional list of targets (`changed ? [...] : []`, as generated heartbeats write): each branch is read.
    {
      filename: POST_FILE,
      code: post(`      handler: async ({ request, response, realtime }) => {
        await realtime.revalidate(request.body.changed ? [{ path: 'messages.list', scopes: ['room:1'] }] : []);
        return response.created(request.body);
      },`),
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'messages.list' },
          suggestions: [
            {
              messageId: 'useKey',
              data: { key: 'message.list' },
              output: post(`      handler: async ({ request, response, realtime }) => {
        await realtime.revalidate(request.body.changed ? [{ path: 'message.list', scopes: ['room:1'] }] : []);
        return response.created(request.body);
      },`),
            },
          ],
        },
      ],
    },
  ],
};

runRuleCases('no-unknown-revalidate-key', cases);

/**
 * require-revalidate: a mutation must not answer successfully while a query showing what it writes
 * (live, or next to one it revalidates) stays stale; with `mutations: 'all'`, it must revalidate or
 * publish on every successful path. Every example of rules/require-revalidate/README.md is one of these
 * cases, read from the page by name (docsExample).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases } from '../../test/support/rule-harness.js';

/** A controller file whose router is another file of a small project (test/fixtures/require-revalidate). */
const crossFileController = fileURLToPath(new URL('../../test/fixtures/require-revalidate/src/features/post/post.controller.ts', import.meta.url));
const crossFileCode = `
export const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, response }) => response.created(request.body),
    }),
  },
});
`;

// --- Recommended semantics (issue 12): which live queries a mutation leaves stale, from the data model.

/** An example of the docs page: a controller file after the page template's import (its options from the page). */
const docs = (name: string, { markers = true } = {}) => docsExample('require-revalidate', name, { markers });

/**
 * The 518-file SaaS app's shape: one live query, `notification.list`, reading through a method its
 * procedure puts in the context; `apiKey.create` sends a notification through `context.services` and
 * revalidates nothing (reported, naming `notification.list`); `billing.checkout` writes nothing the
 * live query shows (not reported, though it revalidates nothing either).
 */
const saasNotifications = `
const AuthProcedure = igniter.procedure({
  name: 'AuthProcedure',
  handler: (_, { context }) => ({
    auth: { getSession: async () => context.services.database.session.findFirst({ where: {} }) },
  }),
});

const NotificationProcedure = igniter.procedure({
  name: 'NotificationProcedure',
  handler: (_, { context }) => ({
    notification: {
      list: async (recipientId: string) => context.services.database.notification.findMany({ where: { recipientId } }),
    },
  }),
});

export const notificationController = igniter.controller({
  name: 'Notification',
  path: '/notification',
  actions: {
    list: igniter.query({
      path: '/',
      stream: true,
      use: [AuthProcedure(), NotificationProcedure()],
      handler: async ({ response, context }) => {
        const session = await context.auth.getSession();
        if (!session) return response.unauthorized('Authentication required');
        return response.success(await context.notification.list(session.userId));
      },
    }),
  },
});

export const billingController = igniter.controller({
  name: 'Billing',
  path: '/billing',
  actions: {
    checkout: igniter.mutation({
      path: '/checkout',
      method: 'POST',
      use: [AuthProcedure()],
      handler: async ({ request, response, context }) => {
        const session = await context.auth.getSession();
        const checkout = await context.services.payment.createCheckoutSession(session.userId, request.body.plan);
        return response.success(checkout);
      },
    }),
  },
});

export const apiKeyController = igniter.controller({
  name: 'ApiKey',
  path: '/api-keys',
  actions: {
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      use: [AuthProcedure()],
      handler: async ({ request, response, context }) => {
        const session = await context.auth.getSession();
        const apiKey = await context.services.database.apiKey.create({ data: { ...request.body, userId: session.userId } });
        await context.services.notification.send({ type: 'API_KEY_CREATED', recipientId: session.userId });
        return response.created(apiKey);
      },
    }),
  },
});

export const AppRouter = igniter.router({
  controllers: { notification: notificationController, billing: billingController, apiKey: apiKeyController },
});
`;

/** The unread badge: `markAsRead` revalidates `notification.list` but not `notification.unreadCount`, which counts the same rows. */
const unreadBadge = docs('unread-badge').code;

/** Two stream queries of one controller read notes: the suggestion names the controller key; `realtime.revalidate` drops a bare one. */
const noteQueries = docs('note-queries').code;

/** The form the handler already uses: a `realtime.revalidate` target list, or a single key, gets the missing key. */
const noteForms = `
export const noteController = igniter.controller({
  name: 'Note',
  path: '/notes',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ context, response }) => response.success(await context.db.notes.findMany()) }),
    count: igniter.query({ path: '/count', stream: true, handler: async ({ context, response }) => response.success(await context.db.notes.count()) }),
    pin: igniter.mutation({
      path: '/:id/pin',
      method: 'POST',
      handler: async ({ request, context, response, realtime }) => {
        const note = await context.db.notes.update(request.params.id, { pinned: true });
        await realtime.revalidate({ path: 'note.list', scopes: [\`user:\${note.ownerId}\`] });
        return response.success(note);
      },
    }),
    remove: igniter.mutation({
      path: '/:id',
      method: 'DELETE',
      handler: async ({ request, context, response }) => {
        await context.db.notes.delete(request.params.id);
        return response.revalidate('note.list').noContent();
      },
    }),
  },
});

export const AppRouter = igniter.router({ controllers: { note: noteController } });
`;

/** `rename` is in neither table: no claim, unless the `writeOperations` setting says it writes (the page's example sets it). */
const renameRoom = docs('rename-as-write');

/** The fixture app of test/analysis/data-model.test.ts, linted file by file (its router is another file). */
const fixture = (path: string) => {
  const filename = fileURLToPath(new URL(`../../test/fixtures/data-model/src/${path}`, import.meta.url));
  return { code: readFileSync(filename, 'utf8'), filename };
};

/** The checklist's literal reading (the strict preset): every mutation revalidates or publishes on every successful path. */
const ALL = [{ mutations: 'all' }];

runRuleCases('require-revalidate', {
  valid: [
    // --- Recommended semantics (issue 12).
    { code: saasNotifications.replace('return response.created(apiKey);', "return response.revalidate(['notification.list'], () => [`user:${session.userId}`]).created(apiKey);") },
    { code: unreadBadge.replace("response.revalidate(['notification.list'], ", "response.revalidate(['notification.list', 'notification.unreadCount'], ") },
    // An app with no live query (no `stream: true`, nothing revalidated): nothing to leave stale.
    docs('no-live-query'),
    // Error responses in the real API's builder form are not success: `response.status(429).json(...)`.
    docs('rate-limited'),
    { ...docs('rate-limited'), options: ALL },
    // A status that is not a literal may be an error or not: unknown, never reported.
    {
      options: ALL,
      code: `
export const invitationController = igniter.controller({
  name: 'Invitation',
  path: '/invitations',
  actions: {
    accept: igniter.mutation({
      path: '/:id/accept',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        try {
          await context.invitation.accept(request.params.id);
        } catch (error) {
          return response.status(error.status).json(error.data);
        }
        return response.revalidate(['membership.list']).success();
      },
    }),
  },
});
`,
    },
    // Guards and keys: `message.list` reads rooms only to check membership (`!room`, `room.memberIds`,
    // `room.id`), so renaming a room does not make it stale; a new message cannot change `message.getById`.
    docs('guards-and-keys'),
    // The page's `rename-as-write` without its setting: `rename` is in neither table, no claim.
    { ...renameRoom, settings: {} },
    fixture('features/user/user.controller.ts'),
    fixture('features/audit/audit.controller.ts'),
    // Dynamic property access names no resource: no claim.
    `
export const noteController = igniter.controller({
  name: 'Note',
  path: '/notes',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ context, response }) => response.success(await context.database.note.findMany()) }),
    touch: igniter.mutation({
      path: '/touch',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        await context.database[request.body.model].update(request.body);
        await context[request.body.service].send();
        return response.success(null);
      },
    }),
  },
});
export const AppRouter = igniter.router({ controllers: { note: noteController } });
`,
    // Keys that are not literals may name anything: no claim that something stays stale.
    { code: noteQueries.replace('return response.created(note);', 'return response.revalidate(keysFor(note)).created(note);').replace("if (note.archivedAt) return response.success(note);", 'if (note.archivedAt) return response.revalidate(keysFor(note)).success(note);').replace("path: 'note',", "path: 'note.list',").replace('return response.success(note);\n      },\n    }),\n  },', 'return response.revalidate([\'note.count\']).success(note);\n      },\n    }),\n  },') },
    // --- The guide's "Automatic Revalidation Pattern" (✅): the guide's order, terminal then `.revalidate()`.
    docs('guide-order'),
    // --- Seed "User-Specific Updates" (✅): seed order with a scope function.
    {
      options: ALL,
      code: `
export const userController = igniter.controller({
  name: 'user',
  path: '/user',
  actions: {
    updateProfile: igniter.mutation({
      path: '/profile',
      method: 'PATCH',
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const updated = await context.database.user.update({ where: { id: context.user.id }, data: request.body });
        return response.success(updated)
          .revalidate(['user.profile'], (ctx) => [\`user:\${ctx.user.id}\`]);
      },
    }),
  },
});
`,
    },
    // --- Seed "Room-Based Broadcasting" (✅).
    {
      options: ALL,
      code: `
export const roomController = igniter.controller({
  name: 'room',
  path: '/room',
  actions: {
    sendToRoom: igniter.mutation({
      path: '/send',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const { roomId, message } = request.body;
        const saved = await context.database.message.create({ data: { roomId, content: message, userId: context.user.id } });
        return response.created(saved)
          .revalidate(['room.messages'], (ctx) => [\`room:\${roomId}\`]);
      },
    }),
  },
});
`,
    },
    // --- The guide's "Typing Indicators" (✅): a live publish on the store, then `noContent()`.
    docs('guide-typing-indicator'),
    // --- Seed "Message Status Updates" (✅).
    {
      options: ALL,
      code: `
export const statusController = igniter.controller({
  name: 'status',
  path: '/status',
  actions: {
    markAsRead: igniter.mutation({
      path: '/read',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const { messageIds } = request.body;
        await context.database.messageStatus.createMany({
          data: messageIds.map((id) => ({ messageId: id, userId: context.user.id, status: 'read', readAt: new Date() })),
        });
        const messages = await context.database.message.findMany({ where: { id: { in: messageIds } }, select: { senderId: true } });
        const senderIds = [...new Set(messages.map((m) => m.senderId))];
        return response.success({ marked: messageIds.length })
          .revalidate(['messages.status'], () => senderIds.map((id) => \`user:\${id}\`));
      },
    }),
  },
});
`,
    },
    // --- Seed "Batch Processing" / "Debounced Updates" (✅): helpers outside any handler are not actions.
    {
      options: ALL,
      code: `
const batchUpdate = async (updates: Update[]) => {
  const results = await Promise.all(updates.map((u) => processUpdate(u)));
  return response.success(results).revalidate(['messages.list']);
};
const respond = (data: unknown) => response.success(data);
`,
    },
    // --- Real @igniter-js/core 0.3 API: `response.revalidate(keys, scopes)` before the terminal call.
    docs('real-api-order'),
    // The options form `response.revalidate({ queryKeys, scopes })`, after `status(...)`.
    {
      options: ALL,
      code: `
export const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    publish: igniter.mutation({
      path: '/:id/publish',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const post = await context.database.post.publish(request.params.id);
        return response.status(200).revalidate({ queryKeys: ['post.list'], scopes: () => ['public'] }).json(post);
      },
    }),
  },
});
`,
    },
    // `await realtime.revalidate({ path, scopes })` earlier in the body covers the return.
    docs('revalidated-earlier'),
    // `realtime.to(channel)...publish()`, `igniter.realtime.publish` and `context.realtime.revalidate`.
    {
      options: ALL,
      code: `
export const roomController = igniter.controller({
  name: 'room',
  path: '/rooms',
  actions: {
    rename: igniter.mutation({
      path: '/:id',
      method: 'PATCH',
      handler: async ({ request, context, response, realtime }) => {
        const room = await context.database.room.rename(request.params.id, request.body.name);
        await realtime.to(\`room:\${room.id}\`).withType('renamed').withData(room).publish();
        return response.success(room);
      },
    }),
    archive: igniter.mutation({
      path: '/:id/archive',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const room = await context.database.room.archive(request.params.id);
        await igniter.realtime.publish('rooms', { type: 'archived', id: room.id });
        return response.success(room);
      },
    }),
    pin: igniter.mutation({
      path: '/:id/pin',
      method: 'POST',
      handler: async ({ request, response, realtime }) => {
        realtime.broadcast({ type: 'pinned', id: request.params.id });
        return response.success({ pinned: true });
      },
    }),
    unpin: igniter.mutation({
      path: '/:id/unpin',
      method: 'POST',
      handler: async ({ request, response }) => {
        await igniter.store.publish('rooms', { type: 'unpinned', id: request.params.id });
        return response.success({ pinned: false });
      },
    }),
    restore: igniter.mutation({
      path: '/:id/restore',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const room = await context.database.room.restore(request.params.id);
        await context.realtime.revalidate([{ path: 'room.list' }, { path: 'room.detail', params: { id: room.id } }]);
        return response.success(room);
      },
    }),
  },
});
`,
    },
    // A standalone `response.revalidate(...)` statement configures the response the handler returns.
    {
      options: ALL,
      code: `
export const todoController = igniter.controller({
  name: 'todo',
  path: '/todos',
  actions: {
    toggle: igniter.mutation({
      path: '/:id/toggle',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const todo = await context.database.todo.toggle(request.params.id);
        response.revalidate(['todo.list']);
        return response.success(todo);
      },
    }),
  },
});
`,
    },
    // Handler bindings in every style: renamed, whole context, body destructuring, method, expression body.
    {
      options: ALL,
      code: `
export const noteController = igniter.controller({
  name: 'note',
  path: '/notes',
  actions: {
    renamed: igniter.mutation({
      path: '/a',
      method: 'POST',
      handler: async ({ response: res, context: ctx }) => {
        const note = await ctx.database.note.create({ data: {} });
        return res.revalidate(['note.list']).created(note);
      },
    }),
    whole: igniter.mutation({
      path: '/b',
      method: 'POST',
      handler: async (ctx) => {
        const note = await ctx.context.database.note.create({ data: {} });
        return ctx.response.revalidate(['note.list']).created(note);
      },
    }),
    destructured: igniter.mutation({
      path: '/c',
      method: 'POST',
      handler: async (ctx) => {
        const { response, context } = ctx;
        const note = await context.database.note.create({ data: {} });
        return response.revalidate(['note.list']).created(note);
      },
    }),
    method: igniter.mutation({
      path: '/d',
      method: 'POST',
      async handler({ response, realtime }) {
        await realtime.publish('notes', { type: 'touched' });
        return response.noContent();
      },
    }),
    arrow: igniter.mutation({
      path: '/e',
      method: 'POST',
      handler: ({ response }) => response.revalidate(['note.list']).noContent(),
    }),
  },
});
`,
    },
    // Error terminals and \`throw\` need no revalidation; every successful path here revalidates.
    {
      options: ALL,
      code: `
export const inviteController = igniter.controller({
  name: 'invite',
  path: '/invites',
  actions: {
    accept: igniter.mutation({
      path: '/:id/accept',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const invite = await context.database.invite.find(request.params.id);
        if (!invite) return response.notFound('Invite not found');
        if (invite.expired) return response.badRequest('Invite expired');
        if (invite.userId !== context.user?.id) return context.user ? response.forbidden() : response.unauthorized();
        if (invite.redirectTo) return response.redirect(invite.redirectTo);
        if (invite.revoked) throw new Error('revoked');
        if (invite.broken) return response.error({ code: 'ERR_UNKNOWN_ERROR', message: 'broken' });
        await context.database.invite.accept(invite.id);
        return response.revalidate(['invite.list'], () => [\`user:\${invite.userId}\`]).success(invite);
      },
    }),
  },
});
`,
    },
    // A conditional / logical return where each successful branch revalidates.
    {
      options: ALL,
      code: `
export const cartController = igniter.controller({
  name: 'cart',
  path: '/cart',
  actions: {
    add: igniter.mutation({
      path: '/items',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const item = await context.database.cart.add(request.body);
        return item.isNew
          ? response.revalidate(['cart.items']).created(item)
          : response.revalidate(['cart.items']).success(item);
      },
    }),
    clear: igniter.mutation({
      path: '/clear',
      method: 'POST',
      handler: async ({ context, response }) => (await context.database.cart.clear()) || response.badRequest('Nothing to clear'),
    }),
  },
});
`,
    },
    // An \`if\` whose then AND else branches both publish covers what follows; so do loops and \`try\`.
    {
      options: ALL,
      code: `
export const orderController = igniter.controller({
  name: 'order',
  path: '/orders',
  actions: {
    ship: igniter.mutation({
      path: '/:id/ship',
      method: 'POST',
      handler: async ({ request, context, response, realtime }) => {
        const order = await context.database.order.ship(request.params.id);
        if (order.express) {
          await realtime.publish(\`user:\${order.userId}\`, { type: 'shipped-express', order });
        } else {
          await realtime.revalidate({ path: 'order.list', scopes: [\`user:\${order.userId}\`] });
        }
        return response.success(order);
      },
    }),
    bulkShip: igniter.mutation({
      path: '/ship',
      method: 'POST',
      handler: async ({ request, context, response, realtime }) => {
        for (const id of request.body.ids) {
          await realtime.publish(\`order:\${id}\`, { type: 'shipped' });
        }
        return response.success({ shipped: request.body.ids.length });
      },
    }),
    cancel: igniter.mutation({
      path: '/:id/cancel',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        try {
          await context.database.order.cancel(request.params.id);
          await context.store.publish('orders', { type: 'cancelled', id: request.params.id });
        } catch (error) {
          return response.badRequest('Could not cancel');
        }
        return response.success({ cancelled: true });
      },
    }),
  },
});
`,
    },
    // Publishes in inline callbacks (`forEach`, `map` inside `Promise.all`) count where the callback is passed.
    docs('publishes-in-callbacks'),
    // Returns inside nested functions are not the handler's; returns of helpers or variables are unknown.
    {
      options: ALL,
      code: `
export const uploadController = igniter.controller({
  name: 'upload',
  path: '/uploads',
  actions: {
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const toResponse = (file: unknown) => {
          return response.success(file);
        };
        const stored = await context.storage.put(request.body);
        return finishUpload(response, stored);
      },
    }),
    replace: igniter.mutation({
      path: '/:id',
      method: 'PUT',
      handler: async ({ request, context, response }) => {
        const result = response.success(await context.storage.replace(request.params.id, request.body));
        return result;
      },
    }),
    raw: igniter.mutation({
      path: '/:id/raw',
      method: 'PUT',
      handler: async ({ request, context, realtime }) => {
        if (request.body.live) return realtime;
        return new Response(null, { status: 204 });
      },
    }),
  },
});
`,
    },
    // Queries need no revalidation (that is \`require-stream\`'s business).
    {
      options: ALL,
      code: `
export const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    list: igniter.query({
      path: '/',
      stream: true,
      handler: async ({ context, response }) => response.success(await context.database.post.findMany()),
    }),
  },
});
`,
    },
    // Real API factory imported from '@igniter-js/core'.
    {
      options: ALL,
      code: `
import { createIgniterMutation } from '@igniter-js/core';

export const createComment = createIgniterMutation({
  path: '/comments',
  method: 'POST',
  handler: async ({ request, context, response }) => {
    const comment = await context.database.comment.create({ data: request.body });
    return response.revalidate(['comment.list']).created(comment);
  },
});
`,
    },
    // Near misses: other libraries' \`mutation\` and a same-named function not from '@igniter-js/core'.
    {
      options: ALL,
      code: `
import { createIgniterMutation } from './local-helpers';

const addTodo = trpc.mutation({ handler: async ({ response }) => response.success({ ok: true }) });
const rename = createIgniterMutation({ handler: async ({ response }) => response.created({}) });
const save = builder.mutation({ handler: ({ response }) => response.noContent() });
`,
    },
    // A different instance name is not Igniter unless \`instanceNames\` says so.
    {
      options: ALL,
      code: `
export const api = createApi();
export const setName = api.mutation({
  path: '/name',
  method: 'POST',
  handler: async ({ request, response }) => response.success({ name: request.body.name }),
});
`,
    },
    {
      options: ALL,
      // With \`instanceNames\`, the same action on another instance is checked (and here revalidates).
      code: `
export const setName = app.mutation({
  path: '/name',
  method: 'POST',
  handler: async ({ request, response }) => response.revalidate(['profile.get']).success({ name: request.body.name }),
});
`,
      settings: { 'igniter-rt': { instanceNames: ['app'] } },
    },
    // The docs' login mutation in the default mode: it writes nothing a query shows.
    { ...docs('login'), options: [] },
    // Option `ignore` (the docs' example): the router key `auth.login`, the name `login`, `<controller name>.*`.
    docs('login-ignored'),
    { ...docs('login'), options: [{ mutations: 'all', ignore: ['login'] }] },
    { ...docs('login'), options: [{ mutations: 'all', ignore: ['authentication.*'] }] },
    // Option \`ignore\`: the action key comes from the project's router in another file.
    { code: crossFileCode, filename: crossFileController, options: [{ mutations: 'all', ignore: ['posts.create'] }] },
    // Option \`ignore\`: an action name, and a glob is case-insensitive.
    {
      code: `
export const authController = igniter.controller({
  name: 'authentication',
  path: '/auth',
  actions: {
    login: igniter.mutation({
      path: '/login',
      method: 'POST',
      handler: async ({ request, context, response }) => response.success(await context.auth.signIn(request.body)),
    }),
    logout: igniter.mutation({
      path: '/logout',
      method: 'POST',
      handler: async ({ context, response }) => {
        await context.auth.signOut();
        return response.noContent();
      },
    }),
  },
});
`,
      options: [{ mutations: 'all', ignore: ['LOGIN', 'log?ut'] }],
    },
    // Option \`ignore\`: \`<controller name>.<action>\` when no router is in view.
    {
      code: `
export const authController = igniter.controller({
  name: 'authentication',
  path: '/auth',
  actions: {
    refresh: igniter.mutation({
      path: '/refresh',
      method: 'POST',
      handler: async ({ context, response }) => response.success(await context.auth.refresh()),
    }),
  },
});
`,
      options: [{ mutations: 'all', ignore: ['authentication.*'] }],
    },
    // Bad input: handler as an identifier, an imported function, \`undefined\`; missing arguments.
    {
      options: ALL,
      code: `
import { handleCreate } from './handlers';

const handler = async ({ response }) => response.success({});
export const controller = igniter.controller({
  name: 'misc',
  path: '/misc',
  actions: {
    a: igniter.mutation({ path: '/a', method: 'POST', handler }),
    b: igniter.mutation({ path: '/b', method: 'POST', handler: handleCreate }),
    c: igniter.mutation({ path: '/c', method: 'POST', handler: undefined }),
    d: igniter.mutation(),
    e: igniter.mutation({}),
    f: igniter.mutation(options),
  },
});
`,
    },
    // Bad input: computed and spread keys in \`actions\`, an empty handler, a bare \`return\`.
    {
      options: ALL,
      code: `
const key = 'create';
export const controller = igniter.controller({
  name: 'misc',
  path: '/misc',
  actions: {
    ...baseActions,
    [key]: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ response, realtime }) => {
        await realtime.publish('misc', {});
        return response.created({});
      },
    }),
    ['literal']: igniter.mutation({ path: '/l', method: 'POST', handler: async () => {} }),
    bare: igniter.mutation({ path: '/b', method: 'POST', handler: async ({ response }) => { return; } }),
  },
});
`,
    },
    // Syntax the parser still accepts: a handler with no parameter, a \`response\` that is not the context's.
    {
      options: ALL,
      code: `
export const controller = igniter.controller({
  name: 'misc',
  path: '/misc',
  actions: {
    noParam: igniter.mutation({ path: '/a', method: 'POST', handler: async () => response.success({}) }),
    shadowed: igniter.mutation({
      path: '/b',
      method: 'POST',
      handler: async ({ context }) => {
        const response = context.http.response;
        return response.success({});
      },
    }),
  },
});
`,
    },
  ],
  invalid: [
    // --- Recommended semantics (issue 12).
    {
      code: noteForms,
      errors: [
        {
          messageId: 'staleQueries',
          data: { name: 'pin', resources: "'note'", queries: "'note.count'" },
          line: 14,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['note.count']" },
              output: noteForms.replace("await realtime.revalidate({ path: 'note.list', scopes: [`user:${note.ownerId}`] });", "await realtime.revalidate([{ path: 'note.list', scopes: [`user:${note.ownerId}`] }, { path: 'note.count', scopes: [`user:${note.ownerId}`] }]);"),
            },
          ],
        },
        {
          messageId: 'staleQueries',
          data: { name: 'remove', resources: "'note'", queries: "'note.count'" },
          line: 22,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['note.count']" },
              output: noteForms.replace("return response.revalidate('note.list').noContent();", "return response.revalidate(['note.list', 'note.count']).noContent();"),
            },
          ],
        },
      ],
    },
    {
      code: saasNotifications,
      errors: [
        {
          messageId: 'staleQueries',
          data: { name: 'create', resources: "'notification'", queries: "'notification.list'" },
          line: 64,
          column: 9,
          endLine: 64,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['notification.list']" },
              output: saasNotifications.replace('return response.created(apiKey);', "return response.revalidate(['notification.list']).created(apiKey);"),
            },
          ],
        },
      ],
    },
    {
      ...docs('unread-badge'),
      errors: [
        {
          messageId: 'staleQueries',
          data: { name: 'markAsRead', resources: "'notification'", queries: "'notification.unreadCount'" },
          line: 21,
          column: 9,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['notification.unreadCount']" },
              output: unreadBadge.replace("response.revalidate(['notification.list'], ", "response.revalidate(['notification.list', 'notification.unreadCount'], "),
            },
          ],
        },
      ],
    },
    { ...docs('no-live-query'), options: ALL, errors: [{ messageId: 'missingRevalidate', data: { name: 'create' }, line: 12, suggestions: [] }] },
    {
      ...docs('note-queries'),
      errors: [
        {
          messageId: 'staleQueries',
          data: { name: 'create', resources: "'note'", queries: "'note.count', 'note.list'" },
          line: 13,
          suggestions: [{ messageId: 'addRevalidate', data: { keys: "['note']" }, output: noteQueries.replace('return response.created(note);', "return response.revalidate(['note']).created(note);") }],
        },
        {
          messageId: 'staleQueries',
          data: { name: 'archive', resources: "'note'", queries: "'note.count', 'note.list'" },
          line: 21,
          column: 30,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['note']" },
              output: noteQueries.replace('if (note.archivedAt) return response.success(note);', "if (note.archivedAt) return response.revalidate(['note']).success(note);"),
            },
          ],
        },
      ],
    },
    {
      ...renameRoom,
      errors: [
        {
          messageId: 'staleQueries',
          data: { name: 'rename', resources: "'room'", queries: "'room.list'" },
          line: 12,
          suggestions: [{ messageId: 'addRevalidate', data: { keys: "['room.list']" }, output: renameRoom.code.replace('return response.success(room);', "return response.revalidate(['room.list']).success(room);") }],
        },
      ],
    },
    {
      ...fixture('features/api-key/api-key.controller.ts'),
      errors: [
        {
          messageId: 'staleQueries',
          data: { name: 'create', resources: "'notification'", queries: "'notification.list'" },
          line: 16,
          column: 9,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['notification.list']" },
              output: fixture('features/api-key/api-key.controller.ts').code.replace('return response.created(apiKey);', "return response.revalidate(['notification.list']).created(apiKey);"),
            },
          ],
        },
      ],
    },
    {
      ...fixture('features/lead/lead.controller.ts'),
      errors: [
        {
          messageId: 'staleQueries',
          data: { name: 'create', resources: "'notification'", queries: "'notification.list'" },
          line: 21,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['notification.list']" },
              output: fixture('features/lead/lead.controller.ts').code.replace("response.revalidate(['lead.list'], ", "response.revalidate(['lead.list', 'notification.list'], "),
            },
          ],
        },
      ],
    },
    {
      ...fixture('features/notification/notification.controller.ts'),
      errors: [
        {
          messageId: 'staleQueries',
          data: { name: 'markAsRead', resources: "'notification'", queries: "'notification.unreadCount'" },
          line: 37,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['notification.unreadCount']" },
              output: fixture('features/notification/notification.controller.ts').code.replace("response.revalidate(['notification.list'], ", "response.revalidate(['notification.list', 'notification.unreadCount'], "),
            },
          ],
        },
        {
          messageId: 'staleQueries',
          data: { name: 'markAllAsRead', resources: "'notification'", queries: "'notification.list'" },
          line: 49,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['notification.list']" },
              // The handler revalidates through realtime.revalidate: the missing target goes there, with its scopes.
              output: fixture('features/notification/notification.controller.ts').code.replace(
                "await igniter.realtime.revalidate({ path: 'notification', scopes: [`user:${session.user.id}`] });",
                "await igniter.realtime.revalidate([{ path: 'notification', scopes: [`user:${session.user.id}`] }, { path: 'notification.list', scopes: [`user:${session.user.id}`] }]);",
              ),
            },
          ],
        },
      ],
    },
    // --- The guide's "❌ Missing revalidation", made an action of a controller. No router in view: no keys to suggest.
    { ...docs('guide-missing-revalidation'), errors: [{ messageId: 'missingRevalidate', data: { name: 'create' }, line: 8, column: 9, endLine: 8, endColumn: 39, suggestions: [] }] },
    // --- The suggestion in `all` mode when the writes are unknown (`submit`): the controller is in a router
    // in this file and has stream queries (inline or declared as variables); non-stream queries are not
    // named. Inserted right after `response`.
    {
      options: ALL,
      code: `
const feed = igniter.query({ path: '/feed', stream: true, handler: async ({ context, response }) => response.success(await context.db.post.feed()) });

export const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ context, response }) => response.success(await context.db.post.findMany()) }),
    feed,
    detail: igniter.query({ path: '/:id', handler: async ({ request, context, response }) => response.success(await context.db.post.find(request.params.id)) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const post = await context.publisher.submit(request.body);
        return response.status(201).created(post);
      },
    }),
  },
});

export const AppRouter = igniter.router({ controllers: { posts: postController } });
`,
      errors: [
        {
          messageId: 'missingRevalidate',
          data: { name: 'create' },
          line: 16,
          column: 9,
          endLine: 16,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['posts.list', 'posts.feed']" },
              output: `
const feed = igniter.query({ path: '/feed', stream: true, handler: async ({ context, response }) => response.success(await context.db.post.feed()) });

export const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ context, response }) => response.success(await context.db.post.findMany()) }),
    feed,
    detail: igniter.query({ path: '/:id', handler: async ({ request, context, response }) => response.success(await context.db.post.find(request.params.id)) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const post = await context.publisher.submit(request.body);
        return response.revalidate(['posts.list', 'posts.feed']).status(201).created(post);
      },
    }),
  },
});

export const AppRouter = igniter.router({ controllers: { posts: postController } });
`,
            },
          ],
        },
      ],
    },
    // An expression-bodied arrow with a whole-context parameter: reported on the body. The suggestion
    // gives the page's ✅ example \`archive-revalidated\` (the ❌ example linted without its marker comment).
    {
      ...docs('archive-unrevalidated', { markers: false }),
      errors: [
        {
          messageId: 'missingRevalidate',
          data: { name: 'archive' },
          line: 10,
          column: 25,
          endLine: 10,
          endColumn: 82,
          suggestions: [{ messageId: 'addRevalidate', data: { keys: "['note.list']" }, output: docs('archive-revalidated').code }],
        },
      ],
    },
    // A conditional return counts each branch; the one suggestion fixes every offending branch.
    {
      options: ALL,
      code: `
export const cartController = igniter.controller({
  name: 'cart',
  path: '/cart',
  actions: {
    items: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),
    add: igniter.mutation({
      path: '/items',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const item = await context.database.cart.add(request.body);
        return item.isNew ? response.created(item) : response.success(item);
      },
    }),
  },
});
export const AppRouter = igniter.router({ controllers: { cart: cartController } });
`,
      errors: [
        {
          messageId: 'missingRevalidate',
          data: { name: 'add' },
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 77,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['cart.items']" },
              output: `
export const cartController = igniter.controller({
  name: 'cart',
  path: '/cart',
  actions: {
    items: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),
    add: igniter.mutation({
      path: '/items',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const item = await context.database.cart.add(request.body);
        return item.isNew ? response.revalidate(['cart.items']).created(item) : response.revalidate(['cart.items']).success(item);
      },
    }),
  },
});
export const AppRouter = igniter.router({ controllers: { cart: cartController } });
`,
            },
          ],
        },
      ],
    },
    // A logical return: the right side of \`??\` responds successfully.
    {
      options: ALL,
      code: `
export const tagController = igniter.controller({
  name: 'tag',
  path: '/tags',
  actions: {
    ensure: igniter.mutation({
      path: '/',
      method: 'PUT',
      handler: async ({ request, context, response }) => {
        const existing = await context.database.tag.find(request.body.name);
        return existing ?? response.created(await context.database.tag.create(request.body));
      },
    }),
  },
});
`,
      errors: [{ messageId: 'missingRevalidate', data: { name: 'ensure' }, line: 11, column: 9, suggestions: [] }],
    },
    // Bindings: a renamed \`response\` in a method handler; \`const { response } = ctx\`. The router has
    // no stream query for this controller, so there is nothing to suggest.
    {
      options: ALL,
      code: `
export const profileController = igniter.controller({
  name: 'profile',
  path: '/profile',
  actions: {
    get: igniter.query({ path: '/', handler: async ({ context, response }) => response.success(context.user) }),
    rename: igniter.mutation({
      path: '/name',
      method: 'POST',
      async handler({ request, context, response: res }) {
        const user = await context.database.user.rename(context.user.id, request.body.name);
        return res.json(user);
      },
    }),
    touch: igniter.mutation({
      path: '/touch',
      method: 'POST',
      handler: async (ctx) => {
        const { response, context } = ctx;
        await context.database.user.touch(context.user.id);
        return response.setHeader('x-touched', '1').status(202).noContent();
      },
    }),
  },
});
export const AppRouter = igniter.router({ controllers: { profile: profileController } });
`,
      errors: [
        { messageId: 'missingRevalidate', data: { name: 'rename' }, line: 12, column: 9, endLine: 12, endColumn: 31, suggestions: [] },
        { messageId: 'missingRevalidate', data: { name: 'touch' }, line: 21, column: 9, endLine: 21, endColumn: 77, suggestions: [] },
      ],
    },
    // A publish under an `if` (no else) does not cover the return after it.
    { ...docs('publish-under-condition'), errors: [{ messageId: 'missingRevalidate', data: { name: 'create' }, line: 14, column: 9, endLine: 14, endColumn: 42, suggestions: [] }] },
    // An early successful return before the revalidation is reported (the first offending return).
    { ...docs('early-return'), errors: [{ messageId: 'missingRevalidate', data: { name: 'save' }, line: 11, column: 53, endLine: 11, endColumn: 84, suggestions: [] }] },
    // Publishes that may not run: only in \`catch\`, on the right of \`&&\`, in a \`?:\` branch, in another \`case\`.
    {
      options: ALL,
      code: `
export const jobController = igniter.controller({
  name: 'job',
  path: '/jobs',
  actions: {
    retry: igniter.mutation({
      path: '/:id/retry',
      method: 'POST',
      handler: async ({ request, context, response, realtime }) => {
        try {
          await context.queue.retry(request.params.id);
        } catch (error) {
          await realtime.publish('jobs:errors', { id: request.params.id });
        }
        return response.success({ retried: true });
      },
    }),
    pause: igniter.mutation({
      path: '/:id/pause',
      method: 'POST',
      handler: async ({ request, context, response, realtime }) => {
        const job = await context.queue.pause(request.params.id);
        request.body.notify && (await realtime.publish('jobs', { type: 'paused', job }));
        const ack = job.owner ? await context.store.publish(\`user:\${job.owner}\`, job) : null;
        return response.success(job);
      },
    }),
    update: igniter.mutation({
      path: '/:id',
      method: 'PATCH',
      handler: async ({ request, context, response, realtime }) => {
        switch (request.body.kind) {
          case 'priority':
            await realtime.revalidate({ path: 'job.list' });
            return response.success({ ok: true });
          case 'label':
            return response.success({ ok: true });
        }
        return response.badRequest('Unknown update');
      },
    }),
  },
});
`,
      errors: [
        { messageId: 'missingRevalidate', data: { name: 'retry' }, line: 15, suggestions: [] },
        { messageId: 'missingRevalidate', data: { name: 'pause' }, line: 25, suggestions: [] },
        { messageId: 'missingRevalidate', data: { name: 'update' }, line: 37, column: 13, endLine: 37, endColumn: 51, suggestions: [] },
      ],
    },
    // A return in \`catch\` may skip the publish of the \`try\` block.
    {
      options: ALL,
      code: `
export const paymentController = igniter.controller({
  name: 'payment',
  path: '/payments',
  actions: {
    capture: igniter.mutation({
      path: '/:id/capture',
      method: 'POST',
      handler: async ({ request, context, response, realtime }) => {
        try {
          const payment = await context.billing.capture(request.params.id);
          await realtime.revalidate({ path: 'payment.list', scopes: [\`user:\${payment.userId}\`] });
          return response.success(payment);
        } catch (error) {
          return response.success({ captured: false });
        }
      },
    }),
  },
});
`,
      errors: [{ messageId: 'missingRevalidate', data: { name: 'capture' }, line: 15, column: 11, endLine: 15, endColumn: 56, suggestions: [] }],
    },
    // Effects in functions that are not passed inline (declared helpers) may never run: not counted.
    {
      options: ALL,
      code: `
export const reportController = igniter.controller({
  name: 'report',
  path: '/reports',
  actions: {
    generate: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, context, response, realtime }) => {
        const notify = async (id: string) => {
          await realtime.publish('reports', { id });
        };
        function refresh() {
          return context.store.publish('reports:list', {});
        }
        const report = await context.reports.generate(request.body);
        await notify(report.id);
        await refresh();
        return response.created(report);
      },
    }),
  },
});
`,
      errors: [{ messageId: 'missingRevalidate', data: { name: 'generate' }, line: 19, suggestions: [] }],
    },
    // Known limits (see the docs): an IIFE, an \`if\` condition, the returned expression itself, a \`case\` fallen through to.
    {
      options: ALL,
      code: `
export const syncController = igniter.controller({
  name: 'sync',
  path: '/sync',
  actions: {
    run: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ context, response, realtime }) => {
        (async () => {
          await realtime.publish('sync', { type: 'started' });
        })();
        return response.success(await context.sync.run());
      },
    }),
    check: igniter.mutation({
      path: '/check',
      method: 'POST',
      handler: async ({ response, realtime }) => {
        if (await realtime.publish('sync', { type: 'checked' })) {
          return response.success({ ok: true });
        }
        return response.noContent();
      },
    }),
    ping: igniter.mutation({
      path: '/ping',
      method: 'POST',
      handler: async ({ response, realtime }) => {
        return response.success(await realtime.publish('sync', { type: 'ping' }));
      },
    }),
    reset: igniter.mutation({
      path: '/reset',
      method: 'POST',
      handler: async ({ request, response, realtime }) => {
        switch (request.body.scope) {
          case 'all':
            await realtime.publish('sync', { type: 'reset' });
          case 'local':
            return response.success({ reset: request.body.scope });
        }
        return response.badRequest('Unknown scope');
      },
    }),
  },
});
`,
      errors: [
        { messageId: 'missingRevalidate', data: { name: 'run' }, line: 13, suggestions: [] },
        { messageId: 'missingRevalidate', data: { name: 'check' }, line: 21, suggestions: [] },
        { messageId: 'missingRevalidate', data: { name: 'ping' }, line: 30, suggestions: [] },
        { messageId: 'missingRevalidate', data: { name: 'reset' }, line: 41, suggestions: [] },
      ],
    },
    // The docs' \`ignore\` example without the option.
    { ...docs('login'), errors: [{ messageId: 'missingRevalidate', data: { name: 'login' }, line: 11, column: 9, endLine: 11, endColumn: 42, suggestions: [] }] },
    // Near misses: other libraries' \`revalidate\`/\`publish\` (Next.js, a cache, a message queue) are not Igniter's.
    {
      options: ALL,
      code: `
import { revalidatePath } from 'next/cache';

export const articleController = igniter.controller({
  name: 'article',
  path: '/articles',
  actions: {
    publish: igniter.mutation({
      path: '/:id/publish',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const article = await context.database.article.publish(request.params.id);
        revalidatePath('/articles');
        await context.cache.revalidate(['article.list']);
        await context.queue.publish('emails', { articleId: article.id });
        await redis.publish('articles', article.id);
        return response.success(article);
      },
    }),
  },
});
`,
      errors: [{ messageId: 'missingRevalidate', data: { name: 'publish' }, line: 17, column: 9, endLine: 17, endColumn: 42, suggestions: [] }],
    },
    // A publish in another action's handler does not count for this one.
    {
      options: ALL,
      code: `
export const voteController = igniter.controller({
  name: 'vote',
  path: '/votes',
  actions: {
    up: igniter.mutation({
      path: '/:id/up',
      method: 'POST',
      handler: async ({ request, context, response, realtime }) => {
        await context.database.vote.up(request.params.id);
        await realtime.publish('votes', { id: request.params.id });
        return response.noContent();
      },
    }),
    down: igniter.mutation({
      path: '/:id/down',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        await context.database.vote.down(request.params.id);
        return response.noContent();
      },
    }),
  },
});
`,
      errors: [{ messageId: 'missingRevalidate', data: { name: 'down' }, line: 20, column: 9, endLine: 20, endColumn: 37, suggestions: [] }],
    },
    // The router is another file of the project: its key names the stream query in the suggestion.
    {
      options: ALL,
      code: crossFileCode,
      filename: crossFileController,
      errors: [
        {
          messageId: 'missingRevalidate',
          data: { name: 'create' },
          line: 10,
          column: 49,
          endLine: 10,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'addRevalidate',
              data: { keys: "['posts.list']" },
              output: crossFileCode.replace('response.created(request.body)', "response.revalidate(['posts.list']).created(request.body)"),
            },
          ],
        },
      ],
    },
    // Several returns: the revalidated one is fine, the later one without revalidation is reported.
    {
      options: ALL,
      code: `
export const inviteController = igniter.controller({
  name: 'invite',
  path: '/invites',
  actions: {
    resend: igniter.mutation({
      path: '/:id/resend',
      method: 'POST',
      handler: async ({ request, context, response }) => {
        const invite = await context.database.invite.find(request.params.id);
        if (invite.status === 'expired') {
          const renewed = await context.database.invite.renew(invite.id);
          return response.revalidate(['invite.list']).success(renewed);
        }
        await context.mailer.resend(invite);
        return response.success(invite);
      },
    }),
  },
});
`,
      errors: [{ messageId: 'missingRevalidate', data: { name: 'resend' }, line: 16, column: 9, endLine: 16, endColumn: 41, suggestions: [] }],
    },
    // Real API factory from '@igniter-js/core' (also aliased), and an action with no name at all.
    {
      options: ALL,
      code: `
import { createIgniterMutation as mutation } from '@igniter-js/core';

export const createComment = mutation({
  path: '/comments',
  method: 'POST',
  handler: async ({ request, context, response }) => response.created(await context.database.comment.create({ data: request.body })),
});

export default mutation({
  path: '/comments/:id',
  method: 'DELETE',
  handler: async ({ request, context, response }) => {
    await context.database.comment.delete(request.params.id);
    return response.noContent();
  },
});
`,
      errors: [
        { messageId: 'missingRevalidate', data: { name: 'createComment' }, line: 7, column: 54, suggestions: [] },
        { messageId: 'missingRevalidate', data: { name: 'anonymous' }, line: 15, column: 5, suggestions: [] },
      ],
    },
    // Setting \`instanceNames\`: actions of another instance name are checked.
    {
      options: ALL,
      code: `
export const setName = app.mutation({
  path: '/name',
  method: 'POST',
  handler: async ({ request, response }) => response.success({ name: request.body.name }),
});
`,
      settings: { 'igniter-rt': { instanceNames: ['app'] } },
      errors: [{ messageId: 'missingRevalidate', data: { name: 'setName' }, line: 5, column: 45, endLine: 5, endColumn: 90, suggestions: [] }],
    },
    // Option \`ignore\`: globs must match the whole key or name; non-matching patterns change nothing.
    {
      code: `
const postController = igniter.controller({
  name: 'articles',
  path: '/posts',
  actions: {
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ request, context, response }) => response.created(await context.database.post.create({ data: request.body })),
    }),
  },
});
export const AppRouter = igniter.router({ controllers: { post: postController } });
`,
      options: [{ mutations: 'all', ignore: ['auth.*', 'creat', 'post', 'posts.create'] }],
      errors: [{ messageId: 'missingRevalidate', data: { name: 'create' }, line: 9, suggestions: [] }],
    },
  ],
});

/**
 * no-per-request-subscription: a store subscription opened in an action handler written against the
 * @igniter-js/core 0.3 API is one more subscriber per request. Cases cover the docs page's examples,
 * every store form and handler binding style, the releases that bound it by the request (not reported),
 * the guide's API (left to require-subscription-cleanup), body streams, and what is not a store.
 */
import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases } from '../../test/support/rule-harness.js';

/** An example of the docs page, by name (each is a complete file), as a case. */
const docs = (name: string) => docsExample('no-per-request-subscription', name);

/** A controller with one query whose handler takes `parameters` and runs `body` (from line 9). */
const query = (body: string, parameters = '{ request, context, response, realtime }'): string => `import { igniter } from '@/igniter';

export const roomController = igniter.controller({
  name: 'room', path: '/rooms',
  actions: {
    events: igniter.query({
      path: '/:roomId/events' as const,
      handler: async (${parameters}) => {
${body}
      },
    }),
  },
});
`;

const neverReleased = (channel: string, line: number, column: number) => ({ messageId: 'neverReleased', data: { channel, instance: 'igniter' }, line, column });
const releasedOnAbort = (channel: string, line: number, column: number) => ({ messageId: 'releasedOnAbort', data: { channel, instance: 'igniter' }, line, column });

runRuleCases('no-per-request-subscription', {
  valid: [
    // --- Docs page: the ✅ examples (module scope, the guide's API, a long poll and a body stream)
    docs('module-scope-relay'),
    docs('guide-api'),
    docs('long-poll-and-body-stream'),

    // --- Released in the handler's own flow: bounded by the request
    query(`        const sub = await context.store.subscribe('prices', (price) => context.cache.push(price));
        await context.prices.warmUp();
        sub.unsubscribe();
        return response.success(context.cache.all());`),
    query(`        const off = await igniter.store.subscribe('ticks', () => undefined);
        setTimeout(() => off(), 5_000);
        return response.success({ ok: true });`),

    // --- Through a collection, drained before the handler returns: bounded by the request (as require-subscription-cleanup
    //     reports it: released outside a disconnect callback)
    query(`        const offs: Array<() => void> = [];
        offs.push(await igniter.store.subscribe('ticks', forward));
        await context.prices.warmUp();
        offs.splice(0).forEach((off) => off());
        return response.success({});`),

    // --- The guide's API, in any binding style: realtime.send or realtime.onDisconnect anywhere
    query(`        const subscription = ctx.context.store.subscribe('feed', (data) => ctx.realtime.send({ event: 'feed', data }));
        return ctx.realtime;`, 'ctx'),
    query(`        await context.store.subscribe('feed', handler);
        igniter.realtime.onDisconnect(() => context.store.unsubscribe('feed', handler));
        return response.success({});`),

    // --- Not a store: other pub/sub clients, zustand's one-argument subscribe, RxJS observers
    query(`        await redis.subscribe('feed', (message) => realtime.publish('room.events', message));
        emitter.subscribe('feed', () => undefined);
        useChatStore.subscribe((state) => state.messages);
        context.store.subscribe({ next: () => undefined });
        return response.success({});`),

    // --- Outside action handlers: module scope, a service, a procedure, another library's `query`
    `import { igniter } from '@/igniter';
void igniter.store.subscribe('room:changed', (roomId) => igniter.realtime.revalidate({ path: 'room.list', scopes: [\`room:\${roomId}\`] }));
export async function relay(store: Store) { await store.subscribe('feed', console.log); }
export const auth = igniter.procedure({ name: 'auth', handler: async (_, { context }) => { await context.store.subscribe('x', console.log); return {}; } });
export const rows = db.query({ handler: async ({ store }) => store.subscribe('table', console.log) });`,

    // --- Without the setting, \`app\` is not an Igniter instance: the ❌ example of the setting is not an action
    { code: docs('renamed-instance').code },

    // --- A handler given by reference is not read
    `import { igniter } from '@/igniter';
export const list = igniter.query({ path: '/', handler: listHandler });`,
  ],
  invalid: [
    // --- Docs page: the ❌ examples
    { ...docs('relay-released-on-abort'), errors: [releasedOnAbort('`channel`', 13, 15)] },
    { ...docs('relay-never-released'), errors: [neverReleased('`presence:${request.params.roomId}`', 11, 15)] },
    { ...docs('mutation-destructured-store'), errors: [neverReleased('`user:${request.params.userId}:posts`', 7, 11)] },

    // --- Store forms: context.store, ctx.context.store, a renamed destructuring, igniter.store, `store`
    {
      code: query(`        await ctx.context.store.subscribe('feed', (data) => ctx.realtime.publish('room.events', data));
        return ctx.response.success({});`, 'ctx'),
      errors: [neverReleased("'feed'", 9, 15)],
    },
    {
      code: query(`        await kv.subscribe('feed', forward);
        return response.success({});`, '{ context: { store: kv }, response }'),
      errors: [neverReleased("'feed'", 9, 15)],
    },
    {
      code: query(`        const { store } = context;
        store.subscribe(
          'feed',
          forward,
        );
        return response.success({});`),
      errors: [neverReleased("'feed'", 10, 9)],
    },

    // --- Released only on abort, every form: onabort, a local signal, a destructured signal, by reference
    {
      code: query(`        await context.store.subscribe('feed', forward);
        request.raw.signal.onabort = () => context.store.unsubscribe('feed', forward);
        return response.success({});`),
      errors: [releasedOnAbort("'feed'", 9, 15)],
    },
    {
      code: query(`        const { signal } = request.raw;
        const unsubscribe = await igniter.store.subscribe('feed', forward);
        signal.addEventListener('abort', unsubscribe, { once: true });
        return response.success({});`),
      errors: [releasedOnAbort("'feed'", 10, 35)],
    },

    // --- A mutation, a subscription in a nested callback, two subscriptions in one handler
    {
      code: `import { igniter } from '@/igniter';

export const chat = igniter.mutation({
  path: '/join',
  method: 'POST',
  handler: async ({ request, context, response }) => {
    await Promise.all(request.body.rooms.map((room: string) => context.store.subscribe(\`room:\${room}\`, forward)));
    await igniter.store.subscribe('global', forward);
    return response.noContent();
  },
});
`,
      errors: [neverReleased('`room:${room}`', 7, 64), neverReleased("'global'", 8, 11)],
    },

    // --- Through a collection: drained on abort, or never drained (the same analysis as require-subscription-cleanup)
    {
      code: query(`        const unsubscribeFns: Array<() => void> = [];
        unsubscribeFns.push(await igniter.store.subscribe('feed', forward));
        request.raw.signal.addEventListener('abort', () => unsubscribeFns.forEach((fn) => fn()));
        return response.success({});`),
      errors: [releasedOnAbort("'feed'", 10, 35)],
    },
    {
      code: query(`        const unsubscribeFns: Array<() => void> = [];
        unsubscribeFns.push(await igniter.store.subscribe('feed', forward));
        request.raw.signal.addEventListener('abort', () => { for (const fn of unsubscribeFns) console.log(fn); });
        return response.success({});`),
      errors: [neverReleased("'feed'", 10, 35)],
    },

    // --- Another instance name, from settings: its `.store` and its actions (also the docs page's example)
    { ...docs('renamed-instance'), errors: [{ messageId: 'neverReleased', data: { channel: "'feed'", instance: 'app' }, line: 6, column: 11 }] },
    {
      code: `import { app } from '@/app';
export const feed = app.query({ path: '/feed', handler: async ({ response }) => { await app.store.subscribe('feed', forward); return response.success({}); } });
`,
      settings: { 'igniter-rt': { instanceNames: ['app'] } },
      errors: [{ messageId: 'neverReleased', data: { channel: "'feed'", instance: 'app' }, line: 2, column: 89 }],
    },
  ],
});

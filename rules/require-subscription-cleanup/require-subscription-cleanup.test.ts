import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases } from '../../test/support/rule-harness.js';

/** An example of the docs page, by name (each is a complete file), as a case. */
const docs = (name: string) => docsExample('require-subscription-cleanup', name);

/**
 * A stream query whose handler runs `body` (from line 10), written like the real app this was found in:
 * `events` is the app's own event bus, `igniter.store` the Igniter store.
 */
const feed = (body: string): string => `import { igniter } from '@/igniter';
import { events } from '@/lib/events';

export const feedController = igniter.controller({
  name: 'feed', path: '/feed',
  actions: {
    live: igniter.query({
      path: '/live' as const, stream: true,
      handler: async ({ request, response }) => {
${body}
        return response.success({ live: true });
      },
    }),
  },
});
`;

/** The 0.3 abort listener, around `lines`. */
const onAbort = (...lines: string[]) => `        request.raw.signal.addEventListener('abort', () => {\n${lines.map((line) => `          ${line}`).join('\n')}\n        });`;

runRuleCases('require-subscription-cleanup', {
  valid: [
    // ── Seed ✅ examples ──────────────────────────────────────────────────────────────────────
    // Seed "Typing Indicators": subscription released in realtime.onDisconnect (the mutation publishes only).
    {
      code: `import { igniter } from '@/igniter';

export const chatController = igniter.controller({
  name: 'chat',
  path: '/chat',
  actions: {
    typing: igniter.query({
      path: '/typing/:roomId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const { roomId } = request.params;

        // Subscribe to typing events
        const subscription = context.store.subscribe(
          \`room:\${roomId}:typing\`,
          (data) => {
            realtime.send({
              event: 'typing',
              data
            });
          }
        );

        // Clean up on disconnect
        realtime.onDisconnect(() => {
          subscription.unsubscribe();
          // Notify others user stopped typing
          context.store.publish(\`room:\${roomId}:typing\`, {
            userId: context.user.id,
            isTyping: false
          });
        });

        return realtime;
      }
    }),

    startTyping: igniter.mutation({
      handler: async ({ request, context, response }) => {
        await context.store.publish(\`room:\${request.body.roomId}:typing\`, {
          userId: context.user.id,
          userName: context.user.name,
          isTyping: true
        });

        return response.noContent();
      }
    }),
  },
});
`,
    },
    // Seed "Presence Management": sadd + subscribe, both released in an async onDisconnect callback.
    {
      code: `import { igniter } from '@/igniter';

export const presenceController = igniter.controller({
  name: 'presence',
  path: '/presence',
  actions: {
    presence: igniter.query({
      path: '/presence/:roomId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const { roomId } = request.params;
        const presenceKey = \`room:\${roomId}:presence\`;

        // Add user to presence set
        await context.store.sadd(presenceKey, context.user.id);

        // Get current online users
        const onlineUsers = await context.store.smembers(presenceKey);

        // Send initial presence
        realtime.send({
          event: 'presence',
          data: { onlineUsers }
        });

        // Subscribe to presence changes
        const subscription = context.store.subscribe(
          \`\${presenceKey}:changes\`,
          (data) => {
            realtime.send({
              event: 'presence_update',
              data
            });
          }
        );

        // Clean up on disconnect
        realtime.onDisconnect(async () => {
          await context.store.srem(presenceKey, context.user.id);
          await context.store.publish(\`\${presenceKey}:changes\`, {
            type: 'user_left',
            userId: context.user.id
          });
          subscription.unsubscribe();
        });

        return realtime;
      }
    }),
  },
});
`,
    },
    // Docs ✅: the guide's "Notification Stream" (with its module-level sendNotification helper, which only publishes).
    docs('notification-stream'),
    // Seed "Progressive Loading".
    {
      code: `import { z } from 'zod';
import { igniter } from '@/igniter';

export const messageController = igniter.controller({
  name: 'message',
  path: '/messages',
  actions: {
    messages: igniter.query({
      path: '/messages/:roomId' as const,
      stream: true,
      query: z.object({
        limit: z.number().default(50),
        before: z.string().optional(),
      }),
      handler: async ({ request, context, realtime }) => {
        const { roomId } = request.params;
        const { limit, before } = request.query;

        const messages = await context.database.message.findMany({
          where: {
            roomId,
            ...(before && { createdAt: { lt: new Date(before) } })
          },
          orderBy: { createdAt: 'desc' },
          take: limit,
        });

        realtime.send({
          event: 'messages',
          data: messages
        });

        // Subscribe to new messages only
        const subscription = context.store.subscribe(
          \`room:\${roomId}:messages:new\`,
          (message) => {
            realtime.send({
              event: 'new_message',
              data: message
            });
          }
        );

        realtime.onDisconnect(() => {
          subscription.unsubscribe();
        });

        return realtime;
      }
    }),
  },
});
`,
    },
    // Seed "Conflict Resolution": an async subscription callback, released on disconnect.
    {
      code: `import { igniter } from '@/igniter';

export const docController = igniter.controller({
  name: 'doc',
  path: '/docs',
  actions: {
    collab: igniter.query({
      path: '/collab/:docId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const { docId } = request.params;
        const userId = context.user.id;

        let currentVersion = await context.store.get(\`doc:\${docId}:version\`) || 0;

        const subscription = context.store.subscribe(
          \`doc:\${docId}:changes\`,
          async (change) => {
            if (change.baseVersion < currentVersion) {
              realtime.send({
                event: 'conflict',
                data: { currentVersion, change, resolution: 'manual' }
              });
            } else {
              currentVersion = change.version;
              realtime.send({ event: 'change', data: change });
            }
          }
        );

        realtime.onDisconnect(() => {
          subscription.unsubscribe();
        });

        return realtime;
      }
    }),
  },
});
`,
    },
    // Seed "Connection Management": setInterval outside any handler is not this rule's business.
    `const connectionPool = new Map<string, SSEConnection>();

const monitorConnections = () => {
  setInterval(() => {
    connectionPool.forEach((connection, userId) => {
      if (!connection.isAlive()) {
        connectionPool.delete(userId);
        connection.close();
      }
    });
  }, 30000);
};
`,

    // ── Real @igniter-js/core 0.3 API: the request's AbortSignal ─────────────────────────────
    // Docs ✅: store.subscribe(channel, callback) returns Promise<void>; released with unsubscribe(channel, callback).
    docs('order-tracking-on-abort'),
    // Docs ✅: createIgniterQuery from the core package; `const { signal } = request.raw`; a hoisted function
    // declaration as the listener, passed with options.
    docs('heartbeat-hoisted-listener'),
    // Renamed bindings; presence released through \`signal.onabort = ...\`.
    {
      code: `import { igniter } from '@/igniter';

export const roomController = igniter.controller({
  name: 'room',
  path: '/rooms',
  actions: {
    join: igniter.query({
      path: '/:roomId/online' as const,
      stream: true,
      handler: async ({ request: req, context: ctx, response: res }) => {
        const key = \`room:\${req.params.roomId}:online\`;
        await ctx.store.sadd(key, ctx.user.id);
        req.raw.signal.onabort = () => {
          void ctx.store.srem(key, ctx.user.id);
        };
        return res.success({ online: await ctx.store.smembers(key) });
      },
    }),
  },
});
`,
    },
    // Whole-context parameter: (ctx) => ctx.context.store / ctx.request.raw.signal.
    {
      code: `import { igniter } from '@/igniter';

export const feedController = igniter.controller({
  name: 'feed',
  path: '/feed',
  actions: {
    live: igniter.query({
      path: '/live' as const,
      stream: true,
      handler: async (ctx) => {
        const sub = await ctx.context.store.subscribe('feed:new', (post) => ctx.realtime.publish('feed', post));
        ctx.request.raw.signal.addEventListener('abort', () => sub.unsubscribe());
        return ctx.response.success({ live: true });
      },
    }),
  },
});
`,
    },
    // \`const { request, context, realtime } = ctx\` in the body, seed API.
    {
      code: `import { igniter } from '@/igniter';

export const alertController = igniter.controller({
  name: 'alert',
  path: '/alerts',
  actions: {
    stream: igniter.query({
      path: '/stream' as const,
      stream: true,
      handler: async (ctx) => {
        const { request, context, realtime } = ctx;
        const subscription = context.store.subscribe(\`alerts:\${request.params.teamId}\`, (alert) => {
          realtime.send({ event: 'alert', data: alert });
        });
        realtime.onDisconnect(() => subscription.unsubscribe());
        return realtime;
      },
    }),
  },
});
`,
    },
    // A local helper called by name from the disconnect callback releases everything.
    {
      code: `import { igniter } from '@/igniter';

export const gameController = igniter.controller({
  name: 'game',
  path: '/games',
  actions: {
    watch: igniter.query({
      path: '/:gameId/watch' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const subscription = context.store.subscribe(\`game:\${request.params.gameId}\`, (move) => {
          realtime.send({ event: 'move', data: move });
        });
        const ticker = setInterval(() => realtime.send({ event: 'tick', data: Date.now() }), 1000);

        const stopAll = () => {
          subscription.unsubscribe();
          clearInterval(ticker);
        };
        realtime.onDisconnect(() => stopAll());

        return realtime;
      },
    }),
  },
});
`,
    },
    // \`const signal = request.raw.signal\`, interval released in its listener.
    {
      code: `import { igniter } from '@/igniter';

export const jobController = igniter.controller({
  name: 'job',
  path: '/jobs',
  actions: {
    progress: igniter.query({
      path: '/:jobId/progress' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const signal = request.raw.signal;
        const poll = setInterval(async () => {
          const job = await context.database.job.findUnique({ where: { id: request.params.jobId } });
          await realtime.publish(\`job:\${request.params.jobId}\`, job);
        }, 2000);
        signal.addEventListener('abort', () => clearInterval(poll));
        return realtime;
      },
    }),
  },
});
`,
    },
    // Released by reference: a returned unsubscribe function, a method reference, and a call s().
    {
      code: `import { igniter } from '@/igniter';

export const boardController = igniter.controller({
  name: 'board',
  path: '/boards',
  actions: {
    cards: igniter.query({
      path: '/:boardId/cards' as const,
      stream: true,
      handler: async ({ request, context, realtime, response }) => {
        const unsubscribe = await context.pubsub.subscribe(\`board:\${request.params.boardId}\`, (card) => realtime.publish('cards', card));
        request.raw.signal.addEventListener('abort', unsubscribe);

        const comments = context.store.subscribe(\`board:\${request.params.boardId}:comments\`, (comment) => realtime.publish('comments', comment));
        request.raw.signal.addEventListener('abort', comments.unsubscribe.bind(comments));

        const stopLabels = context.pubsub.subscribe('labels', (label) => realtime.publish('labels', label));
        request.raw.signal.onabort = () => stopLabels();

        return response.success({ watching: true });
      },
    }),
  },
});
`,
    },
    // Docs ✅: subscriptions and intervals kept in collections that the disconnect callback drains.
    docs('collections-drained'),
    // Handed to a helper inside the callback (the rule cannot follow it, so it trusts it); the
    // callback is a function declared after its registration.
    {
      code: `import { igniter } from '@/igniter';
import { disposeAll } from '@/lib/dispose';

export const tickerController = igniter.controller({
  name: 'ticker',
  path: '/ticker',
  actions: {
    quotes: igniter.query({
      path: '/quotes' as const,
      stream: true,
      handler: async ({ context, realtime }) => {
        const subscription = context.store.subscribe('quotes', (quote) => realtime.send({ event: 'quote', data: quote }));
        realtime.onDisconnect(cleanup);
        return realtime;

        function cleanup() {
          disposeAll(subscription);
        }
      },
    }),
  },
});
`,
    },
    // Docs ✅: a custom SSE body: ReadableStream's cancel() runs when the client goes away.
    docs('readable-stream-cancel'),
    // Assignment form, optional call, globalThis timers, same channel text in unsubscribe(channel).
    {
      code: `import { igniter } from '@/igniter';

export const statusController = igniter.controller({
  name: 'status',
  path: '/status',
  actions: {
    watch: igniter.query({
      path: '/watch' as const,
      stream: true,
      handler: async ({ request, context, realtime, response }) => {
        let subscription: Subscription | undefined;
        subscription = await context.store.subscribe('status', (status) => realtime.publish('status', status));
        const refresh = globalThis.setInterval(() => realtime.publish('status:refresh', {}), 60_000);
        await context.store.subscribe(\`status:\${request.params.region}\`, (status) => realtime.publish('region', status));
        request.raw.signal.addEventListener('abort', () => {
          subscription?.unsubscribe();
          globalThis.clearInterval(refresh);
          void context.store.unsubscribe(\`status:\${ request.params.region }\`);
        });
        return response.success({ watching: true });
      },
    }),
  },
});
`,
    },
    // A method handler (\`async handler(...) {}\`) and a function-expression handler, both released.
    {
      code: `import { igniter } from '@/igniter';

export const syncController = igniter.controller({
  name: 'sync',
  path: '/sync',
  actions: {
    pull: igniter.query({
      path: '/pull' as const,
      stream: true,
      async handler({ request, context, response }) {
        const onChange = (change: unknown) => context.queue.push(change);
        await context.store.subscribe('sync:changes', onChange);
        request.raw.signal.addEventListener('abort', () => context.store.unsubscribe('sync:changes', onChange));
        return response.success({ ok: true });
      },
    }),
    poll: igniter.query({
      path: '/poll' as const,
      stream: true,
      handler: async function ({ request, response }) {
        const timer = setInterval(() => void 0, 5000);
        request.raw.signal.addEventListener('abort', function () {
          clearInterval(timer);
        });
        return response.success({ ok: true });
      },
    }),
  },
});
`,
    },

    // ── Through collections: the value followed into an array, Set or Map and back out ───────
    // Docs ✅: unsubscribe functions collected in a loop, called by a loop in the abort listener.
    docs('functions-called-on-abort'),
    // The real app: an unsubscribe function pushed, the abort listener loops over the array.
    feed(`        const unsubscribeFns: Array<() => void> = [];
        const unsub = await events.subscribe('orders', (order) => console.log(order));
        unsubscribeFns.push(unsub);
${onAbort('for (const fn of unsubscribeFns) fn();')}`),
    feed(`        const unsubscribeFns: Array<() => void> = [];
        for (const topic of request.query.topics) {
          const unsub = await events.subscribe(topic, (event) => console.log(event));
          unsubscribeFns.push(unsub);
        }
${onAbort('unsubscribeFns.forEach((fn) => fn());')}`),
    // Subscription objects, released by method; pushed directly; drained with splice(0).
    feed(`        const subs = [];
        subs.push(await igniter.store.subscribe('a', onA), await events.subscribe('b', onB));
${onAbort('subs.forEach(fn => fn.unsubscribe());')}`),
    feed(`        const unsubscribers: (() => void)[] = [];
        unsubscribers.push(await events.subscribe('a', onA));
${onAbort('unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());')}`),
    // A Set (values(), spread) and a Map (forEach gives values, entries destructured, get by key).
    feed(`        const subscriptions = new Set<{ unsubscribe(): void }>();
        const sub = events.subscribe('a', onA);
        subscriptions.add(sub);
${onAbort('for (const subscription of subscriptions.values()) subscription.unsubscribe();')}`),
    feed(`        const subscriptions = new Set<() => void>();
        subscriptions.add(await events.subscribe('a', onA));
${onAbort('[...subscriptions].forEach((off) => off());')}`),
    feed(`        const byRoom = new Map<string, () => void>();
        for (const room of request.query.rooms) byRoom.set(room, await events.subscribe(room, onMessage));
${onAbort('byRoom.forEach((unsubscribe) => unsubscribe());')}`),
    feed(`        const byRoom = new Map<string, () => void>();
        const stop = await events.subscribe('lobby', onMessage);
        byRoom.set('lobby', stop);
${onAbort('for (const [, release] of byRoom) release();')}`),
    feed(`        const byRoom = new Map<string, { unsubscribe(): void }>();
        byRoom.set('lobby', events.subscribe('lobby', onMessage));
${onAbort("byRoom.get('lobby')?.unsubscribe();")}`),
    // Intervals: the ids kept, cleared by reference, in a loop, or through Array.from.
    feed(`        const ids: ReturnType<typeof setInterval>[] = [];
        ids.push(setInterval(() => ping(), 15_000));
${onAbort('ids.forEach(clearInterval);')}`),
    feed(`        const ids = new Set<ReturnType<typeof setInterval>>();
        const heartbeat = setInterval(() => ping(), 15_000);
        ids.add(heartbeat);
${onAbort('for (const id of Array.from(ids)) clearInterval(id);')}`),
    // A collection on an object, an alias, and a cleanup function declared after its registration.
    feed(`        const state = { timers: [] as ReturnType<typeof setInterval>[], offs: [] as (() => void)[] };
        state.timers.push(setInterval(() => ping(), 1_000));
        state.offs.push(await events.subscribe('a', onA));
        request.raw.signal.addEventListener('abort', stopAll);
        function stopAll() {
          const pending = state.offs.splice(0);
          for (const off of pending) off();
          state.timers.forEach((timer) => clearInterval(timer));
        }`),
    // Collected by map and Promise.all, from an expression body or a returned name.
    feed(`        const offs = await Promise.all(request.query.topics.map((topic) => events.subscribe(topic, onEvent)));
${onAbort('offs.forEach((off) => off());')}`),
    feed(`        const subscriptions = await Promise.all(
          request.query.topics.map(async (topic) => {
            const subscription = await events.subscribe(topic, onEvent);
            return subscription;
          }),
        );
${onAbort('for (const subscription of subscriptions) subscription.unsubscribe();')}`),
    // Stored from a promise's `then`, released in a try/catch (real shapes outside Igniter).
    feed(`        const unsubscribeFns: (() => void)[] = [];
        for (const topic of request.query.topics) {
          events.subscribe(topic, onEvent).then((unsub) => {
            if (typeof unsub === 'function') unsubscribeFns.push(unsub);
          });
        }
${onAbort('for (const fn of unsubscribeFns) {', '  try {', '    fn();', '  } catch {', '    // best effort', '  }', '}')}`),
    // The collection handed whole to a helper in the listener: the rule cannot follow it, so it trusts it.
    feed(`        const subs: (() => void)[] = [];
        subs.push(await events.subscribe('a', onA));
${onAbort('disposeAll(subs);')}`),

    // ── Near misses: not resources, or not in a handler ──────────────────────────────────────
    // RxJS subscribe(next) / subscribe({ next }) / subscribe(fn, fn) and zustand subscribe(listener) /
    // subscribe(selector, listener): not pub/sub channels; setTimeout is not an interval.
    {
      code: `import { igniter } from '@/igniter';
import { interval, take } from 'rxjs';
import { useChatStore } from '@/stores/chat';

export const miscController = igniter.controller({
  name: 'misc',
  path: '/misc',
  actions: {
    sample: igniter.query({
      path: '/sample' as const,
      handler: async ({ context, response }) => {
        const values: number[] = [];
        interval(10).pipe(take(3)).subscribe((value) => values.push(value));
        context.events$.subscribe({ next: (event) => values.push(event.id) });
        context.events$.subscribe((event) => values.push(event.id), (error) => console.error(error));
        useChatStore.subscribe((state) => values.push(state.unread));
        context.settings.subscribe((state) => state.theme, (theme) => values.push(theme.length));
        setTimeout(() => values.splice(0), 1000);
        return response.success({ values });
      },
    }),
  },
});
`,
    },
    // A set entry written by a plain (non-stream) request is data, not presence.
    {
      code: `import { igniter } from '@/igniter';

export const postController = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    like: igniter.mutation({
      path: '/:id/like' as const,
      method: 'POST',
      handler: async ({ request, context, response }) => {
        await context.store.sadd(\`post:\${request.params.id}:likes\`, context.user.id);
        return response.success({ liked: true });
      },
    }),
    view: igniter.query({
      path: '/:id' as const,
      handler: async ({ request, context, response }) => {
        await context.redis.sadd(\`post:\${request.params.id}:viewers\`, context.user.id);
        return response.success(await context.database.post.findUnique({ where: { id: request.params.id } }));
      },
    }),
  },
});
`,
    },
    // Another library's query/mutation, and a different Igniter instance name without the setting.
    {
      code: `import { api } from '@/igniter';
import { graphql } from '@/graphql';

export const legacy = api.query({
  path: '/legacy',
  handler: async ({ context }) => {
    context.store.subscribe('legacy', onLegacy);
    setInterval(poll, 1000);
  },
});

export const resolver = graphql.mutation({
  name: 'subscribeToRoom',
  handler: async ({ pubsub }) => {
    pubsub.subscribe('room', onMessage);
  },
});
`,
    },
    // Outside handlers: a module-level worker, a procedure's handler, a plain function.
    {
      code: `import { igniter } from '@/igniter';
import { redis } from '@/lib/redis';

redis.subscribe('jobs', (job) => processJob(job));

export const auditProcedure = igniter.procedure({
  handler: async ({ context }) => {
    await context.store.sadd('audit:active', context.user.id);
    setInterval(() => flushAudit(), 5000);
    return { audit: true };
  },
});

export function startWorker(store: Store) {
  store.subscribe('emails', sendEmail);
}
`,
    },
    // Subscriptions opened inside the disconnect callback itself are not acquisitions of the request.
    {
      code: `import { igniter } from '@/igniter';

export const lobbyController = igniter.controller({
  name: 'lobby',
  path: '/lobby',
  actions: {
    lobby: igniter.query({
      path: '/' as const,
      stream: true,
      handler: async ({ request, context, response }) => {
        request.raw.signal.addEventListener('abort', () => {
          void context.store.publish('lobby:left', { userId: context.user.id });
          context.store.subscribe('lobby:audit', logAudit);
        });
        return response.success({ joined: true });
      },
    }),
  },
});
`,
    },
    // Docs ✅ (instanceNames setting): a released subscription on a renamed instance stays valid.
    docs('renamed-instance-released'),
    // Without the setting, \`app\` is not an Igniter instance: the ❌ example of the setting is not an action.
    { code: docs('renamed-instance').code },
    // The rule has no options: an empty options object is accepted. A .tsx file parses too.
    {
      code: `import { igniter } from '@/igniter';

export const ping = igniter.query({
  path: '/ping',
  handler: async ({ request, response }) => {
    const timer = setInterval(() => void 0, 1000);
    request.raw.signal.addEventListener('abort', () => clearInterval(timer));
    return response.success(<span>pong</span>);
  },
});
`,
      filename: 'file.tsx',
      options: [{}],
    },

    // ── Bad input: must not crash nor report ──────────────────────────────────────────────────
    // Handlers given as identifiers, imports, undefined; computed and spread keys in actions.
    {
      code: `import { igniter } from '@/igniter';
import { importedHandler } from './handlers';

const localHandler = async ({ context }) => {
  context.store.subscribe('local', onLocal);
};
const key = 'dynamic';
const shared = { other: igniter.query({ path: '/o', handler: importedHandler }) };

export const oddController = igniter.controller({
  name: 'odd',
  path: '/odd',
  actions: {
    byName: igniter.query({ path: '/a', handler: localHandler }),
    imported: igniter.query({ path: '/b', handler: importedHandler }),
    missing: igniter.mutation({ path: '/c', handler: undefined }),
    [key]: igniter.query({ path: '/d', handler: importedHandler }),
    ...shared,
  },
});
`,
    },
    // Missing arguments everywhere; shorthand handler; igniter.query() with no options.
    {
      code: `import { igniter } from '@/igniter';

const handler = async () => {};
export const empty = igniter.query();
export const shorthand = igniter.query({ path: '/s', handler });

export const partial = igniter.query({
  path: '/partial',
  stream: true,
  handler: async ({ request, context, realtime }) => {
    context.store.subscribe();
    context.store.subscribe('only-channel');
    await context.store.sadd('only-key');
    setInterval();
    clearInterval();
    realtime.onDisconnect();
    request.raw.signal.addEventListener();
    request.raw.signal.addEventListener('abort');
    new ReadableStream();
    new ReadableStream(source);
    return realtime;
  },
});
`,
    },
    // Expression-bodied handler, a handler without parameters that acquires nothing, a destructured
    // parameter with defaults.
    {
      code: `import { igniter } from '@/igniter';

export const a = igniter.query({ path: '/a', handler: async ({ realtime }) => realtime });
export const b = igniter.query({ path: '/b', handler: () => ({ ok: true }) });
export const c = igniter.query({
  path: '/c',
  handler: async ({ request, response = fallback }) => {
    const id = setInterval(() => void 0, 10);
    request.raw.signal.onabort = () => clearInterval(id);
    return response.success({});
  },
});
`,
    },
  ],

  invalid: [
    // ── Seed ❌ "Memory leaks" ─────────────────────────────────────────────────────────────────
    // Docs ❌, as written in the guide (its \`context\` is a free name); the handler does not use the guide's
    // API, so the suggestion uses the request's AbortSignal and adds \`request\` to the parameter. The
    // insertion goes right after the statement: the page's trailing \`// ❌\` comment ends up after it.
    {
      ...docs('memory-leaks'),
      errors: [
        {
          messageId: 'missingCleanup',
          data: {
            resource: "The subscription to 'channel'",
            release: "context.store.unsubscribe('channel', handler)",
            where: "an 'abort' listener on request.raw.signal",
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'addCleanup',
              data: {
                resource: "The subscription to 'channel'",
                release: "context.store.unsubscribe('channel', handler)",
                where: "an 'abort' listener on request.raw.signal",
              },
              output: `import { igniter } from '@/igniter';

export const leak = igniter.query({
  path: '/leak',
  handler: async ({ request, realtime }) => {
    context.store.subscribe('channel', handler);
    request.raw.signal.addEventListener('abort', () => {
      context.store.unsubscribe('channel', handler);
    }); // ❌ never released
    // Missing unsubscribe on disconnect!
  }
});
`,
            },
          ],
        },
      ],
    },
    // The same seed example made realistic: \`context\` bound, the callback a local function that
    // uses realtime.send (seed API), so the suggestion uses realtime.onDisconnect.
    {
      code: `import { igniter } from '@/igniter';

export const channelController = igniter.controller({
  name: 'channel',
  path: '/channel',
  actions: {
    listen: igniter.query({
      path: '/' as const,
      stream: true,
      handler: async ({ context, realtime }) => {
        const handler = (data: unknown) => realtime.send({ event: 'message', data });
        context.store.subscribe('channel', handler);
        // Missing unsubscribe on disconnect!
        return realtime;
      }
    }),
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: "The subscription to 'channel'", release: "context.store.unsubscribe('channel', handler)", where: 'realtime.onDisconnect()' },
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const channelController = igniter.controller({
  name: 'channel',
  path: '/channel',
  actions: {
    listen: igniter.query({
      path: '/' as const,
      stream: true,
      handler: async ({ context, realtime }) => {
        const handler = (data: unknown) => realtime.send({ event: 'message', data });
        context.store.subscribe('channel', handler);
        realtime.onDisconnect(() => {
          context.store.unsubscribe('channel', handler);
        });
        // Missing unsubscribe on disconnect!
        return realtime;
      }
    }),
  },
});
`,
            },
          ],
        },
      ],
    },

    // ── Missing cleanup ──────────────────────────────────────────────────────────────────────
    // Docs ❌: a guide-style typing stream without its onDisconnect: the suggestion follows the multi-line statement.
    {
      ...docs('typing-without-on-disconnect'),
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'The subscription to `room:${roomId}:typing`', release: 'subscription.unsubscribe()', where: 'realtime.onDisconnect()' },
          line: 12,
          column: 30,
          endLine: 15,
          endColumn: 10,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const typingController = igniter.controller({
  name: 'typing',
  path: '/typing',
  actions: {
    typing: igniter.query({
      path: '/typing/:roomId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const { roomId } = request.params;
        const subscription = context.store.subscribe( // ❌ never released on disconnect
          \`room:\${roomId}:typing\`,
          (data) => realtime.send({ event: 'typing', data })
        );
        realtime.onDisconnect(() => {
          subscription.unsubscribe();
        });
        return realtime;
      }
    }),
  },
});
`,
            },
          ],
        },
      ],
    },
    // Docs ❌, real API: unbound subscription with a named callback, \`request\` already bound.
    {
      ...docs('order-tracking-never-released'),
      errors: [
        {
          messageId: 'missingCleanup',
          data: {
            resource: 'The subscription to `order:${request.params.id}:status`',
            release: 'igniter.store.unsubscribe(`order:${request.params.id}:status`, forward)',
            where: "an 'abort' listener on request.raw.signal",
          },
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 84,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const orderController = igniter.controller({
  name: 'order',
  path: '/orders',
  actions: {
    track: igniter.query({
      path: '/:id/track' as const,
      stream: true,
      handler: async ({ request, response, realtime }) => {
        const forward = (status: unknown) => realtime.to(\`order:\${request.params.id}\`).withData(status).publish();
        await igniter.store.subscribe(\`order:\${request.params.id}:status\`, forward);
        request.raw.signal.addEventListener('abort', () => {
          igniter.store.unsubscribe(\`order:\${request.params.id}:status\`, forward);
        }); // ❌ never released
        return response.success({ tracking: true });
      },
    }),
  },
});
`,
            },
          ],
        },
      ],
    },
    // Docs ❌: unbound subscription with an inline callback: unsubscribe(channel) alone would drop every
    // listener of a shared channel, so there is no suggestion.
    {
      ...docs('inline-callback'),
      errors: [
        {
          messageId: 'missingCleanup',
          data: {
            resource: 'The subscription to `room:${request.params.roomId}`',
            release: 'context.store.unsubscribe(channel, callback)',
            where: "an 'abort' listener on request.raw.signal",
          },
          line: 11,
          column: 15,
          endLine: 13,
          endColumn: 11,
          suggestions: [],
        },
      ],
    },
    // Presence without srem (the subscription is released, so only the sadd is reported).
    {
      code: `import { igniter } from '@/igniter';

export const presenceController = igniter.controller({
  name: 'presence',
  path: '/presence',
  actions: {
    presence: igniter.query({
      path: '/presence/:roomId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const presenceKey = \`room:\${request.params.roomId}:presence\`;
        await context.store.sadd(presenceKey, context.user.id);
        const subscription = context.store.subscribe(\`\${presenceKey}:changes\`, (data) => {
          realtime.send({ event: 'presence_update', data });
        });
        realtime.onDisconnect(() => {
          subscription.unsubscribe();
        });
        return realtime;
      }
    }),
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'The presence entry in presenceKey', release: 'context.store.srem(presenceKey, context.user.id)', where: 'realtime.onDisconnect()' },
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const presenceController = igniter.controller({
  name: 'presence',
  path: '/presence',
  actions: {
    presence: igniter.query({
      path: '/presence/:roomId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const presenceKey = \`room:\${request.params.roomId}:presence\`;
        await context.store.sadd(presenceKey, context.user.id);
        realtime.onDisconnect(() => {
          context.store.srem(presenceKey, context.user.id);
        });
        const subscription = context.store.subscribe(\`\${presenceKey}:changes\`, (data) => {
          realtime.send({ event: 'presence_update', data });
        });
        realtime.onDisconnect(() => {
          subscription.unsubscribe();
        });
        return realtime;
      }
    }),
  },
});
`,
            },
          ],
        },
      ],
    },
    // Unbound interval: nothing to clear it by, so no suggestion.
    {
      code: `import { igniter } from '@/igniter';

export const pulse = igniter.query({
  path: '/pulse',
  stream: true,
  handler: async ({ realtime, response }) => {
    setInterval(() => realtime.publish('pulse', { at: Date.now() }), 5000);
    return response.success({});
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'This interval', release: 'clearInterval(id)', where: "an 'abort' listener on request.raw.signal" },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 75,
          suggestions: [],
        },
      ],
    },
    // window.setInterval in a (ctx) handler: the listener goes on ctx.request.raw.signal.
    {
      code: `import { igniter } from '@/igniter';

export const clock = igniter.query({
  path: '/clock',
  stream: true,
  handler: async (ctx) => {
    const timer = window.setInterval(() => ctx.realtime.publish('clock', Date.now()), 1000);
    return ctx.response.success({});
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: "The interval 'timer'", release: 'clearInterval(timer)', where: "an 'abort' listener on ctx.request.raw.signal" },
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 92,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const clock = igniter.query({
  path: '/clock',
  stream: true,
  handler: async (ctx) => {
    const timer = window.setInterval(() => ctx.realtime.publish('clock', Date.now()), 1000);
    ctx.request.raw.signal.addEventListener('abort', () => {
      clearInterval(timer);
    });
    return ctx.response.success({});
  },
});
`,
            },
          ],
        },
      ],
    },
    // Renamed seed bindings ({ realtime: rt }): the suggestion uses rt.onDisconnect.
    {
      code: `import { igniter } from '@/igniter';

export const cursorController = igniter.controller({
  name: 'cursor',
  path: '/cursors',
  actions: {
    cursors: igniter.query({
      path: '/:docId' as const,
      stream: true,
      handler: async ({ request: req, context: ctx, realtime: rt }) => {
        const cursors = ctx.store.subscribe(\`doc:\${req.params.docId}:cursors\`, (cursor) => rt.send({ event: 'cursor', data: cursor }));
        return rt;
      },
    }),
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'The subscription to `doc:${req.params.docId}:cursors`', release: 'cursors.unsubscribe()', where: 'rt.onDisconnect()' },
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const cursorController = igniter.controller({
  name: 'cursor',
  path: '/cursors',
  actions: {
    cursors: igniter.query({
      path: '/:docId' as const,
      stream: true,
      handler: async ({ request: req, context: ctx, realtime: rt }) => {
        const cursors = ctx.store.subscribe(\`doc:\${req.params.docId}:cursors\`, (cursor) => rt.send({ event: 'cursor', data: cursor }));
        rt.onDisconnect(() => {
          cursors.unsubscribe();
        });
        return rt;
      },
    }),
  },
});
`,
            },
          ],
        },
      ],
    },
    // \`const { request, context } = ctx\` in the body; an \`unsubscribe\` function is called, not .unsubscribe()'d.
    {
      code: `import { igniter } from '@/igniter';

export const inboxController = igniter.controller({
  name: 'inbox',
  path: '/inbox',
  actions: {
    inbox: igniter.query({
      path: '/' as const,
      stream: true,
      handler: async (ctx) => {
        const { request, context } = ctx;
        const unsubscribe = await context.pubsub.subscribe(\`inbox:\${context.user.id}\`, (mail) => ctx.realtime.publish('inbox', mail));
        return ctx.response.success({ open: true });
      },
    }),
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'The subscription to `inbox:${context.user.id}`', release: 'unsubscribe()', where: "an 'abort' listener on request.raw.signal" },
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const inboxController = igniter.controller({
  name: 'inbox',
  path: '/inbox',
  actions: {
    inbox: igniter.query({
      path: '/' as const,
      stream: true,
      handler: async (ctx) => {
        const { request, context } = ctx;
        const unsubscribe = await context.pubsub.subscribe(\`inbox:\${context.user.id}\`, (mail) => ctx.realtime.publish('inbox', mail));
        request.raw.signal.addEventListener('abort', () => {
          unsubscribe();
        });
        return ctx.response.success({ open: true });
      },
    }),
  },
});
`,
            },
          ],
        },
      ],
    },
    // A handler without parameters: the suggestion adds \`{ request }\`.
    {
      code: `import { igniter } from '@/igniter';
import { metrics } from '@/lib/metrics';

export const sampler = igniter.query({
  path: '/sampler',
  handler: async () => {
    const sampling = setInterval(() => metrics.sample(), 250);
    return { sampling: true };
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: "The interval 'sampling'", release: 'clearInterval(sampling)', where: "an 'abort' listener on request.raw.signal" },
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';
import { metrics } from '@/lib/metrics';

export const sampler = igniter.query({
  path: '/sampler',
  handler: async ({ request }) => {
    const sampling = setInterval(() => metrics.sample(), 250);
    request.raw.signal.addEventListener('abort', () => {
      clearInterval(sampling);
    });
    return { sampling: true };
  },
});
`,
            },
          ],
        },
      ],
    },
    // A rest element holds the rest of the context, so \`rest.request\` reaches the signal.
    {
      code: `import { igniter } from '@/igniter';

export const a = igniter.query({
  path: '/a',
  handler: async ({ context, ...rest }) => {
    const sub = context.store.subscribe('a', rest.onMessage);
    return rest.response.success({});
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: "The subscription to 'a'", release: 'sub.unsubscribe()', where: "an 'abort' listener on rest.request.raw.signal" },
          line: 6,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const a = igniter.query({
  path: '/a',
  handler: async ({ context, ...rest }) => {
    const sub = context.store.subscribe('a', rest.onMessage);
    rest.request.raw.signal.addEventListener('abort', () => {
      sub.unsubscribe();
    });
    return rest.response.success({});
  },
});
`,
            },
          ],
        },
      ],
    },
    // \`request\` already destructured into its parts: neither \`request\` nor \`rest.request\` reaches the
    // signal, and adding \`request\` to the pattern would change \`rest\`, so no suggestion.
    {
      code: `import { igniter } from '@/igniter';

export const b = igniter.query({
  path: '/b/:id',
  handler: async ({ request: { params }, context, ...rest }) => {
    const sub = context.store.subscribe(\`b:\${params.id}\`, rest.onMessage);
    return { ok: true };
  },
});

export const c = igniter.query({
  path: '/c/:id',
  handler: async ({ request: { params }, context }) => {
    const sub = context.store.subscribe(\`c:\${params.id}\`, context.onMessage);
    return { ok: true };
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'The subscription to `b:${params.id}`', release: 'sub.unsubscribe()', where: "an 'abort' listener on request.raw.signal" },
          line: 6,
          suggestions: [],
        },
        {
          messageId: 'missingCleanup',
          data: { resource: 'The subscription to `c:${params.id}`', release: 'sub.unsubscribe()', where: "an 'abort' listener on request.raw.signal" },
          line: 14,
          suggestions: [],
        },
      ],
    },
    // Docs ❌ (instanceNames setting): \`app\` is an Igniter instance here. The suggestion's output is not the
    // page's ✅ example: it writes the listener as a block, and the marker comment ends up after it.
    {
      ...docs('renamed-instance'),
      errors: [
        {
          messageId: 'missingCleanup',
          line: 7,
          column: 23,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { app } from '@/app';

export const watch = app.query({
  path: '/watch',
  stream: true,
  handler: async ({ request, context, response }) => {
    const sub = await context.store.subscribe('watch', (value) => context.log(value));
    request.raw.signal.addEventListener('abort', () => {
      sub.unsubscribe();
    }); // ❌ never released
    return response.success({});
  },
});
`,
            },
          ],
        },
      ],
    },
    // createIgniterMutation imported under another name; a mutation leaks an interval too.
    {
      code: `import { createIgniterMutation as mutation } from '@igniter-js/core';

export const startExport = mutation({
  path: '/exports',
  method: 'POST',
  handler: async ({ context, response }) => {
    const progress = setInterval(() => context.jobs.report('export'), 1000);
    return response.created({ started: true });
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: "The interval 'progress'", release: 'clearInterval(progress)', where: "an 'abort' listener on request.raw.signal" },
          line: 7,
          column: 22,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { createIgniterMutation as mutation } from '@igniter-js/core';

export const startExport = mutation({
  path: '/exports',
  method: 'POST',
  handler: async ({ request, context, response }) => {
    const progress = setInterval(() => context.jobs.report('export'), 1000);
    request.raw.signal.addEventListener('abort', () => {
      clearInterval(progress);
    });
    return response.created({ started: true });
  },
});
`,
            },
          ],
        },
      ],
    },
    // srem with a different key, and a disconnect callback that releases another subscription.
    {
      code: `import { igniter } from '@/igniter';

export const lobbyController = igniter.controller({
  name: 'lobby',
  path: '/lobby',
  actions: {
    lobby: igniter.query({
      path: '/:lobbyId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const lobbyKey = \`lobby:\${request.params.lobbyId}\`;
        await context.store.sadd(\`\${lobbyKey}:online\`, context.user.id);
        const chat = context.store.subscribe(\`\${lobbyKey}:chat\`, (message) => realtime.send({ event: 'chat', data: message }));
        const moves = context.store.subscribe(\`\${lobbyKey}:moves\`, (move) => realtime.send({ event: 'move', data: move }));
        realtime.onDisconnect(() => {
          context.store.srem(\`\${lobbyKey}:members\`, context.user.id);
          chat.unsubscribe();
        });
        return realtime;
      },
    }),
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'The presence entry in `${lobbyKey}:online`', release: 'context.store.srem(`${lobbyKey}:online`, context.user.id)', where: 'realtime.onDisconnect()' },
          line: 12,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const lobbyController = igniter.controller({
  name: 'lobby',
  path: '/lobby',
  actions: {
    lobby: igniter.query({
      path: '/:lobbyId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const lobbyKey = \`lobby:\${request.params.lobbyId}\`;
        await context.store.sadd(\`\${lobbyKey}:online\`, context.user.id);
        realtime.onDisconnect(() => {
          context.store.srem(\`\${lobbyKey}:online\`, context.user.id);
        });
        const chat = context.store.subscribe(\`\${lobbyKey}:chat\`, (message) => realtime.send({ event: 'chat', data: message }));
        const moves = context.store.subscribe(\`\${lobbyKey}:moves\`, (move) => realtime.send({ event: 'move', data: move }));
        realtime.onDisconnect(() => {
          context.store.srem(\`\${lobbyKey}:members\`, context.user.id);
          chat.unsubscribe();
        });
        return realtime;
      },
    }),
  },
});
`,
            },
          ],
        },
        {
          messageId: 'missingCleanup',
          data: { resource: 'The subscription to `${lobbyKey}:moves`', release: 'moves.unsubscribe()', where: 'realtime.onDisconnect()' },
          line: 14,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const lobbyController = igniter.controller({
  name: 'lobby',
  path: '/lobby',
  actions: {
    lobby: igniter.query({
      path: '/:lobbyId' as const,
      stream: true,
      handler: async ({ request, context, realtime }) => {
        const lobbyKey = \`lobby:\${request.params.lobbyId}\`;
        await context.store.sadd(\`\${lobbyKey}:online\`, context.user.id);
        const chat = context.store.subscribe(\`\${lobbyKey}:chat\`, (message) => realtime.send({ event: 'chat', data: message }));
        const moves = context.store.subscribe(\`\${lobbyKey}:moves\`, (move) => realtime.send({ event: 'move', data: move }));
        realtime.onDisconnect(() => {
          moves.unsubscribe();
        });
        realtime.onDisconnect(() => {
          context.store.srem(\`\${lobbyKey}:members\`, context.user.id);
          chat.unsubscribe();
        });
        return realtime;
      },
    }),
  },
});
`,
            },
          ],
        },
      ],
    },
    // Tab indentation and a method handler: the suggestion keeps the file's layout; inside an \`if\`
    // block it goes into that block.
    {
      code: `import { igniter } from '@/igniter';

export const tabs = igniter.query({
\tpath: '/tabs',
\tstream: true,
\tasync handler({ request, context, response }) {
\t\tif (request.query.live) {
\t\t\tconst live = await context.store.subscribe('tabs', (tab) => context.log(tab));
\t\t}
\t\treturn response.success({});
\t},
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 81,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const tabs = igniter.query({
\tpath: '/tabs',
\tstream: true,
\tasync handler({ request, context, response }) {
\t\tif (request.query.live) {
\t\t\tconst live = await context.store.subscribe('tabs', (tab) => context.log(tab));
\t\t\trequest.raw.signal.addEventListener('abort', () => {
\t\t\t\tlive.unsubscribe();
\t\t\t});
\t\t}
\t\treturn response.success({});
\t},
});
`,
            },
          ],
        },
      ],
    },
    // A braceless loop body: after the loop the channel is out of scope, so no suggestion.
    {
      code: `import { igniter } from '@/igniter';

export const multi = igniter.query({
  path: '/multi',
  stream: true,
  handler: async ({ request, context, response }) => {
    for (const room of request.query.rooms) context.store.subscribe(room, context.onRoomEvent);
    return response.success({});
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'The subscription to room', release: 'context.store.unsubscribe(room, context.onRoomEvent)', where: "an 'abort' listener on request.raw.signal" },
          line: 7,
          column: 45,
          suggestions: [],
        },
      ],
    },
    // \`stream\` given as an expression: the handler may be long-lived, so presence counts.
    {
      code: `import { igniter } from '@/igniter';

export const online = igniter.query({
  path: '/online',
  stream: process.env.LIVE === '1',
  handler: async ({ request, context, response }) => {
    await context.store.sadd('online', context.user.id);
    return response.success({});
  },
});
`,
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: "The presence entry in 'online'", release: "context.store.srem('online', context.user.id)", where: "an 'abort' listener on request.raw.signal" },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'addCleanup',
              output: `import { igniter } from '@/igniter';

export const online = igniter.query({
  path: '/online',
  stream: process.env.LIVE === '1',
  handler: async ({ request, context, response }) => {
    await context.store.sadd('online', context.user.id);
    request.raw.signal.addEventListener('abort', () => {
      context.store.srem('online', context.user.id);
    });
    return response.success({});
  },
});
`,
            },
          ],
        },
      ],
    },

    // ── Released, but not on disconnect ──────────────────────────────────────────────────────
    // srem in \`finally\`: runs when the handler returns, not when the client leaves. No suggestion.
    {
      code: `import { igniter } from '@/igniter';

export const presence = igniter.query({
  path: '/presence/:roomId',
  stream: true,
  handler: async ({ request, context, realtime }) => {
    const presenceKey = \`room:\${request.params.roomId}:presence\`;
    try {
      await context.store.sadd(presenceKey, context.user.id);
      realtime.send({ event: 'presence', data: await context.store.smembers(presenceKey) });
      return realtime;
    } finally {
      await context.store.srem(
        presenceKey,
        context.user.id,
      );
    }
  },
});
`,
      errors: [
        {
          messageId: 'releaseOutsideCleanup',
          data: { resource: 'The presence entry in presenceKey', release: 'context.store.srem(presenceKey, context.user.id)', where: 'realtime.onDisconnect()' },
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 61,
          suggestions: [],
        },
      ],
    },
    // Docs ❌: released right after use, and an interval cleared before the return (real API).
    {
      ...docs('released-before-return'),
      errors: [
        {
          messageId: 'releaseOutsideCleanup',
          data: { resource: "The subscription to 'prices'", release: 'sub.unsubscribe()', where: "an 'abort' listener on request.raw.signal" },
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 94,
          suggestions: [],
        },
        {
          messageId: 'releaseOutsideCleanup',
          data: { resource: "The interval 'flush'", release: 'clearInterval(flush)', where: "an 'abort' listener on request.raw.signal" },
          line: 8,
          column: 19,
          endLine: 8,
          endColumn: 64,
          suggestions: [],
        },
      ],
    },
    // ── Through collections: near misses ─────────────────────────────────────────────────────
    // Docs ❌: the array emptied instead of drained.
    {
      ...docs('array-emptied'),
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'The subscription to topic', release: 'unsubscribeFns.forEach((unsubscribe) => unsubscribe())', where: "an 'abort' listener on request.raw.signal" },
          line: 14,
          column: 31,
          suggestions: [],
        },
      ],
    },
    // Pushed, never released: the message names the drain; no suggestion (where to drain is the user's call).
    {
      code: feed(`        const unsubscribeFns: Array<() => void> = [];
        const unsub = await events.subscribe('orders', (order) => console.log(order));
        unsubscribeFns.push(unsub);`),
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: "The subscription to 'orders'", release: 'unsubscribeFns.forEach((unsubscribe) => unsubscribe())', where: "an 'abort' listener on request.raw.signal" },
          line: 11,
          column: 29,
          suggestions: [],
        },
      ],
    },
    // Drained, but in `finally`: runs when the handler returns (the different message, quoting the drain).
    {
      code: feed(`        const unsubscribeFns: Array<() => void> = [];
        try {
          unsubscribeFns.push(await events.subscribe('orders', onOrder));
        } finally {
          unsubscribeFns.forEach((fn) => fn());
        }`),
      errors: [
        {
          messageId: 'releaseOutsideCleanup',
          data: { resource: "The subscription to 'orders'", release: 'unsubscribeFns.forEach((fn) => fn())', where: "an 'abort' listener on request.raw.signal" },
          line: 12,
          column: 37,
          suggestions: [],
        },
      ],
    },
    // Loops in the listener that never call the element, and collections emptied without releasing.
    {
      code: feed(`        const fns: Array<() => void> = [];
        const subs = new Set<{ unsubscribe(): void }>();
        const timers: ReturnType<typeof setInterval>[] = [];
        const byId = new Map<string, () => void>();
        fns.push(await events.subscribe('a', onA));
        subs.add(events.subscribe('b', onB));
        timers.push(setInterval(() => ping(), 1_000));
        byId.set('c', await events.subscribe('c', onC));
${onAbort('for (const fn of fns) console.log(fn);', 'subs.forEach((sub) => sub);', 'timers.length = 0;', 'for (const entry of byId) entry;', 'byId.clear();')}`),
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: "The subscription to 'a'", release: 'fns.forEach((unsubscribe) => unsubscribe())', where: "an 'abort' listener on request.raw.signal" },
          line: 14,
          column: 24,
          suggestions: [],
        },
        {
          messageId: 'missingCleanup',
          data: { resource: "The subscription to 'b'", release: 'subs.forEach((subscription) => subscription.unsubscribe())', where: "an 'abort' listener on request.raw.signal" },
          line: 15,
          column: 18,
          suggestions: [],
        },
        {
          messageId: 'missingCleanup',
          data: { resource: 'This interval', release: 'timers.forEach(clearInterval)', where: "an 'abort' listener on request.raw.signal" },
          line: 16,
          column: 21,
          suggestions: [],
        },
        {
          messageId: 'missingCleanup',
          data: { resource: "The subscription to 'c'", release: 'byId.forEach((subscription) => subscription.unsubscribe())', where: "an 'abort' listener on request.raw.signal" },
          line: 17,
          column: 29,
          suggestions: [],
        },
      ],
    },
    // Collected by map, never drained: the map's array is followed, the loop reads without calling.
    {
      code: feed(`        const offs = await Promise.all(request.query.topics.map((topic) => events.subscribe(topic, onEvent)));
${onAbort('for (const off of offs) console.log(off);')}`),
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: 'The subscription to topic', release: 'offs.forEach((unsubscribe) => unsubscribe())', where: "an 'abort' listener on request.raw.signal" },
          line: 10,
          column: 76,
          suggestions: [],
        },
      ],
    },
    // Another collection is drained: this one is not.
    {
      code: feed(`        const offs: Array<() => void> = [];
        const others: Array<() => void> = [];
        offs.push(await events.subscribe('a', onA));
${onAbort('others.forEach((off) => off());')}`),
      errors: [
        {
          messageId: 'missingCleanup',
          data: { resource: "The subscription to 'a'", release: 'offs.forEach((unsubscribe) => unsubscribe())', where: "an 'abort' listener on request.raw.signal" },
          line: 12,
          column: 25,
          suggestions: [],
        },
      ],
    },
  ],
});

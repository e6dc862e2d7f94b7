/**
 * no-revalidate-in-loop: a revalidation inside a loop or an iteration callback of a handler runs once
 * per item. Cases cover the docs page's examples, the seed's "Batch Processing" (the valid
 * counterpart), every loop kind and callback method, every revalidation form (real @igniter-js/core 0.3
 * API and the seed's), handler binding styles, jumps that leave the loop, and odd input.
 */
import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases, type RuleCases } from '../../test/support/rule-harness.js';

/** A controller around the given `actions` entries (the first entry starts on line 6). */
const controller = (actions: string): string => `import { igniter } from '@/igniter';

export const roomController = igniter.controller({
  name: 'room', path: '/rooms',
  actions: {
${actions}
  },
});
`;

/** A mutation whose handler takes `({ request, context, response, realtime })` and runs `body` (from line 10). */
const mutation = (body: string, parameters = '{ request, context, response, realtime }'): string =>
  controller(`    run: igniter.mutation({
      path: '/run' as const,
      method: 'POST',
      handler: async (${parameters}) => {
${body}
      },
    }),`);

/** An example of the docs page, in the page's controller template. */
const docs = (name: string) => docsExample('no-revalidate-in-loop', name);

const inLoop = (loop: string) => ({ messageId: 'revalidateInLoop', data: { loop } });

const cases: RuleCases = {
  valid: [
    // --- Docs page: the ✅ examples (batching, targets built by `map`, live publishes, loop left by `return`)
    docs('batch-processing'),
    docs('targets-built-in-loop'),
    docs('publish-per-member'),
    docs('loop-left-by-return'),

    // --- Seed: "Batch Processing", as written (a helper outside any handler) ...
    `// ✅ CORRECT: Batch multiple updates
const batchUpdate = async (updates: Update[]) => {
  // Process all updates
  const results = await Promise.all(
    updates.map(u => processUpdate(u))
  );

  // Single revalidation for all
  return response.success(results)
    .revalidate(['messages.list']);
};`,
    // ... and the seed's "Automatic Revalidation Pattern" (one revalidation, no loop)
    controller(`    create: igniter.mutation({
      name: 'Send Message',
      path: '/' as const,
      body: MessageSchema,
      handler: async ({ request, context, response }) => {
        const message = await context.database.message.create({
          data: { ...request.body, userId: context.user.id, roomId: context.room.id }
        });
        return response.created(message)
          .revalidate(['messages.list']);
      }
    }),`),
    // Seed: "Debounced Updates" (outside any handler; the debounced callback is not a loop)
    `const debouncedRevalidate = debounce(
  (queryKeys: string[]) => {
    return response.success(data).revalidate(queryKeys);
  },
  100
);`,

    // --- Handler boundary: actions built in a loop or a `map` are not revalidations in a loop
    `const actions: Record<string, unknown> = {};
for (const entity of ['posts', 'comments']) {
  actions[entity] = igniter.mutation({
    path: \`/\${entity}\`,
    method: 'POST',
    handler: async ({ response }) => response.revalidate([\`\${entity}.list\`]).success({ ok: true }),
  });
}`,
    `export const crud = Object.fromEntries(
  ['posts', 'comments'].map((entity) => [
    entity,
    igniter.mutation({ path: \`/\${entity}\`, method: 'DELETE', handler: async ({ realtime, response }) => {
      await realtime.revalidate({ path: \`\${entity}.list\` });
      return response.noContent();
    } }),
  ]),
);`,
    // A helper outside any handler loops over keys: not checked
    `export async function refreshAll(keys: string[]) {
  for (const key of keys) await realtime.revalidate({ path: key });
}`,

    // --- Nested functions that are not iteration callbacks stop the walk
    mutation(`        for (const id of request.body.ids) {
          await context.database.$transaction(async (tx) => {
            await tx.post.archive(id);
            await realtime.revalidate({ path: 'posts.list' });
          });
        }
        return response.noContent();`),
    mutation(`        const jobs = [];
        for (const id of request.body.ids) {
          const refresh = () => realtime.revalidate({ path: 'posts.detail', params: { id } });
          jobs.push(refresh);
        }
        await jobs[0]?.();
        return response.noContent();`),

    // --- Jumps that leave the loop right after the revalidation
    // unconditional `break` in the loop body
    mutation(`        for (const candidate of request.body.candidates) {
          if (!(await context.slots.tryBook(candidate))) continue;
          await realtime.revalidate({ path: 'slots.list' });
          break;
        }
        return response.noContent();`),
    // `throw` after it
    mutation(`        while (true) {
          await realtime.revalidate({ path: 'jobs.status' });
          throw new Error('unreachable loop');
        }`),
    // `break outer` leaves both loops
    mutation(`        outer: for (const room of request.body.rooms) {
          for (const member of room.members) {
            if (member.id !== context.user.id) continue;
            await realtime.revalidate({ path: 'room.members', scopes: [\`room:\${room.id}\`] });
            break outer;
          }
        }
        return response.noContent();`),
    // `return` right after, in an enclosing block of the loop body
    mutation(`        for (const room of request.body.rooms) {
          if (room.open) {
            await realtime.revalidate({ path: 'room.list' });
          }
          return response.success(room);
        }
        return response.notFound('No room');`),
    // The inner loop is left by `break`, and the outer loop by `return`
    mutation(`        for (const room of request.body.rooms) {
          for (const member of room.members) {
            response.revalidate(['room.members']);
            break;
          }
          return response.success(room);
        }
        return response.noContent();`),

    // --- Parts of a loop that run once: the `for` initializer and the iterated expression
    mutation(`        for (let i = 0, done = await realtime.revalidate({ path: 'posts.list' }); i < 3; i++) {
          await context.jobs.tick(done);
        }
        for (const post of [await realtime.revalidate({ path: 'posts.feed' }), ...request.body.posts]) {
          await context.jobs.index(post);
        }
        return response.noContent();`),

    // --- Live publishes in loops are legitimate (real API and the seed's store API)
    mutation(`        for (const memberId of request.body.memberIds) {
          await realtime.publish(\`user:\${memberId}\`, { type: 'invite' });
          await realtime.to(\`user:\${memberId}\`).withData({ type: 'invite' }).publish();
          await context.store.publish(\`user:\${memberId}:notifications\`, { type: 'invite' });
        }
        request.body.rooms.forEach((roomId) => realtime.broadcast({ roomId }));
        return response.revalidate(['room.members']).success({ ok: true });`),

    // --- Other libraries' revalidation in loops
    mutation(`        for (const path of ['/blog', '/']) revalidatePath(path);
        for (const key of request.body.keys) await cache.revalidate(key);
        request.body.routes.forEach((route) => router.revalidate(route));
        return response.revalidate(['posts.list']).success({ ok: true });`),
    // `api` is not an Igniter instance without settings: neither its actions nor `api.realtime`
    `export const a = api.mutation({ path: '/', method: 'POST', handler: async ({ realtime, response }) => {
  for (const id of ids) await realtime.revalidate({ path: 'posts.detail', params: { id } });
  return response.noContent();
} });`,
    mutation(`        for (const id of request.body.ids) await api.realtime.revalidate({ path: 'posts.detail', params: { id } });
        return response.noContent();`),

    // --- Callbacks of methods not in the list, or not the callback argument
    mutation(`        request.body.ids.find((id) => realtime.revalidate({ path: 'posts.detail', params: { id } }));
        _.forEach(request.body.ids, (id) => realtime.revalidate({ path: 'posts.detail', params: { id } }));
        await withRetry(() => realtime.revalidate({ path: 'posts.list' }));
        return response.noContent();`),

    // --- Bad input: must not crash or report
    controller(`    a: igniter.mutation({ path: '/a', method: 'POST', handler: updateHandler }),
    b: igniter.mutation({ path: '/b', method: 'POST', handler: undefined }),
    [dynamicKey]: igniter.mutation({ path: '/c', method: 'POST', handler: async ({ response }) => response.revalidate(['posts.list']).success({}) }),
    ...sharedActions,
    d: igniter.mutation({ path: '/d', method: 'POST', handler: async () => { for (;;) break; } }),
    e: igniter.mutation(),`),
    `import { handler } from './handlers';
export const c = igniter.controller({ name: 'x', path: '/x', actions: { run: igniter.mutation({ path: '/', method: 'POST', handler }) } });
for (const key of keys) response['revalidate'](...key);`,
  ],

  invalid: [
    // --- Docs page: the ❌ examples, with locations on the first one
    { ...docs('archive-per-room'), errors: [{ ...inLoop('for…of'), line: 13, column: 26, endLine: 13, endColumn: 92, suggestions: [] }] },
    { ...docs('replaced-per-key'), errors: [{ ...inLoop('.forEach()'), line: 13, column: 20, endLine: 13, endColumn: 71, suggestions: [] }] },
    { ...docs('promise-all-map'), errors: [{ ...inLoop('.map()'), line: 12, column: 56, endLine: 12, endColumn: 117, suggestions: [] }] },
    { ...docs('import-pages'), errors: [{ ...inLoop('for await…of'), suggestions: [] }] },

    // --- Every loop statement
    {
      code: mutation(`        for (let i = 0; i < request.body.pages; i++) {
          await realtime.revalidate({ path: 'posts.list', query: { page: i } });
        }
        for (const key in request.body.counters) {
          response.revalidate([\`counters.\${key}\`]);
        }
        let cursor = await context.jobs.first();
        while (cursor) {
          await realtime.revalidate({ path: 'jobs.detail', params: { id: cursor.id } });
          cursor = await context.jobs.next(cursor);
        }
        do {
          await context.realtime.revalidate([{ path: 'jobs.list' }]);
        } while (await context.jobs.pending());
        return response.noContent();`),
      errors: [
        { ...inLoop('for'), line: 11, column: 26, endLine: 11, endColumn: 80, suggestions: [] },
        { ...inLoop('for…in'), line: 14, column: 20, endLine: 14, endColumn: 51, suggestions: [] },
        { ...inLoop('while'), line: 18, column: 26, endLine: 18, endColumn: 88, suggestions: [] },
        { ...inLoop('do…while'), line: 22, column: 34, endLine: 22, endColumn: 69, suggestions: [] },
      ],
    },
    // The `for` condition and `while` condition run on every iteration
    {
      code: mutation(`        for (let i = 0; await realtime.revalidate({ path: 'jobs.list' }), i < 3; i++) {}
        return response.noContent();`),
      errors: [{ ...inLoop('for'), suggestions: [] }],
    },

    // --- Every iteration method
    {
      code: mutation(`        const ids: string[] = request.body.ids;
        ids.forEach((id) => realtime.revalidate({ path: 'posts.detail', params: { id } }));
        await Promise.all(ids.map(async (id) => { await realtime.revalidate({ path: 'posts.detail', params: { id } }); }));
        ids.flatMap((id) => [realtime.revalidate({ path: 'posts.detail', params: { id } })]);
        await ids.reduce(async (previous, id) => { await previous; await realtime.revalidate({ path: 'posts.detail', params: { id } }); }, Promise.resolve());
        ids.filter((id) => realtime.revalidate({ path: 'posts.detail', params: { id } }));
        ids.some((id) => { realtime.revalidate({ path: 'posts.detail', params: { id } }); return false; });
        ids.every(function (id) { realtime.revalidate({ path: 'posts.detail', params: { id } }); return true; });
        ids?.forEach((id) => void realtime.revalidate({ path: 'posts.detail', params: { id } }));
        return response.noContent();`),
      errors: ['.forEach()', '.map()', '.flatMap()', '.reduce()', '.filter()', '.some()', '.every()', '.forEach()'].map((loop) => ({ ...inLoop(loop), suggestions: [] })),
    },

    // --- Every revalidation form: seed order, options form, element access
    {
      code: mutation(`        return Promise.all(request.body.items.map((item) => response.success(item).revalidate(['posts.list'])));`),
      errors: [{ ...inLoop('.map()'), line: 10, column: 84, endLine: 10, endColumn: 110, suggestions: [] }],
    },
    {
      code: mutation(`        for (const key of request.body.keys) {
          response.revalidate({ queryKeys: key, scopes: (ctx) => [\`user:\${ctx.user.id}\`] });
          response['revalidate']([key]);
        }
        return response.success({ ok: true });`),
      errors: [
        { ...inLoop('for…of'), line: 11, column: 20, endLine: 11, endColumn: 92, suggestions: [] },
        { ...inLoop('for…of'), line: 12, column: 20, endLine: 12, endColumn: 40, suggestions: [] },
      ],
    },

    // --- Handler binding styles
    {
      code: mutation(`        for (const id of request.body.ids) res.revalidate(['posts.list']);
        return res.success({ ok: true });`, '{ request, response: res }'),
      errors: [{ ...inLoop('for…of'), suggestions: [] }],
    },
    {
      code: mutation(`        for (const id of ctx.request.body.ids) await ctx.realtime.revalidate({ path: 'posts.detail', params: { id } });
        return ctx.response.noContent();`, 'ctx'),
      errors: [{ ...inLoop('for…of'), suggestions: [] }],
    },
    {
      code: mutation(`        const { realtime: rt, response } = ctx;
        for (const id of ctx.request.body.ids) await rt.revalidate({ path: 'posts.detail', params: { id } });
        for (const id of ctx.request.body.ids) await igniter.realtime.revalidate({ path: 'posts.detail', params: { id } });
        return response.noContent();`, 'ctx'),
      errors: [{ ...inLoop('for…of'), suggestions: [] }, { ...inLoop('for…of'), suggestions: [] }],
    },

    // A method handler
    {
      code: controller(`    touch: igniter.mutation({
      path: '/touch' as const,
      method: 'POST',
      async handler({ request, response }) {
        for (const id of request.body.ids) response.revalidate([\`posts.\${id}\`]);
        return response.noContent();
      },
    }),`),
      errors: [{ ...inLoop('for…of'), line: 10, column: 53, endLine: 10, endColumn: 80, suggestions: [] }],
    },

    // --- Real API factories imported from @igniter-js/core, action declared as a variable
    {
      code: `import { createIgniterMutation, createIgniterQuery } from '@igniter-js/core';

export const touchAll = createIgniterMutation({
  path: '/touch',
  method: 'POST',
  handler: async ({ request, realtime, response }) => {
    for (const id of request.body.ids) await realtime.revalidate({ path: 'posts.detail', params: { id } });
    return response.noContent();
  },
});
export const list = createIgniterQuery({
  path: '/',
  handler: async ({ request, response }) => {
    request.query.tags.forEach((tag) => response.revalidate([\`tags.\${tag}\`]));
    return response.success([]);
  },
});`,
      errors: [
        { ...inLoop('for…of'), line: 7, column: 55, endLine: 7, endColumn: 107, suggestions: [] },
        { ...inLoop('.forEach()'), line: 14, column: 50, endLine: 14, endColumn: 77, suggestions: [] },
      ],
    },

    // --- The innermost loop is named
    {
      code: mutation(`        for (const room of request.body.rooms) {
          room.members.forEach((member) => realtime.revalidate({ path: 'room.members', scopes: [\`user:\${member.id}\`] }));
        }
        request.body.rooms.forEach((room) => {
          for (const member of room.members) response.revalidate(['room.members']);
        });
        return response.noContent();`),
      errors: [{ ...inLoop('.forEach()'), suggestions: [] }, { ...inLoop('for…of'), suggestions: [] }],
    },

    // --- Jumps that do not leave every loop
    {
      code: mutation(`        for (const room of request.body.rooms) {
          for (const member of room.members) {
            await realtime.revalidate({ path: 'room.members' });
            break; // leaves the inner loop only
          }
        }
        for (const job of request.body.jobs) {
          switch (job.kind) {
            case 'sync':
              await realtime.revalidate({ path: 'jobs.list' });
              break; // leaves the switch only
          }
        }
        for (const job of request.body.jobs) {
          await realtime.revalidate({ path: 'jobs.detail', params: { id: job.id } });
          if (job.last) break; // conditional
          continue;
        }
        request.body.jobs.forEach((job) => {
          response.revalidate(['jobs.list']);
          return; // ends one callback call only
        });
        return response.noContent();`),
      errors: [
        { ...inLoop('for…of'), line: 12, column: 28, endLine: 12, endColumn: 64, suggestions: [] },
        { ...inLoop('for…of'), line: 19, column: 30, endLine: 19, endColumn: 63, suggestions: [] },
        { ...inLoop('for…of'), suggestions: [] },
        { ...inLoop('.forEach()'), suggestions: [] },
      ],
    },

    // --- Odd syntax: callbacks through parentheses, `as`, `satisfies`; callees through `!` and string keys;
    // escaped names and labels (read by their values); a labelled break of the inner loop only
    {
      code: mutation(`        const ids: string[] = request.body.ids;
        ids.forEach(((id) => realtime.revalidate({ path: 'a' })) as any);
        (ids!)['map']((id) => realtime.revalidate({ path: 'b' }) satisfies unknown);
        ids.forE\\u0061ch((id) => { realtime.revalidate({ path: 'c' }); });
        ids.forEach(skip, (id) => realtime.revalidate({ path: 'no' }));
        \\u006futer: for (const a of ids) {
          inner: for (const b of ids) {
            realtime.revalidate({ path: 'd' });
            break inner;
          }
        }
        outer: for (const a of ids) {
          for (const b of ids) {
            realtime.revalidate({ path: 'no' });
            break \\u006futer;
          }
        }
        return response.noContent();`),
      errors: ['.forEach()', '.map()', '.forEach()', 'for…of'].map((loop) => ({ ...inLoop(loop), suggestions: [] })),
    },

    // --- A query handler, missing arguments: still a revalidation in a loop
    {
      code: controller(`    feed: igniter.query({
      path: '/feed' as const,
      handler: async ({ request, response, realtime }) => {
        for (const id of request.query.ids) await realtime.revalidate();
        return response.success([]);
      },
    }),`),
      errors: [{ ...inLoop('for…of'), suggestions: [] }],
    },

    // --- An instance named by settings
    {
      code: `export const a = api.mutation({ path: '/', method: 'POST', handler: async ({ request, response }) => {
  for (const id of request.body.ids) await api.realtime.revalidate({ path: 'posts.detail', params: { id } });
  return response.noContent();
} });`,
      settings: { 'igniter-rt': { instanceNames: ['api'] } },
      errors: [{ ...inLoop('for…of'), line: 2, column: 57, endLine: 2, endColumn: 109, suggestions: [] }],
    },
  ],
};

runRuleCases('no-revalidate-in-loop', cases);

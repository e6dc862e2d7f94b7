/**
 * revalidate-before-response: `.revalidate(...)` chained after a terminal response call (the Igniter
 * realtime guide's order) is a type error in @igniter-js/core 0.3; the autofix moves it before the
 * terminal call. Cases cover the seed's examples, the real API's order, every handler binding style,
 * layouts and comments of the fix, when the fix is withheld, near misses and odd input.
 * `revalidate-before-response.typecheck.test.ts` checks the fixed code against the real types.
 */
import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases, type InvalidCase, type RuleCases } from '../../test/support/rule-harness.js';

/** A controller around the given `actions` entries (the first action starts on line 6). */
const controller = (actions: string): string => `import { igniter } from '@/igniter';

export const messageController = igniter.controller({
  name: 'message', path: '/messages',
  actions: {
${actions}
  },
});
`;

/** A mutation whose handler takes `({ request, context, response, realtime })` and runs `body` (body starts on line 9). */
const mutation = (body: string): string =>
  controller(`    update: igniter.mutation({
      path: '/:id' as const,
      handler: async ({ request, context, response, realtime }) => {
${body}
      },
    }),`);

/** An example of the docs page, in the page's controller template (the same text as `controller`). */
const docs = (name: string) => docsExample('revalidate-before-response', name);

/** A ❌ example without its `// ❌` notes for readers: the fix moves code, not those notes. */
const unmarked = (name: string) => docsExample('revalidate-before-response', name, { markers: false });

/** One error of this rule after `terminal`, with no suggestions (the rule has an autofix instead). */
const after = (terminal: string, location: Partial<Pick<InvalidCase['errors'][number], 'line' | 'column' | 'endLine' | 'endColumn'>> = {}) => ({
  messageId: 'revalidateAfterResponse',
  data: { terminal },
  ...location,
  suggestions: [],
});

const cases: RuleCases = {
  valid: [
    // --- Docs page: the ✅ examples (the ❌ ones after the fix, and realtime.revalidate)
    docs('guide-order-fixed'),
    docs('builders-and-scopes-fixed'),
    docs('options-form-with-comment-fixed'),
    docs('realtime-revalidate'),

    // --- Real 0.3 API: revalidate before the terminal call (the chat example's layout)
    mutation(`        const message = await context.database.messages.create({ roomId: request.params.id, text: request.body.text });
        return response
          .revalidate(['message.list'], () => [\`room:\${request.params.id}\`])
          .created({ message });`),

    // Options form before the terminal call
    mutation(`        return response.revalidate({ queryKeys: ['message.list'], data: { id: request.params.id } }).success({ ok: true });`),

    // Builders, then revalidate, then the terminal call
    mutation(`        return response.status(201).setHeader('X-Id', request.params.id).revalidate(['message.list']).created({ id: request.params.id });`),

    // realtime.revalidate / realtime.publish / realtime.to(...).publish() next to a plain response
    mutation(`        await realtime.revalidate([{ path: 'message.list', scopes: [\`room:\${request.params.id}\`] }]);
        await realtime.publish('room:updates', { id: request.params.id });
        await realtime.to(\`room:\${request.params.id}\`).withData({ typing: false }).publish();
        return response.noContent();`),

    // stream() returns the builder in 0.3: revalidate may follow it (it type-checks)
    controller(`    feed: igniter.query({
      path: '/feed' as const,
      stream: true,
      handler: async ({ response }) => response.stream({ channelId: 'message.feed' }).revalidate(['message.list']),
    }),`),

    // A revalidate with no terminal call at all
    mutation(`        return response.revalidate(['message.list']);`),

    // Terminal calls alone, success and error
    mutation(`        if (!request.params.id) return response.badRequest('Missing id');
        return response.success({ id: request.params.id });`),

    // A method 0.3 does not have (`ok`) is not claimed to be a plain response
    mutation(`        return response.ok({ id: request.params.id }).revalidate(['message.list']);`),

    // --- Handler bindings in every style, real order
    controller(`    rename: igniter.mutation({
      handler: async ({ response: res }) => res.revalidate(['message.list']).success({ ok: true }),
    }),
    archive: igniter.mutation({
      handler: async (ctx) => ctx.response.revalidate(['message.list']).noContent(),
    }),
    settle: igniter.mutation({
      handler: async (ctx) => {
        const { response } = ctx;
        return response.revalidate(['message.list']).json({ ok: true });
      },
    }),`),

    // createIgniterMutation imported from @igniter-js/core, real order
    `import { createIgniterMutation } from '@igniter-js/core';
export const removeMessage = createIgniterMutation({
  path: '/:id',
  method: 'DELETE',
  handler: async ({ request, context, response }) => {
    await context.database.messages.delete(request.params.id);
    return response.revalidate(['message.list']).noContent();
  },
});`,

    // --- Near misses: other libraries' `revalidate`, other objects' `success`
    `import { useRevalidator } from 'react-router';
export function RefreshButton() {
  const revalidator = useRevalidator();
  return () => revalidator.revalidate();
}`,
    `export async function save(api: Api, toast: Toast) {
  const saved = await api.save();
  toast.success('Saved').revalidate(['message.list']);
  return api.success(saved).revalidate(['message.list']);
}`,
    // A handler's local `response` that is not the handler's (a fetch Response)
    controller(`    proxy: igniter.query({
      path: '/proxy' as const,
      handler: async ({ response: reply }) => {
        const response = await fetch('https://example.com/messages');
        const body = await response.json();
        return reply.success(body);
      },
    }),`),
    // Outside handlers only the name `response` is taken at its word
    `export const finish = (res: Processor, data: unknown) => res.success(data).revalidate(['message.list']);`,
    // Another instance name is not Igniter unless settings say so
    `export const create = api.mutation({
  path: '/',
  handler: async ({ response: r }) => r.created({ ok: true }).revalidate(['message.list']),
});`,
    // The pattern in a comment or a string is not code
    mutation(`        // Guide order: response.success(x).revalidate(['message.list']) does not compile in 0.3
        const hint = "response.created(m).revalidate(['message.list'])";
        return response.revalidate(['message.list']).success({ hint });`),

    // --- Bad input: must not crash or report
    controller(`    byName: igniter.mutation({ path: '/a', handler: handleUpdate }),
    imported: igniter.mutation({ path: '/b', handler: undefined }),
    ...sharedActions,
    [dynamicKey]: igniter.mutation({ path: '/c', handler: async ({ response }) => response.revalidate(['message.list']).success({}) }),
    empty: igniter.mutation(),`),
    // `revalidate` read but not called
    mutation(`        const later = response.success({ ok: true }).revalidate;
        const other = response.success({ ok: true })['revalidate'];
        return response.noContent();`),
    // Syntax the parser still accepts: a revalidate on nothing
    `revalidate();
(revalidate)?.();
export default { revalidate: () => response };`,
    // An empty options object is accepted
    { code: mutation(`        return response.revalidate(['message.list']).created({ id: request.params.id });`), options: [{}] },
    // TSX
    {
      code: `import { igniter } from '@/igniter';
export const view = igniter.query({
  path: '/view',
  handler: async ({ response }) => response.revalidate(['message.list']).success(<div>ok</div>),
});`,
      filename: 'file.tsx',
    },
  ],

  invalid: [
    // --- Docs page: each ❌ example is fixed into its ✅ one
    {
      ...unmarked('guide-order'),
      output: docs('guide-order-fixed').code,
      // `.revalidate(['messages.list'])` on line 12, indented 10 (4 for `actions` + 6 in the docs)
      errors: [after('created', { line: 12, column: 12, endLine: 12, endColumn: 41 })],
    },
    { ...unmarked('builders-and-scopes'), output: docs('builders-and-scopes-fixed').code, errors: [after('created', { line: 9, column: 109, endLine: 9, endColumn: 171 })] },
    {
      ...unmarked('options-form-with-comment'),
      output: docs('options-form-with-comment-fixed').code,
      errors: [after('noContent', { line: 14, column: 12, endLine: 14, endColumn: 72 })],
    },

    // --- Seed: "Automatic Revalidation Pattern" (the guide's ✅, in the guide's order)
    {
      code: controller(`    create: igniter.mutation({
      name: 'Send Message',
      path: '/' as const,
      body: MessageSchema,
      handler: async ({ request, context, response }) => {
        // Business Logic: Create message
        const message = await context.database.message.create({
          data: {
            ...request.body,
            userId: context.user.id,
            roomId: context.room.id
          }
        });

        // ✅ CRITICAL: Trigger automatic UI updates
        return response.created(message)
          .revalidate(['messages.list']); // All connected clients update
      }
    }),`),
      output: controller(`    create: igniter.mutation({
      name: 'Send Message',
      path: '/' as const,
      body: MessageSchema,
      handler: async ({ request, context, response }) => {
        // Business Logic: Create message
        const message = await context.database.message.create({
          data: {
            ...request.body,
            userId: context.user.id,
            roomId: context.room.id
          }
        });

        // ✅ CRITICAL: Trigger automatic UI updates
        return response
          .revalidate(['messages.list'])
          .created(message); // All connected clients update
      }
    }),`),
      errors: [after('created', { line: 22, column: 12, endLine: 22, endColumn: 41 })],
    },

    // --- Seed: "User-Specific Updates" (a multi-line revalidate with a scope resolver)
    {
      code: controller(`    updateProfile: igniter.mutation({
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const updated = await context.database.user.update({
          where: { id: context.user.id },
          data: request.body
        });

        // ✅ CORRECT: Only revalidate for specific user
        return response.success(updated)
          .revalidate(
            ['user.profile'],
            (ctx) => [\`user:\${ctx.user.id}\`] // Scope function
          );
      }
    }),`),
      output: controller(`    updateProfile: igniter.mutation({
      use: [authProcedure()],
      handler: async ({ request, context, response }) => {
        const updated = await context.database.user.update({
          where: { id: context.user.id },
          data: request.body
        });

        // ✅ CORRECT: Only revalidate for specific user
        return response
          .revalidate(
            ['user.profile'],
            (ctx) => [\`user:\${ctx.user.id}\`] // Scope function
          )
          .success(updated);
      }
    }),`),
      errors: [after('success', { line: 16, column: 12, endLine: 19, endColumn: 12 })],
    },

    // --- Seed: "Room-Based Broadcasting" and "Message Status Updates" (two actions, two findings)
    {
      code: controller(`    sendToRoom: igniter.mutation({
      handler: async ({ request, context, response }) => {
        const { roomId, message } = request.body;
        const saved = await context.database.message.create({
          data: { roomId, content: message, userId: context.user.id }
        });

        // ✅ CORRECT: Scoped to room participants
        return response.created(saved)
          .revalidate(
            ['room.messages'],
            (ctx) => [\`room:\${roomId}\`]
          );
      }
    }),
    markAsRead: igniter.mutation({
      handler: async ({ request, context, response }) => {
        const { messageIds } = request.body;
        const senderIds = await context.database.message.senders(messageIds);

        // ✅ CORRECT: Scoped to message senders
        return response.success({ marked: messageIds.length })
          .revalidate(
            ['messages.status'],
            () => senderIds.map(id => \`user:\${id}\`)
          );
      }
    }),`),
      output: controller(`    sendToRoom: igniter.mutation({
      handler: async ({ request, context, response }) => {
        const { roomId, message } = request.body;
        const saved = await context.database.message.create({
          data: { roomId, content: message, userId: context.user.id }
        });

        // ✅ CORRECT: Scoped to room participants
        return response
          .revalidate(
            ['room.messages'],
            (ctx) => [\`room:\${roomId}\`]
          )
          .created(saved);
      }
    }),
    markAsRead: igniter.mutation({
      handler: async ({ request, context, response }) => {
        const { messageIds } = request.body;
        const senderIds = await context.database.message.senders(messageIds);

        // ✅ CORRECT: Scoped to message senders
        return response
          .revalidate(
            ['messages.status'],
            () => senderIds.map(id => \`user:\${id}\`)
          )
          .success({ marked: messageIds.length });
      }
    }),`),
      errors: [after('created', { line: 15, column: 12, endLine: 18, endColumn: 12 }), after('success', { line: 28, column: 12, endLine: 31, endColumn: 12 })],
    },

    // --- Seed: "❌ Broadcasting to all" (this rule cares about the order, not the scope)
    {
      code: mutation(`        return response.success(data)
          .revalidate(['sensitive.data']);`),
      output: mutation(`        return response
          .revalidate(['sensitive.data'])
          .success(data);`),
      errors: [after('success', { line: 10, column: 12, endLine: 10, endColumn: 42 })],
    },

    // --- Seed: "Debounced Updates" and "Batch Processing": helpers outside handlers, `response` at its word
    {
      code: `const debouncedRevalidate = debounce(
  (queryKeys: string[]) => {
    return response.success(data).revalidate(queryKeys);
  },
  100 // 100ms debounce
);`,
      output: `const debouncedRevalidate = debounce(
  (queryKeys: string[]) => {
    return response.revalidate(queryKeys).success(data);
  },
  100 // 100ms debounce
);`,
      errors: [after('success', { line: 3, column: 35, endLine: 3, endColumn: 56 })],
    },
    {
      code: `const batchUpdate = async (updates: Update[]) => {
  const results = await Promise.all(updates.map(u => processUpdate(u)));

  // Single revalidation for all
  return response.success(results)
    .revalidate(['messages.list']);
};`,
      output: `const batchUpdate = async (updates: Update[]) => {
  const results = await Promise.all(updates.map(u => processUpdate(u)));

  // Single revalidation for all
  return response
    .revalidate(['messages.list'])
    .success(results);
};`,
      errors: [after('success')],
    },

    // --- Handler bindings: renamed, whole context, destructured in the body
    {
      code: controller(`    rename: igniter.mutation({
      handler: async ({ response: res }) => res.status(201).created({ ok: true }).revalidate(['message.list']),
    }),
    archive: igniter.mutation({
      handler: async (ctx) => ctx.response.noContent().revalidate({ queryKeys: ['message.list'] }),
    }),
    settle: igniter.mutation({
      handler: async (ctx) => {
        const { response } = ctx;
        return response.json({ ok: true }).revalidate(['message.list'], (c) => [\`user:\${c.user.id}\`]);
      },
    }),`),
      output: controller(`    rename: igniter.mutation({
      handler: async ({ response: res }) => res.status(201).revalidate(['message.list']).created({ ok: true }),
    }),
    archive: igniter.mutation({
      handler: async (ctx) => ctx.response.revalidate({ queryKeys: ['message.list'] }).noContent(),
    }),
    settle: igniter.mutation({
      handler: async (ctx) => {
        const { response } = ctx;
        return response.revalidate(['message.list'], (c) => [\`user:\${c.user.id}\`]).json({ ok: true });
      },
    }),`),
      errors: [
        after('created', { line: 7, column: 83, endLine: 7, endColumn: 111 }),
        after('noContent', { line: 10, column: 56, endLine: 10, endColumn: 99 }),
        after('json'),
      ],
    },

    // --- Error terminals are plain responses too
    {
      code: mutation(`        const found = await context.database.messages.findById(request.params.id);
        if (!found) return response.notFound('Message not found').revalidate(['message.list']);
        return response.revalidate(['message.list']).success(found);`),
      output: mutation(`        const found = await context.database.messages.findById(request.params.id);
        if (!found) return response.revalidate(['message.list']).notFound('Message not found');
        return response.revalidate(['message.list']).success(found);`),
      errors: [after('notFound', { line: 10, column: 67, endLine: 10, endColumn: 95 })],
    },

    // --- createIgniterMutation from @igniter-js/core, type arguments kept
    {
      code: `import { createIgniterMutation } from '@igniter-js/core';
export const removeMessage = createIgniterMutation({
  path: '/:id',
  method: 'DELETE',
  handler: async ({ response }) => response.success<{ ok: boolean }>({ ok: true }).revalidate(['message.list']),
});`,
      output: `import { createIgniterMutation } from '@igniter-js/core';
export const removeMessage = createIgniterMutation({
  path: '/:id',
  method: 'DELETE',
  handler: async ({ response }) => response.revalidate(['message.list']).success<{ ok: boolean }>({ ok: true }),
});`,
      errors: [after('success', { line: 5, column: 84, endLine: 5, endColumn: 112 })],
    },

    // --- Another instance name, when settings name it
    {
      code: `export const create = api.mutation({
  path: '/',
  handler: async ({ response: r }) => r.created({ ok: true }).revalidate(['message.list']),
});`,
      output: `export const create = api.mutation({
  path: '/',
  handler: async ({ response: r }) => r.revalidate(['message.list']).created({ ok: true }),
});`,
      settings: { 'igniter-rt': { instanceNames: ['api'] } },
      errors: [after('created', { line: 3, column: 63, endLine: 3, endColumn: 91 })],
    },

    // --- Layout: each call on its own line trades lines; comments travel with the call after them
    {
      code: mutation(`        return response
          .status(202)
          // the updated message
          .success({ id: request.params.id })
          // and every list that shows it
          .revalidate(['message.list']);`),
      output: mutation(`        return response
          .status(202)
          // and every list that shows it
          .revalidate(['message.list'])
          // the updated message
          .success({ id: request.params.id });`),
      errors: [after('success', { line: 14, column: 12, endLine: 14, endColumn: 40 })],
    },
    // An inline block comment travels with the revalidate call; a trailing line comment of the terminal too
    {
      code: mutation(`        if (request.params.id) return response.created({ id: 1 }) /* then */ .revalidate(['message.list']);
        return response.created({ id: 2 }) // the new one
          .revalidate(['message.list']);`),
      output: mutation(`        if (request.params.id) return response /* then */ .revalidate(['message.list']).created({ id: 1 });
        return response // the new one
          .revalidate(['message.list'])
          .created({ id: 2 });`),
      errors: [after('created'), after('created')],
    },
    // A multi-line terminal call that moves to a line of its own is re-indented
    {
      code: mutation(`        return response.success({
          id: request.params.id,
        })
          .revalidate(['message.list']);`),
      output: mutation(`        return response
          .revalidate(['message.list'])
          .success({
            id: request.params.id,
          });`),
      errors: [after('success', { line: 12, column: 12, endLine: 12, endColumn: 40 })],
    },
    // ...unless it holds a template literal, whose spaces may be data
    {
      code: mutation(`        return response.success({
          text: \`line one
line two\`,
        })
          .revalidate(['message.list']);`),
      output: mutation(`        return response
          .revalidate(['message.list'])
          .success({
          text: \`line one
line two\`,
        });`),
      errors: [after('success')],
    },
    // CRLF line breaks stay CRLF
    {
      code: mutation(`        return response.success({ ok: true })\r\n          .revalidate(['message.list']);`),
      output: mutation(`        return response\r\n          .revalidate(['message.list'])\r\n          .success({ ok: true });`),
      errors: [after('success', { line: 10, column: 12, endLine: 10, endColumn: 40 })],
    },
    // A terminal call on its own line followed by the revalidate on the same line: the layout stays
    {
      code: mutation(`        return response
          .created({ id: request.params.id }).revalidate(['message.list']);`),
      output: mutation(`        return response
          .revalidate(['message.list']).created({ id: request.params.id });`),
      errors: [after('created')],
    },
    // Element access and optional chaining are moved as written
    {
      code: mutation(`        if (request.params.id) return response.success(1)['revalidate'](['message.list']);
        return response['created'](2)?.revalidate(['message.list']);`),
      output: mutation(`        if (request.params.id) return response['revalidate'](['message.list']).success(1);
        return response?.revalidate(['message.list'])['created'](2);`),
      errors: [after('success', { line: 9, column: 59, endLine: 9, endColumn: 90 }), after('created', { line: 10, column: 40, endLine: 10, endColumn: 68 })],
    },
    // Missing arguments are moved as they are
    {
      code: mutation(`        return response.success().revalidate();`),
      output: mutation(`        return response.revalidate().success();`),
      errors: [after('success', { line: 9, column: 35, endLine: 9, endColumn: 47 })],
    },

    // --- Several calls after the terminal: `.revalidate(a).revalidate(b)` is tested below (two fix passes)
    // Another call after the revalidate stays where it is
    {
      code: mutation(`        return response.success({ ok: true }).revalidate(['message.list']).setHeader('X-Done', '1');`),
      output: mutation(`        return response.revalidate(['message.list']).success({ ok: true }).setHeader('X-Done', '1');`),
      errors: [after('success')],
    },

    // --- Reported without a fix: not directly chained
    {
      code: mutation(`        if (request.params.id) return response.success(1).setHeader('X-Id', '1').revalidate(['message.list']);
        if (request.body) return (response.success(3)).revalidate(['message.list']);
        return response.success(2)!.revalidate(['message.list']);`),
      output: null,
      errors: [
        after('success', { line: 9, column: 82, endLine: 9, endColumn: 110 }),
        after('success', { line: 10, column: 56, endLine: 10, endColumn: 84 }),
        after('success', { line: 11, column: 37, endLine: 11, endColumn: 65 }),
      ],
    },
    // ...and when `response` is used again after the chain (the fix would revalidate that response too)
    {
      code: mutation(`        const done = response.success({ ok: true }).revalidate(['message.list']);
        if (!request.params.id) return response.badRequest('Missing id');
        return done;`),
      output: null,
      errors: [after('success', { line: 9, column: 53, endLine: 9, endColumn: 81 })],
    },
    // ...or anywhere else in the handler when the chain sits in a callback (it may run later)
    {
      code: mutation(`        const items = request.body.items.map((item) => response.created(item).revalidate(['message.list']));
        return response.success(items);`),
      output: null,
      errors: [after('created')],
    },
    // Not returned but nothing reaches `response` afterwards: fixed
    {
      code: mutation(`        if (!request.params.id) return response.badRequest('Missing id');
        const done = response.success({ ok: true }).revalidate(['message.list']);
        return done;`),
      output: mutation(`        if (!request.params.id) return response.badRequest('Missing id');
        const done = response.revalidate(['message.list']).success({ ok: true });
        return done;`),
      errors: [after('success', { line: 10, column: 53, endLine: 10, endColumn: 81 })],
    },
    // A branch of a returned conditional is returned too
    {
      code: mutation(`        return request.params.id ? response.success({ ok: true }).revalidate(['message.list']) : response.notFound();`),
      output: mutation(`        return request.params.id ? response.revalidate(['message.list']).success({ ok: true }) : response.notFound();`),
      errors: [after('success')],
    },

    // --- TSX
    {
      code: `import { igniter } from '@/igniter';
export const view = igniter.mutation({
  path: '/view',
  handler: async ({ response }) => response.success(<div>ok</div>).revalidate(['message.list']),
});`,
      output: `import { igniter } from '@/igniter';
export const view = igniter.mutation({
  path: '/view',
  handler: async ({ response }) => response.revalidate(['message.list']).success(<div>ok</div>),
});`,
      filename: 'file.tsx',
      errors: [after('success', { line: 4, column: 68, endLine: 4, endColumn: 96 })],
    },
  ],
};

runRuleCases('revalidate-before-response', cases);

/**
 * `.success(x).revalidate(a).revalidate(b)`: both are reported, only the one directly on the terminal
 * call is fixed in a pass, so `--fix` (several passes) moves them in order and `b` still wins. The
 * RuleTesters of ESLint 9 and 10 disagree on how to state several passes, so this runs on the Linter.
 */
describe('revalidate-before-response: several revalidate calls after the terminal call', () => {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    { files: ['**/*.ts'], languageOptions: { parser }, plugins: { 'igniter-rt': plugin }, rules: { 'igniter-rt/revalidate-before-response': 'warn' } },
  ];
  const code = mutation(`        return response.success({ ok: true }).revalidate(['message.list']).revalidate(['message.count'], () => ['room:1']);`);

  it('reports each of them, and offers a fix only for the one directly on the terminal call', () => {
    const messages = linter.verify(code, config, 'file.ts');
    expect(messages.map(({ messageId, line, column, endLine, endColumn, fix }) => ({ messageId, line, column, endLine, endColumn, fixed: !!fix }))).toEqual([
      { messageId: 'revalidateAfterResponse', line: 9, column: 47, endLine: 9, endColumn: 75, fixed: true },
      { messageId: 'revalidateAfterResponse', line: 9, column: 76, endLine: 9, endColumn: 123, fixed: false },
    ]);
  });

  it('moves them one pass at a time, keeping their order', () => {
    const result = linter.verifyAndFix(code, config, 'file.ts');
    expect(result.messages).toEqual([]);
    expect(result.output).toBe(
      mutation(`        return response.revalidate(['message.list']).revalidate(['message.count'], () => ['room:1']).success({ ok: true });`),
    );
  });
});

/**
 * no-unscoped-revalidate: a revalidation of private data must carry scopes, and scopes must narrow
 * (a resolver returning `[]` or `'*'` does not). Cases cover the seed's examples, the real
 * @igniter-js/core 0.3 API (`response.revalidate(keys, scopes)`, the options form,
 * `realtime.revalidate(targets)`), every handler binding style, the options, and odd input.
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases, type RuleCases } from '../../test/support/rule-harness.js';

/** A controller around the given `actions` entries (the first action starts on line 4). */
const controller = (actions: string): string => `import { igniter } from '@/igniter';

export const messageController = igniter.controller({
  name: 'message', path: '/messages',
  actions: {
${actions}
  },
});
`;

/** A mutation `name` whose handler takes `({ request, context, response, realtime })` and runs `body`. */
const mutation = (body: string, extra = ''): string =>
  controller(`    update: igniter.mutation({
      path: '/:id' as const,${extra}
      handler: async ({ request, context, response, realtime }) => {
${body}
      },
    }),`);

const strict = [{ requireScopeWhenAuthenticated: true }];

/** An example of the docs page, in the page's controller template (its options, if any, from the page). */
const docs = (name: string) => docsExample('no-unscoped-revalidate', name);

const cases: RuleCases = {
  valid: [
    // --- Docs page: the ✅ examples (the first with requireScopeWhenAuthenticated; the last is the guide's
    // "Automatic Revalidation Pattern" as written: unscoped, but `messages.list` is not private data)
    docs('profile-scoped'),
    docs('options-form-and-target-scoped'),
    docs('guide-public-list'),
    // Option sensitiveKeys replaces the default list
    docs('defaults-replaced'),

    // --- Seed: "User-Specific Updates" (✅ scoped, seed order: terminal then .revalidate)
    controller(`    updateProfile: igniter.mutation({
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

    // --- Seed: "Room-Based Broadcasting" (✅ scoped to the room)
    controller(`    sendToRoom: igniter.mutation({
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
    }),`),

    // --- Seed: "Message Status Updates" (✅ scoped to the senders, resolver without parameter)
    controller(`    markAsRead: igniter.mutation({
      handler: async ({ request, context, response }) => {
        const { messageIds, roomId } = request.body;
        const messages = await context.database.message.findMany({
          where: { id: { in: messageIds } },
          select: { senderId: true }
        });
        const senderIds = [...new Set(messages.map(m => m.senderId))];

        // ✅ CORRECT: Scoped to message senders
        return response.success({ marked: messageIds.length })
          .revalidate(
            ['messages.status'],
            () => senderIds.map(id => \`user:\${id}\`)
          );
      }
    }),`),

    // --- Seed: "Batch Processing" (✅, a helper outside any handler; `response` taken at its word)
    `// ✅ CORRECT: Batch multiple updates
const batchUpdate = async (updates: Update[]) => {
  const results = await Promise.all(updates.map(u => processUpdate(u)));

  // Single revalidation for all
  return response.success(results)
    .revalidate(['messages.list']);
};`,

    // --- Seed: "Debounced Updates" (✅): keys are a variable, so nothing is known to be private
    `const debouncedRevalidate = debounce(
  (queryKeys: string[]) => {
    return response.success(data).revalidate(queryKeys);
  },
  100 // 100ms debounce
);`,

    // --- Real 0.3 API: revalidate before the terminal call, with a scope resolver
    mutation(`        const updated = await context.database.user.update({ where: { id: request.params.id }, data: request.body });
        return response.revalidate(['user.profile'], async (ctx) => [\`user:\${ctx.user.id}\`]).success(updated);`),

    // --- Real 0.3 API: options form with `scopes`
    mutation(`        const invoice = await context.billing.pay(request.params.id);
        return response
          .revalidate({ queryKeys: ['billing.invoices'], scopes: async (ctx) => [\`tenant:\${ctx.tenant.id}\`] })
          .success(invoice);`),

    // The options form without scopes, on a public key
    mutation(`        return response.revalidate({ queryKeys: 'posts.list' }).success({ ok: true });`),

    // The options form: a second argument wins over the object's (missing) `scopes`, as at runtime
    mutation(`        return response.revalidate({ queryKeys: ['user.profile'] }, (ctx) => [\`user:\${ctx.user.id}\`]).noContent();`),

    // --- realtime.revalidate(target | target[]) with scopes, in every receiver form
    mutation(`        const { id } = request.params;
        await realtime.revalidate({ path: 'users.getById', params: { id }, scopes: [\`user:\${id}\`] });
        return response.noContent();`),
    mutation(`        await context.realtime.revalidate([
          { path: 'notifications.list', scopes: [\`user:\${context.user.id}\`] },
          { path: 'posts.list' },
        ]);
        return response.noContent();`),
    `import { igniter } from '@/igniter';
export async function notifyOwner(ownerId: string) {
  const scopes = [\`user:\${ownerId}\`];
  await igniter.realtime.revalidate({ path: 'account.overview', scopes });
}`,

    // --- Handler bindings in every style, all scoped
    controller(`    rename: igniter.mutation({
      handler: async ({ context, response: res }) => {
        return res.revalidate(['profile.show'], (ctx) => [\`user:\${ctx.user.id}\`]).success({ ok: true });
      },
    }),
    archive: igniter.mutation({
      handler: async (ctx) => ctx.response.revalidate(['inbox.list'], (c) => [\`user:\${c.user.id}\`]).success({ ok: true }),
    }),
    settle: igniter.mutation({
      handler: async (ctx) => {
        const { response } = ctx;
        return response.revalidate(['payment.history'], (c) => [\`user:\${c.user.id}\`]).success({ ok: true });
      },
    }),`),

    // --- createIgniterMutation imported from @igniter-js/core, scoped
    `import { createIgniterMutation } from '@igniter-js/core';
export const deleteAccount = createIgniterMutation({
  path: '/account',
  method: 'DELETE',
  handler: async ({ context, response }) => {
    await context.accounts.remove(context.user.id);
    return response.revalidate(['account.current'], (ctx) => [\`user:\${ctx.user.id}\`]).noContent();
  },
});`,

    // --- Scope resolvers we cannot evaluate are trusted (named function, a branch that narrows)
    mutation(`        return response.revalidate(['user.profile'], scopeToCurrentUser).success({ ok: true });`),
    mutation(`        return response.revalidate(['settings.team'], async (ctx) => {
          if (!ctx.team) return [];
          return [\`team:\${ctx.team.id}\`];
        }).success({ ok: true });`),
    // A list that holds '*' next to a real scope is not "only a wildcard"
    mutation(`        return response.revalidate(['posts.list'], () => ['*', 'role:admin']).success({ ok: true });`),

    // --- Keys that are not sensitive: no segment matches a default glob
    mutation(`        return response.revalidate(['team.members', 'reports.summary', 'superuser.audit']).success({ ok: true });`),
    // Non-literal keys (template with substitutions, variables) are unknown, not sensitive
    mutation(`        const key = 'user.profile';
        return response.revalidate([\`user.\${request.params.id}\`, key]).success({ ok: true });`),

    // --- Near misses: other libraries' revalidate, a local `response` that is not the handler's
    `import useSWR from 'swr';
const { mutate } = useSWR('/api/user');
cache.revalidate(['user.profile']);
queryClient.revalidate({ queryKeys: ['billing.invoices'] });
this.response.revalidate(['account.balance']);
router.revalidate({ path: 'user.profile' });`,
    controller(`    sync: igniter.mutation({
      handler: async ({ request, context }) => {
        const response = await fetch(context.upstream);
        response.revalidate(['user.profile']);
        return Response.json({ ok: true });
      },
    }),`),
    // Another instance name is not Igniter unless settings say so
    `import { api } from './api';
export const refresh = () => api.realtime.revalidate({ path: 'user.profile' });`,

    // --- Option sensitiveKeys replaces the default list
    {
      code: mutation(`        return response.revalidate(['user.profile']).success({ ok: true });`),
      options: [{ sensitiveKeys: ['order*'] }],
    },
    // --- requireScopeWhenAuthenticated: off by default; on, it needs an auth procedure in `use`
    mutation(`        return response.revalidate(['posts.list']).success({ ok: true });`, `
      use: [authProcedure()],`),
    {
      code: mutation(`        return response.revalidate(['posts.list']).success({ ok: true });`, `
      use: [rateLimit({ max: 10 }), cors],`),
      options: strict,
    },
    {
      code: mutation(`        return response.revalidate(['posts.list'], (ctx) => [\`org:\${ctx.org.id}\`]).success({ ok: true });`, `
      use: [authProcedure()],`),
      options: strict,
    },
    // authProcedures replaces the default pattern: `authProcedure` no longer counts
    {
      code: mutation(`        return response.revalidate(['posts.list']).success({ ok: true });`, `
      use: [authProcedure()],`),
      options: [{ requireScopeWhenAuthenticated: true, authProcedures: '^requireUser$' }],
    },
    // The `/source/flags` form: without the `i` flag the match is case-sensitive
    {
      code: mutation(`        return response.revalidate(['posts.list']).success({ ok: true });`, `
      use: [authProcedure()],`),
      options: [{ requireScopeWhenAuthenticated: true, authProcedures: '/^Auth/' }],
    },
    // Revalidations outside any action have no `use`: not "authenticated"
    {
      code: `export const touch = () => response.success({}).revalidate(['posts.list']);`,
      options: strict,
    },
    // With strict, targets whose scopes we cannot see (variables, spreads) stay silent
    {
      code: mutation(`        await realtime.revalidate(targets);
        await realtime.revalidate([...targets, { ...base, path: 'posts.list' }]);
        return response.revalidate(revalidateOptions).success({ ok: true });`, `
      use: [authProcedure()],`),
      options: strict,
    },

    // --- Bad input: must not crash or report
    controller(`    a: igniter.mutation({ handler: updateHandler }),
    b: igniter.mutation({ handler: undefined }),
    [dynamicKey]: igniter.mutation({ handler: async ({ response }) => response.success({}).revalidate(['posts.list']) }),
    ...sharedActions,
    c: igniter.mutation({ handler: async ({ response }) => response.revalidate().success({}) }),
    d: igniter.mutation({ handler: async ({ realtime, response }) => { await realtime.revalidate(); return response.noContent(); } }),
    e: igniter.mutation({ handler: async ({ response }) => response.revalidate({}).success({}) }),
    f: igniter.mutation({ handler: async ({ realtime }) => realtime.revalidate([null, 'user.profile']) }),`),
    `import { handler } from './handlers';
export const c = igniter.controller({ name: 'x', path: '/x', actions: { run: igniter.mutation({ handler }) } });
response.revalidate;
response['revalidate'](...keys);`,
  ],

  invalid: [
    // --- Docs page: the ❌ examples; the first is the guide's "❌ Broadcasting to all", in an action (guide order)
    {
      ...docs('guide-broadcast-to-all'),
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'sensitive.data' }, line: 11, column: 12, endLine: 11, endColumn: 42, suggestions: [] }],
    },
    { ...docs('profile-unscoped'), errors: [{ messageId: 'unscopedSensitive', data: { key: 'user.profile' }, suggestions: [] }] },
    {
      ...docs('options-form-and-target-unscoped'),
      errors: [
        { messageId: 'unscopedSensitive', data: { key: 'notifications.list' }, suggestions: [] },
        { messageId: 'unscopedSensitive', data: { key: 'billing.invoices' }, suggestions: [] },
      ],
    },
    { ...docs('scopes-narrow-nothing'), errors: [{ messageId: 'wildcardScopes', suggestions: [] }, { messageId: 'emptyScopes', suggestions: [] }] },
    { ...docs('authenticated-unscoped'), errors: [{ messageId: 'unscopedAuthenticated', data: { procedure: 'authProcedure' }, suggestions: [] }] },
    { ...docs('custom-sensitive-key'), errors: [{ messageId: 'unscopedSensitive', data: { key: 'orders.mine' }, suggestions: [] }] },

    // --- Real 0.3 API: revalidate before the terminal call, no scopes; reported on `revalidate(...)` only
    {
      code: mutation(`        const updated = await context.database.user.update({ where: { id: request.params.id }, data: request.body });
        return response.revalidate(['user.profile']).success(updated);`),
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'user.profile' }, line: 10, column: 25, endLine: 10, endColumn: 53, suggestions: [] }],
    },
    // The first sensitive key of the list is named
    {
      code: mutation(`        return response.revalidate(['posts.list', 'notifications.unread', 'billing.summary']).success({ ok: true });`),
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'notifications.unread' }, suggestions: [] }],
    },
    // Segments match case-insensitively (`userSettings` matches `user*`)
    {
      code: mutation(`        return response.revalidate('team.userSettings').success({ ok: true });`),
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'team.userSettings' }, suggestions: [] }],
    },
    // Element access: reported from the quoted name
    {
      code: mutation(`        return response['revalidate'](['session.current']).success({ ok: true });`),
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'session.current' }, line: 9, column: 25, endLine: 9, endColumn: 59, suggestions: [] }],
    },
    // `scopes` passed as `undefined` is no scope at all
    {
      code: mutation(`        return response.revalidate(['dm.threads'], undefined).success({ ok: true });`),
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'dm.threads' }, suggestions: [] }],
    },

    // --- Real 0.3 API: options form without scopes
    {
      code: mutation(`        const invoice = await context.billing.pay(request.params.id);
        return response
          .revalidate({ queryKeys: 'billing.invoices', data: invoice })
          .success(invoice);`),
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'billing.invoices' }, line: 11, column: 12, endLine: 11, endColumn: 72, suggestions: [] }],
    },

    // --- realtime.revalidate: one finding per sensitive target without scopes
    {
      code: mutation(`        await realtime.revalidate({ path: 'notifications.list' });
        return response.noContent();`),
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'notifications.list' }, line: 9, column: 24, endLine: 9, endColumn: 66, suggestions: [] }],
    },
    {
      code: `import { igniter } from '@/igniter';
export async function afterPayment(userId: string) {
  await igniter.realtime.revalidate([
    { path: 'posts.list' },
    { path: 'payment.status', scopes: [\`user:\${userId}\`] },
    { path: 'inbox.unread' },
    { path: 'admin.dashboard' },
  ]);
}`,
      errors: [
        { messageId: 'unscopedSensitive', data: { key: 'inbox.unread' }, line: 3, column: 26, endLine: 8, endColumn: 5, suggestions: [] },
        { messageId: 'unscopedSensitive', data: { key: 'admin.dashboard' }, line: 3, column: 26, endLine: 8, endColumn: 5, suggestions: [] },
      ],
    },
    {
      code: mutation(`        await context.realtime.revalidate({ path: 'private.notes' });
        return response.noContent();`),
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'private.notes' }, suggestions: [] }],
    },

    // --- Scopes that narrow nothing: empty list, wildcard (resolver forms and realtime arrays)
    {
      code: mutation(`        return response.revalidate(['posts.list'], () => []).success({ ok: true });`),
      errors: [{ messageId: 'emptyScopes', line: 9, column: 25, endLine: 9, endColumn: 61, suggestions: [] }],
    },
    {
      code: mutation(`        return response.success({ ok: true }).revalidate(['room.messages'], async (ctx) => {
          return ['*'];
        });`),
      errors: [{ messageId: 'wildcardScopes', line: 9, column: 47, endLine: 11, endColumn: 11, suggestions: [] }],
    },
    {
      code: mutation(`        return response.revalidate({ queryKeys: ['user.profile'], scopes: async () => '*' }).success({ ok: true });`),
      errors: [{ messageId: 'wildcardScopes', suggestions: [] }],
    },
    {
      code: mutation(`        return response.revalidate({ queryKeys: ['posts.list'], scopes() { return []; } }).success({ ok: true });`),
      errors: [{ messageId: 'emptyScopes', suggestions: [] }],
    },
    {
      code: mutation(`        await realtime.revalidate([{ path: 'posts.list', scopes: [] }, { path: 'user.profile', scopes: ['*'] }]);
        return response.noContent();`),
      errors: [
        { messageId: 'emptyScopes', line: 9, column: 24, suggestions: [] },
        { messageId: 'wildcardScopes', line: 9, column: 24, suggestions: [] },
      ],
    },
    // Through parentheses, `as`, template literals; a nested function's returns do not count, a conditional is not split
    {
      code: mutation(`        await realtime.revalidate([{ path: 'a', scopes: (([] as string[])) }, { path: 'b', scopes: ([\`*\`]) }, { path: 'c', scopes: function () { const f = () => ['x']; return ('*'); } }]);
        await realtime.revalidate([{ path: 'd', scopes: () => (cond ? ['*'] : []) }, { path: 'e', scopes: () => { return { get x() { return 1; } }; } }, { path: 'f', scopes: () => { if (a) return []; return ['*']; } }]);
        return response.noContent();`),
      errors: [
        { messageId: 'emptyScopes', line: 9, column: 24, suggestions: [] },
        { messageId: 'wildcardScopes', line: 9, column: 24, suggestions: [] },
        { messageId: 'wildcardScopes', line: 10, column: 24, suggestions: [] },
      ],
    },

    // --- Handler bindings in every style
    {
      code: controller(`    rename: igniter.mutation({
      handler: async ({ context, response: res }) => {
        return res.revalidate(['profile.show']).success({ ok: true });
      },
    }),
    archive: igniter.mutation({
      handler: async (ctx) => ctx.response.success({ ok: true }).revalidate(['inbox.list']),
    }),
    settle: igniter.mutation({
      handler: async (ctx) => {
        const { response } = ctx;
        return response.revalidate(['payment.history']).success({ ok: true });
      },
    }),
    react: igniter.mutation({
      handler: async ({ context: { realtime } }) => {
        await realtime.revalidate({ path: 'account.balance' });
      },
    }),
    rest: igniter.mutation({
      handler: async ({ request, ...tools }) => tools.response.revalidate(['token.list']).success({ ok: true }),
    }),`),
      errors: [
        { messageId: 'unscopedSensitive', data: { key: 'profile.show' }, line: 8, column: 20, suggestions: [] },
        { messageId: 'unscopedSensitive', data: { key: 'inbox.list' }, line: 12, column: 66, suggestions: [] },
        { messageId: 'unscopedSensitive', data: { key: 'payment.history' }, line: 17, column: 25, suggestions: [] },
        { messageId: 'unscopedSensitive', data: { key: 'account.balance' }, line: 22, column: 24, suggestions: [] },
        { messageId: 'unscopedSensitive', data: { key: 'token.list' }, line: 26, column: 64, suggestions: [] },
      ],
    },

    // --- createIgniterMutation (aliased import) from @igniter-js/core
    {
      code: `import { createIgniterMutation as mutation } from '@igniter-js/core';
export const changeEmail = mutation({
  path: '/account/email',
  method: 'PATCH',
  handler: async ({ request, context, response }) => {
    const account = await context.accounts.setEmail(context.user.id, request.body.email);
    return response.revalidate(['account.current']).success(account);
  },
});`,
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'account.current' }, line: 7, column: 21, endLine: 7, endColumn: 52, suggestions: [] }],
    },

    // --- A helper outside any handler: `response` is taken at its word
    {
      code: `export function refreshAccount(response: IgniterResponseProcessor, account: Account) {
  return response.success(account).revalidate(['account.settings']);
}`,
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'account.settings' }, line: 2, column: 36, endLine: 2, endColumn: 68, suggestions: [] }],
    },

    // --- Another instance name, when settings name it
    {
      code: `import { api } from './api';
export const refresh = () => api.realtime.revalidate({ path: 'user.profile' });`,
      settings: { 'igniter-rt': { instanceNames: ['api'] } },
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'user.profile' }, line: 2, column: 43, endLine: 2, endColumn: 79, suggestions: [] }],
    },

    // --- Option sensitiveKeys: the user's list replaces the defaults
    {
      code: mutation(`        return response.revalidate(['orders.mine', 'user.profile']).success({ ok: true });`),
      options: [{ sensitiveKeys: ['order?', 'orders*'] }],
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'orders.mine' }, suggestions: [] }],
    },

    // --- Option requireScopeWhenAuthenticated (strict preset) with the default authProcedures
    {
      code: mutation(`        return response.revalidate(['posts.list']).success({ ok: true });`, `
      use: [authProcedure()],`),
      options: strict,
      errors: [{ messageId: 'unscopedAuthenticated', data: { procedure: 'authProcedure' }, line: 10, column: 25, endLine: 10, endColumn: 51, suggestions: [] }],
    },
    {
      code: mutation(`        await realtime.revalidate({ path: 'posts.list' });
        return response.success({ ok: true }).revalidate({ queryKeys: ['comments.list'] });`, `
      use: [rateLimit(), procedures.session({ required: true })],`),
      options: strict,
      errors: [
        { messageId: 'unscopedAuthenticated', data: { procedure: 'procedures.session' }, line: 10, suggestions: [] },
        { messageId: 'unscopedAuthenticated', data: { procedure: 'procedures.session' }, line: 11, suggestions: [] },
      ],
    },
    // Several unscoped targets of one realtime call: one finding for the call; a `/g` pattern stays reliable
    {
      code: mutation(`        await realtime.revalidate([{ path: 'posts.list' }, { path: 'comments.list' }]);
        await realtime.revalidate({ path: 'tags.list' });
        return response.noContent();`, `
      use: [guardProcedure(), authProcedure()],`),
      options: [{ requireScopeWhenAuthenticated: true, authProcedures: '/procedure$/gi' }],
      errors: [
        { messageId: 'unscopedAuthenticated', data: { procedure: 'guardProcedure' }, line: 10, column: 24, endLine: 10, endColumn: 87, suggestions: [] },
        { messageId: 'unscopedAuthenticated', data: { procedure: 'guardProcedure' }, line: 11, column: 24, endLine: 11, endColumn: 57, suggestions: [] },
      ],
    },
    // A sensitive key in an authenticated action is reported once, as sensitive
    {
      code: mutation(`        return response.revalidate(['user.profile']).success({ ok: true });`, `
      use: [authProcedure()],`),
      options: strict,
      errors: [{ messageId: 'unscopedSensitive', data: { key: 'user.profile' }, suggestions: [] }],
    },
    // Option authProcedures: a custom pattern
    {
      code: mutation(`        return response.revalidate(['posts.list']).success({ ok: true });`, `
      use: [requireUser],`),
      options: [{ requireScopeWhenAuthenticated: true, authProcedures: '^requireUser$' }],
      errors: [{ messageId: 'unscopedAuthenticated', data: { procedure: 'requireUser' }, suggestions: [] }],
    },
  ],
};

runRuleCases('no-unscoped-revalidate', cases);

// --- Invalid options are rejected by the schema, with ESLint's own configuration error
describe('no-unscoped-revalidate: options schema', () => {
  const lintWith = (options: unknown) => {
    const linter = new Linter({ configType: 'flat' });
    return () =>
      linter.verify('export {};', [
        { plugins: { 'igniter-rt': plugin }, rules: { 'igniter-rt/no-unscoped-revalidate': ['error', options] } },
      ]);
  };

  it.each([
    ['sensitiveKeys as a string', { sensitiveKeys: 'user' }],
    ['an empty glob', { sensitiveKeys: [''] }],
    ['requireScopeWhenAuthenticated as a string', { requireScopeWhenAuthenticated: 'yes' }],
    ['an empty authProcedures', { authProcedures: '' }],
    ['a malformed authProcedures pattern', { authProcedures: 'auth(' }],
    ['an unknown property', { sensitiveKey: ['user*'] }],
  ])('rejects %s', (_name, options) => {
    expect(lintWith(options)).toThrow(/Key "igniter-rt\/no-unscoped-revalidate"/);
  });

  it('accepts valid options', () => {
    expect(lintWith({ sensitiveKeys: ['order*'], requireScopeWhenAuthenticated: true, authProcedures: 'auth' })()).toEqual([]);
  });
});

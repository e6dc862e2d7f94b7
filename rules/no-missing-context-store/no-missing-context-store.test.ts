/**
 * no-missing-context-store: `context.store` in an action or procedure handler when the app's context
 * provably has no `store`. Cases are files of test/fixtures/projects/core-0.3-app/ (src/igniter.ts:
 * `Igniter.context(createIgniterAppContext()).store(store).create()`, src/igniter.context.ts returning
 * `{ database }`), or declare their own instance (in a file of that project, which then wins), or live
 * in fixtures whose context has a store (the example chat app) or cannot be read.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases, type RuleCases } from '../../test/support/rule-harness.js';

const PROJECTS = fileURLToPath(new URL('../../test/fixtures/projects/', import.meta.url));
const CONTROLLER = join(PROJECTS, 'core-0.3-app/src/features/counter/counter.controller.ts');
const EXAMPLE_APP = fileURLToPath(new URL('../../examples/chat-app/src/features/counter/counter.controller.ts', import.meta.url));

/** An example of the docs page, linted as the fixture app's src/features/counter/counter.controller.ts (CONTROLLER). */
const docs = (name: string) => docsExample('no-missing-context-store', name);

const CONTEXT = '`createIgniterAppContext` in src/igniter.context.ts:3';
const useInstanceStore = (output: string) => [{ messageId: 'useInstanceStore', data: { context: CONTEXT, instance: 'igniter' }, output }];
const missingStore = (line: number, column: number, output?: string) => ({
  messageId: 'missingStore',
  data: { context: CONTEXT, instance: 'igniter' },
  line,
  column,
  suggestions: output === undefined ? [] : useInstanceStore(output),
});

/** One query on the fixture app's instance; `handler` starts on line 5. */
const query = (handler: string) => `import { igniter } from '@/igniter';

export const get = igniter.query({
  path: '/counter',
${handler}
});
`;

/** An instance declared in the linted file, with `chain` between `Igniter` and `.create()`; the query's handler is on line 7. */
const ownInstance = (chain: string, handler = "  handler: async ({ context, response }) => response.success(await context.store.get('counter')),", before = '') => `import { Igniter } from '@igniter-js/core';
${before}
export const igniter = Igniter${chain}.create();

export const get = igniter.query({
  path: '/counter',
${handler}
});
`;

const ODD_HANDLER = `  handler: async ({ context: con, response }) => {
    const { 'store': b, ['store']: c, ...rest } = (con as any);
    (con!)['store'].get('x');
    con.st\\u006fre.get(1); con[\`store\`]; ((con).store) = 1;
    return response.success(1);
  },`;

const cases: RuleCases = {
  valid: [
    // --- Docs page: the ✅ examples
    docs('instance-store'),
    docs('context-with-store'),
    docs('unreadable-context'),

    // --- The example chat app's context returns its store: `context.store` is defined there
    { code: query("  handler: async ({ context, response }) => response.success(await context.store.get('counter')),"), filename: EXAMPLE_APP },

    // --- Contexts the rule cannot read, or that have a store
    ...[
      '.context<{ store: Store }>()', // no argument
      '.context(buildContext(request))', // a call with arguments
      '.context(appContext)', // an unknown name
      '.context(() => base)', // returns a variable
      '.context(() => ({ [key]: value }))', // a computed key
      '.context(async () => { if (flag) return { database }; return { database, store }; })', // one return has a store
      '.context(() => ({ database, get store() { return kv; } }))', // an accessor named store
      '.context(() => ({ database }))', // ...overridden by a later .context
    ].map((chain) => ({ code: ownInstance(chain === '.context(() => ({ database }))' ? `${chain}.context(() => ({ store: kv }))` : chain), filename: CONTROLLER })),
    // An object by name, with a store
    { code: ownInstance('.context(appContext)', undefined, 'const appContext = { database, store: kv };'), filename: CONTROLLER },

    // --- Not `context.store`: the instance's store, another object's store, the context itself
    { code: query("  handler: async ({ context, response, request }) => response.success([await igniter.store.get('x'), request.store, context.database.store.find(), context])"), filename: CONTROLLER },
    // --- The handler assigns it itself
    { code: query("  handler: async ({ context, response }) => { context.store = kv; return response.success(await context.store.get('x')); },"), filename: CONTROLLER },
    // --- createIgniterQuery: no instance in view; another library's `procedure`
    {
      code: `import { createIgniterQuery } from '@igniter-js/core';
export const get = createIgniterQuery({ path: '/', handler: async ({ context, response }) => response.success(await context.store.get('x')) });
export const p = trpc.procedure({ handler: async (_, { context }) => context.store.get('x') });
`,
      filename: CONTROLLER,
    },
    // --- A procedure's first parameter is its options, not the context
    { code: `import { igniter } from '@/igniter';\nexport const p = igniter.procedure({ name: 'p', handler: async ({ context }) => context.store });\n`, filename: CONTROLLER },
  ],
  invalid: [
    // --- Docs page: the ❌ examples
    {
      ...docs('context-store-in-action'),
      errors: [
        missingStore(
          10,
          29,
          docs('context-store-in-action').code.replace("await context.store.get<number>('counter')", "await igniter.store.get<number>('counter')"),
        ),
      ],
    },
    {
      ...docs('procedure-and-destructuring'),
      errors: [
        missingStore(6, 24, docs('procedure-and-destructuring').code.replace('await context.store.increment', 'await igniter.store.increment')),
        missingStore(14, 32),
      ],
    },

    // --- Every style: ctx.context.store, context['store'], a renamed destructuring, a body destructuring
    {
      code: query("  handler: async (ctx) => ctx.response.success(await ctx.context.store.get('x')),"),
      filename: CONTROLLER,
      errors: [missingStore(5, 54, query("  handler: async (ctx) => ctx.response.success(await igniter.store.get('x')),"))],
    },
    {
      code: query(`  handler: async ({ context: c, response }) => {
    const { store: kv } = c;
    await c['store']?.set('x', 1);
    return response.success(await kv.get('x'));
  },`),
      filename: CONTROLLER,
      errors: [
        missingStore(6, 13),
        missingStore(
          7,
          11,
          query(`  handler: async ({ context: c, response }) => {
    const { store: kv } = c;
    await igniter.store?.set('x', 1);
    return response.success(await kv.get('x'));
  },`),
        ),
      ],
    },

    // --- The context read in the linted file: an inline object, a named function, a function declaration
    {
      code: ownInstance('.context({ database }).store(kv)'),
      filename: CONTROLLER,
      errors: [
        {
          messageId: 'missingStore',
          data: { context: 'the `.context(...)` argument in src/features/counter/counter.controller.ts:3', instance: 'igniter' },
          line: 7,
          column: 68,
          suggestions: [
            {
              messageId: 'useInstanceStore',
              data: { context: 'the `.context(...)` argument in src/features/counter/counter.controller.ts:3', instance: 'igniter' },
              output: ownInstance('.context({ database }).store(kv)', "  handler: async ({ context, response }) => response.success(await igniter.store.get('counter')),"),
            },
          ],
        },
      ],
    },
    {
      code: ownInstance('.context(makeContext)', undefined, 'function makeContext() { if (Math.random() > 1) return { db: 1 }; return { database: {} }; }'),
      filename: CONTROLLER,
      errors: [{ messageId: 'missingStoreNoAdapter', data: { context: '`makeContext` in src/features/counter/counter.controller.ts:2', instance: 'igniter' }, line: 7, column: 68, suggestions: [] }],
    },

    // --- Odd syntax: string and computed keys, parentheses, `!`, `as`, escapes, template keys, a rest element
    {
      code: query(ODD_HANDLER),
      filename: CONTROLLER,
      // A computed key is not read (`['store']: c`); a parenthesized assignment target reads.
      errors: [
        missingStore(6, 13),
        missingStore(7, 5, query(ODD_HANDLER.replace("(con!)['store']", 'igniter.store'))),
        missingStore(8, 5, query(ODD_HANDLER.replace('con.st\\u006fre', 'igniter.store'))),
        missingStore(8, 28, query(ODD_HANDLER.replace('con[`store`]', 'igniter.store'))),
        missingStore(8, 43, query(ODD_HANDLER.replace('(con).store', 'igniter.store'))),
      ],
    },

    // --- Another instance name, from settings
    {
      code: `import { Igniter } from '@igniter-js/core';
const app = Igniter.context(async () => ({ database })).create();
export const p = app.procedure({ name: 'p', handler: async (_o, { context }) => context.store.get('x') });
`,
      filename: CONTROLLER,
      settings: { 'igniter-rt': { instanceNames: ['app'] } },
      errors: [{ messageId: 'missingStoreNoAdapter', data: { context: 'the `.context(...)` argument in src/features/counter/counter.controller.ts:2', instance: 'app' }, line: 3, column: 81, suggestions: [] }],
    },
  ],
};

runRuleCases('no-missing-context-store', cases);

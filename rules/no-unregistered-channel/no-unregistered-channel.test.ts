/**
 * no-unregistered-channel: client code must not listen on an SSE channel the server does not register.
 * Cases are client files of test/fixtures/projects/core-0.3-app/ (router: message.list (stream),
 * message.status (query), message.create (mutation), typing.list (stream); `api` is its typed client
 * in src/igniter.client.ts), or of fixtures with no router / a dynamic one. The files do not exist on
 * disk: `code` stands for their text.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsExample } from '../../test/support/docs-examples.js';
import { runRuleCases, type RuleCases } from '../../test/support/rule-harness.js';

const PROJECTS = fileURLToPath(new URL('../../test/fixtures/projects/', import.meta.url));
const COMPONENT = join(PROJECTS, 'core-0.3-app/src/components/feed.tsx');
const NO_ROUTER = join(PROJECTS, 'no-router/src/components/feed.tsx');
const DYNAMIC_ROUTER = join(PROJECTS, 'dynamic-router/src/components/feed.tsx');

/** An example of the docs page, linted as the fixture app's src/components/feed.tsx (COMPONENT). */
const docs = (name: string) => docsExample('no-unregistered-channel', name);

const typedHook = (hook: string, channel: string, action: string, line: number, column: number) => ({
  messageId: 'typedHook',
  data: { hook: `${hook}.useRealtime(...)`, channel, action, query: hook },
  line,
  column,
});
const REGISTERED = '`revalidation`, `system`, `message.list`, `typing.list`';

/** A component whose body (from line 6) uses `hooks`. */
const component = (hooks: string, imports = "import { api } from '@/igniter.client';\nimport { useRealtime } from '@igniter-js/core/client';") => `'use client';
${imports}

export function Feed() {
${hooks}
  return null;
}
`;

const cases: RuleCases = {
  valid: [
    // --- Docs page: the ✅ examples
    docs('use-query'),
    docs('registered-literals'),

    // --- Registered channels, every way of naming the hook
    { code: component(`  useRealtime('revalidation');\n  useRealtime("typing.list");\n  useRealtime(\`message.list\`);\n  useRealtime('revalidation,system');`), filename: COMPONENT },
    { code: component(`  client.useRealtime('message.list');`, "import * as client from '@igniter-js/core/client';"), filename: COMPONENT },

    // --- The typed client's other hooks, and useRealtime on things that are not the typed client
    { code: component(`  api.message.list.useQuery();\n  api.message.create.useMutation();\n  const local = { a: { b: { useRealtime: () => null } } };\n  local.a.b.useRealtime();\n  other.typing.list.useRealtime();`), filename: COMPONENT },
    // `useRealtime` from elsewhere (a project's own hook, or another library)
    { code: component(`  useRealtime('notifications');`, "import { useRealtime } from '@/hooks/use-realtime';"), filename: COMPONENT },
    // A channel that is not a literal: not checked
    { code: component(`  useRealtime(channel);\n  useRealtime(\`room:\${roomId}\`);`), filename: COMPONENT },

    // --- Without a router, or with one whose controllers are built at runtime: any channel may be real
    { code: component(`  useRealtime('notifications');`), filename: NO_ROUTER },
    { code: component(`  useRealtime('notifications');`), filename: DYNAMIC_ROUTER },
    // ...and `api` does not resolve to a typed client there
    { code: component(`  api.message.list.useRealtime();`), filename: NO_ROUTER },
  ],
  invalid: [
    // --- Docs page: the ❌ examples
    { ...docs('typed-hook-with-params'), errors: [typedHook('api.typing.list', 'typing.list:{"params":{"roomId":…}}', 'typing.list', 7, 18)] },
    { ...docs('typed-hook-without-options'), errors: [typedHook('api.message.list', 'message.list:{}', 'message.list', 6, 16)] },
    {
      ...docs('unregistered-literals'),
      errors: [
        { messageId: 'unregisteredChannel', data: { channel: 'notifications', registered: REGISTERED }, line: 6, column: 37 },
        { messageId: 'notStreamed', data: { channel: 'message.status' }, line: 7, column: 30 },
      ],
    },

    // --- The derived channel with literal input: keys sorted, as the client's generateQueryKey does
    {
      code: component(`  api.typing.list.useRealtime({ query: { since: 10, all: true }, params: { roomId: 'r1' }, onMessage });`),
      filename: COMPONENT,
      errors: [typedHook('api.typing.list', 'typing.list:{"params":{"roomId":"r1"},"query":{"all":true,"since":10}}', 'typing.list', 6, 3)],
    },
    // Options in a variable, element access, a client declared in the same file
    {
      code: `'use client';
import { createIgniterClient } from '@igniter-js/core/client';
const client = createIgniterClient({ baseURL: '', basePATH: '/api/v1', router: () => router });
export function Feed({ options }: { options: object }) {
  client['typing']['list'].useRealtime(options);
  return null;
}
`,
      filename: COMPONENT,
      errors: [{ messageId: 'typedHook', data: { hook: "client['typing']['list'].useRealtime(...)", channel: 'typing.list:{…}', action: 'typing.list', query: "client['typing']['list']" }, line: 5, column: 3 }],
    },

    // --- Literal channels: unknown, a mutation, a derived key written by hand, a comma list, a namespace import
    {
      code: component(`  useRealtime('message.create');\n  useRealtime('typing.list:{"params":{"roomId":"1"}}');\n  useRealtime('revalidation,typing.lists');`),
      filename: COMPONENT,
      errors: [
        { messageId: 'unregisteredChannel', data: { channel: 'message.create', registered: REGISTERED }, line: 6, column: 15 },
        { messageId: 'unregisteredChannel', data: { channel: 'typing.list:{"params":{"roomId":"1"}}', registered: REGISTERED }, line: 7, column: 15 },
        { messageId: 'unregisteredChannel', data: { channel: 'typing.lists', registered: REGISTERED }, line: 8, column: 15 },
      ],
    },
    {
      code: component(`  core.useRealtime('');`, "import * as core from '@igniter-js/core/client';"),
      filename: COMPONENT,
      errors: [{ messageId: 'unregisteredChannel', data: { channel: '', registered: REGISTERED }, line: 5, column: 20 }],
    },
    // --- Unicode escapes: names are what they spell (the import, the client, the members); the hook and query are shown as written
    {
      code: component(String.raw`  us\u0065Realtime('notifications');
  \u0061pi.typ\u0069ng['list'].useRealtime();`, String.raw`import { api } from '@/igniter.client';
import { us\u0065Realtime } from '@igniter-js/core/client';`),
      filename: COMPONENT,
      errors: [
        { messageId: 'unregisteredChannel', data: { channel: 'notifications', registered: REGISTERED }, line: 6, column: 20 },
        {
          messageId: 'typedHook',
          data: { hook: String.raw`\u0061pi.typ\u0069ng['list'].useRealtime(...)`, channel: 'typing.list:{}', action: 'typing.list', query: String.raw`\u0061pi.typ\u0069ng['list']` },
          line: 7,
          column: 3,
        },
      ],
    },
  ],
};

runRuleCases('no-unregistered-channel', cases);

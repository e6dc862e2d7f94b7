/**
 * The runtime facts of @igniter-js/core 0.3.40 behind three rules, reproduced on real routers (the
 * files of test/fixtures/core-0.3-runtime/), and the rule reporting the very code that fails:
 * - no-per-request-subscription: a query handler that subscribes per request and unsubscribes on the
 *   request's 'abort', called N times the way core's expressAdapter calls it (a Request built without a
 *   signal), leaves N subscriptions, and one message is relayed N times;
 * - no-unregistered-channel: the channel the typed `useRealtime` derives is refused by the SSE endpoint
 *   (500), with `revalidation` alone answering 200; the rule's message names that very channel, as the
 *   client's own generateQueryKey (read from the installed client build) derives it;
 * - no-missing-context-store: with `.store(memoryStore)` on the builder and a context of `{ database }`,
 *   `context.store.get(...)` answers 500 ("Cannot read properties of undefined").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText, type RuleMessage } from '../../src/engine.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'core-0.3-runtime');
const BASE = 'http://localhost/api/v1';

interface Router {
  handler(request: Request): Promise<Response>;
}

/** A fixture module, imported by path: the fixtures are not part of the type-checked test project. */
async function load<T>(name: string): Promise<T> {
  return (await import(join(FIXTURES, name))) as T;
}

/** The findings of one rule on a fixture file, linted from disk with every rule of the `all` preset. */
function findingsOf(name: string, ruleId: string): RuleMessage[] {
  const path = join(FIXTURES, name);
  return lintText(readFileSync(path, 'utf8'), path, { preset: 'all' }, FIXTURES).filter((message): message is RuleMessage => message.ruleId === `igniter-rt/${ruleId}`);
}

describe('no-per-request-subscription: a store subscription per request, released on abort', () => {
  it('N requests through an Express-style Request (no signal) leave N subscriptions, and each message is relayed N times', async () => {
    const app = await load<{ AppRouter: Router; store: { subscriptions: number; publish(channel: string, message: unknown): Promise<void> }; relayed: unknown[] }>('per-request-subscription.ts');
    const calls = 20;
    for (let call = 1; call <= calls; call++) {
      // What expressAdapter builds: `new Request(url, { method, headers, body })`, no `signal`.
      const response = await app.AppRouter.handler(new Request(`${BASE}/feed/live`, { method: 'GET', headers: new Headers() }));
      expect(response.status).toBe(200);
      await response.text();
      expect(app.store.subscriptions).toBe(call);
    }
    await app.store.publish('feed:events', 'hello');
    expect(app.relayed).toEqual(Array.from({ length: calls }, () => 'hello'));
  });

  it('the rule reports that handler, on its subscribe call', () => {
    const text = readFileSync(join(FIXTURES, 'per-request-subscription.ts'), 'utf8');
    const findings = findingsOf('per-request-subscription.ts', 'no-per-request-subscription');
    expect(findings.map((finding) => [finding.messageId, finding.line])).toEqual([['releasedOnAbort', text.split('\n').findIndex((line) => line.includes("igniter.store.subscribe('feed:events'")) + 1]]);
  });
});

describe('no-unregistered-channel: the typed useRealtime hook listens on a channel the server never registers', () => {
  /** The client's own generateQueryKey (and sortObjectKeys), taken from the installed client build. */
  function clientGenerateQueryKey(): (controller: string, action: string, input: unknown) => string {
    const require = createRequire(import.meta.url);
    // `@igniter-js/core` resolves to dist/index.js; the client build is dist/client/.
    const clientDir = join(dirname(require.resolve('@igniter-js/core')), 'client');
    const chunk = readFileSync(join(clientDir, 'chunk-INXC55JS.mjs'), 'utf8');
    const sortObjectKeys = /function sortObjectKeys\(obj\) \{[^]*?\n\}\n/.exec(chunk)?.[0];
    const generateQueryKey = /var generateQueryKey = \(controller, action, input\) => \{[^]*?\n\};\n/.exec(chunk)?.[0];
    // The hook's input: `createUseRealtime` calls generateQueryKey(controller, action, { query, params }).
    expect(chunk).toContain('generateQueryKey(controller, action, {\n        query: options?.query,\n        params: options?.params\n      })');
    expect(sortObjectKeys && generateQueryKey).toBeTruthy();
    return new Function(`${sortObjectKeys}\n${generateQueryKey}\nreturn generateQueryKey;`)() as (controller: string, action: string, input: unknown) => string;
  }

  it('the derived channel is refused (500) by the SSE endpoint, while `revalidation` and the stream query answer 200', async () => {
    const { AppRouter } = await load<{ AppRouter: Router }>('stream-router.ts');
    const derived = clientGenerateQueryKey()('typing', 'list', { query: undefined, params: { roomId: '1' } });
    expect(derived).toBe('typing.list:{"params":{"roomId":"1"}}');
    const connect = async (channels: string) => {
      const response = await AppRouter.handler(new Request(`${BASE}/sse/events?channels=${encodeURIComponent(channels)}`));
      await response.body?.cancel();
      return response.status;
    };
    expect(await connect(`revalidation,${derived}`)).toBe(500);
    // Without options the hook still derives a suffix (its input has both keys, undefined): refused too.
    expect(await connect(`revalidation,${clientGenerateQueryKey()('typing', 'list', { query: undefined, params: undefined })}`)).toBe(500);
    expect(await connect('revalidation')).toBe(200);
    expect(await connect('revalidation,typing.list')).toBe(200);
  });

  it("the rule's message names the channel the client derives", () => {
    const derived = clientGenerateQueryKey()('typing', 'list', { query: undefined, params: { roomId: '1' } });
    const findings = findingsOf('typed-realtime-hook.tsx', 'no-unregistered-channel');
    expect(findings).toHaveLength(1);
    expect(findings[0].messageId).toBe('typedHook');
    expect(findings[0].message).toContain(`'${derived}'`);
  });
});

describe('no-missing-context-store: `.store(...)` does not put the store in the context', () => {
  it('an action reading `context.store` answers 500 with the TypeError; `igniter.store` works', async () => {
    const { AppRouter } = await load<{ AppRouter: Router }>('missing-context-store.ts');
    const broken = await AppRouter.handler(new Request(`${BASE}/counter/read`));
    expect(broken.status).toBe(500);
    expect(await broken.text()).toContain("Cannot read properties of undefined (reading 'get')");
    const working = await AppRouter.handler(new Request(`${BASE}/counter/read-from-instance`));
    expect(working.status).toBe(200);
  });

  it('the rule reports `context.store` in that action, with `igniter.store` as the suggestion', () => {
    const text = readFileSync(join(FIXTURES, 'missing-context-store.ts'), 'utf8');
    const findings = findingsOf('missing-context-store.ts', 'no-missing-context-store');
    const line = text.split('\n').findIndex((row) => row.includes('await context.store.get(')) + 1;
    expect(findings.map((finding) => [finding.messageId, finding.line])).toEqual([['missingStore', line]]);
    expect(findings[0].suggestions?.map((suggestion) => suggestion.edits.map((edit) => edit.text).join(''))).toEqual(['igniter.store']);
  });
});

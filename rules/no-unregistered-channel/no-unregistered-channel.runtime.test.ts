/**
 * no-unregistered-channel at runtime on @igniter-js/core 0.3.40: the channel the typed `useRealtime` derives is refused by the SSE endpoint
 * (500), with `revalidation` alone answering 200; the rule's message names that very channel, as the
 * client's own generateQueryKey (read from the installed client build) derives it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, findingsOf, load, type Router } from '../../test/support/core-runtime.js';

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
    expect(sortObjectKeys, 'sortObjectKeys in the client build').toMatch(/^function sortObjectKeys/);
    expect(generateQueryKey, 'generateQueryKey in the client build').toMatch(/^var generateQueryKey = /);
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

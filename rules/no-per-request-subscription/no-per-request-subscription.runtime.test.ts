/**
 * no-per-request-subscription at runtime on @igniter-js/core 0.3.40: a query handler that subscribes per request and unsubscribes on the
 * request's 'abort', called N times the way core's expressAdapter calls it (a Request built without a
 * signal), leaves N subscriptions, and one message is relayed N times.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, FIXTURES, findingsOf, load, type Router } from '../../test/support/core-runtime.js';

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

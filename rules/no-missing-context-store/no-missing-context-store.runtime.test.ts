/**
 * no-missing-context-store at runtime on @igniter-js/core 0.3.40: with `.store(memoryStore)` on the builder and a context of `{ database }`,
 * `context.store.get(...)` answers 500 ("Cannot read properties of undefined").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, FIXTURES, findingsOf, load, type Router } from '../../test/support/core-runtime.js';

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

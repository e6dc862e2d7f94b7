/**
 * Every rule on code it cannot justify a finding for: it reports nothing and never throws
 * (IGNITER_RT_THROW=1 makes a rule error fail the test instead of being swallowed).
 */
import { Linter } from 'eslint';
import parser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import { allRules } from '../../rules/index.js';

const SNIPPETS: Record<string, string> = {
  'handler is an identifier': `import { listHandler } from './handlers';\nigniter.query({ path: '/', handler: listHandler });\nigniter.mutation({ path: '/', method: 'POST', handler: createHandler });`,
  'handler is undefined': `igniter.query({ path: '/', handler: undefined });\nigniter.mutation({ path: '/', method: 'POST', handler: undefined });`,
  'handler is a call': `igniter.mutation({ path: '/', method: 'POST', handler: wrap(async ({ response }) => response.success()) });`,
  'computed and spread keys in actions': `const key = 'list';\nigniter.controller({ name: 'x', path: '/x', actions: { [key]: igniter.query({ path: '/', handler: async ({ response }) => response.success() }), ...others, [\`\${key}2\`]: base } });`,
  'missing arguments': `igniter.query();\nigniter.mutation();\nigniter.controller();\nigniter.router();\nresponse.revalidate();\nrealtime.revalidate();\ncontext.store.subscribe();\nsetInterval();`,
  'non-object arguments': `igniter.query('x');\nigniter.mutation(options);\nigniter.controller(null);\nigniter.router({ controllers: buildControllers() });\nrealtime.revalidate(targets);`,
  'handler without parameters': `igniter.mutation({ path: '/', method: 'POST', handler: async () => { return undefined; } });`,
  'handler with rest and defaults': `igniter.mutation({ path: '/', method: 'POST', handler: async ({ response, ...rest } = defaults) => { await rest.realtime.publish('a', 1); return response.success(); } });`,
  'generator handler': `igniter.query({ path: '/', handler: async function* ({ response }) { yield response.success(); } });`,
  'deeply nested chains': `igniter.mutation({ path: '/', method: 'POST', handler: async (ctx) => ctx?.response?.['revalidate']?.(['a'])?.success?.() });`,
};

describe('bad input', () => {
  for (const [name, code] of Object.entries(SNIPPETS)) {
    it(`${name}: no crash, no finding`, () => {
      const linter = new Linter();
      const messages = linter.verify(code, [{ files: ['**/*.ts'], ...plugin.configs.all }], { filename: 'bad.ts' });
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      expect(messages.map((message) => message.ruleId)).toEqual([]);
    });
  }

  it('code that does not parse is ESLint’s parse error, never a rule error', () => {
    const linter = new Linter();
    const messages = linter.verify('igniter.query({ handler: async ({ response }) => response.success(', [plugin.configs.all], { filename: 'broken.ts' });
    expect(messages).toHaveLength(1);
    expect(messages[0].fatal).toBe(true);
    expect(messages[0].ruleId).toBeNull();
  });

  for (const rule of allRules) {
    it(`${rule.id}: invalid options are rejected by the schema with ESLint's own error`, () => {
      const linter = new Linter();
      const config: Linter.Config[] = [
        { files: ['**/*.ts'], languageOptions: { parser }, plugins: { 'igniter-rt': plugin }, rules: { [`igniter-rt/${rule.id}`]: ['error', { notAnOption: true }] } },
      ];
      expect(() => linter.verify('const a = 1;', config, { filename: 'a.ts' })).toThrow(new RegExp(`igniter-rt/${rule.id}[\\s\\S]*Unexpected property "notAnOption"`));
    });
  }
});

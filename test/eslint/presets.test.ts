import { defineConfig } from 'eslint/config';
import { ESLint, Linter } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import parser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import { allRules } from '../../rules/index.js';

// Type-level: defineConfig must accept every preset as it is (checked by `tsc -p test`).
const typed = defineConfig([plugin.configs.recommended, plugin.configs.strict, plugin.configs.all, { files: ['**/*.ts'], extends: [plugin.configs.recommended] }]);

const leaky = `
igniter.query({
  path: '/typing',
  handler: async ({ context, realtime }) => {
    context.store.subscribe('typing', (data) => realtime.send({ data }));
    return realtime;
  },
});
`;

describe('presets', () => {
  it('are generated from rule metadata', () => {
    const recommended = Object.fromEntries(allRules.filter((rule) => rule.docs.recommended).map((rule) => [`igniter-rt/${rule.id}`, rule.docs.recommended]));
    expect(plugin.configs.recommended.rules).toEqual(recommended);
    expect(Object.keys(plugin.configs.all.rules ?? {}).sort()).toEqual(allRules.map((rule) => `igniter-rt/${rule.id}`).sort());
    // strict turns on the options a rule declares for it
    expect(plugin.configs.strict.rules?.['igniter-rt/no-unscoped-revalidate']).toEqual([
      'error',
      expect.objectContaining({ requireScopeWhenAuthenticated: true }),
    ]);
    // require-revalidate: the stale-query reading in recommended, the checklist's literal one in strict
    expect(plugin.configs.recommended.rules?.['igniter-rt/require-revalidate']).toBe('error');
    expect(plugin.configs.strict.rules?.['igniter-rt/require-revalidate']).toEqual(['error', { mutations: 'all', ignore: [] }]);
    expect(plugin.configs.all.rules?.['igniter-rt/require-revalidate']).toEqual(['error', { mutations: 'all', ignore: [] }]);
  });

  it('set up the TypeScript parser for TypeScript files only', () => {
    for (const preset of Object.values(plugin.configs)) {
      expect(preset.files).toEqual(['**/*.{ts,tsx,mts,cts}']);
      expect(preset.languageOptions?.parser).toBe(parser);
      expect(preset.plugins?.['igniter-rt']).toBe(plugin);
    }
  });

  it('are accepted by defineConfig', () => {
    expect(typed.length).toBeGreaterThanOrEqual(4);
  });

  it('has plugin meta for ESLint caching', () => {
    expect(plugin.meta.name).toBe('igniter-rt');
    expect(plugin.meta.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  for (const [name, Engine] of [
    ['ESLint 10', ESLint],
    ['ESLint 9', ESLint9],
  ] as const) {
    it(`lint with the recommended preset on ${name}`, async () => {
      const eslint = new (Engine as typeof ESLint)({ overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] as Linter.Config[] });
      const [result] = await eslint.lintText(leaky, { filePath: 'src/typing.controller.ts' });
      expect(result.messages.map((message) => [message.ruleId, message.line])).toEqual([
        ['igniter-rt/require-stream', 2],
        ['igniter-rt/require-subscription-cleanup', 5],
      ]);
    });
  }

  it('leave files the preset does not cover alone', async () => {
    const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const [result] = await eslint.lintText('const x = 1;\n', { filePath: 'src/readme.js' });
    expect(result.messages).toEqual([]);
  });
});

import { ESLint } from 'eslint';
import parser from '@typescript-eslint/parser';
import { afterEach, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import * as bridge from '../../src/eslint/bridge.js';

const code = `
export const c = igniter.controller({
  name: 'room',
  path: '/rooms',
  actions: {
    rename: igniter.mutation({
      path: '/:id',
      method: 'PATCH',
      handler: async ({ response }) => response.success({ ok: true }),
    }),
  },
});
`;

async function lint(filePath: string, withParser = true) {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.js'],
        ...(withParser ? { languageOptions: { parser } } : {}),
        plugins: { 'igniter-rt': plugin },
        rules: { 'igniter-rt/require-revalidate': ['error', { mutations: 'all' }] },
      },
    ],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`);
}

describe('TS-AST bridge', () => {
  afterEach(() => {
    delete process.env.IGNITER_RT_PARSE;
  });

  it('wraps the parser AST when the TypeScript versions agree', async () => {
    expect(await lint('room.controller.ts')).toEqual(['9:40 igniter-rt/require-revalidate']);
    expect(bridge.lastAstSource).toBe('wrapped');
  });

  it('parses once with ts-morph when told to, with the same findings', async () => {
    process.env.IGNITER_RT_PARSE = 'reparse';
    expect(await lint('room.controller.ts')).toEqual(['9:40 igniter-rt/require-revalidate']);
    expect(bridge.lastAstSource).toBe('reparsed');
  });

  it('parses with ts-morph when the parser built no TypeScript AST (espree on .js)', async () => {
    expect(await lint('room.controller.js', false)).toEqual(['9:40 igniter-rt/require-revalidate']);
    expect(bridge.lastAstSource).toBe('reparsed');
  });

  it('compares TypeScript versions on major.minor', () => {
    expect(bridge.versionsAgree('6.0.2', '6.0.3')).toBe(true);
    expect(bridge.versionsAgree('6.0.2', '6.1.0')).toBe(false);
    expect(bridge.versionsAgree('5.9.3', '6.0.2')).toBe(false);
    expect(bridge.versionsAgree(undefined, '6.0.2')).toBe(false);
  });
});

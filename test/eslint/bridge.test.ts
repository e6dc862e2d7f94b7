import { ESLint } from 'eslint';
import parser from '@typescript-eslint/parser';
import { afterEach, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import * as bridge from '../../src/eslint/bridge.js';
import { syntaxAgreement, type TypeScriptEnums } from '../../src/eslint/typescript-compat.js';
import { parserOnTypeScript } from '../../scripts/typescript-overlay.js';
import typescript from 'typescript';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const typescript59 = createRequire(import.meta.url)('typescript59') as typeof typescript;

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

async function lint(filePath: string, withParser: boolean | object = true) {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.js'],
        ...(withParser ? { languageOptions: { parser: withParser === true ? parser : withParser } } : {}),
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

  it("reads the parser's AST when the TypeScript versions agree", async () => {
    expect(await lint('room.controller.ts')).toEqual(['9:40 igniter-rt/require-revalidate']);
    expect(bridge.lastAstSource).toBe('parser');
  });

  it('parses once again when told to, with the same findings', async () => {
    process.env.IGNITER_RT_PARSE = 'reparse';
    expect(await lint('room.controller.ts')).toEqual(['9:40 igniter-rt/require-revalidate']);
    expect(bridge.lastAstSource).toBe('reparsed');
  });

  it('parses once again when the parser built no TypeScript AST (espree on .js)', async () => {
    expect(await lint('room.controller.js', false)).toEqual(['9:40 igniter-rt/require-revalidate']);
    expect(bridge.lastAstSource).toBe('reparsed');
  });

  it('reads the AST of the parser running on TypeScript 5.9 (an app pinning typescript ^5; ts-morph bundles 6.0)', async () => {
    const { parser: parser59, typescriptVersion } = parserOnTypeScript(join(import.meta.dirname, '..', '..'), 'typescript59');
    expect(typescriptVersion).toMatch(/^5\.9\./);
    expect(await lint('room.controller.ts', parser59)).toEqual(['9:40 igniter-rt/require-revalidate']);
    expect(bridge.lastAstSource).toBe('parser');
  });
});

describe('whether ts-morph may wrap another TypeScript\'s tree', () => {
  const enums = (ts: TypeScriptEnums): TypeScriptEnums => ({ version: ts.version, SyntaxKind: { ...ts.SyntaxKind }, NodeFlags: { ...ts.NodeFlags }, ModifierFlags: { ...ts.ModifierFlags }, TokenFlags: { ...ts.TokenFlags } });

  it('wraps TypeScript 5.9 trees for ts-morph on 6.0: same syntax kinds, and 6.0 only adds a node flag its binder sets', () => {
    expect(syntaxAgreement(typescript59, typescript)).toEqual({ wrap: true });
    // What the decision rests on, as the two TypeScripts define it.
    expect(enums(typescript59).SyntaxKind).toEqual(enums(typescript).SyntaxKind);
    expect((typescript59.NodeFlags as unknown as Record<string, number>).Unreachable).toBeUndefined();
    expect((typescript.NodeFlags as unknown as Record<string, number>).Unreachable).toBe(1 << 30);
  });

  it('reparses when a syntax kind is numbered differently, is missing, or is new', () => {
    const tree = enums(typescript59);
    const renumbered = enums(typescript59);
    (renumbered.SyntaxKind as Record<string, number>).CallExpression = 9999;
    expect(syntaxAgreement(renumbered, tree)).toEqual({ wrap: false, reason: expect.stringMatching(/^SyntaxKind differs \(CallExpression: 9999/) });
    const added = enums(typescript59);
    (added.SyntaxKind as Record<string, number>).PipelineExpression = 10_000;
    expect(syntaxAgreement(tree, added).wrap).toBe(false);
    expect(syntaxAgreement(added, tree).wrap).toBe(false);
  });

  it('reparses when a flag the tree\'s TypeScript sets means something else to ts-morph, not when ts-morph only knows more flags', () => {
    const tree = enums(typescript59);
    const moved = enums(typescript59);
    (moved.NodeFlags as Record<string, number>).OptionalChain = 1 << 29;
    expect(syntaxAgreement(tree, moved)).toEqual({ wrap: false, reason: expect.stringMatching(/^NodeFlags differs \(OptionalChain/) });
    const tokenFlags = enums(typescript59);
    (tokenFlags.TokenFlags as Record<string, number>).Unterminated = 0;
    expect(syntaxAgreement(tree, tokenFlags).wrap).toBe(false);
    const more = enums(typescript59);
    (more.ModifierFlags as Record<string, number>).Future = 1 << 30;
    expect(syntaxAgreement(tree, more)).toEqual({ wrap: true });
    expect(syntaxAgreement(more, tree).wrap).toBe(false);
  });
});

/** The programmatic API (`igniter-rt`'s `.` export): the same rule definitions without ESLint. */
import { ESLint } from 'eslint';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProject, analyzeText } from '../src/index.js';
import plugin from '../src/eslint/plugin.js';
import { EXAMPLE_APP as app, EXPECTED_FINDINGS } from './support/example-app.js';


const controller = `
export const userController = igniter.controller({
  name: 'user',
  path: '/users',
  actions: {
    updateProfile: igniter.mutation({
      path: '/me',
      method: 'PATCH',
      use: [authProcedure()],
      handler: async ({ request, response }) => {
        return response.revalidate(['member.feed']).success(request.body);
      },
    }),
    feed: igniter.query({ path: '/me', stream: true, use: [authProcedure()], handler: async ({ context, response }) => response.success(await context.database.user.findUnique({ where: { id: context.user.id } })) }),
    rename: igniter.mutation({
      path: '/me/name',
      method: 'PATCH',
      handler: async ({ request, context, response }) => response.success(await context.database.user.update({ where: { id: context.user.id }, data: request.body })),
    }),
  },
});

export const AppRouter = igniter.router({ controllers: { member: userController } });
`;

describe('analyzeText', () => {
  it('reports like the ESLint plugin, with line, column and message', async () => {
    const messages = analyzeText(controller, 'user.controller.ts', { preset: 'all' });
    const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [plugin.configs.all] });
    const [result] = await eslint.lintText(controller, { filePath: 'user.controller.ts' });
    const pick = (m: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; message: string; severity: number }) =>
      [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message, m.severity];
    expect(messages.map(pick)).toEqual(result.messages.map(pick));
    expect(messages.map((m) => m.ruleId)).toEqual(['igniter-rt/no-unscoped-revalidate', 'igniter-rt/require-revalidate']);
  });

  it('applies presets and per-rule settings, with or without the plugin prefix', () => {
    expect(analyzeText(controller, 'a.ts').map((m) => m.ruleId)).toEqual(['igniter-rt/require-revalidate']);
    expect(analyzeText(controller, 'a.ts', { rules: { 'igniter-rt/require-revalidate': 'off' } })).toEqual([]);
    const warned = analyzeText(controller, 'a.ts', { rules: { 'require-revalidate': 'warn' } });
    expect(warned.map((m) => m.severity)).toEqual([1]);
    const ignored = analyzeText(controller, 'a.ts', { rules: { 'require-revalidate': ['error', { ignore: ['user.*'] }] } });
    expect(ignored).toEqual([]);
  });

  it('honours instanceNames', () => {
    const renamed = controller.replaceAll('igniter.', 'api.');
    expect(analyzeText(renamed, 'a.ts')).toEqual([]);
    expect(analyzeText(renamed, 'a.ts', { settings: { instanceNames: ['api'] } })).toHaveLength(1);
  });

  it('carries suggestions as text edits', () => {
    const [message] = analyzeText(`igniter.query({ path: '/', handler: async ({ realtime }) => realtime })`, 'a.ts');
    expect(message.suggestions).toEqual([{ desc: 'Add `stream: true`.', messageId: 'addStream', edits: [{ range: [26, 26], text: ' stream: true,' }] }]);
  });

  it('does not parse files no rule can concern, and never throws on broken code', () => {
    expect(analyzeText('export const x = 1;', 'a.ts')).toEqual([]);
    for (const broken of ['igniter.query({ handler: async ({ response }) => response.success(', 'igniter.mutation(', '}}}{{{', '']) {
      expect(() => analyzeText(broken, 'broken.ts', { preset: 'all' })).not.toThrow();
    }
  });
});

describe('analyzeProject', () => {
  it('finds the example app’s deliberate mistakes, as ESLint does', () => {
    // The example app lints itself with the strict preset (its eslint.config.js).
    const findings = analyzeProject(app, { preset: 'strict' }).flatMap((file) =>
      file.messages.map((m) => `${relative(app, file.filePath)}:${m.line}:${m.column} ${m.ruleId}`),
    );
    expect(findings.sort()).toEqual(EXPECTED_FINDINGS);
  });
});

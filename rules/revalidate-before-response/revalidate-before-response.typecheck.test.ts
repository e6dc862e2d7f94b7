/**
 * revalidate-before-response, checked against the real @igniter-js/core 0.3 types: a small app written
 * in the Igniter realtime guide's order (`response.created(x).revalidate(keys)`) fails `tsc` with TS2339;
 * after `--fix` (ESLint's `Linter.verifyAndFix`, which runs fix passes until nothing changes) the same
 * app type-checks. The fixture is copied to a temporary directory and fixed there.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';

const REPO = join(import.meta.dirname, '../..');
const FIXTURE = join(REPO, 'test/fixtures/projects/revalidate-before-response');
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser },
    plugins: { 'igniter-rt': plugin },
    rules: { 'igniter-rt/revalidate-before-response': 'warn' },
  },
];

let dir: string;

/** `tsc --noEmit -p <dir>`, spawned without a shell. */
function typeCheck(): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '-p', dir], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function sourceFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const read = (path: string): string => readFileSync(join(dir, path), 'utf8');

describe('revalidate-before-response: the fixed code type-checks against @igniter-js/core 0.3', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'igniter-rt-revalidate-before-response-'));
    cpSync(FIXTURE, dir, { recursive: true });
    // Outside the repository, `@igniter-js/core` resolves through an absolute path to this checkout's copy.
    const tsconfigPath = join(dir, 'tsconfig.json');
    const tsconfig = JSON.parse(readFileSync(tsconfigPath, 'utf8'));
    tsconfig.compilerOptions.paths['@igniter-js/core'] = [join(REPO, 'node_modules/@igniter-js/core')];
    writeFileSync(tsconfigPath, JSON.stringify(tsconfig, null, 2));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fails with TS2339 before the fix (revalidate after the terminal call)', () => {
    const { status, output } = typeCheck();
    expect(status).not.toBe(0);
    expect(output).toMatch(/error TS2339: Property 'revalidate' does not exist on type 'IgniterResponse</);
    // One error per revalidate written after a terminal call (7 across the fixture).
    expect(output.match(/TS2339/g)).toHaveLength(7);
  });

  it('reports every one of them and fixes them all', () => {
    // The files live outside this checkout: ESLint matches `files` relative to `cwd`.
    const linter = new Linter({ configType: 'flat', cwd: dir });
    let reported = 0;
    for (const file of sourceFiles(join(dir, 'src'))) {
      const text = readFileSync(file, 'utf8');
      reported += linter.verify(text, config, file).filter((message) => message.ruleId === 'igniter-rt/revalidate-before-response').length;
      const result = linter.verifyAndFix(text, config, file);
      expect(result.messages, relative(dir, file)).toEqual([]);
      if (result.fixed) writeFileSync(file, result.output);
    }
    // 8 findings for 7 type errors: after `.success(x).revalidate(a)`, tsc stops at the first revalidate
    // (the result is `any`), the rule reports both.
    expect(reported).toBe(8);
  });

  it('keeps arguments, comments and layout', () => {
    const messages = read('src/features/message/message.controller.ts');
    expect(messages).toContain(`        return response
          .revalidate(['message.list'])
          .created(message) // All connected clients update`);
    expect(messages).toContain(
      `return res.status(201).setHeader('X-Pinned', message.id).revalidate(['message.list'], () => [\`room:\${message.roomId}\`]).created({ pinned: message.id })`,
    );
    expect(messages).toContain(
      "return response.revalidate(['message.list']).revalidate(['profile.get'], (ctx) => [`user:${ctx.user.id}`]).success({ id: request.params.id })",
    );
    expect(messages).toContain(`        return ctx.response
          // Everyone in the room refetches the list.
          .revalidate({ queryKeys: ['message.list'], broadcast: true }, (appContext) => [\`room:\${message.roomId}\`, \`user:\${appContext.user.id}\`])
          .noContent()`);
    const profile = read('src/features/profile/profile.controller.ts');
    expect(profile).toContain(`        return response
          .revalidate(
            ['profile.get'],
            (ctx) => [\`user:\${ctx.user.id}\`], // Scope function
          )
          .success(updated)`);
    // Not returned, but nothing uses `response` after it: fixed too. No line break, so none is added.
    expect(profile).toContain(`        const result = response.revalidate(['profile.get'], (ctx) => [\`user:\${ctx.user.id}\`]).json({
          id: updated.id,
          name: updated.name,
        })`);
    expect(read('src/lib/respond.ts')).toContain("return response.revalidate(['message.list']).created(data)");
  });

  it('type-checks after the fix', () => {
    const { status, output } = typeCheck();
    expect(output).toBe('');
    expect(status).toBe(0);
  });
});

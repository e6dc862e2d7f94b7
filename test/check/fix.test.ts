/**
 * `check --fix`: ESLint's fix semantics (one merged fix per message, overlapping or touching fixes left
 * for the next pass, at most 10 passes; checked against ESLint's Linter), atomic writes that keep the
 * file's mode and leave the original intact when a write fails, and the built binary end to end on the
 * revalidate-before-response fixture and the example app (exact fixed text, the problems left).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Linter, type Rule } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFixes, fixText, MAX_FIX_PASSES, mergeEdits } from '../../src/check/fix.js';
import { writeFileAtomically, WriteError, type WriteFs } from '../../src/check/write-file.js';
import type { Message } from '../../src/engine.js';
import { bin, ensureBuilt, repoRoot } from '../support/built-cli.js';
import { EXAMPLE_APP, EXPECTED_FINDINGS } from '../support/example-app.js';

const FIXTURE = join(repoRoot, 'test', 'fixtures', 'projects', 'revalidate-before-response');

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function copyOf(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'igniter-rt-fix-'));
  folders.push(dir);
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** Every file under `dir`, for spotting temp files left behind. */
const allFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

const message = (fix: Message['fix']): Message => ({ ruleId: 'test/edits', severity: 1, message: 'm', messageId: 'm', line: 1, column: 1, endLine: 1, endColumn: 1, fix });

describe('fix passes, as ESLint applies them', () => {
  const ORIGINAL = 'let abcdefgh = 1;\n';
  // Offsets in ORIGINAL: `abcdefgh` is [4, 12).
  const FIXES: Message['fix'][] = [
    [{ range: [4, 6], text: 'X' }], // applied
    [{ range: [5, 7], text: 'Y' }], // overlaps the first: next pass (and by then the rule has moved on)
    [{ range: [6, 8], text: 'Z' }], // touches the first: next pass too
    [
      { range: [10, 11], text: '1' }, // two edits of one message: merged into one fix [8, 11)
      { range: [8, 9], text: '2' },
    ],
  ];

  it('mergeEdits keeps the text between the edits and refuses overlapping edits', () => {
    expect(mergeEdits(ORIGINAL, FIXES[3]!)).toEqual({ range: [8, 11], text: '2f1' });
    expect(() => mergeEdits(ORIGINAL, [{ range: [1, 3], text: '' }, { range: [2, 4], text: '' }])).toThrow(/overlapping edits/);
  });

  it('one pass applies the non-overlapping fixes in position order', () => {
    expect(applyFixes(ORIGINAL, FIXES.map(message))).toEqual({ output: 'let Xcd2f1h = 1;\n', fixed: true });
    expect(applyFixes(ORIGINAL, [message(undefined)])).toEqual({ output: ORIGINAL, fixed: false });
  });

  it("gives exactly ESLint's verifyAndFix output on the same fixes", () => {
    const rule: Rule.RuleModule = {
      meta: { fixable: 'code', schema: [] },
      create: (context) => ({
        Program() {
          if (context.sourceCode.text !== ORIGINAL) return;
          for (const edits of FIXES) {
            context.report({ loc: { line: 1, column: 0 }, message: 'm', fix: () => edits!.map((edit) => ({ range: [edit.range[0], edit.range[1]] as [number, number], text: edit.text })) });
          }
        },
      }),
    };
    const config: Linter.Config[] = [{ plugins: { test: { rules: { edits: rule } } }, rules: { 'test/edits': 'warn' } }];
    const eslint = new Linter({ configType: 'flat' }).verifyAndFix(ORIGINAL, config, 'x.js');
    const ours = fixText(ORIGINAL, (text) => (text === ORIGINAL ? FIXES.map(message) : []));
    expect(ours.output).toBe(eslint.output);
    expect(ours.fixed).toBe(eslint.fixed);
    expect(ours.messages).toEqual([]);
  });

  it(`stops after ${MAX_FIX_PASSES} passes, and reports what the last text still has`, () => {
    let lints = 0;
    const result = fixText('', (text) => {
      lints++;
      return [message([{ range: [text.length, text.length], text: 'x' }])];
    });
    expect(result.output).toBe('x'.repeat(MAX_FIX_PASSES));
    expect(lints).toBe(MAX_FIX_PASSES + 1);
    expect(result.messages).toHaveLength(1);
  });
});

describe('writeFileAtomically', () => {
  it('replaces the content, keeps the mode, writes through a symbolic link, and leaves no temp file', () => {
    const dir = copyOf(join(FIXTURE, 'src', 'lib'));
    const file = join(dir, 'respond.ts');
    chmodSync(file, 0o751);
    symlinkSync(file, join(dir, 'link.ts'));
    writeFileAtomically(join(dir, 'link.ts'), 'export {};\n');
    expect(readFileSync(file, 'utf8')).toBe('export {};\n');
    expect(statSync(file).mode & 0o7777).toBe(0o751);
    expect(lstatSync(join(dir, 'link.ts')).isSymbolicLink()).toBe(true);
    expect(allFiles(dir)).toEqual(['db.ts', 'respond.ts']);
  });

  it('when a step fails, the original is intact, the temp file is gone, and the error says so', () => {
    for (const step of ['writeSync', 'fsyncSync', 'renameSync'] as const) {
      const dir = copyOf(join(FIXTURE, 'src', 'lib'));
      const file = join(dir, 'respond.ts');
      const before = readFileSync(file, 'utf8');
      const failing: WriteFs = {
        ...fs,
        [step]: () => {
          throw Object.assign(new Error(`EIO: i/o error, ${step}`), { code: 'EIO' });
        },
      };
      expect(() => writeFileAtomically(file, 'export {};\n', failing), step).toThrow(WriteError);
      expect(() => writeFileAtomically(file, 'export {};\n', failing), step).toThrow(`cannot write ${file} (EIO: i/o error, ${step}); it is unchanged.`);
      expect(readFileSync(file, 'utf8'), step).toBe(before);
      expect(allFiles(dir), step).toEqual(['db.ts', 'respond.ts']);
    }
  });
});

function run(args: string[], options: { cwd?: string; prefix?: string[] } = {}) {
  const command = [...(options.prefix ?? []), process.execPath, bin, 'check', ...args];
  const result = spawnSync(command[0], command.slice(1), { cwd: options.cwd ?? repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('check --fix (built binary)', () => {
  beforeAll(() => ensureBuilt('cli/commands/check.js'), 120_000);

  it('fixes revalidate-before-response in place: exact text, mode kept, nothing left, and a second run changes nothing', () => {
    const dir = copyOf(FIXTURE);
    const respond = join(dir, 'src', 'lib', 'respond.ts');
    chmodSync(respond, 0o640);
    const before = allFiles(dir);
    const result = run(['--fix', '--cwd', dir]);
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(allFiles(dir)).toEqual(before);
    expect(statSync(respond).mode & 0o7777).toBe(0o640);
    expect(readFileSync(respond, 'utf8')).toBe(
      readFileSync(join(FIXTURE, 'src', 'lib', 'respond.ts'), 'utf8').replace(
        "return response.created(data).revalidate(['message.list'])",
        "return response.revalidate(['message.list']).created(data)",
      ),
    );
    const messages = readFileSync(join(dir, 'src', 'features', 'message', 'message.controller.ts'), 'utf8');
    expect(messages).toContain(`        return response
          .revalidate(['message.list'])
          .created(message) // All connected clients update`);
    expect(messages).toContain(
      "return response.revalidate(['message.list']).revalidate(['profile.get'], (ctx) => [`user:${ctx.user.id}`]).success({ id: request.params.id })",
    );
    expect(messages).toContain(`        return ctx.response
          // Everyone in the room refetches the list.
          .revalidate({ queryKeys: ['message.list'], broadcast: true }, (appContext) => [\`room:\${message.roomId}\`, \`user:\${appContext.user.id}\`])
          .noContent()`);
    const profile = readFileSync(join(dir, 'src', 'features', 'profile', 'profile.controller.ts'), 'utf8');
    expect(profile).toContain(`        const result = response.revalidate(['profile.get'], (ctx) => [\`user:\${ctx.user.id}\`]).json({
          id: updated.id,
          name: updated.name,
        })`);
    const snapshot = allFiles(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8'), statSync(join(dir, file)).mtimeMs]);
    expect(run(['--fix', '--cwd', dir])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(allFiles(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8'), statSync(join(dir, file)).mtimeMs])).toEqual(snapshot);
  });

  it('reports the problems left after fixing (the example app: 13 of 14 remain, exit 1)', () => {
    const dir = copyOf(EXAMPLE_APP);
    const result = run(['--strict', '--fix', '--format', 'json', '--cwd', dir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const results = JSON.parse(result.stdout) as { filePath: string; output?: string; messages: { line: number; column: number; ruleId: string }[] }[];
    const left = results.flatMap((file) => file.messages.map((m) => `${relative(dir, file.filePath)}:${m.line}:${m.column} ${m.ruleId}`)).sort();
    expect(left).toEqual(EXPECTED_FINDINGS.filter((finding) => !finding.endsWith('revalidate-before-response')));
    const room = join(dir, 'src', 'features', 'room', 'controllers', 'room.controller.ts');
    expect(results.filter((file) => file.output !== undefined).map((file) => file.filePath)).toEqual([room]);
    expect(readFileSync(room, 'utf8').split('\n')[104]).toBe(
      "        return response.revalidate(['room.list', 'user.rooms'], () => [userScope(context.user.id)]).success({ roomId: room.id })",
    );
    // Suggestions are never applied: the other files are untouched.
    for (const file of allFiles(EXAMPLE_APP).filter((file) => !file.endsWith('room.controller.ts'))) {
      expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(EXAMPLE_APP, file), 'utf8'));
    }
  });

  it('a write that fails (a file-size limit the kernel enforces, even for root) leaves the file intact: exit 2, one line, the problem still reported', () => {
    const dir = copyOf(join(FIXTURE));
    const respond = join(dir, 'src', 'lib', 'respond.ts');
    const before = readFileSync(respond, 'utf8');
    // RLIMIT_FSIZE below the fixed file's size: the write gets EFBIG (Node ignores SIGXFSZ). Output goes to pipes, which the limit does not cover.
    const result = run(['--fix', '--format', 'json', '--cwd', dir, 'src/lib/respond.ts'], { prefix: ['prlimit', '--fsize=100', '--'] });
    expect(result.stderr).toBe(`igniter-rt: cannot write ${respond} (EFBIG: file too large, write); it is unchanged.\n`);
    expect(result.status).toBe(2);
    expect(readFileSync(respond, 'utf8')).toBe(before);
    expect(allFiles(join(dir, 'src', 'lib'))).toEqual(['db.ts', 'respond.ts']);
    const [file] = JSON.parse(result.stdout) as { messages: { ruleId: string; line: number }[]; output?: string; source?: string }[];
    expect(file.output).toBeUndefined();
    expect(file.source).toBe(before);
    expect(file.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['5 igniter-rt/revalidate-before-response']);
  });

  it('--fix-dry-run writes nothing; --fix with --staged is refused (exit 2)', () => {
    const dir = copyOf(FIXTURE);
    const before = allFiles(dir).map((file) => readFileSync(join(dir, file), 'utf8'));
    const dry = run(['--fix-dry-run', '--format', 'json', '--cwd', dir]);
    expect(dry.status).toBe(0);
    expect((JSON.parse(dry.stdout) as { output?: string }[]).filter((file) => file.output).length).toBe(3);
    expect(allFiles(dir).map((file) => readFileSync(join(dir, file), 'utf8'))).toEqual(before);
    const staged = run(['--fix', '--staged', '--cwd', dir]);
    expect(staged).toEqual({ status: 2, stdout: '', stderr: 'igniter-rt: --fix cannot be combined with --staged: fixes apply to the working tree, not to the staged copies.\n' });
  });

  it('keeps a byte order mark; positions and fix offsets do not count it, as in ESLint', () => {
    const dir = copyOf(join(FIXTURE, 'src', 'lib'));
    const file = join(dir, 'respond.ts');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `\uFEFF${text}`);
    const [result] = JSON.parse(run(['--format', 'json', '--cwd', dir, 'respond.ts']).stdout) as { messages: { line: number; column: number }[] }[];
    expect(result.messages.map((m) => `${m.line}:${m.column}`)).toEqual(['5:33']);
    expect(run(['--fix', '--cwd', dir, 'respond.ts']).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`\uFEFF${text.replace("response.created(data).revalidate(['message.list'])", "response.revalidate(['message.list']).created(data)")}`);
  });
});

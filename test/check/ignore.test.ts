/**
 * Which files `check` lints: .gitignore (git's own answer in a work tree, the parsed files elsewhere,
 * and the two must agree), `--ignore` and `ignores` in igniter-rt.config.json, and named paths that are
 * ignored (skipped with a warning, as ESLint does).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIgnoreFilter, selectFiles } from '../../src/check/files.js';
import { compilePattern, lastMatch, parseGitignore } from '../../src/check/gitignore.js';
import { runCheckCommand } from '../../src/cli/commands/check.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'igniter-rt-ignore-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const posix = (path: string) => path.split(sep).join('/');
const listed = (root: string, paths: string[] = [], extra: { pattern: string; source: string }[] = []) =>
  selectFiles(root, paths, createIgnoreFilter(root, extra))
    .files.map((file) => posix(relative(root, file)))
    .sort();

async function check(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCheckCommand(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), color: false });
  const files = stdout.startsWith('[') ? (JSON.parse(stdout) as { filePath: string }[]).map((result) => result.filePath) : [];
  return { status, stdout, stderr, files };
}

const SOURCE = 'export const x = 1;\n';

/** A tree that exercises the gitignore format: anchoring, `**`, classes, escapes, negation, nested files. */
const PATTERN_TREE: Record<string, string> = {
  '.gitignore': [
    '# a comment, then a blank line',
    '',
    '*.gen.ts',
    '/build-out/',
    'generated/',
    '!generated/keep.ts',
    'logs/**',
    'src/**/tmp-*.ts',
    'a?c.ts',
    '[bc]at.ts',
    '[!x]og.ts',
    '\\#hash.ts',
    'trailing.ts   ',
    'docs/*.ts',
    '**/fixtures-out',
    'vendor',
    '!vendor/',
    'only-dir/',
  ].join('\n'),
  'src/.gitignore': 'local.ts\n!important.gen.ts\n/anchored.ts\n',
  'index.ts': SOURCE,
  'x.gen.ts': SOURCE,
  'src/important.gen.ts': SOURCE,
  'src/other.gen.ts': SOURCE,
  'build-out/a.ts': SOURCE,
  'src/build-out/a.ts': SOURCE,
  'generated/a.ts': SOURCE,
  'generated/keep.ts': SOURCE,
  'src/generated/b.ts': SOURCE,
  'logs/a.ts': SOURCE,
  'logs/deep/b.ts': SOURCE,
  'src/tmp-a.ts': SOURCE,
  'src/x/y/tmp-b.ts': SOURCE,
  'src/x/y/keep-b.ts': SOURCE,
  'abc.ts': SOURCE,
  'abbc.ts': SOURCE,
  'bat.ts': SOURCE,
  'rat.ts': SOURCE,
  'dog.ts': SOURCE,
  'xog.ts': SOURCE,
  '#hash.ts': SOURCE,
  'trailing.ts': SOURCE,
  'docs/a.ts': SOURCE,
  'docs/deep/b.ts': SOURCE,
  'a/b/fixtures-out/c.ts': SOURCE,
  'vendor/v.ts': SOURCE,
  'only-dir.ts': SOURCE,
  'only-dir/x.ts': SOURCE,
  'src/local.ts': SOURCE,
  'src/deep/local.ts': SOURCE,
  'src/anchored.ts': SOURCE,
  'src/deep/anchored.ts': SOURCE,
};

describe('gitignore patterns', () => {
  it('outside git, the parsed .gitignore files select exactly what git selects', () => {
    const inGit = tree(PATTERN_TREE);
    git(inGit, 'init', '-q');
    const byGit = git(inGit, 'ls-files', '--others', '--exclude-standard')
      .split('\n')
      .filter((file) => file.endsWith('.ts'))
      .sort();
    const plain = tree({});
    cpSync(inGit, plain, { recursive: true, filter: (source) => !source.includes(`${sep}.git${sep}`) && !source.endsWith(`${sep}.git`) });
    expect(listed(plain)).toEqual(byGit);
    // Both from git's own listing (in the work tree) and from the files.
    expect(listed(inGit)).toEqual(byGit);
    // And the answers are the documented ones, not just equal.
    expect(byGit).toEqual([
      'abbc.ts',
      'docs/deep/b.ts',
      'index.ts',
      'only-dir.ts',
      'rat.ts',
      'src/build-out/a.ts',
      'src/deep/anchored.ts',
      'src/important.gen.ts',
      'src/x/y/keep-b.ts',
      'vendor/v.ts',
      'xog.ts',
    ]);
  });

  it('parses comments, escapes, trailing spaces and negation', () => {
    const rules = parseGitignore('# c\n\n\\#x\n\\!y\n!z\nsp\\ \nend   \n', '', '.gitignore');
    expect(rules.map((rule) => [rule.pattern, rule.negated, rule.source])).toEqual([
      ['\\#x', false, '.gitignore:3'],
      ['\\!y', false, '.gitignore:4'],
      ['!z', true, '.gitignore:5'],
      ['sp ', false, '.gitignore:6'],
      ['end', false, '.gitignore:7'],
    ]);
    expect(lastMatch(rules, '#x', false)?.pattern).toBe('\\#x');
    expect(lastMatch(rules, '!y', false)?.pattern).toBe('\\!y');
    expect(lastMatch(rules, 'sp ', false)?.pattern).toBe('sp ');
    expect(lastMatch(rules, 'end', false)?.pattern).toBe('end');
  });

  it('anchors patterns with a slash to their folder, and matches others at any depth', () => {
    const nested = compilePattern('/a.ts', 'src', 'src/.gitignore:1')!;
    expect(lastMatch([nested], 'src/a.ts', false)).toBe(nested);
    expect(lastMatch([nested], 'src/x/a.ts', false)).toBeUndefined();
    expect(lastMatch([nested], 'a.ts', false)).toBeUndefined();
    const anywhere = compilePattern('a.ts', 'src', 'src/.gitignore:1')!;
    expect(lastMatch([anywhere], 'src/x/a.ts', false)).toBe(anywhere);
    expect(lastMatch([anywhere], 'lib/a.ts', false)).toBeUndefined();
    const dirOnly = compilePattern('out/', '', '--ignore')!;
    expect(lastMatch([dirOnly], 'out', true)).toBe(dirOnly);
    expect(lastMatch([dirOnly], 'out', false)).toBeUndefined();
    const middle = compilePattern('a/**/b.ts', '', '--ignore')!;
    expect(['a/b.ts', 'a/x/b.ts', 'a/x/y/b.ts'].every((path) => lastMatch([middle], path, false))).toBe(true);
    expect(lastMatch([middle], 'x/a/b.ts', false)).toBeUndefined();
  });
});

describe('check: ignored files', () => {
  it('honours .gitignore in a git work tree: git decides (tracked files count, .git/info/exclude too)', async () => {
    const dir = tree({
      '.gitignore': 'generated/\n*.local.ts\n',
      'src/a.ts': SOURCE,
      'src/b.local.ts': SOURCE,
      'src/tracked.local.ts': SOURCE,
      'generated/api.ts': SOURCE,
      'scratch/notes.ts': SOURCE,
    });
    git(dir, 'init', '-q');
    writeFileSync(join(dir, '.git', 'info', 'exclude'), 'scratch/\n');
    // A tracked file is never ignored by git, whatever .gitignore says.
    git(dir, 'add', '-f', 'src/tracked.local.ts');
    const { status, files, stderr } = await check(['--format', 'json', '--cwd', dir]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(files.map((file) => posix(relative(dir, file)))).toEqual(['src/a.ts', 'src/tracked.local.ts']);
  });

  it('skips a named path that is ignored, with a warning that says which pattern, and checks the rest', async () => {
    const dir = tree({ '.gitignore': '# build output\ngenerated/\n', 'src/a.ts': SOURCE, 'generated/api.ts': SOURCE, 'generated/more/x.ts': SOURCE });
    git(dir, 'init', '-q');
    const { status, files, stderr } = await check(['--format', 'json', '--cwd', dir, 'generated/api.ts', 'generated/more', 'src']);
    expect(status).toBe(0);
    expect(files).toEqual([join(dir, 'src', 'a.ts')]);
    expect(stderr).toBe(
      'igniter-rt: warning: generated/api.ts is ignored (.gitignore:2 "generated/"), so it is not checked.\n' +
        'igniter-rt: warning: generated/more is ignored (.gitignore:2 "generated/"), so it is not checked.\n',
    );
  });

  it('outside git, reads the root and nested .gitignore files, with negations', async () => {
    const dir = tree({ '.gitignore': '*.gen.ts\n', 'src/.gitignore': '!keep.gen.ts\n', 'a.gen.ts': SOURCE, 'src/keep.gen.ts': SOURCE, 'src/drop.gen.ts': SOURCE, 'src/b.ts': SOURCE });
    const { files, stderr } = await check(['--format', 'json', '--cwd', dir, '.', 'a.gen.ts']);
    expect(files.map((file) => posix(relative(dir, file)))).toEqual(['src/b.ts', 'src/keep.gen.ts']);
    expect(stderr).toBe('igniter-rt: warning: a.gen.ts is ignored (.gitignore:1 "*.gen.ts"), so it is not checked.\n');
  });

  it('--ignore (repeatable) and "ignores" in the config take gitignore patterns relative to the project root', async () => {
    const dir = tree({
      'igniter-rt.config.json': JSON.stringify({ ignores: ['legacy/'], generate: { routerFile: 'src/igniter.router.ts' } }),
      'src/a.ts': SOURCE,
      'src/a.test.ts': SOURCE,
      'src/deep/b.test.ts': SOURCE,
      'legacy/old.ts': SOURCE,
      'scripts/tool.ts': SOURCE,
      'scripts/keep.ts': SOURCE,
    });
    const { status, files, stderr } = await check(['--format', 'json', '--cwd', dir, '--ignore', '*.test.ts', '--ignore', '/scripts/*', '--ignore', '!scripts/keep.ts']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(files.map((file) => posix(relative(dir, file)))).toEqual(['scripts/keep.ts', 'src/a.ts']);
    const named = await check(['--format', 'json', '--cwd', dir, '--ignore', 'src/a.ts', 'src/a.ts', 'legacy/old.ts']);
    expect(named.files).toEqual([]);
    expect(named.stderr).toBe(
      'igniter-rt: warning: src/a.ts is ignored (--ignore "src/a.ts"), so it is not checked.\n' +
        'igniter-rt: warning: legacy/old.ts is ignored (igniter-rt.config.json "ignores" "legacy/"), so it is not checked.\n',
    );
  });

  it('an untracked repository inside the work tree is read through its own .gitignore files', async () => {
    const dir = tree({ 'a.ts': SOURCE, 'inner/.gitignore': 'out/\n', 'inner/b.ts': SOURCE, 'inner/out/c.ts': SOURCE });
    git(dir, 'init', '-q');
    git(join(dir, 'inner'), 'init', '-q');
    const { files } = await check(['--format', 'json', '--cwd', dir]);
    expect(files.map((file) => posix(relative(dir, file)))).toEqual(['a.ts', 'inner/b.ts']);
  });

  it('a project in a folder the repository around it ignores is checked, on its own .gitignore files', async () => {
    const dir = tree({ '.gitignore': 'scratch/\n', 'scratch/app/.gitignore': 'out/\n', 'scratch/app/src/a.ts': SOURCE, 'scratch/app/out/b.ts': SOURCE });
    git(dir, 'init', '-q');
    const app = join(dir, 'scratch', 'app');
    const { status, files, stderr } = await check(['--format', 'json', '--cwd', app]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(files).toEqual([join(app, 'src', 'a.ts')]);
    expect((await check(['--format', 'json', '--cwd', app, 'out/b.ts'])).stderr).toBe('igniter-rt: warning: out/b.ts is ignored (.gitignore:1 "out/"), so it is not checked.\n');
  });

  it('--staged honours --ignore (git never ignores a staged file)', async () => {
    const dir = tree({ '.gitignore': 'forced.ts\n', 'a.ts': SOURCE, 'b.ts': SOURCE, 'forced.ts': SOURCE });
    git(dir, 'init', '-q');
    git(dir, 'add', 'a.ts', 'b.ts');
    git(dir, 'add', '-f', 'forced.ts');
    const { status, files, stderr } = await check(['--staged', '--format', 'json', '--cwd', dir, '--ignore', 'b.ts']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(files).toEqual([join(dir, 'a.ts'), join(dir, 'forced.ts')]);
  });

  it('bad "ignores" in the config is a configuration error (exit 2)', async () => {
    for (const ignores of ['legacy/', [''], [3], ['# only a comment']]) {
      const dir = tree({ 'igniter-rt.config.json': JSON.stringify({ ignores }), 'a.ts': SOURCE });
      const { status, stdout, stderr } = await check(['--cwd', dir]);
      expect(status, JSON.stringify(ignores)).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^igniter-rt: igniter-rt\.config\.json:? "ignores"/);
    }
  });
});

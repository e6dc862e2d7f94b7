/**
 * End to end: the BUILT binary's `check --staged` in temp git repositories: the staged copy is what is
 * linted and what cross-file facts come from, odd file names, a real pre-commit hook, the empty and
 * not-a-repository cases, and that nothing but git ever runs (fsmonitor, filters, a `git` in the repo).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt } from '../support/built-cli.js';
import { app, commit, controller, git, gitEnv, notifier, removeTempFolders, router, stage, tempFolder, tempRepo, write } from './staged-repo.js';

beforeAll(() => ensureBuilt('check/staged.js'), 120_000);
afterAll(removeTempFolders);

function check(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [bin, 'check', ...args], { cwd, encoding: 'utf8', env: { ...gitEnv, IGNITER_RT_THROW: '1', NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `path:line:column rule` for each finding of a json report. */
function findings(stdout: string, root: string): string[] {
  const results = JSON.parse(stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string }[] }[];
  return results.flatMap((file) => file.messages.map((message) => `${relative(root, file.filePath)}:${message.line}:${message.column} ${message.ruleId}`)).sort();
}

const CONTROLLER = 'src/features/message.controller.ts';
const LIST_NOT_LIVE = `${CONTROLLER}:7:5 igniter-rt/require-stream`;

/** A mutation that never revalidates: require-revalidate reports it on its own under `--strict` (`mutations: 'all'`; the app has no live query). */
const SILENT_MUTATION = [
  "import { igniter } from './igniter';",
  '',
  "export const save = igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.success(null) });",
  '',
].join('\n');

describe('igniter-rt check --staged', () => {
  it('lints the staged copy: a staged mistake is found though the working tree is fixed', () => {
    const repo = tempRepo({ ...app, 'src/igniter.router.ts': router('message') });
    git(repo, 'add', '.');
    commit(repo);
    stage(repo, { [CONTROLLER]: controller({ stream: false, create: true }) });
    write(repo, { [CONTROLLER]: controller({ stream: true, create: true }) });

    const staged = check(repo, ['--staged', '--format', 'json']);
    expect(findings(staged.stdout, repo)).toEqual([LIST_NOT_LIVE]);
    expect(staged.status).toBe(1);
    const workingTree = check(repo, ['--format', 'json']);
    expect(findings(workingTree.stdout, repo)).toEqual([]);
    expect(workingTree.status).toBe(0);
  });

  it('and a staged fix is clean though the working tree is broken', () => {
    const repo = tempRepo();
    stage(repo, { ...app, 'src/igniter.router.ts': router('message'), [CONTROLLER]: controller({ stream: true, create: true }) });
    write(repo, { [CONTROLLER]: controller({ stream: false, create: true }) });

    const staged = check(repo, ['--staged']);
    expect(staged).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(findings(check(repo, ['--format', 'json']).stdout, repo)).toEqual([LIST_NOT_LIVE]);
  });

  it('takes cross-file facts from the staged router, not the one on disk', () => {
    const repo = tempRepo(app);
    git(repo, 'add', '.');
    commit(repo);
    // Staged: the controller is registered as `message`, and another file revalidates `message.list`,
    // so the query is live. On disk the router says `messages`: that key is unknown, the query not live.
    stage(repo, { 'src/igniter.router.ts': router('message'), [CONTROLLER]: controller({ stream: false }), 'src/features/notify.ts': notifier() });
    write(repo, { 'src/igniter.router.ts': router('messages') });

    expect(findings(check(repo, ['--staged', '--format', 'json']).stdout, repo)).toEqual([LIST_NOT_LIVE]);
    expect(findings(check(repo, ['--format', 'json']).stdout, repo)).toEqual(['src/features/notify.ts:4:45 igniter-rt/no-unknown-revalidate-key']);
  });

  it('reads a file with unstaged edits (the router) as committed, since the commit holds that copy', () => {
    const repo = tempRepo({ ...app, 'src/igniter.router.ts': router('message'), [CONTROLLER]: controller({ stream: true }) });
    git(repo, 'add', '.');
    commit(repo);
    write(repo, { 'src/igniter.router.ts': router('messages') });
    stage(repo, { 'src/features/notify.ts': notifier() });

    const staged = check(repo, ['--staged', '--format', 'json']);
    expect(findings(staged.stdout, repo)).toEqual([]);
    expect(staged.status).toBe(0);
    expect(findings(check(repo, ['--format', 'json']).stdout, repo)).toEqual(['src/features/notify.ts:4:45 igniter-rt/no-unknown-revalidate-key']);
  });

  it('reports working-tree paths for names with spaces, unicode, quotes, a newline and leading dashes', () => {
    const names = ['src/my file.ts', 'src/ünïcödé-😀.ts', 'src/quo"te.ts', 'src/new\nline.ts', '-dash.ts', 'src/--help.ts'];
    const repo = tempRepo();
    stage(repo, { ...app, ...Object.fromEntries(names.map((name) => [name, SILENT_MUTATION.replace("'./igniter'", name.startsWith('src/') ? "'./igniter'" : "'./src/igniter'")])) });

    const all = check(repo, ['--staged', '--strict', '--format', 'json']);
    expect(findings(all.stdout, repo)).toEqual(names.map((name) => `${name}:3:100 igniter-rt/require-revalidate`).sort());
    const one = check(repo, ['--staged', '--strict', '--format', 'json', '--', '-dash.ts']);
    expect(findings(one.stdout, repo)).toEqual(['-dash.ts:3:100 igniter-rt/require-revalidate']);
    const github = check(repo, ['--staged', '--strict', '--format', 'github', 'src']);
    expect(github.stdout).toContain('::error file=src/new%0Aline.ts,line=3,col=100,');
    expect(github.stdout).toContain('::error file=src/ünïcödé-😀.ts,line=3,col=100,');
  });

  it('keeps to the project under --cwd in a repository that holds more', () => {
    const repo = tempRepo();
    stage(repo, {
      ...Object.fromEntries(Object.entries({ ...app, 'src/a.ts': SILENT_MUTATION }).map(([name, text]) => [`app/${name}`, text])),
      'other/src/igniter.ts': app['src/igniter.ts'],
      'other/src/b.ts': SILENT_MUTATION,
    });
    const result = check(repo, ['--staged', '--strict', '--format', 'json', '--cwd', 'app']);
    expect(findings(result.stdout, repo)).toEqual(['app/src/a.ts:3:100 igniter-rt/require-revalidate']);
  });

  it('with nothing staged: exit 0, a note on stderr (stylish), an empty report otherwise', () => {
    const repo = tempRepo(app);
    git(repo, 'add', '.');
    commit(repo);
    stage(repo, { 'README.md': '# app\n' });
    expect(check(repo, ['--staged'])).toEqual({ status: 0, stdout: '', stderr: 'igniter-rt: no staged TypeScript files to check.\n' });
    expect(check(repo, ['--staged', '--format', 'json'])).toEqual({ status: 0, stdout: '[]\n', stderr: '' });
    expect(check(repo, ['--staged', '--format', 'github'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('outside a git repository: exit 2 and one line', () => {
    const folder = tempFolder();
    writeFileSync(join(folder, 'a.ts'), SILENT_MUTATION);
    const result = check(folder, ['--staged'], { GIT_CEILING_DIRECTORIES: join(folder, '..') });
    expect(result).toEqual({ status: 2, stdout: '', stderr: `igniter-rt: --staged: ${folder} is not in a git repository.\n` });
  });

  it('as a pre-commit hook: blocks a commit with a mistake, and lints the index `git commit -a` builds', () => {
    const repo = tempRepo();
    stage(repo, { ...app, 'src/igniter.router.ts': router('message'), [CONTROLLER]: controller({ stream: true }) });
    commit(repo);
    const hooks = join(repo, '.hooks');
    mkdirSync(hooks);
    writeFileSync(join(hooks, 'pre-commit'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} check --staged\n`);
    chmodSync(join(hooks, 'pre-commit'), 0o755);
    const commitWithHook = (...args: string[]) =>
      spawnSync('git', ['-c', 'commit.gpgsign=false', '-c', `core.hooksPath=${hooks}`, 'commit', '-q', '-m', 'change', ...args], { cwd: repo, encoding: 'utf8', env: { ...gitEnv, NO_COLOR: '1' } });

    stage(repo, { [CONTROLLER]: controller({ stream: false, create: true }) });
    const blocked = commitWithHook();
    expect(blocked.status).not.toBe(0);
    // git sends a hook's stdout to stderr.
    expect(blocked.stderr).toContain(join(repo, CONTROLLER));
    expect(blocked.stderr).toMatch(/7:5 +error .+igniter-rt\/require-stream/);

    // Fixed in the working tree only: `commit -a` stages it into the index it commits (GIT_INDEX_FILE).
    write(repo, { [CONTROLLER]: controller({ stream: true, create: true }) });
    const passed = commitWithHook('-a');
    expect(passed.stderr).toBe('');
    expect(passed.status).toBe(0);
    expect(git(repo, 'show', `HEAD:${CONTROLLER}`)).toBe(controller({ stream: true, create: true }));
  });

  it('runs nothing but git: no fsmonitor hook, filter or textconv driver, nor a `git` file in the repository', () => {
    const markers = tempFolder();
    const repo = tempRepo();
    const script = (name: string, body: string) => {
      writeFileSync(join(repo, 'tools', name), `#!/bin/sh\ntouch ${JSON.stringify(join(markers, name))}\n${body}\n`);
      chmodSync(join(repo, 'tools', name), 0o755);
    };
    mkdirSync(join(repo, 'tools'));
    script('fsmonitor', 'exit 1');
    script('clean', 'cat');
    script('textconv', 'cat "$1"');
    stage(repo, { ...app, 'src/save.ts': SILENT_MUTATION, '.gitattributes': '*.ts filter=evil diff=evil\n' });
    write(repo, { 'src/save.ts': `// edited after staging\n${SILENT_MUTATION}` });
    git(repo, 'config', 'core.fsmonitor', join(repo, 'tools', 'fsmonitor'));
    git(repo, 'config', 'filter.evil.clean', join(repo, 'tools', 'clean'));
    git(repo, 'config', 'filter.evil.smudge', join(repo, 'tools', 'clean'));
    git(repo, 'config', 'diff.evil.textconv', join(repo, 'tools', 'textconv'));
    // An empty PATH entry is the current folder: a naive lookup would run this file instead of git.
    script('git', 'exit 1');
    copyFileSync(join(repo, 'tools', 'git'), join(repo, 'git'));
    const path = `:${process.env.PATH ?? ''}`;

    const result = check(repo, ['--staged', '--strict', '--format', 'json'], { PATH: path });
    expect(result.stderr).toBe('');
    expect(findings(result.stdout, repo)).toEqual(['src/save.ts:3:100 igniter-rt/require-revalidate']);
    expect(existsSync(join(markers, 'fsmonitor')) || existsSync(join(markers, 'clean')) || existsSync(join(markers, 'textconv')) || existsSync(join(markers, 'git'))).toBe(false);

    // Controls: each trap does fire for the git commands a naive implementation would use.
    spawnSync('git', ['ls-files'], { cwd: repo, env: gitEnv });
    expect(existsSync(join(markers, 'fsmonitor'))).toBe(true);
    spawnSync('git', ['-c', 'core.fsmonitor=false', 'diff'], { cwd: repo, env: gitEnv });
    expect(existsSync(join(markers, 'clean')) || existsSync(join(markers, 'textconv'))).toBe(true);
    spawnSync('git', ['--version'], { cwd: repo, env: { ...gitEnv, PATH: path } });
    expect(existsSync(join(markers, 'git'))).toBe(true);
  });
});

/**
 * End to end, with the BUILT binary and real `git commit`s in temp repositories: `igniter-rt init`
 * installs the hook; a staged controller with a mutation that never revalidates is refused with the
 * finding; once fixed, the commit goes through. Once with a plain git hook, once with husky 9.
 *
 * The app gets the package the way an install would: node_modules/igniter-rt links to this repository
 * and node_modules/.bin/igniter-rt to its bin, so the hook's `npx --no igniter-rt` resolves offline.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, repoRoot } from '../support/built-cli.js';
import { git, gitEnv, project, read, removeProjects } from './support.js';

beforeAll(() => ensureBuilt('cli/commands/init.js'), 120_000);
afterAll(removeProjects);

/** npm must neither update-check nor reach the registry from inside the hook. */
const env = { ...gitEnv, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };

const CONTROLLER = 'src/features/note/controllers/note.controller.ts';

const list = `    list: igniter.query({
      name: 'Notes',
      path: '/' as const,
      stream: true,
      handler: async ({ response }) => response.success({ notes: await noteRepository.list() }),
    }),`;

function controller(create?: string): string {
  return `import { igniter } from '@/igniter'

const noteRepository = {
  list: async () => [] as string[],
  create: async (text: string) => text,
}

export const noteController = igniter.controller({
  name: 'Note',
  path: '/notes',
  actions: {
${list}${create ? `\n${create}` : ''}
  },
})
`;
}

/** MISTAKE(require-revalidate): writes a note and responds without revalidating `note.list`, which shows notes, so every open list stays stale. */
const createWithoutRevalidate = `    create: igniter.mutation({
      name: 'Create note',
      path: '/' as const,
      method: 'POST',
      handler: async ({ response }) => response.created({ note: await noteRepository.create('hello') }),
    }),`;
const createFixed = createWithoutRevalidate.replace('response.created(', "response.revalidate(['note.list']).created(");

function app(devDependencies: Record<string, string>): string {
  const root = project({
    'package.json': `${JSON.stringify({ name: 'notes', private: true, type: 'module', devDependencies: { 'igniter-rt': '*', ...devDependencies } }, null, 2)}\n`,
    '.gitignore': 'node_modules/\n',
    'tsconfig.json': `${JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'bundler', paths: { '@/*': ['./src/*'] } }, include: ['src'] }, null, 2)}\n`,
    'src/igniter.ts': `import { Igniter } from '@igniter-js/core'\n\nexport const igniter = Igniter.context<object>().create()\n`,
    'src/igniter.router.ts': `import { igniter } from '@/igniter'\nimport { noteController } from '@/features/note/controllers/note.controller'\n\nexport const AppRouter = igniter.router({\n  controllers: { note: noteController },\n})\n`,
    [CONTROLLER]: controller(),
  });
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(repoRoot, join(root, 'node_modules', 'igniter-rt'));
  symlinkSync(bin, join(root, 'node_modules', '.bin', 'igniter-rt'));
  return root;
}

function run(root: string, command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const init = (root: string) => run(root, process.execPath, [bin, 'init']);
const commit = (root: string, message: string) => run(root, 'git', ['commit', '-q', '-m', message]);
const commits = (root: string) => Number(git(root, 'rev-list', '--count', '--all').trim() || '0');

/** The proof: the clean app commits; the violation is refused with the finding; the fix commits. */
function commitCycle(root: string): string {
  git(root, 'add', '-A');
  const first = commit(root, 'notes app');
  expect(first, first.output).toMatchObject({ status: 0 });
  expect(commits(root)).toBe(1);

  writeFileSync(join(root, CONTROLLER), controller(createWithoutRevalidate));
  git(root, 'add', CONTROLLER);
  const refused = commit(root, 'create notes');
  expect(refused.status, refused.output).not.toBe(0);
  expect(refused.output).toContain('note.controller.ts');
  expect(refused.output).toContain('igniter-rt/require-revalidate');
  expect(commits(root)).toBe(1);

  writeFileSync(join(root, CONTROLLER), controller(createFixed));
  git(root, 'add', CONTROLLER);
  const fixed = commit(root, 'create notes, revalidating the list');
  expect(fixed, fixed.output).toMatchObject({ status: 0 });
  expect(commits(root)).toBe(2);
  expect(git(root, 'show', `HEAD:${CONTROLLER}`)).toContain("response.revalidate(['note.list'])");
  return refused.output;
}

describe('igniter-rt init, then git commit (built binary)', () => {
  it('plain git: init installs .git/hooks/pre-commit; a violation is refused with the finding; the fix commits', () => {
    const root = app({});
    const result = init(root);
    expect(result, result.output).toMatchObject({ status: 0 });
    expect(result.output).toContain('CREATE eslint.config.js');
    expect(result.output).toContain('CREATE .git/hooks/pre-commit');
    commitCycle(root);
    // The staged copy is what counts: a fix left unstaged does not let the violation through.
    writeFileSync(join(root, CONTROLLER), controller(`${createFixed.replace('create:', 'archive:').replace("'Create note'", "'Archive note'")}\n${createWithoutRevalidate.replace('create:', 'remove:')}`));
    git(root, 'add', CONTROLLER);
    writeFileSync(join(root, CONTROLLER), controller(createFixed));
    expect(commit(root, 'partly staged').status).not.toBe(0);
  });

  it('husky 9: init extends .husky/pre-commit (the existing line still runs); the same refusal and success', () => {
    const root = app({ husky: '^9.1.7' });
    symlinkSync(join(repoRoot, 'node_modules', 'husky'), join(root, 'node_modules', 'husky'));
    const husky = run(root, process.execPath, [join(root, 'node_modules', 'husky', 'bin.js')]);
    expect(husky, husky.output).toMatchObject({ status: 0 });
    writeFileSync(join(root, '.husky', 'pre-commit'), 'echo "husky: the existing pre-commit ran"\n');
    const result = init(root);
    expect(result, result.output).toMatchObject({ status: 0 });
    expect(result.output).toContain('Pre-commit:       husky 9 (.husky/pre-commit)');
    expect(result.output).toContain('UPDATE .husky/pre-commit');
    expect(read(root, '.husky/pre-commit')).toMatch(/^echo "husky: the existing pre-commit ran"\n\n# >>> igniter-rt >>>\n/);
    const refused = commitCycle(root);
    expect(refused).toContain('husky: the existing pre-commit ran');
    expect(refused).toContain('husky - pre-commit script failed');
  });
});

/**
 * `check --staged` as modules: which files src/check/staged.ts picks from a real git repository and
 * which texts it hands the project index, the index's texts seam (and its cache), and how git is found.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ProjectIndex } from '../../src/analysis/project-index.js';
import { resolveSettings } from '../../src/analysis/settings.js';
import { findGit } from '../../src/check/git.js';
import { readStaged, StagedError } from '../../src/check/staged.js';
import { lintText } from '../../src/engine.js';
import { app, commit, controller, git, notifier, removeTempFolders, router, stage, tempFolder, tempRepo, write } from './staged-repo.js';

afterAll(removeTempFolders);

/** readStaged with the hermetic git environment (the CLI inherits the caller's, as in a hook). */
function staged(root: string, paths: string[] = [], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (name.startsWith('GIT_')) delete process.env[name];
  Object.assign(process.env, env);
  try {
    return readStaged(root, paths);
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

const relativeKeys = (map: ReadonlyMap<string, string>, root: string) => [...map.keys()].map((path) => path.slice(root.length + 1)).sort();

describe('readStaged', () => {
  it('reads the staged text of staged files, keyed by working-tree path, before the first commit too', () => {
    const repo = tempRepo();
    stage(repo, { ...app, 'src/igniter.router.ts': router('message') });
    write(repo, { 'src/igniter.router.ts': router('messages') });
    const result = staged(repo);
    expect(relativeKeys(result.files, repo)).toEqual(['src/igniter.router.ts', 'src/igniter.ts']);
    expect(result.files.get(join(repo, 'src/igniter.router.ts'))).toBe(router('message'));
    // The index's copy where the working tree's differs, and only there.
    expect(relativeKeys(result.texts, repo)).toEqual(['src/igniter.router.ts']);
    expect(result.texts.get(join(repo, 'src/igniter.router.ts'))).toBe(router('message'));
  });

  it('hands the index the committed copy of a file with unstaged edits, or one deleted from the working tree', () => {
    const repo = tempRepo();
    stage(repo, { ...app, 'src/igniter.router.ts': router('message'), 'src/features/message.controller.ts': controller({ stream: false }) });
    commit(repo);
    stage(repo, { 'src/features/notify.ts': notifier() });
    write(repo, { 'src/igniter.router.ts': router('messages') });
    rmSync(join(repo, 'src/features/message.controller.ts'));
    const result = staged(repo);
    expect(relativeKeys(result.files, repo)).toEqual(['src/features/notify.ts']);
    expect(relativeKeys(result.texts, repo)).toEqual(['src/features/message.controller.ts', 'src/igniter.router.ts']);
    expect(result.texts.get(join(repo, 'src/features/message.controller.ts'))).toBe(controller({ stream: false }));
  });

  it('leaves out staged deletions, unmerged files, non-TypeScript files, symlinks, dot-folders and build output', () => {
    const repo = tempRepo();
    stage(repo, { ...app, 'src/gone.ts': 'export const gone = 1;\n', 'src/conflict.ts': 'export const side = 0;\n' });
    commit(repo);
    git(repo, 'checkout', '-q', '-b', 'other');
    stage(repo, { 'src/conflict.ts': 'export const side = 2;\n', 'src/from-other.ts': 'export const fromOther = 1;\n' });
    commit(repo);
    git(repo, 'checkout', '-q', 'main');
    stage(repo, { 'src/conflict.ts': 'export const side = 1;\n' });
    commit(repo);
    // The merge stages other's new file and leaves src/conflict.ts unmerged.
    expect(() => git(repo, 'merge', '--no-edit', 'other')).toThrow(/conflict/i);
    expect(git(repo, 'ls-files', '--unmerged')).toContain('src/conflict.ts');
    git(repo, 'rm', '-q', 'src/gone.ts');
    stage(repo, {
      'README.md': '# app\n',
      'src/types.d.ts': 'declare const x: number;\n',
      '.husky/check.ts': 'export {};\n',
      'dist/out.ts': 'export {};\n',
      'src/.hidden.ts': 'export {};\n',
    });
    symlinkSync('igniter.ts', join(repo, 'src/link.ts'));
    git(repo, 'add', 'src/link.ts');
    const result = staged(repo);
    expect(relativeKeys(result.files, repo)).toEqual(['src/from-other.ts']);
  });

  it('keeps to the paths given: files, folders (with the same skipped folders), and names nothing missing', () => {
    const repo = tempRepo();
    stage(repo, { ...app, 'src/features/a.ts': 'export const a = 1;\n', 'src/lib/b.ts': 'export const b = 1;\n', 'src/features/dist/c.ts': 'export {};\n' });
    expect(relativeKeys(staged(repo, ['src/features']).files, repo)).toEqual(['src/features/a.ts']);
    expect(relativeKeys(staged(repo, ['src/lib/b.ts', 'src/igniter.ts']).files, repo)).toEqual(['src/igniter.ts', 'src/lib/b.ts']);
    // A staged file deleted from the working tree is still a path that names something.
    rmSync(join(repo, 'src/lib/b.ts'));
    expect(relativeKeys(staged(repo, ['src/lib/b.ts']).files, repo)).toEqual(['src/lib/b.ts']);
    expect(() => staged(repo, ['src/nope'])).toThrow(new StagedError('no such file or folder: src/nope'));
  });

  it('maps paths from the top of the repository to a root below it', () => {
    const repo = tempRepo();
    stage(repo, { 'app/tsconfig.json': '{}\n', 'app/src/a.ts': 'export const a = 1;\n', 'other/src/b.ts': 'export const b = 1;\n' });
    write(repo, { 'app/src/a.ts': 'export const a = 2;\n' });
    const result = staged(join(repo, 'app'));
    expect([...result.files.keys()]).toEqual([join(repo, 'app/src/a.ts')]);
    expect([...result.texts.keys()]).toEqual([join(repo, 'app/src/a.ts')]);
  });

  it('compares working-tree copies by hashing them as git does, SHA-256 repositories included', () => {
    const repo = tempFolder();
    git(repo, 'init', '-q', '--object-format=sha256');
    stage(repo, { 'src/same.ts': 'export const same = 1;\n', 'src/edited.ts': 'export const edited = 1;\n' });
    write(repo, { 'src/edited.ts': 'export const edited = 2;\n' });
    const result = staged(repo);
    expect(relativeKeys(result.files, repo)).toEqual(['src/edited.ts', 'src/same.ts']);
    expect(relativeKeys(result.texts, repo)).toEqual(['src/edited.ts']);
    expect(result.files.get(join(repo, 'src/edited.ts'))).toBe('export const edited = 1;\n');
  });

  it('says when the folder is not in a git repository', () => {
    const folder = tempFolder();
    expect(() => staged(folder, [], { GIT_CEILING_DIRECTORIES: join(folder, '..') })).toThrow(new StagedError(`--staged: ${folder} is not in a git repository.`));
  });
});

describe('the project index over given texts', () => {
  afterEach(() => {
    process.env.IGNITER_RT_CACHE = '0';
  });

  it('reads given texts before the disk, indexes given files the disk lacks, and never writes the cache', () => {
    process.env.IGNITER_RT_CACHE = '1';
    const root = tempFolder();
    write(root, { ...app, 'src/igniter.router.ts': router('messages'), 'src/features/notify.ts': notifier() });
    mkdirSync(join(root, 'node_modules'));
    const cache = join(root, 'node_modules/.cache/igniter-rt/project-index.json');
    const settings = resolveSettings({});
    const texts = new Map([
      [join(root, 'src/igniter.router.ts'), router('message')],
      [join(root, 'src/features/message.controller.ts'), controller({ stream: false })],
    ]);
    const overTexts = ProjectIndex.for(root, settings, texts);
    overTexts.refresh(true);
    expect([...overTexts.view().actionKinds().keys()]).toEqual(['message.list']);
    expect(existsSync(cache)).toBe(false);
    expect(ProjectIndex.for(root, settings, texts)).toBe(overTexts);

    const disk = ProjectIndex.for(root, settings);
    expect(disk).not.toBe(overTexts);
    disk.refresh(true);
    // The disk has `messages:` and no controller file: the key cannot be followed.
    expect(disk.view().hasRouter).toBe(true);
    expect([...disk.view().actionKinds().keys()]).toEqual([]);
    expect(existsSync(cache)).toBe(true);
    const written = readFileSync(cache, 'utf8');
    expect(written).not.toContain('message.controller.ts');

    // A new index over texts may start from that cache; a given text is never mistaken for its disk entry.
    const again = new ProjectIndex(root, settings, texts);
    again.refresh(true);
    expect([...again.view().actionKinds().keys()]).toEqual(['message.list']);
    expect(readFileSync(cache, 'utf8')).toBe(written);
  });

  it('lintText follows the texts for cross-file facts', () => {
    const root = tempFolder();
    write(root, { ...app, 'src/igniter.router.ts': router('messages'), 'src/features/message.controller.ts': controller({ stream: true }), 'src/features/notify.ts': notifier() });
    const file = join(root, 'src/features/notify.ts');
    const onDisk = lintText(notifier(), file, {}, root);
    expect(onDisk.map((message) => message.ruleId)).toEqual(['igniter-rt/no-unknown-revalidate-key']);
    const texts = new Map([[join(root, 'src/igniter.router.ts'), router('message')]]);
    expect(lintText(notifier(), file, {}, root, texts)).toEqual([]);
  });
});

describe('findGit', () => {
  it('takes git from the absolute PATH entries only, never from the current folder', () => {
    const trap = tempFolder();
    const real = tempFolder();
    for (const folder of [trap, real]) {
      writeFileSync(join(folder, 'git'), '#!/bin/sh\nexit 0\n');
      chmodSync(join(folder, 'git'), 0o755);
    }
    const relativeTrap = join('.', trap.slice(1));
    expect(findGit(['', '.', relativeTrap, real].join(':'), 'linux')).toBe(join(real, 'git'));
    expect(findGit(['', '.'].join(':'), 'linux')).toBeUndefined();
    // A folder named git is no executable.
    const folderNamedGit = tempFolder();
    mkdirSync(join(folderNamedGit, 'git'));
    expect(findGit([folderNamedGit, real].join(':'), 'linux')).toBe(join(real, 'git'));
  });
});

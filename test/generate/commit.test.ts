/**
 * Commit: each file written atomically (temp + rename), new files before edits, and all or nothing for
 * the list: a failure mid-way (an injected ENOSPC or EACCES, a real EISDIR, a real read-only folder)
 * restores every file already written, byte for byte, and removes the folders it created.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitChanges, removeStaleWorkFiles } from '../../src/generate/commit.js';
import { VirtualTree } from '../../src/generate/tree.js';
import type { FileChange } from '../../src/generate/types.js';
import { ensureBuilt } from '../support/built-cli.js';
import { checkUnprivileged, spawnUnprivileged } from './unprivileged.js';
import { thrown } from './expected-error.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const roots: string[] = [];

afterAll(() => {
  for (const root of roots) {
    chmodTree(root);
    rmSync(root, { recursive: true, force: true });
  }
});

function chmodTree(path: string): void {
  try {
    chmodSync(path, 0o755);
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chmodTree(join(path, entry));
  } catch {
    // gone
  }
}

function project(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(repoRoot, '.tmp-gen-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Every file under root (relative path → content), to compare a tree before and after. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true }).map(String).sort()) {
    const path = join(root, entry);
    files[entry.split('\\').join('/') + (statSync(path).isDirectory() ? '/' : '')] = statSync(path).isDirectory() ? '' : readFileSync(path, 'utf8');
  }
  return files;
}

/** A change list built through the virtual tree, as generators produce it. */
function changesFor(root: string, writes: Record<string, string>): FileChange[] {
  const tree = new VirtualTree(root);
  for (const [path, text] of Object.entries(writes)) tree.write(path, text);
  return tree.changes();
}

describe('commitChanges', () => {
  it('creates files (and their folders) and updates existing ones; SKIPs are not touched', () => {
    const root = project({ 'src/router.ts': 'old router\n', 'src/same.ts': 'same\n' });
    const sameBefore = statSync(join(root, 'src/same.ts')).mtimeMs;
    const changes = changesFor(root, {
      'src/features/user/deep/user.controller.ts': 'controller\n',
      'src/router.ts': 'new router\n',
      'src/same.ts': 'same\n',
    });
    expect(changes.map((change) => [change.path, change.kind])).toEqual([
      ['src/features/user/deep/user.controller.ts', 'create'],
      ['src/router.ts', 'update'],
      ['src/same.ts', 'skip'],
    ]);
    commitChanges(root, changes);
    expect(readFileSync(join(root, 'src/features/user/deep/user.controller.ts'), 'utf8')).toBe('controller\n');
    expect(readFileSync(join(root, 'src/router.ts'), 'utf8')).toBe('new router\n');
    expect(statSync(join(root, 'src/same.ts')).mtimeMs).toBe(sameBefore);
    // No temp files are left behind.
    expect(Object.keys(snapshot(root)).filter((path) => path.includes('.tmp'))).toEqual([]);
  });

  it('writes new files first and edits of existing files last', () => {
    const root = project({ 'src/a.ts': 'a before\n', 'src/igniter.router.ts': 'router\n' });
    const seen: string[] = [];
    commitChanges(root, changesFor(root, { 'src/a.ts': 'a after\n', 'src/igniter.router.ts': 'router after\n', 'src/b/b.ts': 'b\n', 'src/z.ts': 'z\n' }), {
      beforeWrite: (path) => void seen.push(path),
    });
    expect(seen).toEqual(['src/b/b.ts', 'src/z.ts', 'src/a.ts', 'src/igniter.router.ts']);
  });

  it('restores every file byte for byte and removes created folders, whichever write fails (ENOSPC, EACCES)', () => {
    const files = { 'src/a.ts': 'a before\n', 'src/c.ts': 'c before\n', 'src/features/keep.ts': 'keep\n', 'src/igniter.router.ts': 'router before\n' };
    const writes = {
      'src/a.ts': 'a after\n',
      'src/b/new/deeper/b.ts': 'b\n',
      'src/c.ts': 'c after\n',
      'src/features/user/user.ts': 'user\n',
      'src/igniter.router.ts': 'router after\n',
      'src/z.ts': 'z\n',
    };
    for (const [code, text] of [
      ['ENOSPC', 'no space left on device'],
      ['EACCES', 'permission denied'],
    ]) {
      for (let failAt = 0; failAt < Object.keys(writes).length; failAt++) {
        const root = project(files);
        const before = snapshot(root);
        const error = thrown(() =>
          commitChanges(root, changesFor(root, writes), {
            beforeWrite(path, index) {
              if (index === failAt) throw Object.assign(new Error(`${code}: ${text}, write '${join(root, path)}'`), { code, syscall: 'write' });
            },
          }),
        );
        expect(error.exitCode).toBe(1);
        expect(error.message).toMatch(new RegExp(`^Could not write src/\\S+ \\(${code}: ${text}\\)\\. ${failAt === 0 ? 'Nothing was written' : `Restored the ${failAt} already written`}\\.$`));
        expect(snapshot(root), `${code} at write ${failAt}`).toEqual(before);
      }
    }
  });

  it('restores an edited file by renaming its hard-linked original back (no free space needed), mode and all', () => {
    const root = project({ 'src/a.ts': 'a before\n', 'src/igniter.router.ts': 'router before\n' });
    const edited = join(root, 'src/a.ts');
    chmodSync(edited, 0o640);
    const inode = statSync(edited).ino;
    const before = snapshot(root);
    thrown(() =>
      commitChanges(root, changesFor(root, { 'src/a.ts': 'a after\n', 'src/igniter.router.ts': 'router after\n' }), {
        beforeWrite(path) {
          if (path === 'src/igniter.router.ts') throw new Error('injected');
        },
      }),
    );
    expect(snapshot(root)).toEqual(before);
    expect(statSync(edited).ino).toBe(inode); // the original file itself, not a rewrite of its text
    expect(statSync(edited).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(root, 'src')).filter((entry) => entry.startsWith('.'))).toEqual([]); // no backup left behind
  });

  it('edits a symlinked file through its link, which stays a link', () => {
    const root = project({ 'shared/router.ts': 'old\n' });
    mkdirSync(join(root, 'src'));
    symlinkSync('../shared/router.ts', join(root, 'src/igniter.router.ts'));
    commitChanges(root, changesFor(root, { 'src/igniter.router.ts': 'new\n' }));
    expect(lstatSync(join(root, 'src/igniter.router.ts')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'shared/router.ts'), 'utf8')).toBe('new\n');
  });

  it('keeps the mode of an edited file', () => {
    const root = project({ 'bin/run.ts': 'old\n' });
    chmodSync(join(root, 'bin/run.ts'), 0o750);
    commitChanges(root, changesFor(root, { 'bin/run.ts': 'new\n' }));
    expect(readFileSync(join(root, 'bin/run.ts'), 'utf8')).toBe('new\n');
    expect(statSync(join(root, 'bin/run.ts')).mode & 0o777).toBe(0o750);
  });

  it('says nothing was written when the first write fails', () => {
    const root = project({ 'src/a.ts': 'a\n' });
    const before = snapshot(root);
    const error = thrown(() =>
      commitChanges(root, changesFor(root, { 'src/new/x.ts': 'x\n', 'src/a.ts': 'changed\n' }), {
        beforeWrite() {
          throw new Error('no');
        },
      }),
    );
    expect(error.message).toMatch(/Nothing was written/);
    expect(snapshot(root)).toEqual(before);
  });

  it('rolls back when a real write fails (a folder where a file should go), naming the file and the error without temp paths', () => {
    const root = project({ 'src/a.ts': 'a\n', 'src/z/index.ts/inner.txt': 'a folder named like a file\n' });
    const before = snapshot(root);
    const error = thrown(() => commitChanges(root, changesFor(root, { 'src/a.ts': 'changed\n', 'src/new/x.ts': 'x\n', 'src/z/index.ts': 'file\n' })));
    expect(error.message).toBe('Could not write src/z/index.ts (EISDIR: illegal operation on a directory). Restored the 1 already written.');
    expect(snapshot(root)).toEqual(before);
  });

  describe('a folder the user cannot write (chmod 0555, unprivileged even as root)', () => {
    beforeAll(() => {
      ensureBuilt('generate/commit.js');
      checkUnprivileged();
    }, 120_000);

    it('is refused before anything is written', () => {
      const root = project({ 'src/a.ts': 'a\n', 'locked/x.ts': 'x\n' });
      chmodSync(join(root, 'locked'), 0o555);
      const before = snapshot(root);
      const changes = changesFor(root, { 'src/a.ts': 'changed\n', 'src/new/n.ts': 'n\n', 'locked/y.ts': 'y\n' });
      const script = `
        import { commitChanges } from ${JSON.stringify(join(repoRoot, 'dist/src/generate/commit.js'))};
        const [root, changes] = JSON.parse(process.argv[1]);
        try { commitChanges(root, changes); console.log('{}'); } catch (error) { console.log(JSON.stringify({ message: error.message, exitCode: error.exitCode })); }`;
      const result = spawnUnprivileged([process.execPath, '--input-type=module', '-e', script, JSON.stringify([root, changes])]);
      chmodSync(join(root, 'locked'), 0o755);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ message: 'Cannot write to locked (permission denied). Nothing was written.', exitCode: 1 });
      expect(snapshot(root)).toEqual(before);
    });
  });
});

describe('removeStaleWorkFiles', () => {
  it("removes the temp and backup files of processes that are gone, and nobody else's", () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const root = project({
      'src/igniter.router.ts': 'router\n',
      [`src/.igniter.router.ts.igniter-rt-${dead}-0a1b2c3d.tmp`]: 'half a rout',
      [`src/.igniter.router.ts.igniter-rt-${dead}-0a1b2c3d.orig`]: 'router\n',
      [`src/features/x/.x.ts.igniter-rt-${dead}-ff.tmp`]: 'x',
      [`src/.igniter.router.ts.igniter-rt-${process.pid}-abcdef01.tmp`]: 'this run, still writing',
      'src/.igniter.router.ts.igniter-rt-notes.tmp': 'not ours',
      'other/.y.ts.igniter-rt-1-aa.tmp': 'a folder this run does not write to',
    });
    const removed = removeStaleWorkFiles(root, ['src/igniter.router.ts', 'src/features/x/x.ts', 'src/features/new/new.ts']);
    expect(removed.sort()).toEqual(
      [`src/.igniter.router.ts.igniter-rt-${dead}-0a1b2c3d.orig`, `src/.igniter.router.ts.igniter-rt-${dead}-0a1b2c3d.tmp`, `src/features/x/.x.ts.igniter-rt-${dead}-ff.tmp`].sort(),
    );
    expect(Object.keys(snapshot(root)).filter((path) => /\.(tmp|orig)$/.test(path)).sort()).toEqual(
      ['other/.y.ts.igniter-rt-1-aa.tmp', 'src/.igniter.router.ts.igniter-rt-notes.tmp', `src/.igniter.router.ts.igniter-rt-${process.pid}-abcdef01.tmp`].sort(),
    );
  });
});


/**
 * Commit: each file written atomically (temp + rename), and all or nothing for the list: a failure
 * mid-way restores every file already written and removes the folders it created.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitChanges } from '../../src/generate/commit.js';
import { VirtualTree } from '../../src/generate/tree.js';
import { GenerateError, type FileChange } from '../../src/generate/types.js';

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

function caught(fn: () => unknown): GenerateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GenerateError) return error;
    throw error;
  }
  throw new Error('expected a GenerateError');
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

  it('restores every file and removes created folders when a write fails mid-way', () => {
    const root = project({ 'src/a.ts': 'a before\n', 'src/c.ts': 'c before\n', 'src/features/keep.ts': 'keep\n' });
    const before = snapshot(root);
    const changes = changesFor(root, {
      'src/a.ts': 'a after\n',
      'src/b/new/deeper/b.ts': 'b\n',
      'src/c.ts': 'c after\n',
      'src/features/user/user.ts': 'user\n',
      'src/z.ts': 'z\n',
    });
    const seen: string[] = [];
    const error = caught(() =>
      commitChanges(root, changes, {
        beforeWrite(path, index) {
          seen.push(path);
          if (index === 3) throw new Error('disk full (injected)');
        },
      }),
    );
    // Three files were written before the failure, then all were rolled back.
    expect(seen).toEqual(['src/a.ts', 'src/b/new/deeper/b.ts', 'src/c.ts', 'src/features/user/user.ts']);
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/disk full \(injected\)/);
    expect(error.message).toMatch(/Restored the 3 already written/);
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(join(root, 'src/b'))).toBe(false);
    expect(existsSync(join(root, 'src/features/user'))).toBe(false);
    expect(existsSync(join(root, 'src/features/keep.ts'))).toBe(true);
  });

  it('says nothing was written when the first write fails', () => {
    const root = project({ 'src/a.ts': 'a\n' });
    const before = snapshot(root);
    const error = caught(() =>
      commitChanges(root, changesFor(root, { 'src/new/x.ts': 'x\n', 'src/a.ts': 'changed\n' }), {
        beforeWrite() {
          throw new Error('no');
        },
      }),
    );
    expect(error.message).toMatch(/Nothing was written/);
    expect(snapshot(root)).toEqual(before);
  });

  it('rolls back when a real write fails (a folder where a file should go)', () => {
    const root = project({ 'src/a.ts': 'a\n', 'src/blocked/index.ts/inner.txt': 'a folder named like a file\n' });
    const before = snapshot(root);
    const error = caught(() => commitChanges(root, changesFor(root, { 'src/a.ts': 'changed\n', 'src/new/x.ts': 'x\n', 'src/blocked/index.ts': 'file\n' })));
    expect(error.message).toMatch(/Could not write the files/);
    expect(snapshot(root)).toEqual(before);
  });

  it.skipIf(process.getuid?.() === 0)('checks folders are writable before writing anything', () => {
    const root = project({ 'src/a.ts': 'a\n', 'locked/x.ts': 'x\n' });
    chmodSync(join(root, 'locked'), 0o555);
    const error = caught(() => commitChanges(root, changesFor(root, { 'src/a.ts': 'changed\n', 'locked/y.ts': 'y\n' })));
    chmodSync(join(root, 'locked'), 0o755);
    expect(error.message).toMatch(/permission denied.*Nothing was written/);
    expect(readFileSync(join(root, 'src/a.ts'), 'utf8')).toBe('a\n');
    expect(existsSync(join(root, 'locked/y.ts'))).toBe(false);
  });
});

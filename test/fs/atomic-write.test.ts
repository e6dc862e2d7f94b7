/** The shared atomic writer (src/fs/atomic-write.ts): what it adds to each caller's guarantees. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicWriteError, removeStaleWorkFiles, writeFileAtomically, writeFilesAtomically } from '../../src/fs/atomic-write.js';
import { writeFileAtomically as checkWrite } from '../../src/check/write-file.js';

const roots: string[] = [];
function folder(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'igniter-rt-atomic-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A process id no process has (above the kernel's pid_max). */
const DEAD_PID = 4_194_305;

describe('atomic writes', () => {
  it("an edit keeps the file's byte order mark, read from the file or from the `before` the caller holds", () => {
    const root = folder({ 'a.ts': '\uFEFFexport const a = 1;\n', 'b.ts': '\uFEFFb\n', 'plain.ts': 'plain\n' });
    writeFileAtomically(join(root, 'a.ts'), 'export const a = 2;\n');
    expect(readFileSync(join(root, 'a.ts'), 'utf8')).toBe('\uFEFFexport const a = 2;\n');
    writeFilesAtomically(root, [{ path: 'b.ts', before: '\uFEFFb\n', after: 'b2\n' }]);
    expect(readFileSync(join(root, 'b.ts'), 'utf8')).toBe('\uFEFFb2\n');
    // Never added where there was none, never doubled.
    writeFileAtomically(join(root, 'plain.ts'), 'plain2\n');
    expect(readFileSync(join(root, 'plain.ts'), 'utf8')).toBe('plain2\n');
    writeFileAtomically(join(root, 'a.ts'), '\uFEFFexport const a = 3;\n');
    expect(readFileSync(join(root, 'a.ts'), 'utf8')).toBe('\uFEFFexport const a = 3;\n');
  });

  it('gives a file the mode asked for before it appears (an executable hook is never seen without +x)', () => {
    const root = folder();
    let modeBeforeRename: number | undefined;
    writeFilesAtomically(root, [{ path: 'hook', after: '#!/bin/sh\n', mode: 0o755 }], {
      beforeRename: () => {
        const temp = readdirSync(root).find((name) => name.endsWith('.tmp'))!;
        modeBeforeRename = statSync(join(root, temp)).mode & 0o777;
      },
    });
    expect(modeBeforeRename).toBe(0o755);
    expect(statSync(join(root, 'hook')).mode & 0o777).toBe(0o755);
  });

  it('a failed change list is an AtomicWriteError that says what was restored', () => {
    const root = folder({ 'a.ts': 'a\n' });
    const error = (() => {
      try {
        writeFilesAtomically(root, [{ path: 'new.ts', after: 'n\n' }, { path: 'a.ts', before: 'a\n', after: 'a2\n' }], {
          beforeWrite: (path) => {
            if (path === 'a.ts') throw new Error('disk full');
          },
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect((error as Error).message).toBe('Could not write a.ts (disk full). Restored the 1 already written.');
    expect(readdirSync(root)).toEqual(['a.ts']);
  });

  it("check --fix's writes use the pid-named temp files, and clean those a killed run left", () => {
    const root = folder({ 'a.ts': 'a\n', [`.a.ts.igniter-rt-${DEAD_PID}-0a1b2c3d.tmp`]: 'half' });
    checkWrite(join(root, 'a.ts'), 'a2\n');
    expect(readdirSync(root)).toEqual(['a.ts']);
    expect(removeStaleWorkFiles(root, ['a.ts'])).toEqual([]);
  });
});

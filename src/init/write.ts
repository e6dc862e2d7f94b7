/**
 * Writes `init`'s files through the shared all-or-nothing writer (src/fs/atomic-write.ts: temp file +
 * rename per file, everything restored when one write fails), with what init needs on top: paths
 * outside the project root (a repository's `.git/hooks` above a workspace package), a mode for new or
 * newly executable files (git runs only executable hooks; an edited file keeps its own mode), and
 * symbolic links (a hook linked to a tracked script is written through the link, not replaced by a copy).
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, parse, relative, sep } from 'node:path';
import { removeStaleWorkFiles, writeFilesAtomically, type WriteHooks } from '../fs/atomic-write.js';

export interface PlannedWrite {
  /** Absolute path. */
  path: string;
  /** Current content; undefined for a new file. */
  before?: string;
  after: string;
  /** The mode after writing; without it an edited file keeps its own, a new one gets the default. */
  mode?: number;
}

export function writeAll(writes: readonly PlannedWrite[], hooks: WriteHooks = {}): void {
  if (writes.length === 0) return;
  const targets = writes.map((write) => ({ ...write, path: throughLink(write.path) }));
  const base = commonFolder(targets.map((target) => dirname(target.path)));
  const planned = targets.map((target) => ({ path: relative(base, target.path).split(sep).join('/'), before: target.before, after: target.after, mode: target.mode }));
  removeStaleWorkFiles(base, planned.map((write) => write.path));
  writeFilesAtomically(base, planned, hooks);
}

function throughLink(path: string): string {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
  } catch {
    return path; // a new file
  }
}

/** The deepest folder that contains every one of `folders`. */
function commonFolder(folders: readonly string[]): string {
  let common = folders[0];
  for (const folder of folders.slice(1)) {
    while (common !== parse(common).root && relative(common, folder).startsWith('..')) common = dirname(common);
  }
  return common;
}

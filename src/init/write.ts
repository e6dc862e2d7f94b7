/**
 * Writes `init`'s files through the generators' all-or-nothing writer (temp file + rename per file,
 * everything restored when one write fails), adding what init needs on top: paths outside the project
 * root (a repository's `.git/hooks` above a workspace package), a mode for new or newly executable
 * files (git runs only executable hooks; an edited file keeps its own mode), and symbolic links (a hook
 * linked to a tracked script is written through the link, not replaced by a copy).
 */
import { chmodSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, parse, relative, sep } from 'node:path';
import { commitChanges, type CommitHooks } from '../generate/commit.js';

export interface PlannedWrite {
  /** Absolute path. */
  path: string;
  /** Current content; undefined for a new file. */
  before?: string;
  after: string;
  /** The mode after writing; without it an edited file keeps its own, a new one gets the default. */
  mode?: number;
}

export function writeAll(writes: readonly PlannedWrite[], hooks: CommitHooks = {}): void {
  if (writes.length === 0) return;
  const targets = writes.map((write) => ({ ...write, path: throughLink(write.path) }));
  const base = commonFolder(targets.map((target) => dirname(target.path)));
  commitChanges(
    base,
    targets.map((target) => ({
      path: relative(base, target.path).split(sep).join('/'),
      kind: target.before === undefined ? 'create' : 'update',
      before: target.before,
      after: target.after,
    })),
    hooks,
  );
  for (const target of targets) if (target.mode !== undefined) chmodSync(target.path, target.mode);
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

/**
 * Writes a change list atomically per file, and all or nothing for the list:
 *
 * - each file goes to a new temp file in its own folder (created exclusively, so a planted symlink is
 *   never followed), is flushed to disk, and renamed over the target: a reader, or a crash, sees the old
 *   content or the new, never a truncated file;
 * - new files are written first and edits of existing files (the router) last, so a process killed
 *   between two files leaves new files nothing refers to yet, never an import of a missing file;
 * - an existing file is first hard-linked to a backup name, so a failure mid-way (disk full, permission)
 *   restores it by a rename that needs no free space; every file already written is restored or removed
 *   and every folder created is removed.
 *
 * A process killed by SIGKILL cannot clean up its temp and backup files; their names
 * (`.<file>.igniter-rt-<pid>-<hex>.tmp|.orig`) end in `.tmp`/`.orig`, so no tool takes them for sources,
 * and the next run that writes to the same folders removes those of processes no longer running.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { GenerateError, type FileChange } from './types.js';

export interface CommitHooks {
  /** Test seam: called before each file is written, in write order (throw to simulate a failure mid-way). */
  beforeWrite?(path: string, index: number): void;
  /** Test seam: called when a file's temp copy is complete, before it is renamed over the target. */
  beforeRename?(path: string, index: number): void;
}

const TAG = 'igniter-rt';
/** `.<file>.igniter-rt-<pid>-<hex>.tmp` (a file being written) or `.orig` (the backup of an edited file). */
const WORK_FILE = new RegExp(`^\\..+\\.${TAG}-(\\d+)-[0-9a-f]+\\.(tmp|orig)$`);

interface Written {
  change: FileChange;
  /** Hard link to the file's previous content, when it had one and the file system links. */
  backup?: string;
}

export function commitChanges(root: string, changes: readonly FileChange[], hooks: CommitHooks = {}): void {
  const pending = writeOrder(changes);
  checkWritable(root, pending);
  const done: Written[] = [];
  const createdDirectories: string[] = [];
  let current: string | undefined;
  try {
    pending.forEach((change, index) => {
      current = change.path;
      hooks.beforeWrite?.(change.path, index);
      const target = followLink(join(root, change.path));
      createdDirectories.push(...makeDirectories(dirname(target)));
      const backup = change.before !== undefined ? linkBackup(target) : undefined;
      try {
        writeAtomically(target, change.after, () => hooks.beforeRename?.(change.path, index));
      } catch (error) {
        if (backup) rmSync(backup, { force: true });
        throw error;
      }
      done.push({ change, backup });
    });
  } catch (error) {
    const problems = rollback(root, done, createdDirectories);
    const reason = describe(error);
    const restored = done.length > 0 ? `Restored the ${done.length} already written` : 'Nothing was written';
    throw new GenerateError(`Could not write ${current ?? 'the files'} (${reason}). ${restored}${problems.length ? `, except: ${problems.join('; ')}` : ''}.`);
  }
  for (const { backup } of done) {
    try {
      if (backup) rmSync(backup, { force: true });
    } catch {
      // left for the next run's cleanup (removeStaleWorkFiles)
    }
  }
}

/** `ENOSPC: no space left on device`: the error without the temp file's path Node appends. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { syscall } = error as NodeJS.ErrnoException;
  return syscall ? error.message.split(`, ${syscall}`)[0] : error.message;
}

/** New files first (in path order), then the edits of existing files (see the header). */
function writeOrder(changes: readonly FileChange[]): FileChange[] {
  const pending = changes.filter((change) => change.kind !== 'skip');
  return [...pending.filter((change) => change.kind === 'create'), ...pending.filter((change) => change.kind !== 'create')];
}

function workFile(target: string, extension: 'tmp' | 'orig'): string {
  return join(dirname(target), `.${basename(target)}.${TAG}-${process.pid}-${randomBytes(4).toString('hex')}.${extension}`);
}

function writeAtomically(target: string, content: string, beforeRename?: () => void): void {
  const temp = workFile(target, 'tmp');
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    // a new file: the default mode (umask applies)
  }
  let created = false;
  try {
    // `wx`: fails if the name exists, so a symlink planted under the temp name is never written through.
    const fd = openSync(temp, 'wx', mode ?? 0o666);
    created = true;
    try {
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(temp, mode); // an edited file keeps its mode (the umask narrowed the new one)
    beforeRename?.();
    renameSync(temp, target);
  } catch (error) {
    if (created) rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * The file a symlink points to (run.ts has checked it lies inside the project): an edit goes through
 * the link, as an editor's would, instead of replacing the link with a file.
 */
function followLink(path: string): string {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
  } catch {
    return path; // a new file
  }
}

/** A hard link to the current file, or undefined where the file system has none (then rollback rewrites). */
function linkBackup(target: string): string | undefined {
  const backup = workFile(target, 'orig');
  try {
    linkSync(target, backup);
    return backup;
  } catch {
    return undefined;
  }
}

function rollback(root: string, done: readonly Written[], createdDirectories: readonly string[]): string[] {
  const problems: string[] = [];
  for (const { change, backup } of [...done].reverse()) {
    const target = followLink(join(root, change.path));
    try {
      if (backup) renameSync(backup, target);
      else if (change.before === undefined) rmSync(target, { force: true });
      else writeAtomically(target, change.before);
    } catch (error) {
      problems.push(`${change.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const directory of [...createdDirectories].reverse()) {
    try {
      rmdirSync(directory); // only when empty (rmSync refuses every folder without `recursive`)
    } catch {
      // not empty or already gone: leave it
    }
  }
  return problems;
}

/** Creates missing folders one by one, returning those it created (for rollback). */
function makeDirectories(directory: string): string[] {
  const missing: string[] = [];
  let current = directory;
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) mkdirSync(folder);
  return missing;
}

const ACCESS_REASONS: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system' };

/** Fails before writing anything when a target folder exists but cannot be written. */
function checkWritable(root: string, changes: readonly FileChange[]): void {
  for (const change of changes) {
    let folder = dirname(followLink(join(root, change.path)));
    while (!existsSync(folder)) folder = dirname(folder);
    try {
      accessSync(folder, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const shown = relative(root, folder).split(sep).join('/') || '.';
      throw new GenerateError(`Cannot write to ${shown} (${ACCESS_REASONS[code] ?? code}). Nothing was written.`);
    }
  }
}

/**
 * Removes the temp and backup files that killed runs left in the folders of `paths` (project-relative):
 * those of processes that are no longer running. Returns them, project-relative.
 */
export function removeStaleWorkFiles(root: string, paths: readonly string[]): string[] {
  const removed: string[] = [];
  for (const folder of new Set(paths.map((path) => dirname(join(root, path))))) {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      continue; // not created yet
    }
    for (const entry of entries) {
      const match = WORK_FILE.exec(entry);
      if (!match || isRunning(Number(match[1]))) continue;
      rmSync(join(folder, entry), { force: true });
      removed.push(relative(root, join(folder, entry)).split(sep).join('/'));
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

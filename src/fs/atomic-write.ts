/**
 * The one way igniter-rt writes a user's files (`generate`, `init`, `check --fix`):
 *
 * - each file goes to a new temp file in its own folder (same file system, so the rename is atomic),
 *   created exclusively (a symlink planted under the temp name is never followed), written in full
 *   (a short write is retried, so a full disk surfaces as an error), given the mode of the file it
 *   replaces (or the mode asked for) and, where allowed, its owner, flushed to disk, then renamed over
 *   the target: a reader, or a crash, sees the old content or the new, never a truncated file;
 * - an edited file keeps its UTF-8 byte order mark;
 * - a symbolic link is written through (the file it points to changes; the link stays a link);
 * - a change list is all or nothing: new files are written first and edits of existing files last (a
 *   process killed between two files leaves new files nothing refers to yet); an existing file is
 *   first hard-linked to a backup name, so a failure mid-way restores it by a rename that needs no free
 *   space; every file already written is restored or removed and every folder created is removed;
 * - temp and backup files are named `.<file>.igniter-rt-<pid>-<hex>.tmp|.orig`: no tool takes them for
 *   sources, and the next run that writes to the same folders removes those of processes no longer
 *   running (a SIGKILL leaves them behind).
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { UserError } from '../user-error.js';

/** The file operations used, so tests can make one fail (CI runs as root: permissions do not stop it). */
export type WriteFs = Pick<
  typeof nodeFs,
  'realpathSync' | 'lstatSync' | 'statSync' | 'openSync' | 'readSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'fchmodSync' | 'fchownSync' | 'renameSync' | 'rmSync'
>;

/** A write that failed; the message says what was restored. */
export class AtomicWriteError extends UserError {}

export interface FileWrite {
  /** Path relative to `root` (forward slashes) in `writeFilesAtomically`. */
  path: string;
  /** Current content; undefined for a new file. */
  before?: string;
  after: string;
  /** The mode after writing; without it an edited file keeps its own, a new one gets the default (umask). */
  mode?: number;
}

export interface WriteHooks {
  /** Test seam: called before each file is written, in write order (throw to simulate a failure mid-way). */
  beforeWrite?(path: string, index: number): void;
  /** Test seam: called when a file's temp copy is complete, before it is renamed over the target. */
  beforeRename?(path: string, index: number): void;
}

const TAG = 'igniter-rt';
const BOM = '\uFEFF';
/** `.<file>.igniter-rt-<pid>-<hex>.tmp` (a file being written) or `.orig` (the backup of an edited file). */
const WORK_FILE = new RegExp(`^\\..+\\.${TAG}-(\\d+)-[0-9a-f]+\\.(tmp|orig)$`);

export interface WriteOptions {
  fs?: WriteFs;
  mode?: number;
  /** The file's current content, when the caller has it (saves reading its first bytes for the BOM). */
  before?: string;
  beforeRename?: () => void;
}

/** Replaces (or creates) one file atomically. Throws the file system's error; the temp file is gone then. */
export function writeFileAtomically(path: string, content: string, options: WriteOptions = {}): void {
  const fs = options.fs ?? nodeFs;
  const target = followLink(path, fs);
  let existing: nodeFs.Stats | undefined;
  try {
    existing = fs.statSync(target);
  } catch {
    // a new file
  }
  const text = existing && !content.startsWith(BOM) && startsWithBom(target, options.before, fs) ? BOM + content : content;
  const temp = workFile(target, 'tmp');
  let created = false;
  try {
    const fd = fs.openSync(temp, 'wx', options.mode ?? (existing ? 0o600 : 0o666));
    created = true;
    try {
      // writeSync may write less than asked (a full disk, a file-size limit): loop, so an error surfaces.
      const bytes = Buffer.from(text, 'utf8');
      for (let offset = 0; offset < bytes.length; ) {
        const written = fs.writeSync(fd, bytes, offset, bytes.length - offset);
        if (written <= 0) throw new Error('the file system accepted no more bytes');
        offset += written;
      }
      const mode = options.mode ?? (existing ? existing.mode & 0o7777 : undefined);
      if (mode !== undefined) fs.fchmodSync(fd, mode);
      if (existing && (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.())) {
        try {
          fs.fchownSync(fd, existing.uid, existing.gid);
        } catch {
          // Only root may give a file away: otherwise the new file belongs to whoever ran the command.
        }
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    options.beforeRename?.();
    fs.renameSync(temp, target);
  } catch (error) {
    if (created) {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // nothing more to do: the caller reports the first error
      }
    }
    throw error;
  }
}

function startsWithBom(target: string, before: string | undefined, fs: WriteFs): boolean {
  if (before !== undefined) return before.startsWith(BOM);
  try {
    const fd = fs.openSync(target, 'r');
    try {
      const head = Buffer.alloc(3);
      return fs.readSync(fd, head, 0, 3, 0) === 3 && head.equals(Buffer.from(BOM, 'utf8'));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

interface Written {
  write: FileWrite;
  target: string;
  /** Hard link to the file's previous content, when it had one and the file system links. */
  backup?: string;
}

/** Writes a change list under `root`, all or nothing (see the header). Throws AtomicWriteError. */
export function writeFilesAtomically(root: string, writes: readonly FileWrite[], hooks: WriteHooks = {}): void {
  const pending = [...writes.filter((write) => write.before === undefined), ...writes.filter((write) => write.before !== undefined)];
  checkWritable(root, pending);
  const done: Written[] = [];
  const createdDirectories: string[] = [];
  let current: string | undefined;
  try {
    pending.forEach((write, index) => {
      current = write.path;
      hooks.beforeWrite?.(write.path, index);
      const target = followLink(join(root, write.path));
      createdDirectories.push(...makeDirectories(dirname(target)));
      const backup = write.before !== undefined ? linkBackup(target) : undefined;
      try {
        writeFileAtomically(target, write.after, { mode: write.mode, before: write.before, beforeRename: () => hooks.beforeRename?.(write.path, index) });
      } catch (error) {
        if (backup) nodeFs.rmSync(backup, { force: true });
        throw error;
      }
      done.push({ write, target, backup });
    });
  } catch (error) {
    const problems = rollback(done, createdDirectories);
    const restored = done.length > 0 ? `Restored the ${done.length} already written` : 'Nothing was written';
    throw new AtomicWriteError(`Could not write ${current ?? 'the files'} (${describe(error)}). ${restored}${problems.length ? `, except: ${problems.join('; ')}` : ''}.`);
  }
  for (const { backup } of done) {
    try {
      if (backup) nodeFs.rmSync(backup, { force: true });
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

function workFile(target: string, extension: 'tmp' | 'orig'): string {
  return join(dirname(target), `.${basename(target)}.${TAG}-${process.pid}-${randomBytes(4).toString('hex')}.${extension}`);
}

/** The file a symlink points to: an edit goes through the link, as an editor's would. */
function followLink(path: string, fs: Pick<WriteFs, 'lstatSync' | 'realpathSync'> = nodeFs): string {
  let isLink: boolean;
  try {
    isLink = fs.lstatSync(path).isSymbolicLink();
  } catch {
    return path; // a new file
  }
  return isLink ? fs.realpathSync(path) : path;
}

/** A hard link to the current file, or undefined where the file system has none (then rollback rewrites). */
function linkBackup(target: string): string | undefined {
  const backup = workFile(target, 'orig');
  try {
    nodeFs.linkSync(target, backup);
    return backup;
  } catch {
    return undefined;
  }
}

function rollback(done: readonly Written[], createdDirectories: readonly string[]): string[] {
  const problems: string[] = [];
  for (const { write, target, backup } of [...done].reverse()) {
    try {
      if (backup) nodeFs.renameSync(backup, target);
      else if (write.before === undefined) nodeFs.rmSync(target, { force: true });
      else writeFileAtomically(target, write.before);
    } catch (error) {
      problems.push(`${write.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const directory of [...createdDirectories].reverse()) {
    try {
      nodeFs.rmdirSync(directory); // only when empty (rmSync refuses every folder without `recursive`)
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
  while (!nodeFs.existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) nodeFs.mkdirSync(folder);
  return missing;
}

const ACCESS_REASONS: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system' };

/** Fails before writing anything when a target folder exists but cannot be written. */
function checkWritable(root: string, writes: readonly FileWrite[]): void {
  for (const write of writes) {
    let folder = dirname(followLink(join(root, write.path)));
    while (!nodeFs.existsSync(folder)) folder = dirname(folder);
    try {
      nodeFs.accessSync(folder, nodeFs.constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const shown = relative(root, folder).split(sep).join('/') || '.';
      throw new AtomicWriteError(`Cannot write to ${shown} (${ACCESS_REASONS[code] ?? code}). Nothing was written.`);
    }
  }
}

/**
 * Removes the temp and backup files that killed runs left in the folders of `paths` (relative to
 * `root`): those of processes that are no longer running. Returns them, relative to `root`.
 */
export function removeStaleWorkFiles(root: string, paths: readonly string[]): string[] {
  const removed: string[] = [];
  for (const folder of new Set(paths.map((path) => dirname(join(root, path))))) {
    let entries: string[];
    try {
      entries = nodeFs.readdirSync(folder);
    } catch {
      continue; // not created yet
    }
    for (const entry of entries) {
      const match = WORK_FILE.exec(entry);
      if (!match || isRunning(Number(match[1]))) continue;
      try {
        nodeFs.rmSync(join(folder, entry), { force: true });
      } catch {
        continue; // someone else's to clean up: never a reason to fail the write
      }
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

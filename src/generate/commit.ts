/**
 * Writes a change list atomically per file (temp file + rename in the same folder), and all or
 * nothing for the list: if any write fails, every file already written is restored (or removed).
 */
import { mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync, accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GenerateError, type FileChange } from './types.js';

export interface CommitHooks {
  /** Test seam: called before each file is written (throw to simulate a failure mid-way). */
  beforeWrite?(path: string, index: number): void;
}

export function commitChanges(root: string, changes: readonly FileChange[], hooks: CommitHooks = {}): void {
  const pending = changes.filter((change) => change.kind !== 'skip');
  checkWritable(root, pending);
  const done: FileChange[] = [];
  const createdDirectories: string[] = [];
  try {
    pending.forEach((change, index) => {
      hooks.beforeWrite?.(change.path, index);
      const target = join(root, change.path);
      createdDirectories.push(...makeDirectories(dirname(target)));
      writeAtomically(target, change.after);
      done.push(change);
    });
  } catch (error) {
    const problems = rollback(root, done, createdDirectories);
    const reason = error instanceof Error ? error.message : String(error);
    throw new GenerateError(
      `Could not write the files (${reason}). ${done.length > 0 ? `Restored the ${done.length} already written` : 'Nothing was written'}${problems.length ? `, except: ${problems.join('; ')}` : ''}.`,
    );
  }
}

function writeAtomically(target: string, content: string): void {
  const temp = join(dirname(target), `.${basenameOf(target)}.igniter-rt-${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function rollback(root: string, done: readonly FileChange[], createdDirectories: readonly string[]): string[] {
  const problems: string[] = [];
  for (const change of [...done].reverse()) {
    try {
      const target = join(root, change.path);
      if (change.before === undefined) rmSync(target, { force: true });
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

/** Fails before writing anything when a target folder exists but cannot be written. */
function checkWritable(root: string, changes: readonly FileChange[]): void {
  for (const change of changes) {
    let folder = dirname(join(root, change.path));
    while (!existsSync(folder)) folder = dirname(folder);
    try {
      accessSync(folder, constants.W_OK);
    } catch {
      throw new GenerateError(`Cannot write to ${folder} (permission denied). Nothing was written.`);
    }
  }
}

function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

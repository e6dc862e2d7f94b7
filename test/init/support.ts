/**
 * Temp projects and git repositories for the init tests. git runs hermetically: no global or system
 * config (a developer's own core.hooksPath must not leak in), none of the GIT_* variables of a hook the
 * test suite itself may be running under, and a fixed identity for commits.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gitEnv, runGit } from '../support/git.js';

const folders: string[] = [];

export { gitEnv };

/** Makes this process's own git calls (init runs in-process in the unit tests) hermetic too. */
export function useGitEnv(): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('GIT_') || key === 'HUSKY') delete process.env[key];
  Object.assign(process.env, gitEnv);
}

export function git(cwd: string, ...args: string[]): string {
  return runGit(cwd, args);
}

/** A temp folder with `files` (paths relative to it); a git repository unless `repository: false`. */
export function project(files: Record<string, string>, options: { repository?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'igniter-rt-init-'));
  folders.push(root);
  if (options.repository !== false) git(root, 'init', '-q', '-b', 'main');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export function removeProjects(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** Every file under `root` (including .git) with its content and mode: a dry run must leave this equal. */
export function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true }).map(String).sort()) {
    const path = join(root, entry);
    const stat = statSync(path);
    if (stat.isFile()) files[entry] = `${(stat.mode & 0o7777).toString(8)} ${readFileSync(path, 'utf8')}`;
    else if (stat.isDirectory()) files[`${entry}/`] = '';
  }
  return files;
}

export const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');
export const modeOf = (root: string, path: string): number => statSync(join(root, path)).mode & 0o777;

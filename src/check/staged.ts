/**
 * `check --staged`: what the next commit would contain. The staged TypeScript files are linted from
 * their staged text (the git index), and cross-file facts (router, controllers, revalidated keys) come
 * from the index's copies too wherever a working-tree copy differs from it, staged or not: the commit
 * holds the index, not the working tree. Findings carry the working-tree paths.
 *
 * Files that are untracked are still seen from disk (a generated file is often ignored by git); a
 * staged deletion or an unmerged (conflicted) file is not linted.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileTexts } from '../analysis/project-index.js';
import { isListedSource, type ListOptions } from '../analysis/source-files.js';
import { git, GitError, readBlobs } from './git.js';

/** Not a repository, git failed, or a path matches nothing: one line for the user. */
export class StagedError extends Error {}

export interface StagedSources {
  /** The staged files to lint: working-tree path → staged text, in path order. */
  files: Map<string, string>;
  /** What the project index reads instead of the disk: the index copy of every tracked source under the root whose working-tree copy differs or is gone. */
  texts: FileTexts;
}

/** Regular files only: a symlink's blob is its target's name, a submodule has no blob here. */
const REGULAR_FILE = /^100(644|755)$/;

/**
 * The staged sources under `paths` (resolved from `root`; default: `root` itself), read from the git
 * repository that holds `root`. `list` carries the folder rules of the normal run (e.g. ignores).
 */
export function readStaged(root: string, paths: readonly string[], list: Pick<ListOptions, 'include'> = {}): StagedSources {
  try {
    return read(root, paths, list);
  } catch (error) {
    if (error instanceof GitError) throw new StagedError(`--staged: ${error.message}`);
    throw error;
  }
}

function read(root: string, paths: readonly string[], list: Pick<ListOptions, 'include'>): StagedSources {
  const top = repositoryTop(root);
  // git prints real paths; findings and the index use the root as the user spelled it.
  const realRoot = realpathSync(root);
  const toRootPath = (topRelative: string): string => {
    const real = join(top, topRelative);
    const fromRoot = relative(realRoot, real);
    return fromRoot.startsWith(`..${sep}`) || fromRoot === '..' || isAbsolute(fromRoot) ? real : join(root, fromRoot);
  };

  const wanted = (paths.length > 0 ? paths : ['.']).map((path) => ({ path, target: resolve(root, path) }));
  const staged = new Map<string, string>();
  const matched = new Set<string>();
  for (const entry of stagedEntries(top)) {
    const path = toRootPath(entry.path);
    const by = wanted.find(({ target }) => target === path || isListedSource(target, path, list));
    if (by === undefined) continue;
    matched.add(by.target);
    staged.set(path, entry.oid);
  }
  // As without --staged, a path must name something: on disk, or staged (a file deleted since).
  for (const { path, target } of wanted) {
    if (!matched.has(target) && !existsSync(target)) throw new StagedError(`no such file or folder: ${path}`);
  }

  // The index's copy of each source a project index would read, where the working tree's differs:
  // nested projects' too (a file's index is rooted at its own project, see project-context.ts).
  const differing = new Map<string, string>();
  for (const entry of indexEntries(root)) {
    const path = toRootPath(entry.path);
    if (!isListedSource(root, path)) continue;
    if (!sameContent(path, entry.oid)) differing.set(path, entry.oid);
  }

  const blobs = readBlobs([...staged.values(), ...differing.values()], top);
  const text = (oid: string) => blobs.get(oid)!.toString('utf8');
  const files = new Map([...staged].sort(([a], [b]) => a.localeCompare(b)).map(([path, oid]) => [path, text(oid)]));
  const texts = new Map([...differing].map(([path, oid]) => [path, text(oid)]));
  return { files, texts };
}

/** The top of the work tree that holds `root`. */
function repositoryTop(root: string): string {
  try {
    return realpathSync(git(['rev-parse', '--show-toplevel'], root).toString('utf8').replace(/\n$/, ''));
  } catch (error) {
    if (error instanceof GitError && /not a git repository/i.test(error.message)) throw new StagedError(`--staged: ${root} is not in a git repository.`);
    throw error;
  }
}

interface IndexEntry {
  /** Relative to the top of the work tree, with `/`. */
  path: string;
  oid: string;
}

/**
 * Files added, modified or changed in type between HEAD (nothing, before the first commit) and the
 * index, with their staged blob. Renames count as additions (--no-renames); deletions and unmerged
 * paths are left out.
 */
function stagedEntries(top: string): IndexEntry[] {
  const output = git(['diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', '--no-ext-diff', '--no-textconv', '--no-color', '--diff-filter=ACMT'], top).toString('utf8');
  // `:<old mode> <new mode> <old oid> <new oid> <status>\0<path>\0`, repeated.
  const fields = output.split('\0');
  const entries: IndexEntry[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const [, mode, , oid] = fields[index].slice(1).split(' ');
    if (REGULAR_FILE.test(mode)) entries.push({ path: fields[index + 1], oid });
  }
  return entries;
}

/** The index's regular files under `root` (merged ones: stage 0), with their blob. */
function indexEntries(root: string): IndexEntry[] {
  const output = git(['ls-files', '--stage', '-z', '--full-name'], root).toString('utf8');
  const entries: IndexEntry[] = [];
  // `<mode> <oid> <stage>\t<path>\0`, repeated.
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, oid, stage] = record.slice(0, tab).split(' ');
    if (stage === '0' && REGULAR_FILE.test(mode)) entries.push({ path: record.slice(tab + 1), oid });
  }
  return entries;
}

/**
 * Whether the working-tree file holds exactly the blob `oid`, hashed as git hashes a blob (SHA-1, or
 * SHA-256 in a repository that uses it). Raw bytes: with autocrlf or a clean filter the copies differ
 * and the index's is used, which is still what gets committed; git itself would run the filter.
 */
function sameContent(path: string, oid: string): boolean {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return false;
  }
  const hash = createHash(oid.length === 64 ? 'sha256' : 'sha1');
  return hash.update(`blob ${bytes.length}\0`).update(bytes).digest('hex') === oid;
}

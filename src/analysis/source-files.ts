/** The TypeScript sources of a project: what the index scans, what `check` lints, what generators search. */
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { debug } from './debug.js';

const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|cts)$/;
/**
 * Names tools give build output and reports. Skipped by name only directly under the folder a walk
 * starts from: deeper down, a folder of that name is source (`src/features/build`, `src/coverage`).
 */
export const OUTPUT_FOLDERS = new Set(['dist', 'build', 'coverage', 'out']);
/** Virtual file systems under the file system's root: never source, and endless (`/proc`). */
const SYSTEM_FOLDERS = new Set(['proc', 'sys', 'dev']);
/**
 * Directory entries one walk reads at most (files and folders): far beyond any app, well short of a
 * disk. `IGNITER_RT_SCAN_BUDGET` sets another (a monorepo larger than that, or a test).
 */
export const SCAN_BUDGET = Number(process.env.IGNITER_RT_SCAN_BUDGET) > 0 ? Number(process.env.IGNITER_RT_SCAN_BUDGET) : 200_000;

export interface ListOptions {
  /** Skip sub-folders that are projects of their own (they hold a package.json or tsconfig.json). */
  skipNestedProjects?: boolean;
  /** Keep only the entries this accepts (a folder it rejects is not entered): `check` passes its ignore rules. */
  include?(path: string, isDirectory: boolean): boolean;
  /**
   * Which folders are skipped by their name alone. `conventional` (the default): `node_modules`,
   * dot-folders, and build output (OUTPUT_FOLDERS) directly under the start. `dependencies`: only
   * `node_modules` and `.git`, ESLint's default ignores, for a caller whose `include` already knows
   * what is source (git's own listing).
   */
  skipByName?: 'conventional' | 'dependencies';
  /** Stop after reading this many directory entries (default SCAN_BUDGET). */
  budget?: number;
}

export interface SourceScan {
  files: string[];
  /** Folders skipped by name alone (a dot-folder, build output) that `include` would have entered. */
  skippedByName: string[];
  /** Directory entries read. */
  entries: number;
  /** The walk reached its budget and stopped: `files` is part of the tree. */
  truncated: boolean;
}

/** Every .ts/.tsx/.mts/.cts file under `root` (not .d.ts), skipping dependencies, build output and dot-folders. */
export function listSourceFiles(root: string, options: ListOptions = {}): string[] {
  return scanSourceFiles(root, options).files;
}

/** `listSourceFiles`, with what the walk skipped and whether it stopped at its budget. */
export function scanSourceFiles(root: string, options: ListOptions = {}): SourceScan {
  const scan: SourceScan = { files: [], skippedByName: [], entries: 0, truncated: false };
  const budget = options.budget ?? SCAN_BUDGET;
  /** `listing`: the folder's entries, when the caller already read them (to tell a nested project). */
  const visit = (directory: string, depth: number, listing?: Dirent[]) => {
    const entries = listing ?? readListing(directory, true);
    if (!entries) return;
    // Below the start, a folder's path is already normalized: adding a name to it is what `join` returns, cheaper.
    const prefix = depth === 0 ? undefined : directory + sep;
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (scan.entries >= budget) {
        scan.truncated = true;
        return;
      }
      scan.entries++;
      const path = prefix === undefined ? join(directory, entry.name) : prefix + entry.name;
      if (entry.isDirectory()) {
        if (neverEntered(entry.name, path)) continue;
        const byName = skippedByName(entry.name, depth, options);
        // The folder's own listing, read once, tells a nested project and is then walked (a folder skipped by name is not read).
        let folderListing: Dirent[] | undefined;
        if (options.skipNestedProjects) {
          folderListing = byName ? undefined : readListing(path, false);
          if (folderListing ? listsProjectMarker(folderListing, path) : isProjectRoot(path)) continue;
        }
        if (!(options.include?.(path, true) ?? true)) continue;
        if (byName) scan.skippedByName.push(path);
        else visit(path, depth + 1, folderListing);
      } else if (entry.isFile() && isSourceName(entry.name, options) && (options.include?.(path, false) ?? true)) {
        scan.files.push(path);
      }
    }
  };
  visit(root, 0);
  return scan;
}

/** A folder's entries, or undefined when it cannot be read (said under DEBUG when `report`). */
function readListing(directory: string, report: boolean): Dirent[] | undefined {
  try {
    return readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    if (report) debug(`cannot read directory ${directory}`, error);
    return undefined;
  }
}

/**
 * `isProjectRoot(directory)`, from the folder's listing: only a listing with an entry of one of the
 * marker names (in any case, as a case-insensitive disk matches them) asks the disk, as before.
 */
function listsProjectMarker(listing: readonly Dirent[], directory: string): boolean {
  for (const entry of listing) {
    const name = entry.name.length === 12 || entry.name.length === 13 ? entry.name.toLowerCase() : '';
    if (name === 'package.json' || name === 'tsconfig.json') return isProjectRoot(directory);
  }
  return false;
}

function isSourceName(name: string, options: ListOptions): boolean {
  return SOURCE_EXTENSIONS.test(name) && !name.endsWith('.d.ts') && (options.skipByName === 'dependencies' || !name.startsWith('.'));
}

/** Never entered, whatever `include` says: dependencies, git's folder, nested projects, virtual file systems. */
function skippedFolder(name: string, path: string, options: ListOptions): boolean {
  return neverEntered(name, path) || (!!options.skipNestedProjects && isProjectRoot(path));
}

/** `skippedFolder` by name and place alone: dependencies, git's folder, virtual file systems. */
function neverEntered(name: string, path: string): boolean {
  if (name === 'node_modules' || name === '.git') return true;
  return SYSTEM_FOLDERS.has(name) && dirname(dirname(path)) === dirname(path);
}

/** Skipped by convention only: a dot-folder, or build output directly under the start of the walk. */
function skippedByName(name: string, depth: number, options: ListOptions): boolean {
  if (options.skipByName === 'dependencies') return false;
  return name.startsWith('.') || (depth === 0 && OUTPUT_FOLDERS.has(name));
}

function isProjectRoot(directory: string): boolean {
  return existsSync(join(directory, 'package.json')) || existsSync(join(directory, 'tsconfig.json'));
}

/**
 * Whether `listSourceFiles(root, options)` lists `path` (absolute), or would if it existed: the same
 * names, folders and `include` rules. `check --staged` filters the git index's paths with it.
 */
export function isListedSource(root: string, path: string, options: ListOptions = {}): boolean {
  const relativePath = relative(root, path);
  if (relativePath === '' || isAbsolute(relativePath) || relativePath.startsWith(`..${sep}`) || relativePath === '..') return false;
  const segments = relativePath.split(sep);
  const name = segments.pop()!;
  let directory = root;
  for (const [depth, segment] of segments.entries()) {
    directory = join(directory, segment);
    if (skippedFolder(segment, directory, options) || skippedByName(segment, depth, options)) return false;
    if (!(options.include?.(directory, true) ?? true)) return false;
  }
  return isSourceName(name, options) && (options.include?.(path, false) ?? true);
}

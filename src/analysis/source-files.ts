/** The TypeScript sources of a project: what the index scans and what `analyzeProject` lints. */
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { debug } from './debug.js';

const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|cts)$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);

export interface ListOptions {
  /** Skip sub-folders that are projects of their own (they hold a package.json or tsconfig.json). */
  skipNestedProjects?: boolean;
  /** Keep only the entries this accepts (a folder it rejects is not entered): `check` passes its ignore rules. */
  include?(path: string, isDirectory: boolean): boolean;
}

/** Every .ts/.tsx/.mts/.cts file under `root` (not .d.ts), skipping dependencies, build output and dot-folders. */
export function listSourceFiles(root: string, options: ListOptions = {}): string[] {
  const files: string[] = [];
  const visit = (directory: string) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      debug(`cannot read directory ${directory}`, error);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !(options.skipNestedProjects && isProjectRoot(path)) && (options.include?.(path, true) ?? true)) visit(path);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts') && (options.include?.(path, false) ?? true)) {
        files.push(path);
      }
    }
  };
  visit(root);
  return files;
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
  for (const segment of segments) {
    directory = join(directory, segment);
    if (segment.startsWith('.') || SKIPPED_DIRECTORIES.has(segment) || (options.skipNestedProjects && isProjectRoot(directory))) return false;
    if (!(options.include?.(directory, true) ?? true)) return false;
  }
  return !name.startsWith('.') && SOURCE_EXTENSIONS.test(name) && !name.endsWith('.d.ts') && (options.include?.(path, false) ?? true);
}

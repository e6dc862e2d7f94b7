/** The TypeScript sources of a project: what the index scans and what `analyzeProject` lints. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { debug } from './debug.js';

const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|cts)$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);

export interface ListOptions {
  /** Skip sub-folders that are projects of their own (they hold a package.json or tsconfig.json). */
  skipNestedProjects?: boolean;
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
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !(options.skipNestedProjects && isProjectRoot(path))) visit(path);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts')) {
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

/** What `init` reads about the project itself: its package.json and the installed ESLint. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../user-error.js';

export interface PackageJson {
  type?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The parsed package.json of `directory`; undefined when there is none. Malformed JSON is an error the user must fix. */
export function readPackageJson(directory: string): PackageJson | undefined {
  const path = join(directory, 'package.json');
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InitError(`${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix it and run init again.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InitError(`${path} does not hold a JSON object; fix it and run init again.`);
  return parsed as PackageJson;
}

export function hasDependency(pkg: PackageJson | undefined, name: string): boolean {
  return [pkg?.dependencies, pkg?.devDependencies, pkg?.optionalDependencies].some((deps) => deps !== undefined && typeof deps === 'object' && name in deps);
}

/** The version of the ESLint the project resolves (node_modules/eslint in `root` or a parent), if any. */
export function installedEslintVersion(root: string): string | undefined {
  let directory = root;
  for (;;) {
    const path = join(directory, 'node_modules', 'eslint', 'package.json');
    if (existsSync(path)) {
      try {
        return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version;
      } catch {
        return undefined;
      }
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** A failure of `init` the user can fix (see UserError). */
export class InitError extends UserError {}

/**
 * Which package manager a project uses, and how a git hook runs the project's own igniter-rt with it.
 * The hook commands never install anything: a hook that downloads a package on every commit (as a
 * bare `npx` does without a terminal) is slow and runs a version nobody chose.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManagerName = (typeof PACKAGE_MANAGERS)[number];

export interface PackageManager {
  name: PackageManagerName;
  /** How it was found: `packageManager in package.json`, `pnpm-lock.yaml`, `--package-manager`, `default`. */
  source: string;
}

/** In the order they are looked for in each folder. */
const LOCKFILES: readonly (readonly [string, PackageManagerName])[] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/**
 * The `packageManager` field of package.json, else a lockfile, looked for in `root` and then in each
 * parent folder up to `top` (a workspace keeps its lockfile at the repository root); npm by default.
 */
export function detectPackageManager(root: string, top: string | undefined): PackageManager {
  let directory = root;
  for (;;) {
    const declared = declaredPackageManager(join(directory, 'package.json'));
    const where = relative(root, directory);
    const prefix = where ? `${where}/` : '';
    if (declared) return { name: declared, source: `packageManager in ${prefix}package.json` };
    for (const [file, name] of LOCKFILES) if (existsSync(join(directory, file))) return { name, source: `${prefix}${file}` };
    const parent = dirname(directory);
    if (top === undefined || directory === top || parent === directory || relative(top, directory).startsWith('..')) break;
    directory = parent;
  }
  return { name: 'npm', source: 'default' };
}

function declaredPackageManager(packageJson: string): PackageManagerName | undefined {
  try {
    const field = (JSON.parse(readFileSync(packageJson, 'utf8')) as { packageManager?: unknown }).packageManager;
    const name = typeof field === 'string' ? field.split('@')[0] : undefined;
    return (PACKAGE_MANAGERS as readonly string[]).includes(name ?? '') ? (name as PackageManagerName) : undefined;
  } catch {
    return undefined;
  }
}

/** The command that runs the project's installed `bin` with this package manager, never installing it. */
export function execCommand(manager: PackageManagerName, bin: string, args: readonly string[]): string {
  const prefix: Record<PackageManagerName, string> = {
    npm: 'npx --no', // --no: fail instead of downloading when the package is not installed
    pnpm: 'pnpm exec',
    yarn: 'yarn',
    bun: 'bunx --no-install',
  };
  return [prefix[manager], bin, ...args].join(' ');
}

/** How to add a dev dependency with this package manager. */
export function addDevCommand(manager: PackageManagerName, packages: readonly string[]): string {
  const prefix: Record<PackageManagerName, string> = { npm: 'npm i -D', pnpm: 'pnpm add -D', yarn: 'yarn add -D', bun: 'bun add -d' };
  return `${prefix[manager]} ${packages.join(' ')}`;
}

// The files the sweep lints: every TypeScript source (.ts, .tsx, .mts, .cts; not declarations) under
// the given folders, nested node_modules included, symlinks never followed (node_modules/.bin, and
// links out of the tree, would only add duplicates or other trees).

import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const SOURCE = /\.(?:ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.(?:ts|mts|cts)$|\.d\.[^./]+\.ts$/;

/**
 * The TypeScript sources under `directory` (absolute paths, sorted), and how many installed packages
 * (folders right under a node_modules, or under one of its @scopes, with a package.json) the walk saw.
 * Unreadable folders are skipped.
 */
export function sourceFiles(directory) {
  const files = [];
  let packages = 0;
  const visit = (folder) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isSymbolicLink()) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && SOURCE.test(entry.name) && !DECLARATION.test(entry.name)) files.push(path);
      else if (entry.isFile() && entry.name === 'package.json' && isPackageFolder(folder)) packages++;
    }
  };
  visit(directory);
  return { files: files.sort(), packages };
}

function isPackageFolder(folder) {
  const parts = folder.split(sep);
  const parent = parts[parts.length - 2];
  return parent === 'node_modules' || (parent?.startsWith('@') && parts[parts.length - 3] === 'node_modules');
}

/**
 * The package a file belongs to, for the summary: the name after its last `node_modules` segment
 * (`zod`, `@eslint/core`), else the swept folder relative to the repository.
 */
export function packageOf(path, sweptFolder, repoRoot) {
  const parts = path.split(sep);
  const last = parts.lastIndexOf('node_modules');
  if (last === -1 || last === parts.length - 1) return relative(repoRoot, sweptFolder) || '.';
  const name = parts[last + 1];
  return name.startsWith('@') && last + 2 < parts.length - 1 ? `${name}/${parts[last + 2]}` : name;
}

/** The folder of that package (where its package.json is), used as the fallback project root. */
export function packageRoot(path, sweptFolder) {
  const parts = path.split(sep);
  const last = parts.lastIndexOf('node_modules');
  if (last === -1 || last === parts.length - 1) return sweptFolder;
  const depth = parts[last + 1].startsWith('@') ? 3 : 2;
  return parts.slice(0, last + depth).join(sep);
}

// A copy of the repository's ESLint whose rule contexts do not use the file's context as their
// prototype. Used only by the `eslint-rule-context` section, to measure what ESLint's per-file
// `Object.create(fileContext)` costs (see CONTRIBUTING.md's Speed section).
//
// Stock ESLint 9 and 10 build every rule's context with `Object.create(fileContext)`, a new
// prototype object per linted file. V8 keeps a prototype alive through young-generation collections
// until the next full collection, so everything the file context reaches (the source code, its
// syntax trees, tokens and scopes) is copied to the old generation. The copy made here gives each
// rule context the same own properties and the class's shared prototype instead: same behaviour for
// rules, no per-file prototype.

import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const FILE = join('lib', 'linter', 'file-context.js');
const STOCK = 'Object.freeze(Object.assign(Object.create(this), extension))';
const PATCHED = 'Object.freeze(Object.assign(Object.create(Object.getPrototypeOf(this)), this, extension))';

/**
 * Copies the ESLint that `repoRoot` resolves to `<scratchDir>/node_modules/eslint` and patches it.
 * `scratchDir` must lie inside the repository, so that ESLint's own dependencies still resolve from
 * the repository's node_modules. Returns `scratchDir`, from which `eslint` now resolves to the copy.
 * Throws when this ESLint version builds rule contexts some other way (nothing to measure then).
 */
export function preparePatchedEslint(repoRoot, scratchDir) {
  const require = createRequire(join(repoRoot, 'package.json'));
  const source = dirname(require.resolve('eslint/package.json'));
  const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  const target = join(scratchDir, 'node_modules', 'eslint');
  const stamp = join(target, '.igniter-rt-patched');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return scratchDir;
  const text = readFileSync(join(source, FILE), 'utf8');
  if (!text.includes(STOCK)) {
    throw new Error(`ESLint ${version} does not build rule contexts with \`${STOCK}\` in ${FILE}; nothing to compare`);
  }
  rmSync(target, { recursive: true, force: true });
  cpSync(source, target, { recursive: true, dereference: true });
  writeFileSync(join(target, FILE), text.replace(STOCK, PATCHED));
  writeFileSync(stamp, version);
  return scratchDir;
}

// A node_modules overlay in which @typescript-eslint/parser runs on another TypeScript than the
// repository's, as it does in an app that pins `typescript` ^5 (the repository's `typescript` is 6.0;
// `typescript59` is an npm alias of TypeScript 5.9).
//
// typescript-estree, ts-api-utils and project-service load TypeScript with a plain
// `require('typescript')`, resolved from where their files are. A symlink would not do: Node resolves
// a module from its real path. So the overlay holds copies of those packages (and of the parser, so
// that it loads the copies), next to `typescript` as a symlink to the alias:
//
//   node_modules/.cache/igniter-rt/typescript-overlay/<alias>/node_modules/
//     @typescript-eslint/{parser,typescript-estree,project-service}/   copies
//     ts-api-utils/                                                      copy
//     typescript -> <repo>/node_modules/<alias>
//
// Everything else they import (debug, semver, @typescript-eslint/types, ...) resolves from the folders
// above, up to the repository's node_modules. Load the parser with
// `createRequire(join(overlay, 'package.json'))('@typescript-eslint/parser')`.
// The overlay is rebuilt when a copied package or the alias changes version; it is built in a temp
// folder and renamed into place, so parallel test workers never see half of one, and a current
// overlay is never removed (another worker may be loading from it).

import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire, register } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const COPIED = ['@typescript-eslint/parser', '@typescript-eslint/typescript-estree', '@typescript-eslint/project-service', 'ts-api-utils'];

/** The overlay folder (holding package.json and node_modules) for TypeScript from the npm package `alias`. */
export function typescriptOverlay(repoRoot, alias = 'typescript59') {
  // Where npm installs them (hoisted); `require.resolve('x/package.json')` fails on packages whose `exports` hide it.
  const packageDir = (name) => {
    const dir = join(repoRoot, 'node_modules', name);
    if (!existsSync(join(dir, 'package.json'))) throw new Error(`${name} is not installed in ${repoRoot}/node_modules; run \`npm ci\``);
    return dir;
  };
  const version = (name) => JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;
  const stamp = JSON.stringify([alias, version(alias), ...COPIED.map((name) => `${name}@${version(name)}`)]);
  const overlay = join(repoRoot, 'node_modules', '.cache', 'igniter-rt', 'typescript-overlay', alias);
  const stampFile = join(overlay, 'package.json');
  if (existsSync(stampFile) && JSON.parse(readFileSync(stampFile, 'utf8')).description === stamp) return overlay;

  const temp = `${overlay}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  for (const name of COPIED) cpSync(packageDir(name), join(temp, 'node_modules', name), { recursive: true, dereference: true });
  symlinkSync(packageDir(alias), join(temp, 'node_modules', 'typescript'), 'dir');
  writeFileSync(join(temp, 'package.json'), `${JSON.stringify({ name: `typescript-overlay-${alias}`, private: true, description: stamp })}\n`);
  mkdirSync(dirname(overlay), { recursive: true });
  // A current overlay is never removed: another test worker may be loading from it. Only an outdated
  // one is moved aside first (the packages changed version since it was built).
  const current = () => existsSync(stampFile) && JSON.parse(readFileSync(stampFile, 'utf8')).description === stamp;
  if (existsSync(overlay) && !current()) {
    const outdated = `${overlay}.${process.pid}.old`;
    try {
      renameSync(overlay, outdated);
      rmSync(outdated, { recursive: true, force: true });
    } catch {
      // Another process moved it first.
    }
  }
  try {
    // Fails when the folder is there already (ENOTEMPTY): the first worker to finish wins.
    renameSync(temp, overlay);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (!current()) throw error;
  }
  return overlay;
}

/** @typescript-eslint/parser running on TypeScript from `alias`, and that TypeScript's version. */
export function parserOnTypeScript(repoRoot, alias = 'typescript59') {
  const require = createRequire(join(typescriptOverlay(repoRoot, alias), 'package.json'));
  const parser = require('@typescript-eslint/parser');
  const estree = createRequire(require.resolve('@typescript-eslint/typescript-estree'));
  return { parser, typescriptVersion: estree('typescript').version };
}

/**
 * Makes every later `import`/`require` of `@typescript-eslint/parser` or `typescript` in this process
 * load the overlay's, from wherever it is asked for: the plugin imports the parser for its presets, and
 * in an app that pins TypeScript 5.x that import finds the app's parser on 5.x, never a second
 * TypeScript. (Without this the benchmark would load the repository's TypeScript 6.0 as a third copy.)
 */
export function redirectToOverlay(overlay) {
  const redirected = (request) => request === '@typescript-eslint/parser' || request === 'typescript' || request.startsWith('typescript/');
  const anchor = new Module(join(overlay, 'index.js'));
  anchor.filename = join(overlay, 'index.js');
  anchor.paths = Module._nodeModulePaths(overlay);
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const inside = parent?.filename?.startsWith(overlay + sep) || parent?.filename?.startsWith(realpathSync(join(overlay, 'node_modules', 'typescript')) + sep);
    return resolveFilename.call(this, request, redirected(request) && !inside ? anchor : parent, ...rest);
  };
  const anchorUrl = pathToFileURL(join(overlay, 'index.js')).href;
  const hook = `
    const redirected = (s) => s === '@typescript-eslint/parser' || s === 'typescript' || s.startsWith('typescript/');
    export async function resolve(specifier, context, next) {
      return next(specifier, redirected(specifier) ? { ...context, parentURL: ${JSON.stringify(anchorUrl)} } : context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

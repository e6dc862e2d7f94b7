// Writes a deterministic synthetic Igniter.js app (controllers + ordinary app code) to a directory,
// and skips the work when the directory already holds the same app (see the manifest).
//
//   node scripts/bench/synthetic-app.js [--dir .bench/app] [--controllers 200] [--files 1800] [--seed S] [--force]

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { UsageError, intFlag } from './cli-args.js';
import { DEFAULT_APP_DIR, REPO_ROOT } from './paths.js';
import { createRng } from './prng.js';
import { describeFeature, generateController } from './synthetic/controller.js';
import { igniterInfrastructure, projectFiles } from './synthetic/igniter-files.js';
import { featureNames } from './synthetic/names.js';
import { generateOrdinaryFiles } from './synthetic/ordinary-files.js';

export const APP_DEFAULTS = Object.freeze({ controllers: 200, files: 1800, seed: 'igniter-rt-bench' });
export const MANIFEST_NAME = 'bench-manifest.json';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A hash of the generator's own sources, so editing a template regenerates the app. */
function generatorFingerprint() {
  const sources = [join(HERE, 'synthetic-app.js'), join(HERE, 'prng.js')];
  const syntheticDir = join(HERE, 'synthetic');
  for (const name of readdirSync(syntheticDir).sort()) {
    if (name.endsWith('.js')) sources.push(join(syntheticDir, name));
  }
  const hash = createHash('sha256');
  for (const file of sources) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** Every file of the app, as { path (relative, POSIX), content }, plus statistics. */
export function generateApp({ controllers, files, seed }) {
  const features = featureNames(controllers, createRng(`${seed}:features`)).map(describeFeature);
  const controllerRng = createRng(`${seed}:controllers`);
  const controllerFiles = features.map((feature) => generateController(feature, controllerRng));
  const ordinary = generateOrdinaryFiles(files, createRng(`${seed}:files`), features);
  const infrastructure = igniterInfrastructure(features);
  return {
    files: [...projectFiles(), ...infrastructure, ...controllerFiles, ...ordinary],
    stats: {
      controllers: controllerFiles.length,
      ordinaryFiles: ordinary.length,
      igniterFiles: infrastructure.length,
      sourceFiles: controllerFiles.length + ordinary.length + infrastructure.length,
      sourceLines: [...controllerFiles, ...ordinary, ...infrastructure].reduce(
        (sum, file) => sum + file.content.split('\n').length - 1,
        0,
      ),
      deliberateMistakes: controllerFiles.reduce((sum, file) => sum + file.mistakes, 0),
    },
  };
}

function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8'));
  } catch {
    return null;
  }
}

function writeTree(root, files) {
  const made = new Set();
  for (const file of files) {
    const target = join(root, file.path);
    const parent = dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(target, file.content);
  }
}

/**
 * Makes `dir` a git repository of its own (`git init`, nothing committed), as a real app is. Without
 * it, an app under this repository's `.bench/` would be inside a work tree that ignores it, and
 * `igniter-rt check` (which skips what git ignores) would check nothing. Returns false when git is
 * missing or fails; the app is still usable by ESLint.
 */
function initRepository(dir) {
  const result = spawnSync('git', ['init', '--quiet'], { cwd: dir, stdio: 'ignore', shell: false });
  return result.status === 0;
}

/**
 * Makes sure `dir` holds the synthetic app for these parameters; regenerates it when the
 * parameters or the generator changed. Returns { dir, regenerated, manifest }.
 */
export function ensureSyntheticApp({
  dir = DEFAULT_APP_DIR,
  controllers = APP_DEFAULTS.controllers,
  files = APP_DEFAULTS.files,
  seed = APP_DEFAULTS.seed,
  force = false,
  log = () => {},
} = {}) {
  const wanted = { generator: generatorFingerprint(), controllers, files, seed };
  const current = readManifest(dir);
  const upToDate = current && Object.entries(wanted).every(([key, value]) => current[key] === value);
  if (upToDate && !force) return { dir, regenerated: false, manifest: current };

  if (!current && existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(`refusing to replace ${dir}: it is not empty and has no ${MANIFEST_NAME}, so the benchmark did not create it`);
  }
  const started = performance.now();
  const { files: appFiles, stats } = generateApp(wanted);
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  writeTree(staging, appFiles);
  const gitRepository = initRepository(staging);
  if (!gitRepository) log('synthetic app: `git init` failed (is git installed?); `igniter-rt check` may skip the app as ignored');
  const manifest = { ...wanted, ...stats, gitRepository, createdAt: new Date().toISOString() };
  writeFileSync(join(staging, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(staging, dir);
  log(
    `synthetic app: wrote ${stats.sourceFiles} source files (${stats.sourceLines} lines) to ` +
      `${relative(process.cwd(), dir) || '.'} in ${Math.round(performance.now() - started)} ms`,
  );
  return { dir, regenerated: true, manifest };
}

function main() {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      controllers: { type: 'string' },
      files: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: node scripts/bench/synthetic-app.js [--dir DIR] [--controllers N] [--files N] [--seed S] [--force]\n');
    return;
  }
  const result = ensureSyntheticApp({
    dir: values.dir ? resolve(values.dir) : DEFAULT_APP_DIR,
    controllers: intFlag('controllers', values.controllers, APP_DEFAULTS.controllers),
    files: intFlag('files', values.files, APP_DEFAULTS.files),
    seed: values.seed ?? APP_DEFAULTS.seed,
    force: values.force,
    log: (message) => process.stderr.write(`${message}\n`),
  });
  if (!result.regenerated) {
    process.stderr.write(`synthetic app: ${relative(REPO_ROOT, result.dir)} is up to date\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`synthetic-app: ${error instanceof UsageError ? error.message : error.stack}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}

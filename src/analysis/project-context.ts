/**
 * Hands rules the project facts for the file being checked, lazily: the index is built (or refreshed)
 * only when a rule actually asks a cross-file question, and once per file for all rules.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { extractFacts, type FileFacts } from './file-facts.js';
import type { FileModel } from './file-model.js';
import type { ProjectFacts } from './project-facts.js';
import { ProjectIndex, type FileTexts } from './project-index.js';

const views = new WeakMap<FileModel, ProjectFacts>();
const rootsByDirectory = new Map<string, string>();

/** Files that make a folder a project's root, nearest first: TypeScript's, npm's, ours, or the repository's top. */
const PROJECT_MARKERS = ['tsconfig.json', 'package.json', 'igniter-rt.config.json', '.git'];
/** Where a user configured ESLint, for a project that has none of the above. */
const LINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/**
 * The project root of a file, from the files alone, never from where the command runs: the directory of
 * the `tsconfig` setting (resolved from `cwd`), else the nearest folder at or above the file holding a
 * tsconfig.json, a package.json, an igniter-rt.config.json or a .git (so the walk stops at the
 * repository's top), else the nearest holding an ESLint flat config, else the file's own folder. The file system's root never is
 * one: an index there would walk the whole disk.
 */
export function projectRootFor(fileName: string, cwd: string, tsconfigSetting?: string): string {
  // Every rule asks for the file it checks, one after another: the same question, the same answer.
  const last = lastRootQuestion;
  if (last && last.fileName === fileName && last.cwd === cwd && last.tsconfigSetting === tsconfigSetting) return last.root;
  const root = tsconfigSetting ? dirname(isAbsolute(tsconfigSetting) ? tsconfigSetting : resolve(cwd, tsconfigSetting)) : projectRootOfFolder(dirname(resolve(cwd, fileName)));
  lastRootQuestion = { fileName, cwd, tsconfigSetting, root };
  return root;
}

/** The last `projectRootFor` question and its answer (a function of the strings and the per-folder memos below). */
let lastRootQuestion: { fileName: string; cwd: string; tsconfigSetting?: string; root: string } | undefined;

/** `projectRootFor` for a folder (absolute and resolved): the root of the files in it. */
export function projectRootOfFolder(directory: string): string {
  let root = rootsByDirectory.get(directory);
  if (root === undefined) {
    root = nearestHolding(directory, PROJECT_MARKERS) ?? nearestHolding(directory, LINT_CONFIGS) ?? directory;
    rootsByDirectory.set(directory, root);
  }
  return root;
}

/** `nearestHolding`'s answers by folder, per list of names (null: none), kept for the process as `rootsByDirectory` is. */
const nearestByNames = new Map<readonly string[], Map<string, string | null>>();

/**
 * The nearest folder at or above `directory` (absolute and resolved), below the file system's root,
 * that holds one of `names`. Each level is asked once: the folders of a project share their parents.
 */
function nearestHolding(directory: string, names: readonly string[]): string | undefined {
  let memo = nearestByNames.get(names);
  if (!memo) nearestByNames.set(names, (memo = new Map()));
  const known = memo.get(directory);
  if (known !== undefined) return known ?? undefined;
  const parent = dirname(directory);
  let found: string | undefined;
  if (parent !== directory) {
    // A resolved folder below the root has no trailing separator: adding a name is what `join` returns, cheaper.
    found = names.some((name) => existsSync(directory + sep + name)) ? directory : nearestHolding(parent, names);
  }
  memo.set(directory, found ?? null);
  return found;
}

/**
 * Project facts for `file` as it is now (its own facts from its current text), built on first use;
 * with `texts`, other files are read from there before the disk (`check --staged`).
 */
export function lazyProjectFacts(file: FileModel, root: string, texts?: FileTexts): ProjectFacts {
  let facts: ProjectFacts | undefined;
  const load = (): ProjectFacts => {
    if (facts) return facts;
    facts = views.get(file);
    if (!facts) {
      const index = ProjectIndex.for(root, file.settings, texts);
      // The file's facts, extracted at most once from the model its caller built (ESLint's AST, wrapped).
      let own: FileFacts | undefined;
      const overlay = { fileName: file.fileName, text: file.text, facts: () => (own ??= extractFacts(file)) };
      index.refresh(false, overlay);
      facts = index.view(overlay);
      views.set(file, facts);
    }
    return facts;
  };
  return {
    get hasRouter() {
      return load().hasRouter;
    },
    get routerComplete() {
      return load().routerComplete;
    },
    routerKeysOf: (fileName, local) => load().routerKeysOf(fileName, local),
    actionKeysOf: (fileName, local) => load().actionKeysOf(fileName, local),
    revalidationSitesOf: (key, exceptFile) => load().revalidationSitesOf(key, exceptFile),
    actionKinds: () => load().actionKinds(),
    instanceOf: (fileName, local) => load().instanceOf(fileName, local),
    isClient: (fileName, local) => load().isClient(fileName, local),
    dataModel: (tables) => load().dataModel(tables),
  };
}

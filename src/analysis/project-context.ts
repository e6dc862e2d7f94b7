/**
 * Hands rules the project facts for the file being checked, lazily: the index is built (or refreshed)
 * only when a rule actually asks a cross-file question, and once per file for all rules.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { extractFacts } from './file-facts.js';
import type { FileModel } from './file-model.js';
import type { ProjectFacts } from './project-facts.js';
import { ProjectIndex, type FileTexts } from './project-index.js';
import { findTsconfig } from './tsconfig.js';

const views = new WeakMap<FileModel, ProjectFacts>();
const rootsByDirectory = new Map<string, string>();

/**
 * The project root of a file: the directory of the `tsconfig` setting, else of the nearest
 * tsconfig.json above the file, else `cwd`.
 */
export function projectRootFor(fileName: string, cwd: string, tsconfigSetting?: string): string {
  if (tsconfigSetting) return dirname(isAbsolute(tsconfigSetting) ? tsconfigSetting : resolve(cwd, tsconfigSetting));
  const directory = dirname(resolve(cwd, fileName));
  let root = rootsByDirectory.get(directory);
  if (root === undefined) {
    const tsconfig = findTsconfig(directory);
    root = tsconfig ? dirname(tsconfig) : cwd;
    rootsByDirectory.set(directory, root);
  }
  return root;
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
      index.refresh();
      facts = index.view({ fileName: file.fileName, text: file.text, facts: () => extractFacts(file) });
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
  };
}

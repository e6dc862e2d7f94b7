/**
 * Which files `check` lints: the TypeScript files under the given paths, minus what git ignores and
 * what `--ignore` / `ignores` exclude. Inside a git work tree, `git ls-files --cached --others
 * --exclude-standard` is the truth (tracked files are never ignored; .git/info/exclude and the global
 * excludes file count). Elsewhere the `.gitignore` files are read (gitignore.ts). A path named on the
 * command line that is ignored is skipped with a warning, as ESLint does.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SCAN_BUDGET, scanSourceFiles } from '../analysis/source-files.js';
import { compilePattern, lastMatch, parseGitignore, type IgnoreRule } from './gitignore.js';
import { CheckUsageError } from './config.js';
import { git as runGit } from './git.js';

/** Ignore patterns beyond git's, relative to the project root, with where they come from (`--ignore`). */
export interface ExtraPattern {
  pattern: string;
  source: string;
}

export interface FileSelection {
  files: string[];
  /** One line per named path that is ignored, per folder skipped by its name, per listing cut short, saying why. */
  warnings: string[];
}

interface Oracle {
  /** Fast, for the walk: whether the file or folder is ignored. */
  ignores(path: string, isDirectory: boolean): boolean;
  /** For a path named on the command line: why it is ignored, or undefined when it is not. */
  explain(path: string, isDirectory: boolean): string | undefined;
}

/** The ignore rules of one run: git's (or the .gitignore files'), then `--ignore` and `ignores`. */
export interface IgnoreFilter {
  /** For the walk (and `--staged`): whether to keep a file, or enter a folder. */
  include(path: string, isDirectory: boolean): boolean;
  /** For a path named on the command line: why it is ignored, or undefined when it is not. */
  explain(path: string, isDirectory: boolean): string | undefined;
  /**
   * Whether git's own listing decides what is source: then nothing is skipped by its name alone
   * (a `build` or `.storybook` folder git keeps is linted, as ESLint lints it).
   */
  readonly gitDecides: boolean;
}

/**
 * `gitignore: false` leaves git's rules out: `--staged` lints files in the git index, which git never
 * ignores, and a pre-commit hook should not pay for git's scan of the untracked files.
 */
export function createIgnoreFilter(root: string, extra: readonly ExtraPattern[] = [], options: { gitignore?: boolean } = {}): IgnoreFilter {
  const oracles = [extraOracle(root, extra)];
  const git = options.gitignore !== false ? gitOracle(root) : undefined;
  if (options.gitignore !== false) oracles.push(git ?? gitignoreFilesOracle(repositoryTop(root) ?? root));
  return {
    gitDecides: git?.listing === true,
    include: (path, isDirectory) => !oracles.some((oracle) => oracle.ignores(path, isDirectory)),
    explain: (path, isDirectory) => {
      for (const oracle of oracles) {
        const reason = oracle.explain(path, isDirectory);
        if (reason !== undefined) return reason;
      }
      return undefined;
    },
  };
}

/**
 * The files to lint under `paths` (relative to `base`; default the base itself). Inside a git work tree
 * git decides what is source; elsewhere dot-folders and build output directly under a named folder
 * are skipped by name, each with a warning when it holds TypeScript sources (name it to check it).
 */
export function selectFiles(base: string, paths: readonly string[], filter: IgnoreFilter, budget = SCAN_BUDGET): FileSelection {
  const files = new Set<string>();
  const warnings: string[] = [];
  for (const path of paths.length > 0 ? paths : ['.']) {
    const absolute = resolve(base, path);
    if (!existsSync(absolute)) throw new CheckUsageError(`no such file or folder: ${path}`);
    const isDirectory = statSync(absolute).isDirectory();
    const reason = filter.explain(absolute, isDirectory);
    if (reason !== undefined) {
      warnings.push(`${path} is ignored (${reason}), so it is not checked.`);
      continue;
    }
    if (!isDirectory) {
      files.add(absolute);
      continue;
    }
    const scan = scanSourceFiles(absolute, { include: filter.include, skipByName: filter.gitDecides ? 'dependencies' : 'conventional', budget });
    for (const file of scan.files) files.add(file);
    for (const folder of scan.skippedByName) {
      const held = scanSourceFiles(folder, { include: filter.include, budget: 10_000 }).files.length;
      const shown = relative(base, folder) || '.';
      if (held > 0) warnings.push(`${shown} is skipped (a ${basename(folder).startsWith('.') ? 'dot-folder' : 'build output folder name'}, not in a git work tree) though it holds ${held === 1 ? 'a TypeScript file' : 'TypeScript files'}: name it to check it, or add it to "ignores" to silence this.`);
    }
    if (scan.truncated) warnings.push(`${path}: stopped listing after ${scan.entries} files and folders, so only part of it is checked (name a smaller folder, or add the rest to "ignores").`);
  }
  return { files: [...files], warnings };
}

/** `path` relative to `base` with `/` separators, or undefined when it is not inside `base`. */
function inside(base: string, path: string): string | undefined {
  const rel = relative(base, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return rel === '' ? '' : undefined;
  return rel.split(sep).join('/');
}

const describe = (rule: IgnoreRule) => `${rule.source} "${rule.pattern}"`;

/**
 * Rules evaluated like git: each folder on the way first (a file inside an excluded folder stays
 * excluded, whatever later negations say), then the path itself. `rulesFor(folder)` gives the rules
 * in force in that folder, in precedence order.
 */
function ruleOracle(top: string, rulesFor: (folder: string) => readonly IgnoreRule[]): Oracle {
  const folders = new Map<string, IgnoreRule | undefined>();
  const verdict = (rel: string, isDirectory: boolean): IgnoreRule | undefined => {
    if (isDirectory && folders.has(rel)) return folders.get(rel);
    const slash = rel.lastIndexOf('/');
    const parent = slash === -1 ? '' : rel.slice(0, slash);
    let result = parent === '' ? undefined : verdict(parent, true);
    if (!result) {
      const rule = lastMatch(rulesFor(parent), rel, isDirectory);
      result = rule && !rule.negated ? rule : undefined;
    }
    if (isDirectory) folders.set(rel, result);
    return result;
  };
  const match = (path: string, isDirectory: boolean) => {
    const rel = inside(top, path);
    return rel ? verdict(rel, isDirectory) : undefined;
  };
  return {
    ignores: (path, isDirectory) => match(path, isDirectory) !== undefined,
    explain: (path, isDirectory) => {
      const rule = match(path, isDirectory);
      return rule && describe(rule);
    },
  };
}

/** `--ignore` and config `ignores`: gitignore patterns relative to the root. */
function extraOracle(root: string, extra: readonly ExtraPattern[]): Oracle {
  const rules = extra.map(({ pattern, source }) => {
    const rule = compilePattern(pattern, '', source);
    if (!rule) throw new CheckUsageError(`${source}: "${pattern}" is not an ignore pattern (blank or a comment).`);
    return rule;
  });
  return ruleOracle(root, () => rules);
}

/**
 * Outside a git work tree (or without git): the `.gitignore` files from `top` (the repository top, or
 * the root) down, plus `.git/info/exclude` there.
 */
function gitignoreFilesOracle(top: string): Oracle {
  const cache = new Map<string, readonly IgnoreRule[]>();
  const rulesFor = (folder: string): readonly IgnoreRule[] => {
    let rules = cache.get(folder);
    if (!rules) {
      const parent = folder === '' ? [] : rulesFor(folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '');
      const own = readRules(join(top, folder, '.gitignore'), folder, folder === '' ? '.gitignore' : `${folder}/.gitignore`);
      const exclude = folder === '' ? readRules(join(top, '.git', 'info', 'exclude'), '', '.git/info/exclude') : [];
      rules = [...parent, ...exclude, ...own];
      cache.set(folder, rules);
    }
    return rules;
  };
  return ruleOracle(top, rulesFor);
}

function readRules(file: string, base: string, source: string): IgnoreRule[] {
  try {
    return parseGitignore(readFileSync(file, 'utf8'), base, source);
  } catch {
    return []; // no such file (the usual case) or unreadable: nothing ignored by it
  }
}

/** The top of the git work tree that holds `root` (the nearest folder with a `.git`), if any. */
export function repositoryTop(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Inside a git work tree: git's own listing of the files it does not ignore (`listing: true`). */
function gitOracle(root: string): (Oracle & { listing: boolean }) | undefined {
  const listing = git(root, ['ls-files', '--cached', '--others', '--exclude-standard', '-z']);
  if (listing === undefined) return undefined;
  // A project in a folder the repository around it ignores (a scratch copy, a generated app) is not
  // part of that repository: its own .gitignore files decide, from its root down.
  if (listing === '' && gitExplain(root, root) !== undefined) return { ...gitignoreFilesOracle(root), listing: false };
  const files = new Set<string>();
  const folders = new Set<string>(['']);
  const nestedRoots = new Set<string>();
  for (const entry of listing.split('\0')) {
    if (entry === '') continue;
    // An untracked repository inside this one is listed as `folder/`: its own .gitignore files decide.
    const rel = entry.endsWith('/') ? entry.slice(0, -1) : entry;
    if (rel !== entry) {
      nestedRoots.add(rel);
      folders.add(rel);
    } else files.add(rel);
    for (let slash = rel.indexOf('/'); slash !== -1; slash = rel.indexOf('/', slash + 1)) folders.add(rel.slice(0, slash));
  }
  const nestedOracles = new Map<string, Oracle>();
  /** The oracle of the nested repository (or submodule: git lists it as a file) that holds `rel`, if any. */
  const nestedOracle = (rel: string, isDirectory: boolean): Oracle | undefined => {
    if (isDirectory && files.has(rel)) nestedRoots.add(rel);
    for (let slash = rel.indexOf('/'); slash !== -1; slash = rel.indexOf('/', slash + 1)) {
      const folder = rel.slice(0, slash);
      if (!nestedRoots.has(folder)) continue;
      let oracle = nestedOracles.get(folder);
      if (!oracle) nestedOracles.set(folder, (oracle = gitignoreFilesOracle(join(root, folder))));
      return oracle;
    }
    return undefined;
  };
  const ignores = (path: string, isDirectory: boolean): boolean => {
    const rel = inside(root, path);
    if (rel === undefined) return false;
    const nested = nestedOracle(rel, isDirectory);
    if (nested) return nested.ignores(path, isDirectory);
    if (isDirectory && nestedRoots.has(rel)) return false;
    return !(isDirectory ? folders : files).has(rel);
  };
  return {
    listing: true,
    ignores,
    explain: (path, isDirectory) => {
      if (!ignores(path, isDirectory)) return undefined;
      const nested = nestedOracle(inside(root, path) ?? '', isDirectory);
      return nested ? nested.explain(path, isDirectory) : gitExplain(root, path);
    },
  };
}

/** `git check-ignore -v`: the pattern that ignores `path`, or undefined (e.g. an empty folder). */
function gitExplain(root: string, path: string): string | undefined {
  const output = git(root, ['check-ignore', '-v', '-z', '--stdin'], `${relative(root, path) || '.'}\0`);
  if (!output) return undefined;
  const [source, line, pattern] = output.split('\0');
  if (pattern === undefined || pattern.startsWith('!')) return undefined;
  return `${source}:${line} "${pattern}"`;
}

/** git's output (src/check/git.ts runs it safely), or undefined when git is missing, fails, or `cwd` is not in a work tree. */
function git(cwd: string, args: string[], input?: string): string | undefined {
  try {
    return runGit(args, cwd, input).toString('utf8');
  } catch {
    return undefined; // check-ignore exits 1 when nothing matches; ls-files 128 outside a work tree
  }
}

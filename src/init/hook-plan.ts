/**
 * Where the pre-commit check goes, and the change that puts it there:
 * 1. husky, when the project uses it (git runs `.husky/_`, or `.husky/` exists and husky is a
 *    dependency): a marked block in `.husky/pre-commit`;
 * 2. lint-staged, when it has a config and that pre-commit hook runs it: a task in its config;
 * 3. otherwise the pre-commit hook in the folder git runs hooks from (`core.hooksPath` or
 *    `.git/hooks`): a marked block, in a new `#!/bin/sh` file when there is none.
 * A hooks folder set in global or system git config is shared with other repositories: init prints
 * the block instead of writing it there.
 */
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import type { ManualStep } from './eslint-config.js';
import type { GitRepository } from './git.js';
import { BLOCK_START, hookBlock, withHookBlock } from './hook-script.js';
import { addLintStagedTask, findLintStagedConfig } from './lint-staged.js';
import { hasDependency, readPackageJson, type PackageJson } from './project.js';

export interface HookPlan {
  /** What was found, for the summary: `husky (.husky/pre-commit)`. */
  description: string;
  /** The file to change (absolute). */
  path: string;
  before?: string;
  status: 'create' | 'update' | 'unchanged' | 'manual';
  after?: string;
  /** The mode to give the file after writing (hooks must be executable for git to run them). */
  mode?: number;
  /** What the change does, for its output line. */
  summary: string;
  reason?: string;
  steps?: ManualStep[];
  notes: string[];
}

export interface HookContext {
  root: string;
  repository: GitRepository;
  pkg: PackageJson | undefined;
  /** The command the hook runs: `npx --no igniter-rt check --staged`. */
  command: string;
  /** How a path is shown (relative to the project root when that reads well). */
  display(path: string): string;
}

interface Husky {
  dir: string;
  /** husky 8 hooks are run by git directly and source `_/husky.sh`; husky 9 hooks are plain scripts run by `_/h`. */
  version: 8 | 9;
  /** Whether git runs husky's hooks yet (`core.hooksPath` points at them). */
  active: boolean;
}

export function planHook(context: HookContext): HookPlan {
  const { root, repository } = context;
  const husky = findHusky(root, repository, context.pkg);
  const hookPath = join(husky ? husky.dir : repository.hooksDir, 'pre-commit');
  const existing = readText(hookPath);
  const notes: string[] = [];
  const described = husky ? `husky ${husky.version} (${context.display(hookPath)})` : `git hook (${context.display(hookPath)})`;

  if (husky && !husky.active) {
    notes.push(`git does not run husky's hooks yet (core.hooksPath is not ${context.display(join(husky.dir, '_'))}): run \`npx husky\` (your "prepare" script does it on install).`);
  }
  if (!husky && repository.hooksPath && (repository.hooksPath.scope === 'global' || repository.hooksPath.scope === 'system')) {
    return {
      description: `git hooks in ${repository.hooksDir} (core.hooksPath, ${repository.hooksPath.scope} config)`,
      path: hookPath,
      status: 'manual',
      summary: 'the pre-commit check',
      reason: `core.hooksPath in your ${repository.hooksPath.scope} git config points at ${repository.hooksDir}, which other repositories share, so igniter-rt does not write there`,
      steps: [{ say: 'Add these lines to the pre-commit hook that runs for this repository:', code: hookBlock(context.command, subfolder(root, repository.top)) }],
      notes,
    };
  }

  const linked = linkTarget(hookPath);
  if (linked && !isInside(repository.top, linked) && !isInside(realpathSync(dirname(hookPath)), linked)) {
    return {
      description: described,
      path: hookPath,
      status: 'manual',
      summary: 'the pre-commit check',
      reason: `it is a link to ${linked}, outside this repository (other repositories may share it), so igniter-rt does not change it`,
      steps: [{ say: `Add these lines to ${linked}, or to the hook that runs for this repository:`, code: hookBlock(context.command, subfolder(root, repository.top)) }],
      notes,
    };
  }

  // lint-staged, when the pre-commit hook runs it (and the check is not already a block of that hook).
  const lintStaged = findLintStagedConfig(root);
  if (lintStaged && existing !== undefined && !existing.includes(BLOCK_START) && runsLintStaged(existing)) {
    const path = join(root, lintStaged.file);
    const before = readFileSync(path, 'utf8');
    const edit = addLintStagedTask(before, lintStaged);
    const description = `lint-staged (${lintStaged.file}), run by ${described}`;
    const summary = 'lint-staged runs `igniter-rt check` on the staged TypeScript files';
    if (edit.status === 'manual') return { description, path, status: 'manual', summary, reason: edit.reason, steps: edit.steps, notes };
    if (edit.status === 'present') return { description, path, before, status: 'unchanged', summary: 'lint-staged already runs igniter-rt', notes };
    return { description, path, before, status: 'update', after: edit.text, summary, notes };
  }
  if (lintStaged) notes.push(`lint-staged is configured (${lintStaged.file}) but ${context.display(hookPath)} does not run it, so the check goes into the hook itself.`);

  const generator = existing === undefined ? undefined : /lefthook|simple-git-hooks|File generated by pre-commit/i.exec(existing)?.[0];
  if (generator) notes.push(`${context.display(hookPath)} looks generated (${generator}); re-installing those hooks may drop the igniter-rt block: add the check to that tool's config too.`);

  const header = husky?.version === 9 ? [] : husky?.version === 8 ? ['#!/usr/bin/env sh', '. "$(dirname -- "$0")/_/husky.sh"', ''] : ['#!/bin/sh'];
  const edit = withHookBlock(existing, hookBlock(context.command, subfolder(root, repository.top)), header);
  const summary = `runs \`${context.command}\` before each commit`;
  if (edit.status === 'manual') return { description: described, path: hookPath, status: 'manual', summary, reason: edit.reason, steps: edit.steps, notes };
  const executable = existing === undefined || (statSync(hookPath).mode & 0o111) !== 0;
  // git skips a hook that is not executable (husky 9 runs its scripts with `sh`, so it does not care).
  const mode = existing === undefined ? 0o755 : (statSync(hookPath).mode & 0o7777) | (husky?.version === 9 ? 0 : 0o111);
  if (!executable && husky?.version !== 9) notes.push(`${context.display(hookPath)} was not executable, so git skipped it; it is now (mode ${mode.toString(8)}).`);
  if (edit.status === 'present') {
    return executable || husky?.version === 9
      ? { description: described, path: hookPath, before: existing, status: 'unchanged', summary: `already ${summary}`, notes }
      : { description: described, path: hookPath, before: existing, status: 'update', after: existing, mode, summary: 'made executable', notes };
  }
  return { description: described, path: hookPath, before: existing, status: existing === undefined ? 'create' : 'update', after: edit.text, mode, summary, notes };
}

function findHusky(root: string, repository: GitRepository, pkg: PackageJson | undefined): Husky | undefined {
  const hooks = repository.hooksDir;
  if (basename(hooks) === '_' && existsSync(join(hooks, 'h'))) return { dir: dirname(hooks), version: 9, active: true };
  if (existsSync(join(hooks, '_', 'husky.sh')) && !existsSync(join(hooks, '_', 'h'))) return { dir: hooks, version: 8, active: true };
  for (const [directory, manifest] of [
    [root, pkg],
    [repository.top, repository.top === root ? pkg : readPackageJson(repository.top)],
  ] as const) {
    if (isDirectory(join(directory, '.husky')) && hasDependency(manifest, 'husky')) return { dir: join(directory, '.husky'), version: 9, active: false };
  }
  return undefined;
}

/** Whether a hook script runs lint-staged (outside comments). */
function runsLintStaged(script: string): boolean {
  return script.split(/\r?\n/).some((line) => !line.trim().startsWith('#') && /\blint-staged\b/.test(line));
}

/** The project folder relative to the repository root, when the project is below it. */
function subfolder(root: string, top: string): string | undefined {
  const path = relative(top, root);
  return path === '' ? undefined : path.split('\\').join('/');
}

/** The real path of a symbolic link (undefined when `path` is not one). */
function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : undefined;
  } catch {
    return undefined; // a dangling link or no file
  }
}

function isInside(folder: string, path: string): boolean {
  const inner = relative(folder, path);
  return inner !== '' && !inner.startsWith('..') && !isAbsolute(inner);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `igniter-rt init`, without the command line: detect the package manager, the ESLint config and the
 * hook setup; plan every change in memory; then write them all or none. A step that cannot be done
 * safely (an ESLint config of a shape igniter-rt does not edit, a YAML lint-staged config, a shared
 * hooks folder) becomes a `manual` step with the exact lines to add, and its file is not touched.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { WriteHooks } from '../fs/atomic-write.js';
import { addRecommendedPreset, FLAT_CONFIG_FILES, LEGACY_CONFIG_FILES, newConfigFile, newConfigText, PLUGIN_MODULE, PRESET, type ManualStep } from './eslint-config.js';
import { findRepository, type GitRepository } from './git.js';
import { planHook } from './hook-plan.js';
import { addDevCommand, detectPackageManager, execCommand, type PackageManager, type PackageManagerName } from './package-manager.js';
import { hasDependency, installedEslintVersion, InitError, readPackageJson, type PackageJson } from './project.js';
import { writeAll, type PlannedWrite } from './write.js';

export interface InitOptions {
  /** The project root (default: the current folder). */
  root: string;
  eslint: boolean;
  hook: boolean;
  dryRun: boolean;
  packageManager?: PackageManagerName;
}

export type StepStatus = 'create' | 'update' | 'unchanged' | 'manual' | 'skipped';

export interface InitStep {
  area: 'eslint' | 'hook';
  status: StepStatus;
  /** The file, as shown (relative to the project root when it is inside the repository). */
  file?: string;
  summary: string;
  reason?: string;
  steps?: ManualStep[];
  /** The write, for create/update. */
  write?: PlannedWrite;
}

export interface InitResult {
  root: string;
  packageManager: PackageManager;
  /** `ESLint: ...`, `Pre-commit: ...` lines: what was found. */
  found: [string, string][];
  steps: InitStep[];
  notes: string[];
  dryRun: boolean;
  written: boolean;
}

/** Plans init in `options.root` and, unless `dryRun`, writes the changes (all or none). */
export function runInit(options: InitOptions, hooks: WriteHooks = {}): InitResult {
  const absolute = resolve(options.root);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) throw new InitError(`--cwd: no such folder: ${absolute}`, 2);
  // git reports real paths; comparing with them needs the root's real path too.
  const root = realpathSync(absolute);
  const pkg = readPackageJson(root);
  const lookup = findRepository(root);
  const repository = 'repository' in lookup ? lookup.repository : undefined;
  const packageManager: PackageManager = options.packageManager
    ? { name: options.packageManager, source: '--package-manager' }
    : detectPackageManager(root, repository?.top);
  const display = (path: string) => displayPath(root, repository, path);
  const found: [string, string][] = [['Package manager', `${packageManager.name} (${packageManager.source})`]];
  const steps: InitStep[] = [];
  const notes: string[] = [];

  if (!pkg) notes.push(`There is no package.json in ${root}: is this the project root? (--cwd sets it.)`);
  if (pkg && !hasDependency(pkg, 'igniter-rt')) notes.push(`igniter-rt is not a dependency in package.json; ESLint and the hook use the project's copy: ${addDevCommand(packageManager.name, ['igniter-rt'])}`);

  if (options.eslint) steps.push(planEslint(root, repository, pkg, packageManager, found, notes, display));
  if (options.hook) {
    if (!repository) {
      const problem = 'problem' in lookup ? lookup.problem : '';
      found.push(['Pre-commit', 'none']);
      steps.push({ area: 'hook', status: 'skipped', summary: 'the pre-commit hook', reason: `${problem}: run \`git init\` (or init inside the repository), then init again; --no-hook skips this step` });
    } else {
      const command = execCommand(packageManager.name, 'igniter-rt', ['check', '--staged']);
      const plan = planHook({ root, repository, pkg, command, display });
      found.push(['Pre-commit', plan.description]);
      notes.push(...plan.notes);
      const write = plan.after !== undefined ? { path: plan.path, before: plan.before, after: plan.after, mode: plan.mode } : undefined;
      steps.push({ area: 'hook', status: plan.status, file: display(plan.path), summary: plan.summary, reason: plan.reason, steps: plan.steps, write });
    }
  }

  const writes = steps.flatMap((step) => (step.write && (step.status === 'create' || step.status === 'update') ? [step.write] : []));
  if (!options.dryRun) writeAll(writes, hooks);
  return { root, packageManager, found, steps, notes, dryRun: options.dryRun, written: !options.dryRun && writes.length > 0 };
}

function planEslint(root: string, repository: GitRepository | undefined, pkg: PackageJson | undefined, manager: PackageManager, found: [string, string][], notes: string[], display: (path: string) => string): InitStep {
  const version = installedEslintVersion(root);
  const major = version ? Number(version.split('.')[0]) : undefined;
  if (!version) notes.push(`ESLint is not installed: ${addDevCommand(manager.name, ['eslint'])}`);
  else if (major !== undefined && major < 9) notes.push(`ESLint ${version} is installed; ${PLUGIN_MODULE} needs ESLint 9 or 10 (flat config).`);
  const summary = `adds ${PLUGIN_MODULE}'s ${PRESET} preset`;

  const file = FLAT_CONFIG_FILES.find((name) => existsSync(join(root, name)));
  if (file) {
    found.push(['ESLint', `${version ? `${version}, ` : ''}flat config ${file}`]);
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    const edit = addRecommendedPreset(before, file);
    if (edit.status === 'present') return { area: 'eslint', status: 'unchanged', file, summary: `${PLUGIN_MODULE} is already set up` };
    if (edit.status === 'manual') return { area: 'eslint', status: 'manual', file, summary, reason: edit.reason, steps: edit.steps };
    return { area: 'eslint', status: 'update', file, summary: `adds ${edit.entry}`, write: { path, before, after: edit.text } };
  }

  const legacy = LEGACY_CONFIG_FILES.find((name) => existsSync(join(root, name))) ?? (pkg && 'eslintConfig' in pkg ? 'package.json (eslintConfig)' : undefined);
  const created = newConfigFile(pkg?.type);
  if (legacy) {
    found.push(['ESLint', `${version ? `${version}, ` : ''}legacy config ${legacy}`]);
    return {
      area: 'eslint',
      status: 'manual',
      file: legacy,
      summary,
      reason: `${legacy} is a legacy (eslintrc) config, and ESLint 9+ reads only flat config; creating ${created} would replace it silently`,
      steps: [
        { say: `Migrate it (\`npx @eslint/migrate-config ${legacy.split(' ')[0]}\`), then run init again, or create ${created} with:`, code: newConfigText().trimEnd().split('\n') },
      ],
    };
  }
  const above = repository ? parentFlatConfig(root, repository.top) : undefined;
  if (above) {
    found.push(['ESLint', `${version ? `${version}, ` : ''}flat config ${display(above)} (above the project)`]);
    return {
      area: 'eslint',
      status: 'manual',
      file: display(above),
      summary,
      reason: `the project has no ESLint config of its own and uses ${display(above)}; igniter-rt edits only the project's own config`,
      steps: [{ say: `Add the preset to ${display(above)} (or run init with --cwd in that folder):`, code: [`import igniterRt from '${PLUGIN_MODULE}';`, `igniterRt.configs.${PRESET},`] }],
    };
  }
  found.push(['ESLint', `${version ? `${version}, ` : ''}no config yet`]);
  return { area: 'eslint', status: 'create', file: created, summary: `a flat config with ${PLUGIN_MODULE}'s ${PRESET} preset`, write: { path: join(root, created), after: newConfigText() } };
}

/** A flat config in a parent folder of the project, up to the repository root (ESLint looks upward for one). */
function parentFlatConfig(root: string, top: string): string | undefined {
  for (let directory = root; directory !== top && !relative(top, directory).startsWith('..'); ) {
    directory = resolve(directory, '..');
    const file = FLAT_CONFIG_FILES.find((name) => existsSync(join(directory, name)));
    if (file) return join(directory, file);
  }
  return undefined;
}

/** Relative to the project root when inside the repository (or the root); absolute otherwise. */
function displayPath(root: string, repository: GitRepository | undefined, path: string): string {
  const fromRoot = relative(root, path);
  if (!fromRoot.startsWith('..')) return fromRoot;
  if (repository && !relative(repository.top, path).startsWith('..')) return fromRoot;
  return path;
}

/** 0 when everything is in place; 1 when a step needs a change by hand or was skipped. */
export function exitCodeOf(result: InitResult): 0 | 1 {
  return result.steps.some((step) => step.status === 'manual' || step.status === 'skipped') ? 1 : 0;
}

/**
 * One generator run, end to end, without any terminal I/O (the command prints; tests call this):
 *
 *   layout → renderer (`--templates`) → virtual tree → generator → the project's Prettier → checks
 *   → nothing more for `--dry-run`, else an atomic commit with rollback.
 *
 * Formatting is async (Prettier 3) while generators are sync, so the generator writes template-style
 * text and this module formats the change list afterwards. When a project has Prettier, a file it
 * generated earlier holds the formatted text, which a generator comparing its own output would take for
 * a conflict. So, with Prettier, the generator first runs once as a probe (with `force`, in memory);
 * every file whose probe output formats to exactly what is on disk is then shown to the real run as
 * that probe output. Re-running a command in a Prettier project therefore still changes nothing, and a
 * file edited by the user still conflicts.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commitChanges, removeStaleWorkFiles, type CommitHooks } from './commit.js';
import { importPath, resolveLayout } from './layout.js';
import type { GenerateResult } from './output.js';
import { createRenderer } from './render.js';
import { VirtualTree } from './tree.js';
import { GenerateError, type FileChange, type GeneratorContext, type GeneratorDefinition, type OptionValue, type Tree } from './types.js';

export interface RunOptions {
  /** Project root (absolute or relative to the process's cwd). */
  root: string;
  generator: GeneratorDefinition;
  /** The generator's answers: its arguments by name and its options. `force` is added from `force`. */
  options: Record<string, OptionValue>;
  force?: boolean;
  /** Compute and return the change list; write nothing. */
  dryRun?: boolean;
  /** Template override folder (`--templates`), inside the project. */
  templates?: string;
  /** Format with the project's Prettier when it has one (default true). */
  prettier?: boolean;
  /** Test seam passed to `commitChanges`. */
  hooks?: CommitHooks;
}

export async function runGenerator(run: RunOptions): Promise<GenerateResult> {
  const root = projectRoot(run.root);
  const layout = resolveLayout(root);
  const renderer = createRenderer(root, run.templates);
  const context: GeneratorContext = {
    layout,
    render: (template, data) => renderer.render(template, data),
    importPath: (fromFile, toFile) => importPath(layout, fromFile, toFile),
  };
  const options: Record<string, OptionValue> = { ...run.options, force: run.force ?? run.options.force === true };
  const prettier = run.prettier === false ? undefined : await loadProjectPrettier(root);

  let view = new Map<string, string>();
  if (prettier && options.force !== true) view = await formattedView(root, prettier, () => generate(root, run.generator, { ...options, force: true }, context, new Map()));
  let changes = generate(root, run.generator, options, context, view);
  if (prettier) changes = await formatChanges(root, prettier, changes);
  checkInsideRoot(root, changes);

  const pending = changes.filter((change) => change.kind !== 'skip');
  if (!run.dryRun) {
    removeStaleWorkFiles(root, changes.map((change) => change.path));
    if (pending.length > 0) withoutInterruption(() => commitChanges(root, changes, run.hooks));
  }
  return {
    generator: run.generator.name,
    options,
    changes,
    dryRun: run.dryRun === true,
    written: !run.dryRun && pending.length > 0,
    formatted: prettier !== undefined,
  };
}

/** The generator against a fresh virtual tree (with the formatted-file view); its change list. */
function generate(root: string, generator: GeneratorDefinition, options: Record<string, OptionValue>, context: GeneratorContext, view: ReadonlyMap<string, string>): FileChange[] {
  const inner = new VirtualTree(root);
  const tree = view.size > 0 ? new ViewTree(inner, view) : inner;
  generator.run(tree, options, context);
  return inner.changes();
}

function projectRoot(input: string): string {
  const root = resolve(input);
  if (!existsSync(root)) throw new GenerateError(`The project folder ${input} does not exist.`, 2);
  if (!statSync(root).isDirectory()) throw new GenerateError(`The project root ${input} is not a folder.`, 2);
  return root;
}

/** A tree that shows some files as given text until the generator writes them (see the header). */
class ViewTree implements Tree {
  private readonly written = new Set<string>();

  constructor(
    private readonly inner: VirtualTree,
    private readonly view: ReadonlyMap<string, string>,
  ) {}

  get root(): string {
    return this.inner.root;
  }

  exists(path: string): boolean {
    return this.inner.exists(path);
  }

  read(path: string): string | undefined {
    const key = treeKey(this.inner.root, path);
    if (key !== undefined && !this.written.has(key) && this.view.has(key)) return this.view.get(key);
    return this.inner.read(path);
  }

  write(path: string, content: string): void {
    this.inner.write(path, content);
    const key = treeKey(this.inner.root, path);
    if (key !== undefined) this.written.add(key);
  }

  changes(): FileChange[] {
    return this.inner.changes();
  }
}

/** The tree's own key for a path (project-relative, forward slashes); undefined outside the root. */
function treeKey(root: string, path: string): string | undefined {
  const relativePath = relative(root, isAbsolute(path) ? path : resolve(root, path));
  if (relativePath === '' || relativePath.startsWith('..') || isAbsolute(relativePath)) return undefined;
  return relativePath.split(sep).join('/');
}

/** Files on disk that are exactly the formatted probe output, mapped to the probe's unformatted text. */
async function formattedView(root: string, prettier: Prettier, probe: () => FileChange[]): Promise<Map<string, string>> {
  const view = new Map<string, string>();
  let raw: FileChange[];
  try {
    raw = probe();
  } catch {
    return view; // the real run reports the problem
  }
  const formatted = await formatChanges(root, prettier, raw);
  formatted.forEach((change, index) => {
    const unformatted = raw[index].after;
    if (change.before !== undefined && change.after === change.before && unformatted !== change.before) view.set(change.path, unformatted);
  });
  return view;
}

// --- the project's Prettier -------------------------------------------------------------------------

interface Prettier {
  format(source: string, options: Record<string, unknown>): string | Promise<string>;
  resolveConfig(file: string, options?: Record<string, unknown>): unknown;
  getFileInfo?(file: string, options?: Record<string, unknown>): unknown;
}

/** Prettier as the project resolves it (its own node_modules, or a parent's), or undefined. */
export async function loadProjectPrettier(root: string): Promise<Prettier | undefined> {
  let resolved: string;
  try {
    resolved = createRequire(join(root, 'package.json')).resolve('prettier');
  } catch {
    return undefined;
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
  } catch (error) {
    throw new GenerateError(`The project's Prettier (${resolved}) failed to load: ${error instanceof Error ? error.message : String(error)}`);
  }
  const api = (typeof loaded.format === 'function' ? loaded : loaded.default) as Partial<Prettier> | undefined;
  if (!api || typeof api.format !== 'function' || typeof api.resolveConfig !== 'function') return undefined;
  return api as Prettier;
}

/** Formats every created or updated file Prettier handles (not ignored, known parser); recomputes kinds. */
async function formatChanges(root: string, prettier: Prettier, changes: readonly FileChange[]): Promise<FileChange[]> {
  const ignoreFile = join(root, '.prettierignore');
  const result: FileChange[] = [];
  for (const change of changes) {
    if (change.kind === 'skip') {
      result.push(change);
      continue;
    }
    const file = join(root, change.path);
    let after = change.after;
    try {
      const info = prettier.getFileInfo
        ? ((await prettier.getFileInfo(file, { resolveConfig: true, ...(existsSync(ignoreFile) ? { ignorePath: ignoreFile } : {}) })) as { ignored?: boolean; inferredParser?: string | null })
        : { ignored: false, inferredParser: /\.(m|c)?[jt]sx?$|\.json$/.test(file) ? 'auto' : null };
      if (!info.ignored && info.inferredParser) {
        const config = ((await prettier.resolveConfig(file, { editorconfig: true })) ?? {}) as Record<string, unknown>;
        after = await prettier.format(change.after, { ...config, filepath: file });
      }
    } catch (error) {
      throw new GenerateError(`Prettier could not format ${change.path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Nothing was written.`);
    }
    const kind = change.before === undefined ? 'create' : change.before === after ? 'skip' : 'update';
    result.push({ ...change, after, kind });
  }
  return result;
}

/**
 * Runs the (synchronous) commit with listeners for the signals that would otherwise end the process
 * (Ctrl-C, `kill`, a closed terminal), so none can stop it between two files: the commit finishes (or
 * rolls back) and the signal is dropped. SIGKILL cannot be caught; see commit.ts for what it leaves.
 */
function withoutInterruption(commit: () => void): void {
  const ignore = () => {};
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, ignore);
  try {
    commit();
  } finally {
    for (const signal of signals) process.off(signal, ignore);
  }
}

// --- checks before anything is written ---------------------------------------------------------------

/** Refuses a change that would land outside the project through a symlinked folder or file. */
function checkInsideRoot(root: string, changes: readonly FileChange[]): void {
  const realRoot = realpathSync(root);
  for (const change of changes) {
    if (change.kind === 'skip') continue;
    let existing = join(root, change.path);
    while (!existsSync(existing)) existing = dirname(existing);
    const inside = relative(realRoot, realpathSync(existing));
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new GenerateError(`Refusing to write ${change.path}: it resolves outside the project root ${root} (through a symbolic link). Nothing was written.`, 2);
    }
  }
}

/**
 * The project index: cross-file facts built from disk. It finds the router, follows each registered
 * controller through imports (relative paths, tsconfig `paths`/`baseUrl`, index files, re-exports,
 * renamed imports), and records every action key and every revalidated key with its location.
 *
 * - Only files that pass a text prefilter are parsed up front; barrels are parsed when an import
 *   passes through them.
 * - One index per project root, kept fresh by each file's mtime and size (rescanned at most every
 *   REFRESH_MS); the file being linted is overlaid from the text the caller holds (an editor's unsaved
 *   buffer), never read from disk, so results never depend on the order files are linted in.
 * - One parse per file: when a scan needs the facts of the file being linted, they come from the
 *   file model the caller already built (ESLint's own AST, wrapped), not from reading and parsing the
 *   disk copy again. Such an entry is taken for the disk copy only when its size matches, and is
 *   written to the on-disk cache only when the disk copy is that text (the cache describes the disk).
 * - What cannot be proven (a dynamic `controllers` object, an import that does not resolve, a cycle)
 *   is left out and explained under DEBUG=igniter-rt; nothing throws.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { debug, rethrowRuleErrors } from './debug.js';
import { indexCachePath, readIndexCache, writeIndexCache, type CachedEntry } from './index-cache.js';
import { packageInfo } from '../package-info.js';
import { isListedSource, scanSourceFiles } from './source-files.js';
import { emptyFacts, extractFacts, type ActionFacts, type ControllerMapFacts, type FileFacts } from './file-facts.js';
import { FileModel } from './file-model.js';
import { parseCompilerSourceFile } from './parse.js';
import type { AppInstance, ProjectFacts, RevalidationSite } from './project-facts.js';
import type { IgniterSettings } from './settings.js';
import { buildDataModel, type DataModel } from './data-model.js';
import type { OperationTables } from './resources.js';
import { createModuleResolver, type ModuleResolver } from './tsconfig.js';
import { reportWarning } from './warnings.js';

/**
 * How long a scan of the file tree stays fresh: at least REFRESH_MS, and at least 25 times what the
 * last scan cost, so that an editor sees another file's saved edit within about two seconds while
 * re-checking mtimes costs a long lint run little (a rescan of the benchmark's 2,008-file app costs
 * 10-15 ms, in a CLI run where nothing changes on disk).
 */
export const REFRESH_MS = 2000;
const SCAN_COST_FACTOR = 25;

/** `fromOverlay`: facts taken from the caller's text (size-checked), kept in memory only. */
type Entry = CachedEntry & { fromOverlay?: true };

type FactsLookup = (path: string) => FileFacts | undefined;

/** The file being linted, as the caller holds it; its facts are extracted only if its text is new. */
export interface Overlay {
  fileName: string;
  text: string;
  facts: () => FileFacts;
}

/**
 * Texts that stand in for files' disk copies, by absolute path: `check --staged` passes the git index's
 * copy of each file whose working-tree copy differs. A path missing on disk is indexed too. An index
 * over such texts never writes the on-disk cache, whose entries describe the disk.
 */
export type FileTexts = ReadonlyMap<string, string>;

/** The disk copy of a file, or undefined when it cannot be read. */
function diskText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function hashText(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

interface Binding {
  file: string;
  local: string;
}

/** Which declarations a name may be followed to. */
type Declares = (facts: FileFacts, local: string) => boolean;

/** Controllers, actions and maps of controllers: what a router's registrations lead to. */
const declaresRouterPart: Declares = (facts, local) => !!(facts.controllers[local] || facts.actionVariables[local] || facts.controllerMaps[local]);
const declaresInstance: Declares = (facts, local) => !!facts.instances?.[local];
const declaresShape: Declares = (facts, local) => !!facts.shapes?.[local];
const declaresClient: Declares = (facts, local) => !!facts.clients?.includes(local);
/** Functions, objects with methods, classes, class instances and procedures: what a data call may lead to. */
const declaresFlow: Declares = (facts, local) => {
  const flow = facts.flow;
  if (!flow) return false;
  if (flow.functions[local] || flow.instances[local] || flow.procedures[local]) return true;
  const prefix = `${local}.`;
  return Object.keys(flow.functions).some((name) => name.startsWith(prefix));
};

/** Bumped when FileFacts gains or changes a field, so that older cached facts are not read. */
const FACTS_FORMAT = 4;

interface Resolution {
  hasRouter: boolean;
  complete: boolean;
  routerKeys: Map<string, string[]>;
  actionKeys: Map<string, string[]>;
  actionKinds: Map<string, ActionFacts>;
  /** The file that declares each action key. */
  actionFiles: Map<string, string>;
  revalidations: Map<string, RevalidationSite[]>;
  /** The facts this resolution was built from (with the overlay), for questions asked later. */
  factsOf: FactsLookup;
  /** Answers already given, by question (`instance\0file\0local`, ...). */
  answers: Map<string, unknown>;
}

/** Files worth parsing up front: Igniter declarations on the instance, core factories, revalidations. */
export function igniterCodePattern(instanceNames: readonly string[]): RegExp {
  const instances = instanceNames.map((name) => name.replace(/[$.*+?^(){}|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`\\b(?:${instances})\\s*\\.\\s*(?:router|controller|query|mutation)\\s*[<(]|createIgniter(?:Query|Mutation|Controller|Router)\\b|\\.revalidate\\s*\\(`);
}

export class ProjectIndex {
  private static readonly indexes = new Map<string, ProjectIndex>();
  /** Indexes over given texts, per texts map: they go when the caller drops the map. */
  private static readonly indexesOverTexts = new WeakMap<FileTexts, Map<string, ProjectIndex>>();

  /** The index of `root` (over `texts`, if given), shared by every rule and file linted under it in this process. */
  static for(root: string, settings: IgniterSettings, texts?: FileTexts): ProjectIndex {
    const key = JSON.stringify([resolve(root), settings.instanceNames, settings.router, settings.tsconfig]);
    let indexes = ProjectIndex.indexes;
    if (texts) {
      indexes = ProjectIndex.indexesOverTexts.get(texts) ?? new Map<string, ProjectIndex>();
      ProjectIndex.indexesOverTexts.set(texts, indexes);
    }
    let index = indexes.get(key);
    if (!index) {
      index = new ProjectIndex(resolve(root), settings, texts);
      indexes.set(key, index);
    }
    // On every use, not only when built: a run that finds the index already built must hear them too.
    for (const warning of index.resolver.warnings) reportWarning(warning);
    return index;
  }

  private readonly entries = new Map<string, Entry>();
  private candidates: string[] = [];
  private lastScan = -Infinity;
  private lastScanCost = 0;
  private base?: Resolution;
  private readonly resolver: ModuleResolver;
  /** Files worth parsing up front: Igniter declarations on the instance, core factories, revalidations. */
  private readonly candidate: RegExp;
  private readonly cachePath?: string;
  private readonly cacheKey: string;
  /** Files parsed by this index (not taken from the cache): for tests and DEBUG. */
  parsedFiles = 0;
  /** Directory entries the last scan read: for tests (a scan stays inside the project). */
  scannedEntries = 0;
  /** Facts parsed since the cache was last written (files an import led to, after the scan). */
  private unsaved = false;

  constructor(
    readonly root: string,
    private readonly settings: IgniterSettings,
    private readonly texts?: FileTexts,
  ) {
    this.resolver = createModuleResolver(root, settings.tsconfig, texts?.keys());
    this.candidate = igniterCodePattern(settings.instanceNames);
    // Facts depend on this package's version and on what counts as an Igniter call.
    this.cacheKey = JSON.stringify([packageInfo.version, FACTS_FORMAT, this.candidate.source, settings.instanceNames]);
    const cachePath = indexCachePath(root);
    // An index over given texts may start from the disk's cache (its entries are told apart by mtime), but never writes it.
    this.cachePath = texts ? undefined : cachePath;
    const cached = cachePath ? readIndexCache(cachePath, root, this.cacheKey) : undefined;
    if (cached) for (const [path, entry] of cached) this.entries.set(path, entry);
  }

  /**
   * Rescans the tree when the last scan is older than REFRESH_MS (or always, with `force`). `overlay`,
   * the file being linted, supplies its own facts if the scan needs them.
   */
  refresh(force = false, overlay?: Overlay): void {
    const now = performance.now();
    if (!force && now - this.lastScan < Math.max(REFRESH_MS, SCAN_COST_FACTOR * this.lastScanCost)) return;
    this.lastScan = now;
    // A sub-folder with its own package.json or tsconfig.json is another project (a monorepo package, an example).
    const scan = scanSourceFiles(this.root, { skipNestedProjects: true });
    if (scan.truncated) {
      reportWarning({
        file: this.root,
        message: `the project index stopped after ${scan.entries} files and folders, so cross-file checks see part of the project (its root is the nearest folder with a tsconfig.json, package.json or .git; the "tsconfig" setting chooses another)`,
      });
    }
    this.scannedEntries = scan.entries;
    const files = scan.files;
    const seen = new Set(files);
    // Given texts of files the disk does not have (deleted from the working tree, still in the git index).
    for (const path of this.texts?.keys() ?? []) {
      if (!seen.has(path) && isListedSource(this.root, path, { skipNestedProjects: true })) {
        files.push(path);
        seen.add(path);
      }
    }
    let changed = false;
    for (const path of [...this.entries.keys()]) {
      if (!seen.has(path)) {
        this.entries.delete(path);
        changed = true;
      }
    }
    const candidates: string[] = [];
    const overlayPath = overlay ? resolve(overlay.fileName) : undefined;
    for (const path of files) {
      const before = this.entries.get(path);
      const entry = this.load(path, true, path === overlayPath ? overlay : undefined);
      if (entry !== before) changed = true;
      if (entry?.facts) candidates.push(path);
    }
    this.candidates = candidates;
    if (changed) this.base = undefined;
    if (changed || this.unsaved) this.persist();
    this.lastScanCost = performance.now() - now;
  }

  /**
   * Project facts with `overlay` (the file being linted, from its current text) in place of its disk
   * copy. Call `refresh()` first.
   */
  view(overlay?: Overlay): ProjectFacts {
    const overlayPath = overlay ? resolve(overlay.fileName) : undefined;
    const disk = overlayPath ? this.entries.get(overlayPath) : undefined;
    // The common case (a CLI run, a saved file): the text is the disk copy, already in the index.
    if (!overlay || (disk?.hash !== undefined && disk.hash === hashText(overlay.text))) {
      this.base ??= this.resolve();
      return this.toProjectFacts(this.base);
    }
    const facts = overlay.facts();
    // Same facts as the disk copy (an edit inside a handler's body, a comment): the shared resolution serves.
    const sameFacts = disk?.facts !== undefined && JSON.stringify(disk.facts) === JSON.stringify(facts);
    const resolution = sameFacts ? (this.base ??= this.resolve()) : this.resolve({ path: overlayPath!, facts });
    return this.toProjectFacts(resolution);
  }

  private toProjectFacts(resolution: Resolution): ProjectFacts {
    return toProjectFacts(resolution, this.root, this);
  }

  /** The instance `local` names in `file` (declared there or imported), with its context read across files. */
  instanceOf(resolution: Resolution, file: string, local: string): AppInstance | undefined {
    const instance = this.findInstance(resolution, file, local);
    // The files the import led to were parsed on the way: keep their facts for the next run.
    if (this.unsaved) this.persist();
    return instance;
  }

  private findInstance(resolution: Resolution, file: string, local: string): AppInstance | undefined {
    const { factsOf } = resolution;
    const binding = this.resolveBinding(file, local, factsOf, new Set(), declaresInstance);
    const instance = binding ? factsOf(binding.file)?.instances[binding.local] : undefined;
    if (!binding || !instance) return undefined;
    const found: AppInstance = { fileName: relative(this.root, binding.file), line: instance.line, hasStore: instance.hasStore, contextStore: 'unknown' };
    const context = instance.context;
    if (context.kind === 'inline') return { ...found, contextStore: context.store, context: { fileName: found.fileName, line: context.line } };
    if (context.kind !== 'reference') return found;
    const target = this.resolveBinding(binding.file, context.local, factsOf, new Set(), declaresShape);
    const shape = target ? factsOf(target.file)?.shapes[target.local] : undefined;
    // `.context(make())` needs `make` to be a function; `.context(x)` takes a function or an object.
    if (!target || !shape || (context.called && shape.kind !== 'function')) return found;
    return { ...found, contextStore: shape.store, context: { fileName: relative(this.root, target.file), line: shape.line, name: target.local } };
  }

  /** The data-dependency model of the resolution (see data-model.ts), with the operation tables of `tables` (default: the settings'). */
  dataModel(resolution: Resolution, tables: OperationTables = { readOperations: this.settings.readOperations, writeOperations: this.settings.writeOperations }): DataModel {
    const actions = [...resolution.actionKinds].map(([key, facts]) => ({ key, facts, file: resolution.actionFiles.get(key)! })).filter((entry) => entry.file);
    const model = buildDataModel({
      root: this.root,
      actions,
      revalidatedKeys: [...resolution.revalidations.keys()].filter((key) => key.length > 0),
      factsOf: resolution.factsOf,
      resolveName: (file, local) => this.resolveBinding(file, local, resolution.factsOf, new Set(), declaresFlow),
      tables,
    });
    // Following calls parsed services and procedures the scan skipped: keep their facts for the next run.
    if (this.unsaved) this.persist();
    return model;
  }

  private persist(): void {
    this.unsaved = false;
    if (!this.cachePath) return;
    // Only what was read from disk: an overlaid entry may be an editor's buffer of the same size.
    const fromDisk = new Map([...this.entries].filter(([, entry]) => !entry.fromOverlay));
    writeIndexCache(this.cachePath, this.root, this.cacheKey, fromDisk);
  }

  /** Whether `local` in `file` is (or imports) a typed client made by `createIgniterClient(...)`. */
  isClient(resolution: Resolution, file: string, local: string): boolean {
    const client = !!this.resolveBinding(file, local, resolution.factsOf, new Set(), declaresClient);
    // As `instanceOf`: keep the facts of the files parsed on the way.
    if (this.unsaved) this.persist();
    return client;
  }

  /**
   * Loads (or reuses) the facts of one file; `prefilter` skips parsing files with no Igniter text;
   * `overlay` (this file as the caller holds it) stands in for its disk copy when the sizes agree.
   */
  private load(path: string, prefilter: boolean, overlay?: Overlay): Entry | undefined {
    const given = this.texts?.get(path);
    let stat: { mtimeMs: number; size: number };
    if (given !== undefined) {
      // A given text never changes; mtime -1 tells its entry from the disk copy's (from the cache).
      stat = { mtimeMs: -1, size: given.length };
    } else {
      try {
        stat = statSync(path);
      } catch {
        this.entries.delete(path);
        return undefined;
      }
    }
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size && (cached.facts || prefilter)) return cached;
    if (overlay && given === undefined && Buffer.byteLength(overlay.text) === stat.size) return this.loadOverlay(path, stat, prefilter, overlay);
    let text: string;
    try {
      text = given ?? readFileSync(path, 'utf8');
    } catch (error) {
      debug(`index: cannot read ${relative(this.root, path)}`, error);
      return undefined;
    }
    const entry: Entry = { mtimeMs: stat.mtimeMs, size: stat.size };
    // Barrels and maps of controllers carry no Igniter text: they are parsed when an import leads there.
    if (!prefilter || this.candidate.test(text)) {
      try {
        this.parsedFiles++;
        this.unsaved = true;
        entry.facts = extractFacts(new FileModel(parseCompilerSourceFile(text, path), path, this.settings));
      } catch (error) {
        if (rethrowRuleErrors()) throw error;
        debug(`index: cannot analyse ${relative(this.root, path)}`, error);
        entry.facts = emptyFacts();
      }
      entry.hash = hashText(text);
    }
    this.entries.set(path, entry);
    return entry;
  }

  /**
   * The entry of the file being linted, from the facts of the model the caller built: no second parse.
   * When the disk copy is that text (a CLI run, a saved file), the entry is the disk's and goes to the
   * cache; otherwise every run would miss it there and write the whole cache again.
   */
  private loadOverlay(path: string, stat: { mtimeMs: number; size: number }, prefilter: boolean, overlay: Overlay): Entry {
    const entry: Entry = { mtimeMs: stat.mtimeMs, size: stat.size };
    if (!this.cachePath || diskText(path) !== overlay.text) entry.fromOverlay = true;
    if (!prefilter || this.candidate.test(overlay.text)) {
      try {
        entry.facts = overlay.facts();
      } catch (error) {
        if (rethrowRuleErrors()) throw error;
        debug(`index: cannot analyse ${relative(this.root, path)}`, error);
        entry.facts = emptyFacts();
      }
      entry.hash = hashText(overlay.text);
    }
    this.entries.set(path, entry);
    return entry;
  }

  private resolve(overlay?: { path: string; facts: FileFacts }): Resolution {
    const factsOf = (path: string): FileFacts | undefined => {
      if (overlay && path === overlay.path) return overlay.facts;
      const entry = this.entries.get(path);
      return entry?.facts ?? this.load(path, false)?.facts;
    };
    const candidates = overlay && !this.candidates.includes(overlay.path) ? [...this.candidates, overlay.path] : this.candidates;
    const resolution: Resolution = { hasRouter: false, complete: true, routerKeys: new Map(), actionKeys: new Map(), actionKinds: new Map(), actionFiles: new Map(), revalidations: new Map(), factsOf, answers: new Map() };

    for (const path of candidates) {
      for (const revalidation of factsOf(path)?.revalidations ?? []) {
        push(resolution.revalidations, revalidation.key, { fileName: path, line: revalidation.line });
      }
    }

    const routerFiles = this.routerFiles(candidates, factsOf);
    for (const routerFile of routerFiles) {
      for (const router of factsOf(routerFile)?.routers ?? []) {
        resolution.hasRouter = true;
        if (!router.complete) {
          resolution.complete = false;
          debug(`index: the router in ${relative(this.root, routerFile)}:${router.line} builds some controllers dynamically; their keys are unknown`);
        }
        this.addControllerMap(routerFile, router, resolution, factsOf, new Set());
      }
    }
    if (!resolution.hasRouter) debug(`index: no router found under ${this.root}; rules that need action keys stay silent`);
    // Barrels and maps an import led to were parsed on the way: keep their facts for the next run.
    if (this.unsaved) this.persist();
    return resolution;
  }

  /** Records the router keys of a `controllers` map, following maps spread into it across files. */
  private addControllerMap(file: string, map: ControllerMapFacts, resolution: Resolution, factsOf: FactsLookup, visited: Set<string>): void {
    for (const registration of map.registrations) {
      const controller = registration.member
        ? this.resolveImportedMember(file, registration.local!, registration.member, factsOf)
        : this.resolveBinding(file, registration.local!, factsOf, new Set());
      const controllerFacts = controller ? factsOf(controller.file)?.controllers[controller.local] : undefined;
      if (!controller || !controllerFacts) {
        resolution.complete = false;
        debug(`index: cannot follow '${registration.key}' (${relative(this.root, file)}:${registration.line}) to a controller`);
        continue;
      }
      push(resolution.routerKeys, bindingKey(controller), registration.key);
      for (const [name, action] of Object.entries(controllerFacts.actions)) {
        resolution.actionKinds.set(`${registration.key}.${name}`, action);
        resolution.actionFiles.set(`${registration.key}.${name}`, controller.file);
      }
      for (const [name, local] of Object.entries(controllerFacts.actionRefs)) {
        const target = this.resolveBinding(controller.file, local, factsOf, new Set());
        const action = target ? factsOf(target.file)?.actionVariables[target.local] : undefined;
        if (!target || !action) {
          resolution.complete = false;
          debug(`index: cannot follow action '${registration.key}.${name}' to its declaration`);
          continue;
        }
        resolution.actionKinds.set(`${registration.key}.${name}`, action);
        resolution.actionFiles.set(`${registration.key}.${name}`, target.file);
        push(resolution.actionKeys, bindingKey(target), `${registration.key}.${name}`);
      }
    }
    for (const spread of map.spreads) {
      const target = this.resolveBinding(file, spread, factsOf, new Set());
      const nested = target ? factsOf(target.file)?.controllerMaps[target.local] : undefined;
      const visitKey = target ? bindingKey(target) : '';
      if (!target || !nested || visited.has(visitKey)) {
        resolution.complete = false;
        debug(`index: cannot follow the controllers in '${spread}' (${relative(this.root, file)}) to an object of controllers`);
        continue;
      }
      visited.add(visitKey);
      this.addControllerMap(target.file, nested, resolution, factsOf, visited);
    }
  }

  /** The `router` setting, else `igniter.router.ts`, else every file that builds a router. */
  private routerFiles(candidates: readonly string[], factsOf: FactsLookup): string[] {
    if (this.settings.router) {
      const path = isAbsolute(this.settings.router) ? this.settings.router : resolve(this.root, this.settings.router);
      if (factsOf(path)) return [path];
      debug(`index: the router setting names ${path}, which cannot be read`);
      return [];
    }
    const conventional = candidates.filter((path) => basename(path) === 'igniter.router.ts' && (factsOf(path)?.routers.length ?? 0) > 0);
    if (conventional.length > 0) return [conventional.sort((a, b) => a.length - b.length)[0]];
    return candidates.filter((path) => (factsOf(path)?.routers.length ?? 0) > 0);
  }

  /**
   * Where a local name of `file` is declared (by default as a controller, an action variable or a map
   * of controllers; `declares` says what else to look for), through imports.
   */
  private resolveBinding(file: string, local: string, factsOf: FactsLookup, visited: Set<string>, declares: Declares = declaresRouterPart): Binding | undefined {
    const facts = factsOf(file);
    if (!facts) return undefined;
    if (declares(facts, local)) return { file, local };
    const imported = facts.imports[local];
    if (!imported || imported.imported === '*') return undefined;
    const target = this.resolver.resolve(imported.specifier, file);
    if (!target) {
      debug(`index: cannot resolve '${imported.specifier}' imported by ${relative(this.root, file)}`);
      return undefined;
    }
    return this.resolveExport(target, imported.imported, factsOf, visited, declares);
  }

  private resolveImportedMember(file: string, namespace: string, member: string, factsOf: FactsLookup): Binding | undefined {
    const imported = factsOf(file)?.imports[namespace];
    if (!imported || imported.imported !== '*') return undefined;
    const target = this.resolver.resolve(imported.specifier, file);
    return target ? this.resolveExport(target, member, factsOf, new Set()) : undefined;
  }

  /** Follows `export`, `export { x as y } from`, and `export * from` chains; stops on cycles. */
  private resolveExport(file: string, name: string, factsOf: FactsLookup, visited: Set<string>, declares: Declares = declaresRouterPart): Binding | undefined {
    const visitKey = `${file}#${name}`;
    if (visited.has(visitKey)) {
      debug(`index: circular re-export of '${name}' through ${relative(this.root, file)}`);
      return undefined;
    }
    visited.add(visitKey);
    const facts = factsOf(file);
    if (!facts) return undefined;
    const local = facts.exports[name];
    if (local !== undefined) return this.resolveBinding(file, local, factsOf, visited, declares);
    const reexport = facts.reexports[name];
    if (reexport) {
      const target = this.resolver.resolve(reexport.specifier, file);
      return target ? this.resolveExport(target, reexport.imported, factsOf, visited, declares) : undefined;
    }
    if (name === 'default') return undefined;
    for (const specifier of facts.starExports) {
      const target = this.resolver.resolve(specifier, file);
      const found = target ? this.resolveExport(target, name, factsOf, visited, declares) : undefined;
      if (found) return found;
    }
    return undefined;
  }
}

/** Memoizes one answer per resolution: the same question from every file and rule costs one lookup. */
function answer<T>(resolution: Resolution, question: string, compute: () => T): T {
  if (resolution.answers.has(question)) return resolution.answers.get(question) as T;
  const value = compute();
  resolution.answers.set(question, value);
  return value;
}

function toProjectFacts(resolution: Resolution, root: string, index: AppLookups): ProjectFacts {
  return {
    hasRouter: resolution.hasRouter,
    routerComplete: resolution.hasRouter && resolution.complete,
    routerKeysOf: (fileName, local) => resolution.routerKeys.get(bindingKey({ file: resolve(fileName), local })) ?? [],
    actionKeysOf: (fileName, local) => resolution.actionKeys.get(bindingKey({ file: resolve(fileName), local })) ?? [],
    revalidationSitesOf: (actionKey, exceptFile) => {
      const except = exceptFile ? resolve(exceptFile) : undefined;
      return (resolution.revalidations.get(actionKey) ?? [])
        .filter((site) => site.fileName !== except)
        .map((site) => ({ fileName: relative(root, site.fileName), line: site.line }));
    },
    actionKinds: () => resolution.actionKinds,
    instanceOf: (fileName, local) => answer(resolution, `instance\0${resolve(fileName)}\0${local}`, () => index.instanceOf(resolution, resolve(fileName), local)),
    isClient: (fileName, local) => answer(resolution, `client\0${resolve(fileName)}\0${local}`, () => index.isClient(resolution, resolve(fileName), local)),
    dataModel: (tables) => answer(resolution, `data-model\0${JSON.stringify(tables ?? null)}`, () => index.dataModel(resolution, tables)),
  };
}

interface AppLookups {
  dataModel(resolution: Resolution, tables?: OperationTables): DataModel;
  instanceOf(resolution: Resolution, file: string, local: string): AppInstance | undefined;
  isClient(resolution: Resolution, file: string, local: string): boolean;
}

function bindingKey(binding: Binding): string {
  return `${binding.file}\0${binding.local}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

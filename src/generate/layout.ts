/**
 * Where things go in the app: from `igniter-rt.config.json` (`generate` section) when present, else
 * detected (router file, features folder, client file, the instance import and the `@/` alias from
 * tsconfig `paths`). Detection reads a few files; it never guesses silently: what it cannot find is an
 * error naming the config key to set.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { listSourceFiles } from '../analysis/source-files.js';
import { tsMorph, type TsMorph } from '../analysis/morph.js';
import { loadCompilerOptions, findTsconfig } from '../analysis/tsconfig.js';
import { printable } from './names.js';
import { GenerateError, type ProjectLayout, type Tree } from './types.js';
import { CONFIG_FILE } from '../config-file.js';


type LayoutConfig = Partial<Omit<ProjectLayout, 'root' | 'alias'>>;

const KNOWN_KEYS = new Set(['routerFile', 'instanceFile', 'instanceName', 'featuresDir', 'clientFile', 'clientName', 'proceduresDir', 'hooksDir']);
/** Keys whose values generated code uses as identifiers (`import { igniter }`); the others are paths. */
const IDENTIFIER_KEYS = new Set(['instanceName', 'clientName']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The `generate` section of igniter-rt.config.json, validated. */
export function readLayoutConfig(root: string): LayoutConfig {
  const path = join(root, CONFIG_FILE);
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GenerateError(`${CONFIG_FILE} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 2);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new GenerateError(`${CONFIG_FILE} must hold a JSON object.`, 2);
  const section = (parsed as Record<string, unknown>).generate;
  if (section === undefined) return {};
  if (!section || typeof section !== 'object' || Array.isArray(section)) throw new GenerateError(`"generate" in ${CONFIG_FILE} must be an object.`, 2);
  const config: LayoutConfig = {};
  for (const [key, value] of Object.entries(section)) {
    if (!KNOWN_KEYS.has(key)) throw new GenerateError(`Unknown key "generate.${key}" in ${CONFIG_FILE}; known keys: ${[...KNOWN_KEYS].join(', ')}.`, 2);
    if (typeof value !== 'string' || value.length === 0) throw new GenerateError(`"generate.${key}" in ${CONFIG_FILE} must be a non-empty string.`, 2);
    (config as Record<string, string>)[key] = IDENTIFIER_KEYS.has(key) ? checkIdentifier(key, value) : checkProjectPath(key, value);
  }
  return config;
}

function checkIdentifier(key: string, value: string): string {
  if (!IDENTIFIER.test(value)) throw new GenerateError(`"generate.${key}" in ${CONFIG_FILE} must be an identifier (the exported name), got ${printable(value)}.`, 2);
  return value;
}

/** A project-relative path with forward slashes that stays inside the project (`src/features`). */
function checkProjectPath(key: string, value: string): string {
  const path = posix.normalize(value.replace(/\\/g, '/')).replace(/\/$/, '');
  if (/\p{Cc}/u.test(value) || posix.isAbsolute(path) || /^[A-Za-z]:/.test(path) || path === '..' || path.startsWith('../') || path === '.') {
    throw new GenerateError(`"generate.${key}" in ${CONFIG_FILE} must be a path inside the project, relative to its root (e.g. "src/features"); got ${printable(value)}.`, 2);
  }
  return path;
}

export function resolveLayout(root: string): ProjectLayout {
  const config = readLayoutConfig(root);
  const routerFile = config.routerFile ?? detectRouter(root);
  if (!existsSync(join(root, routerFile))) throw new GenerateError(`The router file ${routerFile} does not exist. Set "generate.routerFile" in ${CONFIG_FILE}.`, 2);
  const sourceDir = posix.dirname(routerFile);
  const alias = detectAlias(root);
  const instance = config.instanceFile && config.instanceName ? { file: config.instanceFile, name: config.instanceName } : detectInstance(root, routerFile, alias);
  const instanceFile = config.instanceFile ?? instance.file;
  const instanceName = config.instanceName ?? instance.name;
  const sharedProcedures = posix.join(sourceDir, 'procedures');
  return {
    root,
    routerFile,
    instanceFile,
    instanceName,
    featuresDir: config.featuresDir ?? posix.join(sourceDir, 'features'),
    clientFile: config.clientFile ?? posix.join(sourceDir, 'igniter.client.ts'),
    clientName: config.clientName ?? detectClientName(root, config.clientFile ?? posix.join(sourceDir, 'igniter.client.ts')),
    sourceDir,
    proceduresDir: config.proceduresDir ?? (isDirectory(join(root, sharedProcedures)) ? sharedProcedures : undefined),
    procedureSearchDir: config.proceduresDir ?? sourceDir,
    storeAttached: detectStore(root, instanceFile, instanceName),
    hooksDir: config.hooksDir ?? posix.join(sourceDir, 'hooks'),
    alias,
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether the instance's builder chain calls `.store(...)`: `export const igniter = Igniter.context(...)
 * .store(store).config(...).create()`, also through a builder kept in a local variable of the same file.
 * A chain that does not start at the `Igniter` builder of @igniter-js/core (a factory imported from
 * elsewhere, a file that is not there) is not in view: it counts as attached, so that only an instance
 * really built without a store is refused.
 */
export function detectStore(root: string, instanceFile: string, instanceName: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(root, instanceFile), 'utf8');
  } catch {
    return true;
  }
  const { ts } = tsMorph();
  const source = ts.createSourceFile(instanceFile, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const initializers = new Map<string, TsMorph.ts.Expression>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) initializers.set(declaration.name.text, declaration.initializer);
    }
  }
  const seen = new Set<string>();
  let expression = initializers.get(instanceName);
  seen.add(instanceName);
  while (expression) {
    if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression) || ts.isNonNullExpression(expression)) {
      expression = expression.expression;
    } else if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression)) {
      if (expression.expression.name.text === 'store') return true;
      expression = expression.expression.expression;
    } else if (ts.isIdentifier(expression) && initializers.has(expression.text) && !seen.has(expression.text)) {
      seen.add(expression.text);
      expression = initializers.get(expression.text);
    } else {
      return !(ts.isIdentifier(expression) && expression.text === 'Igniter');
    }
  }
  return true;
}

/**
 * For generators whose output uses the app's store (`igniter.store`, or `igniter.realtime`, which 0.3
 * creates only with a store): refuses an app whose instance has none, naming the fix. Nothing is written.
 */
export function requireStore(layout: ProjectLayout, generator: string): void {
  if (layout.storeAttached) return;
  throw new GenerateError(
    `generate ${generator} needs the app's store (${layout.instanceName}.store, and ${layout.instanceName}.realtime, which @igniter-js/core creates only with a store), ` +
      `but the Igniter instance "${layout.instanceName}" in ${layout.instanceFile} is built without .store(...). ` +
      `Add .store(createRedisStoreAdapter(redis)) to its builder, before .create() (createRedisStoreAdapter from @igniter-js/adapter-redis, redis an ioredis client), ` +
      `or, if the app builds its instance elsewhere, set "generate.instanceFile" and "generate.instanceName" in ${CONFIG_FILE}. Nothing was written.`,
    2,
  );
}

/** `src/igniter.router.ts`, `igniter.router.ts`, else the one file that calls `<x>.router({`. */
function detectRouter(root: string): string {
  for (const candidate of ['src/igniter.router.ts', 'igniter.router.ts', 'src/server/igniter.router.ts']) {
    if (existsSync(join(root, candidate))) return candidate;
  }
  const routers = listSourceFiles(root, { skipNestedProjects: true }).filter((file) => /\.router\s*\(\s*\{/.test(readFileSync(file, 'utf8')));
  if (routers.length === 1) return toPosix(relative(root, routers[0]));
  throw new GenerateError(
    routers.length === 0
      ? `Cannot find the Igniter router in ${root}: no src/igniter.router.ts or igniter.router.ts, and no file calls <instance>.router({ ... }). ` +
          `Run igniter-rt in the app's folder (or pass --cwd <app>), or set "generate.routerFile" in ${CONFIG_FILE}. Nothing was written.`
      : `Found several Igniter routers (${routers.map((file) => toPosix(relative(root, file))).join(', ')}), so the layout is ambiguous. ` +
          `Set "generate.routerFile" in ${CONFIG_FILE} to the one generators should register controllers in. Nothing was written.`,
    2,
  );
}

/** The Igniter instance the router imports: `import { igniter } from '@/igniter'`. */
function detectInstance(root: string, routerFile: string, alias: ProjectLayout['alias']): { file: string; name: string } {
  const text = readFileSync(join(root, routerFile), 'utf8');
  const match = /(\w+)\.router\s*\(/.exec(text);
  const name = match?.[1] ?? 'igniter';
  const importMatch = new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"]([^'"]+)['"]`).exec(text);
  const specifier = importMatch?.[1];
  const routerDir = posix.dirname(routerFile);
  let file = posix.join(routerDir, 'igniter.ts');
  if (specifier?.startsWith('.')) file = posix.join(routerDir, specifier);
  else if (specifier && alias && specifier.startsWith(alias.prefix)) file = posix.join(alias.dir, specifier.slice(alias.prefix.length));
  file = withExtension(root, file);
  if (!existsSync(join(root, file))) {
    throw new GenerateError(`Cannot find the file that exports the Igniter instance "${name}" (looked for ${file}). Set "generate.instanceFile" and "generate.instanceName" in ${CONFIG_FILE}.`, 2);
  }
  return { file, name };
}

/**
 * For generators whose output imports the typed client (`generate hook`): refuses an app without the
 * client file (the Express starter has none: it serves a REST API), naming the fix. Nothing is written.
 */
export function requireClient(tree: Tree, layout: ProjectLayout, generator: string): void {
  if (tree.exists(layout.clientFile)) return;
  throw new GenerateError(
    `generate ${generator} writes React hooks on the app's typed client, but ${layout.clientFile} does not exist. ` +
      `Create it (\`export const ${layout.clientName} = createIgniterClient<AppRouterType>({ ... })\` from @igniter-js/core/client), ` +
      `or set "generate.clientFile" and "generate.clientName" in ${CONFIG_FILE} to the file that exports it. Nothing was written.`,
    2,
  );
}

/** `export const api = createIgniterClient(...)` → `api`. */
function detectClientName(root: string, clientFile: string): string {
  const path = join(root, clientFile);
  if (!existsSync(path)) return 'api';
  return /export\s+const\s+(\w+)\s*=\s*createIgniterClient/.exec(readFileSync(path, 'utf8'))?.[1] ?? 'api';
}

/**
 * An alias `X/*` → `./<dir>/*` in tsconfig `paths` (the `@/*` convention). A tsconfig that does not
 * parse is an error rather than "no alias": imports would silently take another style.
 */
function detectAlias(root: string): ProjectLayout['alias'] {
  const tsconfig = findTsconfig(root);
  if (!tsconfig || dirname(tsconfig) !== root) return undefined;
  const { ts } = tsMorph();
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) {
    const where = read.error.file && read.error.start !== undefined ? read.error.file.getLineAndCharacterOfPosition(read.error.start) : undefined;
    const message = ts.flattenDiagnosticMessageText(read.error.messageText, ' ').replace(/\.$/, '');
    throw new GenerateError(
      `tsconfig.json${where ? `:${where.line + 1}:${where.character + 1}` : ''} does not parse (${message}); generate reads its "paths" to write imports the way the project does. Fix it first. Nothing was written.`,
      2,
    );
  }
  const options = loadCompilerOptions(tsconfig);
  const base = options.baseUrl ?? options.pathsBasePath ?? root;
  for (const [pattern, targets] of Object.entries(options.paths ?? {})) {
    const target = targets[0];
    if (!pattern.endsWith('/*') || !target?.endsWith('/*')) continue;
    const dir = toPosix(relative(root, join(String(base), target.slice(0, -2))));
    if (dir.startsWith('..')) continue;
    return { prefix: pattern.slice(0, -1), dir: dir || '.' };
  }
  return undefined;
}

function withExtension(root: string, file: string): string {
  const stripped = file.replace(/\.(js|ts|tsx)$/, '');
  for (const extension of ['.ts', '.tsx', '/index.ts']) {
    if (existsSync(join(root, stripped + extension))) return stripped + extension;
  }
  return `${stripped}.ts`;
}

/** Module specifier from one project file to another: through the alias when it covers the target. */
export function importPath(layout: ProjectLayout, fromFile: string, toFile: string): string {
  const target = toFile.replace(/\.tsx?$/, '').replace(/\/index$/, '');
  if (layout.alias && (layout.alias.dir === '.' || target.startsWith(`${layout.alias.dir}/`))) {
    return layout.alias.prefix + (layout.alias.dir === '.' ? target : target.slice(layout.alias.dir.length + 1));
  }
  const relativePath = posix.relative(posix.dirname(fromFile), target);
  return relativePath.startsWith('.') ? relativePath : `./${relativePath}`;
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

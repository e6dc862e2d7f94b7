/**
 * The vocabulary of the data-dependency model: what a resource is called (one name for
 * `messages`, `message`, `messageRepository` and `MessageService`), and whether an operation on it
 * reads, writes, or is unknown. The tables are documented in /work/shared/spec/rules.md and in the
 * require-revalidate docs page; settings `readOperations` / `writeOperations` extend them.
 */
import { globToRegExp } from './glob.js';

export type AccessKind = 'read' | 'write' | 'unknown';

/** Operations that read, as `prefix*` (the prefix, then the end of the name or a capital: `findMany`, not `finder`) or exact names. */
export const READ_OPERATIONS = ['find*', 'get*', 'list*', 'count*', 'aggregate', 'groupBy', 'search*', 'exists', 'has'] as const;
/** Operations that write, in the same form. */
export const WRITE_OPERATIONS = [
  'create*',
  'update*',
  'upsert',
  'delete*',
  'remove*',
  'insert*',
  'save',
  'set*',
  'add*',
  'send*',
  'mark*',
  'archive*',
  'restore*',
  'increment',
  'decrement',
] as const;

/** Segments that hold models or services rather than name one: `context.database.user` → `user`. */
const CONTAINERS = new Set(['context', 'ctx', 'database', 'db', 'prisma', 'services', 'service', 'repositories', 'repos', 'repository', 'models', 'model', 'providers', 'client', 'drizzle', 'orm', 'api', 'this']);

/** Names that are never data: the handler's own tools, request data, infrastructure. */
const NOT_RESOURCES = new Set([
  'response',
  'request',
  'realtime',
  'logger',
  'log',
  'console',
  'headers',
  'cookies',
  'env',
  'config',
  'cache',
  'store',
  'query',
  'params',
  'body',
  'raw',
  'signal',
  'plugins',
  'jobs',
  'queue',
  'telemetry',
  'id',
]);

/** Method names of plain JavaScript values: `user.name.toLowerCase()` says nothing about data. */
const BUILTIN_METHODS = new Set([
  'toString',
  'toJSON',
  'valueOf',
  'map',
  'filter',
  'reduce',
  'forEach',
  'some',
  'every',
  'findIndex',
  'includes',
  'indexOf',
  'join',
  'split',
  'slice',
  'splice',
  'push',
  'pop',
  'shift',
  'unshift',
  'concat',
  'flat',
  'flatMap',
  'sort',
  'trim',
  'toLowerCase',
  'toUpperCase',
  'startsWith',
  'endsWith',
  'replace',
  'replaceAll',
  'match',
  'test',
  'then',
  'catch',
  'finally',
  'keys',
  'values',
  'entries',
  'parse',
  'safeParse',
  'toISOString',
  'getTime',
  'bind',
  'call',
  'apply',
]);

const SUFFIX = /(?:Repository|Repositories|Service|Services|Repo|Repos|Store|Dao)$/i;

/**
 * One name per resource: suffixes `Repository`, `Service`, `Repo`, `Store`, `Dao` removed, lower
 * case, plural made singular (`notifications` → `notification`, `categories` → `category`).
 * Empty when nothing is left.
 */
export function normalizeResource(name: string): string {
  let base = name.replace(/^[$_]+/, '');
  const suffix = SUFFIX.exec(base)?.[0];
  if (suffix && suffix.length < base.length) base = base.slice(0, -suffix.length);
  base = base.toLowerCase();
  if (base.length > 3 && base.endsWith('ies')) return `${base.slice(0, -3)}y`;
  if (base.length > 3 && /(?:ss|x|ch|sh)es$/.test(base)) return base.slice(0, -2);
  if (base.length > 2 && base.endsWith('s') && !/(?:ss|us|is)$/.test(base)) return base.slice(0, -1);
  return base;
}

/**
 * The resource a member chain names, from its segments (root first, the operation excluded): the
 * segment right before the operation, unless it is a container of models (`context.database.$transaction`)
 * or not data at all (`request.body`). Undefined when the chain names no resource.
 */
export function resourceOf(segments: readonly string[], operation: string): string | undefined {
  if (segments.length === 0 || BUILTIN_METHODS.has(operation)) return undefined;
  const last = segments[segments.length - 1];
  if (CONTAINERS.has(last) || NOT_RESOURCES.has(last) || last.startsWith('$')) return undefined;
  if (segments.some((segment) => segment === 'response' || segment === 'request' || segment === 'realtime')) return undefined;
  const resource = normalizeResource(last);
  return resource && !NOT_RESOURCES.has(resource) && !CONTAINERS.has(resource) ? resource : undefined;
}

export interface OperationTables {
  /** Extra globs (case-insensitive) of operations that read: `settings.readOperations`. */
  readOperations?: readonly string[];
  /** Extra globs of operations that write: `settings.writeOperations`. */
  writeOperations?: readonly string[];
}

const defaultPatterns = new Map<string, RegExp>();

/** `find*` → the prefix then the end or a capital, digit or `_` (`findMany`, `find`, not `finder`); `has` → exactly `has`. */
function defaultPattern(entry: string): RegExp {
  let pattern = defaultPatterns.get(entry);
  if (!pattern) {
    pattern = entry.endsWith('*') ? new RegExp(`^${entry.slice(0, -1)}(?:$|[A-Z0-9_$])`) : new RegExp(`^${entry}$`);
    defaultPatterns.set(entry, pattern);
  }
  return pattern;
}

/** Read, write or unknown: the settings first (they extend and may override), then the documented tables. */
export function classifyOperation(operation: string, tables: OperationTables = {}): AccessKind {
  if (tables.writeOperations?.some((glob) => globToRegExp(glob).test(operation))) return 'write';
  if (tables.readOperations?.some((glob) => globToRegExp(glob).test(operation))) return 'read';
  if (READ_OPERATIONS.some((entry) => defaultPattern(entry).test(operation))) return 'read';
  if (WRITE_OPERATIONS.some((entry) => defaultPattern(entry).test(operation))) return 'write';
  return 'unknown';
}

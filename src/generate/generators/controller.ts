/**
 * `generate controller <name>`: a feature folder with a realtime-correct CRUD controller, its zod
 * schemas and (with `--data memory`) a repository injected by a procedure, registered in the router.
 *
 * What makes it realtime-correct (and passes the `strict` preset): `list` is `stream: true` and guarded
 * by the `--auth` procedure; every mutation revalidates the stream queries before its terminal call,
 * scoped by `--scope`. The helpers at the end are shared with `generate mutation`.
 */
import { posix } from 'node:path';
import { DEFAULT_SENSITIVE_KEYS } from '../../analysis/private-data.js';
import { matchesAnyGlob } from '../../analysis/glob.js';
import { registerController, sameCode } from '../ast-edits.js';
import { ensureRealtimeRelay } from '../realtime-relay.js';
import { AUTHENTICATION, ensureGuardForPrivateRealtime, guardsPrivateRealtime, SSE_ENTRY_OPTION, sseGuardFiles } from '../realtime-guard.js';
import { requireStore } from '../layout.js';
import { findProcedure } from '../procedures.js';
import { stringLiteral, toNames } from '../names.js';
import { commandLine, readOptions, type OptionTable } from '../options.js';
import { GenerateError, type GeneratorContext, type GeneratorDefinition, type OptionValue, type Tree } from '../types.js';

export const CONTROLLER_ACTIONS = ['list', 'getById', 'create', 'update', 'delete'] as const;
export type ControllerAction = (typeof CONTROLLER_ACTIONS)[number];
export const SCOPES = ['user', 'room', 'tenant', 'none'] as const;
export type Scope = (typeof SCOPES)[number];

/** The controller's options: flags, prompts, `--help`, `--list`, the README, and every default the generator reads. */
const CONTROLLER_OPTIONS = [
  {
    name: 'actions',
    description: '`list` (stream: true, paginated by limit/before), `getById` (queries), `create`, `update`, `delete` (mutations)',
    type: 'list',
    choices: CONTROLLER_ACTIONS,
    default: [...CONTROLLER_ACTIONS],
    prompt: 'Which actions?',
  },
  {
    name: 'scope',
    description: 'Who gets the revalidations: user (`user:<id>`), room (`room:<roomId>`, routes under /:roomId), tenant (`tenant:<tenantId>`), none (everyone; only with a non-authentication procedure such as a rate limit)',
    type: 'string',
    choices: SCOPES,
    default: 'user',
    prompt: 'Scope of the live updates',
  },
  {
    name: 'auth',
    description: 'Procedure in `use` of every action: the exported `<instance>.procedure(...)` of that name anywhere under the source root (or under generate.proceduresDir); it must provide `context.user` for the user and tenant scopes',
    type: 'string',
    format: 'identifier',
    default: 'authProcedure',
    prompt: 'Procedure that authenticates requests (provides context.user)',
  },
  {
    name: 'data',
    description: 'memory: a repository interface with an in-memory implementation, injected by a procedure; prisma: `context.database.<model>`',
    type: 'string',
    choices: ['memory', 'prisma'],
    default: 'memory',
    prompt: 'Data access',
  },
  SSE_ENTRY_OPTION,
  { name: 'force', description: 'Overwrite existing files and replace a conflicting router key', type: 'boolean', default: false },
] as const satisfies OptionTable;

export const controllerGenerator: GeneratorDefinition = {
  name: 'controller',
  description: 'A feature folder: a controller with a live `list` (stream: true), scoped revalidating mutations, zod schemas and a repository; registered in the router.',
  arguments: [{ name: 'name', description: 'Feature name, e.g. note or user-profile (router key: its camelCase form)', prompt: 'Name of the feature', example: 'note' }],
  options: CONTROLLER_OPTIONS,
  example: 'igniter-rt generate controller note --scope user --data memory',
  writes:
    '`src/features/<name>/`: the controller (`list` with `stream: true`, paginated by `limit`/`before`; `getById`, also `stream: true`; `create`, which revalidates the list, and `update`, `delete`, which revalidate the list and `getById`), its zod schemas, and a repository interface with an in-memory implementation injected by a generated procedure (replace it with your database). Registers the controller in the router and installs the realtime relay.',
  run(tree, options, context) {
    generateController(tree, options, context);
  },
};

function generateController(tree: Tree, options: Record<string, OptionValue>, context: GeneratorContext): void {
  const { layout } = context;
  const read = readOptions(CONTROLLER_OPTIONS, options);
  const names = toNames(nameArgument(options), 'controller name');
  const actions = read.list('actions');
  const scope = read.choice('scope');
  const data = read.choice('data');
  const force = read.boolean('force');
  const sseEntry = read.string('sseEntry');
  const has = (action: ControllerAction) => actions.includes(action);
  const mutations = actions.filter((action) => action === 'create' || action === 'update' || action === 'delete');
  // A live list and revalidating mutations go through the realtime service, which 0.3 creates with the store.
  if (has('list') || mutations.length > 0) requireStore(layout, 'controller');

  const key = names.camel;
  const dir = posix.join(layout.featuresDir, names.kebab);
  const files = {
    interfaces: `${dir}/${names.kebab}.interfaces.ts`,
    repository: `${dir}/${names.kebab}.repository.ts`,
    procedure: `${dir}/${names.kebab}.procedure.ts`,
    controller: `${dir}/controllers/${names.kebab}.controller.ts`,
  };
  const extraProcedures = data === 'memory' ? [`${names.camel}RepositoryProcedure`] : [];
  // The live query the mutations revalidate: `list`, else `getById` (then `stream: true` itself). 0.3's
  // `realtime.revalidate` needs a `controller.action` path, so a controller without a query has nothing to revalidate.
  const live: ControllerAction | undefined = has('list') ? 'list' : has('getById') && mutations.length > 0 ? 'getById' : undefined;
  if (!live && mutations.length > 0) {
    throw new GenerateError(
      `--actions ${actions.join(',')} has mutations but no query for them to revalidate (0.3 revalidates \`controller.action\` keys); add list or getById to --actions.`,
      2,
    );
  }
  const guard = resolveGuard(tree, context, read.string('auth', 'procedure'), { scope, key, stream: live !== undefined, extraProcedures, importer: files.controller });

  const scopeInfo = scopeDetails(scope);
  // Private realtime (a scope behind an authenticating procedure) is served behind the SSE guard.
  const guarded = live !== undefined && scope !== 'none' && guardsPrivateRealtime(guard?.name);
  const revalidateKeys = live ? [`${key}.${live}`] : [];
  // An edit or a deletion also changes what `getById` shows (the require-revalidate rule's unread-badge
  // case); a creation cannot (a new item has a new id), so `create` revalidates the live query alone.
  const changeKeys = live === 'list' && has('getById') ? [...revalidateKeys, `${key}.getById`] : revalidateKeys;
  const schemaImports = [
    has('create') && `${names.pascal}CreateBodySchema`,
    has('list') && `${names.pascal}ListQuerySchema`,
    has('update') && `${names.pascal}UpdateBodySchema`,
  ].filter(Boolean);
  const command = commandLine(controllerGenerator, [names.raw], options);
  const shared = {
    ...names,
    command,
    key,
    instanceName: layout.instanceName,
    isMemory: data === 'memory',
    isPrisma: data === 'prisma',
    model: names.camel,
    scope,
    roomParam: scope === 'room',
    partition: scopeInfo.partition
      ? {
          ...scopeInfo.partition,
          // `roomId` or `ownerId: context.user.id`, for object literals.
          where: scopeInfo.partition.field === scopeInfo.partition.value ? scopeInfo.partition.field : `${scopeInfo.partition.field}: ${scopeInfo.partition.value}`,
          pad: ' '.repeat(Math.max(1, 10 - scopeInfo.partition.field.length)),
        }
      : false,
    partitionArg: scopeInfo.partition ? `${scopeInfo.partition.value}, ` : '',
    scopes: scopeInfo.scopes,
    revalidate: live ? revalidateStatement(layout.instanceName, revalidateKeys, scopeInfo.scopes, '    ') : '',
    revalidateChange: live ? revalidateStatement(layout.instanceName, changeKeys, scopeInfo.scopes, '    ') : '',
    getByIdLive: live === 'getById',
    // Revalidated by edits and deletions, so live: `stream: true` (require-stream).
    getByIdStream: live === 'getById' || changeKeys.includes(`${key}.getById`),
    use: [guard && `${guard.name}()`, ...extraProcedures.map((name) => `${name}()`)].filter(Boolean).join(', '),
    listPath: scope === 'room' ? '/:roomId' : '/',
    itemPath: scope === 'room' ? '/:roomId/:id' : '/:id',
    listName: `List ${plural(names.words)}`,
    getByIdName: `Get ${names.words}`,
    createName: `Create ${names.words}`,
    updateName: `Update ${names.words}`,
    deleteName: `Delete ${names.words}`,
    notFound: `${sentence(names.words)} not found`,
  };

  const rendered = actions.map((action) => `    ${action}: ${indent(context.render(`controller/actions/${ACTION_TEMPLATES[action]}.ts.hbs`, shared).trimEnd(), '    ')},`);
  writeGenerated(tree, files.interfaces, context.render('controller/interfaces.ts.hbs', shared), force);
  if (data === 'memory') {
    writeGenerated(tree, files.repository, context.render('controller/repository.ts.hbs', { ...shared, interfacesImport: `./${names.kebab}.interfaces` }), force);
    writeGenerated(
      tree,
      files.procedure,
      context.render('controller/procedure.ts.hbs', { ...shared, instanceImport: context.importPath(files.procedure, layout.instanceFile), repositoryImport: `./${names.kebab}.repository` }),
      force,
    );
  }
  const controller = context.render('controller/controller.ts.hbs', {
    ...shared,
    actions: rendered.join('\n\n'),
    hasList: has('list'),
    hasGetById: has('getById'),
    hasMutations: mutations.length > 0,
    singleMutation: mutations.length === 1,
    mutationList: joinWords(mutations.map((action) => `\`${action}\``)),
    revalidatedKeys: joinWords(changeKeys.map((value) => `\`${value}\``)),
    getByIdRevalidated: changeKeys.length > revalidateKeys.length && has('create'),
    scopeLines: commentLines(scopeInfo.sentence, ' *   '),
    auth: guard ? guard.name : false,
    authImport: guard ? guard.importPath : '',
    authLines: guard ? commentLines(guardSentence(guard.name, scope), ' *   ') : '',
    sseLines: commentLines(sseSentence(context, guarded, sseEntry, scope === 'room' ? 'room' : undefined), ' *   '),
    instanceImport: context.importPath(files.controller, layout.instanceFile),
    schemaImports: schemaImports.join(', '),
    interfacesImport: `../${names.kebab}.interfaces`,
    procedureImport: `../${names.kebab}.procedure`,
    controllerPath: `/${names.kebab}`,
  });
  writeGenerated(tree, files.controller, controller, force);
  const registration = registerController(tree, layout, { key, exportName: `${names.camel}Controller`, file: files.controller }, { force });
  // Listed even when already registered: a re-run shows SKIP for the router.
  if (registration === 'unchanged') tree.write(layout.routerFile, tree.read(layout.routerFile) ?? '');
  if (mutations.length > 0) ensureRealtimeRelay(tree, context, force);
  if (guarded) ensureGuardForPrivateRealtime(tree, context, guard?.name, sseEntry, force);
}

const ACTION_TEMPLATES: Record<ControllerAction, string> = { list: 'list', getById: 'get-by-id', create: 'create', update: 'update', delete: 'delete' };

// ---------------------------------------------------------------------------------------------------
// Shared with `generate mutation`

export interface ScopeDetails {
  /** The id a request's data is partitioned by, and the expression that reads it in a handler. */
  partition?: { field: string; value: string; label: string };
  /** The `scopes` array of the revalidation targets, read in the handler; empty for `none`. */
  scopes: string;
  /** Who refetches, for the header comment. */
  sentence: string;
  /** The scope as the client declares it (`user:<id>`); undefined for `none`. */
  label?: string;
}

export function scopeDetails(scope: Scope): ScopeDetails {
  switch (scope) {
    case 'user':
      return {
        partition: { field: 'ownerId', value: 'context.user.id', label: "owner's user id" },
        scopes: '[`user:${context.user.id}`]',
        label: 'user:<id>',
        sentence: 'scoped to `user:<id>`: only the connections of the signed-in user (all their tabs) refetch.',
      };
    case 'tenant':
      return {
        partition: { field: 'tenantId', value: 'context.user.tenantId', label: "user's tenant id" },
        scopes: '[`tenant:${context.user.tenantId}`]',
        label: 'tenant:<tenantId>',
        sentence: 'scoped to `tenant:<tenantId>`: every connection of the same tenant refetches, no other.',
      };
    case 'room':
      return {
        partition: { field: 'roomId', value: 'roomId', label: 'room id (the `:roomId` route parameter)' },
        scopes: '[`room:${roomId}`]',
        label: 'room:<roomId>',
        sentence:
          'scoped to `room:<roomId>` (the route parameter): only the connections that declared that room refetch. Check room membership in the handlers (or a procedure): as generated, any signed-in user may use any room.',
      };
    case 'none':
      return { scopes: '', sentence: 'unscoped: every connected client refetches, so use it for data that is public.' };
  }
}

/**
 * `await <instance>.realtime.revalidate(...)` for literal `keys` (the lint rules read them), each target
 * with the same `scopes` (none for an empty string). Lines after the first are indented by `indent`.
 */
export function revalidateStatement(instance: string, keys: readonly string[], scopes: string, indent: string): string {
  const target = (key: string) => `{ path: ${stringLiteral(key)}${scopes ? `, scopes: ${scopes}` : ''} }`;
  if (keys.length === 1) return `await ${instance}.realtime.revalidate(${target(keys[0])})`;
  return [`await ${instance}.realtime.revalidate([`, ...keys.map((key) => `${indent}  ${target(key)},`), `${indent}])`].join('\n');
}

export interface Guard {
  name: string;
  importPath: string;
}

/**
 * The `--auth` procedure, checked against what the strict preset requires: a stream needs one
 * (require-stream-auth), `--scope user|tenant` need the user it provides, and `--scope none` (an
 * unscoped revalidation) is refused behind an authentication procedure (no-unscoped-revalidate with
 * requireScopeWhenAuthenticated) and for keys that name private data (its sensitiveKeys).
 */
export function resolveGuard(
  tree: Tree,
  context: GeneratorContext,
  name: string,
  needs: { scope: Scope; key: string; stream: boolean; extraProcedures: string[]; importer: string },
): Guard | undefined {
  if (name === 'none') {
    if (needs.stream) throw new GenerateError('A `stream: true` query needs a procedure that authenticates or rate-limits its SSE connections (require-stream-auth); pass --auth <procedure>.', 2);
    if (needs.scope === 'user' || needs.scope === 'tenant') throw new GenerateError(`--scope ${needs.scope} reads context.user, which the --auth procedure provides; pass --auth <procedure>.`, 2);
  }
  if (needs.scope === 'none') {
    const authenticating = [name, ...needs.extraProcedures].find((procedure) => procedure !== 'none' && AUTHENTICATION.test(procedure));
    if (authenticating) {
      throw new GenerateError(
        `--scope none sends every change to every connected client, which the strict preset refuses behind an authentication procedure (${authenticating}). Pick --scope user|tenant|room, or guard the actions with a rate-limit procedure (--auth <rateLimitProcedure>) for public data.`,
        2,
      );
    }
    if (matchesAnyGlob(needs.key, DEFAULT_SENSITIVE_KEYS)) {
      throw new GenerateError(`"${needs.key}" looks like private data (it matches ${DEFAULT_SENSITIVE_KEYS.filter((glob) => matchesAnyGlob(needs.key, [glob])).join(', ')}); --scope none would send it to everyone. Pick --scope user|tenant|room.`, 2);
    }
  }
  if (name === 'none') return undefined;
  const { file } = findProcedure(tree, context.layout, name, '--auth');
  return { name, importPath: context.importPath(needs.importer, file) };
}

/** What the header says about 0.3's SSE endpoint (`/sse/events`), which runs none of the procedures above. */
export function sseSentence(context: GeneratorContext, guarded: boolean, sseEntry: string, shared?: 'room' | 'document'): string {
  const files = sseGuardFiles(context);
  // The generated policy owns `user:<id>` and `tenant:<id>`: membership of shared scopes is the app's data.
  const membership = shared
    ? ` As generated it owns \`user:<id>\` and \`tenant:<id>\` only: add the ${shared}s a user belongs to there, or the guard refuses the tabs that ask for \`${shared}:<id>\` (403).`
    : '';
  if (guarded && sseEntry !== 'none') {
    return `Guarded: 0.3's SSE endpoint (\`/sse/events\`) runs no procedure, so the app serves its router through \`withRealtimeGuard\` (${files.guard}): a connection without a session gets 401, one asking for a scope the session does not own gets 403. Which scopes a user owns is the policy in ${files.scopes}.${membership}`;
  }
  if (guarded) {
    return `Not wired (--sse-entry none): the SSE guard is in ${files.guard}, but until the file that serves the router wraps it in \`withRealtimeGuard\`, 0.3's SSE endpoint (\`/sse/events\`) runs no procedure and trusts the scopes a client asks for: anyone may receive these revalidations (the keys, not the data). Scope policy: ${files.scopes}.`;
  }
  return "Not protected: 0.3's SSE endpoint (`/sse/events`) runs no procedure and trusts the scopes a client asks for, so anyone may receive these revalidations (the keys, not the data: the refetch runs the procedures above). Revalidations here carry no `data` for that reason.";
}

function guardSentence(name: string, scope: Scope): string {
  if (AUTHENTICATION.test(name)) {
    return scope === 'none'
      ? 'a request without a session gets 401.'
      : 'a request without a session gets 401, and it provides the `context.user` the scope reads.';
  }
  return 'it limits how many requests a client may send (the data is public).';
}

/**
 * Writes a generated file. An existing file with the same code (also after a formatter: white space,
 * semicolons, quotes, trailing commas) is kept as it is (a SKIP); other content is a conflict unless
 * `force`.
 */
export function writeGenerated(tree: Tree, path: string, content: string, force: boolean): void {
  const existing = tree.read(path);
  if (existing !== undefined && sameCode(existing, content)) return tree.write(path, existing);
  if (existing !== undefined && !force) throw new GenerateError(`${path} already exists with other content; use --force to overwrite it.`);
  tree.write(path, content);
}

/** The `<name>` argument, as given (validated by `toNames`). */
export function nameArgument(options: Record<string, OptionValue>): string {
  const value = options.name;
  return typeof value === 'string' ? value : '';
}

/** Lines after the first moved right by `prefix` (blank lines stay empty). */
export function indent(code: string, prefix: string): string {
  return code
    .split('\n')
    .map((line, index) => (index === 0 || line.trim() === '' ? line.trimEnd() : prefix + line))
    .join('\n');
}

/** `text` as comment lines starting with `prefix`, wrapped before 100 columns. */
export function commentLines(text: string, prefix: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  // A code span (`stream: true`) is one word: never broken across lines.
  for (const word of text.match(/`[^`]*`\S*|\S+/g) ?? []) {
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(prefix + line);
  return lines.join('\n');
}

function joinWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function sentence(words: string): string {
  return words[0].toUpperCase() + words.slice(1);
}

/** English plural of the last word, for display names only (`List notes`, `List categories`). */
function plural(words: string): string {
  if (/(s|x|z|ch|sh)$/.test(words)) return `${words}es`;
  if (/[^aeiou]y$/.test(words)) return `${words.slice(0, -1)}ies`;
  return `${words}s`;
}

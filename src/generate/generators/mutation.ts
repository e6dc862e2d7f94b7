/**
 * `generate mutation <name> --controller <key>`: adds one scoped, revalidating mutation to an existing
 * controller's `actions` (an AST edit: the file's formatting and comments stay). It revalidates the
 * controller's current `stream: true` queries by their real keys through `igniter.realtime.revalidate`
 * (relayed to every server instance); a controller without any is a usage error naming the fix.
 */
import { addActions, ensureImports, findController } from '../ast-edits.js';
import { commentText, toNames } from '../names.js';
import { GenerateError, type GeneratorContext, type GeneratorDefinition, type OptionValue, type Tree } from '../types.js';
import { commentLines, nameArgument, resolveGuard, revalidateStatement, scopeDetails, SCOPES } from './controller.js';
import { readOptions, type OptionTable } from '../options.js';
import { requireStore } from '../layout.js';
import { ensureRealtimeRelay } from '../realtime-relay.js';
import { ensureGuardForPrivateRealtime, SSE_ENTRY_OPTION } from '../realtime-guard.js';

const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

const MUTATION_OPTIONS = [
  { name: 'controller', description: 'Router key of the controller to add it to (e.g. note)', type: 'string', suggest: 'controllers', prompt: 'Controller (its key in the router)' },
  {
    name: 'scope',
    description: 'Who gets the revalidation: user (`user:<id>`), room (`room:<roomId>`, needs :roomId in the path), tenant (`tenant:<tenantId>`), none (everyone; only with a non-authentication procedure)',
    type: 'string',
    choices: SCOPES,
    default: 'user',
    prompt: 'Scope of the live update',
  },
  { name: 'auth', description: 'Procedure in `use`: the exported `<instance>.procedure(...)` of that name anywhere under the source root, or under generate.proceduresDir (`none` for no procedure, with --scope none or room)', type: 'string', format: 'identifier', default: 'authProcedure', prompt: 'Procedure that authenticates requests (provides context.user)' },
  { name: 'method', description: 'HTTP method', type: 'string', choices: METHODS, default: 'POST', prompt: 'HTTP method' },
  {
    name: 'path',
    description: 'Path under the controller; empty for `/<kebab-name>` (`/:roomId/<kebab-name>` with --scope room)',
    type: 'string',
    default: '',
    prompt: 'Path under the controller (empty: /<name>)',
  },
  SSE_ENTRY_OPTION,
  { name: 'force', description: 'Replace an existing action of the same key with other code', type: 'boolean', default: false },
] as const satisfies OptionTable;

export const mutationGenerator: GeneratorDefinition = {
  name: 'mutation',
  description: "Adds a scoped mutation to an existing controller that revalidates the controller's stream queries by their real keys.",
  arguments: [{ name: 'name', description: 'Action key of the mutation, e.g. archive or mark-read (camelCased)', prompt: 'Name of the mutation', example: 'archive' }],
  options: MUTATION_OPTIONS,
  example: 'igniter-rt generate mutation archive --controller note --method PATCH',
  writes:
    'a new action in that controller\'s `actions`, added by an AST edit that keeps the file\'s formatting and comments; it revalidates the controller\'s stream queries by their real keys, scoped.',
  run(tree, options, context) {
    generateMutation(tree, options, context);
  },
};

function generateMutation(tree: Tree, options: Record<string, OptionValue>, context: GeneratorContext): void {
  requireStore(context.layout, 'mutation');
  const read = readOptions(MUTATION_OPTIONS, options);
  const names = toNames(nameArgument(options), 'mutation name');
  const controllerKey = read.string('controller', 'controller key');
  const scope = read.choice('scope');
  const method = read.choice('method');
  // The table's default is empty: the path follows the name (and the room parameter).
  const path = read.string('path') || (scope === 'room' ? `/:roomId/${names.kebab}` : `/${names.kebab}`);
  const sseEntry = read.string('sseEntry');
  if (!/^\/[A-Za-z0-9/:_.-]*$/.test(path) || path.includes('//')) {
    throw new GenerateError(`--path "${path}" is not a route path; use something like /${names.kebab} or /:id/${names.kebab}.`, 2);
  }
  if (scope === 'room' && !/(^|\/):roomId(\/|$)/.test(path)) {
    throw new GenerateError(`--scope room scopes to the :roomId route parameter, which --path "${path}" lacks; e.g. --path /:roomId/${names.kebab}.`, 2);
  }

  const info = findController(tree, context.layout, controllerKey);
  const streams = info.actions.filter((action) => action.kind === 'query' && action.stream).map((action) => `${info.key}.${action.key}`);
  if (streams.length === 0) {
    // 0.3's realtime.revalidate takes `controller.action` paths only (a controller key alone is dropped).
    throw new GenerateError(
      `The controller "${info.key}" (${info.file}) has no stream query for the mutation to revalidate. Mark the query a screen shows live with \`stream: true\` (or add one: igniter-rt generate stream <name> --controller ${info.key}), then run this again.`,
      2,
    );
  }
  const guard = resolveGuard(tree, context, read.string('auth', 'procedure'), { scope, key: info.key, stream: false, extraProcedures: [], importer: info.file });
  const details = scopeDetails(scope);
  const text = tree.read(info.file) ?? '';
  const instanceName = new RegExp(`\\b${info.exportName}\\s*=\\s*([A-Za-z_$][\\w$]*)\\.controller\\s*\\(`).exec(text)?.[1] ?? context.layout.instanceName;
  const who = details.label ? `on the clients in scope \`${details.label}\`` : 'on every connected client';
  // Keys come from the project's files (a quoted key may hold anything): comments and literals escape them.
  const comment = commentText(
    `Refetches ${streams.join(', ')} (the controller's stream queries) ${who}, on every server instance (relayRealtime), before the response.`,
  );

  const code = context.render('mutation/mutation.ts.hbs', {
    ...names,
    name: names.words[0].toUpperCase() + names.words.slice(1),
    instanceName,
    method,
    path,
    hasBody: method !== 'DELETE',
    roomParam: scope === 'room',
    use: guard ? `${guard.name}()` : '',
    revalidate: revalidateStatement(instanceName, streams, details.scopes, '    '),
    usesContext: details.scopes.includes('context.'),
    revalidateComment: commentLines(comment, '    // '),
    terminal: method === 'DELETE' ? 'noContent()' : 'success({ ok: true })',
  });
  addActions(tree, info.file, info.exportName, [{ key: names.camel, code: code.trimEnd() }], { force: read.boolean('force') });
  ensureImports(tree, info.file, [
    ...(method !== 'DELETE' ? [{ from: 'zod', names: ['z'] }] : []),
    ...(guard ? [{ from: guard.importPath, names: [guard.name] }] : []),
  ]);
  // Listed even when nothing changed: a re-run shows SKIP for the controller file.
  tree.write(info.file, tree.read(info.file) ?? '');
  ensureRealtimeRelay(tree, context, read.boolean('force'));
  if (scope !== 'none') ensureGuardForPrivateRealtime(tree, context, guard?.name, sseEntry, read.boolean('force'));
}

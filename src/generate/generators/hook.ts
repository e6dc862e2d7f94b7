/**
 * `generate hook <controller>`: React client hooks for a registered controller, typed through the
 * app's client (`createIgniterClient`):
 *
 * - a live hook per `stream: true` query: `useQuery` only (it refetches when the server revalidates the
 *   query for one of the tab's scopes), never `useRealtime` (0.3 derives channel ids from it that the
 *   server never registers, which breaks the tab's one SSE connection);
 * - presence and typing streams (a query at `P` with mutations at `P/join`, `P/heartbeat`, `P/leave`, or
 *   `P/start`, `P/stop`, as `generate stream` writes them) get what the client owes them: join,
 *   heartbeat and leave (also on `pagehide`, with `keepalive`), or throttled start/stop, with cleanup;
 * - a hook per mutation, with an optional optimistic update of a live hook's data, rolled back on error.
 *
 * The 0.3 client has no query cache API (`setQueryData`), so optimistic state lives in React state in
 * the live hooks; the generated file's header says how each part maps onto @igniter-js/core 0.3 and
 * what the app passes to IgniterProvider (`getScopes`). Writes `<hooksDir>/use-<kebab key>.ts`.
 */
import { requireClient } from '../layout.js';
import { findController, type ControllerInfo } from '../ast-edits.js';
import { commentText, stringLiteral, toNames } from '../names.js';
import { GenerateError, type GeneratorContext, type GeneratorDefinition, type OptionValue, type Tree } from '../types.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export const hookGenerator: GeneratorDefinition = {
  name: 'hook',
  description: 'React hooks for a controller: live queries (useQuery, refetched on revalidation; presence and typing keep themselves up), mutations with optimistic updates',
  arguments: [{ name: 'controller', description: 'Router key of the controller (as in igniter.router({ controllers }))', prompt: 'Which controller (router key)?', example: 'message', suggest: 'controllers' }],
  options: [],
  example: 'igniter-rt generate hook message',
  writes:
    '`src/hooks/use-<controller>.ts`: a live hook per stream query (`useQuery`, refetched on revalidation, with optimistic updates), a hook per mutation with an optional optimistic update and rollback; presence and typing hooks that join, beat and leave (also when the tab closes). Typed through the app\'s `createIgniterClient` client.',
  run(tree: Tree, options: Record<string, OptionValue>, context: GeneratorContext): void {
    const input = typeof options.controller === 'string' ? options.controller.trim() : '';
    if (!input) throw new GenerateError('Missing the controller: pass its router key, e.g. `igniter-rt generate hook message`.', 2);
    const controller = lookupController(tree, context, input);
    const { layout } = context;
    requireClient(tree, layout, 'hook');

    const streams = controller.actions.filter((action) => action.kind === 'query' && action.stream);
    const mutations = controller.actions.filter((action) => action.kind === 'mutation');
    const plainQueries = controller.actions.filter((action) => action.kind === 'query' && !action.stream);
    if (streams.length === 0 && mutations.length === 0) {
      throw new GenerateError(
        `The controller "${controller.key}" (${controller.file}) has no stream query and no mutation, so there is no hook to generate. ` +
          `Add \`stream: true\` to a query (or generate a stream: igniter-rt generate stream <name> --controller ${controller.key}).`,
        2,
      );
    }

    const words = splitWords(controller.key);
    const pascal = pascalCase(words);
    const camel = pascal[0].toLowerCase() + pascal.slice(1);
    const file = `${layout.hooksDir}/use-${words.join('-')}.ts`;
    const controllerRef = `${layout.clientName}${member(controller.key)}`;
    const used = new Set<string>();
    const entry = (action: ControllerInfo['actions'][number]) => {
      const typeName = unique(`${pascal}${pascalCase(splitWords(action.key))}`, used);
      const typeOf = (member: string) => typeQuery(layout.clientName, [controller.key, action.key, member]);
      return {
        key: action.key,
        path: commentText(`${controller.key}.${action.key}`),
        ref: `${controllerRef}${member(action.key)}`,
        typeName,
        hook: `use${typeName}`,
        useQueryType: typeOf('useQuery'),
        mutateType: typeOf('mutate'),
      };
    };

    const mutationAt = (path: string | undefined) => (path === undefined ? undefined : mutations.find((action) => action.path === path));
    const companions = (stream: ControllerInfo['actions'][number], suffixes: readonly string[]) => {
      const found = suffixes.map((suffix) => mutationAt(stream.path && `${stream.path}/${suffix}`));
      return found.every(Boolean) ? Object.fromEntries(suffixes.map((suffix, index) => [suffix, `${controllerRef}${member(found[index]!.key)}`])) : false;
    };
    const streamEntries = streams.map((action) => {
      const presence = companions(action, ['join', 'heartbeat', 'leave']);
      const typing = presence ? false : companions(action, ['start', 'stop']);
      return { ...entry(action), presence, typing, needsParams: Boolean(presence || typing) };
    });
    const hasPresence = streamEntries.some((stream) => stream.presence);
    const hasTyping = streamEntries.some((stream) => stream.typing);
    const reactImports = ['useCallback', hasPresence || hasTyping ? 'useEffect' : '', hasTyping ? 'useRef' : '', streams.length > 0 ? 'useState' : ''].filter(Boolean);

    const content = context.render('hook/hook.ts.hbs', {
      controllerKey: commentText(controller.key),
      controllerFile: commentText(controller.file),
      clientName: layout.clientName,
      clientFile: commentText(layout.clientFile),
      clientImport: context.importPath(file, layout.clientFile),
      pascal,
      camel,
      hasStreams: streams.length > 0,
      hasMutations: mutations.length > 0,
      streams: streamEntries,
      hasPresence,
      hasTyping,
      hasKeepalive: hasPresence || hasTyping,
      reactImports: reactImports.join(', '),
      mutations: mutations.map(entry),
      plainQueries: plainQueries.map((action) => ({ key: action.key, ref: commentText(`${controllerRef}${member(action.key)}`) })),
    });
    const existing = tree.read(file);
    if (existing !== undefined && existing !== content && options.force !== true) {
      throw new GenerateError(`${file} already exists with different content. Use --force to overwrite it.`);
    }
    tree.write(file, content);
  },
};

/** The controller registered under `input`, or under its camelCase form (`user-profile` → `userProfile`). */
function lookupController(tree: Tree, context: GeneratorContext, input: string): ControllerInfo {
  try {
    return findController(tree, context.layout, input);
  } catch (error) {
    let camel: string | undefined;
    try {
      camel = toNames(input, 'controller').camel;
    } catch {
      camel = undefined;
    }
    if (camel === undefined || camel === input || !(error instanceof GenerateError) || error.exitCode !== 2) throw error;
    try {
      return findController(tree, context.layout, camel);
    } catch {
      throw error;
    }
  }
}

/** `getById` → get, by, id; `user-profile` / `user_profile` → user, profile. Keeps ASCII letters and digits. */
function splitWords(key: string): string[] {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  return words.length > 0 ? words : ['action'];
}

function pascalCase(words: readonly string[]): string {
  const joined = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  return /^[0-9]/.test(joined) ? `X${joined}` : joined;
}

/** `.key`, or `['key']` for a key that is not an identifier. */
function member(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${stringLiteral(key)}]`;
}

/** `typeof api.todo.list.useQuery`, or `(typeof api)['todo-x']['list']['useQuery']` when a key is not an identifier. */
function typeQuery(clientName: string, path: readonly string[]): string {
  if (path.every((key) => IDENTIFIER.test(key))) return `typeof ${[clientName, ...path].join('.')}`;
  return `(typeof ${clientName})${path.map((key) => `[${stringLiteral(key)}]`).join('')}`;
}

function unique(name: string, used: Set<string>): string {
  let candidate = name;
  for (let index = 2; used.has(candidate); index++) candidate = `${name}${index}`;
  used.add(candidate);
  return candidate;
}

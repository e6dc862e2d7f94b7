/**
 * `generate stream <name> --controller <key> --kind typing|presence|notifications|feed|collab`: adds to a
 * registered controller a `stream: true` query named `<name>` and the mutations that feed it, scoped, on
 * what @igniter-js/core 0.3 really does (docs/realtime-0.3.md):
 *
 * - the Igniter.js realtime guide's per-connection API (`realtime.send`, `realtime.onDisconnect`) has no
 *   equivalent in 0.3 (one SSE connection per tab carries every live query), so the stream query reads
 *   state and returns it, subscribing to nothing per request; presence and typing are TTL keys;
 * - every change is a scoped revalidation of the stream query through `igniter.realtime.revalidate`,
 *   which the generated relay delivers to every server instance; the store is `igniter.store`;
 * - every stream is partitioned by one path param (`roomId`, `tenantId`, `userId`, `docId`) and checked
 *   against the signed-in user; revalidations name the real `<controller>.<name>` key with that scope.
 *
 * Writes `<feature>/<kebab>.stream.ts` (types, schemas, storage helpers, and a header saying how it maps
 * to the guide), the shared helpers `<src>/lib/igniter-rt/{ephemeral-set,realtime-relay}.ts` once, the
 * actions into the controller (AST edit) and `relayRealtime(igniter)` into the instance file. Re-running
 * the same command changes nothing; the same name with another kind conflicts unless `--force`, which
 * also drops the other kind's mutations.
 */
import { posix } from 'node:path';
import { tsMorph } from '../../analysis/morph.js';
import { addActions, ensureImports, findController, sameCode, type ControllerInfo, type ImportSpec } from '../ast-edits.js';
import { toNames } from '../names.js';
import { ensureRealtimeRelay, libDir, writeLib } from '../realtime-relay.js';
import { ensureGuardForPrivateRealtime, guardsPrivateRealtime, SSE_ENTRY_OPTION } from '../realtime-guard.js';
import { commentLines, sseSentence } from './controller.js';
import { requireStore } from '../layout.js';
import { findProcedure } from '../procedures.js';
import { STREAM_GUARD_PATTERN } from './procedure.js';
import { readOptions, type OptionTable } from '../options.js';
import { GenerateError, type GeneratorContext, type GeneratorDefinition, type Names, type OptionValue, type Tree } from '../types.js';

export const STREAM_KINDS = ['typing', 'presence', 'notifications', 'feed', 'collab'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

export const STREAM_SCOPES = ['auto', 'user', 'room', 'tenant'] as const;
type ScopeName = 'user' | 'room' | 'tenant' | 'document';

interface Scope {
  name: ScopeName;
  /** The path param that partitions the stream. */
  param: string;
  /** Prefix of the revalidation scope and of store keys (`room:<id>`). */
  prefix: string;
  /** Message of the 403 answer. */
  denied: string;
}

const SCOPES: Record<ScopeName, Scope> = {
  user: { name: 'user', param: 'userId', prefix: 'user', denied: 'This stream belongs to another user' },
  room: { name: 'room', param: 'roomId', prefix: 'room', denied: 'Not a member of this room' },
  tenant: { name: 'tenant', param: 'tenantId', prefix: 'tenant', denied: 'Not a member of this tenant' },
  document: { name: 'document', param: 'docId', prefix: 'document', denied: 'No access to this document' },
};

/** The scopes each kind can be partitioned by; the first is the default (`--scope auto`). */
const KIND_SCOPES: Record<StreamKind, readonly ScopeName[]> = {
  typing: ['room', 'tenant'],
  presence: ['room', 'tenant'],
  notifications: ['user'],
  feed: ['room', 'tenant', 'user'],
  collab: ['document'],
};

/** The kinds whose state is a set of TTL keys (lib/igniter-rt/ephemeral-set.ts). */
const EPHEMERAL_KINDS: readonly StreamKind[] = ['typing', 'presence'];


const STREAM_OPTIONS = [
  { name: 'controller', description: 'Router key of the controller to add the stream to', type: 'string', format: 'router-key', suggest: 'controllers', prompt: 'Which controller (router key)?' },
  { name: 'kind', description: 'What the stream carries', type: 'string', choices: STREAM_KINDS, prompt: 'Which kind of stream?' },
  {
    name: 'scope',
    description: 'Who shares the stream: auto = room for typing, presence and feed; user for notifications; the document for collab',
    type: 'string',
    choices: STREAM_SCOPES,
    default: 'auto',
    prompt: 'Scope of the stream',
  },
  {
    name: 'auth',
    description: `Procedure that authenticates the stream and provides context.user (imported by the controller, else the exported <instance>.procedure(...) of that name anywhere under the source root, or under generate.proceduresDir)`,
    type: 'string',
    format: 'identifier',
    default: 'authProcedure',
    prompt: 'Auth procedure',
  },
  SSE_ENTRY_OPTION,
] as const satisfies OptionTable;

export const streamGenerator: GeneratorDefinition = {
  name: 'stream',
  description: 'A stream query and the mutations that feed it (typing, presence, notifications, feed, collab), scoped, with cleanup',
  arguments: [{ name: 'name', description: 'Name of the stream query (its key in the controller\'s actions)', prompt: 'Stream name', example: 'typing' }],
  options: STREAM_OPTIONS,
  example: 'igniter-rt generate stream typing --controller message --kind typing --scope room',
  writes:
    '`<name>.stream.ts` next to the controller, the stream query and the mutations that feed it. Kinds: `typing`, `presence` (join, heartbeat, leave), `notifications`, `feed`, `collab` (versioned edits with conflicts). State lives in the store with TTLs; the query subscribes to nothing.',
  run(tree: Tree, options: Record<string, OptionValue>, context: GeneratorContext): void {
    const read = readOptions(STREAM_OPTIONS, options);
    const names = toNames(readString(options.name, 'the stream name (e.g. `igniter-rt generate stream typing`)'), 'stream name');
    const kind = read.choice('kind');
    const scope = scopeOf(kind, read.choice('scope'));
    // The key is written into strings, template literals and comments of the stream's code (format: router-key).
    const controllerKey = read.string('controller', 'controller key');
    const force = options.force === true;
    const sseEntry = read.string('sseEntry');
    const { layout } = context;
    requireStore(layout, 'stream');

    const controller = findController(tree, layout, controllerKey);
    const auth = resolveAuth(tree, context, controller.file, read.string('auth', 'auth procedure'));
    const actions = actionNames(kind, names);
    assertDistinct(actions, kind);

    const streamFile = posix.join(featureDir(controller.file), `${names.kebab}.stream.ts`);
    const ns = `${names.camel}Stream`;
    const key = `${controller.key}.${names.camel}`;

    const data = {
      kind,
      command: commandLine(names, controller.key, kind, scope, auth.name === read.defaultOf('auth') ? undefined : auth.name, sseEntry === read.defaultOf('sseEntry') ? undefined : sseEntry),
      // Every stream scope is private (user, room, tenant, document): the SSE guard serves them.
      sseLines: commentLines(
        sseSentence(context, guardsPrivateRealtime(auth.name), sseEntry, scope.name === 'room' || scope.name === 'document' ? scope.name : undefined),
        ' * ',
      ),
      name: names,
      /** `name` of the stream query: the words, capitalised (`Typing`). */
      label: names.words[0].toUpperCase() + names.words.slice(1),
      key,
      ns,
      controllerKey: controller.key,
      instance: layout.instanceName,
      auth: auth.name,
      scope,
      actions,
      streamFileName: posix.basename(streamFile),
      imports: {
        ephemeralSet: context.importPath(streamFile, posix.join(libDir(context), 'ephemeral-set.ts')),
      },
    };

    // Shared helpers: written once (the same content again is a SKIP); an edited copy is kept unless --force.
    if (EPHEMERAL_KINDS.includes(kind)) writeLib(tree, context, 'ephemeral-set.ts', force);

    // The stream's own file: the same content again is a SKIP; other content conflicts unless --force.
    const streamContent = context.render(`stream/${kind}/stream.ts.hbs`, data);
    const previous = tree.read(streamFile);
    const unchanged = previous !== undefined && sameCode(previous, streamContent);
    if (previous !== undefined && !unchanged && !force) {
      const previousKind = kindOf(previous);
      throw new GenerateError(
        previousKind && previousKind !== kind
          ? `${streamFile} already holds the ${previousKind} stream "${names.camel}" of ${controller.key}; generating it as ${kind} would replace it. Use --force to replace it (its ${previousKind} mutations are removed), or pick another name.`
          : `${streamFile} already exists with different content. Use --force to overwrite it.`,
      );
    }

    const code = splitActions(context.render(`stream/${kind}/actions.ts.hbs`, data));
    const generatedKeys = new Set(code.map((action) => action.key));
    const wanted = new Set(Object.values(actions));
    if (generatedKeys.size !== wanted.size || [...wanted].some((action) => !generatedKeys.has(action))) {
      throw new GenerateError(`The template stream/${kind}/actions.ts.hbs must define exactly the actions ${[...wanted].join(', ')}; it defines ${[...generatedKeys].join(', ') || 'none'}.`);
    }

    // The same code reformatted (white space, semicolons, quotes) is kept as it is: a SKIP.
    tree.write(streamFile, unchanged ? previous : streamContent);
    // --force over a stream of another kind: its mutations that this kind does not have go too.
    const previousKind = previous !== undefined ? kindOf(previous) : undefined;
    if (force && previousKind && previousKind !== kind) {
      const stale = Object.values(actionNames(previousKind, names)).filter((action) => !wanted.has(action));
      removeActions(tree, controller, stale, ns);
    }
    // An action of the same key with other code conflicts unless --force (the whole run then aborts).
    try {
      addActions(tree, controller.file, controller.exportName, code, { force });
    } catch (error) {
      if (!(error instanceof GenerateError) || !/already has an action/.test(error.message)) throw error;
      throw new GenerateError(
        `${error.message} A ${kind} stream adds the actions ${[...wanted].join(', ')}: generate it into another controller (or under another name), or pass --force to replace them.`,
        error.exitCode,
      );
    }

    const imports: ImportSpec[] = [{ from: context.importPath(controller.file, layout.instanceFile), names: [layout.instanceName] }];
    if (auth.from) imports.push({ from: auth.from, names: [auth.name] });
    imports.push({ from: context.importPath(controller.file, streamFile), names: [ns] });
    ensureImports(tree, controller.file, imports);
    ensureRealtimeRelay(tree, context, force);
    ensureGuardForPrivateRealtime(tree, context, auth.name, sseEntry, force);
  },
};

// ---------------------------------------------------------------------------------------------------
// Options

function readString(value: OptionValue | undefined, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new GenerateError(`Missing ${what}.`, 2);
  return value.trim();
}

/** The scope a kind is partitioned by: `auto` is the kind's first, any other must fit the kind. */
function scopeOf(kind: StreamKind, given: (typeof STREAM_SCOPES)[number]): Scope {
  const allowed = KIND_SCOPES[kind];
  if (given === 'auto') return SCOPES[allowed[0]];
  if (!allowed.includes(given as ScopeName)) {
    const why =
      kind === 'collab'
        ? 'a collab stream is scoped by its document (docId); leave --scope out'
        : `a ${kind} stream can be scoped by ${allowed.join(' or ')}`;
    throw new GenerateError(`--scope ${given} does not fit --kind ${kind}: ${why}.`, 2);
  }
  return SCOPES[given as ScopeName];
}

/** The keys of the actions a kind adds (the stream query first). */
function actionNames(kind: StreamKind, names: Names): Record<string, string> {
  switch (kind) {
    case 'typing':
      return { stream: names.camel, start: `start${names.pascal}`, stop: `stop${names.pascal}` };
    case 'presence':
      return { stream: names.camel, join: 'join', heartbeat: 'heartbeat', leave: 'leave' };
    case 'notifications':
      return { stream: names.camel, markRead: 'markRead' };
    case 'feed':
      return { stream: names.camel, post: 'post' };
    case 'collab':
      return { stream: names.camel, applyChange: 'applyChange' };
  }
}

function assertDistinct(actions: Record<string, string>, kind: StreamKind): void {
  const keys = Object.values(actions);
  const twice = keys.find((key, index) => keys.indexOf(key) !== index);
  if (twice) throw new GenerateError(`A ${kind} stream named "${twice}" would share its key with its own mutation "${twice}"; pick another name.`, 2);
}

/**
 * The command that generated a stream file, written in its header (and read back by `kindOf`): the
 * controller, the kind and the resolved scope always; `auth` and `sse-entry` only when not the default.
 */
function commandLine(names: Names, controllerKey: string, kind: StreamKind, scope: Scope, auth: string | undefined, sseEntry: string | undefined): string {
  const scopeFlag = kind === 'collab' ? '' : ` --scope ${scope.name}`;
  const authFlag = auth === undefined ? '' : ` --auth ${auth}`;
  const entryFlag = sseEntry === undefined ? '' : ` --sse-entry ${sseEntry}`;
  return `igniter-rt generate stream ${names.kebab} --controller ${controllerKey} --kind ${kind}${scopeFlag}${authFlag}${entryFlag}`;
}

function kindOf(streamFile: string): StreamKind | undefined {
  const match = /igniter-rt generate stream \S+ --controller \S+ --kind (\w+)/.exec(streamFile.slice(0, 2000));
  return match && (STREAM_KINDS as readonly string[]).includes(match[1]) ? (match[1] as StreamKind) : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Project lookups

/** `src/features/chat/controllers/chat.controller.ts` → `src/features/chat` (else the controller's folder). */
function featureDir(controllerFile: string): string {
  const dir = posix.dirname(controllerFile);
  return posix.basename(dir) === 'controllers' ? posix.dirname(dir) : dir;
}

/**
 * The auth procedure: already imported (or declared) by the controller file → used as is; else the file
 * under the source root that exports it (see procedures.ts). Its name must read as a guard to
 * require-stream-auth (the strict preset), and it must provide `context.user` (the type check says so
 * if it does not).
 */
function resolveAuth(tree: Tree, context: GeneratorContext, controllerFile: string, name: string): { name: string; from?: string } {
  if (!new RegExp(STREAM_GUARD_PATTERN, 'i').test(name)) {
    throw new GenerateError(
      `--auth ${name}: igniter-rt/require-stream-auth (strict preset) does not recognise it as guarding a stream; its name must contain auth, session, protect, guard or admin. ` +
        `Rename it, or create one with \`igniter-rt generate procedure auth <name>\`.`,
      2,
    );
  }
  const text = tree.read(controllerFile) ?? '';
  if (importsName(text, name) || new RegExp(`\\b(const|let|var|function)\\s+${name.replace(/\$/g, '\\$')}\\b`).test(text)) return { name };
  const exporter = findProcedure(tree, context.layout, name, '--auth');
  return { name, from: context.importPath(controllerFile, exporter.file) };
}

function importsName(text: string, name: string): boolean {
  for (const match of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"][^'"]+['"]/g)) {
    const bound = match[1].split(',').map((part) => part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).at(-1)?.trim());
    if (bound.includes(name)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Controller edits

/**
 * The rendered actions template (`key: igniter.query({...}),` entries at column 0, separated by blank
 * lines) as `{ key, code }` entries for `addActions`.
 */
export function splitActions(rendered: string): { key: string; code: string }[] {
  const actions: { key: string; code: string }[] = [];
  const lines = rendered.replace(/\r\n/g, '\n').split('\n');
  let current: { key: string; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const code = current.lines.join('\n').trimEnd().replace(/,$/, '');
    actions.push({ key: current.key, code });
    current = undefined;
  };
  for (const line of lines) {
    const start = /^([A-Za-z_$][\w$]*):\s(.*)$/.exec(line);
    if (start) {
      flush();
      current = { key: start[1], lines: [start[2]] };
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() !== '') {
      throw new GenerateError(`An actions template must start with \`<key>: ...\` at column 0; found "${line.trim()}".`);
    }
  }
  flush();
  return actions;
}

/** Removes the given actions of the controller when their code uses the stream's helpers (`<ns>.`). */
function removeActions(tree: Tree, controller: ControllerInfo, keys: readonly string[], ns: string): void {
  if (keys.length === 0) return;
  let text = tree.read(controller.file);
  if (text === undefined) return;
  for (const key of keys) {
    const span = actionSpan(text, controller.exportName, key);
    if (!span || !text.slice(span.start, span.end).includes(`${ns}.`)) continue;
    text = text.slice(0, span.start) + text.slice(span.end);
  }
  tree.write(controller.file, text);
}

/** The text span of `key: ...,` in the controller's `actions`, from its line start to its trailing comma's line end. */
function actionSpan(text: string, exportName: string, key: string): { start: number; end: number } | undefined {
  // Parsed with ts-morph through the shared loader, so the positions follow the real syntax.
  const { Project, Node, SyntaxKind } = tsMorph();
  const source = new Project({ useInMemoryFileSystem: true }).createSourceFile('/controller.ts', text);
  const call = source.getVariableDeclaration(exportName)?.getInitializerIfKind(SyntaxKind.CallExpression);
  const config = call?.getArguments()[0];
  if (!config || !Node.isObjectLiteralExpression(config)) return undefined;
  const actions = config.getProperty('actions');
  const object = actions && Node.isPropertyAssignment(actions) ? actions.getInitializer() : undefined;
  if (!object || !Node.isObjectLiteralExpression(object)) return undefined;
  const property = object.getProperty(key);
  if (!property) return undefined;
  let start = lineStart(text, property.getStart());
  // Leading comments go with the entry.
  const comments = property.getLeadingCommentRanges();
  if (comments.length > 0) start = Math.min(start, lineStart(text, comments[0].getPos()));
  let end = property.getEnd();
  const after = /^[ \t]*,?[ \t]*(\/\/[^\n]*)?\n?/.exec(text.slice(end));
  if (after) end += after[0].length;
  // Keep one blank line between the neighbours, none before the closing brace.
  const blankBefore = /\n[ \t]*\n$/.test(text.slice(0, start));
  if (blankBefore && /^([ \t]*\n|[ \t]*\})/.test(text.slice(end))) start = text.slice(0, start).replace(/[ \t]*\n$/, '').length;
  return { start, end };
}

function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', position - 1) + 1;
}

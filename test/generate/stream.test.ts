/**
 * `generate stream <name> --controller <key> --kind typing|presence|notifications|feed|collab` against
 * fresh copies of the fixture app: every kind and scope type-checks against @igniter-js/core 0.3.40 and
 * passes the `strict` preset with zero findings, re-running changes nothing, an unknown controller is a
 * usage error naming the registered keys, the same name with another kind conflicts unless --force, and
 * the generated handlers behave as their headers say when a real 0.3.40 router runs them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controllerGenerator } from '../../src/generate/generators/controller.js';
import { procedureGenerator } from '../../src/generate/generators/procedure.js';
import { GENERATORS } from '../../src/generate/generators/index.js';
import { splitActions, STREAM_KINDS, streamGenerator } from '../../src/generate/generators/stream.js';
import { runGenerator } from '../../src/generate/run.js';
import { failure, lintStrict, openEvents, typecheck, until, type EventStream } from './support.js';
import { GenerateError, type OptionValue } from '../../src/generate/types.js';

const REPO = join(import.meta.dirname, '..', '..');
const FIXTURE = join(REPO, 'test', 'fixtures', 'generator-app');

let temp: string;

beforeAll(() => {
  temp = mkdtempSync(join(REPO, '.tmp-gen-stream-'));
});

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

let copies = 0;
/** A fresh copy of the fixture app inside the repo (so @igniter-js/core, react and zod resolve). */
function freshApp(): string {
  const app = join(temp, `app-${++copies}`);
  cpSync(FIXTURE, app, { recursive: true });
  return app;
}

/** A small controller of our own, registered in the copy's router by text (the fixture's router is known). */
function addController(root: string, key: string, options: { dir?: 'controllers' | 'flat' } = {}): string {
  const exportName = `${key}Controller`;
  const folder = options.dir === 'flat' ? join('src', 'features', key) : join('src', 'features', key, 'controllers');
  mkdirSync(join(root, folder), { recursive: true });
  const file = join(folder, `${key}.controller.ts`);
  writeFileSync(
    join(root, file),
    `import { igniter } from '@/igniter'

export const ${exportName} = igniter.controller({
  name: '${key}',
  path: '/${key}',
  actions: {
    ping: igniter.query({
      path: '/ping' as const,
      handler: async ({ response }) => response.success({ ok: true }),
    }),
  },
})
`,
  );
  const routerFile = join(root, 'src', 'igniter.router.ts');
  const specifier = `@/${file.slice('src/'.length).replace(/\.ts$/, '')}`;
  const router = readFileSync(routerFile, 'utf8')
    .replace("import { healthController } from '@/features/health/controllers/health.controller'\n", (line) => `${line}import { ${exportName} } from '${specifier}'\n`)
    .replace('    health: healthController,\n', (line) => `${line}    ${key}: ${exportName},\n`);
  writeFileSync(routerFile, router);
  return file;
}

function generate(root: string, name: string, options: Record<string, OptionValue>, force = false) {
  return runGenerator({ root, generator: streamGenerator, options: { name, ...options }, force, prettier: false });
}


function read(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}

/** Every kind, into one controller with the default scopes; a second controller with the other scopes. */
const DEFAULT_SCOPES: [string, StreamKindName][] = [
  ['typing', 'typing'],
  ['presence', 'presence'],
  ['notifications', 'notifications'],
  ['feed', 'feed'],
  ['doc', 'collab'],
];
type StreamKindName = (typeof STREAM_KINDS)[number];

describe('generate stream: every kind type-checks and passes the strict preset', () => {
  let app: string;
  const firstRuns: Awaited<ReturnType<typeof generate>>[] = [];

  beforeAll(async () => {
    app = freshApp();
    addController(app, 'chat');
    addController(app, 'team', { dir: 'flat' });
    for (const [name, kind] of DEFAULT_SCOPES) firstRuns.push(await generate(app, name, { controller: 'chat', kind }));
    firstRuns.push(await generate(app, 'typing', { controller: 'team', kind: 'typing', scope: 'tenant' }));
    firstRuns.push(await generate(app, 'online', { controller: 'team', kind: 'presence', scope: 'tenant' }));
    firstRuns.push(await generate(app, 'timeline', { controller: 'team', kind: 'feed', scope: 'user' }));
  }, 120_000);

  it('writes the stream files, the shared helpers once, and updates the controllers', () => {
    const created = firstRuns.flatMap((result) => result.changes.filter((change) => change.kind === 'create').map((change) => change.path));
    expect(created).toEqual(
      expect.arrayContaining([
        'src/lib/igniter-rt/realtime-relay.ts',
        'src/lib/igniter-rt/ephemeral-set.ts',
        'src/features/chat/typing.stream.ts',
        'src/features/chat/presence.stream.ts',
        'src/features/chat/notifications.stream.ts',
        'src/features/chat/feed.stream.ts',
        'src/features/chat/doc.stream.ts',
        'src/features/team/typing.stream.ts',
        'src/features/team/online.stream.ts',
        'src/features/team/timeline.stream.ts',
      ]),
    );
    // Each shared helper is created by exactly one run and left alone by the later ones.
    expect(created.filter((path) => path === 'src/lib/igniter-rt/realtime-relay.ts')).toHaveLength(1);
    expect(created.filter((path) => path === 'src/lib/igniter-rt/ephemeral-set.ts')).toHaveLength(1);
    for (const result of firstRuns) {
      expect(result.changes.find((change) => /(chat|team)\.controller\.ts$/.test(change.path))?.kind).toBe('update');
    }
    // Private by default: the first stream installed the SSE guard and served it; the later runs keep it.
    expect(created).toEqual(expect.arrayContaining(['src/lib/igniter-rt/realtime-guard.ts', 'src/features/realtime/realtime.scopes.ts', 'src/features/realtime/controllers/realtime.controller.ts']));
    expect(created.filter((path) => path === 'src/lib/igniter-rt/realtime-guard.ts')).toHaveLength(1);
    for (const result of firstRuns) expect(result.changes.find((change) => change.path === 'src/lib/igniter-rt/realtime-guard.ts')).toBeDefined();

    const chat = read(app, 'src/features/chat/controllers/chat.controller.ts');
    for (const key of ['typing', 'startTyping', 'stopTyping', 'presence', 'join', 'heartbeat', 'leave', 'notifications', 'markRead', 'feed', 'post', 'doc', 'applyChange']) {
      expect(chat).toMatch(new RegExp(`\\n    ${key}: igniter\\.(query|mutation)\\(\\{\\n`));
    }
    expect(chat).toContain("import { authProcedure } from '@/procedures/auth.procedure'");
    expect(chat).toContain("import { typingStream } from '@/features/chat/typing.stream'");
    // The existing action and the file's style are kept.
    expect(chat).toContain("    ping: igniter.query({\n      path: '/ping' as const,");
    expect(chat).not.toMatch(/;\n/);
  });

  it('starts each action group with a header comment mapping the Igniter.js realtime guide to 0.3', () => {
    const chat = read(app, 'src/features/chat/controllers/chat.controller.ts');
    for (const [name] of DEFAULT_SCOPES) expect(chat).toMatch(new RegExp(`    ${name}: igniter\\.query\\(\\{\\n      // The Igniter.js realtime guide: [^\\n]+(\\n      // [^\\n]*)?→ here:`));
    for (const [name] of DEFAULT_SCOPES) {
      const file = read(app, `src/features/chat/${name}.stream.ts`);
      expect(file).toMatch(/^\/\*\*\n \* `chat\.\w+`/);
      expect(file).toContain("How the Igniter.js realtime guide's API maps to what @igniter-js/core 0.3 does");
      expect(file).toMatch(/- guide [^\n]+→ here /);
      expect(file).toContain('nothing subscribes per request');
    }
    for (const file of ['src/features/chat/controllers/chat.controller.ts', ...DEFAULT_SCOPES.map(([name]) => `src/features/chat/${name}.stream.ts`), 'src/lib/igniter-rt/realtime-relay.ts', 'src/lib/igniter-rt/ephemeral-set.ts']) {
      expect(read(app, file), file).not.toMatch(/seed/i);
    }
  });

  it('streams use the auth procedure and igniter.store, subscribe to nothing, and every change is a scoped igniter.realtime.revalidate', () => {
    const chat = read(app, 'src/features/chat/controllers/chat.controller.ts');
    expect(chat.match(/stream: true,\n\s+(query: \w+\.\w+,\n\s+)?use: \[authProcedure\(\)\],/g)).toHaveLength(5);
    const code = [chat, ...DEFAULT_SCOPES.map(([name]) => read(app, `src/features/chat/${name}.stream.ts`))].map((text) => text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')).join('\n');
    expect(code).not.toMatch(/\.subscribe\(|addEventListener|context\.store|response\s*\.revalidate|\.publish\(|\.to\(/);
    expect(chat).toContain('return response.success(await typingStream.snapshot(igniter.store, roomId))');
    expect(chat).toContain("await igniter.realtime.revalidate(changed ? [{ path: 'chat.typing', scopes: [typingStream.scope(roomId)] }] : [])");
    expect(chat).toContain("await igniter.realtime.revalidate({ path: 'chat.typing', scopes: [typingStream.scope(roomId)] })\n        return response.noContent()");
    expect(chat).toContain("await igniter.realtime.revalidate({ path: 'chat.presence', scopes: [presenceStream.scope(roomId)] })\n        return response.success({ nextHeartbeatInSeconds: presenceStream.heartbeatSeconds })");
    expect(chat).toContain("await igniter.realtime.revalidate({ path: 'chat.notifications', scopes: [notificationsStream.scope(userId)] })\n        return response.success(summary)");
    expect(chat).toContain("await igniter.realtime.revalidate({ path: 'chat.feed', scopes: [feedStream.scope(roomId)] })\n        return response.created({ item })");
    expect(chat).toContain("await igniter.realtime.revalidate({ path: 'chat.doc', scopes: [docStream.scope(docId)] })\n        return response.success({ version: result.document.version })");
    expect(chat).toContain("response.badRequest('Version conflict: rebase the change on the current version', { currentVersion: result.currentVersion })");
    expect(read(app, 'src/features/chat/notifications.stream.ts')).toContain("await realtime.revalidate({ path: 'chat.notifications', scopes: [scope(userId)] })");
    expect(read(app, 'src/features/chat/doc.stream.ts')).toContain('const scope = (docId: string): string => `document:${docId}`');
    expect(read(app, 'src/igniter.ts').match(/relayRealtime\(igniter\)/g)).toHaveLength(1);
    const team = read(app, 'src/features/team/team.controller.ts');
    expect(team).toContain("path: '/typing/:tenantId' as const");
    expect(team).toContain("path: '/timeline/:userId' as const");
    expect(read(app, 'src/features/team/typing.stream.ts')).toContain('return user.tenantId === tenantId');
    expect(read(app, 'src/features/team/timeline.stream.ts')).toContain('return user.id === userId');
  });

  it('type-checks against @igniter-js/core 0.3.40', () => {
    expect(typecheck(app)).toBe('');
  }, 120_000);

  it('passes the strict preset with zero findings', async () => {
    expect(await lintStrict(app)).toEqual([]);
  }, 120_000);

  it('type-checks under the strictest compiler flags too (noUncheckedIndexedAccess, exactOptionalPropertyTypes, noUnused*)', () => {
    const copy = join(temp, 'strict-flags');
    cpSync(app, copy, { recursive: true });
    // 0.3.40's own action type fails exactOptionalPropertyTypes for an action without `use` (the hand-written ones).
    for (const file of ['src/features/chat/controllers/chat.controller.ts', 'src/features/team/team.controller.ts', 'src/features/health/controllers/health.controller.ts']) {
      writeFileSync(join(copy, file), read(copy, file).replace(/(\n {6}path: '\/(ping)?' as const,\n)/, '$1      use: [],\n'));
    }
    const tsconfig = JSON.parse(read(copy, 'tsconfig.json')) as { compilerOptions: Record<string, unknown> };
    Object.assign(tsconfig.compilerOptions, {
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noImplicitReturns: true,
      noPropertyAccessFromIndexSignature: true,
      noFallthroughCasesInSwitch: true,
    });
    writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    expect(typecheck(copy)).toBe('');
  }, 120_000);

  it('the strict preset does read the generated code (a broken copy has findings)', async () => {
    const copy = join(temp, 'broken');
    cpSync(app, copy, { recursive: true });
    const file = 'src/features/chat/controllers/chat.controller.ts';
    const broken = read(copy, file)
      .replace("revalidate({ path: 'chat.feed',", "revalidate({ path: 'chat.feeds',")
      .replace("      path: '/typing/:roomId' as const,\n      stream: true,\n      use: [authProcedure()],\n", "      path: '/typing/:roomId' as const,\n      stream: true,\n")
      .replace("{ path: 'chat.notifications', scopes: [notificationsStream.scope(userId)] }", "{ path: 'chat.notifications' }");
    writeFileSync(join(copy, file), broken);
    const rules = (await lintStrict(copy)).map((finding) => finding.split(' ')[1]);
    expect(rules).toEqual(expect.arrayContaining(['igniter-rt/no-unknown-revalidate-key', 'igniter-rt/require-stream-auth', 'igniter-rt/no-unscoped-revalidate']));
  }, 120_000);

  it('changes nothing when every command runs again', async () => {
    const again = [];
    for (const [name, kind] of DEFAULT_SCOPES) again.push(await generate(app, name, { controller: 'chat', kind }));
    again.push(await generate(app, 'typing', { controller: 'team', kind: 'typing', scope: 'tenant' }));
    again.push(await generate(app, 'online', { controller: 'team', kind: 'presence', scope: 'tenant' }));
    again.push(await generate(app, 'timeline', { controller: 'team', kind: 'feed', scope: 'user' }));
    // `--scope auto` resolves to the kind's default, so naming it gives the same output.
    again.push(await generate(app, 'typing', { controller: 'chat', kind: 'typing', scope: 'room' }));
    for (const result of again) {
      // Only SKIP lines: the stream file and the shared helpers it uses; the controller is not even rewritten.
      expect(result.changes.length).toBeGreaterThan(0);
      expect(result.changes.map((change) => change.kind)).toEqual(result.changes.map(() => 'skip'));
      expect(result.changes.some((change) => change.path.endsWith('.stream.ts'))).toBe(true);
      expect(result.written).toBe(false);
    }
  });
});

describe('generate stream: into a controller made by `generate controller`', () => {
  it('adds every kind next to the CRUD actions; type-checks and passes the strict preset', async () => {
    const app = freshApp();
    await runGenerator({ root: app, generator: controllerGenerator, options: { name: 'note', scope: 'room' }, prettier: false });
    for (const kind of STREAM_KINDS) await generate(app, `live-${kind}`, { controller: 'note', kind });
    const controller = read(app, 'src/features/note/controllers/note.controller.ts');
    expect(controller).toContain("path: '/live-typing/:roomId' as const");
    expect(controller).toContain('    liveCollab: igniter.query({');
    expect(typecheck(app)).toBe('');
    expect(await lintStrict(app)).toEqual([]);
  }, 120_000);
});

describe('generate stream: usage errors and conflicts', () => {
  let app: string;

  beforeAll(() => {
    app = freshApp();
    addController(app, 'chat');
  });

  it('an unknown --controller exits 2 naming the registered keys, having written nothing', async () => {
    const error = await failure(generate(app, 'typing', { controller: 'chats', kind: 'typing' }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('"chats"');
    expect(error.message).toContain('health, chat');
    expect(existsSync(join(app, 'src', 'lib', 'igniter-rt'))).toBe(false);
  });

  it('refuses a bad name, an unknown kind and a scope that does not fit the kind (exit 2)', async () => {
    for (const [name, options, text] of [
      ['typing!', { controller: 'chat', kind: 'typing' }, 'cannot become an identifier'],
      ['../typing', { controller: 'chat', kind: 'typing' }, 'looks like a path'],
      ['typing', { controller: 'chat', kind: 'chat' }, '--kind must be one of typing, presence, notifications, feed, collab (got "chat")'],
      ['typing', { controller: 'chat', kind: 'typing', scope: 'user' }, 'a typing stream can be scoped by room or tenant'],
      ['notes', { controller: 'chat', kind: 'collab', scope: 'room' }, 'scoped by its document'],
      ['inbox', { controller: 'chat', kind: 'notifications', scope: 'tenant' }, 'can be scoped by user'],
      ['heartbeat', { controller: 'chat', kind: 'presence' }, 'share its key with its own mutation'],
      ['typing', { controller: 'chat', kind: 'typing', auth: 'sessionProcedure' }, 'Cannot find the procedure "sessionProcedure"'],
      ['typing', { controller: 'chat', kind: 'typing', auth: 'not-an-id' }, 'is not an identifier'],
      ['typing', { controller: 'chat', kind: 'typing', auth: 'requireUser' }, 'does not recognise it as guarding a stream'],
    ] as const) {
      const error = await failure(generate(app, name, options));
      expect(error.exitCode, `${name} ${JSON.stringify(options)}`).toBe(2);
      expect(error.message).toContain(text);
    }
    expect(existsSync(join(app, 'src', 'lib', 'igniter-rt'))).toBe(false);
  });

  it('--auth takes a procedure from the procedures folder (one made by `generate procedure`)', async () => {
    await runGenerator({ root: app, generator: procedureGenerator, options: { kind: 'auth', name: 'member-auth' }, prettier: false });
    await generate(app, 'lobby', { controller: 'chat', kind: 'typing', auth: 'memberAuthProcedure' });
    const controller = read(app, 'src/features/chat/controllers/chat.controller.ts');
    expect(controller).toContain("import { memberAuthProcedure } from '@/procedures/member-auth.procedure'");
    expect(controller).toMatch(/lobby: igniter\.query\(\{[\s\S]*?use: \[memberAuthProcedure\(\)\],/);
    expect(read(app, 'src/features/chat/lobby.stream.ts')).toContain('--kind typing --scope room --auth memberAuthProcedure`');
  });

  it('the same name with another kind conflicts unless --force, which swaps the mutations', async () => {
    await generate(app, 'activity', { controller: 'chat', kind: 'typing' });
    const controllerFile = 'src/features/chat/controllers/chat.controller.ts';
    const before = read(app, controllerFile);
    const streamBefore = read(app, 'src/features/chat/activity.stream.ts');

    const error = await failure(generate(app, 'activity', { controller: 'chat', kind: 'presence' }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('already holds the typing stream "activity"');
    expect(error.message).toContain('--force');
    expect(read(app, controllerFile)).toBe(before);
    expect(read(app, 'src/features/chat/activity.stream.ts')).toBe(streamBefore);

    const forced = await generate(app, 'activity', { controller: 'chat', kind: 'presence' }, true);
    expect(forced.changes.map((change) => [change.path, change.kind])).toEqual(
      expect.arrayContaining([
        [controllerFile, 'update'],
        ['src/features/chat/activity.stream.ts', 'update'],
      ]),
    );
    const after = read(app, controllerFile);
    expect(after).not.toContain('startActivity');
    expect(after).not.toContain('stopActivity');
    expect(after).toContain('    heartbeat: igniter.mutation({');
    expect(after).toContain('    leave: igniter.mutation({');
    expect(after).toContain("    ping: igniter.query({");
    expect(typecheck(app)).toBe('');
    expect(await lintStrict(app)).toEqual([]);
  }, 120_000);

  it('an action of the same key written by hand conflicts unless --force', async () => {
    const controllerFile = 'src/features/chat/controllers/chat.controller.ts';
    const error = await failure(generate(app, 'ping', { controller: 'chat', kind: 'feed' }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('already has an action "ping"');
    expect(error.message).toContain('A feed stream adds the actions ping, post');
    expect(existsSync(join(app, 'src/features/chat/ping.stream.ts'))).toBe(false);
    expect(read(app, controllerFile)).toContain("path: '/ping' as const");
  });

  it('a stream file edited by hand conflicts unless --force', async () => {
    await generate(app, 'board', { controller: 'chat', kind: 'feed' });
    const file = join(app, 'src/features/chat/board.stream.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// my change\n`);
    const error = await failure(generate(app, 'board', { controller: 'chat', kind: 'feed' }));
    expect(error.message).toContain('already exists with different content');
    const forced = await generate(app, 'board', { controller: 'chat', kind: 'feed' }, true);
    expect(forced.changes.find((change) => change.path.endsWith('board.stream.ts'))?.kind).toBe('update');
  });

  it('a stream file only reformatted (quotes, semicolons, white space) is kept: a SKIP', async () => {
    await generate(app, 'wall', { controller: 'chat', kind: 'collab' });
    const file = join(app, 'src/features/chat/wall.stream.ts');
    const reformatted = readFileSync(file, 'utf8').replace(/'/g, '"').replace(/^(import .*)$/gm, '$1;').replace(/\n\n/g, '\n\n\n');
    writeFileSync(file, reformatted);
    const again = await generate(app, 'wall', { controller: 'chat', kind: 'collab' });
    expect(again.changes.find((change) => change.path === 'src/features/chat/wall.stream.ts')?.kind).toBe('skip');
    expect(readFileSync(file, 'utf8')).toBe(reformatted);
  });

  it('keeps an edited shared helper (the streams reuse it) unless --force', async () => {
    const lib = join(app, 'src/lib/igniter-rt/realtime-relay.ts');
    writeFileSync(lib, `${readFileSync(lib, 'utf8')}\n// tuned by hand\n`);
    const result = await generate(app, 'inbox', { controller: 'chat', kind: 'notifications' });
    expect(result.changes.some((change) => change.path === 'src/lib/igniter-rt/realtime-relay.ts')).toBe(false);
    expect(readFileSync(lib, 'utf8')).toContain('// tuned by hand');
    const forced = await generate(app, 'inbox', { controller: 'chat', kind: 'notifications' }, true);
    expect(forced.changes.find((change) => change.path === 'src/lib/igniter-rt/realtime-relay.ts')?.kind).toBe('update');
    expect(readFileSync(lib, 'utf8')).not.toContain('// tuned by hand');
  });
});

describe('generate stream: metadata and templates', () => {
  it('is registered, with its options for flags, prompts and --list', () => {
    expect(GENERATORS).toContain(streamGenerator);
    expect(streamGenerator.arguments.map((argument) => argument.name)).toEqual(['name']);
    expect(Object.fromEntries(streamGenerator.options.map((option) => [option.name, option.choices ?? option.default ?? null]))).toEqual({
      controller: null,
      kind: ['typing', 'presence', 'notifications', 'feed', 'collab'],
      scope: ['auto', 'user', 'room', 'tenant'],
      auth: 'authProcedure',
      sseEntry: 'auto',
    });
    expect(streamGenerator.options.find((option) => option.name === 'kind')?.default).toBeUndefined();
  });

  it('splits a rendered actions template into entries', () => {
    expect(splitActions('a: igniter.query({\n  path: \'/\',\n}),\n\nb: igniter.mutation({\n}),\n')).toEqual([
      { key: 'a', code: "igniter.query({\n  path: '/',\n})" },
      { key: 'b', code: 'igniter.mutation({\n})' },
    ]);
    expect(() => splitActions('// a comment first\na: 1,')).toThrow(GenerateError);
  });

  it('uses an override of a template from .igniter-rt/templates', async () => {
    const app = freshApp();
    addController(app, 'chat');
    const override = join(app, '.igniter-rt', 'templates', 'stream', 'lib');
    mkdirSync(override, { recursive: true });
    writeFileSync(join(override, 'ephemeral-set.ts.hbs'), readFileSync(join(REPO, 'templates', 'stream', 'lib', 'ephemeral-set.ts.hbs'), 'utf8').replace('export function', '// overridden\nexport function'));
    await generate(app, 'typing', { controller: 'chat', kind: 'typing' });
    expect(read(app, 'src/lib/igniter-rt/ephemeral-set.ts')).toContain('// overridden');
  });
});

describe('generate stream: the generated handlers under a real 0.3.40 router', () => {
  type Body = { data: Record<string, unknown> & { items?: { id: string; text?: string }[] }; error: { code: string; message: string; data?: unknown } | null };
  type Store = { subscriptionCount(): number; get(key: string): Promise<unknown>; delete(key: string): Promise<void> };
  let call: (method: string, path: string, user?: string, body?: unknown) => Promise<{ status: number; body: Body | null }>;
  let store: Store;
  let igniter: { store: unknown; realtime: unknown };
  let pushNotifications: (app: unknown, userId: string, input: { title: string }) => Promise<{ id: string }>;
  const streams: Record<string, EventStream> = {};
  /** The query keys each connection received, one string per event. */
  const seen = (name: string) => streams[name].events().map((event) => event.data.queryKeys.join(','));

  beforeAll(async () => {
    // A minimal app with relative imports only, so the generated files load in this process. As in the
    // official starters, the context does not hold the store: handlers reach it as igniter.store.
    const app = join(temp, 'runtime-app');
    mkdirSync(join(app, 'src', 'lib'), { recursive: true });
    mkdirSync(join(app, 'src', 'procedures'), { recursive: true });
    cpSync(join(FIXTURE, 'src', 'lib', 'memory-store.ts'), join(app, 'src', 'lib', 'memory-store.ts'));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'bundler', target: 'ES2022', lib: ['ES2022', 'DOM'], skipLibCheck: true, noEmit: true } }));
    writeFileSync(
      join(app, 'src', 'igniter.ts'),
      `import { Igniter } from '@igniter-js/core'
import { store } from './lib/memory-store'

export const igniter = Igniter.context(() => ({ database: {} })).store(store).config({ baseURL: 'http://localhost:3000', basePATH: '/api/v1' }).create()
`,
    );
    writeFileSync(
      join(app, 'src', 'procedures', 'auth.procedure.ts'),
      read(FIXTURE, 'src/procedures/auth.procedure.ts').replace("from '@/igniter'", "from '../igniter'"),
    );
    mkdirSync(join(app, 'src', 'features', 'chat', 'controllers'), { recursive: true });
    writeFileSync(
      join(app, 'src', 'features', 'chat', 'controllers', 'chat.controller.ts'),
      "import { igniter } from '../../../igniter'\n\nexport const chatController = igniter.controller({\n  name: 'Chat',\n  path: '/chat',\n  actions: {},\n})\n",
    );
    writeFileSync(
      join(app, 'src', 'igniter.router.ts'),
      "import { igniter } from './igniter'\nimport { chatController } from './features/chat/controllers/chat.controller'\n\nexport const AppRouter = igniter.router({ controllers: { chat: chatController } })\n",
    );
    // This app is driven through AppRouter.handler here (no serving entry): the guard is written, not wired.
    for (const [name, kind] of DEFAULT_SCOPES) await generate(app, name, { controller: 'chat', kind, sseEntry: 'none' });
    expect(read(app, 'src/features/chat/controllers/chat.controller.ts')).toContain("import { typingStream } from '../typing.stream'");
    expect(read(app, 'src/igniter.ts')).toContain("import { relayRealtime } from './lib/igniter-rt/realtime-relay'");
    expect(typecheck(app)).toBe('');

    const load = (file: string) => import(pathToFileURL(join(app, 'src', file)).href);
    ({ igniter } = await load('igniter.ts'));
    const { chatController } = await load('features/chat/controllers/chat.controller.ts');
    ({ store } = await load('lib/memory-store.ts'));
    ({ pushNotifications } = await load('features/chat/notifications.stream.ts'));
    // The router is created here, and the SSE requests reach the endpoint in the same tick: what a tab
    // does when the server has just started. 0.3 registers its channels only after an asynchronous
    // start-up; relayRealtime (installed when igniter.ts loaded) registered `revalidation` at once.
    const AppRouter = (igniter as unknown as { router(config: { controllers: Record<string, unknown> }): { handler(request: Request): Promise<Response> } }).router({ controllers: { chat: chatController } });
    const scopes = ['room:r1', 'room:r2', 'user:u1', 'user:u2', 'document:d1', 'document:d2'];
    const opened = await Promise.all(scopes.map((scope) => openEvents((request) => AppRouter.handler(request), [scope])));
    scopes.forEach((scope, index) => (streams[scope] = opened[index]));
    call = async (method, path, user, body) => {
      const headers: Record<string, string> = {};
      if (user) headers.cookie = `session=${user}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response: Response = await AppRouter.handler(
        new Request(`http://localhost:3000/api/v1/chat${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
      );
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Body) : null };
    };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(streams).map((stream) => stream.close()));
  });

  /** Runs `action`, then waits until the connections got `expected` more events (and a little longer, to see strays). */
  async function expectEvents(action: () => Promise<unknown>, expected: Record<string, string[]>) {
    const before = Object.fromEntries(Object.keys(streams).map((name) => [name, seen(name).length]));
    await action();
    await until(() => Object.entries(expected).every(([name, keys]) => seen(name).length >= before[name] + keys.length));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const got = Object.fromEntries(Object.keys(streams).map((name) => [name, seen(name).slice(before[name])]));
    expect(got).toEqual({ ...Object.fromEntries(Object.keys(streams).map((name) => [name, []])), ...expected });
  }

  it('the SSE connections opened right after the router was created were accepted (relayRealtime registered the revalidation channel)', () => {
    expect(Object.values(streams).map((stream) => stream.status)).toEqual(Object.values(streams).map(() => 200));
  });

  it('handlers reach the store as igniter.store (the context has none)', async () => {
    expect(igniter.store).toBe(store);
    expect((await call('POST', '/typing/r7/start', 'u1')).status).toBe(204);
    expect(await store.get('chat.typing:room:r7:roster')).toEqual(['u1']);
  });

  it('typing: start lists the user and revalidates the room (not again while typing), stop removes them, strangers get 401', async () => {
    await expectEvents(async () => expect((await call('POST', '/typing/r1/start', 'u1')).status).toBe(204), { 'room:r1': ['chat.typing'] });
    await expectEvents(async () => expect((await call('POST', '/typing/r1/start', 'u1')).status).toBe(204), {});
    await expectEvents(() => call('POST', '/typing/r1/start', 'u2'), { 'room:r1': ['chat.typing'] });
    expect((await call('GET', '/typing/r1', 'u1')).body?.data).toMatchObject({ roomId: 'r1', userIds: ['u1', 'u2'] });
    await expectEvents(async () => expect((await call('POST', '/typing/r1/stop', 'u1')).status).toBe(204), { 'room:r1': ['chat.typing'] });
    expect((await call('GET', '/typing/r1', 'u2')).body?.data).toMatchObject({ roomId: 'r1', userIds: ['u2'] });
    expect((await call('GET', '/typing/r1')).status).toBe(401);
  });

  it('presence: join and leave revalidate the room; a heartbeat only when someone expired', async () => {
    await expectEvents(async () => expect((await call('POST', '/presence/r2/join', 'u1')).body?.data).toEqual({ nextHeartbeatInSeconds: 15 }), { 'room:r2': ['chat.presence'] });
    await expectEvents(() => call('POST', '/presence/r2/join', 'u2'), { 'room:r2': ['chat.presence'] });
    await expectEvents(async () => expect((await call('POST', '/presence/r2/heartbeat', 'u1')).body?.data).toEqual({ nextHeartbeatInSeconds: 15 }), {});
    expect((await call('GET', '/presence/r2', 'u2')).body?.data).toMatchObject({ userIds: ['u1', 'u2'] });
    // u2's tab crashed: its key expires (deleted here rather than waiting 30 s); u1's next heartbeat notices.
    await store.delete('chat.presence:room:r2:member:u2');
    await expectEvents(() => call('POST', '/presence/r2/heartbeat', 'u1'), { 'room:r2': ['chat.presence'] });
    await expectEvents(async () => expect((await call('POST', '/presence/r2/leave', 'u1')).status).toBe(204), { 'room:r2': ['chat.presence'] });
    expect((await call('GET', '/presence/r2', 'u1')).body?.data).toMatchObject({ userIds: [] });
  });

  it("notifications: pushed to one user, revalidated for that user's scope only, read by that user only", async () => {
    await expectEvents(() => pushNotifications(igniter, 'u1', { title: 'Hello' }), { 'user:u1': ['chat.notifications'] });
    await pushNotifications(igniter, 'u1', { title: 'Again' });
    const list = await call('GET', '/notifications/u1', 'u1');
    expect(list.body?.data).toMatchObject({ userId: 'u1', unread: 2 });
    expect(list.body?.data.items?.map((item) => (item as { title?: string }).title)).toEqual(['Again', 'Hello']);
    expect((await call('GET', '/notifications/u1', 'u2')).status).toBe(403);
    const first = list.body?.data.items?.[0].id;
    await expectEvents(async () => expect((await call('POST', '/notifications/u1/read', 'u1', { ids: [first] })).body?.data).toMatchObject({ unread: 1 }), { 'user:u1': ['chat.notifications'] });
    expect((await call('POST', '/notifications/u1/read', 'u1', {})).body?.data).toMatchObject({ unread: 0 });
    await expectEvents(async () => expect((await call('POST', '/notifications/u1/read', 'u2', {})).status).toBe(403), {});
    // No `data` rides on the revalidation: the SSE endpoint trusts the scopes a client asks for.
    const delivered = streams['user:u1'].events();
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.filter((event) => event.data.data !== undefined)).toEqual([]);
  });

  it('feed: post answers 201 and revalidates the room, pages go by limit and before', async () => {
    await expectEvents(async () => expect((await call('POST', '/feed/r1', 'u1', { text: 'one' })).status).toBe(201), { 'room:r1': ['chat.feed'] });
    for (const text of ['two', 'three']) expect((await call('POST', '/feed/r1', 'u1', { text })).status).toBe(201);
    const first = await call('GET', '/feed/r1?limit=2', 'u2');
    expect(first.body?.data.items?.map((item) => item.text)).toEqual(['three', 'two']);
    const next = first.body?.data.nextBefore as string;
    expect(next).toBe(first.body?.data.items?.[1].id);
    const second = await call('GET', `/feed/r1?limit=2&before=${next}`, 'u2');
    expect(second.body?.data.items?.map((item) => item.text)).toEqual(['one']);
    expect(second.body?.data.nextBefore).toBeNull();
    expect((await call('GET', '/feed/r1?limit=500', 'u2')).status).toBe(400);
    expect((await call('POST', '/feed/r1', 'u1', { text: '   ' })).status).toBe(400);
  });

  it('collab: a change on the current version wins and revalidates the document, a stale one gets 400 and revalidates nothing', async () => {
    let applied: Awaited<ReturnType<typeof call>> | undefined;
    await expectEvents(async () => (applied = await call('POST', '/doc/d1/changes', 'u1', { baseVersion: 0, patch: { title: 'Draft' } })), { 'document:d1': ['chat.doc'] });
    expect(applied?.status).toBe(200);
    expect(applied?.body?.data).toEqual({ version: 1 });
    let stale: Awaited<ReturnType<typeof call>> | undefined;
    await expectEvents(async () => (stale = await call('POST', '/doc/d1/changes', 'u2', { baseVersion: 0, patch: { title: 'Mine' } })), {});
    expect(stale?.status).toBe(400);
    expect(stale?.body?.error).toMatchObject({ code: 'ERR_BAD_REQUEST', data: { currentVersion: 1 } });
    await call('POST', '/doc/d1/changes', 'u2', { baseVersion: 1, patch: { body: 'Text' } });
    expect((await call('GET', '/doc/d1', 'u1')).body?.data).toMatchObject({ docId: 'd1', version: 2, data: { title: 'Draft', body: 'Text' }, updatedBy: 'u2' });
    // Two changes on the same base at once: exactly one wins.
    const racing = await Promise.all([
      call('POST', '/doc/d2/changes', 'u1', { baseVersion: 0, patch: { a: 1 } }),
      call('POST', '/doc/d2/changes', 'u2', { baseVersion: 0, patch: { b: 2 } }),
    ]);
    expect(racing.map((result) => result.status).sort()).toEqual([200, 400]);
    expect(await store.get('chat.doc:document:d2:lock')).toBeNull();
  });

  it('stream queries subscribe to nothing: 100 GETs of each leave the store subscriptions unchanged (the relay holds the only one)', async () => {
    const before = store.subscriptionCount();
    expect(before).toBe(1);
    for (const path of ['/typing/r1', '/presence/r1', '/notifications/u1', '/feed/r1', '/doc/d1']) {
      for (let index = 0; index < 100; index++) expect((await call('GET', path, 'u1')).status).toBe(200);
    }
    expect(store.subscriptionCount()).toBe(before);
  });
});

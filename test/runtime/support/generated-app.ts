/**
 * A generated app in an official starter layout, ready to serve: a copy of test/fixtures/layouts/<layout>
 * in a temp folder inside the repository (so @igniter-js/core, zod, react and ioredis resolve from its
 * node_modules), the generators run on it through the generator API (as `igniter-rt generate ...`
 * would), then only what a user writes by hand (test/fixtures/generated-app-user-code, README there):
 * the note repository on Redis instead of process memory, room and document membership where the
 * generated code leaves it as a TODO, a mention mutation that uses the generated `pushInbox`, the page,
 * the typed client where the starter has none, and the router schema the client is built with.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { controllerGenerator } from '../../../src/generate/generators/controller.js';
import { hookGenerator } from '../../../src/generate/generators/hook.js';
import { procedureGenerator } from '../../../src/generate/generators/procedure.js';
import { sseGuardGenerator } from '../../../src/generate/generators/sse-guard.js';
import { streamGenerator } from '../../../src/generate/generators/stream.js';
import { runGenerator } from '../../../src/generate/run.js';
import type { GeneratorDefinition, OptionValue } from '../../../src/generate/types.js';
import type { AppEntry } from './app-server.js';
import { writeRouterSchema } from './router-schema.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const USER_CODE = join(REPO_ROOT, 'test', 'fixtures', 'generated-app-user-code');

export type StarterLayout = 'nextjs' | 'express-rest' | 'bun-rest' | 'deno-rest';

/** How each layout serves its router, and what its page build needs. */
const LAYOUTS: Record<StarterLayout, { entry: AppEntry; define?: Record<string, string> }> = {
  // The guarded route handler module the generators edited (GET, POST, ... by method).
  nextjs: {
    entry: { kind: 'next-route', module: 'src/app/api/v1/[[...all]]/route.ts' },
    // What Next.js does for a client bundle: `typeof window` is "object" (the starter's client then
    // loads the router schema, not the server router), NEXT_PUBLIC_* inlined. The API URL is the
    // page's own origin: the two servers stand for one origin behind a load balancer.
    define: {
      'typeof window': '"object"',
      'process.env.NEXT_PUBLIC_IGNITER_API_URL': 'window.location.origin',
      'process.env.NEXT_PUBLIC_IGNITER_API_BASE_PATH': '"/api/v1"',
    },
  },
  // src/index.ts as the starter has it (and the generators edited it): `app.use(base, expressAdapter(guardedRouter.handler))`.
  'express-rest': { entry: { kind: 'express-entry', module: 'src/index.ts' } },
  // src/index.ts as the starters have it, edited by the generators: Bun's `serve({ routes: { [base + '*']: guardedRouter.handler } })`,
  // Deno std's `serve(handler, { port })` whose handler calls `guardedRouter.handler(req)` (support/fetch-serve-shim.ts).
  'bun-rest': { entry: { kind: 'fetch-entry', module: 'src/index.ts' } },
  'deno-rest': { entry: { kind: 'fetch-entry', module: 'src/index.ts' } },
};

interface Command {
  /** As a user types it after `igniter-rt generate`. */
  command: string;
  generator: GeneratorDefinition;
  options: Record<string, OptionValue>;
}

const AUTH = 'sessionAuthProcedure';

/** The generators, in order: the auth procedure, the note controller behind it, the five stream kinds, the hooks, the guard. */
export const GENERATE: readonly Command[] = [
  { command: 'procedure auth session-auth', generator: procedureGenerator, options: { kind: 'auth', name: 'session-auth' } },
  { command: `controller note --auth ${AUTH}`, generator: controllerGenerator, options: { name: 'note', auth: AUTH } },
  ...(
    [
      ['typing', 'typing'],
      ['presence', 'presence'],
      ['inbox', 'notifications'],
      ['activity', 'feed'],
      ['doc', 'collab'],
    ] as const
  ).map(([name, kind]) => ({ command: `stream ${name} --controller note --kind ${kind} --auth ${AUTH}`, generator: streamGenerator, options: { name, controller: 'note', kind, auth: AUTH } })),
  { command: 'hook note', generator: hookGenerator, options: { controller: 'note' } },
  { command: `sse-guard --auth ${AUTH}`, generator: sseGuardGenerator, options: { auth: AUTH } },
];

/** A user's session as the test stores it (what a sign-in does): `session:tok-<id>` in the app's store. */
export const USERS = {
  alice: { id: 'alice', name: 'Alice', tenantId: 't1' },
  bob: { id: 'bob', name: 'Bob', tenantId: 't1' },
  carol: { id: 'carol', name: 'Carol', tenantId: 't2' },
} as const;

export const sessionKey = (user: string) => `session:tok-${user}`;
export const sessionCookie = (user: string) => ({ cookie: `session=tok-${user}` });

export interface GeneratedApp {
  layout: StarterLayout;
  /** The copy's root (exists from the start; filled by `prepare`). */
  appDir: string;
  entry: AppEntry;
  pageDefine?: Record<string, string>;
  /**
   * Generates the app and writes the user's code, then the router schema (loading the router needs
   * the app's Redis URL: its relay subscribes at start-up).
   */
  prepare(redisUrl: string): Promise<void>;
  remove(): void;
}

export function generatedApp(layout: StarterLayout): GeneratedApp {
  const appDir = mkdtempSync(join(REPO_ROOT, `.tmp-runtime-${layout}-`));
  return {
    layout,
    appDir,
    entry: LAYOUTS[layout].entry,
    pageDefine: LAYOUTS[layout].define,
    async prepare(redisUrl) {
      cpSync(join(REPO_ROOT, 'test', 'fixtures', 'layouts', layout), appDir, { recursive: true });
      // A starter without a typed client: the user creates one, as `generate hook` asks.
      if (!existsSync(join(appDir, 'src', 'igniter.client.ts'))) cpSync(join(USER_CODE, 'no-client'), appDir, { recursive: true });
      for (const step of GENERATE) {
        try {
          await runGenerator({ root: appDir, generator: step.generator, options: step.options, prettier: false });
        } catch (error) {
          throw new Error(`igniter-rt generate ${step.command} failed in the ${layout} layout: ${(error as Error).message}`, { cause: error });
        }
      }
      cpSync(join(USER_CODE, 'common'), appDir, { recursive: true });
      applyUserEdits(appDir);
      writeRouterSchema({ appDir, routerModule: 'src/igniter.router.ts', env: { REDIS_URL: redisUrl } });
    },
    remove: () => rmSync(appDir, { recursive: true, force: true }),
  };
}

/** One edit a user makes in a generated file: `from` must be there (else the generated code changed and this list must follow). */
function edit(appDir: string, file: string, from: string, to: string, importLine?: string): void {
  const path = join(appDir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`generated-app: ${file} no longer contains ${JSON.stringify(from)}; update the user's edits in test/runtime/support/generated-app.ts`);
  let edited = text.replace(from, to);
  if (importLine) {
    // After the last import, or first in a file without imports.
    const imports = [...edited.matchAll(/^import .*$/gm)];
    const last = imports.at(-1);
    edited = last ? `${edited.slice(0, last.index + last[0].length)}\n${importLine}${edited.slice(last.index + last[0].length)}` : `${importLine}\n${edited}`;
  }
  writeFileSync(path, edited);
}

/** The lines a user changes in generated files (everything else stays as generated). */
function applyUserEdits(appDir: string): void {
  // The repository on Redis (data shared by every server process), as a user plugs in their database.
  edit(
    appDir,
    'src/features/note/note.procedure.ts',
    "import { MemoryNoteRepository, type NoteRepository } from './note.repository'",
    "import type { NoteRepository } from './note.repository'\nimport { RedisNoteRepository } from './note.redis-repository'\nimport { redis } from '@/services/redis'",
  );
  edit(appDir, 'src/features/note/note.procedure.ts', 'new MemoryNoteRepository()', 'new RedisNoteRepository(redis)');
  // Membership: the TODO in each room stream's `canAccess`, the document's, and the guard's owned scopes.
  for (const stream of ['typing', 'presence', 'activity']) {
    edit(appDir, `src/features/note/${stream}.stream.ts`, 'return user.id.length > 0 && roomId.length > 0', 'return isRoomMember(user.id, roomId)', "import { isRoomMember } from '@/features/rooms/memberships'");
  }
  edit(appDir, 'src/features/note/doc.stream.ts', 'return user.id.length > 0 && docId.length > 0', 'return canEditDocument(user.id, docId)', "import { canEditDocument } from '@/features/rooms/memberships'");
  edit(appDir, 'src/features/realtime/realtime.scopes.ts', '  return scopes\n', '  scopes.push(...sharedScopes(user.id))\n  return scopes\n', "import { sharedScopes } from '@/features/rooms/memberships'");
  // The mention controller, registered in the router.
  edit(appDir, 'src/igniter.router.ts', '    realtime: realtimeController\n', '    realtime: realtimeController,\n    mention: mentionController\n', "import { mentionController } from '@/features/mention/controllers/mention.controller'");
}

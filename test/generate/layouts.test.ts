/**
 * Zero configuration on every official starter layout (test/fixtures/layouts, modelled on the Igniter.js
 * repository's apps/starter-*): what the layout detection finds there, and the proof that the
 * generators' output compiles and lints in each of them.
 *
 * The proof, per layout: ONE copy, every generator of the table below applied to it in order (the
 * controller with `--auth` pointing at the starter-style procedure in src/features/auth/procedures/,
 * both procedure kinds, a controller behind each generated procedure, every stream kind, a mutation,
 * the hooks), then one `tsc --noEmit` per TypeScript version (6.0 and 5.9) and the `strict` preset with
 * zero findings. A failing check names the table rows that wrote the files it complains about. Then the
 * generated procedures run for real in the Next.js layout: its own store (ioredis + the Redis adapter)
 * on a real redis-server, requests through the app's router: 401/200 for the session procedure, 429
 * after N calls for the rate limit.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controllerGenerator } from '../../src/generate/generators/controller.js';
import { hookGenerator } from '../../src/generate/generators/hook.js';
import { mutationGenerator } from '../../src/generate/generators/mutation.js';
import { procedureGenerator } from '../../src/generate/generators/procedure.js';
import { streamGenerator } from '../../src/generate/generators/stream.js';
import { resolveLayout } from '../../src/generate/layout.js';
import { listProcedures } from '../../src/generate/procedures.js';
import { runGenerator } from '../../src/generate/run.js';
import { VirtualTree } from '../../src/generate/tree.js';
import type { GeneratorDefinition, OptionValue } from '../../src/generate/types.js';
import { startAppServer, type AppServer } from '../runtime/support/app-server.js';
import { startRedis, type RedisServer } from '../runtime/support/redis.js';
import { copyFixture, lintStrict, removeCopies, repoRoot, TYPESCRIPTS, typecheck } from './support.js';

interface Layout {
  /** Folder under test/fixtures/layouts. */
  name: string;
  /** Whether the starter ships a typed client (src/igniter.client.ts): the Express REST API does not. */
  client: boolean;
}

const LAYOUTS: Layout[] = [
  { name: 'nextjs', client: true },
  { name: 'express-rest', client: false },
  { name: 'bun-rest', client: true },
  { name: 'deno-rest', client: true },
  { name: 'tanstack-start', client: true },
];

/** Where each starter serves its router (and so where the generators put the SSE guard). */
const SERVING_ENTRIES: Record<string, string> = {
  nextjs: 'src/app/api/v1/[[...all]]/route.ts',
  'express-rest': 'src/index.ts',
  'bun-rest': 'src/index.ts',
  'deno-rest': 'src/index.ts',
  'tanstack-start': 'src/routes/api/v1/$.ts',
};

interface Row {
  /** The command, as a user would type it after `igniter-rt generate`. */
  command: string;
  generator: GeneratorDefinition;
  options: Record<string, OptionValue>;
  /** Needs the typed client: in a layout without one, the row must fail with this exact error instead. */
  needsClient?: true;
}

/** The generators applied to each layout, in this order, to one copy. */
const ROWS: Row[] = [
  { command: 'controller note --auth authProcedure', generator: controllerGenerator, options: { name: 'note', auth: 'authProcedure' } },
  { command: 'procedure auth session-auth', generator: procedureGenerator, options: { kind: 'auth', name: 'session-auth' } },
  { command: 'procedure rate-limit api-rate-limit --limit 3', generator: procedureGenerator, options: { kind: 'rate-limit', name: 'api-rate-limit', limit: '3' } },
  { command: 'controller task --scope tenant --auth sessionAuthProcedure', generator: controllerGenerator, options: { name: 'task', scope: 'tenant', auth: 'sessionAuthProcedure' } },
  { command: 'controller board --scope none --auth apiRateLimitProcedure', generator: controllerGenerator, options: { name: 'board', scope: 'none', auth: 'apiRateLimitProcedure' } },
  { command: 'stream typing --controller note --kind typing', generator: streamGenerator, options: { name: 'typing', controller: 'note', kind: 'typing' } },
  { command: 'stream presence --controller note --kind presence', generator: streamGenerator, options: { name: 'presence', controller: 'note', kind: 'presence' } },
  { command: 'stream inbox --controller note --kind notifications', generator: streamGenerator, options: { name: 'inbox', controller: 'note', kind: 'notifications' } },
  { command: 'stream activity --controller note --kind feed', generator: streamGenerator, options: { name: 'activity', controller: 'note', kind: 'feed' } },
  { command: 'stream doc --controller note --kind collab', generator: streamGenerator, options: { name: 'doc', controller: 'note', kind: 'collab' } },
  { command: 'mutation archive --controller note', generator: mutationGenerator, options: { name: 'archive', controller: 'note' } },
  { command: 'hook note', generator: hookGenerator, options: { controller: 'note' }, needsClient: true },
];

const NO_CLIENT =
  'generate hook writes React hooks on the app\'s typed client, but src/igniter.client.ts does not exist. Create it (`export const api = createIgniterClient<AppRouterType>({ ... })` from @igniter-js/core/client), ' +
  'or set "generate.clientFile" and "generate.clientName" in igniter-rt.config.json to the file that exports it. Nothing was written.';

interface Outcome {
  /** Files the row created or updated. */
  files: string[];
  /** Their text right after the row: tells which row wrote a line of a file several rows edit. */
  texts?: Map<string, string>;
  error?: { message: string; exitCode: number };
}

/** One copy of `layout` with every row applied in order; each row's outcome. */
async function applyRows(layout: Layout): Promise<{ root: string; outcomes: Map<Row, Outcome> }> {
  const root = copyFixture(`layouts/${layout.name}`);
  const outcomes = new Map<Row, Outcome>();
  for (const row of ROWS) {
    try {
      const result = await runGenerator({ root, generator: row.generator, options: row.options, prettier: false });
      const written = result.changes.filter((change) => change.kind !== 'skip');
      outcomes.set(row, { files: written.map((change) => change.path), texts: new Map(written.map((change) => [change.path, change.after])) });
    } catch (error) {
      const { message, exitCode } = error as { message: string; exitCode?: number };
      outcomes.set(row, { files: [], error: { message, exitCode: exitCode ?? -1 } });
    }
  }
  return { root, outcomes };
}

/**
 * Diagnostics (`src/x.ts(12,2): error ...` from tsc, `src/x.ts:12 rule message` from ESLint), paths made
 * project-relative, grouped by the row that wrote the line they point at: the first row after which the
 * file holds that line (several rows edit the same controller). `(fixture) <path>` for the starter's own.
 */
function byRow(lines: string[], outcomes: Map<Row, Outcome>, root: string): Record<string, string[]> {
  const prefixes = [`${root}/`, `${relative(repoRoot, root)}/`];
  const grouped: Record<string, string[]> = {};
  for (const line of lines) {
    const text = prefixes.reduce((current, prefix) => (current.startsWith(prefix) ? current.slice(prefix.length) : current), line);
    const [, path, lineNumber] = /^([^(:]+)(?:\((\d+),\d+\)|:(\d+))?/.exec(text) ?? [];
    const number = Number(lineNumber ?? /^[^:]+:(\d+)/.exec(text)?.[1]);
    const writers = [...outcomes].filter(([, outcome]) => outcome.files.includes(path));
    let source = '';
    try {
      source = readFileSync(join(root, path), 'utf8').split('\n')[number - 1]?.trim() ?? '';
    } catch {
      // a file that is gone: fall back to every row that wrote it
    }
    const writer = source ? writers.find(([, outcome]) => outcome.texts?.get(path)?.split('\n').some((written) => written.trim() === source)) : undefined;
    const key = writer ? writer[0].command : writers.length > 0 ? writers.map(([row]) => row.command).join(' + ') : `(fixture) ${path}`;
    (grouped[key] ??= []).push(text);
  }
  return grouped;
}

/**
 * ESLint's reports about the starters' own inline directives, which are not findings of the preset: their
 * generated clients start with `/* eslint-disable *\/` (unused under the preset alone) or disable a rule of
 * a plugin the preset does not load (`@typescript-eslint/no-var-requires`: "Definition for rule ... was
 * not found"). Ignored in fixture files only: a generated file must not carry a directive at all.
 */
function isStarterDirective(finding: string, outcomes: Map<Row, Outcome>): boolean {
  const path = finding.replace(/:.*$/s, '');
  const generated = [...outcomes.values()].some((outcome) => outcome.files.includes(path));
  return !generated && / (Unused eslint-disable directive|Definition for rule '[^']+' was not found)/.test(finding);
}

afterAll(removeCopies);

describe('layout detection on the official starters (zero configuration)', () => {
  for (const layout of [...LAYOUTS, { name: 'no-store', client: false }]) {
    it(`${layout.name}: router, instance, alias, source root, per-feature procedures, store`, () => {
      const root = copyFixture(`layouts/${layout.name}`);
      const found = resolveLayout(root);
      expect(found).toMatchObject({
        routerFile: 'src/igniter.router.ts',
        instanceFile: 'src/igniter.ts',
        instanceName: 'igniter',
        featuresDir: 'src/features',
        clientFile: 'src/igniter.client.ts',
        clientName: 'api',
        sourceDir: 'src',
        procedureSearchDir: 'src',
        storeAttached: layout.name !== 'no-store',
        alias: { prefix: '@/', dir: 'src' },
      });
      // Procedures live per feature in the starters: no one folder to write them to.
      expect(found.proceduresDir).toBeUndefined();
      expect(listProcedures(new VirtualTree(root), found)).toEqual([{ name: 'authProcedure', file: 'src/features/auth/procedures/auth.procedure.ts' }]);
    });
  }
});

describe.each(LAYOUTS)('every generator in the $name layout: one copy, tsc 6.0 and 5.9, the strict preset', (layout) => {
  let root: string;
  let outcomes: Map<Row, Outcome>;

  beforeAll(async () => {
    ({ root, outcomes } = await applyRows(layout));
  }, 120_000);

  for (const row of ROWS) {
    if (row.needsClient && !layout.client) {
      it(`${row.command}: refused, the layout has no typed client (exit 2, nothing written)`, () => {
        expect(outcomes.get(row)).toEqual({ files: [], error: { message: NO_CLIENT, exitCode: 2 } });
      });
      continue;
    }
    it(`generate ${row.command}`, () => {
      const outcome = outcomes.get(row)!;
      expect(outcome.error).toBeUndefined();
      expect(outcome.files.length).toBeGreaterThan(0);
    });
  }

  it("serves the router through the SSE guard in the starter's own entry (private by default)", () => {
    const entry = SERVING_ENTRIES[layout.name];
    const text = readFileSync(join(root, entry), 'utf8');
    expect(text).toContain('const guardedRouter = withRealtimeGuard(AppRouter)');
    expect(text).toMatch(layout.name === 'nextjs' ? /nextRouteHandlerAdapter\(guardedRouter\)/ : /guardedRouter\.handler\b/);
    expect(text).not.toMatch(/AppRouter\.handler|nextRouteHandlerAdapter\(AppRouter\)/);
  });

  it('imports the procedures from their real files (per feature), through the @/ alias', () => {
    const note = readFileSync(join(root, 'src/features/note/controllers/note.controller.ts'), 'utf8');
    expect(note).toContain("import { authProcedure } from '@/features/auth/procedures/auth.procedure'");
    const task = readFileSync(join(root, 'src/features/task/controllers/task.controller.ts'), 'utf8');
    expect(task).toContain("import { sessionAuthProcedure } from '@/features/session-auth/procedures/session-auth.procedure'");
    const board = readFileSync(join(root, 'src/features/board/controllers/board.controller.ts'), 'utf8');
    expect(board).toContain("import { apiRateLimitProcedure } from '@/features/api-rate-limit/procedures/api-rate-limit.procedure'");
  });

  for (const [typescript, version] of Object.entries(TYPESCRIPTS) as [keyof typeof TYPESCRIPTS, string][]) {
    it(`tsc --noEmit with TypeScript ${version}: no diagnostics (grouped by the rows that wrote the file)`, () => {
      const output = typecheck(root, typescript);
      const diagnostics = output.split('\n').filter((line) => /error TS\d+/.test(line));
      expect(byRow(diagnostics, outcomes, root)).toEqual({});
      expect(output).toBe('');
    }, 120_000);
  }

  it('the strict preset: zero findings (grouped by the rows that wrote the file)', async () => {
    const findings = (await lintStrict(root)).filter((finding) => !isStarterDirective(finding, outcomes));
    expect(byRow(findings, outcomes, root)).toEqual({});
  }, 120_000);
});

// --- the generated procedures at runtime, on the Next.js layout's own Redis store -------------------------

describe('the generated procedures at runtime in the nextjs layout (@igniter-js/core 0.3.40, ioredis + adapter-redis, real redis-server)', () => {
  // The app runs in its own server process (the runtime harness), so its Redis connections, the relay's
  // subscriber included, end with it rather than retrying in this worker after Redis stops.
  let redis: RedisServer | undefined;
  let server: AppServer | undefined;
  const call = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server!.url}/api/v1${path}`, { headers });
    return { status: response.status, json: (await response.json().catch(() => undefined)) as unknown };
  };

  beforeAll(async () => {
    redis = await startRedis();
    const root = copyFixture('layouts/nextjs');
    for (const row of ROWS.filter((row) => row.generator === procedureGenerator || row.command.startsWith('controller '))) {
      await runGenerator({ root, generator: row.generator, options: row.options, prettier: false });
    }
    server = await startAppServer({ appDir: root, routerModule: 'src/igniter.router.ts', env: { REDIS_URL: redis.url }, name: 'nextjs layout' });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('rate limit (--limit 3): three requests pass, the fourth gets 429 with retryAfterSeconds; another client still passes', async () => {
    const ip = '203.0.113.9';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await call('/board', { 'x-forwarded-for': ip })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call('/board', { 'x-forwarded-for': ip });
    expect(limited.status).toBe(429);
    const error = (limited.json as { error: { code: string; message: string; details: { retryAfterSeconds: number; limit: number } } }).error;
    expect(error.code).toBe('ERR_TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/^Too many requests: the limit is 3 per 60 seconds\. Try again in \d+ seconds\.$/);
    expect(error.details.limit).toBe(3);
    expect(error.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await call('/board', { 'x-forwarded-for': '198.51.100.4' })).status).toBe(200);
  });

  it('session auth: 401 without a known session; the user from igniter.store (Redis) with one', async () => {
    expect((await call('/task')).status).toBe(401);
    expect((await call('/task', { cookie: 'session=unknown' })).status).toBe(401);
    // What a sign-in does: the session in the app's store (the adapter stores JSON).
    await redis!.client.set('session:tok-1', JSON.stringify({ id: 'u1', name: 'Ada', tenantId: 't1' }), 'EX', 60);
    expect((await call('/task', { cookie: 'session=tok-1' })).status).toBe(200);
  });
});

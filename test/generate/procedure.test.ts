/**
 * `generate procedure auth|rate-limit <name>` against a fresh copy of the fixture app: the output
 * type-checks against @igniter-js/core 0.3.40, passes the `strict` preset with zero findings (a
 * rate-limited stream satisfies require-stream-auth), re-running changes nothing, conflicts need
 * --force, and the procedures behave as documented when a real 0.3.40 router runs them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STREAM_PROCEDURES } from '../../rules/require-stream-auth/index.js';
import { procedureGenerator, STREAM_GUARD_PATTERN } from '../../src/generate/generators/procedure.js';
import { runGenerator } from '../../src/generate/run.js';
import { failure, lintStrict, typecheck } from './support.js';
import type { OptionValue } from '../../src/generate/types.js';

const REPO = join(import.meta.dirname, '..', '..');
const FIXTURE = join(REPO, 'test', 'fixtures', 'generator-app');

let temp: string;

beforeAll(() => {
  temp = mkdtempSync(join(REPO, '.tmp-gen-procedure-'));
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

function generate(root: string, kind: string, name: string, options: Record<string, OptionValue> = {}, force = false) {
  return runGenerator({ root, generator: procedureGenerator, options: { kind, name, ...options }, force, prettier: false });
}


/** Adds a controller to the copy's router (by text: the fixture's router is known). */
function addController(root: string, key: string, exportName: string, source: string): void {
  const dir = join(root, 'src', 'features', key, 'controllers');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${key}.controller.ts`), source);
  const routerFile = join(root, 'src', 'igniter.router.ts');
  const router = readFileSync(routerFile, 'utf8')
    .replace("import { healthController } from '@/features/health/controllers/health.controller'\n", (line) => `${line}import { ${exportName} } from '@/features/${key}/controllers/${key}.controller'\n`)
    .replace('    health: healthController,\n', (line) => `${line}    ${key}: ${exportName},\n`);
  writeFileSync(routerFile, router);
}

const GUARDED_STREAMS = `import { igniter } from '@/igniter'
import { sessionAuthProcedure } from '@/procedures/session-auth.procedure'
import { streamRateLimitProcedure } from '@/procedures/stream-rate-limit.procedure'

export const feedController = igniter.controller({
  name: 'Feed',
  path: '/feed',
  actions: {
    // Public, but rate limited per IP.
    public: igniter.query({
      path: '/public' as const,
      stream: true,
      use: [streamRateLimitProcedure()],
      handler: async ({ response, context }) => response.success({ items: [] as string[], remaining: context.rateLimit.remaining }),
    }),
    // Signed in, rate limited per user.
    mine: igniter.query({
      path: '/mine' as const,
      stream: true,
      use: [sessionAuthProcedure(), streamRateLimitProcedure({ limit: 5, windowSeconds: 10, bucket: 'feed.mine' })],
      handler: async ({ response, context }) => response.success({ userId: context.user.id, tenantId: context.user.tenantId }),
    }),
    post: igniter.mutation({
      path: '/' as const,
      method: 'POST',
      use: [sessionAuthProcedure()],
      handler: async ({ response, context }) =>
        response.revalidate(['feed.mine'], () => [\`user:\${context.user.id}\`]).created({ by: context.user.id }),
    }),
  },
})
`;

describe('generate procedure', () => {
  it('keeps its name check equal to require-stream-auth’s default pattern', () => {
    expect(STREAM_GUARD_PATTERN).toBe(DEFAULT_STREAM_PROCEDURES);
  });

  it('writes both kinds; the output type-checks, is usable in streams and passes the strict preset with zero findings', async () => {
    const app = freshApp();
    const auth = await generate(app, 'auth', 'session-auth');
    expect(auth.changes.map((change) => [change.kind, change.path])).toEqual([['create', 'src/procedures/session-auth.procedure.ts']]);
    const limit = await generate(app, 'rate-limit', 'stream-rate-limit', { limit: '20', window: '30' });
    expect(limit.changes.map((change) => [change.kind, change.path])).toEqual([['create', 'src/procedures/stream-rate-limit.procedure.ts']]);

    const authText = readFileSync(join(app, 'src/procedures/session-auth.procedure.ts'), 'utf8');
    expect(authText).toContain("import { igniter } from '@/igniter'");
    expect(authText).toContain('export const sessionAuthProcedure = igniter.procedure({');
    expect(authText).toContain("name: 'sessionAuth',");
    expect(authText).toContain("const SESSION_COOKIE = 'session'");
    expect(authText).toMatch(/throw new IgniterError\(\{\s+code: 'ERR_UNAUTHORIZED',/);
    expect(authText).toContain('statusCode: 401');
    expect(authText).not.toMatch(/^\s*return response\./m);
    const limitText = readFileSync(join(app, 'src/procedures/stream-rate-limit.procedure.ts'), 'utf8');
    expect(limitText).toContain('export const streamRateLimitProcedure = igniter.procedure({');
    expect(limitText).toContain('const DEFAULT_LIMIT = 20');
    expect(limitText).toContain('const DEFAULT_WINDOW_SECONDS = 30');
    // The app's store is igniter.store (0.3 does not put it in the handler's context), typed by core.
    for (const text of [authText, limitText]) {
      expect(text).toContain("import { IgniterError, type IgniterStoreAdapter } from '@igniter-js/core'");
      expect(text).toContain('const store: IgniterStoreAdapter = igniter.store');
      expect(text).not.toContain('context.store');
    }
    expect(limitText).toContain('await store.increment(key)');
    expect(limitText).toContain('await store.expire(key, windowSeconds)');
    expect(limitText).toContain('statusCode: 429');
    expect(limitText).toContain('retryAfterSeconds');
    for (const text of [authText, limitText]) expect(text).not.toMatch(/&#|&amp;|&lt;|&gt;|&quot;/);

    addController(app, 'feed', 'feedController', GUARDED_STREAMS);
    expect(typecheck(app)).toBe('');
    expect(await lintStrict(app)).toEqual([]);
  });

  it('a rate-limit procedure alone in a stream’s `use` satisfies require-stream-auth (and the rule is active)', async () => {
    const app = freshApp();
    await generate(app, 'rate-limit', 'public-rate-limit');
    const stream = (use: string) => `import { igniter } from '@/igniter'
import { publicRateLimitProcedure } from '@/procedures/public-rate-limit.procedure'

export const tickerController = igniter.controller({
  name: 'Ticker',
  path: '/ticker',
  actions: {
    prices: igniter.query({
      path: '/' as const,
      stream: true,
      use: [${use}],
      handler: async ({ response }) => response.success({ prices: [] as number[] }),
    }),
  },
})
`;
    addController(app, 'ticker', 'tickerController', stream('publicRateLimitProcedure()'));
    expect(await lintStrict(app)).toEqual([]);
    expect(typecheck(app)).toBe('');

    // Control: the same stream without the procedure is reported by the same preset.
    writeFileSync(join(app, 'src/features/ticker/controllers/ticker.controller.ts'), stream(''));
    const findings = await lintStrict(app);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain('igniter-rt/require-stream-auth');
  });

  it('re-running the same command changes nothing (only SKIP)', async () => {
    const app = freshApp();
    await generate(app, 'auth', 'admin-guard');
    await generate(app, 'rate-limit', 'rate-limit', { limit: '5' });
    const before = readFileSync(join(app, 'src/procedures/rate-limit.procedure.ts'), 'utf8');
    const again = [await generate(app, 'auth', 'admin-guard'), await generate(app, 'rate-limit', 'rate-limit', { limit: '5' })];
    for (const result of again) {
      expect(result.changes.map((change) => change.kind)).toEqual(['skip']);
      expect(result.written).toBe(false);
    }
    expect(readFileSync(join(app, 'src/procedures/rate-limit.procedure.ts'), 'utf8')).toBe(before);
  });

  it('an existing different file is a conflict (nothing written) unless --force', async () => {
    const app = freshApp();
    const path = join(app, 'src/procedures/auth.procedure.ts');
    const original = readFileSync(path, 'utf8');
    const error = await failure(generate(app, 'auth', 'auth'));
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('src/procedures/auth.procedure.ts already exists');
    expect(error.message).toContain('--force');
    expect(readFileSync(path, 'utf8')).toBe(original);

    // Changing an option of a generated file is a conflict too.
    await generate(app, 'rate-limit', 'api-rate-limit');
    expect((await failure(generate(app, 'rate-limit', 'api-rate-limit', { limit: '99' }))).exitCode).toBe(1);

    const forced = await generate(app, 'auth', 'auth', {}, true);
    expect(forced.changes.map((change) => [change.kind, change.path])).toEqual([['update', 'src/procedures/auth.procedure.ts']]);
    expect(readFileSync(path, 'utf8')).toContain('export const authProcedure = igniter.procedure({');
    expect(typecheck(app)).toBe('');
  });

  it('refuses bad names, names require-stream-auth would not recognise, and bad options (exit 2, nothing written)', async () => {
    const app = freshApp();
    const cases: [string, string, Record<string, OptionValue>, RegExp][] = [
      ['auth', 'user', {}, /does not recognise as guarding a stream.*"user-auth"/],
      ['rate-limit', 'throttle', {}, /"throttle-rate-limit"/],
      ['auth', '../evil-auth', {}, /looks like a path/],
      ['auth', 'delete', {}, /does not recognise|reserved/],
      ['auth', '9-auth', {}, /cannot become an identifier/],
      ['rate-limit', 'rate-limit', { limit: '0' }, /--limit must be a positive whole number/],
      ['rate-limit', 'rate-limit', { window: '1.5' }, /--window must be a positive whole number/],
      ['rate-limit', 'rate-limit', { limit: 'ten' }, /--limit/],
      ['auth', 'auth-x', { cookie: 'a b' }, /--cookie/],
      ['oauth', 'auth-x', {}, /Unknown procedure kind "oauth"/],
    ];
    for (const [kind, name, options, message] of cases) {
      const error = await failure(generate(app, kind, name, options));
      expect(error.exitCode, `${kind} ${name}`).toBe(2);
      expect(error.message).toMatch(message);
    }
    expect(() => readFileSync(join(app, 'src/procedures/rate-limit.procedure.ts'))).toThrow();
  });

  it('in a starter layout (procedures per feature): writes src/features/<feature>/procedures/, --feature picks the feature', async () => {
    const app = join(temp, 'nextjs-layout');
    cpSync(join(REPO, 'test', 'fixtures', 'layouts', 'nextjs'), app, { recursive: true });
    const byName = await generate(app, 'auth', 'session-auth');
    expect(byName.changes.map((change) => [change.kind, change.path])).toEqual([['create', 'src/features/session-auth/procedures/session-auth.procedure.ts']]);
    const byFeature = await generate(app, 'rate-limit', 'api-rate-limit', { feature: 'api' });
    expect(byFeature.changes.map((change) => [change.kind, change.path])).toEqual([['create', 'src/features/api/procedures/api-rate-limit.procedure.ts']]);
    expect(readFileSync(join(app, 'src/features/api/procedures/api-rate-limit.procedure.ts'), 'utf8')).toContain("import { igniter } from '@/igniter'");
    // The starter-style auth procedure is its own feature's: same path, so the usual conflict (exit 1).
    expect((await failure(generate(app, 'auth', 'auth'))).message).toBe('src/features/auth/procedures/auth.procedure.ts already exists with different content. Use --force to overwrite it.');
  });

  it('refuses a second procedure of a name another file already exports (exit 2, nothing written)', async () => {
    const app = join(temp, 'nextjs-duplicate');
    cpSync(join(REPO, 'test', 'fixtures', 'layouts', 'nextjs'), app, { recursive: true });
    const error = await failure(generate(app, 'auth', 'auth', { feature: 'admin' }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      'src/features/auth/procedures/auth.procedure.ts already exports authProcedure; a second one in src/features/admin/procedures/auth.procedure.ts would make --auth authProcedure ambiguous. ' +
        'Pick another name, or rename or remove the existing one first. Nothing was written.',
    );
    expect(existsSync(join(app, 'src/features/admin'))).toBe(false);
  });

  it('an app that keeps src/procedures: there by default, in a feature with --feature', async () => {
    const app = freshApp();
    expect((await generate(app, 'auth', 'team-auth')).changes.map((change) => change.path)).toEqual(['src/procedures/team-auth.procedure.ts']);
    expect((await generate(app, 'auth', 'org-auth', { feature: 'org' })).changes.map((change) => change.path)).toEqual(['src/features/org/procedures/org-auth.procedure.ts']);
    expect((await failure(generate(app, 'auth', 'x-auth', { feature: '../x' }))).message).toMatch(/looks like a path/);
  });

  it('generate.proceduresDir is an explicit override: procedures go there, and --feature may not put one where --auth does not look', async () => {
    const app = join(temp, 'nextjs-configured');
    cpSync(join(REPO, 'test', 'fixtures', 'layouts', 'nextjs'), app, { recursive: true });
    writeFileSync(join(app, 'igniter-rt.config.json'), JSON.stringify({ generate: { proceduresDir: 'src/server/procedures' } }));
    expect((await generate(app, 'auth', 'session-auth')).changes.map((change) => change.path)).toEqual(['src/server/procedures/session-auth.procedure.ts']);
    // --feature would put it where --auth does not look: refused.
    const error = await failure(generate(app, 'auth', 'team-auth', { feature: 'team' }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      '--feature team would write src/features/team/procedures/team-auth.procedure.ts, outside src/server/procedures/, the only folder --auth searches ("generate.proceduresDir" in igniter-rt.config.json). Leave out --feature to write it there, or change that key. Nothing was written.',
    );
    expect(existsSync(join(app, 'src/features/team'))).toBe(false);
  });

  it('refuses an app whose instance has no store, for both kinds (exit 2, nothing written)', async () => {
    const app = join(temp, 'no-store');
    cpSync(join(REPO, 'test', 'fixtures', 'layouts', 'no-store'), app, { recursive: true });
    for (const kind of ['auth', 'rate-limit']) {
      const error = await failure(generate(app, kind, kind === 'auth' ? 'session-auth' : 'rate-limit'));
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(/^generate procedure needs the app's store \(igniter\.store, .*Add \.store\(createRedisStoreAdapter\(redis\)\) to its builder/);
    }
    expect(existsSync(join(app, 'src/features/session-auth'))).toBe(false);
    expect(existsSync(join(app, 'src/features/rate-limit'))).toBe(false);
  });

  it('describes its options for the CLI, prompts and --list (--feature is never asked: its default is derived)', () => {
    expect(procedureGenerator.options.map((option) => [option.name, option.default, option.prompt])).toEqual([
      ['limit', '10', undefined],
      ['window', '60', undefined],
      ['cookie', 'session', undefined],
      ['feature', '', undefined],
    ]);
  });

  it('takes --cookie for the auth procedure', async () => {
    const app = freshApp();
    await generate(app, 'auth', 'session', { cookie: '__Host-sid' });
    expect(readFileSync(join(app, 'src/procedures/session.procedure.ts'), 'utf8')).toContain("const SESSION_COOKIE = '__Host-sid'");
    expect(typecheck(app)).toBe('');
  });

  it('behaves as documented under a real 0.3.40 router: 401 without a session, the user from the store, 429 with retryAfterSeconds', async () => {
    // A minimal app with relative imports only, so the generated files load in this process.
    const app = join(temp, 'runtime-app');
    mkdirSync(join(app, 'src', 'lib'), { recursive: true });
    cpSync(join(FIXTURE, 'src', 'lib', 'memory-store.ts'), join(app, 'src', 'lib', 'memory-store.ts'));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'bundler', target: 'ES2022' } }));
    writeFileSync(
      join(app, 'src', 'igniter.ts'),
      `import { Igniter } from '@igniter-js/core'
import { store } from './lib/memory-store'

// The store is attached to the builder only, as in the official starters: the procedures must use igniter.store.
export const igniter = Igniter.context(() => ({})).store(store).config({ baseURL: 'http://localhost:3000', basePATH: '/api/v1' }).create()
`,
    );
    writeFileSync(join(app, 'src', 'igniter.router.ts'), "import { igniter } from './igniter'\n\nexport const AppRouter = igniter.router({ controllers: {} })\n");
    // No src/procedures folder: each procedure goes to its own feature, as in the official starters.
    await generate(app, 'auth', 'session-auth');
    await generate(app, 'rate-limit', 'rate-limit', { limit: '3', window: '60' });
    expect(readFileSync(join(app, 'src/features/rate-limit/procedures/rate-limit.procedure.ts'), 'utf8')).toContain("import { igniter } from '../../../igniter'");

    const load = (file: string) => import(pathToFileURL(join(app, 'src', file)).href);
    const { igniter } = await load('igniter.ts');
    const { store } = await load('lib/memory-store.ts');
    const { sessionAuthProcedure } = await load('features/session-auth/procedures/session-auth.procedure.ts');
    const { rateLimitProcedure } = await load('features/rate-limit/procedures/rate-limit.procedure.ts');
    const router = igniter.router({
      controllers: {
        ping: igniter.controller({
          name: 'Ping',
          path: '/ping',
          actions: {
            open: igniter.query({
              path: '/open',
              use: [rateLimitProcedure()],
              handler: async ({ response, context }: { response: { success(data: unknown): unknown }; context: { rateLimit: unknown } }) =>
                response.success({ rateLimit: context.rateLimit }),
            }),
            me: igniter.query({
              path: '/me',
              use: [sessionAuthProcedure(), rateLimitProcedure({ limit: 2, bucket: 'me' })],
              handler: async ({ response, context }: { response: { success(data: unknown): unknown }; context: { user: unknown } }) => response.success({ user: context.user }),
            }),
          },
        }),
      },
    });
    const call = async (path: string, headers: Record<string, string> = {}) => {
      const response: Response = await router.handler(new Request(`http://localhost:3000/api/v1/ping${path}`, { headers }));
      const text = await response.text();
      if (!text) throw new Error(`${path}: ${response.status} ${response.statusText} with an empty body`);
      return { status: response.status, body: JSON.parse(text) as { data: unknown; error: { code: string; message: string; details?: Record<string, number> } | null } };
    };

    // 0.3.40 registers the routes while it handles its first request, which therefore gets a 404.
    await router.handler(new Request('http://localhost:3000/api/v1/ping/warm-up'));

    // Rate limit per IP: 3 allowed, then 429 with a clear message and retryAfterSeconds.
    const ip = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' };
    for (let index = 1; index <= 3; index++) expect((await call('/open', ip)).status).toBe(200);
    const limited = await call('/open', ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('ERR_TOO_MANY_REQUESTS');
    expect(limited.body.error?.message).toMatch(/^Too many requests: the limit is 3 per 60 seconds\. Try again in \d+ seconds\.$/);
    expect(limited.body.error?.details).toMatchObject({ limit: 3, windowSeconds: 60 });
    expect(limited.body.error?.details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limited.body.error?.details?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(store.client.has('rate-limit:rateLimit:ip:203.0.113.7')).toBe(true);
    expect((await call('/open', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);

    // Auth: 401 without a token or with an unknown one; the user from the store by cookie or bearer.
    const anonymous = await call('/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('ERR_UNAUTHORIZED');
    expect(anonymous.body.error?.message).toMatch(/Authentication required/);
    expect((await call('/me', { cookie: 'session=nope' })).body.error?.message).toMatch(/invalid or has expired/);
    const user = { id: 'u1', name: 'Ada', tenantId: 't1' };
    await store.set('session:tok-1', user, { ttl: 60 });
    const byCookie = await call('/me', { cookie: 'session=tok-1' });
    expect(byCookie.status).toBe(200);
    expect(byCookie.body.data).toEqual({ user });
    expect((await call('/me', { authorization: 'Bearer tok-1' })).body.data).toEqual({ user });
    // The rate limit after the auth procedure counts per user (limit 2 on this action's own bucket).
    const third = await call('/me', { authorization: 'Bearer tok-1' });
    expect(third.status).toBe(429);
    expect(store.client.has('rate-limit:me:user:u1')).toBe(true);
  });
});

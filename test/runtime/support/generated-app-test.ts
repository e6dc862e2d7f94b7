/**
 * One generated app in one starter layout, proven with real parts: `describeRealtimeApp` (notes CRUD
 * across two servers, 100 stream GETs, the guard's 403, restarts) plus the generated streams' and the
 * guard's scenarios, and a type-check of the app as served (generated code, the user's code, the page).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generatedApp, sessionCookie, sessionKey, USERS, type StarterLayout } from './generated-app.js';
import { generatedAppScenarios } from './generated-scenarios.js';
import { describeRealtimeApp } from './scenarios.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

export function describeGeneratedApp(layout: StarterLayout): void {
  const app = generatedApp(layout);
  describeRealtimeApp(`runtime: generated app in the ${layout} starter layout, two servers through its own entry`, {
    appDir: app.appDir,
    routerModule: 'src/igniter.router.ts',
    entry: app.entry,
    pageEntry: 'src/page/main.tsx',
    pageDefine: app.pageDefine,
    listPath: '/api/v1/note/',
    listKey: 'note.list',
    scope: (user) => `user:${user}`,
    sseGuarded: true,
    authHeaders: sessionCookie,
    createOverHttp: (baseUrl, user, text) =>
      fetch(`${baseUrl}/api/v1/note/`, { method: 'POST', headers: { ...sessionCookie(user), 'content-type': 'application/json' }, body: JSON.stringify({ title: text }) }),
    async prepare(redis) {
      await app.prepare(redis.url);
      // What a sign-in does: the session under `session:<token>` in the app's store (plain JSON, as the Redis adapter writes it).
      for (const user of Object.values(USERS)) await redis.client.set(sessionKey(user.id), JSON.stringify(user));
    },
    cleanup: () => app.remove(),
    scenarios: (context) => {
      generatedAppScenarios(context);
      it('the app as served type-checks: generated code, the user\'s code and the page (TypeScript 6.0)', () => {
        const result = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(app.appDir, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { encoding: 'utf8' });
        expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
        expect(result.status).toBe(0);
      });
    },
  });
}

/**
 * The runtime harness on the hand-written fixture app (test/fixtures/runtime-app): real Redis, two
 * server processes, a browser page built with Vite, headless Chromium.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRealtimeApp } from './support/scenarios.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const appDir = join(repoRoot, 'test', 'fixtures', 'runtime-app');

describeRealtimeApp('runtime: hand-written app on two servers', {
  appDir,
  routerModule: 'src/igniter.router.ts',
  pageEntry: 'src/page/main.tsx',
  listPath: '/api/v1/notes',
  listKey: 'note.list',
  scope: (user) => `user:${user}`,
  sseGuarded: false,
  authHeaders: (user) => ({ cookie: `session=${user}` }),
  createOverHttp: (baseUrl, user, text) =>
    fetch(`${baseUrl}/api/v1/notes/`, {
      method: 'POST',
      headers: { cookie: `session=${user}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    }),
});

describe('runtime fixture app', () => {
  it('type-checks (it models what the generators write)', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(appDir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});

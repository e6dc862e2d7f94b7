/**
 * The runtime harness on the hand-written fixture app (test/fixtures/runtime-app): real Redis, two
 * server processes, a browser page built with Vite, headless Chromium.
 */
import { join } from 'node:path';
import { describeRealtimeApp } from './support/scenarios.js';

const appDir = join(import.meta.dirname, '..', 'fixtures', 'runtime-app');

describeRealtimeApp('runtime: hand-written app on two servers', {
  appDir,
  routerModule: 'src/igniter.router.ts',
  pageEntry: 'src/page/main.tsx',
  listPath: '/api/v1/notes',
  listKey: 'note.list',
  scope: (user) => `user:${user}`,
  authHeaders: (user) => ({ cookie: `session=${user}` }),
  createOverHttp: (baseUrl, user, text) =>
    fetch(`${baseUrl}/api/v1/notes/`, {
      method: 'POST',
      headers: { cookie: `session=${user}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    }),
});

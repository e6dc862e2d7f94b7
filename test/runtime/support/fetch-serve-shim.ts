/**
 * A minimal `serve`, so that the Bun and Deno REST starters' entries (`src/index.ts`) run as written
 * under Node (neither runtime is installed here; no new dependency). Each starter imports it:
 * - Bun: `import { serve } from "bun"`, then `serve({ routes: { '/api/v1/*': AppRouter.handler } })`
 *   (and `server.url`); Bun's `fetch` option is accepted too;
 * - Deno: `import { serve } from "https://deno.land/std@0.203.0/http/server.ts"`, then `serve(handler, { port })`.
 * `serve` opens no port: it keeps the entry's fetch handler, and server-entry.ts (which owns the port)
 * hands it every request under the app's base path. Route patterns are what the starters use: an exact
 * path, or a prefix ending in `*`. Anything else the entries do not call does not exist, so a starter
 * that changes fails at start-up rather than behaving differently from its runtime.
 */

/** Where captured handlers are kept (on globalThis: the entry loads this module through a loader hook). */
export const FETCH_HANDLERS = Symbol.for('igniter-rt.harness.fetch-handlers');

export type FetchHandler = (request: Request) => Response | Promise<Response>;

interface BunServeOptions {
  routes?: Record<string, FetchHandler>;
  fetch?: FetchHandler;
  port?: number;
}

function capture(handler: FetchHandler): void {
  const registry = globalThis as Record<symbol, FetchHandler[] | undefined>;
  (registry[FETCH_HANDLERS] ??= []).push(handler);
}

/** Bun's `serve(options)` → a server with `url`; Deno std's `serve(handler, options)` → a promise that settles when the server closes (never, here). */
export function serve(first: BunServeOptions | FetchHandler, options?: { port?: number }): unknown {
  if (typeof first === 'function') {
    capture(first);
    return new Promise<void>(() => undefined);
  }
  const routes = Object.entries(first.routes ?? {});
  capture(async (request) => {
    const { pathname } = new URL(request.url);
    const route = routes.find(([pattern]) => (pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern));
    if (route) return route[1](request);
    if (first.fetch) return first.fetch(request);
    return new Response('Not Found', { status: 404 });
  });
  const port = first.port ?? options?.port ?? 3000;
  return { url: new URL(`http://localhost:${port}/`), port };
}

/**
 * A minimal `express`, so that an Express entry (the Express REST starter's `src/index.ts`) runs as
 * written although express is not installed here (no new dependency): `express()` gives an app with
 * `use([path], ...middleware)` and `listen(port, callback)`. `listen` opens no port: it marks the app
 * listening, and server-entry.ts (which owns the port) hands it the requests under the app's base path,
 * with the part of Express's req/res that core's `expressAdapter` uses. Only what the starter's entry
 * calls exists: anything else fails at start-up rather than behaving differently from Express.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where created apps are kept (on globalThis: the entry may load this module through a loader hook). */
export const EXPRESS_APPS = Symbol.for('igniter-rt.harness.express-apps');

export type ExpressLikeRequest = IncomingMessage & { originalUrl: string; protocol: string; get(name: string): string | undefined };
export type ExpressLikeResponse = ServerResponse & { status(code: number): ExpressLikeResponse };
type Next = (error?: unknown) => void;
type Middleware = (req: ExpressLikeRequest, res: ExpressLikeResponse, next: Next) => unknown;

export interface ShimApp {
  listening: boolean;
  use(...args: (string | Middleware)[]): ShimApp;
  listen(port: unknown, callback?: () => void): ShimApp;
  /** Runs the middleware mounted on the request's path, in order; `done` when none answered or one failed. */
  handle(req: ExpressLikeRequest, res: ExpressLikeResponse, done: Next): void;
}

export default function express(): ShimApp {
  const mounts: { path: string; handlers: Middleware[] }[] = [];
  const app: ShimApp = {
    listening: false,
    use(...args) {
      const path = typeof args[0] === 'string' ? (args.shift() as string) : '/';
      mounts.push({ path: path.replace(/\/+$/, ''), handlers: args as Middleware[] });
      return app;
    },
    listen(_port, callback) {
      app.listening = true;
      if (callback) process.nextTick(callback);
      return app;
    },
    handle(req, res, done) {
      const pathname = new URL(req.originalUrl, 'http://127.0.0.1').pathname;
      const chain = mounts.filter((mount) => mount.path === '' || pathname === mount.path || pathname.startsWith(`${mount.path}/`)).flatMap((mount) => mount.handlers);
      let index = 0;
      const next: Next = (error) => {
        if (error !== undefined || index >= chain.length) {
          done(error);
          return;
        }
        const handler = chain[index++];
        try {
          Promise.resolve(handler(req, res, next)).catch(next);
        } catch (thrown) {
          next(thrown);
        }
      };
      next();
    },
  };
  const registry = globalThis as Record<symbol, ShimApp[] | undefined>;
  (registry[EXPRESS_APPS] ??= []).push(app);
  return app;
}

/**
 * Child process: serves one Igniter.js app over node:http. Run with `node --import tsx` from the app's
 * folder (tsx resolves its tsconfig `@/*` paths). Environment:
 *   APP_SERVE          how requests reach the app (default `router`):
 *                      `router`        the router's `handler` (APP_ROUTER_MODULE, APP_ROUTER_EXPORT);
 *                      `next-route`    a Next.js route handler module (APP_ENTRY_MODULE, e.g.
 *                                      src/app/api/v1/[[...all]]/route.ts): each request goes to its export
 *                                      named after the method (GET, POST, ...), 405 when there is none;
 *                      `express-entry` the app's Express entry (APP_ENTRY_MODULE, e.g. src/index.ts), run as
 *                                      written: its `express` import is answered by express-shim.ts (express
 *                                      is not installed), whose `app.listen` hands the mounted middleware
 *                                      (`expressAdapter(...)`) to this server.
 *                      `fetch-entry`   the Bun or Deno REST starter's entry (APP_ENTRY_MODULE, src/index.ts), run
 *                                      as written: its `serve` import (`bun`, Deno std's http/server.ts) is
 *                                      answered by fetch-serve-shim.ts, which hands the entry's fetch
 *                                      handler (`routes` / `handler`) to this server.
 *   APP_ROUTER_MODULE  absolute path of the module that exports the router (`router` mode)
 *   APP_ROUTER_EXPORT  its export name (default `AppRouter`)
 *   APP_ENTRY_MODULE   absolute path of the entry module (`next-route`, `express-entry`, `fetch-entry` modes)
 *   APP_BASE_PATH      the router's basePATH (default `/api/v1`): requests under it go to the router
 *   STATIC_DIR         optional: the built browser page (index.html and assets)
 *   PORT               port on 127.0.0.1
 * Prints `HARNESS_READY <port>` once listening. Harness endpoints (outside the app's basePATH):
 *   GET /__harness/requests  every router request so far: { tab, method, path, status, at }
 *   GET /__harness/memory    process.memoryUsage() after a full GC (when run with --expose-gc)
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { EXPRESS_APPS, type ExpressLikeRequest, type ExpressLikeResponse, type ShimApp } from './express-shim.js';
import { FETCH_HANDLERS, type FetchHandler } from './fetch-serve-shim.js';

interface Router {
  handler(request: Request): Promise<Response>;
}

interface RequestRecord {
  tab: string | null;
  method: string;
  path: string;
  status: number;
  at: number;
}

const TAB_HEADER = 'x-harness-tab';
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`server-entry: ${name} is not set`);
  return value;
}

const serveMode = process.env.APP_SERVE ?? 'router';
const basePath = process.env.APP_BASE_PATH ?? '/api/v1';
const staticDir = process.env.STATIC_DIR;
const port = Number(required('PORT'));

/** One request of the app: a fetch handler (`router`, `next-route`) or the Express middleware (`express-entry`). */
type AppDispatch = { kind: 'fetch'; handle(request: Request): Promise<Response> } | { kind: 'express'; app: ShimApp };

async function loadApp(): Promise<AppDispatch> {
  if (serveMode === 'router') {
    const routerModule = required('APP_ROUTER_MODULE');
    const routerExport = process.env.APP_ROUTER_EXPORT ?? 'AppRouter';
    const loaded = (await import(pathToFileURL(routerModule).href)) as Record<string, Router | undefined>;
    const router = loaded[routerExport];
    if (!router || typeof router.handler !== 'function') throw new Error(`server-entry: ${routerModule} has no export ${routerExport} with a handler`);
    return { kind: 'fetch', handle: (request) => router.handler(request) };
  }
  const entryModule = required('APP_ENTRY_MODULE');
  if (serveMode === 'next-route') {
    const route = (await import(pathToFileURL(entryModule).href)) as Record<string, ((request: Request) => Promise<Response>) | undefined>;
    // What Next.js does with a route module: the export named after the method, else 405.
    return { kind: 'fetch', handle: async (request) => route[request.method]?.(request) ?? new Response(null, { status: 405 }) };
  }
  if (serveMode === 'express-entry') {
    register(new URL('./express-hooks.mjs', import.meta.url));
    await import(pathToFileURL(entryModule).href);
    const app = (globalThis as Record<symbol, ShimApp[] | undefined>)[EXPRESS_APPS]?.at(-1);
    if (!app?.listening) throw new Error(`server-entry: ${entryModule} did not create an express app and call app.listen()`);
    return { kind: 'express', app };
  }
  if (serveMode === 'fetch-entry') {
    register(new URL('./fetch-serve-hooks.mjs', import.meta.url));
    await import(pathToFileURL(entryModule).href);
    const handler = (globalThis as Record<symbol, FetchHandler[] | undefined>)[FETCH_HANDLERS]?.at(-1);
    if (!handler) throw new Error(`server-entry: ${entryModule} did not call serve(...) with a fetch handler`);
    return { kind: 'fetch', handle: async (request) => handler(request) };
  }
  throw new Error(`server-entry: unknown APP_SERVE ${serveMode}`);
}

const dispatch = await loadApp();

const requests: RequestRecord[] = [];

/** The request as a fetch `Request`, as core's expressAdapter builds it (headers copied, body streamed). */
function toFetchRequest(req: IncomingMessage): Request {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `127.0.0.1:${port}`}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(key, item);
  }
  const hasBody = !['GET', 'HEAD'].includes((req.method ?? 'GET').toUpperCase());
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (req as unknown as ReadableStream) : undefined,
    // Node's fetch needs `duplex` for a streamed body (an IncomingMessage is an async iterable).
    duplex: 'half',
  });
}

/** Streams the Response back; when the client goes away first, cancels the body (an SSE stream never ends). */
async function sendResponse(response: Response, res: ServerResponse): Promise<void> {
  const setCookies: string[] = [];
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    if (key.toLowerCase() === 'set-cookie') setCookies.push(value);
    else res.setHeader(key, value);
  });
  if (setCookies.length > 0) res.setHeader('set-cookie', setCookies);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  res.on('close', () => {
    if (!res.writableFinished) void reader.cancel().catch(() => undefined);
  });
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
    if (done) break;
    if (!res.destroyed) res.write(value);
  }
  res.end();
}

function serveStatic(pathname: string, res: ServerResponse): void {
  if (!staticDir) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(staticDir, relative);
  if (!file.startsWith(staticDir + sep) || !existsSync(file) || !statSync(file).isFile()) file = join(staticDir, 'index.html');
  res.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  createReadStream(file).pipe(res);
}

/**
 * Hands the request to the Express app's middleware with the part of Express's req/res it uses
 * (`expressAdapter`: `req.originalUrl`, `req.protocol`, `req.get('host')`, `req.headers`, `req.method`,
 * the request as the body stream; `res.status()`, `res.setHeader()`, `res.write()`, `res.end()`; `next(error)`).
 * The response is recorded when its status is sent (an SSE response never ends).
 */
function serveExpress(app: ShimApp, req: IncomingMessage, res: ServerResponse, record: RequestRecord): void {
  let recorded = false;
  const recordOnce = () => {
    if (recorded) return;
    recorded = true;
    record.status = res.statusCode;
    requests.push(record);
  };
  const request = Object.assign(req, {
    originalUrl: req.url ?? '/',
    protocol: 'http',
    get: (name: string) => req.headers[name.toLowerCase()] as string | undefined,
  }) as ExpressLikeRequest;
  const response = res as ExpressLikeResponse;
  response.status = (code: number) => {
    res.statusCode = code;
    return response;
  };
  const write = res.write.bind(res) as (chunk: unknown) => boolean;
  const end = res.end.bind(res) as (chunk?: unknown) => void;
  response.write = ((chunk: unknown) => {
    recordOnce();
    return write(chunk);
  }) as ExpressLikeResponse['write'];
  response.end = ((chunk?: unknown) => {
    recordOnce();
    end(chunk);
    return response;
  }) as ExpressLikeResponse['end'];
  app.handle(request, response, (error) => {
    process.stderr.write(`server-entry: ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error ?? 'no middleware answered')}\n`);
    if (!res.headersSent) res.statusCode = error ? 500 : 404;
    response.end();
  });
}

function harness(pathname: string, res: ServerResponse): void {
  res.setHeader('content-type', 'application/json');
  if (pathname === '/__harness/requests') {
    res.end(JSON.stringify(requests));
    return;
  }
  if (pathname === '/__harness/memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    res.end(JSON.stringify({ ...process.memoryUsage(), gc: Boolean(gc) }));
    return;
  }
  res.statusCode = 404;
  res.end('{}');
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/__harness/')) return harness(url.pathname, res);
  if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return serveStatic(url.pathname, res);
  const tabHeader = req.headers[TAB_HEADER];
  const record: RequestRecord = {
    tab: typeof tabHeader === 'string' ? tabHeader : null,
    method: req.method ?? 'GET',
    path: `${url.pathname}${url.search}`,
    status: 0,
    at: Date.now(),
  };
  if (dispatch.kind === 'express') {
    serveExpress(dispatch.app, req, res, record);
    return;
  }
  void (async () => {
    try {
      const response = await dispatch.handle(toFetchRequest(req));
      record.status = response.status;
      requests.push(record);
      await sendResponse(response, res);
    } catch (error) {
      record.status = 500;
      requests.push(record);
      process.stderr.write(`server-entry: ${req.method} ${url.pathname}: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  })();
});
// SSE connections stay open; nothing here may time them out.
server.requestTimeout = 0;
server.keepAliveTimeout = 5_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`HARNESS_READY ${port}\n`));

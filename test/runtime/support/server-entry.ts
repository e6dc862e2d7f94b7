/**
 * Child process: serves one Igniter.js app over node:http. Run with `node --import tsx` from the app's
 * folder (tsx resolves its tsconfig `@/*` paths). Environment:
 *   APP_ROUTER_MODULE  absolute path of the module that exports the router
 *   APP_ROUTER_EXPORT  its export name (default `AppRouter`)
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
import { pathToFileURL } from 'node:url';

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

const routerModule = required('APP_ROUTER_MODULE');
const routerExport = process.env.APP_ROUTER_EXPORT ?? 'AppRouter';
const basePath = process.env.APP_BASE_PATH ?? '/api/v1';
const staticDir = process.env.STATIC_DIR;
const port = Number(required('PORT'));

const loaded = (await import(pathToFileURL(routerModule).href)) as Record<string, Router | undefined>;
const router = loaded[routerExport];
if (!router || typeof router.handler !== 'function') throw new Error(`server-entry: ${routerModule} has no export ${routerExport} with a handler`);

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
  void (async () => {
    try {
      const response = await router.handler(toFetchRequest(req));
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

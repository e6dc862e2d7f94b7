/**
 * One app server process: `server-entry.ts` under tsx (so the app's tsconfig `@/*` paths resolve), the
 * app's router behind node:http on 127.0.0.1, the built page served from `staticDir`. Start several on
 * one Redis to have several instances; `restart()` kills one and starts it again on the same port.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type StartedChild } from './child-process.js';
import { freePort } from './free-port.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX_LOADER = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const SERVER_ENTRY = join(import.meta.dirname, 'server-entry.ts');

/**
 * How the server hands requests to the app (see server-entry.ts): the router's `handler` (default), a
 * Next.js route handler module (`GET`, `POST`, ... by method), or the app's Express, Bun or Deno entry run as written.
 */
export type AppEntry = { kind: 'next-route'; module: string } | { kind: 'express-entry'; module: string } | { kind: 'fetch-entry'; module: string };

export interface AppServerOptions {
  /** The app's root: its tsconfig.json is used for path aliases, and it is the working directory. */
  appDir: string;
  /** The module that exports the router, relative to `appDir` (e.g. `src/igniter.router.ts`). */
  routerModule: string;
  routerExport?: string;
  /** Serve through this entry (relative to `appDir`) instead of the router's handler. */
  entry?: AppEntry;
  basePath?: string;
  staticDir?: string;
  /** Extra environment (REDIS_URL, ...). */
  env?: Record<string, string>;
  /** A fixed port; a free one otherwise. */
  port?: number;
  /** Name in error messages. */
  name?: string;
}

/** One request the router answered, as the server recorded it. */
export interface RecordedRequest {
  /** The `x-harness-tab` header: the label of the browser tab that sent it (see browser.ts). */
  tab: string | null;
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface ServerMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Whether a full GC ran first (the process has --expose-gc). */
  gc: boolean;
}

export interface AppServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  /** The requests the router answered since this process started. */
  requests(): Promise<RecordedRequest[]>;
  memory(): Promise<ServerMemory>;
  /** Kills the process (SIGTERM) and starts a new one on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const routerFile = join(options.appDir, options.routerModule);
  if (!existsSync(routerFile)) throw new Error(`startAppServer: ${routerFile} does not exist`);
  const entryFile = options.entry && join(options.appDir, options.entry.module);
  if (entryFile && !existsSync(entryFile)) throw new Error(`startAppServer: ${entryFile} does not exist`);
  const port = options.port ?? (await freePort());
  const name = options.name ?? `app server :${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    PORT: String(port),
    APP_ROUTER_MODULE: routerFile,
    APP_ROUTER_EXPORT: options.routerExport ?? 'AppRouter',
    APP_BASE_PATH: options.basePath ?? '/api/v1',
    TSX_TSCONFIG_PATH: join(options.appDir, 'tsconfig.json'),
    NODE_ENV: 'production',
  };
  if (options.staticDir) env.STATIC_DIR = options.staticDir;
  if (options.entry && entryFile) {
    env.APP_SERVE = options.entry.kind;
    env.APP_ENTRY_MODULE = entryFile;
  }
  const launch = () =>
    startChild(process.execPath, ['--expose-gc', '--import', TSX_LOADER, SERVER_ENTRY], {
      cwd: options.appDir,
      env,
      name,
      ready: /HARNESS_READY \d+/,
      timeoutMs: 20_000,
    });
  let current: StartedChild = await launch();
  const url = `http://127.0.0.1:${port}`;
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`);
    if (!response.ok) throw new Error(`${name}: GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    url,
    port,
    get pid() {
      return current.child.pid;
    },
    requests: () => getJson<RecordedRequest[]>('/__harness/requests'),
    memory: () => getJson<ServerMemory>('/__harness/memory'),
    async restart() {
      await current.stop();
      current = await launch();
    },
    stop: () => current.stop(),
    output: () => current.output(),
  };
}

/**
 * Test support for the generators: copies of the fixture app inside the repo (so `@igniter-js/core`,
 * zod and react resolve from its node_modules), a generator run against a virtual tree, the commit,
 * the two proofs (`tsc --noEmit` and the `strict` preset), and the expected-failure helper.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { createServer } from 'vite';
import plugin from '../../src/eslint/plugin.js';
import { commitChanges } from '../../src/generate/commit.js';
import { importPath, resolveLayout } from '../../src/generate/layout.js';
import { createRenderer } from '../../src/generate/render.js';
import { VirtualTree } from '../../src/generate/tree.js';
import type { FileChange, GeneratorDefinition, OptionValue } from '../../src/generate/types.js';

export const repoRoot = join(import.meta.dirname, '..', '..');
const copies: string[] = [];

/**
 * A fresh copy of a fixture app, removed by `removeCopies()`: test/fixtures/generator-app by default,
 * or another folder under test/fixtures (`layouts/nextjs`).
 */
export function copyFixture(fixture = 'generator-app'): string {
  const root = mkdtempSync(join(repoRoot, '.tmp-gen-'));
  cpSync(join(repoRoot, 'test', 'fixtures', fixture), root, { recursive: true });
  copies.push(root);
  return root;
}

export function removeCopies(): void {
  for (const root of copies.splice(0)) rmSync(root, { recursive: true, force: true });
}

export function writeFile(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Runs a generator into a virtual tree over `root`; returns the tree's change list (nothing written). */
export function runGenerator(root: string, generator: GeneratorDefinition, options: Record<string, OptionValue>): FileChange[] {
  const tree = new VirtualTree(root);
  const layout = resolveLayout(root);
  const renderer = createRenderer(root);
  generator.run(tree, options, { layout, render: (template, data) => renderer.render(template, data), importPath: (from, to) => importPath(layout, from, to) });
  return tree.changes();
}

/** Runs a generator and writes its changes. */
export function generate(root: string, generator: GeneratorDefinition, options: Record<string, OptionValue>): FileChange[] {
  const changes = runGenerator(root, generator, options);
  commitChanges(root, changes);
  return changes;
}

export function summary(changes: FileChange[]): string[] {
  return changes.map((change) => `${change.kind.toUpperCase()} ${change.path}`);
}

/** The TypeScript versions generated code must compile with: package folder in node_modules → version. */
export const TYPESCRIPTS = { typescript: '6.0', typescript59: '5.9' } as const;

/** `tsc --noEmit` on the copy (with `node_modules/<typescript>/bin/tsc`): the diagnostics, empty when it compiles. */
export function typecheck(root: string, typescript: keyof typeof TYPESCRIPTS = 'typescript'): string {
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules', typescript, 'bin', 'tsc'), '-p', join(root, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], {
    encoding: 'utf8',
  });
  return `${result.stdout}${result.stderr}`.trim();
}

/** Lints the copy's sources with the `strict` preset: `file:line rule message` per finding. */
export async function lintStrict(root: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.strict] });
  const results = await eslint.lintFiles(['src/**/*.{ts,tsx}']);
  return results.flatMap((result) => result.messages.map((message) => `${result.filePath.slice(root.length + 1)}:${message.line} ${message.ruleId ?? 'parse'} ${message.message}`));
}

/** A revalidate event as the SSE endpoint sends it. */
export type RevalidateEvent = { scopes?: string[]; data: { queryKeys: string[]; data?: unknown } };

export interface EventStream {
  /** The HTTP status of the SSE request (200 when 0.3 accepted its channels). */
  status: number;
  /** The `revalidate` events received so far. */
  events(): RevalidateEvent[];
  close(): Promise<void>;
}

/** Opens the SSE connection IgniterProvider opens (`channels=revalidation`, the tab's scopes) on `handler`. */
export async function openEvents(handler: (request: Request) => Promise<Response>, scopes: string[], headers: Record<string, string> = {}): Promise<EventStream> {
  const response = await handler(new Request(`http://localhost:3000/api/v1/sse/events?channels=revalidation&scopes=${scopes.join(',')}`, { headers }));
  if (response.status !== 200 || !response.body) return { status: response.status, events: () => [], close: async () => undefined };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      text += decoder.decode(value, { stream: true });
    }
  })();
  return {
    status: response.status,
    events: () =>
      text
        .split('\n\n')
        .filter((block) => block.includes('event: revalidate'))
        .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1]) as RevalidateEvent),
    close: async () => {
      await reader.cancel();
      await reading;
    },
  };
}

export interface CallOptions {
  body?: unknown;
  /** Signed in as `user` through the fixture's session cookie (default `u1`). */
  user?: string;
  /** The request's headers instead of that cookie (`{}` for an anonymous request). */
  headers?: Record<string, string>;
}

export interface RunningApp {
  /** A request through the copy's `AppRouter.handler`, signed in as `user` (the fixture's session cookie) unless `headers` are given. */
  call(method: string, path: string, options?: CallOptions): Promise<{ status: number; json: unknown }>;
  /** Opens the SSE connection a client opens for `scopes`. */
  listen(scopes: string[], options?: Pick<CallOptions, 'user' | 'headers'>): Promise<EventStream>;
  /** A module of the copy as the app itself loads it (same instances as the router's): `/src/services/store.ts`. */
  load(module: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Loads the copy's router (through Vite's SSR loader, which resolves the `@/` alias) to run the generated
 * code for real: requests through `AppRouter.handler`, and the SSE endpoint the client connects to.
 * `isolateCore` loads its own copy of @igniter-js/core (its SSE connections live in a static registry of
 * that module), so two apps started that way behave like two server processes; they share only what
 * they share through `globalThis` (a store, as two processes share Redis).
 */
export async function startApp(root: string, options: { isolateCore?: boolean; serve?: { module: string; handler: string } } = {}): Promise<RunningApp> {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    server: { middlewareMode: true, hmr: false, ws: false },
    resolve: { alias: { '@': join(root, 'src') } },
    optimizeDeps: { noDiscovery: true },
    ...(options.isolateCore && { ssr: { noExternal: ['@igniter-js/core'] } }),
  });
  const { AppRouter } = (await server.ssrLoadModule('/src/igniter.router.ts')) as { AppRouter: { handler(request: Request): Promise<Response> } };
  // What serves the app: the router's handler, or (`serve`) a handler exported by one of the app's files.
  const handler = options.serve
    ? ((await server.ssrLoadModule(options.serve.module)) as Record<string, (request: Request) => Promise<Response>>)[options.serve.handler]
    : (incoming: Request) => AppRouter.handler(incoming);
  const headersOf = (options: Pick<CallOptions, 'user' | 'headers'> = {}) => options.headers ?? { cookie: `session=${options.user ?? 'u1'}` };
  const request = (method: string, path: string, options: CallOptions = {}) =>
    handler(
      new Request(`http://localhost:3000/api/v1${path}`, {
        method,
        headers: { ...headersOf(options), 'content-type': 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      }),
    );
  return {
    async call(method, path, options) {
      const response = await request(method, path, options);
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    },
    listen: (scopes, options) => openEvents(handler, scopes, headersOf(options)),
    load: (path) => server.ssrLoadModule(path),
    close: () => server.close(),
  };
}

/** Waits (up to 3 s) for `condition`, for events that arrive asynchronously. */
export async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

export { failure } from './expected-error.js';

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
const fixture = join(repoRoot, 'test', 'fixtures', 'generator-app');
const copies: string[] = [];

/** A fresh copy of the fixture app, removed by `removeCopies()`. */
export function copyFixture(): string {
  const root = mkdtempSync(join(repoRoot, '.tmp-gen-'));
  cpSync(fixture, root, { recursive: true });
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

/** `tsc --noEmit` on the copy: the diagnostics, empty when it compiles. */
export function typecheck(root: string): string {
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], {
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

export interface RunningApp {
  /** A request through the copy's `AppRouter.handler`, signed in as `user` (the fixture's session cookie). */
  call(method: string, path: string, options?: { body?: unknown; user?: string | null }): Promise<{ status: number; json: unknown }>;
  /** Opens the SSE connection a client opens for `scopes`; `events()` are the `revalidate` events so far. */
  listen(scopes: string[], user?: string): Promise<{ events(): { scopes?: string[]; data: { queryKeys: string[] } }[]; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * Loads the copy's router (through Vite's SSR loader, which resolves the `@/` alias) to run the generated
 * code for real: requests through `AppRouter.handler`, and the SSE endpoint the client connects to.
 */
export async function startApp(root: string, options: { serve?: { module: string; handler: string } } = {}): Promise<RunningApp> {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    server: { middlewareMode: true, hmr: false, ws: false },
    resolve: { alias: { '@': join(root, 'src') } },
    optimizeDeps: { noDiscovery: true },
  });
  const { AppRouter } = (await server.ssrLoadModule('/src/igniter.router.ts')) as { AppRouter: { handler(request: Request): Promise<Response> } };
  // What serves the app: the router's handler, or (`serve`) a handler exported by one of the app's files.
  const handler = options.serve
    ? ((await server.ssrLoadModule(options.serve.module)) as Record<string, (request: Request) => Promise<Response>>)[options.serve.handler]
    : AppRouter.handler;
  const request = (method: string, path: string, options: { body?: unknown; user?: string | null } = {}) =>
    handler(
      new Request(`http://localhost:3000/api/v1${path}`, {
        method,
        headers: { ...(options.user === null ? {} : { cookie: `session=${options.user ?? 'u1'}` }), 'content-type': 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      }),
    );
  return {
    async call(method, path, options) {
      const response = await request(method, path, options);
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    },
    async listen(scopes, user) {
      const response = await request('GET', `/sse/events?channels=revalidation&scopes=${scopes.join(',')}`, { user });
      if (response.status !== 200) throw new Error(`The SSE endpoint answered ${response.status}: ${await response.text()}`);
      const reader = response.body!.getReader();
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
        events: () =>
          text
            .split('\n\n')
            .filter((block) => block.includes('event: revalidate'))
            .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1])),
        close: async () => {
          await reader.cancel();
          await reading;
        },
      };
    },
    close: () => server.close(),
  };
}

/** Waits (up to 3 s) for `condition`, for events that arrive asynchronously. */
export async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

export { failure } from './expected-error.js';

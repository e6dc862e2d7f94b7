/**
 * The project index's facts of one file (src/analysis/file-facts.ts, app-facts.ts, data-access.ts) are read
 * on TypeScript's nodes: extracting them wraps no source file for ts-morph, so a cold index and an editor's
 * unsaved buffer never load it. The facts are cached on disk as JSON: they are pinned here as the
 * ts-morph-wrapper reading gave them (test/fixtures/file-facts/expected-facts.json, written by that code
 * before the conversion), byte for byte, key order included.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/analysis/file-facts.js';
import { FileModel } from '../../src/analysis/file-model.js';
import { parseCompilerSourceFile, parseSourceFile } from '../../src/analysis/parse.js';
import { lazyProjectFacts } from '../../src/analysis/project-context.js';
import { ProjectIndex } from '../../src/analysis/project-index.js';
import { resolveSettings } from '../../src/analysis/settings.js';
import { wrapCount } from '../../src/analysis/syntax-file.js';
import { ensureBuilt } from '../support/built-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLE_APP = join(ROOT, 'examples', 'chat-app');
const EXPECTED = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'file-facts', 'expected-facts.json'), 'utf8')) as Record<string, unknown>;

const FILES = [
  'examples/chat-app/src/igniter.ts',
  'examples/chat-app/src/igniter.context.ts',
  'examples/chat-app/src/igniter.client.ts',
  'examples/chat-app/src/igniter.router.ts',
  'examples/chat-app/src/procedures/auth.procedure.ts',
  'examples/chat-app/src/features/message/controllers/message.controller.ts',
  'examples/chat-app/src/features/room/controllers/room.controller.ts',
  'test/fixtures/data-model/src/features/lead/lead.procedure.ts',
  'test/fixtures/data-model/src/features/lead/lead.controller.ts',
  'test/fixtures/data-model/src/services/notification.service.ts',
  'test/fixtures/projects/split-router/src/controllers/core.ts',
];

/**
 * Names as ts-morph's wrappers read them: an identifier's `getText` is its value (`\u0061b` → `ab`), other
 * nodes' their source (`{ c\u0064, e: [f] }`, `"local-b"`, `'quoted'`), a string-literal import name its
 * value; overload signatures are no methods, except in a `declare class`; a setter named `'store'` is no `store`.
 */
const ODD_NAMES = String.raw`import { \u0049gniter as I } from '@igniter-js/core';
import { createIgniterClient as \u0063lientFactory } from '@igniter-js/core/client';
import \u0064efaultThing, * as \u006es from './ns';
import { "quoted-name" as quoted, \u0061lpha, beta as \u0062eta2 } from './names';
import type { T1 } from './types';
import { send as \u0073endIt } from './notify';
export { \u0061lpha, beta as "b-c", gamma as \u0067 } from './names';
export { localA as "local-b", \u006cocalC };
export { a } from b;
export * from './star';
export * as starNs from './star2';
export const \u0061b = 1, { c\u0064, e: [f] } = obj;
export function \u0066n() { return 1; }
export class \u0043ls {}
export const \u0069gniter = I.\u0063ontext(\u0063reateContext()).store(redis).create();
export const api = \u0063lientFactory<AppRouter>({});
const withSetter = { set 'store'(v) {}, other: 1 };
const \u0073ervice = new \u0053ervice();
export const \u006dessageController = igniter.controller({
  name: 'message',
  actions: {
    list: igniter.query({ handler: async ({ context, response }) => response.success(await context.\u0064atabase.\u006dessage.findMany()) }),
    \u0063reate: \u0063reateAction,
    other: ns.\u006fther,
  },
});
export const \u0063reateAction = igniter.mutation({ handler: async ({ context, response, realtime }) => {
  const \u0072oom = await context.database.room.findFirst();
  if (!\u0072oom) return response.notFound();
  await \u0073ervice.\u0073end(\u0072oom.\u0069d);
  \u0073endIt(room);
  realtime.publish(\u0063hannel, {});
  await context.database.message.create({ data: { roomId: room.id } });
  return response.revalidate(['message.list'], (ctx) => ['user:' + ctx.user.id]).created({});
} });
const { destructured } = igniter.query({ handler: async ({ response }) => response.success({}) });
export default igniter.controller({ name: 'inline', actions: { a: igniter.query({ handler: async ({ response }) => response.success(1) }) } });
export const \u0041ppRouter = igniter.router({
  controllers: {
    \u006dessage: \u006dessageController,
    'quoted': ns.\u0071uoted,
    ...\u0073pread,
    ...notIdentifier(),
    inline: igniter.controller({ name: 'x', actions: {} }),
  },
});
export const \u0063ontrollers = { \u006dessage: \u006dessageController, ...\u006dore };
export const \u0050roc = igniter.\u0070rocedure({ handler: async (_, { context }) => ({ \u006cead: { \u0063reate: async (data) => context.database.lead.create(data) } }) });
class \u0053ervice {
  \u0073end(id) { return this.\u0064b.notification.create({ data: { id } }); }
  'quoted'() { return this.\u0073end(1); }
  #private() {}
  overload(a: string): void;
  overload(a: any) { return notify(a); }
  \u0061rrow = async (x) => this.db.user.findMany({ where: { x } });
}
declare class Ambient { signature(): void; }
`;

/** Name → [file name, text]: the files, and the odd names with `\n` and with lone `\r` line ends (lines count `\n` only). */
function inputs(): [string, string, string][] {
  const files = FILES.map((file): [string, string, string] => [file, join(ROOT, file), readFileSync(join(ROOT, file), 'utf8')]);
  const odd = join(ROOT, 'src', 'odd-names.ts');
  return [...files, ['odd-names.ts', odd, ODD_NAMES], ['odd-names.ts (CR line ends)', odd, ODD_NAMES.replace(/\n/g, '\r')]];
}

describe('file facts', () => {
  it('gives the facts the ts-morph reading gave, byte for byte, and wraps no source file', () => {
    const settings = resolveSettings({});
    const before = wrapCount.sourceFiles;
    const extracted = inputs().map(([name, fileName, text]) => [name, JSON.stringify(extractFacts(new FileModel(parseCompilerSourceFile(text, fileName), fileName, settings)))]);
    expect(wrapCount.sourceFiles).toBe(before);
    expect(Object.keys(EXPECTED)).toEqual(extracted.map(([name]) => name));
    for (const [name, json] of extracted) expect(json, name).toBe(JSON.stringify(EXPECTED[name]));
  });

  it('gives the same facts from a file model over a ts-morph source file', () => {
    const settings = resolveSettings({});
    for (const [name, fileName, text] of inputs()) {
      expect(JSON.stringify(extractFacts(new FileModel(parseSourceFile(text, fileName), fileName, settings))), name).toBe(JSON.stringify(EXPECTED[name]));
    }
  });

  it('builds a cold project index of the example app, and the facts of an unsaved buffer, wrapping no source file', () => {
    const settings = resolveSettings({});
    const before = wrapCount.sourceFiles;
    const index = new ProjectIndex(EXAMPLE_APP, settings);
    index.refresh(true);
    const view = index.view();
    expect(view.hasRouter).toBe(true);
    expect(view.routerComplete).toBe(true);
    expect(view.actionKinds().size).toBeGreaterThan(10);

    // An editor's buffer of the message controller, with an action not on disk: its facts come from its model.
    const fileName = join(EXAMPLE_APP, 'src/features/message/controllers/message.controller.ts');
    const text = readFileSync(fileName, 'utf8').replace(/actions: \{/, "actions: {\n    unsaved: igniter.query({ path: '/unsaved', handler: async ({ response }) => response.success([]) }),");
    expect(text).toContain('unsaved:');
    const buffer = new FileModel(parseCompilerSourceFile(text, fileName), fileName, settings);
    const facts = lazyProjectFacts(buffer, EXAMPLE_APP);
    expect(facts.actionKinds().get('message.unsaved')).toMatchObject({ kind: 'query', stream: 'missing' });
    expect(facts.routerKeysOf(fileName, 'messageController')).toEqual(['message']);
    expect(wrapCount.sourceFiles).toBe(before);
  });

  it('in a process of its own, a cold project index and the facts of an unsaved buffer never load ts-morph', () => {
    ensureBuilt('analysis/project-index.js');
    const built = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', 'analysis', path)).href);
    const fileName = join(EXAMPLE_APP, 'src/features/message/controllers/message.controller.ts');
    const script = `
      import Module from 'node:module';
      import { readFileSync } from 'node:fs';
      const { ProjectIndex } = await import(${built('project-index.js')});
      const { lazyProjectFacts } = await import(${built('project-context.js')});
      const { FileModel } = await import(${built('file-model.js')});
      const { parseCompilerSourceFile } = await import(${built('parse.js')});
      const { resolveSettings } = await import(${built('settings.js')});
      const settings = resolveSettings({});
      const index = new ProjectIndex(${JSON.stringify(EXAMPLE_APP)}, settings);
      index.refresh(true);
      const actions = index.view().actionKinds().size;
      const fileName = ${JSON.stringify(fileName)};
      const text = readFileSync(fileName, 'utf8').replace('actions: {', "actions: {\\n    unsaved: igniter.query({ handler: async ({ response }) => response.success([]) }),");
      const buffer = new FileModel(parseCompilerSourceFile(text, fileName), fileName, settings);
      const unsaved = lazyProjectFacts(buffer, ${JSON.stringify(EXAMPLE_APP)}).actionKinds().has('message.unsaved');
      const tsMorph = Object.keys(Module._cache).filter((path) => /[\\\\/]ts-morph[\\\\/]/.test(path));
      console.log(JSON.stringify({ actions, unsaved, tsMorph }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, IGNITER_RT_CACHE: '0' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const { actions, unsaved, tsMorph } = JSON.parse(result.stdout) as { actions: number; unsaved: boolean; tsMorph: string[] };
    expect(actions).toBeGreaterThan(10);
    expect(unsaved).toBe(true);
    expect(tsMorph).toEqual([]);
  });

  it('reads a router on compiler nodes; its wrappers are made on request', () => {
    const fileName = join(EXAMPLE_APP, 'src/igniter.router.ts');
    const file = new FileModel(parseCompilerSourceFile(readFileSync(fileName, 'utf8'), fileName), fileName, resolveSettings({}));
    const before = wrapCount.sourceFiles;
    const [router] = file.declarations().routers;
    expect(router.registrations.map((registration) => [registration.key, registration.compilerValue.getText(), registration.compilerKeyNode.getText()]).length).toBeGreaterThan(2);
    expect(router.compilerCall.getText()).toMatch(/^igniter\.router\(/);
    expect(wrapCount.sourceFiles).toBe(before);
    const [first] = router.registrations;
    expect([first.value.getText(), first.keyNode.getText(), router.call.getText()]).toEqual([first.compilerValue.getText(), first.compilerKeyNode.getText(), router.compilerCall.getText()]);
    expect(wrapCount.sourceFiles).toBe(before + 1);
  });
});

/** The project index over fixture apps on disk: aliases, re-exports, split routers, and bad input. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/analysis/file-facts.js';
import { FileModel } from '../../src/analysis/file-model.js';
import { parseSourceFile } from '../../src/analysis/parse.js';
import { ProjectIndex } from '../../src/analysis/project-index.js';
import { resolveSettings, type IgniterSettings } from '../../src/analysis/settings.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'projects');

function indexOf(name: string, settings: Partial<IgniterSettings> = {}, root = join(FIXTURES, name)) {
  const index = new ProjectIndex(root, resolveSettings(settings));
  index.refresh(true);
  return index;
}

function kinds(name: string, settings: Partial<IgniterSettings> = {}) {
  const facts = indexOf(name, settings).view();
  return Object.fromEntries([...facts.actionKinds()].map(([key, value]) => [key, `${value.kind}${value.stream === 'true' ? ' (stream)' : ''}`]));
}

describe('project index', () => {
  it('follows tsconfig paths, baseUrl, barrels, renamed, default and namespace imports', () => {
    const root = join(FIXTURES, 'aliases');
    const facts = indexOf('aliases').view();
    expect(facts.hasRouter).toBe(true);
    expect(facts.routerComplete).toBe(true);
    expect(kinds('aliases')).toEqual({
      'message.list': 'query',
      'message.pinned': 'query (stream)',
      'message.create': 'mutation',
      'room.list': 'query (stream)',
      'room.archive': 'mutation',
      'user.profile': 'query (stream)',
      'notification.feed': 'query (stream)',
      'notification.markRead': 'mutation',
      'audit.log': 'query',
    });
    expect(facts.routerKeysOf(join(root, 'src/features/room/room.controller.ts'), 'roomController')).toEqual(['room']);
    expect(facts.routerKeysOf(join(root, 'src/features/message/controllers/message.controller.ts'), 'messageController')).toEqual(['message']);
    // An action declared in its own file gets its key through the controller that uses it.
    expect(facts.actionKeysOf(join(root, 'src/features/message/actions/list-pinned.ts'), 'listPinned')).toEqual(['message.pinned']);
  });

  it('records every revalidated key with its location, project-wide', () => {
    const facts = indexOf('aliases').view();
    expect(facts.revalidationSitesOf('message.list')).toEqual([
      { fileName: 'src/features/message/controllers/message.controller.ts', line: 17 },
      { fileName: 'src/features/room/room.controller.ts', line: 11 },
    ]);
    const except = join(FIXTURES, 'aliases', 'src/features/message/controllers/message.controller.ts');
    expect(facts.revalidationSitesOf('message.list', except)).toEqual([{ fileName: 'src/features/room/room.controller.ts', line: 11 }]);
  });

  it('does not scan nested projects (a folder with its own package.json)', () => {
    expect(Object.keys(kinds('aliases')).some((key) => key.startsWith('other.'))).toBe(false);
  });

  it('follows a router split over files: maps spread into `controllers`, across files', () => {
    const facts = indexOf('split-router').view();
    expect(facts.routerComplete).toBe(true);
    expect(Object.keys(kinds('split-router')).sort()).toEqual(['message.list', 'room.list', 'typing.list']);
  });

  it('knows no keys without a router', () => {
    const facts = indexOf('no-router').view();
    expect(facts.hasRouter).toBe(false);
    expect(facts.routerComplete).toBe(false);
    expect(facts.actionKinds().size).toBe(0);
    expect(facts.revalidationSitesOf('message.list')).toHaveLength(1);
  });

  it('keeps what it can prove of a router built dynamically, and says it is incomplete', () => {
    const facts = indexOf('dynamic-router').view();
    expect(facts.hasRouter).toBe(true);
    expect(facts.routerComplete).toBe(false);
    expect(Object.keys(kinds('dynamic-router'))).toEqual(['message.list']);
  });

  it('survives circular re-exports and imports that resolve nowhere', () => {
    const facts = indexOf('circular').view();
    expect(Object.keys(kinds('circular'))).toEqual(['message.list']);
    expect(facts.routerComplete).toBe(false);
  });

  it('degrades on a malformed tsconfig: relative imports still resolve, aliases do not', () => {
    const facts = indexOf('broken-tsconfig').view();
    expect(Object.keys(kinds('broken-tsconfig'))).toEqual(['message.list']);
    expect(facts.routerComplete).toBe(false);
  });

  it('keeps its own paths when `extends` names a missing file', () => {
    expect(Object.keys(kinds('extends-missing'))).toEqual(['message.list']);
  });

  it('gives every key of a controller registered twice; the `router` setting picks the router', () => {
    const root = join(FIXTURES, 'registered-twice');
    const controllerFile = join(root, 'src/message.controller.ts');
    // Without the setting, every router in the project counts.
    expect(indexOf('registered-twice').view().routerKeysOf(controllerFile, 'messageController').sort()).toEqual(['chat', 'legacy', 'message']);
    const chosen = indexOf('registered-twice', { router: 'src/api/app-router.ts' }).view();
    expect(chosen.routerKeysOf(controllerFile, 'messageController')).toEqual(['message', 'chat']);
    expect(Object.keys(Object.fromEntries(chosen.actionKinds())).sort()).toEqual(['chat.list', 'message.list']);
  });

  it('takes the linted file from the caller’s text (an unsaved buffer), not from disk', () => {
    const root = join(FIXTURES, 'aliases');
    const index = indexOf('aliases');
    const file = join(root, 'src/features/audit/audit.controller.ts');
    const buffer = readFileSync(file, 'utf8').replace(
      "log: igniter.query({ path: '/', handler: async ({ response }) => response.success([]) }),",
      "log: igniter.query({ path: '/', handler: async ({ response }) => response.success([]) }),\n    purge: igniter.mutation({ path: '/', method: 'DELETE', handler: async ({ response }) => response.revalidate(['audit.log']).noContent() }),",
    );
    const model = new FileModel(parseSourceFile(buffer, file), file, resolveSettings({}));
    const withBuffer = index.view({ fileName: file, text: buffer, facts: () => extractFacts(model) });
    expect(withBuffer.actionKinds().get('audit.purge')?.kind).toBe('mutation');
    expect(withBuffer.revalidationSitesOf('audit.log')).toEqual([{ fileName: 'src/features/audit/audit.controller.ts', line: 8 }]);
    // The disk view is unchanged.
    expect(index.view().actionKinds().has('audit.purge')).toBe(false);
  });

  it('follows an instance to its declaration and its `.context(...)` to the object it gives, across files', () => {
    const root = join(FIXTURES, 'core-0.3-app');
    const facts = indexOf('core-0.3-app').view();
    const fromController = facts.instanceOf(join(root, 'src/features/typing/typing.controller.ts'), 'igniter');
    expect(fromController).toEqual({
      fileName: 'src/igniter.ts',
      line: 7,
      hasStore: true,
      contextStore: 'no-store',
      context: { fileName: 'src/igniter.context.ts', line: 3, name: 'createIgniterAppContext' },
    });
    // Not an instance: a controller, an unknown name, a name imported from a package.
    expect(facts.instanceOf(join(root, 'src/igniter.router.ts'), 'messageController')).toBeUndefined();
    expect(facts.instanceOf(join(root, 'src/igniter.router.ts'), 'nothing')).toBeUndefined();
    expect(facts.instanceOf(join(root, 'src/igniter.ts'), 'Igniter')).toBeUndefined();
    // The example chat app's context returns its store.
    expect(indexOf('chat-app', {}, join(FIXTURES, '..', '..', '..', 'examples', 'chat-app')).view().instanceOf(join(FIXTURES, '..', '..', '..', 'examples', 'chat-app', 'src/features/typing/controllers/typing.controller.ts'), 'igniter')?.contextStore).toBe('store');
  });

  it('knows the typed clients made by createIgniterClient, imported or not', () => {
    const root = join(FIXTURES, 'core-0.3-app');
    const facts = indexOf('core-0.3-app').view();
    expect(facts.isClient(join(root, 'src/components/chat.tsx'), 'api')).toBe(true);
    expect(facts.isClient(join(root, 'src/igniter.client.ts'), 'api')).toBe(true);
    expect(facts.isClient(join(root, 'src/components/chat.tsx'), 'useRealtime')).toBe(false);
    expect(facts.isClient(join(root, 'src/igniter.router.ts'), 'AppRouter')).toBe(false);
  });

  it('does not re-extract the facts of a buffer that equals the disk copy', () => {
    const file = join(FIXTURES, 'aliases', 'src/features/audit/audit.controller.ts');
    const index = indexOf('aliases');
    let extracted = 0;
    const view = index.view({ fileName: file, text: readFileSync(file, 'utf8'), facts: () => (extracted++, extractFacts(new FileModel(parseSourceFile('', file), file, resolveSettings({})))) });
    expect(extracted).toBe(0);
    expect(view.actionKinds().has('audit.log')).toBe(true);
  });
});

describe('project index freshness', () => {
  const temp = mkdtempSync(join(tmpdir(), 'igniter-rt-index-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('picks up edited, added and deleted files by mtime and size', () => {
    const root = join(temp, 'app');
    cpSync(join(FIXTURES, 'split-router'), root, { recursive: true });
    const index = indexOf('split-router', {}, root);
    expect(index.view().actionKinds().has('room.archive')).toBe(false);

    const roomFile = join(root, 'src/features/room.controller.ts');
    writeFileSync(roomFile, readFileSync(roomFile, 'utf8').replace("list: igniter.query(", "archive: igniter.mutation({ path: '/a', method: 'POST', handler: async ({ response }) => response.noContent() }),\n    list: igniter.query("));
    index.refresh(true);
    expect(index.view().actionKinds().get('room.archive')?.kind).toBe('mutation');

    writeFileSync(join(root, 'src/revalidate-rooms.ts'), "export const touch = ({ realtime }: any) => realtime.revalidate({ path: 'room.list' });\n");
    index.refresh(true);
    expect(index.view().revalidationSitesOf('room.list')).toEqual([{ fileName: 'src/revalidate-rooms.ts', line: 1 }]);

    rmSync(join(root, 'src/revalidate-rooms.ts'));
    index.refresh(true);
    expect(index.view().revalidationSitesOf('room.list')).toEqual([]);
  });
});

describe('project index cache (node_modules/.cache/igniter-rt)', () => {
  const temp = mkdtempSync(join(tmpdir(), 'igniter-rt-cache-'));
  beforeAll(() => {
    process.env.IGNITER_RT_CACHE = '1';
  });
  afterAll(() => {
    process.env.IGNITER_RT_CACHE = '0';
    rmSync(temp, { recursive: true, force: true });
  });

  it('lets the next run skip parsing unchanged files, and re-parses what changed', () => {
    const root = join(temp, 'app');
    cpSync(join(FIXTURES, 'split-router'), root, { recursive: true });
    mkdirSync(join(root, 'node_modules'));
    const cold = indexOf('split-router', {}, root);
    expect(cold.parsedFiles).toBeGreaterThan(3);
    expect(existsSync(join(root, 'node_modules/.cache/igniter-rt/project-index.json'))).toBe(true);
    const expected = [...cold.view().actionKinds().keys()].sort();

    const warm = indexOf('split-router', {}, root);
    expect(warm.parsedFiles).toBe(0);
    expect([...warm.view().actionKinds().keys()].sort()).toEqual(expected);

    const roomFile = join(root, 'src/features/room.controller.ts');
    writeFileSync(roomFile, readFileSync(roomFile, 'utf8').replace("list: igniter.query(", "archive: igniter.mutation({ path: '/a', method: 'POST', handler: async ({ response }) => response.noContent() }),\n    list: igniter.query("));
    const edited = indexOf('split-router', {}, root);
    expect(edited.parsedFiles).toBe(1);
    expect(edited.view().actionKinds().get('room.archive')?.kind).toBe('mutation');
  });

  it('takes the linted file from the model its caller built (one parse per file), and caches it only when it is the disk copy', () => {
    const root = join(temp, 'one-parse');
    const copy = join(temp, 'one-parse-copy');
    for (const folder of [root, copy]) {
      cpSync(join(FIXTURES, 'split-router'), folder, { recursive: true });
      mkdirSync(join(folder, 'node_modules'));
    }
    const roomFile = join(root, 'src/features/room.controller.ts');
    const text = readFileSync(roomFile, 'utf8');
    let extracted = 0;
    const overlay = {
      fileName: roomFile,
      text,
      facts: () => {
        extracted++;
        return extractFacts(new FileModel(parseSourceFile(text, roomFile), roomFile, resolveSettings({})));
      },
    };
    const cold = new ProjectIndex(root, resolveSettings({}));
    cold.refresh(true, overlay);
    const fromDisk = new ProjectIndex(copy, resolveSettings({}));
    fromDisk.refresh(true);
    const keys = [...fromDisk.view().actionKinds().keys()].sort();
    expect(keys).toContain('room.list');
    expect([...cold.view(overlay).actionKinds().keys()].sort()).toEqual(keys);
    expect(extracted).toBe(1);
    // Every other file was parsed from disk as without the overlay; the linted file was not.
    expect(cold.parsedFiles).toBe(fromDisk.parsedFiles - 1);
    const cachePath = join(root, 'node_modules/.cache/igniter-rt/project-index.json');
    const cachedFiles = () => Object.keys((JSON.parse(readFileSync(cachePath, 'utf8')) as { entries: Record<string, unknown> }).entries);
    // The caller's text is the disk copy (a CLI run): cached, so the next run finds it there.
    expect(cachedFiles()).toContain('src/features/room.controller.ts');
    expect(cachedFiles()).toContain('src/features/message.controller.ts');
    const next = new ProjectIndex(root, resolveSettings({}));
    next.refresh(true, { ...overlay, facts: () => expect.unreachable('cached facts are reused') });
    expect(next.parsedFiles).toBe(0);

    // An unsaved buffer of the same size as the disk copy: its facts serve this index, never the cache.
    rmSync(cachePath);
    const buffer = { ...overlay, text: text.replace('room', 'mool') };
    expect(buffer.text).not.toBe(text);
    const editor = new ProjectIndex(root, resolveSettings({}));
    editor.refresh(true, buffer);
    expect(cachedFiles()).not.toContain('src/features/room.controller.ts');
    expect(cachedFiles()).toContain('src/features/message.controller.ts');

    // A text of another size is not the disk copy: the disk copy is read and parsed.
    const edited = { ...overlay, text: `${text}\n// unsaved` };
    const other = new ProjectIndex(root, resolveSettings({}));
    other.refresh(true, edited);
    expect(other.parsedFiles).toBe(1);
  });

  it('starts cold, without an error, from a corrupt cache', () => {
    const root = join(temp, 'corrupt');
    cpSync(join(FIXTURES, 'split-router'), root, { recursive: true });
    mkdirSync(join(root, 'node_modules/.cache/igniter-rt'), { recursive: true });
    writeFileSync(join(root, 'node_modules/.cache/igniter-rt/project-index.json'), '{ not json');
    const index = indexOf('split-router', {}, root);
    expect(index.parsedFiles).toBeGreaterThan(3);
    expect(index.view().routerComplete).toBe(true);
  });
});

describe('DEBUG=igniter-rt', () => {
  it('explains what the index could not prove', () => {
    const script = `
      const { ProjectIndex } = await import(${JSON.stringify(join(import.meta.dirname, '../../dist/src/analysis/project-index.js'))});
      const index = new ProjectIndex(${JSON.stringify(join(FIXTURES, 'circular'))}, { instanceNames: ['igniter'] });
      index.refresh(true);
      index.view();
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, DEBUG: 'igniter-rt' } });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("cannot resolve './does-not-exist' imported by src/igniter.router.ts");
    expect(result.stderr).toContain("cannot follow 'ghost' (src/igniter.router.ts:6) to a controller");
  });
});

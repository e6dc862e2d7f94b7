/**
 * End to end: the BUILT binary (`node bin/igniter-rt.js map ...`) on examples/chat-app and the data-model
 * fixture app: exact JSON for a few mutations, gaps identical to what `check` reports for
 * require-revalidate (recommended and strict), the table's gap lines, the formats and the exit codes;
 * then the HTML page in headless Chromium: a click lights the mutation's path, nothing is loaded, and
 * a name holding `<script>` stays text.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/map/render-html.js';
import type { MapMutation, RealtimeMap } from '../../src/map/realtime-map.js';
import { bin, ensureBuilt, repoRoot } from '../support/built-cli.js';
import { EXAMPLE_APP } from '../support/example-app.js';

const DATA_MODEL_APP = join(repoRoot, 'test', 'fixtures', 'data-model');
const folders: string[] = [];

beforeAll(() => ensureBuilt('cli/commands/map.js'), 120_000);

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [bin, command, ...args], { cwd, encoding: 'utf8', env: { ...process.env, IGNITER_RT_THROW: '1', NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mapJson(app: string, extra: string[] = []): RealtimeMap {
  const result = run('map', [app, '--format', 'json', ...extra]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as RealtimeMap;
}

const mutation = (map: RealtimeMap, key: string): MapMutation => map.mutations.find((entry) => entry.key === key)!;

/** require-revalidate's findings from `check --format json`, as `file:line message`. */
function checkFindings(app: string, extra: string[] = []): string[] {
  const result = run('check', [app, '--format', 'json', ...extra]);
  const files = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; message: string }[] }[];
  return files
    .flatMap((file) => file.messages.filter((message) => message.ruleId === 'igniter-rt/require-revalidate').map((message) => `${file.filePath.slice(app.length + 1)}:${message.line} ${message.message}`))
    .sort();
}

const gapsOf = (map: RealtimeMap) => map.mutations.flatMap((entry) => entry.gaps.map((gap) => `${gap.at} ${gap.message}`)).sort();

describe('igniter-rt map on examples/chat-app', () => {
  it('json: exact entries for a mutation that revalidates, one with a misspelt key, one that revalidates nothing', () => {
    const map = mapJson(EXAMPLE_APP);
    const controller = 'src/features/message/controllers/message.controller.ts';
    expect(mutation(map, 'message.create')).toEqual({
      key: 'message.create',
      at: `${controller}:27`,
      writes: [{ resource: 'message', operation: 'create', at: `${controller}:38` }],
      affects: [{ query: 'message.list', resources: ['message'], reason: 'live', revalidated: true, gap: false }],
      revalidates: [{ key: 'message.list', form: 'response', scopes: '() => [roomScope(roomId)]', refetches: ['message.list'], at: `${controller}:45` }],
      revalidatesUnknown: false,
      publishes: [],
      gaps: [],
      screens: ['src/components/chat-room.tsx'],
      complete: true,
    });
    expect(mutation(map, 'message.pin')).toMatchObject({
      writes: [{ resource: 'message', operation: 'setPinned', at: `${controller}:100` }],
      affects: [{ query: 'message.list', resources: ['message'], reason: 'live', revalidated: false, gap: true }],
      revalidates: [{ key: 'messages.list', form: 'response', scopes: '() => [roomScope(roomId)]', refetches: [], at: `${controller}:102` }],
      gaps: [
        {
          queries: ['message.list'],
          resources: ['message'],
          message: "Mutation 'pin' changes 'message' but can return a successful response without revalidating 'message.list', which show it: those screens stay stale.",
          at: `${controller}:102`,
        },
      ],
    });
    expect(mutation(map, 'room.rename')).toMatchObject({
      writes: [{ resource: 'room', operation: 'updateName' }],
      revalidates: [],
      gaps: [{ queries: ['room.directory', 'room.list', 'user.rooms'], resources: ['room'] }],
    });
    expect(mutation(map, 'presence.heartbeat').publishes.map((entry) => entry.channel)).toEqual(['presenceStream(roomId)', 'presenceBus(roomId)']);
    expect(map.queries.find((query) => query.key === 'message.list')).toEqual({
      key: 'message.list',
      at: `${controller}:10`,
      live: true,
      stream: true,
      shows: ['message'],
      screens: ['src/components/chat-room.tsx'],
    });
    expect(map.gapCount).toBe(2);
  });

  it('its gaps are exactly require-revalidate’s findings from check, recommended and strict', () => {
    expect(gapsOf(mapJson(EXAMPLE_APP))).toEqual(checkFindings(EXAMPLE_APP));
    expect(checkFindings(EXAMPLE_APP)).toHaveLength(2);
    const strict = mapJson(EXAMPLE_APP, ['--strict']);
    expect(gapsOf(strict)).toEqual(checkFindings(EXAMPLE_APP, ['--strict']));
  });

  it('table (default): a row per mutation and the gap lines; exit 0 with gaps, 1 with --fail-on-gaps', () => {
    const result = run('map', [], EXAMPLE_APP);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('14 mutations, 8 queries (7 live), 2 gaps');
    expect(lines).toContain('room.rename         room.updateName    ✖ room.directory    -');
    expect(result.stdout).toContain(
      "  ✖ room.rename  src/features/room/controllers/room.controller.ts:62\n    Mutation 'rename' changes 'room' but can return a successful response without revalidating 'room.directory', 'room.list', 'user.rooms', which show it: those screens stay stale.\n",
    );
    expect(result.stdout).toContain("  ✖ message.pin  src/features/message/controllers/message.controller.ts:102\n");
    expect(run('map', ['--fail-on-gaps'], EXAMPLE_APP).status).toBe(1);
  });

  it("docs/map.md's excerpt is real: each of its lines is a line of the output, in order", () => {
    const page = readFileSync(join(repoRoot, 'docs', 'map.md'), 'utf8');
    const excerpt = /<!-- map-excerpt: igniter-rt map examples\/chat-app -->\n```text\n([^]*?)```/.exec(page)![1].trimEnd().split('\n');
    const output = run('map', ['examples/chat-app']).stdout.split('\n');
    let from = 0;
    for (const line of excerpt) {
      const found = output.indexOf(line, from);
      expect(found, line).toBeGreaterThanOrEqual(from);
      from = line === '' ? from : found + 1;
    }
  });

  it('--json is --format json; mermaid is a flowchart with the gaps styled', () => {
    expect(run('map', [EXAMPLE_APP, '--json']).stdout).toBe(run('map', [EXAMPLE_APP, '--format', 'json']).stdout);
    const mermaid = run('map', ['--format', 'mermaid'], EXAMPLE_APP);
    expect(mermaid.status).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart LR\n/);
    expect(mermaid.stdout).toContain('  m4 ==>|stale| q1\n');
    expect(mermaid.stdout).toContain('  class m4,m9 gap\n');
  });
});

describe('igniter-rt map on the data-model fixture app', () => {
  it('json: the unread badge left stale by markAsRead, notifications sent two files away', () => {
    const map = mapJson(DATA_MODEL_APP);
    const controller = 'src/features/notification/notification.controller.ts';
    expect(mutation(map, 'notification.markAsRead')).toEqual({
      key: 'notification.markAsRead',
      at: `${controller}:30`,
      writes: [{ resource: 'notification', operation: 'markAsRead', at: `${controller}:35` }],
      affects: [
        { query: 'notification.list', resources: ['notification'], reason: 'live', revalidated: true, gap: false },
        { query: 'notification.unreadCount', resources: ['notification'], reason: 'sibling', revalidated: false, gap: true },
      ],
      revalidates: [{ key: 'notification.list', form: 'response', scopes: '() => [`user:${notification.recipientId}`]', refetches: ['notification.list'], at: `${controller}:37` }],
      revalidatesUnknown: false,
      publishes: [],
      gaps: [
        {
          queries: ['notification.unreadCount'],
          resources: ['notification'],
          message:
            "Mutation 'markAsRead' changes 'notification' but can return a successful response without revalidating 'notification.unreadCount', which show it: those screens stay stale.",
          at: `${controller}:37`,
        },
      ],
      screens: [],
      complete: true,
    });
    // markAllAsRead's realtime.revalidate of a bare controller key refetches nothing in 0.3.
    expect(mutation(map, 'notification.markAllAsRead').revalidates.map((entry) => [entry.key, entry.form, entry.refetches])).toEqual([['notification', 'realtime', []]]);
    expect(mutation(map, 'apiKey.create').writes.map((write) => `${write.resource}.${write.operation}`)).toContain('notification.create');
    expect(mutation(map, 'audit.log')).toMatchObject({ affects: [], gaps: [] });
  });

  it('its gaps are exactly require-revalidate’s findings from check', () => {
    const gaps = gapsOf(mapJson(DATA_MODEL_APP));
    expect(gaps).toHaveLength(4);
    expect(gaps).toEqual(checkFindings(DATA_MODEL_APP));
    expect(gapsOf(mapJson(DATA_MODEL_APP, ['--strict']))).toEqual(checkFindings(DATA_MODEL_APP, ['--strict']));
  });
});

describe('bad input', () => {
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'igniter-rt-map-'));
    folders.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('a project without a router: says so, exit 2, nothing on stdout', () => {
    const dir = project({ 'package.json': '{"name":"x"}', 'src/index.ts': 'export const x = 1;\n' });
    const result = run('map', [dir]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^igniter-rt: no Igniter router found in .* \(no file calls igniter\.router\(\.\.\.\)\)/);
  });

  it('recursion across files, dynamic access and a file that does not parse: a map, no throw, the live query kept', () => {
    const dir = project({
      'package.json': '{"name":"odd"}',
      'src/igniter.ts': 'export const igniter = {} as any;\n',
      'src/a.ts': "import { b } from './b';\nexport function a(ctx: any): any { ctx.database.note.update({}); return b(ctx); }\n",
      'src/b.ts': "import { a } from './a';\nexport function b(ctx: any): any { return a(ctx); }\n",
      'src/broken.ts': 'export const = = {;\n',
      'src/note.controller.ts': [
        "import { igniter } from './igniter';",
        "import { a } from './a';",
        'export const NoteController = igniter.controller({',
        "  name: 'note', path: '/notes',",
        '  actions: {',
        "    list: igniter.query({ path: '/', stream: true, handler: async ({ context, response }: any) => response.success(await context.database.note.findMany()) }),",
        "    touch: igniter.mutation({ path: '/:id', method: 'PUT', handler: async ({ context, request, response }: any) => { a(context); await context.database[request.params.kind].update({}); return response.success({}); } }),",
        '  },',
        '});',
      ].join('\n'),
      'src/igniter.router.ts': "import { igniter } from './igniter';\nimport { NoteController } from './note.controller';\nexport const AppRouter = igniter.router({ controllers: { note: NoteController } });\n",
    });
    const map = mapJson(dir);
    expect(mutation(map, 'note.touch')).toMatchObject({ writes: [{ resource: 'note', operation: 'update', at: 'src/a.ts:2' }], affects: [{ query: 'note.list', gap: true }] });
    expect(gapsOf(map)).toEqual(checkFindings(dir));
  });

  it('usage errors exit 2: an unknown format, two formats, a missing folder, a broken config', () => {
    expect(run('map', ['--format', 'svg']).status).toBe(2);
    const both = run('map', [EXAMPLE_APP, '--json', '--format', 'mermaid']);
    expect([both.status, both.stderr]).toEqual([2, 'igniter-rt: --json and --format mermaid ask for two formats: pass one.\n']);
    const missing = run('map', ['no/such/folder']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such folder');
    const broken = project({ 'package.json': '{}', 'igniter-rt.config.json': '{ nope' });
    expect(run('map', [broken]).stderr).toMatch(/^igniter-rt: igniter-rt\.config\.json: malformed JSON/);
  });

  it('help: igniter-rt map --help and igniter-rt help map', () => {
    const help = run('map', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: igniter-rt map [options] [path]');
    expect(help.stdout).toContain('--fail-on-gaps');
    const viaHelp = spawnSync(process.execPath, [bin, 'help', 'map'], { encoding: 'utf8' });
    expect(viaHelp.stdout).toBe(help.stdout);
  });
});

describe('the HTML page in headless Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'igniter-rt-map-html-'));
  folders.push(dir);

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(html: string) {
    const file = join(dir, `${folders.length}-${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`file://${file}`);
    return { page, requests, errors, file };
  }

  it('a click on a mutation lights its path to the screens, the stale query red; nothing is loaded', async () => {
    const { page, requests, errors, file } = await open(run('map', [EXAMPLE_APP, '--format', 'html']).stdout);
    const classes = (kind: string, name: string) => page.locator(`.item[data-kind="${kind}"][data-name="${name}"]`).getAttribute('class');
    await page.click('button.item[data-name="message.pin"]');
    expect(await classes('m', 'message.pin')).toBe('item on selected');
    expect(await classes('r', 'message')).toBe('item on');
    expect(await classes('q', 'message.list')).toBe('item on stale');
    expect(await classes('s', 'src/components/chat-room.tsx')).toBe('item on stale');
    expect(await classes('q', 'room.list')).toBe('item');
    expect(await page.locator('#wires path.stale').count()).toBe(2);
    expect(await page.locator('#details h3').textContent()).toBe('message.pin');
    expect(await page.locator('#details').textContent()).toContain("without revalidating 'message.list'");
    await page.click('button.item[data-name="message.create"]');
    expect(await classes('q', 'message.list')).toBe('item on fresh');
    expect(await classes('m', 'message.pin')).toBe('item');
    expect(errors).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    await page.close();
  });

  it('a name holding <script> is shown as text and runs nothing', async () => {
    const evil = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
    const map: RealtimeMap = {
      mutations: [
        {
          key: evil,
          at: 'a.ts:1',
          writes: [{ resource: evil, operation: 'create', at: 'a.ts:2' }],
          affects: [{ query: 'q.list', resources: [evil], reason: 'live', revalidated: false, gap: true }],
          revalidates: [],
          revalidatesUnknown: false,
          publishes: [],
          gaps: [{ queries: ['q.list'], resources: [evil], message: evil, at: 'a.ts:3' }],
          screens: [],
          complete: true,
        },
      ],
      queries: [{ key: 'q.list', at: 'a.ts:5', live: true, stream: true, shows: [evil], screens: [] }],
      gapCount: 1,
    };
    const { page, requests, errors } = await open(renderHtml(map));
    await page.click('button.item[data-kind="m"]');
    expect(await page.evaluate<unknown>('window.pwned')).toBeUndefined();
    expect(await page.locator('button.item[data-kind="m"] .name').textContent()).toBe(evil);
    expect(await page.locator('#details h3').textContent()).toBe(evil);
    expect(await page.locator('img').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);
    await page.close();
  });
});

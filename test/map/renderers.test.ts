/**
 * The renderers of `igniter-rt map` (src/map/render-*.ts) on a small map built from a data model by
 * `buildRealtimeMap`: a note app whose `archive` leaves the live `note.count` stale, plus names with
 * quotes, brackets and `<script>` that must stay text in every format.
 */
import { describe, expect, it } from 'vitest';
import type { Access, ActionData, DataModel } from '../../src/analysis/data-model.js';
import { buildRealtimeMap, type GapFinding, type RealtimeMap } from '../../src/map/realtime-map.js';
import { jsonForScript, renderHtml } from '../../src/map/render-html.js';
import { renderJson } from '../../src/map/render-json.js';
import { label, renderMermaid } from '../../src/map/render-mermaid.js';
import { renderTable } from '../../src/map/render-table.js';

const here = (line: number) => ({ fileName: 'src/note.controller.ts', line });
const access = (resource: string, operation: string, kind: Access['kind'], line: number): Access => ({ resource, operation, kind, location: here(line), via: [] });

function action(key: string, kind: ActionData['kind'], fields: Partial<ActionData> = {}): ActionData {
  return { key, kind, live: false, stream: false, location: here(1), reads: [], writes: [], unknown: [], revalidates: [], revalidatesUnknown: false, publishes: [], complete: true, ...fields };
}

function smallMap(evilName = 'note'): RealtimeMap {
  const actions = [
    action('note.list', 'query', { live: true, stream: true, reads: [access(evilName, 'findMany', 'read', 3)] }),
    action('note.count', 'query', { live: true, stream: true, reads: [access(evilName, 'count', 'read', 4)] }),
    action('note.create', 'mutation', {
      writes: [access(evilName, 'create', 'write', 10)],
      revalidates: [{ key: 'note', form: 'response', scopes: '[`user:${context.user.id}`]', location: here(12) }],
    }),
    action('note.archive', 'mutation', {
      writes: [access(evilName, 'archive', 'write', 20)],
      revalidates: [{ key: 'note.list', form: 'realtime', scopes: '[`user:${id}`]', location: here(21) }],
      publishes: [{ channel: 'note.feed', location: here(22) }],
    }),
  ];
  const model: DataModel = { actions: new Map(actions.map((entry) => [entry.key, entry])) };
  const gaps: GapFinding[] = [
    {
      mutation: 'note.archive',
      queries: ['note.count'],
      resources: [evilName],
      message: `Mutation 'archive' changes '${evilName}' but can return a successful response without revalidating 'note.count', which show it: those screens stay stale.`,
      at: 'src/note.controller.ts:23',
    },
  ];
  return buildRealtimeMap({ model, gaps, screens: new Map([['note.count', ['src/app/badge.tsx']], ['note.list', ['src/app/notes.tsx']], ['note.create', ['src/app/notes.tsx']]]) });
}

describe('the realtime map', () => {
  it('lists per mutation its writes, the queries showing them, revalidations with scopes and what they refetch, publishes and gaps', () => {
    const map = smallMap();
    expect(map.gapCount).toBe(1);
    const archive = map.mutations.find((entry) => entry.key === 'note.archive')!;
    expect(archive.affects).toEqual([
      { query: 'note.count', resources: ['note'], reason: 'live', revalidated: false, gap: true },
      { query: 'note.list', resources: ['note'], reason: 'live', revalidated: true, gap: false },
    ]);
    expect(archive.revalidates).toEqual([{ key: 'note.list', form: 'realtime', scopes: '[`user:${id}`]', refetches: ['note.list'], at: 'src/note.controller.ts:21' }]);
    expect(archive.publishes).toEqual([{ channel: 'note.feed', at: 'src/note.controller.ts:22' }]);
    // A controller key refetches every query it starts (response form).
    expect(map.mutations.find((entry) => entry.key === 'note.create')!.revalidates[0].refetches).toEqual(['note.count', 'note.list']);
    expect(map.mutations.find((entry) => entry.key === 'note.create')!.screens).toEqual(['src/app/notes.tsx']);
    expect(map.queries.map((query) => `${query.key} ${query.shows.join(',')} ${query.screens.join(',')}`)).toEqual(['note.count note src/app/badge.tsx', 'note.list note src/app/notes.tsx']);
  });

  it('json: the map itself, parseable', () => {
    const map = smallMap();
    expect(JSON.parse(renderJson(map))).toEqual(map);
  });
});

describe('table', () => {
  const text = renderTable(smallMap(), { color: false });

  it('shows a row per mutation with marks, scopes and publishes, then the gap lines with place and message', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('2 mutations, 2 queries (2 live), 1 gap');
    expect(lines).toContain('MUTATION      WRITES        QUERIES SHOWING IT  REVALIDATES [SCOPES] / PUBLISHES');
    expect(lines).toContain('note.archive  note.archive  ✖ note.count        note.list [[`user:${id}`]]');
    expect(lines).toContain('                            ✓ note.list         publish note.feed');
    // A controller key names what it refetches.
    expect(lines).toContain('note.create   note.create   ✓ note.count        note [[`user:${context.user.id}`]] → note.count, note.list');
    expect(text).toContain(
      "Gaps (require-revalidate):\n  ✖ note.archive  src/note.controller.ts:23\n    Mutation 'archive' changes 'note' but can return a successful response without revalidating 'note.count', which show it: those screens stay stale.\n",
    );
    expect(lines).toContain('note.count  live (stream)  note   src/app/badge.tsx');
    expect(text).not.toContain('\u001b[');
  });

  it('colours marks only on a terminal, and cuts long cells but the last column', () => {
    expect(renderTable(smallMap(), { color: true })).toContain('\u001b[31m✖\u001b[39m note.count');
    const long = smallMap();
    long.mutations[0].writes[0].operation = 'x'.repeat(80);
    long.mutations[0].revalidates[0].scopes = 'y'.repeat(80);
    const text = renderTable(long, { color: false });
    expect(text).toContain(`note.${'x'.repeat(38)}…  ✖ note.count`);
    expect(text).toContain(`note.list [${'y'.repeat(80)}]\n`);
  });

  it('says so when the router has no mutations or no queries, instead of an empty table', () => {
    expect(renderTable({ mutations: [], queries: [], gapCount: 0 }, { color: false })).toBe(
      '0 mutations, 0 queries (0 live), no gaps\n\nThe router has no mutations: nothing can leave a query stale.\n\nThe router has no queries.\n',
    );
  });

  it('says so when there are no gaps', () => {
    const map = smallMap();
    for (const mutation of map.mutations) mutation.gaps = [];
    map.gapCount = 0;
    expect(renderTable(map, { color: false })).toContain('No gaps: every mutation revalidates the queries that show what it writes.');
  });
});

/** One line of the flowchart we emit: a node, an edge, a style. Anything else fails the test. */
const MERMAID_LINE = [
  /^flowchart LR$/,
  /^ {2}[mrqs]\d+(\["[^"\n]*"\]|\[\("[^"\n]*"\)\]|\(\["[^"\n]*"\]\)|\[\/"[^"\n]*"\/\])$/,
  /^ {2}[mrqs]\d+ (-->|-\.->|==>)(\|[a-z ]+\|)? [mrqs]\d+$/,
  /^ {2}linkStyle \d+(,\d+)* [a-z-]+:[#\w.]+(,[a-z-]+:[#\w.]+)*$/,
  /^ {2}classDef (gap|live) [a-z-]+:[#\w.]+(,[a-z-]+:[#\w.]+)*$/,
  /^ {2}class [mq]\d+(,[mq]\d+)* (gap|live)$/,
];

describe('mermaid', () => {
  it('draws mutation → resource → query → screen, revalidations dotted, the gap thick and red', () => {
    const text = renderMermaid(smallMap());
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(MERMAID_LINE.some((pattern) => pattern.test(line)), line).toBe(true);
    expect(lines).toEqual(
      expect.arrayContaining([
        '  m1["note.archive"]',
        '  r1[("note")]',
        '  q1(["note.count (live)"])',
        '  s1[/"src/app/badge.tsx"/]',
        '  m1 -->|writes| r1',
        '  r1 -->|shown by| q1',
        '  q1 --> s1',
        '  m1 -.->|revalidates| q2',
        '  m1 ==>|stale| q1',
        '  class m1 gap',
        '  class q1,q2 live',
      ]),
    );
    const edges = lines.filter((line) => / (-->|-\.->|==>)/.test(line));
    const staleIndex = edges.indexOf('  m1 ==>|stale| q1');
    expect(lines.find((line) => line.includes('stroke:#c62828,stroke-width:3px'))).toBe(`  linkStyle ${staleIndex} stroke:#c62828,stroke-width:3px`);
  });

  it('escapes quotes, markup and # in labels; brackets stay text inside the quotes', () => {
    expect(label('say "hi" [x] (y) {z}')).toBe('say #quot;hi#quot; [x] (y) {z}');
    expect(label('</script><b>#1 & `tick`')).toBe('#lt;/script#gt;#lt;b#gt;#35;1 #amp; #96;tick#96;');
    const text = renderMermaid(smallMap('say "hi" [x] <script>'));
    expect(text).toContain('  r1[("say #quot;hi#quot; [x] #lt;script#gt;")]');
    for (const line of text.trimEnd().split('\n')) expect(MERMAID_LINE.some((pattern) => pattern.test(line)), line).toBe(true);
  });
});

describe('html', () => {
  it('is one page with inline style and script, loading no URL', () => {
    const html = renderHtml(smallMap());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/\b(?:src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('embeds the map as JSON no name can break out of', () => {
    const evil = '</script><script>window.pwned=1</script><!--';
    const html = renderHtml(smallMap(evil));
    expect(html).not.toContain(evil);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const json = /<script type="application\/json" id="map-data">(.*?)<\/script>/s.exec(html)![1];
    expect(JSON.parse(json)).toEqual(smallMap(evil));
    expect(jsonForScript({ a: '\u2028<&>' })).toBe('{"a":"\\u2028\\u003c\\u0026\\u003e"}');
  });
});

/**
 * The code examples of a rule's docs page (rules/<id>/README.md), read the way test/rule-docs.test.ts
 * lints them. The page is the single source: tests refer to an example by its name, never copy it.
 *
 * A ```ts or ```tsx block is an example when the nearest heading above it holds ❌ (it must give exactly
 * the findings it marks) or ✅ (it must give none). A finding is marked by a `// ❌` comment at the end of
 * the line it starts on (`// ❌ ❌` for two findings on one line); the text after it is for readers.
 * What follows the language in the fence line says how to lint the block (GitHub shows none of it):
 *
 * - `name="unread-badge"`: how tests refer to it (docsExample(ruleId, name));
 * - `options='{"mutations":"all"}'`: the rule's options, as JSON (default: none, the rule's defaults);
 * - `settings='{"igniter-rt":{...}}'`: ESLint shared settings, as JSON;
 * - `file="test/fixtures/projects/app/src/feed.tsx"`: the file name it is linted under, from the
 *   repository root: a file of a fixture project, for rules that read other files (default `file.ts`,
 *   `file.tsx` for a ```tsx block);
 * - `also="no-per-request-subscription"`: on a ✅ example, the other rules of the recommended preset that
 *   report it (comma-separated; the page must say why). A ✅ example is code to copy: with the
 *   recommended preset on, it gives findings of exactly these rules and no other;
 * - `in-template`: linted inside the page's template, the one block whose fence says `template`: the
 *   example replaces the template's `// …` line, indented as that line is. The page shows the template,
 *   so a reader sees everything that is linted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Expectation = 'incorrect' | 'correct';

export interface DocsExample {
  ruleId: string;
  /** `README.md:133`: where the block's first code line is on the page. */
  where: string;
  name?: string;
  expectation: Expectation;
  /** The text linted: the block, inside the template when it says `in-template`. */
  code: string;
  filename: string;
  options: Record<string, unknown>[];
  settings?: Record<string, unknown>;
  /** Rules of the recommended preset, besides this one, that report a ✅ example (`also=`). */
  also: string[];
  /** Lines of `code` (1-based) where a finding is marked, and how many findings each marks. */
  marked: Map<number, number>;
  /** The block as the page shows it. */
  block: string;
  /** The page line of a line of `code` (1-based), or undefined for a line of the template. */
  pageLine(codeLine: number): number | undefined;
}

const ROOT = join(import.meta.dirname, '..', '..');
const FENCE = /^```(ts|tsx|typescript|js|jsx|json|sh|)(?:\s+(.*))?$/;
const TEMPLATE_SLOT = '// …';

interface Block {
  language: string;
  meta: Record<string, string | true>;
  heading: string;
  /** 1-based page line of the block's first code line. */
  line: number;
  text: string;
}

/** `key="value"`, `key='value'` and bare `flag` words of a fence line. */
function parseMeta(text: string, where: string): Record<string, string | true> {
  const meta: Record<string, string | true> = {};
  const pattern = /\s*([a-z-]+)(?:=(?:"([^"]*)"|'([^']*)'))?/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(text)) && match[0].length > 0) {
    meta[match[1]] = match[2] ?? match[3] ?? true;
    end = pattern.lastIndex;
  }
  if (text.slice(end).trim()) throw new Error(`${where}: cannot read the fence's "${text.slice(end).trim()}"`);
  return meta;
}

function blocksOf(page: string, file: string): Block[] {
  const lines = page.split('\n');
  const blocks: Block[] = [];
  let heading = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (/^#{1,6} /.test(line)) heading = line;
    const fence = /^```(\S*)\s*(.*)$/.exec(line);
    if (!fence) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    if (end === lines.length) throw new Error(`${file}:${index + 1}: the code block is never closed`);
    if (!FENCE.test(line)) throw new Error(`${file}:${index + 1}: unknown fence "${line}"`);
    blocks.push({ language: fence[1], meta: parseMeta(fence[2], `${file}:${index + 1}`), heading, line: start + 1, text: lines.slice(start, end).join('\n') + '\n' });
    index = end;
  }
  return blocks;
}

function json(value: string | true | undefined, what: string, where: string): unknown {
  if (value === undefined) return undefined;
  if (value === true) throw new Error(`${where}: ${what} needs a value`);
  try {
    return JSON.parse(value);
  } catch {
    throw new Error(`${where}: ${what} is not JSON: ${value}`);
  }
}

/** `// ❌` markers: line (1-based, in `text`) → how many findings it marks. */
function markersOf(text: string): Map<number, number> {
  const marked = new Map<number, number>();
  text.split('\n').forEach((line, index) => {
    const comment = /\/\/\s*((?:❌\s*)+)/.exec(line);
    if (comment) marked.set(index + 1, [...comment[1].matchAll(/❌/g)].length);
  });
  return marked;
}

/** Places an example in the template's `// …` line; returns the text and how many lines come before it. */
function fillTemplate(template: string, example: string, where: string): { code: string; offset: number } {
  const lines = template.split('\n');
  const slot = lines.findIndex((line) => line.trim() === TEMPLATE_SLOT);
  if (slot < 0) throw new Error(`${where}: the template has no "${TEMPLATE_SLOT}" line for the example`);
  const indent = /^\s*/.exec(lines[slot])![0];
  const body = example.replace(/\n+$/, '').split('\n').map((line) => (line ? indent + line : line));
  return { code: [...lines.slice(0, slot), ...body, ...lines.slice(slot + 1)].join('\n'), offset: slot };
}

const cache = new Map<string, DocsExample[]>();

/** Every ❌/✅ example of a rule's docs page, in page order. */
export function docsExamples(ruleId: string): DocsExample[] {
  const cached = cache.get(ruleId);
  if (cached) return cached;
  const file = `rules/${ruleId}/README.md`;
  const blocks = blocksOf(readFileSync(join(ROOT, file), 'utf8'), file);
  const templates = blocks.filter((block) => block.meta.template);
  if (templates.length > 1) throw new Error(`${file}: more than one template block`);
  const examples: DocsExample[] = [];
  for (const block of blocks) {
    const where = `${file}:${block.line}`;
    const expectation: Expectation | undefined = block.heading.includes('❌') ? 'incorrect' : block.heading.includes('✅') ? 'correct' : undefined;
    if (block.meta.template || !expectation || !/^(ts|tsx|typescript)$/.test(block.language)) continue;
    const known = new Set(['name', 'options', 'settings', 'file', 'in-template', 'also']);
    for (const key of Object.keys(block.meta)) if (!known.has(key)) throw new Error(`${where}: unknown fence key "${key}"`);
    let code = block.text;
    let offset = 0;
    if (block.meta['in-template']) {
      if (!templates[0]) throw new Error(`${where}: in-template, but the page has no template block`);
      ({ code, offset } = fillTemplate(templates[0].text, block.text, where));
    }
    const marked = new Map([...markersOf(block.text)].map(([line, count]) => [line + offset, count] as const));
    const options = json(block.meta.options, 'options', where);
    const name = block.meta.name;
    const also = typeof block.meta.also === 'string' ? block.meta.also.split(',').map((id) => id.trim()).sort() : [];
    if (also.length > 0 && expectation !== 'correct') throw new Error(`${where}: also= is for ✅ examples`);
    examples.push({
      ruleId,
      where,
      name: typeof name === 'string' ? name : undefined,
      expectation,
      code,
      filename: typeof block.meta.file === 'string' ? join(ROOT, block.meta.file) : block.language === 'tsx' ? 'file.tsx' : 'file.ts',
      options: options === undefined ? [] : [options as Record<string, unknown>],
      settings: json(block.meta.settings, 'settings', where) as Record<string, unknown> | undefined,
      also,
      marked,
      block: block.text,
      pageLine: (codeLine) => {
        const inBlock = codeLine - 1 - offset;
        return inBlock >= 0 && inBlock < block.text.split('\n').length - 1 ? block.line + inBlock : undefined;
      },
    });
  }
  const names = examples.flatMap((example) => (example.name ? [example.name] : []));
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new Error(`${file}: two examples are named "${repeated}"`);
  cache.set(ruleId, examples);
  return examples;
}

/** A `// ❌ …` marker at the end of a line, with the spaces before it. */
const MARKER = / *\/\/\s*❌.*$/gm;

/** `code` without its `// ❌ …` notes: a fix's output compared with the ✅ example it should give. */
export function withoutMarkers(code: string): string {
  return code.replace(MARKER, '');
}

/**
 * One named example of a rule's docs page, as a RuleTester case's code, file name and options. With
 * `{ markers: false }` the `// ❌ …` notes are left out (what a fix of a ❌ example is compared with:
 * the fix does not remove a reader's note), and so are markers after other comments.
 */
export function docsExample(ruleId: string, name: string, { markers = true } = {}): { code: string; filename: string; options: Record<string, unknown>[]; settings?: Record<string, unknown> } {
  const example = docsExamples(ruleId).find((candidate) => candidate.name === name);
  if (!example) throw new Error(`rules/${ruleId}/README.md has no example named "${name}"`);
  const code = markers ? example.code : withoutMarkers(example.code);
  return { code, filename: example.filename, options: example.options, ...(example.settings ? { settings: example.settings } : {}) };
}

/** Every relative link of the user docs points at a file that exists, and at a heading that exists in it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pages = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** The text outside fenced code blocks, where links and headings are markdown. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^]*?^\1\s*$/gm, '');
}

/** GitHub's anchors for a page's headings: lowercased, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The relative link targets of a page: `[text](target)`, without external URLs. */
function relativeLinks(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]).filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('doc links', () => {
  it('reads links and anchors as GitHub renders them', () => {
    expect([...anchorsOf('# A b\n## What 0.3\'s realtime guarantees, and more\n```\n# not a heading\n```\n## A b\n')]).toEqual([
      'a-b',
      'what-03s-realtime-guarantees-and-more',
      'a-b-1',
    ]);
    expect(relativeLinks('[a](docs/x.md#y) [b](https://x.org) `[c](no.md)`\n```\n[d](no.md)\n```\n[e](#z)')).toEqual(['docs/x.md#y', '#z']);
  });

  it.each(pages)('%s: every relative link resolves', (page) => {
    const broken: string[] = [];
    for (const target of relativeLinks(readFileSync(join(root, page), 'utf8'))) {
      const [path, anchor] = target.split('#');
      const file = path === '' ? join(root, page) : join(root, dirname(page), decodeURIComponent(path));
      if (!existsSync(file)) {
        broken.push(`${target}: no ${relative(root, file)}`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${target}: no heading #${anchor}`);
    }
    expect(broken).toEqual([]);
  });
});

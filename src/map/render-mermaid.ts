/**
 * `--format mermaid`: a flowchart to paste in a README or a pull request (GitHub renders ```mermaid
 * blocks). Left to right: mutation → resource it writes → query that shows it → screen that uses the
 * query; a mutation's revalidations are dotted edges to the queries they refetch, and a gap is a thick
 * red edge to the query it leaves stale, its mutation drawn red.
 *
 * Node ids are generated (m1, r1, q1, s1); every label is quoted with Mermaid's entity codes for the
 * characters that would end or break it, so names with quotes, brackets or `<script>` stay text.
 */
import type { RealtimeMap } from './realtime-map.js';

export function renderMermaid(map: RealtimeMap): string {
  const lines = ['flowchart LR'];
  const edges: { text: string; style?: string }[] = [];
  const ids = new Map<string, string>();
  const id = (kind: 'm' | 'r' | 'q' | 's', name: string) => {
    const key = `${kind}\0${name}`;
    if (!ids.has(key)) ids.set(key, `${kind}${[...ids.keys()].filter((other) => other.startsWith(`${kind}\0`)).length + 1}`);
    return ids.get(key)!;
  };

  const mutations = map.mutations.filter((mutation) => mutation.writes.length > 0 || mutation.revalidates.length > 0 || mutation.gaps.length > 0);
  const queryKeys = new Set(mutations.flatMap((mutation) => [...mutation.affects.map((entry) => entry.query), ...mutation.revalidates.flatMap((entry) => entry.refetches)]));
  const queries = map.queries.filter((query) => queryKeys.has(query.key));
  const resources = [...new Set(mutations.flatMap((mutation) => mutation.writes.map((write) => write.resource)))].sort();

  for (const mutation of mutations) lines.push(`  ${id('m', mutation.key)}["${label(mutation.key)}"]`);
  for (const resource of resources) lines.push(`  ${id('r', resource)}[("${label(resource)}")]`);
  for (const query of queries) lines.push(`  ${id('q', query.key)}(["${label(query.live ? `${query.key} (live)` : query.key)}"])`);
  const screens = [...new Set(queries.flatMap((query) => query.screens))].sort();
  for (const screen of screens) lines.push(`  ${id('s', screen)}[/"${label(screen)}"/]`);

  for (const mutation of mutations) {
    for (const resource of new Set(mutation.writes.map((write) => write.resource))) edges.push({ text: `${id('m', mutation.key)} -->|writes| ${id('r', resource)}` });
  }
  const shows = new Set<string>();
  for (const mutation of mutations) {
    for (const entry of mutation.affects) {
      for (const resource of entry.resources) {
        const edge = `${id('r', resource)} -->|shown by| ${id('q', entry.query)}`;
        if (!shows.has(edge)) edges.push({ text: edge });
        shows.add(edge);
      }
    }
  }
  for (const query of queries) for (const screen of query.screens) edges.push({ text: `${id('q', query.key)} --> ${id('s', screen)}` });
  for (const mutation of mutations) {
    const refetched = new Set(mutation.revalidates.flatMap((entry) => entry.refetches));
    for (const query of [...refetched].sort()) edges.push({ text: `${id('m', mutation.key)} -.->|revalidates| ${id('q', query)}`, style: 'stroke:#2e7d32,stroke-width:1.5px' });
    const stale = new Set(mutation.gaps.flatMap((gap) => gap.queries));
    for (const query of [...stale].sort()) if (queryKeys.has(query)) edges.push({ text: `${id('m', mutation.key)} ==>|stale| ${id('q', query)}`, style: 'stroke:#c62828,stroke-width:3px' });
  }
  lines.push(...edges.map((edge) => `  ${edge.text}`));
  // One linkStyle line per style, listing its edges by index (Mermaid numbers edges in order).
  const styles = new Map<string, number[]>();
  edges.forEach((edge, index) => {
    if (edge.style) styles.set(edge.style, [...(styles.get(edge.style) ?? []), index]);
  });
  for (const [style, indexes] of styles) lines.push(`  linkStyle ${indexes.join(',')} ${style}`);

  lines.push('  classDef gap fill:#ffebee,stroke:#c62828,stroke-width:2px,color:#b71c1c');
  lines.push('  classDef live fill:#e8f5e9,stroke:#2e7d32');
  const gapIds = mutations.filter((mutation) => mutation.gaps.length > 0).map((mutation) => id('m', mutation.key));
  const liveIds = queries.filter((query) => query.live).map((query) => id('q', query.key));
  if (gapIds.length > 0) lines.push(`  class ${gapIds.join(',')} gap`);
  if (liveIds.length > 0) lines.push(`  class ${liveIds.join(',')} live`);
  return `${lines.join('\n')}\n`;
}

/**
 * Text for a quoted Mermaid label: Mermaid's entity codes (`#quot;`, `#35;`…) for the characters that
 * would end the label or be read as markup (brackets are plain text inside quotes), and no line breaks. `#` goes first: the codes contain it.
 */
export function label(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/[\r\n\t]+/g, ' ');
}

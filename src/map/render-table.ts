/**
 * The default output of `igniter-rt map`: a table of mutations (what each writes, the queries showing it,
 * what it revalidates with which scopes, or publishes), the gaps with require-revalidate's message and
 * place, then the queries with the screens that use them. Cells are lists, one item a line; the last
 * column runs to the line's end, the others are cut at CELL_WIDTH (the JSON keeps everything).
 */
import type { MapAffected, MapMutation, RealtimeMap } from './realtime-map.js';

const CELL_WIDTH = 44;
const NONE = '-';

export interface TableOptions {
  color: boolean;
}

export function renderTable(map: RealtimeMap, { color }: TableOptions): string {
  const paint = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[39m` : text);
  const red = paint(31);
  const green = paint(32);
  const dim = color ? (text: string) => `\u001b[2m${text}\u001b[22m` : (text: string) => text;
  const live = map.queries.filter((query) => query.live).length;
  const lines: string[] = [];
  lines.push(
    `${map.mutations.length} mutation${plural(map.mutations.length)}, ${map.queries.length} quer${map.queries.length === 1 ? 'y' : 'ies'} (${live} live), ${map.gapCount === 0 ? 'no gaps' : red(`${map.gapCount} gap${plural(map.gapCount)}`)}`,
    '',
  );

  if (map.mutations.length === 0) {
    lines.push('The router has no mutations: nothing can leave a query stale.');
  } else {
    const mark = (entry: MapAffected) => (entry.gap ? red('✖') : entry.revalidated ? green('✓') : '·');
    const rows = map.mutations.map((mutation) => [
      [mutation.key + (mutation.complete ? '' : ' (partly read)')],
      list([...new Set(mutation.writes.map((write) => `${write.resource}.${write.operation}`))]),
      list(mutation.affects.map((entry) => `${mark(entry)} ${entry.query}${entry.reason === 'sibling' ? ' (sibling)' : ''}`)),
      list([...revalidationLines(mutation), ...mutation.publishes.map((entry) => `publish ${entry.channel ?? '(channel not literal)'}`)]),
    ]);
    lines.push(...table(['MUTATION', 'WRITES', 'QUERIES SHOWING IT', 'REVALIDATES [SCOPES] / PUBLISHES'], rows, dim));
    lines.push('', dim('✓ revalidated  ✖ left stale (a gap)  · not revalidated by name (a publish or a key that is not a literal may update it)'));

    lines.push('');
    if (map.gapCount === 0) {
      lines.push(green('No gaps: every mutation revalidates the queries that show what it writes.'));
    } else {
      lines.push(`Gaps (require-revalidate):`);
      for (const mutation of map.mutations) {
        for (const gap of mutation.gaps) {
          lines.push(`  ${red('✖')} ${mutation.key}  ${gap.at}`, `    ${gap.message}`);
        }
      }
    }
  }
  lines.push('');
  const queryRows = map.queries.map((query) => [[query.key], [query.live ? (query.stream ? 'live (stream)' : 'live') : NONE], list(query.shows), list(query.screens)]);
  if (queryRows.length === 0) lines.push('The router has no queries.');
  else lines.push(...table(['QUERY', 'LIVE', 'SHOWS', 'SCREENS'], queryRows, dim));
  return `${lines.join('\n')}\n`;
}

/** `message.list [() => [roomScope(roomId)]]`, with what a key refetches when that is not itself. */
function revalidationLines(mutation: MapMutation): string[] {
  const lines = mutation.revalidates.map((entry) => {
    const scopes = entry.scopes === undefined ? ' (no scopes: every client)' : ` [${entry.scopes}]`;
    const refetches = entry.refetches.length === 0 ? ' (refetches no query)' : entry.refetches.length === 1 && entry.refetches[0] === entry.key ? '' : ` → ${entry.refetches.join(', ')}`;
    return `${entry.key}${scopes}${refetches}`;
  });
  if (mutation.revalidatesUnknown) lines.push('(keys not literal)');
  return lines;
}

function list(items: readonly string[]): string[] {
  return items.length === 0 ? [NONE] : [...items];
}

/** Columns padded to their widest line (colour codes not counted); each row as tall as its longest cell. */
function table(header: readonly string[], rows: readonly (readonly string[])[][], dim: (text: string) => string): string[] {
  // A cut cell loses its colour: long cells are scopes and file paths, never marks.
  const cut = (text: string) => (visibleLength(text) > CELL_WIDTH ? `${[...text.replace(ANSI, '')].slice(0, CELL_WIDTH - 1).join('')}…` : text);
  const cells = rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? [...cell] : cell.map(cut))));
  const widths = header.map((title, column) => Math.max(visibleLength(title), ...cells.map((row) => Math.max(...row[column].map(visibleLength)))));
  const line = (values: readonly string[]) => values.map((value, column) => (column === values.length - 1 ? value : value + ' '.repeat(widths[column] - visibleLength(value)))).join('  ').trimEnd();
  const out = [dim(line(header))];
  for (const row of cells) {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let index = 0; index < height; index++) out.push(line(row.map((cell) => cell[index] ?? '')));
  }
  return out;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[\d+m/g;

function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}

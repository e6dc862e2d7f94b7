/**
 * Text splices for `init`'s edits: a file is changed by inserting text at positions its syntax tree
 * gives, so everything else in it (formatting, comments, quotes, line endings) stays byte for byte.
 */
import { indentationAt } from '../analysis/edits.js';
import type { TextEdit } from '../analysis/rule-api.js';

export type { TextEdit };

/** Applies insertions/replacements given in the original text's positions; equal starts keep their order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.range[0] - a.edit.range[0] || b.index - a.index);
  let result = text;
  for (const { edit } of ordered) result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
  return result;
}

/** The file's line ending: CRLF when it has any, else LF. */
export function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** A bracketed list in a file: an array, an argument list, or an object's properties. */
export interface ListSpan {
  /** Position of the opening bracket (`[`, `(` or `{`). */
  open: number;
  /** Position of the closing bracket. */
  close: number;
  /** Each item's start (without leading trivia) and end. */
  items: readonly { start: number; end: number }[];
}

/**
 * Inserts `item` into a list at `index` (0 … items.length), in the list's own style: one item per line
 * with the neighbours' indentation when the list spans lines, `a, b` otherwise. A trailing comma is
 * kept if the list has one, and never added where the language forbids it (`json`). A comment at the
 * end of the line an item ends on stays with that item.
 */
export function insertListItem(text: string, list: ListSpan, index: number, item: string, options: { json?: boolean; indentUnit?: string } = {}): TextEdit[] {
  const eol = lineEnding(text);
  const { items } = list;
  const gaps = items.length === 0 ? [text.slice(list.open + 1, list.close)] : [list.open + 1, ...items.map((entry) => entry.end)].map((from, at) => text.slice(from, at < items.length ? items[at].start : list.close));
  const multiline = gaps.some((gap) => gap.includes('\n'));

  if (items.length === 0) {
    if (!multiline) return [insert(list.open + 1, item)];
    const indent = indentationAt(text, list.open) + (options.indentUnit ?? '  ');
    return [insert(list.open + 1, `${eol}${indent}${item}${options.json ? '' : ','}`)];
  }

  if (index >= items.length) {
    const last = items[items.length - 1];
    const comma = /^\s*,/.exec(text.slice(last.end, list.close));
    if (!multiline) return comma ? [insert(last.end + comma[0].length, ` ${item},`)] : [insert(last.end, `, ${item}`)];
    const indent = indentationAt(text, last.start);
    if (comma) {
      const afterComma = last.end + comma[0].length;
      return [insert(endOfLineIfOnlyComment(text, afterComma, list.close), `${eol}${indent}${item},`)];
    }
    const lineEnd = endOfLineIfOnlyComment(text, last.end, list.close);
    return lineEnd === last.end ? [insert(last.end, `,${eol}${indent}${item}`)] : [insert(last.end, ','), insert(lineEnd, `${eol}${indent}${item}`)];
  }

  const target = items[index];
  const before = text.slice(index === 0 ? list.open + 1 : items[index - 1].end, target.start);
  if (!multiline || !before.includes('\n')) return [insert(target.start, `${item}, `)];
  // On its own line, above the target and the comment lines that belong to it.
  const lineStart = ownLineCommentsStart(text, target.start);
  return [insert(lineStart, `${indentationAt(text, target.start)}${item},${eol}`)];
}

function insert(at: number, text: string): TextEdit {
  return { range: [at, at], text };
}

/** The end of the line `from` is on when only white space or a comment follows on it (before `limit`), else `from`. */
function endOfLineIfOnlyComment(text: string, from: number, limit: number): number {
  const newline = text.indexOf('\n', from);
  if (newline === -1 || newline > limit) return from;
  const rest = text.slice(from, newline).replace(/\r$/, '');
  return /^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(rest) ? from + rest.length : from;
}

/** The start of the line of the first comment line directly above `start` (or of `start`'s own line). */
function ownLineCommentsStart(text: string, start: number): number {
  let lineStart = text.lastIndexOf('\n', start - 1) + 1;
  for (;;) {
    if (lineStart === 0) return lineStart;
    const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const previous = text.slice(previousStart, lineStart - 1).trim();
    if (!/^(\/\/|\/\*|\*)/.test(previous)) return lineStart;
    lineStart = previousStart;
  }
}

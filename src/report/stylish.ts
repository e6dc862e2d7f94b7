/**
 * ESLint's `stylish` formatter, byte for byte (a test runs ESLint's own on the same results): the file
 * path, then one aligned row per message (`line:column  severity  message  ruleId`), a summary, and
 * the count of problems `--fix` can fix. Nothing at all when there is nothing to report.
 */
import { stripVTControlCharacters, styleText } from 'node:util';
import type { FileResult } from '../engine.js';

type Style = Parameters<typeof styleText>[0];

const plural = (word: string, count: number) => (count === 1 ? word : `${word}s`);

export function formatStylish(results: readonly FileResult[], options: { color?: boolean } = {}): string {
  const style = options.color ? (format: Style, text: string) => styleText(format, text, { validateStream: false }) : (_: Style, text: string) => text;
  let output = '\n';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  let summaryColor: 'red' | 'yellow' = 'yellow';
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const rows = result.messages.map((message) => {
      let severity: string;
      if (message.severity === 2) {
        errors++;
        if (message.fix) fixableErrors++;
        severity = style('red', 'error');
        summaryColor = 'red';
      } else {
        warnings++;
        if (message.fix) fixableWarnings++;
        severity = style('yellow', 'warning');
      }
      // A trailing period is dropped unless a space precedes it.
      const text = message.message.length > 1 && /[^ ]\.$/.test(message.message) ? message.message.slice(0, -1) : message.message;
      // A parse error has no rule id: an empty cell, not a dimmed empty string.
      return ['', String(message.line), String(message.column), severity, text, message.ruleId ? style('dim', message.ruleId) : ''];
    });
    const table = alignRows(rows)
      .split('\n')
      .map((row) => row.replace(/(\d+)\s+(\d+)/, (_, line: string, column: string) => style('dim', `${line}:${column}`)))
      .join('\n');
    output += `${style('underline', result.filePath)}\n${table}\n\n`;
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const bold = (text: string) => style(summaryColor, style('bold', text));
  output += `${bold(`\u2716 ${total}${plural(' problem', total)} (${errors}${plural(' error', errors)}, ${warnings}${plural(' warning', warnings)})`)}\n`;
  if (fixableErrors > 0 || fixableWarnings > 0) {
    output += `${bold(`  ${fixableErrors}${plural(' error', fixableErrors)} and ${fixableWarnings}${plural(' warning', fixableWarnings)} potentially fixable with the \`--fix\` option.`)}\n`;
  }
  return style('reset', output);
}

/** Columns joined by two spaces, padded to the widest cell (the line number right-aligned), trailing space trimmed. */
function alignRows(rows: readonly string[][]): string {
  const width = (cell: string) => (cell.includes('\u001b') ? stripVTControlCharacters(cell).length : cell.length);
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, width(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, index) => {
          const padding = ' '.repeat(widths[index] - width(cell));
          return index === 1 ? padding + cell : cell + padding;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

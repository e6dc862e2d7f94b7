/**
 * ESLint's `stylish` layout: the file path, then `line:column  severity  message  ruleId` per message,
 * columns aligned, and a summary line. Nothing at all when there is nothing to report.
 */
import type { FileResult } from '../engine.js';

interface Colors {
  underline(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const COLORS: Colors = { underline: ansi(4, 24), dim: ansi(2, 22), red: ansi(31, 39), yellow: ansi(33, 39), bold: ansi(1, 22) };
const PLAIN: Colors = { underline: (t) => t, dim: (t) => t, red: (t) => t, yellow: (t) => t, bold: (t) => t };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function formatStylish(results: readonly FileResult[], options: { color?: boolean } = {}): string {
  const c = options.color ? COLORS : PLAIN;
  let output = '';
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const rows = result.messages.map((message) => {
      if (message.severity === 2) errors++;
      else warnings++;
      return [`${message.line}:${message.column}`, message.severity === 2 ? 'error' : 'warning', message.message.replace(/([^ ])\.$/, '$1'), message.ruleId];
    });
    const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
    output += `\n${c.underline(result.filePath)}\n`;
    for (const [position, severity, message, ruleId] of rows) {
      const level = severity === 'error' ? c.red(severity.padEnd(widths[1])) : c.yellow(severity.padEnd(widths[1]));
      output += `  ${c.dim(position.padEnd(widths[0]))}  ${level}  ${message.padEnd(widths[2])}  ${c.dim(ruleId)}\n`;
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  output += `\n${c.bold(errors > 0 ? c.red(summary) : c.yellow(summary))}\n`;
  return output;
}

/**
 * GitHub Actions workflow commands: one `::error` / `::warning` line per message, which GitHub shows as
 * an annotation on the file (a file that does not parse: an error titled "Parsing error"). Paths are
 * relative to `root` (the repository checkout, usually).
 */
import { relative, sep } from 'node:path';
import type { FileResult } from '../engine.js';

/** The message text: `%`, `\r` and `\n` are escaped. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, plus `:` and `,` (they separate properties). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: readonly FileResult[], root: string): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = relative(root, result.filePath).split(sep).join('/');
    for (const message of result.messages) {
      if (message.fatal) {
        // No rule and no end: titled as ESLint prefixes it; the column made 1-based, as annotations count.
        const properties = [`file=${escapeProperty(file)}`, `line=${message.line}`, `col=${message.column + 1}`, 'title=Parsing error'].join(',');
        lines.push(`::error ${properties}::${escapeData(message.message.replace(/^Parsing error: /, ''))}`);
        continue;
      }
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${message.line}`,
        `col=${message.column}`,
        `endLine=${message.endLine}`,
        `endColumn=${message.endColumn}`,
        `title=${escapeProperty(message.ruleId)}`,
      ].join(',');
      lines.push(`::${message.severity === 2 ? 'error' : 'warning'} ${properties}::${escapeData(message.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

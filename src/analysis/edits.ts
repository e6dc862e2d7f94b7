/** Text edits that keep the surrounding code's layout: new properties and statements on their own lines. */
import type { TsMorph } from './morph.js';
import { fastTs } from './syntax.js';
import type { TextEdit } from './rule-api.js';

/** White space before the first non-blank character of the line `position` is on. */
export function indentationAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The unit of indentation the file uses (two spaces when it cannot tell). */
export function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match) return '  ';
  return match[1].startsWith('\t') ? '\t' : match[1].length >= 4 && match[1].length % 4 === 0 ? '    ' : '  ';
}

/**
 * Inserts `propertyText` (e.g. `stream: true`) into an object literal: after `after` when given,
 * else as its first property. Multi-line objects get a new line with the properties' indentation.
 */
export function insertProperty(object: TsMorph.ts.ObjectLiteralExpression, propertyText: string, after?: TsMorph.ts.Node): TextEdit {
  const sourceFile = object.getSourceFile();
  const text = sourceFile.text;
  const multiline = object.getText(sourceFile).includes('\n');
  const properties = object.properties;
  if (after) {
    const end = after.end;
    const comma = /^[ \t]*,/.exec(text.slice(end));
    const indent = indentationAt(text, after.getStart(sourceFile));
    if (comma) {
      const at = end + comma[0].length;
      return { range: [at, at], text: multiline ? `\n${indent}${propertyText},` : ` ${propertyText},` };
    }
    return { range: [end, end], text: multiline ? `,\n${indent}${propertyText}` : `, ${propertyText}` };
  }
  const open = object.getStart(sourceFile) + 1;
  if (properties.length === 0) return { range: [open, open], text: ` ${propertyText} ` };
  const indent = indentationAt(text, properties[0]!.getStart(sourceFile));
  return { range: [open, open], text: multiline ? `\n${indent}${propertyText},` : ` ${propertyText},` };
}

/** The statement that contains `node` directly inside a block (where a new statement can follow it). */
export function statementInBlock(node: TsMorph.ts.Node): TsMorph.ts.Node | undefined {
  const { SyntaxKind } = fastTs();
  for (let current: TsMorph.ts.Node | undefined = node; current; current = current.parent) {
    const parentKind = current.parent?.kind;
    if (parentKind === SyntaxKind.Block || parentKind === SyntaxKind.SourceFile || parentKind === SyntaxKind.CaseClause || parentKind === SyntaxKind.DefaultClause) return current;
  }
  return undefined;
}

/** Inserts `lines` (already without indentation) as new statements after `statement`. */
export function insertStatementsAfter(statement: TsMorph.ts.Node, lines: readonly string[]): TextEdit {
  const sourceFile = statement.getSourceFile();
  const indent = indentationAt(sourceFile.text, statement.getStart(sourceFile));
  const end = statement.end;
  return { range: [end, end], text: lines.map((line) => `\n${line.length ? indent + line : ''}`).join('') };
}

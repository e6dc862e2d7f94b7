/** Text edits that keep the surrounding code's layout: new properties and statements on their own lines. */
import { tsMorph, type AstNode, type ObjectNode } from './morph.js';
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
export function insertProperty(object: ObjectNode, propertyText: string, after?: AstNode): TextEdit {
  const text = object.getSourceFile().getFullText();
  const multiline = object.getText().includes('\n');
  const properties = object.getProperties();
  if (after) {
    const end = after.getEnd();
    const comma = /^[ \t]*,/.exec(text.slice(end));
    const indent = indentationAt(text, after.getStart());
    if (comma) {
      const at = end + comma[0].length;
      return { range: [at, at], text: multiline ? `\n${indent}${propertyText},` : ` ${propertyText},` };
    }
    return { range: [end, end], text: multiline ? `,\n${indent}${propertyText}` : `, ${propertyText}` };
  }
  const open = object.getStart() + 1;
  if (properties.length === 0) return { range: [open, open], text: ` ${propertyText} ` };
  const first = properties[0];
  const indent = indentationAt(text, first.getStart());
  return { range: [open, open], text: multiline ? `\n${indent}${propertyText},` : ` ${propertyText},` };
}

/** The statement that contains `node` directly inside a block (where a new statement can follow it). */
export function statementInBlock(node: AstNode): AstNode | undefined {
  const { Node } = tsMorph();
  let current: AstNode | undefined = node;
  while (current) {
    const parent: AstNode | undefined = current.getParent();
    if (parent && (Node.isBlock(parent) || Node.isSourceFile(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent))) return current;
    current = parent;
  }
  return undefined;
}

/** Inserts `lines` (already without indentation) as new statements after `statement`. */
export function insertStatementsAfter(statement: AstNode, lines: readonly string[]): TextEdit {
  const text = statement.getSourceFile().getFullText();
  const indent = indentationAt(text, statement.getStart());
  const end = statement.getEnd();
  return { range: [end, end], text: lines.map((line) => `\n${line.length ? indent + line : ''}`).join('') };
}

/**
 * The syntax error ESLint reports for a file that does not parse. typescript-estree (the parser of
 * ESLint's TypeScript config) throws TypeScript's first parse diagnostic, at its start; ESLint turns it
 * into a fatal "Parsing error" message and runs no rule. `check` reports the same, from the same parse.
 */
import { analysisTypeScript, type TsMorph } from './morph.js';

export interface ParseError {
  /** TypeScript's message, as typescript-estree passes it on (`Expression expected.`). */
  message: string;
  /** 1-based. */
  line: number;
  /** 0-based UTF-16 code units: typescript-estree's column, which ESLint reports unchanged. */
  column: number;
}

/** `parseDiagnostics` is internal to TypeScript's SourceFile; typescript-estree reads the same field. */
interface ParsedSourceFile {
  parseDiagnostics?: readonly TsMorph.ts.DiagnosticWithLocation[];
}

/** The first parse diagnostic of `sourceFile`, located as ESLint locates it; undefined when it parses. */
export function firstParseError(sourceFile: TsMorph.ts.SourceFile): ParseError | undefined {
  const diagnostic = (sourceFile as unknown as ParsedSourceFile).parseDiagnostics?.[0];
  if (!diagnostic) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start);
  // ESLint strips a leading "line N:" (espree's) and trims; TypeScript's messages have neither, but the same rule applies.
  const message = analysisTypeScript().flattenDiagnosticMessageText(diagnostic.messageText, '\n').replace(/^line \d+:/i, '').trim();
  return { message, line: line + 1, column: character };
}

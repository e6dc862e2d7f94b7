/**
 * ESLint's `json` formatter output: the LintResult array of `eslint --format json`, key for key (fix
 * and suggestions included, `source` when there are problems, `output` after --fix, a file that does not
 * parse as ESLint's fatal "Parsing error" message), so tools and formatters that read ESLint's results
 * read `igniter-rt check --format json` too.
 */
import { mergeEdits, type Fix } from '../check/fix.js';
import type { Message, ParseErrorMessage } from '../engine.js';
import type { CheckResult } from './result.js';

/** A rule's finding. */
export interface JsonRuleMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  messageId: string;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  suggestions?: { messageId: string; data?: Record<string, string | number>; fix: Fix; desc: string }[];
}

/** The file does not parse: ESLint's fatal message (no rule id, no end, no fix). */
export type JsonParseErrorMessage = Omit<ParseErrorMessage, 'fix' | 'suggestions'>;

export type JsonMessage = JsonRuleMessage | JsonParseErrorMessage;

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: [];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  output?: string;
  usedDeprecatedRules: [];
}

export function toJsonResults(results: readonly CheckResult[]): JsonResult[] {
  return results.map((result) => {
    const errors = result.messages.filter((message) => message.severity === 2);
    const warnings = result.messages.filter((message) => message.severity === 1);
    return {
      filePath: result.filePath,
      messages: result.messages.map((message) => toJsonMessage(message, result.text)),
      suppressedMessages: [],
      errorCount: errors.length,
      fatalErrorCount: result.messages.filter((message) => message.fatal).length,
      warningCount: warnings.length,
      fixableErrorCount: errors.filter((message) => message.fix).length,
      fixableWarningCount: warnings.filter((message) => message.fix).length,
      ...(result.fixed ? { output: result.text } : result.messages.length > 0 ? { source: result.text } : {}),
      usedDeprecatedRules: [],
    };
  });
}

function toJsonMessage(message: Message, text: string): JsonMessage {
  if (message.fatal) return { ruleId: null, fatal: true, severity: 2, message: message.message, line: message.line, column: message.column };
  const { ruleId, severity, line, column, messageId, endLine, endColumn } = message;
  return {
    ruleId,
    severity,
    message: message.message,
    line,
    column,
    messageId,
    endLine,
    endColumn,
    ...(message.fix ? { fix: mergeEdits(text, message.fix) } : {}),
    ...(message.suggestions
      ? {
          suggestions: message.suggestions.map((suggestion) => ({
            messageId: suggestion.messageId,
            ...(suggestion.data ? { data: suggestion.data } : {}),
            fix: mergeEdits(text, suggestion.edits),
            desc: suggestion.desc,
          })),
        }
      : {}),
  };
}

/** The whole report: one JSON document and a newline. */
export function formatJson(results: readonly CheckResult[]): string {
  return `${JSON.stringify(toJsonResults(results))}\n`;
}

/** ESLint's `json` formatter shape, so tools that read ESLint's JSON read `igniter-rt check --format json` too. */
import type { FileResult } from '../engine.js';

export interface JsonMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  messageId: string;
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  suppressedMessages: [];
  usedDeprecatedRules: [];
}

export function toJsonResults(results: readonly FileResult[]): JsonResult[] {
  return results.map((result) => {
    const errors = result.messages.filter((message) => message.severity === 2);
    const warnings = result.messages.filter((message) => message.severity === 1);
    return {
      filePath: result.filePath,
      messages: result.messages.map(({ ruleId, severity, message, line, column, endLine, endColumn, messageId }) => ({
        ruleId,
        severity,
        message,
        line,
        column,
        endLine,
        endColumn,
        messageId,
      })),
      errorCount: errors.length,
      warningCount: warnings.length,
      fixableErrorCount: errors.filter((message) => message.fix).length,
      fixableWarningCount: warnings.filter((message) => message.fix).length,
      suppressedMessages: [],
      usedDeprecatedRules: [],
    };
  });
}

/** The whole report: one JSON document and a newline. */
export function formatJson(results: readonly FileResult[]): string {
  return `${JSON.stringify(toJsonResults(results))}\n`;
}

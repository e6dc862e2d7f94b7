/**
 * Autofix the way ESLint does it (`Linter#verifyAndFix` and its SourceCodeFixer), so `check --fix`
 * and `eslint --fix` write the same text: each message's edits merge into one fix; per pass the fixes
 * are applied in order of position, skipping any that overlaps or touches one already applied; then
 * the text is linted again, up to 10 passes. Suggestions are never applied.
 */
import type { Message } from '../engine.js';
import type { TextEdit } from '../analysis/rule-api.js';

export const MAX_FIX_PASSES = 10;

export interface Fix {
  range: [number, number];
  text: string;
}

/** One report's edits as one fix spanning them all, the text between them kept (ESLint's `mergeFixes`). */
export function mergeEdits(text: string, edits: readonly TextEdit[]): Fix {
  if (edits.length === 1) return { range: [edits[0].range[0], edits[0].range[1]], text: edits[0].text };
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0].range[0];
  let end = start;
  let merged = '';
  for (const edit of sorted) {
    if (edit.range[0] < end) throw new Error(`overlapping edits in one fix at ${edit.range[0]} (a bug in the rule; please report it)`);
    merged += text.slice(end, edit.range[0]) + edit.text;
    end = edit.range[1];
  }
  return { range: [start, end], text: merged };
}

/** One pass: the text with every non-overlapping fix applied, and whether any was. */
export function applyFixes(text: string, messages: readonly Message[]): { output: string; fixed: boolean } {
  const fixes = messages
    .filter((message): message is Message & { fix: TextEdit[] } => message.fix !== undefined && message.fix.length > 0)
    .map((message) => mergeEdits(text, message.fix))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let lastEnd = Number.NEGATIVE_INFINITY;
  let fixed = false;
  for (const { range: [start, end], text: replacement } of fixes) {
    if (lastEnd >= start || start > end) continue; // overlaps (or touches) a fix already applied: next pass
    output += text.slice(Math.max(0, lastEnd), Math.max(0, start)) + replacement;
    lastEnd = end;
    fixed = true;
  }
  return { output: output + text.slice(Math.max(0, lastEnd)), fixed };
}

export interface FixResult {
  /** The text after every pass. */
  output: string;
  fixed: boolean;
  /** The problems left in `output`. */
  messages: Message[];
}

/** Lints, fixes and lints again until nothing changes or after MAX_FIX_PASSES passes. */
export function fixText(text: string, lint: (text: string) => Message[]): FixResult {
  let output = text;
  let messages = lint(output);
  let fixed = false;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const result = applyFixes(output, messages);
    if (!result.fixed) break;
    fixed = true;
    output = result.output;
    messages = lint(output);
  }
  return { output, fixed, messages };
}

/** What `init` prints: what it found, a line per step (with the exact lines for steps left to the user), notes, a summary. */
import type { FileChange } from '../generate/types.js';
import type { InitResult, InitStep, StepStatus } from './run.js';

const LABEL: Record<StepStatus, string> = { create: 'CREATE', update: 'UPDATE', unchanged: 'SKIP', manual: 'MANUAL', skipped: 'NO HOOK' };

export function resultText(result: InitResult): string {
  const width = Math.max(...result.found.map(([label]) => label.length));
  const found = result.found.map(([label, value]) => `${`${label}:`.padEnd(width + 1)}  ${value}`);
  const steps = result.steps.map(stepText);
  const notes = result.notes.map((note) => `Note: ${note}`);
  return [found.join('\n'), steps.join('\n'), notes.join('\n'), summaryLine(result)].filter(Boolean).join('\n\n');
}

function stepText(step: InitStep): string {
  const head = `${LABEL[step.status]} ${step.file ?? (step.area === 'hook' ? 'pre-commit hook' : 'ESLint config')}: ${step.status === 'manual' || step.status === 'skipped' ? step.reason : step.summary}`;
  if (step.status !== 'manual') return head;
  const lines = (step.steps ?? []).flatMap((manual) => [`  ${manual.say}`, ...manual.code.map((code) => `    ${code}`)]);
  return [`${head}. Not changed; by hand:`, ...lines].join('\n');
}

function summaryLine(result: InitResult): string {
  const count = (status: StepStatus) => result.steps.filter((step) => step.status === status).length;
  const parts = [count('create') ? `${count('create')} created` : '', count('update') ? `${count('update')} updated` : ''].filter(Boolean);
  const open = count('manual') + count('skipped');
  const left = open ? ` ${open} step${open > 1 ? 's' : ''} left to do by hand (above).` : '';
  if (parts.length === 0) return `Nothing to change${open ? '.' : ': everything is already in place.'}${left}`;
  return `${result.dryRun ? 'Dry run, nothing written' : 'Done'}: ${parts.join(', ')}.${left}`;
}

/** The changes as the unified-diff printer takes them (paths as shown). */
export function diffChanges(result: InitResult): FileChange[] {
  return result.steps.flatMap((step) =>
    step.write && (step.status === 'create' || step.status === 'update')
      ? [{ path: step.file ?? step.write.path, kind: step.status, before: step.write.before, after: step.write.after }]
      : [],
  );
}

/**
 * `init --json`: one JSON document on stdout, what the text says, for tools: what was found, each step
 * (with the lines to add by hand for a manual one), the notes, whether anything was written, the exit
 * code, and with `--dry-run` the unified diff.
 */
export function resultJson(result: InitResult, exitCode: number, diff?: string): Record<string, unknown> {
  return {
    root: result.root,
    packageManager: result.packageManager,
    found: Object.fromEntries(result.found),
    steps: result.steps.map((step) => ({
      area: step.area,
      status: step.status,
      file: step.file ?? null,
      summary: step.summary,
      ...(step.reason !== undefined ? { reason: step.reason } : {}),
      ...(step.status === 'manual' ? { manual: step.steps ?? [] } : {}),
    })),
    notes: result.notes,
    dryRun: result.dryRun,
    written: result.written,
    exitCode,
    ...(diff !== undefined ? { diff } : {}),
  };
}

/** `init --json` after a usage error or a failed write: the same document's error part; nothing written. */
export function errorJson(message: string, exitCode: number): Record<string, unknown> {
  return { written: false, exitCode, error: { message, exitCode } };
}

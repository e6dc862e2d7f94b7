/**
 * The marked block `init` keeps in a shell pre-commit hook. An existing hook keeps every line it has:
 * the block is added once, and re-running init replaces it in place.
 */
import type { ManualStep } from './eslint-config.js';
import { lineEnding } from './text-edits.js';

export const BLOCK_START = '# >>> igniter-rt >>>';
export const BLOCK_END = '# <<< igniter-rt <<<';

export type HookEdit = { status: 'added' | 'updated'; text: string } | { status: 'present' } | { status: 'manual'; reason: string; steps: ManualStep[] };

/**
 * The block's lines. `|| exit $?` makes a failed check stop the commit even in a hook that does not run
 * with `sh -e` and has more commands after the block. `directory` (relative to the repository root,
 * where git runs hooks) is set for a project below the root.
 */
export function hookBlock(command: string, directory?: string): string[] {
  const run = directory ? `(cd ${shellQuote(directory)} && ${command}) || exit $?` : `${command} || exit $?`;
  return [BLOCK_START, '# Added by `igniter-rt init`: stops a commit whose staged TypeScript breaks the realtime checklist.', run, BLOCK_END];
}

/** `header` starts a new hook file (`#!/bin/sh` for a git hook; nothing for a husky 9 hook). */
export function withHookBlock(existing: string | undefined, block: readonly string[], header: readonly string[]): HookEdit {
  if (existing === undefined) return { status: 'added', text: `${[...header, ...block].join('\n')}\n` };
  const eol = lineEnding(existing);
  const manual = (reason: string): HookEdit => ({ status: 'manual', reason, steps: [{ say: 'Add these lines where the hook runs its checks:', code: [...block] }] });

  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(existing);
  if (shebang) {
    const program = (shebang[1].endsWith('/env') ? shebang[2] ?? '' : shebang[1]).split('/').pop() ?? '';
    if (!/^(sh|bash|dash|zsh|ksh|ash)$/.test(program)) return manual(`it is a ${program || 'non-shell'} script, not a shell script`);
  }

  const lines = existing.split(/\r?\n/);
  const starts = indexesOf(lines, BLOCK_START);
  const ends = indexesOf(lines, BLOCK_END);
  if (starts.length > 1 || ends.length > 1 || starts.length !== ends.length || (starts.length === 1 && ends[0] < starts[0])) {
    return manual(`its \`${BLOCK_START}\` … \`${BLOCK_END}\` lines are not one complete block (remove them, then run init again)`);
  }
  if (starts.length === 1) {
    const current = lines.slice(starts[0], ends[0] + 1);
    if (current.join('\n') === block.join('\n')) return { status: 'present' };
    lines.splice(starts[0], current.length, ...block);
    return { status: 'updated', text: lines.join(eol) };
  }

  // Before a final `exit` or `exec`: anything after it would never run.
  const last = lastCodeLine(lines);
  if (last !== -1 && /^\s*(exit|exec)\b/.test(lines[last])) {
    const blank = last > 0 && lines[last - 1].trim() !== '' ? [''] : [];
    lines.splice(last, 0, ...blank, ...block, '');
    return { status: 'updated', text: lines.join(eol) };
  }
  const body = existing.replace(/(\r?\n)*$/, '');
  return { status: 'updated', text: `${body}${body ? eol + eol : ''}${block.join(eol)}${eol}` };
}

function indexesOf(lines: readonly string[], marker: string): number[] {
  return lines.flatMap((line, index) => (line.trim() === marker ? [index] : []));
}

/** The last line that is neither blank nor a comment (-1 when there is none). */
function lastCodeLine(lines: readonly string[]): number {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index].trim();
    if (line !== '' && !line.startsWith('#')) return index;
  }
  return -1;
}

/** Single-quoted for sh (a `'` inside becomes `'\''`); plain when only safe characters. */
export function shellQuote(value: string): string {
  return /^[\w./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

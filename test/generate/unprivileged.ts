/**
 * Runs a command the way an ordinary user would, so a folder made read-only with chmod really refuses
 * writes. Not root: the command runs as is. Root (CI runs tests as root): through `setpriv` with every
 * capability dropped (bounding, inheritable and ambient sets). The process keeps uid 0, so it still
 * owns and reads the repo wherever it lives (even under /root), but without CAP_DAC_OVERRIDE the mode
 * bits apply to it like to anyone: a 0555 folder is EACCES. `checkUnprivileged()` proves this on a
 * probe folder first and throws (the test fails, it is never skipped) where it does not hold.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const isRoot = process.getuid?.() === 0;

const DROP_ALL = ['setpriv', '--bounding-set', '-all', '--inh-caps', '-all', '--ambient-caps', '-all', '--'];

/** `argv` as an unprivileged process: unchanged when not root. */
export function unprivileged(argv: readonly string[]): string[] {
  return isRoot ? [...DROP_ALL, ...argv] : [...argv];
}

export function spawnUnprivileged(argv: readonly string[], options: Omit<SpawnSyncOptions, 'encoding'> = {}) {
  const [command, ...args] = unprivileged(argv);
  return spawnSync(command, args, { timeout: 60_000, ...options, encoding: 'utf8' });
}

let proven = false;

/** Throws unless a folder chmod-ed to 0555 refuses a write from `unprivileged(...)` with EACCES. */
export function checkUnprivileged(): void {
  if (proven) return;
  const probe = mkdtempSync(join(tmpdir(), 'igniter-rt-unprivileged-'));
  try {
    const locked = join(probe, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const script = `try { require('node:fs').writeFileSync(${JSON.stringify(join(locked, 'x'))}, 'x'); console.log('written') } catch (e) { console.log(e.code) }`;
    const result = spawnUnprivileged([process.execPath, '-e', script]);
    const outcome = `${result.stdout ?? ''}`.trim();
    if (outcome !== 'EACCES') {
      throw new Error(
        `Cannot run a command without write permission here (${isRoot ? 'root: setpriv dropping every capability' : 'chmod'}): the probe write gave ` +
          `"${outcome || `${result.error?.message ?? ''} ${result.stderr ?? ''}`.trim()}" instead of EACCES. The read-only tests need util-linux setpriv and CAP_SETPCAP as root.`,
      );
    }
    proven = true;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

// How much CPU other processes took while a measured child ran. The 1-minute load average cannot
// tell: the child itself (ESLint's thread plus V8's helper threads) keeps it near 2 on a 2-core
// machine, so it flagged every run as "busy". On Linux, /proc/stat gives the CPU time all processes
// used; minus the child's own CPU time, what is left is everyone else's (and the benchmark's own,
// which idles while it waits). Elsewhere the load average is all there is.

import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { round } from './stats.js';

/** A run counts as disturbed when others took more than this share of its wall time on one CPU. */
export const DISTURBED_SHARE = 0.1;

/** CPU time (ms) the whole machine has spent busy since boot, or undefined without /proc/stat. */
function machineBusyMs() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    const [user, nice, system, , , irq, softirq, steal = 0] = fields.map(Number);
    // USER_HZ is 100 on every Linux architecture Node runs on.
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Runs `measure()` (one child process) and adds to its sample `otherCpuMs`: CPU time used by other
 * processes meanwhile (Linux), and `loadBefore`, the 1-minute load average before it started.
 * `ownCpuMs(sample)` is the child's own CPU time.
 */
export async function withOtherLoad(measure, ownCpuMs = (sample) => sample.cpuMs) {
  const loadBefore = round(loadavg()[0], 2);
  const before = machineBusyMs();
  const sample = await measure();
  const after = machineBusyMs();
  const otherCpuMs = before === undefined || after === undefined ? undefined : Math.max(0, Math.round(after - before - ownCpuMs(sample)));
  return { ...sample, loadBefore, otherCpuMs };
}

/**
 * Whether other processes disturbed the samples: by /proc/stat where known, else by a load average
 * above the CPU count. Returns { disturbed, detail } for the report.
 */
export function disturbance(samples) {
  const known = samples.filter((sample) => sample.otherCpuMs !== undefined);
  if (known.length === samples.length && known.length > 0) {
    const worst = known.reduce((a, b) => (b.otherCpuMs / b.ms > a.otherCpuMs / a.ms ? b : a));
    const share = worst.otherCpuMs / worst.ms;
    return {
      disturbed: share > DISTURBED_SHARE,
      detail: `other processes used at most ${Math.round(share * 100)}% of one CPU during a run (${(worst.otherCpuMs / 1000).toFixed(2)} s CPU in a ${(worst.ms / 1000).toFixed(2)} s run)`,
    };
  }
  const maxLoad = Math.max(0, ...samples.map((sample) => sample.loadBefore).filter(Number.isFinite));
  const cpus = availableParallelism();
  return { disturbed: maxLoad > cpus, detail: `1-minute load average up to ${maxLoad} on ${cpus} CPUs before a run` };
}

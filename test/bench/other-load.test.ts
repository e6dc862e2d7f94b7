/** The benchmark's check for other processes competing for the CPU (scripts/bench/other-load.js). */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const moduleUrl = pathToFileURL(join(__dirname, '..', '..', 'scripts', 'bench', 'other-load.js')).href;

/** Runs `body` (an async function body that returns JSON-able data) with the module imported as `load`. */
function evaluate(body: string): unknown {
  const script = `const load = await import(${JSON.stringify(moduleUrl)}); const run = async () => { ${body} }; process.stdout.write(JSON.stringify(await run()));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('bench: other-load', () => {
  it('calls runs quiet when other processes took a small share of one CPU', () => {
    const result = evaluate('return load.disturbance([{ ms: 10000, otherCpuMs: 200 }, { ms: 20000, otherCpuMs: 1000 }]);') as { disturbed: boolean; detail: string };
    expect(result.disturbed).toBe(false);
    expect(result.detail).toContain('at most 5% of one CPU');
  });

  it('calls runs disturbed when another process took more than a tenth of one CPU in any run', () => {
    const result = evaluate('return load.disturbance([{ ms: 10000, otherCpuMs: 100 }, { ms: 10000, otherCpuMs: 2000 }]);') as { disturbed: boolean; detail: string };
    expect(result.disturbed).toBe(true);
    expect(result.detail).toBe('other processes used at most 20% of one CPU during a run (2.00 s CPU in a 10.00 s run)');
  });

  it('falls back to the load average when a sample has no /proc/stat figure', () => {
    const cpus = availableParallelism();
    const busy = evaluate(`return load.disturbance([{ ms: 1000, otherCpuMs: 0 }, { ms: 1000, loadBefore: ${cpus + 1} }]);`) as { disturbed: boolean; detail: string };
    expect(busy).toEqual({ disturbed: true, detail: `1-minute load average up to ${cpus + 1} on ${cpus} CPUs before a run` });
    const quiet = evaluate(`return load.disturbance([{ ms: 1000, loadBefore: ${cpus - 0.5} }]);`) as { disturbed: boolean };
    expect(quiet.disturbed).toBe(false);
  });

  it.runIf(process.platform === 'linux')('counts CPU that the measured child did not use as other processes\' (Linux)', () => {
    // The "child" here is this process spinning for 400 ms while claiming no CPU of its own.
    const sample = evaluate(
      'return load.withOtherLoad(async () => { const start = performance.now(); while (performance.now() - start < 400); return { ms: 400 }; }, () => 0);',
    ) as { otherCpuMs: number; loadBefore: number };
    expect(sample.otherCpuMs).toBeGreaterThanOrEqual(300);
    expect(typeof sample.loadBefore).toBe('number');
  });
});

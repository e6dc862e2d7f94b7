/** The benchmark's eslint-overhead verdicts: medians for time and peak memory, the rest for information. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module of the benchmark, no types
import section, { judge, TARGETS } from '../../scripts/bench/sections/eslint-overhead.js';

interface Sample {
  ms: number;
  cpuMs: number;
  gcMs: number;
  lintMs: number;
  setupMs: number;
  maxRssMb: number;
  retainedHeapMb?: number;
  typescriptVersion: string;
  files: number;
  rules: number;
  findings: number;
  fatal: number;
  byRule: Record<string, number>;
}

function sample(ms: number, maxRssMb: number, retainedHeapMb?: number, findings = 0): Sample {
  return { ms, cpuMs: ms, gcMs: 100, lintMs: ms - 400, setupMs: 400, maxRssMb, retainedHeapMb, typescriptVersion: '6.0.3', files: 2008, rules: 1, findings, fatal: 0, byRule: {} };
}

/** Five runs per variant: `rss` are the peaks (MB) of each variant's runs, times all 10 s except `allMs`. */
function samples(rss: Record<string, number[]>, { allMs = 10_000, retained = true } = {}) {
  const variants = ['parse-only', 'noop', 'all', 'noop ts5.9', 'all ts5.9'];
  return Object.fromEntries(
    variants.map((name) => [
      name,
      rss[name].map((peak) => sample(name.startsWith('all') ? allMs : 10_000, peak, retained ? (name.startsWith('all') ? 47.6 : 41.3) : undefined, name.startsWith('all') ? 510 : 0)),
    ]),
  );
}

const typical = {
  'parse-only': [370, 375, 380, 385, 390],
  noop: [400, 405, 410, 415, 420],
  all: [430, 435, 440, 445, 450],
  'noop ts5.9': [400, 405, 410, 415, 420],
  'all ts5.9': [430, 435, 440, 445, 450],
};

describe('bench: eslint-overhead verdicts', () => {
  it('passes memory by the median peak when one run draws a collector peak, and still shows the highest-run difference', () => {
    const result = judge(samples({ ...typical, 'all ts5.9': [430, 435, 440, 445, 555] }));
    const pair = result.pairs[1];
    expect(pair.memoryOverMb).toBe(30);
    expect(pair.highestMemoryOverMb).toBe(135);
    expect(pair.memoryPass).toBe(true);
    expect(result.pass).toBe(true);
    expect(result.modes['all ts5.9'].lowestRssMb).toBe(430);
  });

  it('fails memory when the typical run is more than the target over the reference', () => {
    const over = typical.noop.map((peak) => peak + TARGETS.memoryOverMb + 1);
    const result = judge(samples({ ...typical, all: over }));
    expect(result.pairs[0].memoryOverMb).toBe(TARGETS.memoryOverMb + 1);
    expect(result.pairs[0].memoryPass).toBe(false);
    expect(result.pass).toBe(false);
  });

  it('fails time by the median, whatever memory does', () => {
    const result = judge(samples(typical, { allMs: 10_600 }));
    expect(result.pairs[0].timeRatio).toBe(1.06);
    expect(result.pairs[0].timePass).toBe(false);
    expect(result.pairs[0].memoryPass).toBe(true);
  });

  it('reports the heap each run keeps, or nothing when the runner could not collect', () => {
    expect(judge(samples(typical)).pairs[0].retainedHeapOverMb).toBe(6.3);
    expect(judge(samples(typical, { retained: false })).pairs[0].retainedHeapOverMb).toBeUndefined();
  });

  it('prints the median verdict, the range and the kept heap', () => {
    const text: string = section.format({ runs: 5, ...judge(samples({ ...typical, 'all ts5.9': [430, 435, 440, 445, 555] })) });
    expect(text).toMatch(/peak memory \(median\) over noop ts5\.9\s+\+30 MB\s+<= \+80 MB\s+PASS/);
    expect(text).toMatch(/peak memory \(highest run\) over noop ts5\.9\s+\+135 MB\n/);
    expect(text).toMatch(/heap kept after the run over noop ts5\.9\s+\+6 MB\n/);
    expect(text).toContain('430–555 MB');
    expect(text).toContain('verdict: PASS');
  });
});

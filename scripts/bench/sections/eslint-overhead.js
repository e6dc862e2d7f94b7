// Section `eslint-overhead`: what the plugin's `all` preset costs on top of ESLint's own floor for any
// plugin (the parser plus one rule that does nothing), over the synthetic app, with the parser on the
// repository's TypeScript (6.0) and on TypeScript 5.9 (what every real Igniter.js app seen pins:
// `typescript` ^5; ts-morph runs on that 5.9 too, not on its bundled 6.0). Targets, for each TypeScript:
// `all` <= 1.05x the median time of `noop`, and <= 80 MB more peak memory than `noop`, medians both
// (scripts/bench/README.md says why the median peak, and what else the report gives).

import { join } from 'node:path';
import { runAlternating } from '../alternate.js';
import { runNodeScript } from '../child-process.js';
import { heading, megabytes, seconds, signedMegabytes, table, times, verdict } from '../format.js';
import { disturbance, withOtherLoad } from '../other-load.js';
import { assertPluginBuilt, BENCH_DIR } from '../paths.js';
import { max, median, min, ratio, round } from '../stats.js';

const RUNNER = join(BENCH_DIR, 'eslint-run.js');
const BASELINE = 'parse-only';
const CANDIDATE = 'all';
/** ESLint with one rule that does nothing: what ESLint itself costs once any rule is on, the floor for any plugin. */
const REFERENCE = 'noop';
/** The npm alias of TypeScript 5.9 the 5.9 variants run the parser on (scripts/typescript-overlay.js). */
const TYPESCRIPT_5 = 'typescript59';
const VARIANTS = {
  [BASELINE]: { mode: BASELINE },
  [REFERENCE]: { mode: REFERENCE },
  [CANDIDATE]: { mode: CANDIDATE },
  [`${REFERENCE} ts5.9`]: { mode: REFERENCE, typescript: TYPESCRIPT_5 },
  [`${CANDIDATE} ts5.9`]: { mode: CANDIDATE, typescript: TYPESCRIPT_5 },
};
/** The pairs the targets apply to: [candidate, its floor] per TypeScript. */
const PAIRS = [
  [CANDIDATE, REFERENCE],
  [`${CANDIDATE} ts5.9`, `${REFERENCE} ts5.9`],
];
export const TARGETS = Object.freeze({ time: 1.05, memoryOverMb: 80 });

function summarizeMode(samples) {
  const ms = samples.map((sample) => sample.ms);
  const rss = samples.map((sample) => sample.maxRssMb);
  const retained = samples.map((sample) => sample.retainedHeapMb).filter((value) => typeof value === 'number');
  return {
    typescriptVersion: samples[0]?.typescriptVersion,
    medianMs: median(ms),
    medianCpuMs: median(samples.map((sample) => sample.cpuMs)),
    medianGcMs: median(samples.map((sample) => sample.gcMs)),
    medianLintMs: median(samples.map((sample) => sample.lintMs)),
    medianSetupMs: median(samples.map((sample) => sample.setupMs)),
    peakRssMb: max(rss),
    lowestRssMb: min(rss),
    medianRssMb: median(rss),
    medianRetainedHeapMb: retained.length > 0 ? median(retained) : undefined,
  };
}

async function run({ repoRoot, appDir, runs, pluginFile, log }) {
  assertPluginBuilt(repoRoot, pluginFile);
  // Each sample also says how much CPU other processes took meanwhile (wall times mean little then).
  const measure = (name) =>
    withOtherLoad(async () => {
      const { mode, typescript } = VARIANTS[name];
      const args = [mode, appDir, repoRoot, '--plugin', pluginFile, ...(typescript ? ['--typescript', typescript] : [])];
      // --expose-gc: the runner collects once at the end, after every timed figure, to read the retained heap.
      return (await runNodeScript(RUNNER, args, { cwd: repoRoot, execArgv: ['--expose-gc'] })).result;
    });
  const samples = await runAlternating({
    variants: Object.keys(VARIANTS),
    runs,
    measure,
    log,
    describe: (sample) => `${seconds(sample.ms)}, ${megabytes(sample.maxRssMb)}, ${sample.findings} findings`,
  });
  return { runs, ...judge(samples) };
}

/**
 * The verdicts from the samples of every variant (`{ [variant]: sample[] }`, run i of each variant
 * from the same round): medians for time and for peak memory, the rest for information.
 */
export function judge(samples) {
  const modes = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, { ...summarizeMode(list), samples: list }]));
  const pairs = PAIRS.map(([candidate, reference]) => {
    const timeRatio = ratio(modes[candidate].medianMs, modes[reference].medianMs);
    const memoryOverMb = round(modes[candidate].medianRssMb - modes[reference].medianRssMb, 1);
    const retained = [modes[candidate].medianRetainedHeapMb, modes[reference].medianRetainedHeapMb];
    // Runs i of both variants ran back to back, so their ratio is fairly immune to slow drift.
    const paired = samples[reference].map((sample, index) => samples[candidate][index].ms / sample.ms);
    const timePass = timeRatio <= TARGETS.time;
    const memoryPass = memoryOverMb <= TARGETS.memoryOverMb;
    return {
      candidate,
      reference,
      typescriptVersion: modes[candidate].typescriptVersion,
      timeRatio,
      medianPairedTimeRatio: ratio(median(paired), 1),
      cpuRatio: ratio(modes[candidate].medianCpuMs, modes[reference].medianCpuMs),
      memoryOverMb,
      highestMemoryOverMb: round(modes[candidate].peakRssMb - modes[reference].peakRssMb, 1),
      retainedHeapOverMb: retained.every((value) => typeof value === 'number') ? round(retained[0] - retained[1], 1) : undefined,
      sameFindings: samples[candidate].every((sample) => sample.findings === samples[CANDIDATE][0].findings),
      timePass,
      memoryPass,
      pass: timePass && memoryPass,
    };
  });
  const last = (mode) => samples[mode][samples[mode].length - 1];
  const load = disturbance(Object.values(samples).flat());
  return {
    targets: TARGETS,
    modes,
    pairs,
    referenceTimeRatio: ratio(modes[REFERENCE].medianMs, modes[BASELINE].medianMs),
    parseOnlyTimeRatio: ratio(modes[CANDIDATE].medianMs, modes[BASELINE].medianMs),
    parseOnlyMemoryRatio: ratio(modes[CANDIDATE].medianRssMb, modes[BASELINE].medianRssMb),
    busy: load.disturbed,
    load: load.detail,
    pass: pairs.every((pair) => pair.pass),
    files: last(CANDIDATE).files,
    rules: last(CANDIDATE).rules,
    findings: last(CANDIDATE).findings,
    findingsByRule: last(CANDIDATE).byRule,
    parseErrors: last(BASELINE).fatal,
    firstParseError: last(BASELINE).firstFatal ?? null,
  };
}

function format(result) {
  const names = Object.keys(result.modes);
  const perRun = [['run', ...names]];
  for (let index = 0; index < result.runs; index += 1) {
    perRun.push([String(index + 1), ...names.map((name) => `${seconds(result.modes[name].samples[index].ms)} ${megabytes(result.modes[name].samples[index].maxRssMb)}`)]);
  }
  perRun.push(['median', ...names.map((name) => `${seconds(result.modes[name].medianMs)} ${megabytes(result.modes[name].medianRssMb)}`)]);
  perRun.push(['RSS range', ...names.map((name) => `${Math.round(result.modes[name].lowestRssMb)}–${megabytes(result.modes[name].peakRssMb)}`)]);
  perRun.push(['heap kept (median)', ...names.map((name) => (result.modes[name].medianRetainedHeapMb === undefined ? '?' : megabytes(result.modes[name].medianRetainedHeapMb)))]);
  perRun.push(['CPU (median)', ...names.map((name) => seconds(result.modes[name].medianCpuMs))]);
  perRun.push(['GC (median)', ...names.map((name) => seconds(result.modes[name].medianGcMs))]);
  perRun.push(['TypeScript', ...names.map((name) => result.modes[name].typescriptVersion ?? '?')]);

  const verdicts = [['', 'TypeScript', 'ratio / over', 'target', '']];
  for (const pair of result.pairs) {
    verdicts.push([`${pair.candidate} vs ${pair.reference}: time (median)`, pair.typescriptVersion ?? '?', times(pair.timeRatio), `<= ${times(TARGETS.time)}`, verdict(pair.timePass)]);
    verdicts.push([`  time (median of run pairs)`, '', times(pair.medianPairedTimeRatio), '', '']);
    verdicts.push([`  CPU time (median)`, '', times(pair.cpuRatio), '', '']);
    verdicts.push([`  peak memory (median) over ${pair.reference}`, '', signedMegabytes(pair.memoryOverMb), `<= +${megabytes(TARGETS.memoryOverMb)}`, verdict(pair.memoryPass)]);
    verdicts.push([`  peak memory (highest run) over ${pair.reference}`, '', signedMegabytes(pair.highestMemoryOverMb), '', '']);
    verdicts.push([`  heap kept after the run over ${pair.reference}`, '', pair.retainedHeapOverMb === undefined ? '?' : signedMegabytes(pair.retainedHeapOverMb), '', '']);
  }
  verdicts.push([`${REFERENCE} vs ${BASELINE} time (ESLint's own cost of any rule)`, '', times(result.referenceTimeRatio), '', '']);
  verdicts.push([`${CANDIDATE} vs ${BASELINE}: time, peak memory (medians)`, '', `${times(result.parseOnlyTimeRatio)}, ${times(result.parseOnlyMemoryRatio)}`, '', '']);
  const rules = Object.entries(result.findingsByRule)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, count]) => `${rule} ${count}`)
    .join(', ');
  const lines = [
    heading(`eslint-overhead: ESLint with the \`${CANDIDATE}\` preset vs. ESLint with one empty rule`),
    `${result.runs} timed runs per variant, alternating, each in a fresh node process, after 1 untimed warm-up per variant.`,
    `Time = whole child process (start-up + loading ESLint, parser and plugin + lintFiles); memory = maxRSS.`,
    `Both verdicts compare medians: one run's peak moves by up to ~150 MB with when V8 collects (see each variant's RSS range).`,
    `"heap kept": the heap in use after a full collection at the end of the run, what ESLint, the parser and the plugin hold.`,
    `"ts5.9": the parser on TypeScript 5.9 (npm alias ${TYPESCRIPT_5}, scripts/typescript-overlay.js); ts-morph runs on it as well (src/analysis/morph-typescript.ts).`,
    '',
    table(perRun),
    '',
    table(verdicts),
    '',
    `  ${result.files} files linted; ${CANDIDATE}: ${result.rules} rules, ${result.findings} findings${rules ? ` (${rules})` : ''}`,
  ];
  for (const pair of result.pairs) if (!pair.sameFindings) lines.push(`  WARNING: ${pair.candidate} found another number of findings than ${CANDIDATE}.`);
  if (result.parseErrors > 0) {
    lines.push(`  WARNING: ${result.parseErrors} parse errors in the synthetic app, e.g. ${result.firstParseError}`);
  }
  lines.push(`  Machine: ${result.load}.`);
  if (result.busy) {
    lines.push('  WARNING: other processes competed for the CPU; wall times and their ratio are unreliable, the CPU-time ratio less so. Re-run on an idle machine.');
  }
  if (result.runs < 3) lines.push('  NOTE: fewer than 3 runs per mode; the medians are only indicative.');
  lines.push(
    '',
    `  The ${REFERENCE} rows are ESLint's own cost of having any rule on; the section eslint-rule-context shows where it comes from.`,
    '',
    `  verdict: ${verdict(result.pass)}`,
  );
  return lines.join('\n');
}

export default {
  name: 'eslint-overhead',
  title: 'ESLint `all` preset vs. ESLint with one empty rule, on TypeScript 6.0 and 5.9, over the synthetic app',
  needsApp: true,
  run,
  format,
};

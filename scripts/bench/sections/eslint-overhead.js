// Section `eslint-overhead`: how much the plugin's `all` preset adds to an ESLint run that only
// parses (same parser, no rules) over the synthetic app. Targets: <= 1.10x time, <= 1.2x peak memory.

import { join } from 'node:path';
import { runAlternating } from '../alternate.js';
import { runNodeScript } from '../child-process.js';
import { heading, megabytes, seconds, table, times, verdict } from '../format.js';
import { disturbance, withOtherLoad } from '../other-load.js';
import { assertPluginBuilt, BENCH_DIR } from '../paths.js';
import { max, median, ratio } from '../stats.js';

const RUNNER = join(BENCH_DIR, 'eslint-run.js');
const BASELINE = 'parse-only';
const CANDIDATE = 'all';
/** Reference: ESLint with one rule that does nothing, to show the cost of having any rule at all. */
const REFERENCE = 'noop';
export const TARGETS = Object.freeze({ time: 1.1, memory: 1.2 });

function summarizeMode(samples) {
  const ms = samples.map((sample) => sample.ms);
  const rss = samples.map((sample) => sample.maxRssMb);
  return {
    medianMs: median(ms),
    medianCpuMs: median(samples.map((sample) => sample.cpuMs)),
    medianGcMs: median(samples.map((sample) => sample.gcMs)),
    medianLintMs: median(samples.map((sample) => sample.lintMs)),
    medianSetupMs: median(samples.map((sample) => sample.setupMs)),
    peakRssMb: max(rss),
    medianRssMb: median(rss),
  };
}

async function run({ repoRoot, appDir, runs, pluginFile, log }) {
  assertPluginBuilt(repoRoot, pluginFile);
  // Each sample also says how much CPU other processes took meanwhile (wall times mean little then).
  const measure = (mode) => withOtherLoad(async () => (await runNodeScript(RUNNER, [mode, appDir, repoRoot, '--plugin', pluginFile], { cwd: repoRoot })).result);
  const samples = await runAlternating({
    variants: [BASELINE, REFERENCE, CANDIDATE],
    runs,
    measure,
    log,
    describe: (sample) => `${seconds(sample.ms)}, ${megabytes(sample.maxRssMb)}, ${sample.findings} findings`,
  });
  const baseline = summarizeMode(samples[BASELINE]);
  const reference = summarizeMode(samples[REFERENCE]);
  const candidate = summarizeMode(samples[CANDIDATE]);
  const timeRatio = ratio(candidate.medianMs, baseline.medianMs);
  const memoryRatio = ratio(candidate.peakRssMb, baseline.peakRssMb);
  const last = (mode) => samples[mode][samples[mode].length - 1];
  // Runs i of both modes ran back to back, so their ratio is fairly immune to slow drift.
  const pairedRatios = samples[BASELINE].map((sample, index) => samples[CANDIDATE][index].ms / sample.ms);
  const load = disturbance(Object.values(samples).flat());
  return {
    runs,
    targets: TARGETS,
    modes: {
      [BASELINE]: { ...baseline, samples: samples[BASELINE] },
      [REFERENCE]: { ...reference, samples: samples[REFERENCE] },
      [CANDIDATE]: { ...candidate, samples: samples[CANDIDATE] },
    },
    referenceTimeRatio: ratio(reference.medianMs, baseline.medianMs),
    referenceCpuRatio: ratio(reference.medianCpuMs, baseline.medianCpuMs),
    candidateOverReferenceTimeRatio: ratio(candidate.medianMs, reference.medianMs),
    timeRatio,
    memoryRatio,
    medianMemoryRatio: ratio(candidate.medianRssMb, baseline.medianRssMb),
    medianPairedTimeRatio: ratio(median(pairedRatios), 1),
    cpuRatio: ratio(candidate.medianCpuMs, baseline.medianCpuMs),
    busy: load.disturbed,
    load: load.detail,
    timePass: timeRatio <= TARGETS.time,
    memoryPass: memoryRatio <= TARGETS.memory,
    pass: timeRatio <= TARGETS.time && memoryRatio <= TARGETS.memory,
    files: last(CANDIDATE).files,
    rules: last(CANDIDATE).rules,
    findings: last(CANDIDATE).findings,
    findingsByRule: last(CANDIDATE).byRule,
    parseErrors: last(BASELINE).fatal,
    firstParseError: last(BASELINE).firstFatal ?? null,
  };
}

function format(result) {
  const base = result.modes[BASELINE];
  const cand = result.modes[CANDIDATE];
  const perRun = [['run', `${BASELINE} time`, 'peak RSS', `${CANDIDATE} time`, 'peak RSS']];
  for (let index = 0; index < result.runs; index += 1) {
    const a = base.samples[index];
    const b = cand.samples[index];
    perRun.push([String(index + 1), seconds(a.ms), megabytes(a.maxRssMb), seconds(b.ms), megabytes(b.maxRssMb)]);
  }
  perRun.push(['median', seconds(base.medianMs), megabytes(base.medianRssMb), seconds(cand.medianMs), megabytes(cand.medianRssMb)]);
  perRun.push(['max', '', megabytes(base.peakRssMb), '', megabytes(cand.peakRssMb)]);

  const verdicts = [
    ['', BASELINE, CANDIDATE, 'ratio', 'target', ''],
    ['time (median)', seconds(base.medianMs), seconds(cand.medianMs), times(result.timeRatio), `<= ${times(TARGETS.time)}`, verdict(result.timePass)],
    ['time (median of run pairs)', '', '', times(result.medianPairedTimeRatio), '', ''],
    [`reference: ${REFERENCE} (1 empty rule) time`, seconds(base.medianMs), seconds(result.modes[REFERENCE].medianMs), times(result.referenceTimeRatio), '', ''],
    [`reference: ${REFERENCE} CPU time`, seconds(base.medianCpuMs), seconds(result.modes[REFERENCE].medianCpuMs), times(result.referenceCpuRatio), '', ''],
    [`${CANDIDATE} vs ${REFERENCE} time`, seconds(result.modes[REFERENCE].medianMs), seconds(cand.medianMs), times(result.candidateOverReferenceTimeRatio), '', ''],
    ['CPU time (median)', seconds(base.medianCpuMs), seconds(cand.medianCpuMs), times(result.cpuRatio), '', ''],
    ['GC time (median)', seconds(base.medianGcMs), seconds(cand.medianGcMs), '', '', ''],
    [`reference: ${REFERENCE} GC time`, seconds(base.medianGcMs), seconds(result.modes[REFERENCE].medianGcMs), '', '', ''],
    ['peak memory (max)', megabytes(base.peakRssMb), megabytes(cand.peakRssMb), times(result.memoryRatio), `<= ${times(TARGETS.memory)}`, verdict(result.memoryPass)],
    ['peak memory (median)', megabytes(base.medianRssMb), megabytes(cand.medianRssMb), times(result.medianMemoryRatio), '', ''],
    ['of which start-up', seconds(base.medianSetupMs), seconds(cand.medianSetupMs), '', '', ''],
    ['of which lintFiles', seconds(base.medianLintMs), seconds(cand.medianLintMs), '', '', ''],
  ];
  const rules = Object.entries(result.findingsByRule)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, count]) => `${rule} ${count}`)
    .join(', ');
  const lines = [
    heading(`eslint-overhead: ESLint with the \`${CANDIDATE}\` preset vs. parsing only`),
    `${result.runs} timed runs per mode, alternating, each in a fresh node process, after 1 untimed warm-up per mode.`,
    `Time = whole child process (start-up + loading ESLint, parser and plugin + lintFiles); memory = maxRSS.`,
    '',
    table(perRun),
    '',
    table(verdicts),
    '',
    `  ${result.files} files linted; ${CANDIDATE}: ${result.rules} rules, ${result.findings} findings${rules ? ` (${rules})` : ''}`,
  ];
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
  title: 'ESLint `all` preset vs. parse-only over the synthetic app',
  needsApp: true,
  run,
  format,
};

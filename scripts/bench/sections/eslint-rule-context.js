// Section `eslint-rule-context`: what ESLint itself costs as soon as one rule is on, and why.
// ESLint 9 and 10 give each rule a context whose prototype is the file's context (a new prototype
// object per file); V8 keeps such objects, and the syntax trees they reach, alive through
// young-generation collections. This section measures ESLint with an empty rule, stock and with that
// one line changed (patched-eslint.js), then the plugin's `all` preset on the changed ESLint, each
// against parse-only; and the V8 behaviour alone (prototype-retention.js). Information only: the
// targets of the issue apply to `eslint-overhead`, and are shown here for comparison.

import { join } from 'node:path';
import { runAlternating } from '../alternate.js';
import { runNodeScript } from '../child-process.js';
import { heading, megabytes, seconds, table, times } from '../format.js';
import { disturbance, withOtherLoad } from '../other-load.js';
import { preparePatchedEslint } from '../patched-eslint.js';
import { assertPluginBuilt, BENCH_DIR } from '../paths.js';
import { max, median, ratio } from '../stats.js';
import { TARGETS } from './eslint-overhead.js';

const RUNNER = join(BENCH_DIR, 'eslint-run.js');
const RETENTION = join(BENCH_DIR, 'prototype-retention.js');
const OWN_SHARE = join(BENCH_DIR, 'own-share.js');
const BASELINE = 'parse-only';
const VARIANTS = {
  [BASELINE]: { mode: 'parse-only', patched: false, label: 'parse-only (stock ESLint)' },
  noop: { mode: 'noop', patched: false, label: '1 empty rule, stock ESLint' },
  'noop-patched': { mode: 'noop', patched: true, label: '1 empty rule, rule contexts without per-file prototype' },
  'all-patched': { mode: 'all', patched: true, label: '`all` preset, rule contexts without per-file prototype' },
};

function summarize(samples) {
  return {
    medianMs: median(samples.map((sample) => sample.ms)),
    medianCpuMs: median(samples.map((sample) => sample.cpuMs)),
    medianGcMs: median(samples.map((sample) => sample.gcMs)),
    peakRssMb: max(samples.map((sample) => sample.maxRssMb)),
    findings: samples[samples.length - 1].findings,
  };
}

async function run({ repoRoot, appDir, runs, pluginFile, log }) {
  assertPluginBuilt(repoRoot, pluginFile);
  const patchedFrom = preparePatchedEslint(repoRoot, join(repoRoot, '.bench', 'patched-eslint'));
  const measure = (variant) => {
    const { mode, patched } = VARIANTS[variant];
    const args = [mode, appDir, repoRoot, '--plugin', pluginFile, ...(patched ? ['--eslint-from', patchedFrom] : [])];
    return withOtherLoad(async () => (await runNodeScript(RUNNER, args, { cwd: repoRoot })).result);
  };
  const samples = await runAlternating({
    variants: Object.keys(VARIANTS),
    runs,
    measure,
    log,
    describe: (sample) => `${seconds(sample.ms)}, GC ${seconds(sample.gcMs)}, ${megabytes(sample.maxRssMb)}, ${sample.findings} findings`,
  });
  const modes = Object.fromEntries(Object.keys(VARIANTS).map((variant) => [variant, { ...summarize(samples[variant]), samples: samples[variant] }]));
  const base = modes[BASELINE];
  const ratios = Object.fromEntries(
    Object.keys(VARIANTS)
      .filter((variant) => variant !== BASELINE)
      .map((variant) => [variant, { time: ratio(modes[variant].medianMs, base.medianMs), cpu: ratio(modes[variant].medianCpuMs, base.medianCpuMs), memory: ratio(modes[variant].peakRssMb, base.peakRssMb) }]),
  );

  log('V8 alone: plain');
  const plain = (await runNodeScript(RETENTION, ['plain'], { cwd: repoRoot })).result;
  log('V8 alone: prototype');
  const prototype = (await runNodeScript(RETENTION, ['prototype'], { cwd: repoRoot })).result;

  log('CPU profile of one `all` run (stock ESLint)');
  const ownShare = (await runNodeScript(OWN_SHARE, [appDir, repoRoot, '--plugin', pluginFile], { cwd: repoRoot })).result;

  const load = disturbance(Object.values(samples).flat());
  return {
    runs,
    targets: TARGETS,
    modes,
    ratios,
    v8: { plain, prototype, timeRatio: ratio(prototype.ms, plain.ms) },
    ownShare,
    busy: load.disturbed,
    load: load.detail,
    pass: true,
  };
}

function format(result) {
  const rows = [['', 'time (median)', 'CPU', 'GC', 'peak RSS', 'time ratio', 'CPU ratio', 'memory ratio']];
  for (const [variant, { label }] of Object.entries(VARIANTS)) {
    const mode = result.modes[variant];
    const r = result.ratios[variant];
    rows.push([label, seconds(mode.medianMs), seconds(mode.medianCpuMs), seconds(mode.medianGcMs), megabytes(mode.peakRssMb), r ? times(r.time) : '', r ? times(r.cpu) : '', r ? times(r.memory) : '']);
  }
  const { plain, prototype } = result.v8;
  const all = result.ratios['all-patched'];
  return [
    heading('eslint-rule-context: what one rule costs in ESLint, and why'),
    `${result.runs} timed runs per variant, alternating, each in a fresh node process, after 1 untimed warm-up each. Ratios are against parse-only.`,
    '',
    table(rows),
    '',
    `  With the rule contexts built without a per-file prototype, the \`all\` preset costs ${times(all.time)} time and ${times(all.memory)} peak memory`,
    `  of parse-only (the eslint-overhead targets, against noop: <= ${times(TARGETS.time)} time and <= +${TARGETS.memoryOverMb} MB peak memory). Information only: users run stock ESLint.`,
    `  Machine: ${result.load}${result.busy ? ' (WARNING: other processes competed for the CPU; re-run on an idle machine)' : ''}.`,
    '',
    `  CPU profile of one \`all\` run on stock ESLint (own-share.js): igniter-rt's frames and what they call take`,
    `  ${seconds(result.ownShare.ownMs)} of ${seconds(result.ownShare.totalMs)} sampled on the main thread (${(result.ownShare.share * 100).toFixed(1)}%), ts-morph's loading included.`,
    '',
    '  V8 alone (prototype-retention.js: 2,000 throw-away 1 MB graphs, each reached from a small context):',
    table([
      ['', 'time', 'GC'],
      ['context holds the graph in a property', seconds(plain.ms), seconds(plain.gcMs)],
      ['context has the graph holder as prototype', seconds(prototype.ms), seconds(prototype.gcMs)],
      ['ratio', times(result.v8.timeRatio), ''],
    ]),
  ].join('\n');
}

export default {
  name: 'eslint-rule-context',
  title: 'ESLint with one empty rule, stock and without per-file prototypes; the V8 behaviour behind it',
  needsApp: true,
  run,
  format,
};

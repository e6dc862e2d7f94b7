// Section `check-speed`: `igniter-rt check` (the rules without ESLint) against an ESLint run that
// only parses, over the same files of the synthetic app. Target: check at least 5× faster
// (ratio of median wall times, parse-only / check), in the configuration a user gets from the
// second run on: the project index cache on disk is warm. The first run of a project (cold cache)
// is measured and reported too, with no target.
//
// Every run is a fresh process, timed whole: `igniter-rt check src --format json` with the rule set
// of ESLint's `all` preset (--strict plus `--rule <id>=<level>` for each rule of `all`), run through
// check-run.js (which only adds a report of the process's CPU time and peak memory at exit), and
// `eslint-run.js parse-only` (@typescript-eslint/parser, no rules) over `src/**/*.{ts,tsx}`.
// The index cache lives where a user's would (`indexCachePath`: node_modules/.cache/igniter-rt, or
// the OS temp folder for an app without node_modules); IGNITER_RT_CACHE is removed from the children's
// environment so they run with the default. A cold run deletes the cache first and writes it again,
// as a first run does; the warm run after it reads that cache.

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runAlternating } from '../alternate.js';
import { runNodeScript } from '../child-process.js';
import { heading, megabytes, seconds, table, times, verdict } from '../format.js';
import { disturbance, withOtherLoad } from '../other-load.js';
import { BENCH_DIR } from '../paths.js';
import { max, median, min, ratio, round } from '../stats.js';

const ESLINT_RUNNER = join(BENCH_DIR, 'eslint-run.js');
const CHECK_RUNNER = join(BENCH_DIR, 'check-run.js');
const BASELINE = 'eslint parse-only';
const COLD = 'check (cold cache)';
const WARM = 'check (warm cache)';
export const TARGET_SPEEDUP = 5;
const MIN_RUNS = 3;

/** The child environment: the user's default, whatever the bench itself runs with. */
function defaultEnv() {
  const env = { ...process.env };
  delete env.IGNITER_RT_CACHE;
  return env;
}

/** Where `check` keeps the index cache of `appDir` with the default settings (the package's own answer). */
async function cacheFileOf(repoRoot, appDir) {
  const { indexCachePath } = await import(pathToFileURL(join(repoRoot, 'dist', 'src', 'analysis', 'index-cache.js')).href);
  const saved = process.env.IGNITER_RT_CACHE;
  delete process.env.IGNITER_RT_CACHE;
  try {
    return indexCachePath(appDir);
  } finally {
    if (saved !== undefined) process.env.IGNITER_RT_CACHE = saved;
  }
}

/** `check` flags for the rules of the `all` preset with their `all` options (see the header). */
async function allPresetFlags(repoRoot) {
  const { presetRules } = await import(pathToFileURL(join(repoRoot, 'dist', 'src', 'rule-config.js')).href);
  const { allRules } = await import(pathToFileURL(join(repoRoot, 'dist', 'rules', 'index.js')).href);
  const all = presetRules(allRules, 'all');
  const flags = ['--strict'];
  for (const [id, entry] of Object.entries(all)) flags.push('--rule', `${id}=${Array.isArray(entry) ? entry[0] : entry}`);
  return { flags, rules: Object.keys(all).length };
}

/** Findings of a `check --format json` report, by rule, plus the number of files it covered. */
function summarizeReport(stdout) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`igniter-rt check printed no JSON report: ${stdout.slice(0, 200)}`);
  }
  const byRule = {};
  let findings = 0;
  for (const file of report) {
    for (const message of file.messages) {
      findings += 1;
      byRule[message.ruleId] = (byRule[message.ruleId] ?? 0) + 1;
    }
  }
  return { files: report.length, findings, byRule };
}

function summarize(samples) {
  const values = samples.map((sample) => sample.ms);
  return {
    medianMs: round(median(values)),
    minMs: round(min(values)),
    maxMs: round(max(values)),
    medianCpuMs: round(median(samples.map((sample) => sample.cpuMs))),
    peakRssMb: max(samples.map((sample) => sample.maxRssMb)),
  };
}

/** check-run.js's last stderr line: the process's CPU time and peak memory. */
function processUsage(stderr) {
  try {
    return JSON.parse(stderr.trim().split('\n').pop());
  } catch {
    throw new Error(`check-run.js reported no usage line; stderr: ${stderr.slice(-300)}`);
  }
}

async function run({ repoRoot, appDir, runs, pluginFile, log }) {
  const bin = join(repoRoot, 'bin', 'igniter-rt.js');
  if (!existsSync(join(repoRoot, 'dist', 'src', 'cli', 'commands', 'check.js'))) {
    throw new Error('the CLI is not built (dist/src/cli/commands/check.js is missing). Run `npm run build` first.');
  }
  const cacheFile = await cacheFileOf(repoRoot, appDir);
  if (!cacheFile) throw new Error('indexCachePath() returned no cache file for the default settings');
  const { flags, rules } = await allPresetFlags(repoRoot);
  const checkArgs = ['check', 'src', '--format', 'json', ...flags];
  const env = defaultEnv();

  const measure = (variant) => withOtherLoad(() => measureOnce(variant));
  const measureOnce = async (variant) => {
    if (variant === BASELINE) {
      const { result, wallMs } = await runNodeScript(ESLINT_RUNNER, ['parse-only', appDir, repoRoot, '--plugin', pluginFile], { cwd: repoRoot, env });
      if (result.fatal > 0) throw new Error(`ESLint could not parse ${result.fatal} files of the synthetic app, e.g. ${result.firstFatal}`);
      return { ms: wallMs, cpuMs: result.cpuMs, maxRssMb: result.maxRssMb, files: result.files };
    }
    if (variant === COLD) rmSync(cacheFile, { force: true });
    else if (!existsSync(cacheFile)) throw new Error(`the warm run found no index cache at ${cacheFile}: the cold run before it did not write one`);
    // Exit code 1 is `check` reporting errors (the synthetic app has deliberate mistakes).
    const { stdout, stderr, wallMs } = await runNodeScript(CHECK_RUNNER, [bin, ...checkArgs], { cwd: appDir, env, json: false, exitCodes: [0, 1] });
    if (variant === COLD && !existsSync(cacheFile)) throw new Error(`the cold check run wrote no index cache at ${cacheFile}`);
    const { cpuMs, maxRssMb } = processUsage(stderr);
    return { ms: wallMs, cpuMs, maxRssMb, ...summarizeReport(stdout) };
  };
  const samples = await runAlternating({
    variants: [BASELINE, COLD, WARM],
    runs: Math.max(MIN_RUNS, runs),
    measure,
    log,
    describe: (sample) =>
      `${seconds(sample.ms)} (CPU ${seconds(sample.cpuMs)}, ${megabytes(sample.maxRssMb)})${sample.findings === undefined ? '' : `, ${sample.findings} findings`}, others ${seconds(sample.otherCpuMs ?? 0)} CPU`,
  });

  const baseline = summarize(samples[BASELINE]);
  const cold = summarize(samples[COLD]);
  const warm = summarize(samples[WARM]);
  const last = (variant) => samples[variant][samples[variant].length - 1];
  const files = { eslint: last(BASELINE).files, check: last(WARM).files };
  if (files.eslint !== files.check) {
    throw new Error(`check covered ${files.check} files and ESLint ${files.eslint}: they must lint the same files`);
  }
  const findings = new Set([...samples[COLD], ...samples[WARM]].map((sample) => JSON.stringify(sample.byRule)));
  if (findings.size !== 1) throw new Error(`check found different things from run to run (cold vs warm cache?): ${[...findings].join(' / ')}`);

  const warmSpeedup = ratio(baseline.medianMs, warm.medianMs);
  const coldSpeedup = ratio(baseline.medianMs, cold.medianMs);
  const pairedWarm = samples[BASELINE].map((sample, index) => sample.ms / samples[WARM][index].ms);
  const load = disturbance(Object.values(samples).flat());
  return {
    runs: samples[WARM].length,
    rules,
    command: `igniter-rt ${checkArgs.join(' ')}`,
    cacheFile,
    files: files.check,
    findings: last(WARM).findings,
    findingsByRule: last(WARM).byRule,
    modes: {
      [BASELINE]: { ...baseline, samples: samples[BASELINE] },
      [COLD]: { ...cold, samples: samples[COLD] },
      [WARM]: { ...warm, samples: samples[WARM] },
    },
    warmSpeedup,
    coldSpeedup,
    pairedWarmSpeedupMedian: ratio(median(pairedWarm), 1),
    warmCpuSpeedup: ratio(baseline.medianCpuMs, warm.medianCpuMs),
    coldCpuSpeedup: ratio(baseline.medianCpuMs, cold.medianCpuMs),
    busy: load.disturbed,
    load: load.detail,
    target: TARGET_SPEEDUP,
    pass: warmSpeedup >= TARGET_SPEEDUP,
  };
}

function format(result) {
  const variants = [BASELINE, COLD, WARM];
  const perRun = [['run', ...variants]];
  for (let index = 0; index < result.runs; index += 1) {
    perRun.push([String(index + 1), ...variants.map((variant) => seconds(result.modes[variant].samples[index].ms))]);
  }
  perRun.push(['median', ...variants.map((variant) => seconds(result.modes[variant].medianMs))]);
  const base = result.modes[BASELINE].medianMs;
  const rules = Object.entries(result.findingsByRule)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, count]) => `${rule.replace(/^igniter-rt\//, '')} ${count}`)
    .join(', ');
  const lines = [
    heading('check-speed: `igniter-rt check` vs. ESLint parsing only, same files'),
    `${result.runs} timed runs per mode, alternating, each a fresh process timed whole, after 1 untimed warm-up per mode.`,
    `check: ${result.command}`,
    `       (the ${result.rules} rules of the \`all\` preset, as in the ESLint \`all\` run; exit code 1 = findings)`,
    `cold = the project index cache deleted before the run (a first run); warm = the cache the previous run wrote (${result.cacheFile}).`,
    '',
    table(perRun),
    '',
    table([
      ['', 'wall (median)', 'speed-up', 'target', '', 'CPU (median)', 'speed-up', 'peak RSS'],
      [BASELINE, seconds(base), '', '', '', seconds(result.modes[BASELINE].medianCpuMs), '', megabytes(result.modes[BASELINE].peakRssMb)],
      [WARM, seconds(result.modes[WARM].medianMs), times(result.warmSpeedup), `>= ${times(TARGET_SPEEDUP)}`, verdict(result.pass), seconds(result.modes[WARM].medianCpuMs), times(result.warmCpuSpeedup), megabytes(result.modes[WARM].peakRssMb)],
      [COLD, seconds(result.modes[COLD].medianMs), times(result.coldSpeedup), '', '', seconds(result.modes[COLD].medianCpuMs), times(result.coldCpuSpeedup), megabytes(result.modes[COLD].peakRssMb)],
      ['warm, median of run pairs', '', times(result.pairedWarmSpeedupMedian), '', '', '', '', ''],
    ]),
    '',
    `  ${result.files} files checked (ESLint linted the same ${result.files}); ${result.findings} findings${rules ? ` (${rules})` : ''}`,
    `  Machine: ${result.load}.`,
  ];
  if (result.busy) {
    lines.push('  WARNING: other processes competed for the CPU: wall times and their ratio are unreliable. Re-run on an idle machine.');
  }
  lines.push('', `  verdict: ${verdict(result.pass)}`);
  return lines.join('\n');
}

export default {
  name: 'check-speed',
  title: '`igniter-rt check` vs. ESLint parse-only over the synthetic app',
  needsApp: true,
  run,
  format,
};

// Section `memory-soak`: does memory grow when one process relints the app again and again, as an
// editor does all day? One child per mode (memory-soak-run.js: a long-lived ESLint with the `all`
// preset, and igniter-rt's own engine) lints the app `--soak-runs` times (default 50) and records
// `heapUsed` after a forced full GC after each pass. Target, per mode: the heap of each of the last
// 10 passes at most 10% above the median of passes 10 to 20 (the first passes fill caches and
// compiled code, so they are not the baseline).

import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { runNodeScript } from '../child-process.js';
import { heading, seconds, sparkline, table, verdict } from '../format.js';
import { BENCH_DIR } from '../paths.js';
import { max, median, min, ratio, round } from '../stats.js';

const RUNNER = join(BENCH_DIR, 'memory-soak-run.js');
const MODES = ['eslint', 'engine'];
const modeTitle = (mode, full) =>
  mode === 'eslint' ? `ESLint \`all\` (${full ? 'lintFiles' : 'lintText'})` : `igniter-rt engine (${full ? 'lintProject' : 'lintText'})`;
export const DEFAULT_SOAK_RUNS = 50;
export const TARGET_GROWTH = 1.1;
/** Passes 10 to 20 (1-based, inclusive) are the baseline; the last 10 are judged against it. */
const BASELINE_FIRST = 10;
const BASELINE_LAST = 20;
const JUDGED = 10;
const MIN_RUNS = BASELINE_LAST + JUDGED;

/** The verdict on one heap series (MB per pass); `pass` is undefined when there are too few passes to judge. */
export function judgeSeries(heapMb) {
  if (heapMb.length < MIN_RUNS) return { baselineMb: null, lastMedianMb: null, lastMaxMb: null, growth: null, pass: undefined };
  const baselineMb = median(heapMb.slice(BASELINE_FIRST - 1, BASELINE_LAST));
  const last = heapMb.slice(-JUDGED);
  const growth = ratio(max(last), baselineMb);
  return { baselineMb, lastMedianMb: median(last), lastMaxMb: max(last), growth, medianGrowth: ratio(median(last), baselineMb), pass: growth <= TARGET_GROWTH };
}

async function run({ repoRoot, appDir, pluginFile, options, log }) {
  const runs = options.soakRuns ?? DEFAULT_SOAK_RUNS;
  const full = options.soakFull === true;
  if (runs < MIN_RUNS) log(`only ${runs} passes: at least ${MIN_RUNS} are needed for a verdict (passes ${BASELINE_FIRST}-${BASELINE_LAST} against the last ${JUDGED})`);
  const modes = {};
  const loads = [];
  for (const mode of MODES) {
    log(`${modeTitle(mode, full)}: ${runs} passes${full ? ' over every file' : ''} in one process`);
    loads.push(loadavg()[0]);
    const args = [mode, appDir, repoRoot, '--runs', String(runs), '--plugin', pluginFile, ...(full ? ['--full'] : [])];
    const { result } = await runNodeScript(RUNNER, args, { cwd: repoRoot, execArgv: ['--expose-gc'], onStderrLine: log });
    loads.push(loadavg()[0]);
    const findings = new Set(result.findings);
    modes[mode] = {
      ...result,
      ...judgeSeries(result.heapMb),
      firstMb: result.heapMb[0],
      lastMb: result.heapMb.at(-1),
      minMb: min(result.heapMb),
      maxMb: max(result.heapMb),
      maxRssMb: max(result.rssMb),
      medianRunMs: median(result.runMs),
      // The same text gives the same findings on every pass; anything else is state leaking between passes.
      findingsStable: findings.size === 1,
    };
  }
  const verdicts = MODES.map((mode) => modes[mode].pass);
  const stable = MODES.every((mode) => modes[mode].findingsStable);
  return {
    runs,
    scope: full ? 'full' : 'subset',
    target: TARGET_GROWTH,
    modes,
    maxLoad: round(max(loads), 2),
    cpus: availableParallelism(),
    // No verdict with too few passes; unstable findings fail.
    pass: !stable ? false : verdicts.includes(undefined) ? undefined : verdicts.every(Boolean),
  };
}

const mbText = (value) => (value === null ? '-' : `${value.toFixed(1)} MB`);

function format(result) {
  const first = result.modes[MODES[0]];
  const scope =
    result.scope === 'full'
      ? 'every file of the app each pass (ESLint: lintFiles from disk; engine: lintProject)'
      : `${first.files} files each pass: the ${first.ruleFiles} files the rules look at (their prefilters match) + every 10th other file; ` +
        `one controller per pass linted with an unsaved edit (${first.edited} different ones)`;
  const rows = [['', 'first', 'min', 'max', 'last', `passes ${BASELINE_FIRST}-${BASELINE_LAST}`, `last ${JUDGED} (max)`, 'growth', 'target', '']];
  for (const mode of MODES) {
    const m = result.modes[mode];
    rows.push([
      modeTitle(mode, result.scope === 'full'),
      mbText(m.firstMb),
      mbText(m.minMb),
      mbText(m.maxMb),
      mbText(m.lastMb),
      mbText(m.baselineMb),
      mbText(m.lastMaxMb),
      m.growth === null ? '-' : `${m.growth.toFixed(3)}×`,
      `<= ${TARGET_GROWTH.toFixed(2)}×`,
      m.pass === undefined ? 'n/a' : verdict(m.pass),
    ]);
  }
  const lines = [
    heading(`memory-soak: heap after a forced GC, ${result.runs} relints in one process`),
    `Scope: ${scope}.`,
    '',
    table(rows),
    '',
  ];
  for (const mode of MODES) {
    const m = result.modes[mode];
    lines.push(
      `  ${mode.padEnd(6)} heap ${sparkline(m.heapMb)}  (${mbText(m.minMb)} .. ${mbText(m.maxMb)})`,
      `         pass median ${seconds(m.medianRunMs)}, peak RSS ${mbText(m.maxRssMb)}, findings per pass ${m.findingsStable ? `${m.findings[0]} every time` : `NOT STABLE: ${[...new Set(m.findings)].join(', ')}`}`,
    );
  }
  if (result.runs < MIN_RUNS) lines.push('', `  NOTE: ${result.runs} passes; at least ${MIN_RUNS} are needed for a verdict.`);
  lines.push('', `  verdict: ${result.pass === undefined ? 'n/a' : verdict(result.pass)}`);
  return lines.join('\n');
}

export default {
  name: 'memory-soak',
  title: 'Heap over many relints in one long-lived process',
  needsApp: true,
  run,
  format,
};

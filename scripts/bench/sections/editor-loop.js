// Section `editor-loop`: the latency an editor sees. One long-lived ESLint instance (the `all` preset,
// project index warm) re-lints one controller with `lintText` after each edit. Target: median <= 50 ms.

import { join } from 'node:path';
import { runNodeScript } from '../child-process.js';
import { heading, table, verdict } from '../format.js';
import { BENCH_DIR } from '../paths.js';
import { median } from '../stats.js';

const RUNNER = join(BENCH_DIR, 'editor-loop-run.js');
export const TARGET_MS = 50;

async function run({ repoRoot, appDir, log }) {
  log('warm-up lint of the app, then 40 re-lints of one controller');
  const { result } = await runNodeScript(RUNNER, [appDir, repoRoot, '--edits', '40'], { cwd: repoRoot });
  const sorted = [...result.times].sort((a, b) => a - b);
  const medianMs = median(result.times);
  return {
    file: result.file,
    edits: result.times.length,
    warmMs: result.warmMs,
    medianMs,
    p90Ms: sorted[Math.floor(sorted.length * 0.9)],
    maxMs: sorted[sorted.length - 1],
    findings: result.findings,
    target: TARGET_MS,
    pass: medianMs <= TARGET_MS,
  };
}

function format(result) {
  return [
    heading('editor-loop: re-lint one controller after an edit (one long-lived ESLint, index warm)'),
    `${result.edits} edits of ${result.file}; the first full lint (which builds the index) took ${(result.warmMs / 1000).toFixed(2)} s.`,
    '',
    table([
      ['', 'median', 'p90', 'max', 'target', ''],
      ['re-lint', `${result.medianMs.toFixed(1)} ms`, `${result.p90Ms.toFixed(1)} ms`, `${result.maxMs.toFixed(1)} ms`, `<= ${TARGET_MS} ms`, verdict(result.pass)],
    ]),
    '',
    `  verdict: ${verdict(result.pass)}`,
  ].join('\n');
}

export default {
  name: 'editor-loop',
  title: 'Editor-like re-lint of one controller with a warm index',
  needsApp: true,
  run,
  format,
};

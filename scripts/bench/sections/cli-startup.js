// Section `cli-startup`: what the `igniter-rt` command costs before it does anything, and what one
// `generate controller` costs.
//
// 1. `node bin/igniter-rt.js --help` against bare `node -e 0`, alternating, at least 10 timed runs of
//    each (after one warm-up each, which also fills Node's compile cache). Only commander loads for
//    `--help`; ts-morph, Handlebars and @clack/prompts load inside `generate`. Target: median ratio
//    at most 1.3×.
// 2. `igniter-rt generate controller bench-note --yes --sse-entry none` into a fresh copy of
//    examples/chat-app per run (stdin closed, so nothing is asked): the wall time of the whole process,
//    median. For information. The example app does not serve its router (it is an app to lint), so the
//    realtime guard has no server entry to go in front of: `--sse-entry none` says so, as a user's would.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { runAlternating } from '../alternate.js';
import { runNodeScript } from '../child-process.js';
import { heading, table, times, verdict } from '../format.js';
import { max, median, min, ratio } from '../stats.js';

export const TARGET_RATIO = 1.3;
const MIN_STARTUP_RUNS = 10;
const BARE = 'node -e 0';
const HELP = 'igniter-rt --help';
const CONTROLLER = 'bench-note';

async function run({ repoRoot, runs, log }) {
  const bin = join(repoRoot, 'bin', 'igniter-rt.js');
  const mainFile = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(mainFile)) throw new Error('the CLI is not built (dist/src/cli/main.js is missing). Run `npm run build` first.');

  // 1. start-up
  const startupRuns = Math.max(MIN_STARTUP_RUNS, runs);
  const loads = [];
  const measure = async (variant) => {
    loads.push(loadavg()[0]);
    const { wallMs, stdout } = variant === BARE ? await runNodeScript('-e', ['0'], { cwd: repoRoot, json: false }) : await runNodeScript(bin, ['--help'], { cwd: repoRoot, json: false });
    if (variant === HELP && !stdout.includes('Usage: igniter-rt')) throw new Error(`igniter-rt --help printed no usage: ${stdout.slice(0, 200)}`);
    return { ms: wallMs };
  };
  const samples = await runAlternating({ variants: [BARE, HELP], runs: startupRuns, measure, log, describe: (sample) => `${sample.ms.toFixed(1)} ms` });
  const bare = summarize(samples[BARE]);
  const help = summarize(samples[HELP]);
  const startupRatio = ratio(help.medianMs, bare.medianMs);
  const pairedRatios = samples[BARE].map((sample, index) => samples[HELP][index].ms / sample.ms);

  // 2. generate controller into a fresh copy of the example app per run
  const exampleApp = join(repoRoot, 'examples', 'chat-app');
  const scratch = join(repoRoot, '.bench');
  mkdirSync(scratch, { recursive: true });
  const generateRuns = Math.max(3, runs);
  const generateMs = [];
  let lastOutput = '';
  for (let index = 0; index <= generateRuns; index += 1) {
    const copy = mkdtempSync(join(scratch, 'generate-'));
    try {
      cpSync(exampleApp, copy, { recursive: true, filter: (source) => !source.includes('node_modules') });
      const { wallMs, stdout } = await runNodeScript(bin, ['generate', 'controller', CONTROLLER, '--yes', '--sse-entry', 'none', '--cwd', copy], { cwd: repoRoot, json: false });
      const controllerFile = join(copy, 'src', 'features', CONTROLLER, 'controllers', `${CONTROLLER}.controller.ts`);
      if (!existsSync(controllerFile) || !readFileSync(join(copy, 'src', 'igniter.router.ts'), 'utf8').includes('benchNote')) {
        throw new Error(`generate controller did not write the controller and its router entry:\n${stdout}`);
      }
      lastOutput = stdout.trim();
      if (index === 0) log(`warm-up generate controller: ${wallMs.toFixed(0)} ms (not counted)`);
      else {
        generateMs.push(wallMs);
        log(`run ${index}/${generateRuns} generate controller: ${wallMs.toFixed(0)} ms`);
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }

  const maxLoad = Math.max(...loads);
  const cpus = availableParallelism();
  return {
    startup: {
      runs: startupRuns,
      bare,
      help,
      ratio: startupRatio,
      pairedRatioMedian: Math.round(median(pairedRatios) * 1000) / 1000,
      target: TARGET_RATIO,
      pass: startupRatio <= TARGET_RATIO,
    },
    generate: {
      command: `igniter-rt generate controller ${CONTROLLER} --yes --sse-entry none`,
      app: 'examples/chat-app (a fresh copy per run)',
      runs: generateMs.length,
      medianMs: median(generateMs),
      minMs: min(generateMs),
      maxMs: max(generateMs),
      output: lastOutput.split('\n'),
    },
    loadWarning: maxLoad > cpus ? `the 1-minute load average reached ${maxLoad.toFixed(2)} on ${cpus} CPUs: other processes competed for the CPU` : null,
    pass: startupRatio <= TARGET_RATIO,
  };
}

function summarize(samples) {
  const values = samples.map((sample) => sample.ms);
  return { medianMs: round1(median(values)), minMs: round1(min(values)), maxMs: round1(max(values)) };
}

const round1 = (value) => Math.round(value * 10) / 10;
const ms = (value) => `${value.toFixed(1)} ms`;

function format(result) {
  const { startup, generate } = result;
  return [
    heading('cli-startup: `igniter-rt --help` vs bare `node -e 0`, and one `generate controller`'),
    `${startup.runs} alternating runs of each (after one warm-up each); every run is a fresh process.`,
    '',
    table([
      ['', 'median', 'min', 'max'],
      [BARE, ms(startup.bare.medianMs), ms(startup.bare.minMs), ms(startup.bare.maxMs)],
      [HELP, ms(startup.help.medianMs), ms(startup.help.minMs), ms(startup.help.maxMs)],
    ]),
    '',
    table([
      ['', 'value', 'target', ''],
      ['--help / bare (medians)', times(startup.ratio), `<= ${times(startup.target)}`, verdict(startup.pass)],
      ['median of paired ratios', times(startup.pairedRatioMedian), '', ''],
    ]),
    '',
    `  ${generate.command} into ${generate.app}:`,
    `  median ${ms(generate.medianMs)} (min ${ms(generate.minMs)}, max ${ms(generate.maxMs)}) over ${generate.runs} runs, after one warm-up`,
    ...generate.output.map((line) => `    ${line}`),
    ...(result.loadWarning ? ['', `  warning: ${result.loadWarning}; the times mean little.`] : []),
    '',
    `  verdict: ${verdict(result.pass)}`,
  ].join('\n');
}

export default {
  name: 'cli-startup',
  title: 'igniter-rt CLI start-up and generate controller',
  needsApp: false,
  run,
  format,
};

// `npm run fuzz`: the fuzzed tests (test/robustness/fuzz.test.ts: rules never throw;
// test/check/parse-errors.fuzz.test.ts: check and ESLint agree on parse errors) with another seed or size
// than `npm test`, which runs a fixed seed so that the suite is the same every day.
//
// Without --seed, each run takes a new random seed (printed, and in every failure report), so repeated
// runs explore new variants. --case replays one case of a run, as a failure report says.

import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const FILES = ['test/robustness/fuzz.test.ts', 'test/check/parse-errors.fuzz.test.ts'];
const DEFAULT_VARIANTS = 10_000;
const MIN_VARIANTS = 1000;

const USAGE = `usage: npm run fuzz -- [--seed N] [--variants M | --case K]

  --seed N       the run seed, a non-negative integer (default: a new random seed each run)
  --variants M   variants per fuzzed test, at least ${MIN_VARIANTS} (default: ${DEFAULT_VARIANTS}; npm test runs
                 10,000 and 1,500)
  --case K       only case K of the run: replays a failure (with its --seed)
  -h, --help     show this help

Exit code: vitest's (0 all passed, 1 a failure), 2 bad arguments.`;

function integer(name, raw) {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      variants: { type: 'string' },
      case: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const options = { seed: integer('seed', values.seed), variants: integer('variants', values.variants), only: integer('case', values.case), help: values.help };
  // The generator works on 32 bits (test/robustness/prng.ts): a larger seed would repeat a smaller one.
  if (options.seed !== undefined && options.seed >= 2 ** 32) throw new Error(`--seed must be below ${2 ** 32}`);
  // The tests also check that the run means something (variants that parse, rules that report): a
  // handful of variants cannot show that.
  if (options.variants !== undefined && options.variants < MIN_VARIANTS) throw new Error(`--variants must be at least ${MIN_VARIANTS} (--case replays a single case)`);
  if (options.only !== undefined && options.variants !== undefined) throw new Error('--case replays one case: it takes no --variants');
  if (options.only !== undefined && options.seed === undefined) throw new Error('--case needs the --seed of the run it comes from');
  return options;
}

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const seed = options.seed ?? randomInt(2 ** 32);
const env = { ...process.env, IGNITER_RT_FUZZ_SEED: String(seed) };
if (options.only !== undefined) env.IGNITER_RT_FUZZ_CASE = String(options.only);
else env.IGNITER_RT_FUZZ_COUNT = String(options.variants ?? DEFAULT_VARIANTS);
process.stdout.write(options.only !== undefined ? `fuzz: seed ${seed}, case ${options.only}\n` : `fuzz: seed ${seed}, ${env.IGNITER_RT_FUZZ_COUNT} variants per test\n`);

const vitest = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', ...FILES], { cwd: REPO_ROOT, env, stdio: 'inherit' });
process.exit(run.status ?? 1);

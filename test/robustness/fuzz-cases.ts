/**
 * Fuzz cases and their runner. Case `i` of a run is a pure function of the run seed and `i` (see
 * caseSeed), so a failure replays alone: `npm run fuzz -- --seed <seed> --case <i>` (scripts/fuzz.js,
 * which sets IGNITER_RT_FUZZ_SEED and IGNITER_RT_FUZZ_CASE).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { CorpusFile } from './corpus.js';
import { mutate } from './mutators.js';
import { caseSeed, createRng } from './prng.js';

export interface FuzzCase {
  index: number;
  source: CorpusFile;
  /** The mutated text, linted as `source.path`. */
  text: string;
  chain: string[];
}

export function fuzzCase(runSeed: number, index: number, corpus: readonly CorpusFile[]): FuzzCase {
  const rng = createRng(caseSeed(runSeed, index));
  const source = rng.pick(corpus);
  const { text, chain } = mutate(source.text, rng, { isTsx: source.path.endsWith('.tsx'), donors: corpus.map((file) => file.text) });
  return { index, source, text, chain };
}

/**
 * The seed `npm test` runs with. Fixed, so the suite is the same from one day to the next (it changes
 * only with the corpus: the fixtures, the example app and the docs examples); `npm run fuzz` explores
 * other seeds.
 */
export const SUITE_SEED = 20261207;

/** Replays one case of a run through `npm run fuzz` (both fuzzed test files). */
export const replayCommand = (seed: number, index: number): string => `npm run fuzz -- --seed ${seed} --case ${index}`;

/**
 * A run's time limit: generous for the suite's sizes, and growing with `--variants` for long runs
 * (about 2 ms per variant and front end here; 20 ms leaves room for a loaded machine).
 */
export const runTimeout = (count: number): number => Math.max(600_000, count * 20);

export interface FuzzSettings {
  seed: number;
  count: number;
  /** Run only this case (replay). */
  only?: number;
}

/** The run's settings: IGNITER_RT_FUZZ_SEED, IGNITER_RT_FUZZ_COUNT, IGNITER_RT_FUZZ_CASE, else the defaults. */
export function fuzzSettings(env: NodeJS.ProcessEnv, defaults: { seed: number; count: number }): FuzzSettings {
  const integer = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    return Number(raw);
  };
  return { seed: integer('IGNITER_RT_FUZZ_SEED') ?? defaults.seed, count: integer('IGNITER_RT_FUZZ_COUNT') ?? defaults.count, only: integer('IGNITER_RT_FUZZ_CASE') };
}

export function* fuzzCases(settings: FuzzSettings, corpus: readonly CorpusFile[]): Generator<FuzzCase> {
  if (settings.only !== undefined) {
    yield fuzzCase(settings.seed, settings.only, corpus);
    return;
  }
  for (let index = 0; index < settings.count; index++) yield fuzzCase(settings.seed, index, corpus);
}

export interface Failure {
  fuzzCase: FuzzCase;
  error: unknown;
}

/** The failures kept for the report: a long run with a common crash must not hold every variant in memory. */
const KEPT_FAILURES = 1000;

export interface Run {
  ran: number;
  /** Every case that threw, counted. */
  failed: number;
  /** The first KEPT_FAILURES of them. */
  failures: Failure[];
}

export const newRun = (): Run => ({ ran: 0, failed: 0, failures: [] });

/** Runs `lint` on one case; an exception is a failure, collected (not thrown) so one run shows them all. */
export function tryCase(run: Run, fuzzCase: FuzzCase, lint: (fuzzCase: FuzzCase) => void): void {
  run.ran++;
  try {
    lint(fuzzCase);
  } catch (error) {
    run.failed++;
    if (run.failures.length < KEPT_FAILURES) run.failures.push({ fuzzCase, error });
  }
}

/** Runs `lint` on every case. */
export function runCases(cases: Iterable<FuzzCase>, lint: (fuzzCase: FuzzCase) => void): Run {
  const run = newRun();
  for (const fuzzCase of cases) tryCase(run, fuzzCase, lint);
  return run;
}

const errorText = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * What a failed run prints: the seed and a replay command for each distinct error (by its first stack
 * line), the file and mutations that produced it; the variant is written to a temp file to inspect.
 */
export function failureReport(label: string, settings: FuzzSettings, run: Run, repoRoot: string): string {
  const byError = new Map<string, Failure[]>();
  for (const failure of run.failures) {
    const stack = errorText(failure.error).split('\n');
    const key = `${stack[0]}\n${stack.find((line) => line.trim().startsWith('at ')) ?? ''}`;
    byError.set(key, [...(byError.get(key) ?? []), failure]);
  }
  const directory = join(tmpdir(), 'igniter-rt-fuzz');
  mkdirSync(directory, { recursive: true });
  const kept = run.failed > run.failures.length ? ` (the first ${run.failures.length} kept)` : '';
  const lines = [`${label}: ${run.failed} case(s) threw, ${byError.size} distinct error(s)${kept}; run seed ${settings.seed}`];
  for (const group of byError.values()) {
    const { fuzzCase, error } = group[0];
    const saved = join(directory, `${settings.seed}-${fuzzCase.index}${fuzzCase.source.path.endsWith('.tsx') ? '.tsx' : '.ts'}`);
    writeFileSync(saved, fuzzCase.text);
    lines.push(
      '',
      `case ${fuzzCase.index} (and ${group.length - 1} more): ${fuzzCase.source.origin}, linted as ${relative(repoRoot, fuzzCase.source.path)}`,
      ...fuzzCase.chain.map((step) => `  ${step}`),
      `  variant: ${saved}`,
      `  replay: ${replayCommand(settings.seed, fuzzCase.index)}`,
      errorText(error).split('\n').slice(0, 8).map((line) => `  ${line}`).join('\n'),
    );
  }
  return lines.join('\n');
}

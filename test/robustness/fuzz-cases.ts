/**
 * Fuzz cases and their runner. Case `i` of a run is a pure function of the run seed and `i` (see
 * caseSeed), so a failure replays alone with IGNITER_RT_FUZZ_SEED and IGNITER_RT_FUZZ_CASE.
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

/** Runs `lint` on every case; an exception is a failure, collected (not thrown) so one run shows them all. */
export function runCases(cases: Iterable<FuzzCase>, lint: (fuzzCase: FuzzCase) => void): { ran: number; failures: Failure[] } {
  let ran = 0;
  const failures: Failure[] = [];
  for (const fuzzCase of cases) {
    ran++;
    try {
      lint(fuzzCase);
    } catch (error) {
      failures.push({ fuzzCase, error });
    }
  }
  return { ran, failures };
}

const errorText = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * What a failed run prints: the seed and a replay command for each distinct error (by its first stack
 * line), the file and mutations that produced it; the variant is written to a temp file to inspect.
 */
export function failureReport(label: string, settings: FuzzSettings, failures: readonly Failure[], repoRoot: string, testFile: string): string {
  const byError = new Map<string, Failure[]>();
  for (const failure of failures) {
    const stack = errorText(failure.error).split('\n');
    const key = `${stack[0]}\n${stack.find((line) => line.trim().startsWith('at ')) ?? ''}`;
    byError.set(key, [...(byError.get(key) ?? []), failure]);
  }
  const directory = join(tmpdir(), 'igniter-rt-fuzz');
  mkdirSync(directory, { recursive: true });
  const lines = [`${label}: ${failures.length} case(s) threw, ${byError.size} distinct error(s); run seed ${settings.seed}`];
  for (const group of byError.values()) {
    const { fuzzCase, error } = group[0];
    const saved = join(directory, `${settings.seed}-${fuzzCase.index}${fuzzCase.source.path.endsWith('.tsx') ? '.tsx' : '.ts'}`);
    writeFileSync(saved, fuzzCase.text);
    lines.push(
      '',
      `case ${fuzzCase.index} (and ${group.length - 1} more): ${fuzzCase.source.origin}, linted as ${relative(repoRoot, fuzzCase.source.path)}`,
      ...fuzzCase.chain.map((step) => `  ${step}`),
      `  variant: ${saved}`,
      `  replay: IGNITER_RT_FUZZ_SEED=${settings.seed} IGNITER_RT_FUZZ_CASE=${fuzzCase.index} npx vitest run ${testFile}`,
      errorText(error).split('\n').slice(0, 8).map((line) => `  ${line}`).join('\n'),
    );
  }
  return lines.join('\n');
}

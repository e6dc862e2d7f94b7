/**
 * Rules never throw: every rule (the `all` preset) lints at least 10,000 broken variants of the test
 * fixtures, the example app and the docs examples, through ESLint's Linter (the parser's TypeScript AST
 * wrapped) and through `check`'s engine (lintTextIgnoringParseErrors, ts-morph's own parse). Variants
 * are linted as files of the projects on disk, so the project index answers the cross-file questions.
 *
 * IGNITER_RT_THROW=1 (vitest config) makes a rule error propagate instead of degrading to no findings.
 * Code that does not parse is ESLint's fatal parse message, not a failure; TypeScript's parser never
 * fails, so lintTextIgnoringParseErrors runs the rules on every variant, however broken (lintText, like
 * ESLint, would report the syntax error instead): any exception is a failure.
 *
 * The run seed defaults to the UTC date; a failure prints it with the case number, the source file and
 * the mutations. Replay one case: IGNITER_RT_FUZZ_SEED=<seed> IGNITER_RT_FUZZ_CASE=<n>; change the
 * size: IGNITER_RT_FUZZ_COUNT=<n>.
 */
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import { lintTextIgnoringParseErrors, type RuleMessage } from '../../src/engine.js';
import { toEslintRule } from '../../src/eslint/create-rule.js';
import { allRules } from '../../rules/index.js';
import { loadCorpus, REPO_ROOT, type CorpusFile } from './corpus.js';
import { failureReport, fuzzCase, fuzzCases, fuzzSettings, runCases, type FuzzCase } from './fuzz-cases.js';
import { MUTATORS } from './mutators.js';
import { dateSeed } from './prng.js';

const TEST_FILE = 'test/robustness/fuzz.test.ts';
const settings = fuzzSettings(process.env, { seed: dateSeed(), count: 10_000 });
const replaying = settings.only !== undefined;
const RUN_TIMEOUT = 600_000;

let corpus: CorpusFile[];
let cases: FuzzCase[];

beforeAll(() => {
  corpus = loadCorpus();
  cases = [...fuzzCases(settings, corpus)];
});

/** Whether a finding's range lies in the text, with fixes inside it too: what the engine hands editors. */
function inBounds(message: RuleMessage, text: string): boolean {
  const lines = text.split('\n');
  const validPosition = (line: number, column: number) => line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1].length + 1;
  const validEdit = (edit: { range: readonly [number, number] }) => edit.range[0] >= 0 && edit.range[0] <= edit.range[1] && edit.range[1] <= text.length;
  return (
    validPosition(message.line, message.column) &&
    validPosition(message.endLine, message.endColumn) &&
    (message.line < message.endLine || (message.line === message.endLine && message.column <= message.endColumn)) &&
    (message.fix ?? []).every(validEdit) &&
    (message.suggestions ?? []).every((suggestion) => suggestion.edits.every(validEdit))
  );
}

describe(`fuzz: rules never throw (seed ${settings.seed}, ${replaying ? `case ${settings.only}` : `${settings.count} variants`})`, () => {
  it('the corpus holds the fixtures, the example app and the docs examples, and every mutator is used', () => {
    expect(corpus.some((file) => file.origin.startsWith('test/fixtures/'))).toBe(true);
    expect(corpus.some((file) => file.origin.startsWith('examples/chat-app/src/'))).toBe(true);
    expect(corpus.some((file) => file.origin.startsWith('rules/'))).toBe(true);
    if (replaying) return;
    expect(cases).toHaveLength(settings.count);
    const used = new Set(cases.flatMap((fuzzCase) => fuzzCase.chain.map((step) => step.split(' ')[0])));
    expect([...used].sort()).toEqual(MUTATORS.map((mutator) => mutator.name).sort());
    // Every case was mutated (a mutator that finds nothing to change is retried with another).
    expect(cases.filter((fuzzCase) => fuzzCase.chain.length === 0)).toEqual([]);
    // A case replays alone: it depends on the seed and its number only.
    const probe = Math.min(4321, cases.length - 1);
    expect(fuzzCase(settings.seed, probe, corpus)).toEqual(cases[probe]);
  });

  it('a rule that throws fails the run, with the seed, the case, its mutations and the replay command', () => {
    const throwing = toEslintRule({
      ...allRules[0],
      id: 'throws',
      prefilter: /igniter/,
      requiresActions: false,
      check: () => {
        throw new Error('boom');
      },
    });
    const linter = new Linter({ cwd: REPO_ROOT });
    const config: Linter.Config[] = [{ ...plugin.configs.all, plugins: { test: { rules: { throws: throwing } } }, rules: { 'test/throws': 'error' } }];
    const sample = cases.slice(0, 20).filter((fuzzCase) => /igniter/.test(fuzzCase.text) && linter.verify(fuzzCase.text, [plugin.configs.all], { filename: fuzzCase.source.path }).every((m) => !m.fatal));
    expect(sample.length).toBeGreaterThan(0);
    const { failures } = runCases(sample, (fuzzCase) => void linter.verify(fuzzCase.text, config, { filename: fuzzCase.source.path }));
    expect(failures).toHaveLength(sample.length);
    const report = failureReport('ESLint', settings, failures, REPO_ROOT, TEST_FILE);
    expect(report).toContain(`${sample.length} case(s) threw, 1 distinct error(s); run seed ${settings.seed}`);
    expect(report).toContain(`case ${sample[0].index} (and ${sample.length - 1} more): ${sample[0].source.origin}`);
    expect(report).toContain(sample[0].chain[0]);
    expect(report).toContain(`replay: IGNITER_RT_FUZZ_SEED=${settings.seed} IGNITER_RT_FUZZ_CASE=${sample[0].index} npx vitest run ${TEST_FILE}`);
    expect(report).toContain('Error: boom');
  });

  it(
    'ESLint Linter, every rule on, wrapped TypeScript AST: zero exceptions',
    () => {
      const linter = new Linter({ cwd: REPO_ROOT });
      const config: Linter.Config[] = [plugin.configs.all];
      const firedRules = new Set<string>();
      let parsed = 0;
      let withFindings = 0;
      const { ran, failures } = runCases(cases, (fuzzCase) => {
        const messages = linter.verify(fuzzCase.text, config, { filename: fuzzCase.source.path });
        if (messages.some((message) => message.fatal)) return;
        parsed++;
        // Only the plugin's rules: a corpus file's own directive for another plugin's rule (the TanStack
        // starter's client disables @typescript-eslint/no-var-requires) is reported under that rule's id.
        const ruleIds = messages.map((message) => message.ruleId).filter((id): id is string => id !== null && id.startsWith('igniter-rt/'));
        if (ruleIds.length > 0) withFindings++;
        for (const id of ruleIds) firedRules.add(id);
      });
      if (failures.length > 0) throw new Error(failureReport('ESLint', settings, failures, REPO_ROOT, TEST_FILE));
      expect(ran).toBe(cases.length);
      if (replaying) return;
      // The rules really ran: many variants still parse, and every rule reported on some of them.
      expect(parsed).toBeGreaterThan(cases.length / 10);
      expect(withFindings).toBeGreaterThan(parsed / 10);
      expect([...firedRules].sort()).toEqual(allRules.map((rule) => `igniter-rt/${rule.id}`).sort());
    },
    RUN_TIMEOUT,
  );

  it(
    'check engine (lintTextIgnoringParseErrors), every rule on, ts-morph parse: zero exceptions, findings inside the text',
    () => {
      const firedRules = new Set<string>();
      let withFindings = 0;
      const { ran, failures } = runCases(cases, (fuzzCase) => {
        const messages = lintTextIgnoringParseErrors(fuzzCase.text, fuzzCase.source.path, { preset: 'all' });
        const outside = messages.filter((message) => !inBounds(message, fuzzCase.text));
        if (outside.length > 0) throw new Error(`finding outside the text: ${JSON.stringify(outside[0])}`);
        if (messages.length > 0) withFindings++;
        for (const message of messages) firedRules.add(message.ruleId);
      });
      if (failures.length > 0) throw new Error(failureReport('check', settings, failures, REPO_ROOT, TEST_FILE));
      expect(ran).toBe(cases.length);
      if (replaying) return;
      expect(withFindings).toBeGreaterThan(cases.length / 10);
      expect([...firedRules].sort()).toEqual(allRules.map((rule) => `igniter-rt/${rule.id}`).sort());
    },
    RUN_TIMEOUT,
  );
});

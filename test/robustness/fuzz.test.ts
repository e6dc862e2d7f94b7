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
 * `npm test` runs the fixed SUITE_SEED, so the suite does not change from day to day. Longer or other
 * runs: `npm run fuzz -- --seed <n> --variants <m>` (scripts/fuzz.js; without --seed, a random one). A
 * failure prints the seed with the case number, the source file, the mutations and the command that
 * replays it alone (`npm run fuzz -- --seed <seed> --case <n>`).
 */
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import { lintTextIgnoringParseErrors, type RuleMessage } from '../../src/engine.js';
import { toEslintRule } from '../../src/eslint/create-rule.js';
import { allRules } from '../../rules/index.js';
import { loadCorpus, REPO_ROOT, type CorpusFile } from './corpus.js';
import { failureReport, fuzzCase, fuzzCases, fuzzSettings, newRun, replayCommand, runCases, runTimeout, SUITE_SEED, tryCase, type FuzzCase } from './fuzz-cases.js';
import { MUTATORS } from './mutators.js';

const SUITE_VARIANTS = 10_000;
const settings = fuzzSettings(process.env, { seed: SUITE_SEED, count: SUITE_VARIANTS });
const replaying = settings.only !== undefined;

let corpus: CorpusFile[];

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

/** What the run saw of the variants themselves. */
const generated = { count: 0, unmutated: 0, mutators: new Set<string>(), sample: [] as FuzzCase[], probe: undefined as FuzzCase | undefined };
const eslint = { run: newRun(), parsed: 0, withFindings: 0, fired: new Set<string>() };
const engine = { run: newRun(), withFindings: 0, fired: new Set<string>() };
const PROBE = Math.min(4321, settings.count - 1);

beforeAll(() => {
  corpus = loadCorpus();
  const linter = new Linter({ cwd: REPO_ROOT });
  const config: Linter.Config[] = [plugin.configs.all];
  // One pass: each variant is made once and linted by both front ends, and only counts and failures
  // are kept, so a long `npm run fuzz` needs no more memory than the suite's run.
  for (const fuzzCase of fuzzCases(settings, corpus)) {
    generated.count++;
    if (fuzzCase.chain.length === 0) generated.unmutated++;
    for (const step of fuzzCase.chain) generated.mutators.add(step.split(' ')[0]);
    if (generated.sample.length < 20) generated.sample.push(fuzzCase);
    if (fuzzCase.index === PROBE) generated.probe = fuzzCase;

    tryCase(eslint.run, fuzzCase, () => {
      const messages = linter.verify(fuzzCase.text, config, { filename: fuzzCase.source.path });
      if (messages.some((message) => message.fatal)) return;
      eslint.parsed++;
      // Only the plugin's rules: a corpus file's own directive for another plugin's rule (the TanStack
      // starter's client disables @typescript-eslint/no-var-requires) is reported under that rule's id.
      const ruleIds = messages.map((message) => message.ruleId).filter((id): id is string => id !== null && id.startsWith('igniter-rt/'));
      if (ruleIds.length > 0) eslint.withFindings++;
      for (const id of ruleIds) eslint.fired.add(id);
    });
    tryCase(engine.run, fuzzCase, () => {
      const messages = lintTextIgnoringParseErrors(fuzzCase.text, fuzzCase.source.path, { preset: 'all' });
      const outside = messages.filter((message) => !inBounds(message, fuzzCase.text));
      if (outside.length > 0) throw new Error(`finding outside the text: ${JSON.stringify(outside[0])}`);
      if (messages.length > 0) engine.withFindings++;
      for (const message of messages) engine.fired.add(message.ruleId);
    });
  }
}, runTimeout(settings.count));

const everyRule = () => allRules.map((rule) => `igniter-rt/${rule.id}`).sort();

describe(`fuzz: rules never throw (seed ${settings.seed}, ${replaying ? `case ${settings.only}` : `${settings.count} variants`})`, () => {
  it('the corpus holds the fixtures, the example app and the docs examples, and every mutator is used', () => {
    expect(corpus.some((file) => file.origin.startsWith('test/fixtures/'))).toBe(true);
    expect(corpus.some((file) => file.origin.startsWith('examples/chat-app/src/'))).toBe(true);
    expect(corpus.some((file) => file.origin.startsWith('rules/'))).toBe(true);
    if (replaying) return;
    expect(generated.count).toBe(settings.count);
    if (generated.count >= SUITE_VARIANTS) expect([...generated.mutators].sort()).toEqual(MUTATORS.map((mutator) => mutator.name).sort());
    // Every case was mutated (a mutator that finds nothing to change is retried with another).
    expect(generated.unmutated).toBe(0);
    // A case replays alone: it depends on the seed and its number only.
    expect(fuzzCase(settings.seed, PROBE, corpus)).toEqual(generated.probe);
  });

  // Not when replaying one case: that case alone may not reach the throwing rule.
  it.skipIf(replaying)('a rule that throws fails the run, with the seed, the case, its mutations and the replay command', () => {
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
    const sample = generated.sample.filter((fuzzCase) => /igniter/.test(fuzzCase.text) && linter.verify(fuzzCase.text, [plugin.configs.all], { filename: fuzzCase.source.path }).every((m) => !m.fatal));
    expect(sample.length).toBeGreaterThan(0);
    const run = runCases(sample, (fuzzCase) => void linter.verify(fuzzCase.text, config, { filename: fuzzCase.source.path }));
    expect(run.failures).toHaveLength(sample.length);
    const report = failureReport('ESLint', settings, run, REPO_ROOT);
    expect(report).toContain(`${sample.length} case(s) threw, 1 distinct error(s); run seed ${settings.seed}`);
    expect(report).toContain(`case ${sample[0].index} (and ${sample.length - 1} more): ${sample[0].source.origin}`);
    expect(report).toContain(sample[0].chain[0]);
    expect(report).toContain(`replay: ${replayCommand(settings.seed, sample[0].index)}`);
    expect(report).toContain('Error: boom');
  });

  it('ESLint Linter, every rule on, wrapped TypeScript AST: zero exceptions', () => {
    if (eslint.run.failed > 0) throw new Error(failureReport('ESLint', settings, eslint.run, REPO_ROOT));
    expect(eslint.run.ran).toBe(generated.count);
    if (replaying) return;
    // The rules really ran: many variants still parse, and every rule reported on some of them (a
    // shorter `npm run fuzz` may not reach every rule).
    expect(eslint.parsed).toBeGreaterThan(generated.count / 10);
    expect(eslint.withFindings).toBeGreaterThan(eslint.parsed / 10);
    if (generated.count >= SUITE_VARIANTS) expect([...eslint.fired].sort()).toEqual(everyRule());
  });

  it('check engine (lintTextIgnoringParseErrors), every rule on, ts-morph parse: zero exceptions, findings inside the text', () => {
    if (engine.run.failed > 0) throw new Error(failureReport('check', settings, engine.run, REPO_ROOT));
    expect(engine.run.ran).toBe(generated.count);
    if (replaying) return;
    expect(engine.withFindings).toBeGreaterThan(generated.count / 10);
    if (generated.count >= SUITE_VARIANTS) expect([...engine.fired].sort()).toEqual(everyRule());
  });
});

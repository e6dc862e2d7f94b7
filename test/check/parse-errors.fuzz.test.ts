/**
 * A file that does not parse, on fuzzed variants of the test corpus (the hand-written cases are in
 * parse-errors.test.ts): every parse error the engine (lintText, what `check` runs) reports is exactly
 * ESLint's fatal "Parsing error" message, alone, and ESLint reports one only where the engine does or
 * where one of the known differences explains it: a file that no rule looks at and that holds no
 * Igniter code is not parsed by the engine, and typescript-estree's own grammar checks (e.g. two
 * `default` clauses in a switch) are not TypeScript parse errors. Both are counted.
 *
 * `npm test` runs the fixed suite seed; `npm run fuzz -- --seed <n> --variants <m>` runs others
 * (scripts/fuzz.js), and a disagreement names the command that replays its case.
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { firstParseError } from '../../src/analysis/parse-error.js';
import { parseSourceFile } from '../../src/analysis/parse.js';
import { igniterCodePattern } from '../../src/analysis/project-index.js';
import { ruleApplies } from '../../src/analysis/rule-api.js';
import { lintText, type Message } from '../../src/engine.js';
import plugin from '../../src/eslint/plugin.js';
import { loadCorpus, REPO_ROOT } from '../robustness/corpus.js';
import { fuzzCases, fuzzSettings, replayCommand, runTimeout, SUITE_SEED } from '../robustness/fuzz-cases.js';

const linter = new Linter({ cwd: REPO_ROOT });
const eslintMessages = (text: string, filename: string) => linter.verify(text, [plugin.configs.all], { filename });
const engineMessages = (text: string, filename: string): Message[] => lintText(text, filename, { preset: 'all' }, REPO_ROOT);

const IGNITER_CODE = igniterCodePattern(['igniter']);
const settings = fuzzSettings(process.env, { seed: SUITE_SEED, count: 1500 });
const replaying = settings.only !== undefined;

describe(`fuzzed variants (seed ${settings.seed}, ${replaying ? `case ${settings.only}` : `${settings.count} variants`}): every parse error the engine reports is ESLint's, and every one ESLint reports on a file the engine parses`, () => {
  it('agrees on every variant, apart from the grammar checks TypeScript does not make', { timeout: runTimeout(settings.count) }, () => {
    const corpus = loadCorpus();
    let agreed = 0;
    let converterOnly = 0;
    let notParsed = 0;
    const disagreements: string[] = [];
    for (const fuzzCase of fuzzCases(settings, corpus)) {
      const path = fuzzCase.source.path;
      const eslintFatal = eslintMessages(fuzzCase.text, path).find((message) => message.fatal);
      const engine = engineMessages(fuzzCase.text, path);
      const engineFatal = engine.find((message) => message.fatal);
      const where = `case ${fuzzCase.index} (${fuzzCase.source.origin}; replay: ${replayCommand(settings.seed, fuzzCase.index)})`;
      if (engineFatal) {
        // Reported: exactly ESLint's message, alone.
        if (JSON.stringify(engine) !== JSON.stringify([eslintFatal])) disagreements.push(`${where}: engine ${JSON.stringify(engine)}, ESLint ${JSON.stringify(eslintFatal)}`);
        else agreed++;
      } else if (eslintFatal) {
        if (!allRules.some((rule) => ruleApplies(rule, fuzzCase.text, ['igniter'])) && !IGNITER_CODE.test(fuzzCase.text)) notParsed++;
        else if (firstParseError(parseSourceFile(fuzzCase.text, path).compilerNode) === undefined) converterOnly++;
        else disagreements.push(`${where}: ESLint ${JSON.stringify(eslintFatal)}, the engine none`);
      }
    }
    expect(disagreements).toEqual([]);
    if (replaying) return;
    // Not vacuous: most broken variants are TypeScript parse errors that both report.
    expect(agreed).toBeGreaterThan(settings.count / 4);
    expect(converterOnly).toBeLessThan(agreed / 10);
    console.log(`parse errors: ${agreed} reported alike, ${converterOnly} only by typescript-estree's grammar checks, ${notParsed} in files no rule parses`);
  });
});

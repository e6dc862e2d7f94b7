/**
 * Runs one rule's cases on every path a rule can take into ESLint, each case checked in full once.
 *
 * Why not every case through RuleTester on every path: a rule is one `check` function over a TypeScript
 * syntax tree, the same on every path. What differs between the paths is only what sits around it: the ESLint
 * adapter (src/eslint/create-rule.ts: `context` API, `report`, fixes, suggestions) under ESLint 10 and
 * ESLint 9, and the bridge (src/eslint/bridge.ts) that either hands the rules the parser's TypeScript AST
 * or parses the text again. So:
 *
 * - the main path (ESLint 10 through typescript-eslint's RuleTester, the parser's AST) asserts
 *   every case in full: each message, position, fixed output and suggestion output;
 * - one parity test per other path (ESLint 10 reparsed, ESLint 9 on the parser's AST, ESLint 9 reparsed,
 *   and ESLint 10 on the AST of the parser running on TypeScript 5.9, as in an app that pins
 *   `typescript` ^5 while ts-morph bundles 6.0: scripts/typescript-overlay.js) lints
 *   every case once with that path's `Linter.verify` and demands the same messages as the main path's
 *   `Linter.verify` on the same input: rule, message id, text, range, severity, fix edits and
 *   suggestion edits. A fix or suggestion built differently on one path shows up as a different edit.
 *
 * Every case still runs on all five paths, but the four other paths cost one
 * `Linter.verify` each, plus one shared for the main path's reference, instead of a RuleTester run each
 * (ajv schema compile, AST clone, a parse per fix pass and per suggestion, one vitest test per case).
 * Each parity test also checks that its reference agrees with what the main path asserts (no message
 * on a valid case, as many as expected on an invalid one), so a parity pass cannot rest on a broken
 * reference. Rule errors are rethrown (IGNITER_RT_THROW), not silenced.
 */
import { isAbsolute, join, normalize, parse, resolve } from 'node:path';
import { RuleTester as TsRuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter as Linter10 } from 'eslint';
import { Linter as Linter9 } from 'eslint9';
import parser from '@typescript-eslint/parser';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import * as bridge from '../../src/eslint/bridge.js';
import { wrapCount } from '../../src/analysis/syntax-file.js';
import { parserOnTypeScript } from '../../scripts/typescript-overlay.js';

TsRuleTester.afterAll = afterAll;
TsRuleTester.describe = describe;
TsRuleTester.it = it;
TsRuleTester.itOnly = it.only;

export type ValidCase = ValidTestCase<readonly Record<string, unknown>[]>;
export type InvalidCase = InvalidTestCase<string, readonly Record<string, unknown>[]>;

export interface RuleCases {
  valid: (ValidCase | string)[];
  invalid: InvalidCase[];
}

type TsRule = Parameters<TsRuleTester['run']>[1];

export function runRuleCases(id: string, cases: RuleCases): void {
  const rule = plugin.rules[id];
  if (!rule) throw new Error(`unknown rule ${id}`);
  describe(`${id}: ESLint 10, the parser's TypeScript AST (every case in full)`, () => {
    new TsRuleTester().run(id, rule as unknown as TsRule, cases);
  });
  const inputs = [...cases.valid.map((item, index) => lintInput(item, `valid #${index}`, 0)), ...cases.invalid.map((item, index) => lintInput(item, `invalid #${index}`, item.errors.length))];
  describe(`${id}: the other paths give the main path's findings, fixes and suggestions`, () => {
    for (const path of OTHER_PATHS) {
      it(`${path.name}: all ${inputs.length} cases`, () => {
        const mismatches: string[] = [];
        for (const input of inputs) {
          const expected = mainFindings(id, input);
          if (expected.length !== input.expectedCount) mismatches.push(`${input.label}: the main path's Linter found ${expected.length}, RuleTester expects ${input.expectedCount}`);
          const actual = findings(path, id, input);
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            mismatches.push(`${input.label} (${input.name}):\n  ${path.name}: ${JSON.stringify(actual)}\n  main path: ${JSON.stringify(expected)}`);
          }
        }
        expect(mismatches).toEqual([]);
        // The path really ran: the bridge says how it obtained the last file a rule looked at.
        expect(bridge.lastAstSource).toBe(path.ast);
      });
    }
  });
  // Rules read TypeScript's own nodes (CONTRIBUTING.md, "A rule, in one folder"): wrapping a file for
  // ts-morph would load it, about 0.1 s of a lint run.
  it(`${id}: linting every case wraps no file for ts-morph`, () => {
    const before = wrapCount.sourceFiles;
    for (const input of inputs) findings(MAIN_PATH, id, input);
    expect(wrapCount.sourceFiles - before).toBe(0);
  });
}

interface LintPath {
  name: string;
  eslint: 9 | 10;
  ast: bridge.AstSource;
  /** @typescript-eslint/parser on another TypeScript than the repository's (6.0). */
  parser?: Linter10.Parser;
}

const typescript59 = parserOnTypeScript(join(import.meta.dirname, '..', '..'), 'typescript59');
if (!typescript59.typescriptVersion.startsWith('5.')) throw new Error(`the typescript59 overlay loads TypeScript ${typescript59.typescriptVersion}`);

const MAIN_PATH: LintPath = { name: "ESLint 10, the parser's AST", eslint: 10, ast: 'parser' };
const OTHER_PATHS: LintPath[] = [
  { name: 'ESLint 10, parsed again', eslint: 10, ast: 'reparsed' },
  { name: "ESLint 9, the parser's AST", eslint: 9, ast: 'parser' },
  { name: 'ESLint 9, parsed again', eslint: 9, ast: 'reparsed' },
  { name: `ESLint 10, the AST of the parser on TypeScript ${typescript59.typescriptVersion}`, eslint: 10, ast: 'parser', parser: typescript59.parser },
];

/** One case as the main path's RuleTester lints it: the same file name, options, settings and cwd. */
interface LintInput {
  label: string;
  name: string;
  code: string;
  filename: string;
  options: readonly unknown[];
  settings: Record<string, unknown> | undefined;
  /** Messages the main path asserts: 0 for a valid case, the number of `errors` for an invalid one. */
  expectedCount: number;
}

/** Case properties that are not ESLint configuration (typescript-eslint's RULE_TESTER_PARAMETERS). */
const TESTER_ONLY = new Set(['after', 'before', 'code', 'defaultFilenames', 'dependencyConstraints', 'errors', 'filename', 'name', 'only', 'options', 'output', 'skip']);

function lintInput(item: ValidCase | InvalidCase | string, label: string, expectedCount: number): LintInput {
  const test = typeof item === 'string' ? { code: item } : item;
  const config = Object.keys(test).filter((key) => !TESTER_ONLY.has(key) && key !== 'settings');
  // A case that configures more than options and settings would be linted differently here: say so.
  if (config.length > 0) throw new Error(`${label}: the parity test does not pass on ${config.join(', ')}; extend harness.ts`);
  const settings = 'settings' in test ? (test.settings as Record<string, unknown>) : undefined;
  return {
    label,
    name: ('name' in test && test.name) || test.code.trim().split('\n')[0].slice(0, 60),
    code: test.code,
    filename: ('filename' in test && test.filename) || 'file.ts',
    options: ('options' in test && test.options) || [],
    settings,
    expectedCount,
  };
}

/** typescript-eslint's RuleTester lints an absolute or `../` file name with the file system root as cwd. */
function cwdFor(filename: string): string {
  return isAbsolute(filename) || normalize(filename).startsWith('..') ? parse(resolve(filename)).root : process.cwd();
}

const mainResults = new WeakMap<LintInput, unknown[]>();

/** The main path's messages for a case, linted once for all three parity tests. */
function mainFindings(id: string, input: LintInput): unknown[] {
  let result = mainResults.get(input);
  if (!result) {
    result = findings(MAIN_PATH, id, input);
    mainResults.set(input, result);
  }
  return result;
}

const linters = new Map<string, Linter10 | Linter9>();

function linterFor(eslint: 9 | 10, cwd: string): Linter10 | Linter9 {
  const key = `${eslint} ${cwd}`;
  let linter = linters.get(key);
  if (!linter) {
    linter = eslint === 10 ? new Linter10({ cwd }) : new Linter9({ cwd, configType: 'flat' });
    linters.set(key, linter);
  }
  return linter;
}

/** The messages of one case on one path, reduced to what both ESLint majors report alike. */
function findings(path: LintPath, id: string, input: LintInput, otherRules: Record<string, unknown> = {}): unknown[] {
  const config: Linter10.Config = {
    files: ['**'],
    languageOptions: { parser: path.parser ?? parser },
    plugins: { 'igniter-rt': plugin },
    rules: { ...otherRules, [`igniter-rt/${id}`]: ['error', ...(input.options as unknown[])] } as Linter10.RulesRecord,
    ...(input.settings ? { settings: input.settings } : {}),
  };
  const linter = linterFor(path.eslint, cwdFor(input.filename));
  if (path.ast === 'reparsed') process.env.IGNITER_RT_PARSE = 'reparse';
  try {
    const messages = (linter as Linter10).verify(input.code, [config], input.filename);
    return messages.map((message) => ({
      ruleId: message.ruleId,
      messageId: message.messageId,
      message: message.message,
      severity: message.severity,
      fatal: message.fatal ?? false,
      at: [message.line, message.column, message.endLine, message.endColumn],
      fix: message.fix,
      suggestions: message.suggestions?.map((suggestion) => ({ messageId: suggestion.messageId, desc: suggestion.desc, fix: suggestion.fix })),
    }));
  } finally {
    delete process.env.IGNITER_RT_PARSE;
  }
}

/** The messages of one lint on the main path (ESLint 10, the parser's AST), as the parity tests compare them. */
export function mainPathMessages(
  id: string,
  test: { code: string; filename?: string; options?: readonly unknown[]; settings?: Record<string, unknown> },
  otherRules: Record<string, unknown> = {},
): { ruleId: string | null; messageId?: string; message: string; fatal: boolean; at: number[] }[] {
  const { code, filename = 'file.ts', options = [], settings } = test;
  const input = lintInput({ code, filename, options, ...(settings ? { settings } : {}) } as ValidCase, 'docs', 0);
  return findings(MAIN_PATH, id, input, otherRules) as ReturnType<typeof mainPathMessages>;
}

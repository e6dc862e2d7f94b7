/**
 * Runs one rule's cases through ESLint 10 (typescript-eslint's RuleTester) and ESLint 9 (its own
 * RuleTester, from the `eslint9` alias), each on both AST paths: the parser's TypeScript AST wrapped
 * by ts-morph, and a fresh ts-morph parse. Rule errors are rethrown (IGNITER_RT_THROW), not silenced.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuleTester as TsRuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import { RuleTester as Eslint9RuleTester } from 'eslint9';
import parser from '@typescript-eslint/parser';
import { afterAll, beforeAll, describe, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';

TsRuleTester.afterAll = afterAll;
TsRuleTester.describe = describe;
TsRuleTester.it = it;
TsRuleTester.itOnly = it.only;
Eslint9RuleTester.describe = describe;
Eslint9RuleTester.it = it;
Eslint9RuleTester.itOnly = it.only;

export type ValidCase = ValidTestCase<readonly Record<string, unknown>[]>;
export type InvalidCase = InvalidTestCase<string, readonly Record<string, unknown>[]>;

export interface RuleCases {
  valid: (ValidCase | string)[];
  invalid: InvalidCase[];
}

type TsRule = Parameters<TsRuleTester['run']>[1];
type Eslint9Rule = Parameters<Eslint9RuleTester['run']>[1];
type Eslint9Cases = Parameters<Eslint9RuleTester['run']>[2];

export function runRuleCases(id: string, cases: RuleCases): void {
  const rule = plugin.rules[id];
  if (!rule) throw new Error(`unknown rule ${id}`);
  for (const path of ['wrapped', 'reparsed'] as const) {
    describe(`${id}: ${path} TypeScript AST`, () => {
      beforeAll(() => {
        if (path === 'reparsed') process.env.IGNITER_RT_PARSE = 'reparse';
      });
      afterAll(() => {
        delete process.env.IGNITER_RT_PARSE;
      });
      describe('ESLint 10', () => {
        new TsRuleTester().run(id, rule as unknown as TsRule, cases);
      });
      describe('ESLint 9', () => {
        new Eslint9RuleTester({ languageOptions: { parser } }).run(id, rule as unknown as Eslint9Rule, cases as unknown as Eslint9Cases);
      });
    });
  }
}

/**
 * The ```ts code blocks of a rule's docs page, in order. Tests run them as cases, so the docs cannot
 * drift from the rule; `count` guards against a block added or lost without the tests noticing.
 */
export function docsExamples(ruleId: string, count: number): string[] {
  const page = readFileSync(join(import.meta.dirname, '..', '..', 'rules', ruleId, 'README.md'), 'utf8');
  const blocks = page
    .split('```ts\n')
    .slice(1)
    .map((block) => block.slice(0, block.indexOf('```')));
  if (blocks.length !== count) throw new Error(`expected ${count} examples in the ${ruleId} docs page, found ${blocks.length}`);
  return blocks;
}

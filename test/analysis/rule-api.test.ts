/** `ruleApplies` (src/analysis/rule-api.ts): each text test runs once per file, and never answers for another file. */
import { describe, expect, it } from 'vitest';
import { defineRule, ruleApplies, type RuleDefinition } from '../../src/analysis/rule-api.js';

function rule(id: string, prefilter: RegExp, requiresActions = false): RuleDefinition<object> {
  return defineRule({ id, type: 'problem', docs: { description: id, url: id }, messages: {}, schema: [], defaultOptions: {}, prefilter, requiresActions, check: () => [] });
}

describe('ruleApplies', () => {
  const a = rule('a', /revalidate\s*\(/);
  const b = rule('b', /revalidate\s*\(/);
  const actions = rule('c', /revalidate\s*\(/, true);

  it('gives every rule sharing a prefilter the answer for the file at hand, file after file', () => {
    const revalidating = 'export const x = () => response.revalidate(["a.b"]);';
    const other = 'export const y = 1;';
    expect([ruleApplies(a, revalidating, ['igniter']), ruleApplies(b, revalidating, ['igniter'])]).toEqual([true, true]);
    expect([ruleApplies(a, other, ['igniter']), ruleApplies(b, other, ['igniter'])]).toEqual([false, false]);
    expect(ruleApplies(b, revalidating, ['igniter'])).toBe(true);
  });

  it('asks for actions with the instance names given', () => {
    const text = 'const list = api.query({ handler: () => response.revalidate(["a.b"]) });';
    expect(ruleApplies(actions, text, ['igniter'])).toBe(false);
    expect(ruleApplies(actions, text, ['api'])).toBe(true);
    expect(ruleApplies(a, text, ['igniter'])).toBe(true);
  });
});

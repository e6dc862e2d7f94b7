/**
 * The docs are tests: every ❌/✅ example of every rule's docs page is linted with that rule, as ESLint
 * runs it, and must give exactly the findings the page marks: a ❌ example one finding per `// ❌`
 * marker, on the marked lines, and at least one; a ✅ example none. A ✅ example is also code to copy:
 * with every rule of the recommended preset on, only the rules its `also=` names (which the page
 * explains) may report it. How a page writes its examples: test/support/docs-examples.ts.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import plugin from '../src/eslint/plugin.js';
import { docsExamples, type DocsExample } from './support/docs-examples.js';
import { mainPathMessages } from './support/rule-harness.js';
import { wrapCount } from '../src/analysis/syntax-file.js';

/** Line → number of findings of the page's rule there; a parse error or another rule's message fails the example. */
function foundLines(example: DocsExample): Map<number, number> {
  const messages = mainPathMessages(example.ruleId, example);
  const problems = messages.filter((message) => message.ruleId !== `igniter-rt/${example.ruleId}`);
  if (problems.length > 0) throw new Error(`${example.where}: ${problems.map((message) => message.message).join('; ')}`);
  const lines = new Map<number, number>();
  for (const message of messages) lines.set(message.at[0], (lines.get(message.at[0]) ?? 0) + 1);
  return lines;
}

/** The recommended preset's rules, as a user who copies a ✅ example has them. */
const recommended = plugin.configs.recommended.rules ?? {};

const sorted = (lines: Map<number, number>) => [...lines].sort(([a], [b]) => a - b);

describe.each(allRules.map((rule) => rule.id))('%s docs page', (id) => {
  const examples = docsExamples(id);

  it('has ❌ and ✅ examples', () => {
    expect(examples.filter((example) => example.expectation === 'incorrect').length).toBeGreaterThan(0);
    expect(examples.filter((example) => example.expectation === 'correct').length).toBeGreaterThan(0);
  });

  // As for the rule's cases (test/support/rule-harness.ts): the rule reads TypeScript's own nodes.
  it('linting its examples wraps no file for ts-morph', () => {
    const before = wrapCount.sourceFiles;
    for (const example of examples) mainPathMessages(id, example);
    expect(wrapCount.sourceFiles - before).toBe(0);
  });

  it.each(examples.map((example) => [`${example.expectation === 'incorrect' ? '❌' : '✅'} ${example.where}${example.name ? ` (${example.name})` : ''}`, example] as const))('%s', (_label, example) => {
    if (example.expectation === 'incorrect') expect(example.marked.size, `${example.where}: a ❌ example marks no finding (// ❌ on the reported line)`).toBeGreaterThan(0);
    else expect(sorted(example.marked), `${example.where}: a ✅ example marks a finding`).toEqual([]);
    // [line in the page, findings] pairs, so a failure points at the page.
    const toPage = (lines: Map<number, number>) => sorted(lines).map(([line, count]) => [example.pageLine(line) ?? `template line ${line}`, count]);
    expect(toPage(foundLines(example)), `${example.where}: findings of ${id} by page line`).toEqual(toPage(example.marked));
    if (example.expectation === 'correct') {
      const others = mainPathMessages(id, example, recommended).filter((message) => message.ruleId !== `igniter-rt/${id}`);
      const reporting = [...new Set(others.map((message) => (message.ruleId ?? 'parse error').replace('igniter-rt/', '')))].sort();
      expect(reporting, `${example.where}: rules of the recommended preset that report this ✅ example (name them in also="…" and say why on the page, or fix the example)`).toEqual(example.also);
    }
  });
});

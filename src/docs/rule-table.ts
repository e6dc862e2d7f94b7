/** The README's rule table, rendered from rule metadata (a test keeps the README equal to it). */
import type { RuleDefinition } from '../analysis/rule-api.js';

export const TABLE_START = '<!-- rules-table:start (generated from rule metadata by `npm run docs`) -->';
export const TABLE_END = '<!-- rules-table:end -->';

export function renderRuleTable(rules: readonly RuleDefinition<object>[]): string {
  const level = (value: string | undefined) => (value === 'error' ? '🔴 error' : value === 'warn' ? '🟡 warn' : '');
  const rows = rules.map((rule) => {
    const fix = [rule.fixable ? '🔧 fix' : '', rule.hasSuggestions ? '💡 suggestion' : ''].filter(Boolean).join(', ');
    const strict = rule.docs.strict ?? rule.docs.recommended;
    return `| [\`${rule.id}\`](rules/${rule.id}/README.md) | ${rule.docs.description} | ${level(rule.docs.recommended)} | ${level(strict)} | ${fix} |`;
  });
  return [TABLE_START, '| Rule | What it catches | recommended | strict | Fix |', '|---|---|---|---|---|', ...rows, TABLE_END].join('\n');
}

/** `readme` with its rule table replaced by a freshly rendered one. */
export function withRuleTable(readme: string, rules: readonly RuleDefinition<object>[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error('README.md has no rule table markers');
  return readme.slice(0, start) + renderRuleTable(rules) + readme.slice(end + TABLE_END.length);
}

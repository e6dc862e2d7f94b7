/** Rule levels and options per preset, derived from rule metadata; shared by ESLint presets and the engine. */
import type { RuleDefinition, Severity } from './analysis/rule-api.js';

export type PresetName = 'recommended' | 'strict' | 'all';
export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'strict', 'all'];

export type RuleEntry = Severity | [Severity, object];

/** The rule levels (and options) of a preset, keyed by plain rule id. */
export function presetRules(definitions: readonly RuleDefinition<object>[], preset: PresetName): Record<string, RuleEntry> {
  const rules: Record<string, RuleEntry> = {};
  for (const definition of definitions) {
    const { recommended, strict } = definition.docs;
    if (preset === 'recommended') {
      if (recommended) rules[definition.id] = recommended;
      continue;
    }
    const level: Severity | undefined = strict ?? recommended ?? (preset === 'all' ? 'error' : undefined);
    if (!level) continue;
    rules[definition.id] = definition.strictOptions ? [level, { ...definition.defaultOptions, ...definition.strictOptions }] : level;
  }
  return rules;
}

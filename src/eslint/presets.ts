/**
 * Presets generated from rule metadata: `recommended` (rules with a recommended level), `strict`
 * (recommended plus strict-only rules, with each rule's strict options), `all` (every rule).
 * Each preset also sets up @typescript-eslint/parser for TypeScript files.
 */
import type { ESLint, Linter } from 'eslint';
import parser from '@typescript-eslint/parser';
import type { RuleDefinition, Severity } from '../analysis/rule-api.js';

export type PresetName = 'recommended' | 'strict' | 'all';
export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'strict', 'all'];
export const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];
export const PLUGIN_PREFIX = 'igniter-rt';

type RuleEntry = Severity | [Severity, object];

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

export function buildPresets(plugin: ESLint.Plugin, definitions: readonly RuleDefinition<object>[]): Record<PresetName, Linter.Config> {
  const presets = {} as Record<PresetName, Linter.Config>;
  for (const preset of PRESET_NAMES) {
    const rules: Linter.RulesRecord = {};
    for (const [id, entry] of Object.entries(presetRules(definitions, preset))) rules[`${PLUGIN_PREFIX}/${id}`] = entry;
    presets[preset] = {
      name: `${PLUGIN_PREFIX}/${preset}`,
      files: TS_FILES,
      plugins: { [PLUGIN_PREFIX]: plugin },
      languageOptions: { parser: parser as Linter.Parser },
      rules,
    };
  }
  return presets;
}

/**
 * ESLint presets generated from rule metadata (see `presetRules`): each enables the plugin's rules
 * and sets up @typescript-eslint/parser for TypeScript files.
 */
import type { ESLint, Linter } from 'eslint';
import parser from '@typescript-eslint/parser';
import type { RuleDefinition } from '../analysis/rule-api.js';
import { PRESET_NAMES, presetRules, type PresetName } from '../rule-config.js';

export type { PresetName };
export const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];
export const PLUGIN_PREFIX = 'igniter-rt';

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

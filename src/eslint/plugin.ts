/** `igniter-rt/eslint-plugin`: `{ meta, rules, configs }` for ESLint 9 and 10 flat config. */
import type { ESLint, Linter, Rule } from 'eslint';
import { allRules } from '../../rules/index.js';
import { packageInfo } from '../package-info.js';
import { toEslintRule } from './create-rule.js';
import { buildPresets, type PresetName } from './presets.js';

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(allRules.map((definition) => [definition.id, toEslintRule(definition)]));

const plugin = {
  meta: { name: packageInfo.name, version: packageInfo.version },
  rules,
  configs: {} as Record<PresetName, Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs = buildPresets(plugin, allRules);

export default plugin;
export { rules };

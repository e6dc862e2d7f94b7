/**
 * `check`'s rule configuration: a preset, then `igniter-rt.config.json` at the project root, then
 * `--rule id=level`. Every problem is a CheckUsageError (exit 2, one line).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allRules, type EngineOptions, type RuleSetting } from '../engine.js';
import { presetRules, type PresetName } from '../rule-config.js';
import { CONFIG_FILE } from '../config-file.js';
export { CONFIG_FILE };

export const LEVELS = ['off', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];
const RULE_IDS = new Set(allRules.map((rule) => rule.id));
/** Top-level keys of the config file; `generate` belongs to `igniter-rt generate` (src/generate/layout.ts). */
const KNOWN_KEYS = ['rules', 'settings', 'ignores', 'generate'];

/** A usage or configuration problem: exit 2 with one line. */
export class CheckUsageError extends Error {}

export interface Config {
  rules: Record<string, RuleSetting>;
  settings: EngineOptions['settings'];
  /** gitignore patterns relative to the project root, like `--ignore`. */
  ignores: string[];
}

/** The engine options: the preset, then the config file, then `--rule` flags. */
export function ruleOptions(config: Config, preset: PresetName, ruleFlags: readonly string[]): EngineOptions {
  const rules: Record<string, RuleSetting> = { ...presetRules(allRules, preset) };
  for (const [id, setting] of Object.entries(config.rules)) rules[id] = setting;
  for (const [id, level] of ruleFlags.map(parseRuleFlag)) rules[id] = withLevel(rules[id], level);
  return { preset, rules, settings: config.settings };
}

/** `--rule <id>=off|warn|error`; the id with or without `igniter-rt/`. */
function parseRuleFlag(value: string): [string, Level] {
  const match = /^([^=]+)=(.*)$/.exec(value);
  if (!match) throw new CheckUsageError(`--rule takes <id>=off|warn|error, not "${value}".`);
  const id = knownRule(match[1].trim(), '--rule');
  const level = match[2].trim();
  if (!(LEVELS as readonly string[]).includes(level)) throw new CheckUsageError(`--rule ${id}: the level is off, warn or error, not "${level}".`);
  return [id, level as Level];
}

function knownRule(raw: string, where: string): string {
  const id = raw.replace(/^igniter-rt\//, '');
  if (!RULE_IDS.has(id)) throw new CheckUsageError(`${where}: unknown rule "${raw}" (rules: ${[...RULE_IDS].join(', ')}).`);
  return id;
}

/** A level on its own keeps the options already set for the rule (as ESLint does). */
function withLevel(current: RuleSetting | undefined, level: Level): RuleSetting {
  if (level !== 'off' && Array.isArray(current) && current[1] !== undefined) return [level, current[1]];
  return level;
}

/** `igniter-rt.config.json` at the root, if any: `{ "rules": {...}, "settings": {...}, "ignores": [...] }`. */
export function readConfig(root: string): Config {
  const path = resolve(root, CONFIG_FILE);
  if (!existsSync(path)) return { rules: {}, settings: undefined, ignores: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CheckUsageError(`${CONFIG_FILE}: malformed JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!isObject(raw)) throw new CheckUsageError(`${CONFIG_FILE}: expected an object with "rules", "settings" and "ignores".`);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key)) throw new CheckUsageError(`${CONFIG_FILE}: unknown key "${key}" (expected ${KNOWN_KEYS.map((known) => `"${known}"`).join(', ')}).`);
  }
  const rules: Record<string, RuleSetting> = {};
  if (raw.rules !== undefined) {
    if (!isObject(raw.rules)) throw new CheckUsageError(`${CONFIG_FILE}: "rules" must be an object.`);
    for (const [key, value] of Object.entries(raw.rules)) {
      const id = knownRule(key, CONFIG_FILE);
      const [level, options] = Array.isArray(value) ? value : [value];
      if (!(LEVELS as readonly unknown[]).includes(level) || (Array.isArray(value) && (value.length > 2 || (options !== undefined && !isObject(options))))) {
        throw new CheckUsageError(`${CONFIG_FILE}: rule "${key}" must be "off", "warn", "error" or ["error", { options }].`);
      }
      rules[id] = Array.isArray(value) ? [level as Level, options as object | undefined] : (level as Level);
    }
  }
  if (raw.settings !== undefined && !isObject(raw.settings)) throw new CheckUsageError(`${CONFIG_FILE}: "settings" must be an object.`);
  const ignores = raw.ignores ?? [];
  if (!Array.isArray(ignores) || !ignores.every((pattern) => typeof pattern === 'string' && pattern.trim() !== '')) {
    throw new CheckUsageError(`${CONFIG_FILE}: "ignores" must be an array of gitignore patterns (non-empty strings).`);
  }
  return { rules, settings: raw.settings as EngineOptions['settings'], ignores };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

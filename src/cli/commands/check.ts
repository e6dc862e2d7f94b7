/**
 * `igniter-rt check [paths...] [options]`: the rules without ESLint, through src/engine.ts. main.ts
 * imports this module only when `check` runs.
 *
 * Rules come from a preset (recommended, or strict with --strict), then `igniter-rt.config.json` at the
 * project root (--cwd or the cwd), then `--rule id=level`. Exit codes: 0 no errors (and warnings within
 * --max-warnings), 1 errors or too many warnings, 2 usage or configuration errors (one line on stderr,
 * `igniter-rt: <message>`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { allRules } from '../../../rules/index.js';
import { listSourceFiles } from '../../analysis/source-files.js';
import { lintText, type EngineOptions, type FileResult, type RuleSetting } from '../../engine.js';
import { presetRules, type PresetName } from '../../rule-config.js';
import { formatGithub } from '../../report/github.js';
import { formatJson } from '../../report/json.js';
import { formatStylish } from '../../report/stylish.js';
import type { Io } from './generate.js';

export const CONFIG_FILE = 'igniter-rt.config.json';
const FORMATS = ['stylish', 'json', 'github'] as const;
type Format = (typeof FORMATS)[number];
const LEVELS = ['off', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];
const RULE_IDS = new Set(allRules.map((rule) => rule.id));

/** A usage or configuration problem: exit 2 with one line. */
export class CheckUsageError extends Error {}

interface CheckFlags {
  format: Format;
  strict?: boolean;
  rule?: string[];
  maxWarnings?: number;
  cwd?: string;
}

export interface CheckIo extends Io {
  /** Whether stdout is a terminal that takes colours. */
  color: boolean;
}

const processIo: CheckIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
};

/** Runs `check` with the arguments after the word `check`; resolves to the exit code. */
export async function runCheckCommand(argv: readonly string[], io: CheckIo = processIo): Promise<number> {
  let exitCode = 0;
  const command = new Command('check')
    .name('igniter-rt check')
    .description('Check TypeScript files for realtime Igniter.js mistakes with the igniter-rt rules, without ESLint.')
    .argument('[paths...]', 'files or folders to check (default: the project root)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('stylish'))
    .option('--strict', 'use the strict preset instead of recommended')
    .option('--rule <id=level>', 'set a rule to off, warn or error (repeatable)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--cwd <dir>', 'project root: where paths, the config file and cross-file facts are resolved (default: the cwd)')
    .helpOption('-h, --help', 'show help')
    .configureHelp({ helpWidth: 100 })
    .showHelpAfterError('(igniter-rt check --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text: string) => io.stdout(text),
      writeErr: (text: string) => io.stderr(text),
      outputError: (text: string, write: (text: string) => void) => write(`igniter-rt: ${text.replace(/^error: /, '')}`),
    })
    .addHelpText('after', `\nRules and settings are also read from ${CONFIG_FILE} at the project root.\nExit codes: 0 no errors, 1 errors or too many warnings, 2 usage or configuration error.\n`)
    .action((paths: string[], flags: CheckFlags) => {
      exitCode = check(paths, flags, io);
    });
  try {
    await command.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CheckUsageError) {
      io.stderr(`igniter-rt: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`igniter-rt: unexpected error (a bug; please report it): ${message}\n${error instanceof Error && error.stack ? `${error.stack}\n` : ''}`);
    return 2;
  }
  return exitCode;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new CheckUsageError(`--max-warnings takes a whole number, not "${value}".`);
  return Number(value);
}

function check(paths: string[], flags: CheckFlags, io: CheckIo): number {
  const root = resolve(flags.cwd ?? process.cwd());
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new CheckUsageError(`--cwd: no such folder: ${root}`);
  const preset: PresetName = flags.strict ? 'strict' : 'recommended';
  const config = readConfig(root);
  const rules: Record<string, RuleSetting> = { ...presetRules(allRules, preset) };
  for (const [id, setting] of Object.entries(config.rules)) rules[id] = setting;
  for (const [id, level] of (flags.rule ?? []).map(parseRuleFlag)) rules[id] = withLevel(rules[id], level);
  const options: EngineOptions = { preset, rules, settings: config.settings };

  const files = new Set<string>();
  for (const path of paths.length > 0 ? paths : ['.']) {
    const absolute = resolve(root, path);
    if (!existsSync(absolute)) throw new CheckUsageError(`no such file or folder: ${path}`);
    if (statSync(absolute).isDirectory()) for (const file of listSourceFiles(absolute)) files.add(file);
    else files.add(absolute);
  }

  const results: FileResult[] = [];
  for (const filePath of files) {
    let text: string;
    try {
      text = readFileSync(filePath, 'utf8');
    } catch (error) {
      throw new CheckUsageError(`cannot read ${filePath}: ${error instanceof Error ? error.message : String(error)}`);
    }
    results.push({ filePath, messages: lintText(text, filePath, options, root) });
  }

  if (flags.format === 'json') io.stdout(formatJson(results));
  else if (flags.format === 'github') io.stdout(formatGithub(results, root));
  else io.stdout(formatStylish(results, { color: io.color }));

  const messages = results.flatMap((result) => result.messages);
  const errors = messages.filter((message) => message.severity === 2).length;
  const warnings = messages.length - errors;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    io.stderr(`igniter-rt: too many warnings (${warnings}; --max-warnings is ${flags.maxWarnings}).\n`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
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

interface Config {
  rules: Record<string, RuleSetting>;
  settings: EngineOptions['settings'];
}

/** `igniter-rt.config.json` at the root, if any: `{ "rules": {...}, "settings": {...} }`. */
export function readConfig(root: string): Config {
  const path = resolve(root, CONFIG_FILE);
  if (!existsSync(path)) return { rules: {}, settings: undefined };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CheckUsageError(`${CONFIG_FILE}: malformed JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!isObject(raw)) throw new CheckUsageError(`${CONFIG_FILE}: expected an object with "rules" and "settings".`);
  for (const key of Object.keys(raw)) {
    if (key !== 'rules' && key !== 'settings') throw new CheckUsageError(`${CONFIG_FILE}: unknown key "${key}" (expected "rules" and "settings").`);
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
  return { rules, settings: raw.settings as EngineOptions['settings'] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs rule definitions without ESLint: parse a file with ts-morph only when some enabled rule's
 * text prefilter matches, then run those rules (or report the syntax error ESLint would report). The
 * programmatic API and `igniter-rt check` use it.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { lazyProjectFacts, projectRootFor } from './analysis/project-context.js';
import { listSourceFiles } from './analysis/source-files.js';
import { allRules } from '../rules/index.js';
import { debug, rethrowRuleErrors } from './analysis/debug.js';
import { FileModel } from './analysis/file-model.js';
import { firstParseError } from './analysis/parse-error.js';
import { parseCompilerSourceFile } from './analysis/parse.js';
import type { ProjectFacts } from './analysis/project-facts.js';
import { igniterCodePattern, type FileTexts } from './analysis/project-index.js';
import { resolveOptions, ruleApplies, type Finding, type RuleDefinition, type Severity, type TextEdit } from './analysis/rule-api.js';
import { resolveSettings, type IgniterSettings } from './analysis/settings.js';
import { presetRules, type PresetName, type RuleEntry } from './rule-config.js';

/** The rule registry, for the commands: `check` and `map` reach the rules through the engine. */
export { allRules };

export type RuleSetting = 'off' | Severity | [Severity | 'off', object?];

export interface EngineOptions {
  /** Base preset (default `recommended`). */
  preset?: PresetName;
  /** Per-rule overrides, by plain id (`require-stream`) or prefixed (`igniter-rt/require-stream`). */
  rules?: Record<string, RuleSetting>;
  settings?: Partial<IgniterSettings>;
}

/** A rule's finding, as ESLint reports it. */
export interface RuleMessage {
  ruleId: string;
  fatal?: undefined;
  severity: 1 | 2;
  message: string;
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: TextEdit[];
  suggestions?: { desc: string; messageId: string; data?: Record<string, string | number>; edits: TextEdit[] }[];
}

/**
 * The file does not parse, so no rule ran on it: ESLint's fatal "Parsing error" message, field for
 * field. `column` is 0-based, as typescript-eslint reports it; there is no end position.
 */
export interface ParseErrorMessage {
  ruleId: null;
  fatal: true;
  severity: 2;
  message: string;
  line: number;
  column: number;
  fix?: undefined;
  suggestions?: undefined;
}

export type Message = RuleMessage | ParseErrorMessage;

export interface FileResult {
  filePath: string;
  messages: Message[];
}

interface EnabledRule {
  definition: RuleDefinition<object>;
  severity: Severity;
  options: object;
}

/** A rule of the registry by id, for the commands that run one rule themselves (`map` runs require-revalidate). */
export function ruleById(id: string): RuleDefinition<object> {
  const rule = allRules.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}

export function enabledRules(options: EngineOptions = {}): EnabledRule[] {
  const entries: Record<string, RuleEntry | RuleSetting> = { ...presetRules(allRules, options.preset ?? 'recommended') };
  for (const [id, setting] of Object.entries(options.rules ?? {})) entries[id.replace(/^igniter-rt\//, '')] = setting;
  const enabled: EnabledRule[] = [];
  for (const definition of allRules) {
    const entry = entries[definition.id];
    if (entry === undefined) continue;
    const [severity, ruleOptions] = Array.isArray(entry) ? entry : [entry, undefined];
    if (severity === 'off') continue;
    enabled.push({ definition, severity, options: resolveOptions(definition, ruleOptions) });
  }
  return enabled;
}

interface ResolvedOptions {
  /** `options` as JSON when they were resolved: a caller may change the object between calls. */
  json: string;
  rules: EnabledRule[];
  settings: IgniterSettings;
  /** Igniter code the cross-file facts come from (a router, say): parsed for its syntax errors even when no rule looks at it. */
  igniterCode: RegExp;
}

const resolvedOptions = new WeakMap<EngineOptions, ResolvedOptions>();

/** Rules and settings of `options`, resolved once per options object (a project run passes the same one per file). */
function resolveEngineOptions(options: EngineOptions): ResolvedOptions {
  const json = JSON.stringify(options);
  let resolved = resolvedOptions.get(options);
  if (resolved?.json !== json) {
    const settings = resolveSettings(options.settings);
    resolved = { json, rules: enabledRules(options), settings, igniterCode: igniterCodePattern(settings.instanceNames) };
    resolvedOptions.set(options, resolved);
  }
  return resolved;
}

/**
 * Lints one file's text. Cross-file facts come from the file's own project (nearest tsconfig.json, as
 * in ESLint), with `cwd` as the fallback root and the base of a relative `tsconfig` setting; `texts`
 * stand in for other files' disk copies in cross-file facts (`check --staged`). A file that does not
 * parse gets ESLint's one fatal "Parsing error" message and no rule runs on it.
 */
export function lintText(text: string, filePath: string, options: EngineOptions = {}, cwd?: string, texts?: FileTexts): Message[] {
  const parsed = parseForRules(text, filePath, options);
  if (!parsed) return [];
  const parseError = firstParseError(parsed.sourceFile);
  if (parseError) return [{ ruleId: null, fatal: true, severity: 2, message: `Parsing error: ${parseError.message}`, line: parseError.line, column: parseError.column }];
  return runRules(parsed, text, cwd, texts);
}

/**
 * The rules on `text` even when it does not parse, on the tree TypeScript's parser recovers. Neither
 * front end does this (ESLint runs no rule on such a file, nor does lintText); the robustness tests do,
 * so that rules stay safe on any tree.
 */
export function lintTextIgnoringParseErrors(text: string, filePath: string, options: EngineOptions = {}, cwd?: string, texts?: FileTexts): RuleMessage[] {
  const parsed = parseForRules(text, filePath, options);
  return parsed ? runRules(parsed, text, cwd, texts) : [];
}

interface ParsedFile {
  filePath: string;
  sourceFile: ReturnType<typeof parseCompilerSourceFile>;
  rules: EnabledRule[];
  settings: IgniterSettings;
}

/**
 * The file parsed, with the rules whose text prefilter it passes; undefined (and no parse) when there are
 * none and it holds no Igniter code. So a syntax error in a file that is neither goes unreported
 * (ESLint parses every file), and a router's is reported: the cross-file facts come from it.
 */
function parseForRules(text: string, filePath: string, options: EngineOptions): ParsedFile | undefined {
  const { rules: enabled, settings, igniterCode } = resolveEngineOptions(options);
  const rules = enabled.filter((rule) => ruleApplies(rule.definition, text, settings.instanceNames));
  if (rules.length === 0 && !igniterCode.test(text)) return undefined;
  const absolute = resolve(filePath);
  return { filePath: absolute, sourceFile: parseCompilerSourceFile(text, absolute), rules, settings };
}

function runRules({ filePath, sourceFile, rules, settings }: ParsedFile, text: string, cwd: string | undefined, texts: FileTexts | undefined): RuleMessage[] {
  if (rules.length === 0) return [];
  const file = new FileModel(sourceFile, filePath, settings);
  const project = lazyProjectFacts(file, projectRootFor(filePath, cwd ?? process.cwd(), settings.tsconfig), texts);
  const messages: RuleMessage[] = [];
  for (const rule of rules) {
    for (const finding of runRule(rule, file, settings, project)) messages.push(toMessage(rule, finding, text));
  }
  // A stable sort: findings at the same position keep the rules' order, as in ESLint (whose Linter sorts by
  // line and column only, and runs the rules of a preset in the order the presets list them).
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}

function runRule(rule: EnabledRule, file: FileModel, settings: IgniterSettings, project: ProjectFacts | undefined): Finding[] {
  try {
    return rule.definition.check({ file, options: rule.options, settings, project });
  } catch (error) {
    if (rethrowRuleErrors()) throw error;
    debug(`${rule.definition.id} failed on ${file.fileName}`, error);
    return [];
  }
}

/** Lints every TypeScript file under `root` (skipping dependencies, build output and dot-folders). */
export function lintProject(root: string, options: EngineOptions = {}): FileResult[] {
  const results: FileResult[] = [];
  for (const filePath of listSourceFiles(root)) {
    let text: string;
    try {
      text = readFileSync(filePath, 'utf8');
    } catch (error) {
      debug(`cannot read ${relative(root, filePath)}`, error);
      continue;
    }
    const messages = lintText(text, filePath, options, root);
    if (messages.length > 0) results.push({ filePath, messages });
  }
  return results;
}

function toMessage(rule: EnabledRule, finding: Finding, text: string): RuleMessage {
  const start = position(text, finding.range[0]);
  const end = position(text, finding.range[1]);
  const messages = rule.definition.messages;
  return {
    ruleId: `igniter-rt/${rule.definition.id}`,
    severity: rule.severity === 'error' ? 2 : 1,
    message: interpolate(messages[finding.messageId] ?? finding.messageId, finding.data),
    messageId: finding.messageId,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(finding.fix ? { fix: finding.fix } : {}),
    ...(finding.suggestions?.length
      ? { suggestions: finding.suggestions.map((s) => ({ desc: interpolate(messages[s.messageId] ?? s.messageId, s.data), messageId: s.messageId, ...(s.data ? { data: s.data } : {}), edits: s.edits })) }
      : {}),
  };
}

/** ESLint's placeholder syntax: `{{ name }}`; unknown placeholders stay as written. */
export function interpolate(template: string, data: Finding['data']): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** 1-based line and column, as ESLint reports them (columns count UTF-16 code units). */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * lint-staged: its config file, and the entry `init` adds to it. lint-staged hides unstaged changes
 * while its tasks run and passes each task the staged files its glob matches, so the entry is a plain
 * `igniter-rt check` on those files (`check --staged` would lint every staged file again). Tasks of
 * one glob run in order, so an existing TypeScript-only glob gets the check after its other tasks (a
 * `prettier --write` or `eslint --fix` there has finished before the check reads the files).
 * JSON configs (package.json's `lint-staged`, `.lintstagedrc`, `.lintstagedrc.json`) are edited in
 * place; JavaScript and YAML configs get the exact lines to add.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { tsMorph } from '../analysis/morph.js';
import { indentUnit } from '../analysis/edits.js';
import type { ManualStep } from './eslint-config.js';
import { applyTextEdits, insertListItem, type TextEdit } from './text-edits.js';

export const LINT_STAGED_TASK = 'igniter-rt check';
export const LINT_STAGED_GLOB = '*.{ts,tsx,mts,cts}';
const TS_EXTENSIONS = new Set(['ts', 'tsx', 'mts', 'cts']);

/** lint-staged's own search order. */
const CONFIG_FILES = [
  'package.json',
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.js',
  '.lintstagedrc.cjs',
  '.lintstagedrc.mts',
  '.lintstagedrc.ts',
  '.lintstagedrc.cts',
  'lint-staged.config.mjs',
  'lint-staged.config.js',
  'lint-staged.config.cjs',
  'lint-staged.config.mts',
  'lint-staged.config.ts',
  'lint-staged.config.cts',
];

export interface LintStagedConfig {
  /** File name in the project root. */
  file: string;
  format: 'package.json' | 'json' | 'yaml' | 'js';
}

/** The lint-staged config in `root`, if there is one (package.json counts when it has a `lint-staged` key). */
export function findLintStagedConfig(root: string): LintStagedConfig | undefined {
  for (const file of CONFIG_FILES) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    if (file === 'package.json') {
      try {
        if ('lint-staged' in (JSON.parse(readFileSync(path, 'utf8')) as object)) return { file, format: 'package.json' };
      } catch {
        // a malformed package.json is reported where it is read for the project
      }
      continue;
    }
    if (/\.(json)$/.test(file)) return { file, format: 'json' };
    if (/\.ya?ml$/.test(file)) return { file, format: 'yaml' };
    if (file === '.lintstagedrc') return { file, format: isJson(readFileSync(path, 'utf8')) ? 'json' : 'yaml' };
    return { file, format: 'js' };
  }
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export type LintStagedEdit = { status: 'added'; text: string } | { status: 'present' } | { status: 'manual'; reason: string; steps: ManualStep[] };

/** Adds the igniter-rt task to a lint-staged config's text. */
export function addLintStagedTask(text: string, config: LintStagedConfig): LintStagedEdit {
  if (config.format === 'yaml') {
    if (text.includes(LINT_STAGED_TASK)) return { status: 'present' };
    return manualFor(config, 'it is YAML, which igniter-rt does not edit', [`'${LINT_STAGED_GLOB}': ${LINT_STAGED_TASK}`]);
  }
  if (config.format === 'js') {
    if (text.includes(LINT_STAGED_TASK)) return { status: 'present' };
    return manualFor(config, 'it is a JavaScript module, which igniter-rt does not edit', [`'${LINT_STAGED_GLOB}': '${LINT_STAGED_TASK}',`]);
  }
  const { ts } = tsMorph();
  const source = ts.parseJsonText(config.file, text);
  const root = source.statements[0]?.expression;
  const jsonEntry = [`"${LINT_STAGED_GLOB}": "${LINT_STAGED_TASK}"`];
  if ((source as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length || !root || !ts.isObjectLiteralExpression(root)) {
    return manualFor(config, 'it is not a valid JSON object', jsonEntry);
  }
  const object = config.format === 'package.json' ? propertyValue(ts, root, 'lint-staged') : root;
  if (!object || !ts.isObjectLiteralExpression(object)) return manualFor(config, 'its lint-staged config is not an object of globs', jsonEntry);
  if (object.getText(source).includes(LINT_STAGED_TASK)) return { status: 'present' };

  const unit = indentUnit(text);
  const tsOnly = object.properties.find((property): property is Ts.PropertyAssignment => ts.isPropertyAssignment(property) && isTypeScriptOnlyGlob(nameText(ts, property.name)));
  let edits: TextEdit[];
  if (tsOnly && ts.isStringLiteral(tsOnly.initializer)) {
    const value = tsOnly.initializer;
    edits = [{ range: [value.getStart(source), value.getEnd()], text: `[${value.getText(source)}, "${LINT_STAGED_TASK}"]` }];
  } else if (tsOnly && ts.isArrayLiteralExpression(tsOnly.initializer)) {
    const array = tsOnly.initializer;
    edits = insertListItem(text, listOf(source, array, array.elements), array.elements.length, `"${LINT_STAGED_TASK}"`, { json: true, indentUnit: unit });
  } else {
    edits = insertListItem(text, listOf(source, object, object.properties), object.properties.length, jsonEntry[0], { json: true, indentUnit: unit });
  }
  return { status: 'added', text: applyTextEdits(text, edits) };
}

function manualFor(config: LintStagedConfig, reason: string, code: string[]): LintStagedEdit {
  const where = config.format === 'package.json' ? 'the "lint-staged" object of package.json' : config.file;
  return { status: 'manual', reason, steps: [{ say: `Add this entry to ${where}:`, code }] };
}

/** `*.ts`, `**\/*.{ts,tsx}`, `src/**\/*.mts`: a glob whose extensions are all TypeScript. */
export function isTypeScriptOnlyGlob(glob: string | undefined): boolean {
  const match = glob ? /\.(?:\{([\w,]+)\}|(\w+))$/.exec(glob) : null;
  if (!match) return false;
  return (match[1] ?? match[2]).split(',').every((extension) => TS_EXTENSIONS.has(extension));
}

function propertyValue(ts: typeof Ts, object: Ts.ObjectLiteralExpression, name: string): Ts.Expression | undefined {
  const property = object.properties.find((entry): entry is Ts.PropertyAssignment => ts.isPropertyAssignment(entry) && nameText(ts, entry.name) === name);
  return property?.initializer;
}

function nameText(ts: typeof Ts, name: Ts.PropertyName): string | undefined {
  return ts.isStringLiteral(name) || ts.isIdentifier(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function listOf(source: Ts.SourceFile, node: Ts.Node, items: readonly Ts.Node[]) {
  return { open: node.getStart(source), close: node.getEnd() - 1, items: items.map((item) => ({ start: item.getStart(source), end: item.getEnd() })) };
}

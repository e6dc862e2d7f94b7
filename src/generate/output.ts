/**
 * One change list, three outputs: `CREATE`/`UPDATE`/`SKIP` lines, a unified diff (`--dry-run`) and
 * JSON for tools (`--json`). Everything here is a pure function of the run's result; the command
 * prints what these return. The `diff` package is loaded only for `--dry-run`.
 */
import { flagOf } from './options.js';
import type { FileChange, GeneratorDefinition, OptionDefault, OptionValue } from './types.js';

/** What one `generate` run did (or, with `--dry-run`, would do). */
export interface GenerateResult {
  generator: string;
  /** The answers the generator ran with (flags, prompts and defaults), including its arguments. */
  options: Record<string, OptionValue>;
  changes: FileChange[];
  dryRun: boolean;
  /** True when files were written (false for `--dry-run` and when every change is a SKIP). */
  written: boolean;
  /** True when the project's Prettier formatted the output. */
  formatted: boolean;
}

const LABEL: Record<FileChange['kind'], string> = { create: 'CREATE', update: 'UPDATE', skip: 'SKIP' };

/** `CREATE src/features/user/...` lines, one per change, in path order. */
export function changeLines(changes: readonly FileChange[]): string {
  return changes.map((change) => `${LABEL[change.kind]} ${change.path}`).join('\n');
}

/** The closing line of a normal run. */
export function summaryLine(result: GenerateResult): string {
  const count = (kind: FileChange['kind']) => result.changes.filter((change) => change.kind === kind).length;
  const created = count('create');
  const updated = count('update');
  if (created + updated === 0) return 'Nothing to change: everything is already in place.';
  const parts = [created ? `${created} created` : '', updated ? `${updated} updated` : ''].filter(Boolean);
  const verb = result.dryRun ? 'Dry run, nothing written' : 'Done';
  return `${verb}: ${parts.join(', ')}${result.formatted ? ' (formatted with the project\'s Prettier)' : ''}.`;
}

/** A unified diff of every created or updated file (`--- /dev/null` for new files); SKIPs have none. */
export async function unifiedDiff(changes: readonly FileChange[]): Promise<string> {
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await import('diff');
  return changes
    .filter((change) => change.kind !== 'skip')
    .map((change) =>
      createTwoFilesPatch(
        change.before === undefined ? '/dev/null' : `a/${change.path}`,
        `b/${change.path}`,
        change.before ?? '',
        change.after,
        undefined,
        undefined,
        { headerOptions: FILE_HEADERS_ONLY },
      ).trimEnd(),
    )
    .join('\n');
}

/** The `--json` document of a run. With `--dry-run`, each created/updated file also carries its diff. */
export async function resultJson(result: GenerateResult): Promise<Record<string, unknown>> {
  const diffs = result.dryRun ? await Promise.all(result.changes.map((change) => unifiedDiff([change]))) : [];
  return {
    generator: result.generator,
    options: result.options,
    dryRun: result.dryRun,
    written: result.written,
    formatted: result.formatted,
    changes: result.changes.map((change, index) => ({
      path: change.path,
      kind: change.kind,
      ...(result.dryRun && change.kind !== 'skip' ? { diff: diffs[index] } : {}),
    })),
  };
}

/** The `--json` document of a failed run: the same shape, nothing written, and the error. */
export function errorJson(generator: string | undefined, message: string, exitCode: number): Record<string, unknown> {
  return { generator: generator ?? null, written: false, changes: [], error: { message, exitCode } };
}

export { flagOf };

/** `generate --list --json`: every generator with its arguments and options (types, choices, defaults). */
export function listJson(generators: readonly GeneratorDefinition[]): Record<string, unknown> {
  return {
    generators: generators.map((generator) => ({
      name: generator.name,
      description: generator.description,
      example: generator.example,
      usage: usageOf(generator),
      arguments: generator.arguments.map((argument) => ({
        name: argument.name,
        description: argument.description,
        required: true,
        ...(argument.choices ? { choices: [...argument.choices] } : {}),
        ...(argument.suggest ? { suggest: argument.suggest } : {}),
      })),
      options: generator.options.map((option) => ({
        name: option.name,
        flag: flagOf(option.name),
        description: option.description,
        type: option.type,
        ...(option.choices ? { choices: [...option.choices] } : {}),
        ...(option.default !== undefined ? { default: option.default } : { required: true }),
        ...(option.format ? { format: option.format } : {}),
        ...(option.suggest ? { suggest: option.suggest } : {}),
        prompted: option.prompt !== undefined,
      })),
    })),
    commonOptions: COMMON_OPTIONS.map(([flag, description]) => ({ flag, description })),
  };
}

/** Flags every generator takes (the command defines them; `--list` shows them). */
export const COMMON_OPTIONS: readonly (readonly [string, string])[] = [
  ['--dry-run', 'print a unified diff of what would change; write nothing'],
  ['--json', 'print the change list as JSON (never prompts)'],
  ['--force', 'overwrite existing files and replace conflicting router keys'],
  ['-y, --yes', 'accept every default instead of asking'],
  ['--templates <dir>', 'read template overrides from this folder (inside the project)'],
  ['--cwd <dir>', 'the project root (default: the current folder)'],
];

/** `controller <name>` / `procedure <kind> <name>`. */
export function usageOf(generator: GeneratorDefinition): string {
  return [generator.name, ...generator.arguments.map((argument) => `<${argument.choices ? argument.choices.join('|') : argument.name}>`)].join(' ');
}

/** `generate --list` as text. */
export function listText(generators: readonly GeneratorDefinition[]): string {
  if (generators.length === 0) return 'No generators are registered.';
  const blocks = generators.map((generator) => {
    const rows: [string, string][] = generator.options.map((option) => [optionSignature(option), optionDetails(option)]);
    const width = Math.max(0, ...rows.map(([left]) => left.length));
    return [
      `${usageOf(generator)}`,
      `    ${generator.description}`,
      ...generator.arguments.map((argument) => `    <${argument.name}>  ${argument.description}`),
      ...rows.map(([left, right]) => `    ${left.padEnd(width)}  ${right}`),
      `    e.g. ${generator.example}`,
    ].join('\n');
  });
  const common = COMMON_OPTIONS.map(([flag, description]) => `    ${flag.padEnd(18)}  ${description}`).join('\n');
  return `Generators (igniter-rt generate <generator> [args] [options]):\n\n${blocks.join('\n\n')}\n\nEvery generator also takes:\n${common}`;
}

function optionSignature(option: GeneratorDefinition['options'][number]): string {
  const flag = flagOf(option.name);
  if (option.type === 'boolean') return `${flag} / --no-${flag.slice(2)}`;
  const value = option.type === 'list' ? 'a,b,...' : option.choices ? option.choices.join('|') : 'value';
  return `${flag} <${value}>`;
}

function optionDetails(option: GeneratorDefinition['options'][number]): string {
  const choices = option.type === 'list' && option.choices ? ` (any of: ${option.choices.join(', ')})` : '';
  const fallback = option.default === undefined ? ' (required)' : ` (default: ${formatValue(option.default)})`;
  return `${option.description}${choices}${fallback}`;
}

export function formatValue(value: OptionDefault): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(',');
  return String(value);
}

/**
 * A generator's option table is the one source of its options: the CLI's flags and their checks, the
 * prompts, `--help`, `generate --list` and the README's generator table are built from it, and the
 * generator reads its answers through `readOptions`, which takes every default from the table. No
 * default is written anywhere else.
 */
import { checkRouterKey, printable } from './names.js';
import { GenerateError, type GeneratorDefinition, type GeneratorOption, type OptionDefault, type OptionValue } from './types.js';

export type OptionTable = readonly GeneratorOption[];
type NameOf<T extends OptionTable> = T[number]['name'];
type Named<T extends OptionTable, N extends string> = Extract<T[number], { readonly name: N }>;
/** The union of an option's choices (`'user' | 'room' | ...`), else string. */
type ChoiceOf<T extends OptionTable, N extends string> = Named<T, N> extends { readonly choices: readonly (infer C extends string)[] } ? C : string;

/** `scope` → `--scope`, `dryRun` → `--dry-run`. */
export function flagOf(name: string): string {
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;

/**
 * The value's format check (`format` in the table), the same for a flag, a prompt's answer and a
 * generator's read: a usage error (exit 2) naming the flag, or nothing.
 */
export function checkFormat(option: Pick<GeneratorOption, 'name' | 'format'>, text: string): void {
  const flag = flagOf(option.name);
  switch (option.format) {
    case undefined:
      return;
    case 'identifier':
      if (!IDENTIFIER.test(text)) throw new GenerateError(`${flag} ${printable(text)} is not an identifier; give an exported name such as authProcedure (letters, digits, _ and $).`, 2);
      return;
    case 'router-key':
      checkRouterKey(text, `${flag} key`);
      return;
    case 'positive-integer': {
      const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isSafeInteger(number) || number < 1) throw new GenerateError(`${flag} must be a positive whole number, got "${text}".`, 2);
      return;
    }
    case 'cookie-name':
      if (!COOKIE_NAME.test(text)) throw new GenerateError(`${flag} "${text}" is not a valid cookie name (letters, digits and !#$%&'*+.^_\`|~-).`, 2);
      return;
  }
}

export interface OptionReader<T extends OptionTable> {
  /** A string option, trimmed; its default when not given or empty; `what` names a required one in the error. */
  string(name: NameOf<T>, what?: string): string;
  /** A string option with choices: one of them, else a usage error. */
  choice<N extends NameOf<T>>(name: N): ChoiceOf<T, N>;
  /** A list option (`a,b` or a list): deduplicated, in the choices' order, never empty. */
  list<N extends NameOf<T>>(name: N): ChoiceOf<T, N>[];
  boolean(name: NameOf<T>): boolean;
  /** A `positive-integer` option as a number. */
  integer(name: NameOf<T>): number;
  /** The table's default of an option. */
  defaultOf(name: NameOf<T>): OptionDefault | undefined;
}

/** Reads a generator's answers with the defaults and checks of its option table. */
export function readOptions<const T extends OptionTable>(table: T, values: Readonly<Record<string, OptionValue | undefined>>): OptionReader<T> {
  const optionOf = (name: string): GeneratorOption => {
    const option = table.find((entry) => entry.name === name);
    if (!option) throw new Error(`igniter-rt: no option "${name}" in the table`);
    return option;
  };
  const string = (name: string, what?: string): string => {
    const option = optionOf(name);
    const value = values[name];
    if (value === undefined || value === '') {
      if (typeof option.default === 'string') return option.default;
      throw new GenerateError(`Missing the ${what ?? name} (${flagOf(name)}).`, 2);
    }
    if (typeof value !== 'string') throw new GenerateError(`${flagOf(name)} takes a value.`, 2);
    const text = value.trim();
    checkFormat(option, text);
    return text;
  };
  return {
    string,
    choice(name) {
      const value = string(name);
      const choices = optionOf(name).choices ?? [];
      if (!choices.includes(value)) throw new GenerateError(`${flagOf(name)} must be one of ${choices.join(', ')} (got "${value}").`, 2);
      return value as never;
    },
    list(name) {
      const option = optionOf(name);
      const choices = option.choices ?? [];
      const value = values[name] ?? option.default;
      const items = value === undefined ? [] : (Array.isArray(value) ? value : String(value).split(',')).map((item) => item.trim()).filter(Boolean);
      const unknown = items.filter((item) => !choices.includes(item));
      if (unknown.length > 0) throw new GenerateError(`${flagOf(name)}: unknown ${unknown.map((item) => `"${item}"`).join(', ')}; choose from ${choices.join(', ')}.`, 2);
      if (items.length === 0) throw new GenerateError(`${flagOf(name)} is empty; choose from ${choices.join(', ')}.`, 2);
      return choices.filter((choice) => items.includes(choice)) as never;
    },
    boolean(name) {
      const value = values[name] ?? optionOf(name).default;
      return value === true || value === 'true';
    },
    integer(name) {
      return Number(string(name));
    },
    defaultOf(name) {
      return optionOf(name).default;
    },
  };
}

/**
 * The command as typed, for a generated file's header: the positional arguments, then every option whose
 * value differs from its default, in the table's order (never `--force`). The same options give the
 * same line, so a re-run writes the same file.
 */
export function commandLine(generator: Pick<GeneratorDefinition, 'name' | 'options'>, positional: readonly string[], values: Readonly<Record<string, OptionValue | undefined>>): string {
  const parts = ['igniter-rt generate', generator.name, ...positional.filter((part) => part !== '')];
  for (const option of generator.options) {
    const value = values[option.name];
    if (option.name === 'force' || option.default === undefined || value === undefined) continue;
    if (JSON.stringify(normalizeValue(value)) === JSON.stringify(normalizeValue(option.default))) continue;
    parts.push(`${flagOf(option.name)} ${Array.isArray(value) ? normalizeValue(value) : String(value)}`);
  }
  return parts.join(' ');
}

function normalizeValue(value: OptionDefault): OptionDefault {
  return Array.isArray(value) ? value.join(',') : typeof value === 'string' && value.includes(',') ? value.split(',').map((part) => part.trim()).join(',') : value;
}

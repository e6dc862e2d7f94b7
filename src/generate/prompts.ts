/**
 * Answers for a generator: flags first, then (only on a terminal) prompts, then defaults. The rules:
 *
 * - A flag or argument on the command line is validated and used; nothing is asked about it.
 * - `--yes` takes the default of every option that has one.
 * - On a terminal (stdin and stdout TTYs, `CI` unset, no `--json`), every other option with a prompt is
 *   asked with @clack/prompts, its default preselected; required answers are asked even with `--yes`.
 * - Anywhere else nothing is asked: options take their defaults, and a missing required answer is a
 *   usage error (exit 2) that names the flag or argument to pass. @clack/prompts is never loaded then
 *   (it hangs or exits 13 on a closed stdin).
 * - A cancelled prompt (Ctrl-C, Escape) throws `PromptCancelled`: the command exits 130, nothing written.
 */
import { printable, toNames } from './names.js';
import { checkFormat } from './options.js';
import { flagOf, formatValue } from './output.js';
import { GenerateError, type GeneratorArgument, type GeneratorDefinition, type GeneratorOption, type OptionDefault, type OptionValue, type ProjectValues } from './types.js';

type Clack = typeof import('@clack/prompts');

/** The user cancelled a prompt. Nothing has been written. */
export class PromptCancelled extends Error {
  constructor() {
    super('Cancelled: nothing was written.');
    this.name = 'PromptCancelled';
  }
}

export interface Interactivity {
  interactive: boolean;
  /** Why prompts are off, for the "missing answer" message. */
  reason?: string;
}

/** Prompts only when stdin and stdout are terminals and `CI` is unset (or "0"/"false"), and not for `--json`. */
export function detectInteractivity(options: { json?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Interactivity {
  if (options.json) return { interactive: false, reason: '--json never asks' };
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return { interactive: false, reason: 'CI is set, so nothing is asked' };
  if (!process.stdin.isTTY) return { interactive: false, reason: 'stdin is not a terminal, so nothing is asked' };
  if (!process.stdout.isTTY) return { interactive: false, reason: 'stdout is not a terminal, so nothing is asked' };
  return { interactive: true };
}

export interface AnswerInput {
  /** Positional arguments as given (missing ones undefined). */
  args: readonly (string | undefined)[];
  /** Flag values by option name (undefined = not given). Lists may be strings ("a,b") or arrays. */
  flags: Readonly<Record<string, OptionValue | undefined>>;
  yes: boolean;
  interactivity: Interactivity;
  /** The project's values for `suggest` (the router's controller keys), asked for only when needed. */
  project?: ProjectValues;
  /** The run's header is already on screen (the generator was picked at a prompt): print no second one. */
  headerShown?: boolean;
}

/**
 * Every argument (by its name) and option of `generator`, validated. Throws GenerateError (exit 2) for
 * an invalid or missing answer, PromptCancelled when the user cancels.
 */
export async function resolveAnswers(generator: GeneratorDefinition, input: AnswerInput): Promise<Record<string, OptionValue>> {
  const answers: Record<string, OptionValue> = {};
  const missing: string[] = [];
  const asker = input.interactivity.interactive ? new Asker(generator.name, input.headerShown === true, input.project) : undefined;

  // Everything given on the command line is checked before anything is asked.
  for (const [index, argument] of generator.arguments.entries()) {
    const given = input.args[index];
    // Given but empty (`generate controller ""`) is a bad name, not a missing one.
    if (given !== undefined) answers[argument.name] = checkSuggested(argument, checkArgument(argument, given), input.project);
  }
  for (const option of generator.options) {
    const given = input.flags[option.name];
    if (given !== undefined) answers[option.name] = checkSuggested(option, checkOption(option, given), input.project);
  }

  for (const [index, argument] of generator.arguments.entries()) {
    if (answers[argument.name] !== undefined) continue;
    if (asker) answers[argument.name] = await asker.argument(argument);
    else missing.push(`<${argument.name}> (igniter-rt generate ${generator.name} ${positionalUsage(generator, index)})`);
  }

  for (const option of generator.options) {
    if (answers[option.name] !== undefined) continue;
    const hasDefault = option.default !== undefined;
    if (hasDefault && (input.yes || !asker || option.prompt === undefined)) {
      answers[option.name] = cloneValue(option.default as OptionDefault);
    } else if (asker && option.prompt !== undefined) {
      answers[option.name] = await asker.option(option);
    } else if (!hasDefault) {
      missing.push(`${flagOf(option.name)} (${describeExpected(option)})`);
    }
  }

  if (missing.length > 0) {
    const why = input.interactivity.reason ? ` (${input.interactivity.reason})` : '';
    throw new GenerateError(`Missing ${missing.length === 1 ? 'an answer' : 'answers'}${why}: pass ${missing.join(', ')}. Nothing was written.`, 2);
  }
  asker?.done();
  return answers;
}

/** On a terminal, with no generator named: pick one. */
export async function askGenerator(generators: readonly GeneratorDefinition[]): Promise<GeneratorDefinition> {
  const clack = await loadClack();
  // The run's one header; resolveAnswers is then told `headerShown`.
  clack.intro('igniter-rt generate');
  const picked = await clack.select({
    message: 'What do you want to generate?',
    options: generators.map((generator) => ({ value: generator.name, label: generator.name, hint: generator.description })),
  });
  const name = unwrap(clack, picked);
  return generators.find((generator) => generator.name === name) as GeneratorDefinition;
}

/**
 * A value of an argument or option that names something of the project (`suggest`): refused when the
 * project lists its values and it is none of them. An argument may also give a key in another case
 * (`user-profile` for `userProfile`), as the hook generator accepts.
 */
function checkSuggested<T extends OptionValue>(item: GeneratorArgument | GeneratorOption, value: T, project: ProjectValues | undefined): T {
  if (!item.suggest || !project || typeof value !== 'string') return value;
  const list = project(item.suggest);
  if (!list || list.values.includes(value)) return value;
  if ('prompt' in item && !('type' in item)) {
    let camel: string | undefined;
    try {
      camel = toNames(value, item.name).camel;
    } catch {
      camel = undefined;
    }
    if (camel !== undefined && list.values.includes(camel)) return value;
  }
  throw new GenerateError(list.refusal(value), 2);
}

function positionalUsage(generator: GeneratorDefinition, upTo: number): string {
  return generator.arguments
    .slice(0, upTo + 1)
    .map((argument) => `<${argument.choices ? argument.choices.join('|') : argument.name}>`)
    .join(' ');
}

function describeExpected(option: GeneratorOption): string {
  if (option.choices) return option.type === 'list' ? `any of ${option.choices.join(', ')}` : `one of ${option.choices.join(', ')}`;
  return option.description;
}

function checkArgument(argument: GeneratorArgument, value: string): string {
  if (argument.choices) {
    if (!argument.choices.includes(value)) {
      throw new GenerateError(`<${argument.name}> must be one of ${argument.choices.join(', ')}; got ${printable(value)}.`, 2);
    }
    return value;
  }
  toNames(value, argument.name);
  return value.trim();
}

/** Validates a flag value against the option's type and choices; lists accept "a,b" and repeats. */
export function checkOption(option: GeneratorOption, value: OptionValue): OptionValue {
  const flag = flagOf(option.name);
  switch (option.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new GenerateError(`${flag} is a switch: use ${flag} or --no-${flag.slice(2)}.`, 2);
    case 'list': {
      const items = [...new Set((Array.isArray(value) ? value : [String(value)]).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean))];
      const unknown = option.choices ? items.filter((item) => !option.choices?.includes(item)) : [];
      if (unknown.length > 0) throw new GenerateError(`${flag} takes any of ${option.choices?.join(', ')}; "${unknown.join('", "')}" ${unknown.length === 1 ? 'is' : 'are'} not among them.`, 2);
      return items;
    }
    case 'string': {
      if (typeof value !== 'string') throw new GenerateError(`${flag} needs a value.`, 2);
      const text = value.trim();
      if (text === '') throw new GenerateError(`${flag} needs a non-empty value.`, 2);
      if (option.choices && !option.choices.includes(text)) throw new GenerateError(`${flag} must be one of ${option.choices.join(', ')}; got ${printable(text)}.`, 2);
      checkFormat(option, text);
      return text;
    }
  }
}

function cloneValue(value: OptionDefault): OptionValue {
  return typeof value === 'string' || typeof value === 'boolean' ? value : [...value];
}

async function loadClack(): Promise<Clack> {
  return import('@clack/prompts');
}

function unwrap<T>(clack: Clack, value: T): Exclude<T, symbol> {
  if (clack.isCancel(value)) {
    clack.cancel('Cancelled: nothing was written.');
    throw new PromptCancelled();
  }
  return value as Exclude<T, symbol>;
}

/** Prompts one answer at a time; loads @clack/prompts on the first question. */
class Asker {
  private clack: Clack | undefined;

  constructor(
    private readonly generatorName: string,
    private readonly headerShown: boolean,
    private readonly project: ProjectValues | undefined,
  ) {}

  private async load(): Promise<Clack> {
    if (!this.clack) {
      this.clack = await loadClack();
      if (!this.headerShown) this.clack.intro(`igniter-rt generate ${this.generatorName}`);
    }
    return this.clack;
  }

  /** The project's values to pick from for `suggest`, when it has any. */
  private suggestions(item: GeneratorArgument | GeneratorOption): readonly string[] | undefined {
    const values = item.suggest ? this.project?.(item.suggest)?.values : undefined;
    return values && values.length > 0 ? values : undefined;
  }

  async argument(argument: GeneratorArgument): Promise<string> {
    const clack = await this.load();
    const choices = argument.choices ?? this.suggestions(argument);
    if (choices) {
      const value = await clack.select({
        message: argument.prompt,
        options: choices.map((choice) => ({ value: choice, label: choice })),
      });
      return unwrap(clack, value);
    }
    const value = await clack.text({
      message: argument.prompt,
      placeholder: `e.g. ${argument.example ?? 'user-profile'}`,
      validate: (text) => {
        try {
          toNames(text ?? '', argument.name);
          return undefined;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      },
    });
    return unwrap(clack, value).trim();
  }

  async option(option: GeneratorOption): Promise<OptionValue> {
    const clack = await this.load();
    const message = option.prompt ?? option.description;
    const fallback = option.default;
    if (option.type === 'boolean') {
      return unwrap(clack, await clack.confirm({ message, initialValue: fallback === true }));
    }
    if (option.type === 'list' && option.choices) {
      const initial = Array.isArray(fallback) ? fallback : [];
      const value = await clack.multiselect<string>({
        message,
        options: option.choices.map((choice) => ({ value: choice, label: choice })),
        initialValues: initial,
        required: !(Array.isArray(fallback) && fallback.length === 0),
      });
      return unwrap(clack, value);
    }
    const choices = option.choices ?? this.suggestions(option);
    if (choices) {
      const value = await clack.select<string>({
        message,
        options: choices.map((choice) => ({ value: choice, label: choice })),
        ...(typeof fallback === 'string' ? { initialValue: fallback } : {}),
      });
      return unwrap(clack, value);
    }
    const initial = fallback === undefined ? undefined : formatValue(fallback);
    const value = await clack.text({
      message,
      ...(initial !== undefined ? { initialValue: initial, defaultValue: initial } : {}),
      validate: (text) => {
        if (!(text ?? '').trim()) return fallback === undefined ? `An answer is required (${flagOf(option.name)}).` : undefined;
        try {
          checkOption(option, text ?? '');
          return undefined;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      },
    });
    const answer = unwrap(clack, value);
    return answer.trim() === '' && fallback !== undefined ? cloneValue(fallback) : checkOption(option, answer);
  }

  done(): void {
    this.clack?.outro('Generating...');
  }
}

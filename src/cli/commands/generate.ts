/**
 * `igniter-rt generate <generator> [args...] [options]`. main.ts imports this module only when the
 * `generate` command runs, so ts-morph, Handlebars and @clack/prompts never load for `igniter-rt --help`.
 *
 * Each generator becomes a subcommand whose flags are built from its option metadata (the same metadata
 * drives the prompts and `generate --list`). Errors print as one line, `igniter-rt: <message>`; exit
 * codes: 0 done, 1 failed operation (conflict, write failure), 2 usage (bad name, missing answer,
 * unknown flag), 130 prompt cancelled. With `--json`, stdout holds one JSON document in every case.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { GENERATORS } from '../../generate/generators/index.js';
import { visible } from '../../generate/names.js';
import { COMMON_OPTIONS, changeLines, errorJson, flagOf, formatValue, listJson, listText, resultJson, summaryLine, unifiedDiff } from '../../generate/output.js';
import { PromptCancelled, askGenerator, detectInteractivity, resolveAnswers } from '../../generate/prompts.js';
import { runGenerator } from '../../generate/run.js';
import { commanderOutput, processIo, reportUnexpectedError, type Io } from '../io.js';
import { resolve } from 'node:path';
import { controllerKeys, unknownControllerMessage } from '../../generate/ast-edits.js';
import { resolveLayout } from '../../generate/layout.js';
import { VirtualTree } from '../../generate/tree.js';
import { GenerateError, type GeneratorDefinition, type GeneratorOption, type OptionValue, type ProjectValueList, type ProjectValues } from '../../generate/types.js';

/** Flags every generator takes; a generator option with one of these names is covered by them. */
const COMMON_NAMES = new Set(['dryRun', 'json', 'force', 'yes', 'templates', 'cwd', 'list', 'help']);

interface CommonFlags {
  dryRun?: boolean;
  json?: boolean;
  force?: boolean;
  yes?: boolean;
  templates?: string;
  cwd?: string;
}


/** Runs `generate` with the arguments after the word `generate`; resolves to the exit code. */
export async function runGenerateCommand(argv: readonly string[], io: Io = processIo, generators: readonly GeneratorDefinition[] = GENERATORS): Promise<number> {
  const json = argv.includes('--json');
  let current: string | undefined = generators.find((generator) => generator.name === argv[0])?.name;
  let exitCode = 0;

  const execute = async (generator: GeneratorDefinition, positional: (string | undefined)[], flags: Record<string, unknown>, headerShown = false): Promise<void> => {
    current = generator.name;
    const common = flags as CommonFlags;
    const interactivity = detectInteractivity({ json: common.json });
    const answers = await resolveAnswers(generator, {
      args: positional,
      flags: Object.fromEntries(generator.options.filter((option) => !COMMON_NAMES.has(option.name)).map((option) => [option.name, flags[option.name] as OptionValue | undefined])),
      yes: common.yes === true,
      interactivity,
      project: projectValues(common.cwd ?? process.cwd()),
      headerShown,
    });
    const result = await runGenerator({
      root: common.cwd ?? process.cwd(),
      generator,
      options: answers,
      force: common.force === true,
      dryRun: common.dryRun === true,
      templates: common.templates,
    });
    if (common.json) {
      io.stdout(`${JSON.stringify(await resultJson(result), null, 2)}\n`);
      return;
    }
    const lines = changeLines(result.changes);
    if (lines) io.stdout(`${lines}\n`);
    if (result.dryRun) {
      const diff = await unifiedDiff(result.changes);
      if (diff) io.stdout(`\n${diff}\n\n`);
    }
    io.stdout(`${summaryLine(result)}\n`);
  };

  const root = new Command('igniter-rt').enablePositionalOptions().exitOverride().configureOutput(commanderOutput(io));
  const command = root
    .command('generate')
    .description('Scaffold realtime Igniter.js code and wire it into the app.')
    .usage('<generator> [args...] [options]')
    .argument('[generator]', 'the generator to run (see --list)')
    .option('--list', 'list the generators with their arguments and options')
    .option('--json', 'with --list: print the list as JSON; with a generator: print the change list as JSON (never prompts)')
    .helpOption('-h, --help', 'show help')
    .enablePositionalOptions()
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .addHelpText('after', `\nRun "igniter-rt generate --list" for every generator's options, or "igniter-rt generate <generator> --help".\n`)
    .action(async (name: string | undefined, flags: CommonFlags & { list?: boolean }) => {
      if (flags.list) {
        io.stdout(flags.json ? `${JSON.stringify(listJson(generators), null, 2)}\n` : `${listText(generators)}\n`);
        return;
      }
      if (generators.length === 0) throw new GenerateError('No generators are registered in this build of igniter-rt.', 1);
      if (name !== undefined) {
        throw new GenerateError(`Unknown generator "${name}". Available: ${generators.map((generator) => generator.name).join(', ')} (igniter-rt generate --list).`, 2);
      }
      const interactivity = detectInteractivity({ json: flags.json });
      if (!interactivity.interactive) {
        throw new GenerateError(`Missing the generator (${interactivity.reason}): igniter-rt generate <${generators.map((generator) => generator.name).join('|')}> ...`, 2);
      }
      await execute(await askGenerator(generators), [], flags as Record<string, unknown>, true);
    });

  // The generators' common options, also before the generator's name (`generate --cwd app controller note`)
  // and with none (`generate --cwd app` asks which generator on a terminal, then runs it with them).
  for (const [flags, description] of COMMON_OPTIONS) if (flags !== '--json') command.addOption(new Option(flags, description));

  for (const generator of generators) {
    const sub = command.command(generator.name).description(generator.description).helpOption('-h, --help', 'show help').exitOverride().configureOutput(commanderOutput(io));
    sub.showHelpAfterError(`(add --help for usage, or see igniter-rt generate --list)`);
    for (const argument of generator.arguments) {
      const entry = new Argument(`[${argument.name}]`, argument.description);
      if (argument.choices) entry.choices(argument.choices);
      sub.addArgument(entry);
    }
    for (const option of generator.options) {
      if (COMMON_NAMES.has(option.name)) continue;
      for (const flag of optionFlags(option)) sub.addOption(flag);
    }
    for (const [flags, description] of COMMON_OPTIONS) sub.addOption(new Option(flags, description));
    sub.addHelpText('after', `\nExample:\n  ${generator.example}\n`);
    sub.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      // Options given before the generator's name count too; after it, they win.
      await execute(generator, (self.processedArgs as (string | undefined)[]).slice(0, generator.arguments.length), { ...command.opts(), ...self.opts() });
    });
  }

  try {
    const first = argv[0];
    if (first !== undefined && !first.startsWith('-') && generators.length > 0 && !generators.some((generator) => generator.name === first)) {
      throw new GenerateError(`Unknown generator "${first}". Available: ${generators.map((generator) => generator.name).join(', ')} (igniter-rt generate --list).`, 2);
    }
    await root.parseAsync(['generate', ...argv], { from: 'user' });
  } catch (error) {
    exitCode = handleError(error, io, json, current);
  }
  return exitCode;
}

/**
 * The project's values prompts offer and flags are checked against (`suggest`): the router's controller
 * keys, read once, when first needed. Undefined when the project cannot be read (no router, a router
 * igniter-rt cannot edit): the generator then says what is wrong.
 */
function projectValues(cwd: string): ProjectValues {
  let controllers: ProjectValueList | undefined | null = null;
  return () => {
    if (controllers !== null) return controllers;
    controllers = undefined;
    try {
      const layout = resolveLayout(resolve(cwd));
      const keys = controllerKeys(new VirtualTree(layout.root), layout);
      controllers = { values: keys, refusal: (value) => unknownControllerMessage(layout, value, keys) };
    } catch {
      // The generator reports the project's problem in its own words.
    }
    return controllers;
  };
}

/** `--scope <scope>` (with commander's choice check), `--actions <actions>` (repeatable, comma lists), `--x` / `--no-x`. */
function optionFlags(option: GeneratorOption): Option[] {
  const flag = flagOf(option.name);
  const details = option.default === undefined ? ' (required)' : ` (default: ${formatValue(option.default)})`;
  if (option.type === 'boolean') {
    const positive = new Option(flag, `${option.description}${details}`);
    const negative = new Option(`--no-${flag.slice(2)}`, `the opposite of ${flag}`);
    if (option.default !== true) negative.hideHelp();
    return [positive, negative];
  }
  const placeholder = flag.slice(2);
  if (option.type === 'list') {
    const choices = option.choices ? ` (any of: ${option.choices.join(', ')})` : '';
    return [
      new Option(`${flag} <${placeholder}>`, `${option.description}${choices}; comma-separated or repeated${details}`).argParser((value: string, previous: string[] | undefined) => [
        ...(previous ?? []),
        ...value.split(','),
      ]),
    ];
  }
  const entry = new Option(`${flag} <${placeholder}>`, `${option.description}${details}`);
  if (option.choices) entry.choices(option.choices);
  return [entry];
}

function handleError(error: unknown, io: Io, json: boolean, generator: string | undefined): number {
  if (error instanceof CommanderError) {
    // Help and --version are "errors" with code 0; anything else commander rejects is a usage error.
    if (error.exitCode === 0) return 0;
    if (json) io.stdout(`${JSON.stringify(errorJson(generator, error.message.replace(/^error: /, ''), 2), null, 2)}\n`);
    return 2;
  }
  if (error instanceof PromptCancelled) {
    if (json) io.stdout(`${JSON.stringify(errorJson(generator, error.message, 130), null, 2)}\n`);
    return 130;
  }
  if (error instanceof GenerateError) {
    // One line whatever the message quotes (a name with a line break or an escape sequence).
    io.stderr(`igniter-rt: ${visible(error.message)}\n`);
    if (json) io.stdout(`${JSON.stringify(errorJson(generator, error.message, error.exitCode), null, 2)}\n`);
    return error.exitCode;
  }
  const message = reportUnexpectedError(io, error);
  if (json) io.stdout(`${JSON.stringify(errorJson(generator, message, 1), null, 2)}\n`);
  return 1;
}

/**
 * The `igniter-rt` program: top-level options and the command stubs. Each command's real definition is
 * imported when it runs (`generate` → ./commands/generate.ts, `check` → ./commands/check.ts, `init` → ./commands/init.ts, `map` → ./commands/map.ts), so building this costs only commander.
 * `Command` is passed in so main.ts can load commander through `require` (see main.ts).
 */
import type { Command as CommandClass } from 'commander';

export type CommandConstructor = typeof CommandClass;

export const DESCRIPTION = 'Realtime checklist for Igniter.js: lint rules for streams, revalidation, scopes and cleanup, and generators that write them right.';

export function buildProgram(Command: CommandConstructor, version: string): CommandClass {
  const program = new Command();
  program
    .name('igniter-rt')
    .description(DESCRIPTION)
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    // A fixed width, so the help is the same on every terminal (and equal to help-text.ts).
    .configureHelp({ helpWidth: 100 })
    .showHelpAfterError('(igniter-rt --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`igniter-rt: ${text.replace(/^error: /, '')}`) })
    .addHelpText(
      'after',
      `
The ESLint plugin is 'igniter-rt/eslint-plugin'; add its recommended preset to eslint.config.js:

  import igniterRt from 'igniter-rt/eslint-plugin';
  export default [igniterRt.configs.recommended];
`,
    );

  // `generate` is a stub here: its real definition (a subcommand per generator, flags from their
  // metadata) lives in ./commands/generate.ts. Everything after the word goes through to it.
  program.enablePositionalOptions();
  program
    .command('generate')
    .description('scaffold a controller, mutation, stream, hook or procedure')
    .arguments('[generator] [args...]')
    .helpOption(false)
    .allowUnknownOption()
    .passThroughOptions()
    .action(async (...params: unknown[]) => {
      const { runGenerateCommand } = await import('./commands/generate.js');
      process.exitCode = await runGenerateCommand((params[params.length - 1] as CommandClass).args);
    });
  // `check` is a stub in the same way: ./commands/check.ts holds its options and the engine.
  program
    .command('check')
    .description('run the lint rules without ESLint')
    .arguments('[paths...]')
    .helpOption(false)
    .allowUnknownOption()
    .passThroughOptions()
    .action(async (...params: unknown[]) => {
      const { runCheckCommand } = await import('./commands/check.js');
      process.exitCode = await runCheckCommand((params[params.length - 1] as CommandClass).args);
    });
  // `init` likewise: ./commands/init.ts holds its options.
  program
    .command('init')
    .description('add the ESLint preset and a pre-commit hook to a project')
    .helpOption(false)
    .allowExcessArguments()
    .allowUnknownOption()
    .passThroughOptions()
    .action(async (...params: unknown[]) => {
      const { runInitCommand } = await import('./commands/init.js');
      process.exitCode = await runInitCommand((params[params.length - 1] as CommandClass).args);
    });
  // `map` likewise: ./commands/map.ts holds its options and the renderers.
  program
    .command('map')
    .description('show what each mutation writes, revalidates, and leaves stale')
    .arguments('[path]')
    .helpOption(false)
    .allowExcessArguments()
    .allowUnknownOption()
    .passThroughOptions()
    .action(async (...params: unknown[]) => {
      const { runMapCommand } = await import('./commands/map.js');
      process.exitCode = await runMapCommand((params[params.length - 1] as CommandClass).args);
    });
  return program;
}

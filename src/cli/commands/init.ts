/**
 * `igniter-rt init [options]`: sets a project up, without prompts. main.ts imports this module only
 * when `init` runs. Exit codes: 0 everything in place (or a dry run of it), 1 a step left to do by hand
 * (its exact lines printed; its file untouched), the hook skipped outside a git repository, or a failed
 * write (nothing written), 2 usage. Errors are one line on stderr, `igniter-rt: <message>`.
 */
import { Command, CommanderError, Option } from 'commander';
import { unifiedDiff } from '../../generate/output.js';
import { diffChanges, errorJson, resultJson, resultText } from '../../init/output.js';
import { PACKAGE_MANAGERS, type PackageManagerName } from '../../init/package-manager.js';
import { exitCodeOf, runInit } from '../../init/run.js';
import { UserError } from '../../user-error.js';
import type { CommitHooks } from '../../generate/commit.js';
import { commanderOutput, processIo, reportUnexpectedError, type Io } from '../io.js';

interface InitFlags {
  dryRun?: boolean;
  eslint: boolean;
  hook: boolean;
  packageManager?: PackageManagerName;
  cwd?: string;
  json?: boolean;
  yes?: boolean;
}

/** Runs `init` with the arguments after the word `init`; resolves to the exit code. `hooks` is a test seam for the writer. */
export async function runInitCommand(argv: readonly string[], io: Io = processIo, hooks: CommitHooks = {}): Promise<number> {
  let exitCode = 0;
  const command = new Command('init')
    .name('igniter-rt init')
    .description(
      "Set a project up: add igniter-rt/eslint-plugin's recommended preset to the ESLint config and install a pre-commit hook that runs `igniter-rt check --staged` (husky, lint-staged or a git hook).",
    )
    .option('--dry-run', 'print what would change (a unified diff); write nothing')
    .option('--no-eslint', 'leave the ESLint config alone')
    .option('--no-hook', 'install no pre-commit hook')
    .addOption(new Option('--package-manager <name>', 'the package manager the hook runs igniter-rt with (default: detected)').choices(PACKAGE_MANAGERS))
    .option('--cwd <dir>', 'the project root (default: the current folder)')
    .option('--json', 'print the result as one JSON document (what was found, each step, the exit code)')
    // The same habit as `generate --yes`; init never asks anything, so it changes nothing.
    .option('-y, --yes', 'accepted for symmetry with generate: init never prompts')
    .helpOption('-h, --help', 'show help')
    .configureHelp({ helpWidth: 100 })
    .showHelpAfterError('(igniter-rt init --help for usage)')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .addHelpText(
      'after',
      '\nRe-running init changes nothing that is already in place. A change igniter-rt cannot make safely is printed\nas the exact lines to add, and that file is left untouched.\nExit codes: 0 done, 1 a step left to do by hand (or a failed write: nothing written), 2 usage error.\n',
    )
    .action(async (flags: InitFlags) => {
      const result = runInit({ root: flags.cwd ?? process.cwd(), eslint: flags.eslint, hook: flags.hook, dryRun: flags.dryRun === true, packageManager: flags.packageManager }, hooks);
      exitCode = exitCodeOf(result);
      if (flags.json) {
        const diff = result.dryRun ? await unifiedDiff(diffChanges(result)) : undefined;
        io.stdout(`${JSON.stringify(resultJson(result, exitCode, diff), null, 2)}\n`);
        return;
      }
      io.stdout(`${resultText(result)}\n`);
      if (result.dryRun) {
        const diff = await unifiedDiff(diffChanges(result));
        if (diff) io.stdout(`\n${diff}\n`);
      }
      if (exitCode !== 0) io.stderr('igniter-rt: init is not complete: see the MANUAL / NO HOOK lines above.\n');
    });
  const json = argv.includes('--json');
  try {
    await command.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      if (json) io.stdout(`${JSON.stringify(errorJson(error.message.replace(/^error: /, ''), 2), null, 2)}\n`);
      return 2;
    }
    // init writes through the generator's commit, so its failures come as either kind.
    if (error instanceof UserError) {
      io.stderr(`igniter-rt: ${error.message}\n`);
      if (json) io.stdout(`${JSON.stringify(errorJson(error.message, error.exitCode), null, 2)}\n`);
      return error.exitCode;
    }
    const message = reportUnexpectedError(io, error);
    if (json) io.stdout(`${JSON.stringify(errorJson(message, 1), null, 2)}\n`);
    return 1;
  }
  return exitCode;
}

/**
 * The `igniter-rt` command. Each command module is imported when it runs, so `igniter-rt --help` stays
 * near bare Node (measured by `npm run bench -- --only cli-startup`, target at most 1.3×).
 *
 * Start-up details that matter on Node 20 (which has no module compile cache):
 * - `igniter-rt`, `-h` and `--help` print the pre-rendered help (help-text.ts, checked against
 *   program.ts by a test) without loading commander (about 13 ms).
 * - Otherwise commander is loaded through `require`: its ESM wrapper adds the CommonJS export lexer
 *   (about 10 ms).
 * - package.json is read only for `--version`, the only place the version is shown.
 */
import { createRequire } from 'node:module';
import { TOP_HELP } from './help-text.js';

/**
 * A reader that goes away (`igniter-rt check | head`) is not an error of the command: the rest of the
 * output is dropped and the command finishes its work (a generator's writes, a check's exit code)
 * instead of crashing with an EPIPE stack trace. For every command, so here and only here.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const args = process.argv.slice(2);

if (args.length === 0 || (args.length === 1 && (args[0] === '-h' || args[0] === '--help'))) {
  process.stdout.write(TOP_HELP);
} else {
  // Node < 22.1 has no module compile cache: keep TypeScript's compiled code between runs (code-cache.ts).
  (await import('../analysis/code-cache.js')).enableCodeCache();
  const { Command } = createRequire(import.meta.url)('commander') as typeof import('commander');
  const { buildProgram } = await import('./program.js');
  const version = args[0] === '-v' || args[0] === '--version' ? (await import('../package-info.js')).packageInfo.version : '';
  const program = buildProgram(Command, version);
  program.exitOverride((error) => {
    // commander exits 1 on usage errors; usage errors are 2 for us. Help and version exit 0.
    process.exit(error.exitCode === 0 ? 0 : 2);
  });
  // `igniter-rt help generate [...]` / `help check` / `help init` / `help map` → the real help of the command (the stubs in program.ts have none).
  const argv = args[0] === 'help' && (args[1] === 'generate' || args[1] === 'check' || args[1] === 'init' || args[1] === 'map') ? [args[1], ...args.slice(2), '--help'] : args;
  await program.parseAsync(argv, { from: 'user' });
}

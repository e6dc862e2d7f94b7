/**
 * The top-level help, exactly as commander renders it from program.ts (a test checks they agree).
 * main.ts prints it for `igniter-rt`, `-h` and `--help` without loading commander at all: that keeps
 * `igniter-rt --help` within a few milliseconds of bare Node. Change program.ts, then copy the new
 * rendering here (the test prints it).
 */
export const TOP_HELP = `Usage: igniter-rt [options] [command]

Realtime checklist for Igniter.js: lint rules for streams, revalidation, scopes and cleanup, and
generators that write them right.

Options:
  -v, --version                   print the version
  -h, --help                      show help

Commands:
  generate [generator] [args...]  scaffold a controller, mutation, stream, hook or procedure
  check [paths...]                run the lint rules without ESLint
  init                            add the ESLint preset and a pre-commit hook to a project
  map [path]                      show what each mutation writes, revalidates, and leaves stale
  help [command]                  display help for command

The ESLint plugin is 'igniter-rt/eslint-plugin'; add its recommended preset to eslint.config.js:

  import igniterRt from 'igniter-rt/eslint-plugin';
  export default [igniterRt.configs.recommended];

`;

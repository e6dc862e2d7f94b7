/**
 * The `igniter-rt` command. Only commander loads at start-up; each command module is imported when it
 * runs, so `igniter-rt --help` stays near bare Node.
 */
import { Command } from 'commander';
import { packageInfo } from '../package-info.js';

const program = new Command();

program
  .name('igniter-rt')
  .description('Realtime checklist for Igniter.js: lint rules for streams, revalidation, scopes and cleanup.')
  .version(packageInfo.version, '-v, --version', 'print the version')
  .helpOption('-h, --help', 'show help')
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
The ESLint plugin is 'igniter-rt/eslint-plugin'; add its recommended preset to eslint.config.js:

  import igniterRt from 'igniter-rt/eslint-plugin';
  export default [igniterRt.configs.recommended];
`,
  );

program.exitOverride((error) => {
  // commander exits 1 on usage errors; usage errors are 2 for us. Help and version exit 0.
  process.exit(error.exitCode === 0 ? 0 : 2);
});

await program.parseAsync(process.argv);
if (process.argv.length <= 2) program.help();

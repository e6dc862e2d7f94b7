/**
 * `igniter-rt check [paths...] [options]`: the rules without ESLint, through src/engine.ts. main.ts
 * imports this module only when `check` runs. The pieces live in src/check/ (config, which files,
 * --fix, --staged) and src/report/ (the formats); this file wires them to the command line.
 *
 * Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings, 2 usage,
 * configuration or file-system errors (one line on stderr each, `igniter-rt: <message>`).
 */
import { readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CheckUsageError, CONFIG_FILE, readConfig, ruleOptions } from '../../check/config.js';
import { createIgnoreFilter, repositoryTop, selectFiles, type ExtraPattern, type IgnoreFilter } from '../../check/files.js';
import { fixText } from '../../check/fix.js';
import { readStaged, StagedError, type StagedSources } from '../../check/staged.js';
import { writeFileAtomically, WriteError } from '../../check/write-file.js';
import { projectRootOfFolder } from '../../analysis/project-context.js';
import { takeWarnings, type AnalysisWarning } from '../../analysis/warnings.js';
import { enabledRules, lintText, type EngineOptions } from '../../engine.js';
import { formatGithub } from '../../report/github.js';
import { formatJson } from '../../report/json.js';
import type { CheckResult } from '../../report/result.js';
import { formatSarif } from '../../report/sarif.js';
import { formatStylish } from '../../report/stylish.js';
import { commanderOutput, processIo, reportUnexpectedError, type Io } from '../io.js';

export { CheckUsageError, CONFIG_FILE };

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const BOM = '\uFEFF';

interface CheckFlags {
  format: Format;
  strict?: boolean;
  rule?: string[];
  ignore?: string[];
  fix?: boolean;
  fixDryRun?: boolean;
  maxWarnings?: number;
  cwd?: string;
  staged?: boolean;
}

export interface CheckIo extends Io {
  /** Whether stdout is a terminal that takes colours. */
  color: boolean;
}

const checkProcessIo: CheckIo = {
  ...processIo,
  color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
};

const HELP_AFTER = `
Formats: stylish (ESLint's, coloured on a terminal), json (ESLint's results), sarif (SARIF 2.1.0 for
GitHub code scanning), github (workflow commands that annotate the diff in GitHub Actions).

Rules, settings and ignore patterns are also read from ${CONFIG_FILE} at the project root:
  { "rules": { "require-stream-auth": "error" }, "settings": { ... }, "ignores": ["src/generated/"] }
Files ignored by git (.gitignore, .git/info/exclude) are not checked; a path you name that is ignored
is skipped with a warning.

Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage, configuration or file-system error.
`;

const repeatable = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Runs `check` with the arguments after the word `check`; resolves to the exit code. */
export async function runCheckCommand(argv: readonly string[], io: CheckIo = checkProcessIo): Promise<number> {
  let exitCode = 0;
  const command = new Command('check')
    .name('igniter-rt check')
    .description('Check TypeScript files for realtime Igniter.js mistakes with the igniter-rt rules, without ESLint.')
    .argument('[paths...]', 'files or folders to check (default: the current folder)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('stylish'))
    .option('--strict', 'use the strict preset instead of recommended')
    .option('--rule <id=level>', 'set a rule to off, warn or error (repeatable)', repeatable)
    .option('--ignore <pattern>', 'skip files matching a .gitignore-style pattern, relative to the project root (repeatable)', repeatable)
    .option('--fix', 'apply the autofixes to the files (never suggestions), then report what is left')
    .option('--fix-dry-run', 'compute the autofixes without writing them (json shows the fixed text as "output")')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--cwd <dir>', 'resolve paths from here, and read the config file and ignore patterns here (default: paths from the cwd; the config from the project root of the first path: its nearest folder with a tsconfig.json, package.json or .git)')
    .option('--staged', 'check the staged content of the staged files (git), with cross-file facts from the git index')
    .helpOption('-h, --help', 'show help')
    .configureHelp({ helpWidth: 100 })
    .showHelpAfterError('(igniter-rt check --help for usage)')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .addHelpText('after', HELP_AFTER)
    .action((paths: string[], flags: CheckFlags) => {
      exitCode = check(paths, flags, io);
    });
  try {
    await command.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CheckUsageError) {
      io.stderr(`igniter-rt: ${error.message}\n`);
      return 2;
    }
    reportUnexpectedError(io, error);
    return 2;
  }
  return exitCode;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new CheckUsageError(`--max-warnings takes a whole number, not "${value}".`);
  return Number(value);
}

/** A file to lint: where it is, and the text to lint (from disk, or from the git index with --staged). */
interface Source {
  filePath: string;
  text: string;
}

function check(paths: string[], flags: CheckFlags, io: CheckIo): number {
  // Paths on the command line are relative to `base`; the project (its config file, its ignore
  // patterns, its git listing) is `root`: --cwd when given, else found from the files named, so the
  // findings do not depend on the folder the command runs in.
  const base = resolve(flags.cwd ?? process.cwd());
  if (!existsSync(base) || !statSync(base).isDirectory()) throw new CheckUsageError(`--cwd: no such folder: ${base}`);
  const root = flags.cwd ? base : projectRootOfPath(base, paths[0]);
  if (flags.staged && (flags.fix || flags.fixDryRun)) {
    throw new CheckUsageError(`--${flags.fix ? 'fix' : 'fix-dry-run'} cannot be combined with --staged: fixes apply to the working tree, not to the staged copies.`);
  }
  const config = readConfig(root);
  const options = ruleOptions(config, flags.strict ? 'strict' : 'recommended', flags.rule ?? []);
  const extra: ExtraPattern[] = [
    ...config.ignores.map((pattern) => ({ pattern, source: `${CONFIG_FILE} "ignores"` })),
    ...(flags.ignore ?? []).map((pattern) => ({ pattern, source: '--ignore' })),
  ];
  const ignores = createIgnoreFilter(root, extra, { gitignore: !flags.staged });

  const staged = flags.staged ? stagedSources(root, (paths.length > 0 ? paths : ['.']).map((path) => resolve(base, path)), ignores, flags.format, io) : undefined;
  const sources = staged ? [...staged.files].map(([filePath, text]) => ({ filePath, text })) : readSources(base, paths, ignores, io);
  const lint = (source: Source) => (text: string) => lintText(text, source.filePath, options, root, staged?.texts);
  takeWarnings(); // only this run's: an earlier run in this process (a test, the API) may have left some

  let writeFailed = false;
  const results: CheckResult[] = sources.map((source) => {
    // As ESLint does: positions and fixes refer to the text without its byte order mark, which a fix keeps.
    const bom = source.text.startsWith(BOM) ? BOM : '';
    const text = source.text.slice(bom.length);
    if (!flags.fix && !flags.fixDryRun) return { filePath: source.filePath, messages: lint(source)(text), text, fixed: false };
    const fixed = fixText(text, lint(source));
    if (fixed.fixed && flags.fix) {
      try {
        writeFileAtomically(source.filePath, bom + fixed.output);
      } catch (error) {
        if (!(error instanceof WriteError)) throw error;
        io.stderr(`igniter-rt: ${error.message}\n`);
        writeFailed = true;
        return { filePath: source.filePath, messages: lint(source)(text), text, fixed: false };
      }
    }
    return { filePath: source.filePath, messages: fixed.messages, text: fixed.output, fixed: fixed.fixed };
  });

  // What the analysis worked around (a tsconfig.json that does not parse): the results are still reported.
  for (const warning of takeWarnings()) io.stderr(`igniter-rt: warning: ${describeWarning(warning, base)}.\n`);

  // In ESLint's order (its formatters sort by path, comparing UTF-16 code units).
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  io.stdout(report(flags.format, results, base, root, options, io.color));

  if (writeFailed) return 2;
  const messages = results.flatMap((result) => result.messages);
  const errors = messages.filter((message) => message.severity === 2).length;
  const warnings = messages.length - errors;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    io.stderr(`igniter-rt: too many warnings (${warnings}; --max-warnings is ${flags.maxWarnings}).\n`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
}

/** `tsconfig.json:2:1: does not parse (...)`, the path relative to the project root when it is inside. */
function describeWarning(warning: AnalysisWarning, root: string): string {
  const path = relative(root, warning.file);
  const shown = path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path) ? warning.file : path;
  const position = warning.line === undefined ? '' : `:${warning.line}:${warning.column ?? 1}`;
  return `${shown}${position}: ${warning.message}`;
}

/** The project root of the first path named (or of `base`), as the analysis finds it for a file there. */
function projectRootOfPath(base: string, path: string | undefined): string {
  const target = resolve(base, path ?? '.');
  let folder = target;
  try {
    if (!statSync(target).isDirectory()) folder = dirname(target);
  } catch {
    return base; // no such path: selectFiles says so
  }
  return projectRootOfFolder(folder);
}

/** The files under `paths` that are not ignored, read from disk; a named path that is ignored gets a warning. */
function readSources(base: string, paths: string[], ignores: IgnoreFilter, io: CheckIo): Source[] {
  const selection = selectFiles(base, paths, ignores);
  for (const warning of selection.warnings) io.stderr(`igniter-rt: warning: ${warning}\n`);
  return selection.files.map((filePath) => {
    try {
      return { filePath, text: readFileSync(filePath, 'utf8') };
    } catch (error) {
      throw new CheckUsageError(`cannot read ${filePath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function report(format: Format, results: CheckResult[], base: string, root: string, options: EngineOptions, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      // Code scanning resolves locations against the repository checkout: relative to its top, when there is one.
      return formatSarif(results, { baseDir: repositoryTop(root) ?? root, rules: enabledRules(options) });
    case 'github':
      // Annotations name files relative to the workflow's folder (the checkout), where the command runs.
      return formatGithub(results, base);
    default:
      return formatStylish(results, { color });
  }
}

/** `--staged` (src/check/staged.ts): the staged files and texts; not a repository or a git failure is a usage error. */
function stagedSources(root: string, paths: string[], ignores: IgnoreFilter, format: Format, io: CheckIo): StagedSources {
  let staged: StagedSources;
  try {
    staged = readStaged(root, paths, { include: ignores.include });
  } catch (error) {
    if (error instanceof StagedError) throw new CheckUsageError(error.message);
    throw error;
  }
  // The other formats stay machine-readable: an empty report.
  if (staged.files.size === 0 && format === 'stylish') io.stderr('igniter-rt: no staged TypeScript files to check.\n');
  return staged;
}

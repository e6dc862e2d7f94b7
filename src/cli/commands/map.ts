/**
 * `igniter-rt map [path] [options]`: the app's realtime picture (src/map/). main.ts imports this module
 * only when `map` runs. The project root comes from the folder named, as `check` finds it; settings and
 * require-revalidate's options come from igniter-rt.config.json there, so the gaps are the findings
 * `check` reports for that rule.
 *
 * Exit codes: 0 the map was drawn (gaps or not), 1 gaps with --fail-on-gaps, 2 usage, configuration, no
 * such folder, or no router in the project.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CheckUsageError, CONFIG_FILE, readConfig, ruleOptions } from '../../check/config.js';
import { projectRootOfFolder } from '../../analysis/project-context.js';
import { resolveOptions } from '../../analysis/rule-api.js';
import { resolveSettings } from '../../analysis/settings.js';
import { takeWarnings } from '../../analysis/warnings.js';
import { ruleById } from '../../engine.js';
import { analyzeProject, NoRouterError } from '../../map/analyze.js';
import type { RealtimeMap } from '../../map/realtime-map.js';
import { renderHtml } from '../../map/render-html.js';
import { renderJson } from '../../map/render-json.js';
import { renderMermaid } from '../../map/render-mermaid.js';
import { renderTable } from '../../map/render-table.js';
import { commanderOutput, processIo, reportUnexpectedError, type Io } from '../io.js';

const FORMATS = ['table', 'json', 'mermaid', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface MapFlags {
  format: Format;
  json?: boolean;
  strict?: boolean;
  failOnGaps?: boolean;
  cwd?: string;
}

export interface MapIo extends Io {
  /** Whether stdout is a terminal that takes colours. */
  color: boolean;
}

const mapProcessIo: MapIo = { ...processIo, color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined };

const HELP_AFTER = `
For each mutation: the resources it writes, the queries that show them (live ones, and ones it is
expected to update because it revalidates a sibling), what it revalidates (with the scopes as
written) or publishes, the screens that call it, and its gaps. A gap is exactly what
\`igniter-rt check\` reports for require-revalidate, with that rule's options from ${CONFIG_FILE}.

Formats: table (for the terminal), json, mermaid (a flowchart to paste in a README or a pull request),
html (one self-contained page: click a mutation to see its path to the screens).
  igniter-rt map --format html > realtime-map.html

Exit codes: 0 the map was drawn (even with gaps), 1 gaps and --fail-on-gaps, 2 usage or configuration
error, or no router in the project.
`;

/** Runs `map` with the arguments after the word `map`; resolves to the exit code. */
export async function runMapCommand(argv: readonly string[], io: MapIo = mapProcessIo): Promise<number> {
  let exitCode = 0;
  const command = new Command('map')
    .name('igniter-rt map')
    .description("Draw the app's realtime picture: what each mutation writes, which queries show it, what it revalidates, and the gaps.")
    .argument('[path]', 'a folder of the project (default: the current folder); its root is found as check finds it')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--json', 'the same as --format json')
    .option('--strict', "require-revalidate's strict options (every mutation that can answer without revalidating is a gap)")
    .option('--fail-on-gaps', 'exit 1 when some mutation has a gap')
    .option('--cwd <dir>', 'resolve the path from here (default: the current folder)')
    .helpOption('-h, --help', 'show help')
    .configureHelp({ helpWidth: 100 })
    .showHelpAfterError('(igniter-rt map --help for usage)')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .addHelpText('after', HELP_AFTER)
    .action((path: string | undefined, flags: MapFlags) => {
      exitCode = map(path, flags, io);
    });
  try {
    await command.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CheckUsageError || error instanceof NoRouterError) {
      io.stderr(`igniter-rt: ${error.message}\n`);
      return 2;
    }
    reportUnexpectedError(io, error);
    return 2;
  }
  return exitCode;
}

function map(path: string | undefined, flags: MapFlags, io: MapIo): number {
  if (flags.json && flags.format !== 'table' && flags.format !== 'json') throw new CheckUsageError(`--json and --format ${flags.format} ask for two formats: pass one.`);
  const format: Format = flags.json ? 'json' : flags.format;
  const base = resolve(flags.cwd ?? process.cwd());
  if (!existsSync(base) || !statSync(base).isDirectory()) throw new CheckUsageError(`--cwd: no such folder: ${base}`);
  const folder = resolve(base, path ?? '.');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CheckUsageError(`no such folder: ${folder}`);
  const root = projectRootOfFolder(folder);
  const config = readConfig(root);
  const engineOptions = ruleOptions(config, flags.strict ? 'strict' : 'recommended', []);
  takeWarnings();
  const result = analyzeProject(root, resolveSettings(config.settings), revalidateOptions(engineOptions.rules?.['require-revalidate']));
  for (const warning of takeWarnings()) io.stderr(`igniter-rt: warning: ${warning.file}${warning.line === undefined ? '' : `:${warning.line}`}: ${warning.message}.\n`);
  io.stdout(render(format, result, io.color, `Realtime map of ${basename(root)}`));
  return flags.failOnGaps && result.gapCount > 0 ? 1 : 0;
}

/** The rule's options as check would run it (its level aside: the map shows gaps even where the rule is off). */
function revalidateOptions(setting: unknown): object {
  return resolveOptions(ruleById('require-revalidate'), Array.isArray(setting) ? setting[1] : undefined);
}

function render(format: Format, result: RealtimeMap, color: boolean, title: string): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'mermaid':
      return renderMermaid(result);
    case 'html':
      return renderHtml(result, title);
    default:
      return renderTable(result, { color });
  }
}

// Section `precision`: how many of the rules' findings on real public Igniter.js apps are real bugs.
//
// The apps are not in this repository (their code is theirs): scripts/bench/precision/apps.json names
// each one (repository, commit, sub-path) and the section reads it from `--apps DIR`
// (default .bench/real-apps, gitignored) at `<DIR>/<name>/<sub-path>`. For each app present it runs
// `igniter-rt check --format json`, once with the recommended preset and once with `--strict`, and
// matches every finding (`rule path:line`) to scripts/bench/precision/verdicts.json, where a person
// judged it `bug` or `noise` by reading the app's code. Target: at least 90% of the recommended
// preset's findings are bugs, and none is unjudged (a new finding must be judged, not counted
// silently). Strict is reported for information.

import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runNodeScript } from '../child-process.js';
import { heading, table, verdict } from '../format.js';
import { BENCH_DIR } from '../paths.js';
import { findingKeys, precision, staleVerdicts, tally, verdictFileProblems } from '../precision/tally.js';

export const TARGET_PRECISION = 0.9;
const PRECISION_DIR = join(BENCH_DIR, 'precision');
const PRESETS = [
  { name: 'recommended', args: [] },
  { name: 'strict', args: ['--strict'] },
];

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${relative(process.cwd(), file)}: ${error.message}`, { cause: error });
  }
}

/** The command that puts an app's files where the section reads them (from a bare clone). */
export function fetchRecipe(app, appsDir) {
  const target = join(appsDir, app.name);
  const shown = relative(process.cwd(), target) || '.';
  // `exclude`: files whose blobs the measured mirror lacked (large binaries); `git archive` stops at one.
  const excludes = (app.exclude ?? []).map((glob) => ` ':(exclude)${glob}'`).join('');
  return `mkdir -p ${shown} && git -C <bare clone of github.com/${app.repository}> archive ${app.commit} -- ${app.subPath}${excludes} | tar -x -C ${shown}`;
}

async function checkApp(bin, dir, presetArgs) {
  const { stdout, stderr } = await runNodeScript(bin, ['check', '.', '--format', 'json', ...presetArgs], { cwd: dir, json: false, exitCodes: [0, 1] });
  try {
    return findingKeys(JSON.parse(stdout), dir);
  } catch {
    throw new Error(`igniter-rt check printed no JSON in ${dir}: ${stderr.trim() || stdout.slice(0, 200)}`);
  }
}

async function run({ repoRoot, options, log }) {
  const bin = join(repoRoot, 'bin', 'igniter-rt.js');
  const { apps } = readJson(join(PRECISION_DIR, 'apps.json'));
  const verdicts = readJson(join(PRECISION_DIR, 'verdicts.json'));
  const problems = verdictFileProblems(verdicts, apps.map((app) => app.name));
  if (problems.length > 0) throw new Error(`scripts/bench/precision/verdicts.json:\n  ${problems.join('\n  ')}`);

  const appsDir = options.appsDir;
  const missing = [];
  const findings = { recommended: {}, strict: {} };
  for (const app of apps) {
    const dir = join(appsDir, app.name, app.subPath);
    if (!existsSync(dir)) {
      missing.push({ name: app.name, repository: app.repository, recipe: fetchRecipe(app, appsDir) });
      continue;
    }
    if (!existsSync(join(repoRoot, 'dist', 'src', 'cli', 'main.js'))) throw new Error('the CLI is not built (dist/src/cli/main.js is missing). Run `npm run build` first.');
    for (const preset of PRESETS) {
      findings[preset.name][app.name] = await checkApp(bin, dir, preset.args);
    }
    log(`${app.name}: ${findings.recommended[app.name].length} recommended, ${findings.strict[app.name].length} strict findings`);
  }

  const recommended = tally(findings.recommended, verdicts);
  const strict = tally(findings.strict, verdicts);
  const measured = apps.length - missing.length;
  const overall = precision(recommended.total);
  const met = recommended.unjudged.length === 0 && (overall === null || overall >= TARGET_PRECISION);
  return {
    // No app present: nothing measured, which is not a failure (the report says how to get them).
    ...(measured > 0 ? { pass: met } : {}),
    target: TARGET_PRECISION,
    appsDir,
    measured,
    missing,
    recommended: { ...recommended, precision: overall },
    strict: { ...strict, precision: precision(strict.total) },
    staleVerdicts: staleVerdicts(mergeFindings(findings), verdicts),
  };
}

/** Every finding of an app in either preset, for the stale-verdict check. */
function mergeFindings(findings) {
  const merged = {};
  for (const byApp of Object.values(findings)) {
    for (const [app, list] of Object.entries(byApp)) merged[app] = [...(merged[app] ?? []), ...list];
  }
  return merged;
}

const percent = (value) => (value === null ? '-' : `${Math.round(value * 1000) / 10}%`);
// With unjudged findings, bugs over findings is only a lower bound (an unjudged finding may be a bug).
const shownPrecision = (counts) => (counts.unjudged > 0 ? `>= ${percent(precision(counts))}` : percent(precision(counts)));
const countsRow = (label, counts) => [label, String(counts.findings), String(counts.bug), String(counts.noise), String(counts.unjudged), shownPrecision(counts)];
const HEADER = ['', 'findings', 'bugs', 'noise', 'unjudged', 'precision'];

function presetTables(name, result) {
  return [
    `  ${name}, per app:`,
    table([HEADER, ...Object.entries(result.perApp).map(([app, counts]) => countsRow(app, counts)), countsRow('all apps', result.total)]),
    `  ${name}, per rule:`,
    table([HEADER, ...Object.entries(result.perRule).sort(([a], [b]) => a.localeCompare(b)).map(([rule, counts]) => countsRow(rule, counts))]),
  ];
}

function format(result) {
  const lines = [heading('precision: findings on real public Igniter.js apps, judged bug or noise')];
  if (result.measured === 0) {
    lines.push(`  no app folder under ${result.appsDir}: nothing measured.`);
  } else {
    lines.push(...presetTables('recommended', result.recommended), ...presetTables('strict (information)', result.strict));
    const { total } = result.recommended;
    lines.push(
      `  recommended: ${total.bug} bugs of ${total.findings} findings = ${percent(result.recommended.precision)} (target >= ${percent(result.target)}, every finding judged): ${verdict(result.pass)}`,
    );
  }
  const noise = result.recommended.judged?.filter((finding) => finding.verdict === 'noise') ?? [];
  if (noise.length > 0) lines.push('  noise (recommended):', ...noise.map((finding) => `    ${finding.app}: ${finding.key}: ${finding.reason}`));
  if (result.recommended.unjudged?.length > 0) {
    lines.push('  UNJUDGED (recommended): judge each in scripts/bench/precision/verdicts.json', ...result.recommended.unjudged.map((finding) => `    ${finding.app}: ${finding.key}: ${finding.message}`));
  }
  const strictOnly = result.strict.unjudged?.length ?? 0;
  if (strictOnly > 0) lines.push(`  strict: ${strictOnly} findings not judged (strict has no target; \`--json\` lists them)`);
  if (result.staleVerdicts.length > 0) {
    lines.push('  verdicts no run reported any more (remove or re-judge):', ...result.staleVerdicts.map((entry) => `    ${entry.app}: ${entry.key}`));
  }
  if (result.missing.length > 0) {
    lines.push(`  ${result.missing.length} app folder(s) missing; to read one (see scripts/bench/README.md):`, ...result.missing.map((app) => `    ${app.recipe}`));
  }
  return lines.join('\n');
}

export default {
  name: 'precision',
  title: 'precision of the rules on real public Igniter.js apps',
  needsApp: false,
  run,
  format,
};

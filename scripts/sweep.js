// `npm run sweep`: lints real code with every rule on (the `all` preset) and checks that the rules
// neither crash nor report anything in files that hold no Igniter code (scripts/sweep/igniter-code.js
// defines it, and the one rule that also looks at plain EventSource code): such a finding is a false
// positive.
//
// By default it sweeps every TypeScript source in node_modules (all installed packages, nested ones
// too, never following symlinks; not declaration files) and the example app, through three front ends,
// all built (dist/) and all with IGNITER_RT_THROW=1, so a rule error is a crash instead of a silent
// "no findings":
//  - engine: `igniter-rt check`'s lintText, as users run it;
//  - eslint: ESLint's Linter with the plugin as shipped;
//  - unfiltered: ESLint's Linter with every rule's text prefilter off, so each rule's analysis runs on
//    every file. Prefilters skip almost all third-party code; this pass is what tests the rules' own
//    judgement (and their robustness) on it.

import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { table } from './bench/format.js';
import { sourceFiles, packageOf, packageRoot } from './sweep/files.js';
import { containsIgniterCode, inScope } from './sweep/igniter-code.js';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_FOLDERS = ['node_modules', 'examples/chat-app'];

const USAGE = `usage: npm run sweep -- [options] [folders...]

  folders        what to sweep (default: ${DEFAULT_FOLDERS.join(', ')})
  --no-eslint    the engine only, not also ESLint's Linter (with and without prefilters)
  --json         print the summary as JSON on stdout
  -h, --help     show this help

Exit code: 0 no crash and no false positive, 1 crashes or false positives, 2 the sweep could not run.`;

function parseOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'no-eslint': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const folders = (positionals.length > 0 ? positionals : DEFAULT_FOLDERS).map((folder) => resolve(REPO_ROOT, folder));
  return { folders, eslint: !values['no-eslint'], json: values.json, help: values.help };
}

/** The first lines of an error's stack: enough to find the throwing frame in our code. */
const stackOf = (error) => (error instanceof Error ? (error.stack ?? error.message) : String(error)).split('\n').slice(0, 6).join('\n');

async function loadBuilt() {
  // Before the built modules load: rules rethrow (a crash must not be swallowed), and no index cache is
  // written into the swept packages or the temp folder.
  process.env.IGNITER_RT_THROW = '1';
  process.env.IGNITER_RT_CACHE = '0';
  const built = (path) => import(pathToFileURL(join(REPO_ROOT, 'dist', path)).href);
  try {
    const [engine, plugin, createRule, rules, ruleApi] = await Promise.all([
      built('src/engine.js'),
      built('src/eslint/plugin.js'),
      built('src/eslint/create-rule.js'),
      built('rules/index.js'),
      built('src/analysis/rule-api.js'),
    ]);
    return { lintText: engine.lintText, plugin: plugin.default, toEslintRule: createRule.toEslintRule, allRules: rules.allRules, ruleApplies: ruleApi.ruleApplies };
  } catch (error) {
    throw new Error(`cannot load the built igniter-rt (run \`npm run build\`): ${error.message}`, { cause: error });
  }
}

/**
 * An ESLint Linter (cwd: the swept folder) with node_modules un-ignored and the packages' own
 * `eslint-disable` comments ignored (they could hide a finding, or name rules that are not loaded).
 */
function eslintFront(folder, Linter, ruleConfig) {
  const linter = new Linter({ cwd: folder });
  const config = [{ ignores: ['!**/node_modules/'] }, { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } }, ruleConfig];
  return (text, filename) => {
    const messages = linter.verify(text, config, { filename });
    // The file was not linted at all: that must not pass for a clean file.
    const unlinted = messages.find((message) => message.ruleId === null && /^(?:No matching configuration|File ignored)/.test(message.message));
    if (unlinted) throw Object.assign(new Error(`ESLint did not lint ${filename}: ${unlinted.message}`), { setup: true });
    const fatal = messages.find((message) => message.fatal);
    return fatal ? { parseError: fatal } : messages;
  };
}

/** The front ends, each `(folder) => (text, path) => messages | { parseError }`. */
async function frontEnds(withEslint) {
  const built = await loadBuilt();
  const engineFront = (folder) => (text, path) => {
    const messages = built.lintText(text, path, { preset: 'all' }, packageRoot(path, folder));
    // Like ESLint's: a file the engine parsed and found broken is a parse error, not a rule's finding.
    const fatal = messages.find((message) => message.fatal);
    return fatal ? { parseError: fatal } : messages;
  };
  const list = [{ key: 'engine', label: 'engine (check)', forFolder: engineFront }];
  if (!withEslint) return { built, list };
  const { Linter } = await import('eslint');
  const unfiltered = Object.fromEntries(built.allRules.map((rule) => [rule.id, built.toEslintRule({ ...rule, prefilter: /(?:)/, requiresActions: false })]));
  const unfilteredConfig = { ...built.plugin.configs.all, plugins: { 'igniter-rt': { ...built.plugin, rules: unfiltered } } };
  list.push(
    { key: 'eslint', label: 'ESLint Linter', forFolder: (folder) => eslintFront(folder, Linter, built.plugin.configs.all) },
    { key: 'unfiltered', label: 'ESLint, no prefilters', forFolder: (folder) => eslintFront(folder, Linter, unfilteredConfig) },
  );
  return { built, list };
}

function sweep(options, { built, list }) {
  const started = performance.now();
  const packages = new Map();
  const summary = {
    folders: options.folders.map((folder) => relative(REPO_ROOT, folder) || '.'),
    /** Installed packages walked (in node_modules folders); most ship no TypeScript sources. */
    packagesWalked: 0,
    files: 0,
    igniterFiles: 0,
    /** Files at least one rule's prefilter lets through: what the shipped rules analyse. */
    prefilterPassed: 0,
    frontEnds: Object.fromEntries(list.map(({ key, label }) => [key, { label, crashes: [], findings: 0, falsePositives: [], parseErrors: [], ms: 0 }])),
    durationMs: 0,
    packages: [],
  };
  for (const folder of options.folders) {
    const linters = list.map((frontEnd) => ({ key: frontEnd.key, lint: frontEnd.forFolder(folder) }));
    const { files, packages: walked } = sourceFiles(folder);
    summary.packagesWalked += walked;
    for (const path of files) {
      const name = packageOf(path, folder, REPO_ROOT);
      const row = packages.get(name) ?? { name, files: 0, igniterFiles: 0, prefilterPassed: 0, crashes: 0, findings: 0, falsePositives: 0 };
      packages.set(name, row);
      const file = relative(REPO_ROOT, path);
      const text = readFileSync(path, 'utf8');
      const counts = { files: 1, igniterFiles: containsIgniterCode(text) ? 1 : 0, prefilterPassed: built.allRules.some((rule) => built.ruleApplies(rule, text, ['igniter'])) ? 1 : 0 };
      for (const [key, value] of Object.entries(counts)) {
        summary[key] += value;
        row[key] += value;
      }
      for (const { key, lint } of linters) {
        const result = summary.frontEnds[key];
        const time = performance.now();
        let messages;
        try {
          messages = lint(text, path);
        } catch (error) {
          if (error.setup) throw error;
          result.crashes.push({ file, error: stackOf(error) });
          row.crashes++;
        }
        result.ms += performance.now() - time;
        // Code typescript-eslint cannot parse is ESLint's parse error, not a rule's: listed, not failed.
        if (messages?.parseError) result.parseErrors.push({ file, line: messages.parseError.line, message: messages.parseError.message });
        if (!Array.isArray(messages)) continue;
        for (const finding of messages.filter((message) => message.ruleId?.startsWith('igniter-rt/'))) {
          result.findings++;
          row.findings++;
          if (inScope(finding.ruleId, text)) continue;
          result.falsePositives.push({ file, line: finding.line, column: finding.column, ruleId: finding.ruleId, message: finding.message });
          row.falsePositives++;
        }
      }
    }
  }
  summary.packages = [...packages.values()].sort((a, b) => b.files - a.files || a.name.localeCompare(b.name));
  summary.durationMs = performance.now() - started;
  return summary;
}

const failed = (summary) => Object.values(summary.frontEnds).some((result) => result.crashes.length > 0 || result.falsePositives.length > 0);

function render(summary) {
  const frontEnds = Object.values(summary.frontEnds);
  const rows = [['package', 'files', 'Igniter code', 'past prefilters', 'crashes', 'findings', 'false positives']];
  for (const row of summary.packages) rows.push([row.name, row.files, row.igniterFiles, row.prefilterPassed, row.crashes, row.findings, row.falsePositives]);
  const lines = [
    `Swept ${summary.folders.join(', ')} (${summary.packagesWalked} installed packages): ${summary.files} TypeScript files, ${summary.igniterFiles} with Igniter code, ${summary.prefilterPassed} past some rule's prefilter; every rule on, ${frontEnds.length} front end(s).`,
    '',
    table(rows),
    '',
  ];
  const totals = [['front end', 'crashes', 'findings', 'false positives', 'parse errors', 'time']];
  for (const result of frontEnds) {
    totals.push([result.label, result.crashes.length, result.findings, result.falsePositives.length, result.parseErrors.length, `${(result.ms / 1000).toFixed(1)} s`]);
  }
  lines.push(table(totals), '', `Duration: ${(summary.durationMs / 1000).toFixed(1)} s`);
  for (const result of frontEnds) {
    for (const crash of result.crashes) lines.push('', `CRASH (${result.label}) ${crash.file}`, crash.error.replace(/^/gm, '    '));
    for (const finding of result.falsePositives) {
      lines.push(`FALSE POSITIVE (${result.label}) ${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}: ${finding.message}`);
    }
    for (const parse of result.parseErrors) lines.push(`parse error (${result.label}; the parser's, not a rule's) ${parse.file}:${parse.line} ${parse.message}`);
  }
  return lines.join('\n');
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`sweep: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const summary = sweep(options, await frontEnds(options.eslint));
  process.stdout.write(`${options.json ? JSON.stringify(summary, null, 2) : render(summary)}\n`);
  return failed(summary) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`sweep: ${error.message}\n`);
    process.exitCode = 2;
  },
);

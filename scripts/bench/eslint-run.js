// Child-process runner for the ESLint benchmark: lints every src/**/*.{ts,tsx} of an app once and
// prints one JSON line. Run in a fresh `node` per measurement, so module loading (ESLint, the parser
// and, in `all` mode, the plugin with its dependencies) counts against the timed wall clock.
//
//   node scripts/bench/eslint-run.js <parse-only|noop|all> <appDir> <repoRoot> [--plugin <file>] [--eslint-from <dir>] [--typescript <package>]
//
// `--eslint-from` loads ESLint as resolved from another folder (the patched copy of patched-eslint.js);
// the parser and the plugin still come from the repository.
//
// `--typescript typescript59` runs the parser on TypeScript 5.9 (the npm alias `typescript59`), as in
// an app that pins `typescript` ^5: the parser comes from the overlay of scripts/typescript-overlay.js,
// and every import of `@typescript-eslint/parser` or `typescript` in the process (the plugin's too)
// is redirected there, so the plugin finds 5.9 as it would in such an app. ts-morph then runs on that
// 5.9 as well, not on its bundled 6.0, when 5.9 defines what ts-morph uses
// (src/analysis/morph-typescript.ts), and the plugin's bridge wraps the parser's AST.
//
// `noop` is a reference: the parser plus one rule that does nothing, i.e. what ESLint itself adds as
// soon as any rule is on (mostly garbage collection: see the eslint-rule-context section).
//
// Output: {"mode","ms","maxRssMb","files","findings",...} on stdout (also `cpuMs`: user+system CPU
// time of all threads, `gcMs`: time in V8 garbage-collection pauses, `setupMs`/`lintMs`: the wall
// time before/inside lintFiles, `retainedHeapMb`: the heap kept after the run, under
// `node --expose-gc`, `byRule`, `fatal`). Exit code 2: bad usage or the plugin is
// missing/unbuilt; 1: anything else went wrong.

import { existsSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pluginPath } from './paths.js';
import { parserOnTypeScript, redirectToOverlay, typescriptOverlay } from '../typescript-overlay.js';

// `performance.now()` counts from process start (performance.timeOrigin), so `ms` is the wall time
// of the whole process up to the moment the results are known.

// Like ESLint's own bin/eslint.js: use V8's on-disk code cache where Node supports it (22.1+).
module.enableCompileCache?.();

export const MODES = ['parse-only', 'noop', 'all'];

// Garbage-collection pauses of this process. A rule turned on changes how long each file's syntax
// tree survives in ESLint (see CONTRIBUTING.md's Speed section), which shows up here first.
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });
const FILES = ['**/*.{ts,tsx}'];
const PATTERNS = ['src/**/*.{ts,tsx}'];

class RunnerError extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Imports a package the way the repository itself would resolve it. */
async function importFromRepo(repoRoot, specifier) {
  const require = createRequire(join(repoRoot, 'package.json'));
  let resolved;
  try {
    resolved = require.resolve(specifier);
  } catch {
    throw new RunnerError(`cannot resolve "${specifier}" from ${repoRoot}; run \`npm install\` first`);
  }
  return import(pathToFileURL(resolved).href);
}

async function loadPlugin(file) {
  if (!existsSync(file)) {
    throw new RunnerError(`the ESLint plugin is not built: ${file} does not exist. Run \`npm run build\` first.`);
  }
  const plugin = (await import(pathToFileURL(file).href)).default;
  const all = plugin?.configs?.all;
  if (!all || typeof all !== 'object' || !all.rules || Object.keys(all.rules).length === 0) {
    throw new RunnerError(`${file} has no usable \`configs.all\` preset (expected a flat config with rules); rebuild with \`npm run build\``);
  }
  return plugin;
}

async function loadParser(repoRoot, typescript) {
  if (typescript) {
    // Before the plugin loads: its own import of the parser (for its presets) must find this one too.
    redirectToOverlay(typescriptOverlay(repoRoot, typescript));
    return parserOnTypeScript(repoRoot, typescript);
  }
  const parserModule = await importFromRepo(repoRoot, '@typescript-eslint/parser');
  return { parser: parserModule.default ?? parserModule, typescriptVersion: createRequire(join(repoRoot, 'package.json'))('typescript/package.json').version };
}

async function buildConfig(mode, repoRoot, pluginFile, typescript) {
  const { parser, typescriptVersion } = await loadParser(repoRoot, typescript);
  const config = [{ files: FILES, languageOptions: { parser } }];
  let ruleCount = 0;
  if (mode === 'noop') {
    const rule = { meta: { type: 'problem', schema: [] }, create: () => ({}) };
    config.push({ files: FILES, plugins: { noop: { rules: { nothing: rule } } }, rules: { 'noop/nothing': 'error' } });
    ruleCount = 1;
  }
  if (mode === 'all') {
    const all = (await loadPlugin(pluginFile)).configs.all;
    config.push({ ...all, files: all.files ?? FILES });
    ruleCount = Object.keys(all.rules).length;
  }
  return { config, ruleCount, typescriptVersion };
}

/**
 * The heap still in use after a full collection, once the lint is over and every other figure is read:
 * what ESLint, the parser and the plugin keep (caches, the project index, loaded code). Unlike maxRSS,
 * it does not depend on when V8 happened to collect, so it moves by well under 1 MB between runs.
 * Needs `node --expose-gc` (the eslint-overhead section passes it); undefined without.
 */
function retainedHeapMb() {
  if (typeof globalThis.gc !== 'function') return undefined;
  globalThis.gc();
  return Math.round(process.memoryUsage().heapUsed / 1024 / 102.4) / 10;
}

function summarize(results) {
  let findings = 0;
  let fatal = 0;
  const byRule = {};
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) {
        fatal += 1;
        continue;
      }
      findings += 1;
      const rule = message.ruleId ?? '(none)';
      byRule[rule] = (byRule[rule] ?? 0) + 1;
    }
  }
  const firstFatal = results.find((result) => result.messages.some((message) => message.fatal));
  return { findings, fatal, byRule, firstFatal: firstFatal && `${firstFatal.filePath}: ${firstFatal.messages[0].message}` };
}

/**
 * Lints the app and keeps only counts: the results (with the source text of every file that has a
 * finding) would otherwise still be alive when the retained heap is read.
 */
async function lintAll(eslint) {
  const results = await eslint.lintFiles(PATTERNS);
  const end = performance.now();
  return { end, files: results.length, found: summarize(results) };
}

export async function run({ mode, appDir, repoRoot, pluginFile = pluginPath(repoRoot), eslintFrom = repoRoot, typescript }) {
  if (!MODES.includes(mode)) throw new RunnerError(`unknown mode "${mode}" (expected ${MODES.join(' or ')})`);
  if (!existsSync(join(appDir, 'src'))) throw new RunnerError(`${appDir} has no src directory`);
  const { config, ruleCount, typescriptVersion } = await buildConfig(mode, repoRoot, pluginFile, typescript);
  const { ESLint } = await importFromRepo(eslintFrom, 'eslint');
  const eslint = new ESLint({ cwd: appDir, overrideConfigFile: true, overrideConfig: config, cache: false });
  const lintStart = performance.now();
  const { end, files, found } = await lintAll(eslint);
  const cpu = process.cpuUsage();
  // GC entries are delivered asynchronously: let the last ones arrive before reading the total.
  await new Promise((resolve) => setImmediate(resolve));
  const maxRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  return {
    mode,
    typescriptVersion,
    ms: Math.round(end),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    gcMs: Math.round(gcMs),
    maxRssMb,
    retainedHeapMb: retainedHeapMb(),
    files,
    ...found,
    rules: ruleCount,
    setupMs: Math.round(lintStart),
    lintMs: Math.round(end - lintStart),
  };
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { plugin: { type: 'string' }, 'eslint-from': { type: 'string' }, typescript: { type: 'string' } } });
  if (positionals.length !== 3) {
    throw new RunnerError('usage: node scripts/bench/eslint-run.js <parse-only|noop|all> <appDir> <repoRoot> [--plugin <file>] [--eslint-from <dir>] [--typescript <package>]');
  }
  const [mode, appDir, repoRoot] = positionals;
  const root = resolve(repoRoot);
  const result = await run({
    mode,
    appDir: resolve(appDir),
    repoRoot: root,
    pluginFile: values.plugin ? resolve(values.plugin) : pluginPath(root),
    eslintFrom: values['eslint-from'] ? resolve(values['eslint-from']) : root,
    typescript: values.typescript,
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`eslint-run: ${error instanceof RunnerError ? error.message : error?.stack ?? error}\n`);
  process.exitCode = error instanceof RunnerError ? error.exitCode : 1;
}

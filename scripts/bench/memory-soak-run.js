// Child process for the `memory-soak` section: relints the synthetic app many times in one process,
// as an editor integration does, and records the heap after a forced full GC after each pass.
// Needs `--expose-gc`.
//
//   node --expose-gc scripts/bench/memory-soak-run.js <eslint|engine> <appDir> <repoRoot> [--runs N] [--full] [--plugin FILE]
//
// eslint: one long-lived `ESLint` instance with the plugin's `all` preset, `lintText` per file (an
//         editor's buffer); engine: igniter-rt's own `lintText` (src/engine.ts, what `check` and the
//         programmatic API run) with the `all` preset.
// Each pass lints the "subset": every file at least one rule of `all` looks at (its prefilter
// matches: the controllers and the Igniter wiring, where the plugin parses and analyses), plus every
// 10th of the other files (what ESLint parses but the rules skip). One controller per pass, a
// different one each time, is linted with an unsaved edit (a new line of code), so text-keyed caches
// see new text on every pass. `--full` lints every file instead (ESLint: `lintFiles(['src'])` from disk;
// engine: `lintProject`), which is what the wording asks for but takes ~15 s per pass.
//
// Output: one JSON line {mode, scope, runs, files, edited, heapMb[], rssMb[], runMs[], findings[]}.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pluginPath } from './paths.js';

const MODES = ['eslint', 'engine'];
const OTHER_FILES_EVERY = 10;

class RunnerError extends Error {}

const distModule = (repoRoot, ...path) => import(pathToFileURL(join(repoRoot, 'dist', ...path)).href);

/** The files of one pass (see the header), as absolute paths in a stable order, and the controllers among them. */
async function subset(appDir, repoRoot) {
  const { listSourceFiles } = await distModule(repoRoot, 'src', 'analysis', 'source-files.js');
  const { ruleApplies } = await distModule(repoRoot, 'src', 'analysis', 'rule-api.js');
  const { allRules } = await distModule(repoRoot, 'rules', 'index.js');
  const { resolveSettings } = await distModule(repoRoot, 'src', 'analysis', 'settings.js');
  const { instanceNames } = resolveSettings(undefined);
  const files = [];
  let ruleFiles = 0;
  let others = 0;
  for (const path of listSourceFiles(join(appDir, 'src'))) {
    const text = readFileSync(path, 'utf8');
    if (allRules.some((rule) => ruleApplies(rule, text, instanceNames))) {
      files.push({ path, text });
      ruleFiles++;
    } else if (others++ % OTHER_FILES_EVERY === 0) files.push({ path, text });
  }
  const controllers = files.filter((file) => file.path.endsWith('.controller.ts'));
  if (controllers.length === 0) throw new RunnerError(`${appDir} has no *.controller.ts file to edit`);
  return { files, controllers, ruleFiles };
}

/** A pass function for the mode: lints the given files (or, with `full`, the whole app) and returns the finding count. */
async function linter(mode, appDir, repoRoot, pluginFile, full) {
  if (mode === 'eslint') {
    const require = createRequire(join(repoRoot, 'package.json'));
    const { ESLint } = await import(pathToFileURL(require.resolve('eslint')).href);
    const plugin = (await import(pathToFileURL(pluginFile).href)).default;
    const eslint = new ESLint({ cwd: appDir, overrideConfigFile: true, overrideConfig: [plugin.configs.all], cache: false });
    const count = (results) => results.reduce((sum, result) => sum + result.messages.length, 0);
    if (full) return async () => count(await eslint.lintFiles(['src']));
    return async (files) => {
      let findings = 0;
      for (const file of files) findings += count(await eslint.lintText(file.text, { filePath: file.path }));
      return findings;
    };
  }
  const engine = await distModule(repoRoot, 'src', 'engine.js');
  const options = { preset: 'all' };
  if (full) return async () => engine.lintProject(appDir, options).reduce((sum, result) => sum + result.messages.length, 0);
  return async (files) => files.reduce((sum, file) => sum + engine.lintText(file.text, file.path, options, appDir).length, 0);
}

/** A full collection, twice: the second also frees what the first only made unreachable (weak maps, finalizers). */
async function collect() {
  globalThis.gc();
  await new Promise((resolvePromise) => setImmediate(resolvePromise));
  globalThis.gc();
}

const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runs: { type: 'string', default: '50' }, full: { type: 'boolean', default: false }, plugin: { type: 'string' } },
  });
  if (positionals.length !== 3 || !MODES.includes(positionals[0])) {
    throw new RunnerError('usage: node --expose-gc scripts/bench/memory-soak-run.js <eslint|engine> <appDir> <repoRoot> [--runs N] [--full] [--plugin FILE]');
  }
  if (typeof globalThis.gc !== 'function') throw new RunnerError('run with node --expose-gc');
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new RunnerError(`--runs expects an integer >= 1, got "${values.runs}"`);
  const [mode, appArg, repoArg] = positionals;
  const appDir = resolve(appArg);
  const repoRoot = resolve(repoArg);
  const pluginFile = values.plugin ? resolve(values.plugin) : pluginPath(repoRoot);

  const { files, controllers, ruleFiles } = values.full ? { files: [], controllers: [], ruleFiles: null } : await subset(appDir, repoRoot);
  const lint = await linter(mode, appDir, repoRoot, pluginFile, values.full);
  const heapMb = [];
  const rssMb = [];
  const runMs = [];
  const findings = [];
  for (let run = 0; run < runs; run++) {
    let pass = files;
    if (!values.full) {
      // This pass's unsaved edit: a new line at the end of one controller.
      const edited = controllers[run % controllers.length];
      pass = files.map((file) => (file === edited ? { path: file.path, text: `${file.text}\nexport const soakEdit${run} = ${run};\n` } : file));
    }
    const started = performance.now();
    findings.push(await lint(pass));
    runMs.push(Math.round(performance.now() - started));
    await collect();
    const usage = process.memoryUsage();
    heapMb.push(mb(usage.heapUsed));
    rssMb.push(mb(usage.rss));
    process.stderr.write(`${mode} pass ${run + 1}/${runs}: ${runMs.at(-1)} ms, heap ${heapMb.at(-1)} MB, rss ${rssMb.at(-1)} MB, ${findings.at(-1)} findings\n`);
  }
  const result = {
    mode,
    scope: values.full ? 'full' : 'subset',
    runs,
    files: values.full ? null : files.length,
    ruleFiles,
    edited: values.full ? 0 : Math.min(runs, controllers.length),
    heapMb,
    rssMb,
    runMs,
    findings,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`memory-soak-run: ${error instanceof RunnerError ? error.message : error?.stack ?? error}\n`);
  process.exitCode = error instanceof RunnerError ? 2 : 1;
}

// `npm run bench`: performance checks for igniter-rt against a synthetic Igniter.js app.
// Runs the sections listed in scripts/bench/sections/index.js; see scripts/bench/README.md.

import { cpus, totalmem } from 'node:os';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, intFlag } from './bench/cli-args.js';
import { DEFAULT_APP_DIR, DEFAULT_REAL_APPS_DIR, REPO_ROOT, pluginPath } from './bench/paths.js';
import { SECTIONS } from './bench/sections/index.js';
import { DEFAULT_SOAK_RUNS } from './bench/sections/memory-soak.js';
import { APP_DEFAULTS, ensureSyntheticApp } from './bench/synthetic-app.js';

const USAGE = `usage: npm run bench -- [options]

  --runs N            timed runs per mode and section (default 5; 3+ recommended)
  --controllers N     controllers in the synthetic app (default ${APP_DEFAULTS.controllers})
  --files N           ordinary TS/TSX files in the synthetic app (default ${APP_DEFAULTS.files})
  --seed TEXT         seed of the synthetic app (default "${APP_DEFAULTS.seed}")
  --app-dir DIR       where the synthetic app lives (default .bench/app)
  --plugin FILE       ESLint plugin module to measure (default dist/src/eslint/plugin.js)
  --only NAME[,NAME]  run only these sections (repeatable); --list shows them
  --soak-runs N       memory-soak: relints per process (default ${DEFAULT_SOAK_RUNS}; a verdict needs 30+)
  --soak-full         memory-soak: lint every file of the app each pass (~15 s a pass) instead of the subset
  --apps DIR          precision: where the real apps' folders are (default .bench/real-apps)
  --list              list the sections and exit
  --json              print a machine-readable summary on stdout (progress goes to stderr)
  -h, --help          show this help

Exit code: 0 all targets met, 1 a target failed, 2 the benchmark could not run.`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      controllers: { type: 'string' },
      files: { type: 'string' },
      seed: { type: 'string' },
      'app-dir': { type: 'string' },
      plugin: { type: 'string' },
      only: { type: 'string', multiple: true },
      'soak-runs': { type: 'string' },
      'soak-full': { type: 'boolean', default: false },
      apps: { type: 'string' },
      list: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const only = (values.only ?? []).flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean);
  const unknown = only.filter((name) => !SECTIONS.some((section) => section.name === name));
  if (unknown.length > 0) {
    throw new UsageError(`unknown section ${unknown.join(', ')}; available: ${SECTIONS.map((section) => section.name).join(', ')}`);
  }
  return {
    help: values.help,
    list: values.list,
    json: values.json,
    runs: intFlag('runs', values.runs, 5, 1),
    soakRuns: intFlag('soak-runs', values['soak-runs'], DEFAULT_SOAK_RUNS, 1),
    soakFull: values['soak-full'],
    appsDir: values.apps ? resolve(values.apps) : DEFAULT_REAL_APPS_DIR,
    controllers: intFlag('controllers', values.controllers, APP_DEFAULTS.controllers),
    files: intFlag('files', values.files, APP_DEFAULTS.files),
    seed: values.seed ?? APP_DEFAULTS.seed,
    appDir: values['app-dir'] ? resolve(values['app-dir']) : DEFAULT_APP_DIR,
    pluginFile: values.plugin ? resolve(values.plugin) : pluginPath(REPO_ROOT),
    sections: only.length > 0 ? SECTIONS.filter((section) => only.includes(section.name)) : SECTIONS,
  };
}

function environment() {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    totalMemMb: Math.round(totalmem() / 2 ** 20),
  };
}

const log = (line) => process.stderr.write(`${line}\n`);

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.list) {
    for (const section of SECTIONS) process.stdout.write(`${section.name.padEnd(20)} ${section.title}\n`);
    return 0;
  }
  const started = performance.now();
  const env = environment();
  log(`igniter-rt bench: node ${env.node}, ${env.platform} ${env.arch}, ${env.cpus} x ${env.cpuModel}, ${Math.round(env.totalMemMb / 1024)} GB RAM`);

  let app = null;
  if (options.sections.some((section) => section.needsApp)) {
    const { manifest } = ensureSyntheticApp({
      dir: options.appDir,
      controllers: options.controllers,
      files: options.files,
      seed: options.seed,
      log,
    });
    app = { dir: options.appDir, ...manifest };
    log(
      `synthetic app: ${relative(process.cwd(), app.dir) || '.'}: ${app.controllers} controllers + ${app.ordinaryFiles} ordinary files ` +
        `+ ${app.igniterFiles} Igniter files = ${app.sourceFiles} files, ${app.sourceLines} lines, ${app.deliberateMistakes} deliberate mistakes`,
    );
  }

  const results = [];
  for (const section of options.sections) {
    const sectionLog = (line) => log(`[${section.name}] ${line}`);
    sectionLog(section.title);
    const result = await section.run({
      repoRoot: REPO_ROOT,
      appDir: options.appDir,
      app,
      runs: options.runs,
      pluginFile: options.pluginFile,
      options,
      log: sectionLog,
    });
    results.push({ section, result });
    if (!options.json) process.stdout.write(`\n${section.format(result)}\n`);
  }

  const pass = results.every(({ result }) => result.pass !== false);
  const durationMs = Math.round(performance.now() - started);
  if (options.json) {
    const summary = {
      benchmark: 'igniter-rt',
      schemaVersion: 1,
      date: new Date().toISOString(),
      durationMs,
      environment: env,
      app,
      sections: results.map(({ section, result }) => ({ name: section.name, title: section.title, ...result })),
      pass,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    process.stdout.write(`\noverall: ${pass ? 'PASS' : 'FAIL'} (${results.length} section${results.length === 1 ? '' : 's'}, ${Math.round(durationMs / 1000)} s)\n`);
  }
  return pass ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  const usage = error instanceof UsageError || String(error?.code).startsWith('ERR_PARSE_ARGS');
  const message = usage ? `${error.message}\n\n${USAGE}` : error?.message ?? String(error);
  process.stderr.write(`bench: ${message}\n`);
  process.exitCode = 2;
}

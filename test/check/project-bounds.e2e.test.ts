/**
 * The project's bounds: the root of the project index comes from the files (nearest tsconfig.json,
 * package.json or .git, then an ESLint or igniter-rt config, then the file's folder), never from the
 * folder the command runs in, so `check` gives the same findings from the app's folder, its parent and
 * `/`, and ESLint agrees; a scan stays inside the project and stops, with one warning line, past its
 * budget; and `check` lints what ESLint would (a source folder named `build`), or says what it skips.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse, relative, sep } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRootFor } from '../../src/analysis/project-context.js';
import { ProjectIndex } from '../../src/analysis/project-index.js';
import { DEFAULT_SETTINGS } from '../../src/analysis/settings.js';
import { isListedSource, scanSourceFiles } from '../../src/analysis/source-files.js';
import plugin from '../../src/eslint/plugin.js';
import { bin, ensureBuilt } from '../support/built-cli.js';
import { EXAMPLE_APP } from '../support/example-app.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'igniter-rt-bounds-'));
  folders.push(dir);
  return dir;
}

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(dir, name));
}

/** examples/chat-app copied to `dir` without its tsconfig.json, its `@/` imports made relative (so its router resolves). */
function chatAppWithoutTsconfig(dir: string, aliases: 'relative' | 'kept'): void {
  cpSync(EXAMPLE_APP, dir, { recursive: true });
  rmSync(join(dir, 'tsconfig.json'));
  if (aliases === 'kept') return;
  for (const file of sourcesUnder(join(dir, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const relativeText = text.replace(/(['"])@\/([^'"]+)\1/g, (_, quote: string, path: string) => {
      const target = relative(dirname(file), join(dir, 'src', path)).split(sep).join('/');
      return `${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`;
    });
    if (relativeText !== text) writeFileSync(file, relativeText);
  }
}

interface JsonResult {
  filePath: string;
  messages: { line: number; column: number; ruleId: string | null; message: string }[];
}

/** `check --format json <app>` run from `cwd`, as `file:line:column rule message` relative to the app. */
function checkFrom(cwd: string, app: string, env: Record<string, string> = {}): { findings: string[]; stderr: string } {
  const run = spawnSync(process.execPath, [bin, 'check', '--format', 'json', relative(cwd, app) || '.'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  expect(run.status, run.stderr).toBeLessThan(2);
  const results = JSON.parse(run.stdout) as JsonResult[];
  return { findings: lines(results, app), stderr: run.stderr };
}

function lines(results: JsonResult[], app: string): string[] {
  return results.flatMap((result) => result.messages.map((m) => `${relative(app, result.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)).sort();
}

describe('the project root comes from the files, not the cwd', () => {
  let parent: string;
  let app: string;
  let aliased: string;
  beforeAll(() => {
    ensureBuilt('cli/commands/check.js');
    parent = tempFolder();
    app = join(parent, 'app');
    chatAppWithoutTsconfig(app, 'relative');
    // Another project beside it, sorted first, with a router of its own: an index rooted at the parent mixed it in.
    chatAppWithoutTsconfig(join(parent, 'aaa'), 'relative');
    rmSync(join(parent, 'aaa', 'eslint.config.js'));
    writeFileSync(join(parent, 'aaa', 'src', 'igniter.router.ts'), "import { igniter } from './igniter';\nexport const AppRouter = igniter.router({ controllers: {} });\n");
    aliased = join(parent, 'aliased');
    chatAppWithoutTsconfig(aliased, 'kept');
  }, 60_000);

  it('projectRootFor: the nearest project marker, else a lint config, else the file folder; the same from any cwd', () => {
    const file = join(app, 'src', 'features', 'room', 'controllers', 'room.controller.ts');
    // No tsconfig.json, package.json or .git up to the temp folder: the app's eslint.config.js marks it.
    for (const cwd of [app, parent, parse(app).root]) expect(projectRootFor(file, cwd)).toBe(app);
    // Nothing at all: the file's own folder (roots are cached per folder, so each case has its own).
    const bare = tempFolder();
    write(bare, { 'src/a/b.ts': 'export {};\n' });
    expect(projectRootFor(join(bare, 'src', 'a', 'b.ts'), '/')).toBe(join(bare, 'src', 'a'));
    // The nearest marker wins: a package.json above, a tsconfig.json nearer; an igniter-rt.config.json.
    const nested = tempFolder();
    write(nested, { 'package.json': '{}', 'src/a/tsconfig.json': '{}', 'src/a/b.ts': '', 'src/c.ts': '', 'tools/igniter-rt.config.json': '{}', 'tools/d.ts': '' });
    expect(projectRootFor(join(nested, 'src', 'a', 'b.ts'), '/')).toBe(join(nested, 'src', 'a'));
    expect(projectRootFor(join(nested, 'src', 'c.ts'), '/')).toBe(nested);
    expect(projectRootFor(join(nested, 'tools', 'd.ts'), '/')).toBe(join(nested, 'tools'));
    // A relative file name is resolved from the cwd; the root still comes from where the file is.
    expect(projectRootFor('c.ts', join(nested, 'src'))).toBe(nested);
  });

  it('check gives identical findings from the app folder, its parent and /, and ESLint gives them too', async () => {
    const fromApp = checkFrom(app, app);
    // The example app's 14 recommended findings: its imports made relative change no position.
    expect(fromApp.findings).toHaveLength(14);
    expect(fromApp.stderr).toBe('');
    for (const cwd of [parent, parse(app).root]) expect(checkFrom(cwd, app).findings).toEqual(fromApp.findings);
    const eslint = new ESLint({ cwd: parse(app).root, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    expect(lines((await eslint.lintFiles(sourcesUnder(join(app, 'src')))) as JsonResult[], app)).toEqual(fromApp.findings);
  }, 120_000);

  it("the config file is the project's, read from its root whatever the cwd", () => {
    const dir = tempFolder();
    cpSync(EXAMPLE_APP, dir, { recursive: true });
    writeFileSync(join(dir, 'igniter-rt.config.json'), JSON.stringify({ rules: { 'require-stream': 'off' } }));
    const fromApp = checkFrom(dir, dir).findings;
    expect(fromApp).toHaveLength(12);
    expect(fromApp.some((finding) => finding.includes('igniter-rt/require-stream '))).toBe(false);
    expect(checkFrom(dirname(dir), dir).findings).toEqual(fromApp);
    expect(checkFrom(join(dir, 'src', 'features'), dir).findings).toEqual(fromApp);
  }, 60_000);

  it('the app with its @/ aliases and no tsconfig: fewer cross-file facts, but the same from every cwd', () => {
    const fromApp = checkFrom(aliased, aliased).findings;
    expect(fromApp.length).toBeGreaterThan(0);
    for (const cwd of [parent, parse(aliased).root]) expect(checkFrom(cwd, aliased).findings).toEqual(fromApp);
  }, 120_000);

  it("the index's scan stays inside the project: a few hundred entries, never the parent or /proc", () => {
    const index = ProjectIndex.for(projectRootFor(join(app, 'src', 'igniter.router.ts'), '/'), DEFAULT_SETTINGS);
    index.refresh(true);
    expect(index.root).toBe(app);
    expect(index.scannedEntries).toBeGreaterThan(10);
    expect(index.scannedEntries).toBeLessThan(200);
    // A walk from the file system's root never enters its virtual file systems.
    for (const path of ['/proc/self/x.ts', '/sys/x.ts', '/dev/x.ts']) expect(isListedSource('/', path)).toBe(false);
    expect(isListedSource('/', '/srv/app/x.ts')).toBe(true);
  });
});

describe('a scan is bounded', () => {
  it('stops at its budget and says so', () => {
    const dir = tempFolder();
    write(dir, Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`src/f${String(index).padStart(2, '0')}.ts`, 'export {};\n'])));
    const scan = scanSourceFiles(dir, { budget: 10 });
    expect(scan.truncated).toBe(true);
    expect(scan.files.length).toBeLessThan(10);
    expect(scanSourceFiles(dir).truncated).toBe(false);
    expect(scanSourceFiles(dir).files).toHaveLength(30);
  });

  it('check past the budget: one warning line for its listing and one for the index', () => {
    const dir = tempFolder();
    cpSync(EXAMPLE_APP, dir, { recursive: true });
    const run = checkFrom(dir, dir, { IGNITER_RT_SCAN_BUDGET: '25' });
    const warnings = run.stderr.trim().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^igniter-rt: warning: \.: stopped listing after 25 files and folders, so only part of it is checked/);
    expect(warnings[1]).toMatch(/^igniter-rt: warning: .*: the project index stopped after 25 files and folders, so cross-file checks see part of the project/);
  }, 60_000);
});

describe('check lints what ESLint lints: no folder skipped in silence', () => {
  const controller = `import { igniter } from '@/igniter';
export const buildController = igniter.controller({
  name: 'build',
  path: '/builds',
  actions: {
    list: igniter.query({ path: '/', handler: async ({ response }) => { const id = setInterval(() => undefined, 1000); return response.success({ id }); } }),
  },
});
`;
  const project = () => {
    const dir = tempFolder();
    write(dir, {
      'package.json': '{ "name": "ci-dashboard" }',
      'src/features/build/build.controller.ts': controller,
      'build/pipeline.controller.ts': controller,
      '.storybook/main.ts': controller,
    });
    return dir;
  };
  const linted = (dir: string, args: string[] = []) => {
    const run = spawnSync(process.execPath, [bin, 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
    return { files: (JSON.parse(run.stdout) as JsonResult[]).map((result) => relative(dir, result.filePath).split(sep).join('/')).sort(), stderr: run.stderr };
  };

  beforeAll(() => ensureBuilt('cli/commands/check.js'));

  it('inside a git work tree git decides: a build folder and a dot-folder it keeps are linted, one it ignores is not', () => {
    const dir = project();
    expect(spawnSync('git', ['init', '-q'], { cwd: dir }).status).toBe(0);
    expect(linted(dir)).toEqual({ files: ['.storybook/main.ts', 'build/pipeline.controller.ts', 'src/features/build/build.controller.ts'], stderr: '' });
    writeFileSync(join(dir, '.gitignore'), '/build/\n');
    expect(linted(dir)).toEqual({ files: ['.storybook/main.ts', 'src/features/build/build.controller.ts'], stderr: '' });
  });

  it('outside git: a nested `build` folder is source; a top-level one and a dot-folder are skipped with a notice, and linted when named', () => {
    const dir = project();
    const run = linted(dir);
    expect(run.files).toEqual(['src/features/build/build.controller.ts']);
    expect(run.stderr.trim().split('\n').sort()).toEqual([
      'igniter-rt: warning: .storybook is skipped (a dot-folder, not in a git work tree) though it holds a TypeScript file: name it to check it, or add it to "ignores" to silence this.',
      'igniter-rt: warning: build is skipped (a build output folder name, not in a git work tree) though it holds a TypeScript file: name it to check it, or add it to "ignores" to silence this.',
    ]);
    expect(linted(dir, ['build', 'src'])).toEqual({ files: ['build/pipeline.controller.ts', 'src/features/build/build.controller.ts'], stderr: '' });
    // Listed in a .gitignore file, it is ignored, not skipped: nothing to say.
    writeFileSync(join(dir, '.gitignore'), '/build/\n.storybook/\n');
    expect(linted(dir)).toEqual({ files: ['src/features/build/build.controller.ts'], stderr: '' });
  });

  it('the index sees controllers in a nested build folder (it skipped them by name before)', () => {
    const dir = project();
    const files = scanSourceFiles(dir, { skipNestedProjects: true }).files.map((file) => relative(dir, file).split(sep).join('/'));
    expect(files).toEqual(['src/features/build/build.controller.ts']);
  });
});

/**
 * The orchestration (`runGenerator`), the answers (flags, defaults, missing answers without a TTY) and
 * the command (`runGenerateCommand`, in-process), against a small generator defined here, so these tests
 * do not depend on the real generators' output. The real ones run through the built binary in
 * cli.e2e.test.ts.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGenerateCommand } from '../../src/cli/commands/generate.js';
import { GENERATORS } from '../../src/generate/generators/index.js';
import { toNames } from '../../src/generate/names.js';
import { changeLines, listJson, unifiedDiff } from '../../src/generate/output.js';
import { checkOption, detectInteractivity, resolveAnswers } from '../../src/generate/prompts.js';
import { runGenerator } from '../../src/generate/run.js';
import { GenerateError, type GeneratorDefinition } from '../../src/generate/types.js';
import { snapshot } from '../robustness/cli-support.js';
import { failure } from './expected-error.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const fixture = join(repoRoot, 'test', 'fixtures', 'generator-app');
const cleanup: string[] = [];

afterAll(() => {
  for (const path of cleanup) rmSync(path, { recursive: true, force: true });
});

const NOTE_TEMPLATE = `// The {{names.words}} note ({{scope}}): tags {{#each tags}}{{this}} {{/each}}
export const {{names.camel}}Note = { owner: {{str owner}}, scope: {{str scope}}, html: '<b>&</b>' }
`;

/** A small generator: one file per name and a line in the router, conflicting unless identical or forced. */
const note: GeneratorDefinition = {
  name: 'note',
  description: 'A note file and a router line (test generator).',
  arguments: [{ name: 'name', description: 'the note name', prompt: 'Name of the note?' }],
  options: [
    { name: 'scope', description: 'who sees it', type: 'string', choices: ['user', 'room'], default: 'user', prompt: 'Scope?' },
    { name: 'tags', description: 'tags', type: 'list', choices: ['a', 'b', 'c'], default: ['a'], prompt: 'Tags?' },
    { name: 'owner', description: 'the owner', type: 'string', prompt: 'Owner?' },
    { name: 'pinned', description: 'pin it', type: 'boolean', default: true, prompt: 'Pin it?' },
  ],
  example: 'igniter-rt generate note todo --owner me',
  run(tree, options, context) {
    const names = toNames(String(options.name));
    const file = `${context.layout.featuresDir}/${names.kebab}/${names.kebab}.note.ts`;
    const content = context.render('note/note.ts.hbs', { names, scope: options.scope, owner: options.owner, tags: options.tags });
    const existing = tree.read(file);
    if (existing !== undefined && existing !== content && options.force !== true) {
      throw new GenerateError(`${file} already exists with other content; use --force to replace it.`, 1);
    }
    tree.write(file, content);
    const router = tree.read(context.layout.routerFile) ?? '';
    const line = `// note: ${names.camel}${options.pinned ? ' (pinned)' : ''}\n`;
    if (!router.includes(line)) tree.write(context.layout.routerFile, router + line);
  },
};

/** A fresh copy of the fixture app inside the repo (so its imports resolve), with the note template. */
function app(extra: Record<string, string> = {}): string {
  const root = mkdtempSync(join(repoRoot, '.tmp-gen-'));
  cleanup.push(root);
  cpSync(fixture, root, { recursive: true });
  const files = { '.igniter-rt/templates/note/note.ts.hbs': NOTE_TEMPLATE, ...extra };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A stand-in for the project's Prettier 3 (async API): double quotes, `};`, honours `.prettierignore`. */
const FAKE_PRETTIER = `
const { readFileSync, existsSync } = require('node:fs');
const { relative, dirname } = require('node:path');
let root;
module.exports = {
  async format(source, options) {
    if (!options.filepath) throw new Error('no filepath');
    if (source.includes('SYNTAX ERROR')) throw new SyntaxError('Unexpected token (1:1)\\n> 1 | SYNTAX ERROR');
    return source.replace(/'/g, '"').replace(/\\}\\n/g, '};\\n');
  },
  async resolveConfig(file) { return { semi: true }; },
  async getFileInfo(file, options = {}) {
    const ignorePath = options.ignorePath;
    const ignored = Boolean(ignorePath && existsSync(ignorePath) && readFileSync(ignorePath, 'utf8').split('\\n').filter(Boolean)
      .some((line) => relative(dirname(ignorePath), file).split('\\\\').join('/') === line.trim()));
    return { ignored, inferredParser: /\\.tsx?$/.test(file) ? 'typescript' : null };
  },
};
`;

function withPrettier(root: string): string {
  mkdirSync(join(root, 'node_modules', 'prettier'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'prettier', 'package.json'), JSON.stringify({ name: 'prettier', version: '3.0.0', main: 'index.cjs' }));
  writeFileSync(join(root, 'node_modules', 'prettier', 'index.cjs'), FAKE_PRETTIER);
  return root;
}

const ANSWERS = { name: 'daily-standup', scope: 'room', tags: ['a', 'b'], owner: "o'brien", pinned: true };

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
const NOTE_FILE = 'src/features/daily-standup/daily-standup.note.ts';

describe('runGenerator', () => {
  it('creates and updates files, then a second run changes nothing', async () => {
    const root = app();
    const routerBefore = read(root, 'src/igniter.router.ts');
    const first = await runGenerator({ root, generator: note, options: ANSWERS });
    expect(first.changes.map((change) => `${change.kind} ${change.path}`)).toEqual([`create ${NOTE_FILE}`, 'update src/igniter.router.ts']);
    expect(first.written).toBe(true);
    expect(first.formatted).toBe(false);
    expect(first.options).toMatchObject({ ...ANSWERS, force: false });
    // The templates' style, untouched (no Prettier in this project), no HTML escaping, safe literals.
    expect(read(root, NOTE_FILE)).toBe(
      "// The daily standup note (room): tags a b \nexport const dailyStandupNote = { owner: 'o\\'brien', scope: 'room', html: '<b>&</b>' }\n",
    );
    expect(read(root, 'src/igniter.router.ts')).toBe(`${routerBefore}// note: dailyStandup (pinned)\n`);

    const second = await runGenerator({ root, generator: note, options: ANSWERS });
    expect(second.changes.map((change) => change.kind)).toEqual(['skip']);
    expect(second.written).toBe(false);
    expect(changeLines(second.changes)).toBe(`SKIP ${NOTE_FILE}`);
  });

  it('writes nothing for a dry run, and the diff shows every change', async () => {
    const root = app();
    const routerBefore = read(root, 'src/igniter.router.ts');
    const result = await runGenerator({ root, generator: note, options: ANSWERS, dryRun: true });
    expect(result.written).toBe(false);
    expect(result.dryRun).toBe(true);
    expect(existsSync(join(root, 'src/features/daily-standup'))).toBe(false);
    expect(read(root, 'src/igniter.router.ts')).toBe(routerBefore);
    const diff = await unifiedDiff(result.changes);
    expect(diff).toContain(`--- /dev/null\n+++ b/${NOTE_FILE}\n@@ -0,0 +1,2 @@\n+// The daily standup note`);
    expect(diff).toContain('--- a/src/igniter.router.ts\n+++ b/src/igniter.router.ts\n');
    expect(diff).toContain('+// note: dailyStandup (pinned)');
  });

  it('aborts on a conflict with nothing written, and --force replaces', async () => {
    const root = app();
    mkdirSync(join(root, 'src/features/daily-standup'), { recursive: true });
    writeFileSync(join(root, NOTE_FILE), 'mine\n');
    const routerBefore = read(root, 'src/igniter.router.ts');
    const error = await failure(runGenerator({ root, generator: note, options: ANSWERS }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/already exists/);
    expect(read(root, NOTE_FILE)).toBe('mine\n');
    expect(read(root, 'src/igniter.router.ts')).toBe(routerBefore);

    const forced = await runGenerator({ root, generator: note, options: ANSWERS, force: true });
    expect(forced.changes.map((change) => change.kind)).toEqual(['update', 'update']);
    expect(read(root, NOTE_FILE)).toContain('dailyStandupNote');
  });

  it('rolls back every file when a write fails mid-way', async () => {
    const root = app();
    const routerBefore = read(root, 'src/igniter.router.ts');
    const error = await failure(
      runGenerator({
        root,
        generator: note,
        options: ANSWERS,
        hooks: {
          beforeWrite(_path, index) {
            if (index === 1) throw new Error('injected');
          },
        },
      }),
    );
    expect(error.message).toMatch(/injected.*Restored the 1 already written/);
    expect(existsSync(join(root, 'src/features/daily-standup'))).toBe(false);
    expect(read(root, 'src/igniter.router.ts')).toBe(routerBefore);
  });

  it('reads templates from --templates', async () => {
    const root = app({ 'custom/note/note.ts.hbs': 'export const {{names.camel}} = {{str owner}}\n' });
    await runGenerator({ root, generator: note, options: ANSWERS, templates: 'custom' });
    expect(read(root, NOTE_FILE)).toBe("export const dailyStandup = 'o\\'brien'\n");
  });

  it('fails cleanly, writing nothing, when a template uses a missing variable', async () => {
    const root = app({ '.igniter-rt/templates/note/note.ts.hbs': 'export const x = {{nope}}\n' });
    const error = await failure(runGenerator({ root, generator: note, options: ANSWERS }));
    expect(error.message).toMatch(/note\.ts\.hbs failed: "nope" not defined/);
    expect(existsSync(join(root, 'src/features/daily-standup'))).toBe(false);
  });

  it('refuses to write through a symlink that leads outside the project', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'igniter-rt-outside-'));
    cleanup.push(outside);
    const root = app();
    symlinkSync(outside, join(root, 'src', 'features', 'daily-standup'));
    const error = await failure(runGenerator({ root, generator: note, options: ANSWERS }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/outside the project root/);
    expect(existsSync(join(outside, 'daily-standup.note.ts'))).toBe(false);
  });

  it('refuses a project folder that does not exist, and one without a router', async () => {
    expect((await failure(runGenerator({ root: join(repoRoot, '.tmp-gen-does-not-exist'), generator: note, options: ANSWERS }))).exitCode).toBe(2);
    const empty = mkdtempSync(join(repoRoot, '.tmp-gen-'));
    cleanup.push(empty);
    const error = await failure(runGenerator({ root: empty, generator: note, options: ANSWERS }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/router/);
  });

  describe("with the project's Prettier", () => {
    it('formats created and updated files', async () => {
      const root = withPrettier(app());
      const result = await runGenerator({ root, generator: note, options: ANSWERS });
      expect(result.formatted).toBe(true);
      expect(read(root, NOTE_FILE)).toBe(
        '// The daily standup note (room): tags a b \nexport const dailyStandupNote = { owner: "o\\"brien", scope: "room", html: "<b>&</b>" };\n',
      );
      expect(read(root, 'src/igniter.router.ts')).toContain('from "@/igniter"');
    });

    it('still changes nothing on a second run, and still conflicts with a file the user changed', async () => {
      const root = withPrettier(app());
      await runGenerator({ root, generator: note, options: ANSWERS });
      const second = await runGenerator({ root, generator: note, options: ANSWERS });
      expect(second.changes.map((change) => change.kind).filter((kind) => kind !== 'skip')).toEqual([]);
      expect(second.written).toBe(false);

      writeFileSync(join(root, NOTE_FILE), `${read(root, NOTE_FILE)}// my edit\n`);
      const error = await failure(runGenerator({ root, generator: note, options: ANSWERS }));
      expect(error.exitCode).toBe(1);
      expect(read(root, NOTE_FILE)).toContain('// my edit');
    });

    it('leaves files listed in .prettierignore in the templates style', async () => {
      const root = withPrettier(app({ '.prettierignore': `${NOTE_FILE}\n` }));
      await runGenerator({ root, generator: note, options: ANSWERS });
      expect(read(root, NOTE_FILE)).toContain("owner: 'o\\'brien'");
      expect(read(root, 'src/igniter.router.ts')).toContain('from "@/igniter"');
    });

    it('reports a formatting failure and writes nothing', async () => {
      const root = withPrettier(app({ '.igniter-rt/templates/note/note.ts.hbs': 'SYNTAX ERROR {{owner}}\n' }));
      const error = await failure(runGenerator({ root, generator: note, options: ANSWERS }));
      expect(error.message).toMatch(/Prettier could not format src\/features\/daily-standup\/daily-standup\.note\.ts: Unexpected token/);
      expect(existsSync(join(root, 'src/features/daily-standup'))).toBe(false);
    });

    it('can be turned off', async () => {
      const root = withPrettier(app());
      const result = await runGenerator({ root, generator: note, options: ANSWERS, prettier: false });
      expect(result.formatted).toBe(false);
      expect(read(root, NOTE_FILE)).toContain("scope: 'room'");
    });
  });
});

describe('resolveAnswers', () => {
  const offline = { interactive: false, reason: 'stdin is not a terminal, so nothing is asked' };

  it('takes flags, validates them and fills defaults without a terminal', async () => {
    const answers = await resolveAnswers(note, { args: ['daily-standup'], flags: { owner: 'me', tags: 'b,c' }, yes: false, interactivity: offline });
    expect(answers).toEqual({ name: 'daily-standup', scope: 'user', tags: ['b', 'c'], owner: 'me', pinned: true });
    const yes = await resolveAnswers(note, { args: ['x'], flags: { owner: 'me', pinned: false, tags: ['a,b', 'a'] }, yes: true, interactivity: offline });
    expect(yes).toMatchObject({ scope: 'user', tags: ['a', 'b'], pinned: false });
  });

  it('names every missing answer (flag or argument) without a terminal: exit 2', async () => {
    const error = await failure(resolveAnswers(note, { args: [], flags: {}, yes: true, interactivity: offline }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      'Missing answers (stdin is not a terminal, so nothing is asked): pass <name> (igniter-rt generate note <name>), --owner (the owner). Nothing was written.',
    );
  });

  it('refuses bad names, unknown choices and unknown list items (exit 2)', async () => {
    for (const [args, flags, message] of [
      [['../etc'], { owner: 'me' }, /looks like a path/],
      [['class'], { owner: 'me' }, /reserved word/],
      [['ok'], { owner: 'me', scope: 'everyone' }, /--scope must be one of user, room; got "everyone"/],
      [['ok'], { owner: 'me', tags: 'a,z' }, /--tags takes any of a, b, c; "z" is not among them/],
      [['ok'], { owner: '  ' }, /--owner needs a non-empty value/],
    ] as const) {
      const error = await failure(resolveAnswers(note, { args: [...args], flags, yes: false, interactivity: offline }));
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(message);
    }
  });

  it('checks option values by type', () => {
    const pinned = note.options[3];
    expect(checkOption(pinned, 'false')).toBe(false);
    expect(() => checkOption(pinned, 'maybe')).toThrow(/--pinned is a switch/);
  });

  it('never prompts with CI set, or for --json', () => {
    expect(detectInteractivity({}, { CI: 'true' })).toEqual({ interactive: false, reason: 'CI is set, so nothing is asked' });
    expect(detectInteractivity({ json: true }, {})).toMatchObject({ interactive: false });
    // Under vitest stdin is not a terminal.
    if (!process.stdin.isTTY) expect(detectInteractivity({}, {}).interactive).toBe(false);
  });
});

describe('runGenerateCommand (in process)', () => {
  async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runGenerateCommand(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, [note]);
    return { code, stdout, stderr };
  }

  it('builds flags from the metadata: choices, lists (comma or repeated), --no-<switch>', async () => {
    const root = app();
    const result = await cli(['note', 'daily-standup', '--cwd', root, '--owner', 'me', '--scope', 'room', '--tags', 'a', '--tags', 'b,c', '--no-pinned', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ generator: 'note', written: true, dryRun: false, options: { scope: 'room', tags: ['a', 'b', 'c'], pinned: false, owner: 'me' } });
    expect(parsed.changes).toEqual([
      { path: NOTE_FILE, kind: 'create' },
      { path: 'src/igniter.router.ts', kind: 'update' },
    ]);
    expect(read(root, 'src/igniter.router.ts')).toContain('// note: dailyStandup\n');
  });

  it('prints CREATE/UPDATE lines, then SKIP on a re-run', async () => {
    const root = app();
    const args = ['note', 'daily-standup', '--cwd', root, '--owner', 'me'];
    expect((await cli(args)).stdout).toBe(`CREATE ${NOTE_FILE}\nUPDATE src/igniter.router.ts\nDone: 1 created, 1 updated.\n`);
    expect((await cli(args)).stdout).toBe(`SKIP ${NOTE_FILE}\nNothing to change: everything is already in place.\n`);
  });

  it('reports usage errors in one line with exit 2 (and JSON with --json)', async () => {
    const root = app();
    const badChoice = await cli(['note', 'x', '--cwd', root, '--owner', 'me', '--scope', 'world']);
    expect(badChoice.code).toBe(2);
    expect(badChoice.stderr).toMatch(/^igniter-rt: option '--scope <scope>' argument 'world' is invalid\. Allowed choices are user, room\./);
    const unknown = await cli(['nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('igniter-rt: Unknown generator "nope". Available: note (igniter-rt generate --list).\n');
    const missing = await cli(['note', '--cwd', root, '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^igniter-rt: Missing answers \(--json never asks\): pass <name>/);
    expect(JSON.parse(missing.stdout)).toMatchObject({ generator: 'note', written: false, error: { exitCode: 2 } });
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists the generators as text and JSON', async () => {
    const text = await cli(['--list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('note <name>\n    A note file and a router line (test generator).');
    expect(text.stdout).toContain('--scope <user|room>');
    expect(text.stdout).toContain('--owner <value>');
    const json = await cli(['--list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(listJson([note]));
    expect(JSON.parse(json.stdout).generators[0].options).toContainEqual({
      name: 'tags',
      flag: '--tags',
      description: 'tags',
      type: 'list',
      choices: ['a', 'b', 'c'],
      default: ['a'],
      prompted: true,
    });
  });

  it('shows the help of a generator with its flags and example (exit 0)', async () => {
    const help = await cli(['note', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: igniter-rt generate note [options] [name]');
    expect(help.stdout).toContain('--no-pinned');
    expect(help.stdout).toContain('igniter-rt generate note todo --owner me');
  });
});

describe('a write failing mid-way in a real generator run (injected ENOSPC or EACCES)', () => {
  const controller = GENERATORS.find((generator) => generator.name === 'controller')!;
  const failAt = (index: number, code: string) => ({
    beforeWrite(path: string, at: number) {
      if (at === index) throw Object.assign(new Error(`${code}: injected, write '${path}'`), { code, syscall: 'write' });
    },
  });

  it('generate controller: restores the project byte for byte (router included, new folders removed), whichever write fails', async () => {
    for (const code of ['ENOSPC', 'EACCES']) {
      for (let index = 0; index < 5; index++) {
        const root = app();
        const before = snapshot(root);
        const error = await failure(runGenerator({ root, generator: controller, options: { name: 'note' }, hooks: failAt(index, code) }));
        expect(error.exitCode).toBe(1);
        expect(error.message).toMatch(new RegExp(`^Could not write \\S+ \\(${code}: injected\\)\\. ${index === 0 ? 'Nothing was written' : `Restored the ${index} already written`}\\.$`));
        expect(snapshot(root), `${code} at write ${index}`).toEqual(before);
      }
    }
  });

  it('generate controller --force: an edited router written before the failure is restored too', async () => {
    // A router whose path sorts before the feature files, so it is the first of the edits written (after the new relay lib).
    const prepare = () => {
      const root = app({ 'igniter-rt.config.json': JSON.stringify({ generate: { routerFile: 'src/app.router.ts' } }) });
      const router = read(root, 'src/igniter.router.ts').replace('health: healthController,', 'health: healthController,\n    note: healthController,');
      writeFileSync(join(root, 'src/app.router.ts'), router);
      rmSync(join(root, 'src/igniter.router.ts'));
      return root;
    };
    // A first run creates the feature; the user then edits every file of it.
    const edited = prepare();
    await runGenerator({ root: edited, generator: controller, options: { name: 'note' }, force: true });
    const files = readdirSync(join(edited, 'src/features/note'), { recursive: true }).map(String).filter((file) => file.endsWith('.ts'));
    expect(files).toHaveLength(4);
    const seen: string[] = [];
    for (let index = 1; index <= 4; index++) {
      const root = prepare();
      cpSync(join(edited, 'src/features/note'), join(root, 'src/features/note'), { recursive: true });
      // The SSE guard the first run installed stays as it was (its own creates would come first).
      cpSync(join(edited, 'src/features/realtime'), join(root, 'src/features/realtime'), { recursive: true });
      for (const file of ['src/lib/igniter-rt/realtime-guard.ts', 'src/server.ts']) cpSync(join(edited, file), join(root, file));
      for (const file of files) writeFileSync(join(root, 'src/features/note', file), `// edited\n${read(root, join('src/features/note', file))}`);
      const before = snapshot(root);
      const error = await failure(
        runGenerator({
          root,
          generator: controller,
          options: { name: 'note' },
          force: true,
          hooks: {
            beforeWrite(path, at) {
              if (index === 1) seen.push(path);
              if (at === index) throw Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC', syscall: 'write' });
            },
          },
        }),
      );
      expect(error.message).toMatch(new RegExp(`Restored the ${index} already written\\.$`));
      expect(snapshot(root), `failing at write ${index}`).toEqual(before);
    }
    // The router (an edit) is written among the first four, before the failures injected above.
    expect(seen.indexOf('src/app.router.ts')).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf('src/app.router.ts')).toBeLessThan(4);
  });
});

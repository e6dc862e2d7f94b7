/**
 * End to end: the BUILT binary (`node bin/igniter-rt.js generate ...`) on fresh copies of
 * test/fixtures/generator-app inside the repo: flags only, --dry-run, --json, --force, conflicts, bad
 * names, no TTY (stdin closed), --list, and an interactive run driven through a pseudo-terminal
 * (python3's pty module). dist/ is rebuilt first when it is older than src/.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, repoRoot } from '../support/built-cli.js';
import { GENERATORS } from '../../src/generate/generators/index.js';

const fixture = join(repoRoot, 'test', 'fixtures', 'generator-app');
const copies: string[] = [];
const controller = GENERATORS.find((generator) => generator.name === 'controller');
const CONTROLLER_FILE = 'src/features/note/controllers/note.controller.ts';
const hasPython = spawnSync('python3', ['--version']).status === 0;


beforeAll(() => ensureBuilt('cli/commands/generate.js'), 120_000);

afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

function app(): string {
  const copy = mkdtempSync(join(repoRoot, '.tmp-gen-e2e-'));
  copies.push(copy);
  cpSync(fixture, copy, { recursive: true });
  return copy;
}

/** Every file in the copy with its content: equal snapshots mean nothing was written. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true }).map(String).sort()) {
    const path = join(root, entry);
    files[entry] = statSync(path).isDirectory() ? '<dir>' : readFileSync(path, 'utf8');
  }
  return files;
}

/** Without CI, so the only reason not to prompt is the closed stdin. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!('CI' in extra)) delete copy.CI;
  return copy;
}

/** The binary with stdin closed (no TTY): it must never prompt. */
function cli(args: string[], cwd = repoRoot, extraEnv: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: env(extraEnv), timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLineError(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(/^igniter-rt: /);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
}

describe('igniter-rt generate (built binary)', () => {
  it('--help lists generate; generate --help lists the generators', () => {
    const top = cli(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/generate \[generator\] \[args\.\.\.\]/);
    const help = cli(['generate', '--help']);
    expect(help.status).toBe(0);
    for (const generator of GENERATORS) expect(help.stdout).toContain(generator.name);
  });

  it('prints the pre-rendered top-level help, identical to what commander renders from program.ts', async () => {
    const { buildProgram } = await import('../../src/cli/program.js');
    const { TOP_HELP } = await import('../../src/cli/help-text.js');
    const { Command } = await import('commander');
    const program = buildProgram(Command, '');
    let rendered = '';
    program.configureOutput({ writeOut: (text) => void (rendered += text) });
    program.outputHelp();
    expect(TOP_HELP, `src/cli/help-text.ts is out of date; TOP_HELP should be:\n${rendered}`).toBe(rendered);
    for (const args of [['--help'], ['-h'], [], ['help']]) {
      const result = cli(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(rendered);
    }
    expect(cli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(cli(['help', 'generate']).stdout).toContain('Usage: igniter-rt generate <generator> [args...] [options]');
  });

  it('--list shows every generator and option; --list --json gives types, choices and defaults', () => {
    const text = cli(['generate', '--list']);
    expect(text.status).toBe(0);
    for (const generator of GENERATORS) {
      expect(text.stdout).toContain(generator.description);
      for (const option of generator.options) if (option.name !== 'force') expect(text.stdout).toContain(`--${option.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    }
    const json = cli(['generate', '--list', '--json']);
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { generators: { name: string; arguments: unknown[]; options: { name: string; type: string; default?: unknown; choices?: string[] }[] }[] };
    expect(parsed.generators.map((generator) => generator.name)).toEqual(GENERATORS.map((generator) => generator.name));
    for (const [index, generator] of GENERATORS.entries()) {
      expect(parsed.generators[index].arguments).toHaveLength(generator.arguments.length);
      expect(parsed.generators[index].options.map((option) => [option.name, option.type, option.default, option.choices])).toEqual(
        generator.options.map((option) => [option.name, option.type, option.default, option.choices ? [...option.choices] : undefined]),
      );
    }
  });

  it('refuses an unknown generator and an unknown flag (exit 2, one line)', () => {
    const unknown = cli(['generate', 'widget', 'x']);
    expect(unknown.status).toBe(2);
    expectOneLineError(unknown.stderr, /Unknown generator "widget"/);
    if (controller) {
      const flag = cli(['generate', 'controller', 'note', '--colour', 'red', '--cwd', app()]);
      expect(flag.status).toBe(2);
      expectOneLineError(flag.stderr, /unknown option '--colour'/);
    }
  });
});

describe.runIf(controller)('igniter-rt generate controller (built binary)', () => {
  it('flags only: writes the feature, registers it, and a re-run changes nothing', () => {
    const root = app();
    const first = cli(['generate', 'controller', 'note', '--scope', 'user', '--data', 'memory', '--cwd', root]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`CREATE ${CONTROLLER_FILE}\n`);
    expect(first.stdout).toContain('UPDATE src/igniter.router.ts\n');
    expect(first.stdout).toMatch(/Done: \d+ created, 3 updated\.\n$/); // the router, the instance file (relayRealtime) and src/server.ts (the SSE guard)
    expect(existsSync(join(root, CONTROLLER_FILE))).toBe(true);
    expect(readFileSync(join(root, 'src/igniter.router.ts'), 'utf8')).toMatch(/note: noteController/);

    const before = snapshot(root);
    const second = cli(['generate', 'controller', 'note', '--scope', 'user', '--data', 'memory'], root); // --cwd defaults to the cwd
    expect(second.status).toBe(0);
    expect(second.stdout).not.toMatch(/^(CREATE|UPDATE) /m);
    expect(second.stdout).toContain(`SKIP ${CONTROLLER_FILE}\n`);
    expect(second.stdout).toContain('Nothing to change: everything is already in place.');
    expect(snapshot(root)).toEqual(before);
  });

  it('--dry-run prints a unified diff and writes nothing', () => {
    const root = app();
    const before = snapshot(root);
    const result = cli(['generate', 'controller', 'note', '--dry-run', '--cwd', root]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`CREATE ${CONTROLLER_FILE}\n`);
    expect(result.stdout).toContain(`--- /dev/null\n+++ b/${CONTROLLER_FILE}\n@@ -0,0 +1,`);
    expect(result.stdout).toMatch(/--- a\/src\/igniter\.router\.ts\n\+\+\+ b\/src\/igniter\.router\.ts\n@@ [-+\d, ]+ @@\n[\s\S]*\+\s+note: noteController/);
    expect(result.stdout).toMatch(/Dry run, nothing written: \d+ created, 3 updated\./);
    expect(snapshot(root)).toEqual(before);
  });

  it('--json prints the change list (and with --dry-run the diffs), nothing else on stdout', () => {
    const root = app();
    const dry = cli(['generate', 'controller', 'note', '--json', '--dry-run', '--cwd', root]);
    expect(dry.status).toBe(0);
    const planned = JSON.parse(dry.stdout) as { generator: string; written: boolean; dryRun: boolean; changes: { path: string; kind: string; diff?: string }[] };
    expect(planned).toMatchObject({ generator: 'controller', written: false, dryRun: true });
    expect(planned.changes).toContainEqual(expect.objectContaining({ path: CONTROLLER_FILE, kind: 'create' }));
    expect(planned.changes.find((change) => change.path === 'src/igniter.router.ts')?.diff).toMatch(/\+\s+note: noteController/);

    const real = cli(['generate', 'controller', 'note', '--json', '--cwd', root]);
    expect(real.status).toBe(0);
    const done = JSON.parse(real.stdout) as typeof planned & { options: Record<string, unknown> };
    expect(done).toMatchObject({ generator: 'controller', written: true, dryRun: false, options: { name: 'note', scope: 'user', data: 'memory' } });
    expect(done.changes.map(({ path, kind }) => ({ path, kind }))).toEqual(planned.changes.map(({ path, kind }) => ({ path, kind })));
    expect(done.changes.every((change) => change.diff === undefined)).toBe(true);
    for (const change of done.changes) expect(existsSync(join(root, change.path))).toBe(true);
  });

  it('an existing file aborts the run with nothing written (exit 1); --force replaces it', () => {
    const root = app();
    cli(['generate', 'controller', 'note', '--cwd', root]);
    writeFileSync(join(root, CONTROLLER_FILE), '// my own controller\n');
    const before = snapshot(root);
    const conflict = cli(['generate', 'controller', 'note', '--scope', 'tenant', '--cwd', root]);
    expect(conflict.status).toBe(1);
    expectOneLineError(conflict.stderr, /already exists.*--force/);
    expect(conflict.stdout).toBe('');
    expect(snapshot(root)).toEqual(before);

    const forced = cli(['generate', 'controller', 'note', '--scope', 'tenant', '--force', '--cwd', root]);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain(`UPDATE ${CONTROLLER_FILE}\n`);
    expect(readFileSync(join(root, CONTROLLER_FILE), 'utf8')).toContain('noteController');
  });

  it('a router key registered to something else aborts the run (exit 1) unless --force', () => {
    const root = app();
    const router = join(root, 'src/igniter.router.ts');
    writeFileSync(router, readFileSync(router, 'utf8').replace('health: healthController,', 'health: healthController,\n    note: healthController,'));
    const before = snapshot(root);
    const conflict = cli(['generate', 'controller', 'note', '--cwd', root]);
    expect(conflict.status).toBe(1);
    expectOneLineError(conflict.stderr, /note.*--force/);
    expect(snapshot(root)).toEqual(before);
    const forced = cli(['generate', 'controller', 'note', '--force', '--cwd', root]);
    expect(forced.status).toBe(0);
    expect(readFileSync(router, 'utf8')).toMatch(/note: noteController/);
  });

  it('bad names and bad choices: exit 2 with a message, nothing written', () => {
    const root = app();
    const before = snapshot(root);
    for (const [args, pattern] of [
      [['../x'], /looks like a path/],
      [['a/b'], /looks like a path/],
      [['C:\\x'], /looks like a path/],
      [['class'], /reserved word/],
      [['usér'], /cannot become an identifier/],
      [['x'.repeat(80)], /80 characters long/],
      [['note', '--scope', 'world'], /'--scope <scope>' argument 'world' is invalid/],
      [['note', '--actions', 'list,explode'], /--actions takes any of .*"explode"/],
    ] as const) {
      const result = cli(['generate', 'controller', ...args, '--cwd', root]);
      expect(result.status, args.join(' ')).toBe(2);
      expectOneLineError(result.stderr, pattern);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it('sse-guard without --entry and without a terminal detects the file that serves the router (the Next.js starter route)', () => {
    const root = mkdtempSync(join(repoRoot, '.tmp-gen-e2e-'));
    copies.push(root);
    cpSync(join(repoRoot, 'test', 'fixtures', 'layouts', 'nextjs'), root, { recursive: true });
    const result = cli(['generate', 'sse-guard', '--cwd', root]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('UPDATE src/app/api/v1/[[...all]]/route.ts');
    expect(readFileSync(join(root, 'src/app/api/v1/[[...all]]/route.ts'), 'utf8')).toContain('nextRouteHandlerAdapter(guardedRouter)');
  });

  it('no TTY (stdin closed): never prompts; a missing answer exits 2 naming it, nothing written', () => {
    const root = app();
    const before = snapshot(root);
    const missing = cli(['generate', 'controller', '--cwd', root]);
    expect(missing.status).toBe(2);
    expectOneLineError(missing.stderr, /Missing an answer \(stdin is not a terminal, so nothing is asked\): pass <name> \(igniter-rt generate controller <name>\)/);
    // A required option, named by its flag (from whichever generator has one).
    for (const generator of GENERATORS) {
      const required = generator.options.find((option) => option.default === undefined);
      if (!required) continue;
      const args = generator.arguments.map((argument) => argument.choices?.[0] ?? 'thing');
      const result = cli(['generate', generator.name, ...args, '--cwd', root]);
      expect(result.status, generator.name).toBe(2);
      expectOneLineError(result.stderr, new RegExp(`pass .*--${required.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`));
    }
    // With --yes the defaults are taken, but a missing argument still cannot be asked.
    expect(cli(['generate', 'controller', '--yes', '--cwd', root]).status).toBe(2);
    expect(snapshot(root)).toEqual(before);
    // No generator named at all.
    const none = cli(['generate', '--cwd', root]);
    expect(none.status).toBe(2);
  });
});

// --- a pseudo-terminal, through python3 -----------------------------------------------------------

/** Runs argv in a pty (120×40) and relays stdin/stdout; exits with the child's code. */
const PTY_SCRIPT = `
import fcntl, os, pty, select, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
    os.execv(sys.argv[1], sys.argv[1:])
stdin_open = True
while True:
    watched = [fd, 0] if stdin_open else [fd]
    ready, _, _ = select.select(watched, [], [])
    if fd in ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 4096)
        if data:
            os.write(fd, data)
        else:
            stdin_open = False
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;

const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}\\][^${BEL}]*${BEL}`, 'g');
const stripAnsi = (text: string) => text.replace(ANSI, '');

interface PtyRun {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves when `text` appears in the (ANSI-stripped) output after everything already matched. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  exit: Promise<number | null>;
}

function ptyRun(args: string[], cwd: string, extraEnv: Record<string, string> = {}): PtyRun {
  const child = spawn('python3', ['-c', PTY_SCRIPT, process.execPath, bin, ...args], { cwd, env: env({ TERM: 'xterm-256color', ...extraEnv }) });
  let raw = '';
  let matchedUpTo = 0;
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    exit,
    output: () => stripAnsi(raw),
    waitFor(text, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const plain = stripAnsi(raw);
          const at = plain.indexOf(text, matchedUpTo);
          if (at === -1) return false;
          matchedUpTo = at + text.length;
          listeners.delete(listener);
          clearTimeout(timer);
          resolve();
          return true;
        };
        const listener = () => void check();
        const timer = setTimeout(() => {
          listeners.delete(listener);
          child.kill();
          reject(new Error(`timed out waiting for "${text}"; output so far:\n${stripAnsi(raw)}`));
        }, timeoutMs);
        listeners.add(listener);
        check();
      });
    },
  };
}

describe.runIf(controller && hasPython)('igniter-rt generate controller in a pseudo-terminal', () => {
  it('asks for the name and every option (defaults preselected), then writes', async () => {
    const root = app();
    const run = ptyRun(['generate', 'controller'], root);
    const generator = controller!;
    for (const argument of generator.arguments) {
      await run.waitFor(argument.prompt);
      run.child.stdin.write('note\r');
    }
    for (const option of generator.options) {
      if (option.prompt === undefined) continue;
      await run.waitFor(option.prompt);
      run.child.stdin.write('\r'); // the default
    }
    const code = await run.exit;
    const output = run.output();
    expect(code, output).toBe(0);
    expect(output).toContain(`CREATE ${CONTROLLER_FILE}`);
    expect(output).toContain('UPDATE src/igniter.router.ts');
    expect(readFileSync(join(root, 'src/igniter.router.ts'), 'utf8')).toMatch(/note: noteController/);
  });

  it('changes an answer: picks another scope with the arrow keys', async () => {
    const root = app();
    const run = ptyRun(['generate', 'controller', 'note', '--yes'], root);
    // --yes takes every default: nothing is asked, straight to the result.
    expect(await run.exit).toBe(0);
    expect(run.output()).not.toContain('Scope of the live updates');
    expect(existsSync(join(root, CONTROLLER_FILE))).toBe(true);

    const scope = controller!.options.find((option) => option.name === 'scope');
    if (!scope?.prompt || !scope.choices) return;
    const other = app();
    const asked = ptyRun(['generate', 'controller', 'note', '--actions', 'list,create', '--data', 'memory', '--auth', 'authProcedure'], other);
    await asked.waitFor(scope.prompt);
    const index = scope.choices.indexOf('tenant');
    asked.child.stdin.write('\x1b[B'.repeat(index - scope.choices.indexOf(String(scope.default))) + '\r');
    expect(await asked.exit, asked.output()).toBe(0);
    expect(readFileSync(join(other, CONTROLLER_FILE), 'utf8')).toMatch(/tenant/);
  });

  it('Ctrl-C at a prompt exits 130 with nothing written', async () => {
    const root = app();
    const before = snapshot(root);
    const run = ptyRun(['generate', 'controller'], root);
    await run.waitFor(controller!.arguments[0].prompt);
    run.child.stdin.write('\x03');
    const code = await run.exit;
    expect(code, run.output()).toBe(130);
    expect(run.output()).toContain('Cancelled: nothing was written.');
    expect(snapshot(root)).toEqual(before);
  });

  it('with CI set, a terminal is not enough: nothing is asked (exit 2)', async () => {
    const root = app();
    const run = ptyRun(['generate', 'controller'], root, { CI: 'true' });
    expect(await run.exit).toBe(2);
    expect(run.output()).toMatch(/Missing an answer \(CI is set, so nothing is asked\): pass <name>/);
  });

  it('asks which generator to run when none is named', async () => {
    const root = app();
    const run = ptyRun(['generate'], root);
    await run.waitFor('What do you want to generate?');
    const index = GENERATORS.findIndex((generator) => generator.name === 'controller');
    run.child.stdin.write('\x1b[B'.repeat(index) + '\r');
    await run.waitFor(controller!.arguments[0].prompt);
    run.child.stdin.write('\x03');
    expect(await run.exit).toBe(130);
  });
});

describe.runIf(hasPython)('interactive generate, as a new user meets it', () => {
  const stream = GENERATORS.find((generator) => generator.name === 'stream')!;
  const option = (name: string) => stream.options.find((entry) => entry.name === name)!;

  it("the controller prompt offers the router's controller keys; the name prompt's placeholder is an example of what its label asks", async () => {
    const root = app();
    const run = ptyRun(['generate', 'stream'], root);
    await run.waitFor(stream.arguments[0].prompt);
    await run.waitFor(`e.g. ${stream.arguments[0].example}`);
    run.child.stdin.write('typing\r');
    await run.waitFor(option('controller').prompt!);
    // A list to pick from: the fixture's router registers `health` only.
    await run.waitFor('health');
    run.child.stdin.write('\x03');
    expect(await run.exit).toBe(130);
    // The label names the thing; the example is not repeated in it.
    for (const generator of GENERATORS) for (const argument of generator.arguments) expect(argument.prompt).not.toMatch(/e\.g\./);
  });

  it('a bad --auth or an unknown --controller given as a flag is refused before any prompt (exit 2, nothing written)', async () => {
    for (const [args, message] of [
      [['generate', 'controller', '--auth', 'auth-procedure'], '--auth "auth-procedure" is not an identifier'],
      [['generate', 'stream', '--controller', 'nope'], 'No controller is registered as "nope" in src/igniter.router.ts. Registered: health.'],
      [['generate', 'mutation', '--controller', 'nope'], 'No controller is registered as "nope" in src/igniter.router.ts. Registered: health.'],
      [['generate', 'hook', 'nope'], 'No controller is registered as "nope" in src/igniter.router.ts. Registered: health.'],
    ] as const) {
      const root = app();
      const before = snapshot(root);
      const run = ptyRun([...args], root);
      const code = await run.exit;
      const output = run.output();
      expect(code, output).toBe(2);
      expect(output).toContain(message);
      // Nothing was asked: no header, no prompt of the generator.
      expect(output).not.toContain('◆');
      expect(output).not.toContain('┌');
      expect(snapshot(root)).toEqual(before);
    }
  });

  it('one header per run, also when the generator is picked at a prompt', async () => {
    const root = app();
    const run = ptyRun(['generate', '--yes'], root);
    await run.waitFor('What do you want to generate?');
    run.child.stdin.write('\x1b[B'.repeat(GENERATORS.findIndex((generator) => generator.name === 'controller')) + '\r');
    await run.waitFor(controller!.arguments[0].prompt);
    run.child.stdin.write('note\r');
    expect(await run.exit, run.output()).toBe(0);
    expect(run.output().match(/┌/g)).toHaveLength(1);
    expect(run.output().match(/igniter-rt generate/g)).toHaveLength(1);
    expect(existsSync(join(root, CONTROLLER_FILE))).toBe(true);
  });
});

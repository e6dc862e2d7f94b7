/**
 * End to end: the BUILT binary (`node bin/igniter-rt.js check ...`) on examples/chat-app and small temp
 * folders: parity with the ESLint e2e findings, the json and github formats, --rule, --max-warnings,
 * the config file and the exit codes. dist/ is rebuilt first when it is older than src/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, repoRoot } from '../support/built-cli.js';
import { allRules } from '../../rules/index.js';
import { EXAMPLE_APP as app, EXPECTED_FINDINGS } from '../support/example-app.js';

const folders: string[] = [];


beforeAll(() => ensureBuilt('cli/commands/check.js'), 120_000);

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function check(args: string[], cwd = app) {
  const result = spawnSync(process.execPath, [bin, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, IGNITER_RT_THROW: '1', NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temp folder with the given files. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'igniter-rt-check-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number; messageId: string }[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  suppressedMessages: unknown[];
  usedDeprecatedRules: unknown[];
}

function findings(stdout: string): string[] {
  const results = JSON.parse(stdout) as JsonResult[];
  return results.flatMap((file) => file.messages.map((message) => `${relative(app, file.filePath)}:${message.line}:${message.column} ${message.ruleId}`)).sort();
}

const CLEAN = `export function add(a: number, b: number): number {\n  return a + b;\n}\n`;

describe('igniter-rt check', () => {
  it('--strict on the example app finds exactly what ESLint finds (parity), exit 1', () => {
    const result = check(['--strict', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(findings(result.stdout)).toEqual(EXPECTED_FINDINGS);
    expect(result.status).toBe(1);
  });

  it('takes files and folders as paths, and --cwd', () => {
    const result = check(['--strict', '--format', 'json', '--cwd', app, 'src/components', 'src/features/user/controllers/user.controller.ts'], repoRoot);
    expect(findings(result.stdout)).toEqual(
      EXPECTED_FINDINGS.filter((finding) => finding.startsWith('src/components/') || finding.startsWith('src/features/user/controllers/user.controller.ts')),
    );
    expect(result.status).toBe(1);
  });

  it('json: parses, has the ESLint result shape and consistent counts', () => {
    const result = check(['--strict', '--format', 'json']);
    const results = JSON.parse(result.stdout) as JsonResult[];
    expect(results.length).toBeGreaterThan(0);
    for (const file of results) {
      // ESLint's LintResult keys, in ESLint's order; `source` because every file listed here has problems.
      expect(Object.keys(file)).toEqual(['filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'source', 'usedDeprecatedRules'].filter((key) => key !== 'source' || file.messages.length > 0));
      expect(file.filePath.startsWith(app)).toBe(true);
      expect(file.errorCount).toBe(file.messages.filter((message) => message.severity === 2).length);
      expect(file.warningCount).toBe(file.messages.filter((message) => message.severity === 1).length);
      expect(file.suppressedMessages).toEqual([]);
      expect(file.usedDeprecatedRules).toEqual([]);
      for (const message of file.messages) {
        expect(Object.keys(message).filter((key) => key !== 'fix' && key !== 'suggestions')).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'messageId', 'endLine', 'endColumn']);
        expect(message.ruleId).toMatch(/^igniter-rt\//);
      }
    }
    expect(results.reduce((sum, file) => sum + file.errorCount + file.warningCount, 0)).toBe(EXPECTED_FINDINGS.length);
  });

  it('github: one workflow command per finding', () => {
    const result = check(['--strict', '--format', 'github']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(EXPECTED_FINDINGS.length);
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=igniter-rt\/[a-z-]+::.+$/);
    }
    expect(lines.some((line) => line.startsWith('::error file=src/features/room/controllers/room.controller.ts,line=110,col=5,'))).toBe(true);
    expect(result.status).toBe(1);
  });

  it('stylish (the default): file headers, positions and a summary, without colours off a terminal', () => {
    const result = check(['--strict']);
    expect(result.stdout).toContain(join(app, 'src', 'components', 'server-status.tsx'));
    expect(result.stdout).toMatch(/ {2}17:20 {2}error {2}.+ {2}igniter-rt\/no-leaked-event-source/);
    expect(result.stdout).toMatch(/✖ 15 problems \(\d+ errors?, \d+ warnings?\)/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('--rule require-stream=off removes those findings', () => {
    const result = check(['--strict', '--format', 'json', '--rule', 'require-stream=off']);
    expect(findings(result.stdout)).toEqual(EXPECTED_FINDINGS.filter((finding) => !finding.endsWith(' igniter-rt/require-stream')));
  });

  it('--max-warnings: only warnings exit 0, or 1 with --max-warnings 0', () => {
    const allWarn = allRules.flatMap((rule) => ['--rule', `igniter-rt/${rule.id}=warn`]);
    const within = check(['--strict', '--format', 'json', ...allWarn]);
    expect(findings(within.stdout)).toEqual(EXPECTED_FINDINGS);
    expect((JSON.parse(within.stdout) as JsonResult[]).every((file) => file.errorCount === 0)).toBe(true);
    expect(within.status).toBe(0);
    const over = check(['--strict', '--format', 'json', '--max-warnings', '0', ...allWarn]);
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(/^igniter-rt: too many warnings/);
    expect(check(['--strict', '--max-warnings', String(EXPECTED_FINDINGS.length), ...allWarn]).status).toBe(0);
  });

  it('exits 0 with no output on a clean folder', () => {
    const dir = folder({ 'math.ts': CLEAN });
    const result = check([], dir);
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(JSON.parse(check(['--format', 'json'], dir).stdout)).toEqual([
      { filePath: join(dir, 'math.ts'), messages: [], suppressedMessages: [], errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [] },
    ]);
  });

  it('reads rules from igniter-rt.config.json', () => {
    // A copy of the example app (the project root is where cross-file facts come from), plus a config.
    const dir = folder({});
    cpSync(app, dir, { recursive: true });
    writeFileSync(join(dir, 'igniter-rt.config.json'), JSON.stringify({ rules: { 'require-stream': 'off', 'no-revalidate-in-loop': ['error', {}] }, settings: { instanceNames: ['igniter'] } }));
    const result = check(['--strict', '--format', 'json', '--cwd', dir], repoRoot);
    const results = JSON.parse(result.stdout) as JsonResult[];
    const found = results.flatMap((file) => file.messages.map((message) => `${relative(dir, file.filePath)}:${message.line}:${message.column} ${message.ruleId}`)).sort();
    expect(found).toEqual(EXPECTED_FINDINGS.filter((finding) => !finding.endsWith(' igniter-rt/require-stream')));
    const loop = results.flatMap((file) => file.messages).find((message) => message.ruleId === 'igniter-rt/no-revalidate-in-loop');
    expect(loop?.severity).toBe(2);
  });

  it('extends the data model from igniter-rt.config.json: writeOperations', () => {
    // The example app's `room.rename` writes through `rooms.updateName`; as `rooms.rename`, its verb is in neither table.
    const dir = folder({});
    cpSync(app, dir, { recursive: true });
    const controller = join(dir, 'src', 'features', 'room', 'controllers', 'room.controller.ts');
    writeFileSync(controller, readFileSync(controller, 'utf8').replace('context.database.rooms.updateName(', 'context.database.rooms.rename('));
    const renameFindings = () =>
      (JSON.parse(check(['--format', 'json', '--cwd', dir], repoRoot).stdout) as JsonResult[])
        .flatMap((file) => file.messages.filter((message) => message.ruleId === 'igniter-rt/require-revalidate').map((message) => `${relative(dir, file.filePath)}:${message.line} ${message.message.slice(0, 40)}`));
    expect(renameFindings()).toEqual(['src/features/message/controllers/message.controller.ts:102 Mutation \'pin\' changes \'message\' but can']);
    writeFileSync(join(dir, 'igniter-rt.config.json'), JSON.stringify({ settings: { writeOperations: ['rename'] } }));
    expect(renameFindings()).toEqual([
      'src/features/message/controllers/message.controller.ts:102 Mutation \'pin\' changes \'message\' but can',
      'src/features/room/controllers/room.controller.ts:62 Mutation \'rename\' changes \'room\' but can',
    ]);
  });

  it('exits 2 with one line on usage and configuration errors', () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [['--bogus'], undefined, /^igniter-rt: unknown option '--bogus'/],
      [['--format', 'xml'], undefined, /^igniter-rt: .*xml/],
      [['--rule', 'no-such-rule=off'], undefined, /^igniter-rt: --rule: unknown rule "no-such-rule"/],
      [['--rule', 'require-stream=loud'], undefined, /^igniter-rt: --rule require-stream: the level is off, warn or error/],
      [['--rule', 'require-stream'], undefined, /^igniter-rt: --rule takes <id>=off\|warn\|error/],
      [['--max-warnings', 'many'], undefined, /^igniter-rt: --max-warnings takes a whole number/],
      [['no/such/path'], undefined, /^igniter-rt: no such file or folder: no\/such\/path/],
      [[], folder({ 'igniter-rt.config.json': '{ "rules": ' }), /^igniter-rt: igniter-rt\.config\.json: malformed JSON/],
      [[], folder({ 'igniter-rt.config.json': '{ "rules": { "no-such-rule": "error" } }' }), /^igniter-rt: igniter-rt\.config\.json: unknown rule "no-such-rule"/],
      [[], folder({ 'igniter-rt.config.json': '{ "rules": { "require-stream": 2 } }' }), /^igniter-rt: igniter-rt\.config\.json: rule "require-stream" must be/],
    ];
    for (const [args, cwd, message] of cases) {
      const result = check(args, cwd);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('has its own help (check --help and help check)', () => {
    for (const args of [['check', '--help'], ['help', 'check']]) {
      const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: igniter-rt check \[options\] \[paths\.\.\.\]/);
      for (const flag of ['--max-warnings <n>', '--ignore <pattern>', '--fix ', '--fix-dry-run', '"sarif"', 'Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage']) expect(result.stdout).toContain(flag);
    }
  });
});

/**
 * The output formats against their published definitions: SARIF validates against the SARIF 2.1.0
 * JSON schema; ESLint's own formatters (stylish, json) load check's JSON and print exactly what check
 * prints; every GitHub line is a workflow command with the documented escaping. `check` runs
 * in-process here (runCheckCommand); the e2e tests run the built binary.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { runCheckCommand } from '../../src/cli/commands/check.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { repoRoot } from '../support/built-cli.js';
import { EXAMPLE_APP as app, EXPECTED_FINDINGS } from '../support/example-app.js';

const SCHEMA_PATH = join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'igniter-rt-formats-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function check(args: string[], color = false) {
  let stdout = '';
  let stderr = '';
  const status = await runCheckCommand(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), color });
  return { status, stdout, stderr };
}

/** One controller with one autofixable warning (revalidate-before-response) and a name that needs percent-encoding. */
const CONTROLLER = `import { igniter } from './igniter'

export const roomController = igniter.controller({
  name: 'Room',
  path: '/rooms',
  actions: {
    rename: igniter.mutation({
      name: 'Rename',
      path: '/:id' as const,
      method: 'PATCH',
      handler: async ({ request, response }) => {
        return response.success({ id: request.params.id }).revalidate(['room.list'])
      },
    }),
  },
})
`;
const CLEAN = `export const add = (a: number, b: number): number => a + b;\n`;
/** The same controller with a comma missing after `path` (line 5): ESLint's "Parsing error: ',' expected." at 6:2. */
const BROKEN = CONTROLLER.replace("path: '/rooms',", "path: '/rooms'");
/** A controller that does not parse next to one with a finding. */
const withParseError = () => folder({ 'room.controller.ts': CONTROLLER, 'broken.controller.ts': BROKEN });

function sarifValidator() {
  // The published schema's `language` pattern is not valid with the `u` flag (a stray `]`): compile without it.
  // Both are CommonJS modules whose `default` is the export itself.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
    }[];
  }[];
}

describe('--format sarif', () => {
  const validate = sarifValidator();

  it('validates against the SARIF 2.1.0 schema on the example app, with one result per finding', async () => {
    const { status, stdout, stderr } = await check(['--strict', '--format', 'sarif', '--cwd', app]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const log = JSON.parse(stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/^https:\/\/.*sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('igniter-rt');
    expect(run.tool.driver.version).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    // Every strict rule is described, with its docs page and its configured level.
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(allRules.map((rule) => `igniter-rt/${rule.id}`));
    for (const [index, rule] of run.tool.driver.rules.entries()) {
      expect(rule.helpUri).toBe(allRules[index].docs.url);
      expect(rule.shortDescription.text).toBe(allRules[index].docs.description);
    }
    expect(run.tool.driver.rules.find((rule) => rule.id === 'igniter-rt/revalidate-before-response')?.defaultConfiguration.level).toBe('warning');
    expect(run.tool.driver.rules.find((rule) => rule.id === 'igniter-rt/require-stream')?.defaultConfiguration.level).toBe('error');

    // Locations relative to the repository checkout (%SRCROOT%), where code scanning resolves them.
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(`${repoRoot}/`).href);
    const found = run.results.map((result) => {
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.level).toBe(result.ruleId.endsWith('revalidate-before-response') || result.ruleId.endsWith('no-revalidate-in-loop') ? 'warning' : 'error');
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
      return `${relative(app, join(repoRoot, artifactLocation.uri))}:${region.startLine}:${region.startColumn} ${result.ruleId}`;
    });
    expect(found.sort()).toEqual(EXPECTED_FINDINGS);
    // The region is the JSON report's range, exactly.
    const json = JSON.parse((await check(['--strict', '--format', 'json', '--cwd', app])).stdout) as { filePath: string; messages: { line: number; column: number; endLine: number; endColumn: number }[] }[];
    const ranges = json.flatMap((file) => file.messages.map((m) => `${relative(repoRoot, file.filePath)} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`));
    const regions = run.results.map(({ locations: [{ physicalLocation: { artifactLocation, region } }] }) => `${artifactLocation.uri} ${region.startLine}:${region.startColumn}-${region.endLine}:${region.endColumn}`);
    expect(regions).toEqual(ranges);
  });

  it('validates with no results on a clean folder outside git, relative to that folder', async () => {
    const dir = folder({ 'math.ts': CLEAN });
    const { status, stdout } = await check(['--format', 'sarif', '--cwd', dir]);
    expect(status).toBe(0);
    const log = JSON.parse(stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(`${dir}/`).href);
  });

  it('percent-encodes paths and still validates', async () => {
    const dir = folder({ 'room #1.controller.ts': CONTROLLER });
    const log = JSON.parse((await check(['--format', 'sarif', '--cwd', dir])).stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].results.map((result) => result.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['room%20%231.controller.ts']);
    expect(log.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 12, startColumn: 60, endLine: 12, endColumn: 85 });
  });

  it('a file that does not parse is a tool execution notification (no rule to name), the run still successful, and it validates', async () => {
    const dir = withParseError();
    const { status, stdout } = await check(['--format', 'sarif', '--cwd', dir]);
    expect(status).toBe(1);
    const log = JSON.parse(stdout) as SarifLog & {
      runs: { invocations?: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[]; tool: { driver: { notifications?: { id: string }[] } } }[];
    };
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const [run] = log.runs;
    // The finding in the file that parses is a result, as before; nothing of the broken file is.
    expect(run.results.map((result) => `${result.locations[0].physicalLocation.artifactLocation.uri} ${result.ruleId}`)).toEqual(['room.controller.ts igniter-rt/revalidate-before-response']);
    expect(run.tool.driver.notifications).toEqual([{ id: 'parse-error', name: 'ParseError', shortDescription: { text: 'The file does not parse, so no rule ran on it.' } }]);
    // Code scanning drops every result of a run whose execution did not succeed: a syntax error must not do that.
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            descriptor: { id: 'parse-error', index: 0 },
            level: 'error',
            message: { text: "Parsing error: ',' expected." },
            // ESLint's column 2 is 0-based (typescript-eslint's); SARIF's are 1-based.
            locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.controller.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 3 } } }],
          },
        ],
      },
    ]);
    // Not there when every file parses.
    const clean = JSON.parse((await check(['--format', 'sarif', '--cwd', folder({ 'room.controller.ts': CONTROLLER })])).stdout) as { runs: { invocations?: unknown; tool: { driver: { notifications?: unknown } } }[] };
    expect(clean.runs[0].invocations).toBeUndefined();
    expect(clean.runs[0].tool.driver.notifications).toBeUndefined();
  });

  it('the schema check can fail: a log without a version or with a bad level does not validate', async () => {
    const log = JSON.parse((await check(['--format', 'sarif', '--cwd', folder({ 'room.controller.ts': CONTROLLER })])).stdout) as Omit<SarifLog, 'version'> & { version?: string };
    const badLevel = structuredClone(log);
    badLevel.runs[0].results[0].level = 'fatal';
    expect(validate(badLevel)).toBe(false);
    delete log.version;
    expect(validate(log)).toBe(false);
  });
});

describe('--format json in ESLint formatters', () => {
  it("ESLint's stylish prints check's JSON exactly as check's stylish does, without and with colours", async () => {
    const eslint = new ESLint({ cwd: app });
    const stylish = await eslint.loadFormatter('stylish');
    const results = JSON.parse((await check(['--strict', '--format', 'json', '--cwd', app])).stdout) as ESLint.LintResult[];
    for (const color of [false, true]) {
      const ours = await check(['--strict', '--cwd', app], color);
      const theirs = await stylish.format(results, { cwd: app, color } as ESLint.ResultsMeta);
      expect(ours.stdout).toBe(theirs);
      expect(ours.stdout.includes('\u001b['), `color ${color}`).toBe(color);
    }
    const plain = (await check(['--strict', '--cwd', app])).stdout;
    expect(plain).toContain('\u2716 15 problems (13 errors, 2 warnings)\n  0 errors and 1 warning potentially fixable with the `--fix` option.\n');
    expect(plain).toContain(`\n${join(app, 'src', 'features', 'room', 'controllers', 'room.controller.ts')}\n   22:5   error    Stream 'directory' has no authentication`);
  });

  it("ESLint's stylish on ESLint's own results prints the same text as check (the real parity of the text)", async () => {
    const plugin = (await import('../../src/eslint/plugin.js')).default;
    const eslint = new ESLint({ cwd: app, overrideConfigFile: true, overrideConfig: [plugin.configs.strict] });
    const stylish = await eslint.loadFormatter('stylish');
    const theirs = await stylish.format(await eslint.lintFiles(['**/*.{ts,tsx}']), { cwd: app, color: false } as ESLint.ResultsMeta);
    expect((await check(['--strict', '--cwd', app])).stdout).toBe(theirs);
  });

  it("ESLint's json formatter reproduces check's JSON byte for byte", async () => {
    const json = await new ESLint({ cwd: app }).loadFormatter('json');
    const { stdout } = await check(['--strict', '--format', 'json', '--cwd', app]);
    expect(`${await json.format(JSON.parse(stdout) as ESLint.LintResult[], { cwd: app } as ESLint.ResultsMeta)}\n`).toBe(stdout);
  });

  it("a file that does not parse: ESLint's fatal message and counts, and ESLint's stylish and json formatters print check's output", async () => {
    const dir = withParseError();
    const { status, stdout } = await check(['--format', 'json', '--cwd', dir]);
    expect(status).toBe(1);
    const results = JSON.parse(stdout) as ESLint.LintResult[];
    const plugin = (await import('../../src/eslint/plugin.js')).default;
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const theirs = await eslint.lintFiles(['*.ts']);
    const broken = theirs.find((result) => result.filePath.endsWith('broken.controller.ts'))!;
    // What ESLint itself reports, key for key (line 6, column 2: typescript-eslint's 0-based column).
    expect(broken.messages).toEqual([{ ruleId: null, fatal: true, severity: 2, message: "Parsing error: ',' expected.", line: 6, column: 2 }]);
    expect(results).toEqual(theirs.map((result) => JSON.parse(JSON.stringify(result)) as ESLint.LintResult));
    expect(results.find((result) => result.filePath.endsWith('broken.controller.ts'))).toMatchObject({ errorCount: 1, fatalErrorCount: 1, warningCount: 0, source: BROKEN });
    const json = await eslint.loadFormatter('json');
    expect(`${await json.format(results, { cwd: dir } as ESLint.ResultsMeta)}\n`).toBe(stdout);
    const stylish = await eslint.loadFormatter('stylish');
    for (const color of [false, true]) {
      const ours = await check(['--cwd', dir], color);
      expect(ours.stdout).toBe(await stylish.format(results, { cwd: dir, color } as ESLint.ResultsMeta));
    }
    // No rule id: the row ends with the message.
    expect((await check(['--cwd', dir])).stdout).toContain(`${join(dir, 'broken.controller.ts')}\n  6:2  error  Parsing error: ',' expected\n`);
  });

  it('the JSON carries fixes and suggestions in ESLint\'s shape, and "output" after --fix-dry-run', async () => {
    const dir = folder({ 'room.controller.ts': CONTROLLER });
    const [result] = JSON.parse((await check(['--format', 'json', '--cwd', dir])).stdout) as ESLint.LintResult[];
    expect(result.fixableWarningCount).toBe(1);
    expect(result.source).toBe(CONTROLLER);
    const fix = result.messages[0].fix!;
    expect(CONTROLLER.slice(0, fix.range[0]) + fix.text + CONTROLLER.slice(fix.range[1])).toContain(
      "return response.revalidate(['room.list']).success({ id: request.params.id })",
    );
    const [fixed] = JSON.parse((await check(['--format', 'json', '--fix-dry-run', '--cwd', dir])).stdout) as ESLint.LintResult[];
    expect(fixed.messages).toEqual([]);
    expect(fixed.source).toBeUndefined();
    expect(fixed.output).toBe(CONTROLLER.replace(".success({ id: request.params.id }).revalidate(['room.list'])", ".revalidate(['room.list']).success({ id: request.params.id })"));
    // Dry run: nothing written.
    expect(readFileSync(join(dir, 'room.controller.ts'), 'utf8')).toBe(CONTROLLER);
  });
});

describe('--format github', () => {
  // https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
  const PROPERTY = '(?:[^,:%\\r\\n]|%25|%0D|%0A|%3A|%2C)+';
  const DATA = '(?:[^%\\r\\n]|%25|%0D|%0A)*';
  const COMMAND = new RegExp(`^::(error|warning) file=(${PROPERTY}),line=(\\d+),col=(\\d+),endLine=(\\d+),endColumn=(\\d+),title=(${PROPERTY})::(${DATA})$`);
  const unescape = (value: string) => value.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');

  it('prints one workflow command per finding, with the JSON report\'s file, range, rule and message', async () => {
    const { stdout } = await check(['--strict', '--format', 'github', '--cwd', app]);
    const json = JSON.parse((await check(['--strict', '--format', 'json', '--cwd', app])).stdout) as ESLint.LintResult[];
    const expected = json.flatMap((file) =>
      file.messages.map((m) => [m.severity === 2 ? 'error' : 'warning', relative(app, file.filePath), m.line, m.column, m.endLine, m.endColumn, m.ruleId, m.message].join('|')),
    );
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(EXPECTED_FINDINGS.length);
    const parsed = lines.map((line) => {
      const match = COMMAND.exec(line);
      expect(match, line).not.toBeNull();
      const [, level, file, startLine, column, endLine, endColumn, title, message] = match!;
      return [level, unescape(file), startLine, column, endLine, endColumn, unescape(title), unescape(message)].join('|');
    });
    expect(parsed).toEqual(expected);
  });

  it('a file that does not parse: an error titled "Parsing error" at its (1-based) position, without an end', async () => {
    const dir = withParseError();
    const { status, stdout } = await check(['--format', 'github', '--cwd', dir]);
    expect(status).toBe(1);
    const [parseError, finding] = stdout.trimEnd().split('\n');
    expect(parseError).toBe("::error file=broken.controller.ts,line=6,col=3,title=Parsing error::',' expected.");
    expect(new RegExp(`^::error file=(${PROPERTY}),line=(\\d+),col=(\\d+),title=(${PROPERTY})::(${DATA})$`).test(parseError)).toBe(true);
    expect(finding).toMatch(COMMAND);
  });

  it('escapes % \\r \\n in the message, and also , and : in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('src/a,b:c%.ts')).toBe('src/a%2Cb%3Ac%25.ts');
    const root = join(tmpdir(), 'repo');
    const output = formatGithub(
      [{ filePath: join(root, 'src', 'odd, name: 100%.ts'), messages: [{ ruleId: 'igniter-rt/require-stream', severity: 1, message: 'line one\nline two: 100%', messageId: 'x', line: 3, column: 2, endLine: 4, endColumn: 9 }] }],
      root,
    );
    expect(output).toBe('::warning file=src/odd%2C name%3A 100%25.ts,line=3,col=2,endLine=4,endColumn=9,title=igniter-rt/require-stream::line one%0Aline two: 100%25\n');
    expect(COMMAND.test(output.trimEnd())).toBe(true);
  });
});

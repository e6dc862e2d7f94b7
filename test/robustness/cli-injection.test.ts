/**
 * Security: no input can inject code into generated files. The `generate` command runs in process
 * (the same argv parsing as the binary, and argv may hold a NUL here) with payloads in every name and
 * option value, and in the project content that generators copy into code (router and action keys, a
 * configured folder). Each outcome is checked:
 *
 * - refused: exit 2, one line on stderr with control characters shown escaped, the project unchanged;
 * - accepted: every file written parses without a syntax error (TypeScript), no identifier `pwned` (the
 *   payloads' marker) appears, the files have the statements the benign input gives, and the value is
 *   there as a string literal whose value is exactly the input.
 *
 * Also: no module of the shipped code can run a shell (a scan of src/ and bin/).
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { runGenerateCommand } from '../../src/cli/commands/generate.js';
import { app, codeView, removeAll, repoRoot, snapshot } from './cli-support.js';

/** Code, each payload tries to run `pwned()` by leaving the string, comment or line it is put in. */
const PAYLOADS = [
  "x'); pwned(); ('",
  'x"); pwned(); ("',
  'x`; pwned(); `',
  'x${pwned()}',
  'x */ pwned(); /* ',
  'x\npwned()\n// ',
  'x\r\npwned()',
  'x\u2028pwned()',
  'x\u2029pwned()',
  'x</script><script>pwned()</script>',
  'x\u0000pwned()',
  "x\\'); pwned(); //",
  'x\u001b]0;pwned\u0007',
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function generate(root: string, args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runGenerateCommand([...args, '--cwd', root], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

/** The project files a successful run created or updated. */
function changedFiles(run: Run): string[] {
  return [...run.stdout.matchAll(/^(?:CREATE|UPDATE) (\S+)$/gm)].map((match) => match[1]);
}

function expectRefused(run: Run, label: string): void {
  expect(run.code, `${label}: ${run.stderr}${run.stdout}`).toBe(2);
  // One line (and commander's usage hint): the payload's line breaks, NUL and escape sequences are shown escaped.
  expect(run.stderr, label).toMatch(/^igniter-rt: [^\n]+\n(\(add --help[^\n]*\)\n)?$/);
  expect(run.stderr.replace(/\n/g, ''), label).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
  expect(run.stdout, label).toBe('');
}

/** Every file of a successful run parses, has no `pwned` identifier, and (given a baseline) the same statements. */
function expectNoInjection(root: string, run: Run, label: string, baseline?: Map<string, string[]>): Map<string, string[]> {
  expect(run.code, `${label}: ${run.stderr}`).toBe(0);
  const statements = new Map<string, string[]>();
  for (const file of changedFiles(run)) {
    const view = codeView(readFileSync(join(root, file), 'utf8'), file);
    expect(view.syntaxErrors, `${label}: ${file}`).toEqual([]);
    expect(view.identifiers.has('pwned'), `${label}: ${file} calls pwned`).toBe(false);
    statements.set(file, view.statements);
    if (baseline?.has(file)) expect(view.statements, `${label}: ${file}`).toEqual(baseline.get(file));
  }
  return statements;
}

function stringsOf(root: string, files: string[]): string[] {
  return files.flatMap((file) => codeView(readFileSync(join(root, file), 'utf8'), file).strings);
}

let base: string;

/** A copy of the base project (the fixture with `generate controller note` done). */
function copyOfBase(): string {
  const root = app();
  cpSync(base, root, { recursive: true });
  return root;
}

beforeAll(async () => {
  base = app();
  const done = await generate(base, ['controller', 'note']);
  expect(done.code, done.stderr).toBe(0);
}, 120_000);

afterAll(removeAll);

/** Each input, with valid values for the rest: `{}` marks where the payload goes. */
const INPUTS: [string, string[]][] = [
  ['controller <name>', ['controller', '{}']],
  ['controller --auth', ['controller', 'memo', '--auth', '{}']],
  ['controller --scope', ['controller', 'memo', '--scope', '{}']],
  ['controller --data', ['controller', 'memo', '--data', '{}']],
  ['controller --actions', ['controller', 'memo', '--actions', '{}']],
  ['mutation <name>', ['mutation', '{}', '--controller', 'note']],
  ['mutation --controller', ['mutation', 'archive', '--controller', '{}']],
  ['mutation --auth', ['mutation', 'archive', '--controller', 'note', '--auth', '{}']],
  ['mutation --path', ['mutation', 'archive', '--controller', 'note', '--path', '{}']],
  ['mutation --method', ['mutation', 'archive', '--controller', 'note', '--method', '{}']],
  ['stream <name>', ['stream', '{}', '--controller', 'note', '--kind', 'typing']],
  ['stream --controller', ['stream', 'typing', '--controller', '{}', '--kind', 'typing']],
  ['stream --kind', ['stream', 'typing', '--controller', 'note', '--kind', '{}']],
  ['stream --scope', ['stream', 'typing', '--controller', 'note', '--kind', 'typing', '--scope', '{}']],
  ['stream --auth', ['stream', 'typing', '--controller', 'note', '--kind', 'typing', '--auth', '{}']],
  ['hook <controller>', ['hook', '{}']],
  ['procedure <kind>', ['procedure', '{}', 'session-auth']],
  ['procedure <name>', ['procedure', 'auth', '{}']],
  ['procedure --cookie', ['procedure', 'auth', 'session-auth', '--cookie', '{}']],
  ['procedure --limit', ['procedure', 'rate-limit', 'api-rate-limit', '--limit', '{}']],
  ['procedure --window', ['procedure', 'rate-limit', 'api-rate-limit', '--window', '{}']],
  ['--templates', ['controller', 'memo', '--templates', '{}']],
];

describe('payloads in every name and option value', () => {
  it.each(INPUTS)('%s: every payload is refused (exit 2, one line), nothing written', async (_label, args) => {
    const root = copyOfBase();
    const before = snapshot(root);
    for (const payload of PAYLOADS) {
      const run = await generate(
        root,
        args.map((arg) => (arg === '{}' ? payload : arg)),
      );
      expectRefused(run, `${_label} = ${JSON.stringify(payload)}`);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it('a cookie name with quote, backtick, dollar and star is kept exactly, as a string literal', async () => {
    const baselineRoot = copyOfBase();
    const baseline = expectNoInjection(baselineRoot, await generate(baselineRoot, ['procedure', 'auth', 'session-auth', '--cookie', 'sid']), 'baseline');
    for (const cookie of ["o'brien", 'tick`tock', 'dollar$sign{', 'star*/', 'a.b|c~d']) {
      const root = copyOfBase();
      const run = await generate(root, ['procedure', 'auth', 'session-auth', '--cookie', cookie]);
      if (/[{/]/.test(cookie)) {
        expectRefused(run, cookie); // not a cookie-name character
        continue;
      }
      expectNoInjection(root, run, cookie, baseline);
      expect(stringsOf(root, changedFiles(run))).toContain(cookie);
    }
  });
});

describe('payloads in the project content generators copy into code', () => {
  /** Written in TS source as an escaped literal; its value holds a quote, `*\/`, a line break, `${`, U+2028. */
  const KEY = "x'*/\n${pwned()}\u2028y";
  const keySource = JSON.stringify(KEY).replace(/\u2028/g, '\\u2028');

  it('a router key: a mutation revalidates it as an exact string literal and comments it safely', async () => {
    const baselineRoot = copyOfBase();
    const baselineRun = await generate(baselineRoot, ['mutation', 'archive', '--controller', 'note']);
    const baseline = expectNoInjection(baselineRoot, baselineRun, 'baseline');

    const root = copyOfBase();
    const router = join(root, 'src/igniter.router.ts');
    writeFileSync(router, readFileSync(router, 'utf8').replace('note: noteController,', `note: noteController,\n    ${keySource}: noteController,`));
    const run = await generate(root, ['mutation', 'archive', '--controller', KEY]);
    expectNoInjection(root, run, 'router key', baseline);
    expect(stringsOf(root, changedFiles(run))).toContain(`${KEY}.list`);
  });

  it('a router key: a stream refuses it (it would go into template literals), nothing written', async () => {
    const root = copyOfBase();
    const router = join(root, 'src/igniter.router.ts');
    writeFileSync(router, readFileSync(router, 'utf8').replace('note: noteController,', `note: noteController,\n    ${keySource}: noteController,`));
    const before = snapshot(root);
    expectRefused(await generate(root, ['stream', 'typing', '--controller', KEY, '--kind', 'typing']), 'stream');
    expect(snapshot(root)).toEqual(before);
  });

  it('an action key: the hook and a mutation keep it exact in literals and safe in comments', async () => {
    const root = copyOfBase();
    const controller = join(root, 'src/features/note/controllers/note.controller.ts');
    const action = `${keySource}: igniter.query({\n      path: '/odd' as const,\n      stream: true,\n      use: [authProcedure()],\n      handler: async ({ response }) => response.success({ ok: true }),\n    }),\n\n    list:`;
    writeFileSync(controller, readFileSync(controller, 'utf8').replace('    list:', `    ${action}`));
    const hook = await generate(root, ['hook', 'note']);
    expectNoInjection(root, hook, 'hook');
    expect(stringsOf(root, changedFiles(hook))).toContain(KEY);
    const mutation = await generate(root, ['mutation', 'archive', '--controller', 'note']);
    expectNoInjection(root, mutation, 'mutation');
    expect(stringsOf(root, changedFiles(mutation))).toContain(`note.${KEY}`);
  });

  it("a configured folder with a quote: imports of it are exact string literals", async () => {
    const root = copyOfBase();
    writeFileSync(join(root, 'igniter-rt.config.json'), JSON.stringify({ generate: { featuresDir: "src/it's features" } }));
    const run = await generate(root, ['controller', 'memo']);
    expectNoInjection(root, run, 'featuresDir');
    expect(stringsOf(root, ['src/igniter.router.ts'])).toContain("@/it's features/memo/controllers/memo.controller");
  });
});

/** What in a module could run a shell: exec/execSync, child_process imported whole, a `shell` option. */
function shellProblems(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    const callee = ts.isCallExpression(node) ? node.expression.getText(source) : '';
    const specifier =
      ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) && /^(require|import)$/.test(callee) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])
          ? node.arguments[0].text
          : undefined;
    if (specifier !== undefined && /^(node:)?child_process$/.test(specifier)) {
      const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : undefined;
      if (!bindings || !ts.isNamedImports(bindings) || (ts.isImportDeclaration(node) && node.importClause?.name)) problems.push(`${where(node)}: child_process imported whole`);
      else for (const element of bindings.elements) if (/^exec(Sync)?$/.test((element.propertyName ?? element.name).text)) problems.push(`${where(node)}: ${element.name.text}`);
    }
    if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && node.name.getText(source) === 'shell') problems.push(`${where(node)}: shell option`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe('no shell', () => {
  it('no module of src/ or bin/ imports exec/execSync or a whole child_process, or passes a `shell` option', () => {
    const files = ['src', 'bin'].flatMap((folder) =>
      readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && /\.[cm]?[jt]s$/.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name)),
    );
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => shellProblems(file.slice(repoRoot.length + 1), readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('the scan finds each way (so the test above cannot pass by matching nothing)', () => {
    const sample = [
      "import { exec, spawn } from 'node:child_process';",
      "import * as cp from 'child_process';",
      "import { execSync as run } from 'child_process';",
      "const { spawnSync } = require('node:child_process');",
      "spawn('ls', [], { shell: true });",
      "import { execFile } from 'node:child_process';",
    ].join('\n');
    expect(shellProblems('sample.ts', sample)).toEqual([
      'sample.ts:1: exec',
      'sample.ts:2: child_process imported whole',
      'sample.ts:3: run',
      'sample.ts:4: child_process imported whole',
      'sample.ts:5: shell option',
    ]);
  });
});

/**
 * Support for the CLI robustness tests: copies of test/fixtures/generator-app inside the repo (so the
 * app's imports resolve), a byte-exact snapshot of a tree (content, modes, symlink targets), the built
 * binary run without a terminal, and a TypeScript view of generated files for the injection checks.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { bin, repoRoot } from '../support/built-cli.js';
import { unprivileged } from '../generate/unprivileged.js';

export { repoRoot };
export const fixture = join(repoRoot, 'test', 'fixtures', 'generator-app');
const made: string[] = [];

/**
 * A fresh copy of the fixture app inside the repo, removed by `removeAll()`; `layout` copies one of the
 * starter layouts of test/fixtures/layouts instead (`nextjs`, `no-store`, ...).
 */
export function app(layout?: string): string {
  const root = mkdtempSync(join(repoRoot, '.tmp-robust-'));
  made.push(root);
  cpSync(layout ? join(repoRoot, 'test', 'fixtures', 'layouts', layout) : fixture, root, { recursive: true });
  return root;
}

/**
 * A copy of the fixture app outside the repo: `check` skips what git ignores, and the repo's
 * .gitignore covers the `.tmp-*` copies. Its imports do not resolve (no node_modules), which the
 * rules do not need.
 */
export function appOutsideRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'igniter-rt-app-'));
  made.push(root);
  cpSync(fixture, root, { recursive: true });
  return root;
}

/** An empty folder outside the repo (a target "outside the project"), removed by `removeAll()`. */
export function outsideFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'igniter-rt-outside-'));
  made.push(folder);
  return folder;
}

export function removeAll(): void {
  for (const path of made.splice(0)) {
    makeWritable(path);
    rmSync(path, { recursive: true, force: true });
  }
}

function makeWritable(path: string): void {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    chmodSync(path, stat.mode | 0o700);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
  } catch {
    // gone
  }
}

/**
 * Every entry under `root` (symlinks not followed): files as their bytes (latin1, so any byte compares),
 * folders and links by mode and target. Equal snapshots mean nothing was written, created, removed or
 * re-moded.
 */
export function snapshot(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const key = prefix + name;
      const stat = lstatSync(path);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) entries[key] = `link -> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        entries[`${key}/`] = `dir ${mode}`;
        walk(path, `${key}/`);
      } else entries[key] = `file ${mode} ${readFileSync(path).toString('latin1')}`;
    }
  };
  walk(root, '');
  return entries;
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The built binary with stdin closed and no CI variable (so the only reason not to prompt is the missing
 * terminal), optionally as an unprivileged process. A run that hangs is killed after 60 s and shows
 * up as `signal: 'SIGTERM'`.
 */
export function cli(args: readonly string[], options: { cwd?: string; unprivileged?: boolean; env?: Record<string, string> } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  if (!options.env || !('CI' in options.env)) delete env.CI;
  const argv = [process.execPath, bin, ...args];
  const [command, ...rest] = options.unprivileged ? unprivileged(argv) : argv;
  const result = spawnSync(command, rest, { cwd: options.cwd ?? repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env, timeout: 60_000 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

// --- TypeScript's view of a generated file -----------------------------------------------------------

export interface CodeView {
  /** Syntax errors, as `line:column message`. */
  syntaxErrors: string[];
  /** Every identifier in the code (comments and strings excluded). */
  identifiers: Set<string>;
  /** The kinds of the top-level statements, in order. */
  statements: string[];
  /** The values of every string literal and template text. */
  strings: string[];
}

export function codeView(text: string, fileName = 'file.ts'): CodeView {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const view: CodeView = {
    syntaxErrors: diagnostics.map((diagnostic) => {
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start);
      return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    }),
    identifiers: new Set(),
    statements: source.statements.map((statement) => ts.SyntaxKind[statement.kind]),
    strings: [],
  };
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) view.identifiers.add(node.text);
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) view.strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return view;
}

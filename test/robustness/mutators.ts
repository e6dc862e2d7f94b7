/**
 * Mutators for the fuzz test: each turns a source text into a broken or odd variant, the way code
 * looks while someone is typing it (deleted, duplicated and swapped tokens, a truncated file,
 * unbalanced brackets) or the way real code surprises a rule (`undefined` where a handler was, a
 * property written twice, an argument missing, an Igniter name in an unexpected place).
 * Token mutators work on TypeScript's scanner tokens; structural ones on a parse of the current text.
 */
import ts from 'typescript';
import type { Rng } from './prng.js';

export interface Mutation {
  text: string;
  /** What was done, for the failure report: `delete-token 120..127 "igniter"`. */
  note: string;
}

export interface Mutator {
  name: string;
  /** The mutated text, or undefined when the text offers nothing to mutate this way. */
  apply(text: string, rng: Rng, context: MutationContext): Mutation | undefined;
}

export interface MutationContext {
  isTsx: boolean;
  /** Other corpus texts, for splicing code of one file into another. */
  donors: readonly string[];
}

interface Token {
  start: number;
  end: number;
  kind: ts.SyntaxKind;
}

function tokensOf(text: string, isTsx: boolean): Token[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, isTsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, text);
  const tokens: Token[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    tokens.push({ start: scanner.getTokenStart(), end: scanner.getTokenEnd(), kind });
  }
  return tokens;
}

/** Names the rules look for: moved to the wrong place, they exercise the rules' unusual paths. */
const IGNITER_NAMES = [
  'igniter', 'query', 'mutation', 'controller', 'router', 'revalidate', 'success', 'created', 'noContent', 'publish', 'send',
  'to', 'subscribe', 'unsubscribe', 'sadd', 'srem', 'setInterval', 'clearInterval', 'stream', 'scopes', 'path', 'handler',
  'use', 'method', 'response', 'request', 'context', 'realtime', 'store', 'signal', 'raw', 'onDisconnect', 'EventSource',
  'close', 'useEffect', 'createIgniterQuery', 'createIgniterMutation', 'createIgniterController', 'createIgniterRouter',
  'actions', 'controllers', 'name', 'body', 'params', 'abort', 'addEventListener', 'then', 'catch',
  'length', 'prototype',
];

/** Members of every object: code that looks a source name up in a plain object finds these instead. */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];

/** Revalidation keys and strings of odd shapes. */
const STRINGS = [
  "''", "'.'", "'..'", "'message.'", "'.list'", "'*'", "'message.*'", "'message.list.extra'", "'constructor'", "'__proto__.list'",
  "'message.constructor'", "'toString.valueOf'", "'message.list'", "'room.messages'", "'user:1'", '`message.${key}`', "'\\u0000'",
];

/** Expressions of every shape, to replace one that a rule expected to be of some other shape. */
const EXPRESSIONS = [
  'undefined', 'null', '0', '-1', "''", '``', '[]', '{}', '() => {}', 'async () => undefined', 'function () {}', 'x!',
  '(a, b)', '`${a}${b}`', 'true', 'this', 'super', 'import.meta', 'void 0', '1n', '/re/g', "'__proto__'", "'constructor'",
  "['a', ...b]", '{ ...a }', 'a as any', 'a satisfies B', 'new EventSource(url)', 'response.success()',
  "response.revalidate(['message.list'])", "realtime.revalidate({ path: '/x', scopes: [] })", "igniter.query({ path: '/' })",
  "igniter.mutation({ path: '/', method: 'POST', handler: undefined })", 'context.store.subscribe(k, f)', 'setInterval(f, 1)',
];

const WRAPS: ((code: string) => string)[] = [
  (code) => `(${code})`,
  (code) => `await ${code}`,
  (code) => `${code}!`,
  (code) => `(${code} as any)`,
  (code) => `${code}?.x`,
  (code) => `void ${code}`,
  (code) => `[${code}]`,
  (code) => `{ x: ${code} }`,
  (code) => `() => ${code}`,
  (code) => `cond ? ${code} : other`,
  (code) => `${code}.success()`,
  (code) => `${code}.revalidate(['message.list'])`,
  (code) => `...${code}`,
];

const INSERTIONS = ['return', 'await', 'yield', 'async', '=>', ',', ';', ':', '...', '?.', '!', '.', 'stream: true,', 'export default', '/** @stream */', '`', "'", '/*', '//'];

const BRACKETS = new Set([
  ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.OpenBraceToken, ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.OpenBracketToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken,
]);

const EXPRESSION_KINDS = new Set([
  ts.SyntaxKind.Identifier, ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression, ts.SyntaxKind.PropertyAccessExpression,
  ts.SyntaxKind.ElementAccessExpression, ts.SyntaxKind.ObjectLiteralExpression, ts.SyntaxKind.ArrayLiteralExpression,
  ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateExpression, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.AwaitExpression, ts.SyntaxKind.ConditionalExpression, ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.ParenthesizedExpression, ts.SyntaxKind.AsExpression, ts.SyntaxKind.NonNullExpression,
]);

function replace(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return JSON.stringify(shown);
}

interface Parsed {
  file: ts.SourceFile;
  nodes: ts.Node[];
}

/** A parse of `text` (error-tolerant) and its nodes in document order. */
function parse(text: string, isTsx: boolean): Parsed {
  const file = ts.createSourceFile(isTsx ? 'fuzz.tsx' : 'fuzz.ts', text, ts.ScriptTarget.Latest, false, isTsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const nodes: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    nodes.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { file, nodes };
}

interface Edit {
  start: number;
  end: number;
  insert: string;
}

/** A token mutator: picks a token matching `accept` and rewrites the text around it. */
function tokenMutator(name: string, accept: (token: Token) => boolean, rewrite: (text: string, token: Token, rng: Rng, tokens: Token[]) => string): Mutator {
  return {
    name,
    apply(text, rng, context) {
      const tokens = tokensOf(text, context.isTsx);
      const candidates = tokens.filter(accept);
      if (candidates.length === 0) return undefined;
      const token = rng.pick(candidates);
      return { text: rewrite(text, token, rng, tokens), note: `${name} ${token.start}..${token.end} ${quote(text.slice(token.start, token.end))}` };
    },
  };
}

/** A structural mutator: picks a node that `select` maps to an edit. */
function nodeMutator(name: string, select: (node: ts.Node, file: ts.SourceFile, rng: Rng) => Edit | undefined): Mutator {
  return {
    name,
    apply(text, rng, context) {
      const { file, nodes } = parse(text, context.isTsx);
      // Several tries: most nodes do not qualify, and taking the first one that does would favour the top of the file.
      for (let attempt = 0; attempt < 40; attempt++) {
        const edit = select(rng.pick(nodes), file, rng);
        if (edit) {
          const before = text.slice(edit.start, edit.end);
          return { text: replace(text, edit.start, edit.end, edit.insert), note: `${name} ${edit.start}..${edit.end} ${quote(before)} -> ${quote(edit.insert)}` };
        }
      }
      return undefined;
    },
  };
}

/** The elements of a list node, and what separates them. */
function listOf(node: ts.Node): { items: ts.NodeArray<ts.Node>; separator: string } | undefined {
  if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) return { items: node.arguments, separator: ',' };
  if (ts.isObjectLiteralExpression(node)) return { items: node.properties, separator: ',' };
  if (ts.isArrayLiteralExpression(node)) return { items: node.elements, separator: ',' };
  if (ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) return { items: node.elements as ts.NodeArray<ts.Node>, separator: ',' };
  if (ts.isBlock(node) || ts.isSourceFile(node)) return { items: node.statements, separator: '\n' };
  if (ts.isClassDeclaration(node)) return { items: node.members, separator: '\n' };
  return undefined;
}

const any = (): boolean => true;
const isIdentifier = (token: Token): boolean => token.kind === ts.SyntaxKind.Identifier;

export const MUTATORS: readonly Mutator[] = [
  tokenMutator('delete-token', any, (text, token) => replace(text, token.start, token.end, '')),
  tokenMutator('duplicate-token', any, (text, token) => replace(text, token.end, token.end, ` ${text.slice(token.start, token.end)}`)),
  tokenMutator('swap-tokens', any, (text, token, _rng, tokens) => {
    const next = tokens[tokens.indexOf(token) + 1];
    if (!next) return text;
    return text.slice(0, token.start) + text.slice(next.start, next.end) + text.slice(token.end, next.start) + text.slice(token.start, token.end) + text.slice(next.end);
  }),
  tokenMutator('delete-bracket', (token) => BRACKETS.has(token.kind), (text, token) => replace(text, token.start, token.end, '')),
  tokenMutator('insert-bracket', any, (text, token, rng) => replace(text, token.start, token.start, rng.pick(['(', ')', '{', '}', '[', ']', '<', '>']))),
  tokenMutator('insert-token', any, (text, token, rng) => replace(text, token.start, token.start, `${rng.pick(INSERTIONS)} `)),
  tokenMutator('identifier-to-undefined', isIdentifier, (text, token) => replace(text, token.start, token.end, 'undefined')),
  tokenMutator('rename-identifier', isIdentifier, (text, token, rng) => replace(text, token.start, token.end, rng.pick(IGNITER_NAMES))),
  tokenMutator('prototype-name', isIdentifier, (text, token, rng) => replace(text, token.start, token.end, rng.pick(PROTOTYPE_NAMES))),
  tokenMutator('replace-string', (token) => token.kind === ts.SyntaxKind.StringLiteral, (text, token, rng) => replace(text, token.start, token.end, rng.pick(STRINGS))),
  {
    // A consistent rename (a refactor): declarations and uses change together, so lookups by the new name succeed or fail together.
    name: 'rename-symbol',
    apply(text, rng, context) {
      const names = [...new Set(tokensOf(text, context.isTsx).filter(isIdentifier).map((token) => text.slice(token.start, token.end)))];
      if (names.length === 0) return undefined;
      const name = rng.pick(names);
      const replacement = rng.pick(rng.chance(0.5) ? PROTOTYPE_NAMES : IGNITER_NAMES);
      const escaped = name.replace(/[$]/g, '\\$&');
      return { text: text.replace(new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g'), replacement), note: `rename-symbol ${quote(name)} -> ${quote(replacement)}` };
    },
  },
  {
    // Another file's code after this one: a router next to controllers, revalidations next to the queries they name.
    name: 'append-file',
    apply(text, rng, context) {
      const donor = rng.pick(context.donors);
      return { text: `${text}\n${donor}`, note: `append-file ${quote(donor.slice(0, 40))}` };
    },
  },
  {
    name: 'truncate',
    apply(text, rng) {
      if (text.length === 0) return undefined;
      const at = rng.below(text.length);
      return { text: text.slice(0, at), note: `truncate at ${at}` };
    },
  },
  {
    name: 'splice',
    apply(text, rng, context) {
      const donor = rng.pick(context.donors);
      const tokens = tokensOf(donor, context.isTsx);
      const targets = tokensOf(text, context.isTsx);
      if (tokens.length === 0 || targets.length === 0) return undefined;
      const from = rng.below(tokens.length);
      const to = Math.min(tokens.length - 1, from + rng.below(30));
      const code = donor.slice(tokens[from].start, tokens[to].end);
      const at = rng.pick(targets).start;
      return { text: replace(text, at, at, ` ${code} `), note: `splice at ${at} ${quote(code)}` };
    },
  },
  nodeMutator('swap-arguments', (node, file, rng) => {
    if (!(ts.isCallExpression(node) || ts.isNewExpression(node)) || !node.arguments || node.arguments.length < 2) return undefined;
    const first = rng.below(node.arguments.length - 1);
    const a = node.arguments[first];
    const b = node.arguments[first + 1 + rng.below(node.arguments.length - first - 1)];
    const text = file.text;
    const aStart = a.getStart(file);
    const bStart = b.getStart(file);
    return { start: aStart, end: b.end, insert: text.slice(bStart, b.end) + text.slice(a.end, bStart) + text.slice(aStart, a.end) };
  }),
  nodeMutator('delete-element', (node, _file, rng) => {
    const list = listOf(node);
    if (!list || list.items.length === 0) return undefined;
    const index = rng.below(list.items.length);
    const element = list.items[index];
    // With its separating comma, so that what remains still parses.
    const end = index < list.items.length - 1 ? list.items[index + 1].pos : element.end;
    return { start: element.pos, end, insert: '' };
  }),
  nodeMutator('duplicate-element', (node, file, rng) => {
    const list = listOf(node);
    if (!list || list.items.length === 0) return undefined;
    const element = list.items[rng.below(list.items.length)];
    return { start: element.end, end: element.end, insert: `${list.separator}${file.text.slice(element.pos, element.end)}` };
  }),
  nodeMutator('replace-expression', (node, file, rng) => {
    if (!EXPRESSION_KINDS.has(node.kind)) return undefined;
    return { start: node.getStart(file), end: node.end, insert: rng.pick(EXPRESSIONS) };
  }),
  nodeMutator('wrap-expression', (node, file, rng) => {
    if (!EXPRESSION_KINDS.has(node.kind)) return undefined;
    const start = node.getStart(file);
    return { start, end: node.end, insert: rng.pick(WRAPS)(file.text.slice(start, node.end)) };
  }),
];

/** One to three mutations of `text` (mostly one: each step makes a parse failure likelier), each a mutator that changed something. */
export function mutate(text: string, rng: Rng, context: MutationContext): { text: string; chain: string[] } {
  const roll = rng.next();
  const steps = roll < 0.5 ? 1 : roll < 0.8 ? 2 : 3;
  const chain: string[] = [];
  for (let attempt = 0; chain.length < steps && attempt < steps * 10; attempt++) {
    const mutation = rng.pick(MUTATORS).apply(text, rng, context);
    if (!mutation || mutation.text === text) continue;
    text = mutation.text;
    chain.push(mutation.note);
  }
  return { text, chain };
}

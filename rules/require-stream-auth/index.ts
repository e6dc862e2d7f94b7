import type { Action } from '../../src/analysis/actions.js';
import { safeRegExp } from '../../src/analysis/glob.js';
import type { TsMorph } from '../../src/analysis/morph.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { compilerGetProperty, compilerValueOf, fastTs, unwrapCompilerNode } from '../../src/analysis/syntax.js';

export interface RequireStreamAuthOptions {
  /** Regular expression (source, case-insensitive, or `/source/flags`) for the names of guarding procedures in `use`. */
  procedures: string;
}

export const DEFAULT_STREAM_PROCEDURES = 'auth|session|protect|guard|admin|rate.?limit';

export const requireStreamAuth = defineRule<RequireStreamAuthOptions>({
  id: 'require-stream-auth',
  type: 'problem',
  docs: {
    description: 'Require `stream: true` queries to use an authentication or rate-limiting procedure',
    strict: 'error',
    url: docsUrl('require-stream-auth'),
  },
  messages: {
    unauthenticatedStream:
      "Stream '{{name}}' has no authentication or rate-limiting procedure in `use`: anyone can open it and hold the connection open. Add one, e.g. `use: [authProcedure()]`.",
  },
  schema: [
    {
      type: 'object',
      properties: {
        procedures: { type: 'string', minLength: 1, format: 'regex' },
      },
      additionalProperties: false,
    },
  ],
  defaultOptions: { procedures: DEFAULT_STREAM_PROCEDURES },
  // Only streams matter: `stream: true`, also with a quoted key (`'stream': true`).
  prefilter: /stream['"]?\s*:\s*true/,
  requiresActions: true,
  check({ file, options }) {
    // A malformed pattern is rejected by ESLint's option check; should one reach us anyway, stay silent.
    const pattern = safeRegExp(options.procedures);
    if (!pattern) return [];
    const findings: Finding[] = [];
    // On compiler nodes only: no ts-morph wrapper is made on the rule's path.
    const sourceFile = file.compilerSourceFile;
    for (const action of file.actions()) {
      if (action.kind !== 'query' || action.stream !== 'true') continue;
      if (!lacksGuard(action, pattern, sourceFile)) continue;
      const reportNode = action.compilerReportNode;
      findings.push({
        range: [reportNode.getStart(sourceFile), reportNode.end],
        messageId: 'unauthenticatedStream',
        data: { name: action.name ?? 'query' },
      });
    }
    return findings;
  },
});

/**
 * True when we can see the whole `use` list and none of its procedures matches. A `use` we cannot read
 * (a variable, a call, a spread in the list, an element that is not a procedure name, or a spread of the
 * options that may bring its own `use`) may hold a guard: we cannot tell, so we stay silent.
 * Read on compiler nodes: ts-morph's getStart/getEnd/getText are the compiler node's, and nothing is wrapped.
 */
function lacksGuard(action: Action, pattern: RegExp, sourceFile: TsMorph.ts.SourceFile): boolean {
  const ts = fastTs();
  // `search`, not `test`: a user's `/.../g` pattern would make `test` stateful across names.
  if (action.procedures.some((name) => name.search(pattern) !== -1)) return false;
  const property = compilerGetProperty(action.compilerOptions, 'use');
  if (spreadAfter(action, property, sourceFile)) return false;
  const value = property && compilerValueOf(property);
  if (!value || isNothing(value)) return true; // no `use`, or `use: undefined`
  const list = unwrapCompilerNode(value);
  if (!ts.isArrayLiteralExpression(list)) return false;
  return list.elements.every(isNamedProcedure);
}

/** `{ ...authed, path, stream: true }`: a spread after `use` (or anywhere, without `use`) may set it. */
function spreadAfter(action: Action, property: TsMorph.ts.Node | undefined, sourceFile: TsMorph.ts.SourceFile): boolean {
  const ts = fastTs();
  const after = property ? property.end : -1;
  return action.compilerOptions.properties.some((other) => ts.isSpreadAssignment(other) && other.getStart(sourceFile) > after);
}

/** An element whose name the rule reads (`authProcedure()`, `rateLimit`, `procedures.auth()`), as `Action.procedures` does. */
function isNamedProcedure(element: TsMorph.ts.Node): boolean {
  const ts = fastTs();
  let node = unwrapCompilerNode(element);
  if (ts.isCallExpression(node)) node = unwrapCompilerNode(node.expression);
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node);
}

/** `undefined` (its name read as ts-morph reads an identifier: escapes resolved) or `null`. */
function isNothing(node: TsMorph.ts.Node): boolean {
  const ts = fastTs();
  const inner = unwrapCompilerNode(node);
  return (ts.isIdentifier(inner) && inner.text === 'undefined') || inner.kind === ts.SyntaxKind.NullKeyword;
}

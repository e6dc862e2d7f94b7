import type { Action } from '../../src/analysis/actions.js';
import { safeRegExp } from '../../src/analysis/glob.js';
import { tsMorph, type AstNode } from '../../src/analysis/morph.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { getProperty, propertyValue, unwrap } from '../../src/analysis/syntax.js';

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
    for (const action of file.actions()) {
      if (action.kind !== 'query' || action.stream !== 'true') continue;
      if (!lacksGuard(action, pattern)) continue;
      findings.push({
        range: [action.reportNode.getStart(), action.reportNode.getEnd()],
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
 */
function lacksGuard(action: Action, pattern: RegExp): boolean {
  const { Node } = tsMorph();
  // `search`, not `test`: a user's `/.../g` pattern would make `test` stateful across names.
  if (action.procedures.some((name) => name.search(pattern) !== -1)) return false;
  const property = getProperty(action.options, 'use');
  if (spreadAfter(action, property)) return false;
  const value = propertyValue(property);
  if (!value || isNothing(value)) return true; // no `use`, or `use: undefined`
  const list = unwrap(value);
  if (!Node.isArrayLiteralExpression(list)) return false;
  return list.getElements().every(isNamedProcedure);
}

/** `{ ...authed, path, stream: true }`: a spread after `use` (or anywhere, without `use`) may set it. */
function spreadAfter(action: Action, property: AstNode | undefined): boolean {
  const { Node } = tsMorph();
  const after = property ? property.getEnd() : -1;
  return action.options.getProperties().some((other) => Node.isSpreadAssignment(other) && other.getStart() > after);
}

/** An element whose name the rule reads (`authProcedure()`, `rateLimit`, `procedures.auth()`), as `Action.procedures` does. */
function isNamedProcedure(element: AstNode): boolean {
  const { Node } = tsMorph();
  let node = unwrap(element);
  if (Node.isCallExpression(node)) node = unwrap(node.getExpression());
  return Node.isIdentifier(node) || Node.isPropertyAccessExpression(node);
}

function isNothing(node: AstNode): boolean {
  const { Node } = tsMorph();
  const inner = unwrap(node);
  return (Node.isIdentifier(inner) && inner.getText() === 'undefined') || Node.isNullLiteral(inner);
}

/**
 * What a returned response does for require-revalidate: revalidate, answer with success, or answer
 * with an error (which needs no revalidation).
 */
import type { TsMorph } from '../../src/analysis/morph.js';
import type { Bindings } from '../../src/analysis/bindings.js';
import { compilerResponseChain, terminalOf } from '../../src/analysis/realtime-api.js';
import { fastTs, unwrapCompilerNode } from '../../src/analysis/syntax.js';
import { numericLiteralValue } from '../../src/analysis/wrapper-reads.js';

/** Terminal calls that end a handler with an error: such a return needs no revalidation. */
export const ERROR_TERMINALS = new Set(['badRequest', 'unauthorized', 'forbidden', 'notFound', 'error', 'redirect', 'throw']);
export type ReturnOutcome = 'revalidated' | 'success' | 'error' | 'unknown';

/** What one returned expression does, as far as the chain shows. */
export function classifyReturn(expression: TsMorph.ts.Node, bindings: Bindings): ReturnOutcome {
  const chain = compilerResponseChain(expression, bindings);
  if (!chain) return 'unknown';
  const terminal = terminalOf(chain);
  if (terminal && isErrorTerminal(terminal.name)) return 'error';
  // `response.status(429).json({ error })`: an error status makes any terminal an error response;
  // `response.status(error.status).json(...)` may be either.
  const statuses = chain.filter((call) => call.name === 'status').map((call) => statusCode(call.call));
  if (statuses.some((code) => code !== undefined && code >= 400)) return 'error';
  if (statuses.some((code) => code === undefined)) return 'unknown';
  if (chain.some((call) => call.name === 'revalidate')) return 'revalidated';
  return terminal ? 'success' : 'unknown';
}

/** Error terminals of 0.3, and names that say so (`serverError`, `internalError`) in apps that add them. */
export function isErrorTerminal(name: string): boolean {
  return ERROR_TERMINALS.has(name) || /Error$/.test(name);
}

/** The code of `status(n)` when n is a numeric literal (its value read as ts-morph's getLiteralValue reads it). */
function statusCode(call: TsMorph.ts.CallExpression): number | undefined {
  const [first] = call.arguments;
  const value = first ? unwrapCompilerNode(first) : undefined;
  if (!value || !fastTs().isNumericLiteral(value)) return undefined;
  return numericLiteralValue(value);
}

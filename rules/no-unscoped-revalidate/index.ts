import type { Action } from '../../src/analysis/actions.js';
import { matchesAnyGlob, safeRegExp } from '../../src/analysis/glob.js';
import { DEFAULT_SENSITIVE_KEYS } from '../../src/analysis/private-data.js';
import { revalidateCallRange } from '../../src/analysis/realtime-api.js';
import { classifyScopes } from './scopes.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import type { TsMorph } from '../../src/analysis/morph.js';
import { fastTs, unwrapCompilerNode } from '../../src/analysis/syntax.js';

export interface NoUnscopedRevalidateOptions {
  /** Case-insensitive globs; a key is sensitive when one of its dot-separated segments matches. */
  sensitiveKeys: string[];
  /** Also require scopes on every revalidation of an action guarded by an auth procedure. */
  requireScopeWhenAuthenticated: boolean;
  /** Regular expression (source, case-insensitive, or `/source/flags`) for the names of auth procedures in `use`. */
  authProcedures: string;
}

export const noUnscopedRevalidate = defineRule<NoUnscopedRevalidateOptions>({
  id: 'no-unscoped-revalidate',
  type: 'problem',
  docs: {
    description: 'Disallow revalidating private data without scopes, and scopes that match everyone',
    recommended: 'error',
    url: docsUrl('no-unscoped-revalidate'),
  },
  messages: {
    unscopedSensitive: "Revalidation of '{{key}}' has no scopes: every connected client is told to refetch it. Pass scopes that target only the clients it concerns.",
    unscopedAuthenticated: 'Revalidation in an action guarded by {{procedure}} has no scopes: every connected client is told to refetch. Pass scopes that target only the clients it concerns.',
    emptyScopes: 'These scopes are an empty list, which narrows nothing: the revalidation reaches every client.',
    wildcardScopes: "Scope '*' matches every client: the revalidation is unscoped in effect.",
  },
  schema: [
    {
      type: 'object',
      properties: {
        sensitiveKeys: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
        requireScopeWhenAuthenticated: { type: 'boolean' },
        authProcedures: { type: 'string', minLength: 1, format: 'regex' },
      },
      additionalProperties: false,
    },
  ],
  defaultOptions: { sensitiveKeys: DEFAULT_SENSITIVE_KEYS, requireScopeWhenAuthenticated: false, authProcedures: 'auth|session|protect|guard' },
  strictOptions: { requireScopeWhenAuthenticated: true },
  // Loose on purpose: `response['revalidate'](...)` must pass too.
  // `.revalidate(` and `['revalidate'](`, not `revalidatePath(`.
  prefilter: /revalidate['"`]?\s*\]?\s*\(/,
  check({ file, options }) {
    const findings: Finding[] = [];
    const authPattern = safeRegExp(options.authProcedures);
    for (const { value: revalidation, action } of file.revalidations()) {
      const range = revalidateCallRange(revalidation);
      for (const target of revalidation.targets) {
        // Scopes may hide in a variable or a spread: we cannot tell, so we stay silent.
        if (target.scopesUnknown) continue;
        const scopes = target.compilerScopes;
        if (scopes && !isNothing(scopes)) {
          const kind = classifyScopes(scopes);
          if (kind === 'empty') findings.push({ range, messageId: 'emptyScopes' });
          if (kind === 'wildcard') findings.push({ range, messageId: 'wildcardScopes' });
          continue;
        }
        const sensitive = target.keys.find((key) => key.value.split('.').some((segment) => matchesAnyGlob(segment, options.sensitiveKeys)));
        if (sensitive) {
          findings.push({ range, messageId: 'unscopedSensitive', data: { key: sensitive.value } });
          continue;
        }
        const procedure = options.requireScopeWhenAuthenticated ? authProcedure(action, authPattern) : undefined;
        if (procedure) findings.push({ range, messageId: 'unscopedAuthenticated', data: { procedure } });
      }
    }
    return dedupe(findings);
  },
});

/** `undefined`, `null` or `void 0` passed as scopes: the same as passing none. */
function isNothing(node: TsMorph.ts.Node): boolean {
  const ts = fastTs();
  const inner = unwrapCompilerNode(node);
  return (ts.isIdentifier(inner) && inner.text === 'undefined') || inner.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(inner);
}

function authProcedure(action: Action | undefined, pattern: RegExp | undefined): string | undefined {
  if (!action || !pattern) return undefined;
  // `search`, not `test`: a user's `/.../g` pattern would make `test` stateful across names.
  return action.procedures.find((name) => name.search(pattern) !== -1);
}

/** One finding per call and message (several targets of one `realtime.revalidate([...])` may agree). */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.range[0]}:${finding.messageId}:${finding.data?.key ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

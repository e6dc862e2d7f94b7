/**
 * Whether ts-morph can wrap a syntax tree built by another copy of TypeScript, decided from what the
 * two copies define, not from their version strings.
 *
 * ts-morph reads a wrapped tree with its own TypeScript: it dispatches on `node.kind` with its own
 * `SyntaxKind` numbers and tests `node.flags`, modifier flags and token flags with its own enums
 * (the node's methods, such as `getChildren`, come from the tree's own TypeScript). So:
 *
 * - `SyntaxKind` must be identical: a kind number has to mean the same node in both copies.
 * - `NodeFlags`, `ModifierFlags` and `TokenFlags`: every member the tree's TypeScript defines must
 *   have the same value in ts-morph's. ts-morph's copy may define more: a flag the tree's TypeScript
 *   does not define is never set on its nodes (each enum lists internal flags too). TypeScript 6.0
 *   adds `NodeFlags.Unreachable` (1 << 30), which only its binder sets; 5.9's parser never does.
 *
 * Type-checker enums (`TypeFlags`, `SymbolFlags`) do not matter: a wrapped tree has no type checker.
 */

/** The parts of a TypeScript module the decision reads. */
export interface TypeScriptEnums {
  version: string;
  SyntaxKind: object;
  NodeFlags: object;
  ModifierFlags: object;
  TokenFlags: object;
}

export type SyntaxAgreement = { wrap: true } | { wrap: false; reason: string };

const FLAG_ENUMS = ['NodeFlags', 'ModifierFlags', 'TokenFlags'] as const;

export function syntaxAgreement(tree: TypeScriptEnums, morph: TypeScriptEnums): SyntaxAgreement {
  if (tree === morph) return { wrap: true };
  const kindDifference = firstDifference(tree.SyntaxKind, morph.SyntaxKind) ?? firstDifference(morph.SyntaxKind, tree.SyntaxKind);
  if (kindDifference) return { wrap: false, reason: `SyntaxKind differs (${kindDifference})` };
  for (const name of FLAG_ENUMS) {
    const difference = firstDifference(tree[name], morph[name]);
    if (difference) return { wrap: false, reason: `${name} differs (${difference})` };
  }
  return { wrap: true };
}

/** The first member of `from` (by name) that `to` lacks or gives another value, as `name: a ≠ b`. */
function firstDifference(from: object | undefined, to: object | undefined): string | undefined {
  if (!from || !to) return 'missing';
  const target = to as Record<string, unknown>;
  for (const [name, value] of Object.entries(from)) {
    // Numeric enums map both ways; the value → name entries repeat what the name → value ones say.
    if (typeof value !== 'number') continue;
    if (target[name] !== value) return `${name}: ${value} ≠ ${String(target[name])}`;
  }
  return undefined;
}

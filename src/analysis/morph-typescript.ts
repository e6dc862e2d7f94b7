/**
 * Whether ts-morph can run on another TypeScript than the one it bundles (the app's, which the parser
 * already loaded), decided from what that TypeScript defines and what ts-morph's code uses, not from
 * version strings.
 *
 * ts-morph reads everything from the TypeScript module it is given, at run time: functions
 * (`ts.forEachChild`, `ts.createSourceFile`, ...) and enum members (`SyntaxKind.Identifier`, ...); none
 * is inlined into its code. So it runs on a TypeScript that:
 *
 * - defines every `ts.<name>` and `ts.<Enum>.<member>` that ts-morph's and @ts-morph/common's code
 *   mention (read from their source: a mention with no definition would be `undefined` at run time);
 * - numbers syntax as the bundled one does: every public member of `SyntaxKind`, `NodeFlags` and
 *   `ModifierFlags` in the bundled TypeScript's declarations has the same value (TypeScript 5.9 and
 *   6.0 agree; 6.0 only renumbers `TypeFlags`, which a wrapped tree without a type checker never uses).
 *
 * One TypeScript in the process instead of two: the app's, which builds the trees the linter wraps.
 */

/** Enums whose numbers a syntax tree carries. */
const SYNTAX_ENUMS = ['SyntaxKind', 'NodeFlags', 'ModifierFlags'] as const;

/** What @ts-morph/common re-exports from TypeScript under its own name (`common.SyntaxKind`, ...). */
const REEXPORTED = /\bcommon\.(ModuleKind|ModuleResolutionKind|NewLineKind|NodeFlags|ObjectFlags|ScriptKind|ScriptTarget|SymbolFlags|SyntaxKind|TypeFlags|TypeFormatFlags)\.(\w+)/g;
/** `ts.x`, `common.ts.x` and the bundle's `ts__namespace.x`, with a member after it if any. */
const MENTION = /\b(?:common\.ts|ts__namespace|ts)\.([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?/g;

/** `name` and `name.member` for every TypeScript export the sources mention. */
export function mentionedMembers(sources: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(MENTION)) {
      found.add(match[1]);
      if (match[2]) found.add(`${match[1]}.${match[2]}`);
    }
    for (const match of source.matchAll(REEXPORTED)) found.add(`${match[1]}.${match[2]}`);
  }
  return found;
}

/** The public members of the syntax enums, from a TypeScript declaration file (`typescript.d.ts`). */
export function declaredSyntaxEnums(declarations: string): Map<string, Map<string, number>> {
  const enums = new Map<string, Map<string, number>>();
  for (const name of SYNTAX_ENUMS) {
    // Top level of `declare namespace ts {`: four spaces in.
    const body = new RegExp(`\\n    enum ${name} \\{([^}]*)\\}`).exec(declarations)?.[1];
    if (body === undefined) continue;
    const members = new Map<string, number>();
    for (const line of body.split('\n')) {
      const member = /^\s*(\w+) = (-?\d+),?\s*$/.exec(line);
      if (member) members.set(member[1], Number(member[2]));
    }
    enums.set(name, members);
  }
  return enums;
}

export type Verdict = { runs: true } | { runs: false; reason: string };

/**
 * Whether ts-morph (`sources`: its code and @ts-morph/common's) runs on `ts`, given the declarations
 * of the TypeScript it bundles.
 */
export function morphRunsOn(ts: Record<string, unknown>, sources: readonly string[], bundledDeclarations: string): Verdict {
  const enums = declaredSyntaxEnums(bundledDeclarations);
  for (const name of SYNTAX_ENUMS) {
    const declared = enums.get(name);
    const actual = ts[name] as Record<string, unknown> | undefined;
    if (!declared || declared.size === 0) return { runs: false, reason: `the bundled declarations have no enum ${name}` };
    if (!actual || typeof actual !== 'object') return { runs: false, reason: `${name} is missing` };
    for (const [member, value] of declared) {
      if (actual[member] !== value) return { runs: false, reason: `${name}.${member}: ${value} in ts-morph's TypeScript, ${String(actual[member])} here` };
    }
  }
  const mentioned = mentionedMembers(sources);
  if (!mentioned.has('forEachChild')) return { runs: false, reason: `ts-morph's code is not laid out as expected` };
  for (const reference of mentioned) {
    const [name, member] = reference.split('.');
    const value = ts[name] as Record<string, unknown> | undefined;
    if (value === undefined) return { runs: false, reason: `ts.${name} is missing` };
    if (member !== undefined && typeof value === 'object' && value !== null && !(member in value)) return { runs: false, reason: `ts.${reference} is missing` };
  }
  return { runs: true };
}

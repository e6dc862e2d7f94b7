/**
 * no-unregistered-channel: client code that asks the SSE endpoint for a channel the server does not
 * register. In @igniter-js/core 0.3 a tab has one SSE connection (`IgniterProvider`), opened with every
 * channel its hooks use; the server answers 500 when one of them is not registered, the provider
 * retries with the same list and gives up, and the tab gets no revalidation at all.
 *
 * The server registers `revalidation`, `system` and `controller.action` for each `stream: true` query
 * when the router is created. The typed hook `api.c.a.useRealtime(...)` listens on the query key
 * `c.a:{...}` (the client's generateQueryKey over `{ params, query }`), which is none of those.
 */
import type { TsMorph } from '../../src/analysis/morph.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { compilerCallee, compilerDescendantsOfKind, compilerPropertyName, compilerStringValue, compilerValueOf, fastTs, unwrapCompilerNode } from '../../src/analysis/syntax.js';
import { morphText, numericLiteralValue } from '../../src/analysis/wrapper-reads.js';
import type { ProjectFacts } from '../../src/analysis/project-facts.js';

type Node = TsMorph.ts.Node;
type SourceFile = TsMorph.ts.SourceFile;

export type NoUnregisteredChannelOptions = Record<string, never>;

const CORE_CLIENT = '@igniter-js/core/client';
/** Channels the server registers whatever the router: see `initializeSSEChannels` in @igniter-js/core. */
const BUILT_IN_CHANNELS = ['revalidation', 'system'];
/** How many registered channels a message lists. */
const MAX_LISTED = 6;

export const noUnregisteredChannel = defineRule<NoUnregisteredChannelOptions>({
  id: 'no-unregistered-channel',
  type: 'problem',
  docs: {
    description: 'Disallow client subscriptions to SSE channels the server does not register',
    recommended: 'error',
    url: docsUrl('no-unregistered-channel'),
  },
  messages: {
    typedHook:
      "`{{hook}}` listens on the SSE channel '{{channel}}', which the server does not register (it registers `revalidation`, `system` and `{{action}}` for a `stream: true` query): the tab's one SSE connection is refused (500) on every retry, and the whole tab stops receiving revalidations. Use `{{query}}.useQuery(...)`, which refetches whenever `{{action}}` is revalidated.",
    unregisteredChannel:
      "The server registers no SSE channel '{{channel}}' (it registers {{registered}}): subscribing to it makes the tab's one SSE connection fail (500) on every retry, and the whole tab stops receiving revalidations.",
    notStreamed:
      "'{{channel}}' is a query without `stream: true`, so the server registers no SSE channel for it: subscribing to it makes the tab's one SSE connection fail (500) on every retry, and the whole tab stops receiving revalidations. Add `stream: true` to that query, or use its `useQuery`.",
  },
  schema: [{ type: 'object', properties: {}, additionalProperties: false }],
  defaultOptions: {},
  prefilter: /\buseRealtime\b/,
  check({ file, project }) {
    const ts = fastTs();
    const sourceFile = file.compilerSourceFile;
    const findings: Finding[] = [];
    const imported = clientImports(sourceFile);
    // Identifiers by their `text` (escapes resolved), as ts-morph's getText of an identifier reads them.
    for (const call of compilerDescendantsOfKind<TsMorph.ts.CallExpression>(sourceFile, ts.SyntaxKind.CallExpression)) {
      const callee = unwrapCompilerNode(call.expression);
      if (ts.isIdentifier(callee) && imported.useRealtime.has(callee.text)) {
        findings.push(...checkLiteralChannel(call, project, sourceFile));
        continue;
      }
      const member = compilerCallee(call);
      if (member?.name !== 'useRealtime') continue;
      const object = unwrapCompilerNode(member.object);
      if (ts.isIdentifier(object) && imported.namespaces.has(object.text)) {
        findings.push(...checkLiteralChannel(call, project, sourceFile));
        continue;
      }
      const finding = checkTypedHook(call, object, file.fileName, project, sourceFile);
      if (finding) findings.push(finding);
    }
    return findings;
  },
});

/**
 * Local names of `useRealtime` and of namespace imports from `@igniter-js/core/client` (the file's own
 * import declarations; an import or alias name by its `text`, as ts-morph's getName and getText read it).
 */
function clientImports(sourceFile: SourceFile): { useRealtime: Set<string>; namespaces: Set<string> } {
  const ts = fastTs();
  const found = { useRealtime: new Set<string>(), namespaces: new Set<string>() };
  for (const declaration of sourceFile.statements) {
    if (!ts.isImportDeclaration(declaration)) continue;
    // A module named by anything but a string (half-typed code) names none.
    const specifier = declaration.moduleSpecifier;
    if (!ts.isStringLiteral(specifier) || specifier.text !== CORE_CLIENT) continue;
    const bindings = declaration.importClause?.namedBindings;
    if (!bindings) continue;
    if (bindings.kind === ts.SyntaxKind.NamespaceImport) found.namespaces.add((bindings as TsMorph.ts.NamespaceImport).name.text);
    if (!ts.isNamedImports(bindings)) continue;
    for (const named of bindings.elements) {
      // `import { useRealtime as live }`, `import { "useRealtime" as live }`: the imported name, then the local one.
      if ((named.propertyName ?? named.name).text === 'useRealtime') found.useRealtime.add(named.name.text);
    }
  }
  return found;
}

/** `api.typing.list.useRealtime(...)` where `api` is a typed client (this file's or imported). */
function checkTypedHook(call: TsMorph.ts.CallExpression, object: Node, fileName: string, project: ProjectFacts | undefined, sourceFile: SourceFile): Finding | undefined {
  const ts = fastTs();
  if (!ts.isPropertyAccessExpression(object) && !ts.isElementAccessExpression(object)) return undefined;
  const action = memberName(object);
  const owner = unwrapCompilerNode(object.expression);
  if (action === undefined || (!ts.isPropertyAccessExpression(owner) && !ts.isElementAccessExpression(owner))) return undefined;
  const controller = memberName(owner);
  const root = unwrapCompilerNode(owner.expression);
  if (controller === undefined || !ts.isIdentifier(root) || !project?.isClient(fileName, root.text)) return undefined;
  const key = `${controller}.${action}`;
  const callee = call.expression;
  return {
    range: [call.getStart(sourceFile), call.end],
    messageId: 'typedHook',
    data: { hook: `${morphText(callee, sourceFile).replace(/\s+/g, '')}(...)`, channel: derivedChannel(key, call.arguments[0]), action: key, query: morphText(object, sourceFile).replace(/\s+/g, '') },
  };
}

/** `a.b` → `b`; `a['b']` → `b`. */
function memberName(node: Node): string | undefined {
  const ts = fastTs();
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) return compilerStringValue(node.argumentExpression);
  return undefined;
}

/**
 * The channel the typed hook derives: `generateQueryKey(controller, action, { query, params })`. Its
 * input object always has both keys (even undefined), so the key always carries a JSON suffix: `c.a:{}`
 * without options. Values that are not literals are shown as `…`.
 */
function derivedChannel(key: string, options: Node | undefined): string {
  const ts = fastTs();
  const input: Record<string, unknown> = {};
  const value = options ? unwrapCompilerNode(options) : undefined;
  if (value && !ts.isObjectLiteralExpression(value)) return `${key}:{…}`;
  for (const name of ['params', 'query']) {
    const property = value ? findProperty(value, name) : undefined;
    if (property === 'unknown') return `${key}:{…}`;
    if (!property) continue;
    input[name] = literalValue(property);
  }
  return `${key}:${JSON.stringify(sortKeys(input)).replaceAll('"\u2026"', '\u2026')}`;
}

/** The value node of property `name`; 'unknown' when a spread might hold it. */
function findProperty(object: Node, name: string): Node | 'unknown' | undefined {
  const ts = fastTs();
  if (!ts.isObjectLiteralExpression(object)) return 'unknown';
  let found: Node | 'unknown' | undefined;
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) found = 'unknown';
    else if (compilerPropertyName(property) === name) found = compilerValueOf(property) ?? 'unknown';
  }
  return found;
}

/** A literal's JSON value; `…` (U+2026) for anything else. `undefined` stays undefined (JSON drops it). */
function literalValue(node: Node): unknown {
  const ts = fastTs();
  const { SyntaxKind } = ts;
  const value = unwrapCompilerNode(node);
  const text = compilerStringValue(value);
  if (text !== undefined) return text;
  if (ts.isNumericLiteral(value)) return Number(numericLiteralValue(value));
  if (value.kind === SyntaxKind.TrueKeyword) return true;
  if (value.kind === SyntaxKind.FalseKeyword) return false;
  if (value.kind === SyntaxKind.NullKeyword) return null;
  if (ts.isIdentifier(value) && value.text === 'undefined') return undefined;
  if (ts.isArrayLiteralExpression(value)) return value.elements.map((element) => literalValue(element));
  if (ts.isObjectLiteralExpression(value)) {
    const result: Record<string, unknown> = {};
    for (const property of value.properties) {
      const name = compilerPropertyName(property);
      const inner = compilerValueOf(property);
      if (name === undefined || !inner || ts.isSpreadAssignment(property)) return '\u2026';
      result[name] = ts.isShorthandPropertyAssignment(property) ? '\u2026' : literalValue(inner);
    }
    return result;
  }
  return '\u2026';
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** `useRealtime('channel', ...)` from `@igniter-js/core/client`: the literal must be a registered channel. */
function checkLiteralChannel(call: TsMorph.ts.CallExpression, project: ProjectFacts | undefined, sourceFile: SourceFile): Finding[] {
  const [first] = call.arguments;
  const channel = first && compilerStringValue(first);
  if (channel === undefined || !first) return [];
  // The provider joins channel ids with commas and the server splits on them: each part must exist.
  const parts = channel.split(',');
  if (parts.every((part) => BUILT_IN_CHANNELS.includes(part))) return [];
  // Without the router's full list of stream queries, any other channel might be real.
  if (!project?.hasRouter || !project.routerComplete) return [];
  const actions = project.actionKinds();
  const streams = [...actions].filter(([, facts]) => facts.kind === 'query' && facts.stream === 'true').map(([key]) => key);
  const maybeStreams = new Set([...actions].filter(([, facts]) => facts.kind === 'query' && facts.stream === 'unknown').map(([key]) => key));
  const literal = unwrapCompilerNode(first);
  const range = [literal.getStart(sourceFile), literal.end] as const;
  for (const part of parts) {
    if (BUILT_IN_CHANNELS.includes(part) || streams.includes(part) || maybeStreams.has(part)) continue;
    if (actions.get(part)?.kind === 'query') return [{ range, messageId: 'notStreamed', data: { channel: part } }];
    const registered = [...BUILT_IN_CHANNELS, ...streams].map((name) => `\`${name}\``);
    const listed = registered.length > MAX_LISTED ? `${registered.slice(0, MAX_LISTED).join(', ')}, …` : registered.join(', ');
    return [{ range, messageId: 'unregisteredChannel', data: { channel: part, registered: listed } }];
  }
  return [];
}

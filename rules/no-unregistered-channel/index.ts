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
import { tsMorph, type AstNode, type CallNode } from '../../src/analysis/morph.js';
import { defineRule, docsUrl, type Finding } from '../../src/analysis/rule-api.js';
import { calleeProperty, kinds, moduleSpecifier, propertyName, propertyValue, stringValue, unwrap, walk } from '../../src/analysis/syntax.js';
import type { ProjectFacts } from '../../src/analysis/project-facts.js';

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
    const { Node } = tsMorph();
    const findings: Finding[] = [];
    const imported = clientImports(file.sourceFile);
    walk(file.sourceFile, (node) => {
      if (!Node.isCallExpression(node)) return true;
      const callee = unwrap(node.getExpression());
      if (Node.isIdentifier(callee) && imported.useRealtime.has(callee.getText())) {
        findings.push(...checkLiteralChannel(node, project));
        return true;
      }
      const member = calleeProperty(node);
      if (member?.name !== 'useRealtime') return true;
      const object = unwrap(member.object);
      if (Node.isIdentifier(object) && imported.namespaces.has(object.getText())) {
        findings.push(...checkLiteralChannel(node, project));
        return true;
      }
      const finding = checkTypedHook(node, object, file.fileName, project);
      if (finding) findings.push(finding);
      return true;
    }, kinds('CallExpression'));
    return findings;
  },
});

/** Local names of `useRealtime` and of namespace imports from `@igniter-js/core/client`. */
function clientImports(sourceFile: AstNode): { useRealtime: Set<string>; namespaces: Set<string> } {
  const { Node } = tsMorph();
  const found = { useRealtime: new Set<string>(), namespaces: new Set<string>() };
  if (!Node.isSourceFile(sourceFile)) return found;
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (moduleSpecifier(declaration) !== CORE_CLIENT) continue;
    const namespace = declaration.getNamespaceImport();
    if (namespace) found.namespaces.add(namespace.getText());
    for (const named of declaration.getNamedImports()) {
      if (named.getName() === 'useRealtime') found.useRealtime.add(named.getAliasNode()?.getText() ?? named.getName());
    }
  }
  return found;
}

/** `api.typing.list.useRealtime(...)` where `api` is a typed client (this file's or imported). */
function checkTypedHook(call: CallNode, object: AstNode, fileName: string, project: ProjectFacts | undefined): Finding | undefined {
  const { Node } = tsMorph();
  if (!Node.isPropertyAccessExpression(object) && !Node.isElementAccessExpression(object)) return undefined;
  const action = memberName(object);
  const owner = unwrap(object.getExpression());
  if (action === undefined || (!Node.isPropertyAccessExpression(owner) && !Node.isElementAccessExpression(owner))) return undefined;
  const controller = memberName(owner);
  const root = unwrap(owner.getExpression());
  if (controller === undefined || !Node.isIdentifier(root) || !project?.isClient(fileName, root.getText())) return undefined;
  const key = `${controller}.${action}`;
  const callee = call.getExpression();
  return {
    range: [call.getStart(), call.getEnd()],
    messageId: 'typedHook',
    data: { hook: `${callee.getText().replace(/\s+/g, '')}(...)`, channel: derivedChannel(key, call.getArguments()[0]), action: key, query: object.getText().replace(/\s+/g, '') },
  };
}

/** `a.b` → `b`; `a['b']` → `b`. */
function memberName(node: AstNode): string | undefined {
  const { Node } = tsMorph();
  if (Node.isPropertyAccessExpression(node)) return node.getName();
  if (Node.isElementAccessExpression(node)) return stringValue(node.getArgumentExpression());
  return undefined;
}

/**
 * The channel the typed hook derives: `generateQueryKey(controller, action, { query, params })`. Its
 * input object always has both keys (even undefined), so the key always carries a JSON suffix: `c.a:{}`
 * without options. Values that are not literals are shown as `…`.
 */
function derivedChannel(key: string, options: AstNode | undefined): string {
  const { Node } = tsMorph();
  const input: Record<string, unknown> = {};
  const value = options ? unwrap(options) : undefined;
  if (value && !Node.isObjectLiteralExpression(value)) return `${key}:{…}`;
  for (const name of ['params', 'query']) {
    const property = value ? findProperty(value, name) : undefined;
    if (property === 'unknown') return `${key}:{…}`;
    if (!property) continue;
    input[name] = literalValue(property);
  }
  return `${key}:${JSON.stringify(sortKeys(input)).replaceAll('"\u2026"', '\u2026')}`;
}

/** The value node of property `name`; 'unknown' when a spread might hold it. */
function findProperty(object: AstNode, name: string): AstNode | 'unknown' | undefined {
  const { Node } = tsMorph();
  if (!Node.isObjectLiteralExpression(object)) return 'unknown';
  let found: AstNode | 'unknown' | undefined;
  for (const property of object.getProperties()) {
    if (Node.isSpreadAssignment(property)) found = 'unknown';
    else if (propertyName(property) === name) found = propertyValue(property) ?? 'unknown';
  }
  return found;
}

/** A literal's JSON value; `…` (U+2026) for anything else. `undefined` stays undefined (JSON drops it). */
function literalValue(node: AstNode): unknown {
  const { Node } = tsMorph();
  const value = unwrap(node);
  const text = stringValue(value);
  if (text !== undefined) return text;
  if (Node.isNumericLiteral(value)) return Number(value.getLiteralValue());
  if (Node.isTrueLiteral(value)) return true;
  if (Node.isFalseLiteral(value)) return false;
  if (Node.isNullLiteral(value)) return null;
  if (Node.isIdentifier(value) && value.getText() === 'undefined') return undefined;
  if (Node.isArrayLiteralExpression(value)) return value.getElements().map(literalValue);
  if (Node.isObjectLiteralExpression(value)) {
    const result: Record<string, unknown> = {};
    for (const property of value.getProperties()) {
      const name = propertyName(property);
      const inner = propertyValue(property);
      if (name === undefined || !inner || Node.isSpreadAssignment(property)) return '\u2026';
      result[name] = Node.isShorthandPropertyAssignment(property) ? '\u2026' : literalValue(inner);
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
function checkLiteralChannel(call: CallNode, project: ProjectFacts | undefined): Finding[] {
  const [first] = call.getArguments();
  const channel = stringValue(first);
  if (channel === undefined || !first) return [];
  // The provider joins channel ids with commas and the server splits on them: each part must exist.
  const parts = channel.split(',');
  if (parts.every((part) => BUILT_IN_CHANNELS.includes(part))) return [];
  // Without the router's full list of stream queries, any other channel might be real.
  if (!project?.hasRouter || !project.routerComplete) return [];
  const actions = project.actionKinds();
  const streams = [...actions].filter(([, facts]) => facts.kind === 'query' && facts.stream === 'true').map(([key]) => key);
  const maybeStreams = new Set([...actions].filter(([, facts]) => facts.kind === 'query' && facts.stream === 'unknown').map(([key]) => key));
  const range = [unwrap(first).getStart(), unwrap(first).getEnd()] as const;
  for (const part of parts) {
    if (BUILT_IN_CHANNELS.includes(part) || streams.includes(part) || maybeStreams.has(part)) continue;
    if (actions.get(part)?.kind === 'query') return [{ range, messageId: 'notStreamed', data: { channel: part } }];
    const registered = [...BUILT_IN_CHANNELS, ...streams].map((name) => `\`${name}\``);
    const listed = registered.length > MAX_LISTED ? `${registered.slice(0, MAX_LISTED).join(', ')}, …` : registered.join(', ');
    return [{ range, messageId: 'unregisteredChannel', data: { channel: part, registered: listed } }];
  }
  return [];
}

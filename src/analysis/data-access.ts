/**
 * The data accesses of one file, as plain data for the project index (the per-file half of the
 * data-dependency model, see data-model.ts):
 * - for each action handler: the resource calls it makes (`context.database.message.create`,
 *   `context.messageRepository.findMany`, `notificationService.send`), the calls into functions it
 *   may be followed into (`notify(...)`, `service.method(...)`, `context.lead.create(...)` provided
 *   by a procedure), and what it revalidates or publishes;
 * - the same for the file's top-level functions, object methods and class methods, and for the methods
 *   of the objects its procedures put in the context, so that calls can be followed across files.
 * Operations are kept as written: whether one reads or writes is decided later, with the settings.
 */
import type { Action } from './actions.js';
import { HandlerBindings, type Bindings } from './bindings.js';
import type { FileModel } from './file-model.js';
import { tsMorph, type AstNode, type CallNode, type FunctionNode } from './morph.js';
import { returnedExpressions } from './realtime-api.js';
import { resourceOf } from './resources.js';
import { isFunctionLike, kinds, propertyName, propertyValue, stringValue, unwrap, walk } from './syntax.js';

export interface AccessFact {
  /** Normalised resource name (`notification`). */
  resource: string;
  /** The operation as written (`findMany`, `markAsRead`). */
  op: string;
  line: number;
  /** A query's read whose result only guards or keys other code (`if (!room) ...`, `room.id`): not shown. */
  guard?: true;
}

/**
 * A call that may be followed into a body in view: `name(...)` (a function of this file or an import),
 * `name.member(...)` (an object's or class instance's method), or, with `context`, `context.name.member(...)`
 * (a method a procedure put in the context).
 */
export interface CallFact {
  name: string;
  member?: string;
  context?: true;
  line: number;
  /** In a query handler: the call's result only guards or keys other code, so what it reads is not shown. */
  guard?: true;
}

export interface BodyFacts {
  accesses: AccessFact[];
  calls: CallFact[];
}

export interface RevalidateFact {
  key: string;
  /** `realtime.revalidate(...)` drops a bare controller key in 0.3; `response.revalidate` takes it as a prefix. */
  form: 'response' | 'realtime';
  line: number;
  /** The scopes as written (`(ctx) => [\`user:${ctx.user.id}\`]`), when given. */
  scopes?: string;
}

export interface PublishFact {
  line: number;
  /** The channel as written (`\`room:${id}\``), when the call names one. */
  channel?: string;
}

export interface ActionFlowFacts extends BodyFacts {
  line: number;
  revalidates: RevalidateFact[];
  /** Some revalidation names keys we cannot read. */
  revalidatesUnknown?: true;
  /** Live publishes in the handler. */
  publishes: PublishFact[];
  /** Procedures in `use` (`LeadProcedure()` → `LeadProcedure`). */
  procedures: string[];
}

export interface FlowFacts {
  /** `fn`, `object.method`, `Class.method` → what its body does. */
  functions: Record<string, BodyFacts>;
  /** `const service = new Service(...)` → `Service`. */
  instances: Record<string, string>;
  /** Procedure variable → `key.method` of the object it returns in the context → body. */
  procedures: Record<string, Record<string, BodyFacts>>;
}

/** Bounds on what one file contributes, so a generated or huge file cannot blow up the cache. */
const MAX_ACCESSES_PER_BODY = 200;
const MAX_FUNCTIONS_PER_FILE = 500;

type Dictionary = <T>() => Record<string, T>;

interface Scope {
  /** Handler-style bindings: names whose path starts with `context` are roots. */
  bindings?: Bindings;
  /** Imports and top-level declarations of the file. */
  moduleNames: ReadonlySet<string>;
  /** The enclosing class, for `this.method(...)`. */
  className?: string;
  /** Reads of a query handler get a `guard` flag. */
  markGuards?: boolean;
}

/** What an action's handler does with data, or undefined when the handler is not inline. */
export function readActionFlow(action: Action, file: FileModel): ActionFlowFacts | undefined {
  const handler = action.handler;
  if (!handler || !action.bindings) return undefined;
  const body = readBody(handler, { bindings: action.bindings, moduleNames: moduleNames(file), markGuards: action.kind === 'query' });
  const revalidates: RevalidateFact[] = [];
  let revalidatesUnknown = false;
  for (const located of file.revalidations()) {
    if (located.action !== action) continue;
    const form = located.value.form === 'realtime' ? 'realtime' : 'response';
    for (const target of located.value.targets) {
      if (!target.keysKnown) revalidatesUnknown = true;
      const scopes = target.scopes ? sourceText(target.scopes) : undefined;
      for (const key of target.keys) revalidates.push({ key: key.value, form, line: key.node.getStartLineNumber(), ...(scopes ? { scopes } : {}) });
    }
  }
  const publishes = file
    .livePublishes()
    .filter((located) => located.action === action)
    .map((located): PublishFact => {
      const channel = publishChannel(located.value);
      return { line: located.value.getStartLineNumber(), ...(channel ? { channel } : {}) };
    });
  return {
    ...body,
    line: action.reportNode.getStartLineNumber(),
    revalidates,
    ...(revalidatesUnknown ? { revalidatesUnknown: true as const } : {}),
    publishes,
    procedures: action.procedures,
  };
}

/** Source text for display, on one line and at most 200 characters. */
function sourceText(node: AstNode): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** `realtime.publish(channel, ...)`, `store.publish(channel, ...)`, `realtime.to(channel)...publish()`: the channel's text. */
function publishChannel(call: CallNode): string | undefined {
  const { Node } = tsMorph();
  const [first] = call.getArguments();
  if (first) return sourceText(first);
  let current = unwrap(call.getExpression());
  while (Node.isPropertyAccessExpression(current)) {
    const object = unwrap(current.getExpression());
    if (!Node.isCallExpression(object)) return undefined;
    const callee = unwrap(object.getExpression());
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'to') {
      const [channel] = object.getArguments();
      return channel ? sourceText(channel) : undefined;
    }
    current = callee;
  }
  return undefined;
}

/** Top-level functions, object and class methods, and procedures' context methods of a file. */
export function readFlowFacts(file: FileModel, dictionary: Dictionary): FlowFacts {
  const { Node } = tsMorph();
  const facts: FlowFacts = { functions: dictionary(), instances: dictionary(), procedures: dictionary() };
  const names = moduleNames(file);
  let budget = MAX_FUNCTIONS_PER_FILE;
  const add = (key: string, fn: FunctionNode, className?: string) => {
    if (budget-- <= 0) return;
    facts.functions[key] = readBody(fn, { moduleNames: names, className });
  };
  const instanceNames = new Set(file.settings.instanceNames);
  for (const statement of file.sourceFile.getStatements()) {
    if (Node.isFunctionDeclaration(statement)) {
      const name = statement.getName();
      if (name) add(name, statement);
    } else if (Node.isClassDeclaration(statement)) {
      const className = statement.getName();
      if (!className) continue;
      for (const method of statement.getMethods()) add(`${className}.${method.getName()}`, method, className);
      for (const property of statement.getProperties()) {
        const initializer = property.getInitializer();
        const value = initializer ? unwrap(initializer) : undefined;
        if (isFunctionLike(value)) add(`${className}.${property.getName()}`, value, className);
      }
    } else if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const nameNode = declaration.getNameNode();
        const initializer = declaration.getInitializer();
        if (!Node.isIdentifier(nameNode) || !initializer) continue;
        const name = nameNode.getText();
        const value = unwrap(initializer);
        if (isFunctionLike(value)) add(name, value);
        else if (Node.isObjectLiteralExpression(value)) {
          for (const [method, fn] of objectMethods(value)) add(`${name}.${method}`, fn);
        } else if (Node.isNewExpression(value)) {
          const constructor = unwrap(value.getExpression());
          if (Node.isIdentifier(constructor)) facts.instances[name] = constructor.getText();
        } else if (Node.isCallExpression(value)) {
          const procedure = readProcedure(value, instanceNames, names);
          if (procedure) facts.procedures[name] = procedure;
        }
      }
    }
  }
  return facts;
}

/** `igniter.procedure({ handler: (_, { context }) => ({ lead: { create: async () => ... } }) })` → `lead.create` → body. */
function readProcedure(call: CallNode, instanceNames: ReadonlySet<string>, names: ReadonlySet<string>): Record<string, BodyFacts> | undefined {
  const { Node } = tsMorph();
  const callee = unwrap(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'procedure') return undefined;
  const owner = unwrap(callee.getExpression());
  if (!Node.isIdentifier(owner) || !instanceNames.has(owner.getText())) return undefined;
  const [options] = call.getArguments();
  const object = options ? unwrap(options) : undefined;
  if (!object || !Node.isObjectLiteralExpression(object)) return undefined;
  const handlerProperty = object.getProperties().find((property) => propertyName(property) === 'handler');
  const handlerValue = propertyValue(handlerProperty);
  const handler = handlerValue && isFunctionLike(unwrap(handlerValue)) ? (unwrap(handlerValue) as FunctionNode) : undefined;
  if (!handler) return undefined;
  // A procedure's handler takes `(options, ctx)`: the context is its second parameter.
  const bindings = new HandlerBindings(handler.compilerNode, 1);
  const provided: Record<string, BodyFacts> = Object.create(null);
  for (const result of returnedExpressions(handler)) {
    const returned = unwrap(result);
    if (!Node.isObjectLiteralExpression(returned)) continue;
    for (const property of returned.getProperties()) {
      const key = propertyName(property);
      const value = propertyValue(property);
      const inner = value ? unwrap(value) : undefined;
      if (key === undefined || !inner || !Node.isObjectLiteralExpression(inner)) continue;
      for (const [method, fn] of objectMethods(inner)) provided[`${key}.${method}`] = readBody(fn, { bindings, moduleNames: names });
    }
  }
  return provided;
}

function objectMethods(object: AstNode): [string, FunctionNode][] {
  const { Node } = tsMorph();
  const methods: [string, FunctionNode][] = [];
  if (!Node.isObjectLiteralExpression(object)) return methods;
  for (const property of object.getProperties()) {
    const name = propertyName(property);
    const value = propertyValue(property);
    const fn = value ? unwrap(value) : undefined;
    if (name !== undefined && isFunctionLike(fn)) methods.push([name, fn]);
  }
  return methods;
}

const moduleNamesCache = new WeakMap<FileModel, Set<string>>();

/** Names a file imports or declares at the top level: the roots a service call may start from. */
function moduleNames(file: FileModel): Set<string> {
  let names = moduleNamesCache.get(file);
  if (names) return names;
  const { Node } = tsMorph();
  names = new Set<string>();
  for (const declaration of file.sourceFile.getImportDeclarations()) {
    if (declaration.isTypeOnly()) continue;
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) names.add(defaultImport.getText());
    const namespace = declaration.getNamespaceImport();
    if (namespace) names.add(namespace.getText());
    for (const named of declaration.getNamedImports()) names.add(named.getAliasNode()?.getText() ?? named.getName());
  }
  for (const statement of file.sourceFile.getStatements()) {
    if ((Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) && statement.getName()) names.add(statement.getName()!);
    if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const nameNode = declaration.getNameNode();
        if (Node.isIdentifier(nameNode)) names.add(nameNode.getText());
      }
    }
  }
  moduleNamesCache.set(file, names);
  return names;
}

/** A callee as a member chain: its root (an identifier or `this`), the segments after it, and the operation. */
interface Chain {
  root: AstNode;
  rootName: string;
  segments: string[];
  op: string;
}

function chainOf(call: CallNode): Chain | undefined {
  const { Node } = tsMorph();
  const segments: string[] = [];
  let current = unwrap(call.getExpression());
  let op: string | undefined;
  for (;;) {
    let name: string | undefined;
    let object: AstNode;
    if (Node.isPropertyAccessExpression(current)) {
      name = current.getName();
      object = current.getExpression();
    } else if (Node.isElementAccessExpression(current)) {
      name = stringValue(current.getArgumentExpression());
      object = current.getExpression();
    } else break;
    if (name === undefined) return undefined;
    if (op === undefined) op = name;
    else segments.unshift(name);
    current = unwrap(object);
  }
  if (op === undefined) return undefined;
  if (Node.isThisExpression(current)) return { root: current, rootName: 'this', segments, op };
  if (Node.isIdentifier(current)) return { root: current, rootName: current.getText(), segments, op };
  return undefined;
}

/** The parameter names of `fn` and of the functions around `node` up to `fn`. */
function parameterNames(fn: FunctionNode): Set<string> {
  const { Node } = tsMorph();
  const names = new Set<string>();
  const bind = (pattern: AstNode) => {
    if (Node.isIdentifier(pattern)) names.add(pattern.getText());
    else if (Node.isObjectBindingPattern(pattern) || Node.isArrayBindingPattern(pattern)) {
      for (const element of pattern.getElements()) if (Node.isBindingElement(element)) bind(element.getNameNode());
    }
  };
  for (const parameter of fn.getParameters()) bind(parameter.getNameNode());
  return names;
}

/**
 * What a function body does: each call on a member chain rooted in the context (through `scope.bindings`),
 * a parameter, `this`, or a module-level name, read as an access to the resource it names; and each
 * call worth following (functions and methods of the module or its imports, context methods).
 */
export function readBody(fn: FunctionNode, scope: Scope): BodyFacts {
  const { Node } = tsMorph();
  const body = fn.getBody();
  const facts: BodyFacts = { accesses: [], calls: [] };
  if (!body) return facts;
  const parameters = scope.bindings ? new Set<string>() : parameterNames(fn);
  const accessCalls: { call: CallNode; access: AccessFact }[] = [];
  const followedCalls: { call: CallNode; fact: CallFact }[] = [];
  const pushCall = (call: CallNode, fact: CallFact) => {
    facts.calls.push(fact);
    followedCalls.push({ call, fact });
  };
  walk(body, (node) => {
    if (!Node.isCallExpression(node)) return true;
    const call = node;
    const line = call.getStartLineNumber();
    const callee = unwrap(call.getExpression());
    if (Node.isIdentifier(callee)) {
      if (scope.moduleNames.has(callee.getText())) pushCall(call, { name: callee.getText(), line });
      return true;
    }
    const chain = chainOf(call);
    if (!chain) return true;
    let segments: string[] | undefined;
    const contextPath = scope.bindings && chain.rootName !== 'this' ? scope.bindings.pathOf(chain.root) : undefined;
    if (contextPath !== undefined) {
      const path = [...(contextPath === '' ? [] : contextPath.split('.')), ...chain.segments];
      if (path[0] !== 'context') return true;
      segments = path.slice(1);
      if (segments.length === 1) pushCall(call, { name: segments[0], member: chain.op, context: true, line });
    } else if (chain.rootName === 'this') {
      segments = chain.segments;
      if (segments.length === 0 && scope.className) pushCall(call, { name: scope.className, member: chain.op, line });
    } else if (parameters.has(chain.rootName) || scope.moduleNames.has(chain.rootName)) {
      segments = [chain.rootName, ...chain.segments];
      if (chain.segments.length === 0 && scope.moduleNames.has(chain.rootName)) pushCall(call, { name: chain.rootName, member: chain.op, line });
    }
    if (!segments) return true;
    const resource = resourceOf(segments, chain.op);
    if (resource && facts.accesses.length < MAX_ACCESSES_PER_BODY) {
      const access: AccessFact = { resource, op: chain.op, line };
      facts.accesses.push(access);
      accessCalls.push({ call, access });
    }
    return true;
  }, kinds('CallExpression'));
  if (scope.markGuards) {
    const calls = new Set<AstNode>([...accessCalls, ...followedCalls].map((entry) => entry.call));
    for (const { call, access } of accessCalls) if (isGuardRead(call, body, calls)) access.guard = true;
    for (const { call, fact } of followedCalls) if (isGuardRead(call, body, calls)) fact.guard = true;
  }
  return facts;
}

/** `id`, `userId`, `memberIds`: keys, which an edit of the record does not change. */
const KEY_NAME = /^(?:id|ids|uuid)$|(?:Id|Ids|ID|IDs)$/;

/**
 * Whether a query's read only guards or keys other code: its value (bound to a name) is used only in
 * conditions, by key (`room.id`), or as arguments of other data calls, never shown as it is.
 */
function isGuardRead(call: CallNode, body: AstNode, accessCalls: ReadonlySet<AstNode>): boolean {
  const { Node } = tsMorph();
  if (inCondition(call, body)) return true;
  let node: AstNode = call;
  let parent = node.getParent();
  while (parent && (Node.isAwaitExpression(parent) || Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isNonNullExpression(parent))) {
    node = parent;
    parent = parent.getParent();
  }
  if (!parent || !Node.isVariableDeclaration(parent) || parent.getInitializer() !== node) return false;
  const nameNode = parent.getNameNode();
  if (!Node.isIdentifier(nameNode)) return false;
  const name = nameNode.getText();
  const references: AstNode[] = [];
  walk(body, (candidate) => {
    if (candidate !== nameNode && candidate.getText() === name) references.push(candidate);
  }, kinds('Identifier'));
  if (references.length === 0) return false;
  return references.every((reference) => {
    const holder = reference.getParent();
    // `{ name: value }` keys and `x.name` properties that merely share the name are not references.
    if (holder && Node.isPropertyAccessExpression(holder) && holder.getNameNode() === reference) return true;
    if (holder && Node.isPropertyAssignment(holder) && holder.getNameNode() === reference) return true;
    // `room.id`, `session.user.id`, `session?.user?.id`: a key anywhere along the property chain.
    let target: AstNode = reference;
    let up = target.getParent();
    while (up && (Node.isNonNullExpression(up) || (Node.isPropertyAccessExpression(up) && up.getExpression() === target))) {
      if (Node.isPropertyAccessExpression(up) && KEY_NAME.test(up.getName())) return true;
      target = up;
      up = up.getParent();
    }
    return inCondition(reference, body) || inArgumentsOf(reference, accessCalls, body) || inLogCall(reference, body);
  });
}

/** Inside the condition of an `if`, a `? :`, a loop, or the left side of `&&` / `||` / `??`. */
function inCondition(node: AstNode, body: AstNode): boolean {
  const { Node, SyntaxKind } = tsMorph();
  let child = node;
  let current = node.getParent();
  while (current && current !== body) {
    if ((Node.isIfStatement(current) || Node.isWhileStatement(current)) && child === current.getExpression()) return true;
    if (Node.isConditionalExpression(current) && child === current.getCondition()) return true;
    if (Node.isBinaryExpression(current) && child === current.getLeft()) {
      const operator = current.getOperatorToken().getKind();
      if (operator === SyntaxKind.BarBarToken || operator === SyntaxKind.AmpersandAmpersandToken || operator === SyntaxKind.QuestionQuestionToken) return true;
    }
    if (Node.isStatement(current) || isFunctionLike(current)) return false;
    child = current;
    current = current.getParent();
  }
  return false;
}

function inArgumentsOf(node: AstNode, calls: ReadonlySet<AstNode>, body: AstNode): boolean {
  const { Node } = tsMorph();
  let child = node;
  let current = node.getParent();
  while (current && current !== body) {
    if (Node.isCallExpression(current) && calls.has(current) && current.getArguments().some((argument) => argument === child)) return true;
    if (Node.isStatement(current)) return false;
    child = current;
    current = current.getParent();
  }
  return false;
}

/** Inside the arguments of `console.*(...)` or `logger.*(...)`: logged, not shown. */
function inLogCall(node: AstNode, body: AstNode): boolean {
  const { Node } = tsMorph();
  let current = node.getParent();
  while (current && current !== body && !isFunctionLike(current)) {
    if (Node.isCallExpression(current)) {
      const callee = unwrap(current.getExpression());
      const owner = Node.isPropertyAccessExpression(callee) ? unwrap(callee.getExpression()) : undefined;
      const ownerName = owner && Node.isIdentifier(owner) ? owner.getText() : owner && Node.isPropertyAccessExpression(owner) ? owner.getName() : undefined;
      if (ownerName && /^(?:console|logger|log)$/.test(ownerName)) return true;
    }
    current = current.getParent();
  }
  return false;
}

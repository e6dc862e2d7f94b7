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
import type { CompilerFunction, TsMorph } from './morph.js';
import { compilerReturnedExpressions } from './realtime-api.js';
import { resourceOf } from './resources.js';
import { compilerPropertyName, compilerStringValue, compilerValueOf, compilerWalk, fastTs, isCompilerFunctionLike, kinds, unwrapCompilerNode } from './syntax.js';
import { classMethods, compilerStartLine, isStatementKind, morphText, namedValues, specifierName } from './wrapper-reads.js';

type CompilerNode = TsMorph.ts.Node;
type SourceFile = TsMorph.ts.SourceFile;

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

/**
 * What an action's handler does with data, or undefined when the handler is not inline. Everything in
 * this module reads TypeScript's nodes and wraps nothing; names and lines are read as ts-morph's
 * wrappers read them (wrapper-reads.ts), so the facts are the ones the wrappers gave.
 */
export function readActionFlow(action: Action, file: FileModel): ActionFlowFacts | undefined {
  const handler = action.compilerHandler;
  if (!handler || !action.bindings) return undefined;
  const sourceFile = file.compilerSourceFile;
  const body = readBody(handler, { bindings: action.bindings, moduleNames: moduleNames(file), markGuards: action.kind === 'query' }, sourceFile);
  const revalidates: RevalidateFact[] = [];
  let revalidatesUnknown = false;
  for (const located of file.revalidations()) {
    if (located.action !== action) continue;
    const form = located.value.form === 'realtime' ? 'realtime' : 'response';
    for (const target of located.value.targets) {
      if (!target.keysKnown) revalidatesUnknown = true;
      const scopes = target.compilerScopes ? sourceText(target.compilerScopes, sourceFile) : undefined;
      for (const key of target.keys) revalidates.push({ key: key.value, form, line: compilerStartLine(key.compilerNode, sourceFile), ...(scopes ? { scopes } : {}) });
    }
  }
  const publishes = file
    .livePublishes()
    .filter((located) => located.action === action)
    .map((located): PublishFact => {
      const channel = publishChannel(located.compilerValue, sourceFile);
      return { line: compilerStartLine(located.compilerValue, sourceFile), ...(channel ? { channel } : {}) };
    });
  return {
    ...body,
    line: compilerStartLine(action.compilerReportNode, sourceFile),
    revalidates,
    ...(revalidatesUnknown ? { revalidatesUnknown: true as const } : {}),
    publishes,
    procedures: action.procedures,
  };
}

/** Source text for display, on one line and at most 200 characters. */
function sourceText(node: CompilerNode, sourceFile: SourceFile): string {
  const text = morphText(node, sourceFile).replace(/\s+/g, ' ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** `realtime.publish(channel, ...)`, `store.publish(channel, ...)`, `realtime.to(channel)...publish()`: the channel's text. */
function publishChannel(call: TsMorph.ts.CallExpression, sourceFile: SourceFile): string | undefined {
  const ts = fastTs();
  const first = call.arguments[0];
  if (first) return sourceText(first, sourceFile);
  let current = unwrapCompilerNode(call.expression);
  while (ts.isPropertyAccessExpression(current)) {
    const object = unwrapCompilerNode(current.expression);
    if (!ts.isCallExpression(object)) return undefined;
    const callee = unwrapCompilerNode(object.expression);
    if (ts.isPropertyAccessExpression(callee) && morphText(callee.name, sourceFile) === 'to') {
      const channel = object.arguments[0];
      return channel ? sourceText(channel, sourceFile) : undefined;
    }
    current = callee;
  }
  return undefined;
}

/** Top-level functions, object and class methods, and procedures' context methods of a file. */
export function readFlowFacts(file: FileModel, dictionary: Dictionary): FlowFacts {
  const ts = fastTs();
  const sourceFile = file.compilerSourceFile;
  const facts: FlowFacts = { functions: dictionary(), instances: dictionary(), procedures: dictionary() };
  const names = moduleNames(file);
  let budget = MAX_FUNCTIONS_PER_FILE;
  const add = (key: string, fn: CompilerFunction, className?: string) => {
    if (budget-- <= 0) return;
    facts.functions[key] = readBody(fn, { moduleNames: names, className }, sourceFile);
  };
  const instanceNames = new Set(file.settings.instanceNames);
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement)) {
      const name = (statement.name && morphText(statement.name, sourceFile));
      if (name) add(name, statement);
    } else if (ts.isClassDeclaration(statement)) {
      const className = (statement.name && morphText(statement.name, sourceFile));
      if (!className) continue;
      // ts-morph's getMethods, then getProperties: all methods first.
      for (const method of classMethods(statement, sourceFile)) add(`${className}.${morphText(method.name, sourceFile)}`, method, className);
      for (const property of statement.members) {
        if (!ts.isPropertyDeclaration(property)) continue;
        const value = property.initializer ? unwrapCompilerNode(property.initializer) : undefined;
        if (value && isCompilerFunctionLike(value)) add(`${className}.${morphText(property.name, sourceFile)}`, value as CompilerFunction, className);
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const { name, value } of namedValues(statement, sourceFile)) {
        if (isCompilerFunctionLike(value)) add(name, value as CompilerFunction);
        else if (ts.isObjectLiteralExpression(value)) {
          for (const [method, fn] of objectMethods(value)) add(`${name}.${method}`, fn);
        } else if (ts.isNewExpression(value)) {
          const constructor = unwrapCompilerNode(value.expression);
          if (ts.isIdentifier(constructor)) facts.instances[name] = morphText(constructor, sourceFile);
        } else if (ts.isCallExpression(value)) {
          const procedure = readProcedure(value, instanceNames, names, sourceFile);
          if (procedure) facts.procedures[name] = procedure;
        }
      }
    }
  }
  return facts;
}

/** `igniter.procedure({ handler: (_, { context }) => ({ lead: { create: async () => ... } }) })` → `lead.create` → body. */
function readProcedure(call: TsMorph.ts.CallExpression, instanceNames: ReadonlySet<string>, names: ReadonlySet<string>, sourceFile: SourceFile): Record<string, BodyFacts> | undefined {
  const ts = fastTs();
  const callee = unwrapCompilerNode(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || morphText(callee.name, sourceFile) !== 'procedure') return undefined;
  const owner = unwrapCompilerNode(callee.expression);
  if (!ts.isIdentifier(owner) || !instanceNames.has(morphText(owner, sourceFile))) return undefined;
  const options = call.arguments[0];
  const object = options ? unwrapCompilerNode(options) : undefined;
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  // The first `handler` property (not the last, as getProperty would find).
  const handlerProperty = object.properties.find((property) => compilerPropertyName(property) === 'handler');
  const handlerValue = handlerProperty && compilerValueOf(handlerProperty);
  const handlerNode = handlerValue && unwrapCompilerNode(handlerValue);
  const handler = handlerNode && isCompilerFunctionLike(handlerNode) ? (handlerNode as CompilerFunction) : undefined;
  if (!handler) return undefined;
  // A procedure's handler takes `(options, ctx)`: the context is its second parameter.
  const bindings = new HandlerBindings(handler, 1);
  const provided: Record<string, BodyFacts> = Object.create(null);
  for (const result of compilerReturnedExpressions(handler)) {
    const returned = unwrapCompilerNode(result);
    if (!ts.isObjectLiteralExpression(returned)) continue;
    for (const property of returned.properties) {
      const key = compilerPropertyName(property);
      const value = compilerValueOf(property);
      const inner = value ? unwrapCompilerNode(value) : undefined;
      if (key === undefined || !inner || !ts.isObjectLiteralExpression(inner)) continue;
      for (const [method, fn] of objectMethods(inner)) provided[`${key}.${method}`] = readBody(fn, { bindings, moduleNames: names }, sourceFile);
    }
  }
  return provided;
}

function objectMethods(object: TsMorph.ts.ObjectLiteralExpression): [string, CompilerFunction][] {
  const methods: [string, CompilerFunction][] = [];
  for (const property of object.properties) {
    const name = compilerPropertyName(property);
    const value = compilerValueOf(property);
    const fn = value ? unwrapCompilerNode(value) : undefined;
    if (name !== undefined && fn && isCompilerFunctionLike(fn)) methods.push([name, fn as CompilerFunction]);
  }
  return methods;
}

const moduleNamesCache = new WeakMap<FileModel, Set<string>>();

/** Names a file imports or declares at the top level: the roots a service call may start from. */
function moduleNames(file: FileModel): Set<string> {
  let names = moduleNamesCache.get(file);
  if (names) return names;
  const ts = fastTs();
  const sourceFile = file.compilerSourceFile;
  names = new Set<string>();
  for (const declaration of sourceFile.statements) {
    if (!ts.isImportDeclaration(declaration)) continue;
    const clause = declaration.importClause;
    // ts-morph's ImportDeclaration#isTypeOnly.
    if (!clause || clause.phaseModifier === ts.SyntaxKind.TypeKeyword) continue;
    if (clause.name) names.add(morphText(clause.name, sourceFile));
    const bindings = clause.namedBindings;
    if (bindings && !ts.isNamedImports(bindings)) names.add(morphText(bindings.name, sourceFile));
    if (bindings && ts.isNamedImports(bindings)) {
      for (const named of bindings.elements) names.add(named.propertyName ? morphText(named.name, sourceFile) : specifierName(named));
    }
  }
  for (const statement of sourceFile.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && (statement.name && morphText(statement.name, sourceFile))) names.add(morphText(statement.name, sourceFile));
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.add(morphText(declaration.name, sourceFile));
      }
    }
  }
  moduleNamesCache.set(file, names);
  return names;
}

/** A callee as a member chain: its root (an identifier or `this`), the segments after it, and the operation. */
interface Chain {
  root: CompilerNode;
  rootName: string;
  segments: string[];
  op: string;
}

function chainOf(call: TsMorph.ts.CallExpression, sourceFile: SourceFile): Chain | undefined {
  const ts = fastTs();
  const segments: string[] = [];
  let current = unwrapCompilerNode(call.expression);
  let op: string | undefined;
  for (;;) {
    let name: string | undefined;
    let object: CompilerNode;
    if (ts.isPropertyAccessExpression(current)) {
      name = morphText(current.name, sourceFile);
      object = current.expression;
    } else if (ts.isElementAccessExpression(current)) {
      name = compilerStringValue(current.argumentExpression);
      object = current.expression;
    } else break;
    if (name === undefined) return undefined;
    if (op === undefined) op = name;
    else segments.unshift(name);
    current = unwrapCompilerNode(object);
  }
  if (op === undefined) return undefined;
  if (current.kind === ts.SyntaxKind.ThisKeyword) return { root: current, rootName: 'this', segments, op };
  if (ts.isIdentifier(current)) return { root: current, rootName: morphText(current, sourceFile), segments, op };
  return undefined;
}

/** The parameter names of `fn`. */
function parameterNames(fn: CompilerFunction, sourceFile: SourceFile): Set<string> {
  const ts = fastTs();
  const names = new Set<string>();
  const bind = (pattern: CompilerNode) => {
    if (ts.isIdentifier(pattern)) names.add(morphText(pattern, sourceFile));
    else if (ts.isObjectBindingPattern(pattern) || ts.isArrayBindingPattern(pattern)) {
      for (const element of pattern.elements) if (ts.isBindingElement(element)) bind(element.name);
    }
  };
  for (const parameter of fn.parameters) bind(parameter.name);
  return names;
}

/**
 * What a function body does: each call on a member chain rooted in the context (through `scope.bindings`),
 * a parameter, `this`, or a module-level name, read as an access to the resource it names; and each
 * call worth following (functions and methods of the module or its imports, context methods).
 */
export function readBody(fn: CompilerFunction, scope: Scope, sourceFile: SourceFile): BodyFacts {
  const ts = fastTs();
  const body = fn.body;
  const facts: BodyFacts = { accesses: [], calls: [] };
  if (!body) return facts;
  const parameters = scope.bindings ? new Set<string>() : parameterNames(fn, sourceFile);
  const accessCalls: { call: TsMorph.ts.CallExpression; access: AccessFact }[] = [];
  const followedCalls: { call: TsMorph.ts.CallExpression; fact: CallFact }[] = [];
  const pushCall = (call: TsMorph.ts.CallExpression, fact: CallFact) => {
    facts.calls.push(fact);
    followedCalls.push({ call, fact });
  };
  compilerWalk(body, (node) => {
    const call = node as TsMorph.ts.CallExpression;
    const line = compilerStartLine(call, sourceFile);
    const callee = unwrapCompilerNode(call.expression);
    if (ts.isIdentifier(callee)) {
      const name = morphText(callee, sourceFile);
      if (scope.moduleNames.has(name)) pushCall(call, { name, line });
      return;
    }
    const chain = chainOf(call, sourceFile);
    if (!chain) return;
    let segments: string[] | undefined;
    const contextPath = scope.bindings && chain.rootName !== 'this' ? scope.bindings.compilerPathOf(chain.root) : undefined;
    if (contextPath !== undefined) {
      const path = [...(contextPath === '' ? [] : contextPath.split('.')), ...chain.segments];
      if (path[0] !== 'context') return;
      segments = path.slice(1);
      if (segments.length === 1) pushCall(call, { name: segments[0], member: chain.op, context: true, line });
    } else if (chain.rootName === 'this') {
      segments = chain.segments;
      if (segments.length === 0 && scope.className) pushCall(call, { name: scope.className, member: chain.op, line });
    } else if (parameters.has(chain.rootName) || scope.moduleNames.has(chain.rootName)) {
      segments = [chain.rootName, ...chain.segments];
      if (chain.segments.length === 0 && scope.moduleNames.has(chain.rootName)) pushCall(call, { name: chain.rootName, member: chain.op, line });
    }
    if (!segments) return;
    const resource = resourceOf(segments, chain.op);
    if (resource && facts.accesses.length < MAX_ACCESSES_PER_BODY) {
      const access: AccessFact = { resource, op: chain.op, line };
      facts.accesses.push(access);
      accessCalls.push({ call, access });
    }
  }, kinds('CallExpression'));
  if (scope.markGuards) {
    const calls = new Set<CompilerNode>([...accessCalls, ...followedCalls].map((entry) => entry.call));
    for (const { call, access } of accessCalls) if (isGuardRead(call, body, calls, sourceFile)) access.guard = true;
    for (const { call, fact } of followedCalls) if (isGuardRead(call, body, calls, sourceFile)) fact.guard = true;
  }
  return facts;
}

/** `id`, `userId`, `memberIds`: keys, which an edit of the record does not change. */
const KEY_NAME = /^(?:id|ids|uuid)$|(?:Id|Ids|ID|IDs)$/;

/**
 * Whether a query's read only guards or keys other code: its value (bound to a name) is used only in
 * conditions, by key (`room.id`), or as arguments of other data calls, never shown as it is.
 */
function isGuardRead(call: CompilerNode, body: CompilerNode, accessCalls: ReadonlySet<CompilerNode>, sourceFile: SourceFile): boolean {
  const ts = fastTs();
  if (inCondition(call, body)) return true;
  let node: CompilerNode = call;
  let parent = node.parent as CompilerNode | undefined;
  while (parent && (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent))) {
    node = parent;
    parent = parent.parent;
  }
  if (!parent || !ts.isVariableDeclaration(parent) || parent.initializer !== node) return false;
  const nameNode = parent.name;
  if (!ts.isIdentifier(nameNode)) return false;
  const name = morphText(nameNode, sourceFile);
  const references: CompilerNode[] = [];
  compilerWalk(body, (candidate) => {
    if (candidate !== nameNode && morphText(candidate, sourceFile) === name) references.push(candidate);
  }, kinds('Identifier'));
  if (references.length === 0) return false;
  return references.every((reference) => {
    const holder = reference.parent as CompilerNode | undefined;
    // `{ name: value }` keys and `x.name` properties that merely share the name are not references.
    if (holder && ts.isPropertyAccessExpression(holder) && holder.name === reference) return true;
    if (holder && ts.isPropertyAssignment(holder) && holder.name === reference) return true;
    // `room.id`, `session.user.id`, `session?.user?.id`: a key anywhere along the property chain.
    let target: CompilerNode = reference;
    let up = target.parent as CompilerNode | undefined;
    while (up && (ts.isNonNullExpression(up) || (ts.isPropertyAccessExpression(up) && up.expression === target))) {
      if (ts.isPropertyAccessExpression(up) && KEY_NAME.test(morphText(up.name, sourceFile))) return true;
      target = up;
      up = up.parent;
    }
    return inCondition(reference, body) || inArgumentsOf(reference, accessCalls, body) || inLogCall(reference, body, sourceFile);
  });
}

/** Inside the condition of an `if`, a `? :`, a loop, or the left side of `&&` / `||` / `??`. */
function inCondition(node: CompilerNode, body: CompilerNode): boolean {
  const ts = fastTs();
  const { SyntaxKind } = ts;
  let child = node;
  let current = node.parent as CompilerNode | undefined;
  while (current && current !== body) {
    if ((ts.isIfStatement(current) || ts.isWhileStatement(current)) && child === current.expression) return true;
    if (ts.isConditionalExpression(current) && child === current.condition) return true;
    if (ts.isBinaryExpression(current) && child === current.left) {
      const operator = current.operatorToken.kind;
      if (operator === SyntaxKind.BarBarToken || operator === SyntaxKind.AmpersandAmpersandToken || operator === SyntaxKind.QuestionQuestionToken) return true;
    }
    if (isStatementKind(current.kind) || isCompilerFunctionLike(current)) return false;
    child = current;
    current = current.parent;
  }
  return false;
}

function inArgumentsOf(node: CompilerNode, calls: ReadonlySet<CompilerNode>, body: CompilerNode): boolean {
  const ts = fastTs();
  let child = node;
  let current = node.parent as CompilerNode | undefined;
  while (current && current !== body) {
    if (ts.isCallExpression(current) && calls.has(current) && current.arguments.some((argument) => argument === child)) return true;
    if (isStatementKind(current.kind)) return false;
    child = current;
    current = current.parent;
  }
  return false;
}

/** Inside the arguments of `console.*(...)` or `logger.*(...)`: logged, not shown. */
function inLogCall(node: CompilerNode, body: CompilerNode, sourceFile: SourceFile): boolean {
  const ts = fastTs();
  let current = node.parent as CompilerNode | undefined;
  while (current && current !== body && !isCompilerFunctionLike(current)) {
    if (ts.isCallExpression(current)) {
      const callee = unwrapCompilerNode(current.expression);
      const owner = ts.isPropertyAccessExpression(callee) ? unwrapCompilerNode(callee.expression) : undefined;
      const ownerName = owner && ts.isIdentifier(owner) ? morphText(owner, sourceFile) : owner && ts.isPropertyAccessExpression(owner) ? morphText(owner.name, sourceFile) : undefined;
      if (ownerName && /^(?:console|logger|log)$/.test(ownerName)) return true;
    }
    current = current.parent;
  }
  return false;
}

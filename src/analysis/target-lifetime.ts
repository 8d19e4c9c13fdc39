/**
 * Lifetime question 2 for event targets: does the object a listener is added to outlive the code that adds it?
 * An emitter keeps every listener in its listener list (an EventTarget in its event listener list) until it is
 * removed, so a listener lives as long as its target.
 *
 * Long-lived targets:
 * - `program`: `process` (and its stdio streams), `globalThis`/`global`; `window`, `self`, `document` (and
 *   `document.body`/`documentElement`/`head`) for the life of the page;
 * - `module`: a module-level binding created once by a call (`const client = redis.createClient()`), never reassigned;
 * - `imported`: an imported binding (`import bus from './bus'`, `const { ipcRenderer } = require('electron')`);
 * - `static`: a class static field created by a call (`static bus = new EventEmitter()`);
 * - `connection`: a request's socket (`req.socket`, `res.connection`, `ctx.req.socket`): keep-alive reuses it;
 * - `caller-signal`: an `AbortSignal` the caller passed in (`signal`, `options.signal`): it may outlive the call and
 *   may never abort;
 * - `instance-member`: `this.x`, set in the constructor, registered on by a method that runs again for the same
 *   instance (a reconnect path, `connectedCallback`);
 * - `captured`: a local emitter registered on by an inner function that calls itself again (a retry, a redirect);
 * - `shared-client`: the client (`client`, `topology`, `pool`…) a per-query object's constructor is given;
 * - `caller-object` (`outcomePairTarget`, for outcome pairs only): `this` in a method callers call again, or a
 *   parameter the file passes again on every iteration of a loop.
 * Everything else (a local emitter, a spawned child, `req` itself, a fresh socket, an element created here) dies with
 * the code that made it: its listeners go with it.
 *
 * Expressions are followed to the object they denote through `const` aliases, destructuring and `self = this`
 * (`pathOf`); `this` is resolved to the class or constructor function it belongs to (`thisOwner`), so methods of one
 * class share their fields, ES5 prototypes and Babel's `_createClass` included.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  contains,
  enclosingFunction,
  fileNodes,
  fileFunctions,
  fileNodesOfType,
  functionVariable,
  isFunction,
  memberKey,
  propertyKeyName,
  propertyName,
  resolve,
  unwrap,
  type FunctionNode,
  outerBinding,
  isModuleScope,
  requiredModule,
  GLOBAL_OBJECT_NAMES,
  LOOP_STATEMENTS,
} from './ast.js';
import { functionName } from './fixes.js';
import type { Repetition, RepetitionAnalysis } from './repetition.js';
import { classOwner, functionOwner, thisFunction, thisOwner, type ThisOwner } from './owners.js';

type Variable = TSESLint.Scope.Variable;
type SourceCode = Readonly<TSESLint.SourceCode>;

export type PathRoot =
  { kind: 'global'; name: string } | { kind: 'variable'; variable: Variable } | { kind: 'this'; owner: ThisOwner };

/** The object an expression denotes, as a root and a chain of static property names: `this.socket`, `req.socket`. */
export interface ObjectPath {
  readonly root: PathRoot;
  readonly properties: readonly string[];
}

/** Names of the global object: one object in a browser (`window === self === globalThis`) and in Node. */
const PROGRAM_TARGETS = new Set(['process', 'global', 'globalThis']);
const PAGE_TARGETS = new Set(['window', 'self', 'document']);
/** Properties of a program-lifetime object that live as long as it does. */
const LONG_LIVED_MEMBERS: Record<string, ReadonlySet<string>> = {
  process: new Set(['stdin', 'stdout', 'stderr']),
  document: new Set(['body', 'documentElement', 'head']),
  window: new Set(['visualViewport']),
};
const REQUEST_NAMES = new Set(['req', 'request', 'res', 'response', 'ctx', 'context']);
/** Fields that hold the options a caller passed to a constructor: `this.options.signal` is the caller's signal. */
const OPTIONS_FIELD = /^_?(options|opts|config|init|settings)$/;
/** Parameters naming a client that many short-lived objects share: a driver's client, topology, pool or database. */
const SHARED_CLIENT = /^(client|topology|pool|db|database|driver|cluster|sequelize|mongoose|redis|knex)$/;
/**
 * Classes made for one unit of work (a query, a command, a request), many of them for one client over its life. A
 * listener their constructor adds to that client outlives each of them.
 */
const UNIT_OF_WORK = /(Query|Command|Statement|Cursor|Request|Operation|Transaction|Job|Task)$/;
const SOCKET_PROPERTIES = new Set(['socket', 'connection']);
/** Methods that run again for the same instance when something reconnects or restarts it. */
const RERUN_NAME = /^_?(re(connect|start|init|initialize|open|subscribe|attach|load|try|bind|listen)|re[A-Z])/;
/** Lifecycle methods that run again for the same instance: a custom element attached to the document again. */
const REATTACH_METHODS = new Set(['connectedCallback', 'attachedCallback']);

export type TargetKind =
  | 'program'
  | 'module'
  | 'imported'
  | 'static'
  | 'connection'
  | 'caller-signal'
  | 'instance-member'
  | 'captured'
  | 'shared-client'
  | 'caller-object'
  | 'kept-field';

export interface LongLivedTarget {
  kind: TargetKind;
  /** How messages name the target: `process`, `client`, `req.socket`, `this.socket`. */
  name: string;
  /** Why it outlives the code, as a clause: "`process` lives for the whole program". */
  lifetime: string;
  /** For an instance member: what makes the registering method run again for the same instance. */
  rerun?: Repetition;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;
function idOf(object: object): number {
  let id = objectIds.get(object);
  if (id === undefined) objectIds.set(object, (id = nextObjectId++));
  return id;
}

/** Identity of a path: equal for every expression that denotes the same object. */
export function pathKey(path: ObjectPath): string {
  const { root } = path;
  let key: string;
  if (root.kind === 'global') key = `g:${GLOBAL_OBJECT_NAMES.has(root.name) ? 'globalThis' : root.name}`;
  else if (root.kind === 'this') key = `t${idOf(root.owner)}`;
  else if (root.variable.defs[0]?.type === 'Parameter')
    key = `p:${root.variable.name}`; // `req` in any handler is a request
  else key = `v${idOf(root.variable)}`;
  return path.properties.length === 0 ? key : `${key}.${path.properties.join('.')}`;
}

/** Whether a path is rooted at a parameter: an object the caller supplies. */
export function isParameterPath(path: ObjectPath): boolean {
  return path.root.kind === 'variable' && path.root.variable.defs[0]?.type === 'Parameter';
}

/**
 * The object `expression` denotes, or null when it is not a static chain: identifiers (through `const` aliases and
 * destructuring), `this` (through `const self = this`) and static member accesses.
 */
export function pathOf(sourceCode: SourceCode, expression: TSESTree.Node, depth = 0): ObjectPath | null {
  if (depth !== 0) return uncachedPathOf(sourceCode, expression, depth);
  let path = paths.get(expression);
  if (path === undefined) paths.set(expression, (path = uncachedPathOf(sourceCode, expression, 0)));
  return path;
}

/**
 * Paths already found, by expression: a target, a listener or a removal's function is asked about by several
 * questions (lifetime, release, the assignment union). Only the answers from the outside (depth 0) are kept: an alias
 * followed from a deeper level may stop sooner.
 */
const paths = new WeakMap<TSESTree.Node, ObjectPath | null>();

function uncachedPathOf(sourceCode: SourceCode, expression: TSESTree.Node, depth: number): ObjectPath | null {
  const node = unwrap(expression);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const found = resolve(sourceCode, node);
      if (!found || (found.scope.type === 'global' && found.defs.length === 0))
        return { root: { kind: 'global', name: node.name }, properties: [] };
      const variable = outerBinding(found);
      if (depth === 0) return variablePath(sourceCode, variable);
      const alias = depth < 5 ? aliasedPath(sourceCode, variable, depth) : null;
      return alias ?? { root: { kind: 'variable', variable }, properties: [] };
    }
    case AST_NODE_TYPES.ThisExpression: {
      const owner = thisOwner(sourceCode, node);
      return owner ? { root: { kind: 'this', owner }, properties: [] } : null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberKey(sourceCode, node);
      const object = name === null ? null : pathOf(sourceCode, node.object, depth);
      return object && name !== null ? { root: object.root, properties: [...object.properties, name] } : null;
    }
    default:
      return null;
  }
}

/**
 * What a variable denotes, asked from the outside (depth 0): every use of one name asks the same question, and the
 * alias test reads all of the variable's references.
 */
const variablePaths = new WeakMap<Variable, ObjectPath>();

function variablePath(sourceCode: SourceCode, variable: Variable): ObjectPath {
  let path = variablePaths.get(variable);
  if (path === undefined) {
    path = aliasedPath(sourceCode, variable, 0) ?? { root: { kind: 'variable', variable }, properties: [] };
    variablePaths.set(variable, path);
  }
  return path;
}

/** `const proc = process`, `const self = this`, `const { signal } = options`: what a never-reassigned alias denotes. */
function aliasedPath(sourceCode: SourceCode, variable: Variable, depth: number): ObjectPath | null {
  const definition = variable.defs[0];
  if (variable.defs.length !== 1 || definition?.type !== 'Variable') return null;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
  const declarator = definition.node;
  if (!declarator.init) return null;
  const init = unwrap(declarator.init);
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    const aliasable =
      init.type === AST_NODE_TYPES.Identifier ||
      init.type === AST_NODE_TYPES.ThisExpression ||
      init.type === AST_NODE_TYPES.MemberExpression;
    return aliasable ? pathOf(sourceCode, init, depth + 1) : null;
  }
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type !== AST_NODE_TYPES.Identifier || value.name !== variable.name) continue;
    const key = propertyKeyName(property);
    const base = key === null ? null : pathOf(sourceCode, init, depth + 1);
    return base && key !== null ? { root: base.root, properties: [...base.properties, key] } : null;
  }
  return null;
}

/** The display name of a target: its source text when short, else its path (`this.pool.socket`). */
function displayName(sourceCode: SourceCode, target: TSESTree.Node, path: ObjectPath): string {
  const text = sourceCode.getText(unwrap(target));
  if (text.length <= 40 && !text.includes('\n')) return text;
  const root =
    path.root.kind === 'global' ? path.root.name : path.root.kind === 'variable' ? path.root.variable.name : 'this';
  return [root, ...path.properties].join('.');
}

/**
 * Whether the object `target` denotes outlives the code at `site` that adds a listener to it, and why. `repetition`
 * tells whether a method re-runs for the same instance (for `this.x` targets). Null when it does not, or when the
 * analysis cannot tell.
 */
export function longLivedTarget(
  sourceCode: SourceCode,
  target: TSESTree.Node,
  site: TSESTree.Node,
  repetition: RepetitionAnalysis,
): LongLivedTarget | null {
  const path = pathOf(sourceCode, target);
  if (!path) return null;
  const name = displayName(sourceCode, target, path);
  const { root, properties } = path;
  if (root.kind === 'global') return programTarget(root.name, properties, name);
  if (root.kind === 'this')
    return (
      instanceMemberTarget(sourceCode, path, site, name, repetition) ??
      thisPathTarget(path, name) ??
      sharedClientTarget(sourceCode, path, site, name)
    );
  const variable = root.variable;
  const definition = variable.defs[0];
  if (definition?.type === 'Parameter')
    return (
      parameterTarget(variable, properties, name) ??
      sharedClientTarget(sourceCode, path, site, name) ??
      keptFieldTarget(sourceCode, path, name)
    );
  const connection = !isModuleScope(variable.scope) ? requestSocketTarget(variable.name, properties, name) : null;
  if (connection) return connection;
  if (properties.length === 0 && !isModuleScope(variable.scope))
    return capturedTarget(sourceCode, variable, site, name, repetition);
  if (properties.length === 0) return moduleTarget(variable, name);
  if (properties.length === 1 && definition?.type === 'ClassName' && isModuleScope(variable.scope)) {
    const field = staticField(definition.node, properties[0] ?? '');
    if (field && isCreatedByCall(field)) {
      return {
        kind: 'static',
        name,
        lifetime: `\`${name}\` is a static field of \`${variable.name}\` that lives for the whole program`,
      };
    }
  }
  // `process` imported under its own name: `const process = require('node:process')`.
  const source = importSource(variable);
  if (source === 'process' || source === 'node:process') return programTarget('process', properties, name);
  return null;
}

function programTarget(global: string, properties: readonly string[], name: string): LongLivedTarget | null {
  let object = global;
  let rest = properties;
  if (GLOBAL_OBJECT_NAMES.has(object) && rest[0] === 'document') [object, rest] = ['document', rest.slice(1)];
  if (rest.length === 1 && LONG_LIVED_MEMBERS[object]?.has(rest[0] ?? '')) rest = [];
  if (rest.length !== 0) return null;
  if (PROGRAM_TARGETS.has(object))
    return { kind: 'program', name, lifetime: `\`${name}\` lives for the whole program` };
  if (PAGE_TARGETS.has(object)) return { kind: 'program', name, lifetime: `\`${name}\` lives as long as the page` };
  return null;
}

/**
 * `req.socket`, `ctx.req.socket`, `ctx.socket`, `request.connection`: the connection a request came on (or went out
 * on, through an agent), which keep-alive reuses across requests. `root` is the name of the request-like object.
 */
function requestSocketTarget(root: string, properties: readonly string[], name: string): LongLivedTarget | null {
  const last = properties[properties.length - 1];
  if (last === undefined || !SOCKET_PROPERTIES.has(last) || !REQUEST_NAMES.has(root)) return null;
  const between = properties.slice(0, -1);
  if (between.length > 1 || (between.length === 1 && !REQUEST_NAMES.has(between[0] ?? ''))) return null;
  return {
    kind: 'connection',
    name,
    lifetime: `\`${name}\` is the connection, which keep-alive reuses across requests`,
  };
}

/** `this.req.socket` (a framework's context object), `this.options.signal` (the caller's signal, kept). */
function thisPathTarget(path: ObjectPath, name: string): LongLivedTarget | null {
  const [first, ...rest] = path.properties;
  if (first === undefined) return null;
  const connection = requestSocketTarget(first, rest, name);
  if (connection) return connection;
  if (rest.length === 1 && rest[0] === 'signal' && OPTIONS_FIELD.test(first))
    return {
      kind: 'caller-signal',
      name,
      lifetime: `\`${name}\` comes from the caller, may outlive this object and may never abort`,
    };
  return null;
}

function parameterTarget(variable: Variable, properties: readonly string[], name: string): LongLivedTarget | null {
  const last = properties[properties.length - 1];
  const connection = requestSocketTarget(variable.name, properties, name);
  if (connection) return connection;
  // A request's own signal (`request.signal` in a fetch handler) belongs to that request.
  const isSignal =
    properties.length === 0
      ? /signal$/i.test(variable.name)
      : properties.length <= 2 && last === 'signal' && !REQUEST_NAMES.has(variable.name);
  if (isSignal)
    return {
      kind: 'caller-signal',
      name,
      lifetime: `\`${name}\` comes from the caller, may outlive this call and may never abort`,
    };
  return null;
}

/**
 * `client[kSocket]` in a function handed the client (`function write(client, request)`): a field under a constant
 * key that a class of this file sets on its own instances (`this[kSocket] = socket`), so the parameter is one of them
 * and every call for that instance reaches the same object. Not when the function sets the field itself: it makes
 * the object it registers on (a `connect(client)` step).
 */
function keptFieldTarget(sourceCode: SourceCode, path: ObjectPath, name: string): LongLivedTarget | null {
  const key = path.properties[0];
  if (path.root.kind !== 'variable' || path.properties.length !== 1 || !key?.startsWith('[')) return null;
  const parameter = path.root.variable;
  const fn = parameter.defs[0]?.node;
  const owner = constantKeyOwner(sourceCode, key);
  if (!owner || !isFunction(fn) || functionOwner(sourceCode, fn) === owner) return null;
  const setsField = parameter.references.some((reference) => {
    const member = reference.identifier.parent;
    return (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      member.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      member.parent.left === member &&
      memberKey(sourceCode, member) === key
    );
  });
  if (setsField) return null;
  const ownerName = ownerDisplayName(owner);
  const fnName = functionName(fn);
  return {
    kind: 'kept-field',
    name,
    lifetime: `\`${name}\` is the \`${key}\` ${ownerName ? `a \`${ownerName}\`` : 'an instance'} keeps, the same object on every call of \`${fnName ?? 'this function'}()\` for that \`${parameter.name}\``,
  };
}

function ownerDisplayName(owner: ThisOwner): string | null {
  if (!('type' in owner)) return owner.name;
  return 'id' in owner && owner.id?.type === AST_NODE_TYPES.Identifier ? owner.id.name : null;
}

function moduleTarget(variable: Variable, name: string): LongLivedTarget | null {
  if (!isModuleScope(variable.scope) || variable.defs.length !== 1) return null;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return null; // replaced: per reconnect
  const source = importSource(variable);
  if (source === 'process' || source === 'node:process') return programTarget('process', [], name);
  if (source !== null)
    return {
      kind: 'imported',
      name,
      lifetime: `\`${name}\` is imported from '${source}', a module instance that lives for the whole program`,
    };
  const definition = variable.defs[0];
  if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init)
    return null;
  if (!isCreatedByCall(definition.node.init)) return null;
  const line = definition.node.loc.start.line;
  return {
    kind: 'module',
    name,
    lifetime: `\`${name}\` is created once at module level (line ${line}) and lives as long as the module`,
  };
}

/** An emitter or client made by a call: `createClient()`, `new EventEmitter()`, `await connect()`. */
function isCreatedByCall(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) return isCreatedByCall(value.argument);
  if (value.type === AST_NODE_TYPES.NewExpression) return true;
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  // `(function () { … })()` builds whatever it returns; count it only when it is visibly an emitter.
  return !isFunction(unwrap(value.callee));
}

/** The module an import binding (or a module-level `require`) comes from, or null. */
function importSource(variable: Variable): string | null {
  const definition = variable.defs[0];
  if (!definition) return null;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    return declaration?.type === AST_NODE_TYPES.ImportDeclaration ? String(declaration.source.value) : null;
  }
  if (definition.type !== 'Variable' || !definition.node.init || !isModuleScope(variable.scope)) return null;
  return requiredModule(definition.node.init);
}

function staticField(classNode: TSESTree.Node, name: string): TSESTree.Node | null {
  if (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression)
    return null;
  for (const member of classNode.body.body) {
    if (
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      member.static &&
      !member.computed &&
      member.key.type === AST_NODE_TYPES.Identifier &&
      member.key.name === name
    ) {
      return member.value;
    }
  }
  return null;
}

/**
 * `this.x` registered on from a method: long-lived relative to that method when `this.x` is only ever set in the
 * constructor (or a field), so every run of the method adds to the same object, and the method demonstrably runs
 * again for the same instance.
 */
function instanceMemberTarget(
  sourceCode: SourceCode,
  path: ObjectPath,
  site: TSESTree.Node,
  name: string,
  repetition: RepetitionAnalysis,
): LongLivedTarget | null {
  if (path.root.kind !== 'this' || path.properties.length !== 1) return null;
  const owner = path.root.owner;
  const property = path.properties[0] ?? '';
  const method = methodAround(sourceCode, site, owner);
  if (!method || isConstructorOf(method, owner)) return null;
  const writes = fieldWritesOf(sourceCode, owner, property);
  if (writes.length === 0 || writes.some((write) => !isConstructorOf(write, owner))) return null;
  const rerun = methodRerun(sourceCode, method, owner, repetition);
  if (!rerun) return null;
  const methodName = functionName(method);
  return {
    kind: 'instance-member',
    name,
    lifetime: `\`${name}\` is set once per instance, in the constructor, and outlives each run of \`${methodName ?? 'this method'}()\``,
    rerun,
  };
}

/**
 * The method of `owner` that contains `node`: the innermost enclosing non-arrow function whose `this` is `owner`
 * (callbacks in between are skipped: `self.socket.on(…)` inside a `function` callback of an ES5 method).
 */
function methodAround(sourceCode: SourceCode, node: TSESTree.Node, owner: ThisOwner): FunctionNode | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && functionOwner(sourceCode, fn) === owner) return fn;
  }
  return null;
}

/** Whether `fn` (a function or a field) initialises instances of `owner`: its constructor or a field initialiser. */
function isConstructorOf(fn: TSESTree.Node, owner: ThisOwner): boolean {
  if (fn.type === AST_NODE_TYPES.PropertyDefinition) return true;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition) return parent.kind === 'constructor';
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration)
    return !('type' in owner) && owner.defs.some((d) => d.node === fn);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn)
    return !('type' in owner) && owner.defs.some((d) => d.node === parent);
  return false;
}

/**
 * A question about the whole file, answered from fileNodes() on first need and kept per AST. Each index is its own
 * pass: most files need one of them, or none.
 */
function perFile<T>(build: (sourceCode: SourceCode) => T): (sourceCode: SourceCode) => T {
  const built = new WeakMap<object, T>();
  return (sourceCode) => {
    let known = built.get(sourceCode.ast);
    if (known === undefined) built.set(sourceCode.ast, (known = build(sourceCode)));
    return known;
  };
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The file's assignments, class fields and parameter properties in the order ESLint's traversal left them, from a
 * rule that collected them (`knownFieldWriters`): the field writers are read from them instead of a walk of the file.
 */
const collectedWriters = new WeakMap<object, readonly TSESTree.Node[]>();

/**
 * For a rule that collects every `AssignmentExpression`, `PropertyDefinition` and `TSParameterProperty` of the file
 * as ESLint's traversal leaves it (`:exit`): `longLivedTarget` then finds who sets `this.x` among those nodes, and
 * need not walk the whole file. Leaving order is fileNodes() order reversed, so the index is the same.
 */
export function knownFieldWriters(sourceCode: SourceCode, leftInOrder: readonly TSESTree.Node[]): void {
  if (!collectedWriters.has(sourceCode.ast)) collectedWriters.set(sourceCode.ast, leftInOrder);
}

/**
 * Everything that may set a field of `this`, by the field's name: assignments `x.f = …` whose object may be `this`
 * itself (`this`, `self`), class fields and parameter properties. Which of them set one owner's field is asked for
 * one name at a time (`fieldWritesOf`), so `this` and its aliases are resolved for that name only. In fileNodes()
 * order: from the nodes a rule collected (read backwards) when it did, else from fileNodes().
 */
const fieldWritersByName = perFile((sourceCode) => {
  const writers = new Map<string, TSESTree.Node[]>();
  const collected = collectedWriters.get(sourceCode.ast);
  if (collected)
    for (let at = collected.length - 1; at >= 0; at--) addFieldWriter(writers, collected[at] as TSESTree.Node);
  else for (const node of fileNodes(sourceCode)) addFieldWriter(writers, node);
  return writers;
});

function addFieldWriter(writers: Map<string, TSESTree.Node[]>, node: TSESTree.Node): void {
  if (node.type === AST_NODE_TYPES.AssignmentExpression) {
    const left = unwrap(node.left);
    if (left.type !== AST_NODE_TYPES.MemberExpression || !denotesThisItself(left.object)) return;
    // The name memberKey() gives: a static name, or `[k]` for a constant key.
    const name =
      propertyName(left) ??
      (left.computed && left.property.type === AST_NODE_TYPES.Identifier ? `[${left.property.name}]` : null);
    if (name !== null) add(writers, name, node);
  } else if (
    node.type === AST_NODE_TYPES.PropertyDefinition &&
    !node.static &&
    !node.computed &&
    node.value &&
    node.key.type === AST_NODE_TYPES.Identifier
  ) {
    add(writers, node.key.name, node);
  } else if (node.type === AST_NODE_TYPES.TSParameterProperty) {
    // `constructor(private readonly socket: Socket = connect())`
    const parameter = node.parameter.type === AST_NODE_TYPES.AssignmentPattern ? node.parameter.left : node.parameter;
    if (parameter.type === AST_NODE_TYPES.Identifier) add(writers, parameter.name, node);
  }
}

/**
 * The assignments that may set `field` of `this` (`this.f = …`, `self.f = …`, `this[k] = …` for `[k]`), in fileNodes()
 * order: candidates, whose owner pathOf() tells.
 */
export function thisFieldAssignments(sourceCode: SourceCode, field: string): TSESTree.AssignmentExpression[] {
  return (fieldWritersByName(sourceCode).get(field) ?? []).filter(
    (node): node is TSESTree.AssignmentExpression => node.type === AST_NODE_TYPES.AssignmentExpression,
  );
}

/** The owner whose `this.<field>` an assignment sets, or null when it sets no field of `this`. */
function assignedThisField(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): ThisOwner | null {
  const path = pathOf(sourceCode, unwrap(assignment.left));
  return path?.root.kind === 'this' && path.properties.length === 1 ? path.root.owner : null;
}

/** Where `owner`'s `this.<field>` is set, in file order: the method (or field, or constructor) that sets it. */
function fieldWritesOf(sourceCode: SourceCode, owner: ThisOwner, field: string): TSESTree.Node[] {
  const writes: TSESTree.Node[] = [];
  for (const node of fieldWritersByName(sourceCode).get(field) ?? []) {
    if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      if (assignedThisField(sourceCode, node) === owner) writes.push(methodAround(sourceCode, node, owner) ?? node);
    } else if (node.type === AST_NODE_TYPES.PropertyDefinition) {
      if (classOwner(sourceCode, node.parent.parent) === owner) writes.push(node);
    } else if (node.type === AST_NODE_TYPES.TSParameterProperty) {
      const ctor = node.parent;
      const method = ctor?.parent;
      if (
        isFunction(ctor) &&
        method?.type === AST_NODE_TYPES.MethodDefinition &&
        classOwner(sourceCode, method.parent.parent) === owner
      )
        writes.push(ctor);
    }
  }
  return writes;
}

/** The class that sets `this[k]` first in the file, for a constant key `[k]` (`[kSocket]`): only its instances carry it. */
function constantKeyOwner(sourceCode: SourceCode, key: string): ThisOwner | null {
  for (const node of fieldWritersByName(sourceCode).get(key) ?? []) {
    const owner = node.type === AST_NODE_TYPES.AssignmentExpression ? assignedThisField(sourceCode, node) : null;
    if (owner) return owner;
  }
  return null;
}

/**
 * Calls `x.m(…)` whose object may be `this` itself (`this`, `self`), by method name: which of them are calls on
 * one owner's `this` is asked for one name at a time (`thisCallsOf`), so the aliases are resolved for that name only.
 */
const memberCallsByName = perFile((sourceCode) => {
  const calls = new Map<string, TSESTree.CallExpression[]>();
  // The calls of fileNodes(), in its order: the member accesses and functions between them need not be read.
  for (const node of fileNodesOfType(sourceCode, AST_NODE_TYPES.CallExpression)) {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !denotesThisItself(callee.object)) continue;
    const name = propertyName(callee);
    if (name !== null) add(calls, name, node);
  }
  return calls;
});

/** Calls `this.m(…)` (also through `self = this`) on `owner`'s `this`, in file order. */
function thisCallsOf(sourceCode: SourceCode, owner: ThisOwner, name: string): TSESTree.CallExpression[] {
  return (memberCallsByName(sourceCode).get(name) ?? []).filter((call) => {
    const object = pathOf(sourceCode, (unwrap(call.callee) as TSESTree.MemberExpression).object);
    return object?.root.kind === 'this' && object.properties.length === 0 && object.root.owner === owner;
  });
}

/** Method names of each owner: class methods, prototype assignments, object methods. */
const ownerMethods = perFile((sourceCode) => {
  const methods = new Map<string, Set<string>>();
  for (const node of fileFunctions(sourceCode)) {
    if (node.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const name = functionName(node);
    const owner = name === null ? null : functionOwner(sourceCode, node);
    if (owner && owner !== node && name !== null) {
      const key = pathKey({ root: { kind: 'this', owner }, properties: [] });
      const names = methods.get(key) ?? new Set<string>();
      names.add(name);
      methods.set(key, names);
    }
  }
  return methods;
});

/** Whether `node` may denote `this` with no property (`this`, `self`): a member access or a call never does. */
function denotesThisItself(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.ThisExpression || value.type === AST_NODE_TYPES.Identifier;
}

/** Method names of the class (or prototype, or object) `owner`. */
export function methodsOf(sourceCode: SourceCode, owner: ThisOwner): ReadonlySet<string> {
  return ownerMethods(sourceCode).get(pathKey({ root: { kind: 'this', owner }, properties: [] })) ?? new Set();
}

/**
 * What makes `method` run again for the same instance, or null when nothing visible does: it is a re-attach
 * lifecycle method, it is named as a re-run (`reconnect()`), or `this.method()` is called again from an event
 * handler, an interval, from inside itself (a retry) or from a re-run method.
 */
function methodRerun(
  sourceCode: SourceCode,
  method: FunctionNode,
  owner: ThisOwner,
  repetition: RepetitionAnalysis,
): Repetition | null {
  const name = functionName(method);
  if (name === null) return null;
  if (REATTACH_METHODS.has(name))
    return { kind: 'per-call', trigger: `every time the element is attached to the document (\`${name}()\`)` };
  if (RERUN_NAME.test(name)) return { kind: 'per-call', trigger: `on every call of \`${name}()\`` };
  for (const call of thisCallsOf(sourceCode, owner, name)) {
    const caller = methodAround(sourceCode, call, owner);
    if (caller && isConstructorOf(caller, owner)) continue;
    const callerName = caller && functionName(caller);
    const again =
      caller === method ||
      (callerName !== null && callerName !== undefined && RERUN_NAME.test(callerName)) ||
      repetition.repetitionOf(call).kind === 'per-event';
    if (again)
      return {
        kind: 'per-call',
        trigger: `each time \`${name}()\` runs again (it is called again at line ${call.loc.start.line})`,
      };
  }
  return null;
}

/**
 * A local emitter captured by a function that runs again while it lives (`get()` retried or redirected from its own
 * callbacks): `const ee = new EventEmitter()` in `request()`, registered on inside `get()`, which calls itself again.
 * Each run adds one more listener to the same `ee`.
 */
function capturedTarget(
  sourceCode: SourceCode,
  variable: Variable,
  site: TSESTree.Node,
  name: string,
  repetition: RepetitionAnalysis,
): LongLivedTarget | null {
  const definition = variable.defs[0];
  if (variable.defs.length !== 1 || definition?.type !== 'Variable') return null;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init || !isCreatedByCall(declarator.init))
    return null;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
  const owner = enclosingFunction(declarator);
  if (!owner) return null;
  for (let fn = enclosingFunction(site); fn && fn !== owner; fn = enclosingFunction(fn)) {
    const again = callAgainFromItself(sourceCode, fn);
    if (!again) continue;
    const runner = functionName(fn) ?? 'this function';
    const maker = functionName(owner);
    return {
      kind: 'captured',
      name,
      lifetime: `\`${name}\` is created once per call of ${maker === null ? 'the enclosing function' : `\`${maker}()\``} (line ${declarator.loc.start.line}) and outlives each run of \`${runner}()\``,
      rerun: {
        kind: repetition.repetitionOf(fn).kind === 'once' ? 'per-call' : repetition.repetitionOf(fn).kind,
        trigger: `each time \`${runner}()\` runs again (it calls itself again at line ${again.loc.start.line})`,
      },
    };
  }
  return null;
}

/** A use of `fn`'s own name inside its body that runs it again: `get(opts)`, `setTimeout(get, ms)`. */
function callAgainFromItself(sourceCode: SourceCode, fn: FunctionNode): TSESTree.Identifier | null {
  const variable = functionVariable(sourceCode, fn);
  if (!variable) return null;
  for (const reference of variable.references) {
    const use = reference.identifier;
    if (reference.init || !contains(fn, use) || use.type !== AST_NODE_TYPES.Identifier) continue;
    const parent = use.parent;
    const called = parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === use;
    const handedOn =
      (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.some((argument) => argument === use);
    if (called || handedOn) return use;
  }
  return null;
}

/**
 * A client shared by many short-lived objects, registered on by the constructor of one of them: `client` (or
 * `this.client = client`) in `constructor(client)` of a `Query`. Every query adds a listener to the one client.
 */
function sharedClientTarget(
  sourceCode: SourceCode,
  path: ObjectPath,
  site: TSESTree.Node,
  name: string,
): LongLivedTarget | null {
  const ctor = thisFunction(site);
  const className = ctor ? constructedName(ctor) : null;
  if (!ctor || className === null || !UNIT_OF_WORK.test(className)) return null;
  let parameter: string | null = null;
  if (path.root.kind === 'variable' && path.properties.length === 0 && path.root.variable.scope.block === ctor)
    parameter = path.root.variable.name;
  else if (path.root.kind === 'this' && path.properties.length === 1)
    parameter = fieldFromParameter(sourceCode, ctor, path.properties[0] ?? '');
  if (parameter === null || !SHARED_CLIENT.test(parameter)) return null;
  return {
    kind: 'shared-client',
    name,
    lifetime: `\`${name}\` is the ${parameter} every \`${className}\` is given, and outlives each \`${className}\``,
  };
}

/** The class a constructor builds: `class Query { constructor() {} }`, `function Query() {}`, `var Query = module.exports = function () {}`. */
function constructedName(fn: FunctionNode): string | null {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition) {
    if (parent.kind !== 'constructor') return null;
    const owner = parent.parent.parent;
    if (owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression) {
      if (owner.id) return owner.id.name;
      const holder = owner.parent;
      return holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier
        ? holder.id.name
        : null;
    }
    return null;
  }
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id && /^[A-Z]/.test(fn.id.name) ? fn.id.name : null;
  // `var Query = module.exports = function (…) {}`: the outermost name of an assignment chain.
  let node: TSESTree.Node = fn;
  while (node.parent?.type === AST_NODE_TYPES.AssignmentExpression && node.parent.right === node) node = node.parent;
  const holder = node.parent;
  const id =
    holder?.type === AST_NODE_TYPES.VariableDeclarator &&
    holder.init === node &&
    holder.id.type === AST_NODE_TYPES.Identifier
      ? holder.id.name
      : null;
  return id !== null && /^[A-Z]/.test(id) ? id : null;
}

/** The parameter `this.<field>` is set from in the constructor `ctor` (`this.client = client`), or null. */
function fieldFromParameter(sourceCode: SourceCode, ctor: FunctionNode, field: string): string | null {
  if (ctor.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  for (const statement of ctor.body.body) {
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? unwrap(statement.expression) : null;
    if (expression?.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
    const left = unwrap(expression.left);
    const right = unwrap(expression.right);
    if (
      left.type !== AST_NODE_TYPES.MemberExpression ||
      unwrap(left.object).type !== AST_NODE_TYPES.ThisExpression ||
      propertyName(left) !== field ||
      right.type !== AST_NODE_TYPES.Identifier
    )
      continue;
    const variable = resolve(sourceCode, right);
    return variable?.defs[0]?.type === 'Parameter' && variable.scope.block === ctor ? variable.name : null;
  }
  return null;
}

/**
 * For a registration that is one half of an outcome pair (a success listener beside an `error` listener: one of the
 * two never fires), whether the object it is added to outlives the call that adds them, when that is all that makes
 * it long-lived: `this` in a method callers call again (`connect(cb)`), or a parameter the file passes again on every
 * iteration of a loop (`tryBind(server, port)` for each port). Null otherwise.
 */
export function outcomePairTarget(
  sourceCode: SourceCode,
  target: TSESTree.Node,
  site: TSESTree.Node,
): LongLivedTarget | null {
  const path = pathOf(sourceCode, target);
  if (!path || path.properties.length !== 0) return null;
  const name = displayName(sourceCode, target, path);
  if (path.root.kind === 'this') {
    const method = thisFunction(site);
    if (!method || constructedName(method) !== null || isConstructorOf(method, path.root.owner)) return null;
    if (method.parent?.type !== AST_NODE_TYPES.MethodDefinition && !isPrototypeMethod(method)) return null;
    const methodName = functionName(method);
    return {
      kind: 'caller-object',
      name,
      lifetime: `\`${name}\` outlives each call of \`${methodName ?? 'this method'}()\``,
    };
  }
  if (path.root.kind !== 'variable' || path.root.variable.defs[0]?.type !== 'Parameter') return null;
  const variable = path.root.variable;
  const fn = variable.scope.block;
  if (!isFunction(fn)) return null;
  const position = fn.params.findIndex(
    (param) => param.type === AST_NODE_TYPES.Identifier && param.name === variable.name,
  );
  const loop = position < 0 ? null : loopPassingAgain(sourceCode, fn, position);
  if (!loop) return null;
  const fnName = functionName(fn) ?? 'this function';
  return {
    kind: 'caller-object',
    name,
    lifetime: `\`${name}\` is the caller's, and outlives each call of \`${fnName}()\``,
    rerun: {
      kind: 'per-call',
      trigger: `on every iteration of the loop at line ${loop.loc.start.line}, which calls \`${fnName}()\` with the same \`${name}\``,
    },
  };
}

function isPrototypeMethod(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== fn) return false;
  const left = unwrap(parent.left);
  const object = left.type === AST_NODE_TYPES.MemberExpression ? unwrap(left.object) : null;
  return object?.type === AST_NODE_TYPES.MemberExpression && propertyName(object) === 'prototype';
}

/** A loop that calls `fn` with, at `position`, a variable declared outside the loop: the same object every time. */
function loopPassingAgain(sourceCode: SourceCode, fn: FunctionNode, position: number): TSESTree.Node | null {
  const variable = functionVariable(sourceCode, fn);
  if (!variable) return null;
  for (const reference of variable.references) {
    const use = reference.identifier;
    const call = use.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== use) continue;
    const argument = call.arguments[position];
    const passed = argument ? unwrap(argument) : null;
    if (passed?.type !== AST_NODE_TYPES.Identifier) continue;
    const binding = resolve(sourceCode, passed);
    for (let node: TSESTree.Node | undefined = call.parent; node && !isFunction(node); node = node.parent) {
      if (!LOOP_STATEMENTS.has(node.type)) continue;
      const loop = node;
      if (!binding || (!contains(loop, binding.scope.block) && !binding.defs.some((d) => contains(loop, d.name))))
        return loop;
    }
  }
  return null;
}

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
 *   instance (a reconnect path, `connectedCallback`).
 * Everything else (a local emitter, a spawned child, `req` itself, a fresh socket, an element created here) dies with
 * the code that made it: its listeners go with it.
 *
 * Expressions are followed to the object they denote through `const` aliases, destructuring and `self = this`
 * (`pathOf`); `this` is resolved to the class or constructor function it belongs to (`thisOwner`), so methods of one
 * class share their fields, ES5 prototypes and Babel's `_createClass` included.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  enclosingFunction,
  fileNodes,
  isFunction,
  propertyName,
  resolve,
  unwrap,
  type FunctionNode,
  outerBinding,
  isModuleScope,
} from './ast.js';
import { functionName } from './fixes.js';
import type { Repetition, RepetitionAnalysis } from './repetition.js';
import { classOwner, functionOwner, thisOwner, type ThisOwner } from './owners.js';

type Variable = TSESLint.Scope.Variable;
type SourceCode = Readonly<TSESLint.SourceCode>;

export type PathRoot =
  { kind: 'global'; name: string } | { kind: 'variable'; variable: Variable } | { kind: 'this'; owner: ThisOwner };

/** The object an expression denotes, as a root and a chain of static property names: `this.socket`, `req.socket`. */
export interface ObjectPath {
  root: PathRoot;
  properties: string[];
}

/** Names of the global object: one object in a browser (`window === self === globalThis`) and in Node. */
const GLOBAL_OBJECT = new Set(['window', 'self', 'global', 'globalThis']);
const PROGRAM_TARGETS = new Set(['process', 'global', 'globalThis']);
const PAGE_TARGETS = new Set(['window', 'self', 'document']);
/** Properties of a program-lifetime object that live as long as it does. */
const LONG_LIVED_MEMBERS: Record<string, ReadonlySet<string>> = {
  process: new Set(['stdin', 'stdout', 'stderr']),
  document: new Set(['body', 'documentElement', 'head']),
  window: new Set(['visualViewport']),
};
const REQUEST_NAMES = new Set(['req', 'request', 'res', 'response', 'ctx', 'context']);
const SOCKET_PROPERTIES = new Set(['socket', 'connection']);
/** Methods that run again for the same instance when something reconnects or restarts it. */
const RERUN_NAME = /^_?(re(connect|start|init|initialize|open|subscribe|attach|load|try|bind|listen)|re[A-Z])/;
/** Lifecycle methods that run again for the same instance: a custom element attached to the document again. */
const REATTACH_METHODS = new Set(['connectedCallback', 'attachedCallback']);

export type TargetKind =
  'program' | 'module' | 'imported' | 'static' | 'connection' | 'caller-signal' | 'instance-member';

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
  if (root.kind === 'global') key = `g:${GLOBAL_OBJECT.has(root.name) ? 'globalThis' : root.name}`;
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
  const node = unwrap(expression);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const found = resolve(sourceCode, node);
      if (!found || (found.scope.type === 'global' && found.defs.length === 0))
        return { root: { kind: 'global', name: node.name }, properties: [] };
      const variable = outerBinding(found);
      const alias = depth < 5 ? aliasedPath(sourceCode, variable, depth) : null;
      return alias ?? { root: { kind: 'variable', variable }, properties: [] };
    }
    case AST_NODE_TYPES.ThisExpression: {
      const owner = thisOwner(sourceCode, node);
      return owner ? { root: { kind: 'this', owner }, properties: [] } : null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(node);
      const object = name === null ? null : pathOf(sourceCode, node.object, depth);
      return object && name !== null ? { root: object.root, properties: [...object.properties, name] } : null;
    }
    default:
      return null;
  }
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
    const key =
      property.key.type === AST_NODE_TYPES.Identifier
        ? property.key.name
        : property.key.type === AST_NODE_TYPES.Literal
          ? String(property.key.value)
          : null;
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
  if (root.kind === 'this') return instanceMemberTarget(sourceCode, path, site, name, repetition);
  const variable = root.variable;
  const definition = variable.defs[0];
  if (definition?.type === 'Parameter') return parameterTarget(variable, properties, name);
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
  if (GLOBAL_OBJECT.has(object) && rest[0] === 'document') [object, rest] = ['document', rest.slice(1)];
  if (rest.length === 1 && LONG_LIVED_MEMBERS[object]?.has(rest[0] ?? '')) rest = [];
  if (rest.length !== 0) return null;
  if (PROGRAM_TARGETS.has(object))
    return { kind: 'program', name, lifetime: `\`${name}\` lives for the whole program` };
  if (PAGE_TARGETS.has(object)) return { kind: 'program', name, lifetime: `\`${name}\` lives as long as the page` };
  return null;
}

function parameterTarget(variable: Variable, properties: readonly string[], name: string): LongLivedTarget | null {
  const last = properties[properties.length - 1];
  if (last !== undefined && SOCKET_PROPERTIES.has(last) && REQUEST_NAMES.has(variable.name)) {
    const between = properties.slice(0, -1);
    if (between.length === 0 || (between.length === 1 && REQUEST_NAMES.has(between[0] ?? ''))) {
      return {
        kind: 'connection',
        name,
        lifetime: `\`${name}\` is the connection, which keep-alive reuses across requests`,
      };
    }
  }
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

/** `require('x')`, `require('x').y`, `_interopRequireDefault(require('x')).default`: the module `x`. */
function requiredModule(node: TSESTree.Node): string | null {
  let value = unwrap(node);
  while (value.type === AST_NODE_TYPES.MemberExpression) value = unwrap(value.object);
  if (value.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(value.callee);
  const first = value.arguments[0];
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require') {
    return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : null;
  }
  // Babel's and TypeScript's interop wrappers around a require.
  if (
    callee.type === AST_NODE_TYPES.Identifier &&
    /^_*(interopRequire|importDefault|importStar)/.test(callee.name) &&
    first
  )
    return requiredModule(first);
  return null;
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
  const index = classIndex(sourceCode);
  const writes = index.writes.get(`${pathKey({ root: path.root, properties: [] })}.${property}`) ?? [];
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

interface ClassIndex {
  /** Where each `this.x` (by owner and property) is assigned: the method or field that assigns it. */
  writes: Map<string, TSESTree.Node[]>;
  /** Calls `this.m(…)`, by owner and method name. */
  calls: Map<string, TSESTree.CallExpression[]>;
  /** Method names of each owner: class methods, prototype assignments, object methods. */
  methods: Map<string, Set<string>>;
}

const classIndexes = new WeakMap<object, ClassIndex>();

/** On first need, from fileNodes(): `this.x` writes, `this.m()` calls and method names, by owner. */
function classIndex(sourceCode: SourceCode): ClassIndex {
  const known = classIndexes.get(sourceCode.ast);
  if (known) return known;
  const index: ClassIndex = { writes: new Map(), calls: new Map(), methods: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const node of fileNodes(sourceCode)) {
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      unwrap(node.left).type === AST_NODE_TYPES.MemberExpression
    ) {
      const left = unwrap(node.left) as TSESTree.MemberExpression;
      const path = pathOf(sourceCode, left);
      if (path?.root.kind === 'this' && path.properties.length === 1) {
        const fn = methodAround(sourceCode, node, path.root.owner);
        add(index.writes, pathKey(path), fn ?? node);
      }
    } else if (
      node.type === AST_NODE_TYPES.PropertyDefinition &&
      !node.static &&
      !node.computed &&
      node.value &&
      node.key.type === AST_NODE_TYPES.Identifier
    ) {
      const owner = classOwner(sourceCode, node.parent.parent);
      add(index.writes, pathKey({ root: { kind: 'this', owner }, properties: [node.key.name] }), node);
    } else if (node.type === AST_NODE_TYPES.TSParameterProperty) {
      // `constructor(private readonly socket: Socket = connect())`
      const parameter = node.parameter.type === AST_NODE_TYPES.AssignmentPattern ? node.parameter.left : node.parameter;
      const ctor = node.parent;
      const method = ctor?.parent;
      if (
        parameter.type === AST_NODE_TYPES.Identifier &&
        isFunction(ctor) &&
        method?.type === AST_NODE_TYPES.MethodDefinition
      ) {
        const owner = classOwner(sourceCode, method.parent.parent);
        add(index.writes, pathKey({ root: { kind: 'this', owner }, properties: [parameter.name] }), ctor);
      }
    } else if (
      node.type === AST_NODE_TYPES.CallExpression &&
      unwrap(node.callee).type === AST_NODE_TYPES.MemberExpression
    ) {
      const callee = unwrap(node.callee) as TSESTree.MemberExpression;
      const name = propertyName(callee);
      const object = name === null ? null : pathOf(sourceCode, callee.object);
      if (object?.root.kind === 'this' && object.properties.length === 0 && name !== null)
        add(index.calls, `${pathKey(object)}#${name}`, node);
    }
    if (isFunction(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
      const name = functionName(node);
      const owner = name === null ? null : functionOwner(sourceCode, node);
      if (owner && owner !== node && name !== null) {
        const key = pathKey({ root: { kind: 'this', owner }, properties: [] });
        const names = index.methods.get(key) ?? new Set<string>();
        names.add(name);
        index.methods.set(key, names);
      }
    }
  }
  classIndexes.set(sourceCode.ast, index);
  return index;
}

/** Method names of the class (or prototype, or object) `owner`. */
export function methodsOf(sourceCode: SourceCode, owner: ThisOwner): ReadonlySet<string> {
  return classIndex(sourceCode).methods.get(pathKey({ root: { kind: 'this', owner }, properties: [] })) ?? new Set();
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
  const calls =
    classIndex(sourceCode).calls.get(`${pathKey({ root: { kind: 'this', owner }, properties: [] })}#${name}`) ?? [];
  for (const call of calls) {
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

/**
 * Owners: what `this` is, which class, constructor function or object literal owns a method, and what tears the
 * owner down.
 *
 * Two questions, two answers:
 * - `thisOwner` / `functionOwner` (`ThisOwner`): the identity of the object `this` denotes, so that `this.socket` in
 *   two methods of one class is one path (ES5 prototypes and Babel's `_createClass` included). Null in static code.
 * - `methodOwner` (`MethodOwner`): the owner with its methods by name and whether it extends a base this file does
 *   not show, for the teardown question (`teardownPath`: its `close()`, `dispose()`… and what they call on `this` or
 *   an alias of it, or bind to it; `CLOSING_METHODS` for the close of a long-lived owner).
 * - `thisFunction`: the non-arrow function whose `this` the code at a node sees; `isThisLike`: `this`, or an alias of
 *   it (`var self = this`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  type FunctionNode,
  isFunction,
  outerBinding,
  propertyName,
  resolve,
  someDescendant,
  staticPath,
  unwrap,
} from './ast.js';
import { localFunction } from './lifecycle.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

// ---------------------------------------------------------------------------------------------------------------
// What `this` denotes

/** What `this` denotes in a function: a class, a constructor function's variable, an object literal, or the function. */
export type ThisOwner = TSESTree.Node | Variable;

/**
 * What `this` denotes at `node`: the class of a method or field, the constructor function of an ES5 prototype
 * method (`Foo.prototype.m = function`, `_createClass(Foo, [{ key, value }])`), the object literal of an object
 * method, or else the function itself. Null at top level and in static code.
 */
export function thisOwner(sourceCode: SourceCode, node: TSESTree.Node): ThisOwner | null {
  let from: TSESTree.Node = node;
  for (let current = node.parent; current; from = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.PropertyDefinition && current.value === from) {
      return current.static ? null : classOwner(sourceCode, current.parent.parent);
    }
    if (current.type === AST_NODE_TYPES.StaticBlock) return null;
    if (isFunction(current)) return functionOwner(sourceCode, current);
  }
  return null;
}

export function classOwner(
  sourceCode: SourceCode,
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
): ThisOwner {
  if (classNode.type === AST_NODE_TYPES.ClassDeclaration && classNode.id) {
    const variable = sourceCode.getDeclaredVariables(classNode).find((v) => v.name === classNode.id?.name);
    if (variable) return outerBinding(variable);
  }
  const parent = classNode.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === classNode &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    const variable = sourceCode.getDeclaredVariables(parent)[0];
    if (variable) return variable;
  }
  return classNode;
}

/**
 * What `this` denotes inside `fn` itself (see `thisOwner`). With `named`, a constructor whose name fails it is not
 * looked up, and `fn` (or its object literal) stands in: for a question about some owners only, named so.
 */
export function functionOwner(
  sourceCode: SourceCode,
  fn: FunctionNode,
  named?: (name: string) => boolean,
): ThisOwner | null {
  const parent = fn.parent;
  if (!parent) return fn;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) {
    return parent.static ? null : classOwner(sourceCode, parent.parent.parent);
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn) {
    const object = parent.parent;
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return fn;
    // Babel: _createClass(Foo, [{ key: 'm', value: function m() {} }])
    const list = object.parent;
    const call = list?.parent;
    if (
      list?.type === AST_NODE_TYPES.ArrayExpression &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[1] === list
    ) {
      return variableNamed(sourceCode, call.arguments[0], named) ?? object;
    }
    // Foo.prototype = { m() {} }, Object.assign(Foo.prototype, { m() {} })
    if (object.parent?.type === AST_NODE_TYPES.AssignmentExpression && object.parent.right === object) {
      return prototypeOwner(sourceCode, object.parent.left, named) ?? object;
    }
    if (
      object.parent?.type === AST_NODE_TYPES.CallExpression &&
      object.parent.arguments[1] === object &&
      object.parent.arguments[0]
    ) {
      return prototypeOwner(sourceCode, object.parent.arguments[0], named) ?? object;
    }
    return object;
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
    const left = unwrap(parent.left);
    // Foo.prototype.m = function () {}
    if (left.type === AST_NODE_TYPES.MemberExpression) return prototypeOwner(sourceCode, left.object, named) ?? fn;
    if (left.type === AST_NODE_TYPES.Identifier) return variableNamed(sourceCode, left, named) ?? fn;
    return fn;
  }
  // function Foo() { this.x = … }: a constructor function; `var Foo = function () {}` too.
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return variableNamed(sourceCode, fn.id, named) ?? fn;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn)
    return sourceCode.getDeclaredVariables(parent)[0] ?? fn;
  return fn;
}

/** `Foo` in `Foo.prototype`: the constructor whose instances `this` denotes. */
function prototypeOwner(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  named?: (name: string) => boolean,
): Variable | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression || propertyName(target) !== 'prototype') return null;
  return variableNamed(sourceCode, target.object, named);
}

/** The variable an identifier names, when it has a declaration (its outer binding for a class name). */
function variableNamed(
  sourceCode: SourceCode,
  node: TSESTree.Node | undefined,
  named?: (name: string) => boolean,
): Variable | null {
  const target = node && unwrap(node);
  if (target?.type !== AST_NODE_TYPES.Identifier || (named && !named(target.name))) return null;
  const found = resolve(sourceCode, target);
  return found && found.defs.length > 0 ? outerBinding(found) : null; // outerBinding keeps the name
}

/**
 * The non-arrow function whose `this` the code at `node` sees. Null at top level, and in a class body outside its
 * methods (field initialisers, static blocks, computed keys), where `this` is the class's or its instance's.
 */
export function thisFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.PropertyDefinition ||
      current.type === AST_NODE_TYPES.StaticBlock ||
      current.type === AST_NODE_TYPES.ClassBody
    )
      return null;
    if (isFunction(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) return current;
  }
  return null;
}

/** `self` in `var self = this`: a variable initialised with `this` and never written again. */
export function isThisAlias(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = resolve(sourceCode, target);
  const declarator = variable?.defs.length === 1 ? variable.defs[0]?.node : undefined;
  return (
    variable !== null &&
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.init !== null &&
    unwrap(declarator.init).type === AST_NODE_TYPES.ThisExpression &&
    variable.references.every((reference) => reference.init === true || !reference.isWrite())
  );
}

/** `this`, or an alias of it. */
export function isThisLike(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.ThisExpression || isThisAlias(sourceCode, target);
}

// ---------------------------------------------------------------------------------------------------------------
// Method owners and their teardown

/**
 * Methods that end an object's life: what they run (and call on `this`) is the owner's teardown, so a timer they do
 * not clear outlives the object's use. This list decides releases; `CITED_TEARDOWN_METHODS` only words messages.
 */
const TEARDOWN_METHODS = new Set([
  'close',
  'destroy',
  'dispose',
  'stop',
  'shutdown',
  'disconnect',
  'unmount',
  'componentWillUnmount',
  'disconnectedCallback',
  '[Symbol.dispose]',
  '[Symbol.asyncDispose]',
  // The same, in Angular and Vue (options API: an object literal's methods).
  'ngOnDestroy',
  'beforeUnmount',
  'unmounted',
  'beforeDestroy',
  'destroyed',
]);

/**
 * Methods that end a long-lived owner's life (a server's, a client's, a stream's): its `close()` and the like, and
 * also `end()` and `terminate()`, which end a connection or a stream, not a component. Growth or timers released
 * only there are not released while the owner lives.
 */
export const OWNER_END_METHODS: ReadonlySet<string> = new Set([
  'close',
  'destroy',
  'dispose',
  'stop',
  'shutdown',
  'disconnect',
  'terminate',
  'end',
  '[Symbol.dispose]',
  '[Symbol.asyncDispose]',
]);

/**
 * Methods that close a long-lived owner, which a timeout it re-arms must not outlive: `OWNER_END_METHODS` and a
 * client's `quit()` (a command that closes its connection). Not a component's unmount: that is `TEARDOWN_METHODS`.
 */
export const CLOSING_METHODS: ReadonlySet<string> = new Set([...OWNER_END_METHODS, 'quit']);

/**
 * Method names a message cites, first found first, as the teardown that fails to release something ("`close()` never
 * removes it"). Looser than `TEARDOWN_METHODS` (`end`, `quit`, `unsubscribe`… name a teardown often enough to point
 * at, not surely enough to decide a release), and never used to decide one.
 */
export const CITED_TEARDOWN_METHODS: readonly string[] = [
  'close',
  'destroy',
  'dispose',
  'stop',
  'shutdown',
  'disconnect',
  'teardown',
  'cleanup',
  'unmount',
  'unsubscribe',
  'unlisten',
  'detach',
  'terminate',
  'quit',
  'end',
  'componentWillUnmount',
  'disconnectedCallback',
  'ngOnDestroy',
];

/**
 * The names of the teardown functions a module exports (`exports.close = …`): the module's own teardown, where the
 * `clear-interval` codemod clears a module-level handle.
 */
export const MODULE_TEARDOWN_EXPORTS: ReadonlySet<string> = new Set([
  'close',
  'destroy',
  'dispose',
  'stop',
  'shutdown',
  'disconnect',
  'end',
  'teardown',
]);

/** Base classes that never touch a subclass's timer fields; any other base (an import) might clear them. */
const INERT_BASES = new Set([
  'Object',
  'Error',
  'Array',
  'Map',
  'Set',
  'EventEmitter',
  'Emitter',
  'EventTarget',
  'HTMLElement',
  'Component',
  'PureComponent',
  'Readable',
  'Writable',
  'Duplex',
  'Transform',
  'PassThrough',
  'Stream',
  'AsyncResource',
]);

export interface MethodOwner {
  /** `Poller`, or `the object literal` for an anonymous one. */
  name: string;
  /** The node: a class, a constructor function, an object literal. */
  node: TSESTree.Node;
  /** Its methods by name; a constructor function is its own `constructor`. */
  methods: Map<string, FunctionNode>;
  /** It extends (or `util.inherits` from) a base this file does not show, which may clear fields itself. */
  unknownBase: boolean;
}

const methodOwners = new WeakMap<TSESTree.Node, MethodOwner | null>();

/**
 * The object whose `this` code at `node` sees, with its methods: a class (through methods, fields and arrows in
 * them), a constructor function with `X.prototype.m = function` methods, or an object literal with methods.
 */
export function methodOwner(sourceCode: SourceCode, node: TSESTree.Node): MethodOwner | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) {
      return classMethodOwner(current.parent.parent);
    }
    if (!isFunction(current) || current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.MethodDefinition) return classMethodOwner(parent.parent.parent);
    if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      const prototypeOf = prototypeTarget(parent.parent);
      return prototypeOf ? constructorMethodOwner(sourceCode, prototypeOf) : objectMethodOwner(parent.parent);
    }
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current) {
      const target = unwrap(parent.left);
      const prototypeObject = target.type === AST_NODE_TYPES.MemberExpression ? unwrap(target.object) : null;
      if (prototypeObject?.type === AST_NODE_TYPES.MemberExpression && propertyName(prototypeObject) === 'prototype') {
        const constructorName = unwrap(prototypeObject.object);
        return constructorName.type === AST_NODE_TYPES.Identifier
          ? constructorMethodOwner(sourceCode, constructorName)
          : null;
      }
      return null;
    }
    const name =
      current.type === AST_NODE_TYPES.FunctionDeclaration
        ? current.id
        : parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier
          ? parent.id
          : null;
    return name ? constructorMethodOwner(sourceCode, name) : null;
  }
  return null;
}

function classMethodOwner(node: TSESTree.Node): MethodOwner | null {
  if (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) return null;
  if (methodOwners.has(node)) return methodOwners.get(node) ?? null;
  const methods = new Map<string, FunctionNode>();
  for (const member of node.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    const key = memberKey(member);
    if (key !== null && member.value && isFunction(member.value)) methods.set(key, member.value);
  }
  const base = node.superClass ? unwrap(node.superClass) : null;
  const baseName =
    base?.type === AST_NODE_TYPES.Identifier
      ? base.name
      : base?.type === AST_NODE_TYPES.MemberExpression
        ? propertyName(base)
        : null;
  const owner: MethodOwner = {
    name: node.id ? `\`${node.id.name}\`` : 'the class',
    node,
    methods,
    unknownBase: base !== null && (baseName === null || !INERT_BASES.has(baseName)) && !declaredClassIn(node, baseName),
  };
  methodOwners.set(node, owner);
  return owner;
}

/** Whether the base class is declared in the same file (then its clears are in the index too). */
function declaredClassIn(node: TSESTree.Node, name: string | null): boolean {
  if (name === null) return false;
  const declared = topLevelDeclarations(node);
  return declared.classes.has(name) || declared.functions.has(name);
}

function objectMethodOwner(object: TSESTree.ObjectExpression): MethodOwner {
  const known = methodOwners.get(object);
  if (known) return known;
  const methods = new Map<string, FunctionNode>();
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = memberKey(property);
    if (key !== null && isFunction(property.value)) methods.set(key, property.value);
  }
  const owner: MethodOwner = { name: 'the object literal', node: object, methods, unknownBase: false };
  methodOwners.set(object, owner);
  return owner;
}

/** `X` in `X.prototype = { … }`. */
function prototypeTarget(object: TSESTree.ObjectExpression): TSESTree.Identifier | null {
  const parent = object.parent;
  let target: TSESTree.Node | null = null;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === object) target = unwrap(parent.left);
  // Object.assign(X.prototype, { … })
  if (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[1] === object &&
    staticPath(parent.callee) === 'Object.assign' &&
    parent.arguments[0]
  )
    target = unwrap(parent.arguments[0]);
  if (target?.type !== AST_NODE_TYPES.MemberExpression || propertyName(target) !== 'prototype') return null;
  const constructorName = unwrap(target.object);
  return constructorName.type === AST_NODE_TYPES.Identifier ? constructorName : null;
}

/** A constructor function and the prototype methods assigned to it in this file. */
function constructorMethodOwner(sourceCode: SourceCode, name: TSESTree.Identifier): MethodOwner | null {
  const variable = resolve(sourceCode, name);
  const definition = variable?.defs[0];
  if (!variable || !definition) return null;
  const declaration = definition.node;
  if (methodOwners.has(declaration)) return methodOwners.get(declaration) ?? null;
  const self =
    declaration.type === AST_NODE_TYPES.FunctionDeclaration
      ? declaration
      : declaration.type === AST_NODE_TYPES.VariableDeclarator &&
          declaration.init &&
          isFunction(unwrap(declaration.init))
        ? (unwrap(declaration.init) as FunctionNode)
        : null;
  const methods = new Map<string, FunctionNode>();
  if (self) methods.set('constructor', self);
  let unknownBase = false;
  for (const reference of variable.references) {
    const use = reference.identifier;
    const member = use.parent;
    // util.inherits(X, Base), Object.setPrototypeOf(X.prototype, Base.prototype)
    const call =
      member?.type === AST_NODE_TYPES.CallExpression
        ? member
        : member?.parent?.type === AST_NODE_TYPES.CallExpression
          ? member.parent
          : null;
    if (
      call &&
      call.arguments.length >= 2 &&
      call.arguments[0] !== undefined &&
      (call.arguments[0] === use || call.arguments[0] === member)
    ) {
      const callee = staticPath(call.callee) ?? '';
      if (/(^|\.)(inherits|setPrototypeOf)$/.test(callee)) {
        const base = call.arguments[1] ? staticPath(call.arguments[1]) : null;
        const baseName =
          base
            ?.split('.')
            .filter((part) => part !== 'prototype')
            .pop() ?? null;
        if (baseName === null || !INERT_BASES.has(baseName)) unknownBase = true;
      }
    }
    if (
      member?.type !== AST_NODE_TYPES.MemberExpression ||
      member.object !== use ||
      propertyName(member) !== 'prototype'
    )
      continue;
    const outer = member.parent;
    if (
      outer?.type === AST_NODE_TYPES.MemberExpression &&
      outer.object === member &&
      outer.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      outer.parent.left === outer
    ) {
      const key = propertyName(outer);
      const value = unwrap(outer.parent.right);
      if (key !== null && isFunction(value)) methods.set(key, value);
    } else if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member) {
      const value = unwrap(outer.right);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        for (const [key, fn] of objectMethodOwner(value).methods) methods.set(key, fn);
      } else unknownBase = true; // X.prototype = Object.create(Base.prototype)
    } else if (
      outer?.type === AST_NODE_TYPES.CallExpression &&
      outer.arguments[0] === member &&
      staticPath(outer.callee) === 'Object.assign'
    ) {
      for (const argument of outer.arguments.slice(1)) {
        if (argument.type === AST_NODE_TYPES.ObjectExpression)
          for (const [key, fn] of objectMethodOwner(argument).methods) methods.set(key, fn);
        else unknownBase = true;
      }
    }
  }
  const owner: MethodOwner = { name: `\`${variable.name}\``, node: declaration, methods, unknownBase };
  methodOwners.set(declaration, owner);
  return owner;
}

export interface TeardownPath {
  /** The owner's teardown methods, by name: `close`, `[Symbol.dispose]`. */
  teardowns: string[];
  /**
   * The teardown methods and every method they call through `this` or an alias of it (`self.onClose()`), in their
   * callbacks too, and the functions they bind to the owner (`fn.call(this)`), transitively.
   */
  functions: FunctionNode[];
  /** Some function on the path hands `this` to other code, which may clear its fields (not to its own listeners). */
  passesThis: boolean;
}

const paths = new Map<ReadonlySet<string>, WeakMap<MethodOwner, TeardownPath>>();

/**
 * What runs when the owner is torn down: its teardown methods (`TEARDOWN_METHODS`, or `CLOSING_METHODS` for a
 * long-lived owner's close) and what they run as the owner.
 */
export function teardownPath(
  sourceCode: SourceCode,
  owner: MethodOwner,
  teardownNames: ReadonlySet<string> = TEARDOWN_METHODS,
): TeardownPath {
  let known = paths.get(teardownNames);
  if (!known) paths.set(teardownNames, (known = new WeakMap()));
  const found = known.get(owner);
  if (found) return found;
  const teardowns = [...owner.methods.keys()].filter((name) => teardownNames.has(name));
  const functions: FunctionNode[] = [];
  let passesThis = false;
  const queue = teardowns.map((name) => owner.methods.get(name)).filter((fn): fn is FunctionNode => fn !== undefined);
  for (let fn = queue.shift(); fn; fn = queue.shift()) {
    if (functions.includes(fn)) continue;
    functions.push(fn);
    someDescendant(sourceCode, fn.body, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const bound = boundFunction(sourceCode, node);
      if (bound) queue.push(bound);
      else if (
        !isEventHook(sourceCode, owner, node) &&
        node.arguments.some((argument) => isThisLike(sourceCode, argument))
      )
        passesThis = true;
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && isThisLike(sourceCode, callee.object)) {
        const method = propertyName(callee);
        const target = method === null ? undefined : owner.methods.get(method);
        if (target) queue.push(target);
      }
      return false;
    });
  }
  const path: TeardownPath = { teardowns, functions, passesThis };
  known.set(owner, path);
  return path;
}

/**
 * `this.onclose.call(this, …)`, `this.emit('close', this)`: the owner tells its listeners, whose code does not reach
 * into its private fields.
 */
function isEventHook(sourceCode: SourceCode, owner: MethodOwner, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const how = propertyName(callee);
  if (how === 'emit') return isThisLike(sourceCode, callee.object);
  if (how !== 'call' && how !== 'apply') return false;
  const hook = unwrap(callee.object);
  if (hook.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(sourceCode, hook.object)) return false;
  const name = propertyName(hook);
  return name !== null && /^on/.test(name) && !owner.methods.has(name);
}

/**
 * The function of this file that `fn.bind(this)`, `fn.call(this, …)` or `fn.apply(this, …)` runs with the owner as
 * `this`: a function literal or a function declared in the file. Its body is the owner's code, not other code's.
 */
function boundFunction(sourceCode: SourceCode, call: TSESTree.CallExpression): FunctionNode | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const how = propertyName(callee);
  if ((how !== 'bind' && how !== 'call' && how !== 'apply') || !call.arguments[0]) return null;
  if (!isThisLike(sourceCode, call.arguments[0]) || call.arguments.slice(1).some((a) => isThisLike(sourceCode, a)))
    return null;
  const target = unwrap(callee.object);
  if (isFunction(target)) return target;
  return target.type === AST_NODE_TYPES.Identifier ? localFunction(sourceCode, target, sourceCode.ast) : null;
}

/** The method of `owner` whose body directly contains `node` (no function in between), or null. */
export function directMethodOf(owner: MethodOwner, node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return [...owner.methods.values()].includes(current) ? current : null;
  }
  return null;
}

/** The method of `owner` a node is in, through any functions nested in it (a callback in the method), or null. */
export function enclosingMethodOf(owner: MethodOwner, node: TSESTree.Node): FunctionNode | null {
  const methods = new Set(owner.methods.values());
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) && methods.has(current)) return current;
  }
  return null;
}

/** The static name of a property or class member key, or null when computed. */
export function memberKey(
  member: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition,
): string | null {
  const key = member.key;
  if (member.computed) {
    // `[Symbol.dispose]() {}`
    return key.type === AST_NODE_TYPES.MemberExpression && staticPath(key)?.startsWith('Symbol.')
      ? `[${staticPath(key) ?? ''}]`
      : null;
  }
  if (key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number'))
    return String(key.value);
  return null;
}

/** A class's family: the root of its `extends` chain through classes declared at the top level of the file. */
export function classFamily(node: TSESTree.Node): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) return null;
  let root: TSESTree.ClassDeclaration | TSESTree.ClassExpression = node;
  const classes = topLevelDeclarations(node).classes;
  for (let steps = 0; steps < classes.size && root.superClass?.type === AST_NODE_TYPES.Identifier; steps++) {
    const base = classes.get(root.superClass.name);
    if (!base || base === root) break;
    root = base;
  }
  return root;
}

interface TopLevelDeclarations {
  classes: Map<string, TSESTree.ClassDeclaration>;
  functions: Set<string>;
}

const topLevel = new WeakMap<TSESTree.Node, TopLevelDeclarations>();

/** The classes and functions declared at the top level of the file `node` is in, by name: computed once per file. */
function topLevelDeclarations(node: TSESTree.Node): TopLevelDeclarations {
  let program: TSESTree.Node = node;
  while (program.parent) program = program.parent;
  const known = topLevel.get(program);
  if (known) return known;
  const found: TopLevelDeclarations = { classes: new Map(), functions: new Set() };
  if (program.type === AST_NODE_TYPES.Program) {
    for (const statement of program.body) {
      const declaration =
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
        statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
          ? statement.declaration
          : statement;
      if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id)
        found.classes.set(declaration.id.name, declaration);
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id)
        found.functions.add(declaration.id.name);
    }
  }
  topLevel.set(program, found);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Objects reached through a static path

/** An object whose methods are assigned through one static path (`God.Worker.start = function`), beside each other. */
export interface PathOwner extends MethodOwner {
  /** The path the methods are assigned through: `God.Worker`. */
  path: string;
}

const pathOwners = new WeakMap<TSESTree.Node, Map<string, PathOwner>>();

/**
 * The object a function is a method of when it is assigned through a static path (`Worker.start = function () {}`),
 * with the methods assigned through the same path by the statements beside it (`Worker.stop = function () {}`). Not
 * for prototypes (`methodOwner` answers those), `this.x`, or `exports` (the module's API, not an object's state).
 */
export function pathMethodOwner(fn: FunctionNode): PathOwner | null {
  const assignment = fn.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') return null;
  if (unwrap(assignment.right) !== fn) return null;
  const path = methodPath(assignment.left);
  const statement = assignment.parent;
  const list = statement?.parent;
  if (!path || statement?.type !== AST_NODE_TYPES.ExpressionStatement || !list || !('body' in list)) return null;
  if (!Array.isArray(list.body)) return null;
  let byPath = pathOwners.get(list);
  if (!byPath) pathOwners.set(list, (byPath = new Map()));
  const known = byPath.get(path.object);
  if (known) return known;
  const methods = new Map<string, FunctionNode>();
  for (const sibling of list.body as TSESTree.Node[]) {
    if (sibling.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = unwrap(sibling.expression);
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
    const value = unwrap(expression.right);
    const target = methodPath(expression.left);
    if (target?.object === path.object && isFunction(value) && !methods.has(target.method))
      methods.set(target.method, value);
  }
  const owner: PathOwner = { name: `\`${path.object}\``, node: list, methods, unknownBase: false, path: path.object };
  byPath.set(path.object, owner);
  return owner;
}

/** `God.Worker` and `start` of `God.Worker.start`, unless the path runs through `this`, a prototype or `exports`. */
function methodPath(node: TSESTree.Node): { object: string; method: string } | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed) return null;
  const method = propertyName(target);
  const object = staticPath(target.object);
  if (method === null || object === null) return null;
  const parts = object.split('.');
  if (parts.includes('this') || parts.includes('prototype') || parts[0] === 'exports' || parts[0] === 'module')
    return null;
  return { object, method };
}

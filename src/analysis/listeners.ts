/**
 * Listener registration and release: what a call adds to or removes from an emitter's listener list (an
 * EventTarget's event listener list), which function it passes, how often the adding code runs, and what undoes it.
 *
 * - Registration: `on`, `addListener`, `prependListener`, `addEventListener`, and the `once` forms (`once`,
 *   `prependOnceListener`, `{ once: true }`). Removal: `removeListener`, `off`, `removeEventListener`; also
 *   `removeAllListeners(event?)`.
 * - A removal matches a registration with the same target, event, function and (for EventTargets) capture flag.
 *   Options and flags are read through constants (`const opts = { capture: true }`). An event that is a loop variable
 *   over a constant list (`for (const type of EVENTS)`, `EVENTS.forEach((type) => …)`) stands for each of the list's
 *   strings, and a registration is released only when every one of them is removed; a loop variable that names an
 *   element of a list (`for (const [type, fn] of pairs)`) is that element, in every loop over the same list. A
 *   removal whose event is an undeclared name throws, and removes nothing.
 *   Targets and functions are compared by what they denote (`pathOf`): through `const` aliases, `self = this`, the
 *   `this` fields of one class across its methods, and assignments between them (`this.onExit = onExit`). An inline
 *   function or a `.bind()` result is a new function on every evaluation: no other expression can name it, so only
 *   a named function expression removing itself can match it.
 * - Other release evidence: a `once` registration on an event that will fire (not `abort`, `exit`, `close`, `error`
 *   and the like, which may never fire or fire only at the end); a `{ signal }` option whose controller is aborted in
 *   the file (or that the caller controls); a guard that installs the listener at most once (a module-level flag,
 *   a Set-size check, a `listenerCount()` test); the registration's result kept as a handle (`const off = bus.on(…)`).
 * - Repetition for listeners (`analyseListenerRepetition`, in repetition.ts): request handlers, listeners and intervals repeat; so do
 *   exported functions, methods and constructors, and component lifecycles (React effects, `componentDidMount`,
 *   `connectedCallback`, Vue and Svelte mount hooks). A callback handed to unknown code runs about as often as the
 *   code that hands it over (`program.action(cb)` at top level runs once).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import globals from 'globals';
import {
  enclosingFunction,
  type FunctionNode,
  isFunction,
  outermostWrapper,
  propertyKeyName,
  propertyName,
  resolve,
  someDescendant,
  soleCall,
  unwrap,
  contains,
  isModuleScope,
  GLOBAL_OBJECT_NAMES,
} from './ast.js';
import { shortCode } from './fixes.js';
import { testsAround } from './guards.js';
import { ADD_METHODS, ONCE_METHODS, REMOVE_METHODS } from './listener-methods.js';
import { isParameterPath, pathKey, pathOf, type ObjectPath } from './target-lifetime.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const EVENT_TARGET_METHODS = new Set(['addEventListener', 'removeEventListener']);
/** Events that may never fire, or fire only once at the end of their target's life: a `once` listener waits for them. */
const MAY_NEVER_FIRE = new Set([
  'abort',
  'exit',
  'beforeExit',
  'close',
  'end',
  'finish',
  'error',
  'disconnect',
  'uncaughtException',
  'unhandledRejection',
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGBREAK',
  'SIGUSR1',
  'SIGUSR2',
  'SIGWINCH',
  'load',
  'DOMContentLoaded',
  'unload',
  'beforeunload',
]);
/** EventEmitter methods that return the emitter, so a chain `socket.on(…).on(…)` adds to the same object. */
const CHAINING_METHODS = new Set([...ADD_METHODS, 'removeListener', 'off', 'removeAllListeners', 'setMaxListeners']);
/**
 * API calls whose callback argument is a listener (Node's `net`, `http`): `socket.setTimeout(ms, cb)` and
 * `request.setTimeout(ms, cb)` add `cb` for `timeout` (`once` for sockets and client requests), `server.listen(…, cb)`
 * adds it once for `listening`.
 */
const IMPLICIT_EVENT: Readonly<Record<string, string>> = { setTimeout: 'timeout', listen: 'listening' };
const IMPLICIT_METHODS: ReadonlySet<string> = new Set(Object.keys(IMPLICIT_EVENT));
/**
 * Events a connection emits once, when it is established: a keep-alive socket handed to the next request is already
 * connected and never emits them again, so a `once` listener for them waits forever unless the code tests first.
 */
const CONNECT_EVENTS = new Set(['connect', 'secureConnect', 'lookup', 'ready']);
/** Properties that tell whether a socket is still connecting. */
const CONNECTING_STATE = new Set(['connecting', '_connecting', 'pending', 'readyState']);
/** Calls that ask the emitter about its listeners: a test on them installs at most once. */
const LISTENER_QUERIES = new Set(['listenerCount', 'listeners', 'rawListeners', 'eventNames']);

export type ListenerCallKind = 'add' | 'remove' | 'removeAll' | 'setMaxListeners' | 'disarmTimeout';

/** One call that changes a target's listener list. */
export interface ListenerCall {
  kind: ListenerCallKind;
  call: TSESTree.CallExpression;
  method: string;
  /** The emitter or EventTarget: `process` in `process.on(…)`. */
  target: TSESTree.Expression;
  /** The event argument, when given; `eventName` when it is a static string. */
  event: TSESTree.Node | null;
  eventName: string | null;
  /** The function added or removed. */
  listener: TSESTree.Node | null;
  /** `once`, `prependOnceListener` or `{ once: true }`. */
  once: boolean;
  /** The EventTarget capture flag; null when not statically known (or not an EventTarget call). */
  capture: boolean | null;
  /** The value of a `{ signal }` option. */
  signal: TSESTree.Node | null;
  /** Options given as something other than a literal: they may carry `once` or `signal`. */
  opaqueOptions: boolean;
  /** The API method that adds the listener through its callback argument (`setTimeout`, `listen`), if not `on`-style. */
  implicit?: string;
}

/**
 * The listener-list change `call` makes, or null when it makes none this analysis knows. With `sourceCode`, options
 * given through a constant (`const opts = { capture: true }`, `{ capture: useCapture }`) are read as the literal.
 */
export function listenerCallOf(call: TSESTree.CallExpression, sourceCode?: SourceCode): ListenerCall | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type === AST_NODE_TYPES.Super) return null;
  const method = propertyName(callee);
  if (method === null) return null;
  const target = chainedTarget(callee.object);
  // Indexed, not destructured, and a Set, not Object.hasOwn: this runs for every call of these method names.
  const args = call.arguments;
  const event = args[0];
  const listener = args[1];
  const options = args[2];
  if (IMPLICIT_METHODS.has(method)) return implicitCallOf(call, method, target, sourceCode);
  // `removeAllListeners(event?)`, and `off(event)`/`off()` of socket.io and component-emitter, which remove every
  // listener for the event (or every listener).
  if (method === 'removeAllListeners' || (method === 'off' && call.arguments.length <= 1)) {
    if (call.arguments.length > 1 || event?.type === AST_NODE_TYPES.SpreadElement || (event && !isEventArgument(event)))
      return null;
    return listenerCall('removeAll', call, method, target, event ?? null, event ? staticString(event) : null, null);
  }
  if (method === 'setMaxListeners') {
    return event && isUnlimited(event) ? listenerCall('setMaxListeners', call, method, target, null, null, null) : null;
  }
  const adds = ADD_METHODS.has(method);
  if (!adds && !REMOVE_METHODS.has(method)) return null;
  if (!event || !listener || !isEventArgument(event) || !isListenerArgument(listener)) return null;
  const result = listenerCall(adds ? 'add' : 'remove', call, method, target, event, staticString(event), listener);
  result.once = ONCE_METHODS.has(method);
  if (EVENT_TARGET_METHODS.has(method)) readOptions(result, options, sourceCode);
  return result;
}

/**
 * A listener call with its options not read yet (no `once`, no capture flag, no signal). Built as one literal, not
 * by spreading a shared part: spreading cost more than the rest of listenerCallOf.
 */
function listenerCall(
  kind: ListenerCallKind,
  call: TSESTree.CallExpression,
  method: string,
  target: TSESTree.Expression,
  event: TSESTree.Node | null,
  eventName: string | null,
  listener: TSESTree.Node | null,
): ListenerCall {
  return {
    kind,
    call,
    method,
    target,
    event,
    eventName,
    listener,
    once: false,
    capture: null,
    signal: null,
    opaqueOptions: false,
  };
}

/** `socket` of `socket.on('a', f).on('b', g)`: an EventEmitter method returns the emitter itself. */
function chainedTarget(object: TSESTree.Expression): TSESTree.Expression {
  let target = object;
  for (let depth = 0; depth < 20; depth++) {
    const value = unwrap(target);
    if (value.type !== AST_NODE_TYPES.CallExpression) break;
    const callee = unwrap(value.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type === AST_NODE_TYPES.Super) break;
    const method = propertyName(callee);
    if (method === null || !CHAINING_METHODS.has(method)) break;
    target = callee.object;
  }
  return target;
}

/**
 * `x.setTimeout(ms, cb)` and `x.listen(…, cb)`: a `once` registration of `cb` for `timeout` or `listening`;
 * `x.setTimeout(0)`: a timer disarmed, which removes no listener. Timer functions (`window.setTimeout(fn, ms)`) take
 * the function first and are none of these.
 */
function implicitCallOf(
  call: TSESTree.CallExpression,
  method: string,
  target: TSESTree.Expression,
  sourceCode: SourceCode | undefined,
): ListenerCall | null {
  const args = call.arguments;
  const first = args[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement || isFunction(unwrap(first))) return null;
  const eventName = IMPLICIT_EVENT[method] ?? null;
  if (method === 'setTimeout' && args.length === 1) {
    const value = unwrap(first);
    if (value.type !== AST_NODE_TYPES.Literal || value.value !== 0) return null;
    const disarm = listenerCall('disarmTimeout', call, method, target, null, eventName, null);
    disarm.implicit = method;
    return disarm;
  }
  const listener = args[args.length - 1];
  if (args.length !== 2 && (method === 'setTimeout' || args.length < 2)) return null;
  if (!listener || listener.type === AST_NODE_TYPES.SpreadElement) return null;
  // `listen(port, host)`: a name is a callback only when it names a function (`setTimeout(ms, name)` always does).
  const value = unwrap(listener);
  if (
    !isFunction(value) &&
    !(value.type === AST_NODE_TYPES.Identifier && (method === 'setTimeout' || namesFunction(sourceCode, value)))
  )
    return null;
  const add = listenerCall('add', call, method, target, null, eventName, listener);
  add.once = true;
  add.implicit = method;
  return add;
}

/** `onListening` declared as a function, or as a constant initialised with one. */
function namesFunction(sourceCode: SourceCode | undefined, identifier: TSESTree.Identifier): boolean {
  const variable = sourceCode ? resolve(sourceCode, identifier) : null;
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type === 'FunctionName') return true;
  return definition?.type === 'Variable' && !!definition.node.init && isFunction(unwrap(definition.node.init));
}

/**
 * What a constant denotes: an identifier bound once, with an initialiser, and never written again (`const opts = {…}`),
 * or a property of such an object literal (`opts.capture`); the node itself otherwise.
 */
function constantValue(sourceCode: SourceCode | undefined, node: TSESTree.Node, depth = 0): TSESTree.Node {
  const value = unwrap(node);
  if (!sourceCode || depth > 4) return value;
  if (value.type === AST_NODE_TYPES.Identifier) {
    const variable = resolve(sourceCode, value);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (
      !variable ||
      definition?.type !== 'Variable' ||
      definition.node.id.type !== AST_NODE_TYPES.Identifier ||
      !definition.node.init ||
      variable.references.some((reference) => reference.isWrite() && !reference.init)
    )
      return value;
    return constantValue(sourceCode, definition.node.init, depth + 1);
  }
  if (value.type === AST_NODE_TYPES.MemberExpression && !value.computed) {
    const object = constantValue(sourceCode, value.object, depth + 1);
    const name = propertyName(value);
    if (object.type !== AST_NODE_TYPES.ObjectExpression || name === null) return value;
    const property = object.properties.find(
      (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && propertyKeyName(p) === name,
    );
    if (!property || object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return value;
    return constantValue(sourceCode, property.value, depth + 1);
  }
  return value;
}

/** The event of `on(event, fn)`: a string, a name or a symbol; not an emitter (`events.once(emitter, 'x')`). */
function isEventArgument(node: TSESTree.Node): boolean {
  const event = unwrap(node);
  switch (event.type) {
    case AST_NODE_TYPES.Literal:
      return typeof event.value === 'string';
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return true;
    default:
      return false;
  }
}

/** A function, or something that names one; a string second argument is jQuery delegation or `events.on(e, 'x')`. */
function isListenerArgument(node: TSESTree.Node): boolean {
  const listener = unwrap(node);
  switch (listener.type) {
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.ThisExpression:
      return true;
    default:
      return false;
  }
}

function readOptions(
  result: ListenerCall,
  options: TSESTree.CallExpressionArgument | undefined,
  sourceCode: SourceCode | undefined,
): void {
  if (!options) {
    result.capture = false;
    return;
  }
  const value = constantValue(sourceCode, options);
  const flag = booleanValue(value);
  if (flag !== null) {
    result.capture = flag;
    return;
  }
  if (value.type !== AST_NODE_TYPES.ObjectExpression) {
    result.opaqueOptions = true;
    return;
  }
  let capture: boolean | null = false;
  for (const property of value.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) {
      result.opaqueOptions = true;
      capture = null;
      continue;
    }
    const key = propertyKeyName(property);
    const valueNode = key === 'signal' ? property.value : constantValue(sourceCode, property.value);
    const literal = valueNode.type === AST_NODE_TYPES.Literal ? valueNode.value : booleanValue(valueNode);
    if (key === 'capture') capture = typeof literal === 'boolean' ? literal : null;
    else if (key === 'once')
      result.once ||= literal === true || typeof literal !== 'boolean'; // a value not known to be false may be true
    else if (key === 'signal') result.signal = property.value;
  }
  result.capture = capture;
}

/** `true`, `false`, and minified `!0`, `!1`. */
function booleanValue(node: TSESTree.Node): boolean | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'boolean') return node.value;
  if (
    node.type === AST_NODE_TYPES.UnaryExpression &&
    node.operator === '!' &&
    node.argument.type === AST_NODE_TYPES.Literal &&
    typeof node.argument.value === 'number'
  ) {
    return node.argument.value === 0;
  }
  return null;
}

function isUnlimited(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === 0;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'Infinity';
  if (value.type === AST_NODE_TYPES.MemberExpression)
    return propertyName(value) === 'POSITIVE_INFINITY' || propertyName(value) === 'MAX_SAFE_INTEGER';
  return false;
}

/** A string literal, or a template literal without expressions. */
function staticString(node: TSESTree.Node): string | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0)
    return value.quasis[0]?.value.cooked ?? null;
  return null;
}

/** What function a listener argument is, for matching a removal to its registration. */
export type ListenerIdentity =
  /** An inline function: new on every evaluation. `key` is its own name (`function onMessage() {}`), if it has one. */
  | { kind: 'inline'; fn: FunctionNode; key: string | null }
  /** `f.bind(…)`: a new function on every evaluation. */
  | { kind: 'bound'; of: ObjectPath | null; text: string }
  /** A variable, a `this` field or a property path: the same function wherever it is named. */
  | { kind: 'reference'; path: ObjectPath }
  /** Anything else: a call result, a conditional. */
  | { kind: 'unknown' };

export function listenerIdentity(sourceCode: SourceCode, node: TSESTree.Node): ListenerIdentity {
  const listener = unwrap(node);
  if (isFunction(listener)) {
    let key: string | null = null;
    if (listener.type === AST_NODE_TYPES.FunctionExpression && listener.id) {
      const own = sourceCode
        .getDeclaredVariables(listener)
        .find((variable) => variable.defs[0]?.type === 'FunctionName');
      if (own) key = pathKey({ root: { kind: 'variable', variable: own }, properties: [] });
    }
    return { kind: 'inline', fn: listener, key };
  }
  if (listener.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(listener.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'bind') {
      return { kind: 'bound', of: pathOf(sourceCode, callee.object), text: sourceCode.getText(listener) };
    }
    return { kind: 'unknown' };
  }
  const path = pathOf(sourceCode, listener);
  return path ? { kind: 'reference', path } : { kind: 'unknown' };
}

/** Why a registration is released; the rule stays silent when there is any. */
export type Release =
  | { kind: 'removal'; by: ListenerCall }
  | { kind: 'removeAll'; by: ListenerCall }
  | { kind: 'once' }
  | { kind: 'signal' }
  | { kind: 'guard' }
  | { kind: 'handle' };

/** Why a removal removes nothing. */
export type FutileRemoval =
  /** The event is a name nothing declares (a typo of the loop variable): the call throws a ReferenceError. */
  | { kind: 'undeclaredEvent'; name: string }
  | { kind: 'inline' }
  | { kind: 'bound'; text: string }
  | { kind: 'different'; added: ListenerCall; addedText: string }
  | { kind: 'capture'; added: ListenerCall; capture: boolean };

export interface ListenerIndex {
  /** The key of the object an expression denotes, after unifying assignments (`this.onExit = onExit`). */
  keyOf(node: TSESTree.Node): string | null;
  /**
   * Release evidence for a registration; `mayNeverFire` says its event may never fire (a caller's `abort`), and
   * `reusedConnection` that the target is a connection keep-alive reuses (its `connect` fired long ago).
   */
  releaseOf(add: ListenerCall, options?: ReleaseOptions): Release | null;
  /**
   * The other half of an outcome pair: for a `once` success listener, an `error` listener added beside it (same
   * target, same function), and for that `error` listener, the success listener. Only one of the two fires.
   */
  outcomePartner(add: ListenerCall): ListenerCall | null;
  /** The `once` listener a `setTimeout(0)` leaves in place: `setTimeout(ms, cb)` added it, and nothing removes it. */
  disarmedListener(disarm: ListenerCall): ListenerCall | null;
  /** Why a removal removes nothing, or null when it may remove something. */
  futileRemoval(remove: ListenerCall): FutileRemoval | null;
  /**
   * The events a registration adds that nothing removes, when its events are known constants (a loop over a constant
   * array); null when they are not known, or when all are removed.
   */
  unreleasedEvents(add: ListenerCall): string[] | null;
}

export interface ReleaseOptions {
  mayNeverFire?: boolean;
  instanceGuard?: boolean;
  reusedConnection?: boolean;
}

/** What the file's assignments join and write: `this.onExit = onExit` makes both name one function. */
interface AssignmentUnion {
  /**
   * The representative of `key`'s class: the keys that `=` assignments between static paths join to it (through any
   * chain of them). `name` is `keyName` of the key's path.
   */
  find(key: string, name: string): string;
  /** Whether some assignment writes the object `path` denotes. */
  isWritten(path: ObjectPath): boolean;
  /** Whether an assignment inside `fn` writes it. */
  isWrittenIn(path: ObjectPath, fn: FunctionNode): boolean;
}

/**
 * The last part of a path's key: its last property's text after any `.`, or its root's name. Paths with one key have
 * one name, and an assignment's side that names `x.socket` or `socket` has its name without a scope lookup, so the
 * assignments that may join a key are found by its name.
 */
function keyName(path: ObjectPath): string {
  const last = path.properties[path.properties.length - 1];
  if (last !== undefined) return last.slice(last.lastIndexOf('.') + 1);
  const root = path.root;
  if (root.kind === 'this') return 'this';
  if (root.kind === 'global') return GLOBAL_OBJECT_NAMES.has(root.name) ? 'globalThis' : root.name;
  return root.variable.name;
}

/**
 * The names of the variables that `declarator` may make aliases of another object (`pathOf` follows them): `self`
 * of `const self = this`, `proc` of `const proc = process`, `signal` of `const { signal } = options`. Only a name, a
 * `this` or a member access has a path to follow: `const { a } = require('x')` makes no alias.
 */
export function aliasDeclarationNames(declarator: TSESTree.VariableDeclarator, names: Set<string>): void {
  if (!declarator.init) return;
  const id = declarator.id;
  const init = unwrap(declarator.init);
  if (
    init.type !== AST_NODE_TYPES.Identifier &&
    init.type !== AST_NODE_TYPES.ThisExpression &&
    init.type !== AST_NODE_TYPES.MemberExpression
  )
    return;
  if (id.type === AST_NODE_TYPES.Identifier) {
    names.add(id.name);
  } else if (id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type === AST_NODE_TYPES.Identifier) names.add(value.name);
    }
  }
}

/**
 * The alias names (`aliasDeclarationNames`) of every declaration of the file, found through the definitions of its
 * variables: a declaration that names anything declares a variable. The same names a rule would collect from every
 * `VariableDeclarator`, asked for only when an index needs them.
 */
export function declaredAliasNames(sourceCode: SourceCode): Set<string> {
  const names = new Set<string>();
  let last: TSESTree.Node | null = null;
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      for (const definition of variable.defs) {
        if (definition.type !== 'Variable' || definition.node === last) continue;
        last = definition.node;
        aliasDeclarationNames(definition.node, names);
      }
    }
  }
  return names;
}

/** Alias names as given, or how to find them on first need. */
export type AliasNames = ReadonlySet<string> | (() => ReadonlySet<string>);

/**
 * The union of keys that a file's `=` assignments between static paths make, found for one key at a time: the
 * assignments that may touch a key are those whose side has its name, so only they are resolved (`pathOf`), and their
 * joins are replayed in file order, which gives each class the representative a union of every assignment gives.
 * A name in `aliasNames` (or any name, without it) may denote another path: such sides are resolved up front.
 */
function assignmentUnion(
  sourceCode: SourceCode,
  assignments: readonly TSESTree.AssignmentExpression[],
  aliasNamesGiven: AliasNames | undefined,
): AssignmentUnion {
  let aliasNames = typeof aliasNamesGiven === 'function' ? undefined : aliasNamesGiven;
  let findAliasNames = typeof aliasNamesGiven === 'function' ? aliasNamesGiven : null;
  /** Each assignment's left and right key, on first need (undefined: not yet; null: no static path). */
  const leftKeys: (string | null | undefined)[] = [];
  const rightKeys: (string | null | undefined)[] = [];
  const leftKey = (at: number): string | null => {
    let key = leftKeys[at];
    if (key === undefined) leftKeys[at] = key = rawKey((assignments[at] as TSESTree.AssignmentExpression).left);
    return key;
  };
  const rightKey = (at: number): string | null => {
    let key = rightKeys[at];
    if (key === undefined) rightKeys[at] = key = rawKey((assignments[at] as TSESTree.AssignmentExpression).right);
    return key;
  };
  /** Each key's name (see keyName), from the path it was made of. */
  const names = new Map<string, string>();
  const rawKey = (node: TSESTree.Node): string | null => {
    const path = pathOf(sourceCode, node);
    if (!path) return null;
    const key = pathKey(path);
    names.set(key, keyName(path));
    return key;
  };
  /**
   * The name a side's key has (see keyName), if it has a key: an alias is resolved for it, and any other identifier
   * gives its own (`window`, `self`, `global` give theirs, not `globalThis`: `named` finds them under it).
   */
  const sideName = (node: TSESTree.Node): string | null => {
    const side = unwrap(node);
    if (side.type === AST_NODE_TYPES.MemberExpression) {
      if (!side.computed) return side.property.name;
      const name = propertyName(side);
      if (name !== null) return name.slice(name.lastIndexOf('.') + 1);
      return side.property.type === AST_NODE_TYPES.Identifier ? `[${side.property.name}]` : null;
    }
    if (side.type !== AST_NODE_TYPES.Identifier) return null;
    if (findAliasNames) {
      aliasNames = findAliasNames();
      findAliasNames = null;
    }
    if (aliasNames !== undefined && !aliasNames.has(side.name)) return side.name;
    const path = pathOf(sourceCode, side);
    return path && keyName(path);
  };
  const addTo = (index: Map<string, number[]>, name: string, at: number): void => {
    const list = index.get(name);
    if (!list) index.set(name, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  };
  /** The assignments of `index` whose side may have a key named `name`. */
  const named = (index: Map<string, number[]>, name: string): readonly number[] => {
    if (name !== 'globalThis') return index.get(name) ?? [];
    const found: number[] = [];
    for (const global of GLOBAL_OBJECT_NAMES) found.push(...(index.get(global) ?? []));
    return found;
  };
  /** Assignments that may join two keys, by the names of both sides. */
  let joins: Map<string, number[]> | null = null;
  const joining = (name: string): readonly number[] => {
    if (!joins) {
      joins = new Map();
      for (let at = 0; at < assignments.length; at++) {
        const assignment = assignments[at] as TSESTree.AssignmentExpression;
        if (assignment.operator !== '=') continue;
        const right = unwrap(assignment.right);
        if (right.type !== AST_NODE_TYPES.Identifier && right.type !== AST_NODE_TYPES.MemberExpression) continue;
        const leftName = sideName(assignment.left);
        const rightName = leftName === null ? null : sideName(right);
        if (leftName === null || rightName === null) continue;
        addTo(joins, leftName, at);
        addTo(joins, rightName, at);
      }
    }
    return named(joins, name);
  };
  /** Every assignment, by the name of its left side. */
  let writes: Map<string, number[]> | null = null;
  const writing = (name: string): readonly number[] => {
    if (!writes) {
      writes = new Map();
      for (let at = 0; at < assignments.length; at++) {
        const left = sideName((assignments[at] as TSESTree.AssignmentExpression).left);
        if (left !== null) addTo(writes, left, at);
      }
    }
    return named(writes, name);
  };

  const representatives = new Map<string, string>();
  function find(key: string, name: string): string {
    const known = representatives.get(key);
    if (known !== undefined) return known;
    // The class: the keys reached from `key` through assignments with one of them on a side, and those assignments.
    names.set(key, name);
    const members = [key];
    const inClass = new Set(members);
    const joined = new Set<number>();
    for (let i = 0; i < members.length; i++) {
      const member = members[i] as string;
      for (const at of joining(names.get(member) as string)) {
        if (joined.has(at)) continue;
        const left = leftKey(at);
        const right = left === null ? null : rightKey(at);
        if (right === null || (left !== member && right !== member)) continue;
        joined.add(at);
        const other = left === member ? right : (left as string);
        if (!inClass.has(other)) {
          inClass.add(other);
          members.push(other);
        }
      }
    }
    // Joined in file order, as a union of every assignment joins them: the same representative.
    const parent = new Map<string, string>();
    const root = (of: string): string => {
      let current = of;
      for (let next = parent.get(current); next !== undefined && next !== current; next = parent.get(current))
        current = next;
      return current;
    };
    for (const at of [...joined].sort((a, b) => a - b)) {
      const a = root(leftKey(at) as string);
      const b = root(rightKey(at) as string);
      if (a !== b) parent.set(a, b);
    }
    for (const member of members) representatives.set(member, root(member));
    return representatives.get(key) as string;
  }

  /** The assignments that write `path`'s object. */
  const writesOf = (path: ObjectPath): TSESTree.AssignmentExpression[] => {
    const key = pathKey(path);
    const found: TSESTree.AssignmentExpression[] = [];
    for (const at of writing(keyName(path)))
      if (leftKey(at) === key) found.push(assignments[at] as TSESTree.AssignmentExpression);
    return found;
  };

  return {
    find,
    isWritten: (path) => writesOf(path).length > 0,
    isWrittenIn: (path, fn) => writesOf(path).some((assignment) => contains(fn, assignment)),
  };
}

/**
 * Indexes a file's listener calls. `assignments` are the file's assignments (for aliasing and flag writes);
 * `aborts` are its `x.abort()` calls (for `{ signal }` options). `aliasNames`, when given, are the names the file
 * declares as aliases (`const self = this`, `const { signal } = options`; see `aliasDeclarationNames`), or a function
 * that finds them (`() => declaredAliasNames(sourceCode)`) on first need: other names in assignments are not looked
 * up until an assignment may join them to an object asked about.
 */
export function indexListeners(
  sourceCode: SourceCode,
  calls: readonly ListenerCall[],
  assignments: readonly TSESTree.AssignmentExpression[],
  aborts: readonly TSESTree.CallExpression[],
  aliasNames?: AliasNames,
): ListenerIndex {
  const assigned = assignmentUnion(sourceCode, assignments, aliasNames);
  const find = (path: ObjectPath): string => assigned.find(pathKey(path), keyName(path));
  const keyOf = (node: TSESTree.Node): string | null => {
    const path = pathOf(sourceCode, node);
    return path && find(path);
  };
  let abortedKeys: Set<string> | null = null;
  const isAborted = (key: string): boolean => {
    if (!abortedKeys) {
      abortedKeys = new Set();
      for (const abort of aborts) {
        const callee = unwrap(abort.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
        const aborted = keyOf(callee.object);
        if (aborted !== null) abortedKeys.add(aborted);
      }
    }
    return abortedKeys.has(key);
  };

  const adds = calls.filter((c) => c.kind === 'add');
  const removes = calls.filter((c) => c.kind === 'remove');
  const removeAlls = calls.filter((c) => c.kind === 'removeAll');
  const identities = new Map<ListenerCall, ListenerIdentity>();
  const identityOf = (c: ListenerCall): ListenerIdentity => {
    let found = identities.get(c);
    if (!found)
      identities.set(c, (found = c.listener ? listenerIdentity(sourceCode, c.listener) : { kind: 'unknown' }));
    return found;
  };
  const targetKeys = new Map<ListenerCall, string | null>();
  const targetOf = (c: ListenerCall): string | null => {
    if (!targetKeys.has(c)) targetKeys.set(c, keyOf(c.target));
    return targetKeys.get(c) ?? null;
  };

  /** A removal or removeAll whose target is a bare parameter is a generic helper (`off(target, fn)`): any target. */
  const genericTargets = new Map<ListenerCall, boolean>();
  const isGenericTarget = (c: ListenerCall): boolean => {
    let generic = genericTargets.get(c);
    if (generic === undefined) {
      const path = pathOf(sourceCode, c.target);
      genericTargets.set(c, (generic = path !== null && isParameterPath(path) && path.properties.length === 0));
    }
    return generic;
  };
  const sameTarget = (add: ListenerCall, other: ListenerCall): boolean => {
    if (isGenericTarget(other)) return true;
    const a = targetOf(add);
    return a !== null && a === targetOf(other);
  };
  const sameEvent = (add: ListenerCall, other: ListenerCall): boolean =>
    add.eventName === null || other.eventName === null || add.eventName === other.eventName;
  /** The events a call may name: its string, or a loop variable's constant values; null when not known. */
  const eventSets = new Map<ListenerCall, readonly string[] | null>();
  const eventsOf = (c: ListenerCall): readonly string[] | null => {
    if (!eventSets.has(c)) eventSets.set(c, c.eventName !== null ? [c.eventName] : constantEvents(sourceCode, c.event));
    return eventSets.get(c) ?? null;
  };
  /** A removal whose event is a name nothing declares throws before it removes anything. */
  const throwing = new Map<ListenerCall, boolean>();
  const throws = (c: ListenerCall): boolean => {
    let found = throwing.get(c);
    if (found === undefined) throwing.set(c, (found = undeclaredEvent(sourceCode, c.event) !== null));
    return found;
  };
  /** By identity (each call's, from identityOf): removals ask again for every registration they are compared with. */
  const functionKeys = new Map<ListenerIdentity, string | null>();
  const functionKey = (identity: ListenerIdentity): string | null => {
    let key = functionKeys.get(identity);
    if (key === undefined) functionKeys.set(identity, (key = uncachedFunctionKey(identity)));
    return key;
  };
  const uncachedFunctionKey = (identity: ListenerIdentity): string | null => {
    if (identity.kind === 'reference') {
      // `fn` of `for (const [type, fn] of pairs)`: the element of `pairs`, in every loop over it.
      const element = loopElementKey(identity.path);
      if (element !== null) return element;
      return find(identity.path);
    }
    if (identity.kind === 'inline' && identity.key !== null)
      return assigned.find(identity.key, identity.fn.id?.name ?? '');
    return null;
  };
  /** A removal whose function this file cannot name (a parameter, `listeners()[i]`) may remove anything. */
  const isWildcardFunction = (identity: ListenerIdentity): boolean =>
    identity.kind === 'unknown' ||
    (identity.kind === 'reference' && isParameterPath(identity.path) && identity.path.properties.length === 0);
  const sameFunction = (add: ListenerCall, remove: ListenerCall): boolean => {
    const removed = identityOf(remove);
    if (isWildcardFunction(removed)) return true;
    const added = identityOf(add);
    if (added.kind === 'unknown') return true;
    const key = functionKey(added);
    return key !== null && key === functionKey(removed);
  };
  const sameCapture = (add: ListenerCall, remove: ListenerCall): boolean =>
    add.capture === null || remove.capture === null || add.capture === remove.capture;

  function releaseOf(add: ListenerCall, options: ReleaseOptions = {}): Release | null {
    const events = eventsOf(add);
    if (events !== null && add.eventName === null) {
      // A loop over constant events: each one needs a removal (or a removeAll) that covers it.
      const uncovered = unreleased(add, events);
      if (uncovered.length === 0) {
        const by = removes.find((r) => matchesRemoval(add, r)) ?? removeAlls.find((r) => sameTarget(add, r));
        if (by) return { kind: by.kind === 'removeAll' ? 'removeAll' : 'removal', by };
      }
    } else {
      // The events first: comparing targets and functions unifies the file's assignments, which most files with
      // a registration never need when no removal names its event.
      const removal = removes.find((r) => sameEvent(add, r) && matchesRemoval(add, r));
      if (removal) return { kind: 'removal', by: removal };
      const all = removeAlls.find((r) => (r.event === null || sameEvent(add, r)) && sameTarget(add, r));
      if (all) return { kind: 'removeAll', by: all };
    }
    if (add.once && !options.mayNeverFire && willFire(add, options)) return { kind: 'once' };
    if (add.opaqueOptions) return { kind: 'signal' };
    if (add.signal && isSignalReleased(add.signal)) return { kind: 'signal' };
    // Some emitters return a way to undo (`const off = bus.on(…)`, React Native's `subscription.remove()`); the DOM's
    // `addEventListener` returns nothing and `process.on()` returns `process`, so a global's result is no handle.
    if (pathOf(sourceCode, add.target)?.root.kind !== 'global' && isHandleKept(add.call)) return { kind: 'handle' };
    if (isInstallOnceGuarded(add, options.instanceGuard === true)) return { kind: 'guard' };
    return null;
  }

  /** Whether a `once` listener's event will fire, so that the listener goes by itself. */
  function willFire(add: ListenerCall, options: ReleaseOptions): boolean {
    const event = add.eventName;
    if (event !== null && MAY_NEVER_FIRE.has(event)) return false;
    // `setTimeout(ms, cb)`: the timeout may never come (and `setTimeout(0)` disarms it without removing `cb`).
    if (add.implicit === 'setTimeout') return false;
    if (options.reusedConnection && event !== null && CONNECT_EVENTS.has(event) && !testsConnecting(add)) return false;
    return outcomePartner(add) === null;
  }

  /** The file's registrations by the function that makes them: outcome pairs are looked for within one function. */
  let addsByFunction: Map<FunctionNode | null, ListenerCall[]> | null = null;
  const partners = new Map<ListenerCall, ListenerCall | null>();
  function outcomePartner(add: ListenerCall): ListenerCall | null {
    const known = partners.get(add);
    if (known !== undefined) return known;
    let found: ListenerCall | null = null;
    const isError = add.eventName === 'error';
    if (add.eventName !== null && (isError || add.once)) {
      if (!addsByFunction) {
        addsByFunction = new Map();
        for (const other of adds) {
          const fn = enclosingFunction(other.call);
          const list = addsByFunction.get(fn);
          if (list) list.push(other);
          else addsByFunction.set(fn, [other]);
        }
      }
      // The target's key (which unifies the file's assignments) only once some listener beside it could be its partner.
      let key: string | null | undefined;
      found =
        addsByFunction
          .get(enclosingFunction(add.call))
          ?.find(
            (other) =>
              other !== add &&
              other.eventName !== null &&
              (isError
                ? other.once && other.eventName !== 'error' && !MAY_NEVER_FIRE.has(other.eventName)
                : other.eventName === 'error') &&
              (key ??= targetOf(add)) !== null &&
              targetOf(other) === key,
          ) ?? null;
    }
    partners.set(add, found);
    return found;
  }

  /** `if (socket.connecting) socket.once('connect', …)`, also through `const isConnecting = socket.connecting`. */
  function testsConnecting(add: ListenerCall): boolean {
    const readsState = (node: TSESTree.Node): boolean =>
      node.type === AST_NODE_TYPES.MemberExpression && CONNECTING_STATE.has(propertyName(node) ?? '');
    return testsAround(sourceCode, add.call).some((test) =>
      someDescendant(sourceCode, test, (node) => {
        if (readsState(node)) return true;
        if (node.type !== AST_NODE_TYPES.Identifier) return false;
        const init = constantValue(sourceCode, node);
        return init !== node && someDescendant(sourceCode, init, readsState);
      }),
    );
  }

  function disarmedListener(disarm: ListenerCall): ListenerCall | null {
    const key = targetOf(disarm);
    const armed =
      key === null
        ? undefined
        : adds.find((a) => a.implicit === 'setTimeout' && targetOf(a) === key && !onOtherBranch(a.call, disarm.call));
    if (!armed) return null;
    const removed = removes.some((r) => sameEvent(armed, r) && sameTarget(armed, r) && sameFunction(armed, r));
    const all = removeAlls.some((r) => (r.event === null || sameEvent(armed, r)) && sameTarget(armed, r));
    return removed || all ? null : armed;
  }

  /** A removal that may take out `add`'s function from `add`'s target, whatever the event. */
  function matchesRemoval(add: ListenerCall, r: ListenerCall): boolean {
    return sameTarget(add, r) && sameFunction(add, r) && sameCapture(add, r) && !throws(r);
  }

  /** Those of `events` (added by `add`) that no removal or removeAll covers. */
  function unreleased(add: ListenerCall, events: readonly string[]): string[] {
    return events.filter(
      (event) =>
        !removes.some((r) => {
          const removed = eventsOf(r);
          if (!(removed === null ? r.eventName === null : removed.includes(event))) return false;
          return matchesRemoval(add, r);
        }) &&
        !removeAlls.some(
          (r) => (r.event === null || r.eventName === null || r.eventName === event) && sameTarget(add, r),
        ),
    );
  }

  function unreleasedEvents(add: ListenerCall): string[] | null {
    const events = eventsOf(add);
    if (events === null || add.eventName !== null) return null;
    const left = unreleased(add, events);
    return left.length > 0 ? left : null;
  }

  /** The key of a loop's element, for a variable bound by `for (… of list)` or `list.forEach((…) => …)`. */
  function loopElementKey(path: ObjectPath): string | null {
    if (path.root.kind !== 'variable' || path.properties.length !== 0) return null;
    const element = loopElementOf(path.root.variable);
    if (!element) return null;
    const list = listKey(element.list);
    return list === null ? null : `${list}[*]${element.position}`;
  }

  function listKey(list: TSESTree.Node): string | null {
    const node = unwrap(list);
    // `Object.entries(handlers)`: the entries of `handlers`.
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 1 && node.arguments[0]) {
      const callee = unwrap(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
      const of = keyOf(node.arguments[0]);
      return method !== null && of !== null && callee.type === AST_NODE_TYPES.MemberExpression
        ? `${sourceCode.getText(callee.object)}.${method}(${of})`
        : null;
    }
    return keyOf(node);
  }

  /** `{ signal: controller.signal }` with `controller.abort()` somewhere; a signal the caller controls counts too. */
  function isSignalReleased(signal: TSESTree.Node): boolean {
    const path = pathOf(sourceCode, signal);
    if (!path || path.properties[path.properties.length - 1] !== 'signal') return true; // `AbortSignal.timeout()`, unknown
    const controller: ObjectPath = { root: path.root, properties: path.properties.slice(0, -1) };
    if (isParameterPath(controller)) return true;
    return isAborted(find(controller));
  }

  /** Tests that make the install happen at most once: a module-level flag, a Set-size check, `listenerCount()`. */
  function isInstallOnceGuarded(add: ListenerCall, instanceGuard: boolean): boolean {
    const fn = enclosingFunction(add.call);
    return testsAround(sourceCode, add.call).some((test) =>
      someDescendant(sourceCode, test, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const callee = unwrap(node.callee);
          const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
          return name !== null && LISTENER_QUERIES.has(name);
        }
        if (node.type === AST_NODE_TYPES.Identifier) {
          if (
            node.parent?.type === AST_NODE_TYPES.MemberExpression &&
            node.parent.property === node &&
            !node.parent.computed
          )
            return false;
          const path = pathOf(sourceCode, node);
          if (path?.root.kind !== 'variable' || path.properties.length !== 0) return false;
          const variable = path.root.variable;
          // A flag that outlives the call: `if (installed) return; installed = true`.
          return (
            outlives(variable, fn) &&
            variable.defs.length > 0 &&
            variable.references.some((r) => r.isWrite() && !r.init)
          );
        }
        if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
        const path = pathOf(sourceCode, node);
        if (!path) return false;
        const last = path.properties[path.properties.length - 1];
        const root = path.root;
        // A collection that outlives the call: `if (!seen.has(signal))`, `if (handlers.size === 0)`.
        if (
          root.kind === 'variable' &&
          outlives(root.variable, fn) &&
          path.properties.length === 1 &&
          (last === 'size' || last === 'length' || last === 'has' || last === 'get')
        )
          return true;
        if (
          (root.kind === 'global' || (root.kind === 'variable' && outlives(root.variable, fn))) &&
          assigned.isWritten(path)
        )
          return true;
        // `if (!this.catcher) { this.catcher = …; target.on(…) }`: once per instance.
        if (instanceGuard && root.kind === 'this' && fn && assigned.isWritten(path) && assigned.isWrittenIn(path, fn))
          return true;
        return false;
      }),
    );
  }

  /** A variable declared outside `fn`, so it keeps its value from one call of `fn` to the next. */
  function outlives(variable: TSESLint.Scope.Variable, fn: FunctionNode | null): boolean {
    if (isModuleScope(variable.scope)) return true;
    const block = variable.scope.block;
    return fn !== null && variable.defs[0]?.type !== 'Parameter' && !contains(fn, block);
  }

  function futileRemoval(remove: ListenerCall): FutileRemoval | null {
    const typo = undeclaredEvent(sourceCode, remove.event);
    if (typo !== null && adds.some((a) => sameTarget(a, remove))) return { kind: 'undeclaredEvent', name: typo };
    const identity = identityOf(remove);
    if (identity.kind === 'inline') return identity.key === null ? { kind: 'inline' } : null;
    if (identity.kind === 'bound') return { kind: 'bound', text: identity.text };
    // A function this file cannot name (a call's result) has no key to compare: before the targets are compared.
    if (identity.kind === 'unknown') return null;
    // The event first: comparing targets and functions unifies the file's assignments.
    const candidates = adds.filter(
      (a) => a.eventName !== null && a.eventName === remove.eventName && sameTarget(a, remove),
    );
    if (candidates.length === 0) return null;
    const key = functionKey(identity);
    if (key === null) return null;
    const same = candidates.filter((a) => functionKey(identityOf(a)) === key);
    if (same.length > 0) {
      // Added with one capture flag, removed with the other: EventTarget keeps it.
      const mismatch = same.find((a) => a.capture !== null && remove.capture !== null && a.capture !== remove.capture);
      return mismatch && !same.some((a) => sameCapture(a, remove)) && mismatch.capture !== null
        ? { kind: 'capture', added: mismatch, capture: mismatch.capture }
        : null;
    }
    // Added as `f.bind(this)` or `() => f()`, removed as `f`: the classic mismatch.
    for (const added of candidates) {
      const addedIdentity = identityOf(added);
      const wraps =
        (addedIdentity.kind === 'bound' && addedIdentity.of !== null && find(addedIdentity.of) === key) ||
        (addedIdentity.kind === 'inline' && wrappedCall(addedIdentity.fn) === key);
      if (wraps && added.listener)
        return { kind: 'different', added, addedText: shortText(sourceCode, added.listener) };
    }
    return null;
  }

  /** The function an inline wrapper only forwards to: `() => this.onExit()`, `(e) => handle(e)`. */
  function wrappedCall(fn: FunctionNode): string | null {
    const call = soleCall(fn);
    return call ? keyOf(call.callee) : null;
  }

  return { keyOf, releaseOf, outcomePartner, disarmedListener, futileRemoval, unreleasedEvents };
}

const BRANCHES = new Set<string>([
  AST_NODE_TYPES.IfStatement,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.SwitchStatement,
  AST_NODE_TYPES.LogicalExpression,
]);

/** `if (ms) req.setTimeout(ms, cb); else req.setTimeout(0);`: two calls on different branches of one choice. */
function onOtherBranch(a: TSESTree.Node, b: TSESTree.Node): boolean {
  let common: TSESTree.Node | undefined = a.parent;
  while (common && !contains(common, b)) common = common.parent;
  return common !== undefined && BRANCHES.has(common.type);
}

/** Names every JavaScript host defines: an event argument naming one is no typo (`window.event`). */
const KNOWN_GLOBALS = new Set(
  Object.keys({ ...globals.builtin, ...globals.browser, ...globals.node, ...globals.worker, ...globals.serviceworker }),
);

/** The name, when an event argument is an identifier that nothing declares and no host defines (a typo). */
function undeclaredEvent(sourceCode: SourceCode, event: TSESTree.Node | null): string | null {
  const node = event && unwrap(event);
  if (node?.type !== AST_NODE_TYPES.Identifier || KNOWN_GLOBALS.has(node.name)) return null;
  const variable = resolve(sourceCode, node);
  return variable === null ? node.name : null;
}

/** Where a loop variable comes from: the list iterated, and its place in each element (`''`, `0`, `.type`). */
interface LoopElement {
  list: TSESTree.Node;
  position: string;
}

/** `for (const x of list)`, `for (const [type, fn] of list)`, `list.forEach(({ type }) => …)`. */
function loopElementOf(variable: TSESLint.Scope.Variable): LoopElement | null {
  const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition || variable.references.some((r) => r.isWrite() && !r.init)) return null;
  const identifier = definition.name;
  let pattern: TSESTree.Node | null = null;
  let list: TSESTree.Node | null = null;
  if (definition.type === 'Variable') {
    const declaration = definition.node.parent;
    const loop = declaration?.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration && !loop.await) {
      pattern = definition.node.id;
      list = loop.right;
    }
  } else if (definition.type === 'Parameter') {
    const fn = definition.node;
    const call = fn.parent;
    if (
      isFunction(fn) &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[0] === fn &&
      fn.params[0] !== undefined
    ) {
      const callee = unwrap(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'forEach') {
        pattern = fn.params[0];
        list = callee.object;
      }
    }
  }
  if (!pattern || !list) return null;
  const position = positionIn(pattern, identifier);
  return position === null ? null : { list, position };
}

function positionIn(pattern: TSESTree.Node, identifier: TSESTree.Node): string | null {
  if (pattern === identifier) return '';
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
    const index = pattern.elements.findIndex((element) => element === identifier);
    return index >= 0 ? String(index) : null;
  }
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      if (property.type === AST_NODE_TYPES.Property && property.value === identifier && !property.computed) {
        const key = propertyKeyName(property);
        return key === null ? null : `.${key}`;
      }
    }
  }
  return null;
}

/** The constant events an event argument names: a constant string, or a loop variable over a constant list. */
function constantEvents(sourceCode: SourceCode, event: TSESTree.Node | null): string[] | null {
  if (!event) return null;
  const value = constantValue(sourceCode, event);
  const direct = staticString(value);
  if (direct !== null) return [direct];
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = resolve(sourceCode, value);
  const element = variable ? loopElementOf(variable) : null;
  if (!element) return null;
  const list = constantValue(sourceCode, element.list);
  if (list.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const events: string[] = [];
  for (const item of list.elements) {
    if (!item || item.type === AST_NODE_TYPES.SpreadElement) return null;
    let part: TSESTree.Node | null = constantValue(sourceCode, item);
    if (element.position === '') {
      // the element itself
    } else if (/^\d+$/.test(element.position)) {
      const inner: TSESTree.Node | null | undefined =
        part.type === AST_NODE_TYPES.ArrayExpression ? part.elements[Number(element.position)] : null;
      part = inner && inner.type !== AST_NODE_TYPES.SpreadElement ? inner : null;
    } else {
      const key = element.position.slice(1);
      const property: TSESTree.Node | undefined =
        part.type === AST_NODE_TYPES.ObjectExpression
          ? part.properties.find(
              (p): p is TSESTree.Property =>
                p.type === AST_NODE_TYPES.Property && !p.computed && propertyKeyName(p) === key,
            )
          : undefined;
      part = property?.type === AST_NODE_TYPES.Property ? property.value : null;
    }
    const name = part ? staticString(constantValue(sourceCode, part)) : null;
    if (name === null) return null;
    events.push(name);
  }
  return events;
}

/** The registration's result is kept (`const off = bus.on(…)`, `disposables.push(emitter.on(…))`): a handle to undo it. */
function isHandleKept(call: TSESTree.CallExpression): boolean {
  const value = outermostWrapper(call);
  const parent = value.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === value;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === value;
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.Property:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === value;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.arguments.some((a) => a === value);
    default:
      return false;
  }
}

/** A listener's text for a message: `shortCode`, or "an inline function" for a long one. */
function shortText(sourceCode: SourceCode, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  return text.length <= 40 && !text.includes('\n')
    ? text
    : isFunction(unwrap(node))
      ? 'an inline function'
      : shortCode(text);
}

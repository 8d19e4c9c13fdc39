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
 * - Repetition for listeners (`analyseListenerRepetition`): request handlers, listeners and intervals repeat; so do
 *   exported functions, methods and constructors, and component lifecycles (React effects, `componentDidMount`,
 *   `connectedCallback`, Vue and Svelte mount hooks). A callback handed to unknown code runs about as often as the
 *   code that hands it over (`program.action(cb)` at top level runs once).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import globals from 'globals';
import {
  enclosingFunction,
  fileNodes,
  type FunctionNode,
  isFunction,
  isSharedScriptBinding,
  outermostWrapper,
  propertyName,
  resolve,
  someDescendant,
  unwrap,
} from './ast.js';
import { describeFunction, functionName } from './fixes.js';
import { testsAround } from './guards.js';
import { isModuleScoped } from './lifetime.js';
import type { Repetition, RepetitionAnalysis } from './repetition.js';
import { functionOwner, isParameterPath, pathKey, pathOf, type ObjectPath } from './target-lifetime.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export const ADD_METHODS = new Set([
  'on',
  'addListener',
  'prependListener',
  'addEventListener',
  'once',
  'prependOnceListener',
]);
const ONCE_METHODS = new Set(['once', 'prependOnceListener']);
export const REMOVE_METHODS = new Set(['removeListener', 'off', 'removeEventListener']);
const EVENT_TARGET_METHODS = new Set(['addEventListener', 'removeEventListener']);
/** Events that may never fire, or fire only once at the end of their target's life: a `once` listener waits for them. */
export const MAY_NEVER_FIRE = new Set([
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
/** Calls that ask the emitter about its listeners: a test on them installs at most once. */
const LISTENER_QUERIES = new Set(['listenerCount', 'listeners', 'rawListeners', 'eventNames']);

export type ListenerCallKind = 'add' | 'remove' | 'removeAll' | 'setMaxListeners';

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
  const target = callee.object;
  const [event, listener, options] = call.arguments;
  const base = { call, method, target, once: false, capture: null, signal: null, opaqueOptions: false };
  // `removeAllListeners(event?)`, and `off(event)`/`off()` of socket.io and component-emitter, which remove every
  // listener for the event (or every listener).
  if (method === 'removeAllListeners' || (method === 'off' && call.arguments.length <= 1)) {
    if (call.arguments.length > 1 || event?.type === AST_NODE_TYPES.SpreadElement || (event && !isEventArgument(event)))
      return null;
    return {
      ...base,
      kind: 'removeAll',
      event: event ?? null,
      eventName: event ? staticString(event) : null,
      listener: null,
    };
  }
  if (method === 'setMaxListeners') {
    return event && isUnlimited(event)
      ? { ...base, kind: 'setMaxListeners', event: null, eventName: null, listener: null }
      : null;
  }
  const adds = ADD_METHODS.has(method);
  if (!adds && !REMOVE_METHODS.has(method)) return null;
  if (!event || !listener || !isEventArgument(event) || !isListenerArgument(listener)) return null;
  const result: ListenerCall = {
    ...base,
    kind: adds ? 'add' : 'remove',
    event,
    eventName: staticString(event),
    listener,
    once: ONCE_METHODS.has(method),
  };
  if (EVENT_TARGET_METHODS.has(method)) readOptions(result, options, sourceCode);
  return result;
}

/**
 * What a constant denotes: an identifier bound once, with an initialiser, and never written again (`const opts = {…}`),
 * or a property of such an object literal (`opts.capture`); the node itself otherwise.
 */
export function constantValue(sourceCode: SourceCode | undefined, node: TSESTree.Node, depth = 0): TSESTree.Node {
  const value = unwrap(node);
  if (!sourceCode || depth > 4) return value;
  if (value.type === AST_NODE_TYPES.Identifier) {
    const variable = resolve(sourceCode as TSESLint.SourceCode, value);
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
      (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && propertyKey(p) === name,
    );
    if (!property || object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return value;
    return constantValue(sourceCode, property.value, depth + 1);
  }
  return value;
}

function propertyKey(property: TSESTree.Property): string | null {
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
  return null;
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
    const key = propertyKey(property);
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
export function staticString(node: TSESTree.Node): string | null {
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
  /** Release evidence for a registration; `mayNeverFire` says its event may never fire (a caller's `abort`). */
  releaseOf(add: ListenerCall, options?: { mayNeverFire?: boolean; instanceGuard?: boolean }): Release | null;
  /** Why a removal removes nothing, or null when it may remove something. */
  futileRemoval(remove: ListenerCall): FutileRemoval | null;
  /**
   * The events a registration adds that nothing removes, when its events are known constants (a loop over a constant
   * array); null when they are not known, or when all are removed.
   */
  unreleasedEvents(add: ListenerCall): string[] | null;
}

/**
 * Indexes a file's listener calls. `assignments` are the file's `=` assignments (for aliasing and flag writes);
 * `aborts` are its `x.abort()` calls (for `{ signal }` options).
 */
export function indexListeners(
  sourceCode: SourceCode,
  calls: readonly ListenerCall[],
  assignments: readonly TSESTree.AssignmentExpression[],
  aborts: readonly TSESTree.CallExpression[],
): ListenerIndex {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let current = key;
    for (let next = parent.get(current); next !== undefined && next !== current; next = parent.get(current))
      current = next;
    return current;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const rawKey = (node: TSESTree.Node): string | null => {
    const path = pathOf(sourceCode, node);
    return path && pathKey(path);
  };
  const keyOf = (node: TSESTree.Node): string | null => {
    const key = rawKey(node);
    return key === null ? null : find(key);
  };

  const written = new Set<string>();
  for (const assignment of assignments) {
    const left = rawKey(assignment.left);
    if (left === null) continue;
    written.add(left);
    const right = unwrap(assignment.right);
    if (assignment.operator !== '=') continue;
    if (right.type === AST_NODE_TYPES.Identifier || right.type === AST_NODE_TYPES.MemberExpression) {
      const key = rawKey(right);
      if (key !== null) union(left, key);
    }
  }
  const abortedKeys = new Set<string>();
  for (const abort of aborts) {
    const callee = unwrap(abort.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const key = keyOf(callee.object);
    if (key !== null) abortedKeys.add(key);
  }

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
  const isGenericTarget = (c: ListenerCall): boolean => {
    const path = pathOf(sourceCode, c.target);
    return path !== null && isParameterPath(path) && path.properties.length === 0;
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
  const throws = (c: ListenerCall): boolean => undeclaredEvent(sourceCode, c.event) !== null;
  const functionKey = (identity: ListenerIdentity): string | null => {
    if (identity.kind === 'reference') {
      // `fn` of `for (const [type, fn] of pairs)`: the element of `pairs`, in every loop over it.
      const element = loopElementKey(identity.path);
      if (element !== null) return element;
      return find(pathKey(identity.path));
    }
    if (identity.kind === 'inline' && identity.key !== null) return find(identity.key);
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

  function releaseOf(
    add: ListenerCall,
    options: { mayNeverFire?: boolean; instanceGuard?: boolean } = {},
  ): Release | null {
    const events = eventsOf(add);
    if (events !== null && add.eventName === null) {
      // A loop over constant events: each one needs a removal (or a removeAll) that covers it.
      const uncovered = unreleased(add, events);
      if (uncovered.length === 0) {
        const by = removes.find((r) => matchesRemoval(add, r)) ?? removeAlls.find((r) => sameTarget(add, r));
        if (by) return { kind: by.kind === 'removeAll' ? 'removeAll' : 'removal', by };
      }
    } else {
      const removal = removes.find((r) => matchesRemoval(add, r) && sameEvent(add, r));
      if (removal) return { kind: 'removal', by: removal };
      const all = removeAlls.find((r) => sameTarget(add, r) && (r.event === null || sameEvent(add, r)));
      if (all) return { kind: 'removeAll', by: all };
    }
    if (add.once && !options.mayNeverFire && (add.eventName === null || !MAY_NEVER_FIRE.has(add.eventName)))
      return { kind: 'once' };
    if (add.opaqueOptions) return { kind: 'signal' };
    if (add.signal && isSignalReleased(add.signal)) return { kind: 'signal' };
    // Some emitters return a way to undo (`const off = bus.on(…)`, React Native's `subscription.remove()`); the DOM's
    // `addEventListener` returns nothing and `process.on()` returns `process`, so a global's result is no handle.
    if (pathOf(sourceCode, add.target)?.root.kind !== 'global' && isHandleKept(add.call)) return { kind: 'handle' };
    if (isInstallOnceGuarded(add, options.instanceGuard === true)) return { kind: 'guard' };
    return null;
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
          if (!matchesRemoval(add, r)) return false;
          const removed = eventsOf(r);
          return removed === null ? r.eventName === null : removed.includes(event);
        }) &&
        !removeAlls.some(
          (r) => sameTarget(add, r) && (r.event === null || r.eventName === null || r.eventName === event),
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
    return abortedKeys.has(find(pathKey(controller)));
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
          written.has(pathKey(path))
        )
          return true;
        // `if (!this.catcher) { this.catcher = …; target.on(…) }`: once per instance.
        if (instanceGuard && root.kind === 'this' && fn && written.has(pathKey(path)) && isWrittenIn(path, fn))
          return true;
        return false;
      }),
    );
  }

  /** A variable declared outside `fn`, so it keeps its value from one call of `fn` to the next. */
  function outlives(variable: TSESLint.Scope.Variable, fn: FunctionNode | null): boolean {
    if (isModuleScoped(variable)) return true;
    const block = variable.scope.block;
    return (
      fn !== null &&
      variable.defs[0]?.type !== 'Parameter' &&
      !(block.range[0] >= fn.range[0] && block.range[1] <= fn.range[1])
    );
  }

  function isWrittenIn(path: ObjectPath, fn: FunctionNode): boolean {
    const key = pathKey(path);
    return assignments.some((a) => rawKey(a.left) === key && a.range[0] >= fn.range[0] && a.range[1] <= fn.range[1]);
  }

  function futileRemoval(remove: ListenerCall): FutileRemoval | null {
    const typo = undeclaredEvent(sourceCode, remove.event);
    if (typo !== null && adds.some((a) => sameTarget(a, remove))) return { kind: 'undeclaredEvent', name: typo };
    const identity = identityOf(remove);
    if (identity.kind === 'inline') return identity.key === null ? { kind: 'inline' } : null;
    if (identity.kind === 'bound') return { kind: 'bound', text: identity.text };
    const key = functionKey(identity);
    if (key === null) return null;
    const candidates = adds.filter(
      (a) => sameTarget(a, remove) && a.eventName !== null && a.eventName === remove.eventName,
    );
    if (candidates.length === 0) return null;
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
        (addedIdentity.kind === 'bound' && addedIdentity.of !== null && find(pathKey(addedIdentity.of)) === key) ||
        (addedIdentity.kind === 'inline' && wrappedCall(addedIdentity.fn) === key);
      if (wraps && added.listener)
        return { kind: 'different', added, addedText: shortText(sourceCode, added.listener) };
    }
    return null;
  }

  /** The function an inline wrapper only forwards to: `() => this.onExit()`, `(e) => handle(e)`. */
  function wrappedCall(fn: FunctionNode): string | null {
    let body: TSESTree.Node = fn.body;
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      const [only] = body.body;
      if (body.body.length !== 1 || !only) return null;
      if (only.type === AST_NODE_TYPES.ExpressionStatement) body = only.expression;
      else if (only.type === AST_NODE_TYPES.ReturnStatement && only.argument) body = only.argument;
      else return null;
    }
    const call = unwrap(body);
    return call.type === AST_NODE_TYPES.CallExpression ? keyOf(call.callee) : null;
  }

  return { keyOf, releaseOf, futileRemoval, unreleasedEvents };
}

/** Names every JavaScript host defines: an event argument naming one is no typo (`window.event`). */
const KNOWN_GLOBALS = new Set(
  Object.keys({ ...globals.builtin, ...globals.browser, ...globals.node, ...globals.worker, ...globals.serviceworker }),
);

/** The name, when an event argument is an identifier that nothing declares and no host defines (a typo). */
function undeclaredEvent(sourceCode: SourceCode, event: TSESTree.Node | null): string | null {
  const node = event && unwrap(event);
  if (node?.type !== AST_NODE_TYPES.Identifier || KNOWN_GLOBALS.has(node.name)) return null;
  const variable = resolve(sourceCode as TSESLint.SourceCode, node);
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
        const key = propertyKey(property);
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
  const variable = resolve(sourceCode as TSESLint.SourceCode, value);
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
                p.type === AST_NODE_TYPES.Property && !p.computed && propertyKey(p) === key,
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

function shortText(sourceCode: SourceCode, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  return text.length <= 40 && !text.includes('\n')
    ? text
    : isFunction(unwrap(node))
      ? 'an inline function'
      : `${text.slice(0, 37).split('\n')[0] ?? ''}…`;
}

/** A component lifecycle that runs the code again on every mount. */
export interface Lifecycle {
  /** The effect callback, hook callback or lifecycle method. */
  fn: FunctionNode;
  kind: 'effect' | 'hook' | 'method';
  /** The hook or method name: `useEffect`, `componentDidMount`, `onMounted`. */
  name: string;
  /** Whether a function it returns is its cleanup (React effects, Svelte `onMount`). */
  returnsCleanup: boolean;
  /** The teardown counterparts that would remove the listener: `componentWillUnmount`. */
  teardown: readonly string[];
}

export interface ListenerRepetition extends Repetition {
  /** The component lifecycle the code runs in, if that is what repeats it. */
  lifecycle: Lifecycle | null;
}

const EFFECT_HOOKS: Record<string, boolean> = {
  useEffect: true,
  useLayoutEffect: true,
  useInsertionEffect: true,
  onMount: true,
  $effect: true,
  onMounted: false,
  onBeforeMount: false,
  onActivated: false,
  createEffect: false,
};
const LIFECYCLE_METHODS: Record<string, readonly string[]> = {
  componentDidMount: ['componentWillUnmount'],
  componentDidUpdate: ['componentWillUnmount'],
  connectedCallback: ['disconnectedCallback'],
  attachedCallback: ['detachedCallback'],
  firstUpdated: ['disconnectedCallback'],
  ngOnInit: ['ngOnDestroy'],
  ngAfterViewInit: ['ngOnDestroy'],
  mounted: ['beforeUnmount', 'unmounted', 'beforeDestroy', 'destroyed'],
  beforeMount: ['beforeUnmount', 'unmounted', 'beforeDestroy', 'destroyed'],
  activated: ['deactivated'],
  attached: ['detached'],
};
/** Keys that make an object literal a Vue component's options. */
const COMPONENT_OPTION_KEYS = new Set([
  'data',
  'props',
  'methods',
  'computed',
  'template',
  'render',
  'components',
  'watch',
  'setup',
  'emits',
]);

/** The component lifecycle `fn` is, if it is one: an effect callback, a mount hook callback, a lifecycle method. */
export function lifecycleOf(fn: FunctionNode): Lifecycle | null {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === fn) {
    const callee = unwrap(parent.callee);
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? propertyName(callee)
          : null;
    if (name !== null && Object.hasOwn(EFFECT_HOOKS, name)) {
      const returnsCleanup = EFFECT_HOOKS[name] === true;
      return {
        fn,
        kind: name.startsWith('use') || name === '$effect' ? 'effect' : 'hook',
        name,
        returnsCleanup,
        teardown: returnsCleanup ? [] : ['onUnmounted', 'onBeforeUnmount', 'onDestroy', 'onCleanup'],
      };
    }
    return null;
  }
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return null;
  const name = functionName(fn);
  if (name === null || !Object.hasOwn(LIFECYCLE_METHODS, name)) return null;
  const teardown = LIFECYCLE_METHODS[name] ?? [];
  if (parent?.type === AST_NODE_TYPES.MethodDefinition)
    return { fn, kind: 'method', name, returnsCleanup: false, teardown };
  // Vue's options API: `export default { mounted() {} }` beside `data`, `methods`…
  if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const keys = parent.parent.properties.map((p) =>
      p.type === AST_NODE_TYPES.Property && p.key.type === AST_NODE_TYPES.Identifier ? p.key.name : '',
    );
    if (keys.some((key) => COMPONENT_OPTION_KEYS.has(key)))
      return { fn, kind: 'method', name, returnsCleanup: false, teardown };
  }
  return null;
}

export interface ListenerRepetitionAnalysis {
  /** How often the code at `node` adds a listener, when it repeats; null for run-once code. */
  of(node: TSESTree.Node): ListenerRepetition | null;
}

/**
 * Which repetition counts for listeners. Event-driven code (handlers, listeners, intervals) always does; so does
 * code callers call (exported functions, methods, constructors) and component lifecycles. Stays silent where the
 * code plainly runs once per program:
 * - a callback handed to code this file does not know, or a method of an options object handed to a call, runs
 *   about as often as the code that hands it over (a CLI's `program.action(cb)` at top level runs once);
 * - a function named as one-time set-up (`init`, `setup`, `install`, `bootstrap`, `main`, `start…`, `listen`,
 *   `register…`, `configure…`, `enable…`, `launch…`) runs once, unless the file calls it from repeated code;
 * - a method or constructor of a class the file keeps to itself runs as often as the file creates instances and
 *   calls the method; only an exported (or otherwise escaping) class has callers this file cannot see.
 */
export function analyseListenerRepetition(
  sourceCode: SourceCode,
  repetition: RepetitionAnalysis,
): ListenerRepetitionAnalysis {
  const memo = new Map<FunctionNode, ListenerRepetition | null>();
  const inProgress = new Set<FunctionNode>();
  const instanceMemo = new Map<TSESLint.Scope.Variable, ListenerRepetition | null | 'escapes'>();
  let methodCalls: Map<string, TSESTree.CallExpression[]> | null = null;

  function of(node: TSESTree.Node): ListenerRepetition | null {
    const fn = enclosingFunction(node);
    return fn ? ofFunction(fn) : null;
  }

  function ofFunction(fn: FunctionNode): ListenerRepetition | null {
    if (memo.has(fn)) return memo.get(fn) ?? null;
    if (inProgress.has(fn)) return null;
    inProgress.add(fn);
    const result = classify(fn);
    inProgress.delete(fn);
    memo.set(fn, result);
    return result;
  }

  function classify(fn: FunctionNode): ListenerRepetition | null {
    const lifecycle = lifecycleOf(fn);
    if (lifecycle) return { kind: 'per-call', trigger: mountTrigger(lifecycle), lifecycle };
    const found = repetition.repetitionOf(fn);
    if (found.kind === 'once') return null;
    if (found.kind === 'per-event') return { ...found, lifecycle: innerLifecycle(fn) };
    const parent = fn.parent;
    // Invoked in place: `(function () { … })()`, `(() => { … }).call(this)`.
    const invoking = invokingCall(fn);
    if (invoking) return of(invoking);
    // A callback handed to unknown code, or a method of an options object handed to a call: as often as the caller.
    if (
      (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.some((a) => a === fn)
    ) {
      return of(parent);
    }
    const options = optionsObjectCall(fn);
    if (options) return of(options);
    const name = functionName(fn);
    if (name !== null && SETUP_NAME.test(name)) return null;
    const owner = isMethodLike(fn) ? functionOwner(sourceCode, fn) : null;
    if (owner && !('type' in owner)) {
      const method = methodRepetition(fn, owner, name);
      if (method !== 'escapes') return method;
    }
    const perCall: ListenerRepetition = {
      kind: 'per-call',
      trigger: `on every call of ${describeCallable(fn)}`,
      lifecycle: null,
    };
    if (isCallableApi(fn)) return perCall;
    const uses = namedUses(fn);
    if (uses === 'escapes') return perCall;
    let worst: ListenerRepetition | null = null;
    for (const use of uses) worst = worse(worst, of(use));
    return worst;
  }

  /**
   * A method of a class the file keeps to itself: as often as the file creates instances (for a constructor) or
   * calls a method of that name; 'escapes' when other code can create instances or call it.
   */
  function methodRepetition(
    fn: FunctionNode,
    owner: TSESLint.Scope.Variable,
    name: string | null,
  ): ListenerRepetition | null | 'escapes' {
    const instances = instancesOf(owner);
    if (instances === 'escapes') return 'escapes';
    const isConstructor =
      fn.parent?.type === AST_NODE_TYPES.MethodDefinition
        ? fn.parent.kind === 'constructor'
        : owner.defs.some((d) => d.node === fn || d.node === fn.parent);
    const created = instances && {
      ...instances,
      trigger: `on every call of ${describeCallable(fn)} (a \`${owner.name}\` is created ${instances.trigger})`,
    };
    if (isConstructor || name === null) return created;
    let worst: ListenerRepetition | null = created;
    for (const call of callsNamed(name)) {
      const at = of(call);
      worst = worse(worst, at && { ...at, trigger: at.trigger });
    }
    return worst;
  }

  /** How often the file creates instances of `owner` (and of its subclasses); 'escapes' when others can. */
  function instancesOf(owner: TSESLint.Scope.Variable): ListenerRepetition | null | 'escapes' {
    if (instanceMemo.has(owner)) return instanceMemo.get(owner) ?? null;
    instanceMemo.set(owner, null); // a class that extends itself through aliases adds nothing
    const result = collectInstances(owner);
    instanceMemo.set(owner, result);
    return result;
  }

  function collectInstances(owner: TSESLint.Scope.Variable): ListenerRepetition | null | 'escapes' {
    const definition = owner.defs[0]?.node;
    const exported =
      definition?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      definition?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      definition?.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
    if (exported || isSharedScriptBinding(owner)) return 'escapes';
    let worst: ListenerRepetition | null = null;
    for (const reference of owner.references) {
      if (reference.init) continue;
      const use = reference.identifier;
      const parent = use.parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === use) {
        worst = worse(worst, of(parent));
      } else if (
        (parent?.type === AST_NODE_TYPES.ClassDeclaration || parent?.type === AST_NODE_TYPES.ClassExpression) &&
        parent.superClass === use
      ) {
        const subclass = classVariable(parent);
        const instances = subclass ? instancesOf(subclass) : 'escapes';
        if (instances === 'escapes') return 'escapes';
        worst = worse(worst, instances);
      } else if (
        parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        parent.init === use &&
        parent.id.type === AST_NODE_TYPES.Identifier
      ) {
        const alias = sourceCode.getDeclaredVariables(parent)[0];
        const instances = alias ? instancesOf(alias) : 'escapes';
        if (instances === 'escapes') return 'escapes';
        worst = worse(worst, instances);
      } else if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
        // `Foo.prototype.m = …`, `Foo.maxCount`: static use, not an instance.
      } else if (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === 'instanceof') {
        // a type test
      } else if (
        parent?.type === AST_NODE_TYPES.ClassDeclaration ||
        parent?.type === AST_NODE_TYPES.FunctionDeclaration
      ) {
        // its own declaration
      } else {
        return 'escapes';
      }
    }
    return worst;
  }

  function classVariable(
    classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  ): TSESLint.Scope.Variable | null {
    if (classNode.type === AST_NODE_TYPES.ClassDeclaration)
      return sourceCode.getDeclaredVariables(classNode).find((v) => v.name === classNode.id?.name) ?? null;
    const parent = classNode.parent;
    return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === classNode
      ? (sourceCode.getDeclaredVariables(parent)[0] ?? null)
      : null;
  }

  /** Every call `x.name(…)` in the file, by method name. */
  function callsNamed(name: string): TSESTree.CallExpression[] {
    if (!methodCalls) {
      const found = new Map<string, TSESTree.CallExpression[]>();
      for (const node of fileNodes(sourceCode)) {
        if (node.type !== AST_NODE_TYPES.CallExpression) continue;
        const callee = unwrap(node.callee);
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
        if (method === null) continue;
        const calls = found.get(method);
        if (calls) calls.push(node);
        else found.set(method, [node]);
      }
      methodCalls = found;
    }
    return methodCalls.get(name) ?? [];
  }

  /** The lifecycle an inner callback runs under (a listener inside an effect), for its teardown wording. */
  function innerLifecycle(fn: FunctionNode): Lifecycle | null {
    for (let current = enclosingFunction(fn); current; current = enclosingFunction(current)) {
      const lifecycle = lifecycleOf(current);
      if (lifecycle) return lifecycle;
    }
    return null;
  }

  /** Where a private named function is used: call sites and callback hand-overs, or 'escapes' when stored elsewhere. */
  function namedUses(fn: FunctionNode): TSESTree.Node[] | 'escapes' {
    const declaration =
      fn.type === AST_NODE_TYPES.FunctionDeclaration
        ? fn
        : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator
          ? fn.parent
          : null;
    const variable = declaration ? sourceCode.getDeclaredVariables(declaration)[0] : undefined;
    if (!variable) return 'escapes';
    const uses: TSESTree.Node[] = [];
    for (const reference of variable.references) {
      if (reference.init) continue;
      const identifier = reference.identifier;
      const use = identifier.parent;
      // `fn.toString()` (serialised into a worker), `fn.name`: not a call.
      if (
        use?.type === AST_NODE_TYPES.MemberExpression &&
        use.object === identifier &&
        ['toString', 'name', 'length'].includes(propertyName(use) ?? '')
      )
        continue;
      const isCall = use?.type === AST_NODE_TYPES.CallExpression && use.callee === identifier;
      const isArgument =
        (use?.type === AST_NODE_TYPES.CallExpression || use?.type === AST_NODE_TYPES.NewExpression) &&
        use.arguments.some((a) => a === identifier);
      if (!isCall && !isArgument) return 'escapes';
      uses.push(identifier);
    }
    return uses;
  }

  return { of };
}

/** The call that invokes `fn` in place: `(function () {})()`, `(() => {}).call(this)`. */
function invokingCall(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | null {
  const parent = fn.parent;
  if (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    unwrap(parent.callee) === fn
  )
    return parent;
  if (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === fn &&
    ['call', 'apply'].includes(propertyName(parent) ?? '')
  ) {
    const call = parent.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent ? call : null;
  }
  return null;
}

/** Functions named as one-time set-up: they run once per program (or per instance), not per unit of work. */
const SETUP_NAME =
  /^_?(?:init|initiali[sz]e|setup|setUp|install|bootstrap|main|start|listen|register|configure|enable|activate|launch|boot)(?:[A-Z_$\d]|$)/;

function worse(a: ListenerRepetition | null, b: ListenerRepetition | null): ListenerRepetition | null {
  if (!a) return b;
  if (!b) return a;
  return a.kind === 'per-call' && b.kind === 'per-event' ? b : a;
}

/** A method: of a class, of an ES5 prototype (`Foo.prototype.m = function`), of Babel's `_createClass`. */
function isMethodLike(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition) return !parent.static;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
    const left = unwrap(parent.left);
    return (
      left.type === AST_NODE_TYPES.MemberExpression &&
      unwrap(left.object).type === AST_NODE_TYPES.MemberExpression &&
      propertyName(unwrap(left.object) as TSESTree.MemberExpression) === 'prototype'
    );
  }
  return false;
}

/** `describeFunction`, also naming private methods (`#call()`). */
function describeCallable(fn: FunctionNode): string {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition && parent.key.type === AST_NODE_TYPES.PrivateIdentifier)
    return `\`#${parent.key.name}()\``;
  return describeFunction(fn);
}

function mountTrigger(lifecycle: Lifecycle): string {
  const component = componentName(lifecycle.fn);
  const where = component ? ` of \`${component}\`` : '';
  if (lifecycle.kind === 'effect') return `every time the \`${lifecycle.name}()\` effect${where} runs`;
  if (lifecycle.kind === 'hook') return `on every mount${where}`;
  return `on every mount${where} (\`${lifecycle.name}()\`)`;
}

/** `Clock` for a method of `class Clock`, or an effect inside `function Clock()`. */
function componentName(fn: FunctionNode): string | null {
  const method = fn.parent;
  if (method?.type === AST_NODE_TYPES.MethodDefinition) {
    const owner = method.parent.parent;
    return owner.id?.name ?? null;
  }
  const outer = enclosingFunction(fn);
  const name = outer ? functionName(outer) : null;
  return name !== null && /^[A-Z]/.test(name) ? name : null;
}

/** A function callers call by name: exported, a method or constructor, a prototype or `module.exports` member. */
function isCallableApi(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
      return true;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === fn && unwrap(parent.left).type === AST_NODE_TYPES.MemberExpression;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
    default:
      return false;
  }
}

/** For a function in an object or array literal handed to a call (`configure({ setup() {} })`, a bundle's module table): that call. */
function optionsObjectCall(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | null {
  if (fn.parent?.type !== AST_NODE_TYPES.Property && fn.parent?.type !== AST_NODE_TYPES.ArrayExpression) return null;
  let node: TSESTree.Node = fn;
  let parent = fn.parent as TSESTree.Node | undefined;
  const isLiteralPart = (n: TSESTree.Node): boolean =>
    n.type === AST_NODE_TYPES.Property ||
    n.type === AST_NODE_TYPES.ObjectExpression ||
    n.type === AST_NODE_TYPES.ArrayExpression;
  while (parent && isLiteralPart(parent)) {
    node = parent;
    parent = parent.parent as TSESTree.Node | undefined;
  }
  const child = node;
  if (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.some((a) => a === child)
  )
    return parent;
  return null;
}

/** "in `helper()`, which runs on every request to …" when a helper adds it; the trigger itself otherwise. */
export function triggerAt(node: TSESTree.Node, found: Repetition): string {
  const fn = enclosingFunction(node);
  if (!fn || functionName(fn) === null) return found.trigger;
  const where = describeFunction(fn);
  return found.trigger.includes(where) ? found.trigger : `in ${where}, which runs ${found.trigger}`;
}

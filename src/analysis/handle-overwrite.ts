/**
 * Handles lost on the second run: a timer handle kept in a field of a long-lived owner and re-created by a method
 * that runs again.
 *
 * - `fieldTimerOf`: the owner field a timer call is assigned to (`this.pingTimer = setInterval(…)`, also through an
 *   alias of `this` such as `var self = this`), with the owner method that assigns it.
 * - `rerunOf`: why that method runs more than once: it is handed on as a callback, called from a callback, called from
 *   a method that runs again, or named for a lifecycle step that repeats (`connect`, `reconnect`, `start`, `open`,
 *   `resume`, `restart`, `reset`, `terminate`, `listen`).
 * - `priorRelease`: what makes the assignment safe on its own path: a clear of the same field before it (directly, or
 *   through a method of the owner that clears it), or a guard on the field or on a flag the method itself sets
 *   (`if (this.running) return; this.running = true;`).
 * - `rearming`: whether a timeout field is re-armed, so that it keeps recurring: its callback runs the method that
 *   sets it again, or the method clears and sets it and runs again (a reset per message).
 * - `fieldClears`: where the field is cleared, told apart from the clears that only re-arm it.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  enclosingFunction,
  isFunction,
  propertyName,
  pushChildren,
  resolve,
  unwrap,
  type FunctionNode,
} from './ast.js';
import { EVERY_EVENT_METHODS } from './listener-methods.js';
import { isThisLike, methodOwner, thisFunction, type MethodOwner } from './owners.js';
import { membersNamed, timerIndex } from './timers.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A timer handle assigned to a field of its owner in one of the owner's methods. */
export interface FieldTimer {
  owner: MethodOwner;
  /** The method's name (`connect`) and function. */
  method: string;
  fn: FunctionNode;
  /** The field's property name. */
  property: string;
  /** `this.pingTimer`, `self.pingTimer`: as written. */
  text: string;
  assignment: TSESTree.AssignmentExpression;
}

// ---------------------------------------------------------------------------------------------------------------
// `this` and its aliases

/**
 * The owner whose `this` an object expression denotes: through `this` (also in a `function () {}.bind(this)` callback
 * of a method), or through the alias's declaration.
 */
function ownerOfThisLike(sourceCode: SourceCode, node: TSESTree.Node): MethodOwner | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ThisExpression) {
    const fn = thisFunction(target);
    const bound = fn ? boundTo(fn) : null;
    return bound ? ownerOfThisLike(sourceCode, bound) : methodOwner(sourceCode, target);
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const declarator = resolve(sourceCode, target)?.defs[0]?.node;
  return declarator ? methodOwner(sourceCode, declarator) : null;
}

/** `this` in `function () {}.bind(this)`: what the function's own `this` is bound to, or null. */
function boundTo(fn: FunctionNode): TSESTree.Node | null {
  const member = fn.parent;
  const call = member?.parent;
  if (
    member?.type !== AST_NODE_TYPES.MemberExpression ||
    member.object !== fn ||
    propertyName(member) !== 'bind' ||
    call?.type !== AST_NODE_TYPES.CallExpression ||
    call.callee !== member
  )
    return null;
  const first = call.arguments[0];
  return first && unwrap(first).type === AST_NODE_TYPES.ThisExpression ? first : null;
}

/** The owner method whose body holds `node`, through nested callbacks: its name and function. */
function ownerMethodOf(owner: MethodOwner, node: TSESTree.Node): { name: string; fn: FunctionNode } | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    for (const [name, method] of owner.methods) if (method === fn) return { name, fn };
  }
  return null;
}

/** The method of the owner that directly holds `node` (no function in between). */
function directOwnerMethod(owner: MethodOwner, node: TSESTree.Node): { name: string; fn: FunctionNode } | null {
  const fn = enclosingFunction(node);
  if (!fn) return null;
  for (const [name, method] of owner.methods) if (method === fn) return { name, fn };
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// The field a timer is assigned to

/** `this.pingTimer = setInterval(…)` (or `self.pingTimer = …`, `….unref()`) in an owner's method; null otherwise. */
export function fieldTimerOf(sourceCode: SourceCode, call: TSESTree.CallExpression): FieldTimer | null {
  let value: TSESTree.Node = call;
  // `setInterval(…).unref()` is the same handle.
  const member = value.parent;
  if (
    member?.type === AST_NODE_TYPES.MemberExpression &&
    member.object === value &&
    propertyName(member) === 'unref' &&
    member.parent?.type === AST_NODE_TYPES.CallExpression &&
    member.parent.callee === member
  )
    value = member.parent;
  const assignment = value.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== value) return null;
  if (assignment.operator !== '=') return null; // `this.timer ||= setInterval(…)` keeps the one already there
  const target = unwrap(assignment.left);
  if (target.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(sourceCode, target.object)) return null;
  const property = propertyName(target);
  if (property === null) return null;
  const owner = ownerOfThisLike(sourceCode, target.object);
  if (!owner) return null;
  const method = ownerMethodOf(owner, assignment);
  if (!method) return null;
  return {
    owner,
    method: method.name,
    fn: method.fn,
    property,
    text: sourceCode.getText(target),
    assignment,
  };
}

/** `this.<property>` or `alias.<property>`. */
function isFieldAccess(sourceCode: SourceCode, node: TSESTree.Node, property: string): boolean {
  const target = unwrap(node);
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(target) === property &&
    isThisLike(sourceCode, target.object)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Does the method run again?

/**
 * Names that say the method runs again in the owner's life: a reconnect, a restart, a reset, a forced termination a
 * caller may repeat. (`start`, `connect` and `open` are left out: a pair like `start()`/`stop()` is called in turn.)
 */
const RERUN_NAMES = /^(?:reconnect|restart|reset|terminate)(?:[A-Z_]|$)/;

/** Why a method runs again, in words for a message, and whether only its name says so. */
export interface Rerun {
  reason: string;
  byName: boolean;
}

/** Calls whose callback runs on every event or tick: a method handed to them, or called from them, runs again. */
const REPEATING_CALLS = new Set([...EVERY_EVENT_METHODS, 'setInterval', 'subscribe']);

/** Where a method is run from: a repeating callback (a listener), or another method (directly or in a one-shot callback). */
type Caller = { kind: 'listener'; line: number } | { kind: 'method'; name: string };

const reruns = new WeakMap<MethodOwner, Map<string, Rerun | null>>();
const callerGraphs = new WeakMap<MethodOwner, Map<string, Caller[]>>();

/**
 * Why the owner's method runs more than once, for a message, or null when the file shows no reason: a method called
 * only from the constructor or from outside under a neutral name. A listener (`socket.on('open', …)`, an interval
 * tick) runs it again; a one-shot callback (`.then`, `setTimeout`, `once`, a Node-style callback) runs it as often
 * as the method that registers it, so the question moves to that method. A chain that leads back to the method
 * itself (connect, then on close a timer that connects again) runs it again too.
 */
export function rerunOf(sourceCode: SourceCode, owner: MethodOwner, method: string): Rerun | null {
  let known = reruns.get(owner);
  if (!known) reruns.set(owner, (known = new Map()));
  if (known.has(method)) return known.get(method) ?? null;
  const reason = findRerun(sourceCode, owner, method);
  known.set(method, reason);
  return reason;
}

function findRerun(sourceCode: SourceCode, owner: MethodOwner, method: string): Rerun | null {
  if (method === 'constructor') return null;
  const seen = new Set<string>([method]);
  // Breadth first, remembering the first hop, so the message names the nearest reason.
  let frontier: { name: string; via: string | null }[] = [{ name: method, via: null }];
  let byName: string | null = RERUN_NAMES.test(method) ? method : null;
  while (frontier.length > 0) {
    const next: { name: string; via: string | null }[] = [];
    for (const { name, via } of frontier) {
      for (const caller of callersOf(sourceCode, owner, name)) {
        if (caller.kind === 'listener') {
          return {
            reason:
              via === null
                ? `runs from a listener at line ${caller.line}`
                : `is called from \`${via}()\`, which runs from a listener at line ${caller.line}`,
            byName: false,
          };
        }
        if (caller.name === 'constructor') continue;
        if (caller.name === method)
          return {
            reason: via === null ? 'calls itself back' : `runs again when \`${via}()\` calls it back`,
            byName: false,
          };
        if (seen.has(caller.name)) continue;
        seen.add(caller.name);
        if (byName === null && RERUN_NAMES.test(caller.name)) byName = caller.name;
        next.push({ name: caller.name, via: via ?? caller.name });
      }
    }
    frontier = next;
  }
  if (byName === null) return null;
  return {
    reason:
      byName === method ? 'can run more than once' : `is called from \`${byName}()\`, which can run more than once`,
    byName: true,
  };
}

/** Who runs the owner's method `name`: each use of `this.name` (or an alias's) in the owner, once per owner and name. */
function callersOf(sourceCode: SourceCode, owner: MethodOwner, name: string): Caller[] {
  let graph = callerGraphs.get(owner);
  if (!graph) callerGraphs.set(owner, (graph = new Map()));
  const known = graph.get(name);
  if (known) return known;
  const callers: Caller[] = [];
  for (const member of membersNamed(sourceCode, name)) {
    if (!isThisLike(sourceCode, member.object) || ownerOfThisLike(sourceCode, member.object)?.node !== owner.node)
      continue;
    const parent = member.parent;
    const called = parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === member;
    if (!called && !isHandedOn(member)) continue;
    const caller = callerOf(owner, member);
    if (caller) callers.push(caller);
  }
  graph.set(name, callers);
  return callers;
}

/** What runs the code at `node`: a repeating callback on the way up to the owner's method, or that method. */
function callerOf(owner: MethodOwner, node: TSESTree.Node): Caller | null {
  // `on('x', this.m)`, `on('x', this.m.bind(this))`: handed to a repeating call.
  let value: TSESTree.Node = node;
  if (value.parent?.type === AST_NODE_TYPES.MemberExpression && propertyName(value.parent) === 'bind')
    value = value.parent.parent ?? value;
  if (isRepeatingCallback(value)) return { kind: 'listener', line: node.loc.start.line };
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    for (const [name, method] of owner.methods) if (method === fn) return { kind: 'method', name };
    let callback: TSESTree.Node = fn;
    if (callback.parent?.type === AST_NODE_TYPES.MemberExpression && propertyName(callback.parent) === 'bind')
      callback = callback.parent.parent ?? callback;
    if (isRepeatingCallback(callback)) return { kind: 'listener', line: node.loc.start.line };
  }
  return null;
}

/** An argument of `x.on(…)`, `addEventListener(…)`, `setInterval(…)` and the like. */
function isRepeatingCallback(node: TSESTree.Node): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(node as TSESTree.CallExpressionArgument))
    return false;
  const name = calleeName(call);
  return name !== null && REPEATING_CALLS.has(name);
}

/** `on('x', this.m)`, `this.m.bind(this)` passed on: the method runs whenever the receiver calls it. */
function isHandedOn(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) return parent.arguments.includes(member);
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === member && propertyName(parent) === 'bind')
    return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Is the previous handle released first?

export type PriorRelease = 'cleared' | 'guarded' | null;

const clearsByProperty = new WeakMap<TSESTree.Program, Map<string, TSESTree.CallExpression[]>>();

/** The clears of the field anywhere in the file (`clearInterval(this.timer)`, `self.timer.close()`), cached per file. */
export function fieldClears(sourceCode: SourceCode, property: string): TSESTree.CallExpression[] {
  let byProperty = clearsByProperty.get(sourceCode.ast);
  if (!byProperty) clearsByProperty.set(sourceCode.ast, (byProperty = new Map()));
  const known = byProperty.get(property);
  if (known) return known;
  const clears: TSESTree.CallExpression[] = [];
  const index = timerIndex(sourceCode);
  for (const clear of index.clearCalls) {
    const argument = clear.arguments[0];
    if (argument && argument.type !== AST_NODE_TYPES.SpreadElement && isFieldAccess(sourceCode, argument, property))
      clears.push(clear);
  }
  for (const member of membersNamed(sourceCode, 'close')) {
    const call = member.parent;
    if (
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee === member &&
      isFieldAccess(sourceCode, member.object, property)
    )
      clears.push(call);
  }
  byProperty.set(property, clears);
  return clears;
}

/** The owner's methods that clear the field when called: directly in their body, or through another such method. */
function clearingMethods(sourceCode: SourceCode, owner: MethodOwner, property: string): Set<string> {
  const clearing = new Set<string>();
  const pending: string[] = [];
  for (const clear of fieldClears(sourceCode, property)) {
    const method = directOwnerMethod(owner, clear);
    if (method && !clearing.has(method.name)) {
      clearing.add(method.name);
      pending.push(method.name);
    }
  }
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const member of membersNamed(sourceCode, name)) {
      const call = member.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
      if (!isThisLike(sourceCode, member.object)) continue;
      const caller = directOwnerMethod(owner, call);
      if (caller && !clearing.has(caller.name)) {
        clearing.add(caller.name);
        pending.push(caller.name);
      }
    }
  }
  return clearing;
}

/**
 * What releases the previous handle before `timer.assignment` runs again, on the assignment's own path through its
 * method: a clear of the field in an earlier statement (not in a branch that returns), or a guard that skips the
 * assignment while a handle is kept (a test of the field, or of a flag the method itself sets).
 */
export function priorRelease(sourceCode: SourceCode, timer: FieldTimer): PriorRelease {
  const clearing = clearingMethods(sourceCode, timer.owner, timer.property);
  const flags = flagsSetIn(sourceCode, timer.fn);
  flags.add(timer.property);
  const isGuard = (test: TSESTree.Node): boolean => readsField(sourceCode, test, flags);
  for (let node: TSESTree.Node = timer.assignment; node !== timer.fn && node.parent; node = node.parent) {
    const parent: TSESTree.Node = node.parent;
    switch (parent.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.StaticBlock:
        for (const statement of parent.body) {
          if (statement === node) break;
          if (clearsIn(sourceCode, statement, timer.property, clearing)) return 'cleared';
          if (statement.type === AST_NODE_TYPES.IfStatement && exits(statement.consequent) && isGuard(statement.test))
            return 'guarded';
        }
        break;
      case AST_NODE_TYPES.SwitchCase:
        for (const statement of parent.consequent) {
          if (statement === node) break;
          if (clearsIn(sourceCode, statement, timer.property, clearing)) return 'cleared';
        }
        break;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== node && isGuard(parent.test)) return 'guarded';
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === node && isGuard(parent.left)) return 'guarded';
        break;
      case AST_NODE_TYPES.SequenceExpression:
        for (const expression of parent.expressions) {
          if (expression === node) break;
          if (clearsIn(sourceCode, expression, timer.property, clearing)) return 'cleared';
        }
        break;
      default:
        break;
    }
  }
  return null;
}

/** A statement that always leaves: `return`, `throw`, or a block ending in one. */
function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement)
    return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body[statement.body.length - 1];
  return last !== undefined && exits(last);
}

/** Fields the method sets itself (`this.running = true`), outside nested functions: flags a guard can test. */
function flagsSetIn(sourceCode: SourceCode, fn: FunctionNode): Set<string> {
  const flags = new Set<string>();
  walk(sourceCode, fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      const target = unwrap(node.left);
      if (target.type === AST_NODE_TYPES.MemberExpression && isThisLike(sourceCode, target.object)) {
        const name = propertyName(target);
        if (name !== null) flags.add(name);
      }
    }
    return false;
  });
  return flags;
}

function readsField(sourceCode: SourceCode, test: TSESTree.Node, fields: ReadonlySet<string>): boolean {
  return walk(sourceCode, test, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(sourceCode, node.object)) return false;
    const name = propertyName(node);
    return name !== null && fields.has(name);
  });
}

/** A clear of the field, or a call of a method that clears it, in `node` (not in nested functions or exiting branches). */
function clearsIn(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  property: string,
  clearing: ReadonlySet<string>,
): boolean {
  return walk(sourceCode, node, (inner) => {
    if (inner.type !== AST_NODE_TYPES.CallExpression || inExitingBranch(inner, node)) return false;
    if (timerIndex(sourceCode).isClearCall.has(inner)) {
      const argument = inner.arguments[0];
      return (
        argument !== undefined &&
        argument.type !== AST_NODE_TYPES.SpreadElement &&
        isFieldAccess(sourceCode, argument, property)
      );
    }
    const callee = unwrap(inner.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = propertyName(callee);
    if (name === 'close') return isFieldAccess(sourceCode, callee.object, property);
    return name !== null && clearing.has(name) && isThisLike(sourceCode, callee.object);
  });
}

/** Whether `node` sits in a block (inside `root`) that ends by leaving the function: that path never reaches on. */
function inExitingBranch(node: TSESTree.Node, root: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== root.parent; current = current.parent) {
    if (current.type === AST_NODE_TYPES.BlockStatement && exits(current)) return true;
    if (current === root) break;
  }
  return false;
}

/**
 * Whether `test` holds for `node` or a descendant, not descending into nested functions unless `intoFunctions`.
 * Linear in the subtree.
 */
function walk(
  sourceCode: SourceCode,
  root: TSESTree.Node,
  test: (node: TSESTree.Node) => boolean,
  intoFunctions = false,
): boolean {
  const pending: TSESTree.Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (test(node)) return true;
    if (!intoFunctions && node !== root && isFunction(node)) continue;
    pushChildren(sourceCode, node, pending);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Re-armed timeouts and the owner's teardown

export type Rearming = 'itself' | 'reset' | null;

/**
 * Whether a timeout in a field keeps recurring: `itself` when its callback leads back to the method that sets it (a
 * timeout used as an interval, also through other methods and their promise callbacks: measure, then reschedule);
 * `reset` when its method clears and sets it, and runs again (a per-message reset).
 */
export function rearming(sourceCode: SourceCode, timer: FieldTimer, call: TSESTree.CallExpression): Rearming {
  const callback = call.arguments[0] && unwrap(call.arguments[0]);
  if (callback && leadsTo(sourceCode, timer.owner, callback, timer.method)) return 'itself';
  if (priorRelease(sourceCode, timer) === 'cleared' && rerunOf(sourceCode, timer.owner, timer.method) !== null)
    return 'reset';
  return null;
}

/** Whether code run from `start` (a callback, or `this.m` / `this.m.bind(this)`) calls the owner's `method`. */
function leadsTo(sourceCode: SourceCode, owner: MethodOwner, start: TSESTree.Node, method: string): boolean {
  const seen = new Set<string>();
  const pending: string[] = [];
  const first = methodReference(sourceCode, start);
  if (first !== null) pending.push(first);
  else if (isFunction(start)) pending.push(...methodsCalledIn(sourceCode, start));
  else return false;
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name === method) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    const fn = owner.methods.get(name);
    if (fn) pending.push(...calleesOf(sourceCode, owner, name, fn));
  }
  return false;
}

/** `this.m`, `self.m`, `this.m.bind(this)`: the method's name, or null. */
function methodReference(sourceCode: SourceCode, node: TSESTree.Node): string | null {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'bind') return null;
    target = unwrap(callee.object);
  }
  return target.type === AST_NODE_TYPES.MemberExpression && isThisLike(sourceCode, target.object)
    ? propertyName(target)
    : null;
}

const calleesByOwner = new WeakMap<MethodOwner, Map<string, string[]>>();

/** The owner methods a method calls through `this` or an alias, its callbacks included: once per method. */
function calleesOf(sourceCode: SourceCode, owner: MethodOwner, name: string, fn: FunctionNode): string[] {
  let byMethod = calleesByOwner.get(owner);
  if (!byMethod) calleesByOwner.set(owner, (byMethod = new Map()));
  const known = byMethod.get(name);
  if (known) return known;
  const callees = methodsCalledIn(sourceCode, fn);
  byMethod.set(name, callees);
  return callees;
}

/** Names called as `this.m()` / `self.m()` or handed on as `this.m` anywhere in `fn`, nested callbacks included. */
function methodsCalledIn(sourceCode: SourceCode, fn: FunctionNode): string[] {
  const names = new Set<string>();
  walk(
    sourceCode,
    fn.body,
    (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression && isThisLike(sourceCode, node.object)) {
        const name = propertyName(node);
        const parent = node.parent;
        const called = parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node;
        if (name !== null && (called || isHandedOn(node))) names.add(name);
      }
      return false;
    },
    true,
  );
  return [...names];
}

/**
 * A clear that only re-arms the field: in the same function as a later assignment of a new timer to it
 * (`clearTimeout(this.ping); this.ping = setTimeout(…)`). It bounds the timers to one, but stops none for good.
 */
export function isRearmClear(sourceCode: SourceCode, clear: TSESTree.CallExpression, property: string): boolean {
  const fn = enclosingFunction(clear);
  const assignments = fn ? fieldAssignments(sourceCode).get(fn) : undefined;
  return assignments?.some((at) => at.property === property && at.start > clear.range[1]) ?? false;
}

const assignmentsByFile = new WeakMap<TSESTree.Program, Map<FunctionNode, { property: string; start: number }[]>>();

/** The timer calls assigned to a field of `this` or an alias, by the function they are in: one pass per file. */
function fieldAssignments(sourceCode: SourceCode): Map<FunctionNode, { property: string; start: number }[]> {
  const known = assignmentsByFile.get(sourceCode.ast);
  if (known) return known;
  const byFunction = new Map<FunctionNode, { property: string; start: number }[]>();
  for (const call of timerIndex(sourceCode).timerCalls) {
    const parent = call.parent;
    const fn = enclosingFunction(call);
    if (!fn || parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== call) continue;
    const target = unwrap(parent.left);
    if (target.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(sourceCode, target.object)) continue;
    const property = propertyName(target);
    if (property === null) continue;
    const list = byFunction.get(fn);
    const entry = { property, start: call.range[0] };
    if (list) list.push(entry);
    else byFunction.set(fn, [entry]);
  }
  assignmentsByFile.set(sourceCode.ast, byFunction);
  return byFunction;
}

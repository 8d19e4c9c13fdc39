/**
 * Release evidence for timers: is the handle a timer call returns ever passed to the matching clear function?
 * The handle is followed through the variable or member (`this.timer`, `state.ping.interval`) it is stored in.
 *
 * - Recognition (`timerCallOf`, `clearCallOf`): the host's `setInterval`/`setTimeout` and clear functions, called
 *   bare, through `window`/`globalThis`/`global`/`self`, or imported from `timers` (never `timers/promises`, whose
 *   timers are promises and async iterators, released by an `AbortSignal`).
 * - One index per file (`timerIndex`, cached per AST): every timer call and clear call (found where the text names
 *   them), and on first need every static member access by property name. Questions about one handle are then
 *   answered from the index and scope lookups, never by walking the program again.
 * - Where a handle goes (`handleFate`): discarded, returned, passed on, or stored in variables and members (through
 *   `.unref()`, `?:`, chained assignments, object literals, class fields, a React state setter).
 * - Whether a stored handle is released (`handleReleaseOf`): passed to a clear function (`clearInterval`/`clearTimeout`
 *   are interchangeable in browsers and Node), `.close()`d or disposed, or handed to code the file cannot follow.
 *   Copies (`const t = this.timer`) are followed. Members match by property name anywhere in the file, so a field
 *   set in one method (or function) and cleared in another is released.
 * - Lifecycle owners (`thisOwner`, `teardownPath`): the class, constructor function with prototype methods, or object
 *   literal whose `this` a timer is stored on, and the methods its teardown (`close()`, `dispose()`…) runs.
 * - React effects (`effectSetupOf`, `effectCleanups`): the setup function and the cleanups it returns.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  fileNodesOfType,
  type FunctionNode,
  isFunction,
  isAround,
  isGlobalName,
  isModuleScope,
  isSharedScriptBinding,
  outermostWrapper,
  propertyKeyName,
  propertyName,
  pushChildren,
  pushChildrenAround,
  resolve,
  staticPath,
  unwrap,
  contains,
  isFalsyConstant,
  isExportsObject,
  GLOBAL_OBJECT_NAMES,
} from './ast.js';
import { indexOfText, isIdentifierCode, wordsEndingIn } from './text-tests.js';
import { classFamily, directMethodOf, isThisAlias, memberKey, methodOwner, type MethodOwner } from './owners.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

const CLEAR_FUNCTIONS = new Set(['clearInterval', 'clearTimeout']);
const TIMER_FUNCTIONS = new Set(['setInterval', 'setTimeout']);
/** Modules whose `setInterval` is the host's (as is the global object's). */
const TIMERS_MODULES = new Set(['timers', 'node:timers']);

// ---------------------------------------------------------------------------------------------------------------
// Recognition

export type TimerKind = 'interval' | 'timeout';

export interface TimerCall {
  call: TSESTree.CallExpression;
  kind: TimerKind;
  name: 'setInterval' | 'setTimeout';
  /** The clear function for it, written the way the call reaches the timer: `clearInterval`, `window.clearInterval`. */
  clearText: string;
}

/** The host timer a call starts: `setInterval(…)`, `window.setTimeout(…)`, `timers.setInterval(…)`; null otherwise. */
export function timerCallOf(sourceCode: SourceCode, call: TSESTree.CallExpression): TimerCall | null {
  const found = hostFunction(sourceCode, call, TIMER_FUNCTIONS);
  if (!found) return null;
  const name = found.name as TimerCall['name'];
  const clearName = name === 'setInterval' ? 'clearInterval' : 'clearTimeout';
  return {
    call,
    kind: name === 'setInterval' ? 'interval' : 'timeout',
    name,
    clearText: found.host ? `${found.host}.${clearName}` : clearName,
  };
}

/** The host clear function a call invokes (`clearInterval(…)`, `window.clearTimeout(…)`), or null. */
export function clearCallOf(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
): 'clearInterval' | 'clearTimeout' | null {
  const found = hostFunction(sourceCode, call, CLEAR_FUNCTIONS);
  return found ? (found.name as 'clearInterval' | 'clearTimeout') : null;
}

function hostFunction(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  names: ReadonlySet<string>,
): { name: string; host: string | null } | null {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = resolve(sourceCode, callee);
    if (variable === null || (variable.scope.type === 'global' && variable.defs.length === 0))
      return names.has(callee.name) ? { name: callee.name, host: null } : null;
    // `import { setInterval as every } from 'timers'`
    const imported = timersExport(variable);
    return imported !== null && names.has(imported) ? { name: imported, host: null } : null;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = propertyName(callee);
  const host = unwrap(callee.object);
  if (name === null || !names.has(name) || host.type !== AST_NODE_TYPES.Identifier) return null;
  if (GLOBAL_OBJECT_NAMES.has(host.name) && isGlobalName(sourceCode, host)) return { name, host: host.name };
  const variable = resolve(sourceCode, host);
  return variable && timersExport(variable) === '*' ? { name, host: host.name } : null;
}

/**
 * What a binding holds of the `timers` module: an export's name (`import { setInterval as every } from 'timers'`,
 * `const { setInterval } = require('node:timers')`), `*` for the module itself (`import * as timers`, `import timers`,
 * `const timers = require('timers')`), or null when it is not from `timers`.
 */
function timersExport(variable: Variable): string | null {
  const definition = variable.defs[0];
  if (!definition) return null;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || !TIMERS_MODULES.has(String(declaration.source.value)))
      return null;
    const specifier = definition.node;
    return specifier.type === AST_NODE_TYPES.ImportSpecifier ? specifierName(specifier.imported) : '*';
  }
  if (definition.type !== 'Variable') return null;
  const declarator = definition.node;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || !isTimersRequire(declarator.init))
    return null;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return '*';
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of declarator.id.properties) {
    if (
      property.type !== AST_NODE_TYPES.Property ||
      property.computed ||
      property.key.type !== AST_NODE_TYPES.Identifier
    )
      continue;
    const value = unwrap(property.value);
    if (value.type === AST_NODE_TYPES.Identifier && value.name === variable.name) return property.key.name;
  }
  return null;
}

/** `require('timers')`, `require('node:timers')`. */
function isTimersRequire(node: TSESTree.Node): boolean {
  const init = unwrap(node);
  return (
    init.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.Identifier &&
    init.callee.name === 'require' &&
    init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    TIMERS_MODULES.has(String(init.arguments[0].value))
  );
}

function specifierName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/**
 * Local names the file gives the timer and clear functions it imports from `timers` under another name
 * (`import { setInterval as every } from 'timers'`), read from its top-level statements.
 */
function renamedTimerImports(program: TSESTree.Program): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && TIMERS_MODULES.has(String(statement.source.value))) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier)
          renamed.set(specifier.local.name, specifierName(specifier.imported));
      }
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !declarator.init || !isTimersRequire(declarator.init))
        continue;
      for (const property of declarator.id.properties) {
        if (
          property.type !== AST_NODE_TYPES.Property ||
          property.computed ||
          property.key.type !== AST_NODE_TYPES.Identifier
        )
          continue;
        const value = unwrap(property.value);
        if (value.type === AST_NODE_TYPES.Identifier) renamed.set(value.name, property.key.name);
      }
    }
  }
  for (const [local, imported] of renamed) {
    if (local === imported || (!TIMER_FUNCTIONS.has(imported) && !CLEAR_FUNCTIONS.has(imported))) renamed.delete(local);
  }
  return renamed;
}

// ---------------------------------------------------------------------------------------------------------------
// The per-file index

export interface TimerIndex {
  /** Calls named `setInterval`/`setTimeout` (check them with `timerCallOf`). */
  timerCalls: TSESTree.CallExpression[];
  /**
   * Calls named `clearInterval`/`clearTimeout` (or imported from `timers` under another name), through any object:
   * release evidence is read leniently (`clock.clearTimeout(t)` counts).
   */
  clearCalls: TSESTree.CallExpression[];
  /** The same calls, for lookups. */
  isClearCall: Set<TSESTree.CallExpression>;
  /** Static member accesses (`a.timer`, `this['timer']`, `this.#timer`) by property name. */
  readonly members: Map<string, TSESTree.MemberExpression[]>;
  /** Property names read by destructuring (`const { timer } = this`): copies the index cannot follow. */
  readonly destructured: Set<string>;
  /** A clear call whose argument has no static path (`clearTimeout(this.timers[id])`, `clearTimeout(get())`). */
  opaqueClear: boolean;
}

const indexes = new WeakMap<TSESTree.Program, TimerIndex>();

/**
 * Every timer call and clear call of the file, cached per AST. Its member accesses and destructured names are read
 * from fileNodes() on first use: most files that start a timer never ask about a member.
 */
export function timerIndex(sourceCode: SourceCode): TimerIndex {
  const cached = indexes.get(sourceCode.ast);
  if (cached) return cached;
  const index: TimerIndex = {
    timerCalls: [],
    clearCalls: [],
    isClearCall: new Set(),
    get members() {
      return memberAccesses(sourceCode).members;
    },
    get destructured() {
      return memberAccesses(sourceCode).destructured;
    },
    opaqueClear: false,
  };
  const renamed = renamedTimerImports(sourceCode.ast);
  const calls =
    renamed.size > 0 ? fileNodesOfType(sourceCode, AST_NODE_TYPES.CallExpression) : callsNamingTimers(sourceCode);
  for (const node of calls) {
    const callee = unwrap(node.callee);
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? (renamed.get(callee.name) ?? callee.name)
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? propertyName(callee)
          : null;
    if (name !== null && TIMER_FUNCTIONS.has(name)) index.timerCalls.push(node);
    if (name !== null && CLEAR_FUNCTIONS.has(name)) {
      index.clearCalls.push(node);
      index.isClearCall.add(node);
      const argument = node.arguments[0];
      if (
        argument &&
        argument.type !== AST_NODE_TYPES.SpreadElement &&
        staticPath(argument) === null &&
        !isFresh(argument)
      )
        index.opaqueClear = true;
    }
  }
  // Source order, for reports.
  index.timerCalls.sort((a, b) => a.range[0] - b.range[0]);
  index.clearCalls.sort((a, b) => a.range[0] - b.range[0]);
  indexes.set(sourceCode.ast, index);
  return index;
}

const TIMER_VERBS = ['set', 'clear'];

/** Whether the text names `setInterval`, `setTimeout`, `clearInterval` or `clearTimeout` (as a whole word). */
export function namesTimerFunction(text: string): boolean {
  return timerNameOffsets(text).length > 0;
}

let offsetsText = '';
let offsetsFound: number[] = [];

/**
 * Where the text names those functions, in text order. Kept for the last text: the rule's first question about a
 * file (does it name one?) and the index's search for the calls read the same offsets, found once.
 */
function timerNameOffsets(text: string): number[] {
  if (text !== offsetsText) {
    offsetsFound = [
      ...wordsEndingIn(text, 'Timeout', TIMER_VERBS),
      ...wordsEndingIn(text, 'Interval', TIMER_VERBS),
    ].sort((a, b) => a - b);
    offsetsText = text;
  }
  return offsetsFound;
}

/**
 * The calls whose callee's text holds a timer or clear function's name (`setInterval`, `window['clearTimeout']`):
 * found by descending from the program to each place the text names one, rather than by reading every node of a
 * file where those names are a few words.
 */
function callsNamingTimers(sourceCode: SourceCode): Set<TSESTree.CallExpression> {
  const calls = new Set<TSESTree.CallExpression>();
  const pending: TSESTree.Node[] = [];
  for (const offset of timerNameOffsets(sourceCode.text)) {
    pending.push(sourceCode.ast);
    for (let node = pending.pop(); node; node = pending.pop()) {
      if (node.type === AST_NODE_TYPES.CallExpression && isAround(node.callee, offset)) calls.add(node);
      pushChildrenAround(sourceCode, node, offset, pending);
    }
  }
  return calls;
}

interface MemberAccesses {
  members: Map<string, TSESTree.MemberExpression[]>;
  destructured: Set<string>;
}

const allAccesses = new WeakMap<TSESTree.Program, MemberAccesses>();

function memberAccesses(sourceCode: SourceCode): MemberAccesses {
  const known = allAccesses.get(sourceCode.ast);
  if (known) return known;
  const accesses: MemberAccesses = { members: new Map(), destructured: new Set() };
  allAccesses.set(sourceCode.ast, accesses);
  for (const node of fileNodesOfType(sourceCode, AST_NODE_TYPES.MemberExpression)) {
    const name = propertyName(node);
    if (name === null) continue;
    const list = accesses.members.get(name);
    if (list) list.push(node);
    else accesses.members.set(name, [node]);
  }
  for (const node of fileNodesOfType(sourceCode, AST_NODE_TYPES.ObjectPattern)) {
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(property);
      if (key !== null) accesses.destructured.add(key);
    }
  }
  return accesses;
}

interface NamedAccesses {
  members: TSESTree.MemberExpression[];
  destructured: boolean;
}

const namedAccesses = new WeakMap<TSESTree.Program, Map<string, NamedAccesses>>();

/** `index.members.get(name)`, in the same order, for one name. */
export function membersNamed(sourceCode: SourceCode, name: string): readonly TSESTree.MemberExpression[] {
  const all = allAccesses.get(sourceCode.ast);
  if (all) return all.members.get(name) ?? [];
  return accessesNamed(sourceCode, name).members;
}

/** `index.destructured.has(name)`, for one name. */
export function isDestructured(sourceCode: SourceCode, name: string): boolean {
  const all = allAccesses.get(sourceCode.ast);
  if (all) return all.destructured.has(name);
  return accessesNamed(sourceCode, name).destructured;
}

/**
 * The accesses of one property name, found by descending from the program to each place the text writes the name
 * (a file's handles are a few names among many members). A name a number literal may spell otherwise (`a[0x10]`
 * is `a['16']`) is read from the whole index.
 */
function accessesNamed(sourceCode: SourceCode, name: string): NamedAccesses {
  let byName = namedAccesses.get(sourceCode.ast);
  if (!byName) namedAccesses.set(sourceCode.ast, (byName = new Map()));
  const known = byName.get(name);
  if (known) return known;
  let found: NamedAccesses;
  if (name === '' || /^(?:[0-9]|Infinity$)/.test(name)) {
    const all = memberAccesses(sourceCode);
    found = { members: all.members.get(name) ?? [], destructured: all.destructured.has(name) };
  } else {
    const members = new Set<TSESTree.MemberExpression>();
    let destructured = false;
    const pending: TSESTree.Node[] = [];
    for (const offset of wordOffsets(sourceCode.text, name)) {
      pending.push(sourceCode.ast);
      for (let node = pending.pop(); node; node = pending.pop()) {
        if (node.type === AST_NODE_TYPES.MemberExpression) {
          if (isAround(node.property, offset) && propertyName(node) === name) members.add(node);
        } else if (node.type === AST_NODE_TYPES.ObjectPattern && !destructured) {
          destructured = node.properties.some(
            (property) =>
              property.type === AST_NODE_TYPES.Property &&
              isAround(property.key, offset) &&
              propertyKeyName(property) === name,
          );
        }
        pushChildrenAround(sourceCode, node, offset, pending);
      }
    }
    found = { members: [...members].sort(inWalkOrder), destructured };
  }
  byName.set(name, found);
  return found;
}

/**
 * The order of fileNodes()'s walk, which pops the last child pushed first: an enclosing node before the nodes in it,
 * and otherwise the later in the file first.
 */
function inWalkOrder(a: TSESTree.Node, b: TSESTree.Node): number {
  if (contains(a, b)) return -1;
  if (contains(b, a)) return 1;
  return b.range[0] - a.range[0];
}

/** Where `word` occurs in `text`, except where an identifier character joins it to a longer word. */
function* wordOffsets(text: string, word: string): Generator<number> {
  const joinsBefore = isIdentifierCode(word.charCodeAt(0));
  const joinsAfter = isIdentifierCode(word.charCodeAt(word.length - 1));
  for (let at = indexOfText(text, word, 0); at !== -1; at = indexOfText(text, word, at + 1)) {
    if (joinsBefore && isIdentifierCode(text.charCodeAt(at - 1))) continue;
    if (joinsAfter && isIdentifierCode(text.charCodeAt(at + word.length))) continue;
    yield at;
  }
}

/**
 * A value made on the spot that can never be a timer handle: `null`, `undefined`, `void 0`, a boolean, an object,
 * array, function or class literal, a regular expression, `new X()`. Numbers and strings are left out: in a browser a
 * handle is a number.
 */
export function isFresh(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return value.value === null || typeof value.value === 'boolean' || 'regex' in value;
    case AST_NODE_TYPES.Identifier:
      return value.name === 'undefined';
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator === 'void';
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
    case AST_NODE_TYPES.NewExpression:
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Where a handle goes

/** A place a handle is kept: a variable, or a property of an object (`this.timer`, `state.ping.interval`). */
export type HandleStore =
  | { kind: 'variable'; variable: Variable; node: TSESTree.Node; text: string }
  | {
      kind: 'member';
      property: string;
      node: TSESTree.Node;
      /** How to write it: `this.timer`, `state.ping.interval`. */
      text: string;
      /** Stores holding the object the property is on, when the file can see them (`state`, `this.state`); `this` has none. */
      containers: HandleStore[];
      /** The object is `this`. */
      onThis: boolean;
    };

export interface HandleFate {
  /** Nothing keeps it: `setInterval(tick, 1000);`. */
  discarded: boolean;
  /** Handed to code the file cannot follow: passed to a function, put in an array, exported. */
  escapes: boolean;
  /** Returned to the caller (or from an arrow's expression body): the caller's to clear. */
  returned: TSESTree.Node | null;
  /** `.unref()` chained on the call. */
  unref: boolean;
  /** `using timer = setInterval(…)`: disposed when its block ends. */
  disposed: boolean;
  stores: HandleStore[];
}

/** Where the handle a timer call returns ends up. */
export function handleFate(sourceCode: SourceCode, call: TSESTree.CallExpression): HandleFate {
  const fate: HandleFate = {
    discarded: false,
    escapes: false,
    returned: null,
    unref: false,
    disposed: false,
    stores: [],
  };
  followValue(sourceCode, call, fate);
  return fate;
}

function followValue(sourceCode: SourceCode, value: TSESTree.Node, fate: HandleFate): void {
  let node = value;
  for (;;) {
    node = outermostWrapper(node); // `setInterval(…) as Timer`, `timer!`
    const parent = node.parent;
    if (!parent) {
      fate.escapes = true;
      return;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression: {
        // `setInterval(…).unref()` returns the same handle.
        const method = parent.object === node ? propertyName(parent) : null;
        const outer = parent.parent;
        if (
          (method === 'unref' || method === 'ref') &&
          outer?.type === AST_NODE_TYPES.CallExpression &&
          outer.callee === parent
        ) {
          if (method === 'unref') fate.unref = true;
          node = outer;
          continue;
        }
        fate.escapes = true;
        return;
      }
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === node) {
          fate.discarded = fate.stores.length === 0;
          return;
        }
        node = parent;
        continue;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions[parent.expressions.length - 1] !== node) {
          fate.discarded = fate.stores.length === 0;
          return;
        }
        node = parent;
        continue;
      case AST_NODE_TYPES.AssignmentExpression: {
        if (parent.right !== node) {
          fate.escapes = true;
          return;
        }
        const store = storeOfTarget(sourceCode, parent.left);
        if (store) fate.stores.push(store);
        else fate.escapes = true;
        if (parent.parent?.type === AST_NODE_TYPES.ExpressionStatement) return;
        node = parent; // `a = this.timer = setInterval(…)`: the value goes on
        continue;
      }
      case AST_NODE_TYPES.VariableDeclarator: {
        const variable =
          parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier
            ? sourceCode.getDeclaredVariables(parent)[0]
            : undefined;
        if (!variable) {
          fate.escapes = true;
          return;
        }
        fate.stores.push({ kind: 'variable', variable, node: parent.id, text: variable.name });
        const kind: string = parent.parent?.type === AST_NODE_TYPES.VariableDeclaration ? parent.parent.kind : '';
        if (kind === 'using' || kind === 'await using') fate.disposed = true;
        return;
      }
      case AST_NODE_TYPES.PropertyDefinition: {
        // A class field: `timer = setInterval(…)`, `static timer = …`.
        const key = parent.value === node ? memberKey(parent) : null;
        if (key === null) {
          fate.escapes = true;
          return;
        }
        const owner = parent.parent.parent;
        const ownerName =
          owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression
            ? owner.id?.name
            : undefined;
        const text = memberText(parent.static ? (ownerName ?? 'this') : 'this', parent, key);
        fate.stores.push({
          kind: 'member',
          property: key,
          node: parent.key,
          text,
          containers: [],
          onThis: !parent.static,
        });
        return;
      }
      case AST_NODE_TYPES.Property: {
        // `{ timer: setInterval(…) }`: kept as the property of wherever the object goes.
        const object = parent.parent;
        const key = parent.value === node && object.type === AST_NODE_TYPES.ObjectExpression ? memberKey(parent) : null;
        if (key === null || object.type !== AST_NODE_TYPES.ObjectExpression) {
          fate.escapes = true;
          return;
        }
        const container = handleFateOfObject(sourceCode, object);
        if (container.escapes || container.returned || container.discarded || container.stores.length === 0) {
          fate.escapes = true;
          return;
        }
        for (const store of container.stores) {
          fate.stores.push({
            kind: 'member',
            property: key,
            node: parent.key,
            text: memberText(store.text, parent, key),
            containers: [store],
            onThis: false,
          });
        }
        return;
      }
      case AST_NODE_TYPES.ExpressionStatement:
        fate.discarded = fate.stores.length === 0;
        return;
      case AST_NODE_TYPES.UnaryExpression:
        if (parent.operator === 'void') {
          fate.discarded = fate.stores.length === 0;
          return;
        }
        fate.escapes = true;
        return;
      case AST_NODE_TYPES.ReturnStatement:
        fate.returned = parent;
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === node) fate.returned = parent;
        else fate.escapes = true;
        return;
      case AST_NODE_TYPES.CallExpression: {
        // `setTimer(setInterval(…))` with `const [timer, setTimer] = useState()`: kept in `timer`.
        const state = parent.arguments[0] === node ? stateOfSetter(sourceCode, parent) : null;
        if (state) fate.stores.push({ kind: 'variable', variable: state, node: parent, text: state.name });
        else fate.escapes = true;
        return;
      }
      default:
        fate.escapes = true;
        return;
    }
  }
}

const objectFates = new WeakMap<TSESTree.ObjectExpression, HandleFate>();
function handleFateOfObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression): HandleFate {
  let fate = objectFates.get(object);
  if (!fate) {
    fate = { discarded: false, escapes: false, returned: null, unref: false, disposed: false, stores: [] };
    objectFates.set(object, fate);
    followValue(sourceCode, object, fate);
  }
  return fate;
}

/**
 * `object.key` as code, for a key as memberKey() names it: `this.timer`, `this.#timer`, `this[Symbol.dispose]`,
 * `this["my-timer"]`, `this["0"]` (a suggestion or codemod writes it into the file, so it must read back the same).
 */
function memberText(object: string, member: TSESTree.Property | TSESTree.PropertyDefinition, key: string): string {
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `${object}.#${key}`;
  if (member.computed) return `${object}${key}`; // `[Symbol.dispose]`: memberKey() keeps the brackets
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${object}.${key}` : `${object}[${JSON.stringify(key)}]`;
}

/** The store an assignment target denotes, or null for one the file cannot follow (`list[i]`, `exports.timer`, a global). */
function storeOfTarget(sourceCode: SourceCode, target: TSESTree.Node): HandleStore | null {
  const node = unwrap(target);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = resolve(sourceCode, node);
    return variable && variable.defs.length > 0 ? { kind: 'variable', variable, node, text: node.name } : null;
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const property = propertyName(node);
  if (property === null) return null;
  const object = unwrap(node.object);
  // What is stored on `exports`, `module` or a global object is visible to other modules and scripts.
  if (
    isExportsObject(object) ||
    (object.type === AST_NODE_TYPES.Identifier && object.name === 'module') ||
    (object.type === AST_NODE_TYPES.Identifier &&
      GLOBAL_OBJECT_NAMES.has(object.name) &&
      isGlobalName(sourceCode, object))
  )
    return null;
  const text = sourceCode.getText(node);
  // `self.timer` with `var self = this` is the owner's field, as `this.timer` is.
  if (object.type === AST_NODE_TYPES.ThisExpression || isThisAlias(sourceCode, object))
    return { kind: 'member', property, node, text, containers: [], onThis: true };
  const container = storeOfTarget(sourceCode, object);
  return { kind: 'member', property, node, text, containers: container ? [container] : [], onThis: false };
}

/** `setTimer` in `const [timer, setTimer] = useState(…)`: the state variable it writes. */
function stateOfSetter(sourceCode: SourceCode, call: TSESTree.CallExpression): Variable | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const setter = resolve(sourceCode, callee);
  const declarator = setter?.defs[0]?.node;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.id.type !== AST_NODE_TYPES.ArrayPattern ||
    !declarator.init
  )
    return null;
  const init = unwrap(declarator.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return null;
  const hook = unwrap(init.callee);
  const hookName =
    hook.type === AST_NODE_TYPES.Identifier
      ? hook.name
      : hook.type === AST_NODE_TYPES.MemberExpression
        ? propertyName(hook)
        : null;
  const [state, set] = declarator.id.elements;
  if (
    hookName !== 'useState' ||
    set?.type !== AST_NODE_TYPES.Identifier ||
    set.name !== callee.name ||
    state?.type !== AST_NODE_TYPES.Identifier
  )
    return null;
  return sourceCode.getDeclaredVariables(declarator).find((v) => v.name === state.name) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Whether a stored handle is released

export interface HandleRelease {
  /** Where it is cleared: the clear call, `.close()`, a disposal. */
  clears: TSESTree.Node[];
  /** Where it is handed to code the file cannot follow; that code may clear it. */
  escapes: TSESTree.Node[];
  /** Where it is reset to `null`/`undefined`/`0`/`false`, or deleted, without being cleared there. */
  resets: TSESTree.Node[];
  /** Where `.unref()` is called on it. */
  unrefs: TSESTree.Node[];
  /** Some clear call in the file takes an argument the index cannot place (`clearTimeout(this.timers[id])`): a member store may be cleared through it. */
  opaque: boolean;
}

/** How a stored handle is used across the file, following copies into other variables and members. */
export function handleReleaseOf(sourceCode: SourceCode, store: HandleStore): HandleRelease {
  const release: HandleRelease = { clears: [], escapes: [], resets: [], unrefs: [], opaque: false };
  collectRelease(sourceCode, store, release, new Set());
  return release;
}

/** Whether anything in the file can release the handle in `store`: a clear, or a hand-off to code that may clear it. */
export function isReleased(release: HandleRelease): boolean {
  return release.clears.length > 0 || release.escapes.length > 0 || release.opaque;
}

/** The release evidence of every store a handle is kept in, together. */
export function handleReleaseOfStores(sourceCode: SourceCode, stores: readonly HandleStore[]): HandleRelease {
  const merged: HandleRelease = { clears: [], escapes: [], resets: [], unrefs: [], opaque: false };
  for (const store of stores) {
    const release = handleReleaseOf(sourceCode, store);
    merged.clears.push(...release.clears);
    merged.escapes.push(...release.escapes);
    merged.resets.push(...release.resets);
    merged.unrefs.push(...release.unrefs);
    merged.opaque ||= release.opaque;
  }
  return merged;
}

/**
 * Whether the handle a timer call returns may be released: cleared, closed or disposed somewhere in the file, or
 * handed to code that may clear it (returned, passed on, exported). The first question no-leaked-timer asks of a
 * timer, and the one no-leaked-closure asks of the interval that keeps a closure, so the two rules agree.
 */
export function mayBeReleased(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const fate = handleFate(sourceCode, call);
  if (fate.escapes || fate.disposed || fate.returned) return true;
  return fate.stores.length > 0 && isReleased(handleReleaseOfStores(sourceCode, fate.stores));
}

function collectRelease(sourceCode: SourceCode, store: HandleStore, release: HandleRelease, seen: Set<unknown>): void {
  const key = store.kind === 'variable' ? store.variable : `.${store.property}`;
  if (seen.has(key)) return;
  seen.add(key);
  let uses: TSESTree.Node[];
  if (store.kind === 'variable') {
    const { variable } = store;
    // A script's top-level binding is visible to every other script; an exported one to every importer.
    if (isSharedScriptBinding(variable) || isExportedVariable(variable)) release.escapes.push(store.node);
    uses = variable.references.filter((reference) => !reference.init).map((reference) => reference.identifier);
  } else {
    const index = timerIndex(sourceCode);
    if (index.opaqueClear) release.opaque = true;
    if (isDestructured(sourceCode, store.property)) release.escapes.push(store.node);
    uses = memberUses(sourceCode, store).filter((member) => member !== store.node);
    for (const container of store.containers) {
      const outer: HandleRelease = { clears: [], escapes: [], resets: [], unrefs: [], opaque: false };
      collectRelease(sourceCode, container, outer, new Set(seen));
      release.escapes.push(...outer.escapes);
    }
  }
  for (const node of uses) {
    const use = classifyUse(sourceCode, node);
    switch (use.kind) {
      case 'clear':
        release.clears.push(use.node);
        break;
      case 'escape':
        release.escapes.push(use.node);
        break;
      case 'reset':
        release.resets.push(use.node);
        break;
      case 'unref':
        release.unrefs.push(use.node);
        break;
      case 'copy':
        collectRelease(sourceCode, use.to, release, seen);
        break;
      default:
        break;
    }
  }
}

/**
 * The accesses of a member store's property that may touch its handle. For `this.timer` in a class: the file's
 * accesses through other objects, and `this.timer` in that class and the classes it shares an `extends` chain with
 * (declared in this file); not `this.timer` in unrelated classes, whose `this` is never an instance of it. That
 * keeps a file of many classes with one field name linear rather than quadratic.
 */
function memberUses(
  sourceCode: SourceCode,
  store: Extract<HandleStore, { kind: 'member' }>,
): readonly TSESTree.MemberExpression[] {
  const index = timerIndex(sourceCode);
  const all = membersNamed(sourceCode, store.property);
  const owner = store.onThis ? methodOwner(sourceCode, store.node) : null;
  const family = owner ? classFamily(owner.node) : null;
  if (!family) return all;
  let byProperty = memberPartitions.get(index);
  if (!byProperty) memberPartitions.set(index, (byProperty = new Map()));
  let partition = byProperty.get(store.property);
  if (!partition) {
    partition = { shared: [], byFamily: new Map(), position: new Map(all.map((member, at) => [member, at])) };
    for (const member of all) {
      const memberOwner =
        unwrap(member.object).type === AST_NODE_TYPES.ThisExpression ? methodOwner(sourceCode, member) : null;
      const memberFamily = memberOwner ? classFamily(memberOwner.node) : null;
      if (!memberFamily) {
        partition.shared.push(member);
        continue;
      }
      const bucket = partition.byFamily.get(memberFamily);
      if (bucket) bucket.push(member);
      else partition.byFamily.set(memberFamily, [member]);
    }
    byProperty.set(store.property, partition);
  }
  // In the index's order, for reports that name the first of them.
  const { position } = partition;
  return [...partition.shared, ...(partition.byFamily.get(family) ?? [])].sort(
    (a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0),
  );
}

interface MemberPartition {
  /** Accesses not through the `this` of a class. */
  shared: TSESTree.MemberExpression[];
  /** `this.<property>` in the classes of one family, by the family's root class. */
  byFamily: Map<TSESTree.Node, TSESTree.MemberExpression[]>;
  /** Where each access is in the index. */
  position: Map<TSESTree.MemberExpression, number>;
}

const memberPartitions = new WeakMap<TimerIndex, Map<string, MemberPartition>>();

function isExportedVariable(variable: Variable): boolean {
  const declarator = variable.defs[0]?.node;
  return (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
  );
}

export type HandleUse =
  | { kind: 'clear' | 'escape' | 'reset' | 'write' | 'unref' | 'read'; node: TSESTree.Node }
  | { kind: 'copy'; node: TSESTree.Node; to: HandleStore };

/** What one expression that denotes a handle (`timer`, `this.timer`) does with it where it stands. */
function classifyUse(sourceCode: SourceCode, use: TSESTree.Node): HandleUse {
  let node: TSESTree.Node = use;
  for (;;) {
    node = outermostWrapper(node); // `timer as Timer`, `timer!`
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return { kind: 'read', node };
    switch (parent.type) {
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === node) return { kind: 'read', node: parent };
        if (parent.arguments[0] === node && timerIndex(sourceCode).isClearCall.has(parent))
          return { kind: 'clear', node: parent };
        return { kind: 'escape', node: parent };
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== node) return { kind: 'read', node: parent };
        const method =
          parent.computed && parent.property.type === AST_NODE_TYPES.MemberExpression
            ? `[${staticPath(parent.property) ?? ''}]`
            : propertyName(parent);
        const call = parent.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent)
          return { kind: 'read', node: parent };
        if (method === 'close' || method === '[Symbol.dispose]') return { kind: 'clear', node: call };
        if (method === 'unref') return { kind: 'unref', node: call };
        return { kind: 'read', node: call };
      }
      case AST_NODE_TYPES.AssignmentExpression: {
        if (parent.left === node)
          return { kind: parent.operator === '=' && isFalsyConstant(parent.right) ? 'reset' : 'write', node: parent };
        const to = parent.operator === '=' ? storeOfTarget(sourceCode, parent.left) : null;
        return to ? { kind: 'copy', node: parent, to } : { kind: 'escape', node: parent };
      }
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.id === node) return { kind: 'write', node: parent };
        const variable =
          parent.id.type === AST_NODE_TYPES.Identifier ? sourceCode.getDeclaredVariables(parent)[0] : undefined;
        return variable
          ? { kind: 'copy', node: parent, to: { kind: 'variable', variable, node: parent.id, text: variable.name } }
          : { kind: 'escape', node: parent };
      }
      case AST_NODE_TYPES.LogicalExpression:
        // `timer && clearTimeout(timer)`: a test; `timer || other` passes the value on.
        if (parent.left === node && parent.operator === '&&') return { kind: 'read', node: parent };
        node = parent;
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) return { kind: 'read', node: parent };
        node = parent;
        continue;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions[parent.expressions.length - 1] !== node) return { kind: 'read', node: parent };
        node = parent;
        continue;
      case AST_NODE_TYPES.UnaryExpression:
        return { kind: parent.operator === 'delete' ? 'reset' : 'read', node: parent };
      case AST_NODE_TYPES.UpdateExpression:
        return { kind: 'write', node: parent };
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.ArrayPattern:
      case AST_NODE_TYPES.AssignmentPattern:
      case AST_NODE_TYPES.RestElement:
        // The target of a destructuring assignment is overwritten; a value in an object literal is handed on.
        if (parent.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression)
          return { kind: 'escape', node: parent };
        if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.right === node)
          return { kind: 'escape', node: parent };
        return { kind: 'write', node: parent };
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        return { kind: parent.left === node ? 'write' : 'read', node: parent };
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.TSTypeQuery:
      case AST_NODE_TYPES.TSQualifiedName:
        return { kind: 'read', node: parent };
      default:
        // Returned, put in an array or object, exported, thrown, yielded, awaited: handed on.
        return { kind: 'escape', node: parent };
    }
  }
}

/** A `clearInterval(this)` in a non-arrow timer callback: Node passes the timer as `this`, so it clears itself. */
export function clearsItself(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callback = call.arguments[0] && unwrap(call.arguments[0]);
  if (
    !callback ||
    (callback.type !== AST_NODE_TYPES.FunctionExpression && callback.type !== AST_NODE_TYPES.FunctionDeclaration)
  )
    return false;
  return timerIndex(sourceCode).clearCalls.some((clear) => {
    const argument = clear.arguments[0];
    if (!argument || unwrap(argument).type !== AST_NODE_TYPES.ThisExpression || !contains(callback, clear))
      return false;
    for (let current: TSESTree.Node | undefined = clear.parent; current; current = current.parent) {
      if (isFunction(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) return current === callback;
    }
    return false;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What a callback keeps alive

/**
 * The names a timer callback keeps alive from its surroundings: `this` (an arrow inside a method), then the locals
 * and parameters of enclosing functions it uses, in source order. Module-level bindings and globals live anyway and
 * are left out.
 */
export function callbackCaptures(sourceCode: SourceCode, callback: FunctionNode): string[] {
  const names: string[] = [];
  if (callback.type === AST_NODE_TYPES.ArrowFunctionExpression && usesLexicalThis(sourceCode, callback))
    names.push('this');
  const scope = sourceCode.scopeManager?.acquire(callback);
  const seen = new Set<Variable>();
  const captured: { name: string; at: number }[] = [];
  for (const reference of scope?.through ?? []) {
    const variable = reference.resolved;
    if (!variable || seen.has(variable) || variable.defs.length === 0) continue;
    seen.add(variable);
    if (isModuleScope(variable.scope)) continue;
    if (variable.defs.every((def) => def.type === 'ClassName')) continue;
    captured.push({ name: variable.name, at: reference.identifier.range[0] });
  }
  captured.sort((a, b) => a.at - b.at);
  names.push(...captured.map((c) => c.name));
  return names;
}

/** An arrow that uses the `this` of an enclosing function, method or class field (not the module's). */
function usesLexicalThis(sourceCode: SourceCode, arrow: TSESTree.ArrowFunctionExpression): boolean {
  let inFunction = false;
  for (let current: TSESTree.Node | undefined = arrow.parent; current && !inFunction; current = current.parent) {
    inFunction =
      (isFunction(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) ||
      current.type === AST_NODE_TYPES.PropertyDefinition ||
      current.type === AST_NODE_TYPES.StaticBlock;
  }
  if (!inFunction) return false;
  const pending: TSESTree.Node[] = [arrow.body];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === AST_NODE_TYPES.ThisExpression) return true;
    // Functions and classes inside have a `this` of their own.
    if (
      (isFunction(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression) ||
      node.type === AST_NODE_TYPES.ClassBody
    )
      continue;
    pushChildren(sourceCode, node, pending);
  }
  return false;
}

/**
 * Whether the method runs only when another method of `owner` calls it directly (`this.pause()` in a method body):
 * not when it is handed on as a callback (`this.on('close', this.onClose)`), called from a callback, or called from
 * outside (`client.pause()`). Only then is the set of paths that run it known.
 */
export function runsOnlyFromMethods(sourceCode: SourceCode, owner: MethodOwner, method: FunctionNode): boolean {
  const name = [...owner.methods].find(([, fn]) => fn === method)?.[0];
  if (name === undefined || name === 'constructor') return name === 'constructor';
  for (const member of membersNamed(sourceCode, name)) {
    const parent = member.parent;
    // The definition: `X.prototype.pause = function () {}`.
    if (
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.left === member &&
      unwrap(parent.right) === method
    )
      continue;
    const isThisCall =
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.callee === member &&
      unwrap(member.object).type === AST_NODE_TYPES.ThisExpression;
    if (!isThisCall || directMethodOf(owner, parent) === null) return false;
  }
  return true;
}

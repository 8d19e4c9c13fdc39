/**
 * Lifetime question 1: does this code run repeatedly?
 *
 * - `once`: module top-level code (loops there iterate over start-up data), and functions reachable only from it: a top-level IIFE, a UMD/AMD factory, a
 *   synchronous callback (`forEach`, `new Promise(executor)`) or a private function (a `main()`) called from run-once
 *   code, a `setTimeout`/`.then` callback scheduled from it. Callbacks of process-level fatal and exit events run at
 *   most a handful of times, so growth there is bounded: also `once`.
 * - `per-event`: callbacks that external events drive without bound: request handlers (`http.createServer(cb)`,
 *   `app.get('/', cb)`), listeners (`.on('data', cb)`), interval ticks; and private functions they call.
 * - `per-call`: everything else may run any number of times (exported functions, methods, constructors, callbacks
 *   handed to unknown code), but how often depends on the caller.
 */
import { AST_NODE_TYPES, type JSONSchema, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

type JSONSchema4 = JSONSchema.JSONSchema4;
type SourceCode = Readonly<TSESLint.SourceCode>;
import {
  calleeName,
  enclosingFunction,
  functionVariable,
  isFunction,
  propertyName,
  resolve,
  staticPath,
  unwrap,
  type FunctionNode,
  fileNodesOfType,
  isSharedScriptBinding,
  GLOBAL_OBJECT_NAMES,
} from './ast.js';
import { describeFunction, functionName } from './fixes.js';
import { lifecycleOf, mountTrigger, type Lifecycle } from './lifecycle.js';
import { functionOwner } from './owners.js';
import { ADD_METHODS, ONCE_METHODS } from './listener-methods.js';

export type RepetitionKind = 'once' | 'per-call' | 'per-event';

export interface Repetition {
  kind: RepetitionKind;
  /** What makes it run, for messages: "on every request to `app.get()`", "on every call of `track()`". */
  trigger: string;
}

export interface RepetitionOptions {
  /** Names of functions known to run once (`init`, `bootstrap`): their callbacks and bodies count as start-up. */
  runOnce?: readonly string[];
}

/** The options schema of a rule that asks the repetition question: `runOnce` names the project's start-up functions. */
export function runOnceOptionSchema(description: string): JSONSchema4 {
  return {
    type: 'object',
    properties: { runOnce: { type: 'array', items: { type: 'string' }, uniqueItems: true, description } },
    additionalProperties: false,
  };
}

/** Array methods that call their callback during the call itself. */
const SYNCHRONOUS_CALLBACK_METHODS = new Set([
  'forEach',
  'map',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'sort',
  'toSorted',
]);
/** Calls that run their callback once, later, for each time they are called themselves. */
const DEFERRED_ONCE_CALLS = new Set([
  'setTimeout',
  'setImmediate',
  'nextTick',
  'queueMicrotask',
  'requestAnimationFrame',
  'requestIdleCallback',
]);
const PROMISE_CALLBACK_METHODS = new Set(['then', 'catch', 'finally']);
/**
 * Test-framework registrations: the runner calls each callback once per test (or once per file for hooks), a bounded
 * number of times, so the callback runs as often as the code that registers it.
 */
const TEST_REGISTRATIONS = new Set([
  'describe',
  'context',
  'suite',
  'it',
  'test',
  'specify',
  'before',
  'after',
  'beforeAll',
  'afterAll',
  'beforeEach',
  'afterEach',
  'setup',
  'teardown',
  'suiteSetup',
  'suiteTeardown',
]);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'all', 'use', 'head', 'options', 'route']);
/** Objects a route method is called on: `app`, `router`, `apiRouter`, `server`. */
const ROUTER_NAME = /^(app|router|server|api|routes?)$|(App|Router|Server|Routes?)$/;
/** Process events that fire at most a few times in a process's life: a listener for one runs once, not per event. */
const ONCE_PROCESS_EVENTS = new Set([
  'exit',
  'beforeExit',
  'uncaughtException',
  'uncaughtExceptionMonitor',
  'unhandledRejection',
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGBREAK',
  'SIGUSR2',
]);
/** Factories of servers, sockets and clients, whose events go on for as long as the program runs. */
const LONG_LIVED_FACTORY =
  /^(create(Server|Connection|Client|Socket|Pool|Interface)|connect|listen|Server|WebSocket|WebSocketServer|EventEmitter|Worker|Socket|Agent)$/;
const TIMER_HOSTS = new Set([...GLOBAL_OBJECT_NAMES, 'timers']);

/** A callback that an array method calls during the call itself: `list.forEach((item) => …)`. */
export function isSynchronousIterationCallback(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
  return method !== null && SYNCHRONOUS_CALLBACK_METHODS.has(method);
}

/** `setInterval`, `window.setInterval`, `timers.setInterval`: the timer function a call invokes, or null. */
export function timerFunctionName(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.Identifier) {
    const host = (unwrap(callee.object) as TSESTree.Identifier).name;
    if (TIMER_HOSTS.has(host) || host === 'process') return propertyName(callee);
  }
  return null;
}

/** `it(…)`, `describe(…)`, and the member forms on a test object: `it.skip(…)`, `suite.test(…)`, `t.test(…)`. */
function isTestRegistration(callee: TSESTree.Node): boolean {
  if (callee.type === AST_NODE_TYPES.Identifier) return TEST_REGISTRATIONS.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const root = staticPath(callee.object)?.split('.')[0] ?? '';
  return root === 't' || TEST_REGISTRATIONS.has(root);
}

export interface RepetitionAnalysis {
  /** How often the code at `node` runs. */
  repetitionOf(node: TSESTree.Node): Repetition;
  /** Whether the code at `node` can run more than once in the life of the process. */
  runsRepeatedly(node: TSESTree.Node): boolean;
}

const ONCE: Repetition = { kind: 'once', trigger: 'once, at start-up' };
const RANK: Record<RepetitionKind, number> = { once: 0, 'per-call': 1, 'per-event': 2 };

export function analyseRepetition(
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: RepetitionOptions = {},
): RepetitionAnalysis {
  const runOnceNames = new Set(options.runOnce ?? []);
  const memo = new Map<FunctionNode, Repetition>();
  const inProgress = new Set<FunctionNode>();

  function repetitionOf(node: TSESTree.Node): Repetition {
    const fn = isFunction(node) ? node : enclosingFunction(node);
    if (fn === null) return ONCE; // module top level, including its loops over start-up data
    // A loop in run-once code iterates over start-up data: bounded, so still `once`.
    return functionRepetition(fn);
  }

  function functionRepetition(fn: FunctionNode): Repetition {
    const known = memo.get(fn);
    if (known) return known;
    // Reached again while deciding it: recursion, so it repeats.
    if (inProgress.has(fn)) return { kind: 'per-call', trigger: `on every call of ${describeFunction(fn)}` };
    inProgress.add(fn);
    const result = classify(fn);
    inProgress.delete(fn);
    memo.set(fn, result);
    return result;
  }

  /** The repetition of the code that makes a call: its callbacks inherit it. */
  const callSite = (call: TSESTree.Node): Repetition => repetitionOf(call);

  function classify(fn: FunctionNode): Repetition {
    if (fn.generator) return { kind: 'per-call', trigger: `on every step of ${describeFunction(fn)}` };
    const parent = fn.parent;
    if (!parent) return ONCE;

    // Invoked in place: `(function () {})()`, `(() => {}).call(this)`.
    const invoking = invokingCall(fn);
    if (invoking) return callSite(invoking);

    if (
      (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.some((a) => a === fn)
    ) {
      const asCallback = classifyCallback(fn, parent);
      if (asCallback) return asCallback;
    }

    const name = bindingName(fn);
    if (name !== null && runOnceNames.has(name)) return ONCE;
    const uses = usesOfBinding(fn);
    if (uses) return uses;
    return { kind: 'per-call', trigger: `on every call of ${describeFunction(fn)}` };
  }

  /** How often a callback (a function, or a name for one) runs, from the call it is handed to; null when unknown. */
  function classifyCallback(
    fn: TSESTree.Node,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
  ): Repetition | null {
    const callee = unwrap(call.callee);
    if (isFunction(callee)) return callSite(call); // UMD: the factory handed to an IIFE runs once per IIFE run
    if (call.type === AST_NODE_TYPES.NewExpression) {
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise' ? callSite(call) : null;
    }
    const name = calleeName(call);
    if (name === null) return null;
    if (runOnceNames.has(name)) return ONCE;
    if (isTestRegistration(callee)) return callSite(call);
    if (callee.type === AST_NODE_TYPES.Identifier && name === 'define') return callSite(call); // AMD factory
    if (isSynchronousIterationCallback(fn)) return callSite(call);

    const timer = timerFunctionName(call);
    if (timer === 'setInterval' && call.arguments[0] === fn) {
      return { kind: 'per-event', trigger: `on every tick of the interval started at line ${call.loc.start.line}` };
    }
    if (timer !== null && DEFERRED_ONCE_CALLS.has(timer)) return callSite(call);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) {
      return name === 'createServer' ? perRequest(call) : null;
    }
    if (PROMISE_CALLBACK_METHODS.has(name)) return callSite(call);
    if (name === 'createServer') return perRequest(call);

    const target = staticPath(callee.object);
    const event = call.arguments[0];
    const eventName = event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? event.value : null;
    if (ADD_METHODS.has(name) && call.arguments[0] !== fn) {
      if (target === 'process' && eventName !== null && ONCE_PROCESS_EVENTS.has(eventName)) return ONCE;
      if (ONCE_METHODS.has(name)) return callSite(call);
      // A query, a request or a child made right here: its events end with it, so the listener runs a bounded number
      // of times for each time it is registered.
      if (isEmitterMadeHere(callee.object, call)) return callSite(call);
      return {
        kind: 'per-event',
        trigger: `on every ${eventName === null ? '' : `\`${eventName}\` `}event of \`${target ?? 'the emitter'}\``,
      };
    }
    if (ROUTE_METHODS.has(name) && target !== null && ROUTER_NAME.test(target.split('.').pop() ?? '')) {
      const path = event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? ` '${event.value}'` : '';
      return { kind: 'per-event', trigger: `on every request to \`${target}.${name}(${path.trim()})\`` };
    }
    return null;
  }

  /**
   * `client.query(q).on('row', …)`, or `const child = spawn(…)` in the registering function: an emitter made by the
   * code that listens to it. Servers and connections (`createServer()`, `connect()`) live on, so they do not count.
   */
  function isEmitterMadeHere(target: TSESTree.Node, registration: TSESTree.Node): boolean {
    let made = unwrap(target);
    // `child.stdout` belongs to `child`.
    while (made.type === AST_NODE_TYPES.MemberExpression && !made.computed) made = unwrap(made.object);
    if (made.type === AST_NODE_TYPES.Identifier) {
      const variable = resolve(sourceCode, made);
      const declarator = variable?.defs.length === 1 ? variable.defs[0]?.node : null;
      if (
        declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
        !declarator.init ||
        enclosingFunction(declarator) === null
      )
        return false;
      if (
        enclosingFunction(declarator) !== enclosingFunction(registration) ||
        variable?.references.some((r) => r.isWrite() && !r.init)
      )
        return false;
      made = unwrap(declarator.init);
      if (made.type === AST_NODE_TYPES.AwaitExpression) made = unwrap(made.argument);
    }
    if (made.type !== AST_NODE_TYPES.CallExpression && made.type !== AST_NODE_TYPES.NewExpression) return false;
    const name = calleeName(made);
    return name !== null && !LONG_LIVED_FACTORY.test(name);
  }

  const perRequest = (call: TSESTree.Node): Repetition => ({
    kind: 'per-event',
    trigger: `on every request to the server created at line ${call.loc.start.line}`,
  });

  /**
   * How often a named function runs, from every use of its name: the worst of its direct call sites and of the calls
   * it is handed to as a callback (`http.createServer(handle)`). Null when it has no binding of its own; `per-call`
   * when it also escapes (exported, stored, passed to unknown code), since then its callers are unknown.
   */
  function usesOfBinding(fn: FunctionNode): Repetition | null {
    const binding = bindingOf(fn);
    if (!binding) return null;
    const variable = sourceCode.getDeclaredVariables(binding.declaration).find((v) => v.name === binding.name.name);
    if (!variable) return null;
    let worst = ONCE;
    // A script's top-level functions are visible to other scripts too, but callers this file cannot see are not
    // evidence of repetition: like a module's private functions, they are judged by the calls seen here.
    let escapes = binding.exported;
    for (const reference of variable.references) {
      if (reference.init) continue;
      const use = reference.identifier;
      const parent = use.parent;
      let found: Repetition | null = null;
      if (reference.isWrite()) escapes = true;
      else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === use) found = callSite(parent);
      else if (
        (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
        parent.arguments.some((a) => a === use)
      ) {
        found = classifyCallback(use, parent);
        if (!found) escapes = true;
      } else escapes = true;
      if (found && RANK[found.kind] > RANK[worst.kind]) worst = found;
    }
    if (escapes && RANK[worst.kind] < RANK['per-call'])
      return { kind: 'per-call', trigger: `on every call of ${describeFunction(fn)}` };
    return worst;
  }

  return {
    repetitionOf,
    runsRepeatedly: (node) => repetitionOf(node).kind !== 'once',
  };
}

/** The call that invokes `fn` in place: `(function () {})()`, `(() => {}).call(this)`, `!function () {}()`. */
function invokingCall(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | null {
  const parent = fn.parent;
  if (!parent) return null;
  if (
    (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
    unwrap(parent.callee) === fn
  ) {
    return parent;
  }
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === fn) {
    const method = propertyName(parent);
    const call = parent.parent;
    if (
      (method === 'call' || method === 'apply') &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee === parent
    ) {
      return call;
    }
  }
  return null;
}

/** The declaration that names `fn`: `function f() {}` or `const f = () => {}`, and whether it is exported. */
function bindingOf(
  fn: FunctionNode,
): { name: TSESTree.Identifier; declaration: TSESTree.Node; exported: boolean } | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (!fn.id) return null;
    const exported =
      fn.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      fn.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
    return { name: fn.id, declaration: fn, exported };
  }
  const declarator = fn.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== fn) return null;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  return {
    name: declarator.id,
    declaration: declarator,
    exported: declarator.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration,
  };
}

/** The name a function is declared under (`function f() {}`, `const f = () => {}`); not a method's or property's. */
function bindingName(fn: FunctionNode): string | null {
  return (
    (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression ? fn.id?.name : undefined) ?? bindingOf(fn)?.name.name ?? null
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Listeners: which repetition counts when code registers a listener

export interface ListenerRepetition extends Repetition {
  /** The component lifecycle the code runs in, if that is what repeats it. */
  lifecycle: Lifecycle | null;
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
      for (const node of fileNodesOfType(sourceCode, AST_NODE_TYPES.CallExpression)) {
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
    const variable = functionVariable(sourceCode, fn);
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

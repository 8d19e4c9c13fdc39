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
import { enclosingFunction, isFunction, propertyName, resolve, staticPath, unwrap, type FunctionNode } from './ast.js';
import { describeFunction } from './fixes.js';

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
const LISTENER_METHODS = new Set(['on', 'addListener', 'prependListener', 'addEventListener']);
const ONCE_LISTENER_METHODS = new Set(['once', 'prependOnceListener']);
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
/** Process events that fire at most a few times in a process's life. */
const PROCESS_FINAL_EVENTS = new Set([
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
const TIMER_HOSTS = new Set(['window', 'globalThis', 'global', 'self', 'timers']);

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

    const name = functionName(fn);
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
    const calleeName =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? propertyName(callee)
          : null;
    if (calleeName === null) return null;
    if (runOnceNames.has(calleeName)) return ONCE;
    if (isTestRegistration(callee)) return callSite(call);
    if (callee.type === AST_NODE_TYPES.Identifier && calleeName === 'define') return callSite(call); // AMD factory
    if (isSynchronousIterationCallback(fn)) return callSite(call);

    const timer = timerFunctionName(call);
    if (timer === 'setInterval' && call.arguments[0] === fn) {
      return { kind: 'per-event', trigger: `on every tick of the interval started at line ${call.loc.start.line}` };
    }
    if (timer !== null && DEFERRED_ONCE_CALLS.has(timer)) return callSite(call);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) {
      return calleeName === 'createServer' ? perRequest(call) : null;
    }
    if (PROMISE_CALLBACK_METHODS.has(calleeName)) return callSite(call);
    if (calleeName === 'createServer') return perRequest(call);

    const target = staticPath(callee.object);
    const event = call.arguments[0];
    const eventName = event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? event.value : null;
    if ((LISTENER_METHODS.has(calleeName) || ONCE_LISTENER_METHODS.has(calleeName)) && call.arguments[0] !== fn) {
      if (target === 'process' && eventName !== null && PROCESS_FINAL_EVENTS.has(eventName)) return ONCE;
      if (ONCE_LISTENER_METHODS.has(calleeName)) return callSite(call);
      // A query, a request or a child made right here: its events end with it, so the listener runs a bounded number
      // of times for each time it is registered.
      if (isEmitterMadeHere(callee.object, call)) return callSite(call);
      return {
        kind: 'per-event',
        trigger: `on every ${eventName === null ? '' : `\`${eventName}\` `}event of \`${target ?? 'the emitter'}\``,
      };
    }
    if (ROUTE_METHODS.has(calleeName) && target !== null && ROUTER_NAME.test(target.split('.').pop() ?? '')) {
      const path = event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? ` '${event.value}'` : '';
      return { kind: 'per-event', trigger: `on every request to \`${target}.${calleeName}(${path.trim()})\`` };
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
    const callee = unwrap(made.callee);
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? propertyName(callee)
          : null;
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

function functionName(fn: FunctionNode): string | null {
  return (
    (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression ? fn.id?.name : undefined) ?? bindingOf(fn)?.name.name ?? null
  );
}

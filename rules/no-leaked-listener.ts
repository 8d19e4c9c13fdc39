/**
 * no-leaked-listener: a listener added to an emitter that outlives the code adding it, from code that runs
 * repeatedly, with nothing that removes it. The emitter's listener array (an EventTarget's listener list) keeps the
 * listener, and everything its closure reaches, for as long as the emitter lives; added per request, per call or
 * per mount, the list grows without bound.
 *
 * Reported:
 * 1. A registration (`on`, `addListener`, `prependListener`, `addEventListener`, and the `once` forms when the event
 *    may never fire) on a long-lived target from repeated code, with no release. Long-lived
 *    (src/analysis/target-lifetime): `process`, `window`, `document`, `globalThis`, module-level emitters and
 *    clients, imported singletons, a request's socket, a caller's `AbortSignal`, and `this.x` set in the constructor
 *    when a method that runs again (a reconnect path) registers on it. Repeated (src/analysis/listeners): handlers,
 *    listeners and intervals; exported functions, methods and constructors; component lifecycles (React effects,
 *    `componentDidMount`, `connectedCallback`, Vue and Svelte mount hooks).
 * 2. The same, when the listener is an inline function or a `.bind()` result: nothing can ever remove it.
 * 3. A removal that removes nothing: an inline function or a fresh `.bind()` result, a different function than the
 *    one added (`f.bind(this)` added, `f` removed), the other capture flag (also through a constant: `const opts =
 *    { capture: true }`), or an event named by an undeclared identifier (a misspelt loop variable: it throws).
 *    Events added by a loop over a constant list are released one by one: the report names those no removal covers.
 *    Also `x.setTimeout(0)` on a request (or a long-lived target) that `x.setTimeout(ms, cb)` gave a callback: it
 *    stops the timer and leaves `cb` registered for `timeout`.
 * 4. `setMaxListeners(0)` or `setMaxListeners(Infinity)` on a target that case 1 leaks from: the warning was
 *    silenced instead of fixed.
 * Registrations also in a chain (`socket.on(…).on(…)`) and through an API's callback argument (`setTimeout(ms, cb)`
 * for `timeout`, `listen(…, cb)` for `listening`). One outcome of an error/success pair (`once('error')` beside
 * `once('ready')`) is not released by `once`: the other outcome may fire instead.
 * Release evidence (src/analysis/listeners), anywhere in the file: a removal with the same target, event and function;
 * `removeAllListeners(event)`; `once` on an event that will fire; a `{ signal }` whose controller is aborted; a
 * returned disposer that removes it; an install-once guard; the registration's handle kept (`const off = bus.on()`).
 * Not reported: top-level (run-once) registration, listeners on objects created per call (`req`, a spawned child,
 * a new element), a subscription API that adds its caller's own function, and an EventTarget given the same
 * module-level function again (it ignores duplicates).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import {
  freshName,
  insertInBody,
  occursAsWord,
  returnAtEnd,
  shortCode,
  statementSeparator,
} from '../src/analysis/fixes.js';
import {
  allNodesLeft,
  contains,
  enclosingFunction,
  isFunction,
  ownReturns,
  soleCall,
  unwrap,
  type FunctionNode,
} from '../src/analysis/ast.js';
import {
  declaredAliasNames,
  indexListeners,
  listenerCallOf,
  listenerIdentity,
  type ListenerCall,
  type ListenerIdentity,
  type ListenerIndex,
} from '../src/analysis/listeners.js';
import { isModuleScoped } from '../src/analysis/lifetime.js';
import {
  analyseRepetition,
  runOnceOptionSchema,
  type RepetitionAnalysis,
  analyseListenerRepetition,
  triggerAt,
  type ListenerRepetition,
  type ListenerRepetitionAnalysis,
} from '../src/analysis/repetition.js';
import { effectCleanupClause, teardownClause } from '../src/analysis/lifecycle.js';
import {
  isParameterPath,
  knownFieldWriters,
  longLivedTarget,
  methodsOf,
  outcomePairTarget,
  pathKey,
  pathOf,
  thisFieldAssignments,
  type LongLivedTarget,
  type ObjectPath,
} from '../src/analysis/target-lifetime.js';
import { CITED_TEARDOWN_METHODS, thisOwner } from '../src/analysis/owners.js';

type Options = [{ runOnce?: string[] }];
type MessageIds =
  | 'leaked'
  | 'leakedCallback'
  | 'unremovable'
  | 'removesNothing'
  | 'silencedWarning'
  | 'hoistAndCleanUp'
  | 'removeInCleanup';

/** The methods the rule reads: additions, removals, `setMaxListeners`, and `abort()` (a release of `{ signal }`). */
const METHODS =
  'on|once|off|addListener|prependListener|prependOnceListener|addEventListener|removeListener|removeEventListener|removeAllListeners|setMaxListeners|abort|setTimeout|listen';
/** A name of those methods, from `lastIndex` on (after a `.` or `['`). */
const MEMBER_NAME =
  /\s*(?:o(?:n|nce|ff)|addListener|prepend(?:Once)?Listener|addEventListener|setMaxListeners|remove(?:Event)?Listener|setTimeout)\b/y;

/**
 * Whether the file names one of those methods as a member (`.on`, `?.on`, `['on']`): it can only matter then. The
 * name is tried at each `.` and `['`, which `indexOf` finds faster than a regex that starts with either, and only
 * where the next two characters may begin one (most members are other names).
 */
function namesListenerMethod(text: string): boolean {
  for (let at = text.indexOf('.'); at !== -1; at = text.indexOf('.', at + 1)) {
    if (memberNameAt(text, at + 1)) return true;
  }
  for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) {
    const quote = text.charCodeAt(at + 1);
    if ((quote === 39 || quote === 34 || quote === 96) && memberNameAt(text, at + 2)) return true; // ' " `
  }
  return false;
}

/** Whether MEMBER_NAME matches at `at`: `on`, `once`, `off`, `ad…`, `pr…`, `se…`, `re…`, or whitespace first. */
function memberNameAt(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  const second = text.charCodeAt(at + 1);
  let maybe: boolean;
  if (first === 111)
    maybe = second === 110 || second === 102; // on, once, off
  else if (first === 97)
    maybe = second === 100; // addListener, addEventListener
  else if (first === 112 || first === 115 || first === 114)
    maybe = second === (first === 112 ? 114 : 101); // pr, se, re
  else maybe = first <= 32 || first >= 128; // whitespace (any \s is one of these)
  if (!maybe) return false;
  MEMBER_NAME.lastIndex = at;
  return MEMBER_NAME.test(text);
}
/**
 * Calls of those methods, matched by ESLint's selector engine rather than by calling the rule for every call of the
 * file: `a.on(…)`, `a['on'](…)`, and a callee in a TypeScript wrapper or a template-literal key, which the rule unwraps.
 */
const METHOD_CALLS = [
  `CallExpression[callee.property.name=/^(?:${METHODS})$/]`,
  `CallExpression[callee.property.value=/^(?:${METHODS})$/]`,
  'CallExpression[callee.property.type="TemplateLiteral"]',
  'CallExpression[callee.type=/^TS/]',
].join(', ');
const REMOVE_METHOD: Record<string, string> = {
  addEventListener: 'removeEventListener',
  on: 'off',
  addListener: 'removeListener',
  prependListener: 'removeListener',
  once: 'removeListener',
  prependOnceListener: 'removeListener',
};

interface Leak {
  add: ListenerCall;
  target: LongLivedTarget;
  repeated: ListenerRepetition;
  identity: ListenerIdentity;
}

export default createRule<Options, MessageIds>({
  name: 'no-leaked-listener',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow listeners added to long-lived emitters from repeated code and never removed',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      leaked:
        '{{lifetime}}; a listener for `{{event}}` is added to it {{trigger}}, and {{release}}, so `{{target}}` keeps them all, with everything they capture.',
      leakedCallback:
        '{{lifetime}}; the callback of `{{method}}()` is a listener for `{{event}}`, added to it {{trigger}}, and {{release}}, so `{{target}}` keeps them all, with everything they capture.',
      unremovable:
        '{{lifetime}}; a listener for `{{event}}` is added to it {{trigger}}, and {{listener}} is a new function each time that no call can remove, so `{{target}}` keeps them all, with everything they capture.',
      removesNothing:
        'This `{{method}}()` removes nothing from `{{target}}`: {{reason}}, so the listener for `{{event}}` stays on `{{target}}` with everything it captures.',
      silencedWarning:
        "`{{target}}.setMaxListeners({{limit}})` silences Node's MaxListenersExceededWarning instead of fixing what it warns about: a listener for `{{event}}` is added to `{{target}}` {{trigger}} (line {{line}}) and nothing removes it.",
      hoistAndCleanUp: 'Name the listener `{{name}}` and return a cleanup that removes it.',
      removeInCleanup: 'Remove `{{name}}` from `{{target}}` in the cleanup the effect returns.',
    },
    schema: [
      runOnceOptionSchema(
        'Functions that run once (`init`, `bootstrap`): listeners added in them, or in callbacks passed to them, are start-up work.',
      ),
    ],
  },
  defaultOptions: [{ runOnce: [] }],
  create(context, [{ runOnce = [] }]) {
    const sourceCode = context.sourceCode;
    if (!namesListenerMethod(sourceCode.text)) return {};
    const calls: ListenerCall[] = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    const aborts: TSESTree.CallExpression[] = [];
    /** Assignments, class fields and parameter properties, as the traversal leaves them: who may set `this.x`. */
    const fieldWriters: TSESTree.Node[] = [];
    const recordFieldWriter = (node: TSESTree.Node): void => void fieldWriters.push(node);

    /** Case 1 and 2: a registration on a long-lived target, from repeated code, with no release. */
    function leakOf(
      add: ListenerCall,
      index: ListenerIndex,
      listenerRepetition: ListenerRepetitionAnalysis,
      repetition: RepetitionAnalysis,
    ): Leak | null {
      if (!add.listener || (!add.event && add.eventName === null)) return null;
      // A forwarding wrapper (`on(event, fn) { bus.on(event, fn) }`): its callers decide.
      const eventPath = add.eventName === null && add.event ? pathOf(sourceCode, add.event) : null;
      if (eventPath && isCallersFunction(eventPath)) return null;
      // A success listener beside an `error` listener (or the reverse): only one fires, so the other stays on any
      // object that outlives the call, such as `this` or a server passed in again on every try. The target first:
      // looking for a partner compares targets, which unifies the file's assignments.
      let target = longLivedTarget(sourceCode, add.target, add.call, repetition);
      if (!target) {
        const pairTarget = outcomePairTarget(sourceCode, add.target, add.call);
        target = pairTarget && index.outcomePartner(add) ? pairTarget : null;
      }
      if (!target) return null;
      const repeated: ListenerRepetition | null = target.rerun
        ? { ...target.rerun, lifecycle: null }
        : listenerRepetition.of(add.call);
      if (!repeated) return null;
      const identity = listenerIdentity(sourceCode, add.listener);
      if (repeated.kind !== 'per-event') {
        // A subscription API adding its caller's own function (or a wrapper that only forwards to it): the caller
        // owns it, and decides how often to subscribe.
        if (identity.kind === 'reference' && isCallersFunction(identity.path)) return null;
        // Not for one outcome of a pair (`once('error', (e) => done(e))` beside `once('ready', …)`): a completion
        // callback, not a subscription.
        if (identity.kind === 'inline' && forwardsToCaller(identity.fn) && !index.outcomePartner(add)) return null;
        // The same module-level function added again per call: one more array slot, no closure kept per call.
        if (identity.kind === 'reference' && isStableFunction(identity)) return null;
      }
      // An EventTarget ignores a second registration of the same function: a stable function cannot pile up.
      if (add.method === 'addEventListener' && identity.kind === 'reference' && isStableFunction(identity)) return null;
      const release = index.releaseOf(add, {
        mayNeverFire: target.kind === 'caller-signal',
        instanceGuard: target.kind === 'instance-member',
        reusedConnection: target.kind === 'connection',
      });
      return release ? null : { add, target, repeated, identity };
    }

    /** A function that is the same object on every call: a module-level binding, a global, a prototype method. */
    function isStableFunction(identity: Extract<ListenerIdentity, { kind: 'reference' }>): boolean {
      const { root, properties } = identity.path;
      if (root.kind === 'global') return true;
      if (root.kind === 'variable')
        return (
          isModuleScoped(root.variable) &&
          properties.length <= 1 &&
          !root.variable.references.some((r) => r.isWrite() && !r.init)
        );
      // `this.onClick` naming a prototype method, not a per-instance `this.onClick = this.onClick.bind(this)`. The
      // assignments first: they are indexed by field name, and methodsOf() reads every function of the file.
      const name = properties[0];
      if (properties.length !== 1 || name === undefined) return false;
      const key = pathKey(identity.path);
      const assigned = thisFieldAssignments(sourceCode, name).some((assignment) => {
        const left = pathOf(sourceCode, assignment.left);
        return left !== null && pathKey(left) === key;
      });
      return !assigned && methodsOf(sourceCode, root.owner).has(name);
    }

    /** A value rooted at a parameter of a function callers call (not of a callback, such as a Promise executor's `reject`). */
    function isCallersFunction(path: ObjectPath): boolean {
      if (!isParameterPath(path) || path.root.kind !== 'variable') return false;
      const fn = path.root.variable.defs[0]?.node;
      const call = fn?.parent;
      return !(
        (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) &&
        call.arguments.some((a) => a === fn)
      );
    }

    /** `(code) => { callback(code) }`, `(...args) => handler(...args)`: only calls the caller's function. */
    function forwardsToCaller(fn: FunctionNode): boolean {
      const call = soleCall(fn);
      if (!call) return false;
      const path = pathOf(sourceCode, call.callee);
      // `callback(…)`, `args[0](…)`; not a method of the caller's object (`el.remove()`).
      return path !== null && path.properties.every((p) => /^\d+$/.test(p)) && isCallersFunction(path);
    }

    /** "`close()` never removes it", "the cleanup `useEffect()` returns never removes it", "nothing … removes it". */
    function releaseClause(leak: Leak, index: ListenerIndex): string {
      const partner = index.outcomePartner(leak.add);
      if (partner?.eventName) return `when \`${partner.eventName}\` fires instead, nothing removes it`;
      const lifecycle = leak.repeated.lifecycle;
      if (lifecycle?.returnsCleanup) return effectCleanupClause(sourceCode, lifecycle, 'remove');
      const owner = thisOwner(sourceCode, leak.add.call);
      const methods = owner ? methodsOf(sourceCode, owner) : new Set<string>();
      const missed = lifecycle ? teardownClause(lifecycle, methods, 'remove') : null;
      if (missed) return missed;
      const teardown = CITED_TEARDOWN_METHODS.find(
        (name) => methods.has(name) || returnedMethods(leak.add.call).has(name),
      );
      return teardown ? `\`${teardown}()\` never removes it` : 'nothing in this file removes it';
    }

    /** Methods of the object a factory returns (`return { server, close() {} }`): its teardown lives there. */
    function returnedMethods(node: TSESTree.Node): Set<string> {
      const names = new Set<string>();
      const fn = enclosingFunction(node);
      if (!fn || fn.body.type !== AST_NODE_TYPES.BlockStatement) return names;
      for (const statement of fn.body.body) {
        const value =
          statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument ? unwrap(statement.argument) : null;
        if (value?.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const property of value.properties) {
          if (
            property.type === AST_NODE_TYPES.Property &&
            property.key.type === AST_NODE_TYPES.Identifier &&
            isFunction(property.value)
          )
            names.add(property.key.name);
        }
      }
      return names;
    }

    function reportLeak(leak: Leak, index: ListenerIndex): void {
      const { add, target, repeated, identity } = leak;
      const trigger = repeated.lifecycle || target.rerun ? repeated.trigger : triggerAt(add.call, repeated);
      // A loop over constant events names those nothing removes: "`keydown`", "`scroll`, `touchstart`".
      const event = index.unreleasedEvents(add)?.join('`, `') ?? eventText(add);
      const whole = unwrap(add.call.callee);
      // In a chain (`process.on(…).on(…)`), the method's own name, not the whole chain before it.
      const callee =
        whole.type === AST_NODE_TYPES.MemberExpression && whole.object !== add.target ? whole.property : whole;
      // One outcome of a pair is explained by the other outcome, not by how its function was written.
      const fresh =
        (identity.kind === 'bound' || (identity.kind === 'inline' && identity.key === null)) &&
        !index.outcomePartner(add);
      const suggest = fresh ? effectSuggestion(leak) : cleanupSuggestion(leak);
      if (add.implicit) {
        context.report({
          node: callee,
          messageId: 'leakedCallback',
          data: {
            lifetime: target.lifetime,
            method: add.implicit,
            event,
            trigger,
            release: releaseClause(leak, index),
            target: target.name,
          },
        });
      } else if (fresh) {
        const listener = identity.kind === 'bound' ? `\`${shortCode(identity.text)}\`` : 'the inline function';
        context.report({
          node: callee,
          messageId: 'unremovable',
          data: { lifetime: target.lifetime, event, trigger, listener, target: target.name },
          suggest,
        });
      } else {
        context.report({
          node: callee,
          messageId: 'leaked',
          data: { lifetime: target.lifetime, event, trigger, release: releaseClause(leak, index), target: target.name },
          suggest,
        });
      }
    }

    /**
     * In an effect whose cleanup is its return value: hoist the inline listener into a `const` and return a cleanup
     * that removes it. Only where that is safe: a statement of the effect's own body, no `return` there yet, a target
     * that denotes the same object at cleanup time (a global, a module-level binding), literal options.
     */
    function effectSuggestion(leak: Leak): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const { add, identity } = leak;
      const lifecycle = leak.repeated.lifecycle;
      if (!lifecycle?.returnsCleanup || identity.kind !== 'inline' || enclosingFunction(add.call) !== lifecycle.fn)
        return [];
      const body = lifecycle.fn.body;
      const statement = add.call.parent;
      if (
        body.type !== AST_NODE_TYPES.BlockStatement ||
        statement?.type !== AST_NODE_TYPES.ExpressionStatement ||
        statement.parent !== body
      )
        return [];
      if (returnsSomething(sourceCode, lifecycle.fn) || add.eventName === null || !add.event) return [];
      const path = pathOf(sourceCode, add.target);
      const stableTarget =
        path !== null &&
        (path.root.kind === 'global' || (path.root.kind === 'variable' && isModuleScoped(path.root.variable)));
      const options = add.call.arguments[2];
      if (!stableTarget || (options && !isLiteralOptions(options)) || add.call.arguments.length > 3) return [];
      const remove = REMOVE_METHOD[add.method];
      const last = body.body[body.body.length - 1];
      if (!remove || !last) return [];
      const name = freshName(
        `on${add.eventName.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^./, (c) => c.toUpperCase())}`,
        (candidate) => occursAsWord(sourceCode.text, candidate),
      );
      const separator = statementSeparator(sourceCode, statement);
      const targetText = sourceCode.getText(add.target);
      const optionsText = options ? `, ${sourceCode.getText(options)}` : '';
      const cleanup = `return () => ${targetText}.${remove}(${sourceCode.getText(add.event)}, ${name}${optionsText});`;
      return [
        {
          messageId: 'hoistAndCleanUp',
          data: { name },
          fix: (fixer) => [
            fixer.insertTextBefore(statement, `const ${name} = ${sourceCode.getText(identity.fn)};${separator}`),
            fixer.replaceText(identity.fn, name),
            fixer.insertTextAfter(last, `${separator}${cleanup}`),
          ],
        },
      ];
    }

    /**
     * A named listener added in an effect whose cleanup is its return value: remove it in the cleanup the effect
     * returns, or return one that does. Only where that is safe: the listener is a variable the cleanup sees (declared
     * in the effect's body or around it), the target a global or a binding that is never reassigned, the event a
     * string, the options literal or a constant; one `return` of an inline function at most, or none.
     */
    function cleanupSuggestion(leak: Leak): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const { add, identity } = leak;
      const lifecycle = leak.repeated.lifecycle;
      if (!lifecycle?.returnsCleanup || identity.kind !== 'reference' || !add.event || add.eventName === null)
        return [];
      const effect = lifecycle.fn;
      if (effect.body.type !== AST_NODE_TYPES.BlockStatement || !contains(effect, add.call)) return [];
      const listener = identity.path;
      if (listener.root.kind !== 'variable' || listener.properties.length !== 0) return [];
      const block = listener.root.variable.scope.block;
      if (block !== effect && contains(effect, block)) return []; // declared in a nested block: the cleanup cannot see it
      const target = pathOf(sourceCode, add.target);
      const stable =
        target !== null &&
        target.properties.length === 0 &&
        (target.root.kind === 'global' ||
          (target.root.kind === 'variable' &&
            !target.root.variable.references.some((r) => r.isWrite() && !r.init) &&
            !contains(effect, target.root.variable.scope.block)) ||
          (target.root.kind === 'variable' && target.root.variable.scope.block === effect));
      const options = add.call.arguments[2];
      const remove = REMOVE_METHOD[add.method];
      if (!stable || !remove || add.call.arguments.length > 3) return [];
      if (options && !isLiteralOptions(options, true) && unwrap(options).type !== AST_NODE_TYPES.Identifier) return [];
      const optionsText = options ? `, ${sourceCode.getText(options)}` : '';
      const name = listener.root.variable.name;
      const removal = `${sourceCode.getText(add.target)}.${remove}(${sourceCode.getText(add.event)}, ${name}${optionsText})`;
      const returns = ownReturns(sourceCode, effect);
      const data = { name, target: shortCode(sourceCode.getText(add.target)) };
      if (returns.length === 0) {
        const fix = returnAtEnd(sourceCode, effect, `() => ${removal}`);
        return fix ? [{ messageId: 'removeInCleanup', data, fix }] : [];
      }
      const [only] = returns;
      const cleanup = returns.length === 1 && only?.argument ? unwrap(only.argument) : null;
      if (!cleanup || !isFunction(cleanup) || cleanup.params.length > 0 || cleanup.async) return [];
      return [{ messageId: 'removeInCleanup', data, fix: insertInBody(sourceCode, cleanup, `${removal};`, 'last') }];
    }

    /** Case 3: a removal that cannot remove anything. */
    function checkRemoval(remove: ListenerCall, index: ListenerIndex): void {
      const futile = index.futileRemoval(remove);
      if (!futile) return;
      let reason: string;
      if (futile.kind === 'inline') reason = 'an inline function is a new function, never the one that was added';
      else if (futile.kind === 'bound')
        reason = `\`${shortCode(futile.text)}\` creates a new function, never the one that was added`;
      else if (futile.kind === 'undeclaredEvent')
        reason = `nothing declares \`${futile.name}\`, so the call throws a ReferenceError before it removes anything`;
      else if (futile.kind === 'different')
        reason = `the listener added at line ${futile.added.call.loc.start.line} is \`${futile.addedText}\`, a different function`;
      else
        reason = `the listener added at line ${futile.added.call.loc.start.line} uses capture \`${String(futile.capture)}\`, and a removal must pass the same capture flag`;
      context.report({
        node: unwrap(remove.call.callee),
        messageId: 'removesNothing',
        data: {
          method: remove.method,
          target: shortCode(sourceCode.getText(remove.target)),
          reason,
          event: eventText(remove),
        },
      });
    }

    /** Case 3, for `x.setTimeout(0)`: it disarms the timer, and leaves the callback `x.setTimeout(ms, cb)` added. */
    function checkDisarm(disarm: ListenerCall, index: ListenerIndex, repetition: RepetitionAnalysis): void {
      const armed = index.disarmedListener(disarm);
      // Disarmed from inside the timeout listener itself: that `once` listener has already gone.
      if (!armed?.listener || contains(armed.listener, disarm.call)) return;
      // One listener left on a socket made for one connection dies with it; on a request (whose timeout is its
      // keep-alive connection's) or on a long-lived target, one is left behind per use.
      const path = pathOf(sourceCode, armed.target);
      const onRequest =
        path?.root.kind === 'variable' &&
        path.properties.length === 0 &&
        /^(req|request)$/.test(path.root.variable.name);
      if (!onRequest && !longLivedTarget(sourceCode, armed.target, armed.call, repetition)) return;
      context.report({
        node: unwrap(disarm.call.callee),
        messageId: 'removesNothing',
        data: {
          method: 'setTimeout',
          target: shortCode(sourceCode.getText(disarm.target)),
          reason: `\`setTimeout(0)\` only stops the timer, and the callback given to \`setTimeout()\` at line ${armed.call.loc.start.line} is a \`timeout\` listener that only \`removeListener()\` takes off`,
          event: 'timeout',
        },
      });
    }

    /** Case 4: the warning silenced on a target this rule finds a leak on. */
    function checkSilenced(setMax: ListenerCall, leaks: readonly Leak[], index: ListenerIndex): void {
      if (leaks.length === 0) return;
      const key = index.keyOf(setMax.target);
      const leak = key === null ? undefined : leaks.find((l) => index.keyOf(l.add.target) === key);
      if (!leak) return;
      const limit = sourceCode.getText(setMax.call.arguments[0] ?? setMax.call);
      const trigger =
        leak.repeated.lifecycle || leak.target.rerun ? leak.repeated.trigger : triggerAt(leak.add.call, leak.repeated);
      context.report({
        node: unwrap(setMax.call.callee),
        messageId: 'silencedWarning',
        data: {
          target: shortCode(sourceCode.getText(setMax.target)),
          limit,
          event: eventText(leak.add),
          trigger,
          line: leak.add.call.loc.start.line,
        },
      });
    }

    function eventText(call: ListenerCall): string {
      if (call.eventName !== null) return call.eventName;
      return call.event ? shortCode(sourceCode.getText(call.event)) : '…';
    }

    return {
      [METHOD_CALLS](node: TSESTree.CallExpression) {
        const found = listenerCallOf(node, sourceCode);
        if (found) calls.push(found);
        else if (isAbortCall(node)) aborts.push(node);
      },
      AssignmentExpression(node) {
        assignments.push(node);
      },
      'AssignmentExpression:exit': recordFieldWriter,
      'PropertyDefinition:exit': recordFieldWriter,
      'TSParameterProperty:exit': recordFieldWriter,
      'Program:exit'() {
        // A `listen(…, cb)` callback only stays when an `error` listener beside it fires instead: without one in
        // the file, it is no registration worth the analysis.
        if (!calls.some((c) => c.kind === 'add' && !c.implicit && c.eventName === 'error')) {
          const kept = calls.filter((c) => c.implicit !== 'listen');
          calls.length = 0;
          calls.push(...kept);
        }
        if (calls.length === 0) return;
        allNodesLeft(sourceCode); // the file's nodes, if another rule is collecting them, for target-lifetime's indexes
        knownFieldWriters(sourceCode, fieldWriters);
        const index = indexListeners(sourceCode, calls, assignments, aborts, () => declaredAliasNames(sourceCode));
        const leaks: Leak[] = [];
        let repetition: RepetitionAnalysis | null = null;
        if (calls.some((c) => c.kind === 'add')) {
          repetition = analyseRepetition(sourceCode, { runOnce });
          const listenerRepetition = analyseListenerRepetition(sourceCode, repetition);
          for (const call of calls) {
            const leak = call.kind === 'add' ? leakOf(call, index, listenerRepetition, repetition) : null;
            if (leak) leaks.push(leak);
          }
        }
        for (const leak of leaks) reportLeak(leak, index);
        for (const call of calls) {
          if (call.kind === 'remove') checkRemoval(call, index);
          else if (call.kind === 'setMaxListeners') checkSilenced(call, leaks, index);
          else if (call.kind === 'disarmTimeout' && repetition) checkDisarm(call, index, repetition);
        }
      },
    };
  },
});

/** `controller.abort()`: the release of every listener added with `{ signal: controller.signal }`. */
function isAbortCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'abort'
  );
}

/** Whether `fn` returns from its own body (not from nested functions): an expression body, or a `return`. */
function returnsSomething(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return true;
  return ownReturns(sourceCode, fn).length > 0;
}

/** `{ passive: true }`, `true` (and `{ capture: flag }` with `orNames`): options whose text the removal can repeat. */
function isLiteralOptions(node: TSESTree.Node, orNames = false): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return true;
  return (
    value.type === AST_NODE_TYPES.ObjectExpression &&
    value.properties.every(
      (p) =>
        p.type === AST_NODE_TYPES.Property &&
        !p.computed &&
        (p.value.type === AST_NODE_TYPES.Literal || (orNames && p.value.type === AST_NODE_TYPES.Identifier)),
    )
  );
}

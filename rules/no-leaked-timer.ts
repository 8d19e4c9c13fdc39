/**
 * no-leaked-timer: an active timer is a root for the garbage collector. An interval nobody clears keeps its callback,
 * and everything that callback's closure reaches, alive for the life of the process; started per request, per
 * connection or per mount, it multiplies.
 *
 * Timers (src/analysis/timers): the host's `setInterval`/`setTimeout`, bare or through `window`/`globalThis`/`global`/
 * `self`, or imported from `timers`. `timers/promises` is not a handle API (an `AbortSignal` releases it): ignored.
 *
 * Reported:
 * 1. An interval whose handle is discarded (`setInterval(increment(), 1000);`), at any level, unless `.unref()` is
 *    chained on it in run-once code (a deliberate process-lifetime timer) or its callback clears itself
 *    (`clearInterval(this)`). A discarded `setTimeout` fires once and lets go: reported only in case 8.
 * 2. A handle stored (variable, class field, `this.x`, `state.ping.interval`, an object literal's property, React state)
 *    that nothing in the file releases: no `clearInterval`/`clearTimeout` (either clears either), `.close()` or
 *    disposal on the variable, a copy of it, or any member of the same name. A handle that escapes (returned, passed
 *    to other code, put in an array, exported, on an object that escapes) is the other code's to clear: silent. A
 *    stored timeout is silent when `.unref()`ed, when it has no delay (`setTimeout(flush, 0)`: cancelling it is moot),
 *    when it is a pending flag its own callback resets (`timer = null` when it fires), or when it is started by
 *    run-once code (one callback, released when it fires); an interval when `.unref()`ed in run-once code. A run-once
 *    interval in a Node file gets a `.unref()` suggestion.
 * 3. A class, constructor function or object literal with a teardown method (`close`, `destroy`, `dispose`, `stop`,
 *    `shutdown`, `disconnect`, `unmount`, `componentWillUnmount`, `disconnectedCallback`, `[Symbol.dispose]`, and
 *    Angular's and Vue's) that stores an interval in a field its teardown never clears: neither the teardown methods
 *    nor the methods they call through `this`. A clear in a callback (`socket.on('close', () => clearInterval(…))`)
 *    or in a method that runs from one or from outside, `this` handed to other code by the teardown, or a base class
 *    the file does not show count as release.
 * 4. A timer started in a React `useEffect`/`useLayoutEffect` setup, kept in a local of the setup, that no returned
 *    cleanup clears: an interval discarded there, no cleanup (and no clear anywhere), or a cleanup that clears
 *    something else.
 * 5. `clearInterval()`/`clearTimeout()` with no argument, or with a value made on the spot (`null`, `{}`, `new X()`):
 *    it clears nothing.
 * 6. A handle lost on the second run (src/analysis/handle-overwrite): a method that runs again stores a new timer in
 *    its owner's field without clearing, or guarding against, the one already there.
 * 7. A timeout re-armed in a field (from its own callback, or cleared and set by a method that runs again) that the
 *    owner's teardown (also `end`, `terminate`, `quit`) never clears.
 * 8. A discarded timeout per operation whose callback first checks a completion flag of the operation it captured
 *    (src/analysis/operation-timeout): nothing clears it when the operation completes, so it keeps it until it fires.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import {
  contains,
  enclosingFunction,
  isFunction,
  propertyName,
  pushChildren,
  resolve,
  unwrap,
  type FunctionNode,
} from '../src/analysis/ast.js';
import {
  describeFunction,
  freshName,
  indentOf,
  insertInBody,
  lineBreakOf,
  statementSeparator,
  occursAsWord,
  returnAtEnd,
} from '../src/analysis/fixes.js';
import { analyseRepetition, type RepetitionAnalysis } from '../src/analysis/repetition.js';
import {
  callbackCaptures,
  clearCallOf,
  clearsItself,
  handleFate,
  isFresh,
  isReleased,
  runsOnlyFromMethods,
  timerCallOf,
  timerIndex,
  type HandleFate,
  type HandleRelease,
  type HandleStore,
  type TimerCall,
  handleReleaseOfStores,
  namesTimerFunction,
} from '../src/analysis/timers.js';
import {
  CLOSING_METHODS,
  directMethodOf,
  methodOwner,
  teardownPath,
  type MethodOwner,
} from '../src/analysis/owners.js';
import {
  fieldClears,
  fieldTimerOf,
  isRearmClear,
  priorRelease,
  rearming,
  rerunOf,
  type FieldTimer,
} from '../src/analysis/handle-overwrite.js';
import { completionCheck } from '../src/analysis/operation-timeout.js';
import { effectCleanups, effectSetupOf, localFunction, type EffectSetup } from '../src/analysis/lifecycle.js';

type MessageIds =
  | 'discarded'
  | 'neverCleared'
  | 'teardownMisses'
  | 'effectLeaks'
  | 'clearWithoutHandle'
  | 'clearFreshValue'
  | 'keepAndReturnCleanup'
  | 'returnCleanup'
  | 'clearInCleanup'
  | 'clearInTeardown'
  | 'unrefAtStartUp'
  | 'overwritten'
  | 'rearmedPastTeardown'
  | 'clearBeforeReassign'
  | 'outlivesOperation';

/** A file that runs in Node: it requires or imports a module of Node's, or uses `process`. */
const NODE_FILE =
  /\brequire\s*\(|\bmodule\.exports\b|\bfrom\s*['"](?:node:|(?:http|https|http2|net|fs|os|events|child_process|cluster|worker_threads|dgram|timers)['"/])|\bprocess\.(?:on|once|env|exit|argv|pid)\b/;

export default createRule<[], MessageIds>({
  name: 'no-leaked-timer',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow intervals and timeouts that are never cleared, keeping their callbacks alive',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      discarded:
        'The interval started {{where}} is never cleared: its handle is discarded, so {{retention}} for the life of the process{{repeat}}.',
      neverCleared:
        'The {{timer}} started {{where}} and stored in `{{storage}}` is never cleared; {{retention}} {{until}}.',
      teardownMisses:
        '`{{teardown}}()` never clears the interval that {{starter}} stores in `{{storage}}`, so after `{{teardown}}()` {{retention}} for the life of the process.',
      effectLeaks:
        'The {{timer}} started in this `{{hook}}()` outlives the component: {{reason}}, so {{retention}} after it unmounts.',
      clearWithoutHandle:
        '`{{clear}}()` without an argument clears nothing, so the timer it was meant to stop keeps running.',
      clearFreshValue:
        '`{{clear}}({{argument}})` clears nothing: `{{argument}}` can never be a timer handle, so the timer it was meant to stop keeps running.',
      keepAndReturnCleanup: 'Keep the handle in `{{name}}` and return `() => {{clear}}({{name}})` from the effect.',
      returnCleanup: 'Return `() => {{clear}}({{name}})` from the effect.',
      clearInCleanup: "Call `{{clear}}({{name}})` in the effect's cleanup.",
      clearInTeardown: 'Call `{{clear}}({{storage}})` in `{{teardown}}()`.',
      overwritten:
        '`{{method}}()` {{rerun}} and stores a new {{timer}} in `{{storage}}` without clearing the one already there, so the previous {{timer}} is lost and {{retention}} {{until}}{{elsewhere}}.',
      rearmedPastTeardown:
        '`{{teardown}}()` never clears the timeout that `{{method}}()` {{how}} in `{{storage}}`, so after `{{teardown}}()` {{retention}} {{until}}.',
      outlivesOperation:
        'The timeout started {{where}} is not cleared when its operation completes: its callback does nothing once `{{flag}}` is set, yet {{retention}} until it fires, and another starts {{trigger}}.',
      clearBeforeReassign: 'Call `{{clear}}({{storage}})` before storing the new {{timer}} in it.',
      unrefAtStartUp:
        'Chain `.unref()` on it: a process-lifetime timer on purpose, which no longer keeps the process from exiting.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    // Prefilter: a file that never names a timer function costs two indexOf scans (a regex scan cost three times more).
    if (!namesTimerFunction(sourceCode.text)) return {};
    const eol = lineBreakOf(sourceCode.text); // suggestions keep the file's line endings
    const reportedStores = new Set<unknown>();
    let reportCount = 0;
    const report = (descriptor: TSESLint.ReportDescriptor<MessageIds>): void => {
      reportCount++;
      context.report(descriptor);
    };
    let repetitionAnalysis: RepetitionAnalysis | null = null;
    const repetition = (): RepetitionAnalysis => (repetitionAnalysis ??= analyseRepetition(sourceCode));

    function checkTimer(timer: TimerCall): void {
      const { call } = timer;
      if (call.arguments.length === 0) return;
      const fate = handleFate(sourceCode, call);
      if (fate.escapes || fate.disposed) return;
      const fn = enclosingFunction(call);
      const effect = fn ? effectSetupOf(fn) : null;
      if (fate.returned) {
        // `useEffect(() => setInterval(tick, 1000))`: React takes the handle for a cleanup and never clears it.
        if (effect && timer.kind === 'interval' && fate.stores.length === 0)
          reportEffect(timer, effect, 'its handle is returned as if it were a cleanup', discardedFix(timer, effect));
        return; // otherwise the caller's to clear
      }
      if (fate.discarded) {
        checkDiscarded(timer, fate, effect);
        return;
      }
      if (fate.stores.length === 0) return;
      // One report per store: the timers re-armed into the same variable or field are one leak with one fix.
      const keys = fate.stores.map((store) => storeKey(store, call));
      if (keys.some((key) => reportedStores.has(key))) return;
      const before = reportCount;
      const release = handleReleaseOfStores(sourceCode, fate.stores);
      checkStored(timer, fate, release);
      if (reportCount === before) checkFieldTimer(timer, release);
      if (reportCount > before) for (const key of keys) reportedStores.add(key);
    }

    /**
     * Cases 6 and 7, for a handle a method of its owner stores in a field, when cases 2 and 3 found it released: the
     * method runs again and loses the previous handle, or the timeout it re-arms outlives the owner's teardown.
     */
    function checkFieldTimer(timer: TimerCall, release: HandleRelease): void {
      const field = fieldTimerOf(sourceCode, timer.call);
      if (!field || field.owner.unknownBase) return;
      if (release.escapes.length > 0 || release.opaque) return;
      const rearmed = timer.kind === 'timeout' ? rearming(sourceCode, field, timer.call) : null;
      if (rearmed) checkRearmedPastTeardown(timer, field, rearmed);
      else checkOverwrite(timer, field, release);
    }

    /** Case 6: `this.ping = setInterval(…)` in a method that runs again, with no clear or guard before it. */
    function checkOverwrite(timer: TimerCall, field: FieldTimer, release: HandleRelease): void {
      const { call } = timer;
      if (timer.kind === 'timeout' && isShort(call)) return;
      const rerun = rerunOf(sourceCode, field.owner, field.method);
      if (rerun === null || priorRelease(sourceCode, field) !== null) return;
      // A timeout whose callback marks it done (`this.retry = null`) is a step of a sequence when the method runs
      // from events (a close schedules one reconnect); only an entry point called again loses a pending one.
      if (timer.kind === 'timeout' && !rerun.byName && isPendingFlag(call, release, field.owner)) return;
      const lastOnly = fieldClears(sourceCode, field.property).find(
        (clear) => !isRearmClear(sourceCode, clear, field.property) && enclosingFunction(clear) !== null,
      );
      const clearer = lastOnly ? enclosingFunction(lastOnly) : null;
      const statement = field.assignment.parent;
      const fix =
        statement?.type === AST_NODE_TYPES.ExpressionStatement
          ? insertBeforeFix(statement, `${timer.clearText}(${field.text});`)
          : null;
      report({
        node: call.callee,
        messageId: 'overwritten',
        data: {
          method: field.method,
          rerun: rerun.reason,
          timer: timer.kind,
          storage: field.text,
          retention: retention(call),
          until: timer.kind === 'interval' ? 'for the life of the process' : 'until it fires',
          elsewhere: clearer ? `; the clear in ${describeFunction(clearer)} only stops the last one` : '',
        },
        suggest: fix
          ? [
              {
                messageId: 'clearBeforeReassign',
                data: { clear: timer.clearText, storage: field.text, timer: timer.kind },
                fix,
              },
            ]
          : [],
      });
    }

    /** Case 7: a timeout its method re-arms, which the owner's teardown never clears. */
    function checkRearmedPastTeardown(timer: TimerCall, field: FieldTimer, rearmed: 'itself' | 'reset'): void {
      const { owner } = field;
      const path = teardownPath(sourceCode, owner, CLOSING_METHODS);
      const teardown = path.teardowns[0];
      if (teardown === undefined || path.passesThis) return;
      const all = fieldClears(sourceCode, field.property);
      // Any clear the teardown runs stops it (`close()` calling `onClose()`, which clears and only re-arms when asked).
      if (all.some((clear) => path.functions.some((fn) => contains(fn, clear)))) return;
      const clears = all.filter((clear) => !isRearmClear(sourceCode, clear, field.property));
      // Cleared in a callback or in a method that runs from one: a teardown this file does not spell out.
      if (
        clears.some((clear) => {
          const method = directMethodOf(owner, clear);
          return method === null || !runsOnlyFromMethods(sourceCode, owner, method);
        })
      )
        return;
      const fix = teardownFix(owner, teardown, `${timer.clearText}(${field.text});`);
      report({
        node: timer.call.callee,
        messageId: 'rearmedPastTeardown',
        data: {
          teardown,
          method: field.method,
          how: rearmed === 'itself' ? 're-arms from its own callback' : 're-arms every time it runs',
          storage: field.text,
          retention: retention(timer.call),
          until: rearmed === 'itself' ? 'for the life of the process' : 'until it fires',
        },
        suggest: fix
          ? [{ messageId: 'clearInTeardown', data: { clear: timer.clearText, storage: field.text, teardown }, fix }]
          : [],
      });
    }

    /** Identity of a store: its variable, or the property name on its owner (members match by name). */
    function storeKey(store: HandleStore, call: TSESTree.CallExpression): unknown {
      if (store.kind === 'variable') return store.variable;
      return `${store.property}@${store.onThis ? (methodOwner(sourceCode, call)?.node.range[0] ?? -1) : store.text}`;
    }

    function checkDiscarded(timer: TimerCall, fate: HandleFate, effect: EffectSetup | null): void {
      const { call } = timer;
      if (timer.kind === 'timeout') {
        checkOperationTimeout(timer);
        return;
      }
      if (clearsItself(sourceCode, call)) return;
      const repeats = repetition().repetitionOf(call);
      if (fate.unref && repeats.kind === 'once') return; // a deliberate process-lifetime timer
      if (effect) {
        reportEffect(timer, effect, 'its handle is discarded', discardedFix(timer, effect));
        return;
      }
      report({
        node: call.callee,
        messageId: 'discarded',
        data: {
          where: whereStarted(call),
          retention: retention(call),
          repeat: repeats.kind === 'once' ? '' : `, and another starts ${repeats.trigger}`,
        },
        suggest: repeats.kind === 'once' ? unrefFix(call) : [],
      });
    }

    /**
     * Case 8: a discarded timeout per operation whose callback first checks that the operation is still pending: the
     * operation can complete first, and the timeout, never cleared then, keeps it alive until it fires.
     */
    function checkOperationTimeout(timer: TimerCall): void {
      const { call } = timer;
      const callback = call.arguments[0];
      if (!callback || callback.type === AST_NODE_TYPES.SpreadElement || isShort(call)) return;
      const check = completionCheck(sourceCode, callback);
      if (!check) return;
      const repeats = repetition().repetitionOf(call);
      if (repeats.kind === 'once') return;
      report({
        node: call.callee,
        messageId: 'outlivesOperation',
        data: { where: whereStarted(call), flag: check.flag, retention: retention(call), trigger: repeats.trigger },
      });
    }

    function checkStored(timer: TimerCall, fate: HandleFate, release: HandleRelease): void {
      const { call } = timer;
      const unref = fate.unref || release.unrefs.length > 0;
      const local = fate.stores.length === 1 ? effectLocal(fate.stores[0]) : null;
      if (local) {
        checkEffectLocal(timer, local.store, local.effect, release, unref);
        return;
      }
      const thisStore = fate.stores.find((store) => store.kind === 'member' && store.onThis);
      const owner = thisStore ? methodOwner(sourceCode, call) : null;
      // A base class this file does not show may clear the field itself.
      if (owner?.unknownBase) return;
      const path = owner ? teardownPath(sourceCode, owner) : null;
      const once = repetition().repetitionOf(call).kind === 'once';
      if (timer.kind === 'timeout') {
        if (isReleased(release) || unref || isImmediate(call) || isPendingFlag(call, release, owner)) return;
        // Started once (module top level, start-up code): one callback, released when it fires.
        if (once && !owner) return;
      } else {
        if (unref && repetition().repetitionOf(call).kind === 'once') return;
        if (owner && thisStore && path && path.teardowns.length > 0) {
          checkTeardown(timer, thisStore, owner, release);
          return;
        }
        if (isReleased(release)) return;
      }
      const store = thisStore ?? fate.stores[0];
      if (!store) return;
      const teardown = owner && thisStore && path ? path.teardowns[0] : undefined;
      const fix = owner && teardown ? teardownFix(owner, teardown, `${timer.clearText}(${store.text});`) : null;
      report({
        node: call.callee,
        messageId: 'neverCleared',
        data: {
          timer: timer.kind,
          where: whereStarted(call),
          storage: store.text,
          retention: retention(call),
          until:
            timer.kind === 'interval' ? 'for the life of the process' : 'until it fires, and nothing can cancel it',
        },
        suggest:
          fix && teardown
            ? [{ messageId: 'clearInTeardown', data: { clear: timer.clearText, storage: store.text, teardown }, fix }]
            : timer.kind === 'interval' && once && !owner
              ? unrefFix(call)
              : [],
      });
    }

    /**
     * A run-once interval in Node code (a heartbeat at the top level): `.unref()` makes it a deliberate
     * process-lifetime timer, which this rule accepts. Only where the handle is the call's own value (a statement or a
     * variable's initialiser) and the file is Node's: a browser's `setInterval` returns a number, with no `.unref()`.
     */
    function unrefFix(call: TSESTree.CallExpression): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const parent = call.parent;
      const direct =
        parent?.type === AST_NODE_TYPES.ExpressionStatement ||
        (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === call);
      const callee = unwrap(call.callee);
      const host =
        callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier
          ? callee.object.name
          : null;
      if (!direct || host === 'window' || host === 'self' || !NODE_FILE.test(sourceCode.text)) return [];
      return [{ messageId: 'unrefAtStartUp', fix: (fixer) => fixer.insertTextAfter(call, '.unref()') }];
    }

    /** Case 3: the owner has a teardown; is the interval's field cleared on the way? */
    function checkTeardown(timer: TimerCall, store: HandleStore, owner: MethodOwner, release: HandleRelease): void {
      const path = teardownPath(sourceCode, owner);
      if (release.escapes.length > 0 || release.opaque || path.passesThis) return;
      if (release.clears.some((clear) => path.functions.some((fn) => contains(fn, clear)))) return;
      // Cleared in a callback (`socket.on('close', () => clearInterval(this.timer))`), or in a method that runs from one
      // (`this.on('close', this.onClose)`) or from outside: torn down by a path this file does not spell out.
      if (
        release.clears.some((clear) => {
          const method = directMethodOf(owner, clear);
          return method === null || !runsOnlyFromMethods(sourceCode, owner, method);
        })
      ) {
        return;
      }
      const teardown = path.teardowns[0];
      if (teardown === undefined) return;
      const fn = enclosingFunction(timer.call);
      const fix = teardownFix(owner, teardown, `${timer.clearText}(${store.text});`);
      report({
        node: timer.call.callee,
        messageId: 'teardownMisses',
        data: {
          teardown,
          starter: fn ? describeFunction(fn) : `the field initializer of ${owner.name}`,
          storage: store.text,
          retention: retention(timer.call),
        },
        suggest: fix
          ? [{ messageId: 'clearInTeardown', data: { clear: timer.clearText, storage: store.text, teardown }, fix }]
          : [],
      });
    }

    /** Case 4 for a handle kept in a local of an effect's setup. */
    function checkEffectLocal(
      timer: TimerCall,
      store: HandleStore & { kind: 'variable' },
      effect: EffectSetup,
      release: HandleRelease,
      unref: boolean,
    ): void {
      const cleanups = effectCleanups(sourceCode, effect.setup);
      if (cleanups.opaque || release.escapes.length > 0) return;
      if (timer.kind === 'timeout' && (unref || isImmediate(timer.call) || isPendingFlag(timer.call, release, null)))
        return;
      const name = store.variable.name;
      if (cleanups.functions.length === 0) {
        if (release.clears.length > 0) return; // cleared in the setup itself (`if (done) clearInterval(id)`): bounded
        const fix =
          cleanups.returns.length === 0
            ? returnAtEnd(sourceCode, effect.setup, `() => ${timer.clearText}(${name})`)
            : null;
        reportEffect(
          timer,
          effect,
          'the effect returns no cleanup',
          fix && { messageId: 'returnCleanup', data: { clear: timer.clearText, name }, fix },
        );
        return;
      }
      if (isUsedByCleanup(store.variable, cleanups.functions, effect.setup)) return;
      const [only] = cleanups.functions;
      const fix =
        cleanups.functions.length === 1 && only
          ? insertInBody(sourceCode, only, `${timer.clearText}(${name});`, 'first')
          : null;
      reportEffect(
        timer,
        effect,
        `its cleanup never clears \`${name}\``,
        fix && { messageId: 'clearInCleanup', data: { clear: timer.clearText, name }, fix },
      );
    }

    function reportEffect(
      timer: TimerCall,
      effect: EffectSetup,
      reason: string,
      suggestion: TSESLint.SuggestionReportDescriptor<MessageIds> | null,
    ): void {
      report({
        node: timer.call.callee,
        messageId: 'effectLeaks',
        data: { timer: timer.kind, hook: effect.hook, reason, retention: retention(timer.call) },
        suggest: suggestion ? [suggestion] : [],
      });
    }

    /** The store is a local of an effect's setup (declared in it, not in a nested function). */
    function effectLocal(
      store: HandleStore | undefined,
    ): { store: HandleStore & { kind: 'variable' }; effect: EffectSetup } | null {
      if (store?.kind !== 'variable') return null;
      const block = store.variable.scope.variableScope.block;
      const effect = isFunction(block) ? effectSetupOf(block) : null;
      return effect ? { store, effect } : null;
    }

    /** A timeout kept only to know whether one is pending: its callback (or what that calls) resets the handle. */
    function isPendingFlag(call: TSESTree.CallExpression, release: HandleRelease, owner: MethodOwner | null): boolean {
      if (release.resets.length === 0) return false;
      const bodies = callbackBodies(call, owner ?? methodOwner(sourceCode, call));
      return release.resets.some((reset) => bodies.some((body) => contains(body, reset)));
    }

    /** The functions a timer's callback runs: itself, a named local function or method, and those it calls directly. */
    function callbackBodies(call: TSESTree.CallExpression, owner: MethodOwner | null): FunctionNode[] {
      const first = call.arguments[0];
      if (!first) return [];
      const bodies: FunctionNode[] = [];
      const add = (node: TSESTree.Node): void => {
        const target = calledFunction(unwrap(node), owner);
        if (target && !bodies.includes(target)) bodies.push(target);
      };
      add(first);
      const [callback] = bodies;
      if (callback) {
        const calls: TSESTree.Node[] = [callback.body];
        for (let node = calls.pop(); node; node = calls.pop()) {
          if (node.type === AST_NODE_TYPES.CallExpression) add(node.callee);
          if (isFunction(node)) continue; // nested callbacks run later, if at all
          pushChildren(sourceCode, node, calls);
        }
      }
      return bodies;
    }

    /** The function an expression denotes: a literal, a local function by name, `this.method`, `this.method.bind(this)`. */
    function calledFunction(node: TSESTree.Node, owner: MethodOwner | null): FunctionNode | null {
      if (isFunction(node)) return node;
      if (node.type === AST_NODE_TYPES.Identifier) return localFunction(sourceCode, node, sourceCode.ast);
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrap(node.callee);
        return callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'bind'
          ? calledFunction(unwrap(callee.object), owner)
          : null;
      }
      if (
        node.type === AST_NODE_TYPES.MemberExpression &&
        unwrap(node.object).type === AST_NODE_TYPES.ThisExpression &&
        owner
      ) {
        const name = propertyName(node);
        return name === null ? null : (owner.methods.get(name) ?? null);
      }
      return null;
    }

    /** Whether a cleanup uses the variable: directly, or through a local function of the setup it calls. */
    function isUsedByCleanup(
      variable: TSESLint.Scope.Variable,
      cleanups: readonly FunctionNode[],
      setup: FunctionNode,
    ): boolean {
      for (const reference of variable.references) {
        if (reference.init) continue;
        for (let fn = enclosingFunction(reference.identifier); fn && fn !== setup; fn = enclosingFunction(fn)) {
          if (cleanups.includes(fn)) return true;
          const name =
            fn.type === AST_NODE_TYPES.FunctionDeclaration
              ? fn.id
              : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier
                ? fn.parent.id
                : null;
          const local = name ? resolve(sourceCode, name) : null;
          if (local?.references.some((use) => cleanups.some((cleanup) => contains(cleanup, use.identifier))))
            return true;
        }
      }
      return false;
    }

    // --- Wording -----------------------------------------------------------------------------------------------

    /** "in `start()`", "in the callback passed to `app.get()`", "at the top level of the module". */
    function whereStarted(call: TSESTree.CallExpression): string {
      const fn = enclosingFunction(call);
      if (fn) return `in ${describeFunction(fn)}`;
      const owner = methodOwner(sourceCode, call);
      return owner ? `in a field of ${owner.name}` : 'at the top level of the module';
    }

    /** What the timer keeps alive: "its callback keeps `req` alive", "the function `increment()` returned stays alive". */
    function retention(call: TSESTree.CallExpression): string {
      const first = call.arguments[0];
      const callback = first && first.type !== AST_NODE_TYPES.SpreadElement ? unwrap(first) : null;
      if (!callback) return 'its callback stays alive';
      if (isFunction(callback)) return keeps('its callback', callbackCaptures(sourceCode, callback));
      if (callback.type === AST_NODE_TYPES.Identifier) {
        const fn = localFunction(sourceCode, callback, sourceCode.ast);
        return keeps(`its callback \`${callback.name}\``, fn ? callbackCaptures(sourceCode, fn) : []);
      }
      if (callback.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrap(callback.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'bind') {
          const bound = callback.arguments[0] && unwrap(callback.arguments[0]);
          if (bound?.type === AST_NODE_TYPES.ThisExpression) return keeps('its callback', ['this']);
          if (bound?.type === AST_NODE_TYPES.Identifier) return keeps('its callback', [bound.name]);
          return 'its callback stays alive';
        }
        const text = sourceCode.getText(callee);
        return text.length <= 40 ? `the closure that \`${text}()\` returned stays alive` : 'its callback stays alive';
      }
      if (callback.type === AST_NODE_TYPES.MemberExpression) {
        const text = sourceCode.getText(callback);
        return text.length <= 40 ? `its callback \`${text}\` stays alive` : 'its callback stays alive';
      }
      return 'its callback stays alive';
    }

    // --- Suggestions -------------------------------------------------------------------------------------------

    /** For an interval discarded (or returned) in an effect: keep the handle and return the cleanup. */
    function discardedFix(
      timer: TimerCall,
      effect: EffectSetup,
    ): TSESLint.SuggestionReportDescriptor<MessageIds> | null {
      const { setup } = effect;
      const name = freshName('intervalId', (candidate) => isTakenAround(setup, candidate), 9);
      if (name === null) return null;
      const cleanup = `() => ${timer.clearText}(${name})`;
      const data = { name, clear: timer.clearText };
      const callText = sourceCode.getText(timer.call);
      if (setup.body.type !== AST_NODE_TYPES.BlockStatement) {
        if (unwrap(setup.body) !== timer.call) return null;
        const outer = indentOf(sourceCode, setup);
        const inner = `${outer}  `;
        const body = setup.body;
        return {
          messageId: 'keepAndReturnCleanup',
          data,
          fix: (fixer) =>
            fixer.replaceText(
              body,
              `{${eol}${inner}const ${name} = ${callText};${eol}${inner}return ${cleanup};${eol}${outer}}`,
            ),
        };
      }
      const statement = timer.call.parent;
      if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== setup.body) return null;
      if (effectCleanups(sourceCode, setup).returns.length > 0) return null;
      const returnCleanup = returnAtEnd(sourceCode, setup, cleanup);
      if (!returnCleanup) return null;
      return {
        messageId: 'keepAndReturnCleanup',
        data,
        fix: (fixer) => [fixer.insertTextBefore(statement, `const ${name} = `), returnCleanup(fixer)],
      };
    }

    /** `clearInterval(this.timer);` first in the owner's teardown method. */
    function teardownFix(owner: MethodOwner, teardown: string, statement: string): TSESLint.ReportFixFunction | null {
      const fn = owner.methods.get(teardown);
      return fn && fn.body.type === AST_NODE_TYPES.BlockStatement
        ? insertInBody(sourceCode, fn, statement, 'first')
        : null;
    }

    /** Whether `name` is used in `fn` or declared around it. */
    function isTakenAround(fn: FunctionNode, name: string): boolean {
      if (occursAsWord(sourceCode.getText(fn), name)) return true;
      for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(fn); scope; scope = scope.upper)
        if (scope.set.has(name)) return true;
      return false;
    }

    /** `statement` before `before`: on a line of its own when `before` starts its line, else on the same line. */
    function insertBeforeFix(before: TSESTree.Node, statement: string): TSESLint.ReportFixFunction {
      const separator = statementSeparator(sourceCode, before);
      return (fixer) => fixer.insertTextBefore(before, `${statement}${separator}`);
    }

    function checkClear(call: TSESTree.CallExpression): void {
      const clear = clearCallOf(sourceCode, call);
      if (clear === null) return;
      const argument = call.arguments[0];
      if (!argument) {
        report({ node: call, messageId: 'clearWithoutHandle', data: { clear } });
        return;
      }
      if (argument.type === AST_NODE_TYPES.SpreadElement || !isFresh(argument)) return;
      const text = sourceCode.getText(argument);
      report({
        node: call,
        messageId: 'clearFreshValue',
        data: { clear, argument: text.length <= 30 ? text : `${text.slice(0, 27)}…` },
      });
    }

    return {
      'Program:exit'() {
        const index = timerIndex(sourceCode);
        for (const call of index.timerCalls) {
          const timer = timerCallOf(sourceCode, call);
          if (timer) checkTimer(timer);
        }
        for (const call of index.clearCalls) checkClear(call);
      },
    };
  },
});

/** `setTimeout(fn)`, `setTimeout(fn, 0)`: it fires on the next turn of the event loop, so cancelling it is moot. */
function isImmediate(call: TSESTree.CallExpression): boolean {
  const delay = call.arguments[1];
  return !delay || (delay.type === AST_NODE_TYPES.Literal && delay.value === 0);
}

/** `setTimeout(fn, 500)`: a literal delay under a second. A handle lost for that long is not worth a report. */
function isShort(call: TSESTree.CallExpression): boolean {
  const delay = call.arguments[1];
  return !delay || (delay.type === AST_NODE_TYPES.Literal && typeof delay.value === 'number' && delay.value < 1000);
}

/** "its callback keeps `req` and `res` alive", or "… stays alive" when it keeps nothing of its surroundings. */
function keeps(subject: string, names: readonly string[]): string {
  if (names.length === 0) return `${subject} stays alive`;
  const shown = names.slice(0, 3).map((name) => `\`${name}\``);
  const more = names.length - shown.length;
  const list =
    more > 0
      ? `${shown.join(', ')} and ${more} more`
      : shown.length > 1
        ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`
        : (shown[0] ?? '');
  return `${subject} keeps ${list} alive`;
}

/**
 * clear-interval: adds the clearInterval scaffolding no-leaked-timer asks for, wherever that rule reports an interval
 * that is discarded or never cleared. It runs the rule on the file and fixes exactly its reports (an
 * `eslint-disable` comment for the rule is honoured), reading the same analysis (src/analysis/timers.ts).
 *
 * 1. The handle is captured when it is discarded: in a `const` with a name no identifier of the file uses
 *    (`intervalId`, `intervalId2`, …), or in `this.<field>` when the interval starts in a method of a class (or of a
 *    constructor function or object literal) — in TypeScript, a class also gets the field's declaration. The capture
 *    goes before the statement's parentheses (`(setInterval(…));`) and drops a `void`.
 * 2. The clear goes where the owner is torn down:
 *    - a React effect (`useEffect`, `useLayoutEffect`): its cleanup. A setup with no cleanup returns
 *      `() => clearInterval(id)` (an expression-bodied setup becomes a block); an existing cleanup gets the clear first
 *      (an expression-bodied cleanup becomes a block that still returns its value);
 *    - a class whose interval starts in one of its methods: its teardown method (`close`, `destroy`, `dispose`, `stop`,
 *      `shutdown`, `disconnect`, `unmount`, `componentWillUnmount`, `disconnectedCallback`, `[Symbol.dispose]`), but
 *      not the teardown that starts it (a clear before the start would stop only the previous interval);
 *    - a method assigned through a path (`Worker.start = function`) beside a teardown assigned through the same path
 *      (`Worker.stop = function`): that teardown, with a discarded handle kept at the path (`Worker.intervalId`);
 *    - a per-connection or per-request handler: a `close`/`end`/`disconnect` listener it adds to one of its
 *      parameters, else a new `socket.on('close')` (a Node or ws server's `connection`) or `res.on('close')` (a
 *      Node server's or express route's request);
 *    - code that runs once, with a Node server in scope (`http.createServer()`, `app.listen()` of express or koa,
 *      declared before): `server.on('close', () => clearInterval(id))`;
 *    - a handle kept in the module's own scope: the module's teardown, a function registered below it for the
 *      process's end (`process.on('exit' | 'beforeExit' | 'SIGTERM' | 'SIGINT', fn)`, a signal's handler only when it
 *      ends something) or one it exports by a teardown name (`exports.close = function …`,
 *      `module.exports.shutdown = shutdown`).
 * 3. Where there is no teardown (module top level, a plain function, a class without a teardown method, or only the
 *    one the interval starts in) it adds the capture and a `// TODO(leakproof): clearInterval(<name>) when <owner> is
 *    done` comment above it, and lists the place as needing a decision. Code quoted there is put on one line (and
 *    elided when long). It never invents an API (no new method, no new event).
 * Places it cannot rewrite safely (a handle discarded inside an expression, an interval in a loop of a method or an
 * effect, an effect with several cleanups or early returns after the interval) are left alone and listed.
 *
 * After it runs, no-leaked-timer is silent on every place it completed, and a second run changes nothing (a place
 * with its TODO is only listed again). Only intervals: a timeout fires once and lets go. Edits are spliced into the
 * text in the file's line endings and indentation; the output is parsed again before it is returned.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Linter, Rule } from 'eslint';
import {
  enclosingFunction,
  enclosingFunctionOrProgram,
  isFunction,
  propertyName,
  resolve,
  unwrap,
  type FunctionNode,
  contains,
  someDescendant,
  isExportsObject,
  requiredModule,
  LOOP_STATEMENTS,
} from '../src/analysis/ast.js';
import { describeFunction, freshName } from '../src/analysis/fixes.js';
import { analyseRepetition, type RepetitionAnalysis } from '../src/analysis/repetition.js';
import {
  handleFate,
  handleReleaseOf,
  timerCallOf,
  timerIndex,
  type HandleStore,
  type TimerCall,
} from '../src/analysis/timers.js';
import {
  isParseFailure,
  isTypeScript,
  lintText,
  moduleKindOf,
  quickParseError,
  strictParseError,
  type ParsedFile,
  type SourceType,
} from '../src/codemods/parse.js';
import { applyEdits, BOM, commentQuote, withoutBom, type Edit } from '../src/codemods/source-text.js';
import { isListStatement, StatementEditor } from '../src/codemods/statement-edits.js';
import {
  jscodeshiftTransform,
  skip,
  unchanged,
  type Codemod,
  type CodemodOutcome,
  type ReviewNote,
  type SkipReason,
} from '../src/codemods/types.js';
import noLeakedTimer from '../rules/no-leaked-timer.js';
import {
  directMethodOf,
  enclosingMethodOf,
  methodOwner,
  MODULE_TEARDOWN_EXPORTS,
  pathMethodOwner,
  teardownPath,
  type MethodOwner,
} from '../src/analysis/owners.js';
import { effectCleanups, effectSetupOf, type EffectSetup } from '../src/analysis/lifecycle.js';
import { ADD_METHODS } from '../src/analysis/listener-methods.js';

export const name = 'clear-interval';

const RULE = 'no-leaked-timer';
const RULES = { [RULE]: noLeakedTimer as unknown as Rule.RuleModule };
/** The reports this codemod fixes; the rest (timeouts, clears without a handle) are not interval scaffolding. */
const FIXED_MESSAGES = new Set(['discarded', 'neverCleared', 'teardownMisses', 'effectLeaks']);
export const TODO_MARK = 'TODO(leakproof)';
/** The longest clear call a TODO quotes whole; a longer one (a handle kept in a long expression) is elided. */
const TODO_QUOTE_LIMIT = 100;
const SERVER_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls', 'ws']);
const SERVER_FACTORIES = new Set(['createServer', 'createSecureServer']);
/**
 * The process events a module's clean-up runs on, where the codemod clears a module's intervals: the process's end and
 * the signals that ask for it. (Narrower than the events whose listeners run once: not `uncaughtException`.)
 */
const SHUTDOWN_PROCESS_EVENTS = new Set(['exit', 'beforeExit', 'SIGTERM', 'SIGINT']);
/** The events that end a connection, a socket or a response: a listener for one is where its intervals are cleared. */
const CONNECTION_END_EVENTS = new Set(['close', 'end', 'disconnect']);
/** express's routing methods: their handlers run per request, with the response second. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use']);
/** The signals a process may go on running after: a handler for one is a teardown only when it ends something. */
const SIGNALS = new Set(['SIGTERM', 'SIGINT']);

export function run(source: string, file: string): CodemodOutcome {
  const { text, bom } = withoutBom(source);
  if (!/\bsetInterval\b/.test(text)) {
    // Nothing to do, if it parses: a file that does not is reported as such, not as unchanged.
    const error = quickParseError(text, file);
    return error
      ? skip(source, [{ category: 'cannot parse', line: error.line, message: `cannot parse: ${error.message}` }])
      : unchanged(source);
  }
  const parsed = parse(text, file);
  if (isParseFailure(parsed))
    return skip(source, [{ category: 'cannot parse', line: parsed.line, message: `cannot parse: ${parsed.message}` }]);

  const planner = new Planner(parsed.sourceCode, isTypeScript(file));
  for (const message of parsed.messages) {
    if (message.ruleId !== `leakproof/${RULE}` || !FIXED_MESSAGES.has(message.messageId ?? '')) continue;
    planner.fix(message);
  }
  const edits = planner.edits();
  if (edits.length === 0) return unchanged(source, planner.review, planner.leftAlone);

  const output = applyEdits(text, edits);
  const again = lintText(output, file, { rules: {}, sourceType: parsed.sourceType, inlineConfig: true });
  if (isParseFailure(again)) throw new Error(`the output does not parse: ${again.message} (line ${again.line})`);
  // A file that jscodeshift's parser reads must still be read by it.
  if (strictParseError(text, file) === null) {
    const error = strictParseError(output, file);
    if (error) throw new Error(`the output does not parse: ${error.message} (line ${error.line})`);
  }
  return { status: 'changed', output: (bom ? BOM : '') + output, skipped: planner.leftAlone, review: planner.review };
}

/** The reports of no-leaked-timer this codemod is about (discarded or never-cleared intervals), as it reads the file. */
export function intervalReports(source: string, file: string): Linter.LintMessage[] {
  const parsed = parse(withoutBom(source).text, file);
  if (isParseFailure(parsed)) return [];
  const calls = timerIndex(parsed.sourceCode).timerCalls;
  return parsed.messages.filter((message) => {
    if (message.ruleId !== `leakproof/${RULE}` || !FIXED_MESSAGES.has(message.messageId ?? '')) return false;
    const call = calls.find(
      (candidate) =>
        candidate.callee.loc.start.line === message.line && candidate.callee.loc.start.column + 1 === message.column,
    );
    return call !== undefined && timerCallOf(parsed.sourceCode, call)?.kind === 'interval';
  });
}

/** The way leakproof scan parses the file: TypeScript and ES modules as modules, other JavaScript as CommonJS. */
function parse(text: string, file: string): ParsedFile | { line: number; message: string } {
  const kind = moduleKindOf(file);
  const sourceType: SourceType = isTypeScript(file)
    ? file.endsWith('.cts')
      ? 'commonjs'
      : 'module'
    : kind === 'module'
      ? 'module'
      : 'commonjs';
  const parsed = lintText(text, file, { rules: RULES, sourceType, inlineConfig: true });
  if (isParseFailure(parsed) && kind === 'detect') {
    const asModule = lintText(text, file, { rules: RULES, sourceType: 'module', inlineConfig: true });
    if (!isParseFailure(asModule)) return asModule;
  }
  return parsed;
}

/** Where the clears go, gathered per target so that several intervals of one owner make one edit. */
class Planner {
  readonly review: ReviewNote[] = [];
  readonly leftAlone: SkipReason[] = [];
  private readonly direct: Edit[] = [];
  /** Effect setups that get a new `return () => …` cleanup, with the handles it clears. */
  private readonly newCleanups = new Map<FunctionNode, { clear: string; name: string }[]>();
  /** Existing functions (cleanups, teardown methods) that get statements first in their body. */
  private readonly prepends = new Map<FunctionNode, string[]>();
  /** TypeScript classes that get field declarations. */
  private readonly fields = new Map<TSESTree.ClassBody, string[]>();
  /** Effect setups rewritten whole (an expression-bodied setup); nothing else may touch them. */
  private readonly rewritten = new Set<FunctionNode>();
  private readonly taken: Set<string>;
  private readonly editor: StatementEditor;
  private repetitionAnalysis: RepetitionAnalysis | null = null;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly typescript: boolean,
  ) {
    this.editor = new StatementEditor(sourceCode);
    this.taken = namesInUse(sourceCode);
  }

  fix(message: Linter.LintMessage): void {
    const call = this.callAt(message);
    const timer = call ? timerCallOf(this.sourceCode, call) : null;
    if (!call || !timer || timer.kind !== 'interval') return;
    // A kept handle that is `.unref()`ed (`this.timer.unref()` next): it no longer holds the process open, as the
    // rule's docs advise for a heartbeat, and it can be cleared; a TODO there would only ask again. (A discarded
    // handle, `setInterval(…).unref()`, is still captured: nothing could clear it.)
    if (message.messageId !== 'effectLeaks' && this.isUnrefed(call)) return;
    switch (message.messageId) {
      case 'discarded':
        this.fixDiscarded(timer);
        break;
      case 'effectLeaks':
        this.fixEffect(timer);
        break;
      case 'teardownMisses':
        this.fixTeardownMiss(timer);
        break;
      default:
        this.fixNeverCleared(timer);
        break;
    }
  }

  private isUnrefed(call: TSESTree.CallExpression): boolean {
    const fate = handleFate(this.sourceCode, call);
    return fate.stores.some((store) => handleReleaseOf(this.sourceCode, store).unrefs.length > 0);
  }

  /** The timer call a report is about: the rule reports on its callee. */
  private callAt(message: Linter.LintMessage): TSESTree.CallExpression | null {
    for (const call of timerIndex(this.sourceCode).timerCalls) {
      const start = call.callee.loc.start;
      if (start.line === message.line && start.column + 1 === message.column) return call;
    }
    return null;
  }

  // --- The four reports ----------------------------------------------------------------------------------------

  private fixDiscarded(timer: TimerCall): void {
    const discard = discardedStatement(timer.call);
    if (!discard) {
      this.leave(timer, 'its handle is discarded inside an expression; keep it in a variable by hand');
      return;
    }
    const method = this.methodOf(timer.call);
    if (method) {
      this.captureInField(timer, discard, method.owner, method.fn, method.holder);
      return;
    }
    const fn = enclosingFunction(timer.call);
    const handle = this.freshName('intervalId');
    const capture = this.captureInVariable(discard, handle);
    if (!capture) {
      this.leave(timer, 'the statement is not in a block where a variable can be declared');
      return;
    }
    if (fn && capture.anchor.parent === fn.body && this.clearWhenConnectionEnds(timer, fn, capture.anchor, handle))
      return;
    const server =
      this.repetition().repetitionOf(timer.call).kind === 'once' ? this.serverInScope(capture.anchor) : null;
    if (server) {
      this.direct.push(
        this.editor.insertBelow(capture.anchor, [
          this.editor.statement(`${server}.on('close', ${this.editor.callback(`${timer.clearText}(${handle})`)})`),
        ]),
      );
      return;
    }
    // Only a handle declared in the module's own scope is visible to its teardown.
    const moduleTeardown =
      !fn && capture.anchor.parent?.type === AST_NODE_TYPES.Program ? this.moduleTeardown(capture.anchor) : null;
    if (moduleTeardown) {
      this.prepend(moduleTeardown, this.editor.statement(`${timer.clearText}(${handle})`));
      return;
    }
    this.addTodo(
      timer,
      capture.anchor,
      `${timer.clearText}(${handle})`,
      fn ? describeFunction(fn).replaceAll('`', '') : 'the module',
    );
  }

  private fixEffect(timer: TimerCall): void {
    const fate = handleFate(this.sourceCode, timer.call);
    const [store] = fate.stores;
    const local = fate.stores.length === 1 && store ? effectLocalOf(store) : null;
    const fn = enclosingFunction(timer.call);
    const effect = local?.effect ?? (fn ? effectSetupOf(fn) : null);
    if (!effect || this.rewritten.has(effect.setup)) {
      this.leave(timer, 'the effect it is started in cannot be rewritten');
      return;
    }
    const { setup } = effect;
    if (this.inLoop(timer.call, setup)) {
      this.leave(
        timer,
        `it starts in a loop of the \`${effect.hook}()\` setup, so one variable cannot hold every handle`,
      );
      return;
    }
    if (fate.returned && fate.stores.length === 0) {
      this.fixReturnedFromEffect(timer, effect, fate.returned);
      return;
    }
    if (local) {
      // Cleanups must be reachable from where the variable is declared: it may be assigned later, asynchronously.
      const declaration = local.variable.defs[0]?.parent ?? local.variable.defs[0]?.node ?? null;
      this.clearInCleanup(timer, effect, local.variable.name, declaration, local.variable);
      return;
    }
    const discard = fate.discarded ? discardedStatement(timer.call) : null;
    if (!discard || fn !== setup) {
      this.leave(timer, `its handle cannot be kept where the \`${effect.hook}()\` cleanup can see it`);
      return;
    }
    const handle = this.freshName('intervalId');
    const capture = this.captureInVariable(
      discard,
      handle,
      setup.body.type === AST_NODE_TYPES.BlockStatement ? setup.body : null,
    );
    if (!capture) {
      this.leave(timer, 'the statement is not in a block where a variable can be declared');
      return;
    }
    if (!this.clearInCleanup(timer, effect, handle, capture.anchor, null))
      this.direct.splice(this.direct.length - capture.edits, capture.edits);
  }

  /** `useEffect(() => setInterval(…))`, `return setInterval(…)`: React took the handle for a cleanup. */
  private fixReturnedFromEffect(timer: TimerCall, effect: EffectSetup, returned: TSESTree.Node): void {
    const { setup } = effect;
    const handle = this.freshName('intervalId');
    const cleanup = this.editor.statement(`return () => ${timer.clearText}(${handle})`);
    if (setup.body.type !== AST_NODE_TYPES.BlockStatement) {
      const value = this.initializerText(setup.body);
      this.direct.push(
        this.editor.replaceArrowBody(setup, [this.editor.statement(`const ${handle} = ${value}`), cleanup], true),
      );
      this.rewritten.add(setup);
      return;
    }
    if (returned.type !== AST_NODE_TYPES.ReturnStatement || !returned.argument || !isListStatement(returned)) {
      this.leave(timer, `the \`${effect.hook}()\` setup returns the handle where a statement cannot be added`);
      return;
    }
    const indent = this.editor.indentOf(returned);
    this.direct.push({
      start: returned.range[0],
      end: returned.range[1],
      text: `${this.editor.statement(`const ${handle} = ${this.initializerText(returned.argument)}`)}${this.editor.eol}${indent}${cleanup}`,
    });
  }

  private fixTeardownMiss(timer: TimerCall): void {
    const store = handleFate(this.sourceCode, timer.call).stores.find(
      (candidate) => candidate.kind === 'member' && candidate.onThis,
    );
    const owner = methodOwner(this.sourceCode, timer.call);
    // A teardown that starts the interval cannot clear it: a clear before the start stops only the previous one.
    const starter = owner ? enclosingMethodOf(owner, timer.call) : null;
    const teardown = owner ? this.teardownOf(owner, starter) : null;
    if (store && owner && starter && !teardown && this.isTeardown(owner, starter)) {
      const anchor = ownStatementOf(timer.call) ?? memberOrStatementOf(timer.call);
      if (anchor) {
        const clearCall = `${timer.clearText}(${store.text})`;
        this.addTodo(
          timer,
          anchor,
          clearCall,
          owner.name.replaceAll('`', ''),
          memberOrStatementOf(timer.call),
          this.startsInTeardown(owner, starter),
        );
        return;
      }
    }
    if (!store || !teardown) {
      this.leave(timer, 'its owner has no teardown method the codemod can add to');
      return;
    }
    this.prepend(teardown, this.editor.statement(`${timer.clearText}(${store.text})`));
  }

  private fixNeverCleared(timer: TimerCall): void {
    const fate = handleFate(this.sourceCode, timer.call);
    const store = fate.stores.find((candidate) => candidate.kind === 'member' && candidate.onThis) ?? fate.stores[0];
    const anchor = memberOrStatementOf(timer.call);
    if (!store || !anchor) {
      this.leave(timer, 'the codemod cannot tell where its handle is kept');
      return;
    }
    if (
      store.kind === 'variable' &&
      this.repetition().repetitionOf(timer.call).kind === 'once' &&
      store.variable.scope.block === enclosingFunctionOrProgram(anchor)
    ) {
      const server = this.serverInScope(anchor);
      if (server) {
        this.direct.push(
          this.editor.insertBelow(anchor, [
            this.editor.statement(
              `${server}.on('close', ${this.editor.callback(`${timer.clearText}(${store.text})`)})`,
            ),
          ]),
        );
        return;
      }
      const moduleTeardown =
        store.variable.scope.block.type === AST_NODE_TYPES.Program ? this.moduleTeardown(anchor) : null;
      if (moduleTeardown) {
        this.prepend(moduleTeardown, this.editor.statement(`${timer.clearText}(${store.text})`));
        return;
      }
    }
    const fn = enclosingFunction(timer.call);
    if (fn && this.clearInSiblingTeardown(timer, fn, store)) return;
    if (
      fn &&
      store.kind === 'variable' &&
      store.variable.scope.block === fn &&
      this.clearWhenConnectionEnds(timer, fn, anchor, store.text)
    )
      return;
    const owner = store.kind === 'member' && store.onThis ? methodOwner(this.sourceCode, timer.call) : null;
    const ownerName = owner
      ? owner.name.replaceAll('`', '')
      : fn
        ? describeFunction(fn).replaceAll('`', '')
        : 'the module';
    // A variable declared apart from the statement that stores the handle (`let id;` … `id = setInterval()`) has the TODO above its declaration.
    const declaration = store.kind === 'variable' ? memberOrStatementOf(store.variable.defs[0]?.name ?? anchor) : null;
    this.addTodo(timer, anchor, `${timer.clearText}(${store.text})`, ownerName, declaration);
  }

  // --- Owners -------------------------------------------------------------------------------------------------

  /**
   * The method a call runs in directly (no function in between), with its owner and what holds the owner's state
   * there (`this`, or the path its methods are assigned through: `God.Worker`), unless it is static.
   */
  private methodOf(call: TSESTree.CallExpression): { owner: MethodOwner; fn: FunctionNode; holder: string } | null {
    const owner = methodOwner(this.sourceCode, call);
    const fn = owner ? directMethodOf(owner, call) : null;
    if (!owner || !fn) {
      // `God.Worker.start = function () {…}` beside `God.Worker.stop = function () {…}`: the object at that path.
      const around = enclosingFunction(call);
      const pathOwner = around ? pathMethodOwner(around) : null;
      return around && pathOwner && this.teardownOf(pathOwner, around)
        ? { owner: pathOwner, fn: around, holder: pathOwner.path }
        : null;
    }
    // A plain function is an owner only when it is a constructor: it has prototype methods.
    const isFunctionOwner =
      owner.node.type === AST_NODE_TYPES.FunctionDeclaration || owner.node.type === AST_NODE_TYPES.VariableDeclarator;
    if (isFunctionOwner && owner.methods.size < 2) return null;
    const definition = fn.parent;
    if (
      (definition?.type === AST_NODE_TYPES.MethodDefinition ||
        definition?.type === AST_NODE_TYPES.PropertyDefinition) &&
      definition.static
    )
      return null;
    return { owner, fn, holder: 'this' };
  }

  /** The first teardown method of an owner (not `except`, not static), or null. */
  private teardownOf(owner: MethodOwner, except: FunctionNode | null): FunctionNode | null {
    for (const name of teardownPath(this.sourceCode, owner).teardowns) {
      const fn = owner.methods.get(name);
      const definition = fn?.parent;
      if (!fn || fn === except) continue;
      if (
        (definition?.type === AST_NODE_TYPES.MethodDefinition ||
          definition?.type === AST_NODE_TYPES.PropertyDefinition) &&
        definition.static
      )
        continue;
      if (definition?.type === AST_NODE_TYPES.MethodDefinition && definition.kind !== 'method') continue;
      return fn;
    }
    return null;
  }

  /**
   * A kept handle of an interval started in a method assigned through a path (`Worker.start = function`), cleared in
   * the teardown beside it (`Worker.stop = function`) when that can reach the handle: `this.timer` (both are called
   * on the same object), the same path, or a variable declared around both.
   */
  private clearInSiblingTeardown(timer: TimerCall, fn: FunctionNode, store: HandleStore): boolean {
    const owner = pathMethodOwner(fn);
    const teardown = owner ? this.teardownOf(owner, fn) : null;
    if (!owner || !teardown) return false;
    const reachable =
      store.kind === 'variable'
        ? contains(store.variable.scope.variableScope.block, teardown)
        : store.onThis || store.text.startsWith(`${owner.path}.`);
    if (!reachable) return false;
    this.prepend(teardown, this.editor.statement(`${timer.clearText}(${store.text})`));
    return true;
  }

  /**
   * A handle kept in a variable of a per-connection or per-request handler, cleared when that connection ends: in a
   * `close`/`end`/`disconnect` listener the handler already adds to one of its parameters, or else in a new
   * `close` listener on the socket a Node or ws server hands to its `connection` handler, or on the response of a
   * request handler (`http.createServer((req, res) => …)`, `server.on('request', …)`, express's `app.get(…)`).
   * `anchor` is the statement that declares the handle, directly in the handler's body.
   */
  private clearWhenConnectionEnds(timer: TimerCall, fn: FunctionNode, anchor: TSESTree.Node, handle: string): boolean {
    const clear = `${timer.clearText}(${handle})`;
    const parameters = new Set(
      fn.params.flatMap((parameter) => (parameter.type === AST_NODE_TYPES.Identifier ? [parameter.name] : [])),
    );
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement || parameters.size === 0) return false;
    for (const statement of fn.body.body) {
      const listener = statement.type === AST_NODE_TYPES.ExpressionStatement ? endListener(statement.expression) : null;
      if (listener && parameters.has(listener.emitter) && resolvesToParameter(this.sourceCode, listener.node, fn)) {
        this.prepend(listener.handler, this.editor.statement(clear));
        return true;
      }
    }
    const connection = this.connectionParameter(fn);
    if (connection === null) return false;
    this.direct.push(
      this.editor.insertBelow(anchor, [
        this.editor.statement(`${connection}.on('close', ${this.editor.callback(clear)})`),
      ]),
    );
    return true;
  }

  /** The parameter that ends with the connection, when `fn` handles a known server's connections or requests. */
  private connectionParameter(fn: FunctionNode): string | null {
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === fn))
      return null;
    const callee = unwrap(call.callee);
    const name =
      callee.type === AST_NODE_TYPES.MemberExpression
        ? propertyName(callee)
        : callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : null;
    let index: number | null = null;
    if (name !== null && SERVER_FACTORIES.has(name) && this.isServer(call)) index = 1;
    else if (callee.type === AST_NODE_TYPES.MemberExpression && name !== null) {
      const [event] = call.arguments;
      const eventName = event?.type === AST_NODE_TYPES.Literal ? event.value : null;
      if (ADD_METHODS.has(name) && this.holdsServer(callee.object))
        index = eventName === 'connection' ? 0 : eventName === 'request' ? 1 : null;
      else if (ROUTE_METHODS.has(name) && this.appKind(callee.object) === 'express') index = 1;
    }
    const parameter = index === null ? undefined : fn.params[index];
    return parameter?.type === AST_NODE_TYPES.Identifier ? parameter.name : null;
  }

  /** `this.intervalId = setInterval(…)` in a method, cleared in the owner's teardown (or a TODO without one). */
  private captureInField(
    timer: TimerCall,
    discard: Discard,
    owner: MethodOwner,
    method: FunctionNode,
    holder: string,
  ): void {
    const classBody =
      owner.node.type === AST_NODE_TYPES.ClassDeclaration || owner.node.type === AST_NODE_TYPES.ClassExpression
        ? owner.node.body
        : null;
    if (this.typescript && !classBody) {
      this.leave(timer, `TypeScript does not let the codemod add a field to ${owner.name.replaceAll('`', '')}`);
      return;
    }
    if (this.inLoop(timer.call, method)) {
      this.leave(timer, 'it starts in a loop, so one field cannot hold every handle');
      return;
    }
    const field = this.freshName('intervalId');
    this.direct.push(...this.keep(discard, `${holder}.${field} = `));
    if (this.typescript && classBody) {
      const declarations = this.fields.get(classBody) ?? [];
      declarations.push(this.editor.statement(`private ${field}?: ReturnType<typeof ${typeQueryName(timer)}>`));
      this.fields.set(classBody, declarations);
    }
    const teardown = this.teardownOf(owner, method);
    if (teardown) {
      this.prepend(teardown, this.editor.statement(`${timer.clearText}(${holder}.${field})`));
      return;
    }
    const reason = this.isTeardown(owner, method) ? this.startsInTeardown(owner, method) : undefined;
    this.addTodo(
      timer,
      discard.statement,
      `${timer.clearText}(${holder}.${field})`,
      owner.name.replaceAll('`', ''),
      null,
      reason,
    );
  }

  /**
   * Keeps a discarded handle in a new variable: `const name = …` when the statement is in a block, or `let name;`
   * before the enclosing statement of a block (`within`, when given) and `name = …` in place. Returns the statement
   * the variable is declared by (where a TODO or a following statement goes) and how many edits it pushed.
   */
  private captureInVariable(
    discard: Discard,
    handle: string,
    within: TSESTree.BlockStatement | null = null,
  ): { anchor: TSESTree.Node; edits: number } | null {
    const { statement } = discard;
    if (isListStatement(statement) && (within === null || statement.parent === within)) {
      const edits = this.keep(discard, `${this.editor.constKeyword} ${handle} = `);
      this.direct.push(...edits);
      return { anchor: statement, edits: edits.length };
    }
    let anchor: TSESTree.Node | null = statement;
    while (anchor && !isFunction(anchor) && !(isListStatement(anchor) && (within === null || anchor.parent === within)))
      anchor = anchor.parent ?? null;
    if (!anchor || isFunction(anchor)) return null;
    const edits = [
      this.editor.insertAbove(anchor, [this.editor.statement(`${this.editor.letKeyword} ${handle}`)]),
      ...this.keep(discard, `${handle} = `),
    ];
    this.direct.push(...edits);
    return { anchor, edits: edits.length };
  }

  /**
   * The edits that keep a discarded handle: `prefix` (`const id = `, `this.id = `) at the start of the statement,
   * before any parentheses around the call (`(setInterval(…));`), and every `void` dropped.
   */
  private keep({ statement, voids }: Discard, prefix: string): Edit[] {
    const edits: Edit[] = [{ start: statement.range[0], end: statement.range[0], text: prefix }];
    for (const node of voids) {
      const operator = this.sourceCode.getFirstToken(node);
      if (!operator) continue;
      const spaces = /[ \t]*/y;
      spaces.lastIndex = operator.range[1];
      edits.push({
        start: operator.range[0],
        end: operator.range[1] + (spaces.exec(this.sourceCode.text)?.[0].length ?? 0),
        text: '',
      });
    }
    return edits;
  }

  /** An expression written as a declaration's initializer: a sequence (`a(), b`) in parentheses. */
  private initializerText(node: TSESTree.Node): string {
    const text = this.sourceCode.getText(node);
    return node.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
  }

  /** The clear in an effect's cleanup: a new `return () => …` or the first statement of the one cleanup. */
  private clearInCleanup(
    timer: TimerCall,
    effect: EffectSetup,
    handle: string,
    anchor: TSESTree.Node | null,
    variable: TSESLint.Scope.Variable | null,
  ): boolean {
    const { setup, hook } = effect;
    const cleanups = effectCleanups(this.sourceCode, setup);
    if (
      cleanups.opaque ||
      cleanups.functions.length > 1 ||
      setup.body.type !== AST_NODE_TYPES.BlockStatement ||
      !anchor
    ) {
      this.leave(timer, `the \`${hook}()\` setup returns a cleanup the codemod cannot extend`);
      return false;
    }
    const [cleanup] = cleanups.functions;
    if (!cleanup) {
      // A new cleanup at the end of the setup: every return must come before the interval starts.
      const visible = variable === null || variable.scope.block === setup;
      if (!visible || cleanups.returns.some((statement) => statement.range[0] > anchor.range[0])) {
        this.leave(timer, `the \`${hook}()\` setup can return before a cleanup at its end would run`);
        return false;
      }
      const list = this.newCleanups.get(setup) ?? [];
      list.push({ clear: timer.clearText, name: handle });
      this.newCleanups.set(setup, list);
      return true;
    }
    // The one cleanup: returned after the interval starts, with no bare `return` in between, and able to see the handle.
    const late = cleanups.returns.some((statement) =>
      statement.argument ? statement.range[0] < anchor.range[1] : statement.range[0] > anchor.range[1],
    );
    const visible = variable === null || contains(variable.scope.block, cleanup);
    if (late || !visible) {
      this.leave(
        timer,
        late
          ? `the \`${hook}()\` setup returns its cleanup before the interval starts, or returns without it after`
          : `the \`${hook}()\` cleanup cannot see the handle`,
      );
      return false;
    }
    this.prepend(cleanup, this.editor.statement(`${timer.clearText}(${handle})`));
    return true;
  }

  /**
   * The module's own teardown, for a handle kept at module level by `anchor`: a function registered at top level,
   * below `anchor`, for the process's end (`process.on('exit' | 'SIGTERM' | 'SIGINT' | 'beforeExit', fn)`), or a
   * teardown the module exports (`exports.close = function …`, `module.exports.shutdown = shutdown` with `function
   * shutdown() {}`). The first in the file.
   */
  private moduleTeardown(anchor: TSESTree.Node): FunctionNode | null {
    for (const statement of this.sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const expression = unwrap(statement.expression);
      if (expression.type === AST_NODE_TYPES.CallExpression && statement.range[0] > anchor.range[1]) {
        const callee = unwrap(expression.callee);
        const [event, handler] = expression.arguments;
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          unwrap(callee.object).type === AST_NODE_TYPES.Identifier &&
          (unwrap(callee.object) as TSESTree.Identifier).name === 'process' &&
          resolve(this.sourceCode, unwrap(callee.object) as TSESTree.Identifier) === null &&
          ADD_METHODS.has(propertyName(callee) ?? '') &&
          event?.type === AST_NODE_TYPES.Literal &&
          SHUTDOWN_PROCESS_EVENTS.has(String(event.value)) &&
          handler &&
          isFunction(handler) &&
          (!SIGNALS.has(String(event.value)) || this.endsSomething(handler))
        )
          return handler;
      }
      if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
      const target = unwrap(expression.left);
      if (target.type !== AST_NODE_TYPES.MemberExpression || !MODULE_TEARDOWN_EXPORTS.has(propertyName(target) ?? ''))
        continue;
      if (!isExportsObject(unwrap(target.object))) continue;
      const value = unwrap(expression.right);
      if (isFunction(value)) return value;
      if (value.type === AST_NODE_TYPES.Identifier) {
        const definition = resolve(this.sourceCode, value)?.defs[0];
        if (definition?.type === 'FunctionName' && isFunction(definition.node)) return definition.node;
      }
    }
    return null;
  }

  /**
   * Whether a signal handler ends something: exits, or closes, stops or destroys an object. One that only logs keeps
   * the process running on purpose (a SIGINT it ignores), and its intervals with it.
   */
  private endsSomething(handler: FunctionNode): boolean {
    return someDescendant(this.sourceCode, handler.body, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = propertyName(callee) ?? '';
      return MODULE_TEARDOWN_EXPORTS.has(method) || method === 'exit' || method === 'kill';
    });
  }

  /** A variable declared before `anchor` (in a scope around it) holding a Node server, never reassigned: its name. */
  private serverInScope(anchor: TSESTree.Node): string | null {
    for (let scope: TSESLint.Scope.Scope | null = this.sourceCode.getScope(anchor); scope; scope = scope.upper) {
      for (const variable of scope.variables) {
        const definition = variable.defs[0];
        const declarator = definition?.node;
        if (variable.defs.length !== 1 || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init)
          continue;
        if (
          declarator.range[1] > anchor.range[0] ||
          variable.references.some((reference) => reference.isWrite() && !reference.init)
        )
          continue;
        if (this.isServer(declarator.init)) return variable.name;
      }
    }
    return null;
  }

  /** `http.createServer(…)` (also `.listen(…)` on it), `new net.Server()`, `app.listen(…)` of an express or koa app. */
  private isServer(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.NewExpression) {
      const callee = unwrap(value.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'Server')
        return this.moduleOf(callee.object) !== null && SERVER_MODULES.has(this.moduleOf(callee.object) ?? '');
      return (
        callee.type === AST_NODE_TYPES.Identifier &&
        (callee.name === 'Server' || callee.name === 'WebSocketServer') &&
        SERVER_MODULES.has(this.importedFrom(callee) ?? '')
      );
    }
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(value.callee);
    if (callee.type === AST_NODE_TYPES.Identifier)
      return SERVER_FACTORIES.has(callee.name) && SERVER_MODULES.has(this.importedFrom(callee) ?? '');
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee);
    if (method === 'listen') return this.isServer(callee.object) || this.isApp(callee.object);
    return method !== null && SERVER_FACTORIES.has(method) && SERVER_MODULES.has(this.moduleOf(callee.object) ?? '');
  }

  /** A server, or a variable that holds one from its declaration on. */
  private holdsServer(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return this.isServer(value);
    const variable = resolve(this.sourceCode, value);
    const declarator = variable?.defs[0]?.node;
    return (
      variable?.defs.length === 1 &&
      declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
      declarator.init !== null &&
      variable.references.every((reference) => !reference.isWrite() || reference.init === true) &&
      this.isServer(declarator.init)
    );
  }

  /** `app` of `const app = express()` or `const app = new Koa()`. */
  private isApp(node: TSESTree.Node): boolean {
    return this.appKind(node) !== null;
  }

  /** Which framework made `app`: `const app = express()`, `const app = new Koa()`. */
  private appKind(node: TSESTree.Node): 'express' | 'koa' | null {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return null;
    const declarator = resolve(this.sourceCode, value)?.defs[0]?.node;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return null;
    const init = unwrap(declarator.init);
    if (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.NewExpression) return null;
    const callee = unwrap(init.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return null;
    const module = this.moduleOf(callee);
    if (init.type === AST_NODE_TYPES.CallExpression && module === 'express') return 'express';
    return init.type === AST_NODE_TYPES.NewExpression && module === 'koa' ? 'koa' : null;
  }

  /** The module a name holds (`const http = require('node:http')`, `import * as http from 'http'`), without `node:`. */
  private moduleOf(node: TSESTree.Node): string | null {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return null;
    const definition = resolve(this.sourceCode, value)?.defs[0];
    if (!definition) return null;
    if (definition.type === 'ImportBinding') {
      const declaration = definition.parent;
      const specifier = definition.node;
      if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || specifier.type === AST_NODE_TYPES.ImportSpecifier)
        return null;
      return String(declaration.source.value).replace(/^node:/, '');
    }
    const declarator = definition.node;
    if (
      declarator.type !== AST_NODE_TYPES.VariableDeclarator ||
      declarator.id.type !== AST_NODE_TYPES.Identifier ||
      !declarator.init
    )
      return null;
    return requiredModule(declarator.init)?.replace(/^node:/, '') ?? null;
  }

  /** The module a destructured or imported name comes from (`const { createServer } = require('http')`). */
  private importedFrom(identifier: TSESTree.Identifier): string | null {
    const definition = resolve(this.sourceCode, identifier)?.defs[0];
    if (!definition) return null;
    if (definition.type === 'ImportBinding') {
      const declaration = definition.parent;
      return declaration?.type === AST_NODE_TYPES.ImportDeclaration &&
        definition.node.type === AST_NODE_TYPES.ImportSpecifier
        ? String(declaration.source.value).replace(/^node:/, '')
        : null;
    }
    const declarator = definition.node;
    if (
      declarator.type !== AST_NODE_TYPES.VariableDeclarator ||
      declarator.id.type !== AST_NODE_TYPES.ObjectPattern ||
      !declarator.init
    )
      return null;
    return requiredModule(declarator.init)?.replace(/^node:/, '') ?? null;
  }

  // --- Edits --------------------------------------------------------------------------------------------------

  private addTodo(
    timer: TimerCall,
    anchor: TSESTree.Node,
    clearCode: string,
    ownerName: string,
    declaration: TSESTree.Node | null = null,
    reason = 'no teardown to clear it in',
  ): void {
    // Source text goes into a `//` comment (or a `/* */` one, inline): quoted on one line.
    const clearCall = commentQuote(clearCode, TODO_QUOTE_LIMIT);
    const owner = commentQuote(ownerName);
    const line = anchor.loc.start.line;
    if (this.hasTodo(anchor, clearCall) || (declaration !== null && this.hasTodo(declaration, clearCall))) {
      this.review.push({
        kind: 'decision',
        line,
        message: `a ${TODO_MARK} comment asks for \`${clearCall}\` when ${owner} is done`,
      });
      return;
    }
    const todo = `// ${TODO_MARK}: ${clearCall} when ${owner} is done`;
    // First among the edits at that offset: above a `let` or `const` the capture adds there.
    this.direct.unshift(this.editor.insertAbove(anchor, [todo]));
    this.review.push({
      kind: 'decision',
      line: timer.call.loc.start.line,
      message: `added \`${todo.slice(3)}\`: ${reason}`,
    });
  }

  /** A TODO about this clear (quoted as addTodo() quotes it) just above the node: a second run finds the first's. */
  private hasTodo(node: TSESTree.Node, clearCall: string): boolean {
    return this.sourceCode
      .getCommentsBefore(node)
      .some((comment) => comment.value.includes(`${TODO_MARK}: ${clearCall} `));
  }

  /** Whether a method is one of the owner's teardown methods. */
  private isTeardown(owner: MethodOwner, method: FunctionNode): boolean {
    return teardownPath(this.sourceCode, owner).teardowns.some((name) => owner.methods.get(name) === method);
  }

  /** The review note's reason for an interval started by a teardown method that no other teardown can clear. */
  private startsInTeardown(owner: MethodOwner, method: FunctionNode): string {
    const name = [...owner.methods].find(([, fn]) => fn === method)?.[0] ?? 'teardown';
    return `it starts in the teardown method \`${name}()\`, which cannot also clear it`;
  }

  private prepend(fn: FunctionNode, statement: string): void {
    const list = this.prepends.get(fn) ?? [];
    if (!list.includes(statement)) list.push(statement);
    this.prepends.set(fn, list);
  }

  private leave(timer: TimerCall, reason: string): void {
    this.leftAlone.push({
      category: 'left alone',
      line: timer.call.loc.start.line,
      message: `the interval started here is not cleared: ${reason}`,
    });
  }

  edits(): Edit[] {
    // Field declarations first: at the offset of a first member, they go above a TODO written for that member.
    const edits: Edit[] = [];
    for (const [body, declarations] of this.fields) {
      const first = body.body[0];
      if (first) edits.push(this.editor.insertAbove(first, declarations));
    }
    edits.push(...this.direct);
    for (const [setup, handles] of this.newCleanups) {
      if (setup.body.type !== AST_NODE_TYPES.BlockStatement) continue;
      const clears = handles.map(({ clear, name }) => `${clear}(${name})`);
      const cleanup = this.editor.statement(
        clears.length === 1
          ? `return () => ${clears[0] ?? ''}`
          : `return () => { ${clears.map((clear) => `${clear};`).join(' ')} }`,
      );
      edits.push(this.editor.appendToBlock(setup.body, [cleanup]));
    }
    for (const [fn, statements] of this.prepends) {
      edits.push(
        fn.body.type === AST_NODE_TYPES.BlockStatement
          ? this.editor.prependToBlock(fn.body, statements)
          : this.editor.blockify(fn, statements),
      );
    }
    return edits;
  }

  // --- Small helpers ------------------------------------------------------------------------------------------

  private repetition(): RepetitionAnalysis {
    this.repetitionAnalysis ??= analyseRepetition(this.sourceCode);
    return this.repetitionAnalysis;
  }

  /** A name the file does not spell yet, and from now on taken. */
  private freshName(base: string): string {
    const name = freshName(base, (candidate) => this.taken.has(candidate));
    this.taken.add(name);
    return name;
  }

  /** Whether a loop lies between `node` and the function `fn` that contains it. */
  private inLoop(node: TSESTree.Node, fn: FunctionNode): boolean {
    for (let current = node.parent; current && current !== fn; current = current.parent) {
      if (LOOP_STATEMENTS.has(current.type)) return true;
    }
    return false;
  }
}

/** An expression statement that discards a call's handle, with the `void` operators on the way (dropped to keep it). */
interface Discard {
  statement: TSESTree.ExpressionStatement;
  voids: TSESTree.UnaryExpression[];
}

/** The statement that discards a call's handle: `setInterval(…);`, `setInterval(…).unref();`, `void setInterval(…);`. */
function discardedStatement(call: TSESTree.CallExpression): Discard | null {
  const voids: TSESTree.UnaryExpression[] = [];
  let node: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return null;
    if (parent.type === AST_NODE_TYPES.ExpressionStatement) return { statement: parent, voids };
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') {
      voids.push(parent);
      node = parent;
      continue;
    }
    // `as T`, `!`, `satisfies T`, `<T>`, `?.`: the statement still holds only this handle.
    if (unwrap(parent) === unwrap(node)) {
      node = parent;
      continue;
    }
    // `.unref()` / `.ref()` return the same handle.
    const method =
      parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node ? propertyName(parent) : null;
    const outer: TSESTree.Node | undefined = parent.parent;
    if (
      (method === 'unref' || method === 'ref') &&
      outer?.type === AST_NODE_TYPES.CallExpression &&
      outer.callee === parent
    ) {
      node = outer;
      continue;
    }
    return null;
  }
}

/** The expression statement a call's value is kept by (`this.timer = setInterval(…);`), where its TODO goes. */
function ownStatementOf(call: TSESTree.CallExpression): TSESTree.ExpressionStatement | null {
  for (
    let current: TSESTree.Node | undefined = call.parent;
    current && !isFunction(current);
    current = current.parent
  ) {
    if (current.type === AST_NODE_TYPES.ExpressionStatement) return current;
    if (isListStatement(current)) return null;
  }
  return null;
}

/** The timer function as a type query names it: `setInterval`, `window.setInterval` (not `setInterval!`, `win?.setInterval`). */
function typeQueryName(timer: TimerCall): string {
  const callee = unwrap(timer.call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  const host = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
  return host?.type === AST_NODE_TYPES.Identifier ? `${host.name}.${timer.name}` : timer.name;
}

/** The class member or list statement a node is in: where a comment about it goes. */
function memberOrStatementOf(node: TSESTree.Node): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.PropertyDefinition ||
      current.type === AST_NODE_TYPES.MethodDefinition ||
      isListStatement(current)
    )
      return current;
  }
  return null;
}

/** A handle kept in a local of an effect's setup: the variable and the effect. */
function effectLocalOf(store: HandleStore): { variable: TSESLint.Scope.Variable; effect: EffectSetup } | null {
  if (store.kind !== 'variable') return null;
  const block = store.variable.scope.variableScope.block;
  const effect = isFunction(block) ? effectSetupOf(block) : null;
  return effect ? { variable: store.variable, effect } : null;
}

/** `socket.on('close', function () {…})`: a listener for the end of an emitter named by an identifier. */
function endListener(
  expression: TSESTree.Expression,
): { emitter: string; node: TSESTree.Identifier; handler: FunctionNode } | null {
  const call = unwrap(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(call.callee);
  const [event, handler] = call.arguments;
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    !ADD_METHODS.has(propertyName(callee) ?? '') ||
    event?.type !== AST_NODE_TYPES.Literal ||
    !CONNECTION_END_EVENTS.has(String(event.value)) ||
    !handler ||
    !isFunction(handler)
  )
    return null;
  const emitter = unwrap(callee.object);
  return emitter.type === AST_NODE_TYPES.Identifier ? { emitter: emitter.name, node: emitter, handler } : null;
}

/** Whether an identifier names one of the parameters of `fn` (not a variable shadowing it). */
function resolvesToParameter(
  sourceCode: TSESLint.SourceCode,
  identifier: TSESTree.Identifier,
  fn: FunctionNode,
): boolean {
  const definition = resolve(sourceCode, identifier)?.defs[0];
  return definition?.type === 'Parameter' && definition.node === fn;
}

/** Every name the file spells: identifiers, JSX names, private names, property names in strings. */
function namesInUse(sourceCode: TSESLint.SourceCode): Set<string> {
  const names = new Set<string>();
  for (const token of sourceCode.ast.tokens) {
    const type = token.type as string;
    if (type === 'Identifier' || type === 'JSXIdentifier' || type === 'Keyword') names.add(token.value);
    else if (type === 'PrivateIdentifier') names.add(token.value.replace(/^#/, ''));
    else if (type === 'String') names.add(token.value.slice(1, -1));
  }
  return names;
}

export const codemod: Codemod = { name, run };
export default jscodeshiftTransform(codemod);

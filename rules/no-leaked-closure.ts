/**
 * no-leaked-closure: a closure kept for the life of the process keeps its whole captured scope alive.
 *
 * - Kept (src/analysis/lifetime `valueKeepers`): a closure, or an object literal carrying one, held by a module-level
 *   binding, an interval nothing clears, a listener on a long-lived target, or a module-level collection; directly,
 *   by name, or as the result of a maker (`getRandom = outer(10000)`).
 * - Large (src/analysis/closures `largeValueOf`): an allocation of at least 64 KiB whose size is a constant, also
 *   through the maker's parameters (`Array.from(Array(elementCount).keys())` with `outer(10000)`), and I/O whose size
 *   the program does not choose (file contents, the chunks of a stream). Created in the call that creates the
 *   closure: a value created inside the closure on each call dies with that call.
 * Reported:
 * 1. A kept closure that captures a large value created in its enclosing call: at the allocation, naming the
 *    variable, the closure and its holder.
 * 2. A kept closure that never mentions a variable that a sibling closure of the same function captures (V8 gives
 *    them one shared context object): at the kept closure, naming the variable, when the variable holds a large value
 *    or the previous value of the very storage that keeps the closure (`var originalThing = theThing` … `theThing =
 *    { someMethod() {} }` in code that runs repeatedly: each generation keeps the one before it).
 * Silent: small values, values released (`originalThing = null`), closures nothing long-lived keeps, a chain the
 * kept closure itself walks on purpose (it mentions the previous value), and sizes the analysis cannot know.
 * Suggestion for 2: set the variable to null at the end of the function, when the siblings that capture it only run
 * during the call (uncalled, called there, or synchronous iteration callbacks) and it is not `const`.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { contains, enclosingFunction, isFunction, unwrap, type FunctionNode } from '../src/analysis/ast.js';
import {
  ANY_CALL,
  capturedVariables,
  capturesOf,
  isResetToNullish,
  largeValueOf,
  parameterBindings,
  sharedContextOf,
  writtenValues,
  type Bindings,
  type LargeValue,
} from '../src/analysis/closures.js';
import { describeFunction, statementSeparator } from '../src/analysis/fixes.js';
import { indexOfText } from '../src/analysis/text-tests.js';
import { moduleStorageOf, valueKeepers, type Storage, type ValueKeeper } from '../src/analysis/lifetime.js';
import {
  analyseRepetition,
  isSynchronousIterationCallback,
  type RepetitionAnalysis,
} from '../src/analysis/repetition.js';

type Variable = TSESLint.Scope.Variable;

type MessageIds = 'capturedAllocation' | 'sharedContext' | 'sharedContextChain' | 'releaseVariable';

/** Where a candidate variable's value may come from: an allocation, or the old value of a module-level storage. */
interface Candidate {
  variable: Variable;
  owner: FunctionNode;
  /** `theThing` in `var originalThing = theThing`, with the expression that reads it. */
  previous: { storage: Storage; read: TSESTree.Node } | null;
}

export default createRule<[], MessageIds>({
  name: 'no-leaked-closure',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow long-lived closures that keep a large value or a chain of old values alive through their captured scope',
      recommended: 'strict',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      capturedAllocation:
        '`{{name}}`, {{value}} created in {{maker}}, is captured by {{closure}}, which is kept for the life of the process by {{holder}}, so `{{name}}` is never collected.',
      sharedContext:
        '`{{name}}` ({{value}}) stays alive as long as {{closure}}, which never uses it: {{sibling}} captures it, closures created in one scope share one context object, and {{closure}} is kept for the life of the process by {{holder}}.',
      sharedContextChain:
        '`{{name}}` (the previous value of `{{storage}}`) stays alive as long as {{closure}}, which never uses it: {{sibling}} captures it, closures created in one scope share one context object, and {{closure}} is stored in `{{storage}}`, so each value of `{{storage}}` keeps the one before it alive, and a new one is added {{trigger}}.',
      releaseVariable: 'Set `{{name}}` to null at the end of {{maker}}, so the shared context no longer holds it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    // No closure without a function (`=>` first: the cheaper search, and found in more files).
    if (!hasArrow(sourceCode.text) && indexOfText(sourceCode.text, 'function', 0) === -1) return {};
    const keepersMemo = new Map<FunctionNode, ValueKeeper[]>();
    let repetition: RepetitionAnalysis | null = null;

    function keepersOf(fn: FunctionNode): ValueKeeper[] {
      let found = keepersMemo.get(fn);
      if (!found) keepersMemo.set(fn, (found = valueKeepers(sourceCode, fn)));
      return found;
    }

    const bindingsOf = (keeper: ValueKeeper): Bindings =>
      keeper.makerCall ? parameterBindings(sourceCode, keeper.makerCall) : new Map();
    const holderText = (keeper: ValueKeeper): string =>
      keeper.maker ? `${keeper.holder} (as the result of \`${keeper.maker}\`)` : keeper.holder;

    /** The kept closure (and its keepers) on the way from a reference out to the function that owns the variable. */
    function keptClosureAround(
      reference: TSESTree.Node,
      owner: FunctionNode,
    ): { closure: FunctionNode; keepers: ValueKeeper[] } | null {
      for (let fn = enclosingFunction(reference); fn && fn !== owner; fn = enclosingFunction(fn)) {
        const keepers = keepersOf(fn);
        if (keepers.length > 0) return { closure: fn, keepers };
      }
      return null;
    }

    /** Shape 1: a kept closure that captures a large value itself. True when some kept closure captures the variable. */
    function checkDirectCapture(candidate: Candidate): boolean {
      let kept = false;
      for (const capture of capturesOf(candidate.variable)) {
        const found = keptClosureAround(capture.reference, candidate.owner);
        if (!found) continue;
        kept = true;
        for (const keeper of found.keepers) {
          const large = largeValueOf(sourceCode, candidate.variable, bindingsOf(keeper));
          if (!large) continue;
          const closure = describeFunction(found.closure);
          context.report({
            node: large.node,
            messageId: 'capturedAllocation',
            data: {
              closure,
              name: candidate.variable.name,
              value: large.description,
              maker: describeFunction(candidate.owner),
              holder: holderText(keeper),
            },
          });
          return true;
        }
      }
      return kept;
    }

    /** Shape 2: the first variable a kept closure holds only through the context it shares with its siblings. */
    function checkSharedContext(
      closure: FunctionNode,
      candidates: ReadonlyMap<Variable, Candidate>,
      settled: Set<Variable>,
    ): void {
      const keepers = keepersOf(closure);
      if (keepers.length === 0) return;
      for (const shared of sharedContextOf(sourceCode, closure)) {
        const candidate = candidates.get(shared.variable);
        if (!candidate || settled.has(shared.variable)) continue;
        const sibling = shared.capturedBy[0];
        if (!sibling) continue;
        for (const keeper of keepers) {
          const chain = candidate.previous && chainedBy(candidate.previous, keeper) ? candidate.previous.storage : null;
          const large = chain ? null : largeValueOf(sourceCode, shared.variable, bindingsOf(keeper));
          if (!chain && !large) continue;
          settled.add(shared.variable);
          reportShared(closure, candidate, shared.capturedBy, keeper, chain, large);
          return;
        }
      }
    }

    /** The kept closure is stored in the same place the variable read its old value from, by code that repeats. */
    function chainedBy(previous: { storage: Storage; read: TSESTree.Node }, keeper: ValueKeeper): boolean {
      if (keeper.storage?.key !== previous.storage.key) return false;
      if (!keeper.maker && keeper.site.range[0] < previous.read.range[0]) return false; // stored first, then read: itself
      repetition ??= analyseRepetition(sourceCode);
      return repetition.runsRepeatedly(keeper.site);
    }

    function reportShared(
      closure: FunctionNode,
      candidate: Candidate,
      siblings: readonly FunctionNode[],
      keeper: ValueKeeper,
      chain: Storage | null,
      large: LargeValue | null,
    ): void {
      const name = candidate.variable.name;
      const maker = describeFunction(candidate.owner);
      const base = { closure: describeFunction(closure), name, sibling: describeFunction(siblings[0] ?? closure) };
      const release = releaseFix(candidate, siblings);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = release
        ? [{ messageId: 'releaseVariable', data: { name, maker }, fix: release }]
        : [];
      const node = reportedNode(closure);
      if (chain) {
        repetition ??= analyseRepetition(sourceCode);
        const trigger = repetition.repetitionOf(keeper.site).trigger;
        context.report({
          node,
          messageId: 'sharedContextChain',
          data: { ...base, storage: chain.name, trigger },
          suggest,
        });
      } else if (large) {
        context.report({
          node,
          messageId: 'sharedContext',
          data: { ...base, value: large.description, holder: holderText(keeper) },
          suggest,
        });
      }
    }

    /** `name = null;` at the end of the owner, when nothing needs the value after the call and the variable can be reassigned. */
    function releaseFix(candidate: Candidate, siblings: readonly FunctionNode[]): TSESLint.ReportFixFunction | null {
      const { variable, owner } = candidate;
      const definition = variable.defs[0];
      if (
        definition?.type !== 'Variable' ||
        definition.parent?.kind === 'const' ||
        definition.parent?.kind === 'using' ||
        definition.parent?.kind === 'await using'
      )
        return null;
      if (
        owner.body.type !== AST_NODE_TYPES.BlockStatement ||
        !siblings.every((sibling) => runsOnlyDuringCall(sibling, owner))
      )
        return null;
      const last = owner.body.body.at(-1);
      if (!last) return null;
      const separator = statementSeparator(sourceCode, last);
      const statement = `${variable.name} = null;`;
      if (last.type === AST_NODE_TYPES.ReturnStatement || last.type === AST_NODE_TYPES.ThrowStatement) {
        if (variable.references.some((reference) => contains(last, reference.identifier))) return null;
        return (fixer) => fixer.insertTextBefore(last, `${statement}${separator}`);
      }
      return (fixer) => fixer.insertTextAfter(last, `${separator}${statement}`);
    }

    /** A sibling that cannot run after its function returns: never used, only called there, or a synchronous callback. */
    function runsOnlyDuringCall(sibling: FunctionNode, owner: FunctionNode): boolean {
      if (isSynchronousIterationCallback(sibling)) return true;
      const parent = sibling.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && unwrap(parent.callee) === sibling) return true;
      const declaration =
        sibling.type === AST_NODE_TYPES.FunctionDeclaration
          ? sibling
          : parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === sibling
            ? parent
            : null;
      const variable = declaration ? sourceCode.getDeclaredVariables(declaration)[0] : undefined;
      if (!variable) return false;
      return variable.references.every((reference) => {
        if (reference.init) return true;
        const call = reference.identifier.parent;
        return (
          call?.type === AST_NODE_TYPES.CallExpression &&
          call.callee === reference.identifier &&
          enclosingFunction(call) === owner
        );
      });
    }

    return {
      'Program:exit'() {
        const candidates = new Map<Variable, Candidate>();
        const settled = new Set<Variable>();
        for (const variable of capturedVariables(sourceCode)) {
          const candidate = candidateOf(sourceCode, variable);
          if (!candidate) continue;
          // A variable some kept closure uses itself is that closure's business (reported above when large).
          if (checkDirectCapture(candidate)) settled.add(variable);
          else candidates.set(variable, candidate);
        }
        if (candidates.size === 0) return;
        // The scopes nested in a candidate's scope: each visited once, however the owners nest.
        const inside = new Set<TSESLint.Scope.Scope>();
        const pending = [...candidates.keys()].flatMap((variable) => variable.scope.childScopes);
        for (let scope = pending.pop(); scope; scope = pending.pop()) {
          if (inside.has(scope)) continue;
          inside.add(scope);
          pending.push(...scope.childScopes);
        }
        // Their functions, in source order (the scope manager makes scopes in that order): the first one claims a variable.
        for (const scope of sourceCode.scopeManager?.scopes ?? []) {
          const fn = scope.block;
          if (scope.type === 'function' && isFunction(fn) && inside.has(scope))
            checkSharedContext(fn, candidates, settled);
        }
      },
    };
  },
});

/**
 * `text.includes('=>')`, found from its `>`: a scan for a two-character string stops at every `=`, which code has
 * several times more of than `>`.
 */
function hasArrow(text: string): boolean {
  for (let at = text.indexOf('>'); at !== -1; at = text.indexOf('>', at + 1))
    if (text.charCodeAt(at - 1) === 61) return true;
  return false;
}

/** A variable of a function whose value may be large or the old value of a module-level storage. */
function candidateOf(sourceCode: Readonly<TSESLint.SourceCode>, variable: Variable): Candidate | null {
  const owner = variable.scope.variableScope.block;
  const definition = variable.defs[0];
  if (!isFunction(owner) || !definition || (definition.type !== 'Variable' && definition.type !== 'Parameter'))
    return null;
  let previous: Candidate['previous'] = null;
  const written = definition.type === 'Variable' ? writtenValues(variable) : [];
  for (const value of written) {
    const storage = moduleStorageOf(sourceCode, value);
    if (storage) {
      previous = { storage, read: value };
      break;
    }
  }
  // Large in some call of its function, or the old value of a storage: nothing else can be reported.
  if (!previous && largeValueOf(sourceCode, variable, ANY_CALL, written) === null) return null;
  if (isResetToNullish(variable) || capturesOf(variable).length === 0) return null;
  return { variable, owner, previous };
}

/** Where a kept closure is named: its key in an object or class, its variable, its own name, or the function itself. */
function reportedNode(closure: FunctionNode): TSESTree.Node {
  const parent = closure.parent;
  if (
    (parent?.type === AST_NODE_TYPES.Property ||
      parent?.type === AST_NODE_TYPES.MethodDefinition ||
      parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.value === closure
  )
    return parent.key;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === closure) return parent.id;
  if (closure.type !== AST_NODE_TYPES.ArrowFunctionExpression && closure.id) return closure.id;
  return closure;
}

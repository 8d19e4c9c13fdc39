/**
 * no-leaked-observer: an observer (`ResizeObserver`, `IntersectionObserver`, `MutationObserver`,
 * `PerformanceObserver`, `ReportingObserver`) lives as long as what it observes: an observed node keeps its
 * registered observers, and the performance timeline keeps every PerformanceObserver that observes it. Each observer
 * keeps its callback and everything the callback's closure reaches. Created per mount, per call or per event and
 * never disconnected, they pile up on a target that outlives them.
 *
 * Reported: an observer created in code that runs repeatedly (src/analysis/listeners: component lifecycles, handlers,
 * exported functions, methods), that observes a long-lived target (src/analysis/target-lifetime: `document`,
 * `document.body`, `document.documentElement`, an element found at module level, an imported or module-level
 * object; for a PerformanceObserver, the performance timeline), and that nothing in the file releases
 * (src/analysis/observers): no `disconnect()` on it, and no `unobserve()` of every long-lived target it observes.
 * Not reported: an observer created once (module top level, start-up code); one that observes only what dies with it
 * (a node it creates, the component's own element or `this` of a custom element); one that leaves the file's sight
 * (returned, passed on, stored in a collection); a Resize or Intersection observer whose callback disconnects it
 * (both notify as soon as they observe).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { outermostWrapper, propertyName, unwrap } from '../src/analysis/ast.js';
import { hasWordEndingIn } from '../src/analysis/text-tests.js';
import {
  disconnectsItself,
  holderOf,
  observerCreationOf,
  receiverKey,
  type ObserverCreation,
  type ObserverHolder,
} from '../src/analysis/observers.js';
import {
  analyseListenerRepetition,
  analyseRepetition,
  runOnceOptionSchema,
  triggerAt,
  type ListenerRepetition,
} from '../src/analysis/repetition.js';
import { effectCleanupClause, teardownClause } from '../src/analysis/lifecycle.js';
import { thisOwner } from '../src/analysis/owners.js';
import { longLivedTarget, methodsOf, pathKey, pathOf } from '../src/analysis/target-lifetime.js';

type Options = [{ runOnce?: string[] }];
type MessageIds = 'leaked';

/** The observer classes whose instances the rule follows: `ResizeObserver`, …; a file naming none is skipped. */
const OBSERVER_KINDS = ['Resize', 'Intersection', 'Mutation', 'Performance', 'Reporting'];
const UNOBSERVABLE = new Set(['ResizeObserver', 'IntersectionObserver']);
const OBSERVER_CALLS = 'CallExpression[callee.property.name=/^(?:observe|unobserve|disconnect)$/]';

interface Target {
  /** How messages name it, with its backticks: "`document.body`", "the performance timeline". */
  name: string;
  lifetime: string;
  key: string | null;
}

export default createRule<Options, MessageIds>({
  name: 'no-leaked-observer',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow observers created in repeated code that observe a long-lived target and are never disconnected',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    messages: {
      leaked:
        '{{lifetime}}; a new `{{type}}`{{holder}} is created {{trigger}} and observes it, and {{release}}, so {{target}} keeps every one of them, with its callback and everything the callback captures.',
    },
    schema: [
      runOnceOptionSchema(
        'Functions that run once (`init`, `bootstrap`): observers created in them, or in callbacks passed to them, are start-up work.',
      ),
    ],
  },
  defaultOptions: [{ runOnce: [] }],
  create(context, [{ runOnce = [] }]) {
    const sourceCode = context.sourceCode;
    // One indexOf scan for `Observer`, several times cheaper than a regex over the files (nearly all) that name none.
    if (!hasWordEndingIn(sourceCode.text, 'Observer', OBSERVER_KINDS)) return {};
    const creations: ObserverCreation[] = [];
    const calls: TSESTree.CallExpression[] = [];

    return {
      NewExpression(node) {
        const creation = observerCreationOf(sourceCode, node);
        if (creation) creations.push(creation);
      },
      [OBSERVER_CALLS](node: TSESTree.CallExpression) {
        calls.push(node);
      },
      'Program:exit'() {
        if (creations.length === 0) return;
        const repetition = analyseRepetition(sourceCode, { runOnce });
        const listenerRepetition = analyseListenerRepetition(sourceCode, repetition);
        const byMethod = (method: string, key: string): TSESTree.CallExpression[] =>
          calls.filter((call) => {
            const callee = unwrap(call.callee) as TSESTree.MemberExpression;
            return propertyName(callee) === method && receiverKey(sourceCode, callee.object) === key;
          });

        for (const creation of creations) {
          const holder = holderOf(sourceCode, creation);
          if (holder.kind === 'escapes' || (holder.kind === 'kept' && escapes(creation))) continue;
          // A class field (`ro = new ResizeObserver(…)`) is created per instance; the methods that start observing
          // say how often (a `connectedCallback` per mount).
          const field = outermostWrapper(creation.node).parent?.type === AST_NODE_TYPES.PropertyDefinition;
          const firstObserve = holder.kind === 'kept' ? byMethod('observe', holder.key)[0] : undefined;
          const repeated = listenerRepetition.of(field && firstObserve ? firstObserve : creation.node);
          if (!repeated) continue;
          if (disconnectsItself(sourceCode, creation, holder)) continue;
          let observes: TSESTree.CallExpression[];
          if (holder.kind === 'chained') {
            const member = outermostWrapper(creation.node).parent;
            const call = member?.parent;
            observes =
              member?.type === AST_NODE_TYPES.MemberExpression &&
              propertyName(member) === 'observe' &&
              call?.type === AST_NODE_TYPES.CallExpression &&
              call.callee === member
                ? [call]
                : [];
          } else {
            if (byMethod('disconnect', holder.key).length > 0) continue;
            observes = byMethod('observe', holder.key);
          }
          if (observes.length === 0) continue;
          const targets = longLivedTargets(creation, observes, repetition);
          if (targets.length === 0) continue;
          // Only Resize and Intersection observers have `unobserve()`.
          const unobserved =
            holder.kind === 'kept' && UNOBSERVABLE.has(creation.type) ? byMethod('unobserve', holder.key) : [];
          const unobservedKeys = new Set<string | null>();
          for (const call of unobserved) {
            const argument = call.arguments[0];
            const path = argument ? pathOf(sourceCode, argument) : null;
            unobservedKeys.add(path ? pathKey(path) : null);
          }
          // An `unobserve()` of something this file cannot name may be any target.
          if (unobservedKeys.has(null)) continue;
          const left = targets.filter((target) => target.key === null || !unobservedKeys.has(target.key));
          const first = left[0];
          if (!first) continue;
          report(creation, holder, repeated, first, releaseClause(creation, holder, repeated, unobserved, targets));
        }
      },
    };

    /** Returned, passed to a call, put in a collection or on another object: the other code's to disconnect. */
    function escapes(creation: ObserverCreation): boolean {
      const value = outermostWrapper(creation.node);
      const declarator = value.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier)
        return false; // a `this` field: its class's methods use it
      const variable = sourceCode.getDeclaredVariables(declarator)[0];
      if (!variable) return true;
      return variable.references.some((reference) => {
        if (reference.init) return false;
        const use = outermostWrapper(reference.identifier);
        const parent = use.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use) return false;
        if (parent?.type === AST_NODE_TYPES.ChainExpression) return false;
        if (parent?.type === AST_NODE_TYPES.BinaryExpression || parent?.type === AST_NODE_TYPES.IfStatement)
          return false;
        if (parent?.type === AST_NODE_TYPES.UnaryExpression || parent?.type === AST_NODE_TYPES.LogicalExpression)
          return false;
        return true;
      });
    }

    function longLivedTargets(
      creation: ObserverCreation,
      observes: readonly TSESTree.CallExpression[],
      repetition: ReturnType<typeof analyseRepetition>,
    ): Target[] {
      if (creation.timeline) {
        return [
          {
            name: 'the performance timeline',
            lifetime: 'The performance timeline lives for the whole program',
            key: 'timeline',
          },
        ];
      }
      const found: Target[] = [];
      for (const call of observes) {
        const argument = call.arguments[0];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const target = longLivedTarget(sourceCode, argument, call, repetition);
        if (!target || target.kind === 'caller-signal' || target.kind === 'connection') continue;
        const path = pathOf(sourceCode, argument);
        found.push({ name: `\`${target.name}\``, lifetime: target.lifetime, key: path ? pathKey(path) : null });
      }
      return found;
    }

    /** "the cleanup `useEffect()` returns never disconnects it", "`unobserve()` releases … but not …". */
    function releaseClause(
      creation: ObserverCreation,
      holder: ObserverHolder,
      repeated: ListenerRepetition,
      unobserved: readonly TSESTree.CallExpression[],
      targets: readonly Target[],
    ): string {
      if (holder.kind === 'chained') return 'it is not kept anywhere that could disconnect it';
      if (unobserved.length > 0) {
        const released = new Set(
          unobserved.map((call) => {
            const argument = call.arguments[0];
            const path = argument ? pathOf(sourceCode, argument) : null;
            return path ? pathKey(path) : null;
          }),
        );
        const kept = targets.filter((t) => t.key === null || !released.has(t.key)).map((t) => t.name);
        return `\`unobserve()\` releases some of its targets but never ${[...new Set(kept)].join(', ')}, and nothing disconnects it`;
      }
      const lifecycle = repeated.lifecycle;
      if (lifecycle?.returnsCleanup) return effectCleanupClause(sourceCode, lifecycle, 'disconnect');
      if (lifecycle && lifecycle.teardown.length > 0) {
        const owner = thisOwner(sourceCode, creation.node);
        const methods = owner ? methodsOf(sourceCode, owner) : new Set<string>();
        return teardownClause(lifecycle, methods, 'disconnect') ?? 'nothing in this file disconnects it';
      }
      return 'nothing in this file disconnects it';
    }

    function report(
      creation: ObserverCreation,
      holder: ObserverHolder,
      repeated: ListenerRepetition,
      target: Target,
      release: string,
    ): void {
      const trigger = repeated.lifecycle ? repeated.trigger : triggerAt(creation.node, repeated);
      context.report({
        node: creation.node.callee,
        messageId: 'leaked',
        data: {
          lifetime: capitalise(target.lifetime),
          type: creation.type,
          holder: holder.kind === 'kept' ? ` (\`${holder.name}\`)` : '',
          trigger,
          release,
          target: target.name,
        },
      });
    }
  },
});

function capitalise(text: string): string {
  return text.startsWith('`') ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

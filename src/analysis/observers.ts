/**
 * Observers: `ResizeObserver`, `IntersectionObserver`, `MutationObserver`, `PerformanceObserver` (and
 * `ReportingObserver`). An observer is kept alive by what it observes: each observed node keeps a list of its
 * registered observers (and the performance timeline keeps every PerformanceObserver that observes it), and the
 * observer keeps its callback, with everything the callback's closure reaches. So an observer that observes a target
 * which outlives it (`document.body`, an element found at module level) lives as long as that target, unless it is
 * `disconnect()`ed or every target is `unobserve()`d.
 *
 * - Creation: `new ResizeObserver(cb)`, also through `window.`/`globalThis.`/`self.`.
 * - The observer is followed through what holds it: a variable (`const ro = new ResizeObserver(cb)`), a `this` field
 *   or property path (`this.ro = …`), or nothing (`new ResizeObserver(cb).observe(el)`); matched by `pathKey`.
 * - Observations: `x.observe(target)`; a PerformanceObserver observes the performance timeline, which lives for the
 *   whole program. Releases: `x.disconnect()`, and `x.unobserve(target)` per target; a callback that disconnects
 *   its own observer (`(entries, observer) => observer.disconnect()`, or through the variable) for the observers that
 *   deliver a first notification as soon as they observe (`ResizeObserver`, `IntersectionObserver`).
 * - An observer that leaves the file's sight (returned, passed to a call, pushed into a collection, stored on an
 *   object that is not a `this` field) is the other code's to disconnect.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { GLOBAL_OBJECT_NAMES, isFunction, outermostWrapper, propertyName, someDescendant, unwrap } from './ast.js';
import { thisOwner } from './owners.js';
import { pathKey, pathOf } from './target-lifetime.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const OBSERVER_TYPES = new Set([
  'ResizeObserver',
  'IntersectionObserver',
  'MutationObserver',
  'PerformanceObserver',
  'ReportingObserver',
]);
/** Observers that notify once as soon as they observe a target, so a callback that disconnects does run. */
const NOTIFY_ON_OBSERVE = new Set(['ResizeObserver', 'IntersectionObserver']);
/** Observers of a program-wide timeline rather than of a node: `observe({ entryTypes })`. */
const TIMELINE_OBSERVERS = new Set(['PerformanceObserver', 'ReportingObserver']);

/** One `new XObserver(callback)`. */
export interface ObserverCreation {
  node: TSESTree.NewExpression;
  type: string;
  callback: TSESTree.Node | null;
  /** Whether it observes a program-wide timeline (PerformanceObserver) instead of nodes. */
  timeline: boolean;
}

/** The observer `node` creates, when it is `new` of an observer type the host provides. */
export function observerCreationOf(sourceCode: SourceCode, node: TSESTree.NewExpression): ObserverCreation | null {
  const callee = unwrap(node.callee);
  let type: string | null = null;
  if (callee.type === AST_NODE_TYPES.Identifier) type = callee.name;
  else if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    GLOBAL_OBJECT_NAMES.has(callee.object.name)
  )
    type = propertyName(callee);
  if (type === null || !OBSERVER_TYPES.has(type)) return null;
  // The host's class, not one of the file's own or an import (`import { PerformanceObserver } from 'perf_hooks'` is
  // Node's own, and counts).
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const path = pathOf(sourceCode, callee);
    if (path?.root.kind === 'variable' && !isHostImport(path.root.variable, type)) return null;
  }
  const first = node.arguments[0];
  return {
    node,
    type,
    callback: first && first.type !== AST_NODE_TYPES.SpreadElement ? first : null,
    timeline: TIMELINE_OBSERVERS.has(type),
  };
}

/** `const { PerformanceObserver } = require('perf_hooks')`, `import { PerformanceObserver } from 'node:perf_hooks'`. */
function isHostImport(variable: TSESLint.Scope.Variable, type: string): boolean {
  const definition = variable.defs[0];
  if (!definition) return false;
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    return (
      declaration?.type === AST_NODE_TYPES.ImportDeclaration &&
      /^(?:node:)?perf_hooks$/.test(String(declaration.source.value)) &&
      type === 'PerformanceObserver'
    );
  }
  if (definition.type === 'Variable') {
    const init = definition.node.init && unwrap(definition.node.init);
    const required =
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require' &&
      init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
      /^(?:node:)?perf_hooks$/.test(String(init.arguments[0].value));
    return required && type === 'PerformanceObserver';
  }
  return false;
}

/** Where a created observer goes. */
export type ObserverHolder =
  /** Kept in a variable or a `this` field: its key, and how messages name it. */
  | { kind: 'kept'; key: string; name: string }
  /** Not kept: `new ResizeObserver(cb).observe(el)`. Only its own callback can disconnect it. */
  | { kind: 'chained' }
  /** Returned, passed on, put in a collection: the other code's to disconnect. */
  | { kind: 'escapes' };

export function holderOf(sourceCode: SourceCode, creation: ObserverCreation): ObserverHolder {
  const value = outermostWrapper(creation.node);
  const parent = value.parent;
  if (!parent) return { kind: 'escapes' };
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === value) return { kind: 'chained' };
  let target: TSESTree.Node | null = null;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value) target = parent.id;
  else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value && parent.operator === '=')
    target = parent.left;
  else if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === value && !parent.static) {
    // A class field `ro = new ResizeObserver(…)`: `this.ro` in the class's methods.
    const owner = thisOwner(sourceCode, value);
    const name = parent.key.type === AST_NODE_TYPES.Identifier && !parent.computed ? parent.key.name : null;
    if (!owner || name === null) return { kind: 'escapes' };
    return { kind: 'kept', key: pathKey({ root: { kind: 'this', owner }, properties: [name] }), name: `this.${name}` };
  }
  if (!target) return { kind: 'escapes' };
  const path = pathOf(sourceCode, target);
  if (!path || (path.root.kind !== 'this' && path.properties.length > 0)) return { kind: 'escapes' };
  return { kind: 'kept', key: pathKey(path), name: sourceCode.getText(target) };
}

/** The key of the observer a method call's receiver denotes, in the same terms as `holderOf`. */
export function receiverKey(sourceCode: SourceCode, receiver: TSESTree.Node): string | null {
  const path = pathOf(sourceCode, receiver);
  return path ? pathKey(path) : null;
}

/** A callback that disconnects its own observer: through its second parameter or through the holder's name. */
export function disconnectsItself(sourceCode: SourceCode, creation: ObserverCreation, holder: ObserverHolder): boolean {
  if (!NOTIFY_ON_OBSERVE.has(creation.type)) return false;
  const callback = creation.callback && unwrap(creation.callback);
  if (!callback || !isFunction(callback)) return false;
  const self = callback.params[1];
  const selfName = self?.type === AST_NODE_TYPES.Identifier ? self.name : null;
  return someDescendant(sourceCode, callback.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'disconnect') return false;
    const object = unwrap(callee.object);
    if (selfName !== null && object.type === AST_NODE_TYPES.Identifier && object.name === selfName) return true;
    return holder.kind === 'kept' && receiverKey(sourceCode, object) === holder.key;
  });
}

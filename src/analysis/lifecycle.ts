/**
 * Component lifecycles: code that a framework runs again on every mount, and what it returns or declares to undo it.
 *
 * - `lifecycleOf`: React effects (`useEffect`…), Svelte `onMount`/`$effect`, Vue `onMounted`…, Solid `createEffect`,
 *   and the lifecycle methods of React classes, custom elements, Angular and Vue's options API, each with the
 *   teardown counterparts that would undo what it sets up.
 * - `effectSetupOf`, `effectCleanups`: a React effect's setup function and the cleanups it returns.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  contains,
  type FunctionNode,
  isFunction,
  ownReturns,
  resolve,
  unwrap,
  enclosingFunction,
} from './ast.js';
import { functionName } from './fixes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A component lifecycle that runs the code again on every mount. */
export interface Lifecycle {
  /** The effect callback, hook callback or lifecycle method. */
  fn: FunctionNode;
  kind: 'effect' | 'hook' | 'method';
  /** The hook or method name: `useEffect`, `componentDidMount`, `onMounted`. */
  name: string;
  /** Whether a function it returns is its cleanup (React effects, Svelte `onMount`). */
  returnsCleanup: boolean;
  /** The teardown counterparts that would remove the listener: `componentWillUnmount`. */
  teardown: readonly string[];
}

/** Hooks that run their callback on every mount, and whether a function it returns is its cleanup. */
const EFFECT_HOOKS: Record<string, boolean> = {
  useEffect: true,
  useLayoutEffect: true,
  useInsertionEffect: true,
  onMount: true,
  $effect: true,
  onMounted: false,
  onBeforeMount: false,
  onActivated: false,
  createEffect: false,
};
const LIFECYCLE_METHODS: Record<string, readonly string[]> = {
  componentDidMount: ['componentWillUnmount'],
  componentDidUpdate: ['componentWillUnmount'],
  connectedCallback: ['disconnectedCallback'],
  attachedCallback: ['detachedCallback'],
  firstUpdated: ['disconnectedCallback'],
  ngOnInit: ['ngOnDestroy'],
  ngAfterViewInit: ['ngOnDestroy'],
  mounted: ['beforeUnmount', 'unmounted', 'beforeDestroy', 'destroyed'],
  beforeMount: ['beforeUnmount', 'unmounted', 'beforeDestroy', 'destroyed'],
  activated: ['deactivated'],
  attached: ['detached'],
};
/** Keys that make an object literal a Vue component's options. */
const COMPONENT_OPTION_KEYS = new Set([
  'data',
  'props',
  'methods',
  'computed',
  'template',
  'render',
  'components',
  'watch',
  'setup',
  'emits',
]);

/** The component lifecycle `fn` is, if it is one: an effect callback, a mount hook callback, a lifecycle method. */
export function lifecycleOf(fn: FunctionNode): Lifecycle | null {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === fn) {
    const name = calleeName(parent);
    if (name !== null && Object.hasOwn(EFFECT_HOOKS, name)) {
      const returnsCleanup = EFFECT_HOOKS[name] === true;
      return {
        fn,
        kind: name.startsWith('use') || name === '$effect' ? 'effect' : 'hook',
        name,
        returnsCleanup,
        teardown: returnsCleanup ? [] : ['onUnmounted', 'onBeforeUnmount', 'onDestroy', 'onCleanup'],
      };
    }
    return null;
  }
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return null;
  const name = functionName(fn);
  if (name === null || !Object.hasOwn(LIFECYCLE_METHODS, name)) return null;
  const teardown = LIFECYCLE_METHODS[name] ?? [];
  if (parent?.type === AST_NODE_TYPES.MethodDefinition)
    return { fn, kind: 'method', name, returnsCleanup: false, teardown };
  // Vue's options API: `export default { mounted() {} }` beside `data`, `methods`…
  if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const keys = parent.parent.properties.map((p) =>
      p.type === AST_NODE_TYPES.Property && p.key.type === AST_NODE_TYPES.Identifier ? p.key.name : '',
    );
    if (keys.some((key) => COMPONENT_OPTION_KEYS.has(key)))
      return { fn, kind: 'method', name, returnsCleanup: false, teardown };
  }
  return null;
}

/** When a lifecycle runs, for messages: "every time the `useEffect()` effect of `Clock` runs", "on every mount". */
export function mountTrigger(lifecycle: Lifecycle): string {
  const component = componentName(lifecycle.fn);
  const where = component ? ` of \`${component}\`` : '';
  if (lifecycle.kind === 'effect') return `every time the \`${lifecycle.name}()\` effect${where} runs`;
  if (lifecycle.kind === 'hook') return `on every mount${where}`;
  return `on every mount${where} (\`${lifecycle.name}()\`)`;
}

/**
 * Why a lifecycle's teardown leaves something in place, for messages, given the component's methods: "`componentWillUnmount()`
 * never removes it", "there is no `ngOnDestroy()` to remove it", "no `onUnmounted()` hook removes it" (for `release`
 * `remove`). Null for a lifecycle with no teardown counterpart.
 */
export function teardownClause(lifecycle: Lifecycle, methods: ReadonlySet<string>, release: string): string | null {
  const [expected] = lifecycle.teardown;
  if (expected === undefined) return null;
  const present = lifecycle.teardown.find((name) => methods.has(name));
  if (present) return `\`${present}()\` never ${release}s it`;
  return lifecycle.kind === 'method'
    ? `there is no \`${expected}()\` to ${release} it`
    : `no \`${expected}()\` hook ${release}s it`;
}

/**
 * Why an effect's cleanup leaves something in place, for messages: "the cleanup `useEffect()` returns never removes
 * it", or "the `useEffect()` callback returns no cleanup that removes it" (for `release` `remove`).
 */
export function effectCleanupClause(sourceCode: SourceCode, lifecycle: Lifecycle, release: string): string {
  const cleanups = effectCleanups(sourceCode, lifecycle.fn);
  const returnsOne =
    cleanups.functions.length > 0 || (cleanups.opaque && lifecycle.fn.body.type === AST_NODE_TYPES.BlockStatement);
  return returnsOne
    ? `the cleanup \`${lifecycle.name}()\` returns never ${release}s it`
    : `the \`${lifecycle.name}()\` callback returns no cleanup that ${release}s it`;
}

/** `Clock` for a method of `class Clock`, or an effect inside `function Clock()`. */
function componentName(fn: FunctionNode): string | null {
  const method = fn.parent;
  if (method?.type === AST_NODE_TYPES.MethodDefinition) {
    const owner = method.parent.parent;
    return owner.id?.name ?? null;
  }
  const outer = enclosingFunction(fn);
  const name = outer ? functionName(outer) : null;
  return name !== null && /^[A-Z]/.test(name) ? name : null;
}

// ---------------------------------------------------------------------------------------------------------------
// React effects: the setup function and the cleanups it returns

/** React's effect hooks, from the one table above: `useEffect`, `useLayoutEffect`, `useInsertionEffect`. */
const REACT_EFFECT_HOOKS = new Set(Object.keys(EFFECT_HOOKS).filter((name) => name.startsWith('use')));

export interface EffectSetup {
  /** `useEffect`, `useLayoutEffect`. */
  hook: string;
  setup: FunctionNode;
}

/** When `fn` is the setup function passed to `useEffect`/`useLayoutEffect` (also `React.useEffect`), the hook. */
export function effectSetupOf(fn: FunctionNode): EffectSetup | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const hook = calleeName(call);
  return hook !== null && REACT_EFFECT_HOOKS.has(hook) ? { hook, setup: fn } : null;
}

export interface EffectCleanups {
  /** The cleanup functions the setup returns (a function literal, or a local function returned by name). */
  functions: FunctionNode[];
  /** The setup returns something else (`return subscribe()`): a cleanup the file cannot read. */
  opaque: boolean;
  /** The setup's own `return` statements. */
  returns: TSESTree.ReturnStatement[];
}

/** The cleanups an effect's setup returns. */
export function effectCleanups(sourceCode: SourceCode, setup: FunctionNode): EffectCleanups {
  const result: EffectCleanups = { functions: [], opaque: false, returns: [] };
  const addValue = (value: TSESTree.Node): void => {
    const returned = unwrap(value);
    if (isFunction(returned)) {
      result.functions.push(returned);
      return;
    }
    const local = returned.type === AST_NODE_TYPES.Identifier ? localFunction(sourceCode, returned, setup) : null;
    if (local) result.functions.push(local);
    else result.opaque = true;
  };
  if (setup.body.type !== AST_NODE_TYPES.BlockStatement) {
    addValue(setup.body);
    return result;
  }
  for (const statement of ownReturns(sourceCode, setup)) {
    result.returns.push(statement);
    if (statement.argument) addValue(statement.argument);
  }
  return result;
}

/** A function declared inside `scope` and named by `identifier`: `function stop() {}`, `const stop = () => {}`. */
export function localFunction(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
  scope: TSESTree.Node,
): FunctionNode | null {
  const variable = resolve(sourceCode, identifier);
  const declaration = variable?.defs.length === 1 ? variable.defs[0]?.node : undefined;
  if (!declaration || !contains(scope, declaration)) return null;
  if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) return declaration;
  if (
    declaration.type === AST_NODE_TYPES.VariableDeclarator &&
    declaration.init &&
    isFunction(unwrap(declaration.init))
  ) {
    return variable?.references.every((reference) => reference.init || !reference.isWrite())
      ? (unwrap(declaration.init) as FunctionNode)
      : null;
  }
  return null;
}

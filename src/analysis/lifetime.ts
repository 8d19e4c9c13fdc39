/**
 * Lifetime question 2: does this value outlive the code that uses it?
 *
 * Long-lived: module-scope bindings (ESM, CommonJS and script), class static fields and properties hung on
 * module-level bindings (`createDebug.instances`), and locals captured by a closure that a long-lived holder keeps:
 * an interval, a listener on a long-lived target, a module-level binding. Everything else dies with its call.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  enclosingFunction,
  functionVariable,
  isFunction,
  isModuleScope,
  propertyName,
  resolve,
  unwrap,
  type FunctionNode,
  outerBinding,
  topLevelScope,
  GLOBAL_OBJECT_NAMES,
} from './ast.js';
import { timerFunctionName } from './repetition.js';
import { mayBeReleased } from './timers.js';
import { ADD_METHODS, REMOVE_METHODS } from './listener-methods.js';

type Variable = TSESLint.Scope.Variable;

/** Targets that live as long as the program: their listeners, and what those capture, are never collected. */
const PROGRAM_LIFETIME_TARGETS = new Set(['process', 'document', ...GLOBAL_OBJECT_NAMES]);

/** A binding of the module (or script) itself: it lives as long as the module does, which is the whole process. */
export function isModuleScoped(variable: Variable): boolean {
  return isModuleScope(variable.scope);
}

/** Every reference to a module binding, including, for a class, those to its name inside its own body. */
export function referencesOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  variable: Variable,
): TSESLint.Scope.Reference[] {
  const definition = variable.defs[0];
  if (definition?.type !== 'ClassName') return variable.references;
  const inner = sourceCode.scopeManager?.acquire(definition.node)?.set.get(variable.name);
  return inner && inner !== variable ? [...variable.references, ...inner.references] : variable.references;
}

/** A long-lived place a value is stored: a module binding, or a property of one (a class static field). */
export interface Storage {
  /** Identity of the place, equal for every expression that denotes it. */
  key: string;
  /** How messages name it: `requestLogs`, `Job.all`. */
  name: string;
  /** The module-level variable it is, or hangs from. */
  variable: Variable;
  /** For a property: its name; null for the binding itself. */
  property: string | null;
}

/**
 * The module-level storage an expression denotes: a module binding (`requestLogs`), a static property of one
 * (`Job.all`, `createDebug.instances`), or `this.all` in a static method of a module-level class. Null for anything
 * else: locals, instance fields, computed paths.
 */
export function moduleStorageOf(sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Node): Storage | null {
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.Identifier) {
    if (!mayNameModuleBinding(sourceCode, node.name)) return null;
    const found = resolve(sourceCode, node);
    const variable = found && outerBinding(found);
    if (!variable || variable.defs.length === 0 || !isModuleScoped(variable)) return null;
    return { key: keyOf(variable, null), name: node.name, variable, property: null };
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const property = propertyName(node);
  if (property === null) return null;
  const object = unwrap(node.object);
  let owner: Variable | null = null;
  if (object.type === AST_NODE_TYPES.Identifier) {
    const found = mayNameModuleBinding(sourceCode, object.name) ? resolve(sourceCode, object) : null;
    const variable = found && outerBinding(found);
    if (variable && variable.defs.length > 0 && isModuleScoped(variable)) owner = variable;
  } else if (object.type === AST_NODE_TYPES.ThisExpression) {
    owner = staticThisClass(sourceCode, node);
  }
  if (!owner) return null;
  return { key: keyOf(owner, property), name: `${owner.name}.${property}`, variable: owner, property };
}

/**
 * Whether the module's own scopes declare a name at all: a name they do not declare cannot resolve to a module binding
 * (a class's inner name stands for one declared there too). Two lookups, where resolving walks up from the node.
 */
function mayNameModuleBinding(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return true; // no scopes to ask: let resolve answer
  if (globalScope.set.has(name)) return true;
  const topLevel = topLevelScope(sourceCode);
  return topLevel !== null && topLevel.set.has(name);
}

const variableIds = new WeakMap<Variable, number>();
let nextVariableId = 0;
function keyOf(variable: Variable, property: string | null): string {
  let id = variableIds.get(variable);
  if (id === undefined) variableIds.set(variable, (id = nextVariableId++));
  return property === null ? `${id}` : `${id}.${property}`;
}

/** The module-level class whose static members `this` denotes inside a static method or static block. */
function staticThisClass(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): Variable | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const member = isFunction(current) ? current.parent : current;
    if (
      member?.type === AST_NODE_TYPES.StaticBlock ||
      ((member?.type === AST_NODE_TYPES.MethodDefinition || member?.type === AST_NODE_TYPES.PropertyDefinition) &&
        member.static)
    ) {
      const classNode = member.parent?.parent;
      if (
        (classNode?.type === AST_NODE_TYPES.ClassDeclaration || classNode?.type === AST_NODE_TYPES.ClassExpression) &&
        classNode.id
      ) {
        const found = resolve(sourceCode, classNode.id);
        const variable = found && outerBinding(found);
        return variable && isModuleScoped(variable) ? variable : null;
      }
      return null;
    }
    if (isFunction(current) || current.type === AST_NODE_TYPES.ClassBody) return null;
  }
  return null;
}

export interface ClosureHolder {
  /** "the interval started at line 12", "the `data` listener on `process`", "`getRandom`, a module-level binding". */
  holder: string;
  /** The call whose result the holder keeps, when the closure is returned by a maker: `increment()`. */
  maker: string | null;
}

/**
 * What keeps a closure alive for the life of the process, or null when nothing visible does. Follows one step of
 * indirection: a closure returned by `outer()` is kept by whatever keeps `outer()`'s result.
 */
export function closureHolder(sourceCode: Readonly<TSESLint.SourceCode>, closure: FunctionNode): ClosureHolder | null {
  const direct = holderOfValue(sourceCode, closure);
  if (direct) return { holder: direct, maker: null };
  const maker = functionReturning(closure);
  if (!maker) return null;
  const variable = functionVariable(sourceCode, maker);
  for (const reference of variable?.references ?? []) {
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
    const holder = holderOfValue(sourceCode, call);
    if (holder) return { holder, maker: `${reference.identifier.name}()` };
  }
  return null;
}

/** Who keeps a value (a function, or the result of a call) for the life of the process. */
function holderOfValue(sourceCode: Readonly<TSESLint.SourceCode>, value: TSESTree.Node): string | null {
  const parent = value.parent;
  if (!parent) return null;
  if (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === value &&
    timerFunctionName(parent) === 'setInterval'
  ) {
    return mayBeReleased(sourceCode, parent) ? null : `the interval started at line ${parent.loc.start.line}`;
  }
  if (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments.some((a) => a === value) &&
    parent.arguments[0] !== value
  ) {
    const callee = unwrap(parent.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    if (callee.type === AST_NODE_TYPES.MemberExpression && method !== null && ADD_METHODS.has(method)) {
      const target = unwrap(callee.object);
      const event = parent.arguments[0];
      const eventName =
        event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? `\`${event.value}\` ` : '';
      if (
        target.type === AST_NODE_TYPES.Identifier &&
        (PROGRAM_LIFETIME_TARGETS.has(target.name) || isModuleLevelName(sourceCode, target))
      ) {
        return `the ${eventName}listener on \`${target.name}\``;
      }
    }
  }
  if (
    parent.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === value &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    const [variable] = sourceCode.getDeclaredVariables(parent);
    if (variable && isModuleScoped(variable)) return `\`${parent.id.name}\`, a module-level binding`;
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) {
    const storage = moduleStorageOf(sourceCode, parent.left);
    if (storage) return `\`${storage.name}\`, a module-level binding`;
  }
  return null;
}

function isModuleLevelName(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = resolve(sourceCode, identifier);
  return variable !== null && variable.defs.length > 0 && isModuleScoped(variable);
}

/** The function that returns `closure` directly (`return function inner() {}` or `() => () => …`), or null. */
function functionReturning(closure: FunctionNode): FunctionNode | null {
  const parent = closure.parent;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === closure) return parent;
  if (parent?.type !== AST_NODE_TYPES.ReturnStatement) return null;
  return enclosingFunction(parent);
  return null;
}

/** One way a value is kept for the life of the process, with what a rule needs to reason about it. */
export interface ValueKeeper extends ClosureHolder {
  /** The call of the maker whose result is kept (`outer(10000)`), when the value is returned by a maker. */
  makerCall: TSESTree.CallExpression | null;
  /** The module-level storage that keeps it (`theThing`, `cache`), when the holder is one. */
  storage: Storage | null;
  /** Where the holder takes the value: the timer or listener call, the declarator, the assignment, the cache call. */
  site: TSESTree.Node;
}

/** Methods that store their argument in a collection: a module-level one keeps it. */
const STORING_METHODS = new Set(['set', 'push', 'unshift', 'add']);

function isListenerCall(node: TSESTree.Node): boolean {
  const callee = node.type === AST_NODE_TYPES.CallExpression ? unwrap(node.callee) : null;
  const method = callee?.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
  return method !== null && ADD_METHODS.has(method);
}

function isRemovalArgument(use: TSESTree.Node): boolean {
  const call = use.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((a) => a === use)) return false;
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
  return method !== null && REMOVE_METHODS.has(method);
}

/**
 * Every visible way a value (a closure, or an object literal carrying one) is kept for the life of the process.
 * Extends closureHolder (which it agrees with on what it finds) with: values inside object and array literals
 * (`theThing = { someMethod() {} }`), a local function passed on by name (`setInterval(tick, 1000)`), module-level
 * caches (`cache.set(key, fn)`, `handlers.push(fn)`, `cache[key] = fn`), and every kept call of a maker rather than
 * the first. Direct holders come first; a value returned by a maker lists one keeper per kept call of the maker.
 */
export function valueKeepers(sourceCode: Readonly<TSESLint.SourceCode>, value: TSESTree.Node): ValueKeeper[] {
  const direct: ValueKeeper[] = [];
  const names = namesOf(sourceCode, value);
  // A listener the file removes by name (`target.off('x', onX)`) is let go: not kept.
  const removed = names.some((use) => isRemovalArgument(use));
  for (const use of names) {
    const kept = keeperOfValue(sourceCode, enclosingLiteral(use));
    if (kept && !(removed && isListenerCall(kept.site))) direct.push({ ...kept, maker: null, makerCall: null });
  }
  if (direct.length > 0) return direct;
  const maker = functionReturningValue(enclosingLiteral(value));
  const variable = maker && functionVariable(sourceCode, maker);
  const found: ValueKeeper[] = [];
  for (const reference of variable?.references ?? []) {
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
    const kept = keeperOfValue(sourceCode, enclosingLiteral(call));
    if (kept) found.push({ ...kept, maker: `${reference.identifier.name}()`, makerCall: call });
  }
  return found;
}

/** The value itself, and, for a function declared by name in a function (`function tick() {}`), each use of the name. */
function namesOf(sourceCode: Readonly<TSESLint.SourceCode>, value: TSESTree.Node): TSESTree.Node[] {
  if (!isFunction(value)) return [value];
  const declaration =
    value.type === AST_NODE_TYPES.FunctionDeclaration
      ? value
      : value.parent?.type === AST_NODE_TYPES.VariableDeclarator && value.parent.init === value
        ? value.parent
        : null;
  const variable = declaration ? sourceCode.getDeclaredVariables(declaration)[0] : undefined;
  if (!variable || isModuleScoped(variable)) return [value];
  return [
    value,
    ...variable.references
      .filter((reference) => !reference.init && reference.isRead())
      .map((reference) => reference.identifier),
  ];
}

/** The outermost object or array literal that carries `value` as a property value or element (or awaits it), or `value` itself. */
function enclosingLiteral(value: TSESTree.Node): TSESTree.Node {
  let current = value;
  for (let parent = current.parent; parent; parent = current.parent) {
    if (
      parent.type === AST_NODE_TYPES.Property &&
      parent.value === current &&
      parent.parent.type === AST_NODE_TYPES.ObjectExpression
    )
      current = parent.parent;
    else if (parent.type === AST_NODE_TYPES.ArrayExpression) current = parent;
    else if (parent.type === AST_NODE_TYPES.AwaitExpression)
      current = parent; // `loaded = await load()` keeps what `load()` resolves to
    else if (
      (parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression) &&
      parent.expression === current
    )
      current = parent;
    else return current;
  }
  return current;
}

/** Who keeps a value for the life of the process, with the storage and site; holderOfValue plus module-level caches. */
function keeperOfValue(
  sourceCode: Readonly<TSESLint.SourceCode>,
  value: TSESTree.Node,
): Omit<ValueKeeper, 'maker' | 'makerCall'> | null {
  const parent = value.parent;
  if (!parent) return null;
  const holder = holderOfValue(sourceCode, value);
  if (holder) {
    const storage =
      parent.type === AST_NODE_TYPES.VariableDeclarator
        ? moduleStorageOf(sourceCode, parent.id)
        : parent.type === AST_NODE_TYPES.AssignmentExpression
          ? moduleStorageOf(sourceCode, parent.left)
          : null;
    return { holder, storage, site: parent };
  }
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.some((a) => a === value)) {
    const callee = unwrap(parent.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    const storage =
      callee.type === AST_NODE_TYPES.MemberExpression && method !== null && STORING_METHODS.has(method)
        ? moduleStorageOf(sourceCode, callee.object)
        : null;
    if (storage && (method !== 'set' || parent.arguments[1] === value))
      return { holder: `the module-level collection \`${storage.name}\``, storage, site: parent };
  }
  if (
    parent.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === value &&
    parent.left.type === AST_NODE_TYPES.MemberExpression &&
    parent.left.computed
  ) {
    const storage = moduleStorageOf(sourceCode, parent.left.object);
    if (storage) return { holder: `the module-level object \`${storage.name}\``, storage, site: parent };
  }
  return null;
}

/** The function that returns `value` directly (`return { … }`, `() => value`), or null. */
function functionReturningValue(value: TSESTree.Node): FunctionNode | null {
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === value) return parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(parent) : null;
}

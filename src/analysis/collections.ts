/**
 * Collections: what counts as growth and removal of an array, Map, Set or object used as a dictionary, and how each
 * expression that names one uses it (grows, removes, reads, resets, escapes). no-unbounded-collection asks these
 * questions of the long-lived collections it finds.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, enclosingFunction, isFunction, outermostWrapper, propertyName, unwrap } from './ast.js';

export type CollectionKind = 'array' | 'map' | 'set' | 'object';
export type Growth = 'append' | 'keyed';

const APPEND_METHODS = new Set(['push', 'unshift']);
const KEYED_METHODS = new Set(['set', 'add']);
const REMOVAL_METHODS = new Set(['delete', 'clear', 'shift', 'pop', 'splice']);
/** Methods that only read a collection (or return a new one): a use, not an escape. */
const READ_METHODS = new Set([
  'get',
  'has',
  'forEach',
  'keys',
  'values',
  'entries',
  'slice',
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
  'includes',
  'indexOf',
  'lastIndexOf',
  'join',
  'at',
  'concat',
  'flat',
  'flatMap',
  'toString',
  'toJSON',
  'hasOwnProperty',
  'toSorted',
  'toReversed',
]);
/** Functions that read their argument and keep nothing: `JSON.stringify(list)`, `res.json(list)`. */
const READING_FUNCTIONS = new Set([
  'stringify',
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'trace',
  'send',
  'json',
  'end',
  'write',
  'render',
  'isArray',
  'from',
  'keys',
  'values',
  'entries',
  'inspect',
  'String',
  'Number',
  'Boolean',
  'assert',
  'equal',
  'deepEqual',
]);
const MEMBERSHIP_METHODS = new Set(['includes', 'indexOf', 'lastIndexOf', 'has', 'find', 'findIndex', 'some']);
const WEAK_CONSTRUCTORS = new Set(['WeakMap', 'WeakSet', 'WeakRef']);
/** Parameter names that hold an object per request or event: a WeakMap/WeakSet keyed by them frees itself. */
const PER_EVENT_OBJECT =
  /^(req|request|res|response|socket|conn|connection|ctx|context|client|session|ws|event|evt|e)$/;

/** A class, a function or an object literal of this file, which static collections can hang from. */
export interface GrowthSite {
  node: TSESTree.Node;
  growth: Growth;
  key: TSESTree.Node | null;
}

export function canHoldOwnCollections(variable: TSESLint.Scope.Variable): boolean {
  const definition = variable.defs[0];
  if (definition?.type === 'ClassName' || definition?.type === 'FunctionName') return true;
  const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
  return (
    init !== null &&
    init !== undefined &&
    (isFunction(init) || init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.ClassExpression)
  );
}

/** `Registry.items = []` at module top level: where a property collection is created. */
export function staticInitialisation(uses: readonly TSESTree.Node[]): TSESTree.Node | null {
  for (const node of uses) {
    const assignment = node.parent;
    if (
      assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
      assignment.left === node &&
      isStaticInitialisation(assignment)
    )
      return assignment.right;
  }
  return null;
}

/**
 * Where each `Owner.property` is created: a static field, a property of a module-level object literal (the first,
 * where a name repeats). One map per owner, not a search of its members per property.
 */
export function propertyInitialisers(owner: TSESLint.Scope.Variable): Map<string, TSESTree.Node | null> {
  const found = new Map<string, TSESTree.Node | null>();
  const add = (key: TSESTree.Node, computed: boolean, value: TSESTree.Node | null): void => {
    if (!computed && key.type === AST_NODE_TYPES.Identifier && !found.has(key.name)) found.set(key.name, value);
  };
  const definition = owner.defs[0]?.node;
  if (definition?.type === AST_NODE_TYPES.ClassDeclaration || definition?.type === AST_NODE_TYPES.ClassExpression) {
    for (const member of definition.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && member.static)
        add(member.key, member.computed, member.value);
    }
  }
  if (
    definition?.type === AST_NODE_TYPES.VariableDeclarator &&
    definition.init?.type === AST_NODE_TYPES.ObjectExpression
  ) {
    for (const entry of definition.init.properties) {
      if (entry.type === AST_NODE_TYPES.Property) add(entry.key, entry.computed, entry.value);
    }
  }
  return found;
}

/** How an expression that denotes a collection is used where it stands. */
export type Use =
  { type: 'growth'; site: GrowthSite } | { type: 'release' } | { type: 'escape' } | { type: 'read' } | { type: 'init' };

export function classifyCollectionUse(node: TSESTree.Node): Use {
  // Look through `list!`, `list as T`.
  const current = outermostWrapper(node);
  const parent = current.parent;
  if (!parent) return { type: 'read' };
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === current ? classifyMemberUse(parent) : { type: 'read' };
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.left === current)
        return isGrowthReassignment(parent, node)
          ? { type: 'growth', site: { node: parent, growth: 'append', key: null } }
          : parent.operator === '=' && isStaticInitialisation(parent)
            ? { type: 'init' }
            : { type: 'release' };
      return { type: 'escape' };
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.id === current ? { type: 'read' } : { type: 'escape' };
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === current) return { type: 'read' };
      const name = calleeName(parent);
      return name !== null && READING_FUNCTIONS.has(name) ? { type: 'read' } : { type: 'escape' };
    }
    case AST_NODE_TYPES.SpreadElement:
      return parent.parent?.type === AST_NODE_TYPES.ArrayExpression ? { type: 'read' } : { type: 'escape' };
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return parent.right === current ? { type: 'read' } : { type: 'release' };
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.TSQualifiedName:
      return { type: 'read' };
    default:
      return { type: 'escape' };
  }
}

/** `list.push(x)`, `map.get(k).push(v)`, `dict[key] = v`, `delete dict[key]`, `list.length = 0`, `list.length`. */
function classifyMemberUse(member: TSESTree.MemberExpression): Use {
  const method = propertyName(member);
  const call = member.parent;
  const isCalled = call?.type === AST_NODE_TYPES.CallExpression && call.callee === member;
  if (isCalled && method !== null) {
    if (APPEND_METHODS.has(method)) return { type: 'growth', site: { node: call, growth: 'append', key: null } };
    if (KEYED_METHODS.has(method))
      return { type: 'growth', site: { node: call, growth: 'keyed', key: call.arguments[0] ?? null } };
    if (method === 'splice') {
      const deleteCount = call.arguments[1];
      const inserts =
        call.arguments.length > 2 && deleteCount?.type === AST_NODE_TYPES.Literal && deleteCount.value === 0;
      return inserts ? { type: 'growth', site: { node: call, growth: 'append', key: null } } : { type: 'release' };
    }
    if (REMOVAL_METHODS.has(method)) return { type: 'release' };
    if (method === 'get' && isNestedGrowth(call))
      return { type: 'growth', site: { node: call.parent?.parent ?? call, growth: 'append', key: null } };
    return READ_METHODS.has(method) ? { type: 'read' } : { type: 'escape' };
  }
  const outer = member.parent;
  if (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') return { type: 'release' };
  if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member) {
    if (method === 'length') return { type: 'release' };
    if (member.computed && method === null)
      return { type: 'growth', site: { node: outer, growth: 'keyed', key: member.property } };
    return { type: 'read' };
  }
  if (outer?.type === AST_NODE_TYPES.UpdateExpression && method === 'length') return { type: 'release' };
  return { type: 'read' };
}

/** `map.get(key).push(value)`: the values of the map grow. */
function isNestedGrowth(getCall: TSESTree.CallExpression): boolean {
  const member = getCall.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== getCall) return false;
  const method = propertyName(member);
  return (
    method !== null &&
    (APPEND_METHODS.has(method) || KEYED_METHODS.has(method)) &&
    member.parent?.type === AST_NODE_TYPES.CallExpression
  );
}

/** `list = list.concat(x)`, `list = [...list, x]`, `dict = { ...dict, [k]: v }`. */
function isGrowthReassignment(assignment: TSESTree.AssignmentExpression, collection: TSESTree.Node): boolean {
  if (assignment.operator !== '=') return false;
  const right = unwrap(assignment.right);
  const sameAs = (node: TSESTree.Node): boolean => sameReference(unwrap(node), unwrap(collection));
  if (right.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(right.callee);
    return (
      callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'concat' && sameAs(callee.object)
    );
  }
  if (right.type === AST_NODE_TYPES.ArrayExpression) {
    return (
      right.elements.length > 1 &&
      right.elements.some((e) => e?.type === AST_NODE_TYPES.SpreadElement && sameAs(e.argument))
    );
  }
  if (right.type === AST_NODE_TYPES.ObjectExpression) {
    return (
      right.properties.length > 1 &&
      right.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement && sameAs(p.argument))
    );
  }
  return false;
}

function sameReference(a: TSESTree.Node, b: TSESTree.Node): boolean {
  if (a.type === AST_NODE_TYPES.Identifier && b.type === AST_NODE_TYPES.Identifier) return a.name === b.name;
  if (a.type === AST_NODE_TYPES.ThisExpression && b.type === AST_NODE_TYPES.ThisExpression) return true;
  if (a.type === AST_NODE_TYPES.MemberExpression && b.type === AST_NODE_TYPES.MemberExpression) {
    return (
      propertyName(a) !== null &&
      propertyName(a) === propertyName(b) &&
      sameReference(unwrap(a.object), unwrap(b.object))
    );
  }
  return false;
}

/** `Registry.items = []` at module top level: where a property collection is created, not a reset. */
function isStaticInitialisation(assignment: TSESTree.AssignmentExpression): boolean {
  return (
    assignment.left.type === AST_NODE_TYPES.MemberExpression &&
    enclosingFunction(assignment) === null &&
    collectionKind(assignment.right) !== null
  );
}

/** `list.length`/`map.size` of the collection named `name`. */
export function readsSizeOf(name: string): (node: TSESTree.Node) => boolean {
  const last = name.split('.').pop() ?? name;
  return (node) =>
    node.type === AST_NODE_TYPES.MemberExpression &&
    (propertyName(node) === 'length' || propertyName(node) === 'size') &&
    lastName(unwrap(node.object)) === last;
}

/** `list.includes(x)`, `list.indexOf(x)`, `set.has(x)`, `x in dict`: a membership test of the collection. */
export function testsMembershipOf(name: string): (node: TSESTree.Node) => boolean {
  const last = name.split('.').pop() ?? name;
  return (node) => {
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === 'in')
      return lastName(unwrap(node.right)) === last;
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    return (
      method !== null &&
      MEMBERSHIP_METHODS.has(method) &&
      callee.type === AST_NODE_TYPES.MemberExpression &&
      lastName(unwrap(callee.object)) === last
    );
  };
}

function lastName(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  return node.type === AST_NODE_TYPES.MemberExpression ? propertyName(node) : null;
}

/** What kind of collection an initialiser creates, or null when it is not one this rule tracks. */
export function collectionKind(initialiser: TSESTree.Node): CollectionKind | null {
  const node = unwrap(initialiser);
  if (node.type === AST_NODE_TYPES.ArrayExpression) return 'array';
  if (node.type === AST_NODE_TYPES.ObjectExpression)
    return node.properties.every((p) => p.type === AST_NODE_TYPES.Property && !isFunction(p.value)) ? 'object' : null;
  if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (WEAK_CONSTRUCTORS.has(callee.name)) return null;
      if (callee.name === 'Map') return 'map';
      if (callee.name === 'Set') return 'set';
      if (callee.name === 'Array') return 'array';
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.Identifier) {
      const owner = (unwrap(callee.object) as TSESTree.Identifier).name;
      const method = propertyName(callee);
      if (
        owner === 'Object' &&
        method === 'create' &&
        node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        node.arguments[0].value === null
      )
        return 'object';
      if (owner === 'Array' && (method === 'from' || method === 'of')) return 'array';
    }
  }
  return null;
}

/** Exported by name: other modules may trim it. */
export function isExported(variable: TSESLint.Scope.Variable): boolean {
  const definition = variable.defs[0]?.node;
  return (
    definition?.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    definition?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
  );
}

/** A key that is new on every call, so keyed growth cannot be a bounded memo: `this`, `new X()`, `Date.now()`. */
export function isFreshPerCall(key: TSESTree.Node): boolean {
  const node = unwrap(key);
  switch (node.type) {
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return true;
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(node.callee);
      const name =
        callee.type === AST_NODE_TYPES.MemberExpression
          ? `${callee.object.type === AST_NODE_TYPES.Identifier ? callee.object.name : ''}.${propertyName(callee) ?? ''}`
          : callee.type === AST_NODE_TYPES.Identifier
            ? callee.name
            : '';
      return ['Date.now', 'Math.random', 'Symbol', 'crypto.randomUUID', 'performance.now', 'process.hrtime'].includes(
        name,
      );
    }
    default:
      return false;
  }
}

/** A key that is an object per request or event (`req`, `socket`, `this`): a weak collection can hold it. */
export function isPerEventObject(key: TSESTree.Node): boolean {
  const node = unwrap(key);
  return (
    node.type === AST_NODE_TYPES.ThisExpression ||
    (node.type === AST_NODE_TYPES.Identifier && PER_EVENT_OBJECT.test(node.name))
  );
}

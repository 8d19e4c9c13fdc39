/**
 * no-unbounded-collection: a collection that outlives the work it records, grown by code that runs repeatedly, with
 * nothing that ever shrinks it.
 *
 * - Collections: arrays, `Map`, `Set`, and plain objects used as dictionaries, recognised by their initialiser
 *   (`[]`, `new Map<K, V>()`, `{}`, `Object.create(null)`); `WeakMap`/`WeakSet` never.
 * - Long-lived (src/analysis/lifetime): module bindings, class static fields, properties of module-level bindings,
 *   and locals captured by a closure a long-lived holder keeps (the seed's `increment()` under `setInterval`).
 * - Growth: `push`/`unshift`, `splice` inserting, `set`/`add`, `obj[key] =`, `list = list.concat(x)`,
 *   `list = [...list, x]`, and nested growth (`map.get(k).push(v)`).
 * - Repeated (src/analysis/repetition): appends anywhere that repeats; keyed growth (`set`, `add`, `obj[key] =`)
 *   from event-driven code (handlers, listeners, interval ticks), or with a key that is new on every call (`this`,
 *   `new X()`, `Date.now()`), since a memo cache keyed by its arguments is bounded by what callers pass.
 * - Release evidence anywhere in the file silences it: `delete`, `clear()`, `shift`/`pop`/removing `splice`,
 *   `length = n`, reassignment, a size check in the growing function (LRU, ring, pool), or the collection escaping
 *   to code this file cannot see (exported, returned, passed to an unknown function, aliased). A membership test
 *   before an append (`if (!used.includes(fn))`) makes it keyed growth: a dedupe registry.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import {
  enclosingFunction,
  type FunctionNode,
  isFunction,
  isModuleScope,
  outermostWrapper,
  propertyName,
  resolve,
  someDescendant,
  unwrap,
  outerBinding,
} from '../src/analysis/ast.js';
import { capturedVariables } from '../src/analysis/closures.js';
import { testsAround } from '../src/analysis/guards.js';
import { describeFunction, functionName } from '../src/analysis/fixes.js';
import {
  closureHolder,
  isModuleScoped,
  moduleStorageOf,
  referencesOf,
  type ClosureHolder,
} from '../src/analysis/lifetime.js';
import {
  analyseRepetition,
  runOnceOptionSchema,
  type Repetition,
  type RepetitionAnalysis,
} from '../src/analysis/repetition.js';

type CollectionKind = 'array' | 'map' | 'set' | 'object';
type Growth = 'append' | 'keyed';

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

type Options = [{ runOnce?: string[] }];
type MessageIds = 'unbounded' | 'capturedByKeptClosure' | 'useWeakCollection';

interface GrowthSite {
  node: TSESTree.Node;
  growth: Growth;
  key: TSESTree.Node | null;
}

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-collection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived collections that grow on every request, event or call and are never shrunk',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      unbounded:
        '`{{name}}` gains an entry {{trigger}}, and nothing in this file removes entries; {{holder}} keeps it, and every entry, alive for the life of the process.',
      capturedByKeptClosure:
        '`{{name}}` gains an entry {{trigger}}, and nothing removes entries; {{closure}} captures it, and {{holder}} keeps {{closure}} alive for the life of the process.',
      useWeakCollection: 'Make `{{name}}` a `{{weak}}`, so each entry is dropped when its key object is collected.',
    },
    schema: [
      runOnceOptionSchema(
        'Functions that run once (`init`, `bootstrap`): growth in them, or in callbacks passed to them, is start-up work.',
      ),
    ],
  },
  defaultOptions: [{ runOnce: [] }],
  create(context, [{ runOnce = [] }]) {
    const sourceCode = context.sourceCode;
    let repetition: RepetitionAnalysis | null = null; // made on the first growth site: most files have none
    /** `this.all` in static methods, by the storage (`Job.all`) it denotes. */
    const staticThisUses = new Map<string, TSESTree.MemberExpression[]>();

    const testsByFunction = new Map<TSESTree.Node, TSESTree.Node[]>();
    function testsFor(node: TSESTree.Node): TSESTree.Node[] {
      const owner = enclosingFunction(node) ?? sourceCode.ast;
      let tests = testsByFunction.get(owner);
      if (!tests) testsByFunction.set(owner, (tests = testsAround(sourceCode, node)));
      return tests;
    }

    /**
     * The growth a site really adds: none when a size check bounds it (`if (cache.size > MAX)`, a pool's
     * `if (next < pool.length)`), keyed when a membership test dedupes it (`if (!used.includes(fn)) used.push(fn)`).
     */
    function effectiveGrowth(site: GrowthSite, name: string): GrowthSite | null {
      const tests = testsFor(site.node);
      if (tests.some((test) => someDescendant(sourceCode, test, readsSizeOf(name)))) return null;
      if (site.growth === 'append' && tests.some((test) => someDescendant(sourceCode, test, testsMembershipOf(name)))) {
        const added = site.node.type === AST_NODE_TYPES.CallExpression ? (site.node.arguments[0] ?? null) : null;
        return { node: site.node, growth: 'keyed', key: added };
      }
      return site;
    }

    /** The first growth site that runs repeatedly enough to be unbounded, and how it repeats. */
    function firstLeakingSite(
      kind: CollectionKind,
      sites: readonly GrowthSite[],
    ): { site: GrowthSite; repetition: Repetition } | null {
      for (const site of sites) {
        if (site.growth === 'keyed' && kind === 'array') continue; // `list[i] = x` overwrites
        repetition ??= analyseRepetition(sourceCode, { runOnce });
        const found = repetition.repetitionOf(site.node);
        if (found.kind === 'once') continue;
        // A memo keyed by its callers' arguments is bounded by what they pass; a fresh key per call is not.
        if (site.growth === 'keyed' && found.kind === 'per-call' && !(site.key && isFreshPerCall(site.key))) continue;
        return { site, repetition: found };
      }
      return null;
    }

    function report(
      name: string,
      initialiser: TSESTree.Node,
      kind: CollectionKind,
      leak: { site: GrowthSite; repetition: Repetition },
      why:
        | { messageId: 'unbounded'; holder: string }
        | { messageId: 'capturedByKeptClosure'; holder: string; closure: string },
    ): void {
      const weak = kind === 'map' ? 'WeakMap' : kind === 'set' ? 'WeakSet' : null;
      const created = unwrap(initialiser);
      const constructorName = created.type === AST_NODE_TYPES.NewExpression ? unwrap(created.callee) : null;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (weak && constructorName && leak.site.key && isPerEventObject(leak.site.key)) {
        suggest.push({
          messageId: 'useWeakCollection',
          data: { name, weak },
          fix: (fixer) => fixer.replaceText(constructorName, weak),
        });
      }
      context.report({
        node: leak.site.node,
        messageId: why.messageId,
        data: { ...why, name, trigger: triggerAt(leak) },
        suggest,
      });
    }

    /** "on every request to …", or "in `remember()`, which runs on every request to …" when a helper grows it. */
    function triggerAt(leak: { site: GrowthSite; repetition: Repetition }): string {
      const fn = enclosingFunction(leak.site.node);
      if (!fn || functionName(fn) === null) return leak.repetition.trigger;
      const where = describeFunction(fn);
      return leak.repetition.trigger.includes(where)
        ? leak.repetition.trigger
        : `in ${where}, which runs ${leak.repetition.trigger}`;
    }

    /** Checks one long-lived collection given every expression that names it. */
    function checkLongLived(
      name: string,
      initialiser: TSESTree.Node | null,
      uses: readonly TSESTree.Node[],
      holder: (line: number) => string,
    ): void {
      const init = initialiser ?? staticInitialisation(uses);
      const kind = init ? collectionKind(init) : null;
      if (!init || !kind) return;
      const growth: GrowthSite[] = [];
      for (const node of uses) {
        const use = classifyUse(node);
        if (use.type === 'escape' || use.type === 'release') return;
        if (use.type === 'growth') growth.push(use.site);
      }
      const leak = firstLeakingSite(
        kind,
        growth.map((site) => effectiveGrowth(site, name)).filter((site) => site !== null),
      );
      if (leak) report(name, init, kind, leak, { messageId: 'unbounded', holder: holder(init.loc.start.line) });
    }

    function checkModuleBinding(variable: TSESLint.Scope.Variable): void {
      const uses = referencesOf(sourceCode, variable)
        .filter((reference) => !reference.init)
        .map((reference) => reference.identifier);
      const definition = variable.defs[0]?.node;
      if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && !isExported(variable)) {
        checkLongLived(variable.name, definition.init, uses, (line) => `the module scope (declared at line ${line})`);
      }
      // Properties hung on the binding: `Job.all`, `createDebug.instances`. Imports and required modules hold none of
      // this file's collections, so only classes, functions and object literals are looked at.
      if (!canHoldOwnCollections(variable)) return;
      const byProperty = new Map<string, TSESTree.MemberExpression[]>();
      for (const identifier of uses) {
        const member = identifier.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || member.computed)
          continue;
        const property = propertyName(member);
        if (property === null) continue;
        const list = byProperty.get(property) ?? [];
        list.push(member);
        byProperty.set(property, list);
      }
      for (const member of staticThisUses.get(variable.name) ?? []) {
        const property = propertyName(member);
        if (property === null || moduleStorageOf(sourceCode, member)?.variable !== variable) continue;
        const list = byProperty.get(property) ?? [];
        list.push(member);
        byProperty.set(property, list);
      }
      const initialisers = propertyInitialisers(variable);
      for (const [property, members] of byProperty) {
        const name = `${variable.name}.${property}`;
        checkLongLived(
          name,
          initialisers.get(property) ?? null,
          members,
          (line) => `\`${variable.name}\`, a module-level binding (\`${name}\` created at line ${line}),`,
        );
      }
    }

    /** A local grown inside a closure that a long-lived holder keeps: `increment()`'s `data` under `setInterval`. */
    function checkCapturedLocal(variable: TSESLint.Scope.Variable): void {
      const definition = variable.defs[0]?.node;
      if (variable.defs.length !== 1 || definition?.type !== AST_NODE_TYPES.VariableDeclarator || !definition.init)
        return;
      const kind = collectionKind(definition.init);
      const owner = enclosingFunction(definition);
      if (!kind || !owner) return;
      const sites: GrowthSite[] = [];
      for (const reference of variable.references) {
        if (reference.init) continue;
        const use = classifyUse(reference.identifier);
        if (use.type === 'escape' || use.type === 'release') return;
        if (use.type === 'growth') sites.push(use.site);
      }
      for (const grown of sites) {
        // Most local collections grow in their own function, with no closure in between: settle that first.
        const kept = keptClosureBetween(grown.node, owner);
        const site = kept && effectiveGrowth(grown, variable.name);
        const leak = site && firstLeakingSite(kind, [site]);
        if (!kept || !leak) continue;
        const closure = describeFunction(kept.closure);
        const holder = kept.maker ? `${kept.holder} (as the result of \`${kept.maker}\`)` : kept.holder;
        return report(variable.name, definition.init, kind, leak, {
          messageId: 'capturedByKeptClosure',
          holder,
          closure,
        });
      }
    }

    /** A kept closure between the growth site and the function that declares the collection. */
    function keptClosureBetween(
      node: TSESTree.Node,
      owner: FunctionNode,
    ): (ClosureHolder & { closure: FunctionNode }) | null {
      for (let fn = enclosingFunction(node); fn && fn !== owner; fn = enclosingFunction(fn)) {
        const kept = closureHolder(sourceCode, fn);
        if (kept) return { ...kept, closure: fn };
      }
      return null;
    }

    const candidates = new Set<TSESLint.Scope.Variable>();
    let staticDepth = 0; // inside a static method, field or block, where `this` is the class
    const enterStatic = (): void => void staticDepth++;
    const exitStatic = (): void => void staticDepth--;

    /** Bindings created as collections, or as object literals that may hold them (`const state = { items: [] }`). */
    function addDeclaredCollections(): void {
      const consider = (variable: TSESLint.Scope.Variable): void => {
        const definition = variable.defs[0];
        const init = definition?.type === 'Variable' ? definition.node.init : null;
        if (init && (init.type === AST_NODE_TYPES.ObjectExpression || collectionKind(init))) candidates.add(variable);
      };
      // Only two kinds can be long-lived: the module's own bindings, and locals a closure captures.
      const globalScope = sourceCode.scopeManager?.globalScope;
      for (const scope of globalScope ? [globalScope, ...globalScope.childScopes] : []) {
        if (isModuleScope(scope)) scope.variables.forEach(consider);
      }
      capturedVariables(sourceCode).forEach(consider);
    }

    /** Bindings that a top-level `Owner.items = []` hangs a collection on. */
    function addTopLevelPropertyCollections(): void {
      for (const statement of sourceCode.ast.body) {
        const node = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null;
        if (node?.type !== AST_NODE_TYPES.AssignmentExpression) continue;
        const root = node.left.type === AST_NODE_TYPES.MemberExpression ? unwrap(node.left.object) : null;
        if (root?.type !== AST_NODE_TYPES.Identifier || !collectionKind(node.right)) continue;
        const variable = resolve(sourceCode, root);
        if (variable) candidates.add(outerBinding(variable));
      }
    }

    const listeners: TSESLint.RuleListener = {
      'Program:exit'() {
        addDeclaredCollections();
        addTopLevelPropertyCollections();
        for (const variable of candidates) {
          if (variable.defs.length === 0) continue;
          if (isModuleScoped(variable)) checkModuleBinding(variable);
          else checkCapturedLocal(variable);
        }
      },
    };
    // Classes with static collections, and `this.all` in their static code: only where the text says `static`.
    if (!sourceCode.text.includes('static')) return listeners;
    return {
      ...listeners,
      'MethodDefinition[static=true], PropertyDefinition[static=true], StaticBlock': enterStatic,
      'MethodDefinition[static=true], PropertyDefinition[static=true], StaticBlock:exit': exitStatic,
      'MemberExpression[object.type="ThisExpression"]'(node: TSESTree.MemberExpression) {
        if (staticDepth === 0) return;
        const storage = moduleStorageOf(sourceCode, node);
        if (!storage) return;
        const list = staticThisUses.get(storage.variable.name) ?? [];
        list.push(node);
        staticThisUses.set(storage.variable.name, list);
      },
      'PropertyDefinition[static=true]'(node: TSESTree.PropertyDefinition) {
        const owner = node.parent.parent;
        if (node.value && collectionKind(node.value) && owner.type === AST_NODE_TYPES.ClassDeclaration) {
          for (const variable of sourceCode.getDeclaredVariables(owner)) candidates.add(outerBinding(variable));
        }
      },
    };
  },
});

/** A class, a function or an object literal of this file, which static collections can hang from. */
function canHoldOwnCollections(variable: TSESLint.Scope.Variable): boolean {
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
function staticInitialisation(uses: readonly TSESTree.Node[]): TSESTree.Node | null {
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
function propertyInitialisers(owner: TSESLint.Scope.Variable): Map<string, TSESTree.Node | null> {
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
type Use =
  { type: 'growth'; site: GrowthSite } | { type: 'release' } | { type: 'escape' } | { type: 'read' } | { type: 'init' };

function classifyUse(node: TSESTree.Node): Use {
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
      const callee = unwrap(parent.callee);
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression
            ? propertyName(callee)
            : null;
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
function readsSizeOf(name: string): (node: TSESTree.Node) => boolean {
  const last = name.split('.').pop() ?? name;
  return (node) =>
    node.type === AST_NODE_TYPES.MemberExpression &&
    (propertyName(node) === 'length' || propertyName(node) === 'size') &&
    lastName(unwrap(node.object)) === last;
}

/** `list.includes(x)`, `list.indexOf(x)`, `set.has(x)`, `x in dict`: a membership test of the collection. */
function testsMembershipOf(name: string): (node: TSESTree.Node) => boolean {
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
function collectionKind(initialiser: TSESTree.Node): CollectionKind | null {
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
function isExported(variable: TSESLint.Scope.Variable): boolean {
  const definition = variable.defs[0]?.node;
  return (
    definition?.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    definition?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
  );
}

/** A key that is new on every call, so keyed growth cannot be a bounded memo: `this`, `new X()`, `Date.now()`. */
function isFreshPerCall(key: TSESTree.Node): boolean {
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
function isPerEventObject(key: TSESTree.Node): boolean {
  const node = unwrap(key);
  return (
    node.type === AST_NODE_TYPES.ThisExpression ||
    (node.type === AST_NODE_TYPES.Identifier && PER_EVENT_OBJECT.test(node.name))
  );
}

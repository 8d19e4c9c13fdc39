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
 *   `new X()`, `Date.now()`), since a memo cache keyed by its arguments is bounded by what callers pass; except a
 *   memo whose entries carry an expiry compared with the clock but never deleted (src/analysis/memo-caches).
 * - Long-lived owners (src/analysis/long-lived-owners): the fields of a server, client, agent or emitter that lives as
 *   long as the program, grown once per unit of work (a listener, a handler, `send()`, a new key per call). Their
 *   releases must bound the growth per entry while the owner runs (src/analysis/entry-releases): not only in
 *   `close()`, not only emptying entries whose keys stay, not only on the reply path when a close path exists.
 * - For module-level collections, release evidence anywhere in the file silences it: `delete`, `clear()`, `shift`/`pop`/removing `splice`,
 *   `length = n`, reassignment, a size check in the growing function (LRU, ring, pool), or the collection escaping
 *   to code this file cannot see (exported, returned, passed to an unknown function, aliased). A membership test
 *   before an append (`if (!used.includes(fn))`) makes it keyed growth: a dedupe registry.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import {
  collectingFileNodes,
  descendantsInOrder,
  enclosingFunction,
  type FunctionNode,
  topLevelScope,
  propertyName,
  resolve,
  someDescendant,
  unwrap,
  outerBinding,
} from '../src/analysis/ast.js';
import { capturedVariables } from '../src/analysis/closures.js';
import {
  abandonPaths,
  fileOwners,
  growsOwnerCollection,
  longLivedOwner,
  mayHoldLongLivedOwner,
  recordingOwnerNodes,
  mayHoldOwnerCollections,
  methodAround,
  perUnitMethods,
  storesOnlyParameters,
  reconnects,
  teardownMethods,
  type LongLivedOwner,
  type OwnerField,
  type OwnerIndex,
} from '../src/analysis/long-lived-owners.js';
import {
  classifyFieldUses,
  describeIn,
  entryVerdict,
  isFreshKey,
  type FieldRelease,
  type FieldUses,
  type OwnerPaths,
} from '../src/analysis/entry-releases.js';
import { testsAround } from '../src/analysis/guards.js';
import { mayHoldExpiringMemo, memoCaches, memoHolderWords } from '../src/analysis/memo-caches.js';
import { describeFunction, lineBreakOf } from '../src/analysis/fixes.js';
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
  triggerAt,
} from '../src/analysis/repetition.js';
import {
  canHoldOwnCollections,
  classifyCollectionUse,
  collectionKind,
  isExported,
  isFreshPerCall,
  isPerEventObject,
  propertyInitialisers,
  readsSizeOf,
  staticInitialisation,
  testsMembershipOf,
  type CollectionKind,
  type GrowthSite,
} from '../src/analysis/collections.js';

type Options = [{ runOnce?: string[] }];
/** Fields of test doubles (`mockBuffer`, `spyCalls`), which record every call on purpose. */
const TEST_DOUBLE = /mock|spy|stub|fake/i;
/** `this.x` (as ESLint's `MemberExpression[object.type="ThisExpression"]` selects it). */
const isThisMember = (node: TSESTree.Node): node is TSESTree.MemberExpression =>
  node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression;
/** Values that stand for one connection, which emits `close` when it ends. */
const CONNECTION_NAME = /^(socket|sock|conn|connection|ws|websocket|client|peer|stream)$/;
type MessageIds =
  | 'unbounded'
  | 'capturedByKeptClosure'
  | 'useWeakCollection'
  | 'ownerUnbounded'
  | 'ownerEntriesKept'
  | 'ownerTeardownOnly'
  | 'ownerAbandoned'
  | 'expiredKept'
  | 'removeOnClose';

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
      ownerUnbounded:
        '`{{name}}` lives as long as {{owner}}, which {{why}}; it gains an entry {{trigger}}, and nothing in this file removes one.',
      ownerEntriesKept:
        '`{{name}}` lives as long as {{owner}}, which {{why}}; it gains an entry {{trigger}}, and {{release}} empties entries but never deletes them, so every key stays.',
      ownerTeardownOnly:
        '`{{name}}` lives as long as {{owner}}, which {{why}}; it gains an entry {{trigger}}, and is only emptied in {{teardown}}, which bounds nothing while {{owner}} runs.',
      ownerAbandoned:
        '`{{name}}` lives as long as {{owner}}, which {{why}}; it gains an entry {{trigger}}, removed in {{release}}, but not on {{path}}: entries left there stay for as long as {{owner}} runs.',
      expiredKept:
        '`{{name}}` gains an entry {{trigger}}; its entries carry `{{property}}`, compared with the clock at line {{line}}, but nothing deletes an expired entry, so {{holder}} keeps every key ever stored. Delete entries when they expire, or bound the size (an LRU).',
      removeOnClose: 'Remove the entry when `{{value}}` emits `close`.',
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
    /** Static methods, fields and blocks not inside another: where `this` is the class (`this.all` is `Job.all`). */
    const staticMembers: TSESTree.Node[] = [];
    let staticDepth = 0;
    let staticThisUses: Map<string, TSESTree.MemberExpression[]> | null = null;
    /** `this.all` in static code, by the name of the storage (`Job.all`) it denotes, in the order of the file. */
    function staticThisUsesByStorage(): Map<string, TSESTree.MemberExpression[]> {
      if (staticThisUses) return staticThisUses;
      staticThisUses = new Map();
      for (const member of staticMembers) {
        for (const node of descendantsInOrder(sourceCode, member, isThisMember)) {
          const storage = moduleStorageOf(sourceCode, node);
          if (!storage) continue;
          const list = staticThisUses.get(storage.variable.name) ?? [];
          list.push(node);
          staticThisUses.set(storage.variable.name, list);
        }
      }
      return staticThisUses;
    }

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
        data: { ...why, name, trigger: triggerAt(leak.site.node, leak.repetition) },
        suggest,
      });
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
        const use = classifyCollectionUse(node);
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
      for (const member of staticThisUsesByStorage().get(variable.name) ?? []) {
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
        const use = classifyCollectionUse(reference.identifier);
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

    /** Bindings created as collections, or as object literals that may hold them (`const state = { items: [] }`). */
    function addDeclaredCollections(): void {
      const consider = (variable: TSESLint.Scope.Variable): void => {
        const definition = variable.defs[0];
        const init = definition?.type === 'Variable' ? definition.node.init : null;
        if (init && (init.type === AST_NODE_TYPES.ObjectExpression || collectionKind(init))) candidates.add(variable);
      };
      // Only two kinds can be long-lived: the module's own bindings, and locals a closure captures. (Beside a module's
      // scope, the global scope holds only the environment's globals, which no declaration here initialises.)
      topLevelScope(sourceCode)?.variables.forEach(consider);
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

    /** Whether a call of an owner's method runs per event, with the trigger for messages. */
    function perEventTrigger(node: TSESTree.Node): string | null {
      repetition ??= analyseRepetition(sourceCode, { runOnce });
      const found = repetition.repetitionOf(node);
      return found.kind === 'per-event' ? triggerAt(node, found) : null;
    }

    /**
     * How a growth site of an owner's field repeats: in event-driven code, in a method that runs once per unit of
     * work (a handler, a listener's method, `send()`), or anywhere callers call when each call adds a new key.
     */
    function ownerTrigger(index: OwnerIndex, site: GrowthSite, freshKey: boolean): Repetition | null {
      repetition ??= analyseRepetition(sourceCode, { runOnce });
      const method = methodAround(index, site.node);
      if (method && runOnce.includes(method.name)) return null;
      const found = repetition.repetitionOf(site.node);
      if (found.kind !== 'per-call') return found.kind === 'per-event' ? found : null;
      const role = method ? perUnitMethods(sourceCode, index, perEventTrigger).get(method.name) : undefined;
      // Keys added by a method that per-unit code calls (`of(name)`) may be a memo of a few names: only direct roles.
      if (role?.byName && method && storesOnlyParameters(sourceCode, site, method.fn)) return null;
      if (role && (role.direct || site.growth === 'append')) return { kind: 'per-event', trigger: role.trigger };
      return freshKey ? found : null;
    }

    /** The instance state of long-lived owners: `this.clients` of a server, grown per connection. */
    function checkOwnerFields(): void {
      if (!mayHoldOwners || !growsOwnerCollection(sourceCode) || !mayHoldLongLivedOwner(sourceCode)) return;
      const file = fileOwners(sourceCode);
      for (const index of file.owners.values()) {
        // Fields set to a collection first (most fields are plain `this.x = …` assignments, most owners have none),
        // then whether the owner is long-lived: few are, and classifying every use of a field costs more than asking.
        const collections = [...index.fields.values()].filter(
          (field) => file.collectionKeys.has(field.key) && !TEST_DOUBLE.test(field.key), // a mock records every call by design
        );
        const longLived = collections.length > 0 ? longLivedOwner(sourceCode, index) : null;
        if (!longLived) continue;
        const growing: { field: OwnerField; uses: FieldUses }[] = [];
        for (const field of collections) {
          const uses = classifyFieldUses(sourceCode, index, field);
          if (!uses.kind || uses.escapes || (uses.growth.length === 0 && uses.nestedGrowth.length === 0)) continue;
          growing.push({ field, uses });
        }
        if (growing.length === 0) continue;
        const paths: OwnerPaths = {
          teardown: teardownMethods(sourceCode, index),
          abandon: abandonPaths(sourceCode, index),
          reconnects: reconnects(index),
        };
        for (const { field, uses } of growing) checkOwnerField(index, longLived, field, uses, paths);
      }
    }

    function checkOwnerField(
      index: OwnerIndex,
      longLived: LongLivedOwner,
      field: OwnerField,
      uses: FieldUses,
      paths: OwnerPaths,
    ): void {
      const sizeName = field.key.startsWith('[') ? field.key : `this.${field.key}`;
      const own = uses.growth.map((site) => ({ site, nested: false }));
      // Growth inside entries counts when nothing removes anything from them.
      const nested = uses.nestedReleases.length === 0 ? uses.nestedGrowth.map((site) => ({ site, nested: true })) : [];
      for (const candidate of [...own, ...nested]) {
        const site = effectiveGrowth(candidate.site, sizeName);
        if (!site || (site.growth === 'keyed' && uses.kind === 'array' && !candidate.nested)) continue;
        const growth: GrowthSite = candidate.nested ? { ...site, growth: 'append', key: null } : site;
        const fresh = growth.growth === 'keyed' && growth.key !== null && isFreshKey(sourceCode, index, growth.key);
        const found = ownerTrigger(index, growth, fresh);
        if (!found) continue;
        const verdict = entryVerdict(index, growth, uses, paths, fresh);
        if (verdict.bounded) continue;
        const owner = index.name.startsWith('`') ? `the ${index.name}` : index.name;
        const data = { name: field.display, owner, why: longLived.why, trigger: triggerAt(growth.node, found) };
        const suggest = verdict.reason === 'none' || verdict.reason === 'teardown' ? removeOnClose(site) : [];
        if (verdict.reason === 'none') context.report({ node: site.node, messageId: 'ownerUnbounded', data, suggest });
        else if (verdict.reason === 'entries-kept')
          context.report({
            node: site.node,
            messageId: 'ownerEntriesKept',
            data: { ...data, release: releaseWords(index, verdict.release) },
          });
        else if (verdict.reason === 'teardown')
          context.report({
            node: site.node,
            messageId: 'ownerTeardownOnly',
            data: { ...data, teardown: verdict.teardown },
            suggest,
          });
        else
          context.report({
            node: site.node,
            messageId: 'ownerAbandoned',
            data: { ...data, release: describeIn(index, verdict.release.node), path: verdict.path },
          });
        return;
      }
    }

    /**
     * Where a connection is added (`this.peers.push(socket)`, `this.clients.add(ws)`, `this.byId.set(conn, …)`) as a
     * statement of its own: remove it again on the connection's `close`.
     */
    function removeOnClose(site: GrowthSite): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const call = site.node;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.parent.type !== AST_NODE_TYPES.ExpressionStatement)
        return [];
      const callee = unwrap(call.callee);
      const value = call.arguments[0] && unwrap(call.arguments[0]);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
      if (
        callee.type !== AST_NODE_TYPES.MemberExpression ||
        value?.type !== AST_NODE_TYPES.Identifier ||
        !CONNECTION_NAME.test(value.name) ||
        (method === 'push' ? call.arguments.length !== 1 : method !== 'add' && method !== 'set')
      )
        return [];
      const collection = sourceCode.getText(callee.object);
      const removal =
        method === 'push'
          ? `{ const i = ${collection}.indexOf(${value.name}); if (i !== -1) ${collection}.splice(i, 1); }`
          : `${collection}.delete(${value.name})`;
      const statement = call.parent;
      const indent = /^\s*/.exec(sourceCode.lines[statement.loc.start.line - 1] ?? '')?.[0] ?? '';
      const text = `${lineBreakOf(sourceCode.text)}${indent}${value.name}.on('close', () => ${removal});`;
      return [
        {
          messageId: 'removeOnClose',
          data: { value: value.name },
          fix: (fixer) => fixer.insertTextAfter(statement, text),
        },
      ];
    }

    /** Memo caches whose entries expire but are never deleted (src/analysis/memo-caches): the file knows they go stale. */
    function checkExpiringMemos(): void {
      // The text tests last: most files have no module-level or owner's collection for them to be about.
      for (const cache of memoCaches(sourceCode, { runOnce, textTest: mayHoldExpiringMemo })) {
        if (cache.reason.kind !== 'expiry') continue;
        context.report({
          node: cache.site.node,
          messageId: 'expiredKept',
          data: {
            name: cache.name,
            trigger: cache.trigger,
            holder: memoHolderWords(cache.holder),
            property: cache.reason.property,
            line: cache.reason.check.loc.start.line,
          },
        });
      }
    }

    /** "the `splice` in `onDisconnect()`". */
    function releaseWords(index: OwnerIndex, release: FieldRelease): string {
      const node = release.node;
      const callee = node.type === AST_NODE_TYPES.CallExpression ? unwrap(node.callee) : null;
      const word =
        callee?.type === AST_NODE_TYPES.MemberExpression
          ? `.${propertyName(callee) ?? 'splice'}()`
          : node.type === AST_NODE_TYPES.UnaryExpression
            ? 'delete'
            : 'the reset';
      return `the \`${word}\` in ${describeIn(index, node)}`;
    }

    // Owners are analysed from the file's indexed nodes and the nodes on `this`, both recorded as ESLint walks the
    // file (src/analysis/ast, long-lived-owners).
    const mayHoldOwners = mayHoldOwnerCollections(sourceCode.text);
    const withOwnerNodes = (found: TSESLint.RuleListener): TSESLint.RuleListener => {
      if (!mayHoldOwners) return found;
      return collectingFileNodes(sourceCode, { ...found, ...recordingOwnerNodes(sourceCode) });
    };
    return withOwnerNodes({
      // Classes with static collections, and `this.all` in their static code (read at the end, from these members).
      'MethodDefinition[static=true], PropertyDefinition[static=true], StaticBlock'(node: TSESTree.Node) {
        if (staticDepth++ === 0) staticMembers.push(node);
      },
      'MethodDefinition[static=true], PropertyDefinition[static=true], StaticBlock:exit'() {
        staticDepth--;
      },
      'PropertyDefinition[static=true]'(node: TSESTree.PropertyDefinition) {
        const owner = node.parent.parent;
        if (node.value && collectionKind(node.value) && owner.type === AST_NODE_TYPES.ClassDeclaration) {
          for (const variable of sourceCode.getDeclaredVariables(owner)) candidates.add(outerBinding(variable));
        }
      },
      'Program:exit'() {
        checkOwnerFields();
        checkExpiringMemos();
        addDeclaredCollections();
        addTopLevelPropertyCollections();
        for (const variable of candidates) {
          if (variable.defs.length === 0) continue;
          if (isModuleScoped(variable)) checkModuleBinding(variable);
          else checkCapturedLocal(variable);
        }
      },
    });
  },
});

/**
 * Per-entry releases: whether what removes entries from an owner's field bounds what adds them.
 *
 * Every expression that names a field (`this.clients`) is classified: initialised (in the constructor, a class field,
 * an `init…()` method, or lazily: `this.x = this.x || {}`), grown (the growth shapes of `collections.ts`, at the
 * field's own level or inside its entries: `this.rooms[room].push(id)`, `this.byRoom[room][id] = s`), released
 * (a reset, an entry deleted by key, an element removed) or escaping to code this file cannot follow.
 *
 * A release bounds the growth only while the owner runs and only for the same collection and level:
 * - a release in the owner's teardown (`close()`, `destroy()` and what they call) bounds nothing while it runs;
 * - removing elements from an entry (`this.rooms[room].splice(i, 1)`) does not remove the entry itself;
 * - deleting a fixed key (`delete this.cache.default`) does not remove the keys the growth adds;
 * - for entries added under a new key per call (a pending request's id), a removal only on the reply path leaves
 *   the entries of requests whose connection closes, errs or times out first: the owner's abandon paths
 *   (`onclose()`, a `close` listener) must remove them too.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  enclosingFunction,
  isNullOrUndefined,
  propertyName,
  resolve,
  unwrap,
  type FunctionNode,
} from './ast.js';
import {
  classifyCollectionUse,
  collectionKind,
  isFreshPerCall,
  type CollectionKind,
  type GrowthSite,
} from './collections.js';
import { fileOwners, methodAround, type AbandonPath, type OwnerField, type OwnerIndex } from './long-lived-owners.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type ReleaseKind = 'reset' | 'entry' | 'element';

export interface FieldRelease {
  node: TSESTree.Node;
  kind: ReleaseKind;
  /** The key of an entry release (`delete this.acks[id]`, `this.clients.delete(key)`). */
  key: TSESTree.Node | null;
  /** The key is a name written in the code (`delete this.cache.main`), not computed. */
  fixedKey?: boolean;
}

export interface FieldUses {
  kind: CollectionKind | null;
  /** Growth of the field itself: new elements or keys. */
  growth: GrowthSite[];
  /** Growth inside its entries: `this.rooms[room].push(id)`, `this.byRoom[room][id] = s`. */
  nestedGrowth: GrowthSite[];
  releases: FieldRelease[];
  /** Removals inside its entries: `this.rooms[room].splice(i, 1)`, `delete this.sids[id][room]`. */
  nestedReleases: FieldRelease[];
  /** Some use hands the field (or replaces it) to code this file cannot follow. */
  escapes: boolean;
}

const INIT_NAME = /^_?(?:constructor|init|initiali[sz]e|setup|setUp|reset|create)(?:[A-Z_$\d]|$)/;
const FILTERING_METHODS = new Set(['filter', 'slice']);

/** Classifies every use of an owner's field. */
export function classifyFieldUses(sourceCode: SourceCode, index: OwnerIndex, field: OwnerField): FieldUses {
  const uses: FieldUses = {
    kind: field.fieldValue ? collectionKind(field.fieldValue) : null,
    growth: [],
    nestedGrowth: [],
    releases: [],
    nestedReleases: [],
    escapes: false,
  };
  for (const member of field.uses) {
    const parent = member.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) {
      classifyAssignment(index, member, parent, uses);
      continue;
    }
    const entry = entryOf(member);
    if (entry) {
      const nested = classifyCollectionUse(entry);
      if (nested.type === 'growth') uses.nestedGrowth.push(nested.site);
      else if (nested.type === 'release') uses.nestedReleases.push(fieldReleaseOf(entry));
      continue;
    }
    const use = classifyCollectionUse(member);
    if (use.type === 'growth') uses.growth.push(use.site);
    else if (use.type === 'release') uses.releases.push(fieldReleaseOf(member));
    else if (use.type === 'escape') uses.escapes = true;
  }
  // The same key grown, emptied or handed on through another variable (`client[kQueue].splice(…)`) may be this field.
  if (!uses.kind || (uses.growth.length === 0 && uses.nestedGrowth.length === 0)) return uses;
  for (const member of fileOwners(sourceCode).foreign(field.key)) {
    if (classifyCollectionUse(member).type !== 'read' || entryOf(member) !== null) {
      uses.escapes = true;
      return uses;
    }
  }
  return uses;
}

/** `this.x[k]` or `this.x.get(k)` when it is used as a collection itself (not assigned or deleted). */
function entryOf(member: TSESTree.MemberExpression): TSESTree.Node | null {
  const parent = member.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== member) return null;
  if (parent.computed && propertyName(parent) === null) {
    const outer = parent.parent;
    if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent) return null;
    if (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') return null;
    return outer?.type === AST_NODE_TYPES.MemberExpression && outer.object === parent ? parent : null;
  }
  // `this.x.get(k).push(v)` is growth of `this.x` already (collections.ts); `this.x.get(k).delete(v)` is nested.
  const call = parent.parent;
  if (propertyName(parent) === 'get' && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
    const use = classifyCollectionUse(call);
    return use.type === 'release' ? call : null;
  }
  return null;
}

function fieldReleaseOf(member: TSESTree.Node): FieldRelease {
  const parent = member.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === member) {
    const outer = parent.parent;
    if (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete')
      return { node: outer, kind: 'entry', key: parent.property, fixedKey: !parent.computed };
    const method = propertyName(parent);
    if (outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === parent) {
      if (method === 'delete') return { node: outer, kind: 'entry', key: outer.arguments[0] ?? null };
      if (method === 'clear') return { node: outer, kind: 'reset', key: null };
      return { node: outer, kind: 'element', key: null };
    }
    return { node: outer ?? parent, kind: 'reset', key: null }; // `length = 0`, `length--`
  }
  return { node: parent ?? member, kind: 'reset', key: null };
}

/** `this.x = …`: an initialisation, a reset, growth (`this.x = [...this.x, v]`), a filter, or an unknown value. */
function classifyAssignment(
  index: OwnerIndex,
  member: TSESTree.MemberExpression,
  assignment: TSESTree.AssignmentExpression,
  uses: FieldUses,
): void {
  if (assignment.operator !== '=') {
    if (assignment.operator === '||=' || assignment.operator === '??=') uses.kind ??= collectionKind(assignment.right);
    else uses.escapes = true;
    return;
  }
  const value = unwrap(assignment.right);
  const kind = collectionKind(value);
  const method = methodAround(index, assignment);
  // Directly in the constructor or an `init()`: a callback in there (a `close` listener) runs later, as a reset.
  const initialising = method !== null && method.fn === enclosingFunction(assignment) && INIT_NAME.test(method.name);
  if (kind) {
    uses.kind ??= kind;
    if (!initialising) uses.releases.push({ node: assignment, kind: 'reset', key: null });
    return;
  }
  // `this.x = this.x || {}`: a lazy initialisation.
  if (
    value.type === AST_NODE_TYPES.LogicalExpression &&
    sameField(value.left, member) &&
    collectionKind(value.right) !== null
  ) {
    uses.kind ??= collectionKind(value.right);
    return;
  }
  if (isNullOrUndefined(value)) {
    uses.releases.push({ node: assignment, kind: 'reset', key: null });
    return;
  }
  const growth = classifyCollectionUse(member);
  if (growth.type === 'growth') {
    uses.growth.push(growth.site);
    return;
  }
  // `this.x = this.x.filter((s) => s !== socket)`
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(value.callee);
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      FILTERING_METHODS.has(propertyName(callee) ?? '') &&
      sameField(callee.object, member)
    ) {
      uses.releases.push({ node: assignment, kind: 'element', key: null });
      return;
    }
  }
  uses.escapes = true;
}

function sameField(node: TSESTree.Node, member: TSESTree.MemberExpression): boolean {
  const other = unwrap(node);
  return (
    other.type === AST_NODE_TYPES.MemberExpression &&
    unwrap(other.object).type === unwrap(member.object).type &&
    (propertyName(other) ?? keyText(other)) === (propertyName(member) ?? keyText(member))
  );
}

function keyText(member: TSESTree.MemberExpression): string | null {
  return member.computed && member.property.type === AST_NODE_TYPES.Identifier ? `[${member.property.name}]` : null;
}

/**
 * A key that is new on every call, followed through variables and the owner's own calls: `this.ids++`,
 * `const id = this.nextId++`, a parameter every `this.register(id, …)` call passes such a key to.
 */
export function isFreshKey(sourceCode: SourceCode, index: OwnerIndex, key: TSESTree.Node, depth = 0): boolean {
  const node = unwrap(key);
  // An id: a counter, a time or a random value. A function or object made per call (`of(regex)` wrapping it in an
  // arrow) is new too, but set-up code makes those: only ids mark a pending entry per unit of work.
  if (
    node.type === AST_NODE_TYPES.UpdateExpression ||
    (node.type === AST_NODE_TYPES.CallExpression && isFreshPerCall(node))
  )
    return true;
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
  const variable = resolve(sourceCode, node);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !definition) return false;
  if (definition.type === 'Variable') {
    const init = definition.node.init;
    const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
    return init !== null && writes.length === 0 && isFreshKey(sourceCode, index, init, depth + 1);
  }
  if (definition.type !== 'Parameter') return false;
  const fn = definition.node;
  const position = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === node.name);
  const method = [...index.methods].find(([, candidate]) => candidate === fn)?.[0];
  if (position < 0 || method === undefined) return false;
  const calls = fileOwners(sourceCode).calls.get(index.owner)?.get(method) ?? [];
  return (
    calls.length > 0 &&
    calls.every((call) => {
      const argument = call.arguments[position];
      return argument !== undefined && isFreshKey(sourceCode, index, argument, depth + 1);
    })
  );
}

export type EntryVerdict =
  | { bounded: true }
  | { bounded: false; reason: 'none' }
  | { bounded: false; reason: 'entries-kept'; release: FieldRelease }
  | { bounded: false; reason: 'teardown'; release: FieldRelease; teardown: string }
  | { bounded: false; reason: 'abandoned'; release: FieldRelease; path: string };

export interface OwnerPaths {
  teardown: ReadonlySet<FunctionNode>;
  abandon: readonly AbandonPath[];
  /** The owner can connect again after a close (`connect()`, `open()`, `reconnect()`): it outlives each connection. */
  reconnects: boolean;
}

/** Whether the field's releases bound one growth site while the owner runs, and if not, why. */
export function entryVerdict(
  index: OwnerIndex,
  site: GrowthSite,
  uses: FieldUses,
  paths: OwnerPaths,
  freshKey: boolean,
): EntryVerdict {
  const inTeardown = (release: FieldRelease): boolean => runsIn(release.node, paths.teardown);
  const counts = (release: FieldRelease): boolean =>
    site.growth === 'append' || release.kind !== 'entry' || !isFixedKey(release, site.key);
  const matching = uses.releases.filter(counts);
  const live = matching.filter((release) => !inTeardown(release));
  if (live.length === 0) {
    const teardown = matching[0];
    if (teardown)
      return { bounded: false, reason: 'teardown', release: teardown, teardown: describeIn(index, teardown.node) };
    const emptied = uses.nestedReleases[0];
    if (emptied && site.growth === 'keyed') return { bounded: false, reason: 'entries-kept', release: emptied };
    return { bounded: false, reason: 'none' };
  }
  // Pending entries under a new key per call, removed one by one: the owner's close and timeout paths must remove
  // them too (its error paths when it has no close path: an error is most often followed by a close).
  if (
    freshKey &&
    paths.reconnects &&
    site.growth === 'keyed' &&
    live.every((release) => release.kind === 'entry') &&
    !live.some((release) => isTimeoutBeside(release.node, site.node))
  ) {
    const hasClose = paths.abandon.some((path) => path.group === 'close');
    for (const group of ['close', 'timeout', 'error'] as const) {
      if (group === 'error' && hasClose) continue;
      const inGroup = paths.abandon.filter((path) => path.group === group && !runsIn(site.node, path.functions));
      const first = inGroup[0];
      const released = inGroup.some((path) => matching.some((release) => runsIn(release.node, path.functions)));
      if (first && !released)
        return { bounded: false, reason: 'abandoned', release: live[0] ?? matching[0]!, path: first.name };
    }
  }
  return { bounded: true };
}

/** `delete this.cache.default` against growth under computed keys: a different entry. */
function isFixedKey(release: FieldRelease, growthKey: TSESTree.Node | null): boolean {
  if (!release.key || !growthKey) return false;
  const fixed = release.fixedKey === true || unwrap(release.key).type === AST_NODE_TYPES.Literal;
  return fixed && unwrap(growthKey).type !== AST_NODE_TYPES.Literal;
}

/**
 * A release in the callback of a timeout set in the same block as the growth: `const t = setTimeout(() => delete
 * this.pending[id], ms); this.pending[id] = cb;`. The timeout removes the entry on every path.
 */
function isTimeoutBeside(release: TSESTree.Node, growth: TSESTree.Node): boolean {
  const callback = enclosingFunction(release);
  const timer = callback?.parent;
  if (timer?.type !== AST_NODE_TYPES.CallExpression || !timer.arguments.some((a) => a === callback)) return false;
  const name = calleeName(timer);
  if (name === null || !/^setTimeout/.test(name)) return false;
  return blockOf(timer) !== null && blockOf(timer) === blockOf(growth);
}

function blockOf(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) return current;
  }
  return null;
}

function runsIn(node: TSESTree.Node, functions: ReadonlySet<FunctionNode>): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (functions.has(fn)) return true;
  return false;
}

/** "`close()`", or the function's line when it has no name. */
export function describeIn(index: OwnerIndex, node: TSESTree.Node): string {
  const method = methodAround(index, node);
  if (method) return `\`${method.name}()\``;
  return `the function at line ${(enclosingFunction(node) ?? node).loc.start.line}`;
}

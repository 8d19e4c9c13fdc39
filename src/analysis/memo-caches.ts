/**
 * Memo caches with an unbounded key space: a long-lived `Map` or dictionary that a function callers call (an export,
 * a method) fills under keys taken from what they pass, and that nothing ever empties.
 *
 * no-unbounded-collection leaves keyed growth in such functions alone: a memo keyed by a few names is bounded by its
 * callers. This module tells the caches whose keys cannot be few:
 * - keys built from per-call data: a serialised argument (`JSON.stringify(opts)`, `parts.join()`), or a value named
 *   for data rather than a name (a URL, a path, SQL or template text, a host, an id), bare or inside a template or
 *   a concatenation;
 * - keys that are the caller's objects themselves (`cache.set(options, …)`): each one is kept alive with its entry,
 *   where a `WeakMap` would let it go;
 * - entries stamped with an expiry that the code compares with the clock, but never deletes: the file knows entries
 *   go stale and keeps them anyway;
 * - dictionaries of arrays whose arrays are emptied (`splice`) where their key is never deleted: the key of every
 *   array ever made stays.
 * The collections are module-level bindings and the fields of long-lived owners (long-lived-owners.ts).
 */
import { askText } from './text-tests.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  enclosingFunction,
  fileNodes,
  outermostWrapper,
  propertyKeyName,
  propertyName,
  resolve,
  someDescendant,
  staticPath,
  topLevelScope,
  unwrap,
  type FunctionNode,
} from './ast.js';
import {
  classifyCollectionUse,
  collectionKind,
  isExported,
  isFreshPerCall,
  readsSizeOf,
  type GrowthSite,
} from './collections.js';
import { classifyFieldUses, isFreshKey } from './entry-releases.js';
import { testsAround } from './guards.js';
import { referencesOf } from './lifetime.js';
import {
  fileOwners,
  growsOwnerCollection,
  mayHoldLongLivedOwner,
  splicesOwnerEntries,
  longLivedOwner,
  mayHoldOwnerCollections,
  methodAround,
  perUnitMethods,
  storesOnlyParameters,
  type OwnerField,
  type OwnerIndex,
} from './long-lived-owners.js';
import { perCallParameters } from './per-call.js';
import {
  analyseRepetition,
  triggerAt,
  type Repetition,
  type RepetitionAnalysis,
  type RepetitionOptions,
} from './repetition.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Names of values whose space is open: URLs and SQL or query text, which carry their parameters. (File paths, hosts,
 * ids and names are bounded by the files, servers or records a program has: on real code such caches were memos.)
 */
const DATA_NAME = /^(?:url|uri|href|sql|querystring|search)$|(?:Url|Uri|Href|Sql|QueryString)$/;
/** Parameter names that hold an object (options, a node, a request): as a key, kept alive by the cache. */
const OBJECT_NAME = /^(?:opts|options|config|cfg|settings|params|req|request|res|response|node|el|element|target)$/;
/** Property names of a time stamp or an expiry on a cache entry. */
const EXPIRY_NAME =
  /^(?:expires?|expiry|expiresAt|expiration|expirationTime|expireAt|expireTime|ttl|deadline|validUntil|staleAt|maxAge|timestamp|time|ts|created|createdAt|cachedAt|storedAt|updatedAt|lastUpdated|fetchedAt|at)$/;
const CLOCK_CALLS = new Set(['Date.now', 'performance.now', 'process.hrtime', 'process.uptime']);

/** Why a key cannot be one of a few names. */
export type KeyOrigin =
  { kind: 'serialised'; source: string } | { kind: 'data'; source: string } | { kind: 'object'; source: string };

/**
 * Where a key of keyed growth in `fn` comes from, when it is per-call data with an open space: a serialised argument
 * (`JSON.stringify(opts)`), data named as such (`options.url`, `` `${sql}:${id}` ``), or the caller's object itself
 * (`cache.set(options, …)`). Followed through locals assigned once (`const key = JSON.stringify(opts)`).
 */
export function keyOrigin(sourceCode: SourceCode, key: TSESTree.Node, fn: FunctionNode): KeyOrigin | null {
  const parameters = perCallParameters(sourceCode, fn);
  if (parameters.size === 0) return null;
  return originOf(sourceCode, key, parameters, 0);
}

function originOf(
  sourceCode: SourceCode,
  key: TSESTree.Node,
  parameters: ReadonlySet<TSESLint.Scope.Variable>,
  depth: number,
): KeyOrigin | null {
  const node = unwrap(key);
  if (depth > 3) return null;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = resolve(sourceCode, node);
      if (!variable) return null;
      if (parameters.has(variable)) {
        if (DATA_NAME.test(node.name)) return { kind: 'data', source: node.name };
        return isObjectParameter(sourceCode, variable) ? { kind: 'object', source: node.name } : null;
      }
      const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
      const init = definition?.type === 'Variable' ? definition.node.init : null;
      const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
      if (!init || writes.length > 0) return null;
      return originOf(sourceCode, init, parameters, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression: {
      // `options.url`, `req.params.id`: data of the caller's argument.
      const name = propertyName(node);
      if (name === null || !DATA_NAME.test(name) || !readsParameter(sourceCode, node.object, parameters)) return null;
      return { kind: 'data', source: sourceCode.getText(node) };
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
      const serialises =
        (method === 'stringify' &&
          callee.type === AST_NODE_TYPES.MemberExpression &&
          unwrap(callee.object).type === AST_NODE_TYPES.Identifier &&
          (unwrap(callee.object) as TSESTree.Identifier).name === 'JSON') ||
        method === 'join';
      if (!serialises) return null;
      const argument =
        method === 'join' && callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : node.arguments[0];
      return argument && readsParameter(sourceCode, argument, parameters)
        ? { kind: 'serialised', source: sourceCode.getText(node) }
        : null;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return firstOrigin(sourceCode, node.expressions, parameters, depth);
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' ? firstOrigin(sourceCode, [node.left, node.right], parameters, depth) : null;
    default:
      return null;
  }
}

/** A part of a composed key (`` `${method}:${url}` ``, `prefix + path`) that is open data; objects are text there. */
function firstOrigin(
  sourceCode: SourceCode,
  parts: readonly TSESTree.Node[],
  parameters: ReadonlySet<TSESLint.Scope.Variable>,
  depth: number,
): KeyOrigin | null {
  for (const part of parts) {
    const found = originOf(sourceCode, part, parameters, depth + 1);
    if (found && found.kind !== 'object') return found;
  }
  return null;
}

function readsParameter(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  parameters: ReadonlySet<TSESLint.Scope.Variable>,
): boolean {
  return someDescendant(sourceCode, node, (current) => {
    if (current.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = resolve(sourceCode, current);
    return variable !== null && parameters.has(variable);
  });
}

/**
 * A parameter that holds an object: named as one (`options`, `req`, `node`), or with its properties read in the
 * function (`options.timeout`). A string or number would have neither.
 */
function isObjectParameter(sourceCode: SourceCode, variable: TSESLint.Scope.Variable): boolean {
  const name = variable.name;
  if (OBJECT_NAME.test(name)) return true;
  const definition = variable.defs[0];
  if (definition?.type !== 'Parameter' || definition.name.parent?.type === AST_NODE_TYPES.AssignmentPattern)
    return false; // `(key = 'default')` is a string
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    return (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === reference.identifier &&
      !parent.computed &&
      !/^(?:length|toString|valueOf|trim|split|slice|startsWith|endsWith|toLowerCase|toUpperCase|replace|includes|indexOf|charAt|charCodeAt|match|test|padStart|padEnd|concat|normalize|at)$/.test(
        propertyName(parent) ?? '',
      )
    );
  });
}

/**
 * The expiry the entries of a cache carry, when the code compares it with the clock: the property name and the
 * comparison. `site` stores `{ value, expires: Date.now() + ttl }`; somewhere the file reads
 * `entry.expires < Date.now()`.
 */
function checkedExpiry(
  sourceCode: SourceCode,
  site: GrowthSite,
  comparisons: ReadonlyMap<string, TSESTree.Node>,
): { property: string; check: TSESTree.Node } | null {
  const value = storedValue(site);
  const object = value ? resolvedObject(sourceCode, value) : null;
  if (!object) return null;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const name = propertyKeyName(property);
    if (name === null || !EXPIRY_NAME.test(name)) continue;
    const stamped = property.shorthand || readsClock(sourceCode, property.value) || isTimeName(property.value);
    const check = comparisons.get(name);
    if (stamped && check) return { property: name, check };
  }
  return null;
}

/** The value a keyed growth site stores: `map.set(k, v)`'s `v`, `dict[k] = v`'s `v`. */
function storedValue(site: GrowthSite): TSESTree.Node | null {
  const node = site.node;
  if (node.type === AST_NODE_TYPES.CallExpression) return node.arguments[1] ?? null;
  if (node.type === AST_NODE_TYPES.AssignmentExpression) return node.right;
  return null;
}

function resolvedObject(sourceCode: SourceCode, value: TSESTree.Node): TSESTree.ObjectExpression | null {
  const node = unwrap(value);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = resolve(sourceCode, node)?.defs[0];
  const init = definition?.type === 'Variable' ? definition.node.init : null;
  return init && unwrap(init).type === AST_NODE_TYPES.ObjectExpression
    ? (unwrap(init) as TSESTree.ObjectExpression)
    : null;
}

function readsClock(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return someDescendant(sourceCode, node, (current) => {
    if (current.type === AST_NODE_TYPES.NewExpression) {
      const callee = unwrap(current.callee);
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Date' && current.arguments.length === 0;
    }
    if (current.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const object = unwrap(callee.object);
    const path = object.type === AST_NODE_TYPES.Identifier ? `${object.name}.${propertyName(callee) ?? ''}` : '';
    return CLOCK_CALLS.has(path);
  });
}

function isTimeName(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return (
    value.type === AST_NODE_TYPES.Identifier && /^(?:now|expires?|expiry|deadline|ts|time|timestamp)$/i.test(value.name)
  );
}

/**
 * Property reads compared with the clock, by property name: `entry.expires < Date.now()`, `now - hit.time > ttl`
 * (with `now` from the clock). Read from the file's indexed member expressions.
 */
export function clockComparisons(sourceCode: SourceCode, nodes: readonly TSESTree.Node[]): Map<string, TSESTree.Node> {
  const found = new Map<string, TSESTree.Node>();
  for (const node of nodes) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) continue;
    const name = propertyName(node);
    if (name === null || !EXPIRY_NAME.test(name) || found.has(name)) continue;
    const comparison = outermostWrapper(node).parent;
    if (comparison?.type !== AST_NODE_TYPES.BinaryExpression || !/^(?:<|>|<=|>=|-)$/.test(comparison.operator))
      continue;
    const other = comparison.left === outermostWrapper(node) ? comparison.right : comparison.left;
    if (isClock(sourceCode, other)) found.set(name, comparison);
  }
  return found;
}

/** `Date.now()`, `now` from `const now = Date.now()`, or a difference with either (`Date.now() - ttl`). */
function isClock(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (readsClock(sourceCode, node)) return true;
  return someDescendant(sourceCode, node, (current) => {
    if (current.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = resolve(sourceCode, current)?.defs[0];
    const init = definition?.type === 'Variable' ? definition.node.init : null;
    return init !== null && init !== undefined && readsClock(sourceCode, init);
  });
}

/**
 * Whether a `Map` (or a dictionary) used only through `get`/`set`/`has`/`delete` could be a `WeakMap`: nothing
 * iterates it, sizes it or hands it on.
 */
function onlyKeyedAccess(uses: readonly TSESTree.Node[]): boolean {
  return uses.every((use) => {
    const parent = use.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return false;
    const method = propertyName(parent);
    return (
      method !== null &&
      ['get', 'set', 'has', 'delete'].includes(method) &&
      parent.parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    );
  });
}

/**
 * A dictionary (or `Map`) of arrays whose arrays are emptied element by element while their key stays: a `splice` of
 * `dict[k]` (or of a local holding it) that no deletion of a key follows in the same function. Returns the `splice`.
 */
function emptiedWithoutDelete(sourceCode: SourceCode, uses: readonly TSESTree.Node[]): TSESTree.CallExpression | null {
  const deletions: TSESTree.Node[] = [];
  const splices: TSESTree.CallExpression[] = [];
  for (const use of uses) {
    const member = use.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use) continue;
    const outer = member.parent;
    if (
      (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') ||
      (propertyName(member) === 'delete' && outer?.type === AST_NODE_TYPES.CallExpression)
    ) {
      deletions.push(outer);
      continue;
    }
    const entry = entryExpression(member);
    if (!entry) continue;
    for (const target of [entry, ...aliasesOf(sourceCode, entry)]) {
      const splice = target.parent;
      if (
        splice?.type === AST_NODE_TYPES.MemberExpression &&
        splice.object === target &&
        propertyName(splice) === 'splice' &&
        splice.parent?.type === AST_NODE_TYPES.CallExpression &&
        splice.parent.callee === splice &&
        splice.parent.arguments.length === 2
      )
        splices.push(splice.parent);
    }
  }
  // A deletion after the splice, in the same function, is the "delete the key once its array is empty" step.
  const followed = (call: TSESTree.CallExpression): boolean =>
    deletions.some(
      (deletion) => deletion.range[0] > call.range[1] && enclosingFunction(deletion) === enclosingFunction(call),
    );
  return splices.find((call) => !followed(call)) ?? null;
}

/** `dict[k]` or `map.get(k)`, read (not assigned or deleted). */
function entryExpression(member: TSESTree.MemberExpression): TSESTree.Node | null {
  const outer = member.parent;
  if (member.computed && propertyName(member) === null) {
    if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member) return null;
    return member;
  }
  if (propertyName(member) === 'get' && outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === member)
    return outer;
  return null;
}

/** `const list = dict[k]`: the local that holds the entry. */
function aliasesOf(sourceCode: SourceCode, entry: TSESTree.Node): TSESTree.Node[] {
  const declarator = entry.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== entry) return [];
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = resolve(sourceCode, declarator.id);
  return variable ? variable.references.filter((reference) => !reference.init).map((r) => r.identifier) : [];
}

/** What keeps a memo cache: the module scope, or a long-lived owner (or, for emptied arrays, any instance). */
export type MemoHolder = { type: 'module'; line: number } | { type: 'owner'; owner: string; why: string | null };

/** Why the cache's keys are not a few names. */
export type MemoReason =
  | KeyOrigin
  | { kind: 'expiry'; property: string; check: TSESTree.Node }
  | { kind: 'emptied'; splice: TSESTree.CallExpression };

export interface MemoCache {
  /** How messages name it: `cache`, `this.byUrl`. */
  name: string;
  holder: MemoHolder;
  site: GrowthSite;
  /** "on every call of `load()`". */
  trigger: string;
  reason: MemoReason;
  /** The `Map` constructor a `WeakMap` can replace: keyed by the callers' objects and only read by key. */
  weakable: TSESTree.Identifier | null;
}

/** Text a file needs to hold a memo cache: a keyed write and a collection to write to. */
export function mayHoldMemoCache(text: string): boolean {
  return askText(text, writesKeyedCollectionText);
}
/** Text a file needs for entries stamped with the clock: a clock read. */
export function mayHoldExpiringMemo(text: string): boolean {
  // The memo-cache test first: no-unbounded-memo asks it of every file anyway, and it rules out most of them.
  return mayHoldMemoCache(text) && askText(text, readsClockText);
}
const writesKeyedCollectionText = (text: string): boolean =>
  MEMO_WRITE_TEXT.test(text) && MEMO_COLLECTION_TEXT.test(text);
const readsClockText = (text: string): boolean => CLOCK_TEXT.test(text);
const CLOCK_TEXT = /Date\.now\(|new Date\(\)|performance\.now\(|process\.hrtime|process\.uptime\(/;
const MEMO_WRITE_TEXT = /\.set\(|\]\s*=[^=]/;
const MEMO_COLLECTION_TEXT = /new Map\b|[=(]\s*\{\s*\}|Object\.create\(\s*null\s*\)|\|\|\s*\[\s*\]/;

interface MemoContext {
  sourceCode: SourceCode;
  repetition: RepetitionAnalysis;
  comparisons: () => ReadonlyMap<string, TSESTree.Node>;
  /** The text reads a clock: entries may carry an expiry. Asked only of a growth site's key. */
  clock: () => boolean;
}

export interface MemoOptions extends RepetitionOptions {
  /**
   * A text test the caller needs passed as well (no-unbounded-collection: `mayHoldExpiringMemo`, for it reports only
   * expiring entries), asked only of a file with a module-level collection or an owner's field collection: few have
   * one, and the scans cost more than finding that out.
   */
  textTest?: (text: string) => boolean;
}

/**
 * Every memo cache of the file with an unbounded key space: module-level `Map`s and dictionaries, and the fields of
 * long-lived owners, grown under keys from per-call data, under the callers' objects, with expiring entries never
 * deleted, or as arrays emptied where their keys stay.
 */
export function memoCaches(sourceCode: SourceCode, options: MemoOptions = {}): readonly MemoCache[] {
  const text = sourceCode.text;
  if (sourceCode.ast === lastWithoutCollections) return [];
  let modules: TSESLint.Scope.Variable[] | null = null;
  if (options.textTest) {
    modules = moduleCollections(sourceCode);
    if (modules.length === 0 && !mayHoldOwnerCollections(text)) {
      // Neither part of findMemoCaches has work, whatever the text tests say: nor for the other rule, next.
      lastWithoutCollections = sourceCode.ast;
      return [];
    }
  }
  // Two rules ask (no-unbounded-collection for expiring entries, no-unbounded-memo for the rest): one analysis.
  const shared = (options.runOnce ?? []).length === 0;
  const known = shared ? cachesByFile.get(sourceCode.ast) : undefined;
  if (known) return known;
  if (options.textTest && !options.textTest(text)) return [];
  if (!mayHoldMemoCache(text)) return [];
  const found = findMemoCaches(sourceCode, options, modules ?? moduleCollections(sourceCode));
  if (shared) cachesByFile.set(sourceCode.ast, found);
  return found;
}

const cachesByFile = new WeakMap<TSESTree.Node, readonly MemoCache[]>();
/**
 * The last file found to have no module-level or owner's collection, so no memo caches: ESLint runs every rule on a
 * file before the next, so the other rule's question about it comes before any other file's.
 */
let lastWithoutCollections: TSESTree.Node | null = null;

function findMemoCaches(
  sourceCode: SourceCode,
  options: RepetitionOptions,
  modules: readonly TSESLint.Scope.Variable[],
): MemoCache[] {
  const text = sourceCode.text;
  let comparisons: Map<string, TSESTree.Node> | null = null;
  const context: MemoContext = {
    sourceCode,
    repetition: analyseRepetition(sourceCode, options),
    comparisons: () => (comparisons ??= clockComparisons(sourceCode, fileNodes(sourceCode))),
    clock: () => askText(text, readsClockText),
  };
  const found: MemoCache[] = [];
  // A cache's key shape shows in the text: URL or SQL keys, a serialised key, a clock or a `splice`; or, for a
  // module-level `Map` keyed by the callers' objects, the `Map`. Those scans are asked only when there is a module
  // collection or an owner's field collection to look at, as the scans cost more than finding those.
  let keyShaped: boolean | undefined;
  const keyText = (): boolean => (keyShaped ??= context.clock() || KEY_SHAPE_TEXT.test(text)); // a clock read is a key shape
  if (modules.length > 0 && (text.includes('new Map') || keyText())) {
    for (const variable of modules) {
      const cache = moduleCache(context, variable);
      if (cache) found.push(cache);
    }
  }
  // An owner's cache is reported when its owner is long-lived, or when its entries are emptied by a `splice`.
  const ownerCachesMayLeak =
    mayHoldOwnerCollections(text) &&
    growsOwnerCollection(sourceCode) &&
    (splicesOwnerEntries(sourceCode) || mayHoldLongLivedOwner(sourceCode));
  if (ownerCachesMayLeak && keyText()) {
    for (const index of fileOwners(sourceCode).owners.values()) {
      for (const field of index.fields.values()) {
        if (!field.uses.some(isKeyedWrite)) continue; // most fields are never written under a key
        const cache = ownerCache(context, index, field);
        if (cache) found.push(cache);
      }
    }
  }
  return found;
}

const KEY_SHAPE_TEXT =
  /JSON\.stringify|\.join\(|\.splice\(|url|uri|href|sql|search|querystring|Date\.now\(|new Date\(\)|performance\.now\(|process\.hrtime|process\.uptime\(/i;

/** `x.set(…)` or `x[k] = …` where `x` is the member expression naming the field. */
function isKeyedWrite(use: TSESTree.MemberExpression): boolean {
  const parent = use.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return false;
  const outer = parent.parent;
  if (propertyName(parent) === 'set') return outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === parent;
  return parent.computed && outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent;
}

/** Module bindings created as a `Map` or dictionary (also `const cache = (module.exports.cache = new Map())`). */
function moduleCollections(sourceCode: SourceCode): TSESLint.Scope.Variable[] {
  // The scope the file's top-level declarations are in: the ES module or CommonJS scope, or in a script the global
  // scope. Beside a module scope the global scope holds only the environment's globals, none defined in the file, and
  // they are many (a TypeScript file's lib has hundreds), which cost more to look through than the file's own names.
  const scope = topLevelScope(sourceCode);
  const found: TSESLint.Scope.Variable[] = [];
  for (const variable of scope?.variables ?? []) {
    const init = moduleInitialiser(variable);
    const kind = init ? collectionKind(init) : null;
    if ((kind === 'map' || kind === 'object') && !isExported(variable)) found.push(variable);
  }
  return found;
}

function moduleInitialiser(variable: TSESLint.Scope.Variable): TSESTree.Node | null {
  const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
  const init = definition?.type === 'Variable' ? definition.node.init : null;
  if (!init) return null;
  const value = unwrap(init);
  // `const cache = (module.exports.cache = new Map())`: exposed, for tests or inspection, but trimmed by nobody.
  if (value.type !== AST_NODE_TYPES.AssignmentExpression) return value;
  const target = staticPath(value.left) ?? '';
  return value.operator === '=' && /^(?:module\.)?exports\./.test(target) ? value.right : null;
}

function moduleCache(context: MemoContext, variable: TSESLint.Scope.Variable): MemoCache | null {
  const { sourceCode } = context;
  const init = moduleInitialiser(variable);
  if (!init) return null;
  const uses = referencesOf(sourceCode, variable)
    .filter((reference) => !reference.init)
    .map((reference) => reference.identifier);
  const growth: GrowthSite[] = [];
  let released = false;
  for (const use of uses) {
    const found = classifyCollectionUse(use);
    if (found.type === 'escape') return null;
    if (found.type === 'release') released = true;
    if (found.type === 'growth' && found.site.growth === 'keyed') growth.push(found.site);
  }
  const holder: MemoHolder = { type: 'module', line: init.loc.start.line };
  const weakable = mapConstructor(init);
  for (const site of growth) {
    const reason = released ? emptiedReason(context, uses) : memoReason(context, site);
    // Keyed by the callers' objects: a side table only when nothing iterates it (else a registry of them).
    if (!reason || (reason.kind === 'object' && !(weakable && onlyKeyedAccess(uses)))) continue;
    const repetition = context.repetition.repetitionOf(site.node);
    // Handlers and listeners grow with the outside world: no-unbounded-collection reports those.
    if (repetition.kind !== 'per-call' && !(released && repetition.kind === 'per-event')) continue;
    if (boundedBySize(sourceCode, site, variable.name)) continue; // last: it reads the whole function
    return {
      name: variable.name,
      holder,
      site,
      trigger: triggerAt(site.node, repetition),
      reason,
      weakable: reason.kind === 'object' ? weakable : null,
    };
  }
  return null;
}

function ownerCache(context: MemoContext, index: OwnerIndex, field: OwnerField): MemoCache | null {
  const { sourceCode } = context;
  const uses = classifyFieldUses(sourceCode, index, field);
  if (uses.escapes || (uses.kind !== 'map' && uses.kind !== 'object')) return null;
  const sites = uses.growth.filter((site) => site.growth === 'keyed');
  if (sites.length === 0) return null;
  // Arrays emptied where their keys stay leave a key per use whatever else happens: a reset of the whole field
  // (`removeAllListeners()`) is the caller's choice, not part of the add-and-remove cycle. Other caches are bounded
  // by any release.
  const emptied =
    uses.nestedReleases.length > 0 || uses.releases.length > 0 ? emptiedReason(context, field.uses) : null;
  if (uses.releases.length > 0 && !emptied) return null;
  const longLived = emptied ? null : longLivedOwner(sourceCode, index);
  if (!emptied && !longLived) return null;
  const owner = index.name.startsWith('`') ? `the ${index.name}` : index.name;
  for (const site of sites) {
    const key = field.key.startsWith('[') ? field.key : `this.${field.key}`;
    const reason = emptied ?? memoReason(context, site);
    // Objects as keys of an owner's field: a registry of what callers hand it (transports, handlers), not a memo.
    if (!reason || reason.kind === 'object') continue;
    const repetition = context.repetition.repetitionOf(site.node);
    if (repetition.kind === 'once') continue;
    if (!emptied && reportedAsOwnerGrowth(sourceCode, index, site, repetition, context.repetition.repetitionOf))
      continue;
    if (boundedBySize(sourceCode, site, key)) continue;
    return {
      name: field.display,
      holder: { type: 'owner', owner, why: longLived?.why ?? null },
      site,
      trigger: triggerAt(site.node, repetition),
      reason,
      weakable: null,
    };
  }
  return null;
}

/**
 * Growth of an owner's field that no-unbounded-collection reports already: in event-driven code, in a method that
 * runs once per unit of work (unless a handler by name only that stores what its callers pass), or under a fresh key.
 */
function reportedAsOwnerGrowth(
  sourceCode: SourceCode,
  index: OwnerIndex,
  site: GrowthSite,
  repetition: Repetition,
  repetitionOf: (node: TSESTree.Node) => Repetition,
): boolean {
  if (repetition.kind === 'per-event') return true;
  if (site.key && isFreshKey(sourceCode, index, site.key)) return true;
  const method = methodAround(index, site.node);
  // The same question, asked the same way, as no-unbounded-collection: the answer is kept per owner for both rules.
  const perEvent = (node: TSESTree.Node): string | null => {
    const found = repetitionOf(node);
    return found.kind === 'per-event' ? triggerAt(node, found) : null;
  };
  const role = method ? perUnitMethods(sourceCode, index, perEvent).get(method.name) : undefined;
  if (!role || !method) return false;
  return !(role.byName && storesOnlyParameters(sourceCode, site, method.fn)) && role.direct;
}

/** Why keys are not a few names: their origin, or an expiry never acted on. */
function memoReason(context: MemoContext, site: GrowthSite): MemoReason | null {
  const { sourceCode } = context;
  const fn = enclosingFunction(site.node);
  if (!fn || !site.key || isFreshPerCall(site.key)) return null;
  const expiry = context.clock() ? checkedExpiry(sourceCode, site, context.comparisons()) : null;
  if (expiry) return { kind: 'expiry', ...expiry };
  return keyOrigin(sourceCode, site.key, fn);
}

function emptiedReason(context: MemoContext, uses: readonly TSESTree.Node[]): MemoReason | null {
  const splice = emptiedWithoutDelete(context.sourceCode, uses);
  return splice ? { kind: 'emptied', splice } : null;
}

/** A size check around the growth (`if (cache.size > MAX)`): an LRU or a capped cache. */
function boundedBySize(sourceCode: SourceCode, site: GrowthSite, name: string): boolean {
  return testsAround(sourceCode, site.node).some((test) => someDescendant(sourceCode, test, readsSizeOf(name)));
}

/** The `Map` in `new Map()`, which a `WeakMap` can replace. */
function mapConstructor(init: TSESTree.Node): TSESTree.Identifier | null {
  const node = unwrap(init);
  if (node.type !== AST_NODE_TYPES.NewExpression) return null;
  const callee = unwrap(node.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Map' ? callee : null;
}

/** "the module scope (declared at line 3)", "the `Agent`, which listens to `process`,", "each instance of `Emitter`". */
export function memoHolderWords(holder: MemoHolder): string {
  if (holder.type === 'module') return `the module scope (declared at line ${holder.line})`;
  return holder.why ? `${holder.owner}, which ${holder.why},` : `each instance of ${holder.owner}`;
}

/**
 * The retention verdict: objects a unit of work allocated that should be garbage once it returns, but
 * that the user's code still holds from a long-lived name.
 *
 * Growth misses a value that is replaced on every call (`function setName() { name = {...} }` keeps
 * exactly one object alive), yet the object outlives the call that made it. So, in the last snapshot:
 * take every object allocated during the measured phases (id above the largest id of the first
 * snapshot), follow its shortest retainer path, and find the last link that is a *holder*:
 *  - a property of the global object that Node did not define (implicit or explicit user globals), or
 *  - a variable of a Context created by the user's code (module scope, closures) before the measured
 *    phases: only a scope that outlives the units can keep their objects.
 * Between that holder and the object the path may cross plain data (objects, arrays, collections) but
 * not another scope: entering a closure's Context or a variable of Node's own modules resets it, so
 * timers, sockets and caches inside Node are not blamed on the user. Nor is an EventEmitter's listener table
 * (`_events`), which Node replaces when the last listener of an event is removed (the listeners in it still count).
 * Objects are grouped by holder and each group is reported with the path to one of them.
 *
 * Not every holder is a leak. The seed's `setName()` assigns a new object of every unit to the name itself: the name
 * then holds a value the unit left behind (`assigned`), and that counts. A name that points to an older container
 * (a cache, a pool, a Map or an emitter created at load time) whose contents turned over during the run is another
 * matter: a bounded cache at capacity, an agent's free sockets, a Map's re-allocated table or an emitter's property
 * store all hold a few objects of the latest units without growing. Such a finding (`contained`) counts only when
 * its objects came from both measured windows in like numbers, i.e. when it grows with the work, however slowly.
 */
import type { HeapSnapshot } from './heap-snapshot.js';
import { ignoredTypeMask } from './diff.js';
import { formatRetainerPath, humanRetainerPath, retainerPath, type ShortestPaths } from './retainers.js';

export interface RetentionOptions {
  /** Objects with a larger id were allocated during the measured phases (the largest id of A). */
  readonly newerThanId: number;
  /** Global property names that existed before the user's module loaded. */
  readonly builtinGlobals: ReadonlySet<string>;
  /** Whether a script name (a path, or a file: URL for ES modules) is the user's code. */
  readonly isUserScript: (scriptName: string) => boolean;
  /** The largest id of the middle snapshot: objects above it were allocated in the second window. */
  readonly middleId?: number;
}

/**
 * How the holder keeps the objects: the name itself points to an object of a unit (`assigned`, as `setName()` does),
 * or to an older container whose contents are objects of the units (`contained`).
 */
export type RetentionHow = 'assigned' | 'contained';

export interface RetainedFinding {
  /** The variable or global property that keeps the objects alive. */
  readonly holder: string;
  readonly kind: 'global' | 'variable';
  /** Objects allocated during the measured phases that it retains. */
  readonly count: number;
  readonly bytes: number;
  readonly constructors: ReadonlyArray<{ readonly constructor: string; readonly count: number }>;
  /** The retainer path of an example object: the nearest to the holder, preferring named objects. */
  readonly path: string;
  /** The same path for a newcomer, engine internals hidden (`lastVisit → Object`). */
  readonly humanPath: string;
  readonly how: RetentionHow;
  /** Of `count`, the objects allocated in the first window (A→B) and in the second (B→C). */
  readonly firstWindow: number;
  readonly secondWindow: number;
  /**
   * Whether it counts as a leak: an `assigned` value, or `contained` objects from both windows in like numbers.
   * Otherwise the container turned over without growing (a bounded cache at capacity, a pool, a backing store).
   */
  readonly leaking: boolean;
}

/** A container's contents grow (slowly) when both windows left at least this many, within this ratio. */
const MIN_SLOW_GROWTH = 3;
const MIN_SLOW_GROWTH_RATIO = 0.5;

const CONTEXT = 'system / Context';
/** EventEmitter's own listener table: replaced when the last listener of an event is removed. */
const EMITTER_BOOKKEEPING = new Set(['_events']);
const UNKNOWN = 0;
const YES = 1;
const NO = 2;

/** Decides, with memoisation in typed arrays, which Contexts belong to the user's scripts. */
export class ScopeOwnership {
  private readonly contextMemo: Uint8Array;

  constructor(
    private readonly snapshot: HeapSnapshot,
    private readonly isUserScript: (name: string) => boolean,
  ) {
    this.contextMemo = new Uint8Array(snapshot.nodeCount);
  }

  /**
   * A Context is the user's when a closure of a user script points to it ("context"), or a user
   * Context is nested in it ("previous").
   */
  isUserContext(context: number, depth = 0): boolean {
    const memo = this.contextMemo[context];
    if (memo !== UNKNOWN) return memo === YES;
    const { snapshot } = this;
    const retainers = snapshot.retainers();
    let owned = false;
    for (let slot = retainers.first[context]!, end = retainers.first[context + 1]!; slot < end && !owned; slot++) {
      const edge = retainers.edge[slot]!;
      const holder = retainers.node[slot]!;
      const name = snapshot.edgeHasIndex(edge) ? '' : snapshot.edgeName(edge);
      if (name === 'context' && snapshot.nodeType(holder) === 'closure') owned = this.isUserClosure(holder);
      else if (name === 'previous' && depth < 16 && snapshot.nodeName(holder) === CONTEXT)
        owned = this.isUserContext(holder, depth + 1);
    }
    this.contextMemo[context] = owned ? YES : NO;
    return owned;
  }

  /** The script of a closure whose scope is this Context (or a Context nested in it), if the snapshot names one. */
  contextScript(context: number, depth = 0): string | undefined {
    const { snapshot } = this;
    const retainers = snapshot.retainers();
    for (let slot = retainers.first[context]!, end = retainers.first[context + 1]!; slot < end; slot++) {
      const edge = retainers.edge[slot]!;
      const holder = retainers.node[slot]!;
      const name = snapshot.edgeHasIndex(edge) ? '' : snapshot.edgeName(edge);
      if (name === 'context' && snapshot.nodeType(holder) === 'closure') {
        const script = this.closureScript(holder);
        if (script) return script;
      } else if (name === 'previous' && depth < 16 && snapshot.nodeName(holder) === CONTEXT) {
        const script = this.contextScript(holder, depth + 1);
        if (script) return script;
      }
    }
    return undefined;
  }

  isUserScriptName(script: string): boolean {
    return this.isUserScript(script);
  }

  private isUserClosure(closure: number): boolean {
    const script = this.closureScript(closure);
    return script !== undefined && this.isUserScript(script);
  }

  closureScript(closure: number): string | undefined {
    return closureScript(this.snapshot, closure);
  }
}

/** The script a closure was compiled from: closure → shared (SharedFunctionInfo) → script → name. */
export function closureScript(snapshot: HeapSnapshot, closure: number): string | undefined {
  const shared = snapshot.findEdge(closure, 'shared');
  if (shared < 0) return undefined;
  const info = snapshot.edgeTarget[shared]!;
  let script = snapshot.findEdge(info, 'script_or_debug_info');
  if (script < 0) script = snapshot.findEdge(info, 'script');
  if (script < 0) return undefined;
  const name = snapshot.findEdge(snapshot.edgeTarget[script]!, 'name');
  return name >= 0 ? snapshot.stringText(snapshot.edgeTarget[name]!) : undefined;
}

interface Group {
  readonly edge: number;
  count: number;
  bytes: number;
  nearest: number;
  firstWindow: number;
  readonly classes: Map<number, number>;
}

/** Objects and functions a program names make better examples than engine internals like "(array)". */
function isNamedObject(snapshot: HeapSnapshot, node: number): boolean {
  const type = snapshot.nodeType(node);
  return type === 'closure' || (type === 'object' && !snapshot.nodeName(node).startsWith('system /'));
}

/** The example of a group: a named object if there is one, nearest the holder. */
function betterExample(snapshot: HeapSnapshot, paths: ShortestPaths, node: number, current: number): boolean {
  const named = isNamedObject(snapshot, node);
  if (named !== isNamedObject(snapshot, current)) return named;
  return paths.distance[node]! < paths.distance[current]!;
}

export function findRetained(
  snapshot: HeapSnapshot,
  paths: ShortestPaths,
  options: RetentionOptions,
): RetainedFinding[] {
  const { newerThanId, builtinGlobals } = options;
  const middleId = options.middleId ?? Number.POSITIVE_INFINITY;
  const scopes = new ScopeOwnership(snapshot, options.isUserScript);
  const contextEdge = snapshot.meta.edgeTypes.indexOf('context');
  const propertyEdge = snapshot.meta.edgeTypes.indexOf('property');
  const ignored = ignoredTypeMask(snapshot);

  // holder[n]: the holder edge on n's path, or -1. Parents precede children in BFS order.
  const holder = new Int32Array(snapshot.nodeCount).fill(-1);
  const bookkeeping = new Uint8Array(snapshot.nodeCount);
  const internalEdge = snapshot.meta.edgeTypes.indexOf('internal');
  const groups = new Map<number, Group>();
  for (let index = 0; index < paths.reachedCount; index++) {
    const node = paths.order[index]!;
    const edge = paths.parentEdge[node]!;
    if (edge < 0) continue;
    const parent = paths.parentNode[node]!;
    const edgeType = snapshot.edgeTypeIndex(edge);
    const parentIsOld = snapshot.nodeId(parent) <= newerThanId;
    let held = holder[parent]!;
    if (edgeType === contextEdge) {
      held = parentIsOld && scopes.isUserContext(parent) ? edge : -1;
    } else if (edgeType === propertyEdge && paths.userRoot[parent] === 1) {
      held = builtinGlobals.has(snapshot.edgeName(edge)) ? -1 : edge;
    } else if (snapshot.nodeName(node) === CONTEXT) {
      held = -1; // Entering a scope: only its own variables can hold.
    }
    holder[node] = held;
    // An emitter rebuilds its listener table as listeners come and go: the table (and its property storage) is not
    // the user's data, though the listeners in it are.
    if (
      edgeType === propertyEdge
        ? EMITTER_BOOKKEEPING.has(snapshot.edgeName(edge))
        : bookkeeping[parent] === 1 && edgeType === internalEdge
    ) {
      bookkeeping[node] = 1;
    }

    if (
      held < 0 ||
      bookkeeping[node] === 1 ||
      ignored[snapshot.nodeTypeIndex(node)] !== 0 ||
      snapshot.nodeId(node) <= newerThanId
    )
      continue;
    let group = groups.get(held);
    if (!group)
      groups.set(held, (group = { edge: held, count: 0, bytes: 0, nearest: node, firstWindow: 0, classes: new Map() }));
    group.count++;
    if (snapshot.nodeId(node) <= middleId) group.firstWindow++;
    group.bytes += snapshot.selfSize(node);
    if (betterExample(snapshot, paths, node, group.nearest)) group.nearest = node;
    const key = snapshot.classKey(node);
    group.classes.set(key, (group.classes.get(key) ?? 0) + 1);
  }

  return [...groups.values()]
    .map((group): RetainedFinding => {
      const how: RetentionHow =
        snapshot.nodeId(snapshot.edgeTarget[group.edge]!) > newerThanId ? 'assigned' : 'contained';
      const secondWindow = group.count - group.firstWindow;
      const low = Math.min(group.firstWindow, secondWindow);
      const grows = low >= MIN_SLOW_GROWTH && low >= MIN_SLOW_GROWTH_RATIO * Math.max(group.firstWindow, secondWindow);
      return {
        holder: snapshot.edgeName(group.edge),
        kind: snapshot.edgeTypeIndex(group.edge) === contextEdge ? 'variable' : 'global',
        count: group.count,
        bytes: group.bytes,
        constructors: [...group.classes]
          .map(([key, count]) => ({ constructor: snapshot.classNameOfKey(key), count }))
          .sort((x, y) => y.count - x.count || x.constructor.localeCompare(y.constructor)),
        path: formatRetainerPath(retainerPath(paths, group.nearest, { newerThanId })),
        humanPath: humanRetainerPath(retainerPath(paths, group.nearest, { newerThanId })),
        how,
        firstWindow: group.firstWindow,
        secondWindow,
        leaking: how === 'assigned' || grows,
      };
    })
    .sort((x, y) => y.bytes - x.bytes || x.holder.localeCompare(y.holder));
}

/**
 * Retainer paths: the shortest chain of references from the GC roots to an object, printed the way
 * DevTools' Retainers panel reads it (`cache in system / Context → [57] in Array → Object`).
 *
 * One breadth-first search over the whole graph gives every node its parent edge, in typed arrays.
 * Like DevTools it walks only essential edges: weak edges never retain, and shortcut edges only count
 * from the root (where they mark the global objects). It first searches from the global objects, then
 * from the remaining roots, so paths prefer what a program can name over engine internals.
 */
import type { HeapSnapshot } from './heap-snapshot.js';

export class ShortestPaths {
  /** Edge from the parent on the shortest path; -1 for the root and unreachable nodes. */
  readonly parentEdge: Int32Array;
  readonly parentNode: Int32Array;
  /** Number of edges from the root; -1 when unreachable. */
  readonly distance: Int32Array;
  /** Reached nodes in breadth-first order: every node comes after its parent. */
  readonly order: Uint32Array;
  readonly reachedCount: number;
  /** 1 for the global objects (targets of the root's shortcut edges). */
  readonly userRoot: Uint8Array;

  constructor(readonly snapshot: HeapSnapshot) {
    const count = snapshot.nodeCount;
    this.parentEdge = new Int32Array(count).fill(-1);
    this.parentNode = new Int32Array(count).fill(-1);
    this.distance = new Int32Array(count).fill(-1);
    this.order = new Uint32Array(count);
    this.userRoot = new Uint8Array(count);

    const root = snapshot.rootOrdinal;
    const shortcut = snapshot.meta.edgeTypes.indexOf('shortcut');
    const weak = snapshot.meta.edgeTypes.indexOf('weak');
    const skip = essentialEdgeFilter(snapshot);
    let tail = 0;

    // Phase 1: the global objects, as DevTools does for "user roots".
    for (let edge = snapshot.firstEdge[root]!, end = snapshot.firstEdge[root + 1]!; edge < end; edge++) {
      if (snapshot.edgeTypeIndex(edge) !== shortcut) continue;
      const target = snapshot.edgeTarget[edge]!;
      if (this.distance[target] !== -1) continue;
      this.userRoot[target] = 1;
      this.visit(target, edge, root, 1);
      this.order[tail++] = target;
    }
    let head = 0;
    const search = (): void => {
      while (head < tail) {
        const node = this.order[head++]!;
        const nextDistance = this.distance[node]! + 1;
        for (let edge = snapshot.firstEdge[node]!, end = snapshot.firstEdge[node + 1]!; edge < end; edge++) {
          const type = snapshot.edgeTypeIndex(edge);
          if (type === weak || (type === shortcut && node !== root)) continue;
          const target = snapshot.edgeTarget[edge]!;
          if (this.distance[target] !== -1 || skip(node, edge)) continue;
          this.visit(target, edge, node, nextDistance);
          this.order[tail++] = target;
        }
      }
    };
    search();
    // Phase 2: everything else, from the root.
    this.distance[root] = 0;
    this.order[tail++] = root;
    search();
    this.reachedCount = tail;
  }

  private visit(node: number, edge: number, parent: number, distance: number): void {
    this.parentEdge[node] = edge;
    this.parentNode[node] = parent;
    this.distance[node] = distance;
  }

  reachable(node: number): boolean {
    return this.distance[node] !== -1;
  }

  /** The nodes from the root (excluded) down to `node`, each reached by its `parentEdge`. */
  chainTo(node: number): number[] {
    const chain: number[] = [];
    for (let current = node; this.parentEdge[current]! >= 0; current = this.parentNode[current]!) chain.push(current);
    return chain.reverse();
  }
}

/**
 * DevTools' distance filter: links that exist in the graph but would give misleading paths. Descriptor
 * arrays of maps may be shared, so only some of their slots are real (crbug.com/413608).
 */
function essentialEdgeFilter(snapshot: HeapSnapshot): (node: number, edge: number) => boolean {
  const hidden = snapshot.meta.nodeTypes.indexOf('hidden');
  const array = snapshot.meta.nodeTypes.indexOf('array');
  return (node, edge) => {
    const type = snapshot.nodeTypeIndex(node);
    if (type === hidden && snapshot.nodeName(node) === 'system / NativeContext') {
      return snapshot.edgeName(edge) === 'sloppy_function_map';
    }
    if (type === array && snapshot.nodeName(node) === '(map descriptors)') {
      const index = Number.parseInt(snapshot.edgeName(edge), 10);
      return index >= 2 && index % 3 === 1;
    }
    return false;
  };
}

/** One link of a path: `edge in holder`. */
export interface RetainerStep {
  /** The edge label: a property or variable name, or `[index]` for elements. */
  readonly edge: string;
  readonly edgeType: string;
  /** The display name of the object holding the reference. */
  readonly holder: string;
  /**
   * Whether `edge` names a variable or a property of a global object, in a holder that outlives the
   * units of work: where a reader starts.
   */
  readonly named: boolean;
}

export interface RetainerPath {
  readonly steps: readonly RetainerStep[];
  /** The display name of the retained object. */
  readonly target: string;
  readonly reachable: boolean;
}

const MAX_STRING_NAME = 40;

/** How DevTools labels a node in a path: constructor names, `fn()` for closures, quoted strings. */
export function displayName(snapshot: HeapSnapshot, node: number): string {
  const type = snapshot.nodeType(node);
  const name = snapshot.nodeName(node);
  switch (type) {
    case 'closure':
      return name ? `${name}()` : '(anonymous function)';
    case 'string':
    case 'concatenated string':
    case 'sliced string': {
      const short = name.length > MAX_STRING_NAME ? `${name.slice(0, MAX_STRING_NAME)}…` : name;
      return JSON.stringify(short);
    }
    case 'number':
    case 'regexp':
    case 'bigint':
    case 'symbol':
      return name ? `${snapshot.className(node)} ${name}` : snapshot.className(node);
    default:
      return name || snapshot.className(node);
  }
}

export interface PathOptions {
  /**
   * Holders with a larger id were allocated by the units of work (per-call scopes): their variables
   * are not where a reader starts. Default: every holder counts.
   */
  readonly newerThanId?: number;
}

/** Builds the path to `node` from a search over the same snapshot. */
export function retainerPath(paths: ShortestPaths, node: number, options: PathOptions = {}): RetainerPath {
  const newerThanId = options.newerThanId ?? Number.POSITIVE_INFINITY;
  const snapshot = paths.snapshot;
  const steps = paths.chainTo(node).map((child): RetainerStep => {
    const edge = paths.parentEdge[child]!;
    const holderNode = paths.parentNode[child]!;
    const edgeType = snapshot.edgeType(edge);
    const raw = snapshot.edgeName(edge);
    // Element indices, and the numeric slots of Map/Set tables, are shown (and grouped) as [n].
    const indexed = snapshot.edgeHasIndex(edge) || (edgeType === 'internal' && /^\d+$/.test(raw));
    return {
      edge: indexed ? `[${raw}]` : raw,
      edgeType,
      holder: displayName(snapshot, holderNode),
      named:
        (edgeType === 'context' || (edgeType === 'property' && paths.userRoot[holderNode] === 1)) &&
        snapshot.nodeId(holderNode) <= newerThanId,
    };
  });
  // The first step leaves the synthetic root; it is printed as "(GC roots)".
  return { steps: steps.slice(1), target: displayName(snapshot, node), reachable: paths.reachable(node) };
}

/** Steps with runs of the same link (linked lists, nested arrays) folded into one with a count. */
function collapseRuns(steps: readonly RetainerStep[]): Array<{ step: RetainerStep; repeat: number }> {
  const runs: Array<{ step: RetainerStep; repeat: number }> = [];
  for (const step of steps) {
    const last = runs[runs.length - 1];
    if (last && last.step.edge === step.edge && last.step.holder === step.holder) last.repeat++;
    else runs.push({ step, repeat: 1 });
  }
  return runs;
}

const MAX_UNNAMED_TAIL = 4;

/**
 * `(GC roots) → … → cache in system / Context → [57] in Array → Object`: the engine-internal prefix is
 * elided up to the last named link (a variable or a global property), which is where a reader looks.
 */
export function formatRetainerPath(path: RetainerPath): string {
  if (!path.reachable) return `(not reachable from GC roots) → ${path.target}`;
  const runs = collapseRuns(path.steps);
  let start = -1;
  for (let index = runs.length - 1; index >= 0; index--) {
    if (runs[index]!.step.named) {
      start = index;
      break;
    }
  }
  if (start < 0) start = Math.max(0, runs.length - MAX_UNNAMED_TAIL);
  const parts = ['(GC roots)'];
  if (start > 0) parts.push('…');
  for (const { step, repeat } of runs.slice(start)) {
    parts.push(`${step.edge} in ${step.holder}${repeat > 1 ? ` (×${repeat})` : ''}`);
  }
  parts.push(path.target);
  return parts.join(' → ');
}

/** The grouping key of a path: its formatted text with element indices and repeat counts dropped. */
export function pathSignature(path: RetainerPath): string {
  return formatRetainerPath(path)
    .replace(/\[\d+\]/g, '[]')
    .replace(/ \(×\d+\)/g, '');
}

export interface RetainerGroup {
  /** One of the group's paths, with its real indices. */
  readonly path: string;
  readonly signature: string;
  /** How many of the given nodes share this path shape. */
  readonly count: number;
  /** Constructor of the retained objects. */
  readonly constructor: string;
}

/**
 * Shortest retainer paths of `nodes` in `snapshot`, grouped by shape (paths that differ only in
 * element indices are one group), most common first.
 */
export function retainerPaths(
  snapshot: HeapSnapshot,
  nodes: Iterable<number>,
  paths = new ShortestPaths(snapshot),
  options: PathOptions = {},
): RetainerGroup[] {
  const groups = new Map<string, { path: string; count: number; constructor: string }>();
  for (const node of nodes) {
    const path = retainerPath(paths, node, options);
    const signature = pathSignature(path);
    const group = groups.get(signature);
    if (group) group.count++;
    else groups.set(signature, { path: formatRetainerPath(path), count: 1, constructor: snapshot.className(node) });
  }
  return [...groups]
    .map(([signature, group]) => ({ signature, ...group }))
    .sort((x, y) => y.count - x.count || x.signature.localeCompare(y.signature));
}

/** `9 / part of key (memoized @37665) -> value (Map @103213) pair in WeakMap (table @103211)`: an ephemeron edge. */
const WEAK_MAP_ENTRY = /part of key \(.* @\d+\) -> value \(.* @\d+\) pair in WeakMap/;
/** Internal edges of functions made by `bind()`. */
const BOUND = /^bound_(this|function|argument_\d+)$/;

function humanTarget(target: string): string {
  if (target.startsWith('"')) return `string ${target}`;
  if (target === 'system / Context') return 'closure context';
  if (target === '(array)' || target === '(object properties)' || target === '(object elements)')
    return 'internal array';
  return target;
}

/**
 * The path for a newcomer: from the last named link (the variable, global or export a reader can look up) to the
 * object, engine internals hidden or named for what they are: `requestLogs[] → Object`,
 * `sessions → Map entry → Object`, `process._events.warning[] → closure context of (anonymous function) → req → …`.
 */
export function humanRetainerPath(path: RetainerPath): string {
  if (!path.reachable) return `(not reachable) → ${humanTarget(path.target)}`;
  const runs = collapseRuns(path.steps);
  let start = -1;
  for (let index = runs.length - 1; index >= 0 && start < 0; index--) if (runs[index]!.step.named) start = index;
  if (start < 0) start = Math.max(0, runs.length - MAX_UNNAMED_TAIL);
  const tokens: string[] = [];
  const append = (suffix: string): void => {
    if (tokens.length === 0) tokens.push(suffix.replace(/^\./, ''));
    else tokens[tokens.length - 1] += suffix;
  };
  let skipTableSlot = false;
  for (let index = start; index < runs.length; index++) {
    const { step, repeat } = runs[index]!;
    const { edge, edgeType, holder } = step;
    if (index === start && step.named) {
      tokens.push(edge);
      continue;
    }
    if (skipTableSlot && edgeType === 'internal' && edge.startsWith('[')) {
      skipTableSlot = false;
      continue;
    }
    skipTableSlot = false;
    if (repeat > 1) {
      append(`.${edge}…`);
      continue;
    }
    switch (edgeType) {
      case 'element':
        append('[]');
        break;
      case 'property':
        append(/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(edge) ? `.${edge}` : `[${JSON.stringify(edge)}]`);
        break;
      case 'context':
        tokens.push(edge);
        break;
      case 'internal':
        if (edge === 'table' && (holder === 'Map' || holder === 'Set')) {
          tokens.push(`${holder} entry`);
          skipTableSlot = true;
        } else if (edge === 'context') {
          tokens.push(`closure context of ${holder}`);
        } else if (WEAK_MAP_ENTRY.test(edge)) {
          tokens.push('WeakMap entry');
        } else if (BOUND.test(edge)) {
          tokens.push('bound function');
        } else if (edge.startsWith('[')) {
          append('[]');
        }
        // Other internal links (properties, elements, maps, code) are the engine's: hidden.
        break;
      default:
        break;
    }
  }
  tokens.push(humanTarget(path.target));
  return tokens.join(' → ');
}

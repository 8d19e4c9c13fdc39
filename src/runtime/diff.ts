/**
 * Comparing three snapshots of one process, taken after warm-up (A), after N more units (B) and after
 * N more (C).
 *
 * V8 assigns heap object ids when a snapshot is taken, from a counter that only grows, and keeps an
 * object's id while it lives. So in C, an id above A's largest id means "allocated after A", and
 * one above B's largest id means "allocated after B". Counting C's objects by those two windows tells,
 * per constructor, how many objects each batch of N units left behind: a leak leaves about k·N in
 * both batches, the constant noise of the machinery does not scale with N.
 */
import type { HeapSnapshot } from './heap-snapshot.js';

/** Node types that are not objects a program allocates: DevTools hides them from leak hunting. */
const IGNORED_NODE_TYPES = new Set(['hidden', 'native', 'synthetic', 'code', 'number', 'object shape']);

/** One row of DevTools' Comparison view (A → C). */
export interface ComparisonRow {
  readonly constructor: string;
  readonly newCount: number;
  readonly deletedCount: number;
  readonly delta: number;
  readonly allocatedBytes: number;
  readonly freedBytes: number;
  readonly sizeDelta: number;
}

/** Objects of one constructor allocated after A and still alive in C. */
export interface GrowthRow {
  readonly constructor: string;
  /** Survivors per unit of work, averaged over both windows. */
  readonly perIteration: number;
  /** Survivors from both windows. */
  readonly count: number;
  /** Their shallow size in bytes. */
  readonly bytes: number;
  /** Survivors allocated between A and B. */
  readonly firstWindow: number;
  /** Survivors allocated between B and C. */
  readonly secondWindow: number;
  /** Whether this row meets the leak criterion. */
  readonly leaking: boolean;
}

export interface DiffOptions {
  /** Units of work between consecutive snapshots (N). */
  readonly iterations: number;
  /** Lowest survivors per unit, in each window, that counts as growth. Default 0.9 (k ≥ 1, less 10%). */
  readonly minPerIteration?: number;
  /** Lowest ratio between the smaller and larger window count. Default 0.75. */
  readonly minWindowRatio?: number;
}

export interface SnapshotDiff {
  readonly iterations: number;
  /** Largest heap object id in A and in B: the window boundaries. */
  readonly maxIdBefore: number;
  readonly maxIdMiddle: number;
  /** A → C, every constructor with new or deleted objects, by delta (largest first). */
  readonly comparison: readonly ComparisonRow[];
  /** Every constructor with survivors, by survivors per unit (largest first). */
  readonly survivors: readonly GrowthRow[];
  /** The rows of `survivors` that meet the leak criterion. */
  readonly growth: readonly GrowthRow[];
}

/** 1 for each node type index that is not counted. */
export function ignoredTypeMask(snapshot: HeapSnapshot): Uint8Array {
  const mask = new Uint8Array(snapshot.meta.nodeTypes.length + 1);
  snapshot.meta.nodeTypes.forEach((type, index) => {
    mask[index] = IGNORED_NODE_TYPES.has(type) ? 1 : 0;
  });
  return mask;
}

/**
 * The largest id of a heap object. Native and synthetic nodes are skipped: their ids come from other
 * counters (or hashes) and say nothing about allocation order.
 */
export function maxObjectId(snapshot: HeapSnapshot): number {
  const native = snapshot.meta.nodeTypes.indexOf('native');
  const synthetic = snapshot.meta.nodeTypes.indexOf('synthetic');
  let max = 0;
  for (let node = 0; node < snapshot.nodeCount; node++) {
    const type = snapshot.nodeTypeIndex(node);
    if (type === native || type === synthetic) continue;
    const id = snapshot.nodeId(node);
    if (id > max) max = id;
  }
  return max;
}

interface Tally {
  newCount: number;
  deletedCount: number;
  allocatedBytes: number;
  freedBytes: number;
  firstWindow: number;
  secondWindow: number;
  survivorBytes: number;
}

function emptyTally(): Tally {
  return {
    newCount: 0,
    deletedCount: 0,
    allocatedBytes: 0,
    freedBytes: 0,
    firstWindow: 0,
    secondWindow: 0,
    survivorBytes: 0,
  };
}

/** Sorted ids of the counted nodes, for membership tests by binary search. */
function sortedIds(snapshot: HeapSnapshot, ignored: Uint8Array): Uint32Array {
  const ids = new Uint32Array(snapshot.nodeCount);
  let length = 0;
  for (let node = 0; node < snapshot.nodeCount; node++) {
    if (ignored[snapshot.nodeTypeIndex(node)] === 0) ids[length++] = snapshot.nodeId(node);
  }
  return ids.subarray(0, length).sort();
}

function contains(sorted: Uint32Array, id: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = sorted[mid]!;
    if (value === id) return true;
    if (value < id) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** Compares A, B and C (see the module comment) and applies the leak criterion. */
export function diffSnapshots(
  before: HeapSnapshot,
  middle: HeapSnapshot,
  after: HeapSnapshot,
  options: DiffOptions,
): SnapshotDiff {
  const { iterations } = options;
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError('iterations must be a positive integer');
  const minPerIteration = options.minPerIteration ?? 0.9;
  const minWindowRatio = options.minWindowRatio ?? 0.75;
  const maxIdBefore = maxObjectId(before);
  const maxIdMiddle = maxObjectId(middle);

  // Tallies are keyed by class name: one entry per constructor, never per node.
  const tallies = new Map<string, Tally>();
  const tallyOf = (name: string): Tally => {
    let tally = tallies.get(name);
    if (!tally) tallies.set(name, (tally = emptyTally()));
    return tally;
  };

  const ignoredAfter = ignoredTypeMask(after);
  const afterNames = new Map<number, Tally>();
  for (let node = 0; node < after.nodeCount; node++) {
    if (ignoredAfter[after.nodeTypeIndex(node)] !== 0) continue;
    const id = after.nodeId(node);
    if (id <= maxIdBefore) continue;
    const key = after.classKey(node);
    let tally = afterNames.get(key);
    if (!tally) afterNames.set(key, (tally = tallyOf(after.classNameOfKey(key))));
    const size = after.selfSize(node);
    tally.newCount++;
    tally.allocatedBytes += size;
    tally.survivorBytes += size;
    if (id <= maxIdMiddle) tally.firstWindow++;
    else tally.secondWindow++;
  }

  const ignoredBefore = ignoredTypeMask(before);
  const idsAfter = sortedIds(after, ignoredAfter);
  const beforeNames = new Map<number, Tally>();
  for (let node = 0; node < before.nodeCount; node++) {
    if (ignoredBefore[before.nodeTypeIndex(node)] !== 0) continue;
    if (contains(idsAfter, before.nodeId(node))) continue;
    const key = before.classKey(node);
    let tally = beforeNames.get(key);
    if (!tally) beforeNames.set(key, (tally = tallyOf(before.classNameOfKey(key))));
    tally.deletedCount++;
    tally.freedBytes += before.selfSize(node);
  }

  const comparison: ComparisonRow[] = [];
  const survivors: GrowthRow[] = [];
  for (const [name, tally] of tallies) {
    comparison.push({
      constructor: name,
      newCount: tally.newCount,
      deletedCount: tally.deletedCount,
      delta: tally.newCount - tally.deletedCount,
      allocatedBytes: tally.allocatedBytes,
      freedBytes: tally.freedBytes,
      sizeDelta: tally.allocatedBytes - tally.freedBytes,
    });
    const count = tally.firstWindow + tally.secondWindow;
    if (count === 0) continue;
    const low = Math.min(tally.firstWindow, tally.secondWindow);
    const high = Math.max(tally.firstWindow, tally.secondWindow);
    survivors.push({
      constructor: name,
      perIteration: count / (2 * iterations),
      count,
      bytes: tally.survivorBytes,
      firstWindow: tally.firstWindow,
      secondWindow: tally.secondWindow,
      // Growth in both windows, at least ~1 per unit, and about equal: it scales with the work.
      leaking: low >= minPerIteration * iterations && low >= minWindowRatio * high,
    });
  }
  comparison.sort(
    (x, y) => y.delta - x.delta || y.sizeDelta - x.sizeDelta || x.constructor.localeCompare(y.constructor),
  );
  // Rate first (to a tenth); at equal rates, constructors a program names before engine groups like "(array)".
  const rate = (row: GrowthRow): number => Math.round(row.perIteration * 10);
  const internal = (row: GrowthRow): number => (row.constructor.startsWith('(') ? 1 : 0);
  survivors.sort(
    (x, y) =>
      rate(y) - rate(x) || internal(x) - internal(y) || y.bytes - x.bytes || x.constructor.localeCompare(y.constructor),
  );
  return {
    iterations,
    maxIdBefore,
    maxIdMiddle,
    comparison,
    survivors,
    growth: survivors.filter((row) => row.leaking),
  };
}

/**
 * Up to `limit` nodes of C of one constructor allocated after `minId`, spread evenly over the heap
 * order, for retainer paths.
 */
export function sampleSurvivors(snapshot: HeapSnapshot, constructor: string, minId: number, limit: number): number[] {
  const ignored = ignoredTypeMask(snapshot);
  const key = snapshot.classKeyOf(constructor);
  const matches: number[] = [];
  if (key < 0) return matches;
  let total = 0;
  // Count first so the sample can be spread without storing every match.
  for (let node = 0; node < snapshot.nodeCount; node++) {
    if (isSurvivor(snapshot, node, key, minId, ignored)) total++;
  }
  if (total === 0) return matches;
  const stride = Math.max(1, Math.floor(total / limit));
  let seen = 0;
  for (let node = 0; node < snapshot.nodeCount && matches.length < limit; node++) {
    if (!isSurvivor(snapshot, node, key, minId, ignored)) continue;
    if (seen++ % stride === 0) matches.push(node);
  }
  return matches;
}

function isSurvivor(snapshot: HeapSnapshot, node: number, key: number, minId: number, ignored: Uint8Array): boolean {
  return (
    ignored[snapshot.nodeTypeIndex(node)] === 0 && snapshot.nodeId(node) > minId && snapshot.classKey(node) === key
  );
}

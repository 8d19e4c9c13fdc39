/**
 * Causes: what holds the growth, by the name a reader can look up.
 *
 * Every object that survives from the measured windows has a shortest retainer path. Its *anchor* is the last named
 * link of that path: a variable of a scope that existed before the windows, a property of the global object, or an
 * export of a loaded module (reached through `require`'s cache). Objects are tallied by anchor, exactly, not by a
 * sample, so one line per anchor says how much each name gains per unit of work. For an emitter the event name is
 * part of the anchor ('warning' listeners on `process`). An anchor grows with the work under the same rule as a
 * constructor (about one survivor per unit in both windows).
 *
 * A block's variables get their names in block-scopes.ts; a slot of the user's scope that could not be named still
 * anchors, as "a block-scoped variable of <file>", so that the cause points into the user's file, not to the
 * nearest named variable of the test runner or the library that reached it first.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ignoredTypeMask } from './diff.js';
import type { HeapSnapshot } from './heap-snapshot.js';
import {
  displayName,
  formatRetainerPath,
  humanRetainerPath,
  retainerPath,
  type RetainerPath,
  type ShortestPaths,
} from './retainers.js';
import { ScopeOwnership } from './retention.js';

export interface Cause {
  /** The variable, global property or export that holds the objects; '' when no named link leads to them. */
  readonly holder: string;
  readonly kind: 'variable' | 'global' | 'export' | 'internal';
  /** For listeners: the event whose listener array holds them. */
  readonly event?: string;
  /** Whether the holder belongs to the user's code (not Node's, not a dependency's). */
  readonly user: boolean;
  /** One line a newcomer can read: "`requestLogs` (module variable)", "'warning' listeners on `process`". */
  readonly label: string;
  /**
   * `file:line` of the holder's declaration in the user's code; for a holder of Node's or a dependency's, of the
   * user's function among the objects (the listener, the timer callback). Only when the snapshot names them.
   */
  readonly location?: string;
  readonly locationOf?: 'declaration' | 'function';
  readonly count: number;
  readonly bytes: number;
  readonly firstWindow: number;
  readonly secondWindow: number;
  readonly perIteration: number;
  readonly constructors: ReadonlyArray<{ readonly constructor: string; readonly count: number }>;
  /** The path to an example object, engine-internal hops hidden. */
  readonly path: string;
  /** The same path as DevTools' Retainers panel reads it. */
  readonly rawPath: string;
}

export interface CauseOptions {
  readonly newerThanId: number;
  readonly middleId: number;
  readonly iterations: number;
  readonly isUserScript: (scriptName: string) => boolean;
  /** Minimum survivors per unit in each window (default 0.9) and window ratio (0.75), as for constructors. */
  readonly minPerIteration?: number;
  readonly minWindowRatio?: number;
}

interface Tally {
  readonly anchor: number;
  /** The event's name (a string-table index), or -1; and the emitter whose listener table holds it. */
  readonly event: number;
  readonly emitter: number;
  count: number;
  bytes: number;
  firstWindow: number;
  readonly classes: Map<number, number>;
  /** The first survivor reached of each class: the nearest to the anchor. */
  readonly examples: Map<number, number>;
  /** The first few closures among the survivors: one of the user's names the code that added them. */
  readonly closures: number[];
}

const CLOSURES_KEPT = 8;
const CONTEXT = 'system / Context';

/** Node's own variables a reader knows by what they do. */
const NODE_HOLDERS: Readonly<Record<string, string>> = {
  timerListMap: 'active timers (setTimeout/setInterval)',
  timerListQueue: 'active timers (setTimeout/setInterval)',
  immediateQueue: 'pending setImmediate callbacks',
};

function scriptPath(script: string): string | undefined {
  if (script.startsWith('file:')) {
    try {
      return fileURLToPath(script);
    } catch {
      return undefined;
    }
  }
  return script.startsWith('/') || /^[A-Za-z]:[\\/]/.test(script) ? script : undefined;
}

const lineCache = new Map<string, string[] | undefined>();

/** The 1-based line declaring `name` in `file`: `const|let|var name`, `function name`, then `name =`. */
export function declarationLine(file: string, name: string): number | undefined {
  if (!lineCache.has(file)) {
    try {
      lineCache.set(file, readFileSync(file, 'utf8').split('\n'));
    } catch {
      lineCache.set(file, undefined);
    }
  }
  const lines = lineCache.get(file);
  if (!lines || !/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name)) return undefined;
  const patterns = [
    new RegExp(`\\b(?:const|let|var|class)\\s+${name.replace(/\$/g, '\\$')}\\b`),
    new RegExp(`\\bfunction\\s*\\*?\\s*${name.replace(/\$/g, '\\$')}\\b`),
    new RegExp(`(?:^|[^.\\p{L}\\p{N}_$])${name.replace(/\$/g, '\\$')}\\s*=[^=>]`, 'u'),
  ];
  for (const pattern of patterns) {
    const index = lines.findIndex((line) => pattern.test(line));
    if (index >= 0) return index + 1;
  }
  return undefined;
}

export function findCauses(
  snapshot: HeapSnapshot,
  paths: ShortestPaths,
  options: CauseOptions,
  relativeTo: (file: string) => string = (file) => file,
): Cause[] {
  const { newerThanId, middleId, iterations } = options;
  const scopes = new ScopeOwnership(snapshot, options.isUserScript);
  const contextEdge = snapshot.meta.edgeTypes.indexOf('context');
  const propertyEdge = snapshot.meta.edgeTypes.indexOf('property');
  const hiddenEdge = snapshot.meta.edgeTypes.indexOf('hidden');
  const contextName = snapshot.strings.indexOf(CONTEXT);
  const ignored = ignoredTypeMask(snapshot);
  const closureType = snapshot.meta.nodeTypes.indexOf('closure');

  // anchor[n]: the edge of the last named link on n's path (-1: none). event[n]: the emitter event's edge, or -1.
  const anchor = new Int32Array(snapshot.nodeCount).fill(-1);
  const event = new Int32Array(snapshot.nodeCount).fill(-1);
  const emitter = new Int32Array(snapshot.nodeCount).fill(-1);
  // 1: an emitter's `_events` table; 2: require's module cache; 3: a cached module record; 4: a module's exports.
  const role = new Uint8Array(snapshot.nodeCount);
  const tallies = new Map<string, Tally>();

  for (let index = 0; index < paths.reachedCount; index++) {
    const node = paths.order[index]!;
    const edge = paths.parentEdge[node]!;
    if (edge < 0) continue;
    const parent = paths.parentNode[node]!;
    const type = snapshot.edgeTypeIndex(edge);
    const name = type === propertyEdge || type === contextEdge ? snapshot.edgeName(edge) : '';
    let held = anchor[parent]!;
    let heldEvent = event[parent]!;
    let heldEmitter = emitter[parent]!;
    if (
      (type === contextEdge && snapshot.nodeId(parent) <= newerThanId) ||
      (type === hiddenEdge &&
        snapshot.nodeNameIndex(parent) === contextName &&
        snapshot.nodeId(parent) <= newerThanId &&
        scopes.isUserContext(parent)) ||
      (type === propertyEdge && paths.userRoot[parent] === 1) ||
      (type === propertyEdge && role[parent] === 4 && snapshot.nodeId(parent) <= newerThanId)
    ) {
      held = edge;
      heldEvent = -1;
    } else if (type === propertyEdge && role[parent] === 1 && heldEvent < 0) {
      heldEvent = snapshot.edgeNameIndex(edge);
      heldEmitter = paths.parentNode[parent]!;
    }
    anchor[node] = held;
    event[node] = heldEvent;
    emitter[node] = heldEmitter;
    if (type === propertyEdge) {
      if (name === '_events') role[node] = 1;
      else if (name === '_cache' && snapshot.nodeName(parent) === 'Module') role[node] = 2;
      else if (role[parent] === 2) role[node] = 3;
      else if (role[parent] === 3 && name === 'exports') role[node] = 4;
    }

    if (ignored[snapshot.nodeTypeIndex(node)] !== 0 || snapshot.nodeId(node) <= newerThanId) continue;
    const key = `${held}:${heldEvent}`;
    let tally = tallies.get(key);
    if (!tally) {
      tally = {
        anchor: held,
        event: heldEvent,
        emitter: heldEmitter,
        count: 0,
        bytes: 0,
        firstWindow: 0,
        classes: new Map(),
        examples: new Map(),
        closures: [],
      };
      tallies.set(key, tally);
    }
    tally.count++;
    tally.bytes += snapshot.selfSize(node);
    if (snapshot.nodeId(node) <= middleId) tally.firstWindow++;
    const classKey = snapshot.classKey(node);
    tally.classes.set(classKey, (tally.classes.get(classKey) ?? 0) + 1);
    if (!tally.examples.has(classKey)) tally.examples.set(classKey, node);
    if (tally.closures.length < CLOSURES_KEPT && snapshot.nodeTypeIndex(node) === closureType)
      tally.closures.push(node);
  }

  const minPerIteration = options.minPerIteration ?? 0.9;
  const minWindowRatio = options.minWindowRatio ?? 0.75;
  const causes: Cause[] = [];
  for (const tally of tallies.values()) {
    const secondWindow = tally.count - tally.firstWindow;
    const low = Math.min(tally.firstWindow, secondWindow);
    const high = Math.max(tally.firstWindow, secondWindow);
    if (low < minPerIteration * iterations || low < minWindowRatio * high) continue;
    const constructors = [...tally.classes]
      .map(([key, count]) => ({ key, constructor: snapshot.classNameOfKey(key), count }))
      .sort((x, y) => y.count - x.count || x.constructor.localeCompare(y.constructor));
    // The example: the commonest constructor a program names, else the commonest.
    const shown =
      constructors.find((entry) => !entry.constructor.startsWith('(') && !entry.constructor.startsWith('system /')) ??
      constructors[0]!;
    const example = tally.examples.get(shown.key)!;
    const path = retainerPath(paths, example, { newerThanId });
    const unnamedAnchor = tally.anchor >= 0 && snapshot.edgeTypeIndex(tally.anchor) === hiddenEdge;
    causes.push({
      ...describeAnchor(snapshot, paths, scopes, tally, relativeTo),
      count: tally.count,
      bytes: tally.bytes,
      firstWindow: tally.firstWindow,
      secondWindow,
      perIteration: tally.count / (2 * iterations),
      constructors: constructors.map(({ constructor, count }) => ({ constructor, count })),
      path: humanRetainerPath(unnamedAnchor ? startAtSlot(path, paths, example, tally.anchor) : path).replace(
        /^\$?Module\._cache\[("[^"]+")\]\.exports/,
        (_, file: string) => `require(${JSON.stringify(relativeTo(JSON.parse(file) as string))})`,
      ),
      rawPath: formatRetainerPath(path),
    });
  }
  return causes.sort((x, y) => y.bytes - x.bytes || x.label.localeCompare(y.label));
}

/** The path for a newcomer from a scope's unnamed slot: `(block-scoped variable)[] → Object`. */
function startAtSlot(path: RetainerPath, paths: ShortestPaths, node: number, slot: number): RetainerPath {
  // The path's steps leave out the first link of the chain, the one from the synthetic root.
  const at = paths.chainTo(node).findIndex((link) => paths.parentEdge[link] === slot) - 1;
  if (at < 0) return path;
  const steps = path.steps.map((step, index) =>
    index === at ? { ...step, edge: '(block-scoped variable)', named: true } : step,
  );
  return { ...path, steps };
}

type AnchorDescription = Pick<Cause, 'holder' | 'kind' | 'event' | 'user' | 'label' | 'location' | 'locationOf'>;

function describeAnchor(
  snapshot: HeapSnapshot,
  paths: ShortestPaths,
  scopes: ScopeOwnership,
  tally: Tally,
  relativeTo: (file: string) => string,
): AnchorDescription {
  const edge = tally.anchor;
  const event = tally.event >= 0 ? (snapshot.strings[tally.event] ?? '') : undefined;
  if (edge < 0) {
    return {
      holder: '',
      kind: 'internal',
      user: false,
      label: 'engine internals (no variable on the path)',
      ...(event ? { event } : {}),
    };
  }
  const unnamed = snapshot.edgeType(edge) === 'hidden';
  const holder = unnamed ? '' : snapshot.edgeName(edge);
  const owner = findOwner(snapshot, edge);
  const isContext = unnamed || snapshot.edgeType(edge) === 'context';
  let kind: Cause['kind'] = isContext ? 'variable' : 'global';
  let file: string | undefined;
  let user: boolean;
  let label: string;
  if (unnamed) {
    // Only a user's scope anchors on an unnamed slot (see findCauses).
    const script = scopes.contextScript(owner);
    file = script === undefined ? undefined : scriptPath(script);
    user = true;
    label = `a block-scoped variable of ${script === undefined ? 'your code' : shortScript(script, relativeTo)}`;
  } else if (isContext) {
    const script = scopes.contextScript(owner);
    file = script === undefined ? undefined : scriptPath(script);
    user = scopes.isUserContext(owner);
    label = user
      ? `\`${holder}\` (module variable)`
      : (NODE_HOLDERS[holder] ??
        `\`${holder}\` (a variable of ${script === undefined ? 'Node or a dependency' : shortScript(script, relativeTo)})`);
  } else if (paths.userRoot[owner] !== 1) {
    kind = 'export';
    const module = moduleFileOf(snapshot, owner);
    file = module;
    user = module !== undefined && !module.includes('/node_modules/');
    const ownerName = snapshot.nodeType(owner) === 'closure' ? snapshot.nodeName(owner) : 'exports';
    label = `\`${ownerName}.${holder}\` (exported by ${module ? relativeTo(module) : 'a module'})`;
  } else {
    user = true;
    label = `\`${holder}\` (global)`;
  }
  if (event !== undefined) {
    // The emitter itself when the holder is Node's (`process`), else the emitter kind and the holder it hangs from.
    const emitterName = tally.emitter >= 0 ? displayName(snapshot, tally.emitter) : holder;
    label = user
      ? `'${event}' listeners on ${emitterName === holder ? `\`${holder}\`` : `${emitterName} objects in \`${holder}\``}`
      : `'${event}' listeners on \`${emitterName}\``;
  }
  const line = file && user && holder ? declarationLine(file, holder) : undefined;
  if (!user) {
    // Held by Node or a dependency: where the user's code made the objects is the useful place.
    for (const closure of tally.closures) {
      const script = scopes.closureScript(closure);
      const path = script === undefined ? undefined : scriptPath(script);
      const at = snapshot.sourceLine(closure);
      if (path && scopes.isUserScriptName(script!) && at !== undefined) {
        return {
          holder,
          kind,
          user,
          label,
          ...(event !== undefined ? { event } : {}),
          location: `${relativeTo(path)}:${at}`,
          locationOf: 'function',
        };
      }
    }
  }
  return {
    holder,
    kind,
    user,
    label,
    ...(event !== undefined ? { event } : {}),
    ...(file && user ? { location: `${relativeTo(file)}${line ? `:${line}` : ''}`, locationOf: 'declaration' } : {}),
  };
}

function shortScript(script: string, relativeTo: (file: string) => string): string {
  const path = scriptPath(script);
  if (path === undefined) return script;
  const at = path.lastIndexOf('/node_modules/');
  return at >= 0 ? path.slice(at + 1) : relativeTo(path);
}

/** The node that owns an edge (its source), by a scan of the edge ranges. */
function findOwner(snapshot: HeapSnapshot, edge: number): number {
  let low = 0;
  let high = snapshot.nodeCount - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (snapshot.firstEdge[mid]! <= edge) low = mid;
    else high = mid - 1;
  }
  // Nodes without edges share their firstEdge with the next node: the largest such node is the one with the edge.
  return low;
}

/** The file of a module whose exports object this is: the require cache's key of the module record holding it. */
function moduleFileOf(snapshot: HeapSnapshot, exportsNode: number): string | undefined {
  const retainers = snapshot.retainers();
  for (let slot = retainers.first[exportsNode]!; slot < retainers.first[exportsNode + 1]!; slot++) {
    const edge = retainers.edge[slot]!;
    if (snapshot.edgeHasIndex(edge) || snapshot.edgeName(edge) !== 'exports') continue;
    const record = retainers.node[slot]!;
    for (let up = retainers.first[record]!; up < retainers.first[record + 1]!; up++) {
      const key = retainers.edge[up]!;
      if (!snapshot.edgeHasIndex(key) && snapshot.edgeName(key).startsWith('/')) return snapshot.edgeName(key);
    }
  }
  return undefined;
}

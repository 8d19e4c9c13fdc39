/**
 * Published packages that leaked in one version and were fixed in a later one, each from the package's own issue
 * tracker. A unit module (fixtures/<name>.cjs) uses the package the way the report describes; the test installs both
 * versions from the npm registry under aliases (`debug-leaky`, `debug-fixed`) and proves the unit against each:
 * the leaky version must exit 1 and the fixed one 0.
 */
export interface PublishedPair {
  /** The unit module, fixtures/<name>.cjs, whose `'__PACKAGE__'` is replaced by the alias. */
  readonly name: string;
  readonly package: string;
  readonly leaky: string;
  readonly fixed: string;
  /** Where the leak was reported or fixed. */
  readonly source: string;
  /** What leaked, in our words. */
  readonly leak: string;
  /** What the fixed version does without leaking, and what `prove` must not count. */
  readonly fix: string;
  /** The unit's variable that the fixed version's bounded container hangs from, reported as information only. */
  readonly bounded?: string;
}

export const PUBLISHED_PAIRS: readonly PublishedPair[] = [
  {
    name: 'debug',
    package: 'debug',
    leaky: '4.1.1',
    fixed: '4.3.1',
    source: 'debug-js/debug#678',
    leak: 'every logger created with debug(namespace) was pushed onto a module-level list, so that enable() could reach it later, and never taken off: a logger made per call grows the list by one per call',
    fix: 'the list is gone; a logger made per call is garbage after the call',
  },
  {
    name: 'emitter',
    bounded: 'bus',
    package: 'component-emitter',
    leaky: '1.2.1',
    fixed: '1.3.0',
    source: 'sindresorhus/component-emitter#74 (reported for engine.io-client in socketio/engine.io-client#552)',
    leak: 'removing the last listener of an event left an empty listener array under the event name, so once() with a fresh event name each time grows the table by one array per event',
    fix: 'the empty array is deleted; the table object churns, and its re-allocated property store is not a leak',
  },
  {
    name: 'timer',
    bounded: 'agent',
    package: '@szmarczak/http-timer',
    leaky: '1.0.2',
    fixed: '1.1.1',
    source: 'szmarczak/http-timer#1',
    leak: "each timed request added a one-off 'lookup' listener to its socket; a keep-alive socket reused for a request to an IP address never emits 'lookup', so the listeners pile up on the pooled sockets",
    fix: "the listener is removed on connect; the agent's four free sockets at their limit are not a leak",
  },
  {
    name: 'lru',
    bounded: 'cache',
    package: 'tiny-lru',
    leaky: '11.2.0',
    fixed: '11.2.2',
    source: 'avoidwork/tiny-lru#134 (fixed in 11.2.1; 11.2.2 is the next release on the registry)',
    leak: "set() on an entry in the middle of the list moved it to the end without re-pointing its neighbour's link, so evicted entries stay reachable through stale links",
    fix: 'the links are kept straight; the cache full at its 64 entries is not a leak',
  },
  {
    name: 'mem',
    bounded: 'lookup',
    package: 'mem',
    leaky: '3.0.1',
    fixed: '4.0.0',
    source: 'the advisory for mem < 4.0.0 (sindresorhus/mem, fixed in 4.0.0)',
    leak: 'an entry past its maxAge was dropped only when the same key was looked up again, so keys seen once stay forever',
    fix: "expired entries are dropped on a timer; the cache Map's re-allocated table is not a leak",
  },
];

/** The alias a version is installed under: `debug-leaky`, `component-emitter-fixed`. */
export function alias(pair: PublishedPair, which: 'leaky' | 'fixed'): string {
  return `${pair.name}-${which}`;
}

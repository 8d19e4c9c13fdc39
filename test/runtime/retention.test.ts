import { describe, expect, it } from 'vitest';
import { ShortestPaths } from '../../src/runtime/retainers.js';
import { findRetained } from '../../src/runtime/retention.js';
import { synthSnapshot, type SynthEdge, type SynthNode } from './helpers.js';

type Spec = ReadonlyArray<
  [
    label: string,
    type: string,
    name: string,
    id: number,
    edges?: ReadonlyArray<[type: string, name: string | number, to: string]>,
  ]
>;

// Objects with ids above this were allocated by the measured units.
const NEWER_THAN = 100;

function retained(spec: Spec, middleId?: number) {
  const index = new Map(spec.map(([label], position) => [label, position]));
  const nodes: SynthNode[] = spec.map(([, type, name, id, edges = []]) => ({
    type,
    name,
    id,
    size: 10,
    edges: edges.map(([edgeType, edgeName, to]): SynthEdge => ({ type: edgeType, name: edgeName, to: index.get(to)! })),
  }));
  const snapshot = synthSnapshot(nodes);
  return findRetained(snapshot, new ShortestPaths(snapshot), {
    newerThanId: NEWER_THAN,
    builtinGlobals: new Set(['process', 'setInterval']),
    isUserScript: (name) => name.startsWith('/app/'),
    ...(middleId === undefined ? {} : { middleId }),
  });
}

/** A closure of `script` whose scope is `context`: closure → shared → script → name. */
function closure(label: string, script: string, context: string, id: number): Spec {
  return [
    [
      label,
      'closure',
      `${label}Fn`,
      id,
      [
        ['internal', 'shared', `${label}Info`],
        ['internal', 'context', context],
      ],
    ],
    [`${label}Info`, 'code', `${label}Fn`, id + 2, [['internal', 'script_or_debug_info', `${label}Script`]]],
    [`${label}Script`, 'code', script, id + 4, [['internal', 'name', `${label}Name`]]],
    [`${label}Name`, 'string', script, id + 6],
  ];
}

describe('findRetained', () => {
  it('finds an object of a unit held by a user global (an implicit global)', () => {
    const findings = retained([
      ['root', 'synthetic', '', 1, [['shortcut', 'global', 'global']]],
      [
        'global',
        'object',
        'global',
        3,
        [
          ['property', 'name', 'value'],
          ['property', 'process', 'process'],
        ],
      ],
      ['value', 'object', 'Object', 201],
      ['process', 'object', 'process', 5, [['property', 'lastEvent', 'event']]],
      ['event', 'object', 'Event', 203],
    ]);
    expect(findings).toEqual([
      {
        holder: 'name',
        kind: 'global',
        count: 1,
        bytes: 10,
        constructors: [{ constructor: 'Object', count: 1 }],
        path: '(GC roots) → name in global → Object',
        humanPath: 'name → Object',
        how: 'assigned',
        firstWindow: 1,
        secondWindow: 0,
        leaking: true,
      },
    ]);
  });

  it("finds objects held through a variable of the user's module scope, not Node's", () => {
    const findings = retained([
      [
        'root',
        'synthetic',
        '',
        1,
        [
          ['shortcut', 'global', 'global'],
          ['element', 1, 'gcRoots'],
        ],
      ],
      ['global', 'object', 'global', 3],
      [
        'gcRoots',
        'synthetic',
        '(GC roots)',
        5,
        [
          ['element', 1, 'handler'],
          ['element', 2, 'internal'],
        ],
      ],
      ...closure('handler', '/app/server.js', 'userScope', 11),
      ['userScope', 'object', 'system / Context', 21, [['context', 'cache', 'array']]],
      [
        'array',
        'object',
        'Array',
        23,
        [
          ['element', 0, 'entry'],
          ['element', 1, 'entry2'],
        ],
      ],
      ['entry', 'object', 'Object', 201, [['property', 'payload', 'payload']]],
      ['entry2', 'object', 'Object', 203],
      ['payload', 'object', 'Array', 205],
      ...closure('internal', 'node:internal/timers', 'nodeScope', 31),
      ['nodeScope', 'object', 'system / Context', 41, [['context', 'timerListMap', 'timers']]],
      ['timers', 'object', 'Object', 43, [['property', '1000', 'timer']]],
      ['timer', 'object', 'Timeout', 207],
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      holder: 'cache',
      kind: 'variable',
      count: 3,
      constructors: [
        { constructor: 'Object', count: 2 },
        { constructor: 'Array', count: 1 },
      ],
      path: '(GC roots) → … → cache in system / Context → [0] in Array → Object',
      how: 'contained',
    });
  });

  /** A module-scope `cache` (an old Array) holding entries with the given ids, and `last` assigned by each unit. */
  function cacheAndLast(entryIds: readonly number[], lastId: number, middleId: number) {
    return retained(
      [
        ['root', 'synthetic', '', 1, [['element', 1, 'gcRoots']]],
        ['gcRoots', 'synthetic', '(GC roots)', 3, [['element', 1, 'handler']]],
        ...closure('handler', '/app/server.js', 'userScope', 11),
        [
          'userScope',
          'object',
          'system / Context',
          21,
          [
            ['context', 'cache', 'array'],
            ['context', 'last', 'last'],
          ],
        ],
        ['array', 'object', 'Array', 23, entryIds.map((_, at): [string, number, string] => ['element', at, `e${at}`])],
        ['last', 'object', 'Object', lastId],
        ...entryIds.map((id, at): [string, string, string, number] => [`e${at}`, 'object', 'Object', id]),
      ],
      middleId,
    );
  }

  it('counts a value assigned to the name by a unit, and a container whose contents come from both windows', () => {
    // Window 1: ids 101..200, window 2: above 200. Four entries from each window: it grows, however slowly.
    const findings = cacheAndLast([111, 121, 131, 141, 211, 221, 231, 241], 251, 200);
    expect(
      findings.map(({ holder, how, firstWindow, secondWindow, leaking }) => [
        holder,
        how,
        firstWindow,
        secondWindow,
        leaking,
      ]),
    ).toEqual([
      ['cache', 'contained', 4, 4, true],
      ['last', 'assigned', 0, 1, true],
    ]);
  });

  it('does not count an older container whose contents are only the latest units (a bounded cache at capacity)', () => {
    const full = cacheAndLast([211, 221, 231, 241, 251], 261, 200);
    expect(full.map(({ holder, how, leaking }) => [holder, how, leaking])).toEqual([
      ['cache', 'contained', false],
      ['last', 'assigned', true],
    ]);
    // One survivor from the first window (a table re-allocated then) against many from the second: no growth.
    const turnedOver = cacheAndLast([111, 211, 221, 231, 241, 251], 261, 200);
    expect(turnedOver[0]).toMatchObject({ holder: 'cache', firstWindow: 1, secondWindow: 5, leaking: false });
  });

  it('does not blame a long-lived name for objects behind another scope or a scope of the units', () => {
    const findings = retained([
      ['root', 'synthetic', '', 1, [['shortcut', 'global', 'global']]],
      ['global', 'object', 'global', 3, [['property', 'app', 'app']]],
      ['app', 'object', 'App', 5, [['property', 'onTick', 'tick']]],
      // app.onTick is a closure of a dependency: what its scope holds is not the user's.
      ...closure('tick', '/deps/node_modules/lib/index.js', 'libScope', 11),
      ['libScope', 'object', 'system / Context', 21, [['context', 'last', 'fromLib']]],
      ['fromLib', 'object', 'Object', 201],
    ]);
    expect(findings).toEqual([]);
  });

  it('ignores scopes created by the units themselves', () => {
    const findings = retained([
      ['root', 'synthetic', '', 1, [['element', 1, 'gcRoots']]],
      ['gcRoots', 'synthetic', '(GC roots)', 3, [['element', 1, 'perCall']]],
      ...closure('perCall', '/app/server.js', 'callScope', 301),
      ['callScope', 'object', 'system / Context', 311, [['context', 'data', 'data']]],
      ['data', 'object', 'Array', 313],
    ]);
    expect(findings).toEqual([]);
  });
});

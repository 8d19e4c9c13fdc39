import { describe, expect, it } from 'vitest';
import { formatRetainerPath, retainerPath, retainerPaths, ShortestPaths } from '../../src/runtime/retainers.js';
import { synthSnapshot, type SynthEdge, type SynthNode } from './helpers.js';

/** Nodes by label; edges refer to labels. Index 0 must be the root. */
function graph(
  spec: ReadonlyArray<
    [
      label: string,
      type: string,
      name: string,
      edges?: ReadonlyArray<[type: string, name: string | number, to: string]>,
    ]
  >,
) {
  const index = new Map(spec.map(([label], position) => [label, position]));
  const nodes: SynthNode[] = spec.map(([, type, name, edges = []], position) => ({
    type,
    name,
    id: 2 * position + 1,
    edges: edges.map(([edgeType, edgeName, to]): SynthEdge => ({ type: edgeType, name: edgeName, to: index.get(to)! })),
  }));
  const snapshot = synthSnapshot(nodes);
  return { snapshot, paths: new ShortestPaths(snapshot), node: (label: string) => index.get(label)! };
}

describe('retainer paths', () => {
  it('prints the shortest path as DevTools does, eliding the internal prefix before the variable', () => {
    const { paths, node } = graph([
      ['root', 'synthetic', '', [['element', 1, 'gcRoots']]],
      ['gcRoots', 'synthetic', '(GC roots)', [['element', 1, 'handles']]],
      ['handles', 'synthetic', '(Global handles)', [['internal', 'module', 'module']]],
      ['module', 'hidden', 'system / SourceTextModule', [['internal', 'context', 'context']]],
      ['context', 'object', 'system / Context', [['context', 'seenAgents', 'array']]],
      ['array', 'object', 'Array', [['element', 57, 'agent']]],
      ['agent', 'object', 'Object'],
    ]);
    expect(formatRetainerPath(retainerPath(paths, node('agent')))).toBe(
      '(GC roots) → … → seenAgents in system / Context → [57] in Array → Object',
    );
  });

  it('prefers paths from the global object, and names its properties', () => {
    const { paths, node } = graph([
      [
        'root',
        'synthetic',
        '',
        [
          ['element', 1, 'gcRoots'],
          ['shortcut', 'global', 'global'],
        ],
      ],
      ['gcRoots', 'synthetic', '(GC roots)', [['element', 1, 'value']]],
      ['global', 'object', 'global', [['property', 'name', 'holder']]],
      ['holder', 'object', 'Object', [['property', 'inner', 'value']]],
      ['value', 'object', 'Object'],
    ]);
    // Reachable in two steps through (GC roots), but DevTools searches from the globals first.
    expect(formatRetainerPath(retainerPath(paths, node('value')))).toBe(
      '(GC roots) → name in global → inner in Object → Object',
    );
  });

  it('never follows weak edges, nor shortcut edges away from the root', () => {
    const { paths, node } = graph([
      ['root', 'synthetic', '', [['element', 1, 'gcRoots']]],
      [
        'gcRoots',
        'synthetic',
        '(GC roots)',
        [
          ['element', 1, 'map'],
          ['element', 2, 'long'],
        ],
      ],
      [
        'map',
        'object',
        'WeakMap',
        [
          ['weak', 'key', 'target'],
          ['shortcut', 'value', 'other'],
        ],
      ],
      ['long', 'object', 'Holder', [['property', 'a', 'middle']]],
      ['middle', 'object', 'Middle', [['property', 'b', 'target']]],
      ['target', 'object', 'Target'],
      ['other', 'object', 'Other'],
    ]);
    expect(formatRetainerPath(retainerPath(paths, node('target')))).toBe(
      '(GC roots) → [2] in (GC roots) → a in Holder → b in Middle → Target',
    );
    expect(paths.reachable(node('other'))).toBe(false);
    expect(formatRetainerPath(retainerPath(paths, node('other')))).toBe('(not reachable from GC roots) → Other');
  });

  it('starts the printed path at a long-lived variable, not at a scope created by a unit of work', () => {
    const { paths, node } = graph([
      ['root', 'synthetic', '', [['element', 1, 'gcRoots']]],
      ['gcRoots', 'synthetic', '(GC roots)', [['element', 1, 'moduleScope']]],
      ['moduleScope', 'object', 'system / Context', [['context', 'bus', 'emitter']]],
      ['emitter', 'object', 'EventEmitter', [['property', '_events', 'events']]],
      ['events', 'object', 'Object', [['property', 'tick', 'listener']]],
      ['listener', 'closure', '', [['internal', 'context', 'callScope']]],
      ['callScope', 'object', 'system / Context', [['context', 'big', 'big']]],
      ['big', 'object', 'Array'],
    ]);
    // Ids are 2·position + 1: the listener and its scope (ids 11, 13) were allocated by the units.
    const full =
      '(GC roots) → … → bus in system / Context → _events in EventEmitter → tick in Object → context in (anonymous function) → big in system / Context → Array';
    expect(formatRetainerPath(retainerPath(paths, node('big'), { newerThanId: 10 }))).toBe(full);
    expect(formatRetainerPath(retainerPath(paths, node('big')))).toBe(
      '(GC roots) → … → big in system / Context → Array',
    );
  });

  it('folds runs of the same link, such as a linked list of timers', () => {
    const list: Array<[string, string, string, Array<[string, string | number, string]>]> = [];
    for (let index = 0; index < 5; index++)
      list.push([
        `timer${index}`,
        'object',
        'Timeout',
        index < 4 ? [['property', '_idleNext', `timer${index + 1}`]] : [['property', '_onTimeout', 'callback']],
      ]);
    const { paths, node } = graph([
      ['root', 'synthetic', '', [['element', 1, 'gcRoots']]],
      ['gcRoots', 'synthetic', '(GC roots)', [['element', 1, 'context']]],
      ['context', 'object', 'system / Context', [['context', 'timerListMap', 'lists']]],
      ['lists', 'object', 'Object', [['property', '60000', 'timer0']]],
      ...list,
      ['callback', 'closure', 'poll'],
    ]);
    expect(formatRetainerPath(retainerPath(paths, node('callback')))).toBe(
      '(GC roots) → … → timerListMap in system / Context → 60000 in Object → _idleNext in Timeout (×4) → _onTimeout in Timeout → poll()',
    );
  });

  it('groups paths that differ only in element indices', () => {
    const { snapshot, paths, node } = graph([
      ['root', 'synthetic', '', [['shortcut', 'global', 'global']]],
      [
        'global',
        'object',
        'global',
        [
          ['property', 'cache', 'array'],
          ['property', 'other', 'lone'],
        ],
      ],
      [
        'array',
        'object',
        'Array',
        [
          ['element', 0, 'a'],
          ['element', 1, 'b'],
          ['element', 2, 'c'],
        ],
      ],
      ['a', 'object', 'Object'],
      ['b', 'object', 'Object'],
      ['c', 'object', 'Object'],
      ['lone', 'object', 'Object'],
    ]);
    const groups = retainerPaths(snapshot, ['a', 'b', 'c', 'lone'].map(node), paths);
    expect(groups.map((group) => [group.count, group.path, group.constructor])).toEqual([
      [3, '(GC roots) → cache in global → [0] in Array → Object', 'Object'],
      [1, '(GC roots) → other in global → Object', 'Object'],
    ]);
  });
});

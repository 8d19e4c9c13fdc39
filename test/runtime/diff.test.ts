import { describe, expect, it } from 'vitest';
import { diffSnapshots, maxObjectId, sampleSurvivors } from '../../src/runtime/diff.js';
import { synthSnapshot, type SynthNode } from './helpers.js';

interface Obj {
  readonly name: string;
  readonly id: number;
  readonly type?: string;
  readonly size?: number;
}

/** A heap with the root holding every object directly (the diff looks at ids, not paths). */
function heap(objects: readonly Obj[]) {
  const nodes: SynthNode[] = [
    {
      type: 'synthetic',
      name: '',
      id: 1,
      edges: objects.map((_, index) => ({ type: 'element', name: index, to: index + 1 })),
    },
    ...objects.map((object) => ({
      type: object.type ?? 'object',
      name: object.name,
      id: object.id,
      size: object.size ?? 16,
    })),
  ];
  return synthSnapshot(nodes);
}

/** `count` objects of one constructor with consecutive odd ids from `firstId`. */
function many(name: string, count: number, firstId: number, size = 16): Obj[] {
  return Array.from({ length: count }, (_, index) => ({ name, id: firstId + 2 * index, size }));
}

const N = 31;
const base: Obj[] = [{ name: 'global', id: 3 }, { name: 'Array', id: 5 }, ...many('Object', 10, 7)];
// V8 assigns new ids at each snapshot, above every id given before.
const WINDOW_ONE = 1001;
const WINDOW_TWO = 2001;

describe('diffSnapshots', () => {
  it('reports a constructor whose survivors grow by about k per unit in both windows', () => {
    const first = many('Object', N, WINDOW_ONE);
    const second = many('Object', N, WINDOW_TWO);
    const dates = [...many('Date', 2 * N, WINDOW_ONE + 500, 48), ...many('Date', 2 * N, WINDOW_TWO + 500, 48)];
    const before = heap(base);
    const middle = heap([...base, ...first, ...dates.slice(0, 2 * N)]);
    const after = heap([...base, ...first, ...second, ...dates]);

    const diff = diffSnapshots(before, middle, after, { iterations: N });
    expect(diff.growth.map((row) => [row.constructor, row.perIteration, row.firstWindow, row.secondWindow])).toEqual([
      ['Date', 2, 2 * N, 2 * N],
      ['Object', 1, N, N],
    ]);
    expect(diff.growth[0]).toMatchObject({ count: 4 * N, bytes: 4 * N * 48, leaking: true });
    expect(diff.maxIdBefore).toBe(25);
  });

  it('does not report growth that stopped (a bounded cache filling up) or constant noise', () => {
    const filled = many('Object', N, WINDOW_ONE);
    const noiseOne = many('Array', 20, WINDOW_ONE + 300);
    const noiseTwo = many('Array', 20, WINDOW_TWO + 300);
    const middle = [...base, ...filled, ...noiseOne];
    const diff = diffSnapshots(heap(base), heap(middle), heap([...middle, ...noiseTwo]), { iterations: N });
    expect(diff.growth).toEqual([]);
    expect(diff.survivors.map((row) => [row.constructor, row.firstWindow, row.secondWindow, row.leaking])).toEqual([
      ['Array', 20, 20, false],
      ['Object', N, 0, false],
    ]);
  });

  it('does not report growth that is far from equal in the two windows', () => {
    const first = many('Object', N, WINDOW_ONE);
    const second = many('Object', 3 * N, WINDOW_TWO);
    const diff = diffSnapshots(heap(base), heap([...base, ...first]), heap([...base, ...first, ...second]), {
      iterations: N,
    });
    expect(diff.growth).toEqual([]);
  });

  it('counts only survivors: objects allocated and freed between snapshots are not growth', () => {
    const first = many('Object', N, WINDOW_ONE);
    const second = many('Object', N, WINDOW_TWO);
    // The first window's objects are gone again by C.
    const diff = diffSnapshots(heap(base), heap([...base, ...first]), heap([...base, ...second]), { iterations: N });
    expect(diff.growth).toEqual([]);
    expect(diff.survivors[0]).toMatchObject({ constructor: 'Object', firstWindow: 0, secondWindow: N });
  });

  it('builds the Comparison view: new, deleted, delta and sizes from A to C', () => {
    const deleted = many('Buffer', 3, 901, 100);
    const added = many('Buffer', 5, WINDOW_TWO, 100);
    const diff = diffSnapshots(heap([...base, ...deleted]), heap([...base, ...deleted]), heap([...base, ...added]), {
      iterations: N,
    });
    expect(diff.comparison).toEqual([
      {
        constructor: 'Buffer',
        newCount: 5,
        deletedCount: 3,
        delta: 2,
        allocatedBytes: 500,
        freedBytes: 300,
        sizeDelta: 200,
      },
    ]);
  });

  it('skips engine internals, numbers and roots', () => {
    const internals = (firstId: number): Obj[] => [
      ...many('system / Map', N, firstId).map((object) => ({ ...object, type: 'hidden' })),
      ...many('heap number', N, firstId + 200).map((object) => ({ ...object, type: 'number' })),
      ...many('(code)', N, firstId + 400).map((object) => ({ ...object, type: 'code' })),
      ...many('Node / Thing', N, firstId + 600).map((object) => ({ ...object, type: 'native' })),
    ];
    const middle = [...base, ...internals(WINDOW_ONE)];
    const diff = diffSnapshots(heap(base), heap(middle), heap([...middle, ...internals(WINDOW_TWO)]), {
      iterations: N,
    });
    expect(diff.survivors).toEqual([]);
    expect(diff.comparison).toEqual([]);
  });

  it('ignores native ids when finding the window boundary', () => {
    // Embedder nodes get ids from another counter (or a hash); they must not hide new objects.
    const snapshot = heap([...base, { name: 'Node / Environment', id: 4_000_000_000, type: 'native' }]);
    expect(maxObjectId(snapshot)).toBe(25);
  });

  it('samples survivors of one constructor allocated after a given id', () => {
    const after = heap([...base, ...many('Object', 40, WINDOW_ONE), ...many('Array', 5, WINDOW_ONE + 100)]);
    const sample = sampleSurvivors(after, 'Object', 1000, 8);
    expect(sample).toHaveLength(8);
    expect(sample.every((node) => after.className(node) === 'Object' && after.nodeId(node) > 1000)).toBe(true);
    expect(sampleSurvivors(after, 'Missing', 0, 8)).toEqual([]);
  });
});

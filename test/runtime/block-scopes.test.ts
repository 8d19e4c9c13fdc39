/** Names for block-scope variables, read from the Context's ScopeInfo. */
import { beforeAll, describe, expect, it } from 'vitest';
import { declaresSmallInteger, nameBlockScopeSlots } from '../../src/runtime/block-scopes.js';
import { prove } from '../../src/runtime/prove.js';
import { fixture, requireBuiltRunner, synthSnapshot, type SynthNode } from './helpers.js';

/**
 * A block Context as V8 writes it: its variables are hidden slots 0, 1, …, their names strings of its ScopeInfo.
 * `values` are the slots' targets (node indices); a closure of `script` has the Context as its scope.
 */
function blockScope(names: readonly string[], values: readonly SynthNode[], script = '/app/state.js'): SynthNode[] {
  // 0 root, 1 closure, 2 shared, 3 script, 4 script name, 5 Context, 6 ScopeInfo, 7.. names, then values.
  const firstName = 7;
  const firstValue = firstName + names.length;
  return [
    { type: 'synthetic', name: '', id: 1, edges: [{ type: 'element', name: 1, to: 1 }] },
    {
      type: 'closure',
      name: 'handle',
      id: 3,
      edges: [
        { type: 'internal', name: 'shared', to: 2 },
        { type: 'internal', name: 'context', to: 5 },
      ],
    },
    { type: 'code', name: 'handle', id: 5, edges: [{ type: 'internal', name: 'script', to: 3 }] },
    { type: 'code', name: 'system / Script', id: 7, edges: [{ type: 'internal', name: 'name', to: 4 }] },
    { type: 'string', name: script, id: 9 },
    {
      type: 'object',
      name: 'system / Context',
      id: 11,
      edges: [
        { type: 'internal', name: 'scope_info', to: 6 },
        ...values.map((_, index) => ({ type: 'hidden', name: index, to: firstValue + index })),
      ],
    },
    {
      type: 'code',
      name: 'system / ScopeInfo',
      id: 13,
      edges: names.map((_, index) => ({ type: 'hidden', name: index, to: firstName + index })),
    },
    ...names.map((name, index) => ({ type: 'string', name, id: 15 + 2 * index })),
    ...values,
  ];
}

const CONTEXT = 5;

function slotNames(snapshot: ReturnType<typeof synthSnapshot>): string[] {
  const names: string[] = [];
  for (let edge = snapshot.firstEdge[CONTEXT]!; edge < snapshot.firstEdge[CONTEXT + 1]!; edge++)
    if (snapshot.edgeName(edge) !== 'scope_info') names.push(`${snapshot.edgeType(edge)} ${snapshot.edgeName(edge)}`);
  return names;
}

describe('nameBlockScopeSlots', () => {
  it('names each hidden slot after the variable in the same place when no slot was skipped', () => {
    const snapshot = synthSnapshot(
      blockScope(
        ['cache', 'handle'],
        [
          { type: 'object', name: 'Map', id: 101 },
          { type: 'closure', name: 'handle', id: 103 },
        ],
      ),
    );
    expect(nameBlockScopeSlots(snapshot, () => undefined)).toBe(2);
    expect(slotNames(snapshot)).toEqual(['context cache', 'context handle']);
  });

  it('skips the variables the source declares with a small integer, which the snapshot leaves out', () => {
    const snapshot = synthSnapshot(
      blockScope(
        ['N', 'visits', 'recordVisit'],
        [
          { type: 'object', name: 'Array', id: 101 },
          { type: 'closure', name: 'recordVisit', id: 103 },
        ],
      ),
    );
    const source = 'const N = 13;\nconst visits: Array<{ at: number }> = [];\nfunction recordVisit() {}\n';
    expect(nameBlockScopeSlots(snapshot, (script) => (script === '/app/state.js' ? source : undefined))).toBe(2);
    expect(slotNames(snapshot)).toEqual(['context visits', 'context recordVisit']);
  });

  it('leaves the slots unnamed when the source does not account for the missing ones', () => {
    const snapshot = synthSnapshot(blockScope(['port', 'visits'], [{ type: 'object', name: 'Array', id: 101 }]));
    expect(nameBlockScopeSlots(snapshot, () => 'const port = Number(process.env.PORT);\nconst visits = [];\n')).toBe(0);
    expect(nameBlockScopeSlots(snapshot, () => undefined)).toBe(0);
    expect(slotNames(snapshot)).toEqual(['hidden 0']);
  });

  it('rejects a guess that puts a function in the slot of another variable of the scope', () => {
    // `total` was a small integer at first but holds a heap number now: the slots are not where the source says.
    const snapshot = synthSnapshot(blockScope(['total', 'report'], [{ type: 'closure', name: 'report', id: 101 }]));
    expect(nameBlockScopeSlots(snapshot, () => 'let total = 0;\nfunction report() {}\n')).toBe(1);
    const shifted = synthSnapshot(
      blockScope(
        ['report', 'total', 'extra'],
        [
          { type: 'number', name: 'heap number', id: 101 },
          { type: 'closure', name: 'report', id: 103 },
        ],
      ),
    );
    expect(nameBlockScopeSlots(shifted, () => 'function report() {}\nlet total = 0;\nconst extra = {};\n')).toBe(0);
    expect(slotNames(shifted)).toEqual(['hidden 0', 'hidden 1']);
  });

  it('leaves Contexts that V8 named alone', () => {
    const nodes = blockScope(['cache'], [{ type: 'object', name: 'Map', id: 101 }]);
    const context = nodes[CONTEXT]!;
    nodes[CONTEXT] = { ...context, edges: [...context.edges!, { type: 'context', name: 'other', to: 4 }] };
    const snapshot = synthSnapshot(nodes);
    expect(nameBlockScopeSlots(snapshot, () => undefined)).toBe(0);
  });
});

describe('declaresSmallInteger', () => {
  it('recognises integer literals in const, let and var declarations, typed or not, alone or in a list', () => {
    const source = 'const N = 13;\nlet count = 0, step: number = -2\nvar mask = 0xff;\nconst big = 12345678901;\n';
    expect(['N', 'count', 'step', 'mask'].filter((name) => declaresSmallInteger(source, name))).toEqual([
      'N',
      'count',
      'step',
      'mask',
    ]);
    expect(declaresSmallInteger(source, 'big')).toBe(false);
    expect(declaresSmallInteger('const ratio = 1.5;\nconst list = [1];\nconst n = f(1);\n', 'ratio')).toBe(false);
    expect(declaresSmallInteger('const list = [1];', 'list')).toBe(false);
    expect(declaresSmallInteger('const n = f(1);', 'n')).toBe(false);
  });
});

describe('prove, a module whose state lives in a block', () => {
  beforeAll(requireBuiltRunner);

  it('names the block-scoped array that grows, past the small integer beside it', async () => {
    const result = await prove({ module: fixture('block-scoped-leak.cjs'), iterations: 31 });
    expect(result.verdict).toBe('leak');
    expect(result.causes[0]).toMatchObject({ holder: 'seen', kind: 'variable', user: true, path: 'seen[] → Object' });
    expect(result.causes[0]?.location).toMatch(/block-scoped-leak\.cjs:5$/);
    expect(result.retained.map((finding) => finding.holder)).toEqual(['seen']);
  }, 120_000);
});

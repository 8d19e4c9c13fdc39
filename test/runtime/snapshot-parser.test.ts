import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotFormatError } from '../../src/runtime/heap-snapshot.js';
import { parseHeapSnapshot } from '../../src/runtime/snapshot-parser.js';
import { synthText, tempDir, writeTemp, type SynthNode } from './helpers.js';

interface PlainSnapshot {
  snapshot: { node_count: number; edge_count: number; meta: { node_fields: string[]; edge_fields: string[] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Index of the first difference, or -1: a plain loop, as deep equality on 10⁵ items is slow. */
function firstDifference(actual: ArrayLike<unknown>, expected: ArrayLike<unknown>): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let index = 0; index < actual.length; index++) if (actual[index] !== expected[index]) return index;
  return -1;
}

const temp = tempDir();
afterAll(() => temp.remove());

describe('parseHeapSnapshot on a snapshot written by V8', () => {
  let path = '';
  let plain: PlainSnapshot;

  beforeAll(() => {
    path = `${temp.dir}/real.heapsnapshot`;
    // Strings V8 must escape, kept alive so they are in the snapshot.
    const script = `
      globalThis.keep = ['quote " backslash \\\\ slash / marker', 'line\\nbreak\\ttab\\r marker', 'ctl\\u0001x marker',
        'caf\\u00e9 marker', '\\u6f22\\u5b57 marker', '\\ufeffbom marker', 'lone \\ud800 marker', 'emoji \\ud83d\\ude00 marker'];
      require('node:v8').writeHeapSnapshot(process.argv[1]);`;
    execFileSync(process.execPath, ['-e', script, path]);
    plain = JSON.parse(readFileSync(path, 'utf8')) as PlainSnapshot;
  });

  it.each([1 << 20, 4093])('matches JSON.parse of the same file (chunks of %i bytes)', async (chunkSize) => {
    const snapshot = await parseHeapSnapshot(path, { chunkSize });
    expect(snapshot.nodeCount).toBe(plain.snapshot.node_count);
    expect(snapshot.edgeCount).toBe(plain.snapshot.edge_count);
    expect(snapshot.nodeCount).toBeGreaterThan(1000);
    expect(firstDifference(snapshot.nodes, plain.nodes)).toBe(-1);
    expect(firstDifference(snapshot.edges, plain.edges)).toBe(-1);
    expect(firstDifference(snapshot.strings, plain.strings)).toBe(-1);
    expect(snapshot.meta.nodeFields).toEqual(plain.snapshot.meta.node_fields);
  });

  it('decodes the escaped strings as JSON.parse does', async () => {
    const snapshot = await parseHeapSnapshot(path);
    const markers = snapshot.strings.filter((text) => text.endsWith(' marker'));
    expect(markers).toEqual(
      expect.arrayContaining([
        'quote " backslash \\ slash / marker',
        'line\nbreak\ttab\r marker',
        'ctl\u0001x marker',
        'café marker',
        '漢字 marker',
        '\ufeffbom marker',
      ]),
    );
  });

  it('finds the synthetic root, the global object and typed accessors', async () => {
    const snapshot = await parseHeapSnapshot(path);
    expect(snapshot.nodeType(0)).toBe('synthetic');
    const rootTargets = [];
    for (let edge = snapshot.firstEdge[0]!; edge < snapshot.firstEdge[1]!; edge++)
      rootTargets.push(snapshot.nodeName(snapshot.edgeTarget[edge]!));
    expect(rootTargets).toContain('(GC roots)');
    expect(rootTargets).toContain('global');
  });
});

// root → global (shortcut) → cache (property) → Array → [0] → Object, plus a weak edge and a string.
const GRAPH: SynthNode[] = [
  { type: 'synthetic', name: '', id: 1, edges: [{ type: 'shortcut', name: 'global', to: 1 }] },
  { type: 'object', name: 'global', id: 3, size: 24, edges: [{ type: 'property', name: 'cache', to: 2 }] },
  {
    type: 'object',
    name: 'Array',
    id: 5,
    size: 32,
    edges: [
      { type: 'element', name: 0, to: 3 },
      { type: 'weak', name: 'weak_ref', to: 4 },
    ],
  },
  { type: 'object', name: 'Object', id: 7, size: 16, edges: [{ type: 'property', name: 'label', to: 4 }] },
  { type: 'string', name: 'emoji 😀 "quoted" \\ done', id: 9, size: 40 },
];

function checkGraph(snapshot: Awaited<ReturnType<typeof parseHeapSnapshot>>): void {
  expect(snapshot.nodeCount).toBe(5);
  expect(snapshot.edgeCount).toBe(5);
  expect([0, 1, 2, 3, 4].map((node) => snapshot.nodeName(node))).toEqual([
    '',
    'global',
    'Array',
    'Object',
    'emoji 😀 "quoted" \\ done',
  ]);
  expect([0, 1, 2, 3, 4].map((node) => snapshot.nodeId(node))).toEqual([1, 3, 5, 7, 9]);
  expect(snapshot.selfSize(2)).toBe(32);
  expect(snapshot.nodeType(4)).toBe('string');
  expect(snapshot.className(2)).toBe('Array');
  expect(snapshot.className(4)).toBe('(string)');
  const arrayEdges = [snapshot.firstEdge[2]!, snapshot.firstEdge[2]! + 1];
  expect(
    arrayEdges.map((edge) => [snapshot.edgeType(edge), snapshot.edgeName(edge), snapshot.edgeTarget[edge]]),
  ).toEqual([
    ['element', '0', 3],
    ['weak', 'weak_ref', 4],
  ]);
  const retainers = snapshot.retainers();
  const ofString = [...retainers.node.subarray(retainers.first[4], retainers.first[5])].sort();
  expect(ofString).toEqual([2, 3]);
}

describe('parseHeapSnapshot on synthetic snapshots', () => {
  it('takes field offsets from meta, whatever their order', async () => {
    const reordered = synthText(GRAPH, {
      nodeFields: ['id', 'edge_count', 'name', 'self_size', 'type'],
      edgeFields: ['to_node', 'name_or_index', 'type'],
    });
    checkGraph(await parseHeapSnapshot(writeTemp(temp.dir, 'reordered.heapsnapshot', reordered)));
  });

  it('accepts the top-level keys in any order and skips unknown ones', async () => {
    const text = synthText(
      GRAPH,
      { keyOrder: ['strings', 'trace_tree', 'edges', 'samples', 'nodes', 'snapshot'] },
      { trace_tree: [1, [2, 'a ] } string'], { nested: '"' }], samples: [] },
    );
    checkGraph(await parseHeapSnapshot(writeTemp(temp.dir, 'keys.heapsnapshot', text), { chunkSize: 5 }));
  });

  it('decodes escapes, surrogate pairs and raw UTF-8 split across chunks', async () => {
    // Written by hand: JSON.stringify would not escape these the way V8 does.
    const strings = String.raw`["plain","\ud83d\ude00 pair","lone \udc00 low","\u00e9\u00E9 hex case","tab\there \"q\" \\ \/ \b\f\n\r","raw 😀 utf-8 é 漢","\ufeff"]`;
    const text = synthText(GRAPH).replace(/"strings":\[.*\]\}$/s, `"strings":${strings}}`);
    const expected = JSON.parse(strings) as string[];
    for (const chunkSize of [1, 2, 3, 64]) {
      const snapshot = await parseHeapSnapshot(writeTemp(temp.dir, 'escapes.heapsnapshot', text), { chunkSize });
      expect(snapshot.strings).toEqual(expected);
    }
    expect(expected[1]).toBe('😀 pair');
  });

  it.each([
    ['a truncated file', (text: string) => text.slice(0, text.length - 40), /ended early/],
    ['a negative number', (text: string) => text.replace('"nodes":[', '"nodes":[-'), /non-negative integer/],
    ['a number too large for 32 bits', (text: string) => text.replace('"nodes":[', '"nodes":[99999999999,'), /32 bits/],
    ['two numbers without a comma', (text: string) => text.replace('"nodes":[9', '"nodes":[9 9'), /","/],
    ['a trailing comma', (text: string) => text.replace(/("nodes":\[[^\]]*)\]/, '$1,]'), /non-negative integer/],
    ['a missing meta field', (text: string) => text.replace('"self_size"', '"size"'), /self_size/],
    [
      'an edge that points inside a node',
      (text: string) => text.replace(/"edges":\[(\d+),(\d+),(\d+)/, '"edges":[$1,$2,1'),
      /not a node/,
    ],
    ['a bad escape', (text: string) => text.replace('"global"', '"glo\\qbal"'), /escape/],
  ])('rejects %s', async (_name, corrupt, message) => {
    const path = writeTemp(temp.dir, 'bad.heapsnapshot', corrupt(synthText(GRAPH)));
    const parsing = parseHeapSnapshot(path);
    await expect(parsing).rejects.toBeInstanceOf(SnapshotFormatError);
    await expect(parseHeapSnapshot(path)).rejects.toThrow(message);
  });
});

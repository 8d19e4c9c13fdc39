/** Test helpers: synthetic heap snapshots, temporary files and the built child runner. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childRunnerPath } from '../../src/runtime/capture.js';
import { HeapSnapshot } from '../../src/runtime/heap-snapshot.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/**
 * Proofs spawn the built `dist/src/runtime/child-runner.js` (`npm test` builds first): fail with a clear
 * message, not a confusing proof failure, when it is missing.
 */
export function requireBuiltRunner(): void {
  childRunnerPath();
}

const NODE_TYPES = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
  'concatenated string',
  'sliced string',
  'symbol',
  'bigint',
  'object shape',
];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
const V8_NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
const V8_EDGE_FIELDS = ['type', 'name_or_index', 'to_node'];

export interface SynthEdge {
  readonly type: string;
  /** A name, or an index for element and hidden edges. */
  readonly name: string | number;
  /** Index of the target in the node list. */
  readonly to: number;
}

export interface SynthNode {
  readonly type: string;
  readonly name: string;
  readonly id: number;
  readonly size?: number;
  readonly edges?: readonly SynthEdge[];
}

export interface SynthOptions {
  /** Field order of nodes and edges; V8's order by default. Must contain the fields V8 writes. */
  readonly nodeFields?: readonly string[];
  readonly edgeFields?: readonly string[];
  /** Order of the top-level keys. */
  readonly keyOrder?: readonly string[];
}

interface SynthJson {
  snapshot: { meta: Record<string, unknown>; node_count: number; edge_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
  [key: string]: unknown;
}

/** The JSON V8 would write for this graph, with the requested field orders. */
function synthJson(nodes: readonly SynthNode[], options: SynthOptions = {}): SynthJson {
  const nodeFields = options.nodeFields ?? V8_NODE_FIELDS;
  const edgeFields = options.edgeFields ?? V8_EDGE_FIELDS;
  const strings: string[] = [];
  const stringIndex = (text: string): number => {
    const found = strings.indexOf(text);
    if (found >= 0) return found;
    strings.push(text);
    return strings.length - 1;
  };
  const flatNodes: number[] = [];
  const flatEdges: number[] = [];
  for (const node of nodes) {
    const values: Record<string, number> = {
      type: NODE_TYPES.indexOf(node.type),
      name: stringIndex(node.name),
      id: node.id,
      self_size: node.size ?? 0,
      edge_count: node.edges?.length ?? 0,
      trace_node_id: 0,
      detachedness: 0,
    };
    for (const field of nodeFields) flatNodes.push(values[field] ?? 0);
    for (const edge of node.edges ?? []) {
      const edgeValues: Record<string, number> = {
        type: EDGE_TYPES.indexOf(edge.type),
        name_or_index: typeof edge.name === 'number' ? edge.name : stringIndex(edge.name),
        to_node: edge.to * nodeFields.length,
      };
      for (const field of edgeFields) flatEdges.push(edgeValues[field] ?? 0);
    }
  }
  const typeList = (fields: readonly string[], types: readonly string[]): unknown[] =>
    fields.map((field) =>
      field === 'type' ? types : field === 'name' || field === 'name_or_index' ? 'string' : 'number',
    );
  return {
    snapshot: {
      meta: {
        node_fields: nodeFields,
        node_types: typeList(nodeFields, NODE_TYPES),
        edge_fields: edgeFields,
        edge_types: typeList(edgeFields, EDGE_TYPES),
      },
      node_count: nodes.length,
      edge_count: flatEdges.length / edgeFields.length,
    },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  };
}

/** The snapshot text, top-level keys in the requested order (unknown keys from `extra` included). */
export function synthText(
  nodes: readonly SynthNode[],
  options: SynthOptions = {},
  extra: Record<string, unknown> = {},
): string {
  const json: Record<string, unknown> = { ...synthJson(nodes, options), ...extra };
  const order = options.keyOrder ?? Object.keys(json);
  return `{${order.map((key) => `${JSON.stringify(key)}:${JSON.stringify(json[key])}`).join(',\n')}}`;
}

/** A HeapSnapshot built in memory, for diff and path tests. */
export function synthSnapshot(nodes: readonly SynthNode[]): HeapSnapshot {
  const json = synthJson(nodes);
  return new HeapSnapshot({
    meta: { nodeFields: V8_NODE_FIELDS, edgeFields: V8_EDGE_FIELDS, nodeTypes: NODE_TYPES, edgeTypes: EDGE_TYPES },
    nodes: Uint32Array.from(json.nodes),
    edges: Uint32Array.from(json.edges),
    strings: json.strings,
  });
}

/** A temporary directory removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'leakproof-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeTemp(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * A parsed V8 heap snapshot held in flat typed arrays.
 *
 * Heap graphs have millions of nodes, so nothing here allocates one JS object per heap node: nodes and
 * edges stay in the `Uint32Array`s V8 wrote, and the indices (first edge, edge target, retainers) are
 * typed arrays too. Field offsets are read from `snapshot.meta`, never assumed.
 */

/** The parts of `snapshot.meta` that describe the flat arrays. */
export interface SnapshotMeta {
  readonly nodeFields: readonly string[];
  readonly nodeTypes: readonly string[];
  readonly edgeFields: readonly string[];
  readonly edgeTypes: readonly string[];
}

export interface HeapSnapshotData {
  readonly meta: SnapshotMeta;
  readonly nodes: Uint32Array;
  readonly edges: Uint32Array;
  readonly strings: readonly string[];
  /** V8's `locations`: per closure, its node's offset in `nodes`, script id, 0-based line and column. */
  readonly locations?: Uint32Array;
  readonly locationFields?: readonly string[];
}

/** For each node, the edges that point to it and the nodes that own those edges. */
export interface RetainerIndex {
  readonly first: Uint32Array;
  readonly edge: Uint32Array;
  readonly node: Uint32Array;
}

export class SnapshotFormatError extends Error {
  override readonly name = 'SnapshotFormatError';
}

function fieldIndex(fields: readonly string[], field: string, where: string): number {
  const index = fields.indexOf(field);
  if (index < 0) throw new SnapshotFormatError(`heap snapshot meta.${where} has no "${field}" field`);
  return index;
}

export class HeapSnapshot {
  readonly meta: SnapshotMeta;
  readonly nodes: Uint32Array;
  readonly edges: Uint32Array;
  readonly strings: readonly string[];
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** The synthetic root is always the first node. */
  readonly rootOrdinal = 0;

  /** Edges of node n are the ordinals firstEdge[n] .. firstEdge[n + 1] - 1. */
  readonly firstEdge: Uint32Array;
  /** Node ordinal each edge points to (to_node divided by the node field count). */
  readonly edgeTarget: Uint32Array;
  private retainerIndex: RetainerIndex | undefined;
  private readonly locationData: { readonly values: Uint32Array; readonly fields: readonly string[] } | undefined;
  private lineIndex: Map<number, number> | undefined;

  private readonly nodeFieldCount: number;
  private readonly edgeFieldCount: number;
  private readonly nodeTypeOffset: number;
  private readonly nodeNameOffset: number;
  private readonly nodeIdOffset: number;
  private readonly nodeSelfSizeOffset: number;
  private readonly edgeTypeOffset: number;
  private readonly edgeNameOffset: number;

  /** Edge types whose name_or_index is a number rather than a string-table index. */
  private readonly edgeElementType: number;
  private readonly edgeHiddenType: number;
  private readonly nodeObjectType: number;
  private readonly nodeNativeType: number;

  constructor(data: HeapSnapshotData) {
    const { meta, nodes, edges, strings } = data;
    this.meta = meta;
    this.nodes = nodes;
    this.edges = edges;
    this.strings = strings;
    this.locationData =
      data.locations && data.locationFields ? { values: data.locations, fields: data.locationFields } : undefined;

    this.nodeFieldCount = meta.nodeFields.length;
    this.edgeFieldCount = meta.edgeFields.length;
    this.nodeTypeOffset = fieldIndex(meta.nodeFields, 'type', 'node_fields');
    this.nodeNameOffset = fieldIndex(meta.nodeFields, 'name', 'node_fields');
    this.nodeIdOffset = fieldIndex(meta.nodeFields, 'id', 'node_fields');
    this.nodeSelfSizeOffset = fieldIndex(meta.nodeFields, 'self_size', 'node_fields');
    const nodeEdgeCountOffset = fieldIndex(meta.nodeFields, 'edge_count', 'node_fields');
    this.edgeTypeOffset = fieldIndex(meta.edgeFields, 'type', 'edge_fields');
    this.edgeNameOffset = fieldIndex(meta.edgeFields, 'name_or_index', 'edge_fields');
    const edgeToOffset = fieldIndex(meta.edgeFields, 'to_node', 'edge_fields');

    this.edgeElementType = meta.edgeTypes.indexOf('element');
    this.edgeHiddenType = meta.edgeTypes.indexOf('hidden');
    this.nodeObjectType = meta.nodeTypes.indexOf('object');
    this.nodeNativeType = meta.nodeTypes.indexOf('native');

    if (nodes.length % this.nodeFieldCount !== 0) {
      throw new SnapshotFormatError(
        `nodes array length ${nodes.length} is not a multiple of ${this.nodeFieldCount} fields`,
      );
    }
    if (edges.length % this.edgeFieldCount !== 0) {
      throw new SnapshotFormatError(
        `edges array length ${edges.length} is not a multiple of ${this.edgeFieldCount} fields`,
      );
    }
    this.nodeCount = nodes.length / this.nodeFieldCount;
    this.edgeCount = edges.length / this.edgeFieldCount;
    if (this.nodeCount === 0) throw new SnapshotFormatError('heap snapshot has no nodes');

    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    let edgeOrdinal = 0;
    for (let node = 0; node < this.nodeCount; node++) {
      this.firstEdge[node] = edgeOrdinal;
      edgeOrdinal += nodes[node * this.nodeFieldCount + nodeEdgeCountOffset]!;
    }
    this.firstEdge[this.nodeCount] = edgeOrdinal;
    if (edgeOrdinal !== this.edgeCount) {
      throw new SnapshotFormatError(`nodes declare ${edgeOrdinal} edges but the edges array holds ${this.edgeCount}`);
    }

    this.edgeTarget = new Uint32Array(this.edgeCount);
    for (let edge = 0; edge < this.edgeCount; edge++) {
      const toNode = edges[edge * this.edgeFieldCount + edgeToOffset]!;
      if (toNode % this.nodeFieldCount !== 0 || toNode >= nodes.length) {
        throw new SnapshotFormatError(`edge ${edge} points to ${toNode}, which is not a node`);
      }
      this.edgeTarget[edge] = toNode / this.nodeFieldCount;
    }
  }

  /**
   * Who points to each node, built on first use (only the snapshot that is searched needs it):
   * node n's retainers are `edge`/`node` at `first[n]` .. `first[n + 1] - 1`.
   */
  retainers(): RetainerIndex {
    if (this.retainerIndex) return this.retainerIndex;
    // A counting sort of edges by target.
    const first = new Uint32Array(this.nodeCount + 1);
    for (let edge = 0; edge < this.edgeCount; edge++) first[this.edgeTarget[edge]! + 1]!++;
    for (let node = 0; node < this.nodeCount; node++) first[node + 1]! += first[node]!;
    const edges = new Uint32Array(this.edgeCount);
    const nodes = new Uint32Array(this.edgeCount);
    const fill = first.slice(0, this.nodeCount);
    for (let node = 0; node < this.nodeCount; node++) {
      for (let edge = this.firstEdge[node]!, end = this.firstEdge[node + 1]!; edge < end; edge++) {
        const slot = fill[this.edgeTarget[edge]!]!++;
        edges[slot] = edge;
        nodes[slot] = node;
      }
    }
    this.retainerIndex = { first, edge: edges, node: nodes };
    return this.retainerIndex;
  }

  nodeTypeIndex(node: number): number {
    return this.nodes[node * this.nodeFieldCount + this.nodeTypeOffset]!;
  }

  nodeType(node: number): string {
    return this.meta.nodeTypes[this.nodeTypeIndex(node)] ?? 'unknown';
  }

  nodeName(node: number): string {
    return this.strings[this.nodes[node * this.nodeFieldCount + this.nodeNameOffset]!] ?? '';
  }

  /** The index of the node's name in `strings`; equal indices mean equal names. */
  nodeNameIndex(node: number): number {
    return this.nodes[node * this.nodeFieldCount + this.nodeNameOffset]!;
  }

  nodeId(node: number): number {
    return this.nodes[node * this.nodeFieldCount + this.nodeIdOffset]!;
  }

  selfSize(node: number): number {
    return this.nodes[node * this.nodeFieldCount + this.nodeSelfSizeOffset]!;
  }

  edgeTypeIndex(edge: number): number {
    return this.edges[edge * this.edgeFieldCount + this.edgeTypeOffset]!;
  }

  edgeType(edge: number): string {
    return this.meta.edgeTypes[this.edgeTypeIndex(edge)] ?? 'unknown';
  }

  /** Element and hidden edges carry an index, every other edge type a string-table index. */
  edgeHasIndex(edge: number): boolean {
    const type = this.edgeTypeIndex(edge);
    return type === this.edgeElementType || type === this.edgeHiddenType;
  }

  edgeName(edge: number): string {
    const raw = this.edges[edge * this.edgeFieldCount + this.edgeNameOffset]!;
    return this.edgeHasIndex(edge) ? String(raw) : (this.strings[raw] ?? '');
  }

  /** The string-table index of a named edge, or -1 for element and hidden edges. */
  edgeNameIndex(edge: number): number {
    return this.edgeHasIndex(edge) ? -1 : this.edges[edge * this.edgeFieldCount + this.edgeNameOffset]!;
  }

  /**
   * The grouping key of DevTools' Summary and Comparison views: JS objects and native objects are
   * grouped by their constructor name, everything else by type, e.g. "(closure)", "(string)".
   */
  className(node: number): string {
    const type = this.nodeTypeIndex(node);
    if (type === this.nodeObjectType || type === this.nodeNativeType) return this.nodeName(node);
    return classNameOfType(this.meta.nodeTypes[type] ?? 'unknown');
  }

  /** A number naming the class: equal keys mean equal `className`, without building strings per node. */
  classKey(node: number): number {
    const type = this.nodeTypeIndex(node);
    if (type === this.nodeObjectType || type === this.nodeNativeType)
      return this.meta.nodeTypes.length + this.nodeNameIndex(node);
    return type;
  }

  /** The class name a key from `classKey` stands for. */
  classNameOfKey(key: number): string {
    const typeCount = this.meta.nodeTypes.length;
    if (key >= typeCount) return this.strings[key - typeCount] ?? '';
    return classNameOfType(this.meta.nodeTypes[key] ?? 'unknown');
  }

  /** The key `classKey` gives nodes of this class name, or -1 when no node can have it. */
  classKeyOf(name: string): number {
    const types = this.meta.nodeTypes;
    for (let type = 0; type < types.length; type++) {
      if (types[type] !== 'object' && types[type] !== 'native' && classNameOfType(types[type]!) === name) return type;
    }
    const index = this.strings.indexOf(name);
    return index < 0 ? -1 : types.length + index;
  }

  /** The 1-based source line of a closure, when the snapshot has its location. */
  sourceLine(node: number): number | undefined {
    if (!this.locationData) return undefined;
    if (!this.lineIndex) {
      const { values, fields } = this.locationData;
      const width = fields.length;
      const object = fields.indexOf('object_index');
      const line = fields.indexOf('line');
      this.lineIndex = new Map();
      if (width > 0 && object >= 0 && line >= 0) {
        for (let at = 0; at + width <= values.length; at += width)
          this.lineIndex.set(values[at + object]! / this.nodeFieldCount, values[at + line]! + 1);
      }
    }
    return this.lineIndex.get(node);
  }

  /**
   * The text of a string node. V8 names a concatenated string "(concatenated string)" and writes its halves as
   * `first` and `second`: a script's name often is one (vitest builds its modules' file names).
   */
  stringText(node: number, depth = 0): string {
    if (this.nodeType(node) !== 'concatenated string' || depth > 32) return this.nodeName(node);
    const first = this.findEdge(node, 'first');
    const second = this.findEdge(node, 'second');
    if (first < 0 || second < 0) return this.nodeName(node);
    return this.stringText(this.edgeTarget[first]!, depth + 1) + this.stringText(this.edgeTarget[second]!, depth + 1);
  }

  /**
   * Makes an edge a named edge of another type: for names V8 knows but did not write (block-scope variables, see
   * block-scopes.ts). `nameIndex` is an index into `strings`.
   */
  renameEdge(edge: number, type: string, nameIndex: number): void {
    const typeIndex = this.meta.edgeTypes.indexOf(type);
    if (typeIndex < 0 || typeIndex === this.edgeElementType || typeIndex === this.edgeHiddenType)
      throw new Error(`cannot name an edge of type ${type}`);
    this.edges[edge * this.edgeFieldCount + this.edgeTypeOffset] = typeIndex;
    this.edges[edge * this.edgeFieldCount + this.edgeNameOffset] = nameIndex;
  }

  /** Finds a named outgoing edge, e.g. a closure's "context"; -1 when absent. */
  findEdge(node: number, name: string): number {
    for (let edge = this.firstEdge[node]!, end = this.firstEdge[node + 1]!; edge < end; edge++) {
      if (!this.edgeHasIndex(edge) && this.edgeName(edge) === name) return edge;
    }
    return -1;
  }
}

function classNameOfType(type: string): string {
  switch (type) {
    case 'hidden':
      return '(system)';
    case 'code':
      return '(compiled code)';
    default:
      return `(${type})`;
  }
}

/**
 * A streaming reader for V8's `.heapsnapshot` JSON.
 *
 * A 100 MB snapshot is mostly two huge arrays of integers (`nodes`, `edges`) and one of strings.
 * `JSON.parse` would build tens of millions of boxed values; instead this scanner is fed the file in
 * chunks and writes the integers straight into growable `Uint32Array`s and the strings into one array.
 * Only the small `snapshot` header (meta and counts) is handed to `JSON.parse`. Other top-level
 * keys (allocation traces, samples, locations) are skipped without being materialised.
 */
import { Buffer } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { HeapSnapshot, SnapshotFormatError, type SnapshotMeta } from './heap-snapshot.js';

export interface ParseOptions {
  /** Bytes read per chunk; small values exercise chunk boundaries in tests. Default 1 MiB. */
  readonly chunkSize?: number;
}

/** Reads a `.heapsnapshot` file in chunks into typed arrays. */
export async function parseHeapSnapshot(path: string, options: ParseOptions = {}): Promise<HeapSnapshot> {
  const tokenizer = new SnapshotTokenizer();
  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) tokenizer.write(chunk);
  return new HeapSnapshot(tokenizer.end());
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const ZERO = 0x30;
const NINE = 0x39;
const MAX_UINT32 = 0xffffffff;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** A Uint32Array that doubles when full. Fields are public so the hot loop can write in place. */
class GrowableUint32 {
  data: Uint32Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Uint32Array(Math.max(16, capacity));
  }

  grow(): Uint32Array {
    const bigger = new Uint32Array(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
    return bigger;
  }

  toArray(): Uint32Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
}

/** A byte buffer that doubles when full, for strings that span chunks or contain escapes. */
class GrowableBytes {
  private data = Buffer.allocUnsafe(256);
  length = 0;

  append(bytes: Buffer, start: number, end: number): void {
    const needed = this.length + (end - start);
    if (needed > this.data.length) {
      let size = this.data.length * 2;
      while (size < needed) size *= 2;
      const bigger = Buffer.allocUnsafe(size);
      this.data.copy(bigger, 0, 0, this.length);
      this.data = bigger;
    }
    bytes.copy(this.data, this.length, start, end);
    this.length = needed;
  }

  /** Buffer's UTF-8 decoding, as `JSON.parse(readFileSync(path, 'utf8'))` sees the file. */
  decode(): string {
    return this.data.toString('utf8', 0, this.length);
  }
}

/** Decodes one JSON string that may arrive in pieces: raw UTF-8 runs and escape sequences. */
class StringAssembler {
  private readonly bytes = new GrowableBytes();
  private readonly parts: string[] = [];
  /** Set when the whole string was found in one chunk without escapes (the common case). */
  private whole: string | undefined;
  /** 0: plain text, 1: after a backslash, 2..5: reading the hex digits of a \u escape. */
  private escapeState = 0;
  private codeUnit = 0;

  /**
   * Consumes bytes from `chunk` starting at `pos`; returns the position after the closing quote,
   * or -1 when the chunk ended inside the string.
   */
  feed(chunk: Buffer, pos: number): number {
    if (this.escapeState === 0 && this.bytes.length === 0 && this.parts.length === 0) {
      let end = pos;
      while (end < chunk.length) {
        const byte = chunk[end]!;
        if (byte === QUOTE) {
          this.whole = chunk.toString('utf8', pos, end);
          return end + 1;
        }
        if (byte === BACKSLASH) break;
        end++;
      }
    }
    let runStart = pos;
    while (pos < chunk.length) {
      const byte = chunk[pos]!;
      if (this.escapeState === 0) {
        if (byte === QUOTE) {
          this.bytes.append(chunk, runStart, pos);
          return pos + 1;
        }
        if (byte === BACKSLASH) {
          this.bytes.append(chunk, runStart, pos);
          this.escapeState = 1;
        }
        pos++;
        continue;
      }
      pos++;
      if (this.escapeState === 1) {
        if (byte === 0x75 /* u */) {
          this.escapeState = 2;
          this.codeUnit = 0;
        } else {
          this.pushText(simpleEscape(byte));
          this.escapeState = 0;
          runStart = pos;
        }
        continue;
      }
      this.codeUnit = this.codeUnit * 16 + hexValue(byte);
      if (++this.escapeState === 6) {
        // Surrogate pairs arrive as two \u escapes; joining the UTF-16 code units restores them.
        this.pushText(String.fromCharCode(this.codeUnit));
        this.escapeState = 0;
        runStart = pos;
      }
    }
    if (this.escapeState === 0) this.bytes.append(chunk, runStart, pos);
    return -1;
  }

  take(): string {
    if (this.whole !== undefined) {
      const text = this.whole;
      this.whole = undefined;
      return text;
    }
    this.flushBytes();
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts.length = 0;
    return text;
  }

  private pushText(text: string): void {
    this.flushBytes();
    this.parts.push(text);
  }

  private flushBytes(): void {
    // Runs end only at a quote or a backslash, so they never split a UTF-8 sequence.
    if (this.bytes.length > 0 || this.parts.length === 0) this.parts.push(this.bytes.decode());
    this.bytes.length = 0;
  }
}

function simpleEscape(byte: number): string {
  switch (byte) {
    case QUOTE:
      return '"';
    case BACKSLASH:
      return '\\';
    case 0x2f:
      return '/';
    case 0x62:
      return '\b';
    case 0x66:
      return '\f';
    case 0x6e:
      return '\n';
    case 0x72:
      return '\r';
    case 0x74:
      return '\t';
    default:
      throw new SnapshotFormatError(`invalid escape sequence \\${String.fromCharCode(byte)} in a string`);
  }
}

function hexValue(byte: number): number {
  if (byte >= ZERO && byte <= NINE) return byte - ZERO;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  throw new SnapshotFormatError(`invalid hex digit ${JSON.stringify(String.fromCharCode(byte))} in a \\u escape`);
}

/** What the scanner is doing at the top level of the document. */
const enum Mode {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  Integers,
  Strings,
  Generic,
  CommaOrEnd,
  Done,
}

/** Inside `"strings": [...]`. */
const enum StringsPhase {
  FirstOrEnd,
  Inside,
  CommaOrEnd,
  Next,
}

export interface ParsedSnapshotParts {
  readonly meta: SnapshotMeta;
  readonly nodes: Uint32Array;
  readonly edges: Uint32Array;
  readonly strings: readonly string[];
  /** Source positions of closures: `locationFields` per entry (object_index, script_id, line, column). */
  readonly locations?: Uint32Array;
  readonly locationFields?: readonly string[];
}

/** Push-based scanner: call `write` for each chunk in order, then `end`. */
export class SnapshotTokenizer {
  private mode = Mode.Start;
  private key = '';
  private readonly assembler = new StringAssembler();
  private offset = 0;

  private header: unknown;
  private nodes: GrowableUint32 | undefined;
  private edges: GrowableUint32 | undefined;
  private strings: string[] | undefined;
  private locations: GrowableUint32 | undefined;

  private integers: GrowableUint32 | undefined;
  /** After a number, a comma (or the closing bracket) must come next. */
  private needComma = false;
  private value = 0;
  private digits = 0;

  private stringsPhase = StringsPhase.FirstOrEnd;

  // The generic scanner, used to skip values and to capture the small `snapshot` header.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private captured: GrowableBytes | undefined;

  write(bytes: Uint8Array): void {
    // Buffer's copy and toString work without allocating views.
    const chunk = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let pos = 0;
    while (pos < chunk.length) {
      switch (this.mode) {
        case Mode.Integers:
          pos = this.scanIntegers(chunk, pos);
          break;
        case Mode.Strings:
          pos = this.scanStrings(chunk, pos);
          break;
        case Mode.Generic:
          pos = this.scanGeneric(chunk, pos);
          break;
        case Mode.Key: {
          const after = this.assembler.feed(chunk, pos);
          if (after < 0) return this.advance(chunk.length);
          this.key = this.assembler.take();
          this.mode = Mode.Colon;
          pos = after;
          break;
        }
        default:
          pos = this.scanStructure(chunk, pos);
      }
    }
    this.advance(chunk.length);
  }

  end(): ParsedSnapshotParts {
    if (this.mode !== Mode.Done) throw new SnapshotFormatError('heap snapshot ended early (truncated file?)');
    if (this.header === undefined) throw new SnapshotFormatError('heap snapshot has no "snapshot" header');
    if (!this.nodes || !this.edges || !this.strings) {
      throw new SnapshotFormatError('heap snapshot lacks one of "nodes", "edges" or "strings"');
    }
    return {
      meta: readMeta(this.header),
      nodes: this.nodes.toArray(),
      edges: this.edges.toArray(),
      strings: this.strings,
      ...(this.locations ? { locations: this.locations.toArray(), locationFields: locationFields(this.header) } : {}),
    };
  }

  private advance(consumed: number): void {
    this.offset += consumed;
  }

  private fail(message: string, pos: number): never {
    throw new SnapshotFormatError(`${message} at byte ${this.offset + pos}`);
  }

  /** Braces, keys, colons and commas of the top-level object. */
  private scanStructure(chunk: Buffer, pos: number): number {
    const byte = chunk[pos]!;
    if (isWhitespace(byte)) return pos + 1;
    switch (this.mode) {
      case Mode.Start:
        if (byte !== OPEN_BRACE) this.fail('expected "{"', pos);
        this.mode = Mode.KeyOrEnd;
        return pos + 1;
      case Mode.KeyOrEnd:
        if (byte === CLOSE_BRACE) {
          this.mode = Mode.Done;
          return pos + 1;
        }
        if (byte !== QUOTE) this.fail('expected a key', pos);
        this.mode = Mode.Key;
        return pos + 1;
      case Mode.Colon:
        if (byte !== COLON) this.fail('expected ":"', pos);
        this.mode = Mode.Value;
        return pos + 1;
      case Mode.Value:
        return this.startValue(chunk, pos);
      case Mode.CommaOrEnd:
        if (byte === COMMA) {
          this.mode = Mode.KeyOrEnd;
          return pos + 1;
        }
        if (byte !== CLOSE_BRACE) this.fail('expected "," or "}"', pos);
        this.mode = Mode.Done;
        return pos + 1;
      case Mode.Done:
        return this.fail('unexpected data after the end of the snapshot', pos);
      default:
        return this.fail('internal scanner error', pos);
    }
  }

  private startValue(chunk: Buffer, pos: number): number {
    const byte = chunk[pos]!;
    const key = this.key;
    if (key === 'nodes' || key === 'edges' || key === 'locations') {
      if (byte !== OPEN_BRACKET) this.fail(`expected "${key}" to be an array`, pos);
      const counts = headerCounts(this.header);
      const expected = key === 'nodes' ? counts.nodes : key === 'edges' ? counts.edges : 0;
      this.integers = new GrowableUint32(expected);
      if (key === 'nodes') this.nodes = this.integers;
      else if (key === 'edges') this.edges = this.integers;
      else this.locations = this.integers;
      this.needComma = false;
      this.value = 0;
      this.digits = 0;
      this.mode = Mode.Integers;
      return pos + 1;
    }
    if (key === 'strings') {
      if (byte !== OPEN_BRACKET) this.fail('expected "strings" to be an array', pos);
      this.strings = [];
      this.stringsPhase = StringsPhase.FirstOrEnd;
      this.mode = Mode.Strings;
      return pos + 1;
    }
    this.captured = key === 'snapshot' ? new GrowableBytes() : undefined;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.scalar = byte !== OPEN_BRACE && byte !== OPEN_BRACKET && byte !== QUOTE;
    this.mode = Mode.Generic;
    return pos;
  }

  /** The hot loop: comma-separated non-negative integers straight into a Uint32Array. */
  private scanIntegers(chunk: Buffer, pos: number): number {
    const out = this.integers!;
    let data = out.data;
    let length = out.length;
    let value = this.value;
    let digits = this.digits;
    let needComma = this.needComma;
    const end = chunk.length;
    while (pos < end) {
      const digit = chunk[pos++]! - ZERO;
      if (digit >= 0 && digit <= 9) {
        value = value * 10 + digit;
        digits++;
        continue;
      }
      const byte = digit + ZERO;
      if (digits > 0) {
        if (needComma) this.fail('expected "," between numbers', pos - 1);
        if (value > MAX_UINT32) this.fail(`number ${value} does not fit in 32 bits`, pos - 1);
        if (length === data.length) data = out.grow();
        data[length++] = value;
        value = 0;
        digits = 0;
        needComma = true;
      }
      if (byte === COMMA && needComma) {
        needComma = false;
        continue;
      }
      if (isWhitespace(byte)) continue;
      // "]" closes "[]" or follows a number, never a comma.
      if (byte === CLOSE_BRACKET && (needComma || length === 0)) {
        out.length = length;
        this.mode = Mode.CommaOrEnd;
        return pos;
      }
      this.fail(`expected a non-negative integer, found ${JSON.stringify(String.fromCharCode(byte))}`, pos - 1);
    }
    out.length = length;
    this.value = value;
    this.digits = digits;
    this.needComma = needComma;
    return pos;
  }

  private scanStrings(chunk: Buffer, pos: number): number {
    const strings = this.strings!;
    while (pos < chunk.length) {
      if (this.stringsPhase === StringsPhase.Inside) {
        const after = this.assembler.feed(chunk, pos);
        if (after < 0) return chunk.length;
        strings.push(this.assembler.take());
        this.stringsPhase = StringsPhase.CommaOrEnd;
        pos = after;
        continue;
      }
      const byte = chunk[pos++]!;
      if (isWhitespace(byte)) continue;
      if (byte === QUOTE && this.stringsPhase !== StringsPhase.CommaOrEnd) {
        this.stringsPhase = StringsPhase.Inside;
      } else if (byte === COMMA && this.stringsPhase === StringsPhase.CommaOrEnd) {
        this.stringsPhase = StringsPhase.Next;
      } else if (byte === CLOSE_BRACKET && this.stringsPhase !== StringsPhase.Next) {
        this.mode = Mode.CommaOrEnd;
        return pos;
      } else {
        this.fail('expected a string in "strings"', pos - 1);
      }
    }
    return pos;
  }

  /** Skips (or, for the header, captures) any JSON value by tracking nesting and strings. */
  private scanGeneric(chunk: Buffer, pos: number): number {
    const start = pos;
    let done = false;
    while (pos < chunk.length && !done) {
      const byte = chunk[pos]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          done = this.depth === 0;
        }
      } else if (this.scalar) {
        if (byte === COMMA || byte === CLOSE_BRACE || isWhitespace(byte)) {
          done = true;
          break; // The delimiter belongs to the enclosing object.
        }
      } else if (byte === QUOTE) {
        this.inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        this.depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (--this.depth < 0) this.fail('unbalanced brackets', pos);
        done = this.depth === 0;
      }
      pos++;
    }
    this.captured?.append(chunk, start, pos);
    if (done) {
      if (this.captured) {
        this.header = parseHeader(this.captured.decode());
        this.captured = undefined;
      }
      this.mode = Mode.CommaOrEnd;
    }
    return pos;
  }
}

function parseHeader(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SnapshotFormatError(`invalid "snapshot" header: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new SnapshotFormatError(`snapshot.meta.${what} is not a list of strings`);
  }
  return value;
}

/** node_types and edge_types list, per field, either a type name or (for the enum field) the names. */
function enumValues(value: unknown, fields: readonly string[], what: string): string[] {
  const typeField = fields.indexOf('type');
  if (!Array.isArray(value) || typeField < 0) throw new SnapshotFormatError(`snapshot.meta.${what} is missing`);
  return stringList(value[typeField], `${what}[${typeField}]`);
}

function readMeta(header: unknown): SnapshotMeta {
  if (!isRecord(header) || !isRecord(header.meta)) throw new SnapshotFormatError('snapshot header has no "meta"');
  const meta = header.meta;
  const nodeFields = stringList(meta.node_fields, 'node_fields');
  const edgeFields = stringList(meta.edge_fields, 'edge_fields');
  return {
    nodeFields,
    edgeFields,
    nodeTypes: enumValues(meta.node_types, nodeFields, 'node_types'),
    edgeTypes: enumValues(meta.edge_types, edgeFields, 'edge_types'),
  };
}

function locationFields(header: unknown): string[] {
  if (!isRecord(header) || !isRecord(header.meta) || !Array.isArray(header.meta.location_fields)) return [];
  return header.meta.location_fields.filter((field): field is string => typeof field === 'string');
}

/** Expected array sizes from the header, used only to pre-size buffers. */
function headerCounts(header: unknown): { nodes: number; edges: number } {
  if (!isRecord(header) || !isRecord(header.meta)) return { nodes: 0, edges: 0 };
  const nodeFields = Array.isArray(header.meta.node_fields) ? header.meta.node_fields.length : 0;
  const edgeFields = Array.isArray(header.meta.edge_fields) ? header.meta.edge_fields.length : 0;
  const nodeCount = typeof header.node_count === 'number' ? header.node_count : 0;
  const edgeCount = typeof header.edge_count === 'number' ? header.edge_count : 0;
  return { nodes: nodeCount * nodeFields, edges: edgeCount * edgeFields };
}

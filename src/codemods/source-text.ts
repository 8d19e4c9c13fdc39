/**
 * Text-level helpers shared by the codemods. The codemods never reprint a file: they compute edits (insert or replace
 * a range of the original text) and splice them in, so every line they do not touch stays byte-for-byte the same,
 * including its line ending, the BOM and the shebang.
 */

/** A byte order mark, kept in front of the output when the input had one. */
export const BOM = '\uFEFF';

/** Replace `[start, end)` of the text with `text` (an insertion when start === end). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The source without its BOM (the parsers' offsets count from after it), and whether it had one. */
export function withoutBom(source: string): { text: string; bom: boolean } {
  return source.startsWith(BOM) ? { text: source.slice(1), bom: true } : { text: source, bom: false };
}

/** The length of a `#!` line at the very start (without its line ending), 0 when there is none. */
export function shebangLength(text: string): number {
  if (!text.startsWith('#!')) return 0;
  const end = text.search(/\r\n|\r|\n/);
  return end === -1 ? text.length : end;
}

/** One level of indentation as the file writes it: a tab, or the smallest indentation of an indented line (2 by default). */
export function indentUnit(text: string): string {
  let smallest = Infinity;
  for (const match of text.matchAll(/(?:^|\n)([ \t]+)\S/g)) {
    const indent = match[1] ?? '';
    if (indent.startsWith('\t')) return '\t';
    if (indent.length >= 2 && indent.length < smallest) smallest = indent.length;
  }
  return smallest === Infinity || smallest > 8 ? '  ' : ' '.repeat(smallest);
}

/** The offset of the line ending (or the end of the text) of the line holding `offset`. */
export function lineEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) {
    const char = text[index];
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) line++;
  }
  return line;
}

/**
 * Applies edits to the text. Edits at the same offset are applied in the order given; overlapping edits are a bug in
 * the codemod and throw, so a file is reported as failed rather than written wrong.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order);
  let result = '';
  let position = 0;
  for (const { edit } of ordered) {
    if (edit.start < position || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`overlapping edits at offset ${edit.start}`);
    }
    result += text.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return result + text.slice(position);
}

/**
 * Source text quoted in a comment: on one line (a line break, `\u2028` and `\u2029` included, would end a `//`
 * comment), without `*\/` (which would end a `/* *\/` one), and elided in the middle when longer than `limit`.
 */
export function commentQuote(text: string, limit = Infinity): string {
  const flat = text.replace(/\s*[\r\n\u2028\u2029]\s*/g, ' ').replaceAll('*/', '* /');
  // Code points, not UTF-16 units: a cut through a surrogate pair would not survive being written as UTF-8.
  const points = Array.from(flat);
  if (points.length <= limit) return flat;
  const half = Math.max(1, Math.floor((limit - 3) / 2));
  return `${points.slice(0, half).join('').trimEnd()} … ${points
    .slice(points.length - half)
    .join('')
    .trimStart()}`;
}

/** The quote a file prefers for strings: the one most of its string literals use, single on a tie. */
export function preferredQuote(rawStrings: Iterable<string>): "'" | '"' {
  let single = 0;
  let double = 0;
  for (const raw of rawStrings) {
    if (raw.startsWith("'")) single++;
    else if (raw.startsWith('"')) double++;
  }
  return double > single ? '"' : "'";
}

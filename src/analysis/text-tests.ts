/**
 * Whole-text tests that several rules ask of one file, and the character classes text tests read by code. A scan of a file's text costs about as much as a rule's whole
 * analysis of a small file, and ESLint runs every rule on a file before it moves to the next, so the answers for the
 * last text asked about are kept, and a new text starts afresh.
 */
let lastText = '';
let answers = new Map<(text: string) => boolean, boolean>();

/** `test(text)`, computed once for each text however many rules ask. `test` must depend on the text alone. */
export function askText(text: string, test: (text: string) => boolean): boolean {
  if (text !== lastText) {
    lastText = text;
    answers = new Map();
  }
  let answer = answers.get(test);
  if (answer === undefined) answers.set(test, (answer = test(text)));
  return answer;
}

// Character classes by code, for text tests that read characters around an `indexOf` hit: a one-character string
// per test, matched by a regular expression, costs far more. NaN (off either end of a text) is in none of them.

/** `\w` of a regular expression: a letter, a digit or `_`. */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** `[\w$]`: a character of an (ASCII) identifier. */
export function isIdentifierCode(code: number): boolean {
  return isWordCode(code) || code === 36;
}

/** `\s` of a regular expression: the ASCII spaces by code, any other character by the regular expression itself. */
export function isSpaceCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));
}

/** Whether `word` ends at `end` with no word character before it: what `\bword` tests, read backwards from `end`. */
export function startsWordEndingAt(text: string, end: number, word: string): boolean {
  const start = end - word.length;
  return start >= 0 && text.startsWith(word, start) && !isWordCode(text.charCodeAt(start - 1));
}

/**
 * Whether `text` has a whole word made of one of `prefixes` and then `suffix`: what `/\b(?:p1|p2)suffix\b/` tests,
 * found by `indexOf(suffix)` (a rare, capitalised suffix: `Timeout`, `Observer`), which scans a text several times
 * faster than such a regular expression.
 */
export function hasWordEndingIn(text: string, suffix: string, prefixes: readonly string[]): boolean {
  return !wordsEndingIn(text, suffix, prefixes).next().done;
}

/** Where those words start, in text order: the offsets of the matches of `/\b(?:p1|p2)suffix\b/g`. */
export function* wordsEndingIn(text: string, suffix: string, prefixes: readonly string[]): Generator<number> {
  for (let at = indexOfText(text, suffix, 0); at !== -1; at = indexOfText(text, suffix, at + suffix.length)) {
    if (isWordCode(text.charCodeAt(at + suffix.length))) continue;
    for (const prefix of prefixes) if (startsWordEndingAt(text, at, prefix)) yield at - prefix.length;
  }
}

/** The longest string V8's `indexOf` searches by its linear scan: from 7 characters on it sets up a Boyer-Moore search. */
const LINEAR_SEARCH_LENGTH = 6;

/**
 * `text.indexOf(literal, from)`, several times faster for a literal longer than 6 characters: V8 builds a
 * Boyer-Moore table on each such search, which costs more than the search itself in most source files; the first 6
 * characters are found by the linear scan, and the rest is compared where they occur. The same offset: every
 * occurrence of the literal is one of its first 6 characters, and the first one found to go on is the first.
 */
export function indexOfText(text: string, literal: string, from: number): number {
  if (literal.length <= LINEAR_SEARCH_LENGTH) return text.indexOf(literal, from);
  const head = literal.slice(0, LINEAR_SEARCH_LENGTH);
  for (let at = text.indexOf(head, from); at !== -1; at = text.indexOf(head, at + 1)) {
    if (text.startsWith(literal, at)) return at;
  }
  return -1;
}

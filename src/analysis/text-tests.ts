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
  for (let at = text.indexOf(suffix); at !== -1; at = text.indexOf(suffix, at + suffix.length)) {
    if (isWordCode(text.charCodeAt(at + suffix.length))) continue;
    for (const prefix of prefixes) if (startsWordEndingAt(text, at, prefix)) yield at - prefix.length;
  }
}

/**
 * Whole-text tests that several rules ask of one file. A scan of a file's text costs about as much as a rule's whole
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

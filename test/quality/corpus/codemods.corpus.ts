/**
 * Both codemods, dry, over every file of the real-code corpus (strict-mode also with --declare): none throws, every
 * changed output parses again (ESLint's parser for the file, and V8 for CommonJS), and a second run on an output
 * changes nothing. Nothing is written: the codemods are pure functions of a file's text and path.
 */
import { describe, expect, it } from 'vitest';
import { codemod as clearInterval } from '../../../codemods/clear-interval.js';
import { codemod as strictMode } from '../../../codemods/strict-mode.js';
import type { Codemod, CodemodOptions } from '../../../src/codemods/types.js';
import { checkCodemod, parseErrorOf } from '../harness.js';
import { describeCorpus, loadCorpus, MAX_MISSING, readText, virtualPath } from './corpus.js';

const RUNS: [Codemod, CodemodOptions][] = [
  [strictMode, {}],
  [strictMode, { declare: true }],
  [clearInterval, {}],
];

describe('real-code corpus: codemods', () => {
  const corpus = loadCorpus();

  it('has the files it lists', () => {
    expect(corpus.missing.length, `${describeCorpus(corpus)}: regenerate with node bench/make-corpus.js`).toBeLessThanOrEqual(corpus.listed * MAX_MISSING);
  });

  for (const [codemod, options] of RUNS) {
    it(`${codemod.name}${options.declare ? ' --declare' : ''}: no failure, every output parses, a second run changes nothing`, () => {
      const started = performance.now();
      const problems: string[] = [];
      const counts = { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
      for (const file of corpus.files) {
        const text = readText(file);
        const target = { parser: file.typescript ? ('typescript' as const) : ('espree' as const), sourceType: file.sourceType };
        const check = checkCodemod(codemod, text, file.absolute, target, options);
        counts[check.status]++;
        // An output can only be held to parse when its input did (a few corpus files are not what their type says).
        if (check.problems.length > 0 && parseErrorOf({ ...target, text, filename: virtualPath(file) }) === null) problems.push(...check.problems);
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`corpus, ${codemod.name}${options.declare ? ' --declare' : ''}: ${corpus.files.length} files in ${seconds} s: ${JSON.stringify(counts)}; ${problems.length} problems`);
      expect(problems).toEqual([]);
      expect(counts.failed).toBe(0);
      // The codemod did something on real code (it is not skipping everything).
      expect(counts.changed + counts.unchanged).toBeGreaterThan(0);
    });
  }
});

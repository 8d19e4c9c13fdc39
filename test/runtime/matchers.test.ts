/**
 * The test-runner helpers in a real vitest run: `expect(fn).not.toLeak()` through `expect.extend(leakMatchers)`, and
 * `assertNoLeak`. A live function is proved in this worker; a module in a child process.
 */
import { AssertionError } from 'node:assert';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, leakMatchers, type LeakOptions } from '../../src/runtime/index.js';
import { fixture, requireBuiltRunner } from './helpers.js';

declare module 'vitest' {
  interface Assertion {
    toLeak(options?: LeakOptions): Promise<void>;
  }
}

expect.extend(leakMatchers);
beforeAll(requireBuiltRunner);

// In-process proofs snapshot the whole vitest worker: slower than a child's, so a small prime N and long timeouts.
const N = 13;
// State of this test file that a leaky function keeps growing.
const visits: Array<{ at: number }> = [];
function recordVisit(): void {
  visits.push({ at: Date.now() });
}
function countWords(): number {
  const words = 'a leak test in the runner'.split(' ');
  return words.length;
}

describe('toLeak', { timeout: 900_000 }, () => {
  it('passes .not.toLeak() for a function that keeps nothing', async () => {
    await expect(countWords).not.toLeak({ iterations: N });
  });

  it('passes toLeak() for a function that grows a module array', async () => {
    await expect(recordVisit).toLeak({ iterations: N });
  });

  // vitest runs this file inside a block, whose variables V8 leaves unnamed, next to the small integer `N` that the
  // snapshot skips: the report still names `visits` and this file's line (block-scopes.ts).
  it('fails .not.toLeak() with the verdict naming the variable and the retainer path to it', async () => {
    const failure = await expect(recordVisit)
      .not.toLeak({ iterations: N })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain('expected no leak, but:');
    expect(message).toMatch(/^ {2}1\. `visits` \(module variable\), test\/runtime\/matchers\.test\.ts:\d+$/m);
    expect(message).toContain('     visits[] → Object\n');
    expect(message).toContain('Verdict: LEAK: `visits` gains one Object per call');
  });

  it('proves a module in a child process when given { module }', async () => {
    await expect({ module: fixture('cache-leak.mjs') }).toLeak({ iterations: 13 });
    await expect({ module: fixture('cache-fixed.mjs') }).not.toLeak({ iterations: 13 });
  });
});

describe('assertNoLeak', { timeout: 900_000 }, () => {
  it('resolves with the clean proof', async () => {
    const result = await assertNoLeak(countWords, { iterations: N });
    expect(result).toMatchObject({ verdict: 'clean', growth: [], retained: [] });
  });

  it('throws an AssertionError whose message is the report, path included', async () => {
    const error = await assertNoLeak(recordVisit, { iterations: N }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AssertionError);
    expect((error as AssertionError).message).toContain('visits[] → Object');
    expect((error as AssertionError).message).toContain('Verdict: LEAK: `visits` gains one Object per call');
  });
});

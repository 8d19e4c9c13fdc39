/** End-to-end proofs in function mode: each leaky fixture against its fix. */
import { beforeAll, describe, expect, it } from 'vitest';
import { prove } from '../../src/runtime/prove.js';
import { fixture, requireBuiltRunner } from './helpers.js';

beforeAll(requireBuiltRunner);

describe('prove, function mode', () => {
  it('proves the module-level cache leak: Object and Array grow by one per call, retained by `cache`', async () => {
    const result = await prove({ module: fixture('cache-leak.mjs') });
    expect(result).toMatchObject({ leaked: true, verdict: 'leak', iterations: 101, mode: 'function', handles: [] });
    const growth = Object.fromEntries(result.growth.map((row) => [row.constructor, row]));
    expect(growth.Object?.perIteration).toBeCloseTo(1, 1);
    expect(growth.Array?.perIteration).toBeCloseTo(1, 1);
    expect(growth.Object?.count).toBeGreaterThanOrEqual(2 * 101);
    expect(result.retainers).toContainEqual(
      expect.stringMatching(/^\(GC roots\) → … → cache in system \/ Context → \[\d+\] in Array → Object$/),
    );
    expect(result.retainers.every((path) => path.includes('cache in system / Context'))).toBe(true);
    expect(result.retained.map((finding) => [finding.holder, finding.kind])).toEqual([['cache', 'variable']]);
    expect(result.comparison.slice(0, 2).map((row) => [row.constructor, row.delta])).toEqual([
      ['Object', 202],
      ['Array', 202],
    ]);
  });

  it("does not blame an emitter's rebuilt listener table on a fix that removes the only listener", async () => {
    const result = await prove({ module: fixture('emitter-last-listener-removed.cjs'), iterations: 31 });
    expect(result).toMatchObject({ leaked: false, verdict: 'clean', growth: [], retained: [], handles: [] });
  });

  it('clears its fix: an array local to the call', async () => {
    const result = await prove({ module: fixture('cache-fixed.mjs') });
    expect(result).toMatchObject({
      leaked: false,
      verdict: 'clean',
      growth: [],
      retained: [],
      retainers: [],
      handles: [],
    });
  });

  it('shows the implicit global: no growth, but the last value is retained through `name in global`', async () => {
    const result = await prove({ module: fixture('implicit-global.cjs') });
    expect(result).toMatchObject({ leaked: false, verdict: 'retained', growth: [] });
    expect(result.retained).toEqual([
      {
        holder: 'name',
        kind: 'global',
        count: 1,
        bytes: expect.any(Number) as number,
        constructors: [{ constructor: 'Object', count: 1 }],
        path: '(GC roots) → name in global → Object',
        humanPath: 'name → Object',
        how: 'assigned',
        firstWindow: 0,
        secondWindow: 1,
        leaking: true,
      },
    ]);
    expect(result.bounded).toEqual([]);
  });

  it('clears the implicit global fixed with a local', async () => {
    const result = await prove({ module: fixture('implicit-global-fixed.cjs') });
    expect(result).toMatchObject({ leaked: false, verdict: 'clean', retained: [] });
  });

  it('proves the uncleared setInterval: Timeout handles and objects grow with the calls', async () => {
    const result = await prove({ module: fixture('interval-leak.mjs') });
    expect(result.leaked).toBe(true);
    expect(result.handles).toContainEqual({ type: 'Timeout', before: 101, after: 303, delta: 202, leaking: true });
    expect(result.growth.map((row) => row.constructor)).toContain('Timeout');
    expect(
      result.retainers.some((path) =>
        /timerListMap in system \/ Context → .* in Object → _idle(Next|Prev) in TimersList/.test(path),
      ),
    ).toBe(true);
  });

  it('clears the interval cleared in the same call', async () => {
    const result = await prove({ module: fixture('interval-fixed.mjs') });
    expect(result).toMatchObject({ leaked: false, verdict: 'clean', handles: [] });
  });

  it('calls a named async export and awaits it, with a smaller prime N', async () => {
    const result = await prove({ module: fixture('named-export.mjs'), exportName: 'handle', iterations: 31 });
    expect(result).toMatchObject({ leaked: true, iterations: 31 });
    expect(result.growth.map((row) => row.constructor).sort()).toEqual(['Date', 'Object']);
    expect(result.retainers.every((path) => path.includes('sessions in system / Context → table in Map'))).toBe(true);
  });

  it('gives the same verdict on repeated runs', async () => {
    const verdicts: string[] = [];
    for (let run = 0; run < 3; run++) {
      const [leaky, fixed] = await Promise.all([
        prove({ module: fixture('cache-leak.mjs'), iterations: 31 }),
        prove({ module: fixture('cache-fixed.mjs'), iterations: 31 }),
      ]);
      verdicts.push(`${leaky.verdict}:${leaky.growth.map((row) => row.constructor).join()} ${fixed.verdict}`);
    }
    expect(new Set(verdicts).size).toBe(1);
    expect(verdicts[0]).toBe('leak:Object,Array,(array) clean');
    // Six proofs: room for a busy machine (nothing here measures time).
  }, 120_000);
});

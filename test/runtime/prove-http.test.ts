/** End-to-end proofs in HTTP mode: the seed articles' servers against their fixes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { prove } from '../../src/runtime/prove.js';
import { fixture, requireBuiltRunner } from './helpers.js';

beforeAll(requireBuiltRunner);

describe('prove, HTTP mode', () => {
  it('proves the requestLogs server (node:http): one Object and one Date per request, held by requestLogs', async () => {
    const result = await prove({ module: fixture('request-logs.cjs'), http: '/' });
    expect(result).toMatchObject({ leaked: true, verdict: 'leak', mode: 'http' });
    expect(result.growth.map((row) => row.constructor).sort()).toEqual(['Date', 'Object']);
    expect(result.retainers).toContainEqual(
      expect.stringMatching(
        /^\(GC roots\) → … → requestLogs in system \/ Context → \[\d+\] in Array → date in Object → Date$/,
      ),
    );
    expect(result.retained.map((finding) => finding.holder)).toEqual(['requestLogs']);
    // Warm-up and both windows: 3·N requests, all answered.
    expect(result.http?.statusCodes).toEqual({ 200: 3 * 101 });
    expect(result.http?.port).toBeGreaterThan(0);
  });

  it('clears the fixed requestLogs server', async () => {
    const result = await prove({ module: fixture('request-logs-fixed.cjs'), http: true });
    expect(result).toMatchObject({ leaked: false, verdict: 'clean', growth: [], retained: [], handles: [] });
  });

  it('proves the Express app that keeps every request headers object in headersArray', async () => {
    const result = await prove({ module: fixture('express-headers.cjs'), http: '/' });
    expect(result.leaked).toBe(true);
    expect(result.growth.find((row) => row.constructor === 'Object')?.perIteration).toBeCloseTo(1, 1);
    expect(result.retainers).toContainEqual(
      expect.stringMatching(/^\(GC roots\) → … → headersArray in system \/ Context → \[\d+\] in Array → Object$/),
    );
    expect(result.retained.map((finding) => finding.holder)).toEqual(['headersArray']);
  });

  it('clears the fixed Express app', async () => {
    const result = await prove({ module: fixture('express-headers-fixed.cjs'), http: '/' });
    expect(result).toMatchObject({ leaked: false, verdict: 'clean', growth: [], retained: [] });
  });
});

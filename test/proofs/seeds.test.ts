/**
 * The seed articles' servers as HTTP-mode proofs (examples/proofs/seeds/<name>/): the `headersArray` Express route,
 * the `requestLogs` node:http server, and the `/bloatMyServer` route with its fix. Each is linted, proved and linked
 * like a rule's proof (see harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { defineProofSuite, seedProofs } from './harness.js';

const seeds = seedProofs();

describe('the seed servers', () => {
  it('are all here: two leaks, and /bloatMyServer with its fix, each reported by no-unbounded-collection', () => {
    expect(
      seeds.map(({ name, rule, fixed, manifest }) => [
        name,
        rule,
        manifest.mode,
        manifest.path,
        manifest.verdict,
        manifest.identifier,
        fixed !== undefined,
      ]),
    ).toEqual([
      ['seeds/bloat-my-server', 'no-unbounded-collection', 'http', '/bloatMyServer', 'leak', 'leaks', true],
      ['seeds/headers-array', 'no-unbounded-collection', 'http', '/', 'leak', 'headersArray', false],
      ['seeds/request-logs', 'no-unbounded-collection', 'http', '/', 'leak', 'requestLogs', false],
    ]);
  });
});

for (const proof of seeds) defineProofSuite(proof);

/** HTTP mode on the layouts real apps use: an app exported without listen() is served by prove itself. */
import { beforeAll, describe, expect, it } from 'vitest';
import { prove } from '../../src/runtime/prove.js';
import { ProveError } from '../../src/runtime/errors.js';
import { fixture, requireBuiltRunner } from './helpers.js';

beforeAll(requireBuiltRunner);

const N = 13;

describe('prove, HTTP mode, exported apps', () => {
  it('serves an exported Express app and proves the leaking route by its variable', async () => {
    const result = await prove({ module: fixture('exported-express.cjs'), http: '/leak', iterations: N });
    expect(result).toMatchObject({ verdict: 'leak', http: { served: 'express', statusCodes: { 200: 3 * N } } });
    expect(result.causes[0]).toMatchObject({ holder: 'seen', kind: 'variable', user: true, path: 'seen[] → Object' });
    expect(result.causes[0]?.location).toMatch(/exported-express\.cjs:6$/);
  });

  it('sends a POST with a JSON body to the same app, and finds nothing kept', async () => {
    const result = await prove({
      module: fixture('exported-express.cjs'),
      http: { method: 'POST', path: '/echo', body: '{"a":1}' },
      iterations: N,
    });
    expect(result).toMatchObject({ verdict: 'clean', route: { method: 'POST', path: '/echo', body: '{"a":1}' } });
    expect(result.http?.statusCodes).toEqual({ 200: 3 * N });
  });

  it('serves a plain (req, res) default export', async () => {
    const result = await prove({ module: fixture('exported-listener.mjs'), http: true, iterations: N });
    expect(result).toMatchObject({ verdict: 'clean', http: { served: 'listener', statusCodes: { 200: 3 * N } } });
  });

  it('listens on an exported http.Server that was never started', async () => {
    const result = await prove({ module: fixture('exported-server.cjs'), http: '/x', iterations: N });
    expect(result).toMatchObject({ verdict: 'leak', http: { served: 'server' } });
    expect(result.causes.map((cause) => cause.holder)).toEqual(['urls']);
  });

  it('uses the server the module starts itself before looking at its exports', async () => {
    const result = await prove({ module: fixture('request-logs.cjs'), http: '/', iterations: N });
    expect(result.http?.served).toBe('listen');
  });

  it('fails with NO_SUCCESS when every request gets a 404', async () => {
    const error = await prove({ module: fixture('all-404.cjs'), http: '/', iterations: N }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProveError);
    expect((error as ProveError).code).toBe('NO_SUCCESS');
    expect((error as ProveError).message).toContain(`(${3 * N} × 404)`);
  });

  it('rejects an unknown method', async () => {
    await expect(
      prove({ module: fixture('exported-listener.mjs'), http: { method: 'FETCH', path: '/' } }),
    ).rejects.toThrow('unknown HTTP method "FETCH"');
  });
});

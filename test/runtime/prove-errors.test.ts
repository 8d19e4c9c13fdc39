/** Proofs that cannot be made fail with a ProveError: a code and a one-line message. */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureSnapshots } from '../../src/runtime/capture.js';
import { ProveError } from '../../src/runtime/errors.js';
import { prove, type ProveOptions } from '../../src/runtime/prove.js';
import { fixture, requireBuiltRunner } from './helpers.js';

beforeAll(requireBuiltRunner);

async function failure(options: ProveOptions): Promise<ProveError> {
  const error = await prove(options).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ProveError)) throw new Error(`expected a ProveError, got ${String(error)}`);
  expect(error.message).not.toContain('\n');
  return error;
}

describe('prove errors', () => {
  it.each<[string, ProveOptions, string, RegExp]>([
    ['a missing module', { module: fixture('missing.mjs') }, 'MODULE_NOT_FOUND', /^module not found: .*missing\.mjs$/],
    [
      'a module that does not parse',
      { module: fixture('broken.mjs') },
      'MODULE_LOAD_FAILED',
      /^could not load broken\.mjs: /,
    ],
    [
      'a missing named export',
      { module: fixture('named-export.mjs'), exportName: 'nope' },
      'EXPORT_MISSING',
      /^named-export\.mjs has no export "nope" \(its exports: default, handle\)$/,
    ],
    [
      'a default export that is not a function',
      { module: fixture('named-export.mjs') },
      'EXPORT_MISSING',
      /^the default export of named-export\.mjs is an object, not a function$/,
    ],
    ['a unit that throws', { module: fixture('throws.mjs') }, 'UNIT_FAILED', /failed on unit 1: boom on purpose$/],
    [
      'a promise that never settles',
      { module: fixture('never-settles.mjs') },
      'UNIT_FAILED',
      /^unit 1 \(never-settles\.mjs default export\) returned a promise that never settles/,
    ],
    [
      'a child that exits',
      { module: fixture('exits.mjs') },
      'CHILD_CRASHED',
      /^the child process exited with code 3 during warm-up$/,
    ],
    [
      'a child past its time limit',
      { module: fixture('hangs.mjs'), timeoutMs: 6000 },
      'TIMEOUT',
      /^the child process ran past its time limit of 6000 ms \(during warm-up\) and was killed$/,
    ],
    [
      'HTTP mode without a server',
      { module: fixture('no-server.cjs'), http: '/' },
      'NO_SERVER',
      /^no-server\.cjs did not start a server/,
    ],
    [
      'a bad iteration count',
      { module: fixture('cache-leak.mjs'), iterations: 0 },
      'INVALID_OPTIONS',
      /^iterations must be/,
    ],
    [
      'an HTTP path without a slash',
      { module: fixture('request-logs.cjs'), http: 'health' },
      'INVALID_OPTIONS',
      /must start with "\/"/,
    ],
  ])('reports %s', async (_name, options, code, message) => {
    const error = await failure(options);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('captureSnapshots', () => {
  it('writes three snapshots in a temporary directory and removes it on dispose', async () => {
    const capture = await captureSnapshots({
      modulePath: fixture('cache-fixed.mjs'),
      iterations: 11,
      http: false,
      timeoutMs: 30_000,
    });
    const result = await capture.result;
    const paths = await Promise.all(capture.snapshots);
    expect(paths).toEqual([...result.snapshots]);
    expect(paths.every((path) => existsSync(path))).toBe(true);
    expect(result.builtinGlobals).toContain('setTimeout');
    expect(result.runnerScript).toMatch(/child-runner\.js$/);
    await capture.dispose();
    expect(paths.some((path) => existsSync(path))).toBe(false);
  });
});

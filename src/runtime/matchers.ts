/**
 * Leak tests in the user's own test runner.
 *
 * - vitest / jest: `expect.extend(leakMatchers)`, then `await expect(fn).not.toLeak({ iterations: 31 })`.
 * - node:test (or any runner): `await assertNoLeak(fn)`, which throws an `AssertionError`.
 *
 * The subject is either a live function, proved in this process (one call per unit), or a module to prove in a
 * child process as `leakproof prove` does: `{ module: 'src/handler.js', exportName: 'handle' }` or
 * `{ module: 'src/app.js', http: 'GET /users' }`. A failure message is the report `prove` prints: the cause by
 * name, its file and line, and the retainer path to it.
 */
import { AssertionError } from 'node:assert';
import { formatProof } from './format.js';
import { proveFunction, type FunctionProofOptions } from './in-process.js';
import { prove, type ProofResult, type ProveOptions } from './prove.js';

export type LeakSubject = (() => unknown) | ProveOptions;

export interface LeakOptions extends FunctionProofOptions {
  /** Child-process proofs only: the time limit (default 60 s). */
  readonly timeoutMs?: number;
}

/** Runs the proof a subject calls for: in this process for a function, in a child process for a module. */
export function proveSubject(subject: LeakSubject, options: LeakOptions = {}): Promise<ProofResult> {
  if (typeof subject === 'function') return proveFunction(subject, options);
  return prove({
    ...subject,
    ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

/** Resolves with the proof when nothing leaks; throws an `AssertionError` with the report when something does. */
export async function assertNoLeak(subject: LeakSubject, options: LeakOptions = {}): Promise<ProofResult> {
  const result = await proveSubject(subject, options);
  if (result.verdict !== 'clean') {
    throw new AssertionError({
      message: `expected no leak, but:\n${formatProof(result)}`,
      actual: result.verdict,
      expected: 'clean',
      operator: 'assertNoLeak',
    });
  }
  return result;
}

interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
 * `toLeak` for `expect.extend`: passes when the subject leaks or retains, so `.not.toLeak()` fails with the report.
 */
export async function toLeak(this: unknown, subject: unknown, options: LeakOptions = {}): Promise<MatcherResult> {
  if (typeof subject !== 'function' && (typeof subject !== 'object' || subject === null || !('module' in subject))) {
    return { pass: false, message: () => 'toLeak() expects a function, or { module, exportName | http }' };
  }
  const result = await proveSubject(subject as LeakSubject, options);
  const pass = result.verdict !== 'clean';
  return {
    pass,
    message: () =>
      pass ? `expected no leak, but:\n${formatProof(result)}` : `expected a leak, but:\n${formatProof(result)}`,
  };
}

/** For `expect.extend(leakMatchers)` in vitest or jest. */
export const leakMatchers = { toLeak };

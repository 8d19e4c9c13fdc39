/**
 * A proof of a live function, in the calling process: what a test runner's matcher needs, since the function may
 * close over the test's own state and cannot be sent to a child. The method is `prove()`'s (warm-up, three
 * snapshots N units apart, the same analysis), with the calling process's heap as the subject. Only the objects
 * the units allocate and keep count, so the test runner's own heap is constant noise.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setImmediate as nextImmediate, setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ProveError } from './errors.js';
import { diffHandles } from './handles.js';
import type { HandleCounts } from './protocol.js';
import { analyseSnapshots, DEFAULT_ITERATIONS, userScriptFilter, type ProofResult } from './prove.js';
import { parseHeapSnapshot } from './snapshot-parser.js';

export interface FunctionProofOptions {
  /** Units of work per phase (N); default 101. */
  readonly iterations?: number;
  /** Files in the report are shown relative to this directory; default `process.cwd()`. */
  readonly cwd?: string;
  /** Names the function in the report; default its name. */
  readonly label?: string;
}

const RUNTIME_DIR = dirname(fileURLToPath(import.meta.url));

function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function settle(gc: () => void): Promise<void> {
  for (let round = 0; round < 2; round++) {
    gc();
    await nextImmediate();
    await sleep(0);
  }
}

function countHandles(): HandleCounts {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

async function runUnits(fn: () => unknown, count: number, label: string, done: { calls: number }): Promise<void> {
  for (let index = 0; index < count; index++) {
    try {
      const result = fn();
      if (result !== null && typeof (result as { then?: unknown } | undefined)?.then === 'function') await result;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ProveError('UNIT_FAILED', `${label} failed on unit ${done.calls + 1}: ${reason.split('\n', 1)[0]}`);
    }
    done.calls++;
  }
}

/** Proves `fn` (one call per unit, awaited when it returns a promise) in this process. */
export async function proveFunction(fn: () => unknown, options: FunctionProofOptions = {}): Promise<ProofResult> {
  if (typeof fn !== 'function') throw new ProveError('INVALID_OPTIONS', 'expected a function to prove');
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new ProveError('INVALID_OPTIONS', `iterations must be a positive integer, got ${String(options.iterations)}`);
  }
  const cwd = options.cwd ?? process.cwd();
  const label = options.label ?? (fn.name ? `${fn.name}()` : 'the function');
  const started = performance.now();
  const gc = collector();
  const builtinGlobals = Object.getOwnPropertyNames(globalThis);
  const dir = await mkdtemp(join(tmpdir(), 'leakproof-'));
  try {
    const files = ['a', 'b', 'c'].map((name) => join(dir, `${name}.heapsnapshot`));
    const done = { calls: 0 };
    const windows: number[] = [];
    await runUnits(fn, iterations, label, done);
    await settle(gc);
    const handlesBefore = countHandles();
    let snapshotsMs = 0;
    for (const [index, file] of files.entries()) {
      if (index > 0) {
        const windowStart = performance.now();
        await runUnits(fn, iterations, label, done);
        windows.push(Math.round(performance.now() - windowStart));
        await settle(gc);
      }
      const snapshotStart = performance.now();
      v8.writeHeapSnapshot(file);
      snapshotsMs += performance.now() - snapshotStart;
    }
    const handlesAfter = countHandles();
    const runDone = performance.now();
    const [before, middle, after] = await Promise.all(files.map((file) => parseHeapSnapshot(file)));
    const userScripts = userScriptFilter(join(cwd, 'index.js'), import.meta.url);
    const analysis = analyseSnapshots(before!, middle!, after!, {
      iterations,
      // leakproof's own files are not the code under test.
      isUserScript: (script) =>
        userScripts(script) && !(script.startsWith('file:') ? fileURLToPath(script) : script).startsWith(RUNTIME_DIR),
      builtinGlobals,
      cwd,
    });
    const handles = diffHandles(handlesBefore, handlesAfter, iterations);
    const leaked = analysis.growth.length > 0 || handles.some((change) => change.leaking);
    const finished = performance.now();
    return {
      module: label,
      mode: 'function',
      leaked,
      verdict: leaked ? 'leak' : analysis.retained.length > 0 ? 'retained' : 'clean',
      iterations,
      ...analysis,
      handles,
      durationMs: Math.round(finished - started),
      timings: {
        loadMs: 0,
        warmupMs: 0,
        firstWindowMs: windows[0] ?? 0,
        secondWindowMs: windows[1] ?? 0,
        snapshotsMs: Math.round(snapshotsMs),
        childMs: Math.round(runDone - started),
        analysisMs: Math.round(finished - runDone),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

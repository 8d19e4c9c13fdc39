/**
 * `prove()`: run a module's unit of work in a child process, snapshot the heap three times and decide,
 * as one would in DevTools, whether memory grows with the work and what holds it.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureSnapshots } from './capture.js';
import { diffSnapshots, sampleSurvivors, type ComparisonRow, type GrowthRow } from './diff.js';
import { ProveError } from './errors.js';
import { diffHandles, type HandleChange } from './handles.js';
import type { RunnerResult } from './protocol.js';
import { findRetained, type RetainedFinding } from './retention.js';
import { retainerPaths, ShortestPaths, type RetainerGroup } from './retainers.js';
import type { HeapSnapshot } from './heap-snapshot.js';
import { parseHeapSnapshot } from './snapshot-parser.js';

/** A prime, so periodic behaviour of the code under test (every 2nd, 10th, 64th call) cannot line up with N. */
export const DEFAULT_ITERATIONS = 101;
export const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_ITERATIONS = 100_000;
/** Survivors per leaking constructor whose retainer paths are computed. */
const SAMPLES_PER_CONSTRUCTOR = 12;
/** Path shapes kept per leaking constructor; a second one only if more than one sample shares it. */
const PATHS_PER_CONSTRUCTOR = 2;
const MAX_TRACED_CONSTRUCTORS = 8;

export interface ProveOptions {
  /** The module under test, absolute or relative to `cwd`. */
  readonly module: string;
  /** Function mode: the export to call; the default export when omitted. */
  readonly exportName?: string;
  /** Units of work per phase (N); default 101. */
  readonly iterations?: number;
  /** HTTP mode: the module starts a server when imported, and each unit is a GET of this path ('/' for true). */
  readonly http?: string | boolean;
  /** Time limit for the child process; default 60 s. */
  readonly timeoutMs?: number;
  /** Base directory for a relative `module`; default `process.cwd()`. */
  readonly cwd?: string;
}

export type Verdict = 'leak' | 'retained' | 'clean';

export interface ProofResult {
  readonly module: string;
  readonly mode: 'function' | 'http';
  /** Memory or handles grow with the work (see `growth` and `handles`). */
  readonly leaked: boolean;
  /** 'leak' when it leaked, else 'retained' when objects of the units outlive them, else 'clean'. */
  readonly verdict: Verdict;
  readonly iterations: number;
  /** Constructors whose survivors scale with the work. */
  readonly growth: readonly GrowthRow[];
  /** DevTools' Comparison view from the first snapshot to the last, by delta. */
  readonly comparison: readonly ComparisonRow[];
  /** Retainer paths of sampled survivors of the growing constructors. */
  readonly retainers: readonly string[];
  readonly retainerGroups: readonly RetainerGroup[];
  /**
   * Objects of the units still held by a user variable or global, in a way that counts: a value a unit assigned to
   * the name itself (`setName()`), or a container of the user's that grows, however slowly.
   */
  readonly retained: readonly RetainedFinding[];
  /**
   * Information, not a leak: containers of the user's (a bounded cache at capacity, an agent's pool, a Map's table,
   * an emitter's property store) that hold objects of the latest units without growing with the work.
   */
  readonly bounded: readonly RetainedFinding[];
  /** Handle types whose count changed. */
  readonly handles: readonly HandleChange[];
  readonly durationMs: number;
  readonly timings: RunnerResult['timings'] & { readonly childMs: number; readonly analysisMs: number };
  readonly http?: RunnerResult['http'];
}

function checkOptions(options: ProveOptions): {
  modulePath: string;
  iterations: number;
  http: string | false;
  timeoutMs: number;
} {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new ProveError(
      'INVALID_OPTIONS',
      `iterations must be an integer from 1 to ${MAX_ITERATIONS}, got ${String(options.iterations)}`,
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ProveError('INVALID_OPTIONS', `timeoutMs must be a positive number, got ${String(options.timeoutMs)}`);
  }
  const http = options.http === true ? '/' : (options.http ?? false);
  if (http !== false && !http.startsWith('/')) {
    throw new ProveError('INVALID_OPTIONS', `the HTTP path must start with "/", got "${http}"`);
  }
  const modulePath = resolve(options.cwd ?? process.cwd(), options.module);
  if (!existsSync(modulePath) || !statSync(modulePath).isFile()) {
    throw new ProveError('MODULE_NOT_FOUND', `module not found: ${options.module}`);
  }
  return { modulePath, iterations, http, timeoutMs };
}

/** The package directory when the module itself is inside node_modules (so its own files count). */
function ownPackageRoot(modulePath: string): string | undefined {
  const marker = `${sep}node_modules${sep}`;
  const at = modulePath.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = modulePath.slice(at + marker.length).split(sep);
  const depth = parts[0]?.startsWith('@') ? 2 : 1;
  return modulePath.slice(0, at + marker.length) + parts.slice(0, depth).join(sep);
}

/**
 * Which scripts are the user's: files on disk, not Node's own (`node:…`), not the runner, and not
 * dependencies in node_modules (unless the module under test is one).
 */
export function userScriptFilter(modulePath: string, runnerScript: string): (scriptName: string) => boolean {
  const packageRoot = ownPackageRoot(modulePath);
  return (scriptName) => {
    if (scriptName === runnerScript) return false;
    let path: string;
    if (scriptName.startsWith('file:')) {
      try {
        path = fileURLToPath(scriptName);
      } catch {
        return false;
      }
    } else if (isAbsolute(scriptName)) {
      path = scriptName;
    } else {
      return false;
    }
    if (!path.includes(`${sep}node_modules${sep}`)) return true;
    return packageRoot !== undefined && path.startsWith(packageRoot + sep);
  };
}

/** Runs the proof; throws `ProveError` when it cannot be made (module missing, child crashed, time limit). */
export async function prove(options: ProveOptions): Promise<ProofResult> {
  const started = performance.now();
  const { modulePath, iterations, http, timeoutMs } = checkOptions(options);
  const capture = await captureSnapshots({ modulePath, exportName: options.exportName, iterations, http, timeoutMs });
  try {
    // Parse A and B while the child is still working on the next phases (the machine has 2+ cores).
    const parsed = capture.snapshots.map((path) => path.then((file) => parseHeapSnapshot(file)));
    for (const snapshot of parsed) snapshot.catch(() => undefined);
    const result = await capture.result;
    const childDone = performance.now();
    const [before, middle, after] = (await Promise.all(parsed)) as [HeapSnapshot, HeapSnapshot, HeapSnapshot];
    const diff = diffSnapshots(before, middle, after, { iterations });
    const paths = new ShortestPaths(after);

    const retainerGroups: RetainerGroup[] = [];
    for (const row of diff.growth.slice(0, MAX_TRACED_CONSTRUCTORS)) {
      const sample = sampleSurvivors(after, row.constructor, diff.maxIdBefore, SAMPLES_PER_CONSTRUCTOR);
      const groups = retainerPaths(after, sample, paths, { newerThanId: diff.maxIdBefore });
      retainerGroups.push(
        ...groups.slice(0, PATHS_PER_CONSTRUCTOR).filter((group, rank) => rank === 0 || group.count > 1),
      );
    }
    const holders = findRetained(after, paths, {
      newerThanId: diff.maxIdBefore,
      middleId: diff.maxIdMiddle,
      builtinGlobals: new Set(result.builtinGlobals),
      isUserScript: userScriptFilter(modulePath, result.runnerScript),
    });
    const retained = holders.filter((finding) => finding.leaking);
    const bounded = holders.filter((finding) => !finding.leaking);
    const handles = diffHandles(result.handlesBefore, result.handlesAfter, iterations);
    const leaked = diff.growth.length > 0 || handles.some((change) => change.leaking);
    const finished = performance.now();
    return {
      module: modulePath,
      mode: http === false ? 'function' : 'http',
      leaked,
      verdict: leaked ? 'leak' : retained.length > 0 ? 'retained' : 'clean',
      iterations,
      growth: diff.growth,
      comparison: diff.comparison,
      retainers: [...new Set(retainerGroups.map((group) => group.path))],
      retainerGroups,
      retained,
      bounded,
      handles,
      durationMs: Math.round(finished - started),
      timings: {
        ...result.timings,
        childMs: Math.round(childDone - started),
        analysisMs: Math.round(finished - childDone),
      },
      ...(result.http ? { http: result.http } : {}),
    };
  } finally {
    await capture.dispose();
  }
}

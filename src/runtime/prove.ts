/**
 * `prove()`: run a module's unit of work in a child process, snapshot the heap three times and decide,
 * as one would in DevTools, whether memory grows with the work and what holds it.
 */
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nameBlockScopeSlots } from './block-scopes.js';
import { captureSnapshots } from './capture.js';
import { findCauses, type Cause } from './causes.js';
import { diffSnapshots, sampleSurvivors, type ComparisonRow, type GrowthRow } from './diff.js';
import { ProveError } from './errors.js';
import { diffHandles, type HandleChange } from './handles.js';
import type { HttpRoute, RunnerResult } from './protocol.js';
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
  /**
   * HTTP mode: each unit is one request to the server the module starts (or to the app it exports, served by prove):
   * a path for a GET ('/' for true), or a route with a method and a body.
   */
  readonly http?: string | boolean | HttpRoute;
  /** Time limit for the child process; default 60 s. */
  readonly timeoutMs?: number;
  /** Base directory for a relative `module`; default `process.cwd()`. */
  readonly cwd?: string;
  /** Keep the three snapshots (a.heapsnapshot, b…, c…) in this directory, for Chrome DevTools. */
  readonly heapSnapshotDir?: string;
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
  /**
   * What holds the growth, by name: the variable, global, export or listener array each surviving object is reached
   * through, counted exactly, largest first. Only holders that grow with the work are listed.
   */
  readonly causes: readonly Cause[];
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
  /** HTTP mode: the request each unit sent. */
  readonly route?: HttpRoute;
  /** The kept snapshots, when `heapSnapshotDir` was given. */
  readonly heapSnapshots?: readonly string[];
}

function checkOptions(options: ProveOptions): {
  modulePath: string;
  iterations: number;
  http: HttpRoute | false;
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
  const http = toRoute(options.http ?? false);
  const modulePath = resolve(options.cwd ?? process.cwd(), options.module);
  if (!existsSync(modulePath) || !statSync(modulePath).isFile()) {
    throw new ProveError('MODULE_NOT_FOUND', `module not found: ${options.module}`);
  }
  return { modulePath, iterations, http, timeoutMs };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function toRoute(http: string | boolean | HttpRoute): HttpRoute | false {
  if (http === false) return false;
  const route: HttpRoute =
    http === true ? { method: 'GET', path: '/' } : typeof http === 'string' ? { method: 'GET', path: http } : http;
  if (typeof route.path !== 'string' || !route.path.startsWith('/')) {
    throw new ProveError('INVALID_OPTIONS', `the HTTP path must start with "/", got "${String(route.path)}"`);
  }
  const method = String(route.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw new ProveError('INVALID_OPTIONS', `unknown HTTP method "${String(route.method)}"`);
  if (route.body !== undefined && typeof route.body !== 'string')
    throw new ProveError('INVALID_OPTIONS', 'the HTTP body must be a string');
  return { method, path: route.path, ...(route.body === undefined ? {} : { body: route.body }) };
}

/** `GET /users`, `POST /login {"user":"a"}`. */
export function routeLabel(route: HttpRoute): string {
  return `${route.method} ${route.path}${route.body === undefined ? '' : ` ${route.body.length > 40 ? `${route.body.slice(0, 40)}…` : route.body}`}`;
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

/** A file for the report: relative to `cwd` when inside it, from `node_modules/` for a dependency, else absolute. */
function displayPath(cwd: string, file: string): string {
  const marker = `${sep}node_modules${sep}`;
  const rel = relative(cwd, file);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel;
  const at = file.lastIndexOf(marker);
  return at >= 0 ? file.slice(at + 1) : file;
}

export interface AnalysisContext {
  readonly iterations: number;
  readonly isUserScript: (scriptName: string) => boolean;
  /** Global property names that existed before the code under test loaded. */
  readonly builtinGlobals: readonly string[];
  /** Files are shown relative to this directory. */
  readonly cwd: string;
}

export type SnapshotAnalysis = Pick<
  ProofResult,
  'growth' | 'causes' | 'comparison' | 'retainers' | 'retainerGroups' | 'retained' | 'bounded'
>;

/** The analysis of the three snapshots A, B and C: growth, causes, retainer paths and the retention verdict. */
export function analyseSnapshots(
  before: HeapSnapshot,
  middle: HeapSnapshot,
  after: HeapSnapshot,
  context: AnalysisContext,
): SnapshotAnalysis {
  const { iterations } = context;
  const diff = diffSnapshots(before, middle, after, { iterations });
  nameBlockScopeSlots(after);
  const paths = new ShortestPaths(after);
  const retainerGroups: RetainerGroup[] = [];
  for (const row of diff.growth.slice(0, MAX_TRACED_CONSTRUCTORS)) {
    const sample = sampleSurvivors(after, row.constructor, diff.maxIdBefore, SAMPLES_PER_CONSTRUCTOR);
    const groups = retainerPaths(after, sample, paths, { newerThanId: diff.maxIdBefore });
    retainerGroups.push(
      ...groups.slice(0, PATHS_PER_CONSTRUCTOR).filter((group, rank) => rank === 0 || group.count > 1),
    );
  }
  const causes = findCauses(
    after,
    paths,
    { newerThanId: diff.maxIdBefore, middleId: diff.maxIdMiddle, iterations, isUserScript: context.isUserScript },
    (file) => displayPath(context.cwd, file),
  );
  const holders = findRetained(after, paths, {
    newerThanId: diff.maxIdBefore,
    middleId: diff.maxIdMiddle,
    builtinGlobals: new Set(context.builtinGlobals),
    isUserScript: context.isUserScript,
  });
  return {
    growth: diff.growth,
    causes,
    comparison: diff.comparison,
    retainers: [...new Set(retainerGroups.map((group) => group.path))],
    retainerGroups,
    retained: holders.filter((finding) => finding.leaking),
    bounded: holders.filter((finding) => !finding.leaking),
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
    if (http !== false && result.http) {
      const codes = Object.entries(result.http.statusCodes);
      const succeeded = codes.some(([code]) => Number(code) >= 200 && Number(code) < 400);
      if (!succeeded) {
        const seen = codes.map(([code, count]) => `${count} × ${code}`).join(', ');
        throw new ProveError(
          'NO_SUCCESS',
          `no request to ${routeLabel(http)} succeeded (${seen}): the route's code never ran, so nothing was proved; check the method and path`,
        );
      }
    }
    const [before, middle, after] = (await Promise.all(parsed)) as [HeapSnapshot, HeapSnapshot, HeapSnapshot];
    const analysis = analyseSnapshots(before, middle, after, {
      iterations,
      isUserScript: userScriptFilter(modulePath, result.runnerScript),
      builtinGlobals: result.builtinGlobals,
      cwd: options.cwd ?? process.cwd(),
    });
    const handles = diffHandles(result.handlesBefore, result.handlesAfter, iterations);
    const leaked = analysis.growth.length > 0 || handles.some((change) => change.leaking);
    let heapSnapshots: string[] | undefined;
    if (options.heapSnapshotDir !== undefined) {
      const dir = resolve(options.cwd ?? process.cwd(), options.heapSnapshotDir);
      await mkdir(dir, { recursive: true });
      heapSnapshots = [];
      for (const file of result.snapshots) {
        const kept = join(dir, basename(file));
        await copyFile(file, kept);
        heapSnapshots.push(kept);
      }
    }
    const finished = performance.now();
    return {
      module: modulePath,
      mode: http === false ? 'function' : 'http',
      leaked,
      verdict: leaked ? 'leak' : analysis.retained.length > 0 ? 'retained' : 'clean',
      iterations,
      ...analysis,
      handles,
      durationMs: Math.round(finished - started),
      timings: {
        ...result.timings,
        childMs: Math.round(childDone - started),
        analysisMs: Math.round(finished - childDone),
      },
      ...(result.http ? { http: result.http } : {}),
      ...(http === false ? {} : { route: http }),
      ...(heapSnapshots ? { heapSnapshots } : {}),
    };
  } finally {
    await capture.dispose();
  }
}

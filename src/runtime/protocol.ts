/**
 * Messages between the analysing process and the child that runs the code under test. The child is
 * started with a JSON `RunnerConfig` as its only argument and answers over the IPC channel.
 */

export interface RunnerConfig {
  /** Absolute path of the module under test. */
  readonly modulePath: string;
  /** Function mode: the export to call (undefined means the default export). */
  readonly exportName: string | undefined;
  /** Units of work per phase (N). */
  readonly iterations: number;
  /** HTTP mode: the request each unit sends; false for function mode. */
  readonly http: HttpRoute | false;
  /** Where to write the three snapshots. */
  readonly snapshotDir: string;
}

/** One HTTP request: `GET /users`, `POST /login {"user":"a"}`. */
export interface HttpRoute {
  readonly method: string;
  readonly path: string;
  /** Sent as the request body; as `application/json` when it parses as JSON. */
  readonly body?: string;
}

export type RunnerPhase = 'loading' | 'warm-up' | 'measuring';

export type RunnerErrorCode =
  'MODULE_LOAD_FAILED' | 'EXPORT_MISSING' | 'NO_SERVER' | 'UNIT_FAILED' | 'UNCAUGHT_EXCEPTION' | 'RUNNER_FAILED';

/** Counts of `process.getActiveResourcesInfo()` entries by type. */
export type HandleCounts = Readonly<Record<string, number>>;

export interface RunnerResult {
  /** Snapshot files A, B and C. */
  readonly snapshots: readonly [string, string, string];
  /** Active handles after warm-up, and after snapshot C. */
  readonly handlesBefore: HandleCounts;
  readonly handlesAfter: HandleCounts;
  /** Global property names present before the module under test was imported. */
  readonly builtinGlobals: readonly string[];
  /** The runner's own script name as V8 records it, so its scopes are not taken for the user's. */
  readonly runnerScript: string;
  /** HTTP mode: the port found and the response status codes seen. */
  readonly http?: {
    readonly port: number;
    readonly statusCodes: Readonly<Record<string, number>>;
    /** How the server came up: the module called listen(), or prove served what the module exports. */
    readonly served: 'listen' | 'express' | 'koa' | 'fastify' | 'server' | 'listener';
  };
  readonly timings: {
    readonly loadMs: number;
    readonly warmupMs: number;
    readonly firstWindowMs: number;
    readonly secondWindowMs: number;
    readonly snapshotsMs: number;
  };
}

export type RunnerMessage =
  | { readonly type: 'phase'; readonly phase: RunnerPhase }
  /** Snapshot `index` (0 = A, 1 = B, 2 = C) is complete on disk: the parent may parse it meanwhile. */
  | { readonly type: 'snapshot'; readonly index: 0 | 1 | 2; readonly path: string }
  | { readonly type: 'error'; readonly code: RunnerErrorCode; readonly message: string }
  | { readonly type: 'done'; readonly result: RunnerResult };

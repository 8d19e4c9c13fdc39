/**
 * Runs the child runner in a fresh Node process and collects its snapshots. The code under test never
 * runs in the analysing process: its heap would be polluted by ours, and a crash or a hang must not
 * take the caller down. The child gets a time limit and is killed when it runs past it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ProveError } from './errors.js';
import type { HttpRoute, RunnerConfig, RunnerMessage, RunnerPhase, RunnerResult } from './protocol.js';

export interface CaptureOptions {
  /** Absolute path of the module under test. */
  readonly modulePath: string;
  readonly exportName?: string;
  readonly iterations: number;
  readonly http: HttpRoute | false;
  readonly timeoutMs: number;
}

export interface Capture {
  /** Paths of snapshots A, B and C, each resolved as soon as the child has written it. */
  readonly snapshots: readonly [Promise<string>, Promise<string>, Promise<string>];
  /** Resolves when the child has finished; rejects with a `ProveError` when it failed. */
  readonly result: Promise<RunnerResult>;
  /** Kills the child if it still runs and deletes the snapshot directory. */
  dispose(): Promise<void>;
}

/**
 * The child must run plain JavaScript, so it is always the built `child-runner.js`: next to this file
 * when running from dist/, or in dist/ when this file is the TypeScript source (tests).
 */
export function childRunnerPath(): string {
  const here = fileURLToPath(import.meta.url);
  const runner = here.endsWith('.ts')
    ? resolve(dirname(here), '../../dist/src/runtime/child-runner.js')
    : join(dirname(here), 'child-runner.js');
  if (!existsSync(runner)) {
    throw new ProveError(
      'RUNNER_MISSING',
      `the child runner is not built (missing ${runner}); run \`npm run build\` first`,
    );
  }
  return runner;
}

const TYPESCRIPT = /\.(ts|mts|cts|tsx)$/;

/** The entry of `import 'tsx'` from the nearest node_modules/tsx above the module, or undefined. */
function findTsx(modulePath: string): string | undefined {
  for (let dir = dirname(modulePath); ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', 'tsx', 'package.json');
    if (existsSync(manifest)) {
      try {
        const json = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown> };
        const main = json.exports?.['.'];
        const entry =
          typeof main === 'string'
            ? main
            : typeof main === 'object' && main !== null
              ? ((main as Record<string, unknown>).import ?? (main as Record<string, unknown>).default)
              : undefined;
        if (typeof entry === 'string') return pathToFileURL(join(dir, 'node_modules', 'tsx', entry)).href;
      } catch {
        return undefined;
      }
      return undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Node flags the child needs for the module: a TypeScript module runs through the project's own tsx, unless
 * NODE_OPTIONS already names a loader.
 */
function loaderFlags(modulePath: string): string[] {
  if (!TYPESCRIPT.test(modulePath)) return [];
  if (/--(import|loader|experimental-loader|experimental-strip-types|require)\b/.test(process.env.NODE_OPTIONS ?? ''))
    return [];
  const tsx = findTsx(modulePath);
  if (!tsx) {
    throw new ProveError(
      'TYPESCRIPT_LOADER_MISSING',
      `${basename(modulePath)} is TypeScript and no tsx was found in its project: install it there (npm install --save-dev tsx), or prove the compiled .js`,
    );
  }
  return ['--import', tsx];
}

function isRunnerMessage(value: unknown): value is RunnerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  return lines.filter((line) => line.length > 0).pop() ?? '';
}

const STDERR_KEPT = 8192;

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // Callers may never await a snapshot when the run fails early; the failure surfaces via `result`.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Spawns the child runner; its snapshots go to a fresh temporary directory. */
export async function captureSnapshots(options: CaptureOptions): Promise<Capture> {
  const runner = childRunnerPath();
  const loader = loaderFlags(options.modulePath);
  const snapshotDir = await mkdtemp(join(tmpdir(), 'leakproof-'));
  const config: RunnerConfig = {
    modulePath: options.modulePath,
    exportName: options.exportName,
    iterations: options.iterations,
    http: options.http,
    snapshotDir,
  };
  const snapshots = [deferred<string>(), deferred<string>(), deferred<string>()] as const;
  const result = deferred<RunnerResult>();

  const env = config.http === false ? process.env : { ...process.env, PORT: '0' };
  const child = spawn(process.execPath, ['--expose-gc', ...loader, runner, JSON.stringify(config)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env,
  });
  let phase: RunnerPhase | 'start-up' = 'start-up';
  let stderr = '';
  let done: RunnerResult | undefined;
  let failure: ProveError | undefined;
  let settled = false;

  const finish = (error: ProveError | undefined): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (error) {
      result.reject(error);
      for (const snapshot of snapshots) snapshot.reject(error);
    } else if (done) {
      result.resolve(done);
    }
  };
  const timer = setTimeout(() => {
    finish(
      new ProveError(
        'TIMEOUT',
        `the child process ran past its time limit of ${options.timeoutMs} ms (during ${phase}) and was killed`,
      ),
    );
    child.kill('SIGKILL');
  }, options.timeoutMs);

  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEPT);
  });
  child.on('message', (message: unknown) => {
    if (!isRunnerMessage(message)) return;
    if (message.type === 'phase') phase = message.phase;
    else if (message.type === 'snapshot') snapshots[message.index]?.resolve(message.path);
    else if (message.type === 'error') failure = new ProveError(message.code, message.message);
    else done = message.result;
  });
  child.on('error', (error) =>
    finish(new ProveError('CHILD_CRASHED', `could not start the child process: ${error.message}`)),
  );
  const closed = new Promise<void>((resolveClosed) => {
    child.on('close', (code, signal) => {
      resolveClosed();
      if (done) return finish(undefined);
      if (failure) return finish(failure);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;
      const detail = lastLine(stderr);
      finish(new ProveError('CHILD_CRASHED', `the child process ${how} during ${phase}${detail ? `: ${detail}` : ''}`));
    });
  });

  const dispose = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await closed;
    }
    await rm(snapshotDir, { recursive: true, force: true });
  };
  return {
    snapshots: [snapshots[0].promise, snapshots[1].promise, snapshots[2].promise],
    result: result.promise,
    dispose,
  };
}

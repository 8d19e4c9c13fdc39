/**
 * The child process of a proof. The analysing process spawns this file with `--expose-gc`; it loads
 * the module under test, runs units of work and writes three heap snapshots:
 *
 *   warm-up (N units) → settle → snapshot A → N units → settle → snapshot B → N units → settle → snapshot C
 *
 * "Settle" is two full collections with a turn of the event loop after each, so pending callbacks run
 * and what they free is gone. The runner keeps no reference to anything a unit returns, and talks to
 * the parent only before snapshot A and after snapshot C, so it adds nothing that scales with N.
 */
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { basename, join } from 'node:path';
import { setImmediate as nextImmediate, setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import type {
  HandleCounts,
  HttpRoute,
  RunnerConfig,
  RunnerErrorCode,
  RunnerMessage,
  RunnerPhase,
  RunnerResult,
} from './protocol.js';

// Taken before anything of the user's runs: what is not in here, the user's code defined.
const builtinGlobals = Object.getOwnPropertyNames(globalThis);

/** How long an HTTP-mode module may take, after import, to call listen(). */
const LISTEN_WAIT_MS = 3_000;
/** How long to wait for a listen() before serving what the module exports instead. */
const EXPORT_SERVE_AFTER_MS = 50;

class RunnerError extends Error {
  constructor(
    readonly code: RunnerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Unit = () => unknown;

interface LoadedUnit {
  readonly unit: Unit;
  /** Names the unit in error messages. */
  readonly what: string;
  /** HTTP mode: the server's port. */
  readonly port?: number;
  readonly served?: NonNullable<RunnerResult['http']>['served'];
}

type Served = NonNullable<RunnerResult['http']>['served'];

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/**
 * Serves an app the module exports without listening: an express app or a plain `(req, res)` listener (a function),
 * a koa app (`callback()`), a fastify instance (`listen()` on its own server) or an `http.Server`. Returns how, or
 * undefined when the value is none of these.
 */
async function serveExport(value: unknown): Promise<Served | undefined> {
  if (!isObject(value)) return undefined;
  if (value instanceof net.Server) {
    value.listen(0, '127.0.0.1');
    return 'server';
  }
  if (value.server instanceof net.Server && typeof value.listen === 'function' && typeof value.ready === 'function') {
    await (value.listen as (options: object) => Promise<unknown>).call(value, { port: 0, host: '127.0.0.1' });
    return 'fastify';
  }
  if (typeof value.callback === 'function' && typeof value.use === 'function') {
    const listener = (value.callback as () => http.RequestListener).call(value);
    http.createServer(listener).listen(0, '127.0.0.1');
    return 'koa';
  }
  // A request listener takes (req, res), an express app (req, res, next): a function of fewer parameters is not one.
  if (typeof value === 'function' && (value as unknown as (...args: unknown[]) => unknown).length >= 2) {
    const app = value as unknown as http.RequestListener & { handle?: unknown; use?: unknown };
    http.createServer(app).listen(0, '127.0.0.1');
    return typeof app.handle === 'function' && typeof app.use === 'function' ? 'express' : 'listener';
  }
  return undefined;
}

/** The export to serve: the default export (module.exports), else one named app, server, handler or listener. */
function servableExports(namespace: Record<string, unknown>): unknown[] {
  const commonJs = namespace.default;
  const candidates = [commonJs];
  for (const name of ['app', 'server', 'handler', 'listener', 'default']) {
    candidates.push(namespace[name]);
    if (isObject(commonJs) && typeof commonJs !== 'function') candidates.push(commonJs[name]);
  }
  return candidates.filter((value) => value !== undefined);
}

function send(message: RunnerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('the leakproof child runner must be started with an IPC channel'));
      return;
    }
    process.send(message, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? '';
}

async function fail(code: RunnerErrorCode, message: string): Promise<never> {
  try {
    await send({ type: 'error', code, message });
  } finally {
    process.exit(1);
  }
}

function readConfig(): RunnerConfig {
  const raw = process.argv[2];
  if (!raw) throw new RunnerError('RUNNER_FAILED', 'the child runner needs its configuration as an argument');
  return JSON.parse(raw) as RunnerConfig;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function settle(): Promise<void> {
  if (!gc) throw new RunnerError('RUNNER_FAILED', 'the child runner must be started with --expose-gc');
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

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The unit being run (0 while loading), to explain an event loop that empties before the end. */
const pending = { unit: 0, what: '' };

async function runUnits(unit: Unit, count: number, what: string, done: { calls: number }): Promise<void> {
  pending.what = what;
  for (let index = 0; index < count; index++) {
    pending.unit = done.calls + 1;
    try {
      const result = unit();
      if (isPromiseLike(result)) await result;
    } catch (error) {
      throw new RunnerError('UNIT_FAILED', `${what} failed on unit ${done.calls + 1}: ${firstLine(error)}`);
    }
    done.calls++;
  }
}

async function importModule(modulePath: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    throw new RunnerError('MODULE_LOAD_FAILED', `could not load ${basename(modulePath)}: ${firstLine(error)}`);
  }
}

function exportList(namespace: Record<string, unknown>): string {
  const names = Object.keys(namespace);
  return names.length > 0 ? names.join(', ') : 'none';
}

/** Function mode: one unit is one call of the export, awaited when it returns a promise. */
async function functionUnit(config: RunnerConfig): Promise<LoadedUnit> {
  const namespace = await importModule(config.modulePath);
  const file = basename(config.modulePath);
  const name = config.exportName ?? 'default';
  let value = namespace[name];
  const commonJs = namespace.default;
  // CommonJS named exports that Node's static detection missed are still on module.exports.
  if (
    value === undefined &&
    config.exportName &&
    (typeof commonJs === 'object' || typeof commonJs === 'function') &&
    commonJs !== null
  ) {
    value = (commonJs as Record<string, unknown>)[config.exportName];
  }
  const label = name === 'default' ? 'default export' : `export "${name}"`;
  if (value === undefined) {
    throw new RunnerError('EXPORT_MISSING', `${file} has no ${label} (its exports: ${exportList(namespace)})`);
  }
  if (typeof value !== 'function') {
    const kind = value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    throw new RunnerError('EXPORT_MISSING', `the ${label} of ${file} is ${kind}, not a function`);
  }
  const fn = value as () => unknown;
  return { unit: () => fn(), what: `${file} ${label}` };
}

/** Records every server that calls listen(), so the port chosen for PORT=0 can be found. */
function watchServers(): net.Server[] {
  const servers: net.Server[] = [];
  const listen = net.Server.prototype.listen as (this: net.Server, ...args: unknown[]) => net.Server;
  net.Server.prototype.listen = function watchedListen(this: net.Server, ...args: unknown[]): net.Server {
    servers.push(this);
    return listen.apply(this, args);
  } as typeof net.Server.prototype.listen;
  return servers;
}

/**
 * HTTP mode: one unit is one request over loopback, its body consumed, on one keep-alive socket. The server is the
 * first one that listens after import; a module that only exports an app is served here.
 */
async function httpUnit(
  config: RunnerConfig,
  route: HttpRoute,
  statusCodes: Record<string, number>,
): Promise<LoadedUnit> {
  const servers = watchServers();
  const namespace = await importModule(config.modulePath);
  const file = basename(config.modulePath);
  let served: Served = 'listen';
  for (let waited = 0; servers.length === 0 && waited < EXPORT_SERVE_AFTER_MS; waited += 10) await sleep(10);
  if (servers.length === 0) {
    for (const candidate of servableExports(namespace)) {
      let how: Served | undefined;
      try {
        how = await serveExport(candidate);
      } catch (error) {
        throw new RunnerError('NO_SERVER', `could not serve the app ${file} exports: ${firstLine(error)}`);
      }
      if (how) {
        served = how;
        break;
      }
    }
  }
  for (let waited = 0; servers.length === 0 && waited < LISTEN_WAIT_MS; waited += 10) await sleep(10);
  const server = servers[0];
  if (!server) {
    throw new RunnerError(
      'NO_SERVER',
      `${file} did not start a server within ${LISTEN_WAIT_MS / 1000} s of being imported (no call to listen()), ` +
        'and exports no app to serve (an express, koa or fastify app, an http.Server or a (req, res) function)',
    );
  }
  if (!server.listening) {
    try {
      await once(server, 'listening');
    } catch (error) {
      throw new RunnerError('NO_SERVER', `the server of ${file} failed to listen: ${firstLine(error)}`);
    }
  }
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new RunnerError('NO_SERVER', `the server of ${file} does not listen on a TCP port`);
  }
  const host = address.family === 'IPv6' && address.address === '::1' ? '::1' : '127.0.0.1';
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = route.body === undefined ? undefined : Buffer.from(route.body);
  let json = false;
  if (route.body !== undefined) {
    try {
      JSON.parse(route.body);
      json = true;
    } catch {
      json = false;
    }
  }
  const headers: Record<string, string> = {};
  if (body) {
    headers['content-type'] = json ? 'application/json' : 'text/plain';
    headers['content-length'] = String(body.length);
  }
  const unit = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        { host, port: address.port, path: route.path, method: route.method, agent, headers },
        (response) => {
          const code = String(response.statusCode ?? 0);
          statusCodes[code] = (statusCodes[code] ?? 0) + 1;
          response.resume();
          response.once('end', resolve);
          response.once('error', reject);
        },
      );
      request.once('error', reject);
      request.end(body);
    });
  return { unit, what: `${route.method} ${route.path} on ${file}`, port: address.port, served };
}

async function main(): Promise<void> {
  const config = readConfig();
  const phase = (name: RunnerPhase): Promise<void> => send({ type: 'phase', phase: name });
  const clock = performance.now();
  const elapsed = (since: number): number => Math.round(performance.now() - since);

  await phase('loading');
  const statusCodes: Record<string, number> = {};
  const loaded: LoadedUnit =
    config.http === false ? await functionUnit(config) : await httpUnit(config, config.http, statusCodes);
  const loadMs = elapsed(clock);
  const done = { calls: 0 };

  await phase('warm-up');
  let started = performance.now();
  await runUnits(loaded.unit, config.iterations, loaded.what, done);
  const warmupMs = elapsed(started);
  await phase('measuring');
  await settle();
  const handlesBefore = countHandles();

  const snapshots = [
    join(config.snapshotDir, 'a.heapsnapshot'),
    join(config.snapshotDir, 'b.heapsnapshot'),
    join(config.snapshotDir, 'c.heapsnapshot'),
  ] as const;
  let snapshotsMs = 0;
  const snapshot = async (index: 0 | 1 | 2): Promise<void> => {
    const start = performance.now();
    v8.writeHeapSnapshot(snapshots[index]);
    snapshotsMs += performance.now() - start;
    // One small message per snapshot: constant noise, collected before the next snapshot.
    await send({ type: 'snapshot', index, path: snapshots[index] });
  };
  await snapshot(0);
  started = performance.now();
  await runUnits(loaded.unit, config.iterations, loaded.what, done);
  const firstWindowMs = elapsed(started);
  await settle();
  await snapshot(1);
  started = performance.now();
  await runUnits(loaded.unit, config.iterations, loaded.what, done);
  const secondWindowMs = elapsed(started);
  await settle();
  await snapshot(2);
  const handlesAfter = countHandles();

  const result: RunnerResult = {
    snapshots,
    handlesBefore,
    handlesAfter,
    builtinGlobals,
    runnerScript: import.meta.url,
    ...(loaded.port === undefined
      ? {}
      : { http: { port: loaded.port, statusCodes, served: loaded.served ?? 'listen' } }),
    timings: { loadMs, warmupMs, firstWindowMs, secondWindowMs, snapshotsMs: Math.round(snapshotsMs) },
  };
  await send({ type: 'done', result });
  // The module may hold servers, sockets or timers open; the proof is over.
  process.exit(0);
}

// Nothing left to run while a unit is pending: its promise can never settle.
process.on('beforeExit', () => {
  const stuck =
    pending.unit === 0
      ? 'loading the module never finished'
      : `unit ${pending.unit} (${pending.what}) returned a promise that never settles`;
  void fail('UNIT_FAILED', `${stuck} (nothing else was left to run)`);
});
process.on('uncaughtException', (error) => {
  void fail('UNCAUGHT_EXCEPTION', `uncaught exception in the code under test: ${firstLine(error)}`);
});
process.on('unhandledRejection', (reason) => {
  void fail('UNCAUGHT_EXCEPTION', `unhandled promise rejection in the code under test: ${firstLine(reason)}`);
});

main().catch((error: unknown) => {
  if (error instanceof RunnerError) void fail(error.code, error.message);
  else void fail('RUNNER_FAILED', firstLine(error));
});

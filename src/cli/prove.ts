/**
 * `leakproof prove <module>`: run the module's unit of work in a child process, compare heap snapshots
 * and print the proof. Exit code 0: no leak; 1: a leak or a retention; 2: the proof could not be made.
 * Failures are one line on stderr, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_ITERATIONS,
  DEFAULT_TIMEOUT_MS,
  formatProof,
  prove,
  ProveError,
  routeLabel,
  type HttpRoute,
  type ProofResult,
} from '../runtime/index.js';

export const PROVE_USAGE = `Usage: leakproof prove <module> [options]

Run a module's unit of work in a fresh Node process, take heap snapshots after
warm-up, after N units and after N more, and show what grows with the work,
the retainer paths back to the variable that holds it, and leaked handles.

Function mode (default): the module exports a function; one unit is one call,
awaited when it returns a promise.
HTTP mode (--http): importing the module starts a server (PORT=0 is set and the
real port is discovered), or the module exports an app (express, koa, fastify,
an http.Server or a (req, res) function) that prove serves itself; one unit is
one request over loopback. Each --http route gets its own proof and verdict.

Options:
  --export <name>          the export to call (default: the default export)
  --iterations <n>         units of work between snapshots (default: ${DEFAULT_ITERATIONS})
  --http [route]           HTTP mode: '/path', 'GET /path' or 'POST /path {json}'
                           (default: GET /); give the module first, or use
                           --http=<route>; repeat it for several routes
  --routes <file.json>     HTTP routes from a file: [{ "method", "path", "body" }]
  --timeout <ms>           time limit for the child process (default: ${DEFAULT_TIMEOUT_MS})
  --heap-snapshot-dir <d>  keep the three snapshots there, for Chrome DevTools
  --details                add DevTools' tables (Comparison view, raw retainer paths)
  --json                   print the result as one JSON object
  -h, --help               show this help

A .ts module runs through tsx, found from the module's own node_modules.

Exit codes: 0 no leak, 1 leak or retention found, 2 usage error or failure
(including an HTTP route where no request succeeded; with several routes, the
others are still proved and reported).
`;

/** Where runProve writes; the process streams by default, a buffer in tests. */
export interface ProveIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

class UsageError extends Error {}

const ROUTE = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\s+(\/\S*)(?:\s+([\s\S]*))?$/i;

/** `/users`, `GET /users` or `POST /login {"user":"a"}`. */
export function parseRoute(text: string): HttpRoute {
  const trimmed = text.trim();
  if (trimmed.startsWith('/')) return { method: 'GET', path: trimmed };
  const match = ROUTE.exec(trimmed);
  if (!match) throw new UsageError(`--http takes '/path' or 'METHOD /path [body]', got '${text}'`);
  const body = match[3]?.trim();
  return { method: match[1]!.toUpperCase(), path: match[2]!, ...(body ? { body } : {}) };
}

function readRoutes(file: string): HttpRoute[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `could not read the routes file ${file}: ${firstLine(error instanceof Error ? error.message : String(error))}`,
    );
  }
  if (!Array.isArray(raw) || raw.length === 0)
    throw new UsageError(`the routes file ${file} must hold a non-empty array of { "method", "path", "body" }`);
  return raw.map((entry: unknown) => {
    if (typeof entry === 'string') return parseRoute(entry);
    const route = entry as { method?: unknown; path?: unknown; body?: unknown } | null;
    if (typeof route !== 'object' || route === null || typeof route.path !== 'string')
      throw new UsageError(`every route in ${file} needs a "path"`);
    const body = route.body === undefined || typeof route.body === 'string' ? route.body : JSON.stringify(route.body);
    return {
      method: typeof route.method === 'string' ? route.method.toUpperCase() : 'GET',
      path: route.path,
      ...(body === undefined ? {} : { body }),
    };
  });
}

/** `--http` takes an optional value, which parseArgs cannot express: rewrite it as `--http=<path>`. */
function normaliseHttpFlag(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--') {
      out.push(...args.slice(index));
      break;
    }
    if (arg !== '--http') {
      out.push(arg);
      continue;
    }
    const next = args[index + 1];
    if (next !== undefined && (next.startsWith('/') || ROUTE.test(next))) {
      out.push(`--http=${next}`);
      index++;
    } else {
      out.push('--http=/');
    }
  }
  return out;
}

function parseProveArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: normaliseHttpFlag(args),
      allowPositionals: true,
      strict: true,
      options: {
        export: { type: 'string' },
        iterations: { type: 'string' },
        http: { type: 'string', multiple: true },
        routes: { type: 'string' },
        timeout: { type: 'string' },
        'heap-snapshot-dir': { type: 'string' },
        details: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs explains at length how to pass a positional starting with '-'; the first sentence is the point.
    const reason = error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error);
    throw new UsageError(`${reason.charAt(0).toLowerCase()}${reason.slice(1)} (see 'leakproof prove --help')`);
  }
}

function positiveInteger(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new UsageError(`--${option} must be a positive integer, got '${text}'`);
  return Number(text);
}

/** The `--json` object: the verdict, the evidence and the timings. */
export function proofJson(result: ProofResult): Record<string, unknown> {
  return {
    module: result.module,
    mode: result.mode,
    leaked: result.leaked,
    verdict: result.verdict,
    iterations: result.iterations,
    growth: result.growth,
    retainers: result.retainers,
    retainerGroups: result.retainerGroups,
    causes: result.causes,
    retained: result.retained,
    bounded: result.bounded,
    handles: result.handles,
    comparison: result.comparison,
    durationMs: result.durationMs,
    timings: result.timings,
    ...(result.http ? { http: result.http } : {}),
    ...(result.route ? { route: result.route } : {}),
    ...(result.heapSnapshots ? { heapSnapshots: result.heapSnapshots } : {}),
  };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

export async function runProve(argv: string[], io: ProveIo = process): Promise<number> {
  try {
    const { values, positionals } = parseProveArgs(argv);
    if (values.help) {
      io.stdout.write(PROVE_USAGE);
      return 0;
    }
    const [module, ...extra] = positionals;
    if (module === undefined) throw new UsageError("missing the module to prove (see 'leakproof prove --help')");
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}': prove takes one module`);
    const routes = [...(values.http ?? []).map(parseRoute), ...(values.routes ? readRoutes(values.routes) : [])];
    const common = {
      module,
      exportName: values.export,
      iterations: positiveInteger(values.iterations, 'iterations'),
      timeoutMs: positiveInteger(values.timeout, 'timeout'),
    };
    const snapshotDir = values['heap-snapshot-dir'];
    const details = values.details ?? false;
    if (routes.length <= 1) {
      const result = await prove({
        ...common,
        http: routes[0] ?? false,
        ...(snapshotDir ? { heapSnapshotDir: snapshotDir } : {}),
      });
      io.stdout.write(
        values.json ? `${JSON.stringify(proofJson(result), null, 2)}\n` : `${formatProof(result, { details })}\n`,
      );
      return result.verdict === 'clean' ? 0 : 1;
    }
    // Several routes: one proof each, one after another, each with its own verdict. A route where no request
    // succeeded is not proved: it is reported, the other routes still are, and the exit code is 2.
    const outcomes: Array<{ route: HttpRoute; result?: ProofResult; error?: ProveError }> = [];
    for (const [index, route] of routes.entries()) {
      try {
        const result = await prove({
          ...common,
          http: route,
          ...(snapshotDir ? { heapSnapshotDir: join(snapshotDir, String(index + 1)) } : {}),
        });
        if (!values.json)
          io.stdout.write(`${outcomes.some((done) => done.result) ? '\n' : ''}${formatProof(result, { details })}\n`);
        outcomes.push({ route, result });
      } catch (error) {
        if (!(error instanceof ProveError) || error.code !== 'NO_SUCCESS') throw error;
        outcomes.push({ route, error });
        if (!values.json) io.stderr.write(`leakproof prove: ${firstLine(error.message)}\n`);
      }
    }
    const leaking = outcomes.filter(({ result }) => result !== undefined && result.verdict !== 'clean');
    const unproved = outcomes.filter(({ error }) => error !== undefined);
    if (values.json) {
      const verdict = leaking.length > 0 ? 'leak' : 'clean';
      const routeJson = outcomes.map(({ route, result, error }) =>
        result ? proofJson(result) : { route, error: { code: error!.code, message: error!.message } },
      );
      io.stdout.write(`${JSON.stringify({ verdict, routes: routeJson }, null, 2)}\n`);
    } else {
      const summary = outcomes
        .map(
          ({ route, result }) =>
            `${routeLabel(route)}: ${result ? result.verdict : 'not proved (no request succeeded)'}`,
        )
        .join('; ');
      io.stdout.write(`\nRoutes: ${summary}\n`);
    }
    return unproved.length > 0 ? 2 : leaking.length > 0 ? 1 : 0;
  } catch (error) {
    const message =
      error instanceof ProveError || error instanceof UsageError
        ? error.message
        : `unexpected error: ${firstLine(error instanceof Error ? error.message : String(error))}`;
    io.stderr.write(`leakproof prove: ${firstLine(message)}\n`);
    return 2;
  }
}

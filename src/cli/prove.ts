/**
 * `leakproof prove <module>`: run the module's unit of work in a child process, compare heap snapshots
 * and print the proof. Exit code 0: no leak; 1: a leak or a retention; 2: the proof could not be made.
 * Failures are one line on stderr, never a stack trace.
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_ITERATIONS,
  DEFAULT_TIMEOUT_MS,
  formatProof,
  prove,
  ProveError,
  type ProofResult,
} from '../runtime/index.js';

export const PROVE_USAGE = `Usage: leakproof prove <module> [options]

Run a module's unit of work in a fresh Node process, take heap snapshots after
warm-up, after N units and after N more, and show what grows with the work,
the retainer paths back to the variable that holds it, and leaked handles.

Function mode (default): the module exports a function; one unit is one call,
awaited when it returns a promise.
HTTP mode (--http): importing the module starts a server (PORT=0 is set and the
real port is discovered); one unit is one GET request over loopback.

Options:
  --export <name>     the export to call (default: the default export)
  --iterations <n>    units of work between snapshots (default: ${DEFAULT_ITERATIONS})
  --http [path]       HTTP mode, requesting this path (default: /); give the
                      module first, or use --http=<path>
  --timeout <ms>      time limit for the child process (default: ${DEFAULT_TIMEOUT_MS})
  --json              print the result as one JSON object
  -h, --help          show this help

Exit codes: 0 no leak, 1 leak or retention found, 2 usage error or failure.
`;

/** Where runProve writes; the process streams by default, a buffer in tests. */
export interface ProveIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

class UsageError extends Error {}

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
    if (next !== undefined && next.startsWith('/')) {
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
        http: { type: 'string' },
        timeout: { type: 'string' },
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
    retained: result.retained,
    bounded: result.bounded,
    handles: result.handles,
    comparison: result.comparison,
    durationMs: result.durationMs,
    timings: result.timings,
    ...(result.http ? { http: result.http } : {}),
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
    const result = await prove({
      module,
      exportName: values.export,
      iterations: positiveInteger(values.iterations, 'iterations'),
      timeoutMs: positiveInteger(values.timeout, 'timeout'),
      http: values.http ?? false,
    });
    io.stdout.write(values.json ? `${JSON.stringify(proofJson(result), null, 2)}\n` : `${formatProof(result)}\n`);
    return result.verdict === 'clean' ? 0 : 1;
  } catch (error) {
    const message =
      error instanceof ProveError || error instanceof UsageError
        ? error.message
        : `unexpected error: ${firstLine(error instanceof Error ? error.message : String(error))}`;
    io.stderr.write(`leakproof prove: ${firstLine(message)}\n`);
    return 2;
  }
}

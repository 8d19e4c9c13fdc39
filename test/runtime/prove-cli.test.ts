/** `leakproof prove` through runProve: output, --json and exit codes (0 clean, 1 leak or retention, 2 failure). */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProve } from '../../src/cli/prove.js';
import { fixture, requireBuiltRunner } from './helpers.js';

beforeAll(requireBuiltRunner);

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runProve(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('leakproof prove', () => {
  it('exits 1 on a leak and prints the cause by name with file:line, its path, the verdict and the time', async () => {
    const { code, stdout, stderr } = await run(fixture('cache-leak.mjs'), '--iterations', '31');
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('What grows with the work, largest first (per call):\n');
    expect(stdout).toMatch(/^ {2}1\. `cache` \(module variable\), \S*cache-leak\.mjs:2$/m);
    expect(stdout).toMatch(/^ {5}\+\d+ B per call: .*1 Array.*1 Object/m);
    expect(stdout).toMatch(/^ {5}cache\[\](\.payload)? → (Object|Array)$/m);
    expect(stdout).toMatch(/^Verdict: LEAK: `cache` gains one (Object|Array) per call$/m);
    expect(stdout).toMatch(/^Time: \d+\.\d\d s \(child \d+\.\d\d s, analysis \d+\.\d\d s\)$/m);
    // DevTools' tables only on request.
    expect(stdout).not.toContain('# Delta');
  });

  it('adds the DevTools tables with --details', async () => {
    const { code, stdout } = await run(fixture('cache-leak.mjs'), '--iterations', '31', '--details');
    expect(code).toBe(1);
    expect(stdout).toMatch(/Constructor +# New +# Deleted +# Delta +Alloc\. Size +Freed Size +Size Delta/);
    expect(stdout).toMatch(/^ {2}Object +62 +0 +\+62 /m);
    expect(stdout).toMatch(/cache in system \/ Context → \[\d+\] in Array → Object/);
    expect(stdout).toContain('Handles (after warm-up → after the run):\n  unchanged');
  });

  it('exits 0 when nothing leaks', async () => {
    const { code, stdout } = await run(fixture('cache-fixed.mjs'), '--iterations', '31');
    expect(code).toBe(0);
    expect(stdout).toContain('Verdict: no leak');
  });

  it('exits 1 on a retention, naming the global', async () => {
    const { code, stdout } = await run(fixture('implicit-global.cjs'), '--iterations', '31');
    expect(code).toBe(1);
    expect(stdout).toContain('  `name` (global): 1 object, ');
    expect(stdout).toContain('    name → Object\n');
    expect(stdout).toContain('Verdict: RETAINED: nothing grows, but `name` keeps what a call left behind');
  });

  it('prints one JSON object with --json', async () => {
    const { code, stdout } = await run(fixture('interval-leak.mjs'), '--json', '--iterations', '31');
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'leaked',
        'verdict',
        'iterations',
        'growth',
        'retainers',
        'causes',
        'retained',
        'bounded',
        'handles',
        'comparison',
        'durationMs',
      ]),
    );
    expect(json).toMatchObject({ leaked: true, verdict: 'leak', iterations: 31, retained: [] });
    expect(json.handles).toEqual([{ type: 'Timeout', before: 31, after: 93, delta: 62, leaking: true }]);
    expect(json.growth).toContainEqual(
      expect.objectContaining({
        constructor: 'Timeout',
        perIteration: 1,
        count: 62,
        bytes: expect.any(Number) as number,
      }),
    );
  });

  it.each([
    ['--http before the module', ['--http', '/', fixture('request-logs-fixed.cjs')]],
    ['--http last, without a path', [fixture('request-logs-fixed.cjs'), '--http']],
    ['--http=<path>', [fixture('request-logs-fixed.cjs'), '--http=/anything']],
  ])('runs HTTP mode with %s', async (_name, args) => {
    const { code, stdout, stderr } = await run(...args, '--iterations', '31', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'http', leaked: false, http: { statusCodes: { 200: 93 } } });
  });

  it.each([
    ['a missing module', ['nope.mjs'], 'leakproof prove: module not found: nope.mjs\n'],
    [
      'a missing export',
      [fixture('named-export.mjs'), '--export', 'nope'],
      'leakproof prove: named-export.mjs has no export "nope" (its exports: default, handle)\n',
    ],
    ['no module', [], "leakproof prove: missing the module to prove (see 'leakproof prove --help')\n"],
    ['two modules', ['a.mjs', 'b.mjs'], "leakproof prove: unexpected argument 'b.mjs': prove takes one module\n"],
    ['an unknown option', ['--bogus'], "leakproof prove: unknown option '--bogus' (see 'leakproof prove --help')\n"],
    [
      'a bad --iterations',
      ['a.mjs', '--iterations', '10x'],
      "leakproof prove: --iterations must be a positive integer, got '10x'\n",
    ],
    [
      'a crashed child',
      [fixture('exits.mjs')],
      'leakproof prove: the child process exited with code 3 during warm-up\n',
    ],
    [
      'a route where every request failed',
      [fixture('all-404.cjs'), '--http', '/', '--iterations', '13'],
      "leakproof prove: no request to GET / succeeded (39 × 404): the route's code never ran, so nothing was proved; check the method and path\n",
    ],
    [
      'a TypeScript module without tsx in its project',
      [fixture('handler.ts')],
      'leakproof prove: handler.ts is TypeScript and no tsx was found in its project: install it there (npm install --save-dev tsx), or prove the compiled .js\n',
    ],
    [
      'a malformed route',
      ['a.mjs', '--http', 'FETCH /x'],
      "leakproof prove: unexpected argument 'FETCH /x': prove takes one module\n",
    ],
    [
      'a time limit',
      [fixture('hangs.mjs'), '--timeout', '6000'],
      'leakproof prove: the child process ran past its time limit of 6000 ms (during warm-up) and was killed\n',
    ],
  ])('exits 2 with one line on stderr for %s', async (_name, args, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(message);
  });

  it('proves several routes, one verdict each, and exits 1 when one of them leaks', async () => {
    const { code, stdout, stderr } = await run(
      fixture('exported-express.cjs'),
      '--http',
      'GET /leak',
      '--http',
      '/ok',
      '--http',
      'POST /echo {"a":1}',
      '--iterations',
      '13',
      '--json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { verdict: string; routes: Array<Record<string, unknown>> };
    expect(json.verdict).toBe('leak');
    expect(json.routes.map((route) => [route.route, route.verdict, (route.http as { served: string }).served])).toEqual(
      [
        [{ method: 'GET', path: '/leak' }, 'leak', 'express'],
        [{ method: 'GET', path: '/ok' }, 'clean', 'express'],
        [{ method: 'POST', path: '/echo', body: '{"a":1}' }, 'clean', 'express'],
      ],
    );
    expect(json.routes.map((route) => (route.http as { statusCodes: unknown }).statusCodes)).toEqual([
      { 200: 39 },
      { 200: 39 },
      { 200: 39 },
    ]);
  }, 180_000);

  it('reports routes where no request succeeded (all 5xx, all 404) as not proved, proves the others, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakproof-routes-'));
    try {
      const routesFile = join(dir, 'routes.json');
      writeFileSync(routesFile, JSON.stringify(['GET /ok', { path: '/down' }]));
      const args = [
        fixture('exported-express.cjs'),
        '--routes',
        routesFile,
        '--http',
        '/missing',
        '--iterations',
        '13',
      ];
      const text = await run(...args);
      expect(text.code).toBe(2);
      expect(text.stderr).toBe(
        [
          "leakproof prove: no request to GET /missing succeeded (39 × 404): the route's code never ran, so nothing was proved; check the method and path",
          "leakproof prove: no request to GET /down succeeded (39 × 503): the route's code never ran, so nothing was proved; check the method and path",
          '',
        ].join('\n'),
      );
      expect(text.stdout).toMatch(/^leakproof prove /);
      expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(
        'Routes: GET /missing: not proved (no request succeeded); GET /ok: clean; GET /down: not proved (no request succeeded)',
      );

      const json = await run(...args, '--json');
      expect(json.code).toBe(2);
      expect(json.stderr).toBe('');
      const result = JSON.parse(json.stdout) as { verdict: string; routes: Array<Record<string, unknown>> };
      expect(result.verdict).toBe('clean');
      expect(
        result.routes.map((route) => [route.route, route.verdict ?? (route.error as { code: string }).code]),
      ).toEqual([
        [{ method: 'GET', path: '/missing' }, 'NO_SUCCESS'],
        [{ method: 'GET', path: '/ok' }, 'clean'],
        [{ method: 'GET', path: '/down' }, 'NO_SUCCESS'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('keeps the three snapshots with --heap-snapshot-dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakproof-kept-'));
    try {
      const { code, stdout } = await run(fixture('cache-fixed.mjs'), '--iterations', '13', '--heap-snapshot-dir', dir);
      expect(code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['a.heapsnapshot', 'b.heapsnapshot', 'c.heapsnapshot']);
      expect(stdout).toMatch(/; snapshots kept in /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints its usage with --help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: leakproof prove <module> \[options\]/);
    expect(stdout).toContain('--http [route]');
    expect(stdout).toContain('--heap-snapshot-dir <d>');
  });
});

/**
 * HTTP mode and TypeScript on real packages from the npm registry: a koa app and a fastify instance exported
 * without listen() are served by prove; a .ts module runs through the project's own tsx.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, REPO_ROOT, runOk } from '../package/npm.js';

const CLI = path.join(REPO_ROOT, 'dist/src/cli/index.js');
let project = '';

function proveCli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'prove', ...args], { cwd: project, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(() => {
  project = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'leakproof-layouts-'));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'layouts', private: true }));
  runOk('npm', ['install', '--no-package-lock', 'koa@2', 'fastify@4', 'tsx@4'], {
    cwd: project,
    env: {},
    timeout: 300_000,
  });
  for (const name of ['koa-app.cjs', 'fastify-app.cjs', 'handler.ts'])
    copyFileSync(path.join(REPO_ROOT, 'test/real/fixtures', name), path.join(project, name));
});

afterAll(() => {
  if (project && process.env.LEAKPROOF_KEEP_TEMP !== '1') rmSync(project, { recursive: true, force: true });
});

describe('exported apps, served by prove', () => {
  it('koa: GET /leak leaks through `paths`, GET /ok is clean', async () => {
    const { status, stdout, stderr } = await proveCli(
      'koa-app.cjs',
      '--http',
      '/leak',
      '--http',
      '/ok',
      '--iterations',
      '31',
      '--json',
    );
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const json = JSON.parse(stdout) as {
      routes: Array<{ verdict: string; http: { served: string }; causes: Array<{ holder: string }> }>;
    };
    expect(json.routes.map((route) => [route.verdict, route.http.served])).toEqual([
      ['leak', 'koa'],
      ['clean', 'koa'],
    ]);
    expect(json.routes[0]?.causes.map((cause) => cause.holder)).toContain('paths');
  });

  it('fastify: POST /orders with a JSON body leaks through `orders`, GET /health is clean', async () => {
    const { status, stdout, stderr } = await proveCli(
      'fastify-app.cjs',
      '--http',
      'POST /orders {"item":"tea"}',
      '--http',
      'GET /health',
      '--iterations',
      '31',
    );
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(stdout).toContain('served by prove from the exported fastify app');
    expect(stdout).toMatch(/Verdict: LEAK: `orders` gains one Object per request/);
    expect(stdout).toContain('Routes: POST /orders {"item":"tea"}: leak; GET /health: clean');
  });

  it('fastify: a route that only 404s exits 2 and says so', async () => {
    const { status, stdout, stderr } = await proveCli('fastify-app.cjs', '--http', '/nope', '--iterations', '13');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^leakproof prove: no request to GET \/nope succeeded \(39 × 404\)/);
  });
});

describe('TypeScript', () => {
  it("proves handler.ts through the project's tsx, naming the variable and its line", async () => {
    const { status, stdout, stderr } = await proveCli('handler.ts', '--iterations', '31');
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(stdout).toMatch(/1\. `entries` \(module variable\), handler\.ts:6/);
    expect(stdout).toContain('Verdict: LEAK: `entries` gains one Object per call');
  });
});

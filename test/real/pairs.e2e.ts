/**
 * `leakproof prove` on published code: for every pair of test/real/pairs.ts, both versions are installed from the
 * npm registry into one temporary project, and the unit module is proved against each with the built CLI, as a user
 * runs it. The leaky version must exit 1 with growth; the fixed one must exit 0, its bounded containers reported as
 * information. LEAKPROOF_REAL_RUNS=20 repeats every proof (default: once).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, REPO_ROOT, runOk } from '../package/npm.js';
import { alias, PUBLISHED_PAIRS, type PublishedPair } from './pairs.js';

const RUNS = Number(process.env.LEAKPROOF_REAL_RUNS ?? '1');
const CLI = path.join(REPO_ROOT, 'dist/src/cli/index.js');
let project = '';

interface Outcome {
  readonly status: number | null;
  readonly json: {
    verdict: string;
    growth: Array<{ constructor: string }>;
    retained: Array<{ holder: string }>;
    bounded: Array<{ holder: string }>;
  };
  readonly stderr: string;
}

function proveCli(file: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'prove', file, '--json'], { cwd: project, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (status) => {
      try {
        resolve({ status, json: JSON.parse(stdout) as Outcome['json'], stderr });
      } catch {
        reject(new Error(`prove ${file} exited ${status} without a JSON result: ${stderr.trim()}`));
      }
    });
  });
}

beforeAll(() => {
  project = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'leakproof-real-'));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'real-pairs', private: true }));
  const specs = PUBLISHED_PAIRS.flatMap((pair) =>
    (['leaky', 'fixed'] as const).map((which) => `${alias(pair, which)}@npm:${pair.package}@${pair[which]}`),
  );
  runOk('npm', ['install', '--no-package-lock', ...specs], { cwd: project, env: {}, timeout: 300_000 });
  for (const pair of PUBLISHED_PAIRS) {
    const unit = readFileSync(path.join(REPO_ROOT, 'test/real/fixtures', `${pair.name}.cjs`), 'utf8');
    expect(unit, `fixtures/${pair.name}.cjs requires '__PACKAGE__'`).toContain("'__PACKAGE__'");
    for (const which of ['leaky', 'fixed'] as const)
      writeFileSync(
        path.join(project, `${alias(pair, which)}.cjs`),
        unit.replace("'__PACKAGE__'", `'${alias(pair, which)}'`),
      );
  }
});

afterAll(() => {
  if (project && process.env.LEAKPROOF_KEEP_TEMP !== '1') rmSync(project, { recursive: true, force: true });
});

describe.each(PUBLISHED_PAIRS)('$package $leaky (leaky) against $fixed (fixed), $source', (pair: PublishedPair) => {
  it(`exits 1 for ${pair.leaky} and 0 for ${pair.fixed}, ${RUNS} time(s) each`, async () => {
    const tally = { leaky: [] as Array<number | null>, fixed: [] as Array<number | null> };
    for (let run = 0; run < RUNS; run++) {
      // Both versions at once: two child processes, one per core.
      const [leaky, fixed] = await Promise.all([
        proveCli(`${alias(pair, 'leaky')}.cjs`),
        proveCli(`${alias(pair, 'fixed')}.cjs`),
      ]);
      tally.leaky.push(leaky.status);
      tally.fixed.push(fixed.status);
      expect(leaky.json.verdict, leaky.stderr).toBe('leak');
      expect(leaky.json.growth.length).toBeGreaterThan(0);
      expect(fixed.json).toMatchObject({ verdict: 'clean', growth: [], retained: [] });
      const bounded = fixed.json.bounded.map((finding) => finding.holder);
      expect(bounded.filter((holder) => holder !== pair.bounded)).toEqual([]);
    }
    console.log(
      `${pair.package}: leaky ${pair.leaky} exit codes ${tally.leaky.join(' ')}; fixed ${pair.fixed} exit codes ${tally.fixed.join(' ')}`,
    );
    expect(tally.leaky).toEqual(Array<number>(RUNS).fill(1));
    expect(tally.fixed).toEqual(Array<number>(RUNS).fill(0));
  });
});

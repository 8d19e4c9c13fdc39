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
    // Every run is tallied before anything is asserted, so a flip shows how often it happens, not only that it did.
    const problems: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Both versions at once: two child processes, one per core.
      const [leaky, fixed] = await Promise.all([
        proveCli(`${alias(pair, 'leaky')}.cjs`),
        proveCli(`${alias(pair, 'fixed')}.cjs`),
      ]);
      tally.leaky.push(leaky.status);
      tally.fixed.push(fixed.status);
      if (leaky.json.verdict !== 'leak' || leaky.json.growth.length === 0)
        problems.push(`run ${run + 1}, leaky: verdict ${leaky.json.verdict}, ${leaky.json.growth.length} growing`);
      const unexpected = fixed.json.bounded.map((finding) => finding.holder).filter((name) => name !== pair.bounded);
      if (
        fixed.json.verdict !== 'clean' ||
        fixed.json.growth.length > 0 ||
        fixed.json.retained.length > 0 ||
        unexpected.length > 0
      ) {
        problems.push(
          `run ${run + 1}, fixed: verdict ${fixed.json.verdict}, growing ${fixed.json.growth.map((row) => row.constructor).join(', ') || 'none'}, retained by ${fixed.json.retained.map((finding) => finding.holder).join(', ') || 'none'}, bounded ${unexpected.join(', ') || 'as expected'}`,
        );
      }
    }
    const exits = (codes: Array<number | null>, expected: number): string =>
      `exit ${expected} ${codes.filter((code) => code === expected).length}/${codes.length}`;
    console.log(
      `${pair.package}: leaky ${pair.leaky} ${exits(tally.leaky, 1)}; fixed ${pair.fixed} ${exits(tally.fixed, 0)}${problems.length > 0 ? `\n  ${problems.join('\n  ')}` : ''}`,
    );
    expect(problems).toEqual([]);
    expect(tally.leaky).toEqual(Array<number>(RUNS).fill(1));
    expect(tally.fixed).toEqual(Array<number>(RUNS).fill(0));
  });
});

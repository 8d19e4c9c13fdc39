#!/usr/bin/env node
// Proof cost, one child process of `npm run bench`: one `prove` per rule, on the rule's leaky example in
// examples/proofs/<rule>/ with the command's defaults (DEFAULT_ITERATIONS units of work per phase), one after the
// other. Prints one JSON object: per rule the wall time, the engine's own timings, and the verdict.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ITERATIONS, prove } from '../../dist/src/runtime/index.js';
import { ROOT } from './corpus.js';

const PROOFS = join(ROOT, 'examples', 'proofs');
const rules = readdirSync(PROOFS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'seeds')
  .map((entry) => entry.name)
  .sort();

const results = {};
for (const rule of rules) {
  const dir = join(PROOFS, rule);
  const manifest = JSON.parse(readFileSync(join(dir, 'proof.json'), 'utf8'));
  const leaky = ['.cjs', '.mjs', '.js']
    .map((extension) => join(dir, `leaky${extension}`))
    .find((file) => existsSync(file));
  const exportName = manifest.export === undefined || manifest.export === 'default' ? undefined : manifest.export;
  const started = performance.now();
  const result = await prove({
    module: leaky,
    iterations: DEFAULT_ITERATIONS,
    ...(manifest.mode === 'http' ? { http: manifest.path } : { exportName }),
  });
  results[rule] = {
    ms: Math.round(performance.now() - started),
    verdict: result.verdict,
    expected: manifest.verdict,
    timings: result.timings,
  };
}
console.log(JSON.stringify({ iterations: DEFAULT_ITERATIONS, proofs: results }));

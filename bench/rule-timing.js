#!/usr/bin/env node
// Per-rule lint time, measured side by side in one run with ESLint's `stats`: leakproof's rules against core
// `no-unused-vars` (and @eslint/js recommended as a whole, R = leakproof's rules / recommended's rules).
// `npm run build && node bench/rule-timing.js [--limit N]`: the JavaScript in node_modules.
// `node bench/rule-timing.js --source [--runs N]`: the `source` subset of bench/corpus.json (the packages that publish
// their own source), parsed as bench/lib/lint-cost.js parses it (TypeScript with @typescript-eslint/parser), the
// figure of `npm run bench`'s `subsets.source`; with --runs, each run's figures and then the medians.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import typescriptParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import plugin from '../dist/src/index.js';
import { loadCorpus } from './lib/corpus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const limit = option('--limit', Infinity);
const runs = option('--runs', 1);
const sourceOnly = process.argv.includes('--source');

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.c?js$/.test(entry.name) && !entry.name.endsWith('.min.js') && statSync(path).size < 1_000_000)
      yield path;
  }
}

/** `{ path, sourceType, typescript, text }` for each file to lint; `path` is relative to node_modules. */
const files = sourceOnly
  ? loadCorpus().files.filter((file) => file.source)
  : [...walk(join(root, 'node_modules'))].slice(0, limit).map((absolute) => ({
      path: relative(join(root, 'node_modules'), absolute),
      sourceType: 'commonjs',
      typescript: false,
      text: readFileSync(absolute, 'utf8'),
    }));

const engines = new Map();
function engineFor({ sourceType, typescript }) {
  const key = `${sourceType}${typescript ? '-ts' : ''}`;
  if (!engines.has(key))
    engines.set(
      key,
      new ESLint({
        cwd: root,
        overrideConfigFile: true,
        ignore: false,
        stats: true,
        overrideConfig: [
          js.configs.recommended,
          plugin.configs.all,
          {
            files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
            languageOptions: { sourceType, ecmaVersion: 'latest', ...(typescript ? { parser: typescriptParser } : {}) },
            linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
          },
        ],
      }),
    );
  return engines.get(key);
}

async function run() {
  const started = performance.now();
  const times = {};
  for (const file of files) {
    // ESLint never lints paths under node_modules, so each file is linted as text under a virtual path.
    const [result] = await engineFor(file).lintText(file.text, { filePath: join(root, 'corpus', file.path) });
    for (const pass of result?.stats?.times.passes ?? []) {
      for (const [rule, { total }] of Object.entries(pass.rules ?? {})) times[rule] = (times[rule] ?? 0) + total;
    }
  }
  const sum = (predicate) =>
    Object.entries(times)
      .filter(([rule]) => predicate(rule))
      .reduce((t, [, ms]) => t + ms, 0);
  const recommended = sum((rule) => !rule.startsWith('leakproof/'));
  const leakproof = sum((rule) => rule.startsWith('leakproof/'));
  return { wall: performance.now() - started, times, recommended, leakproof, R: leakproof / recommended };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const leakproofRules = Object.keys(plugin.configs.all.rules).sort();
const results = [];
for (let index = 0; index < runs; index++) {
  const result = await run();
  results.push(result);
  const unusedVars = result.times['no-unused-vars'] ?? NaN;
  console.log(`${files.length} files in ${(result.wall / 1000).toFixed(1)} s`);
  console.log(
    `@eslint/js recommended: ${result.recommended.toFixed(0)} ms; leakproof (all): ${result.leakproof.toFixed(0)} ms; R = ${result.R.toFixed(3)}`,
  );
  for (const rule of leakproofRules) {
    const ms = result.times[rule] ?? 0;
    console.log(
      `${rule}: ${ms.toFixed(0)} ms = ${(ms / unusedVars).toFixed(3)} × no-unused-vars (${unusedVars.toFixed(0)} ms)`,
    );
  }
}
if (runs > 1) {
  // The first run warms the JIT and the caches: the medians leave it out.
  const counted = results.slice(1);
  console.log(`\nmedians of runs 2–${runs}:`);
  console.log(
    `@eslint/js recommended: ${median(counted.map((r) => r.recommended)).toFixed(0)} ms; leakproof (all): ${median(counted.map((r) => r.leakproof)).toFixed(0)} ms; R = ${median(counted.map((r) => r.R)).toFixed(3)} (runs: ${counted.map((r) => r.R.toFixed(3)).join(' ')})`,
  );
  for (const rule of leakproofRules)
    console.log(`${rule}: ${median(counted.map((r) => r.times[rule] ?? 0)).toFixed(0)} ms`);
}

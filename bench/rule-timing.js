#!/usr/bin/env node
// Per-rule lint time on the JavaScript in node_modules, measured side by side in one run with ESLint's `stats`:
// leakproof's rules against core `no-unused-vars` (and @eslint/js recommended as a whole).
// `npm run build && node bench/rule-timing.js [--limit N]`
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { ESLint } from 'eslint';
import plugin from '../dist/src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const limitIndex = process.argv.indexOf('--limit');
const limit = limitIndex > 0 ? Number(process.argv[limitIndex + 1]) : Infinity;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.c?js$/.test(entry.name) && !entry.name.endsWith('.min.js') && statSync(path).size < 1_000_000)
      yield path;
  }
}

const files = [...walk(join(root, 'node_modules'))].slice(0, limit);
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  ignore: false,
  stats: true,
  overrideConfig: [
    js.configs.recommended,
    plugin.configs.all,
    {
      languageOptions: { sourceType: 'commonjs', ecmaVersion: 'latest' },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
  ],
});
const started = performance.now();
// ESLint never lints paths under node_modules, so each file is linted as text under a virtual path.
const results = [];
for (const file of files) {
  const filePath = join(root, 'corpus', relative(join(root, 'node_modules'), file));
  results.push(...(await eslint.lintText(readFileSync(file, 'utf8'), { filePath })));
}
const wall = performance.now() - started;
const times = {};
for (const result of results) {
  for (const pass of result.stats?.times.passes ?? []) {
    for (const [rule, { total }] of Object.entries(pass.rules ?? {})) times[rule] = (times[rule] ?? 0) + total;
  }
}
const sum = (predicate) =>
  Object.entries(times)
    .filter(([rule]) => predicate(rule))
    .reduce((t, [, ms]) => t + ms, 0);
const recommended = sum((rule) => !rule.startsWith('leakproof/'));
const leakproof = sum((rule) => rule.startsWith('leakproof/'));
const unusedVars = times['no-unused-vars'] ?? NaN;
console.log(`${files.length} files in ${(wall / 1000).toFixed(1)} s`);
console.log(
  `@eslint/js recommended: ${recommended.toFixed(0)} ms; leakproof (all): ${leakproof.toFixed(0)} ms; R = ${(leakproof / recommended).toFixed(3)}`,
);
for (const rule of Object.keys(times)
  .filter((r) => r.startsWith('leakproof/'))
  .sort()) {
  console.log(
    `${rule}: ${times[rule].toFixed(0)} ms = ${(times[rule] / unusedVars).toFixed(3)} × no-unused-vars (${unusedVars.toFixed(0)} ms)`,
  );
}

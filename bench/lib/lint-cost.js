#!/usr/bin/env node
// Lint cost, one child process of `npm run bench`: ESLint with @eslint/js recommended alone, and with leakproof's
// configs.all added, on the same corpus files (JavaScript only: recommended runs on espree), each file linted by both
// in turn so that a change in the machine's load hits both alike. Per-rule times come from ESLint's `stats`.
// Prints one JSON object. `node bench/lib/lint-cost.js [--limit n]`
import js from '@eslint/js';
import { ESLint } from 'eslint';
import plugin from '../../dist/src/index.js';
import { loadCorpus, ROOT } from './corpus.js';

const limitIndex = process.argv.indexOf('--limit');
const limit = limitIndex > 0 ? Number(process.argv[limitIndex + 1]) : Infinity;
const WARM_UP = 200;

function eslintFor(withLeakproof, sourceType) {
  return new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    ignore: false,
    stats: true,
    overrideConfig: [
      js.configs.recommended,
      ...(withLeakproof ? [plugin.configs.all] : []),
      {
        languageOptions: { sourceType, ecmaVersion: 'latest' },
        linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      },
    ],
  });
}

const engines = {
  recommended: { module: eslintFor(false, 'module'), commonjs: eslintFor(false, 'commonjs') },
  withLeakproof: { module: eslintFor(true, 'module'), commonjs: eslintFor(true, 'commonjs') },
};

/** Lints one file, adding its per-rule and parse times to `totals`; returns the wall time in ms. */
async function lint(engine, file, totals) {
  const started = performance.now();
  // ESLint never lints paths under node_modules: the text goes in under a virtual path.
  const [result] = await engine[file.sourceType].lintText(file.text, { filePath: `${ROOT}/corpus/${file.path}` });
  const wall = performance.now() - started;
  if (totals) {
    totals.wall += wall;
    for (const pass of result?.stats?.times.passes ?? []) {
      totals.parse += pass.parse?.total ?? 0;
      for (const [rule, { total }] of Object.entries(pass.rules ?? {}))
        totals.rules[rule] = (totals.rules[rule] ?? 0) + total;
    }
    if (result?.messages.some((message) => message.fatal)) totals.unparsed++;
  }
  return wall;
}

const { files, missing, listed, bytes } = loadCorpus({ limit, typescript: false });
for (const file of files.slice(0, WARM_UP)) {
  await lint(engines.recommended, file);
  await lint(engines.withLeakproof, file);
}
const totals = {
  recommended: { wall: 0, parse: 0, rules: {}, unparsed: 0 },
  withLeakproof: { wall: 0, parse: 0, rules: {}, unparsed: 0 },
};
for (const [index, file] of files.entries()) {
  // Alternate which configuration goes first, so neither always meets a cold cache.
  const order = index % 2 === 0 ? ['recommended', 'withLeakproof'] : ['withLeakproof', 'recommended'];
  for (const name of order) await lint(engines[name], file, totals[name]);
}

const sum = (rules, predicate) =>
  Object.entries(rules)
    .filter(([rule]) => predicate(rule))
    .reduce((total, [, ms]) => total + ms, 0);
const combined = totals.withLeakproof.rules;
const leakproofRules = Object.keys(plugin.configs.all.rules).sort();
const recommendedMs = sum(combined, (rule) => !rule.startsWith('leakproof/'));
const leakproofMs = sum(combined, (rule) => rule.startsWith('leakproof/'));
const unusedVarsMs = combined['no-unused-vars'] ?? NaN;
const round = (ms) => Math.round(ms * 10) / 10;
console.log(
  JSON.stringify({
    files: files.length,
    bytes,
    listed,
    missing,
    unparsed: totals.withLeakproof.unparsed,
    recommendedOnly: {
      wallMs: round(totals.recommended.wall),
      parseMs: round(totals.recommended.parse),
      rulesMs: round(sum(totals.recommended.rules, () => true)),
    },
    withLeakproof: {
      wallMs: round(totals.withLeakproof.wall),
      parseMs: round(totals.withLeakproof.parse),
      recommendedRulesMs: round(recommendedMs),
      leakproofRulesMs: round(leakproofMs),
    },
    R: leakproofMs / recommendedMs,
    noUnusedVarsMs: round(unusedVarsMs),
    rules: Object.fromEntries(
      leakproofRules.map((rule) => [
        rule,
        { ms: round(combined[rule] ?? 0), vsNoUnusedVars: (combined[rule] ?? 0) / unusedVarsMs },
      ]),
    ),
    recommendedRules: Object.fromEntries(
      Object.entries(combined)
        .filter(([rule]) => !rule.startsWith('leakproof/'))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([rule, ms]) => [rule, round(ms)]),
    ),
  }),
);

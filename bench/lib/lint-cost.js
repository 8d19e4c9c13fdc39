#!/usr/bin/env node
// Lint cost, one child process of `npm run bench`: ESLint with @eslint/js recommended alone, and with leakproof's
// configs.all added, on the same corpus files, each file linted by both in turn so that a change in the machine's load
// hits both alike. JavaScript is parsed with espree, TypeScript with @typescript-eslint/parser (for both configs).
// Per-rule times come from ESLint's `stats`. Besides the whole corpus, R is given apart for the packages that publish
// their own source (`source` in bench/corpus.json), for the rest (mostly compiled output), and for TypeScript.
// With --repos <mirrors>, the files are instead the source of the repositories bench/source-repos.json names, read
// from local git mirrors (bench/lib/repo-source.js), with R given apart for each repository.
// Prints one JSON object. `node bench/lib/lint-cost.js [--limit n | --repos <mirrors>]`
import js from '@eslint/js';
import typescriptParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import plugin from '../../dist/src/index.js';
import { loadCorpus, ROOT } from './corpus.js';
import { loadRepoSource } from './repo-source.js';

const limitIndex = process.argv.indexOf('--limit');
const limit = limitIndex > 0 ? Number(process.argv[limitIndex + 1]) : Infinity;
const reposIndex = process.argv.indexOf('--repos');
const mirrors = reposIndex > 0 ? process.argv[reposIndex + 1] : null;
const WARM_UP = 200;

function eslintFor(withLeakproof, sourceType, typescript) {
  return new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    ignore: false,
    stats: true,
    overrideConfig: [
      js.configs.recommended,
      ...(withLeakproof ? [plugin.configs.all] : []),
      {
        files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
        languageOptions: { sourceType, ecmaVersion: 'latest', ...(typescript ? { parser: typescriptParser } : {}) },
        linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      },
    ],
  });
}

const enginesFor = (withLeakproof) => ({
  module: eslintFor(withLeakproof, 'module', false),
  commonjs: eslintFor(withLeakproof, 'commonjs', false),
  'module-ts': eslintFor(withLeakproof, 'module', true),
  'commonjs-ts': eslintFor(withLeakproof, 'commonjs', true),
});
const engines = { recommended: enginesFor(false), withLeakproof: enginesFor(true) };

/** Lints one file, adding its per-rule and parse times to each of `buckets`; returns the wall time in ms. */
async function lint(engine, file, buckets = []) {
  const started = performance.now();
  // ESLint never lints paths under node_modules: the text goes in under a virtual path.
  const [result] = await engine[`${file.sourceType}${file.typescript ? '-ts' : ''}`].lintText(file.text, {
    filePath: `${ROOT}/corpus/${file.path}`,
  });
  const wall = performance.now() - started;
  for (const totals of buckets) {
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

const repoSource = mirrors ? loadRepoSource(mirrors) : null;
const { files, missing, listed, bytes } = repoSource
  ? { ...repoSource, missing: repoSource.missingFiles, listed: repoSource.files.length }
  : loadCorpus({ limit });
if (files.length === 0) throw new Error(`no files to lint${mirrors ? ` in the mirrors at ${mirrors}` : ''}`);
// The corpus's first files span many packages; a repository's are one project's, so its warm-up is spread over all.
const warmUp = repoSource
  ? Array.from({ length: Math.min(WARM_UP, files.length) }, (_, i) => files[Math.floor((i * files.length) / WARM_UP)])
  : files.slice(0, WARM_UP);
for (const file of warmUp) {
  await lint(engines.recommended, file);
  await lint(engines.withLeakproof, file);
}
const bucket = () => ({ files: 0, wall: 0, parse: 0, rules: {}, unparsed: 0 });
const totals = { recommended: bucket(), withLeakproof: bucket() };
/**
 * The same files split: packages that publish their source, the rest of node_modules, and TypeScript; or, for
 * repositories, each repository and TypeScript.
 */
const subsets = repoSource
  ? {
      ...Object.fromEntries([...new Set(files.map((file) => file.repo))].map((repo) => [repo, bucket()])),
      typescript: bucket(),
    }
  : { source: bucket(), other: bucket(), typescript: bucket() };
for (const [index, file] of files.entries()) {
  // Alternate which configuration goes first, so neither always meets a cold cache.
  const order = index % 2 === 0 ? ['recommended', 'withLeakproof'] : ['withLeakproof', 'recommended'];
  const own = repoSource ? subsets[file.repo] : file.source ? subsets.source : subsets.other;
  const split = [own, ...(file.typescript ? [subsets.typescript] : [])];
  for (const name of order) await lint(engines[name], file, [totals[name], ...(name === 'withLeakproof' ? split : [])]);
  for (const subset of split) subset.files++;
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
/** R and the costliest leakproof rules on a subset of the files (times with leakproof added, as for R). */
const subsetFigures = ({ files: count, rules }) => {
  const recommended = sum(rules, (rule) => !rule.startsWith('leakproof/'));
  const leakproof = sum(rules, (rule) => rule.startsWith('leakproof/'));
  return {
    files: count,
    recommendedRulesMs: round(recommended),
    leakproofRulesMs: round(leakproof),
    R: recommended > 0 ? leakproof / recommended : null,
    rules: Object.fromEntries(leakproofRules.map((rule) => [rule, round(rules[rule] ?? 0)])),
  };
};
console.log(
  JSON.stringify({
    files: files.length,
    bytes,
    listed,
    missing,
    ...(repoSource ? { missingRepositories: repoSource.missingRepositories } : {}),
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
    subsets: Object.fromEntries(Object.entries(subsets).map(([name, subset]) => [name, subsetFigures(subset)])),
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

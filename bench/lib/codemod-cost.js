#!/usr/bin/env node
// Codemod cost, one child process of `npm run bench`: files per second for each codemod, run as the jscodeshift
// transform it exports, against an identity jscodeshift transform (parse the file with jscodeshift's parser for it
// and print it back) on the same files, in this process, one after the other, texts already in memory (no I/O).
// Files the identity transform cannot parse are left out of every run. Prints one JSON object.
//
// Two figures, because the whole corpus flatters strict-mode: most of its files are ES modules or already strict,
// which strict-mode leaves after one parse, while a repository's own CommonJS sources (pm2, log4js, express) mostly
// get the whole pipeline (parse with the rules, insert, parse the output again).
// - `transforms`: every corpus file, warm (each transform first runs on WARM_UP files), in this process;
// - `sloppyCommonJs`: only the files strict-mode changes, the way `leakproof fix` meets them: each transform in a
//   fresh process (`--cold`), one pass, CPU time, so that V8's warm-up and the collector's heap growth count as they
//   do in a real run. The median of COLD_RUNS runs. This is the figure the budget is held to.
// - `repositories`: the same, on the files strict-mode changes in each repository given with `--repo <dir>` (its
//   JavaScript outside node_modules and dot-folders), e.g. an export of pm2.
// `node bench/lib/codemod-cost.js [--limit n] [--repo <dir>]…`
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jscodeshift from 'jscodeshift';
import clearInterval from '../../dist/codemods/clear-interval.js';
import strictMode from '../../dist/codemods/strict-mode.js';
import { jscodeshiftParserFor } from '../../dist/src/codemods/parse.js';
import { loadCorpus } from './corpus.js';

const limitIndex = process.argv.indexOf('--limit');
const limit = limitIndex > 0 ? Number(process.argv[limitIndex + 1]) : Infinity;
const repositories = process.argv.flatMap((arg, index, all) => (all[index - 1] === '--repo' ? [resolve(arg)] : []));
const WARM_UP = 100;
const COLD_RUNS = 3;

/** The identity transform: what any jscodeshift transform pays before it changes anything. */
const identity = (file, api) => api.jscodeshift(file.source).toSource();
const TRANSFORMS = { identity, 'strict-mode': strictMode, 'clear-interval': clearInterval };

const parsers = new Map();
function apiFor(file) {
  const name = jscodeshiftParserFor(file);
  if (!parsers.has(name)) parsers.set(name, jscodeshift.withParser(name));
  const j = parsers.get(name);
  return { jscodeshift: j, j, stats: () => {}, report: () => {} };
}

/** Runs a transform over the files; returns the time in ms and how many threw. */
function run(transform, files) {
  let failed = 0;
  const started = performance.now();
  for (const file of files) {
    try {
      transform({ path: file.absolute, source: file.text }, apiFor(file.absolute), {});
    } catch {
      failed++;
    }
  }
  return { ms: performance.now() - started, failed };
}

const coldIndex = process.argv.indexOf('--cold');
if (coldIndex > 0) {
  // One transform, cold, over the files listed (absolute paths, one a line): prints its CPU milliseconds.
  const transform = TRANSFORMS[process.argv[coldIndex + 1]];
  const list = readFileSync(process.argv[coldIndex + 2], 'utf8')
    .split('\n')
    .filter(Boolean);
  const files = list.map((absolute) => ({ absolute, text: readFileSync(absolute, 'utf8') }));
  const before = process.cpuUsage();
  const { failed } = run(transform, files);
  const cpu = process.cpuUsage(before);
  console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, failed }));
  process.exit(0);
}

const corpus = loadCorpus({ limit });
// The comparison set: what the identity transform can read.
const files = corpus.files.filter((file) => {
  try {
    identity({ path: file.absolute, source: file.text }, apiFor(file.absolute), {});
    return true;
  } catch {
    return false;
  }
});
for (const transform of Object.values(TRANSFORMS)) run(transform, files.slice(0, WARM_UP));

const results = {};
for (const [name, transform] of Object.entries(TRANSFORMS)) {
  const { ms, failed } = run(transform, files);
  results[name] = { ms: Math.round(ms), filesPerSecond: Math.round((files.length / ms) * 1000), failed };
}
for (const name of ['strict-mode', 'clear-interval']) results[name].vsIdentity = results[name].ms / results.identity.ms;

/** The files strict-mode changes: CommonJS without the directive, as in a repository's own sources. */
function sloppyOf(candidates) {
  return candidates.filter((file) => {
    const before = file.text;
    try {
      const after = strictMode({ path: file.absolute, source: before }, apiFor(file.absolute), {});
      return typeof after === 'string' && after !== before;
    } catch {
      return false;
    }
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Identity and strict-mode over the files, each cold in its own process, COLD_RUNS times: the medians of CPU time. */
function coldCost(sloppy) {
  const directory = mkdtempSync(join(tmpdir(), 'leakproof-codemod-cost-'));
  const listFile = join(directory, 'files.txt');
  writeFileSync(listFile, sloppy.map((file) => file.absolute).join('\n'));
  const cold = {};
  try {
    for (const name of ['identity', 'strict-mode']) {
      const runs = [];
      for (let index = 0; index < COLD_RUNS; index++) {
        const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--cold', name, listFile], {
          encoding: 'utf8',
        });
        runs.push(JSON.parse(output).cpuMs);
      }
      cold[name] = { cpuMs: Math.round(median(runs)), runs: runs.map(Math.round) };
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  cold['strict-mode'].vsIdentity = cold['strict-mode'].cpuMs / cold.identity.cpuMs;
  return {
    files: sloppy.length,
    bytes: sloppy.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0),
    cold,
  };
}

/** A repository's JavaScript (not node_modules, not dot-folders) that the identity transform reads. */
function repositoryFiles(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else if (entry.isFile() && /\.c?js$/.test(entry.name)) found.push(absolute);
    }
  };
  walk(root);
  return found.sort().flatMap((absolute) => {
    const text = readFileSync(absolute, 'utf8');
    try {
      identity({ path: absolute, source: text }, apiFor(absolute), {});
      return [{ absolute, text }];
    } catch {
      return [];
    }
  });
}

const sloppyCommonJs = coldCost(sloppyOf(files));
const byRepository = {};
for (const root of repositories) byRepository[basename(root)] = coldCost(sloppyOf(repositoryFiles(root)));
console.log(
  JSON.stringify({
    files: files.length,
    unreadable: corpus.files.length - files.length,
    bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0),
    transforms: results,
    sloppyCommonJs,
    ...(repositories.length > 0 ? { repositories: byRepository } : {}),
  }),
);

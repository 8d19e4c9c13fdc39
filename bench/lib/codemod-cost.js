#!/usr/bin/env node
// Codemod cost, one child process of `npm run bench`: files per second for each codemod, run as the jscodeshift
// transform it exports, against an identity jscodeshift transform (parse the file with jscodeshift's parser for it
// and print it back) on the same files, in this process, one after the other, texts already in memory (no I/O).
// Files the identity transform cannot parse are left out of every run. Prints one JSON object.
// `node bench/lib/codemod-cost.js [--limit n]`
import jscodeshift from 'jscodeshift';
import clearInterval from '../../dist/codemods/clear-interval.js';
import strictMode from '../../dist/codemods/strict-mode.js';
import { jscodeshiftParserFor } from '../../dist/src/codemods/parse.js';
import { loadCorpus } from './corpus.js';

const limitIndex = process.argv.indexOf('--limit');
const limit = limitIndex > 0 ? Number(process.argv[limitIndex + 1]) : Infinity;
const WARM_UP = 100;

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
console.log(
  JSON.stringify({
    files: files.length,
    unreadable: corpus.files.length - files.length,
    bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0),
    transforms: results,
  }),
);

#!/usr/bin/env node
// Scaling on hostile inputs, one child process of `npm run bench` (the inputs are bench/lib/hostile.js's):
// - lines: each rule's time (ESLint `stats`) on the generated file at two sizes, 10× apart by default, with espree;
//   core no-unused-vars and ESLint's parse beside them for reference. Linear time gives a ratio near 10.
// - depth: each nesting shape at two depths, 2× apart (in a worker thread with a 64 MB stack: the parsers and
//   ESLint's scope analysis need it), the leakproof rules' total time, the fastest of three runs. Linear time gives a
//   ratio near 2.
// Prints one JSON object. `node bench/lib/scaling.js [--lines 10000,100000] [--depths 2500,5000]`
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Linter } from 'eslint';
import plugin from '../../dist/src/index.js';
import { DEEP_SHAPES, largeFile } from './hostile.js';

const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return (index > 0 ? process.argv[index + 1] : fallback).split(',').map(Number);
};
const linter = new Linter({ configType: 'flat' });
const RULES = { ...plugin.configs.all.rules, 'no-unused-vars': 'error' };

/** Per-rule and parse times (ms) of one lint of `text`, from ESLint's stats. */
function timesOf(text) {
  const config = [
    {
      files: ['**/*.js'],
      plugins: { leakproof: plugin },
      rules: RULES,
      languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
    },
  ];
  const started = performance.now();
  const { messages } = linter.verifyAndFix(text, config, { filename: 'hostile.js', stats: true, fix: false });
  const wall = performance.now() - started;
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`hostile input does not parse: ${fatal.message}`);
  const times = { wall, parse: 0, rules: {} };
  for (const pass of linter.getTimes().passes) {
    times.parse += pass.parse?.total ?? 0;
    for (const [rule, { total }] of Object.entries(pass.rules ?? {}))
      times.rules[rule] = (times.rules[rule] ?? 0) + total;
  }
  return times;
}

const round = (ms) => Math.round(ms * 10) / 10;

if (!isMainThread) {
  const { depths } = workerData;
  const shapes = {};
  const leakproofTimes = (text) =>
    Object.entries(timesOf(text).rules).filter(([rule]) => rule.startsWith('leakproof/'));
  const total = (rules) => rules.reduce((sum, [, time]) => sum + time, 0);
  for (const [shape, make] of Object.entries(DEEP_SHAPES)) {
    // The fastest of three runs at each depth: these take milliseconds, and one collection pause would be read as growth.
    const runs = depths.map((depth) => {
      const text = make(depth);
      return [1, 2, 3].map(() => leakproofTimes(text)).reduce((best, run) => (total(run) < total(best) ? run : best));
    });
    const ms = runs.map(total);
    // The rule that takes longest at the larger depth, for a shape that grows faster than linearly.
    const [slowest] = [...runs[1]].sort((a, b) => b[1] - a[1]);
    shapes[shape] = {
      ms: ms.map(round),
      ratio: ms[1] / Math.max(ms[0], 0.1),
      slowest: slowest ? `${slowest[0]} ${round(slowest[1])} ms` : null,
    };
  }
  parentPort.postMessage(shapes);
} else {
  const lines = option('--lines', '10000,100000');
  const depths = option('--depths', '2500,5000');
  // Warm the rules up on a small file first: the first lint compiles everything.
  timesOf(largeFile(2000));
  const measured = lines.map((count) => timesOf(largeFile(count)));
  const ratio = (pick) => pick(measured[1]) / Math.max(pick(measured[0]), 0.1);
  const rules = {};
  for (const rule of [...Object.keys(plugin.configs.all.rules).sort(), 'no-unused-vars']) {
    rules[rule] = {
      ms: measured.map((times) => round(times.rules[rule] ?? 0)),
      ratio: ratio((times) => times.rules[rule] ?? 0),
    };
  }
  const deep = await new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { depths },
      resourceLimits: { stackSizeMb: 64 },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  console.log(
    JSON.stringify({
      lines: {
        sizes: lines,
        wallMs: measured.map((times) => round(times.wall)),
        parse: { ms: measured.map((times) => round(times.parse)), ratio: ratio((times) => times.parse) },
        rules,
      },
      depth: { depths, shapes: deep },
    }),
  );
}

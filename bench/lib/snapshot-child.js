#!/usr/bin/env node
// The snapshot benchmark's child processes, one measurement each, so that each reads its own peak memory
// (process.resourceUsage().maxRSS) and prints one JSON line:
//   make <file> <records>   allocate half the records and write <file>.before.heapsnapshot, then the other half and
//                           write <file>: the growth between two snapshots of one process, as `prove` sees it
//   parse <file>            leakproof's streaming parser (dist/src/runtime) on <file> (its time and peak memory),
//                           then on the earlier snapshot, and the diff of the two (growth per constructor)
//   json <file>             plain JSON.parse of <file> read as one string
import { readFileSync, statSync } from 'node:fs';
import v8 from 'node:v8';

const [mode, file, count] = process.argv.slice(2);
const peakRss = () => process.resourceUsage().maxRSS * 1024;

const before = (path) => path.replace(/\.heapsnapshot$/, '.before.heapsnapshot');

if (mode === 'make') {
  // A linked list of records, each with its own string and a small array: three heap objects per record.
  let head = null;
  const grow = (from, to) => {
    for (let i = from; i < to; i++) head = { id: i, name: `record-${i}`, tags: [i & 7], next: head };
    globalThis.keep = head;
  };
  grow(0, Number(count) / 2);
  v8.writeHeapSnapshot(before(file));
  grow(Number(count) / 2, Number(count));
  v8.writeHeapSnapshot(file);
  console.log(JSON.stringify({ bytes: statSync(file).size, beforeBytes: statSync(before(file)).size }));
} else if (mode === 'parse') {
  const { parseHeapSnapshot, diffSnapshots } = await import('../../dist/src/runtime/index.js');
  const baseline = peakRss();
  let started = performance.now();
  const after = await parseHeapSnapshot(file);
  const parseMs = performance.now() - started;
  const parsePeak = peakRss();
  started = performance.now();
  const earlier = await parseHeapSnapshot(before(file));
  const parseBeforeMs = performance.now() - started;
  started = performance.now();
  const diff = diffSnapshots(earlier, earlier, after, { iterations: 1 });
  const diffMs = performance.now() - started;
  const top = diff.survivors[0];
  console.log(
    JSON.stringify({
      parseMs,
      parseBeforeMs,
      diffMs,
      nodes: after.nodeCount,
      topGrowth: top ? `${top.constructor} +${top.count}` : null,
      baselineRss: baseline,
      parsePeakRss: parsePeak,
      peakRss: peakRss(),
    }),
  );
} else if (mode === 'json') {
  const baseline = peakRss();
  const started = performance.now();
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, nodes: data.snapshot.node_count, baselineRss: baseline, peakRss: peakRss() }));
} else {
  throw new Error(`unknown mode ${mode}: make <file> <objects> | parse <file> | json <file>`);
}

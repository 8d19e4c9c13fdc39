// Re-checks the proof suite's claims: every proof in examples/proofs/ gives the same verdict, run after run, and a
// proof (leaky plus fixed) is fast. Runs each proof K times, the leaky and fixed examples in parallel as
// test/proofs/harness.ts does, and prints per file the verdicts, whether the leak's path passed through the
// identifier, and the times.
//
//   npx tsc -p tsconfig.build.json && node bench/proof-stability.js [runs=20] [--iterations 31] [--only <name>]
//
// Exit code 1 when any run gave an unexpected verdict or a path that misses the identifier.
// The published leaky/fixed package pairs (test/real/pairs.ts) are re-checked the same way by
// `LEAKPROOF_REAL_RUNS=20 npm run test:real`, which prints each pair's exit-code counts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prove } from '../dist/src/runtime/index.js';

const PROOFS_DIR = fileURLToPath(new URL('../examples/proofs/', import.meta.url));
const SEEDS = 'seeds';

function parseArgs(argv) {
  const options = { runs: 20, iterations: 31, only: undefined };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--iterations') options.iterations = Number(argv[++index]);
    else if (arg === '--only') options.only = argv[++index];
    else if (/^\d+$/.test(arg)) options.runs = Number(arg);
    else
      throw new Error(
        `unknown argument ${arg}; usage: node bench/proof-stability.js [runs] [--iterations n] [--only name]`,
      );
  }
  return options;
}

const subdirectories = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

const example = (dir, stem) =>
  ['.cjs', '.mjs', '.js'].map((ext) => join(dir, stem + ext)).find((file) => existsSync(file));

/** The same directories, in the same order, as test/proofs/harness.ts (which also checks proof.json strictly). */
function proofs() {
  const dirs = [
    ...subdirectories(PROOFS_DIR)
      .filter((name) => name !== SEEDS)
      .map((name) => [name, join(PROOFS_DIR, name)]),
    ...subdirectories(join(PROOFS_DIR, SEEDS)).map((name) => [`${SEEDS}/${name}`, join(PROOFS_DIR, SEEDS, name)]),
  ];
  return dirs.map(([name, dir]) => ({
    name,
    manifest: JSON.parse(readFileSync(join(dir, 'proof.json'), 'utf8')),
    leaky: example(dir, 'leaky'),
    fixed: example(dir, 'fixed'),
  }));
}

/** As harness.ts: the identifier is an edge or a holder of one of the path's links, or its target. */
function passesThrough(path, identifier) {
  return path.split(' → ').some((link) => {
    const at = link.indexOf(' in ');
    if (at < 0) return link === identifier;
    return link.slice(0, at) === identifier || link.slice(at + 4).replace(/ \(×\d+\)$/, '') === identifier;
  });
}

function proveOne(file, manifest, iterations) {
  const exportName = manifest.export === undefined || manifest.export === 'default' ? undefined : manifest.export;
  return prove({ module: file, iterations, ...(manifest.mode === 'http' ? { http: manifest.path } : { exportName }) });
}

/** The outcome of one run of one example, as one short key: its verdict, and for the leaky one whether the link held. */
function outcome(result, manifest, leaky) {
  if (!leaky) return result.verdict;
  const paths = manifest.verdict === 'leak' ? result.retainers : result.retained.map((finding) => finding.path);
  return `${result.verdict}${paths.some((path) => passesThrough(path, manifest.identifier)) ? '+link' : '-link'}`;
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `min ${(sorted[0] / 1000).toFixed(2)} s, median ${(at(0.5) / 1000).toFixed(2)} s, max ${(sorted[sorted.length - 1] / 1000).toFixed(2)} s`;
};

const counts = (keys) =>
  [...keys.reduce((map, key) => map.set(key, (map.get(key) ?? 0) + 1), new Map())]
    .map(([key, count]) => `${key} ×${count}`)
    .join(', ');

const options = parseArgs(process.argv.slice(2));
const selected = proofs().filter((proof) => options.only === undefined || proof.name === options.only);
if (selected.length === 0) throw new Error(`no proof named ${options.only}`);
console.log(
  `${selected.length} proofs × ${options.runs} runs, N = ${options.iterations}, load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);

let failures = 0;
const started = performance.now();
for (const proof of selected) {
  const { manifest } = proof;
  const leakyKeys = [];
  const fixedKeys = [];
  const pairMs = [];
  const leakyMs = [];
  const fixedMs = [];
  for (let run = 0; run < options.runs; run++) {
    const pairStart = performance.now();
    const [leaky, fixed] = await Promise.all([
      proveOne(proof.leaky, manifest, options.iterations),
      proof.fixed ? proveOne(proof.fixed, manifest, options.iterations) : undefined,
    ]);
    pairMs.push(performance.now() - pairStart);
    leakyMs.push(leaky.durationMs);
    leakyKeys.push(outcome(leaky, manifest, true));
    if (fixed) {
      fixedMs.push(fixed.durationMs);
      fixedKeys.push(outcome(fixed, manifest, false));
    }
  }
  const expectedLeaky = `${manifest.verdict}+link`;
  const badLeaky = leakyKeys.filter((key) => key !== expectedLeaky).length;
  // A fix that keeps the current value of a replaced slot on purpose (proof.json "fixedRetains") is a retention.
  const expectedFixed = manifest.fixedRetains ? 'retained' : 'clean';
  const badFixed = fixedKeys.filter((key) => key !== expectedFixed).length;
  failures += badLeaky + badFixed;
  console.log(
    `\n${proof.name} (${manifest.mode}${manifest.mode === 'http' ? ` ${manifest.path}` : ''}, \`${manifest.identifier}\`)`,
  );
  console.log(
    `  leaky: ${counts(leakyKeys)}   expected ${expectedLeaky}${badLeaky ? `, ${badLeaky} FLIPS` : ''}   (${stats(leakyMs)})`,
  );
  if (proof.fixed)
    console.log(
      `  fixed: ${counts(fixedKeys)}   expected ${expectedFixed}${badFixed ? `, ${badFixed} FLIPS` : ''}   (${stats(fixedMs)})`,
    );
  console.log(`  pair (in parallel): ${stats(pairMs)}`);
}
console.log(
  `\n${failures === 0 ? 'no flips' : `${failures} unexpected outcomes`}; total ${((performance.now() - started) / 1000).toFixed(1)} s, load average now ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
process.exitCode = failures === 0 ? 0 : 1;

#!/usr/bin/env node
// Runs both codemods, dry, over the JavaScript installed in node_modules and checks that nothing fails and that every
// output parses again, with parsers independent of the codemods' own: V8 (node:vm) for CommonJS, espree for ES modules
// and JSX. `npm run build && node bench/codemod-corpus.js [strict-mode|clear-interval] [--cpus n] [--show <category>]`.
// Prints counts per codemod (changed, unchanged, skipped by reason, failed) and the time; nothing is written.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as espree from 'espree';
import { runPool } from '../dist/src/cli/fix-pool.js';
import { moduleKindOf } from '../dist/src/codemods/parse.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const cpus = Number(option('--cpus') ?? availableParallelism());
const show = option('--show');
const only = args.find((arg, index) => !arg.startsWith('--') && !['--cpus', '--show'].includes(args[index - 1]));
const MAX_SIZE = 1_000_000;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.cache') yield* walk(path);
    } else if (entry.isFile() && /\.(c|m)?jsx?$/.test(entry.name)) yield path;
  }
}

const all = [...walk(join(root, 'node_modules'))];
const files = all.filter((file) => statSync(file).size <= MAX_SIZE);
console.error(
  `${files.length} files (${all.length - files.length} over ${MAX_SIZE / 1e6} MB left out), ${cpus} threads`,
);

/** Parses an output without the codemods' parser: V8 for sloppy or strict CommonJS, espree for modules and JSX. */
function parseError(file, text, codemod) {
  const code = text.replace(/^\uFEFF/, '').replace(/^#!.*/, '');
  const module =
    file.endsWith('.mjs') ||
    (file.endsWith('.js') && moduleKindOf(file) === 'module') ||
    /^\s*(import|export)\b/m.test(code);
  try {
    if (!module && !file.endsWith('.jsx')) {
      try {
        vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
        return null;
      } catch (error) {
        // JSX in a .js file: V8 cannot read it, espree can.
        if (!(error instanceof SyntaxError) || codemod === 'strict-mode') throw error;
      }
    }
    espree.parse(code, {
      ecmaVersion: 'latest',
      sourceType: module ? 'module' : 'commonjs',
      ecmaFeatures: { jsx: true },
    });
    return null;
  } catch (error) {
    return error.message;
  }
}

for (const codemod of ['strict-mode', 'clear-interval'].filter((name) => !only || name === only)) {
  const started = process.hrtime.bigint();
  const results = await runPool(files, { codemod, options: {}, cpus });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const counts = { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  const byReason = new Map();
  const unparsable = [];
  const failures = [];
  const decisions = [];
  for (const result of results) {
    const shown = relative(root, result.file);
    if (!result.outcome) {
      counts.failed++;
      failures.push(`${shown}: ${result.error}`);
      continue;
    }
    const { status, output, skipped, review } = result.outcome;
    counts[status]++;
    if (status === 'skipped') {
      const category = skipped[0]?.category ?? '?';
      byReason.set(category, (byReason.get(category) ?? 0) + 1);
      if (show === category) console.log(`${shown}:${skipped[0]?.line ?? ''} ${skipped[0]?.message}`);
    }
    if (status === 'changed') {
      const error = parseError(result.file, output, codemod);
      if (error) unparsable.push(`${shown}: ${error}`);
      if (show === 'changed') console.log(shown);
    }
    for (const note of review) if (note.kind === 'decision') decisions.push(`${shown}:${note.line} ${note.message}`);
    for (const reason of status === 'skipped' ? [] : skipped)
      decisions.push(`${shown}:${reason.line} left alone: ${reason.message}`);
  }
  console.log(`\n${codemod}: ${files.length} files in ${(ms / 1000).toFixed(1)} s`);
  console.log(
    `  changed ${counts.changed}, unchanged ${counts.unchanged}, skipped ${counts.skipped}, failed ${counts.failed}`,
  );
  for (const [category, count] of [...byReason].sort((a, b) => b[1] - a[1]))
    console.log(`    skipped: ${category}: ${count}`);
  console.log(`  outputs that do not parse: ${unparsable.length}`);
  for (const line of [...failures, ...unparsable]) console.log(`    ${line}`);
  if (decisions.length > 0) console.log(`  places that need a decision: ${decisions.length}`);
  if (show === 'decisions') for (const line of decisions) console.log(`    ${line}`);
}

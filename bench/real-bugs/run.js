#!/usr/bin/env node
// `npm run bench:real`: leakproof's recall on real memory-leak fixes from public projects' history.
//
// bench/real-bugs/bugs.json lists each bug as facts only: repository, fix commit, file(s), the leak's lines in the
// parent version (fix^), its family and a one-line description. No other project's code is kept here. Given local
// git mirrors of those repositories, this script extracts each file before (fix^) and after (fix) the fix into a
// temporary directory outside the repository (removed at the end unless --keep), lints both with every leakproof rule
// (dist/, configs.all; espree for .js/.mjs/.cjs, @typescript-eslint/parser for .ts/.tsx; sourceType as Node would run
// the file) and scores each bug:
// - caught: a finding of the family's rule on or near (±NEAR lines) a leak line before the fix;
// - silent after: no finding of that rule near the same lines after the fix (the leak lines mapped through the diff).
// It prints recall per family and overall (single-file bugs: cross-file ones are listed but not counted), every
// finding on the fixed files, and writes the figures into bench/results.json under `realBugs`, leaving the other keys
// as they are.
//
//   npm run bench:real -- [--mirrors <dir>] [--verbose] [--keep]
//
// --verbose prints each finding's message; --keep keeps the extracted files and scored.json and prints where.
//
// Mirrors: --mirrors <dir>, else the LEAKPROOF_MIRRORS environment variable. A repository owner/name is looked up there
// as <owner>+<name>/repo, <owner>+<name>, <owner>/<name> or <name> (any git directory, bare or not). A bug whose
// mirror or commit is missing is skipped with a line saying so; the run still exits 0.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import typescriptParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../dist/src/index.js';
import { findMirror, git, show, sourceTypeOf } from '../lib/mirrors.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results.json');
/** How far (in lines) from a leak line a finding may start and still count as pointing at it. */
const NEAR = 3;
const RULE_OF_FAMILY = {
  'implicit-global': 'leakproof/no-implicit-global',
  'unbounded-collection': 'leakproof/no-unbounded-collection',
  timer: 'leakproof/no-leaked-timer',
  listener: 'leakproof/no-leaked-listener',
  closure: 'leakproof/no-leaked-closure',
};
const FAMILIES = Object.keys(RULE_OF_FAMILY);

const args = process.argv.slice(2);
const flag = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const verbose = args.includes('--verbose');
const keep = args.includes('--keep');
const mirrors = flag('--mirrors') ?? process.env.LEAKPROOF_MIRRORS;
const manifest = JSON.parse(readFileSync(join(HERE, 'bugs.json'), 'utf8'));
const started = performance.now();

if (!mirrors || !existsSync(mirrors)) {
  console.log(
    mirrors
      ? `bench:real: no mirror directory at ${mirrors}; skipped all ${manifest.bugs.length} bugs.`
      : `bench:real: no mirrors given (--mirrors <dir> or LEAKPROOF_MIRRORS); skipped all ${manifest.bugs.length} bugs.`,
  );
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------------------------
// git

const mirrorOf = (repo) => findMirror(mirrors, repo);

/** Maps a line of the parent version to the fixed version through the diff's hunks (-U0). */
function lineMapper(dir, fix, path) {
  let diff;
  try {
    diff = git(dir, 'diff', '-U0', '--no-color', `${fix}^`, fix, '--', path);
  } catch {
    return (line) => line;
  }
  const hunks = [];
  for (const match of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)) {
    hunks.push({
      oldStart: Number(match[1]),
      oldCount: match[2] === undefined ? 1 : Number(match[2]),
      newStart: Number(match[3]),
      newCount: match[4] === undefined ? 1 : Number(match[4]),
    });
  }
  return (line) => {
    let shift = 0;
    for (const hunk of hunks) {
      // With -U0 an insertion (oldCount 0) names the line before it, and a deletion (newCount 0) likewise.
      const oldFirst = hunk.oldCount === 0 ? hunk.oldStart + 1 : hunk.oldStart;
      const newFirst = hunk.newCount === 0 ? hunk.newStart + 1 : hunk.newStart;
      if (line < oldFirst) break;
      if (line < oldFirst + hunk.oldCount) return newFirst + Math.min(line - oldFirst, Math.max(hunk.newCount - 1, 0));
      shift = newFirst + hunk.newCount - (oldFirst + hunk.oldCount);
    }
    return line + shift;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// lint

const linter = new Linter({ configType: 'flat', cwd: ROOT });
/** Files are linted as text under a virtual path inside the repository, where the config's `files` apply. */
const VIRTUAL = join(ROOT, 'bench', 'real-bugs', 'virtual');
const RULES = plugin.configs.all.rules;

/** Every leakproof finding on the text (and the parse error, if any). JSX is tried first, then plain JavaScript. */
function lint(text, path, sourceType) {
  const typescript = /\.[cm]?tsx?$/.test(path);
  const attempts = typescript
    ? [{ parser: typescriptParser, parserOptions: { ecmaFeatures: { jsx: path.endsWith('x') } } }]
    : [{ parserOptions: { ecmaFeatures: { jsx: true } } }, { parserOptions: { ecmaFeatures: { jsx: false } } }];
  let parseError = null;
  for (const languageOptions of attempts) {
    const config = [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        plugins: { leakproof: plugin },
        languageOptions: { ecmaVersion: 'latest', sourceType, ...languageOptions },
        linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off', noInlineConfig: true },
        rules: RULES,
      },
    ];
    const messages = linter.verify(text, config, { filename: join(VIRTUAL, path) });
    const fatal = messages.find(
      (message) =>
        message.fatal || (message.ruleId === null && message.message.startsWith('No matching configuration')),
    );
    if (fatal) {
      parseError = `${fatal.line}:${fatal.column} ${fatal.message}`;
      continue;
    }
    return { findings: messages.filter((message) => message.ruleId?.startsWith('leakproof/')), parseError: null };
  }
  return { findings: [], parseError };
}

const near = (finding, lines) =>
  lines.some((line) => line >= finding.line - NEAR && line <= (finding.endLine ?? finding.line) + NEAR);

// ---------------------------------------------------------------------------------------------------------------
// run

const WORK = mkdtempSync(join(tmpdir(), 'leakproof-real-bugs-'));

const scored = [];
const skipped = [];
for (const bug of manifest.bugs) {
  const dir = mirrorOf(bug.repo);
  if (!dir) {
    skipped.push({ id: bug.id, reason: `no mirror of ${bug.repo}` });
    continue;
  }
  const rule = RULE_OF_FAMILY[bug.family];
  const result = {
    id: bug.id,
    repo: bug.repo,
    family: bug.family,
    scope: bug.scope,
    caught: false,
    silentAfter: true,
    files: [],
  };
  let missing = null;
  for (const file of bug.files) {
    const before = show(dir, `${bug.fix}^`, file.path);
    if (before === null) {
      missing = `${file.path} not found at ${bug.fix.slice(0, 10)}^ in the mirror of ${bug.repo}`;
      break;
    }
    const after = show(dir, bug.fix, file.path);
    const sourceType = sourceTypeOf(dir, `${bug.fix}^`, file.path, before);
    const base = join(WORK, bug.id);
    mkdirSync(base, { recursive: true });
    writeFileSync(join(base, `before${extname(file.path)}`), before);
    if (after !== null) writeFileSync(join(base, `after${extname(file.path)}`), after);
    const linted = lint(before, `${bug.id}/before/${file.path}`, sourceType);
    const lintedAfter = after === null ? null : lint(after, `${bug.id}/after/${file.path}`, sourceType);
    const mapLine = lineMapper(dir, bug.fix, file.path);
    const afterLines = file.leakLines.map(mapLine);
    const hits = linted.findings.filter((finding) => finding.ruleId === rule && near(finding, file.leakLines));
    const afterHits = (lintedAfter?.findings ?? []).filter(
      (finding) => finding.ruleId === rule && near(finding, afterLines),
    );
    if (hits.length > 0) result.caught = true;
    if (afterHits.length > 0) result.silentAfter = false;
    result.files.push({
      path: file.path,
      sourceType,
      parseError: linted.parseError ?? lintedAfter?.parseError ?? null,
      hits: hits.map((finding) => `${finding.line}:${finding.column} ${finding.messageId}`),
      afterHits: afterHits.map((finding) => `${finding.line}:${finding.column} ${finding.messageId}`),
      findingsBefore: linted.findings.map((finding) => ({
        rule: finding.ruleId,
        line: finding.line,
        messageId: finding.messageId,
      })),
      findingsAfter:
        lintedAfter === null
          ? null
          : lintedAfter.findings.map((finding) => ({
              rule: finding.ruleId,
              line: finding.line,
              messageId: finding.messageId,
              message: finding.message,
            })),
    });
  }
  if (missing) {
    skipped.push({ id: bug.id, reason: missing });
    continue;
  }
  scored.push(result);
}

// ---------------------------------------------------------------------------------------------------------------
// report

const single = scored.filter((bug) => bug.scope === 'single-file');
const recall = {};
for (const family of [...FAMILIES, 'overall']) {
  const bugs = family === 'overall' ? single : single.filter((bug) => bug.family === family);
  const caught = bugs.filter((bug) => bug.caught);
  recall[family] = {
    caught: caught.length,
    of: bugs.length,
    recall: bugs.length ? Math.round((caught.length / bugs.length) * 1000) / 1000 : null,
    silentAfter: caught.filter((bug) => bug.silentAfter).length,
  };
}
const crossFile = scored.filter((bug) => bug.scope === 'cross-file');
const fixedFindings = scored.flatMap((bug) =>
  bug.files.flatMap((file) =>
    (file.findingsAfter ?? []).map((finding) => ({ bug: bug.id, path: file.path, ...finding })),
  ),
);
const fixedByRule = {};
for (const finding of fixedFindings) fixedByRule[finding.rule] = (fixedByRule[finding.rule] ?? 0) + 1;

const lines = [];
lines.push(
  `leakproof real-bug benchmark: ${manifest.bugs.length} bugs listed, ${scored.length} scored, ${skipped.length} skipped (mirrors: ${mirrors})`,
);
for (const skip of skipped) lines.push(`  skipped ${skip.id}: ${skip.reason}`);
lines.push(
  '',
  `Recall on single-file bugs (caught = a finding of the family's rule within ${NEAR} lines of a leak line):`,
);
for (const [family, r] of Object.entries(recall)) {
  lines.push(
    `  ${family.padEnd(22)} ${String(r.caught).padStart(3)} / ${String(r.of).padEnd(3)} ${r.recall === null ? '  -  ' : r.recall.toFixed(2)}` +
      `   (of those caught, silent after the fix: ${r.silentAfter})`,
  );
}
lines.push('', 'Per bug:');
for (const bug of scored) {
  const where = bug.files
    .map((file) => [...file.hits, file.parseError ? `parse error ${file.parseError}` : ''].filter(Boolean).join(', '))
    .join('; ');
  lines.push(
    `  ${bug.caught ? 'caught' : 'missed'} ${bug.silentAfter ? '      ' : 'NOISY '} ${bug.family.padEnd(20)} ${bug.scope === 'cross-file' ? '(cross-file) ' : ''}${bug.id}${where ? `  [${where}]` : ''}`,
  );
}
lines.push('', `Findings on the fixed files: ${fixedFindings.length} (${JSON.stringify(fixedByRule)})`);
for (const finding of fixedFindings)
  lines.push(
    `  ${finding.bug} ${finding.path}:${finding.line} ${finding.rule} ${verbose ? finding.message : finding.messageId}`,
  );
const seconds = (performance.now() - started) / 1000;
lines.push('', `${crossFile.length} cross-file bugs listed apart; ${seconds.toFixed(1)} s.`);
console.log(lines.join('\n'));

// Every bug's findings, kept with the extracted files for reading when asked (--keep).
writeFileSync(join(WORK, 'scored.json'), `${JSON.stringify(scored, null, 2)}\n`);
if (keep) console.log(`Extracted files and every finding (scored.json): ${WORK}`);
else rmSync(WORK, { recursive: true, force: true });

// bench/results.json: only the realBugs key is replaced.
const results = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
results.realBugs = {
  date: new Date().toISOString(),
  listed: manifest.bugs.length,
  scored: scored.length,
  skipped: skipped.map((skip) => skip.id),
  near: NEAR,
  recall,
  crossFile: crossFile.map((bug) => ({ id: bug.id, family: bug.family, caught: bug.caught })),
  missed: single.filter((bug) => !bug.caught).map((bug) => bug.id),
  noisyAfter: scored.filter((bug) => bug.caught && !bug.silentAfter).map((bug) => bug.id),
  fixedFileFindings: { total: fixedFindings.length, byRule: fixedByRule },
  seconds: Math.round(seconds * 10) / 10,
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

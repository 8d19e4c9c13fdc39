/**
 * `leakproof fix <codemod> [paths...]`: apply a codemod across a repository. Files are chosen as `scan` chooses them;
 * the codemod runs in worker threads; changed files are written atomically (or shown as a diff with --dry); a summary
 * on stderr lists every file skipped with its reason, every place that needs a person, and every failure.
 * Exit code 0 when nothing failed, 1 when some file failed, 2 on usage errors (including a dirty work tree).
 */
import { realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CODEMODS, isCodemodName } from '../codemods/registry.js';
import { argumentError, CliError } from './cli-error.js';
import { findFiles } from './files.js';
import { uncommittedChanges, workTreeOf } from './fix-git.js';
import { defaultCpus, runPool } from './fix-pool.js';
import { displayPath, formatSummary, stateOf, unifiedDiff, type FinalResult } from './fix-report.js';
import { writeAtomically } from './fix-write.js';

const names = Object.keys(CODEMODS);
const width = Math.max(...names.map((name) => name.length)) + 2;

export const FIX_USAGE = `Usage: leakproof fix <codemod> [options] [paths...]

Apply one of leakproof's codemods to JavaScript and TypeScript files. Paths are
files or directories; the default is the current directory. Files are chosen
as 'leakproof scan' chooses them (git ls-files in a work tree, else a walk that
skips node_modules, build output and dot-folders).

Codemods:
${names.map((name) => `  ${name.padEnd(width)}${CODEMODS[name as keyof typeof CODEMODS]}`).join('\n')}

Options:
  -d, --dry      write nothing; print a unified diff of each change
  -p, --print    print the new source of each changed file (written too,
                 unless --dry)
  --force        write even when the git work tree has uncommitted changes
  --cpus <n>     worker threads to use (default: the available cores)
  --declare      strict-mode only: declare implicit globals at the top of the
                 file instead of skipping the file
  -h, --help     show this help

The summary goes to stderr: files changed, unchanged, skipped and failed; each
skip that needs a decision with its reason (the others, such as files already
strict, are counted by reason), and the places that need a decision.

Exit codes: 0 nothing failed, 1 some file failed, 2 usage error.
`;

export async function fix(args: string[]): Promise<number> {
  const { values, positionals } = parseFixArgs(args);
  if (values.help) {
    process.stdout.write(FIX_USAGE);
    return 0;
  }
  const [codemod, ...paths] = positionals;
  if (codemod === undefined)
    throw new CliError(`missing the codemod: ${names.join(' or ')} (see 'leakproof fix --help')`);
  if (!isCodemodName(codemod)) throw new CliError(`unknown codemod '${codemod}': use ${names.join(' or ')}`);
  if (values.declare && codemod !== 'strict-mode') throw new CliError('--declare only applies to strict-mode');
  requireJscodeshift();
  const cpus = values.cpus === undefined ? defaultCpus() : positiveInteger(values.cpus);
  const dry = values.dry === true;
  const print = values.print === true;
  const cwd = process.cwd();
  const given = paths.length > 0 ? paths : ['.'];

  const files = await distinctFiles(await findFiles(given, cwd));
  if (!dry && !values.force) await refuseDirtyWorkTrees(given, cwd);

  const started = Date.now();
  const progress = createFixProgress(files.length, dry);
  const results: FinalResult[] = await runPool(files, {
    codemod,
    options: { declare: values.declare === true },
    cpus,
    onProgress: (done, _total, result) => progress.update(done, stateOf(result) === 'changed'),
  }).finally(() => progress.finish());

  const many = files.length > 1;
  for (const result of results) {
    if (stateOf(result) !== 'changed' || !result.outcome) continue;
    const output = result.outcome.output;
    if (print)
      process.stdout.write(
        many ? `==> ${displayPath(result.file, cwd)} <==\n${output}${output.endsWith('\n') ? '' : '\n'}` : output,
      );
    else if (dry) process.stdout.write(unifiedDiff(result.file, result.source, output, cwd));
    if (!dry) {
      try {
        await writeAtomically(result.file, output, result.source);
      } catch (error) {
        result.writeError = `cannot write the file: ${(error as Error).message}`;
      }
    }
  }
  process.stderr.write(formatSummary(results, { codemod, cwd, dry, elapsedMs: Date.now() - started }));
  return results.some((result) => stateOf(result) === 'failed') ? 1 : 0;
}

function parseFixArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        dry: { type: 'boolean', short: 'd' },
        print: { type: 'boolean', short: 'p' },
        force: { type: 'boolean' },
        cpus: { type: 'string' },
        declare: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw argumentError(error, 'fix');
  }
}

/**
 * The codemods read their output again with jscodeshift's parsers, and they are jscodeshift transforms: jscodeshift
 * is an optional peer dependency, which a project that only lints does not install.
 */
function requireJscodeshift(): void {
  try {
    createRequire(import.meta.url).resolve('jscodeshift/parser/babel5Compat.js');
  } catch {
    throw new CliError(
      "'leakproof fix' needs jscodeshift, which is not installed: npm install --save-dev jscodeshift@17",
    );
  }
}

/** The files with symbolic links to files already in the list left out: one file is fixed once. */
async function distinctFiles(files: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const distinct: string[] = [];
  for (const file of files) {
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) continue;
    seen.add(real);
    distinct.push(file);
  }
  return distinct;
}

function positiveInteger(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new CliError(`--cpus must be a positive integer, got '${text}'`);
  return Number(text);
}

/** Refuses (a usage error) when a work tree holding one of the paths has uncommitted changes. */
async function refuseDirtyWorkTrees(paths: readonly string[], cwd: string): Promise<void> {
  const workTrees = new Set<string>();
  for (const given of paths) {
    const root = await workTreeOf(path.resolve(cwd, given));
    if (root) workTrees.add(root);
  }
  for (const root of workTrees) {
    const { entries, total } = await uncommittedChanges(root);
    if (total === 0) continue;
    const shown = entries.join(', ') + (total > entries.length ? ` and ${total - entries.length} more` : '');
    const where = displayPath(root, cwd);
    throw new CliError(
      `the git work tree ${where === '' ? '.' : where} has uncommitted changes (${shown}): commit or stash them first, or pass --force (--dry writes nothing)`,
    );
  }
}

/**
 * "leakproof: 120/459 files, 37 changed" ("would change" under --dry) on stderr for runs over two seconds, like scan's
 * progress line: the files done so far, and how many of them the codemod changes.
 */
export function createFixProgress(
  total: number,
  dry: boolean,
  delay = 2000,
  interval = 2000,
): { update(done: number, changed: boolean): void; finish(): void } {
  const start = Date.now();
  const tty = process.stderr.isTTY === true;
  let lastPrinted: number | null = null;
  let changedSoFar = 0;
  return {
    update(done, changed) {
      if (changed) changedSoFar++;
      const now = Date.now();
      if (now - start < delay || (!tty && lastPrinted !== null && now - lastPrinted < interval)) return;
      lastPrinted = now;
      const text = `leakproof: ${done}/${total} files, ${changedSoFar} ${dry ? 'would change' : 'changed'}`;
      process.stderr.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
    },
    finish() {
      if (tty && lastPrinted !== null) process.stderr.write('\r\u001b[K');
    },
  };
}

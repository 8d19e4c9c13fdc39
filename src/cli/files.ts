/**
 * Which files leakproof looks at. `scan` and `fix` share this so they always agree on the set.
 *
 * A directory is listed by git when it is inside a work tree (every nested .gitignore, .git/info/exclude and the
 * global excludes hold) and walked otherwise (only the directory's own .gitignore applies). Either way dependencies,
 * build output and dot-folders are skipped: they are not code anyone fixes. A file named on the command line is
 * always included if it has a lintable extension.
 */
import { execFile } from 'node:child_process';
import { constants, type Stats } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ignore, { type Ignore } from 'ignore';
import { CliError } from './cli-error.js';

export const LINTABLE_EXTENSIONS: readonly string[] = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'];
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);

const DECLARATION_FILE = /\.d\.[cm]?ts$/;
const run = promisify(execFile);
// git ls-files on a large monorepo prints megabytes; the default 1 MB buffer would fail.
const GIT_MAX_BUFFER = 1024 ** 3;

export function isLintable(file: string): boolean {
  const name = path.basename(file);
  return LINTABLE_EXTENSIONS.includes(path.extname(name)) && !DECLARATION_FILE.test(name);
}

export function isSkippedDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name) || name.startsWith('.');
}

/**
 * The lintable files under `paths` (files or directories, relative to `cwd`), as sorted absolute paths.
 * Throws a CliError for a path that does not exist or cannot be read.
 */
export async function findFiles(paths: readonly string[], cwd: string = process.cwd()): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    if ((await readableStats(absolute, given)).isDirectory()) {
      for (const file of await filesUnder(absolute)) found.add(file);
    } else if (isLintable(absolute)) {
      found.add(absolute);
    }
  }
  return [...found].sort();
}

async function readableStats(absolute: string, given: string): Promise<Stats> {
  try {
    const stats = await stat(absolute);
    await access(absolute, constants.R_OK);
    return stats;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(`no such file or directory: ${given}`);
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`permission denied: ${given}`);
    throw new CliError(`cannot read ${given}: ${(error as Error).message}`);
  }
}

/** The lintable files under a directory, from git when it is a work tree, else from a walk. */
export async function filesUnder(directory: string): Promise<string[]> {
  return (await gitFiles(directory)) ?? (await walkFiles(directory));
}

/**
 * Tracked and untracked-but-not-ignored files, or null when git cannot answer: `directory` is not in a work tree,
 * git is not installed, or the directory is itself git-ignored (named on the command line, it is walked instead).
 */
export async function gitFiles(directory: string): Promise<string[] | null> {
  const stdout = await git(directory, ['ls-files', '--cached', '--others', '--exclude-standard', '-z']);
  if (stdout === null || (stdout === '' && (await git(directory, ['check-ignore', '--quiet', '.'])) !== null))
    return null;
  // A conflicted file is listed once per stage, hence the Set.
  const candidates = [...new Set(stdout.split('\0'))].filter((relative) => relative !== '' && isWanted(relative));
  const existing = await Promise.all(candidates.map((relative) => isFile(path.join(directory, relative))));
  // --cached still lists a tracked file that was deleted from the work tree.
  return candidates
    .filter((_, index) => existing[index])
    .map((relative) => path.join(directory, relative))
    .sort();
}

/** Files under `directory`, skipping the usual folders and whatever its own .gitignore lists. */
export async function walkFiles(directory: string): Promise<string[]> {
  const gitignore = await readGitignore(directory);
  const files: string[] = [];
  async function visit(absolute: string, relative: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(absolute, { withFileTypes: true });
    } catch {
      return; // an unreadable sub-folder is skipped, not fatal
    }
    const subfolders: Promise<void>[] = [];
    for (const entry of entries) {
      const entryRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      // Symbolic links are not followed: they can loop, and their target is usually scanned on its own.
      if (entry.isDirectory()) {
        if (isSkippedDirectory(entry.name) || gitignore.ignores(`${entryRelative}/`)) continue;
        subfolders.push(visit(path.join(absolute, entry.name), entryRelative));
      } else if (entry.isFile() && isLintable(entry.name) && !gitignore.ignores(entryRelative)) {
        files.push(path.join(absolute, entry.name));
      }
    }
    await Promise.all(subfolders);
  }
  await visit(directory, '');
  return files.sort();
}

/** A path relative to the scanned directory, with forward slashes: skipped folders anywhere on it drop it. */
function isWanted(relative: string): boolean {
  const segments = relative.split('/');
  return isLintable(relative) && !segments.slice(0, -1).some(isSkippedDirectory);
}

/** git's stdout, or null when it fails (check-ignore "fails" when nothing is ignored). */
async function git(directory: string, args: string[]): Promise<string | null> {
  try {
    return (await run('git', args, { cwd: directory, maxBuffer: GIT_MAX_BUFFER })).stdout;
  } catch {
    return null;
  }
}

async function readGitignore(directory: string): Promise<Ignore> {
  const rules = ignore();
  try {
    rules.add(await readFile(path.join(directory, '.gitignore'), 'utf8'));
  } catch {
    // no .gitignore: nothing more to skip
  }
  return rules;
}

async function isFile(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isFile();
  } catch {
    return false;
  }
}

/**
 * `leakproof fix` rewrites files in place; inside a git work tree it first makes sure that `git checkout` / `git
 * stash` can undo it: the work trees holding the given paths must have nothing uncommitted (changes or untracked,
 * not-ignored files), unless --force.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The root of the git work tree holding `target`, or null when it is in none (or git is missing). */
export async function workTreeOf(target: string): Promise<string | null> {
  const directory = (await stat(target)).isDirectory() ? target : path.dirname(target);
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: directory });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** Up to `limit` uncommitted entries of a work tree (`git status --porcelain`), empty when it is clean. */
export async function uncommittedChanges(workTree: string, limit = 3): Promise<{ entries: string[]; total: number }> {
  const { stdout } = await run('git', ['status', '--porcelain', '-z', '--untracked-files=all'], {
    cwd: workTree,
    maxBuffer: 1024 ** 3,
  });
  const all = stdout.split('\0').filter((entry) => entry !== '' && /^[ MADRCU?!]{2} /.test(entry));
  return { entries: all.slice(0, limit).map((entry) => entry.slice(3)), total: all.length };
}

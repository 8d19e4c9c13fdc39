// Throw-away directory trees for discovery tests: real files in os.tmpdir(), never in the fixture folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Stops git from finding a repository above the temp directory, so "not a work tree" holds everywhere. */
export const OUTSIDE_GIT_ENV = { GIT_CEILING_DIRECTORIES: realpathSync(os.tmpdir()) };

export function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'leakproof-cli-'));
  writeTree(root, files);
  return root;
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, ...OUTSIDE_GIT_ENV } });
}

export function removeTree(root: string | undefined): void {
  if (root) rmSync(root, { recursive: true, force: true });
}

// Local git mirrors of public repositories, read without a checkout: the real-bug benchmark (bench/real-bugs/run.js)
// and the repository-source lint cost (bench/lib/repo-source.js) take other projects' files from them at run time.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import * as espree from 'espree';

export function git(dir, ...gitArgs) {
  return execFileSync('git', ['-C', dir, ...gitArgs], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: 'pipe' });
}

const mirrorCache = new Map();
/**
 * The git directory of `owner/name` under the mirrors folder, or null: <owner>+<name>/repo, <owner>+<name>,
 * <owner>/<name> or <name> (any git directory, bare or not).
 */
export function findMirror(mirrors, repo) {
  const cacheKey = `${mirrors}\0${repo}`;
  if (mirrorCache.has(cacheKey)) return mirrorCache.get(cacheKey);
  const [owner, name] = repo.split('/');
  const candidates = [
    join(mirrors, `${owner}+${name}`, 'repo'),
    join(mirrors, `${owner}+${name}`),
    join(mirrors, owner, name),
    join(mirrors, name),
  ];
  let found = null;
  for (const dir of candidates) {
    if (!existsSync(dir)) continue;
    try {
      git(dir, 'rev-parse', '--git-dir');
      found = dir;
      break;
    } catch {
      // not a git directory
    }
  }
  mirrorCache.set(cacheKey, found);
  return found;
}

/** The file's text at a commit, or null when it does not exist there. */
export function show(dir, commit, path) {
  try {
    return git(dir, 'show', `${commit}:${path}`);
  } catch {
    return null;
  }
}

/** `module` or `commonjs` for a file as Node (or tsc) reads it, from the tree at `commit`. */
export function sourceTypeOf(dir, commit, path, text) {
  if (/\.m[jt]s$/.test(path)) return 'module';
  if (/\.c[jt]s$/.test(path)) return 'commonjs';
  if (/\.tsx?$/.test(path)) return 'module';
  for (let folder = posix.dirname(path); ; folder = posix.dirname(folder)) {
    const json = show(dir, commit, folder === '.' ? 'package.json' : `${folder}/package.json`);
    if (json !== null) {
      try {
        const type = JSON.parse(json).type;
        if (type === 'module' || type === 'commonjs') return type;
      } catch {
        // an unreadable package.json declares nothing
      }
      break; // the nearest package.json decides, as in Node
    }
    if (folder === '.') break;
  }
  // Node's detection for a file without a declared type: CommonJS unless only module syntax makes it parse.
  const parses = (sourceType) => {
    try {
      espree.parse(text.replace(/^#!.*/, ''), { ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx: true } });
      return true;
    } catch {
      return false;
    }
  };
  return !parses('commonjs') && parses('module') ? 'module' : 'commonjs';
}

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

/**
 * The texts of `paths` at `commit`, read in one `git cat-file --batch`: a Map from path to text, without the paths
 * the tree lacks or whose blobs the mirror does not hold.
 */
export function readFiles(dir, commit, paths) {
  const output = execFileSync('git', ['-C', dir, 'cat-file', '--batch'], {
    input: paths.map((path) => `${commit}:${path}\n`).join(''),
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const texts = new Map();
  let at = 0;
  for (const path of paths) {
    const headerEnd = output.indexOf(10, at);
    const [, type, size] = output.toString('utf8', at, headerEnd).split(' ');
    at = headerEnd + 1;
    if (size === undefined) continue; // `<object> missing`
    const end = at + Number(size);
    if (type === 'blob') texts.set(path, output.toString('utf8', at, end));
    at = end + 1;
  }
  return texts;
}

/**
 * `module` or `commonjs` for a file as Node (or tsc) reads it, from the tree at `commit`. `read(path)` gives a file's
 * text in that tree, or null (by default `show`; a caller that has the tree's package.json files at hand passes them).
 */
export function sourceTypeOf(dir, commit, path, text, read = (file) => show(dir, commit, file)) {
  if (/\.m[jt]s$/.test(path)) return 'module';
  if (/\.c[jt]s$/.test(path)) return 'commonjs';
  if (/\.tsx?$/.test(path)) return 'module';
  for (let folder = posix.dirname(path); ; folder = posix.dirname(folder)) {
    const json = read(folder === '.' ? 'package.json' : `${folder}/package.json`);
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

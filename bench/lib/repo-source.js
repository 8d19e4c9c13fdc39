// The source of the public repositories bench/source-repos.json names, read from local git mirrors at the commits it
// records: the code a library ships as its own, without its tests, examples, benchmarks or build output. Other
// projects' files are read at run time and never kept here.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { ROOT } from './corpus.js';
import { findMirror, git, readFiles, sourceTypeOf } from './mirrors.js';

const SOURCE_FILE = /\.(?:[cm]?js|[cm]?ts|tsx)$/;
/** Declarations, minified code, tests, and the tools' own configuration (`eslint.config.js`, `karma.conf.cjs`). */
const NOT_SOURCE_FILE = /\.d\.[cm]?ts$|\.min\.js$|\.(?:test|spec)\.[cm]?[jt]sx?$|[.-]conf(?:ig)?\.|^gulpfile\.|^\./;
/** Tests, examples, the repository's own scripts and tooling, project templates, and build output. */
const NOT_SOURCE_DIRECTORY =
  /^(?:tests?|__tests__|test-helpers|specs?|fixtures?|__fixtures__|examples?|docs?|bench|benchmarks?|playground|sandbox|scripts|bin|tools|support|template-.*|types|typings|dist|.*-dist|build|coverage|node_modules|\..*)$/i;
const MAX_BYTES = 1_000_000;

/** Whether a path in a repository's tree is its own source by bench/source-repos.json's criteria. */
function isSourcePath(path) {
  const parts = path.split('/');
  const name = parts.pop() ?? '';
  return (
    SOURCE_FILE.test(name) && !NOT_SOURCE_FILE.test(name) && !parts.some((part) => NOT_SOURCE_DIRECTORY.test(part))
  );
}

/**
 * The files as the benchmark reads them (`{ path, repo, sourceType, typescript, text }`, `path` beginning
 * with `owner+name/`), in the order of bench/source-repos.json and then by path; the repositories whose mirror or
 * commit is missing; and the count of listed files the mirror held no text for.
 */
export function loadRepoSource(mirrors) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'bench', 'source-repos.json'), 'utf8'));
  const files = [];
  const missingRepositories = [];
  let missingFiles = 0;
  for (const { repo, commit } of manifest.repositories) {
    const dir = findMirror(mirrors, repo);
    let tree;
    try {
      tree = dir ? git(dir, 'ls-tree', '-r', '-z', '--name-only', commit).split('\0').filter(Boolean) : null;
    } catch {
      tree = null; // the mirror lacks the commit
    }
    if (!dir || !tree) {
      missingRepositories.push(repo);
      continue;
    }
    const manifests = readFiles(
      dir,
      commit,
      tree.filter((path) => posix.basename(path) === 'package.json'),
    );
    const read = (path) => manifests.get(path) ?? null;
    const paths = tree.filter(isSourcePath).sort();
    const texts = readFiles(dir, commit, paths);
    for (const path of paths) {
      const text = texts.get(path);
      if (text === undefined) {
        missingFiles++;
        continue;
      }
      if (Buffer.byteLength(text) > MAX_BYTES) continue;
      files.push({
        path: `${repo.replace('/', '+')}/${path}`,
        repo,
        sourceType: sourceTypeOf(dir, commit, path, text, read),
        typescript: /\.[cm]?tsx?$/.test(path),
        text,
      });
    }
  }
  return {
    files,
    missingRepositories,
    missingFiles,
    bytes: files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0),
  };
}

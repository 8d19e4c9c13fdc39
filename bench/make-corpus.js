#!/usr/bin/env node
// Writes bench/corpus.json: the real-code corpus the quality tests (test/quality/corpus/) and the benchmark
// (bench/run.js) read. `node bench/make-corpus.js [--check]`.
//
// The corpus is the JavaScript (and the few TypeScript sources) of the packages installed at the top level of
// node_modules: code nobody here wrote. Deterministic for a given node_modules:
// - packages: every top-level directory of node_modules with a package.json (scoped ones too), by name;
// - files: .js/.cjs/.mjs and .ts/.cts/.mts/.tsx (no .d.ts, no .min.js), at most 1 MB, not under a nested
//   node_modules or a dot directory, sorted by path (code-unit order, not locale);
// - at most MAX_PER_PACKAGE files per package, picked evenly over its sorted list, so that one data-heavy package
//   (caniuse-lite) cannot make up a quarter of the corpus;
// - each file's sourceType as Node (or tsc) reads it: .mjs/.mts are modules, .cjs/.cts CommonJS, a .js file
//   follows the "type" of the nearest package.json inside its package, and where that has none, Node's detection:
//   a module when it parses only as one (import/export syntax); other TypeScript is a module.
// - packages installed for the benchmark because they publish their source (SOURCE_PACKAGES below: libraries and
//   servers in CommonJS, modern ESM and TypeScript) give only their source directories, without tests, examples
//   or benchmarks; they and their files are marked `"source": true`, so that the benchmark can report their cost
//   apart from the compiled code that makes up most of node_modules.
// With --check it exits 1 when the file on disk differs from what it would write.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as espree from 'espree';
import * as prettier from 'prettier';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = join(ROOT, 'node_modules');
const OUTPUT = join(ROOT, 'bench', 'corpus.json');
const MAX_PER_PACKAGE = 300;
const MAX_BYTES = 1_000_000;
const SOURCE = /\.(?:[cm]?js|[cm]?ts|tsx)$/;
const SKIPPED = /\.(?:min\.js|d\.[cm]?ts)$/;

/**
 * Packages (devDependencies) that publish their own source, and where it is: real library and application code,
 * not compiled output. CommonJS servers and clients, modern ESM, and TypeScript sources (`src/**.ts`).
 */
const SOURCE_PACKAGES = {
  '@tanstack/query-core': ['src'],
  axios: ['index.js', 'lib'],
  execa: ['index.js', 'lib'],
  express: ['index.js', 'lib'],
  fastify: ['fastify.js', 'lib'],
  koa: ['lib'],
  mobx: ['src'],
  mongodb: ['src'],
  pino: ['pino.js', 'lib'],
  rxjs: ['src'],
  undici: ['index.js', 'index-fetch.js', 'lib'],
  winston: ['lib'],
  ws: ['index.js', 'wrapper.mjs', 'lib'],
  zod: ['src/v4/core', 'src/v4/classic'],
};
/** Tests, fixtures, examples and benchmarks inside a source package's directories. */
const NOT_SOURCE =
  /(?:^|\/)(?:tests?|__tests__|__mocks__|fixtures|examples?|benchmarks?)\/|\.(?:test|spec|bench)\.[cm]?[jt]sx?$/;

const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function packageDirectories() {
  const dirs = [];
  for (const entry of readdirSync(NODE_MODULES, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      for (const scoped of readdirSync(join(NODE_MODULES, entry.name), { withFileTypes: true })) {
        if (scoped.isDirectory()) dirs.push(`${entry.name}/${scoped.name}`);
      }
    } else dirs.push(entry.name);
  }
  return dirs.sort(byCodeUnit);
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) yield* walk(path);
    } else if (
      entry.isFile() &&
      SOURCE.test(entry.name) &&
      !SKIPPED.test(entry.name) &&
      statSync(path).size <= MAX_BYTES
    ) {
      yield path;
    }
  }
}

/** The source files at a path of a package: the file itself, or those under the directory. */
function sourceFiles(path) {
  if (!existsSync(path)) return [];
  return statSync(path).isDirectory() ? [...walk(path)] : SOURCE.test(path) && !SKIPPED.test(path) ? [path] : [];
}

/** `module` or `commonjs`, by extension, else by the nearest package.json up to the package's own, else by syntax. */
function sourceTypeOf(file, packageDir) {
  if (/\.m[jt]s$/.test(file)) return 'module';
  if (/\.c[jt]s$/.test(file)) return 'commonjs';
  if (/\.tsx?$/.test(file)) return 'module';
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = readJson(join(dir, 'package.json'));
    if (manifest?.type === 'module' || manifest?.type === 'commonjs') return manifest.type;
    if (manifest !== null || dir === packageDir || !dir.startsWith(packageDir + sep)) return detect(file);
  }
}

/** Node's module detection for a file without a declared type: CommonJS unless only module syntax makes it parse. */
function detect(file) {
  const text = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const parses = (sourceType) => {
    try {
      espree.parse(text, { ecmaVersion: 'latest', sourceType });
      return true;
    } catch {
      return false;
    }
  };
  return !parses('commonjs') && parses('module') ? 'module' : 'commonjs';
}

/** `count` entries of `list` spread evenly over it, in order. */
function evenly(list, count) {
  if (list.length <= count) return list;
  return Array.from({ length: count }, (_, index) => list[Math.floor((index * list.length) / count)]);
}

const packages = [];
const files = [];
for (const name of packageDirectories()) {
  const dir = join(NODE_MODULES, name);
  const manifest = readJson(join(dir, 'package.json'));
  if (!manifest || !existsSync(dir)) continue;
  const roots = SOURCE_PACKAGES[name];
  const source = roots !== undefined;
  const all = (source ? roots.flatMap((root) => sourceFiles(join(dir, root))) : [...walk(dir)])
    .map((file) => relative(NODE_MODULES, file).split(sep).join('/'))
    .filter((path) => !source || !NOT_SOURCE.test(path.slice(name.length + 1)))
    .sort(byCodeUnit);
  if (all.length === 0) continue;
  const picked = evenly(all, MAX_PER_PACKAGE);
  packages.push({
    name,
    version: String(manifest.version ?? ''),
    files: picked.length,
    of: all.length,
    ...(source ? { source: true } : {}),
  });
  for (const path of picked)
    files.push({ path, sourceType: sourceTypeOf(join(NODE_MODULES, path), dir), ...(source ? { source: true } : {}) });
}
files.sort((a, b) => byCodeUnit(a.path, b.path));

const header = {
  description:
    'Real-code corpus: the sources of the packages installed at the top level of node_modules, among them libraries installed for the benchmark because they publish their own source (marked source). Paths are relative to node_modules.',
  generator: 'node bench/make-corpus.js',
  criteria: {
    extensions: '.js .cjs .mjs .ts .cts .mts .tsx (no .d.ts, no .min.js)',
    maxBytes: MAX_BYTES,
    maxFilesPerPackage: MAX_PER_PACKAGE,
    nested: 'no nested node_modules, no dot directories',
    source: `only the source directories of ${Object.keys(SOURCE_PACKAGES).join(', ')}, without tests or examples`,
  },
  counts: {
    packages: packages.length,
    files: files.length,
    module: files.filter((f) => f.sourceType === 'module').length,
    commonjs: files.filter((f) => f.sourceType === 'commonjs').length,
    typescript: files.filter((f) => /\.[cm]?tsx?$/.test(f.path)).length,
    source: files.filter((f) => f.source).length,
  },
};
// One entry per line: a diff of the corpus shows which files came and went. Then formatted as the repository's
// Prettier config formats it, so that `npm run format:check` and --check agree.
const draft = `{\n${Object.entries(header)
  .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`)
  .join('\n')}
  "packages": [\n${packages.map((p) => `    ${JSON.stringify(p)}`).join(',\n')}\n  ],
  "files": [\n${files.map((f) => `    ${JSON.stringify(f)}`).join(',\n')}\n  ]\n}\n`;
const text = await prettier.format(draft, { ...(await prettier.resolveConfig(OUTPUT)), filepath: OUTPUT });

if (process.argv.includes('--check')) {
  const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
  if (current !== text) {
    console.error('bench/corpus.json differs from node_modules as installed: run `node bench/make-corpus.js`.');
    process.exitCode = 1;
  } else console.error('bench/corpus.json is up to date.');
} else {
  writeFileSync(OUTPUT, text);
  console.error(
    `bench/corpus.json: ${files.length} files from ${packages.length} packages (${JSON.stringify(header.counts)})`,
  );
}

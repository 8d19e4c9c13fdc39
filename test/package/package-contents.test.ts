// What `npm publish` would ship, read from `npm pack --dry-run --json` (after `npm run build`, which `npm test` does):
// the built plugin, rules, codemods, their types and their docs, and nothing a user does not need.
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../../src/create-rule.js';
import { kilobytes, npmPack, readPackageJson, REPO_ROOT, run, type PackResult } from './npm.js';

/**
 * The budget for the tarball: it is printed on every run; raise it only for a reason worth its weight. Raised from
 * 300 kB / 1.2 MB (2026-12-07, at 329 kB / 1.20 MB) for the analysis of long-lived owners, per-entry releases,
 * re-armed handles and implicit registrations, which took real-bug recall from 23 to 40 of 59. Raised from 360 kB
 * (2026-12-07, at 361.5 kB / 1.32 MB) for cost work that made the rules about a tenth cheaper on real library source:
 * per-type node lists, and the tests that let most files skip indexing their owners.
 */
const MAX_PACKED_BYTES = 370_000;
const MAX_UNPACKED_BYTES = 1_400_000;

const pkg = readPackageJson();
let packed: PackResult;
let paths: Set<string>;

beforeAll(() => {
  if (!existsSync(path.join(REPO_ROOT, 'dist/src/index.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  packed = npmPack();
  paths = new Set(packed.files.map((file) => file.path));
  // npm pack runs the prepack build: well over the default 10 s on a loaded machine.
}, 120_000);

/** Source files under a directory of the repository, relative to the repository, without declaration files. */
function sources(directory: string): string[] {
  const root = path.join(REPO_ROOT, directory);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.posix.join(directory, file.split(path.sep).join('/')));
}

const SOURCE_DIRECTORIES = ['src', 'rules', 'codemods'];
const ruleNames = sources('rules').map((file) => path.posix.basename(file, '.ts'));
const codemodNames = sources('codemods').map((file) => path.posix.basename(file, '.ts'));

/** The module a bare specifier names: `@scope/name` or `name`, without a subpath. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isBuiltin(specifier: string): boolean {
  return (
    specifier.startsWith('node:') ||
    builtinModules.includes(specifier) ||
    builtinModules.includes(packageName(specifier))
  );
}

/** The import, export-from, dynamic import and require specifiers of a file (not those in comments or strings). */
function specifiers(file: string): string[] {
  const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const info = ts.preProcessFile(text, true, true);
  return [...info.importedFiles, ...info.referencedFiles, ...info.typeReferenceDirectives].map(
    (reference) => reference.fileName,
  );
}

/** Whether a consumer that installs `name` gets its types: it ships them, or its @types package is installed with it. */
function shipsTypes(name: string): boolean {
  const manifestPath = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  if (!existsSync(manifestPath)) return false;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    types?: string;
    typings?: string;
    exports?: unknown;
  };
  return (
    Boolean(manifest.types ?? manifest.typings) ||
    JSON.stringify(manifest.exports ?? {}).includes('"types"') ||
    existsSync(path.join(REPO_ROOT, 'node_modules', name, 'index.d.ts'))
  );
}

function dependenciesOf(name: string): string[] {
  const manifestPath = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {});
}

describe('the tarball', () => {
  it('is small, and its size is printed', () => {
    console.log(
      `eslint-plugin-leakproof@${packed.version}: ${kilobytes(packed.size)} packed, ${kilobytes(packed.unpackedSize)} unpacked, ${packed.entryCount} files`,
    );
    expect(packed.size).toBeLessThan(MAX_PACKED_BYTES);
    expect(packed.unpackedSize).toBeLessThan(MAX_UNPACKED_BYTES);
  });

  it('holds only built code, its types, docs and the package files: no sources, tests, maps or build state', () => {
    const allowed = [
      /^package\.json$/,
      /^README\.md$/,
      /^CHANGELOG\.md$/,
      /^LICEN[CS]E(\.md|\.txt)?$/,
      /^dist\/(src|rules|codemods)\/[\w/.-]+(?<!\.d)\.js$/,
      /^dist\/(src|rules|codemods)\/[\w/.-]+\.d\.ts$/,
      /^docs\/[\w/.-]+\.md$/,
    ];
    const unexpected = [...paths].filter((file) => !allowed.some((pattern) => pattern.test(file)));
    expect(unexpected).toEqual([]);
  });

  it('holds the package files, each built source with its declarations, and every doc page', () => {
    const expected = [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'docs/cli.md',
      'docs/prove.md',
      'docs/pre-commit.md',
      'docs/editors.md',
    ];
    for (const license of ['LICENSE', 'LICENSE.md', 'LICENCE']) {
      if (existsSync(path.join(REPO_ROOT, license))) expected.push(license);
    }
    for (const source of SOURCE_DIRECTORIES.flatMap(sources)) {
      const built = `dist/${source.replace(/\.ts$/, '')}`;
      expected.push(`${built}.js`, `${built}.d.ts`);
    }
    expected.push(
      ...ruleNames.map((name) => `docs/rules/${name}.md`),
      ...codemodNames.map((name) => `docs/codemods/${name}.md`),
    );
    expect(expected.filter((file) => !paths.has(file))).toEqual([]);
    expect(ruleNames.length).toBeGreaterThanOrEqual(5);
    expect(codemodNames.length).toBeGreaterThanOrEqual(2);
  });

  it('holds no stale build output: every packed module has its source in the repository', () => {
    // dist/ is not cleaned by `npm run build`; output of a deleted or renamed source would ship. `rm -rf dist` fixes it.
    const stale = [...paths]
      .filter((file) => file.startsWith('dist/'))
      .filter(
        (file) => !existsSync(path.join(REPO_ROOT, file.replace(/^dist\//, '').replace(/(\.d\.ts|\.js)$/, '.ts'))),
      );
    expect(stale).toEqual([]);
  });
});

describe('package.json', () => {
  it('points main, types, bin and every export at files in the tarball, with types first in each condition', () => {
    const targets: string[] = [pkg.main ?? '', pkg.types ?? '', ...Object.values(pkg.bin ?? {})];
    expect(Object.keys(pkg.exports ?? {}).sort()).toEqual(['.', './codemods/*', './package.json', './runtime']);
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      if (typeof target === 'string') {
        targets.push(target);
        continue;
      }
      expect(Object.keys(target), subpath).toEqual(['types', 'default']);
      const names = subpath.includes('*') ? codemodNames : [''];
      for (const name of names) targets.push(...Object.values(target).map((file) => file.replace('*', name)));
    }
    const missing = targets.map((target) => target.replace(/^\.\//, '')).filter((target) => !paths.has(target));
    expect(missing).toEqual([]);
    expect(pkg.types).toBe('./dist/src/index.d.ts');
  });

  it('has docs whose relative links reach packed files, and that link repository-only files to the repository', () => {
    const broken: string[] = [];
    for (const file of paths) {
      if (!file.endsWith('.md')) continue;
      // Fenced code blocks show commands run in a clone; only the prose is checked.
      const prose = readFileSync(path.join(REPO_ROOT, file), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
      for (const [, target = ''] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z+.-]*:/i.test(target) || target.startsWith('#')) continue;
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target.split('#')[0] ?? ''));
        const folder = resolved.replace(/\/$/, '');
        if (!paths.has(resolved) && ![...paths].some((packed) => packed.startsWith(`${folder}/`))) {
          broken.push(`${file} links to ${target}, which is not packed`);
        }
      }
      // A doc page that cites a repository-only file (`test/…`, `examples/…`) in prose links it to the repository.
      // (The README's development and performance notes describe the repository's folders to contributors.)
      if (!file.startsWith('docs/')) continue;
      for (const match of prose.matchAll(/(?<!\[)`((?:test|examples|bench)\/[^`]*)`/g)) {
        broken.push(`${file} cites ${match[1] ?? ''} without linking it`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('has a `leakproof` bin that runs under node', () => {
    const bin = pkg.bin?.leakproof;
    expect(bin).toBeDefined();
    expect(readFileSync(path.join(REPO_ROOT, bin ?? ''), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('has a semver version with its own CHANGELOG section, and the repository the docs URLs point at', () => {
    // The regular expression from semver.org.
    const semver =
      /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
    expect(pkg.version).toMatch(semver);
    const changelog = readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
    const released = [...changelog.matchAll(/^## \[(\d[^\]]*)\]/gm)].map((match) => match[1]);
    expect(released[0], 'the newest CHANGELOG section is the package version').toBe(pkg.version);
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY_URL}.git` });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['eslint', 'eslintplugin', 'eslint-plugin']));
  });
});

describe('imports of the packed files', () => {
  it('resolve relative imports to packed files', () => {
    const broken: string[] = [];
    for (const file of paths) {
      if (!/\.(js|d\.ts)$/.test(file)) continue;
      for (const specifier of specifiers(file)) {
        if (!specifier.startsWith('.')) continue;
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        const candidates = file.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts'), target] : [target];
        if (!candidates.some((candidate) => paths.has(candidate))) broken.push(`${file} → ${specifier}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('need only dependencies, peer dependencies and Node built-ins at run time', () => {
    const available = new Set([
      pkg.name,
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ]);
    const undeclared: string[] = [];
    for (const file of paths) {
      if (!file.endsWith('.js')) continue;
      for (const specifier of specifiers(file)) {
        if (specifier.startsWith('.') || isBuiltin(specifier) || available.has(packageName(specifier))) continue;
        undeclared.push(`${file} imports ${specifier}`);
      }
    }
    expect(undeclared, 'move these packages from devDependencies to dependencies').toEqual([]);
  });

  it('need only types a consumer gets by installing the package (or @types/node) in its declarations', () => {
    // What installing the package brings: its dependencies and peer dependencies, and theirs (one level down).
    const direct = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
    const installed = new Set(direct.flatMap((name) => [name, ...dependenciesOf(name)]));
    const untyped: string[] = [];
    for (const file of paths) {
      if (!file.endsWith('.d.ts')) continue;
      for (const specifier of specifiers(file)) {
        if (specifier.startsWith('.') || isBuiltin(specifier)) continue;
        const name = packageName(specifier);
        const typesPackage = `@types/${name.replace(/^@([^/]+)\//, '$1__')}`;
        if ((installed.has(name) && shipsTypes(name)) || installed.has(typesPackage)) continue;
        untyped.push(`${file} imports types from ${specifier}`);
      }
    }
    expect(
      [...new Set(untyped)],
      'a consumer without these types sees `any` (or, with skipLibCheck off, an error)',
    ).toEqual([]);
  });
});

describe('npm publish --dry-run', () => {
  it('passes without npm correcting package.json, and would publish the same files', () => {
    const result = run('npm', ['publish', '--dry-run'], { cwd: REPO_ROOT });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).not.toMatch(/auto-corrected|errors corrected|npm pkg fix/);
    expect(output).toContain(`+ ${pkg.name}@${pkg.version}`);
    expect(output).toMatch(new RegExp(`total files:\\s+${packed.entryCount}\\b`));
  });
});

import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-error.js';
import { filesUnder, findFiles, gitFiles, isLintable, isSkippedDirectory, walkFiles } from '../../src/cli/files.js';
import { git, makeTree, OUTSIDE_GIT_ENV, removeTree } from './temp-tree.js';

const LEAK = 'function setName() { name = "Stanley"; }\n';

/** Every kind of file and folder discovery must keep or skip. */
const TREE = {
  'src/app.js': LEAK,
  'src/app.test.ts': LEAK,
  'src/types.d.ts': 'declare const x: number;\n',
  'src/types.d.mts': 'declare const x: number;\n',
  'src/view.tsx': LEAK,
  'src/legacy.cjs': LEAK,
  'src/esm.mjs': LEAK,
  'src/cts.cts': LEAK,
  'src/mts.mts': LEAK,
  'src/component.jsx': LEAK,
  'src/readme.md': '# not code\n',
  'src/data.json': '{}\n',
  'node_modules/dep/index.js': LEAK,
  'src/node_modules/nested/index.js': LEAK,
  'dist/bundle.js': LEAK,
  'build/out.js': LEAK,
  'coverage/lcov.js': LEAK,
  'out/main.js': LEAK,
  '.cache/tool.js': LEAK,
  'src/.hidden/secret.js': LEAK,
  '.eslintrc.js': 'module.exports = {};\n',
  'generated/api.js': LEAK,
  'logs/debug.js': LEAK,
  '.gitignore': 'generated/\n*.log.js\nlogs\n',
  'src/trace.log.js': LEAK,
};

const KEPT = [
  '.eslintrc.js',
  'src/app.js',
  'src/app.test.ts',
  'src/component.jsx',
  'src/cts.cts',
  'src/esm.mjs',
  'src/legacy.cjs',
  'src/mts.mts',
  'src/view.tsx',
];

const relativeTo = (root: string) => (files: string[]) =>
  files.map((file) => path.relative(root, file).split(path.sep).join('/'));

describe('isLintable', () => {
  it('accepts the JavaScript and TypeScript extensions, not declaration files or other files', () => {
    for (const name of ['a.js', 'a.cjs', 'a.mjs', 'a.jsx', 'a.ts', 'a.cts', 'a.mts', 'a.tsx', 'dir/a.b.js', 'a.d.js']) {
      expect(isLintable(name), name).toBe(true);
    }
    for (const name of ['a.d.ts', 'a.d.cts', 'a.d.mts', 'a.json', 'a.md', 'a.js.map', 'js', 'Makefile']) {
      expect(isLintable(name), name).toBe(false);
    }
  });
});

describe('isSkippedDirectory', () => {
  it('skips dependencies, build output and dot-folders', () => {
    for (const name of ['node_modules', 'dist', 'build', 'coverage', 'out', '.git', '.next', '.cache']) {
      expect(isSkippedDirectory(name), name).toBe(true);
    }
    for (const name of ['src', 'lib', 'output', 'distribution', 'test'])
      expect(isSkippedDirectory(name), name).toBe(false);
  });
});

describe('outside a git work tree', () => {
  let root: string;
  const saved = process.env.GIT_CEILING_DIRECTORIES;
  beforeAll(() => {
    process.env.GIT_CEILING_DIRECTORIES = OUTSIDE_GIT_ENV.GIT_CEILING_DIRECTORIES;
    root = makeTree(TREE);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
    else process.env.GIT_CEILING_DIRECTORIES = saved;
    removeTree(root);
  });

  it('gitFiles answers null', async () => {
    expect(await gitFiles(root)).toBeNull();
  });

  it('walkFiles skips the usual folders and applies the root .gitignore', async () => {
    expect(relativeTo(root)(await walkFiles(root))).toEqual(KEPT);
  });

  it('filesUnder falls back to the walk', async () => {
    expect(relativeTo(root)(await filesUnder(root))).toEqual(KEPT);
  });

  it("findFiles scans only below a sub-folder, with paths relative to cwd, and that folder's .gitignore only", async () => {
    const expected = [...KEPT.filter((file) => file.startsWith('src/')), 'src/trace.log.js'].sort();
    expect(relativeTo(root)(await findFiles(['src/'], root))).toEqual(expected);
  });

  it('findFiles always includes an explicit lintable file, even under node_modules or git-ignored', async () => {
    const files = await findFiles(
      ['node_modules/dep/index.js', 'generated/api.js', 'src/readme.md', 'src/types.d.ts'],
      root,
    );
    expect(relativeTo(root)(files)).toEqual(['generated/api.js', 'node_modules/dep/index.js']);
  });

  it('findFiles scans an explicitly named skipped folder', async () => {
    expect(relativeTo(root)(await findFiles(['dist'], root))).toEqual(['dist/bundle.js']);
  });

  it('findFiles lists each file once, sorted, however the paths overlap', async () => {
    const files = await findFiles(['src/app.js', '.', './src/app.js', 'src/esm.mjs'], root);
    expect(relativeTo(root)(files)).toEqual(KEPT);
  });

  it('findFiles throws a CliError naming the path as given when it does not exist', async () => {
    await expect(findFiles(['src', 'missing/'], root)).rejects.toThrow(
      new CliError('no such file or directory: missing/'),
    );
  });
});

describe('inside a git work tree', () => {
  let root: string | undefined;
  afterEach(() => removeTree(root));

  it('lists tracked and untracked files, minus everything any .gitignore lists', async () => {
    root = makeTree({ ...TREE, 'src/.gitignore': 'app.test.ts\n', 'src/untracked.js': LEAK });
    git(root, 'init', '--quiet');
    git(root, 'add', 'src/app.js', '.gitignore');
    // A nested .gitignore holds in git mode (the walk only reads the root one).
    const expected = [...KEPT.filter((file) => file !== 'src/app.test.ts'), 'src/untracked.js'].sort();
    expect(relativeTo(root)((await gitFiles(root)) ?? [])).toEqual(expected);
    expect(relativeTo(root)(await findFiles(['.'], root))).toEqual(expected);
  });

  it('skips build output and dot-folders even when they are tracked', async () => {
    root = makeTree({ 'dist/bundle.js': LEAK, '.github/script.js': LEAK, 'lib/index.js': LEAK });
    git(root, 'init', '--quiet');
    git(root, 'add', '--all');
    expect(relativeTo(root)(await findFiles(['.'], root))).toEqual(['lib/index.js']);
  });

  it('drops a tracked file deleted from the work tree', async () => {
    root = makeTree({ 'kept.js': LEAK, 'deleted.js': LEAK });
    git(root, 'init', '--quiet');
    git(root, 'add', '--all');
    rmSync(path.join(root, 'deleted.js'));
    expect(relativeTo(root)((await gitFiles(root)) ?? [])).toEqual(['kept.js']);
  });

  it('lists a sub-folder relative to itself', async () => {
    root = makeTree({ 'a/one.js': LEAK, 'b/two.js': LEAK });
    git(root, 'init', '--quiet');
    expect(relativeTo(root)(await findFiles(['a'], root))).toEqual(['a/one.js']);
  });

  it('walks an explicitly named git-ignored folder instead of finding nothing', async () => {
    root = makeTree({ '.gitignore': 'vendor/\n', 'vendor/lib.js': LEAK, 'index.js': LEAK });
    git(root, 'init', '--quiet');
    expect(relativeTo(root)(await findFiles(['.'], root))).toEqual(['index.js']);
    expect(relativeTo(root)(await findFiles(['vendor'], root))).toEqual(['vendor/lib.js']);
  });
});

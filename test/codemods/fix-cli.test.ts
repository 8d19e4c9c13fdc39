/**
 * `leakproof fix`, run as the built binary in temporary trees: git repositories (tracked, untracked, ignored files;
 * the dirty-tree refusal), plain folders, --dry, --print, --force, --declare, --cpus, the summary and the exit codes.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { outdent } from 'outdent';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFixProgress } from '../../src/cli/fix.js';
import { assertBuilt, runCli, type CliRun } from '../cli/run-cli.js';
import { git, makeTree, OUTSIDE_GIT_ENV, removeTree, writeTree } from '../cli/temp-tree.js';

beforeAll(assertBuilt);

let root: string | undefined;
afterEach(() => {
  if (root) chmodSync(root, 0o755);
  removeTree(root);
  root = undefined;
});

const SEED = outdent`
  function setName() {
    name = "Stanley";
  }
  setName();
  console.log(name);

`;
const PLAIN = outdent`
  const path = require('path');
  module.exports = path.sep;

`;
const FIXED_PLAIN = `'use strict';\n\n${PLAIN}`;

/** A committed git repository with a sloppy file, the seed, an ES module, a strict file and files fix must not see. */
function repository(extra: Record<string, string> = {}): string {
  const directory = makeTree({
    '.gitignore': 'ignored/\n',
    'src/plain.js': PLAIN,
    'src/seed.js': SEED,
    'src/esm.mjs': outdent`
      export const answer = 42;

    `,
    'src/strict.js': outdent`
      'use strict';
      module.exports = 1;

    `,
    'src/types.d.ts': outdent`
      declare const z: number;

    `,
    'ignored/sloppy.js': outdent`
      leak = 1;

    `,
    'node_modules/dep/index.js': outdent`
      module.exports = 1;

    `,
    ...extra,
  });
  git(directory, 'init', '-q');
  git(directory, 'add', '-A');
  git(directory, '-c', 'user.email=test@example.com', '-c', 'user.name=test', 'commit', '-qm', 'initial');
  return directory;
}

function fix(args: string[], cwd: string): CliRun {
  return runCli(['fix', ...args], cwd, OUTSIDE_GIT_ENV);
}

/** stderr without progress lines, with the run time made stable. */
function summary(run: CliRun): string {
  return run.stderr
    .split('\n')
    .filter((line) => !/^leakproof: \d+\/\d+ files, /.test(line))
    .join('\n')
    .replace(/ in \d+\.\d s\)/, ' in T s)');
}

const read = (relative: string): string => readFileSync(path.join(root ?? '', relative), 'utf8');

describe('leakproof fix: usage', () => {
  it('prints its usage for --help', () => {
    const run = runCli(['fix', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: leakproof fix <codemod> \[options\] \[paths\.\.\.\]/);
    expect(run.stdout).toContain("  strict-mode     add 'use strict' to CommonJS and script files that lack it\n");
    expect(run.stdout).toContain(
      '  clear-interval  capture discarded interval handles and clear them where their owner is torn down\n',
    );
    for (const option of ['-d, --dry', '-p, --print', '--force', '--cpus <n>', '--declare'])
      expect(run.stdout).toContain(`  ${option}`);
  });

  it("takes jscodeshift's -d and -p for --dry and --print", () => {
    root = makeTree({
      'a.js': outdent`
        main();

      `,
    });
    const run = fix(['strict-mode', '-d', '-p', 'a.js'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("'use strict';\n\nmain();\n");
    expect(read('a.js')).toBe('main();\n');
  });

  it.each([
    [[], "missing the codemod: strict-mode or clear-interval (see 'leakproof fix --help')"],
    [['strict'], "unknown codemod 'strict': use strict-mode or clear-interval"],
    [['strict-mode', '--cpus', '0'], "--cpus must be a positive integer, got '0'"],
    [['strict-mode', '--cpus', 'many'], "--cpus must be a positive integer, got 'many'"],
    [['clear-interval', '--declare'], '--declare only applies to strict-mode'],
    [['strict-mode', '--fast'], "unknown option '--fast' (see 'leakproof fix --help')"],
    [['strict-mode', 'missing/'], 'no such file or directory: missing/'],
  ])('%j is a usage error: exit 2, one line', (args, message) => {
    const run = runCli(['fix', ...args]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`leakproof: ${message}\n`);
  });
});

describe('leakproof fix in a git repository', () => {
  it('--dry prints a diff, counts the files with nothing to do, lists the other skips, and writes nothing', () => {
    root = repository();
    const run = fix(['strict-mode', '--dry'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `===================================================================\n--- a/src/plain.js\n+++ b/src/plain.js\n@@ -1,2 +1,4 @@\n+'use strict';\n+\n const path = require('path');\n module.exports = path.sep;\n`,
    );
    expect(summary(run)).toBe(
      [
        'leakproof fix strict-mode (dry run, nothing written): 1 changed, 0 unchanged, 3 skipped, 0 failed (4 files in T s)',
        '',
        'Nothing to do: already strict 1 file, ES module 1 file',
        '',
        'Skipped:',
        '  would change behaviour: implicit global (1 file)',
        '    src/seed.js:2: implicit global `name`: strict mode would make this write throw a ReferenceError (--declare declares it instead)',
        '',
      ].join('\n'),
    );
    expect(read('src/plain.js')).toBe(PLAIN);
    expect(read('src/seed.js')).toBe(SEED);
  });

  it('refuses to write into a work tree with uncommitted changes, and writes nothing', () => {
    root = repository();
    writeFileSync(path.join(root, 'src/plain.js'), `${PLAIN}// edited\n`);
    const run = fix(['strict-mode'], root);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'leakproof: the git work tree . has uncommitted changes (src/plain.js): commit or stash them first, or pass --force (--dry writes nothing)\n',
    );
    expect(read('src/plain.js')).toBe(`${PLAIN}// edited\n`);
  });

  it('counts an untracked file as an uncommitted change, and checks the tree of the paths given', () => {
    root = repository();
    writeTree(root, {
      'notes/new.js': outdent`
        x = 1;

      `,
      'notes/other.js': outdent`
        y = 1;

      `,
      'notes/more.js': '',
      'notes/last.js': '',
    });
    const run = fix(['strict-mode', 'src'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'leakproof: the git work tree . has uncommitted changes (notes/last.js, notes/more.js, notes/new.js and 1 more): commit or stash them first, or pass --force (--dry writes nothing)\n',
    );
  });

  it('writes with --force, and --dry needs no clean tree', () => {
    root = repository();
    writeTree(root, { 'notes.txt': 'uncommitted\n' });
    expect(fix(['strict-mode', '--dry'], root).status).toBe(0);
    expect(read('src/plain.js')).toBe(PLAIN);
    const run = fix(['strict-mode', '--force'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(summary(run).split('\n')[0]).toBe(
      'leakproof fix strict-mode: 1 changed, 0 unchanged, 3 skipped, 0 failed (4 files in T s)',
    );
    expect(read('src/plain.js')).toBe(FIXED_PLAIN);
  });

  it('fixes the seed article with --declare and lists what it declared', () => {
    root = repository();
    const run = fix(['strict-mode', '--declare', 'src/seed.js'], root);
    expect(run.status).toBe(0);
    expect(summary(run)).toBe(
      [
        'leakproof fix strict-mode: 1 changed, 0 unchanged, 0 skipped, 0 failed (1 file in T s)',
        '',
        'Declared (review them):',
        '  src/seed.js:2: declared `name` with `var` at the top of the file (it was an implicit global)',
        '',
      ].join('\n'),
    );
    expect(read('src/seed.js')).toBe(
      outdent`
        "use strict";

        var name; // leakproof fix strict-mode --declare: was an implicit global

        ${SEED}
      `,
    );
  });

  it('exits 1 when a file fails, and still writes the others', () => {
    root = repository({ 'src/locked.js': PLAIN });
    // git does not record a read-only mode: the tree stays clean.
    chmodSync(path.join(root, 'src/locked.js'), 0o444);
    const run = fix(['strict-mode'], root);
    expect(run.status).toBe(1);
    expect(summary(run)).toContain(
      'leakproof fix strict-mode: 1 changed, 0 unchanged, 3 skipped, 1 failed (5 files in T s)',
    );
    expect(summary(run)).toContain('\nFailed:\n  src/locked.js: cannot write the file: the file is read-only\n');
    expect(read('src/locked.js')).toBe(PLAIN);
    expect(read('src/plain.js')).toBe(FIXED_PLAIN);
  });

  it('exits 0 when nothing needed a change', () => {
    root = repository();
    const run = fix(['clear-interval'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(summary(run)).toBe(
      'leakproof fix clear-interval: 0 changed, 4 unchanged, 0 skipped, 0 failed (4 files in T s)\n',
    );
  });
});

describe('leakproof fix: what it writes', () => {
  it('keeps line endings, the BOM, the shebang, the file mode and every other byte', () => {
    root = makeTree({
      'crlf.js': PLAIN.replace(/\n/g, '\r\n'),
      'bom.js': `\uFEFF${PLAIN}`,
      'bin/cli.js': `#!/usr/bin/env node\n${PLAIN}`,
    });
    chmodSync(path.join(root, 'bin/cli.js'), 0o755);
    const run = fix(['strict-mode'], root);
    expect(run.status).toBe(0);
    expect(read('crlf.js')).toBe(FIXED_PLAIN.replace(/\n/g, '\r\n'));
    expect(read('bom.js')).toBe(`\uFEFF${FIXED_PLAIN}`);
    expect(read('bin/cli.js')).toBe(`#!/usr/bin/env node\n${FIXED_PLAIN}`);
    expect(statSync(path.join(root, 'bin/cli.js')).mode & 0o777).toBe(0o755);
  });

  it('--print prints the new sources, headed by their paths when there are several; --dry --print writes nothing', () => {
    root = makeTree({
      'a.js': PLAIN,
      'b.js': PLAIN,
      'c.mjs': outdent`
        export {};

      `,
    });
    const run = fix(['strict-mode', '--print', '--dry'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`==> a.js <==\n${FIXED_PLAIN}==> b.js <==\n${FIXED_PLAIN}`);
    expect(read('a.js')).toBe(PLAIN);
    const single = fix(['strict-mode', '--print', 'a.js'], root);
    expect(single.stdout).toBe(FIXED_PLAIN);
    expect(read('a.js')).toBe(FIXED_PLAIN);
  });

  it('gives the same result in worker threads as in one thread', () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index++)
      files[`f${String(index).padStart(2, '0')}.js`] = index % 4 === 0 ? SEED : `${PLAIN}// ${index}\n`;
    root = makeTree(files);
    const one = fix(['strict-mode', '--dry', '--cpus', '1'], root);
    const two = fix(['strict-mode', '--dry', '--cpus', '2'], root);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(summary(two)).toBe(summary(one));
    expect(summary(two).split('\n')[0]).toBe(
      'leakproof fix strict-mode (dry run, nothing written): 30 changed, 0 unchanged, 10 skipped, 0 failed (40 files in T s)',
    );
  });

  it('fixes a file once when a symbolic link leads to it too', async () => {
    root = makeTree({ 'real.js': PLAIN });
    const { symlinkSync, lstatSync } = await import('node:fs');
    symlinkSync('real.js', path.join(root, 'link.js'));
    const run = fix(['strict-mode'], root);
    expect(run.status).toBe(0);
    expect(summary(run).split('\n')[0]).toBe(
      'leakproof fix strict-mode: 1 changed, 0 unchanged, 0 skipped, 0 failed (1 file in T s)',
    );
    expect(read('real.js')).toBe(FIXED_PLAIN);
    expect(lstatSync(path.join(root, 'link.js')).isSymbolicLink()).toBe(true);
  });

  it('clear-interval: lists the places that need a decision', () => {
    root = makeTree({
      'timer.js': outdent`
        const tick = () => {};
        setInterval(tick, 1000);

      `,
    });
    const run = fix(['clear-interval'], root);
    expect(run.status).toBe(0);
    expect(read('timer.js')).toBe(
      outdent`
        const tick = () => {};
        // TODO(leakproof): clearInterval(intervalId) when the module is done
        const intervalId = setInterval(tick, 1000);

      `,
    );
    expect(summary(run)).toBe(
      [
        'leakproof fix clear-interval: 1 changed, 0 unchanged, 0 skipped, 0 failed (1 file in T s)',
        '',
        'Needs a decision:',
        '  timer.js:2: added `TODO(leakproof): clearInterval(intervalId) when the module is done`: no teardown to clear it in',
        '',
      ].join('\n'),
    );
    const again = fix(['clear-interval'], root);
    expect(summary(again).split('\n')[0]).toBe(
      'leakproof fix clear-interval: 0 changed, 1 unchanged, 0 skipped, 0 failed (1 file in T s)',
    );
    expect(summary(again)).toContain(
      '  timer.js:3: a TODO(leakproof) comment asks for `clearInterval(intervalId)` when the module is done\n',
    );
  });

  it('skips a file that is not UTF-8, rather than rewrite its bytes', () => {
    root = makeTree({});
    writeFileSync(path.join(root, 'latin1.js'), Buffer.from('var s = "caf\xe9";\n', 'latin1'));
    const run = fix(['strict-mode'], root);
    expect(run.status).toBe(0);
    expect(summary(run)).toContain('  not UTF-8 (1 file)\n    latin1.js: the file is not valid UTF-8\n');
  });
});

describe('leakproof fix: the progress line', () => {
  it('counts the files done and, apart, the ones the codemod changes', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    try {
      const isTTY = process.stderr.isTTY;
      process.stderr.isTTY = false;
      const progress = createFixProgress(3, false, 0, 0);
      progress.update(1, true);
      progress.update(2, false);
      const dry = createFixProgress(3, true, 0, 0);
      dry.update(1, true);
      process.stderr.isTTY = isTTY;
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual([
      'leakproof: 1/3 files, 1 changed\n',
      'leakproof: 2/3 files, 1 changed\n',
      'leakproof: 1/3 files, 1 would change\n',
    ]);
  });
});

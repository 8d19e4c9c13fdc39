/**
 * The built transforms run under jscodeshift itself (`jscodeshift -t dist/codemods/<name>.js`): jscodeshift 17 loads
 * them although they are ES modules (Node >= 20.19 can require() an ES module). `--no-babel`, because they are
 * compiled already: with jscodeshift's default Babel register hook, the first run recompiles ESLint and TypeScript.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { outdent } from 'outdent';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, REPO_ROOT } from '../cli/run-cli.js';
import { makeTree, removeTree } from '../cli/temp-tree.js';

const JSCODESHIFT = path.join(REPO_ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');
const transformPath = (name: string): string => path.join(REPO_ROOT, 'dist/codemods', `${name}.js`);

beforeAll(assertBuilt);
let root: string | undefined;
afterEach(() => {
  removeTree(root);
  root = undefined;
});

function jscodeshift(args: string[]): { status: number | null; stdout: string } {
  // jscodeshift colours its report whenever FORCE_COLOR is set, as it is in CI: the assertions read plain text.
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
  const result = spawnSync(process.execPath, [JSCODESHIFT, '--no-babel', '--cpus=1', ...args], {
    encoding: 'utf8',
    cwd: root,
    env,
  });
  return { status: result.status, stdout: result.stdout };
}

describe('the built transforms under jscodeshift', () => {
  it('strict-mode: writes the directive, reports the skip reason, takes --declare=true', () => {
    root = makeTree({
      'a.js': outdent`
        main();

      `,
      'seed.js': outdent`
        function setName() {
          name = "Stanley";
        }
        setName();

      `,
    });
    const run = jscodeshift(['-t', transformPath('strict-mode'), '.']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'REP seed.js line 2: implicit global `name`: strict mode would make this write throw a ReferenceError (--declare declares it instead)',
    );
    expect(run.stdout).toMatch(/0 errors\n0 unmodified\n1 skipped\n1 ok\n/);
    expect(readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(outdent`
      'use strict';

      main();

    `);
    const declared = jscodeshift(['-t', transformPath('strict-mode'), '--declare=true', 'seed.js']);
    expect(declared.stdout).toMatch(/0 errors\n0 unmodified\n0 skipped\n1 ok\n/);
    expect(readFileSync(path.join(root, 'seed.js'), 'utf8')).toContain(
      'var name; // leakproof fix strict-mode --declare',
    );
  });

  it('clear-interval: --dry --print shows the captured handle and writes nothing', () => {
    root = makeTree({
      'timer.js': outdent`
        const tick = () => {};
        setInterval(tick, 1000);

      `,
    });
    const run = jscodeshift(['-t', transformPath('clear-interval'), '--dry', '--print', 'timer.js']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      '// TODO(leakproof): clearInterval(intervalId) when the module is done\nconst intervalId = setInterval(tick, 1000);\n',
    );
    expect(readFileSync(path.join(root, 'timer.js'), 'utf8')).toBe(
      outdent`
        const tick = () => {};
        setInterval(tick, 1000);

      `,
    );
  });
});

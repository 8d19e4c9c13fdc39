/** strict-mode: the exact skip reasons (line and wording), --declare, and where the directive goes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outdent } from 'outdent';
import { afterAll, describe, expect, it } from 'vitest';
import transform, { run } from '../../codemods/strict-mode.js';
import { hasOctalEscape } from '../../src/codemods/strict-hazards.js';

// A folder whose package.json has no "type": .js files are CommonJS there.
const DIRECTORY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/strict-mode');
const file = (name: string): string => path.join(DIRECTORY, name);
const SEED = 'function setName() {\n  name = "Stanley";\n}\nsetName();\nconsole.log(name);\n';

function skipReasons(code: string, name = 'example.js'): { category: string; line?: number; message: string }[] {
  const outcome = run(code, file(name));
  expect(outcome.status).toBe('skipped');
  expect(outcome.output).toBe(code);
  return outcome.skipped;
}

describe('strict-mode: the seed article', () => {
  it('skips setName() with the implicit global as the reason', () => {
    expect(skipReasons(SEED)).toEqual([
      {
        category: 'would change behaviour: implicit global',
        line: 2,
        message:
          'implicit global `name`: strict mode would make this write throw a ReferenceError (--declare declares it instead)',
      },
    ]);
  });

  const temporary = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'leakproof-strict-'));
  afterAll(() => rmSync(temporary, { recursive: true, force: true }));
  const runNode = (code: string) => {
    const script = path.join(temporary, 'seed.cjs');
    writeFileSync(script, code);
    return spawnSync(process.execPath, [script], { encoding: 'utf8' });
  };

  it('with --declare, makes it strict and keeps what it prints', () => {
    const outcome = run(SEED, file('seed.js'), { declare: true });
    expect(outcome.status).toBe('changed');
    expect(outcome.output).toBe(
      outdent`
        "use strict";

        var name; // leakproof fix strict-mode --declare: was an implicit global

        ${SEED}
      `,
    );
    expect(outcome.review).toEqual([
      {
        kind: 'declared',
        line: 2,
        message: 'declared `name` with `var` at the top of the file (it was an implicit global)',
      },
    ]);
    expect(runNode(SEED).stdout).toBe('Stanley\n');
    expect(runNode(outcome.output).stdout).toBe('Stanley\n');
    // And now an accidental global throws, as the seed article says strict code does.
    const leak = runNode(`${outcome.output}function setAge() {\n  age = 42;\n}\nsetAge();\n`);
    expect(leak.status).toBe(1);
    expect(leak.stderr).toContain('ReferenceError: age is not defined');
  });

  it('declares every implicit global once, in one declaration', () => {
    const outcome = run('function a() { x = 1; y = 2; }\nfunction b() { x = 3; }\na(); b();\n', file('two.js'), {
      declare: true,
    });
    expect(outcome.output).toBe(
      "'use strict';\n\nvar x, y; // leakproof fix strict-mode --declare: were implicit globals\n\nfunction a() { x = 1; y = 2; }\nfunction b() { x = 3; }\na(); b();\n",
    );
    expect(outcome.review.map((note) => note.message)).toEqual([
      'declared `x` with `var` at the top of the file (it was an implicit global)',
      'declared `y` with `var` at the top of the file (it was an implicit global)',
      'declared `x` with `var` at the top of the file (it was an implicit global)',
    ]);
  });

  it('declares with let in a file that uses ES2015', () => {
    const outcome = run('const start = () => {\n  count = 0;\n};\nstart();\n', file('es2015.js'), { declare: true });
    expect(outcome.output).toBe(
      "'use strict';\n\nlet count; // leakproof fix strict-mode --declare: was an implicit global\n\nconst start = () => {\n  count = 0;\n};\nstart();\n",
    );
    expect(outcome.review.map((note) => note.message)).toEqual([
      'declared `count` with `let` at the top of the file (it was an implicit global)',
    ]);
  });

  it('does not declare what --declare cannot: other hazards still skip the file', () => {
    const reasons = skipReasons('function f() { name = 1; }\nwith (o) { f(); }\n');
    expect(reasons.map((reason) => [reason.line, reason.category])).toEqual([
      [1, 'would change behaviour: implicit global'],
      [2, 'strict-mode syntax error: `with` statement'],
    ]);
    expect(run('function f() { name = 1; }\nwith (o) { f(); }\n', file('x.js'), { declare: true }).status).toBe(
      'skipped',
    );
  });
});

describe('strict-mode: skip reasons name the line and the cause', () => {
  it.each([
    ['with (scope) {}\n', 1, 'a `with` statement, which strict mode forbids'],
    ['var mode = 0644;\n', 1, 'the legacy octal literal `0644`, which strict mode forbids'],
    ["var s = 'a\\08';\n", 1, "an octal escape in 'a\\08', which strict mode forbids"],
    ['function f(a, b, a) {}\n', 1, 'the parameter `a` twice in `f()`, which strict mode forbids'],
    ['var x;\ndelete x;\n', 2, '`delete x` of a plain name, which strict mode forbids'],
    ['function f() {\n  arguments = [];\n}\n', 2, 'an assignment to `arguments`, which strict mode forbids'],
    ['try {} catch (eval) {}\n', 1, '`eval` declared as a name, which strict mode forbids'],
    [
      'var f = function () {\n  return arguments.callee;\n};\n',
      2,
      '`arguments.callee`, which throws a TypeError in strict mode',
    ],
    ['function f() {}\nf.arguments;\n', 2, '`f.arguments`, which throws a TypeError once `f` is strict'],
    ['var static = 1;\n', 1, '`static` used as a name; strict mode reserves it'],
    ['yield = 1;\n', 1, '`yield` used as a name; strict mode reserves it'],
    ['public: for (;;) break public;\n', 1, '`public` used as a name; strict mode reserves it'],
    ['NaN = 0;\n', 1, 'an assignment to `NaN`, which throws a TypeError in strict mode'],
    [
      'function handler() {}\nhandler.name = "onClick";\n',
      2,
      'an assignment to `handler.name`, which a function does not let change: ignored in sloppy code, a TypeError in strict code',
    ],
    [
      'if (!window.jQuery) jQuery = {};\n',
      1,
      'a write to the undeclared global `jQuery`, which throws a ReferenceError in strict mode unless the host already defines it',
    ],
    [
      '(function () {\n  this.ready = true;\n}).call(null);\n',
      2,
      '`this` in an anonymous function, which is called without a receiver at line 3: strict mode makes it `undefined` instead of the global object',
    ],
    [
      '{\n  function helper() {}\n}\nhelper();\n',
      2,
      'the function `helper` declared in a block and used outside it at line 4: strict mode scopes it to the block',
    ],
    ["eval('var x = 1');\n", 1, "a direct `eval()`: in strict mode the evaluated code's declarations stay inside it"],
    [
      'function f(a) {\n  arguments[0] = 2;\n  return a;\n}\n',
      2,
      '`f()` both changes a parameter and reads `arguments` (line 2): in strict mode they no longer mirror each other',
    ],
    [
      "var fs = require('fs');\nfs.promises = fs.promises || {};\n",
      2,
      "an assignment to `fs.promises`, a property of Node's `fs` module that has only a getter: ignored in sloppy code, a TypeError in strict code",
    ],
    [
      "delete require('node:crypto').webcrypto;\n",
      1,
      "a `delete` of `require('node:crypto').webcrypto`, a property of Node's `crypto` module that cannot be deleted: ignored in sloppy code, a TypeError in strict code",
    ],
  ])('%j', (code, line, message) => {
    const [reason] = skipReasons(code);
    expect({ line: reason?.line, message: reason?.message }).toEqual({ line, message });
  });

  it('takes a write to a core module property that has a setter, or that the module lets be added', () => {
    const code =
      "const fs = require('fs');\nconst http = require('http');\nfs.readFile = wrap(fs.readFile);\nhttp.globalAgent = agent;\nhttp.extra = 1;\n";
    expect(run(code, file('patch.js')).status).toBe('changed');
  });

  it('groups a core module write under its own category', () => {
    expect(skipReasons("require('fs').promises = {};\n")[0]?.category).toBe(
      'would change behaviour: write to a Node core module',
    );
  });

  it('reports a constructor called without new through no-implicit-global', () => {
    const reasons = skipReasons('var Box = function (v) { this.v = v; };\nvar box = Box(1);\n');
    expect(reasons).toContainEqual({
      category: 'would change behaviour: constructor called without `new`',
      line: 2,
      message:
        '`Box()` is called without `new`, so in sloppy code its `this.v = …` writes to the global object; in strict code `this` is undefined there, so it throws',
    });
  });

  it('leaves alone hazards in code that is strict already', () => {
    const code =
      "class A {\n  m() { return this; }\n}\nfunction f() {\n  'use strict';\n  return this;\n}\nf();\nmodule.exports = A;\n";
    expect(run(code, file('strict-parts.js')).status).toBe('changed');
  });

  it('ignores eslint-disable comments: they do not change what strict mode does', () => {
    const code = '/* eslint-disable */\nfunction f() { leaked = 1; }\nf();\n';
    expect(skipReasons(code)[0]?.category).toBe('would change behaviour: implicit global');
  });

  it('names the ES module syntax that makes a file a module', () => {
    expect(skipReasons('const x = 1;\nexport default x;\n')[0]).toEqual({
      category: 'ES module',
      line: 2,
      message: '`export` declaration: ES modules are strict already',
    });
    expect(skipReasons('function f() {}\nconst url = import.meta.url;\n')[0]).toEqual({
      category: 'ES module',
      line: 2,
      message: '`import.meta`: ES modules are strict already',
    });
    expect(skipReasons('for await (const x of y) {}\n')[0]).toEqual({
      category: 'ES module',
      line: 1,
      message: 'top-level `await`: ES modules are strict already',
    });
    expect(skipReasons("import type { A } from './a';\nlet a: A;\n", 'types.ts')[0]).toEqual({
      category: 'TypeScript module',
      line: 1,
      message: "`import` declaration: the compiler emits `'use strict'` for modules",
    });
  });

  it('does not take dynamic import() or await in functions for module syntax', () => {
    expect(run("async function load() { await import('x'); }\nload();\n", file('lazy.js')).status).toBe('changed');
  });

  it('says where it already is', () => {
    expect(skipReasons("// header\n\n'use strict';\nfoo();\n")[0]).toEqual({
      category: 'already strict',
      line: 3,
      message: "already has the 'use strict' directive",
    });
  });

  it('reports a file that does not parse', () => {
    expect(skipReasons('var = 1;\n')[0]).toEqual({
      category: 'cannot parse',
      line: 1,
      message: 'cannot parse: Unexpected token =',
    });
  });
});

describe('strict-mode: placement', () => {
  it.each([
    [
      'after a shebang and a blank line',
      '#!/usr/bin/env node\n\nmain();\n',
      "#!/usr/bin/env node\n\n'use strict';\n\nmain();\n",
    ],
    [
      'after pragmas, before the comment on the first statement',
      '// @ts-check\n// Starts the app.\nmain();\n',
      "// @ts-check\n'use strict';\n\n// Starts the app.\nmain();\n",
    ],
    ['before code on the header line', '/* @flow */ main();\n', "/* @flow */ 'use strict'; main();\n"],
    [
      'after blank-line separated comments',
      '// one\n\n// two\n\nmain();\n',
      "// one\n\n// two\n\n'use strict';\n\nmain();\n",
    ],
    [
      'in double quotes when the file prefers them',
      'main("a", "b", \'c\');\n',
      '"use strict";\n\nmain("a", "b", \'c\');\n',
    ],
    ['with CR line endings', 'main();\rnext();\r', "'use strict';\r\rmain();\rnext();\r"],
    [
      'above an eslint-disable-next-line comment',
      '// eslint-disable-next-line no-var\nvar x = 1;\n',
      "'use strict';\n\n// eslint-disable-next-line no-var\nvar x = 1;\n",
    ],
    [
      'above istanbul ignore next, after a license',
      '/*! Copyright X */\n/* istanbul ignore next */\nfunction f() {}\n',
      "/*! Copyright X */\n'use strict';\n\n/* istanbul ignore next */\nfunction f() {}\n",
    ],
    [
      'above istanbul ignore file, with the blank line below it kept',
      '/* istanbul ignore file */\n\nmain();\n',
      "'use strict';\n\n/* istanbul ignore file */\n\nmain();\n",
    ],
    [
      'above prettier-ignore, after a shebang',
      '#!/usr/bin/env node\n// prettier-ignore\nvar m = [1,0,\n 0,1];\n',
      "#!/usr/bin/env node\n'use strict';\n\n// prettier-ignore\nvar m = [1,0,\n 0,1];\n",
    ],
    [
      'above an eslint-disable-line comment and a comment on its line',
      '/* a */ // eslint-disable-line\nmain();\n',
      "'use strict';\n\n/* a */ // eslint-disable-line\nmain();\n",
    ],
  ])('%s', (_, input, output) => {
    expect(run(input, file('placement.js')).output).toBe(output);
  });
});

describe('strict-mode as a jscodeshift transform', () => {
  const reports: string[] = [];
  const api = { report: (message: string) => reports.push(message) } as unknown as Parameters<typeof transform>[1];

  it('returns the new source, or undefined for a skipped file, and reports the reasons', () => {
    expect(transform({ path: file('a.js'), source: 'main();\n' }, api, {})).toBe("'use strict';\n\nmain();\n");
    expect(transform({ path: file('seed.js'), source: SEED }, api, {})).toBeUndefined();
    expect(reports).toEqual([
      'line 2: implicit global `name`: strict mode would make this write throw a ReferenceError (--declare declares it instead)',
    ]);
    expect(transform({ path: file('seed.js'), source: SEED }, api, { declare: true })).toContain('var name;');
  });
});

describe('hasOctalEscape', () => {
  it.each([
    ["'\\0'", false],
    ["'\\01'", true],
    ["'\\8'", true],
    ["'\\\\1'", false],
    ["'\\x41\\u0041'", false],
    ["'\\\\\\2'", true],
  ])('%s: %s', (raw, expected) => {
    expect(hasOctalEscape(raw)).toBe(expected);
  });
});

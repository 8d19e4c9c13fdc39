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
const SEED = outdent`
  function setName() {
    name = "Stanley";
  }
  setName();
  console.log(name);

`;

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
    const leak = runNode(outdent`
      ${outcome.output}function setAge() {
        age = 42;
      }
      setAge();

    `);
    expect(leak.status).toBe(1);
    expect(leak.stderr).toContain('ReferenceError: age is not defined');
  });

  it('declares every implicit global once, in one declaration', () => {
    const outcome = run(
      outdent`
        function a() { x = 1; y = 2; }
        function b() { x = 3; }
        a(); b();

      `,
      file('two.js'),
      {
        declare: true,
      },
    );
    expect(outcome.output).toBe(
      outdent`
        'use strict';

        var x, y; // leakproof fix strict-mode --declare: were implicit globals

        function a() { x = 1; y = 2; }
        function b() { x = 3; }
        a(); b();

      `,
    );
    expect(outcome.review.map((note) => note.message)).toEqual([
      'declared `x` with `var` at the top of the file (it was an implicit global)',
      'declared `y` with `var` at the top of the file (it was an implicit global)',
      'declared `x` with `var` at the top of the file (it was an implicit global)',
    ]);
  });

  it('declares with let in a file that uses ES2015', () => {
    const outcome = run(
      outdent`
        const start = () => {
          count = 0;
        };
        start();

      `,
      file('es2015.js'),
      { declare: true },
    );
    expect(outcome.output).toBe(
      outdent`
        'use strict';

        let count; // leakproof fix strict-mode --declare: was an implicit global

        const start = () => {
          count = 0;
        };
        start();

      `,
    );
    expect(outcome.review.map((note) => note.message)).toEqual([
      'declared `count` with `let` at the top of the file (it was an implicit global)',
    ]);
  });

  it('does not declare what --declare cannot: other hazards still skip the file', () => {
    const reasons = skipReasons(outdent`
      function f() { name = 1; }
      with (o) { f(); }

    `);
    expect(reasons.map((reason) => [reason.line, reason.category])).toEqual([
      [1, 'would change behaviour: implicit global'],
      [2, 'strict-mode syntax error: `with` statement'],
    ]);
    expect(
      run(
        outdent`
          function f() { name = 1; }
          with (o) { f(); }

        `,
        file('x.js'),
        { declare: true },
      ).status,
    ).toBe('skipped');
  });
});

describe('strict-mode: skip reasons name the line and the cause', () => {
  it.each([
    [
      outdent`
        with (scope) {}

      `,
      1,
      'a `with` statement, which strict mode forbids',
    ],
    [
      outdent`
        var mode = 0644;

      `,
      1,
      'the legacy octal literal `0644`, which strict mode forbids',
    ],
    [
      outdent`
        var s = 'a\\08';

      `,
      1,
      "an octal escape in 'a\\08', which strict mode forbids",
    ],
    [
      outdent`
        function f(a, b, a) {}

      `,
      1,
      'the parameter `a` twice in `f()`, which strict mode forbids',
    ],
    [
      outdent`
        var x;
        delete x;

      `,
      2,
      '`delete x` of a plain name, which strict mode forbids',
    ],
    [
      outdent`
        function f() {
          arguments = [];
        }

      `,
      2,
      'an assignment to `arguments`, which strict mode forbids',
    ],
    [
      outdent`
        try {} catch (eval) {}

      `,
      1,
      '`eval` declared as a name, which strict mode forbids',
    ],
    [
      outdent`
        var f = function () {
          return arguments.callee;
        };

      `,
      2,
      '`arguments.callee`, which throws a TypeError in strict mode',
    ],
    [
      outdent`
        function f() {}
        f.arguments;

      `,
      2,
      '`f.arguments`, which throws a TypeError once `f` is strict',
    ],
    [
      outdent`
        var static = 1;

      `,
      1,
      '`static` used as a name; strict mode reserves it',
    ],
    [
      outdent`
        yield = 1;

      `,
      1,
      '`yield` used as a name; strict mode reserves it',
    ],
    [
      outdent`
        public: for (;;) break public;

      `,
      1,
      '`public` used as a name; strict mode reserves it',
    ],
    [
      outdent`
        NaN = 0;

      `,
      1,
      'an assignment to `NaN`, which throws a TypeError in strict mode',
    ],
    [
      outdent`
        function handler() {}
        handler.name = "onClick";

      `,
      2,
      'an assignment to `handler.name`, which a function does not let change: ignored in sloppy code, a TypeError in strict code',
    ],
    [
      outdent`
        if (!window.jQuery) jQuery = {};

      `,
      1,
      'a write to the undeclared global `jQuery`, which throws a ReferenceError in strict mode unless the host already defines it',
    ],
    [
      outdent`
        (function () {
          this.ready = true;
        }).call(null);

      `,
      2,
      '`this` in the function at line 1, which is called without a receiver at line 3: strict mode makes it `undefined` instead of the global object',
    ],
    [
      outdent`
        {
          function helper() {}
        }
        helper();

      `,
      2,
      'the function `helper` declared in a block and used outside it at line 4: strict mode scopes it to the block',
    ],
    [
      outdent`
        eval('var x = 1');

      `,
      1,
      "a direct `eval()`: in strict mode the evaluated code's declarations stay inside it",
    ],
    [
      outdent`
        function f(a) {
          arguments[0] = 2;
          return a;
        }

      `,
      2,
      '`f()` both changes a parameter and reads `arguments` (line 2): in strict mode they no longer mirror each other',
    ],
    [
      outdent`
        var fs = require('fs');
        fs.promises = fs.promises || {};

      `,
      2,
      "an assignment to `fs.promises`, a property of Node's `fs` module that has only a getter: ignored in sloppy code, a TypeError in strict code",
    ],
    [
      outdent`
        delete require('node:crypto').webcrypto;

      `,
      1,
      "a `delete` of `require('node:crypto').webcrypto`, a property of Node's `crypto` module that cannot be deleted: ignored in sloppy code, a TypeError in strict code",
    ],
  ])('%j', (code, line, message) => {
    const [reason] = skipReasons(code);
    expect({ line: reason?.line, message: reason?.message }).toEqual({ line, message });
  });

  it('takes a write to a core module property that has a setter, or that the module lets be added', () => {
    const code = outdent`
      const fs = require('fs');
      const http = require('http');
      fs.readFile = wrap(fs.readFile);
      http.globalAgent = agent;
      http.extra = 1;

    `;
    expect(run(code, file('patch.js')).status).toBe('changed');
  });

  it('groups a core module write under its own category', () => {
    expect(skipReasons("require('fs').promises = {};\n")[0]?.category).toBe(
      'would change behaviour: write to a Node core module',
    );
  });

  it('reports a constructor called without new through no-implicit-global', () => {
    const reasons = skipReasons(outdent`
      var Box = function (v) { this.v = v; };
      var box = Box(1);

    `);
    expect(reasons).toContainEqual({
      category: 'would change behaviour: constructor called without `new`',
      line: 2,
      message:
        '`Box()` is called without `new`, so in sloppy code its `this.v = …` writes to the global object; in strict code `this` is undefined there, so it throws',
    });
  });

  it('leaves alone hazards in code that is strict already', () => {
    const code = outdent`
      class A {
        m() { return this; }
      }
      function f() {
        'use strict';
        return this;
      }
      f();
      module.exports = A;

    `;
    expect(run(code, file('strict-parts.js')).status).toBe('changed');
  });

  it('ignores eslint-disable comments: they do not change what strict mode does', () => {
    const code = outdent`
      /* eslint-disable */
      function f() { leaked = 1; }
      f();

    `;
    expect(skipReasons(code)[0]?.category).toBe('would change behaviour: implicit global');
  });

  it('names the ES module syntax that makes a file a module', () => {
    expect(
      skipReasons(outdent`
        const x = 1;
        export default x;

      `)[0],
    ).toEqual({
      category: 'ES module',
      line: 2,
      message: '`export` declaration: ES modules are strict already',
    });
    expect(
      skipReasons(outdent`
        function f() {}
        const url = import.meta.url;

      `)[0],
    ).toEqual({
      category: 'ES module',
      line: 2,
      message: '`import.meta`: ES modules are strict already',
    });
    expect(skipReasons('for await (const x of y) {}\n')[0]).toEqual({
      category: 'ES module',
      line: 1,
      message: 'top-level `await`: ES modules are strict already',
    });
    expect(
      skipReasons(
        outdent`
          import type { A } from './a';
          let a: A;

        `,
        'types.ts',
      )[0],
    ).toEqual({
      category: 'TypeScript module',
      line: 1,
      message: "`import` declaration: the compiler emits `'use strict'` for modules",
    });
  });

  it('does not take dynamic import() or await in functions for module syntax', () => {
    expect(
      run(
        outdent`
          async function load() { await import('x'); }
          load();

        `,
        file('lazy.js'),
      ).status,
    ).toBe('changed');
  });

  it('says where it already is', () => {
    expect(
      skipReasons(outdent`
        // header

        'use strict';
        foo();

      `)[0],
    ).toEqual({
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
      outdent`
        #!/usr/bin/env node

        main();

      `,
      outdent`
        #!/usr/bin/env node

        'use strict';

        main();

      `,
    ],
    [
      'after pragmas, before the comment on the first statement',
      outdent`
        // @ts-check
        // Starts the app.
        main();

      `,
      outdent`
        // @ts-check
        'use strict';

        // Starts the app.
        main();

      `,
    ],
    [
      'before code on the header line',
      outdent`
        /* @flow */ main();

      `,
      outdent`
        /* @flow */ 'use strict'; main();

      `,
    ],
    [
      'after blank-line separated comments',
      outdent`
        // one

        // two

        main();

      `,
      outdent`
        // one

        // two

        'use strict';

        main();

      `,
    ],
    [
      'in double quotes when the file prefers them',
      outdent`
        main("a", "b", 'c');

      `,
      outdent`
        "use strict";

        main("a", "b", 'c');

      `,
    ],
    ['with CR line endings', 'main();\rnext();\r', "'use strict';\r\rmain();\rnext();\r"],
    [
      'above an eslint-disable-next-line comment',
      outdent`
        // eslint-disable-next-line no-var
        var x = 1;

      `,
      outdent`
        'use strict';

        // eslint-disable-next-line no-var
        var x = 1;

      `,
    ],
    [
      'above istanbul ignore next, after a license',
      outdent`
        /*! Copyright X */
        /* istanbul ignore next */
        function f() {}

      `,
      outdent`
        /*! Copyright X */
        'use strict';

        /* istanbul ignore next */
        function f() {}

      `,
    ],
    [
      'above istanbul ignore file, with the blank line below it kept',
      outdent`
        /* istanbul ignore file */

        main();

      `,
      outdent`
        'use strict';

        /* istanbul ignore file */

        main();

      `,
    ],
    [
      'above prettier-ignore, after a shebang',
      outdent`
        #!/usr/bin/env node
        // prettier-ignore
        var m = [1,0,
         0,1];

      `,
      outdent`
        #!/usr/bin/env node
        'use strict';

        // prettier-ignore
        var m = [1,0,
         0,1];

      `,
    ],
    [
      'above an eslint-disable-line comment and a comment on its line',
      outdent`
        /* a */ // eslint-disable-line
        main();

      `,
      outdent`
        'use strict';

        /* a */ // eslint-disable-line
        main();

      `,
    ],
  ])('%s', (_, input, output) => {
    expect(run(input, file('placement.js')).output).toBe(output);
  });
});

describe('strict-mode as a jscodeshift transform', () => {
  const reports: string[] = [];
  const api = { report: (message: string) => reports.push(message) } as unknown as Parameters<typeof transform>[1];

  it('returns the new source, or undefined for a skipped file, and reports the reasons', () => {
    expect(
      transform(
        {
          path: file('a.js'),
          source: outdent`
            main();

          `,
        },
        api,
        {},
      ),
    ).toBe(outdent`
      'use strict';

      main();

    `);
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

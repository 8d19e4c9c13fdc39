import { join } from 'node:path';
import { outdent } from 'outdent';
import rule from '../../rules/no-implicit-global.js';
import { commonjsTester, moduleTester, scriptTester, typescriptTester } from './tester.js';

commonjsTester.run('no-implicit-global (CommonJS)', rule, {
  valid: [
    // The seed article's fix: ES modules and 'use strict' make the write throw instead (no-undef's job).
    outdent`
      'use strict';
      function setName() { name = 'Stanley'; }
    `,
    `function setName() { 'use strict'; name = 'Stanley'; }`,
    `class Person { setName() { name = 'Stanley'; } }`,
    // Declared: hoisted var, function, parameter, CommonJS bindings.
    `function f() { x = 1; var x; }`,
    `function f() { g = 1; function g() {} }`,
    `function f(x) { x = 1; }`,
    `exports = module.exports = function () {};`,
    `module.exports.run = function () { exports.ready = true; };`,
    // Declared by configuration.
    { code: `function f() { counter = 1; }`, languageOptions: { globals: { counter: 'writable' } } },
    outdent`
      /* global counter:writable */
      function f() { counter += 1; }
    `,
    { code: `function f() { legacy = 1; }`, options: [{ allow: ['legacy'] }] },
    // Reads are not writes.
    `function f() { return typeof undeclared === 'undefined'; }`,
    // Writes that read the name first throw a ReferenceError in sloppy code as well: they create no global.
    `function hit() { hits++; }`,
    `function miss() { --misses; }`,
    `function add(n) { sum += n; }`,
    `function fill() { cache ||= new Map(); }`,
    `function fallback() { settings ??= {}; }`,
    `function both() { ready &&= false; }`,
    // Constructors called with new, or guarded with instanceof.
    outdent`
      function Point(x) { this.x = x; }
      const p = new Point(1);
    `,
    outdent`
      function Point(x) { if (!(this instanceof Point)) return new Point(x); this.x = x; }
      const p = Point(1);
    `,
    outdent`
      function Point(x) { this.x = x; }
      Point.call(this, 1);
    `,
    outdent`
      function Point(x) { 'use strict'; this.x = x; }
      Point(1);
    `,
    outdent`
      'use strict';
      function Point(x) { this.x = x; }
      Point(1);
    `,
    // Global object writes at start-up: a polyfill, a UMD export, a top-level IIFE.
    `globalThis.fetch = require('node-fetch');`,
    `(function () { window.jQuery = {}; })();`,
    `(function (root, factory) { root.lib = factory(); })(this, function () { window.libVersion = 1; return {}; });`,
    outdent`
      function install() { global.Promise = require('bluebird'); }
      install();
    `,
    // Repeated, but guarded: installs once.
    `module.exports = function () { if (!global.__cache) global.__cache = new Map(); };`,
    `module.exports = function () { global.registry = global.registry || {}; };`,
    `module.exports = function () { globalThis.registry ??= {}; };`,
    // Patching a global with a fixed value keeps one value, not one per call.
    outdent`
      const MockDate = require('./mock-date');
      module.exports = function mockDate() { globalThis.Date = MockDate; };
    `,
    `module.exports = function count() { window.hits++; };`,
    `module.exports = function registerGlobals() { ['describe', 'it'].forEach((api) => { globalThis[api] = api; }); };`,
    `module.exports = function setupDefines(config) { for (const key in config.defines) globalThis[key] = config.defines[key]; };`,
    // A test helper that sets a mocked window property: the latest value only.
    outdent`
      function setWindowScroll(x) { window.pageXOffset = x; }
      module.exports = { setWindowScroll };
    `,
    // Replacing a host global, or a shim installed where the host lacks it.
    `function shim() { console = { log: print }; }`,
    `if (typeof printer === 'undefined') { printer = { log: print }; }`,
    // A local named like a global object is not the global object.
    `module.exports = function (window) { window.x = 1; };`,
  ],
  invalid: [
    {
      // The seed article's example.
      code: outdent`
        function setName() {
          name = "Stanley";
        }
        setName();
        console.log(name);
      `,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'name' },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 7,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'name', scope: '`setName()`' },
              output: outdent`
                function setName() {
                  let name;
                  name = "Stanley";
                }
                setName();
                console.log(name);
              `,
            },
          ],
        },
      ],
    },
    {
      // Plain assignment, for-in and destructuring targets; one report per name and function, at the first write
      // (`i = 0`, not `i++`). `total += …` reads `total` first, so it throws instead (see the valid cases).
      code: outdent`
        function count(list) {
          for (i = 0; i < list.length; i++) total += list[i];
          for (key in list) {}
          [first, second] = list;
          ({ last } = list);
        }
      `,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'i' },
          line: 2,
          column: 8,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'i', scope: '`count()`' },
              output: outdent`
                function count(list) {
                  let i;
                  for (i = 0; i < list.length; i++) total += list[i];
                  for (key in list) {}
                  [first, second] = list;
                  ({ last } = list);
                }
              `,
            },
          ],
        },
        {
          messageId: 'undeclared',
          data: { name: 'key' },
          line: 3,
          column: 8,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'key', scope: '`count()`' },
              output: outdent`
                function count(list) {
                  let key;
                  for (i = 0; i < list.length; i++) total += list[i];
                  for (key in list) {}
                  [first, second] = list;
                  ({ last } = list);
                }
              `,
            },
          ],
        },
        {
          messageId: 'undeclared',
          data: { name: 'first' },
          line: 4,
          column: 4,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'first', scope: '`count()`' },
              output: outdent`
                function count(list) {
                  let first;
                  for (i = 0; i < list.length; i++) total += list[i];
                  for (key in list) {}
                  [first, second] = list;
                  ({ last } = list);
                }
              `,
            },
          ],
        },
        {
          messageId: 'undeclared',
          data: { name: 'second' },
          line: 4,
          column: 11,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'second', scope: '`count()`' },
              output: outdent`
                function count(list) {
                  let second;
                  for (i = 0; i < list.length; i++) total += list[i];
                  for (key in list) {}
                  [first, second] = list;
                  ({ last } = list);
                }
              `,
            },
          ],
        },
        {
          messageId: 'undeclared',
          data: { name: 'last' },
          line: 5,
          column: 6,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'last', scope: '`count()`' },
              output: outdent`
                function count(list) {
                  let last;
                  for (i = 0; i < list.length; i++) total += list[i];
                  for (key in list) {}
                  [first, second] = list;
                  ({ last } = list);
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // Inline body, and a module-level write: the declaration goes at the top of the module.
      code: outdent`
        const app = require('express')();
        app.get('/', (req, res) => { lastRequest = req; res.end(); });
      `,
      errors: [
        {
          messageId: 'undeclared',
          line: 2,
          column: 30,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'lastRequest', scope: 'the callback passed to `app.get()`' },
              output: outdent`
                const app = require('express')();
                app.get('/', (req, res) => { let lastRequest; lastRequest = req; res.end(); });
              `,
            },
          ],
        },
      ],
    },
    {
      // A CommonJS module's top level runs once too, but there a missing declaration is a slip, not an idiom: the
      // value becomes a global every other module sees.
      code: outdent`
        const defaults = require('./defaults');
        settings = { ...defaults };
      `,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'settings' },
          line: 2,
          column: 1,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'settings', scope: 'the module' },
              output: outdent`
                let settings;
                const defaults = require('./defaults');
                settings = { ...defaults };
              `,
            },
          ],
        },
      ],
    },
    {
      // A CRLF file stays CRLF.
      code: `function setName() {\r\n  name = 'Stanley';\r\n}`,
      errors: [
        {
          messageId: 'undeclared',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'name', scope: '`setName()`' },
              output: `function setName() {\r\n  let name;\r\n  name = 'Stanley';\r\n}`,
            },
          ],
        },
      ],
    },
    {
      // An expression-bodied arrow has no block to declare in: no suggestion.
      code: `module.exports = (v) => (latest = v);`,
      errors: [{ messageId: 'undeclared', data: { name: 'latest' }, line: 1, column: 26, suggestions: [] }],
    },
    {
      code: outdent`
        function Point(x, y) {
          this.x = x;
          this.y = y;
        }
        var origin = Point(0, 0);
      `,
      errors: [
        {
          messageId: 'calledWithoutNew',
          data: { name: 'Point', property: 'x' },
          line: 5,
          column: 14,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'callWithNew',
              data: { name: 'Point' },
              output: outdent`
                function Point(x, y) {
                  this.x = x;
                  this.y = y;
                }
                var origin = new Point(0, 0);
              `,
            },
          ],
        },
      ],
    },
    {
      code: outdent`
        var Session = function (user) { this.user = user; };
        module.exports = function login(user) { return Session(user); };
      `,
      errors: [
        {
          messageId: 'calledWithoutNew',
          data: { name: 'Session', property: 'user' },
          line: 2,
          column: 48,
          suggestions: [
            {
              messageId: 'callWithNew',
              output: outdent`
                var Session = function (user) { this.user = user; };
                module.exports = function login(user) { return new Session(user); };
              `,
            },
          ],
        },
      ],
    },
    {
      // Global object writes from code that runs per request / per call.
      code: outdent`
        module.exports = function track(req) {
          global.lastRequest = req;
          globalThis[req.url] = Date.now();
          Object.assign(globalThis, { user: req.user });
        };
      `,
      // From a function callers call, only a per-call key grows the global object; a fixed name keeps one value.
      errors: [
        {
          messageId: 'globalPropertyWrite',
          data: { target: 'globalThis[…]', input: 'req', scope: '`track()`' },
          line: 3,
          column: 3,
        },
      ],
    },
    {
      // From a request handler, a fixed name keeps the latest request alive too.
      code: outdent`
        app.get('/', (req, res) => {
          global.lastRequest = req;
          Object.assign(globalThis, { user: req.user });
          res.end();
        });
      `,
      errors: [
        {
          messageId: 'globalPropertyWrite',
          data: { target: 'global.lastRequest', input: 'req', scope: 'the callback passed to `app.get()`' },
          line: 2,
          column: 3,
        },
        {
          messageId: 'globalPropertyWrite',
          data: { target: 'Object.assign(globalThis, …)', input: 'req', scope: 'the callback passed to `app.get()`' },
          line: 3,
          column: 3,
        },
      ],
    },
    {
      code: outdent`
        const http = require('http');
        http.createServer((req, res) => { global.current = req; res.end(); });
      `,
      errors: [
        {
          messageId: 'globalPropertyWrite',
          data: { target: 'global.current', input: 'req', scope: 'the callback passed to `http.createServer()`' },
          line: 2,
          column: 35,
        },
      ],
    },
  ],
});

scriptTester.run('no-implicit-global (script)', rule, {
  valid: [
    // The top level of a classic script runs once, and publishing a library global there is the idiom: the value
    // lives exactly as long as a top-level `var` would (that is a global property too).
    `jQuery = $ = (function factory() { return function $(selector) { return selector; }; })();`,
    `counter = 0;`,
    `for (i = 0; i < 3; i++) {}`,
    outdent`
      var counter = 0;
      function bump() { counter++; }
    `,
    outdent`
      'use strict';
      function Point(x) { this.x = x; }
      Point(1);
    `,
  ],
  invalid: [
    {
      code: outdent`
        function Point(x) { this.x = x; }
        Point(1);
      `,
      errors: [
        {
          messageId: 'calledWithoutNew',
          data: { name: 'Point', property: 'x' },
          line: 2,
          column: 1,
          suggestions: [
            {
              messageId: 'callWithNew',
              output: outdent`
                function Point(x) { this.x = x; }
                new Point(1);
              `,
            },
          ],
        },
      ],
    },
    {
      code: outdent`
        function init() {
          'use foo';
          config = {};
        }
      `,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'config' },
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'declareLocally',
              output: outdent`
                function init() {
                  'use foo';
                  let config;
                  config = {};
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});

moduleTester.run('no-implicit-global (ES module)', rule, {
  valid: [
    `export function setName() { name = 'Stanley'; }`,
    `export function remember(req) { globalThis.lastRequest = req; }`,
    outdent`
      export function Point(x) { this.x = x; }
      Point(1);
    `,
  ],
  invalid: [
    {
      code: outdent`
        export function listen(server) {
          server.on('request', (req) => { globalThis.lastRequest = req; });
        }
      `,
      errors: [
        {
          messageId: 'globalPropertyWrite',
          data: { target: 'globalThis.lastRequest', input: 'req', scope: 'the callback passed to `server.on()`' },
          line: 2,
          column: 35,
        },
      ],
    },
  ],
});

/**
 * ESLint parses `.js` as an ES module unless a config says otherwise, so these run through the module tester, as a
 * CommonJS project's `eslint .` does. What counts is how Node runs the file: by its extension and the nearest
 * package.json (the fixtures directory holds one per kind).
 */
const packageDir = (kind: string): string => join(import.meta.dirname, 'fixtures', `${kind}-package`);
const express = outdent`
  const app = require('express')();
  app.get('/', (req, res) => {
    lastRequest = req;
    res.end();
  });
`;
const expressFixed = outdent`
  const app = require('express')();
  app.get('/', (req, res) => {
    let lastRequest;
    lastRequest = req;
    res.end();
  });
`;
const lastRequestError = {
  messageId: 'undeclared' as const,
  data: { name: 'lastRequest' },
  line: 3,
  column: 3,
  suggestions: [
    {
      messageId: 'declareLocally' as const,
      data: { name: 'lastRequest', scope: 'the callback passed to `app.get()`' },
      output: expressFixed,
    },
  ],
};

moduleTester.run('no-implicit-global (a .js file parsed as a module, run by Node as CommonJS)', rule, {
  valid: [
    // Node runs these as ES modules (strict): the write throws.
    { code: express, filename: join(packageDir('module'), 'server.js') },
    {
      code: `import express from 'express';\n${express.split('\n').slice(1).join('\n')}`,
      filename: join(packageDir('untyped'), 'server.js'),
    },
    {
      code: outdent`
        const here = import.meta.url;
        function f(req) { lastRequest = req; }
      `,
      filename: join(packageDir('untyped'), 'esm.js'),
    },
    {
      code: outdent`
        await Promise.resolve();
        function f(req) { lastRequest = req; }
      `,
      filename: join(packageDir('untyped'), 'tla.js'),
    },
    { code: `function f(req) { lastRequest = req; }`, filename: join(packageDir('commonjs'), 'types.mjs') },
    // CommonJS, but strict where the text says so.
    { code: `'use strict';\n${express}`, filename: join(packageDir('commonjs'), 'server.js') },
    {
      code: outdent`
        function f(req) {
          'use strict';
          lastRequest = req;
        }
        module.exports = f;
      `,
      filename: join(packageDir('commonjs'), 'f.js'),
    },
    {
      code: outdent`
        module.exports = class Tracker {
          track(req) {
            lastRequest = req;
          }
        };
      `,
      filename: join(packageDir('commonjs'), 'tracker.js'),
    },
    // Reads first: throws in sloppy code too.
    { code: `module.exports = function count() { hits++; };`, filename: join(packageDir('commonjs'), 'count.js') },
  ],
  invalid: [
    { code: express, filename: join(packageDir('commonjs'), 'server.js'), errors: [lastRequestError] },
    // No "type": Node runs a file without import/export as CommonJS.
    { code: express, filename: join(packageDir('untyped'), 'server.js'), errors: [lastRequestError] },
    // `.cjs` is CommonJS wherever it is.
    { code: express, filename: join(packageDir('module'), 'server.cjs'), errors: [lastRequestError] },
    {
      code: outdent`
        function Point(x) {
          this.x = x;
        }
        module.exports = () => Point(1);
      `,
      filename: join(packageDir('commonjs'), 'point.js'),
      errors: [
        {
          messageId: 'calledWithoutNew',
          data: { name: 'Point', property: 'x' },
          line: 4,
          column: 24,
          suggestions: [
            {
              messageId: 'callWithNew',
              output: outdent`
                function Point(x) {
                  this.x = x;
                }
                module.exports = () => new Point(1);
              `,
            },
          ],
        },
      ],
    },
  ],
});

typescriptTester.run('no-implicit-global (TypeScript)', rule, {
  valid: [
    // `exports = module.exports = …` in a TS file is a CommonJS export.
    {
      code: `exports = module.exports = function handler(): void {};`,
      languageOptions: { parserOptions: { sourceType: 'script' } },
    },
    `export function setName(): void { name = 'Stanley'; }`,
    outdent`
      declare let counter: number;
      export function bump(): void { counter = 1; }
    `,
  ],
  invalid: [
    {
      code: outdent`
        function setName(): void {
          name = 'Stanley' as string;
        }
      `,
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'undeclared',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'declareLocally',
              output: outdent`
                function setName(): void {
                  let name;
                  name = 'Stanley' as string;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      code: outdent`
        export class Registry {
          add(key: string, value: unknown): void {
            (globalThis as Record<string, unknown>)[key] = value;
          }
        }
      `,
      errors: [
        {
          messageId: 'globalPropertyWrite',
          data: { target: 'globalThis[…]', input: 'key', scope: '`add()`' },
          line: 3,
          column: 5,
        },
      ],
    },
  ],
});

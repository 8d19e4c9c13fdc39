import { join } from 'node:path';
import rule from '../../rules/no-implicit-global.js';
import { commonjsTester, moduleTester, scriptTester, typescriptTester } from './tester.js';

commonjsTester.run('no-implicit-global (CommonJS)', rule, {
  valid: [
    // The seed article's fix: ES modules and 'use strict' make the write throw instead (no-undef's job).
    `'use strict';\nfunction setName() { name = 'Stanley'; }`,
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
    `/* global counter:writable */\nfunction f() { counter += 1; }`,
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
    `function Point(x) { this.x = x; }\nconst p = new Point(1);`,
    `function Point(x) { if (!(this instanceof Point)) return new Point(x); this.x = x; }\nconst p = Point(1);`,
    `function Point(x) { this.x = x; }\nPoint.call(this, 1);`,
    `function Point(x) { 'use strict'; this.x = x; }\nPoint(1);`,
    `'use strict';\nfunction Point(x) { this.x = x; }\nPoint(1);`,
    // Global object writes at start-up: a polyfill, a UMD export, a top-level IIFE.
    `globalThis.fetch = require('node-fetch');`,
    `(function () { window.jQuery = {}; })();`,
    `(function (root, factory) { root.lib = factory(); })(this, function () { window.libVersion = 1; return {}; });`,
    `function install() { global.Promise = require('bluebird'); }\ninstall();`,
    // Repeated, but guarded: installs once.
    `module.exports = function () { if (!global.__cache) global.__cache = new Map(); };`,
    `module.exports = function () { global.registry = global.registry || {}; };`,
    `module.exports = function () { globalThis.registry ??= {}; };`,
    // Patching a global with a fixed value keeps one value, not one per call.
    `const MockDate = require('./mock-date');\nmodule.exports = function mockDate() { globalThis.Date = MockDate; };`,
    `module.exports = function count() { window.hits++; };`,
    `module.exports = function registerGlobals() { ['describe', 'it'].forEach((api) => { globalThis[api] = api; }); };`,
    `module.exports = function setupDefines(config) { for (const key in config.defines) globalThis[key] = config.defines[key]; };`,
    // A test helper that sets a mocked window property: the latest value only.
    `function setWindowScroll(x) { window.pageXOffset = x; }\nmodule.exports = { setWindowScroll };`,
    // Replacing a host global, or a shim installed where the host lacks it.
    `function shim() { console = { log: print }; }`,
    `if (typeof printer === 'undefined') { printer = { log: print }; }`,
    // A local named like a global object is not the global object.
    `module.exports = function (window) { window.x = 1; };`,
  ],
  invalid: [
    {
      // The seed article's example.
      code: `function setName() {\n  name = "Stanley";\n}\nsetName();\nconsole.log(name);`,
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
              output: `function setName() {\n  let name;\n  name = "Stanley";\n}\nsetName();\nconsole.log(name);`,
            },
          ],
        },
      ],
    },
    {
      // Plain assignment, for-in and destructuring targets; one report per name and function, at the first write
      // (`i = 0`, not `i++`). `total += …` reads `total` first, so it throws instead (see the valid cases).
      code: `function count(list) {\n  for (i = 0; i < list.length; i++) total += list[i];\n  for (key in list) {}\n  [first, second] = list;\n  ({ last } = list);\n}`,
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
              output: `function count(list) {\n  let i;\n  for (i = 0; i < list.length; i++) total += list[i];\n  for (key in list) {}\n  [first, second] = list;\n  ({ last } = list);\n}`,
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
              output: `function count(list) {\n  let key;\n  for (i = 0; i < list.length; i++) total += list[i];\n  for (key in list) {}\n  [first, second] = list;\n  ({ last } = list);\n}`,
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
              output: `function count(list) {\n  let first;\n  for (i = 0; i < list.length; i++) total += list[i];\n  for (key in list) {}\n  [first, second] = list;\n  ({ last } = list);\n}`,
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
              output: `function count(list) {\n  let second;\n  for (i = 0; i < list.length; i++) total += list[i];\n  for (key in list) {}\n  [first, second] = list;\n  ({ last } = list);\n}`,
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
              output: `function count(list) {\n  let last;\n  for (i = 0; i < list.length; i++) total += list[i];\n  for (key in list) {}\n  [first, second] = list;\n  ({ last } = list);\n}`,
            },
          ],
        },
      ],
    },
    {
      // Inline body, and a module-level write: the declaration goes at the top of the module.
      code: `const app = require('express')();\napp.get('/', (req, res) => { lastRequest = req; res.end(); });`,
      errors: [
        {
          messageId: 'undeclared',
          line: 2,
          column: 30,
          suggestions: [
            {
              messageId: 'declareLocally',
              data: { name: 'lastRequest', scope: 'the callback passed to `app.get()`' },
              output: `const app = require('express')();\napp.get('/', (req, res) => { let lastRequest; lastRequest = req; res.end(); });`,
            },
          ],
        },
      ],
    },
    {
      // A CommonJS module's top level runs once too, but there a missing declaration is a slip, not an idiom: the
      // value becomes a global every other module sees.
      code: `const defaults = require('./defaults');\nsettings = { ...defaults };`,
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
              output: `let settings;\nconst defaults = require('./defaults');\nsettings = { ...defaults };`,
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
      code: `function Point(x, y) {\n  this.x = x;\n  this.y = y;\n}\nvar origin = Point(0, 0);`,
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
              output: `function Point(x, y) {\n  this.x = x;\n  this.y = y;\n}\nvar origin = new Point(0, 0);`,
            },
          ],
        },
      ],
    },
    {
      code: `var Session = function (user) { this.user = user; };\nmodule.exports = function login(user) { return Session(user); };`,
      errors: [
        {
          messageId: 'calledWithoutNew',
          data: { name: 'Session', property: 'user' },
          line: 2,
          column: 48,
          suggestions: [
            {
              messageId: 'callWithNew',
              output: `var Session = function (user) { this.user = user; };\nmodule.exports = function login(user) { return new Session(user); };`,
            },
          ],
        },
      ],
    },
    {
      // Global object writes from code that runs per request / per call.
      code: `module.exports = function track(req) {\n  global.lastRequest = req;\n  globalThis[req.url] = Date.now();\n  Object.assign(globalThis, { user: req.user });\n};`,
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
      code: `app.get('/', (req, res) => {\n  global.lastRequest = req;\n  Object.assign(globalThis, { user: req.user });\n  res.end();\n});`,
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
      code: `const http = require('http');\nhttp.createServer((req, res) => { global.current = req; res.end(); });`,
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
    `var counter = 0;\nfunction bump() { counter++; }`,
    `'use strict';\nfunction Point(x) { this.x = x; }\nPoint(1);`,
  ],
  invalid: [
    {
      code: `function Point(x) { this.x = x; }\nPoint(1);`,
      errors: [
        {
          messageId: 'calledWithoutNew',
          data: { name: 'Point', property: 'x' },
          line: 2,
          column: 1,
          suggestions: [{ messageId: 'callWithNew', output: `function Point(x) { this.x = x; }\nnew Point(1);` }],
        },
      ],
    },
    {
      code: `function init() {\n  'use foo';\n  config = {};\n}`,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'config' },
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'declareLocally',
              output: `function init() {\n  'use foo';\n  let config;\n  config = {};\n}`,
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
    `export function Point(x) { this.x = x; }\nPoint(1);`,
  ],
  invalid: [
    {
      code: `export function listen(server) {\n  server.on('request', (req) => { globalThis.lastRequest = req; });\n}`,
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
const express = `const app = require('express')();\napp.get('/', (req, res) => {\n  lastRequest = req;\n  res.end();\n});`;
const expressFixed = `const app = require('express')();\napp.get('/', (req, res) => {\n  let lastRequest;\n  lastRequest = req;\n  res.end();\n});`;
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
      code: `const here = import.meta.url;\nfunction f(req) { lastRequest = req; }`,
      filename: join(packageDir('untyped'), 'esm.js'),
    },
    {
      code: `await Promise.resolve();\nfunction f(req) { lastRequest = req; }`,
      filename: join(packageDir('untyped'), 'tla.js'),
    },
    { code: `function f(req) { lastRequest = req; }`, filename: join(packageDir('commonjs'), 'types.mjs') },
    // CommonJS, but strict where the text says so.
    { code: `'use strict';\n${express}`, filename: join(packageDir('commonjs'), 'server.js') },
    {
      code: `function f(req) {\n  'use strict';\n  lastRequest = req;\n}\nmodule.exports = f;`,
      filename: join(packageDir('commonjs'), 'f.js'),
    },
    {
      code: `module.exports = class Tracker {\n  track(req) {\n    lastRequest = req;\n  }\n};`,
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
      code: `function Point(x) {\n  this.x = x;\n}\nmodule.exports = () => Point(1);`,
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
              output: `function Point(x) {\n  this.x = x;\n}\nmodule.exports = () => new Point(1);`,
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
    `declare let counter: number;\nexport function bump(): void { counter = 1; }`,
  ],
  invalid: [
    {
      code: `function setName(): void {\n  name = 'Stanley' as string;\n}`,
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'undeclared',
          line: 2,
          column: 3,
          suggestions: [
            {
              messageId: 'declareLocally',
              output: `function setName(): void {\n  let name;\n  name = 'Stanley' as string;\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `export class Registry {\n  add(key: string, value: unknown): void {\n    (globalThis as Record<string, unknown>)[key] = value;\n  }\n}`,
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

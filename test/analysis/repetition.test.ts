import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { analyseRepetition } from '../../src/analysis/repetition.js';
import { findNode, withSourceCode } from './parse.js';

/** The repetition kind and trigger of the code at the first node whose text starts with `marker`. */
function repetitionAt(code: string, marker: string, options = {}) {
  return withSourceCode(code, (sourceCode) =>
    analyseRepetition(sourceCode, options).repetitionOf(findNode(sourceCode, marker)),
  );
}

describe('analyseRepetition', () => {
  it.each([
    ['module top level', `mark();`],
    ['a top-level IIFE', `(function () { mark(); })();`],
    ['an arrow IIFE called with .call', `(() => { mark(); }).call(this);`],
    ['a UMD factory', `(function (root, factory) { root.x = factory(); })(this, function () { mark(); });`],
    ['an AMD factory', `define(['dep'], function () { mark(); });`],
    [
      'a private main() called once',
      outdent`
        function main() { mark(); }
        main();
      `,
    ],
    ['a forEach callback at top level', `['a', 'b'].forEach((name) => { mark(); });`],
    ['a Promise executor at top level', `new Promise((resolve) => { mark(); });`],
    ['a setTimeout callback scheduled once', `setTimeout(() => { mark(); }, 10);`],
    ['a then callback at top level', `load().then(() => { mark(); });`],
    ['a process exit handler', `process.on('exit', () => { mark(); });`],
    ['an uncaughtException handler', `process.on('uncaughtException', () => { mark(); });`],
    ['a loop over start-up data', `for (const x of [1, 2]) mark();`],
    ['a test body', `describe('pool', () => { it('grows', () => { mark(); }); });`],
    ['a test registered on a suite object', `suite.test('big query', async function () { mark(); });`],
    ['a skipped test', `it.skip('later', () => { mark(); });`],
    ['a listener on a query made right here', `client.query(sql).on('row', (row) => { mark(); });`],
    [
      'a listener on a child spawned in the same function',
      outdent`
        function run() { const child = spawn('ls'); child.stdout.on('data', () => { mark(); }); }
        run();
      `,
    ],
  ])('%s runs once', (_name, code) => {
    expect(repetitionAt(code, 'mark()').kind).toBe('once');
  });

  it.each([
    [
      'an http.createServer callback',
      `http.createServer((req, res) => { mark(); });`,
      'on every request to the server created at line 1',
    ],
    ['an express route', `app.get('/users', (req, res) => { mark(); });`, "on every request to `app.get('/users')`"],
    ['a router middleware', `apiRouter.use((req, res, next) => { mark(); });`, 'on every request to `apiRouter.use()`'],
    ['a listener', `socket.on('data', (chunk) => { mark(); });`, 'on every `data` event of `socket`'],
    [
      'a listener on a server made right here',
      `require('net').createServer().on('connection', () => { mark(); });`,
      'on every `connection` event of `the emitter`',
    ],
    [
      'a listener on a module-level emitter',
      outdent`
        const bus = new EventEmitter();
        bus.on('job', () => { mark(); });
      `,
      'on every `job` event of `bus`',
    ],
    ['an interval tick', `setInterval(() => { mark(); }, 1000);`, 'on every tick of the interval started at line 1'],
    [
      'a handler passed by name',
      outdent`
        function handle(req) { mark(); }
        require('http').createServer(handle);
      `,
      'on every request to the server created at line 2',
    ],
    [
      'a helper called from a handler',
      outdent`
        function helper() { mark(); }
        app.post('/', () => helper());
      `,
      "on every request to `app.post('/')`",
    ],
    [
      'a setTimeout scheduled per request',
      `app.get('/', () => { setTimeout(() => { mark(); }, 5); });`,
      "on every request to `app.get('/')`",
    ],
  ])('%s runs per event', (_name, code, trigger) => {
    expect(repetitionAt(code, 'mark()')).toEqual({ kind: 'per-event', trigger });
  });

  it.each([
    ['an exported function', `module.exports = function track() { mark(); };`, 'on every call of `track()`'],
    ['an ES export', `export function track() { mark(); }`, 'on every call of `track()`'],
    ['a method', `class Pool { acquire() { mark(); } }`, 'on every call of `acquire()`'],
    ['a constructor', `class Pool { constructor() { mark(); } }`, 'on every call of the constructor of `Pool`'],
    [
      'a recursive private function',
      outdent`
        function walk(n) { mark(); if (n) walk(n - 1); }
        walk(3);
      `,
      'on every call of `walk()`',
    ],
    [
      'a generator',
      outdent`
        function* ids() { mark(); }
        ids();
      `,
      'on every step of `ids()`',
    ],
  ])('%s runs per call', (_name, code, trigger) => {
    const sourceType = code.startsWith('export') ? 'module' : 'commonjs';
    const result = withSourceCode(
      code,
      (sourceCode) => analyseRepetition(sourceCode).repetitionOf(findNode(sourceCode, 'mark()')),
      sourceType,
    );
    expect(result).toEqual({ kind: 'per-call', trigger });
  });

  it("judges a script's top-level function by the calls in the file, like a private one", () => {
    const code = outdent`
      var tokens = [];
      function createToken(name) { mark(); }
      var tt = { _in: createToken('in'), _of: createToken('of') };
    `;
    expect(
      withSourceCode(
        code,
        (sourceCode) => analyseRepetition(sourceCode).repetitionOf(findNode(sourceCode, 'mark()')).kind,
        'script',
      ),
    ).toBe('once');
  });

  it('treats functions named in runOnce, and callbacks passed to them, as start-up code', () => {
    expect(repetitionAt(`bootstrap(() => { mark(); });`, 'mark()', { runOnce: ['bootstrap'] }).kind).toBe('once');
    expect(repetitionAt(`module.exports = function init() { mark(); };`, 'mark()', { runOnce: ['init'] }).kind).toBe(
      'once',
    );
    expect(repetitionAt(`bootstrap(() => { mark(); });`, 'mark()').kind).toBe('per-call');
  });

  it('does not mistake Map#get or a plugin host for a route', () => {
    expect(repetitionAt(`cache.get('k', () => { mark(); });`, 'mark()').kind).toBe('per-call');
    expect(repetitionAt(`chai.use((lib) => { mark(); });`, 'mark()').kind).toBe('per-call');
  });
});

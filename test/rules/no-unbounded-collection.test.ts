import { outdent } from 'outdent';
import rule from '../../rules/no-unbounded-collection.js';
import { commonjsTester, moduleTester, typescriptTester } from './tester.js';

const moduleScope = (line: number) => `the module scope (declared at line ${line})`;
const inHandle = 'in `handle()`, which runs on every request to the server created at line 16';

commonjsTester.run('no-unbounded-collection (CommonJS)', rule, {
  valid: [
    // The seed articles' fixes: the array moved inside the handler.
    outdent`
      app.get('/bloatMyServer', (req, res) => {
        const leaks = [];
        [...Array(10000)].map(() => leaks.push({}));
        res.status(200).send({ size: leaks.length });
      });
    `,
    // A Set whose entries are deleted on close.
    outdent`
      const sockets = new Set();
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
    `,
    // A bounded cache: a size check guards the growth, or evicts.
    outdent`
      const cache = new Map();
      app.get('/', (req, res) => {
        if (cache.size > 100) cache.delete(cache.keys().next().value);
        cache.set(req.url, Date.now());
      });
    `,
    outdent`
      const recent = [];
      app.get('/', (req) => { if (recent.length < 50) recent.push(req.url); });
    `,
    outdent`
      const recent = [];
      app.get('/', (req) => { recent.push(req.url); if (recent.length > 50) recent.shift(); });
    `,
    outdent`
      const log = [];
      setInterval(() => { log.length = 0; }, 1000);
      app.get('/', (req) => { log.push(req.url); });
    `,
    outdent`
      let log = [];
      setInterval(() => { log = []; }, 1000);
      app.get('/', (req) => { log.push(req.url); });
    `,
    outdent`
      const pending = {};
      emitter.on('start', (job) => { pending[job.id] = job; });
      emitter.on('end', (job) => { delete pending[job.id]; });
    `,
    // Weak collections never leak their keys.
    outdent`
      const seen = new WeakMap();
      app.get('/', (req) => { seen.set(req, Date.now()); });
    `,
    outdent`
      const seen = new WeakSet();
      app.get('/', (req) => { seen.add(req); });
    `,
    // Filled once at start-up: top level, a top-level IIFE, a main() called once, a loop over start-up data.
    outdent`
      const routes = [];
      routes.push('/a');
      (function () { routes.push('/b'); })();
      function main() { routes.push('/c'); }
      main();
      for (const r of ['/d']) routes.push(r);
    `,
    // Fatal and exit handlers run a handful of times at most.
    outdent`
      const errors = [];
      process.on('uncaughtException', (err) => { errors.push(err); });
    `,
    // A memo keyed by its callers' arguments, in a function callers call: bounded by what they pass.
    outdent`
      const cache = new Map();
      module.exports = function resolve(id) {
        if (!cache.has(id)) cache.set(id, load(id));
        return cache.get(id);
      };
    `,
    // A dedupe registry: the push is guarded by a membership test.
    outdent`
      const plugins = [];
      module.exports = function use(plugin) {
        if (plugins.indexOf(plugin) === -1) { plugins.push(plugin); plugin(); }
      };
    `,
    // An object pool grown to its high-water mark.
    outdent`
      const pool = [];
      let next = 0;
      module.exports = function take() {
        if (next < pool.length) return pool[next++];
        const item = {};
        pool.push(item);
        next++;
        return item;
      };
    `,
    // It escapes: other code may trim it.
    outdent`
      const queue = [];
      module.exports = { queue };
      app.get('/', (req) => { queue.push(req.url); });
    `,
    outdent`
      const queue = [];
      app.get('/', (req) => { queue.push(req.url); drain(queue); });
    `,
    // Not a collection this rule knows.
    outdent`
      const store = createStore();
      app.get('/', (req) => { store.push(req.url); });
    `,
    // A local that dies with its call.
    `module.exports = function collect(items) { const out = []; for (const i of items) out.push(i); return out; };`,
    // A closure over a local, kept by nothing long-lived.
    outdent`
      function makeCounter() { const hits = []; return () => hits.push(Date.now()); }
      module.exports = function handler() { const count = makeCounter(); count(); };
    `,
    // The interval that captures it is cleared.
    outdent`
      function poll() {
        const data = [];
        const timer = setInterval(() => { data.push(1); }, 1000);
        setTimeout(() => clearInterval(timer), 10000);
      }
      poll();
    `,
    // Overwriting array slots, not growth.
    outdent`
      const slots = [0, 0, 0];
      app.get('/', (req) => { slots[req.query.i] = 1; });
    `,
  ],
  invalid: [
    {
      // The seed article's Express route.
      code: outdent`
        const express = require('express');
        const app = express();
        const data = [];
        app.get('/', (req, res) => {
          data.push(req.headers);
          res.status(200).send(JSON.stringify(data));
        });
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: { name: 'data', trigger: "on every request to `app.get('/')`", holder: moduleScope(3) },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 25,
          suggestions: [],
        },
      ],
    },
    {
      // The seed article's http server.
      code: outdent`
        const http = require('http');
        const requestLogs = [];
        const server = http.createServer((req, res) => {
          requestLogs.push({ url: req.url, date: new Date() });
          res.end(JSON.stringify(requestLogs));
        });
        server.listen(3000);
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: {
            name: 'requestLogs',
            trigger: 'on every request to the server created at line 3',
            holder: moduleScope(2),
          },
          line: 4,
          column: 3,
        },
      ],
    },
    {
      // The seed article's Map of requests: keyed by the request object, so a WeakMap frees itself.
      code: outdent`
        const requests = new Map();
        app.get('/', (req, res) => {
          requests.set(req, Date.now());
          res.status(200).send('Hello World');
        });
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: { name: 'requests', trigger: "on every request to `app.get('/')`", holder: moduleScope(1) },
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: 'useWeakCollection',
              data: { name: 'requests', weak: 'WeakMap' },
              output: outdent`
                const requests = new WeakMap();
                app.get('/', (req, res) => {
                  requests.set(req, Date.now());
                  res.status(200).send('Hello World');
                });
              `,
            },
          ],
        },
      ],
    },
    {
      // The /bloatMyServer route: growth in a synchronous callback inside the handler.
      code: outdent`
        const leaks = [];
        app.get('/bloatMyServer', (req, res) => {
          const redundantObj = { memory: 'leaked', joke: 'meta' };
          [...Array(10000)].map(() => leaks.push(redundantObj));
          res.status(200).send({ size: leaks.length });
        });
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: { name: 'leaks', trigger: "on every request to `app.get('/bloatMyServer')`", holder: moduleScope(1) },
          line: 4,
          column: 31,
        },
      ],
    },
    {
      // The seed article's increment(): a local captured by the closure an interval keeps.
      code: outdent`
        function increment() {
          const data = [];
          let counter = 0;
          return function inner() {
            data.push(counter++);
            console.log(data);
          };
        }
        setInterval(increment(), 1000);
      `,
      errors: [
        {
          messageId: 'capturedByKeptClosure',
          data: {
            name: 'data',
            trigger: 'on every call of `inner()`',
            closure: '`inner()`',
            holder: 'the interval started at line 9 (as the result of `increment()`)',
          },
          line: 5,
          column: 5,
        },
      ],
    },
    {
      // A closure handed straight to setInterval.
      code: outdent`
        function watch() {
          const samples = [];
          setInterval(() => { samples.push(process.memoryUsage()); }, 1000);
        }
        watch();
      `,
      errors: [
        {
          messageId: 'capturedByKeptClosure',
          data: {
            name: 'samples',
            trigger: 'on every tick of the interval started at line 3',
            closure: 'the callback passed to `setInterval()`',
            holder: 'the interval started at line 3',
          },
          line: 3,
          column: 23,
        },
      ],
    },
    {
      // A handler passed by name; a helper called from it; keyed growth; nested growth; concat and spread rebuilds.
      code: outdent`
        const http = require('http');
        const sessions = new Map();
        const byUser = new Map();
        let history = [];
        let audit = [];
        const hits = {};
        function remember(req) { sessions.set(req.headers.cookie, req); }
        function handle(req, res) {
          remember(req);
          byUser.get(req.user).push(req.url);
          history = history.concat(req.url);
          audit = [...audit, req.method];
          hits[req.url] = (hits[req.url] || 0) + 1;
          res.end();
        }
        http.createServer(handle).listen(3000);
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: {
            name: 'sessions',
            trigger: 'in `remember()`, which runs on every request to the server created at line 16',
            holder: moduleScope(2),
          },
          line: 7,
          column: 26,
        },
        {
          messageId: 'unbounded',
          data: { name: 'byUser', trigger: inHandle, holder: moduleScope(3) },
          line: 10,
          column: 3,
        },
        {
          messageId: 'unbounded',
          data: { name: 'history', trigger: inHandle, holder: moduleScope(4) },
          line: 11,
          column: 3,
        },
        {
          messageId: 'unbounded',
          data: { name: 'audit', trigger: inHandle, holder: moduleScope(5) },
          line: 12,
          column: 3,
        },
        {
          messageId: 'unbounded',
          data: { name: 'hits', trigger: inHandle, holder: moduleScope(6) },
          line: 13,
          column: 3,
        },
      ],
    },
    {
      // Listener callbacks repeat per event; properties hung on a module-level function (`createDebug.instances`).
      code: outdent`
        function createDebug(namespace) {
          const debug = () => {};
          createDebug.instances.push(debug);
          return debug;
        }
        createDebug.instances = [];
        module.exports = createDebug;
        socket.on('message', (msg) => { received.push(msg); });
        const received = [];
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: {
            name: 'createDebug.instances',
            trigger: 'on every call of `createDebug()`',
            holder: '`createDebug`, a module-level binding (`createDebug.instances` created at line 6),',
          },
          line: 3,
          column: 3,
        },
        {
          messageId: 'unbounded',
          data: { name: 'received', trigger: 'on every `message` event of `socket`', holder: moduleScope(9) },
          line: 8,
          column: 33,
        },
      ],
    },
    {
      // Every instance kept: keyed growth with a key that is new on every call.
      code: outdent`
        const instances = new Set();
        class Connection {
          constructor() { instances.add(this); }
        }
        module.exports = Connection;
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: {
            name: 'instances',
            trigger: 'on every call of the constructor of `Connection`',
            holder: moduleScope(1),
          },
          line: 3,
          column: 19,
          suggestions: [
            {
              messageId: 'useWeakCollection',
              data: { name: 'instances', weak: 'WeakSet' },
              output: outdent`
                const instances = new WeakSet();
                class Connection {
                  constructor() { instances.add(this); }
                }
                module.exports = Connection;
              `,
            },
          ],
        },
      ],
    },
  ],
});

moduleTester.run('no-unbounded-collection (ES module)', rule, {
  valid: [
    // Exported by name: the API lets other modules trim it.
    outdent`
      export const registry = [];
      export function register(x) { registry.push(x); }
    `,
    // A run-once function named in the options.
    {
      code: outdent`
        const steps = [];
        bootstrap(() => { steps.push('db'); });
      `,
      options: [{ runOnce: ['bootstrap'] }],
    },
  ],
  invalid: [
    {
      code: outdent`
        const history = [];
        export function record(event) { history.push(event); }
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: { name: 'history', trigger: 'on every call of `record()`', holder: moduleScope(1) },
          line: 2,
          column: 33,
        },
      ],
    },
  ],
});

typescriptTester.run('no-unbounded-collection (TypeScript)', rule, {
  valid: [
    outdent`
      const cache = new Map<string, number>();
      export function get(key: string): number {
        const hit = cache.get(key);
        if (hit !== undefined) return hit;
        const value = key.length;
        cache.set(key, value);
        return value;
      }
    `,
    outdent`
      export class Job {
        static readonly all: Job[] = [];
        constructor() { Job.all.push(this); }
        dispose(): void { Job.all.splice(Job.all.indexOf(this), 1); }
      }
    `,
  ],
  invalid: [
    {
      code: outdent`
        import express from 'express';
        const app = express();
        const requests = new Map<string, express.Request>();
        app.get('/', (req, res) => {
          requests.set(req.url, req);
          res.send('ok');
        });
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: { name: 'requests', trigger: "on every request to `app.get('/')`", holder: moduleScope(3) },
          line: 5,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      code: outdent`
        export class Job {
          static readonly all: Job[] = [];
          constructor(readonly name: string) {
            Job.all.push(this);
          }
          static track(job: Job): void {
            this.all.push(job);
          }
        }
      `,
      errors: [
        {
          messageId: 'unbounded',
          data: {
            name: 'Job.all',
            trigger: 'on every call of the constructor of `Job`',
            holder: '`Job`, a module-level binding (`Job.all` created at line 2),',
          },
          line: 4,
          column: 5,
        },
      ],
    },
  ],
});

import rule from '../../rules/no-unbounded-collection.js';
import { commonjsTester, moduleTester, typescriptTester } from './tester.js';

const moduleScope = (line: number) => `the module scope (declared at line ${line})`;
const inHandle = 'in `handle()`, which runs on every request to the server created at line 16';

commonjsTester.run('no-unbounded-collection (CommonJS)', rule, {
  valid: [
    // The seed articles' fixes: the array moved inside the handler.
    `app.get('/bloatMyServer', (req, res) => {\n  const leaks = [];\n  [...Array(10000)].map(() => leaks.push({}));\n  res.status(200).send({ size: leaks.length });\n});`,
    // A Set whose entries are deleted on close.
    `const sockets = new Set();\nserver.on('connection', (socket) => {\n  sockets.add(socket);\n  socket.on('close', () => sockets.delete(socket));\n});`,
    // A bounded cache: a size check guards the growth, or evicts.
    `const cache = new Map();\napp.get('/', (req, res) => {\n  if (cache.size > 100) cache.delete(cache.keys().next().value);\n  cache.set(req.url, Date.now());\n});`,
    `const recent = [];\napp.get('/', (req) => { if (recent.length < 50) recent.push(req.url); });`,
    `const recent = [];\napp.get('/', (req) => { recent.push(req.url); if (recent.length > 50) recent.shift(); });`,
    `const log = [];\nsetInterval(() => { log.length = 0; }, 1000);\napp.get('/', (req) => { log.push(req.url); });`,
    `let log = [];\nsetInterval(() => { log = []; }, 1000);\napp.get('/', (req) => { log.push(req.url); });`,
    `const pending = {};\nemitter.on('start', (job) => { pending[job.id] = job; });\nemitter.on('end', (job) => { delete pending[job.id]; });`,
    // Weak collections never leak their keys.
    `const seen = new WeakMap();\napp.get('/', (req) => { seen.set(req, Date.now()); });`,
    `const seen = new WeakSet();\napp.get('/', (req) => { seen.add(req); });`,
    // Filled once at start-up: top level, a top-level IIFE, a main() called once, a loop over start-up data.
    `const routes = [];\nroutes.push('/a');\n(function () { routes.push('/b'); })();\nfunction main() { routes.push('/c'); }\nmain();\nfor (const r of ['/d']) routes.push(r);`,
    // Fatal and exit handlers run a handful of times at most.
    `const errors = [];\nprocess.on('uncaughtException', (err) => { errors.push(err); });`,
    // A memo keyed by its callers' arguments, in a function callers call: bounded by what they pass.
    `const cache = new Map();\nmodule.exports = function resolve(id) {\n  if (!cache.has(id)) cache.set(id, load(id));\n  return cache.get(id);\n};`,
    // A dedupe registry: the push is guarded by a membership test.
    `const plugins = [];\nmodule.exports = function use(plugin) {\n  if (plugins.indexOf(plugin) === -1) { plugins.push(plugin); plugin(); }\n};`,
    // An object pool grown to its high-water mark.
    `const pool = [];\nlet next = 0;\nmodule.exports = function take() {\n  if (next < pool.length) return pool[next++];\n  const item = {};\n  pool.push(item);\n  next++;\n  return item;\n};`,
    // It escapes: other code may trim it.
    `const queue = [];\nmodule.exports = { queue };\napp.get('/', (req) => { queue.push(req.url); });`,
    `const queue = [];\napp.get('/', (req) => { queue.push(req.url); drain(queue); });`,
    // Not a collection this rule knows.
    `const store = createStore();\napp.get('/', (req) => { store.push(req.url); });`,
    // A local that dies with its call.
    `module.exports = function collect(items) { const out = []; for (const i of items) out.push(i); return out; };`,
    // A closure over a local, kept by nothing long-lived.
    `function makeCounter() { const hits = []; return () => hits.push(Date.now()); }\nmodule.exports = function handler() { const count = makeCounter(); count(); };`,
    // The interval that captures it is cleared.
    `function poll() {\n  const data = [];\n  const timer = setInterval(() => { data.push(1); }, 1000);\n  setTimeout(() => clearInterval(timer), 10000);\n}\npoll();`,
    // Overwriting array slots, not growth.
    `const slots = [0, 0, 0];\napp.get('/', (req) => { slots[req.query.i] = 1; });`,
  ],
  invalid: [
    {
      // The seed article's Express route.
      code: `const express = require('express');\nconst app = express();\nconst data = [];\napp.get('/', (req, res) => {\n  data.push(req.headers);\n  res.status(200).send(JSON.stringify(data));\n});`,
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
      code: `const http = require('http');\nconst requestLogs = [];\nconst server = http.createServer((req, res) => {\n  requestLogs.push({ url: req.url, date: new Date() });\n  res.end(JSON.stringify(requestLogs));\n});\nserver.listen(3000);`,
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
      code: `const requests = new Map();\napp.get('/', (req, res) => {\n  requests.set(req, Date.now());\n  res.status(200).send('Hello World');\n});`,
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
              output: `const requests = new WeakMap();\napp.get('/', (req, res) => {\n  requests.set(req, Date.now());\n  res.status(200).send('Hello World');\n});`,
            },
          ],
        },
      ],
    },
    {
      // The /bloatMyServer route: growth in a synchronous callback inside the handler.
      code: `const leaks = [];\napp.get('/bloatMyServer', (req, res) => {\n  const redundantObj = { memory: 'leaked', joke: 'meta' };\n  [...Array(10000)].map(() => leaks.push(redundantObj));\n  res.status(200).send({ size: leaks.length });\n});`,
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
      code: `function increment() {\n  const data = [];\n  let counter = 0;\n  return function inner() {\n    data.push(counter++);\n    console.log(data);\n  };\n}\nsetInterval(increment(), 1000);`,
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
      code: `function watch() {\n  const samples = [];\n  setInterval(() => { samples.push(process.memoryUsage()); }, 1000);\n}\nwatch();`,
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
      code: `const http = require('http');\nconst sessions = new Map();\nconst byUser = new Map();\nlet history = [];\nlet audit = [];\nconst hits = {};\nfunction remember(req) { sessions.set(req.headers.cookie, req); }\nfunction handle(req, res) {\n  remember(req);\n  byUser.get(req.user).push(req.url);\n  history = history.concat(req.url);\n  audit = [...audit, req.method];\n  hits[req.url] = (hits[req.url] || 0) + 1;\n  res.end();\n}\nhttp.createServer(handle).listen(3000);`,
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
      code: `function createDebug(namespace) {\n  const debug = () => {};\n  createDebug.instances.push(debug);\n  return debug;\n}\ncreateDebug.instances = [];\nmodule.exports = createDebug;\nsocket.on('message', (msg) => { received.push(msg); });\nconst received = [];`,
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
      code: `const instances = new Set();\nclass Connection {\n  constructor() { instances.add(this); }\n}\nmodule.exports = Connection;`,
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
              output: `const instances = new WeakSet();\nclass Connection {\n  constructor() { instances.add(this); }\n}\nmodule.exports = Connection;`,
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
    `export const registry = [];\nexport function register(x) { registry.push(x); }`,
    // A run-once function named in the options.
    { code: `const steps = [];\nbootstrap(() => { steps.push('db'); });`, options: [{ runOnce: ['bootstrap'] }] },
  ],
  invalid: [
    {
      code: `const history = [];\nexport function record(event) { history.push(event); }`,
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
    `const cache = new Map<string, number>();\nexport function get(key: string): number {\n  const hit = cache.get(key);\n  if (hit !== undefined) return hit;\n  const value = key.length;\n  cache.set(key, value);\n  return value;\n}`,
    `export class Job {\n  static readonly all: Job[] = [];\n  constructor() { Job.all.push(this); }\n  dispose(): void { Job.all.splice(Job.all.indexOf(this), 1); }\n}`,
  ],
  invalid: [
    {
      code: `import express from 'express';\nconst app = express();\nconst requests = new Map<string, express.Request>();\napp.get('/', (req, res) => {\n  requests.set(req.url, req);\n  res.send('ok');\n});`,
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
      code: `export class Job {\n  static readonly all: Job[] = [];\n  constructor(readonly name: string) {\n    Job.all.push(this);\n  }\n  static track(job: Job): void {\n    this.all.push(job);\n  }\n}`,
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

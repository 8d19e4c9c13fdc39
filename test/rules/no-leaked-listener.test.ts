import rule from '../../rules/no-leaked-listener.js';
import { commonjsTester, jsxTester, moduleTester, typescriptTester } from './tester.js';

const PROCESS = '`process` lives for the whole program';
const WINDOW = '`window` lives as long as the page';
const DOCUMENT = '`document` lives as long as the page';
const INLINE = 'the inline function';
const NOTHING = 'nothing in this file removes it';

commonjsTester.run('no-leaked-listener (CommonJS)', rule, {
  valid: [
    // The seed article's heap-dump hook and a server's request handler: registered once, at top level.
    `const v8 = require('v8');\nprocess.on('SIGUSR2', () => {\n  const fileName = v8.writeHeapSnapshot();\n  console.log(\`Created heapdump file: \${fileName}\`);\n});`,
    `const http = require('http');\nconst server = http.createServer();\nserver.on('request', (req, res) => res.end());\nserver.listen(3000);`,
    // Listeners on the request and response of the current request die with them.
    `app.get('/', (req, res) => {\n  req.on('close', () => console.log(req.url));\n  res.on('finish', () => console.log(res.statusCode));\n  res.end();\n});`,
    // A child process created in the same call.
    `const { spawn } = require('child_process');\nmodule.exports = function run(cmd) {\n  const child = spawn(cmd);\n  child.on('exit', (code) => console.log(code));\n  child.stdout.on('data', (d) => process.stdout.write(d));\n};`,
    // A fresh socket per connection.
    `const net = require('net');\nmodule.exports = function connect(port) {\n  const socket = net.connect(port);\n  socket.on('data', (d) => console.log(d));\n  return socket;\n};`,
    // A sockets's own listeners, inside a connection handler.
    `server.on('connection', (socket) => {\n  socket.on('data', (chunk) => socket.write(chunk));\n});`,
    // Release: a removal with the same target, event and function, through `this` fields and other methods.
    `class Server {\n  constructor() {\n    this.onExit = () => this.close();\n    process.on('exit', this.onExit);\n  }\n  close() {\n    this.removeHooks();\n  }\n  removeHooks() {\n    process.removeListener('exit', this.onExit);\n  }\n}\nmodule.exports = Server;`,
    // Release: a local function removed when the work is done.
    `const client = require('redis').createClient();\nmodule.exports = function get(key) {\n  return new Promise((resolve, reject) => {\n    const onError = (err) => reject(err);\n    client.on('error', onError);\n    client.get(key, (err, value) => {\n      client.removeListener('error', onError);\n      resolve(value);\n    });\n  });\n};`,
    // Release: a named inline function that removes itself.
    `const bus = new (require('events'))();\nmodule.exports = function next() {\n  return new Promise((resolve) => {\n    bus.on('message', function onMessage(m) {\n      bus.off('message', onMessage);\n      resolve(m);\n    });\n  });\n};`,
    // Release: removeAllListeners(event).
    `const bus = new (require('events'))();\nexports.watch = function watch() { bus.on('tick', () => {}); };\nexports.reset = function reset() { bus.removeAllListeners('tick'); };`,
    // Release: once on an event that fires.
    `const client = require('redis').createClient();\nmodule.exports = function ready() { return new Promise((resolve) => client.once('ready', resolve)); };`,
    // Release: a helper that returns a disposer.
    `module.exports = function onShutdown(server) {\n  const handler = () => server.close();\n  process.on('SIGTERM', handler);\n  return () => process.off('SIGTERM', handler);\n};`,
    // Release: installed at most once, by a module-level flag or a Set-size check.
    `let installed = false;\nmodule.exports = function hook() {\n  if (installed) return;\n  installed = true;\n  process.on('exit', () => console.log('bye'));\n};`,
    `const hooked = new Set();\nmodule.exports = function hook(name) {\n  if (hooked.has(name)) return;\n  hooked.add(name);\n  process.on('exit', () => console.log(name));\n};`,
    // Release: a per-instance guard together with a removal in the teardown.
    `class Catcher {\n  watch() {\n    if (!this.catcher) {\n      this.catcher = (err) => this.report(err);\n      process.on('uncaughtException', this.catcher);\n    }\n  }\n  dispose() {\n    process.removeListener('uncaughtException', this.catcher);\n  }\n}\nmodule.exports = Catcher;`,
    // A subscription API adding its caller's own function: the caller can remove it.
    `const bus = new (require('events'))();\nexports.subscribe = function subscribe(fn) { bus.on('change', fn); };\nexports.unsubscribe = function unsubscribe(fn) { bus.off('change', fn); };`,
    // A forwarding wrapper: `on(event, fn)` on a long-lived bus.
    `const bus = new (require('events'))();\nexports.on = function on(event, fn) { bus.on(event, fn); };`,
    // The same module-level function added again: one array slot per call, no closure kept per call.
    `function save() {}\nexports.load = function load() { process.on('exit', save); };`,
    // Run-once code: a CLI action at top level, a function named as set-up.
    `program.command('serve').action(() => {\n  process.on('SIGINT', () => process.exit(130));\n});`,
    `module.exports = function init() { process.on('SIGINT', () => process.exit(130)); };`,
    // A class the file creates once.
    `class Session {\n  constructor() { process.on('message', (m) => this.handle(m)); }\n  handle() {}\n}\nconst session = new Session();`,
    // \`this.socket\` created again by the method that registers on it.
    `class Conn {\n  connect() {\n    this.socket = require('net').connect(80);\n    this.socket.on('close', () => setTimeout(() => this.connect(), 1000));\n  }\n}\nmodule.exports = Conn;`,
    // A removal that may remove something: its function comes from the caller.
    `exports.off = function off(fn) { process.removeListener('exit', fn); };`,
    // An option naming a run-once function.
    {
      code: `module.exports = function boot() { process.on('SIGTERM', () => process.exit(0)); };`,
      options: [{ runOnce: ['boot'] }],
    },
    {
      code: `exports.prepare = function prepare() { process.on('SIGTERM', () => process.exit(0)); };\nexports.prepare();`,
      options: [{ runOnce: ['prepare'] }],
    },
  ],
  invalid: [
    {
      // The example app: a listener per request on `process`.
      code: `const http = require('http');\nfunction handle(req, res) {\n  process.on('warning', (warning) => console.warn(req.url, warning.message));\n  res.end();\n}\nconst server = http.createServer(handle);\nserver.listen(3000);`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: PROCESS,
            event: 'warning',
            trigger: 'in `handle()`, which runs on every request to the server created at line 6',
            listener: INLINE,
            target: 'process',
          },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 13,
          suggestions: [],
        },
      ],
    },
    {
      // The calls the rule's selectors must reach: a computed key and an optional call.
      code: `const redis = require('redis');\nconst client = redis.createClient();\nexports.a = function a(key) {\n  client['on']('error', (e) => key);\n};\nexports.b = function b(key) {\n  client?.on('error', (e) => key);\n};`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: '`client` is created once at module level (line 2) and lives as long as the module',
            event: 'error',
            trigger: 'on every call of `a()`',
            listener: INLINE,
            target: 'client',
          },
          line: 4,
          column: 3,
          suggestions: [],
        },
        {
          messageId: 'unremovable',
          data: {
            lifetime: '`client` is created once at module level (line 2) and lives as long as the module',
            event: 'error',
            trigger: 'on every call of `b()`',
            listener: INLINE,
            target: 'client',
          },
          line: 7,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // Case 1: a named listener on a module-level client, added per call, never removed.
      code: `const redis = require('redis');\nconst client = redis.createClient();\nmodule.exports = function get(key) {\n  return new Promise((resolve, reject) => {\n    client.on('error', reject);\n    client.get(key, resolve);\n  });\n};`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: '`client` is created once at module level (line 2) and lives as long as the module',
            event: 'error',
            trigger: 'on every call of `get()`',
            release: NOTHING,
            target: 'client',
          },
          line: 5,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // Case 1: the message: a teardown exists and does not remove it.
      code: `const http = require('http');\nfunction createServer(handler) {\n  const server = http.createServer(handler);\n  const onTerm = () => server.close();\n  process.on('SIGTERM', onTerm);\n  return { server, close() { server.close(); } };\n}\nmodule.exports = createServer;`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: PROCESS,
            event: 'SIGTERM',
            trigger: 'on every call of `createServer()`',
            release: '`close()` never removes it',
            target: 'process',
          },
          line: 5,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // Case 1 per instance: a constructor adds a listener on process; `close()` does not remove it.
      code: `class Pool {\n  constructor() {\n    this.onExit = () => this.drain();\n    process.on('exit', this.onExit);\n  }\n  drain() {}\n  close() { this.drain(); }\n}\nmodule.exports = Pool;`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: PROCESS,
            event: 'exit',
            trigger: 'on every call of the constructor of `Pool`',
            release: '`close()` never removes it',
            target: 'process',
          },
          line: 4,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // Case 1 on a request's socket: keep-alive reuses it across requests.
      code: `app.get('/', (req, res) => {\n  req.socket.on('close', () => console.log('gone', req.url));\n  res.end();\n});`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: '`req.socket` is the connection, which keep-alive reuses across requests',
            event: 'close',
            trigger: "on every request to `app.get('/')`",
            listener: INLINE,
            target: 'req.socket',
          },
          line: 2,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // Case 1 on a caller's AbortSignal: `{ once: true }` does not help, abort may never fire.
      code: `module.exports = function delay(ms, { signal } = {}) {\n  return new Promise((resolve, reject) => {\n    const timer = setTimeout(resolve, ms);\n    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });\n  });\n};`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: '`signal` comes from the caller, may outlive this call and may never abort',
            event: 'abort',
            trigger: 'on every call of `delay()`',
            listener: INLINE,
            target: 'signal',
          },
          line: 4,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // Case 1: `once` on an event that fires only at the end; a dynamic event from a loop of signals.
      code: `exports.track = function track(file) {\n  process.once('exit', () => console.log(file));\n  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => console.log(file));\n};`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: PROCESS,
            event: 'exit',
            trigger: 'on every call of `track()`',
            listener: INLINE,
            target: 'process',
          },
          line: 2,
          column: 3,
          suggestions: [],
        },
        {
          messageId: 'unremovable',
          data: {
            lifetime: PROCESS,
            event: 'SIGINT`, `SIGTERM', // the loop's constant events, by name
            trigger: 'on every call of `track()`',
            listener: INLINE,
            target: 'process',
          },
          line: 3,
          column: 47,
          suggestions: [],
        },
      ],
    },
    {
      // Case 1 on `this.x` from a reconnect path; case 2 for the inline function.
      code: `class Client {\n  constructor(socket) {\n    this.socket = socket;\n  }\n  connect() {\n    this.socket.on('data', (chunk) => this.parse(chunk));\n    this.socket.on('close', () => setTimeout(() => this.connect(), 1000));\n  }\n  parse() {}\n}\nmodule.exports = Client;`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime:
              '`this.socket` is set once per instance, in the constructor, and outlives each run of `connect()`',
            event: 'data',
            trigger: 'each time `connect()` runs again (it is called again at line 7)',
            listener: INLINE,
            target: 'this.socket',
          },
          line: 6,
          column: 5,
          suggestions: [],
        },
        {
          messageId: 'unremovable',
          data: {
            lifetime:
              '`this.socket` is set once per instance, in the constructor, and outlives each run of `connect()`',
            event: 'close',
            trigger: 'each time `connect()` runs again (it is called again at line 7)',
            listener: INLINE,
            target: 'this.socket',
          },
          line: 7,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // Case 2 and case 3: `.bind(this)` added, the unbound method removed.
      code: `class Watcher {\n  watch() {\n    process.on('SIGHUP', this.reload.bind(this));\n  }\n  reload() {}\n  close() {\n    process.removeListener('SIGHUP', this.reload);\n  }\n}\nmodule.exports = Watcher;`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: PROCESS,
            event: 'SIGHUP',
            trigger: 'on every call of `watch()`',
            listener: '`this.reload.bind(this)`',
            target: 'process',
          },
          line: 3,
          column: 5,
          suggestions: [],
        },
        {
          messageId: 'removesNothing',
          data: {
            method: 'removeListener',
            target: 'process',
            reason: 'the listener added at line 3 is `this.reload.bind(this)`, a different function',
            event: 'SIGHUP',
          },
          line: 7,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // Case 3: a removal given an inline function or a fresh `.bind()` result removes nothing, wherever it is.
      code: `function stop(server) {\n  process.removeListener('SIGTERM', () => server.close());\n  process.removeListener('SIGINT', server.close.bind(server));\n}\nstop(server);`,
      errors: [
        {
          messageId: 'removesNothing',
          data: {
            method: 'removeListener',
            target: 'process',
            reason: 'an inline function is a new function, never the one that was added',
            event: 'SIGTERM',
          },
          line: 2,
          column: 3,
          suggestions: [],
        },
        {
          messageId: 'removesNothing',
          data: {
            method: 'removeListener',
            target: 'process',
            reason: '`server.close.bind(server)` creates a new function, never the one that was added',
            event: 'SIGINT',
          },
          line: 3,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // Case 4: the warning silenced on an emitter that leaks.
      code: `const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nbus.setMaxListeners(0);\nmodule.exports = function watch(id) {\n  bus.on('update', (u) => { if (u.id === id) console.log(u); });\n};`,
      errors: [
        {
          messageId: 'silencedWarning',
          data: { target: 'bus', limit: '0', event: 'update', trigger: 'on every call of `watch()`', line: 5 },
          line: 3,
          column: 1,
          suggestions: [],
        },
        {
          messageId: 'unremovable',
          data: {
            lifetime: '`bus` is created once at module level (line 2) and lives as long as the module',
            event: 'update',
            trigger: 'on every call of `watch()`',
            listener: INLINE,
            target: 'bus',
          },
          line: 5,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // Case 4 with Infinity, and a class the file creates on every request.
      code: `process.setMaxListeners(Infinity);\nclass Tracker {\n  constructor(req) { process.on('exit', () => console.log(req.url)); }\n}\napp.get('/', (req) => { new Tracker(req); });`,
      errors: [
        {
          messageId: 'silencedWarning',
          data: {
            target: 'process',
            limit: 'Infinity',
            event: 'exit',
            trigger:
              "on every call of the constructor of `Tracker` (a `Tracker` is created on every request to `app.get('/')`)",
            line: 3,
          },
          line: 1,
          column: 1,
          suggestions: [],
        },
        {
          messageId: 'unremovable',
          data: {
            lifetime: PROCESS,
            event: 'exit',
            trigger:
              "on every call of the constructor of `Tracker` (a `Tracker` is created on every request to `app.get('/')`)",
            listener: INLINE,
            target: 'process',
          },
          line: 3,
          column: 22,
          suggestions: [],
        },
      ],
    },
  ],
});

moduleTester.run('no-leaked-listener (ES module)', rule, {
  valid: [
    // An imported singleton, registered once at top level.
    `import { ipcRenderer } from 'electron';\nipcRenderer.on('update', () => location.reload());`,
    // A `{ signal }` whose controller is aborted.
    `export function track() {\n  const controller = new AbortController();\n  window.addEventListener('resize', () => console.log(innerWidth), { signal: controller.signal });\n  return () => controller.abort();\n}`,
    // An element created in the same function.
    `export function button(label) {\n  const el = document.createElement('button');\n  el.addEventListener('click', () => console.log(label));\n  return el;\n}`,
    // An EventTarget ignores a second registration of the same function.
    `function onResize() {}\nexport function watch() { window.addEventListener('resize', onResize); }`,
    // A once listener on an event that fires.
    `export function nextMessage() { return new Promise((resolve) => window.addEventListener('message', resolve, { once: true })); }`,
  ],
  invalid: [
    {
      // An imported singleton, registered per call.
      code: `import bus from './bus.js';\nexport function follow(id) {\n  bus.on('change', (e) => { if (e.id === id) render(e); });\n}`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: "`bus` is imported from './bus.js', a module instance that lives for the whole program",
            event: 'change',
            trigger: 'on every call of `follow()`',
            listener: INLINE,
            target: 'bus',
          },
          line: 3,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // A `{ signal }` whose controller nothing aborts.
      code: `export function track() {\n  const controller = new AbortController();\n  window.addEventListener('resize', () => console.log(innerWidth), { signal: controller.signal });\n}`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: WINDOW,
            event: 'resize',
            trigger: 'on every call of `track()`',
            listener: INLINE,
            target: 'window',
          },
          line: 3,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // A web component: `connectedCallback` runs on every attach; `.bind()` in both places removes nothing.
      code: `class SearchBox extends HTMLElement {\n  connectedCallback() {\n    document.addEventListener('keydown', this.onKey.bind(this));\n  }\n  disconnectedCallback() {\n    document.removeEventListener('keydown', this.onKey.bind(this));\n  }\n  onKey() {}\n}\ncustomElements.define('search-box', SearchBox);`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: DOCUMENT,
            event: 'keydown',
            trigger: 'on every mount of `SearchBox` (`connectedCallback()`)',
            listener: '`this.onKey.bind(this)`',
            target: 'document',
          },
          line: 3,
          column: 5,
          suggestions: [],
        },
        {
          messageId: 'removesNothing',
          data: {
            method: 'removeEventListener',
            target: 'document',
            reason: '`this.onKey.bind(this)` creates a new function, never the one that was added',
            event: 'keydown',
          },
          line: 6,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // Vue's options API: `mounted` with no `beforeUnmount` that removes the listener.
      code: `export default {\n  data() { return { width: 0 }; },\n  mounted() {\n    window.addEventListener('resize', this.onResize);\n  },\n  methods: { onResize() { this.width = innerWidth; } },\n};`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: WINDOW,
            event: 'resize',
            trigger: 'on every mount (`mounted()`)',
            release: 'there is no `beforeUnmount()` to remove it',
            target: 'window',
          },
          line: 4,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // Svelte: onMount whose returned cleanup does not remove the listener.
      code: `import { onMount } from 'svelte';\nonMount(() => {\n  const onKey = (e) => console.log(e.key);\n  window.addEventListener('keydown', onKey);\n  return () => console.log('unmounted');\n});`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: WINDOW,
            event: 'keydown',
            trigger: 'on every mount',
            release: 'the cleanup `onMount()` returns never removes it',
            target: 'window',
          },
          line: 4,
          column: 3,
          // The removal joins the expression-bodied cleanup.
          suggestions: [
            {
              messageId: 'removeInCleanup',
              data: { name: 'onKey', target: 'window' },
              output: `import { onMount } from 'svelte';\nonMount(() => {\n  const onKey = (e) => console.log(e.key);\n  window.addEventListener('keydown', onKey);\n  return () => { console.log('unmounted'); window.removeEventListener('keydown', onKey); };\n});`,
            },
          ],
        },
      ],
    },
  ],
});

jsxTester.run('no-leaked-listener (JSX)', rule, {
  valid: [
    // Pairs of [type, handler] added and removed by loops over the same list: each removal matches its addition.
    `import { useEffect } from 'react';\nexport function Keys({ onKey, onBlur }) {\n  useEffect(() => {\n    const pairs = [['keydown', (e) => onKey(e.key)], ['blur', () => onBlur()]];\n    for (const [type, handler] of pairs) window.addEventListener(type, handler);\n    return () => {\n      for (const [type, handler] of pairs) window.removeEventListener(type, handler);\n    };\n  }, [onKey, onBlur]);\n  return null;\n}`,
    `import { useEffect } from 'react';\nexport function Keys({ onKey }) {\n  useEffect(() => {\n    const handlers = { keydown: (e) => onKey(e.key), keyup: (e) => onKey(null) };\n    Object.entries(handlers).forEach(([type, fn]) => document.addEventListener(type, fn));\n    return () => Object.entries(handlers).forEach(([name, listener]) => document.removeEventListener(name, listener));\n  }, [onKey]);\n  return null;\n}`,
    // The same constant list, added and removed under different loop variable names.
    `import { useEffect } from 'react';\nconst ACTIVITY = ['mousemove', 'keydown'];\nexport function Idle({ onActive }) {\n  useEffect(() => {\n    const onActivity = () => onActive(Date.now());\n    ACTIVITY.forEach((type) => window.addEventListener(type, onActivity));\n    return () => {\n      for (const event of ACTIVITY) window.removeEventListener(event, onActivity);\n    };\n  }, [onActive]);\n  return null;\n}`,
    // The capture flag through a constant, removed with the same constant.
    `import { useEffect } from 'react';\nconst CAPTURE = { capture: true };\nexport function Clicks({ onClick }) {\n  useEffect(() => {\n    const onDown = (e) => onClick(e.target);\n    document.addEventListener('pointerdown', onDown, CAPTURE);\n    return () => document.removeEventListener('pointerdown', onDown, true);\n  }, [onClick]);\n  return null;\n}`,
    // \`once\` on an event that fires in normal use: the next resize removes every one of them.
    `import { useEffect } from 'react';\nexport function Hint({ note }) {\n  useEffect(() => {\n    window.addEventListener('resize', () => save(note), { once: true });\n  }, [note]);\n  return null;\n}`,
    // An effect whose cleanup removes the same function with the same capture flag.
    `import { useEffect, useState } from 'react';\nexport function Width() {\n  const [width, setWidth] = useState(innerWidth);\n  useEffect(() => {\n    const onResize = () => setWidth(innerWidth);\n    window.addEventListener('resize', onResize, true);\n    return () => window.removeEventListener('resize', onResize, true);\n  }, []);\n  return <p>{width}</p>;\n}`,
    // A class component that removes its listener on unmount.
    `import React from 'react';\nexport class Clock extends React.Component {\n  componentDidMount() { window.addEventListener('resize', this.onResize); }\n  componentWillUnmount() { window.removeEventListener('resize', this.onResize); }\n  onResize = () => this.forceUpdate();\n  render() { return <p />; }\n}`,
    // A listener on an element the component owns.
    `import { useEffect, useRef } from 'react';\nexport function Box() {\n  const ref = useRef(null);\n  useEffect(() => { ref.current.addEventListener('click', () => console.log('hi')); }, []);\n  return <div ref={ref} />;\n}`,
  ],
  invalid: [
    {
      // The capture flag through an options object: the cleanup's removal, without it, removes nothing.
      code: `import { useEffect } from 'react';\nconst opts = { capture: true, passive: true };\nexport function Width({ onWidth }) {\n  useEffect(() => {\n    const onResize = () => onWidth(innerWidth);\n    window.addEventListener('resize', onResize, opts);\n    return () => window.removeEventListener('resize', onResize);\n  }, [onWidth]);\n  return null;\n}`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: WINDOW,
            event: 'resize',
            trigger: 'every time the `useEffect()` effect of `Width` runs',
            release: 'the cleanup `useEffect()` returns never removes it',
            target: 'window',
          },
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'removeInCleanup',
              data: { name: 'onResize', target: 'window' },
              output: `import { useEffect } from 'react';\nconst opts = { capture: true, passive: true };\nexport function Width({ onWidth }) {\n  useEffect(() => {\n    const onResize = () => onWidth(innerWidth);\n    window.addEventListener('resize', onResize, opts);\n    return () => { window.removeEventListener('resize', onResize); window.removeEventListener('resize', onResize, opts); };\n  }, [onWidth]);\n  return null;\n}`,
            },
          ],
        },
        {
          messageId: 'removesNothing',
          data: {
            method: 'removeEventListener',
            target: 'window',
            reason: 'the listener added at line 6 uses capture `true`, and a removal must pass the same capture flag',
            event: 'resize',
          },
          line: 7,
          column: 18,
        },
      ],
    },
    {
      // A constant flag, through a variable: the same.
      code: `import { useEffect } from 'react';\nconst useCapture = true;\nexport function Scroll({ onScroll }) {\n  useEffect(() => {\n    const listener = () => onScroll(scrollY);\n    document.addEventListener('scroll', listener, { capture: useCapture });\n    return () => document.removeEventListener('scroll', listener, false);\n  }, [onScroll]);\n  return null;\n}`,
      errors: [
        {
          messageId: 'leaked',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'removeInCleanup',
              data: { name: 'listener', target: 'document' },
              output: `import { useEffect } from 'react';\nconst useCapture = true;\nexport function Scroll({ onScroll }) {\n  useEffect(() => {\n    const listener = () => onScroll(scrollY);\n    document.addEventListener('scroll', listener, { capture: useCapture });\n    return () => { document.removeEventListener('scroll', listener, false); document.removeEventListener('scroll', listener, { capture: useCapture }); };\n  }, [onScroll]);\n  return null;\n}`,
            },
          ],
        },
        {
          messageId: 'removesNothing',
          data: {
            method: 'removeEventListener',
            target: 'document',
            reason: 'the listener added at line 6 uses capture `true`, and a removal must pass the same capture flag',
            event: 'scroll',
          },
          line: 7,
          column: 18,
        },
      ],
    },
    {
      // Three events added by a loop over a constant list, two removed: `scroll` stays.
      code: `import { useEffect } from 'react';\nconst ACTIVITY = ['mousemove', 'keydown', 'scroll'];\nexport function Idle({ onActive }) {\n  useEffect(() => {\n    const onActivity = () => onActive(Date.now());\n    ACTIVITY.forEach((type) => window.addEventListener(type, onActivity));\n    return () => ['mousemove', 'keydown'].forEach((type) => window.removeEventListener(type, onActivity));\n  }, [onActive]);\n  return null;\n}`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: WINDOW,
            event: 'scroll',
            trigger: 'every time the `useEffect()` effect of `Idle` runs',
            release: 'the cleanup `useEffect()` returns never removes it',
            target: 'window',
          },
          line: 6,
          column: 32,
          suggestions: [],
        },
      ],
    },
    {
      // The cleanup's loop variable is misspelt: the removal throws a ReferenceError before it removes anything.
      code: `import { useEffect } from 'react';\nconst EVENTS = ['mousedown', 'touchstart'];\nexport function Outside({ onOutside }) {\n  useEffect(() => {\n    const onDown = (e) => onOutside(e.target);\n    for (const type of EVENTS) document.addEventListener(type, onDown);\n    return () => {\n      for (const type of EVENTS) document.removeEventListener(tpye, onDown);\n    };\n  }, [onOutside]);\n  return null;\n}`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: DOCUMENT,
            event: 'mousedown`, `touchstart',
            trigger: 'every time the `useEffect()` effect of `Outside` runs',
            release: 'the cleanup `useEffect()` returns never removes it',
            target: 'document',
          },
          line: 6,
          column: 32,
          suggestions: [],
        },
        {
          messageId: 'removesNothing',
          data: {
            method: 'removeEventListener',
            target: 'document',
            reason: 'nothing declares `tpye`, so the call throws a ReferenceError before it removes anything',
            event: 'tpye',
          },
          line: 8,
          column: 34,
        },
      ],
    },
    {
      // \`once\` on an event that fires only as the page goes away: every mount's listener waits until then.
      code: `import { useEffect } from 'react';\nexport function Draft({ text }) {\n  useEffect(() => {\n    window.addEventListener('beforeunload', () => save(text), { once: true });\n  }, [text]);\n  return null;\n}`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: WINDOW,
            event: 'beforeunload',
            trigger: 'every time the `useEffect()` effect of `Draft` runs',
            listener: INLINE,
            target: 'window',
          },
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: 'hoistAndCleanUp',
              data: { name: 'onBeforeunload' },
              output: `import { useEffect } from 'react';\nexport function Draft({ text }) {\n  useEffect(() => {\n    const onBeforeunload = () => save(text);\n    window.addEventListener('beforeunload', onBeforeunload, { once: true });\n    return () => window.removeEventListener('beforeunload', onBeforeunload, { once: true });\n  }, [text]);\n  return null;\n}`,
            },
          ],
        },
      ],
    },
    {
      // A named listener and no cleanup at all: the suggestion returns one.
      code: `import { useEffect } from 'react';\nexport function Online({ onChange }) {\n  useEffect(() => {\n    const update = () => onChange(navigator.onLine);\n    window.addEventListener('online', update);\n  }, [onChange]);\n  return null;\n}`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: WINDOW,
            event: 'online',
            trigger: 'every time the `useEffect()` effect of `Online` runs',
            release: 'the `useEffect()` callback returns no cleanup that removes it',
            target: 'window',
          },
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'removeInCleanup',
              data: { name: 'update', target: 'window' },
              output: `import { useEffect } from 'react';\nexport function Online({ onChange }) {\n  useEffect(() => {\n    const update = () => onChange(navigator.onLine);\n    window.addEventListener('online', update);\n    return () => window.removeEventListener('online', update);\n  }, [onChange]);\n  return null;\n}`,
            },
          ],
        },
      ],
    },
    {
      // A block-bodied cleanup that removes something else: the removal is added at its end.
      code: `import { useEffect } from 'react';\nexport function Tracker({ onMove }) {\n  useEffect(() => {\n    const onMouse = (e) => onMove(e.clientX);\n    const id = setInterval(() => onMove(null), 1000);\n    document.addEventListener('mousemove', onMouse, { passive: true });\n    return () => {\n      clearInterval(id);\n    };\n  }, [onMove]);\n  return null;\n}`,
      errors: [
        {
          messageId: 'leaked',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'removeInCleanup',
              data: { name: 'onMouse', target: 'document' },
              output: `import { useEffect } from 'react';\nexport function Tracker({ onMove }) {\n  useEffect(() => {\n    const onMouse = (e) => onMove(e.clientX);\n    const id = setInterval(() => onMove(null), 1000);\n    document.addEventListener('mousemove', onMouse, { passive: true });\n    return () => {\n      clearInterval(id);\n      document.removeEventListener('mousemove', onMouse, { passive: true });\n    };\n  }, [onMove]);\n  return null;\n}`,
            },
          ],
        },
      ],
    },
    {
      // An effect that adds an inline listener and returns no cleanup: the suggestion hoists it and removes it.
      code: `import { useEffect, useState } from 'react';\nexport function Width() {\n  const [width, setWidth] = useState(innerWidth);\n  useEffect(() => {\n    window.addEventListener('resize', () => setWidth(innerWidth), { passive: true });\n  }, []);\n  return <p>{width}</p>;\n}`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: WINDOW,
            event: 'resize',
            trigger: 'every time the `useEffect()` effect of `Width` runs',
            listener: INLINE,
            target: 'window',
          },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'hoistAndCleanUp',
              data: { name: 'onResize' },
              output: `import { useEffect, useState } from 'react';\nexport function Width() {\n  const [width, setWidth] = useState(innerWidth);\n  useEffect(() => {\n    const onResize = () => setWidth(innerWidth);\n    window.addEventListener('resize', onResize, { passive: true });\n    return () => window.removeEventListener('resize', onResize, { passive: true });\n  }, []);\n  return <p>{width}</p>;\n}`,
            },
          ],
        },
      ],
    },
    {
      // An expression-bodied effect returns what addEventListener returns: nothing, so no cleanup.
      code: `import { useEffect } from 'react';\nexport function Logger({ name }) {\n  const onKey = (e) => console.log(name, e.key);\n  useEffect(() => window.addEventListener('keydown', onKey), [onKey]);\n  return null;\n}`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: WINDOW,
            event: 'keydown',
            trigger: 'every time the `useEffect()` effect of `Logger` runs',
            release: 'the `useEffect()` callback returns no cleanup that removes it',
            target: 'window',
          },
          line: 4,
          column: 19,
          suggestions: [],
        },
      ],
    },
    {
      // The cleanup removes with the other capture flag: the removal removes nothing, and the listener stays.
      code: `import { useEffect } from 'react';\nexport function Sticky() {\n  useEffect(() => {\n    const onScroll = () => console.log(scrollY);\n    document.addEventListener('scroll', onScroll, true);\n    return () => document.removeEventListener('scroll', onScroll);\n  }, []);\n  return <div />;\n}`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: DOCUMENT,
            event: 'scroll',
            trigger: 'every time the `useEffect()` effect of `Sticky` runs',
            release: 'the cleanup `useEffect()` returns never removes it',
            target: 'document',
          },
          line: 5,
          column: 5,
          // The suggestion adds the removal that matches, capture flag included.
          suggestions: [
            {
              messageId: 'removeInCleanup',
              data: { name: 'onScroll', target: 'document' },
              output: `import { useEffect } from 'react';\nexport function Sticky() {\n  useEffect(() => {\n    const onScroll = () => console.log(scrollY);\n    document.addEventListener('scroll', onScroll, true);\n    return () => { document.removeEventListener('scroll', onScroll); document.removeEventListener('scroll', onScroll, true); };\n  }, []);\n  return <div />;\n}`,
            },
          ],
        },
        {
          messageId: 'removesNothing',
          data: {
            method: 'removeEventListener',
            target: 'document',
            reason: 'the listener added at line 5 uses capture `true`, and a removal must pass the same capture flag',
            event: 'scroll',
          },
          line: 6,
          column: 18,
          suggestions: [],
        },
      ],
    },
    {
      // A class component with no componentWillUnmount; the effect on an imported bus, suggested with `off`.
      code: `import React, { useEffect } from 'react';\nimport bus from './bus';\nexport class Clock extends React.Component {\n  componentDidMount() { window.addEventListener('resize', this.onResize); }\n  onResize = () => this.forceUpdate();\n  render() { return <p />; }\n}\nexport function Feed() {\n  useEffect(() => {\n    bus.on('post', () => console.log('new post'));\n  });\n  return <ul />;\n}`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: WINDOW,
            event: 'resize',
            trigger: 'on every mount of `Clock` (`componentDidMount()`)',
            release: 'there is no `componentWillUnmount()` to remove it',
            target: 'window',
          },
          line: 4,
          column: 25,
          suggestions: [],
        },
        {
          messageId: 'unremovable',
          data: {
            lifetime: "`bus` is imported from './bus', a module instance that lives for the whole program",
            event: 'post',
            trigger: 'every time the `useEffect()` effect of `Feed` runs',
            listener: INLINE,
            target: 'bus',
          },
          line: 10,
          column: 5,
          suggestions: [
            {
              messageId: 'hoistAndCleanUp',
              data: { name: 'onPost' },
              output: `import React, { useEffect } from 'react';\nimport bus from './bus';\nexport class Clock extends React.Component {\n  componentDidMount() { window.addEventListener('resize', this.onResize); }\n  onResize = () => this.forceUpdate();\n  render() { return <p />; }\n}\nexport function Feed() {\n  useEffect(() => {\n    const onPost = () => console.log('new post');\n    bus.on('post', onPost);\n    return () => bus.off('post', onPost);\n  });\n  return <ul />;\n}`,
            },
          ],
        },
      ],
    },
  ],
});

typescriptTester.run('no-leaked-listener (TypeScript)', rule, {
  valid: [
    `export class Server {\n  private readonly onExit = (): void => this.close();\n  constructor() {\n    process.on('exit', this.onExit);\n  }\n  close(): void {\n    process.off('exit', this.onExit);\n  }\n}`,
    `import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nexport function waitFor(id: string): Promise<void> {\n  return new Promise((resolve) => bus.once(\`done:\${id}\`, () => resolve()));\n}`,
    `export function watchResize(cb: () => void): () => void {\n  const onResize = (): void => cb();\n  window.addEventListener('resize', onResize);\n  return () => window.removeEventListener('resize', onResize);\n}`,
  ],
  invalid: [
    {
      // A callee in a TypeScript wrapper: the rule unwraps it.
      code: `export function createServer(port: number): void {\n  (process.on as (event: string, fn: () => void) => void)('SIGTERM', () => console.log(port));\n}`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: PROCESS,
            event: 'SIGTERM',
            trigger: 'on every call of `createServer()`',
            listener: INLINE,
            target: 'process',
          },
          line: 2,
          column: 4,
          suggestions: [],
        },
      ],
    },
    {
      code: `export function createServer(port: number): { close(): void } {\n  process.on('SIGTERM', () => console.log(port));\n  return { close(): void {} };\n}`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: PROCESS,
            event: 'SIGTERM',
            trigger: 'on every call of `createServer()`',
            listener: INLINE,
            target: 'process',
          },
          line: 2,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { createConnection, type Socket } from 'node:net';\nexport class Client {\n  constructor(private readonly socket: Socket = createConnection(80)) {}\n  reconnect(): void {\n    this.socket.on('data', (d: Buffer) => this.onData(d));\n  }\n  private onData(d: Buffer): void {\n    void d;\n  }\n}`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime:
              '`this.socket` is set once per instance, in the constructor, and outlives each run of `reconnect()`',
            event: 'data',
            trigger: 'on every call of `reconnect()`',
            listener: INLINE,
            target: 'this.socket',
          },
          line: 5,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      code: `import { EventEmitter } from 'node:events';\nclass Bus {\n  static events = new EventEmitter();\n}\nexport class Widget {\n  constructor(readonly id: string) {\n    Bus.events.on('refresh', () => this.render());\n  }\n  render(): void {}\n}`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: '`Bus.events` is a static field of `Bus` that lives for the whole program',
            event: 'refresh',
            trigger: 'on every call of the constructor of `Widget`',
            listener: INLINE,
            target: 'Bus.events',
          },
          line: 7,
          column: 5,
          suggestions: [],
        },
      ],
    },
  ],
});

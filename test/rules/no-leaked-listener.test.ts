import { outdent } from 'outdent';
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
    outdent`
      const v8 = require('v8');
      process.on('SIGUSR2', () => {
        const fileName = v8.writeHeapSnapshot();
        console.log(\`Created heapdump file: \${fileName}\`);
      });
    `,
    outdent`
      const http = require('http');
      const server = http.createServer();
      server.on('request', (req, res) => res.end());
      server.listen(3000);
    `,
    // Listeners on the request and response of the current request die with them.
    outdent`
      app.get('/', (req, res) => {
        req.on('close', () => console.log(req.url));
        res.on('finish', () => console.log(res.statusCode));
        res.end();
      });
    `,
    // A child process created in the same call.
    outdent`
      const { spawn } = require('child_process');
      module.exports = function run(cmd) {
        const child = spawn(cmd);
        child.on('exit', (code) => console.log(code));
        child.stdout.on('data', (d) => process.stdout.write(d));
      };
    `,
    // A fresh socket per connection.
    outdent`
      const net = require('net');
      module.exports = function connect(port) {
        const socket = net.connect(port);
        socket.on('data', (d) => console.log(d));
        return socket;
      };
    `,
    // A sockets's own listeners, inside a connection handler.
    outdent`
      server.on('connection', (socket) => {
        socket.on('data', (chunk) => socket.write(chunk));
      });
    `,
    // Release: a removal with the same target, event and function, through `this` fields and other methods.
    outdent`
      class Server {
        constructor() {
          this.onExit = () => this.close();
          process.on('exit', this.onExit);
        }
        close() {
          this.removeHooks();
        }
        removeHooks() {
          process.removeListener('exit', this.onExit);
        }
      }
      module.exports = Server;
    `,
    // Release: a local function removed when the work is done.
    outdent`
      const client = require('redis').createClient();
      module.exports = function get(key) {
        return new Promise((resolve, reject) => {
          const onError = (err) => reject(err);
          client.on('error', onError);
          client.get(key, (err, value) => {
            client.removeListener('error', onError);
            resolve(value);
          });
        });
      };
    `,
    // Release: a named inline function that removes itself.
    outdent`
      const bus = new (require('events'))();
      module.exports = function next() {
        return new Promise((resolve) => {
          bus.on('message', function onMessage(m) {
            bus.off('message', onMessage);
            resolve(m);
          });
        });
      };
    `,
    // Release: removeAllListeners(event).
    outdent`
      const bus = new (require('events'))();
      exports.watch = function watch() { bus.on('tick', () => {}); };
      exports.reset = function reset() { bus.removeAllListeners('tick'); };
    `,
    // Release: once on an event that fires.
    outdent`
      const client = require('redis').createClient();
      module.exports = function ready() { return new Promise((resolve) => client.once('ready', resolve)); };
    `,
    // Release: a helper that returns a disposer.
    outdent`
      module.exports = function onShutdown(server) {
        const handler = () => server.close();
        process.on('SIGTERM', handler);
        return () => process.off('SIGTERM', handler);
      };
    `,
    // Release: installed at most once, by a module-level flag or a Set-size check.
    outdent`
      let installed = false;
      module.exports = function hook() {
        if (installed) return;
        installed = true;
        process.on('exit', () => console.log('bye'));
      };
    `,
    outdent`
      const hooked = new Set();
      module.exports = function hook(name) {
        if (hooked.has(name)) return;
        hooked.add(name);
        process.on('exit', () => console.log(name));
      };
    `,
    // Release: a per-instance guard together with a removal in the teardown.
    outdent`
      class Catcher {
        watch() {
          if (!this.catcher) {
            this.catcher = (err) => this.report(err);
            process.on('uncaughtException', this.catcher);
          }
        }
        dispose() {
          process.removeListener('uncaughtException', this.catcher);
        }
      }
      module.exports = Catcher;
    `,
    // A subscription API adding its caller's own function: the caller can remove it.
    outdent`
      const bus = new (require('events'))();
      exports.subscribe = function subscribe(fn) { bus.on('change', fn); };
      exports.unsubscribe = function unsubscribe(fn) { bus.off('change', fn); };
    `,
    // A forwarding wrapper: `on(event, fn)` on a long-lived bus.
    outdent`
      const bus = new (require('events'))();
      exports.on = function on(event, fn) { bus.on(event, fn); };
    `,
    // The same module-level function added again: one array slot per call, no closure kept per call.
    outdent`
      function save() {}
      exports.load = function load() { process.on('exit', save); };
    `,
    // Run-once code: a CLI action at top level, a function named as set-up.
    outdent`
      program.command('serve').action(() => {
        process.on('SIGINT', () => process.exit(130));
      });
    `,
    `module.exports = function init() { process.on('SIGINT', () => process.exit(130)); };`,
    // A class the file creates once.
    outdent`
      class Session {
        constructor() { process.on('message', (m) => this.handle(m)); }
        handle() {}
      }
      const session = new Session();
    `,
    // \`this.socket\` created again by the method that registers on it.
    outdent`
      class Conn {
        connect() {
          this.socket = require('net').connect(80);
          this.socket.on('close', () => setTimeout(() => this.connect(), 1000));
        }
      }
      module.exports = Conn;
    `,
    // A removal that may remove something: its function comes from the caller.
    `exports.off = function off(fn) { process.removeListener('exit', fn); };`,
    // An option naming a run-once function.
    {
      code: `module.exports = function boot() { process.on('SIGTERM', () => process.exit(0)); };`,
      options: [{ runOnce: ['boot'] }],
    },
    {
      code: outdent`
        exports.prepare = function prepare() { process.on('SIGTERM', () => process.exit(0)); };
        exports.prepare();
      `,
      options: [{ runOnce: ['prepare'] }],
    },
  ],
  invalid: [
    {
      // The example app: a listener per request on `process`.
      code: outdent`
        const http = require('http');
        function handle(req, res) {
          process.on('warning', (warning) => console.warn(req.url, warning.message));
          res.end();
        }
        const server = http.createServer(handle);
        server.listen(3000);
      `,
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
      code: outdent`
        const redis = require('redis');
        const client = redis.createClient();
        exports.a = function a(key) {
          client['on']('error', (e) => key);
        };
        exports.b = function b(key) {
          client?.on('error', (e) => key);
        };
      `,
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
      code: outdent`
        const redis = require('redis');
        const client = redis.createClient();
        module.exports = function get(key) {
          return new Promise((resolve, reject) => {
            client.on('error', reject);
            client.get(key, resolve);
          });
        };
      `,
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
      code: outdent`
        const http = require('http');
        function createServer(handler) {
          const server = http.createServer(handler);
          const onTerm = () => server.close();
          process.on('SIGTERM', onTerm);
          return { server, close() { server.close(); } };
        }
        module.exports = createServer;
      `,
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
      code: outdent`
        class Pool {
          constructor() {
            this.onExit = () => this.drain();
            process.on('exit', this.onExit);
          }
          drain() {}
          close() { this.drain(); }
        }
        module.exports = Pool;
      `,
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
      code: outdent`
        app.get('/', (req, res) => {
          req.socket.on('close', () => console.log('gone', req.url));
          res.end();
        });
      `,
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
      code: outdent`
        module.exports = function delay(ms, { signal } = {}) {
          return new Promise((resolve, reject) => {
            const timer = setTimeout(resolve, ms);
            signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
          });
        };
      `,
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
      code: outdent`
        exports.track = function track(file) {
          process.once('exit', () => console.log(file));
          for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => console.log(file));
        };
      `,
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
      code: outdent`
        class Client {
          constructor(socket) {
            this.socket = socket;
          }
          connect() {
            this.socket.on('data', (chunk) => this.parse(chunk));
            this.socket.on('close', () => setTimeout(() => this.connect(), 1000));
          }
          parse() {}
        }
        module.exports = Client;
      `,
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
      code: outdent`
        class Watcher {
          watch() {
            process.on('SIGHUP', this.reload.bind(this));
          }
          reload() {}
          close() {
            process.removeListener('SIGHUP', this.reload);
          }
        }
        module.exports = Watcher;
      `,
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
      code: outdent`
        function stop(server) {
          process.removeListener('SIGTERM', () => server.close());
          process.removeListener('SIGINT', server.close.bind(server));
        }
        stop(server);
      `,
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
      code: outdent`
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        bus.setMaxListeners(0);
        module.exports = function watch(id) {
          bus.on('update', (u) => { if (u.id === id) console.log(u); });
        };
      `,
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
      code: outdent`
        process.setMaxListeners(Infinity);
        class Tracker {
          constructor(req) { process.on('exit', () => console.log(req.url)); }
        }
        app.get('/', (req) => { new Tracker(req); });
      `,
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
    outdent`
      import { ipcRenderer } from 'electron';
      ipcRenderer.on('update', () => location.reload());
    `,
    // A `{ signal }` whose controller is aborted.
    outdent`
      export function track() {
        const controller = new AbortController();
        window.addEventListener('resize', () => console.log(innerWidth), { signal: controller.signal });
        return () => controller.abort();
      }
    `,
    // An element created in the same function.
    outdent`
      export function button(label) {
        const el = document.createElement('button');
        el.addEventListener('click', () => console.log(label));
        return el;
      }
    `,
    // An EventTarget ignores a second registration of the same function.
    outdent`
      function onResize() {}
      export function watch() { window.addEventListener('resize', onResize); }
    `,
    // A once listener on an event that fires.
    `export function nextMessage() { return new Promise((resolve) => window.addEventListener('message', resolve, { once: true })); }`,
  ],
  invalid: [
    {
      // An imported singleton, registered per call.
      code: outdent`
        import bus from './bus.js';
        export function follow(id) {
          bus.on('change', (e) => { if (e.id === id) render(e); });
        }
      `,
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
      code: outdent`
        export function track() {
          const controller = new AbortController();
          window.addEventListener('resize', () => console.log(innerWidth), { signal: controller.signal });
        }
      `,
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
      code: outdent`
        class SearchBox extends HTMLElement {
          connectedCallback() {
            document.addEventListener('keydown', this.onKey.bind(this));
          }
          disconnectedCallback() {
            document.removeEventListener('keydown', this.onKey.bind(this));
          }
          onKey() {}
        }
        customElements.define('search-box', SearchBox);
      `,
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
      code: outdent`
        export default {
          data() { return { width: 0 }; },
          mounted() {
            window.addEventListener('resize', this.onResize);
          },
          methods: { onResize() { this.width = innerWidth; } },
        };
      `,
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
      code: outdent`
        import { onMount } from 'svelte';
        onMount(() => {
          const onKey = (e) => console.log(e.key);
          window.addEventListener('keydown', onKey);
          return () => console.log('unmounted');
        });
      `,
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
              output: outdent`
                import { onMount } from 'svelte';
                onMount(() => {
                  const onKey = (e) => console.log(e.key);
                  window.addEventListener('keydown', onKey);
                  return () => { console.log('unmounted'); window.removeEventListener('keydown', onKey); };
                });
              `,
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
    outdent`
      import { useEffect } from 'react';
      export function Keys({ onKey, onBlur }) {
        useEffect(() => {
          const pairs = [['keydown', (e) => onKey(e.key)], ['blur', () => onBlur()]];
          for (const [type, handler] of pairs) window.addEventListener(type, handler);
          return () => {
            for (const [type, handler] of pairs) window.removeEventListener(type, handler);
          };
        }, [onKey, onBlur]);
        return null;
      }
    `,
    outdent`
      import { useEffect } from 'react';
      export function Keys({ onKey }) {
        useEffect(() => {
          const handlers = { keydown: (e) => onKey(e.key), keyup: (e) => onKey(null) };
          Object.entries(handlers).forEach(([type, fn]) => document.addEventListener(type, fn));
          return () => Object.entries(handlers).forEach(([name, listener]) => document.removeEventListener(name, listener));
        }, [onKey]);
        return null;
      }
    `,
    // The same constant list, added and removed under different loop variable names.
    outdent`
      import { useEffect } from 'react';
      const ACTIVITY = ['mousemove', 'keydown'];
      export function Idle({ onActive }) {
        useEffect(() => {
          const onActivity = () => onActive(Date.now());
          ACTIVITY.forEach((type) => window.addEventListener(type, onActivity));
          return () => {
            for (const event of ACTIVITY) window.removeEventListener(event, onActivity);
          };
        }, [onActive]);
        return null;
      }
    `,
    // The capture flag through a constant, removed with the same constant.
    outdent`
      import { useEffect } from 'react';
      const CAPTURE = { capture: true };
      export function Clicks({ onClick }) {
        useEffect(() => {
          const onDown = (e) => onClick(e.target);
          document.addEventListener('pointerdown', onDown, CAPTURE);
          return () => document.removeEventListener('pointerdown', onDown, true);
        }, [onClick]);
        return null;
      }
    `,
    // \`once\` on an event that fires in normal use: the next resize removes every one of them.
    outdent`
      import { useEffect } from 'react';
      export function Hint({ note }) {
        useEffect(() => {
          window.addEventListener('resize', () => save(note), { once: true });
        }, [note]);
        return null;
      }
    `,
    // An effect whose cleanup removes the same function with the same capture flag.
    outdent`
      import { useEffect, useState } from 'react';
      export function Width() {
        const [width, setWidth] = useState(innerWidth);
        useEffect(() => {
          const onResize = () => setWidth(innerWidth);
          window.addEventListener('resize', onResize, true);
          return () => window.removeEventListener('resize', onResize, true);
        }, []);
        return <p>{width}</p>;
      }
    `,
    // A class component that removes its listener on unmount.
    outdent`
      import React from 'react';
      export class Clock extends React.Component {
        componentDidMount() { window.addEventListener('resize', this.onResize); }
        componentWillUnmount() { window.removeEventListener('resize', this.onResize); }
        onResize = () => this.forceUpdate();
        render() { return <p />; }
      }
    `,
    // A listener on an element the component owns.
    outdent`
      import { useEffect, useRef } from 'react';
      export function Box() {
        const ref = useRef(null);
        useEffect(() => { ref.current.addEventListener('click', () => console.log('hi')); }, []);
        return <div ref={ref} />;
      }
    `,
  ],
  invalid: [
    {
      // The capture flag through an options object: the cleanup's removal, without it, removes nothing.
      code: outdent`
        import { useEffect } from 'react';
        const opts = { capture: true, passive: true };
        export function Width({ onWidth }) {
          useEffect(() => {
            const onResize = () => onWidth(innerWidth);
            window.addEventListener('resize', onResize, opts);
            return () => window.removeEventListener('resize', onResize);
          }, [onWidth]);
          return null;
        }
      `,
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
              output: outdent`
                import { useEffect } from 'react';
                const opts = { capture: true, passive: true };
                export function Width({ onWidth }) {
                  useEffect(() => {
                    const onResize = () => onWidth(innerWidth);
                    window.addEventListener('resize', onResize, opts);
                    return () => { window.removeEventListener('resize', onResize); window.removeEventListener('resize', onResize, opts); };
                  }, [onWidth]);
                  return null;
                }
              `,
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
      code: outdent`
        import { useEffect } from 'react';
        const useCapture = true;
        export function Scroll({ onScroll }) {
          useEffect(() => {
            const listener = () => onScroll(scrollY);
            document.addEventListener('scroll', listener, { capture: useCapture });
            return () => document.removeEventListener('scroll', listener, false);
          }, [onScroll]);
          return null;
        }
      `,
      errors: [
        {
          messageId: 'leaked',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'removeInCleanup',
              data: { name: 'listener', target: 'document' },
              output: outdent`
                import { useEffect } from 'react';
                const useCapture = true;
                export function Scroll({ onScroll }) {
                  useEffect(() => {
                    const listener = () => onScroll(scrollY);
                    document.addEventListener('scroll', listener, { capture: useCapture });
                    return () => { document.removeEventListener('scroll', listener, false); document.removeEventListener('scroll', listener, { capture: useCapture }); };
                  }, [onScroll]);
                  return null;
                }
              `,
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
      code: outdent`
        import { useEffect } from 'react';
        const ACTIVITY = ['mousemove', 'keydown', 'scroll'];
        export function Idle({ onActive }) {
          useEffect(() => {
            const onActivity = () => onActive(Date.now());
            ACTIVITY.forEach((type) => window.addEventListener(type, onActivity));
            return () => ['mousemove', 'keydown'].forEach((type) => window.removeEventListener(type, onActivity));
          }, [onActive]);
          return null;
        }
      `,
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
      code: outdent`
        import { useEffect } from 'react';
        const EVENTS = ['mousedown', 'touchstart'];
        export function Outside({ onOutside }) {
          useEffect(() => {
            const onDown = (e) => onOutside(e.target);
            for (const type of EVENTS) document.addEventListener(type, onDown);
            return () => {
              for (const type of EVENTS) document.removeEventListener(tpye, onDown);
            };
          }, [onOutside]);
          return null;
        }
      `,
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
      code: outdent`
        import { useEffect } from 'react';
        export function Draft({ text }) {
          useEffect(() => {
            window.addEventListener('beforeunload', () => save(text), { once: true });
          }, [text]);
          return null;
        }
      `,
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
              output: outdent`
                import { useEffect } from 'react';
                export function Draft({ text }) {
                  useEffect(() => {
                    const onBeforeunload = () => save(text);
                    window.addEventListener('beforeunload', onBeforeunload, { once: true });
                    return () => window.removeEventListener('beforeunload', onBeforeunload, { once: true });
                  }, [text]);
                  return null;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // A named listener and no cleanup at all: the suggestion returns one.
      code: outdent`
        import { useEffect } from 'react';
        export function Online({ onChange }) {
          useEffect(() => {
            const update = () => onChange(navigator.onLine);
            window.addEventListener('online', update);
          }, [onChange]);
          return null;
        }
      `,
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
              output: outdent`
                import { useEffect } from 'react';
                export function Online({ onChange }) {
                  useEffect(() => {
                    const update = () => onChange(navigator.onLine);
                    window.addEventListener('online', update);
                    return () => window.removeEventListener('online', update);
                  }, [onChange]);
                  return null;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // A block-bodied cleanup that removes something else: the removal is added at its end.
      code: outdent`
        import { useEffect } from 'react';
        export function Tracker({ onMove }) {
          useEffect(() => {
            const onMouse = (e) => onMove(e.clientX);
            const id = setInterval(() => onMove(null), 1000);
            document.addEventListener('mousemove', onMouse, { passive: true });
            return () => {
              clearInterval(id);
            };
          }, [onMove]);
          return null;
        }
      `,
      errors: [
        {
          messageId: 'leaked',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'removeInCleanup',
              data: { name: 'onMouse', target: 'document' },
              output: outdent`
                import { useEffect } from 'react';
                export function Tracker({ onMove }) {
                  useEffect(() => {
                    const onMouse = (e) => onMove(e.clientX);
                    const id = setInterval(() => onMove(null), 1000);
                    document.addEventListener('mousemove', onMouse, { passive: true });
                    return () => {
                      clearInterval(id);
                      document.removeEventListener('mousemove', onMouse, { passive: true });
                    };
                  }, [onMove]);
                  return null;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // An effect that adds an inline listener and returns no cleanup: the suggestion hoists it and removes it.
      code: outdent`
        import { useEffect, useState } from 'react';
        export function Width() {
          const [width, setWidth] = useState(innerWidth);
          useEffect(() => {
            window.addEventListener('resize', () => setWidth(innerWidth), { passive: true });
          }, []);
          return <p>{width}</p>;
        }
      `,
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
              output: outdent`
                import { useEffect, useState } from 'react';
                export function Width() {
                  const [width, setWidth] = useState(innerWidth);
                  useEffect(() => {
                    const onResize = () => setWidth(innerWidth);
                    window.addEventListener('resize', onResize, { passive: true });
                    return () => window.removeEventListener('resize', onResize, { passive: true });
                  }, []);
                  return <p>{width}</p>;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // An expression-bodied effect returns what addEventListener returns: nothing, so no cleanup.
      code: outdent`
        import { useEffect } from 'react';
        export function Logger({ name }) {
          const onKey = (e) => console.log(name, e.key);
          useEffect(() => window.addEventListener('keydown', onKey), [onKey]);
          return null;
        }
      `,
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
      code: outdent`
        import { useEffect } from 'react';
        export function Sticky() {
          useEffect(() => {
            const onScroll = () => console.log(scrollY);
            document.addEventListener('scroll', onScroll, true);
            return () => document.removeEventListener('scroll', onScroll);
          }, []);
          return <div />;
        }
      `,
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
              output: outdent`
                import { useEffect } from 'react';
                export function Sticky() {
                  useEffect(() => {
                    const onScroll = () => console.log(scrollY);
                    document.addEventListener('scroll', onScroll, true);
                    return () => { document.removeEventListener('scroll', onScroll); document.removeEventListener('scroll', onScroll, true); };
                  }, []);
                  return <div />;
                }
              `,
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
      code: outdent`
        import React, { useEffect } from 'react';
        import bus from './bus';
        export class Clock extends React.Component {
          componentDidMount() { window.addEventListener('resize', this.onResize); }
          onResize = () => this.forceUpdate();
          render() { return <p />; }
        }
        export function Feed() {
          useEffect(() => {
            bus.on('post', () => console.log('new post'));
          });
          return <ul />;
        }
      `,
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
              output: outdent`
                import React, { useEffect } from 'react';
                import bus from './bus';
                export class Clock extends React.Component {
                  componentDidMount() { window.addEventListener('resize', this.onResize); }
                  onResize = () => this.forceUpdate();
                  render() { return <p />; }
                }
                export function Feed() {
                  useEffect(() => {
                    const onPost = () => console.log('new post');
                    bus.on('post', onPost);
                    return () => bus.off('post', onPost);
                  });
                  return <ul />;
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});

typescriptTester.run('no-leaked-listener (TypeScript)', rule, {
  valid: [
    outdent`
      export class Server {
        private readonly onExit = (): void => this.close();
        constructor() {
          process.on('exit', this.onExit);
        }
        close(): void {
          process.off('exit', this.onExit);
        }
      }
    `,
    outdent`
      import { EventEmitter } from 'node:events';
      const bus = new EventEmitter();
      export function waitFor(id: string): Promise<void> {
        return new Promise((resolve) => bus.once(\`done:\${id}\`, () => resolve()));
      }
    `,
    outdent`
      export function watchResize(cb: () => void): () => void {
        const onResize = (): void => cb();
        window.addEventListener('resize', onResize);
        return () => window.removeEventListener('resize', onResize);
      }
    `,
  ],
  invalid: [
    {
      // A callee in a TypeScript wrapper: the rule unwraps it.
      code: outdent`
        export function createServer(port: number): void {
          (process.on as (event: string, fn: () => void) => void)('SIGTERM', () => console.log(port));
        }
      `,
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
      code: outdent`
        export function createServer(port: number): { close(): void } {
          process.on('SIGTERM', () => console.log(port));
          return { close(): void {} };
        }
      `,
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
      code: outdent`
        import { createConnection, type Socket } from 'node:net';
        export class Client {
          constructor(private readonly socket: Socket = createConnection(80)) {}
          reconnect(): void {
            this.socket.on('data', (d: Buffer) => this.onData(d));
          }
          private onData(d: Buffer): void {
            void d;
          }
        }
      `,
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
      code: outdent`
        import { EventEmitter } from 'node:events';
        class Bus {
          static events = new EventEmitter();
        }
        export class Widget {
          constructor(readonly id: string) {
            Bus.events.on('refresh', () => this.render());
          }
          render(): void {}
        }
      `,
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

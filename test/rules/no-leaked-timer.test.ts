import { outdent } from 'outdent';
import rule from '../../rules/no-leaked-timer.js';
import { commonjsTester, jsxTester, moduleTester, scriptTester, typescriptTester } from './tester.js';

const FOREVER = 'for the life of the process';
const UNTIL_FIRED = 'until it fires, and nothing can cancel it';

const seedIncrement = `function increment() {\n  const data = [];\n  let counter = 0;\n\n  return function inner() {\n    data.push(counter++);\n    console.log(counter);\n    console.log(data);\n  };\n}\n`;

commonjsTester.run('no-leaked-timer (CommonJS)', rule, {
  valid: [
    // A subclass (or base class) in the same file shares the field: its clear counts, either way round.
    outdent`
      class Poller {
        start() { this.timer = setInterval(() => this.poll(), 1000); }
      }
      class StoppablePoller extends Poller {
        stop() { clearInterval(this.timer); }
      }
      module.exports = StoppablePoller;
    `,
    outdent`
      class Base {
        stop() { clearInterval(this.timer); }
      }
      class Poller extends Base {
        start() { this.timer = setInterval(() => this.poll(), 1000); }
      }
      module.exports = Poller;
    `,
    // Through another object than \`this\`: any instance, so it counts.
    outdent`
      class Poller {
        start() { this.timer = setInterval(() => this.poll(), 1000); }
      }
      function stopAll(pollers) { for (const p of pollers) clearInterval(p.timer); }
      module.exports = { Poller, stopAll };
    `,
    // The seed article's fix: the handle is kept and cleared.
    outdent`
      ${seedIncrement}const timerId = setInterval(increment(), 1000);
      setTimeout(() => clearInterval(timerId), 10000);
    `,
    // A stored handle cleared in another method.
    outdent`
      class Poller {
        start() { this.timer = setInterval(() => this.poll(), 1000); }
        pause() { clearInterval(this.timer); }
      }
      module.exports = Poller;
    `,
    // Cleared before re-arming (a debounce).
    outdent`
      let t;
      module.exports = function debounce(fn) {
        clearTimeout(t);
        t = setTimeout(fn, 100);
      };
    `,
    // The same storage reached from two functions of the file.
    outdent`
      function startPing(state) { state.ping.interval = setInterval(() => send(state.socket), 1000); }
      function stopPing(state) { clearInterval(state.ping.interval); }
      module.exports = { startPing, stopPing };
    `,
    // A one-shot timeout whose handle is discarded fires once and lets go, even per request.
    outdent`
      http.createServer((req, res) => {
        setTimeout(() => res.end('late'), 100);
      }).listen(3000);
    `,
    // A deliberate process-lifetime timer: unref()ed at module top level.
    `setInterval(() => flushMetrics(), 60000).unref();`,
    outdent`
      const sweeper = setInterval(sweep, 60000);
      sweeper.unref();
    `,
    // Background timeouts: unref()ed, or a pending flag reset when the timeout fires.
    outdent`
      module.exports = function arm(cb) {
        const t = setTimeout(cb, 5000);
        t.unref();
      };
    `,
    outdent`
      let timer = null;
      module.exports = function schedule() {
        if (timer === null) timer = setTimeout(() => { timer = null; tick(); }, 100);
      };
    `,
    outdent`
      class Batcher {
        add(item) {
          this.items.push(item);
          if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), 50);
        }
        flush() { this.flushTimer = null; send(this.items.splice(0)); }
      }
      module.exports = Batcher;
    `,
    // A zero-delay timeout runs on the next turn: cancelling it is moot.
    outdent`
      class Queue {
        push(job) { this.jobs.push(job); this.drainTimer = setTimeout(() => this.drain(), 0); }
      }
      module.exports = Queue;
    `,
    // A returned handle is the caller's to clear.
    `module.exports = function every(ms, fn) { return setInterval(fn, ms); };`,
    `module.exports = (fn) => setInterval(fn, 1000);`,
    // Handles stored into objects or collections that escape, or handed to other code.
    outdent`
      module.exports = function start(fn) {
        const handle = { timer: setInterval(fn, 1000) };
        return handle;
      };
    `,
    outdent`
      const registry = require('./registry');
      module.exports = function watch(fn) { registry.add(setInterval(fn, 1000)); };
    `,
    outdent`
      module.exports = function watch(fn) {
        const id = setInterval(fn, 1000);
        track(id);
      };
    `,
    outdent`
      module.exports = function watch(fn) {
        const id = setInterval(fn, 1000);
        setTimeout(clearInterval, 10000, id);
      };
    `,
    // The callback clears its own timer: Node passes it as \`this\`.
    outdent`
      module.exports = function wait(done) {
        setInterval(function () { if (done()) clearInterval(this); }, 10);
      };
    `,
    // Not the host's timer functions.
    `module.exports = function schedule(setInterval) { setInterval(tick, 10); };`,
    `module.exports = function schedule(clock) { clock.setInterval(tick, 10); };`,
    // The teardown path clears it: close() calls a method that clears it.
    outdent`
      class Client {
        connect() { this.heartbeat = setInterval(() => this.ping(), 30000); }
        stopHeartbeat() { clearInterval(this.heartbeat); }
        close() { this.stopHeartbeat(); this.socket.end(); }
      }
      module.exports = Client;
    `,
    // The teardown path clears it through an alias of \`this\`: close() calls \`self.stopHeartbeat()\`.
    outdent`
      class Client {
        connect() { this.heartbeat = setInterval(() => this.ping(), 30000); }
        stopHeartbeat() { clearInterval(this.heartbeat); }
        close() { var self = this; self.stopHeartbeat(); }
      }
      module.exports = Client;
    `,
    // Cleared when the socket closes: close() ends the socket, the listener clears the interval.
    outdent`
      class Connection {
        constructor(socket) {
          this.socket = socket;
          this.keepAlive = setInterval(() => this.ping(), 1000);
          socket.on('close', () => clearInterval(this.keepAlive));
        }
        close() { this.socket.end(); }
      }
      module.exports = Connection;
    `,
    // Cleared by a method that runs as a listener: close() emits, the listener clears.
    outdent`
      const { EventEmitter } = require('events');
      class Tail extends EventEmitter {
        constructor() {
          super();
          this.poll = setInterval(() => this.read(), 100);
          this.on('close', this.onClose);
        }
        onClose() { clearInterval(this.poll); }
        close() { this.emit('close'); }
      }
      module.exports = Tail;
    `,
    // Kept on a global object: other scripts may clear it.
    outdent`
      function start() { window.refreshTimer = setInterval(refresh, 1000); }
      module.exports = start;
    `,
    // Copies of the handle are followed: a variable, destructuring, \`.close()\`.
    outdent`
      class Watcher {
        start() { this.poll = setInterval(() => this.check(), 100); }
        stop() { const poll = this.poll; clearInterval(poll); }
      }
      module.exports = Watcher;
    `,
    outdent`
      class Watcher {
        start() { this.poll = setInterval(() => this.check(), 100); }
        stop() { const { poll } = this; clearInterval(poll); }
      }
      module.exports = Watcher;
    `,
    outdent`
      module.exports = function monitor() {
        const handle = setInterval(sample, 1000);
        process.on('exit', () => handle.close());
      };
    `,
    // A base class the file does not show may clear the field.
    outdent`
      const Base = require('./base');
      class Sub extends Base { start() { this.timer = setInterval(() => this.tick(), 5); } }
      module.exports = Sub;
    `,
    // Clearing with a handle, or with something that might hold one.
    `module.exports = function stop(timer) { clearTimeout(timer); clearInterval(timer.id); clearTimeout(lookup()); };`,
    // A local function named clearTimeout is not the host's.
    outdent`
      function clearTimeout() {}
      clearTimeout();
    `,
  ],
  invalid: [
    {
      // A heartbeat at the top level of a Node module: `.unref()` makes it a process-lifetime timer on purpose.
      code: outdent`
        const http = require('http');
        const server = http.createServer().listen(0);
        setInterval(() => server.getConnections((err, n) => console.log(n)), 30000);
        const rss = setInterval(() => console.log(process.memoryUsage().rss), 10000);
      `,
      errors: [
        {
          messageId: 'discarded',
          data: { where: 'at the top level of the module', retention: 'its callback stays alive', repeat: '' },
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'unrefAtStartUp',
              output: outdent`
                const http = require('http');
                const server = http.createServer().listen(0);
                setInterval(() => server.getConnections((err, n) => console.log(n)), 30000).unref();
                const rss = setInterval(() => console.log(process.memoryUsage().rss), 10000);
              `,
            },
          ],
        },
        {
          messageId: 'neverCleared',
          data: {
            timer: 'interval',
            where: 'at the top level of the module',
            storage: 'rss',
            retention: 'its callback stays alive',
            until: 'for the life of the process',
          },
          line: 4,
          column: 13,
          suggestions: [
            {
              messageId: 'unrefAtStartUp',
              output: outdent`
                const http = require('http');
                const server = http.createServer().listen(0);
                setInterval(() => server.getConnections((err, n) => console.log(n)), 30000);
                const rss = setInterval(() => console.log(process.memoryUsage().rss), 10000).unref();
              `,
            },
          ],
        },
      ],
    },
    {
      // Started per call: `.unref()` would not stop the pile-up, so it is not offered.
      code: outdent`
        const pool = require('./pool');
        module.exports = function watch() {
          setInterval(() => pool.ping(), 1000);
        };
      `,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // The seed article: an interval started at module top level, its handle discarded.
      code: `${seedIncrement}\nsetInterval(increment(), 1000);`,
      errors: [
        {
          messageId: 'discarded',
          data: {
            where: 'at the top level of the module',
            retention: 'the closure that `increment()` returned stays alive',
            repeat: '',
          },
          line: 12,
          column: 1,
          endLine: 12,
          endColumn: 12,
          suggestions: [],
        },
      ],
    },
    {
      // The example app: an interval per request, its handle discarded.
      code: outdent`
        const http = require('http');
        function handle(req, res) {
          setInterval(() => {
            if (req.destroyed) return;
          }, 60000);
          res.end();
        }
        http.createServer(handle).listen(3000);
      `,
      errors: [
        {
          messageId: 'discarded',
          data: {
            where: 'in `handle()`',
            retention: 'its callback keeps `req` alive',
            repeat: ', and another starts on every request to the server created at line 8',
          },
          line: 3,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // unref() lets the process exit, but an interval per call still piles up.
      code: outdent`
        module.exports = function watch(file, onChange) {
          setInterval(() => check(file, onChange), 100).unref();
        };
      `,
      errors: [
        {
          messageId: 'discarded',
          data: {
            where: 'in `watch()`',
            retention: 'its callback keeps `file` and `onChange` alive',
            repeat: ', and another starts on every call of `watch()`',
          },
          line: 2,
          column: 3,
        },
      ],
    },
    {
      // Stored in a variable that nothing clears.
      code: outdent`
        module.exports = function poll(url, cb) {
          const id = setInterval(() => fetch(url).then(cb), 1000);
          return url;
        };
      `,
      errors: [
        {
          messageId: 'neverCleared',
          data: {
            timer: 'interval',
            where: 'in `poll()`',
            storage: 'id',
            retention: 'its callback keeps `url` and `cb` alive',
            until: FOREVER,
          },
          line: 2,
          column: 14,
          suggestions: [],
        },
      ],
    },
    {
      // Reassignment is tracked: setting it to null does not clear it.
      code: outdent`
        let timer;
        exports.start = () => { timer = setInterval(tick, 1000); };
        exports.stop = () => { timer = null; };
      `,
      errors: [
        {
          messageId: 'neverCleared',
          data: {
            timer: 'interval',
            where: 'in `start()`',
            storage: 'timer',
            retention: 'its callback `tick` stays alive',
            until: FOREVER,
          },
          line: 2,
          column: 33,
        },
      ],
    },
    {
      // A field of a class with no teardown, and a stored timeout the code meant to cancel.
      code: outdent`
        class Poller {
          start(url) { this.timer = setInterval(() => this.poll(url), 1000); }
          connect() { this.retry = setTimeout(() => this.connect(), 1000); }
        }
        module.exports = Poller;
      `,
      errors: [
        {
          messageId: 'neverCleared',
          data: {
            timer: 'interval',
            where: 'in `start()`',
            storage: 'this.timer',
            retention: 'its callback keeps `this` and `url` alive',
            until: FOREVER,
          },
          line: 2,
          column: 29,
        },
        {
          messageId: 'neverCleared',
          data: {
            timer: 'timeout',
            where: 'in `connect()`',
            storage: 'this.retry',
            retention: 'its callback keeps `this` alive',
            until: UNTIL_FIRED,
          },
          line: 3,
          column: 28,
        },
      ],
    },
    {
      // Another class's `this.timer` is another object's field: its clear does not release this one.
      code: outdent`
        class Poller {
          start(url) { this.timer = setInterval(() => this.poll(url), 1000); }
        }
        class Clock {
          stop() { clearInterval(this.timer); }
        }
        module.exports = { Poller, Clock };
      `,
      errors: [
        {
          messageId: 'neverCleared',
          data: {
            timer: 'interval',
            where: 'in `start()`',
            storage: 'this.timer',
            retention: 'its callback keeps `this` and `url` alive',
            until: FOREVER,
          },
          line: 2,
          column: 29,
        },
      ],
    },
    {
      // An object property: the handle is kept as `state.ping.interval`.
      code: outdent`
        module.exports = function ping(state) {
          state.ping = { interval: setInterval(() => send(), 1000) };
        };
      `,
      errors: [
        {
          messageId: 'neverCleared',
          data: {
            timer: 'interval',
            where: 'in `ping()`',
            storage: 'state.ping.interval',
            retention: 'its callback stays alive',
            until: FOREVER,
          },
          line: 2,
          column: 28,
        },
      ],
    },
    {
      // A teardown that only tells its listeners (\`this.emit('close', this)\`): they do not clear its private fields.
      code: outdent`
        class Client {
          connect() { this.heartbeat = setInterval(() => this.ping(), 30000); }
          close() { this.emit('close', this); }
        }
        module.exports = Client;
      `,
      errors: [
        {
          messageId: 'teardownMisses',
          data: {
            teardown: 'close',
            starter: '`connect()`',
            storage: 'this.heartbeat',
            retention: 'its callback keeps `this` alive',
          },
          line: 2,
          column: 32,
          suggestions: [
            {
              messageId: 'clearInTeardown',
              data: { clear: 'clearInterval', storage: 'this.heartbeat', teardown: 'close' },
              output: outdent`
                class Client {
                  connect() { this.heartbeat = setInterval(() => this.ping(), 30000); }
                  close() { clearInterval(this.heartbeat); this.emit('close', this); }
                }
                module.exports = Client;
              `,
            },
          ],
        },
      ],
    },
    {
      // A teardown that never reaches the method that clears the interval.
      code: outdent`
        class Socket {
          start() { this.heartbeat = setInterval(() => this.ping(), 1000); }
          pause() { clearInterval(this.heartbeat); }
          close() {
            this.closed = true;
            this.heartbeat = null;
          }
        }
        module.exports = Socket;
      `,
      errors: [
        {
          messageId: 'teardownMisses',
          data: {
            teardown: 'close',
            starter: '`start()`',
            storage: 'this.heartbeat',
            retention: 'its callback keeps `this` alive',
          },
          line: 2,
          column: 30,
          suggestions: [
            {
              messageId: 'clearInTeardown',
              data: { clear: 'clearInterval', storage: 'this.heartbeat', teardown: 'close' },
              output: outdent`
                class Socket {
                  start() { this.heartbeat = setInterval(() => this.ping(), 1000); }
                  pause() { clearInterval(this.heartbeat); }
                  close() {
                    clearInterval(this.heartbeat);
                    this.closed = true;
                    this.heartbeat = null;
                  }
                }
                module.exports = Socket;
              `,
            },
          ],
        },
      ],
    },
    {
      // A constructor function with prototype methods, whose destroy() forgets the interval.
      code: outdent`
        function Client(socket) {
          this.socket = socket;
          this.keepAlive = setInterval(this.ping.bind(this), 1000);
        }
        Client.prototype.ping = function () { this.socket.write('ping'); };
        Client.prototype.destroy = function () { this.socket.destroy(); };
        module.exports = Client;
      `,
      errors: [
        {
          messageId: 'teardownMisses',
          data: {
            teardown: 'destroy',
            starter: '`Client()`',
            storage: 'this.keepAlive',
            retention: 'its callback keeps `this` alive',
          },
          line: 3,
          column: 20,
          suggestions: [
            {
              messageId: 'clearInTeardown',
              data: { clear: 'clearInterval', storage: 'this.keepAlive', teardown: 'destroy' },
              output: outdent`
                function Client(socket) {
                  this.socket = socket;
                  this.keepAlive = setInterval(this.ping.bind(this), 1000);
                }
                Client.prototype.ping = function () { this.socket.write('ping'); };
                Client.prototype.destroy = function () { clearInterval(this.keepAlive); this.socket.destroy(); };
                module.exports = Client;
              `,
            },
          ],
        },
      ],
    },
    {
      // A stored timeout on an object with a teardown: the suggestion clears it there.
      code: outdent`
        class Reconnector {
          onClose() { this.retry = setTimeout(() => this.open(), 5000); }
          dispose() { this.socket.close(); }
        }
        module.exports = Reconnector;
      `,
      errors: [
        {
          messageId: 'neverCleared',
          data: {
            timer: 'timeout',
            where: 'in `onClose()`',
            storage: 'this.retry',
            retention: 'its callback keeps `this` alive',
            until: UNTIL_FIRED,
          },
          line: 2,
          column: 28,
          suggestions: [
            {
              messageId: 'clearInTeardown',
              data: { clear: 'clearTimeout', storage: 'this.retry', teardown: 'dispose' },
              output: outdent`
                class Reconnector {
                  onClose() { this.retry = setTimeout(() => this.open(), 5000); }
                  dispose() { clearTimeout(this.retry); this.socket.close(); }
                }
                module.exports = Reconnector;
              `,
            },
          ],
        },
      ],
    },
    {
      // A Vue component (options API): the object literal's teardown forgets what mounted() started.
      code: outdent`
        module.exports = {
          mounted() { this.clock = setInterval(() => { this.now = Date.now(); }, 1000); },
          beforeUnmount() { this.now = 0; },
        };
      `,
      errors: [
        {
          messageId: 'teardownMisses',
          data: {
            teardown: 'beforeUnmount',
            starter: '`mounted()`',
            storage: 'this.clock',
            retention: 'its callback keeps `this` alive',
          },
          line: 2,
          column: 28,
          suggestions: [
            {
              messageId: 'clearInTeardown',
              data: { clear: 'clearInterval', storage: 'this.clock', teardown: 'beforeUnmount' },
              output: outdent`
                module.exports = {
                  mounted() { this.clock = setInterval(() => { this.now = Date.now(); }, 1000); },
                  beforeUnmount() { clearInterval(this.clock); this.now = 0; },
                };
              `,
            },
          ],
        },
      ],
    },
    {
      // Clears that clear nothing.
      code: outdent`
        function stop() {
          clearInterval();
          clearTimeout(null);
          clearInterval({});
          global.clearTimeout(new Date());
        }
        module.exports = stop;
      `,
      errors: [
        {
          messageId: 'clearWithoutHandle',
          data: { clear: 'clearInterval' },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 18,
          suggestions: [],
        },
        { messageId: 'clearFreshValue', data: { clear: 'clearTimeout', argument: 'null' }, line: 3, column: 3 },
        { messageId: 'clearFreshValue', data: { clear: 'clearInterval', argument: '{}' }, line: 4, column: 3 },
        { messageId: 'clearFreshValue', data: { clear: 'clearTimeout', argument: 'new Date()' }, line: 5, column: 3 },
      ],
    },
  ],
});

moduleTester.run('no-leaked-timer (ES module)', rule, {
  valid: [
    // A one-shot timeout started once, at the top level, and kept in a variable: it fires once and lets go.
    outdent`
      const warnLater = setTimeout(() => console.warn('still starting'), 5000);
      export function ready() { return warnLater !== undefined; }
    `,
    // A module-level interval stored, and cleared in an exported stop().
    outdent`
      let heartbeat;
      export function start() { heartbeat = setInterval(() => ping(), 5000); }
      export function stop() { clearInterval(heartbeat); }
    `,
    // timers/promises with an AbortSignal: no handle to leak.
    outdent`
      import { setInterval } from 'node:timers/promises';
      export async function poll(signal) {
        for await (const _ of setInterval(1000, undefined, { signal })) tick();
      }
    `,
    // Exported: importers may clear it.
    `export const ticker = setInterval(tick, 1000);`,
    // Disposed at the end of its block.
    outdent`
      export function run() {
        using ticker = setInterval(tick, 10);
        work();
      }
    `,
  ],
  invalid: [
    {
      // Through window, globalThis and the timers module, renamed or not.
      code: outdent`
        import { setInterval as every } from 'node:timers';
        import * as timers from 'timers';
        window.setInterval(() => render(), 16);
        globalThis.setInterval(() => render(), 16);
        every(() => render(), 16);
        timers.setInterval(() => render(), 16);
      `,
      // Node's timers (these files import Node's): `.unref()` is offered, except on `window.setInterval`, a browser's.
      errors: [3, 4, 5, 6].map((line) => {
        const lines =
          `import { setInterval as every } from 'node:timers';\nimport * as timers from 'timers';\nwindow.setInterval(() => render(), 16);\nglobalThis.setInterval(() => render(), 16);\nevery(() => render(), 16);\ntimers.setInterval(() => render(), 16);`.split(
            '\n',
          );
        lines[line - 1] = (lines[line - 1] ?? '').replace('16)', '16).unref()');
        return {
          messageId: 'discarded' as const,
          data: { where: 'at the top level of the module', retention: 'its callback stays alive', repeat: '' },
          line,
          column: 1,
          suggestions: line === 3 ? [] : [{ messageId: 'unrefAtStartUp' as const, output: lines.join('\n') }],
        };
      }),
    },
  ],
});

scriptTester.run('no-leaked-timer (script)', rule, {
  valid: [
    // A script's global is every script's: another one may clear it.
    `var clockTimer = setInterval(updateClock, 1000);`,
  ],
  invalid: [
    {
      code: outdent`
        function updateClock() { document.title = new Date().toString(); }
        setInterval(updateClock, 1000);
      `,
      errors: [
        {
          messageId: 'discarded',
          data: {
            where: 'at the top level of the module',
            retention: 'its callback `updateClock` stays alive',
            repeat: '',
          },
          line: 2,
          column: 1,
        },
      ],
    },
  ],
});

jsxTester.run('no-leaked-timer (JSX)', rule, {
  valid: [
    // An effect that returns the cleanup.
    outdent`
      import { useEffect, useState } from 'react';
      export function Clock() {
        const [now, setNow] = useState(Date.now());
        useEffect(() => {
          const id = setInterval(() => setNow(Date.now()), 1000);
          return () => clearInterval(id);
        }, []);
        return <time>{now}</time>;
      }
    `,
    // The cleanup calls a local function that clears it.
    outdent`
      import { useEffect } from 'react';
      export function Ticker({ onTick }) {
        useEffect(() => {
          const id = setInterval(onTick, 1000);
          function stop() { clearInterval(id); }
          return stop;
        }, [onTick]);
        return null;
      }
    `,
    // A ref cleared in the cleanup; a one-shot timeout.
    outdent`
      import { useEffect, useRef } from 'react';
      export function Ticker({ onTick }) {
        const ref = useRef(null);
        useEffect(() => {
          ref.current = setInterval(onTick, 1000);
          setTimeout(() => onTick(0), 10);
          return () => clearInterval(ref.current);
        }, [onTick]);
        return <div />;
      }
    `,
    // A handle kept in state and cleared by a handler.
    outdent`
      import { useEffect, useState } from 'react';
      export function Timer() {
        const [timer, setTimer] = useState(null);
        useEffect(() => { setTimer(setInterval(tick, 1000)); }, []);
        return <button onClick={() => clearInterval(timer)}>stop</button>;
      }
    `,
  ],
  invalid: [
    {
      // No handle kept: the suggestion keeps it and returns the cleanup.
      code: outdent`
        import { useEffect, useState } from 'react';
        export function Clock() {
          const [now, setNow] = useState(Date.now());
          useEffect(() => {
            setInterval(() => setNow(Date.now()), 1000);
          }, []);
          return <time>{now}</time>;
        }
      `,
      errors: [
        {
          messageId: 'effectLeaks',
          data: {
            timer: 'interval',
            hook: 'useEffect',
            reason: 'its handle is discarded',
            retention: 'its callback keeps `setNow` alive',
          },
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'keepAndReturnCleanup',
              data: { name: 'intervalId', clear: 'clearInterval' },
              output: outdent`
                import { useEffect, useState } from 'react';
                export function Clock() {
                  const [now, setNow] = useState(Date.now());
                  useEffect(() => {
                    const intervalId = setInterval(() => setNow(Date.now()), 1000);
                    return () => clearInterval(intervalId);
                  }, []);
                  return <time>{now}</time>;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // Kept, but the effect returns no cleanup.
      code: outdent`
        import { useEffect } from 'react';
        export function Ticker({ onTick }) {
          useEffect(() => {
            const id = setInterval(() => onTick(Date.now()), 1000);
          }, [onTick]);
          return null;
        }
      `,
      errors: [
        {
          messageId: 'effectLeaks',
          data: {
            timer: 'interval',
            hook: 'useEffect',
            reason: 'the effect returns no cleanup',
            retention: 'its callback keeps `onTick` alive',
          },
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'returnCleanup',
              data: { name: 'id', clear: 'clearInterval' },
              output: outdent`
                import { useEffect } from 'react';
                export function Ticker({ onTick }) {
                  useEffect(() => {
                    const id = setInterval(() => onTick(Date.now()), 1000);
                    return () => clearInterval(id);
                  }, [onTick]);
                  return null;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // A cleanup that clears something else.
      code: outdent`
        import { useLayoutEffect } from 'react';
        export function Ticker({ onTick }) {
          useLayoutEffect(() => {
            const id = setInterval(() => onTick(Date.now()), 1000);
            const t = setTimeout(() => onTick(0), 10);
            return () => clearTimeout(t);
          }, [onTick]);
          return null;
        }
      `,
      errors: [
        {
          messageId: 'effectLeaks',
          data: {
            timer: 'interval',
            hook: 'useLayoutEffect',
            reason: 'its cleanup never clears `id`',
            retention: 'its callback keeps `onTick` alive',
          },
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'clearInCleanup',
              data: { name: 'id', clear: 'clearInterval' },
              output: outdent`
                import { useLayoutEffect } from 'react';
                export function Ticker({ onTick }) {
                  useLayoutEffect(() => {
                    const id = setInterval(() => onTick(Date.now()), 1000);
                    const t = setTimeout(() => onTick(0), 10);
                    return () => { clearInterval(id); clearTimeout(t); };
                  }, [onTick]);
                  return null;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // The handle returned from the setup: React takes it for a cleanup and never clears it.
      code: outdent`
        import React from 'react';
        export function Ticker({ onTick }) {
          React.useEffect(() => setInterval(onTick, 100), [onTick]);
          return null;
        }
      `,
      errors: [
        {
          messageId: 'effectLeaks',
          data: {
            timer: 'interval',
            hook: 'useEffect',
            reason: 'its handle is returned as if it were a cleanup',
            retention: 'its callback `onTick` stays alive',
          },
          line: 3,
          column: 25,
          suggestions: [
            {
              messageId: 'keepAndReturnCleanup',
              data: { name: 'intervalId', clear: 'clearInterval' },
              output: outdent`
                import React from 'react';
                export function Ticker({ onTick }) {
                  React.useEffect(() => {
                    const intervalId = setInterval(onTick, 100);
                    return () => clearInterval(intervalId);
                  }, [onTick]);
                  return null;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // A handle kept in state (a destructured binding) that nothing clears.
      code: outdent`
        import { useEffect, useState } from 'react';
        export function Timer() {
          const [timer, setTimer] = useState(null);
          useEffect(() => { setTimer(setInterval(tick, 1000)); }, []);
          return <p>{timer ? 'running' : 'idle'}</p>;
        }
      `,
      errors: [
        {
          messageId: 'neverCleared',
          data: {
            timer: 'interval',
            where: 'in the callback passed to `useEffect()`',
            storage: 'timer',
            retention: 'its callback `tick` stays alive',
            until: FOREVER,
          },
          line: 4,
          column: 30,
        },
      ],
    },
  ],
});

typescriptTester.run('no-leaked-timer (TypeScript)', rule, {
  valid: [
    outdent`
      export class Poller {
        private timer?: NodeJS.Timeout;
        start(): void { this.timer = setInterval(() => this.poll(), 1000); }
        stop(): void { clearInterval(this.timer); }
        private poll(): void {}
      }
    `,
    outdent`
      export class Heartbeat implements Disposable {
        #timer = setInterval(() => this.beat(), 1000) as unknown as number;
        beat(): void {}
        [Symbol.dispose](): void { clearInterval(this.#timer); }
      }
    `,
    outdent`
      export function every(ms: number, fn: () => void): ReturnType<typeof setInterval> {
        return setInterval(fn, ms);
      }
    `,
    // A classic script's top-level binding: other scripts of the page see it, and may clear it.
    { code: `const poller = setInterval(poll, 1000);`, languageOptions: { parserOptions: { sourceType: 'script' } } },
  ],
  invalid: [
    {
      // CommonJS through @typescript-eslint/parser, which analyses it as a script (no module scope): it says
      // `exports`, so it is a module all the same.
      code: outdent`
        const poller = setInterval(poll, 1000);
        exports.start = function start() {};
      `,
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'neverCleared',
          data: {
            timer: 'interval',
            where: 'at the top level of the module',
            storage: 'poller',
            retention: 'its callback `poll` stays alive',
            until: FOREVER,
          },
          line: 1,
          column: 16,
        },
      ],
    },
    {
      // A class field initializer, and a teardown that forgets it.
      code: outdent`
        export class Heartbeat {
          private readonly timer = setInterval(() => this.beat(), 1000);
          beat(): void {}
          close(): void {
            this.closed = true;
          }
          closed = false;
        }
      `,
      errors: [
        {
          messageId: 'teardownMisses',
          data: {
            teardown: 'close',
            starter: 'the field initializer of `Heartbeat`',
            storage: 'this.timer',
            retention: 'its callback keeps `this` alive',
          },
          line: 2,
          column: 28,
          suggestions: [
            {
              messageId: 'clearInTeardown',
              data: { clear: 'clearInterval', storage: 'this.timer', teardown: 'close' },
              output: outdent`
                export class Heartbeat {
                  private readonly timer = setInterval(() => this.beat(), 1000);
                  beat(): void {}
                  close(): void {
                    clearInterval(this.timer);
                    this.closed = true;
                  }
                  closed = false;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // An Angular component: ngOnDestroy is its teardown.
      code: outdent`
        @Component({ selector: 'app-clock', template: '{{ now }}' })
        export class ClockComponent implements OnInit, OnDestroy {
          now = Date.now();
          private timer?: ReturnType<typeof setInterval>;
          ngOnInit(): void { this.timer = setInterval(() => (this.now = Date.now()), 1000); }
          ngOnDestroy(): void {}
        }
      `,
      errors: [
        {
          messageId: 'teardownMisses',
          data: {
            teardown: 'ngOnDestroy',
            starter: '`ngOnInit()`',
            storage: 'this.timer',
            retention: 'its callback keeps `this` alive',
          },
          line: 5,
          column: 35,
          suggestions: [
            {
              messageId: 'clearInTeardown',
              data: { clear: 'clearInterval', storage: 'this.timer', teardown: 'ngOnDestroy' },
              output: outdent`
                @Component({ selector: 'app-clock', template: '{{ now }}' })
                export class ClockComponent implements OnInit, OnDestroy {
                  now = Date.now();
                  private timer?: ReturnType<typeof setInterval>;
                  ngOnInit(): void { this.timer = setInterval(() => (this.now = Date.now()), 1000); }
                  ngOnDestroy(): void { clearInterval(this.timer); }
                }
              `,
            },
          ],
        },
      ],
    },
    {
      code: outdent`
        export class Sampler {
          #timer: number | undefined;
          start(samples: number[]): void {
            this.#timer = window.setInterval(() => samples.push(performance.now()), 100);
          }
        }
        clearTimeout(undefined);
      `,
      errors: [
        {
          messageId: 'neverCleared',
          data: {
            timer: 'interval',
            where: 'in `start()`',
            storage: 'this.#timer',
            retention: 'its callback keeps `samples` alive',
            until: FOREVER,
          },
          line: 4,
          column: 19,
        },
        { messageId: 'clearFreshValue', data: { clear: 'clearTimeout', argument: 'undefined' }, line: 7, column: 1 },
      ],
    },
  ],
});

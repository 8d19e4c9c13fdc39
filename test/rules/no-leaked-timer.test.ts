import rule from '../../rules/no-leaked-timer.js';
import { commonjsTester, jsxTester, moduleTester, scriptTester, typescriptTester } from './tester.js';

const FOREVER = 'for the life of the process';
const UNTIL_FIRED = 'until it fires, and nothing can cancel it';

const seedIncrement = `function increment() {\n  const data = [];\n  let counter = 0;\n\n  return function inner() {\n    data.push(counter++);\n    console.log(counter);\n    console.log(data);\n  };\n}\n`;

commonjsTester.run('no-leaked-timer (CommonJS)', rule, {
  valid: [
    // A subclass (or base class) in the same file shares the field: its clear counts, either way round.
    `class Poller {\n  start() { this.timer = setInterval(() => this.poll(), 1000); }\n}\nclass StoppablePoller extends Poller {\n  stop() { clearInterval(this.timer); }\n}\nmodule.exports = StoppablePoller;`,
    `class Base {\n  stop() { clearInterval(this.timer); }\n}\nclass Poller extends Base {\n  start() { this.timer = setInterval(() => this.poll(), 1000); }\n}\nmodule.exports = Poller;`,
    // Through another object than \`this\`: any instance, so it counts.
    `class Poller {\n  start() { this.timer = setInterval(() => this.poll(), 1000); }\n}\nfunction stopAll(pollers) { for (const p of pollers) clearInterval(p.timer); }\nmodule.exports = { Poller, stopAll };`,
    // The seed article's fix: the handle is kept and cleared.
    `${seedIncrement}const timerId = setInterval(increment(), 1000);\nsetTimeout(() => clearInterval(timerId), 10000);`,
    // A stored handle cleared in another method.
    `class Poller {\n  start() { this.timer = setInterval(() => this.poll(), 1000); }\n  pause() { clearInterval(this.timer); }\n}\nmodule.exports = Poller;`,
    // Cleared before re-arming (a debounce).
    `let t;\nmodule.exports = function debounce(fn) {\n  clearTimeout(t);\n  t = setTimeout(fn, 100);\n};`,
    // The same storage reached from two functions of the file.
    `function startPing(state) { state.ping.interval = setInterval(() => send(state.socket), 1000); }\nfunction stopPing(state) { clearInterval(state.ping.interval); }\nmodule.exports = { startPing, stopPing };`,
    // A one-shot timeout whose handle is discarded fires once and lets go, even per request.
    `http.createServer((req, res) => {\n  setTimeout(() => res.end('late'), 100);\n}).listen(3000);`,
    // A deliberate process-lifetime timer: unref()ed at module top level.
    `setInterval(() => flushMetrics(), 60000).unref();`,
    `const sweeper = setInterval(sweep, 60000);\nsweeper.unref();`,
    // Background timeouts: unref()ed, or a pending flag reset when the timeout fires.
    `module.exports = function arm(cb) {\n  const t = setTimeout(cb, 5000);\n  t.unref();\n};`,
    `let timer = null;\nmodule.exports = function schedule() {\n  if (timer === null) timer = setTimeout(() => { timer = null; tick(); }, 100);\n};`,
    `class Batcher {\n  add(item) {\n    this.items.push(item);\n    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), 50);\n  }\n  flush() { this.flushTimer = null; send(this.items.splice(0)); }\n}\nmodule.exports = Batcher;`,
    // A zero-delay timeout runs on the next turn: cancelling it is moot.
    `class Queue {\n  push(job) { this.jobs.push(job); this.drainTimer = setTimeout(() => this.drain(), 0); }\n}\nmodule.exports = Queue;`,
    // A returned handle is the caller's to clear.
    `module.exports = function every(ms, fn) { return setInterval(fn, ms); };`,
    `module.exports = (fn) => setInterval(fn, 1000);`,
    // Handles stored into objects or collections that escape, or handed to other code.
    `module.exports = function start(fn) {\n  const handle = { timer: setInterval(fn, 1000) };\n  return handle;\n};`,
    `const registry = require('./registry');\nmodule.exports = function watch(fn) { registry.add(setInterval(fn, 1000)); };`,
    `module.exports = function watch(fn) {\n  const id = setInterval(fn, 1000);\n  track(id);\n};`,
    `module.exports = function watch(fn) {\n  const id = setInterval(fn, 1000);\n  setTimeout(clearInterval, 10000, id);\n};`,
    // The callback clears its own timer: Node passes it as \`this\`.
    `module.exports = function wait(done) {\n  setInterval(function () { if (done()) clearInterval(this); }, 10);\n};`,
    // Not the host's timer functions.
    `module.exports = function schedule(setInterval) { setInterval(tick, 10); };`,
    `module.exports = function schedule(clock) { clock.setInterval(tick, 10); };`,
    // The teardown path clears it: close() calls a method that clears it.
    `class Client {\n  connect() { this.heartbeat = setInterval(() => this.ping(), 30000); }\n  stopHeartbeat() { clearInterval(this.heartbeat); }\n  close() { this.stopHeartbeat(); this.socket.end(); }\n}\nmodule.exports = Client;`,
    // Cleared when the socket closes: close() ends the socket, the listener clears the interval.
    `class Connection {\n  constructor(socket) {\n    this.socket = socket;\n    this.keepAlive = setInterval(() => this.ping(), 1000);\n    socket.on('close', () => clearInterval(this.keepAlive));\n  }\n  close() { this.socket.end(); }\n}\nmodule.exports = Connection;`,
    // Cleared by a method that runs as a listener: close() emits, the listener clears.
    `const { EventEmitter } = require('events');\nclass Tail extends EventEmitter {\n  constructor() {\n    super();\n    this.poll = setInterval(() => this.read(), 100);\n    this.on('close', this.onClose);\n  }\n  onClose() { clearInterval(this.poll); }\n  close() { this.emit('close'); }\n}\nmodule.exports = Tail;`,
    // Kept on a global object: other scripts may clear it.
    `function start() { window.refreshTimer = setInterval(refresh, 1000); }\nmodule.exports = start;`,
    // Copies of the handle are followed: a variable, destructuring, \`.close()\`.
    `class Watcher {\n  start() { this.poll = setInterval(() => this.check(), 100); }\n  stop() { const poll = this.poll; clearInterval(poll); }\n}\nmodule.exports = Watcher;`,
    `class Watcher {\n  start() { this.poll = setInterval(() => this.check(), 100); }\n  stop() { const { poll } = this; clearInterval(poll); }\n}\nmodule.exports = Watcher;`,
    `module.exports = function monitor() {\n  const handle = setInterval(sample, 1000);\n  process.on('exit', () => handle.close());\n};`,
    // A base class the file does not show may clear the field.
    `const Base = require('./base');\nclass Sub extends Base { start() { this.timer = setInterval(() => this.tick(), 5); } }\nmodule.exports = Sub;`,
    // Clearing with a handle, or with something that might hold one.
    `module.exports = function stop(timer) { clearTimeout(timer); clearInterval(timer.id); clearTimeout(lookup()); };`,
    // A local function named clearTimeout is not the host's.
    `function clearTimeout() {}\nclearTimeout();`,
  ],
  invalid: [
    {
      // A heartbeat at the top level of a Node module: `.unref()` makes it a process-lifetime timer on purpose.
      code: `const http = require('http');\nconst server = http.createServer().listen(0);\nsetInterval(() => server.getConnections((err, n) => console.log(n)), 30000);\nconst rss = setInterval(() => console.log(process.memoryUsage().rss), 10000);`,
      errors: [
        {
          messageId: 'discarded',
          data: { where: 'at the top level of the module', retention: 'its callback stays alive', repeat: '' },
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'unrefAtStartUp',
              output: `const http = require('http');\nconst server = http.createServer().listen(0);\nsetInterval(() => server.getConnections((err, n) => console.log(n)), 30000).unref();\nconst rss = setInterval(() => console.log(process.memoryUsage().rss), 10000);`,
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
              output: `const http = require('http');\nconst server = http.createServer().listen(0);\nsetInterval(() => server.getConnections((err, n) => console.log(n)), 30000);\nconst rss = setInterval(() => console.log(process.memoryUsage().rss), 10000).unref();`,
            },
          ],
        },
      ],
    },
    {
      // Started per call: `.unref()` would not stop the pile-up, so it is not offered.
      code: `const pool = require('./pool');\nmodule.exports = function watch() {\n  setInterval(() => pool.ping(), 1000);\n};`,
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
      code: `const http = require('http');\nfunction handle(req, res) {\n  setInterval(() => {\n    if (req.destroyed) return;\n  }, 60000);\n  res.end();\n}\nhttp.createServer(handle).listen(3000);`,
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
      code: `module.exports = function watch(file, onChange) {\n  setInterval(() => check(file, onChange), 100).unref();\n};`,
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
      code: `module.exports = function poll(url, cb) {\n  const id = setInterval(() => fetch(url).then(cb), 1000);\n  return url;\n};`,
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
      code: `let timer;\nexports.start = () => { timer = setInterval(tick, 1000); };\nexports.stop = () => { timer = null; };`,
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
      code: `class Poller {\n  start(url) { this.timer = setInterval(() => this.poll(url), 1000); }\n  connect() { this.retry = setTimeout(() => this.connect(), 1000); }\n}\nmodule.exports = Poller;`,
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
      code: `class Poller {\n  start(url) { this.timer = setInterval(() => this.poll(url), 1000); }\n}\nclass Clock {\n  stop() { clearInterval(this.timer); }\n}\nmodule.exports = { Poller, Clock };`,
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
      code: `module.exports = function ping(state) {\n  state.ping = { interval: setInterval(() => send(), 1000) };\n};`,
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
      // A teardown that never reaches the method that clears the interval.
      code: `class Socket {\n  start() { this.heartbeat = setInterval(() => this.ping(), 1000); }\n  pause() { clearInterval(this.heartbeat); }\n  close() {\n    this.closed = true;\n    this.heartbeat = null;\n  }\n}\nmodule.exports = Socket;`,
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
              output: `class Socket {\n  start() { this.heartbeat = setInterval(() => this.ping(), 1000); }\n  pause() { clearInterval(this.heartbeat); }\n  close() {\n    clearInterval(this.heartbeat);\n    this.closed = true;\n    this.heartbeat = null;\n  }\n}\nmodule.exports = Socket;`,
            },
          ],
        },
      ],
    },
    {
      // A constructor function with prototype methods, whose destroy() forgets the interval.
      code: `function Client(socket) {\n  this.socket = socket;\n  this.keepAlive = setInterval(this.ping.bind(this), 1000);\n}\nClient.prototype.ping = function () { this.socket.write('ping'); };\nClient.prototype.destroy = function () { this.socket.destroy(); };\nmodule.exports = Client;`,
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
              output: `function Client(socket) {\n  this.socket = socket;\n  this.keepAlive = setInterval(this.ping.bind(this), 1000);\n}\nClient.prototype.ping = function () { this.socket.write('ping'); };\nClient.prototype.destroy = function () { clearInterval(this.keepAlive); this.socket.destroy(); };\nmodule.exports = Client;`,
            },
          ],
        },
      ],
    },
    {
      // A stored timeout on an object with a teardown: the suggestion clears it there.
      code: `class Reconnector {\n  onClose() { this.retry = setTimeout(() => this.open(), 5000); }\n  dispose() { this.socket.close(); }\n}\nmodule.exports = Reconnector;`,
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
              output: `class Reconnector {\n  onClose() { this.retry = setTimeout(() => this.open(), 5000); }\n  dispose() { clearTimeout(this.retry); this.socket.close(); }\n}\nmodule.exports = Reconnector;`,
            },
          ],
        },
      ],
    },
    {
      // A Vue component (options API): the object literal's teardown forgets what mounted() started.
      code: `module.exports = {\n  mounted() { this.clock = setInterval(() => { this.now = Date.now(); }, 1000); },\n  beforeUnmount() { this.now = 0; },\n};`,
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
              output: `module.exports = {\n  mounted() { this.clock = setInterval(() => { this.now = Date.now(); }, 1000); },\n  beforeUnmount() { clearInterval(this.clock); this.now = 0; },\n};`,
            },
          ],
        },
      ],
    },
    {
      // Clears that clear nothing.
      code: `function stop() {\n  clearInterval();\n  clearTimeout(null);\n  clearInterval({});\n  global.clearTimeout(new Date());\n}\nmodule.exports = stop;`,
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
    `const warnLater = setTimeout(() => console.warn('still starting'), 5000);\nexport function ready() { return warnLater !== undefined; }`,
    // A module-level interval stored, and cleared in an exported stop().
    `let heartbeat;\nexport function start() { heartbeat = setInterval(() => ping(), 5000); }\nexport function stop() { clearInterval(heartbeat); }`,
    // timers/promises with an AbortSignal: no handle to leak.
    `import { setInterval } from 'node:timers/promises';\nexport async function poll(signal) {\n  for await (const _ of setInterval(1000, undefined, { signal })) tick();\n}`,
    // Exported: importers may clear it.
    `export const ticker = setInterval(tick, 1000);`,
    // Disposed at the end of its block.
    `export function run() {\n  using ticker = setInterval(tick, 10);\n  work();\n}`,
  ],
  invalid: [
    {
      // Through window, globalThis and the timers module, renamed or not.
      code: `import { setInterval as every } from 'node:timers';\nimport * as timers from 'timers';\nwindow.setInterval(() => render(), 16);\nglobalThis.setInterval(() => render(), 16);\nevery(() => render(), 16);\ntimers.setInterval(() => render(), 16);`,
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
      code: `function updateClock() { document.title = new Date().toString(); }\nsetInterval(updateClock, 1000);`,
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
    `import { useEffect, useState } from 'react';\nexport function Clock() {\n  const [now, setNow] = useState(Date.now());\n  useEffect(() => {\n    const id = setInterval(() => setNow(Date.now()), 1000);\n    return () => clearInterval(id);\n  }, []);\n  return <time>{now}</time>;\n}`,
    // The cleanup calls a local function that clears it.
    `import { useEffect } from 'react';\nexport function Ticker({ onTick }) {\n  useEffect(() => {\n    const id = setInterval(onTick, 1000);\n    function stop() { clearInterval(id); }\n    return stop;\n  }, [onTick]);\n  return null;\n}`,
    // A ref cleared in the cleanup; a one-shot timeout.
    `import { useEffect, useRef } from 'react';\nexport function Ticker({ onTick }) {\n  const ref = useRef(null);\n  useEffect(() => {\n    ref.current = setInterval(onTick, 1000);\n    setTimeout(() => onTick(0), 10);\n    return () => clearInterval(ref.current);\n  }, [onTick]);\n  return <div />;\n}`,
    // A handle kept in state and cleared by a handler.
    `import { useEffect, useState } from 'react';\nexport function Timer() {\n  const [timer, setTimer] = useState(null);\n  useEffect(() => { setTimer(setInterval(tick, 1000)); }, []);\n  return <button onClick={() => clearInterval(timer)}>stop</button>;\n}`,
  ],
  invalid: [
    {
      // No handle kept: the suggestion keeps it and returns the cleanup.
      code: `import { useEffect, useState } from 'react';\nexport function Clock() {\n  const [now, setNow] = useState(Date.now());\n  useEffect(() => {\n    setInterval(() => setNow(Date.now()), 1000);\n  }, []);\n  return <time>{now}</time>;\n}`,
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
              output: `import { useEffect, useState } from 'react';\nexport function Clock() {\n  const [now, setNow] = useState(Date.now());\n  useEffect(() => {\n    const intervalId = setInterval(() => setNow(Date.now()), 1000);\n    return () => clearInterval(intervalId);\n  }, []);\n  return <time>{now}</time>;\n}`,
            },
          ],
        },
      ],
    },
    {
      // Kept, but the effect returns no cleanup.
      code: `import { useEffect } from 'react';\nexport function Ticker({ onTick }) {\n  useEffect(() => {\n    const id = setInterval(() => onTick(Date.now()), 1000);\n  }, [onTick]);\n  return null;\n}`,
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
              output: `import { useEffect } from 'react';\nexport function Ticker({ onTick }) {\n  useEffect(() => {\n    const id = setInterval(() => onTick(Date.now()), 1000);\n    return () => clearInterval(id);\n  }, [onTick]);\n  return null;\n}`,
            },
          ],
        },
      ],
    },
    {
      // A cleanup that clears something else.
      code: `import { useLayoutEffect } from 'react';\nexport function Ticker({ onTick }) {\n  useLayoutEffect(() => {\n    const id = setInterval(() => onTick(Date.now()), 1000);\n    const t = setTimeout(() => onTick(0), 10);\n    return () => clearTimeout(t);\n  }, [onTick]);\n  return null;\n}`,
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
              output: `import { useLayoutEffect } from 'react';\nexport function Ticker({ onTick }) {\n  useLayoutEffect(() => {\n    const id = setInterval(() => onTick(Date.now()), 1000);\n    const t = setTimeout(() => onTick(0), 10);\n    return () => { clearInterval(id); clearTimeout(t); };\n  }, [onTick]);\n  return null;\n}`,
            },
          ],
        },
      ],
    },
    {
      // The handle returned from the setup: React takes it for a cleanup and never clears it.
      code: `import React from 'react';\nexport function Ticker({ onTick }) {\n  React.useEffect(() => setInterval(onTick, 100), [onTick]);\n  return null;\n}`,
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
              output: `import React from 'react';\nexport function Ticker({ onTick }) {\n  React.useEffect(() => {\n    const intervalId = setInterval(onTick, 100);\n    return () => clearInterval(intervalId);\n  }, [onTick]);\n  return null;\n}`,
            },
          ],
        },
      ],
    },
    {
      // A handle kept in state (a destructured binding) that nothing clears.
      code: `import { useEffect, useState } from 'react';\nexport function Timer() {\n  const [timer, setTimer] = useState(null);\n  useEffect(() => { setTimer(setInterval(tick, 1000)); }, []);\n  return <p>{timer ? 'running' : 'idle'}</p>;\n}`,
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
    `export class Poller {\n  private timer?: NodeJS.Timeout;\n  start(): void { this.timer = setInterval(() => this.poll(), 1000); }\n  stop(): void { clearInterval(this.timer); }\n  private poll(): void {}\n}`,
    `export class Heartbeat implements Disposable {\n  #timer = setInterval(() => this.beat(), 1000) as unknown as number;\n  beat(): void {}\n  [Symbol.dispose](): void { clearInterval(this.#timer); }\n}`,
    `export function every(ms: number, fn: () => void): ReturnType<typeof setInterval> {\n  return setInterval(fn, ms);\n}`,
    // A classic script's top-level binding: other scripts of the page see it, and may clear it.
    { code: `const poller = setInterval(poll, 1000);`, languageOptions: { parserOptions: { sourceType: 'script' } } },
  ],
  invalid: [
    {
      // CommonJS through @typescript-eslint/parser, which analyses it as a script (no module scope): it says
      // `exports`, so it is a module all the same.
      code: `const poller = setInterval(poll, 1000);\nexports.start = function start() {};`,
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
      code: `export class Heartbeat {\n  private readonly timer = setInterval(() => this.beat(), 1000);\n  beat(): void {}\n  close(): void {\n    this.closed = true;\n  }\n  closed = false;\n}`,
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
              output: `export class Heartbeat {\n  private readonly timer = setInterval(() => this.beat(), 1000);\n  beat(): void {}\n  close(): void {\n    clearInterval(this.timer);\n    this.closed = true;\n  }\n  closed = false;\n}`,
            },
          ],
        },
      ],
    },
    {
      // An Angular component: ngOnDestroy is its teardown.
      code: `@Component({ selector: 'app-clock', template: '{{ now }}' })\nexport class ClockComponent implements OnInit, OnDestroy {\n  now = Date.now();\n  private timer?: ReturnType<typeof setInterval>;\n  ngOnInit(): void { this.timer = setInterval(() => (this.now = Date.now()), 1000); }\n  ngOnDestroy(): void {}\n}`,
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
              output: `@Component({ selector: 'app-clock', template: '{{ now }}' })\nexport class ClockComponent implements OnInit, OnDestroy {\n  now = Date.now();\n  private timer?: ReturnType<typeof setInterval>;\n  ngOnInit(): void { this.timer = setInterval(() => (this.now = Date.now()), 1000); }\n  ngOnDestroy(): void { clearInterval(this.timer); }\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `export class Sampler {\n  #timer: number | undefined;\n  start(samples: number[]): void {\n    this.#timer = window.setInterval(() => samples.push(performance.now()), 100);\n  }\n}\nclearTimeout(undefined);`,
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

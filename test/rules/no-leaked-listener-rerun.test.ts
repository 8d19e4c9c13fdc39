/**
 * no-leaked-listener on the shapes real leaks take: listeners added again on the second run, listeners an API's
 * callback argument adds, keep-alive sockets reached through a context, caller signals kept in options, and a shared
 * client registered on by the constructor of a per-query object.
 */
import { outdent } from 'outdent';
import rule from '../../rules/no-leaked-listener.js';
import { commonjsTester, moduleTester, typescriptTester } from './tester.js';

const INLINE = 'the inline function';
const NOTHING = 'nothing in this file removes it';

commonjsTester.run('no-leaked-listener: second runs and implicit registrations', rule, {
  valid: [
    // A `setTimeout(0)` inside the timeout listener itself: that `once` listener has already gone.
    `module.exports = function connect(stream, ms) {\n  stream.setTimeout(ms, () => { stream.setTimeout(0); stream.destroy(); });\n};`,
    // Armed on one branch, disarmed on the other: nothing was added on the path that disarms.
    `module.exports = function send(req, ms, onTimeout) {\n  if (ms > 0) req.setTimeout(ms, onTimeout);\n  else req.setTimeout(0);\n};`,
    // A `timeout` callback removed by name.
    `module.exports = function track(request, ms) {\n  const onTimeout = () => request.abort();\n  request.setTimeout(ms, onTimeout);\n  return () => request.removeListener('timeout', onTimeout);\n};`,
    // One listener on a socket made for one connection, disarmed but not removed: it dies with the socket.
    `module.exports = function open(net, ms) {\n  const socket = net.connect(80);\n  socket.setTimeout(ms, () => socket.destroy());\n  socket.once('connect', () => socket.setTimeout(0));\n};`,
    // \`once('connect')\` only while the socket is still connecting.
    `module.exports = function upload(req) {\n  const socket = req.socket;\n  const connecting = socket.connecting;\n  if (connecting) socket.once('connect', () => console.log('connected'));\n  else console.log('connected');\n};`,
    // A chain removes what a chain added.
    `module.exports = function write(client, body) {\n  const socket = client.socket;\n  const onFinished = () => socket.removeListener('error', onFinished).removeListener('close', onFinished);\n  socket.on('error', onFinished).on('close', onFinished);\n};`,
    // A per-query object that removes its listener from the shared client when it is done.
    `class Query {\n  constructor(client) {\n    this.client = client;\n    this.onError = (error) => this.fail(error);\n    this.client.on('error', this.onError);\n  }\n  done() { this.client.removeListener('error', this.onError); }\n  fail() {}\n}\nmodule.exports = Query;`,
    // A session object, one per client: its constructor's listener lives as long as both.
    `class Session {\n  constructor(client) { client.on('error', (error) => this.fail(error)); }\n  fail() {}\n}\nmodule.exports = Session;`,
    // An outcome pair where each listener removes the other.
    `class Connection extends require('events') {\n  connect(done) {\n    const onError = (error) => { this.off('ready', onReady); done(error); };\n    const onReady = () => { this.off('error', onError); done(null); };\n    this.once('error', onError);\n    this.once('ready', onReady);\n  }\n}\nmodule.exports = Connection;`,
    // A local emitter registered on by a function that runs once per call of its maker.
    `const { EventEmitter } = require('events');\nmodule.exports = function request(open) {\n  const events = new EventEmitter();\n  const attempt = () => {\n    open().on('response', (response) => events.on('progress', (n) => response.emit('progress', n)));\n  };\n  attempt();\n  return events;\n};`,
  ],
  invalid: [
    {
      // A keep-alive connection reached through a framework context made per request.
      code: `module.exports = function callback(app) {\n  const onerror = (error) => app.emit('error', error);\n  return function handle(req, res) {\n    const ctx = app.createContext(req, res);\n    ctx.socket.on('error', onerror);\n    ctx.req.socket.on('timeout', onerror);\n  };\n};`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: '`ctx.socket` is the connection, which keep-alive reuses across requests',
            event: 'error',
            trigger: 'on every call of `handle()`',
            release: NOTHING,
            target: 'ctx.socket',
          },
          line: 5,
          column: 5,
          suggestions: [],
        },
        {
          messageId: 'leaked',
          data: {
            lifetime: '`ctx.req.socket` is the connection, which keep-alive reuses across requests',
            event: 'timeout',
            trigger: 'on every call of `handle()`',
            release: NOTHING,
            target: 'ctx.req.socket',
          },
          line: 6,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // The same through \`this\` of a context class.
      code: `class Context {\n  watch() {\n    this.req.socket.on('close', this.onClose);\n  }\n}\nmodule.exports = Context;`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: '`this.req.socket` is the connection, which keep-alive reuses across requests',
            event: 'close',
            trigger: 'on every call of `watch()`',
            release: NOTHING,
            target: 'this.req.socket',
          },
          line: 3,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // \`setTimeout(0)\` disarms the timer and leaves the callback \`setTimeout(ms, cb)\` added.
      code: `module.exports = function track(request, ms) {\n  const onTimeout = () => request.abort();\n  request.setTimeout(ms, onTimeout);\n  return () => request.setTimeout(0);\n};`,
      errors: [
        {
          messageId: 'removesNothing',
          data: {
            method: 'setTimeout',
            target: 'request',
            reason:
              '`setTimeout(0)` only stops the timer, and the callback given to `setTimeout()` at line 3 is a `timeout` listener that only `removeListener()` takes off',
            event: 'timeout',
          },
          line: 4,
          column: 16,
        },
      ],
    },
    {
      // \`once('connect')\` on a keep-alive socket that is already connected never fires.
      code: `module.exports = function upload(req) {\n  req.socket.once('connect', () => console.log('connected'));\n};`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: '`req.socket` is the connection, which keep-alive reuses across requests',
            event: 'connect',
            trigger: 'on every call of `upload()`',
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
      // An error/success pair on \`this\`: only one fires, and neither listener removes the other.
      code: `class Connection extends require('events') {\n  connect(done) {\n    this.once('error', (error) => done(error));\n    this.once('ready', () => done(null));\n  }\n}\nmodule.exports = Connection;`,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: '`this` outlives each call of `connect()`',
            event: 'error',
            trigger: 'on every call of `connect()`',
            release: 'when `ready` fires instead, nothing removes it',
            target: 'this',
          },
          line: 3,
          column: 5,
          suggestions: [],
        },
        {
          messageId: 'leaked',
          data: {
            lifetime: '`this` outlives each call of `connect()`',
            event: 'ready',
            trigger: 'on every call of `connect()`',
            release: 'when `error` fires instead, nothing removes it',
            target: 'this',
          },
          line: 4,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // A local emitter captured by a function that retries itself: one more listener per attempt.
      code: `const { EventEmitter } = require('events');\nmodule.exports = function fetchWithRetry(url, open) {\n  const events = new EventEmitter();\n  const attempt = (tries) => {\n    const request = open(url);\n    request.on('response', (response) => {\n      events.on('progress', (n) => response.emit('progress', n));\n      if (response.status >= 500 && tries > 0) setTimeout(attempt, 100, tries - 1);\n    });\n  };\n  attempt(3);\n  return events;\n};`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime:
              '`events` is created once per call of `fetchWithRetry()` (line 3) and outlives each run of `attempt()`',
            event: 'progress',
            trigger: 'each time `attempt()` runs again (it calls itself again at line 8)',
            listener: INLINE,
            target: 'events',
          },
          line: 7,
          column: 7,
          suggestions: [],
        },
      ],
    },
    {
      // The constructor of a per-query object registers on the client every query shares.
      code: `class Query {\n  constructor(client, sql) {\n    this.client = client;\n    this.sql = sql;\n    this.client.on('error', (error) => this.fail(error));\n  }\n  fail() {}\n}\nmodule.exports = Query;`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: '`this.client` is the client every `Query` is given, and outlives each `Query`',
            event: 'error',
            trigger: 'on every call of the constructor of `Query`',
            listener: INLINE,
            target: 'this.client',
          },
          line: 5,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      // ES5: the constructor function registers on the topology parameter directly.
      code: `var Cursor = module.exports = function (topology) {\n  var self = this;\n  topology.once('close', function () { self.closed = true; });\n};`,
      errors: [
        {
          messageId: 'unremovable',
          line: 3,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      // A caller's signal kept in the options an instance was given.
      code: `class Poller {\n  constructor(options) { this.options = options; }\n  poll() { this.options.signal?.addEventListener('abort', () => this.stop()); }\n  stop() {}\n}\nmodule.exports = Poller;`,
      errors: [
        {
          messageId: 'unremovable',
          data: {
            lifetime: '`this.options.signal` comes from the caller, may outlive this object and may never abort',
            event: 'abort',
            trigger: 'on every call of `poll()`',
            listener: INLINE,
            target: 'this.options.signal',
          },
          line: 3,
          column: 12,
          suggestions: [],
        },
      ],
    },
    {
      // Each registration of a chain is its own: the report points at the method of each.
      code: `exports.watch = function watch(state) {\n  process.on('SIGINT', () => { state.stopped = true; }).on('SIGTERM', () => { state.stopped = true; });\n};`,
      errors: [
        { messageId: 'unremovable', line: 2, column: 3, suggestions: [] },
        { messageId: 'unremovable', line: 2, column: 57, suggestions: [] },
      ],
    },
  ],
});

moduleTester.run('no-leaked-listener: a listen retried on the same server', rule, {
  valid: [
    // The success listener is named, and the error path removes it.
    `async function bind(server, port) {\n  return new Promise((resolve) => {\n    const onError = (error) => {\n      server.off('error', onError);\n      server.off('listening', onListening);\n      resolve(error);\n    };\n    const onListening = () => {\n      server.off('error', onError);\n      resolve(null);\n    };\n    server.on('error', onError);\n    server.on('listening', onListening);\n    server.listen(port);\n  });\n}\nexport async function start(server, first) {\n  for (let port = first; port < first + 10; port++) {\n    if (!(await bind(server, port))) return port;\n  }\n}`,
    // A server listened on once: the callback fires once and goes.
    `export function start(server, port) {\n  server.listen(port, () => console.log('listening'));\n}`,
  ],
  invalid: [
    {
      code: `async function bind(server, port) {\n  return new Promise((resolve) => {\n    const onError = (error) => {\n      server.off('error', onError);\n      resolve(error);\n    };\n    server.on('error', onError);\n    server.listen(port, () => {\n      server.off('error', onError);\n      resolve(null);\n    });\n  });\n}\nexport async function start(server, first) {\n  for (let port = first; port < first + 10; port++) {\n    if (!(await bind(server, port))) return port;\n  }\n}`,
      errors: [
        {
          messageId: 'leakedCallback',
          data: {
            lifetime: "`server` is the caller's, and outlives each call of `bind()`",
            method: 'listen',
            event: 'listening',
            trigger: 'on every iteration of the loop at line 15, which calls `bind()` with the same `server`',
            release: 'when `error` fires instead, nothing removes it',
            target: 'server',
          },
          line: 8,
          column: 5,
        },
      ],
    },
  ],
});

typescriptTester.run('no-leaked-listener: shapes in TypeScript', rule, {
  valid: [
    `export function start(server: { listen(port: number, cb: () => void): void }) {\n  server.listen(80, () => undefined);\n}`,
  ],
  invalid: [
    {
      code: `export function upload(req: { socket: NodeJS.Socket }) {\n  req.socket!.once('connect', () => console.log('connected'));\n}`,
      errors: [{ messageId: 'unremovable', line: 2, column: 3, suggestions: [] }],
    },
  ],
});

const clientWithSocketField = outdent`
  const { EventEmitter } = require('events');
  const kSocket = Symbol('socket');
  class Client extends EventEmitter {
    constructor() {
      super();
      this[kSocket] = null;
    }
    dispatch(request) {
      write(this, request);
    }
  }
  function write(client, request) {
    const socket = client[kSocket];
    const onClose = () => request.fail();
    const onFinished = () => {
      socket.removeListener('error', onFinished).removeListener('close', onClose);
    };
    socket.on('error', onFinished).on('close', onFinished);
  }
  module.exports = Client;
`;

commonjsTester.run('no-leaked-listener: a field of the file’s own class, reached through a parameter', rule, {
  valid: [
    // The same function is removed for both events.
    clientWithSocketField.replace("removeListener('close', onClose)", "removeListener('close', onFinished)"),
    // The function that sets the field registers on the socket it has just made: once per socket.
    outdent`
      const kSocket = Symbol('socket');
      class Client {
        constructor() {
          this[kSocket] = null;
        }
        open() {
          connect(this);
        }
      }
      function connect(client) {
        client[kSocket] = require('net').connect(80);
        client[kSocket].on('close', () => client.emit('disconnect'));
      }
      module.exports = Client;
    `,
  ],
  invalid: [
    {
      // Every write adds a `close` listener to the client's socket, and the cleanup removes a different function.
      code: clientWithSocketField,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime:
              '`socket` is the `[kSocket]` a `Client` keeps, the same object on every call of `write()` for that `client`',
            event: 'close',
            trigger: 'in `write()`, which runs on every call of `dispatch()`',
            release: NOTHING,
            target: 'socket',
          },
          line: 18,
          column: 34,
        },
      ],
    },
  ],
});

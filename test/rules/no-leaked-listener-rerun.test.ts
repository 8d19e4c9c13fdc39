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
    outdent`
      module.exports = function connect(stream, ms) {
        stream.setTimeout(ms, () => { stream.setTimeout(0); stream.destroy(); });
      };
    `,
    // Armed on one branch, disarmed on the other: nothing was added on the path that disarms.
    outdent`
      module.exports = function send(req, ms, onTimeout) {
        if (ms > 0) req.setTimeout(ms, onTimeout);
        else req.setTimeout(0);
      };
    `,
    // A `timeout` callback removed by name.
    outdent`
      module.exports = function track(request, ms) {
        const onTimeout = () => request.abort();
        request.setTimeout(ms, onTimeout);
        return () => request.removeListener('timeout', onTimeout);
      };
    `,
    // One listener on a socket made for one connection, disarmed but not removed: it dies with the socket.
    outdent`
      module.exports = function open(net, ms) {
        const socket = net.connect(80);
        socket.setTimeout(ms, () => socket.destroy());
        socket.once('connect', () => socket.setTimeout(0));
      };
    `,
    // \`once('connect')\` only while the socket is still connecting.
    outdent`
      module.exports = function upload(req) {
        const socket = req.socket;
        const connecting = socket.connecting;
        if (connecting) socket.once('connect', () => console.log('connected'));
        else console.log('connected');
      };
    `,
    // A chain removes what a chain added.
    outdent`
      module.exports = function write(client, body) {
        const socket = client.socket;
        const onFinished = () => socket.removeListener('error', onFinished).removeListener('close', onFinished);
        socket.on('error', onFinished).on('close', onFinished);
      };
    `,
    // A per-query object that removes its listener from the shared client when it is done.
    outdent`
      class Query {
        constructor(client) {
          this.client = client;
          this.onError = (error) => this.fail(error);
          this.client.on('error', this.onError);
        }
        done() { this.client.removeListener('error', this.onError); }
        fail() {}
      }
      module.exports = Query;
    `,
    // A session object, one per client: its constructor's listener lives as long as both.
    outdent`
      class Session {
        constructor(client) { client.on('error', (error) => this.fail(error)); }
        fail() {}
      }
      module.exports = Session;
    `,
    // An outcome pair where each listener removes the other.
    outdent`
      class Connection extends require('events') {
        connect(done) {
          const onError = (error) => { this.off('ready', onReady); done(error); };
          const onReady = () => { this.off('error', onError); done(null); };
          this.once('error', onError);
          this.once('ready', onReady);
        }
      }
      module.exports = Connection;
    `,
    // A local emitter registered on by a function that runs once per call of its maker.
    outdent`
      const { EventEmitter } = require('events');
      module.exports = function request(open) {
        const events = new EventEmitter();
        const attempt = () => {
          open().on('response', (response) => events.on('progress', (n) => response.emit('progress', n)));
        };
        attempt();
        return events;
      };
    `,
  ],
  invalid: [
    {
      // A keep-alive connection reached through a framework context made per request.
      code: outdent`
        module.exports = function callback(app) {
          const onerror = (error) => app.emit('error', error);
          return function handle(req, res) {
            const ctx = app.createContext(req, res);
            ctx.socket.on('error', onerror);
            ctx.req.socket.on('timeout', onerror);
          };
        };
      `,
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
      code: outdent`
        class Context {
          watch() {
            this.req.socket.on('close', this.onClose);
          }
        }
        module.exports = Context;
      `,
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
      code: outdent`
        module.exports = function track(request, ms) {
          const onTimeout = () => request.abort();
          request.setTimeout(ms, onTimeout);
          return () => request.setTimeout(0);
        };
      `,
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
      code: outdent`
        module.exports = function upload(req) {
          req.socket.once('connect', () => console.log('connected'));
        };
      `,
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
      code: outdent`
        class Connection extends require('events') {
          connect(done) {
            this.once('error', (error) => done(error));
            this.once('ready', () => done(null));
          }
        }
        module.exports = Connection;
      `,
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
      code: outdent`
        const { EventEmitter } = require('events');
        module.exports = function fetchWithRetry(url, open) {
          const events = new EventEmitter();
          const attempt = (tries) => {
            const request = open(url);
            request.on('response', (response) => {
              events.on('progress', (n) => response.emit('progress', n));
              if (response.status >= 500 && tries > 0) setTimeout(attempt, 100, tries - 1);
            });
          };
          attempt(3);
          return events;
        };
      `,
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
      code: outdent`
        class Query {
          constructor(client, sql) {
            this.client = client;
            this.sql = sql;
            this.client.on('error', (error) => this.fail(error));
          }
          fail() {}
        }
        module.exports = Query;
      `,
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
      code: outdent`
        var Cursor = module.exports = function (topology) {
          var self = this;
          topology.once('close', function () { self.closed = true; });
        };
      `,
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
      code: outdent`
        class Poller {
          constructor(options) { this.options = options; }
          poll() { this.options.signal?.addEventListener('abort', () => this.stop()); }
          stop() {}
        }
        module.exports = Poller;
      `,
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
      code: outdent`
        exports.watch = function watch(state) {
          process.on('SIGINT', () => { state.stopped = true; }).on('SIGTERM', () => { state.stopped = true; });
        };
      `,
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
    outdent`
      async function bind(server, port) {
        return new Promise((resolve) => {
          const onError = (error) => {
            server.off('error', onError);
            server.off('listening', onListening);
            resolve(error);
          };
          const onListening = () => {
            server.off('error', onError);
            resolve(null);
          };
          server.on('error', onError);
          server.on('listening', onListening);
          server.listen(port);
        });
      }
      export async function start(server, first) {
        for (let port = first; port < first + 10; port++) {
          if (!(await bind(server, port))) return port;
        }
      }
    `,
    // A server listened on once: the callback fires once and goes.
    outdent`
      export function start(server, port) {
        server.listen(port, () => console.log('listening'));
      }
    `,
  ],
  invalid: [
    {
      code: outdent`
        async function bind(server, port) {
          return new Promise((resolve) => {
            const onError = (error) => {
              server.off('error', onError);
              resolve(error);
            };
            server.on('error', onError);
            server.listen(port, () => {
              server.off('error', onError);
              resolve(null);
            });
          });
        }
        export async function start(server, first) {
          for (let port = first; port < first + 10; port++) {
            if (!(await bind(server, port))) return port;
          }
        }
      `,
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
    outdent`
      export function start(server: { listen(port: number, cb: () => void): void }) {
        server.listen(80, () => undefined);
      }
    `,
  ],
  invalid: [
    {
      code: outdent`
        export function upload(req: { socket: NodeJS.Socket }) {
          req.socket!.once('connect', () => console.log('connected'));
        }
      `,
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

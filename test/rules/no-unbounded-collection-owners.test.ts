import { outdent } from 'outdent';
import rule from '../../rules/no-unbounded-collection.js';
import { commonjsTester, typescriptTester } from './tester.js';

const hub = outdent`
  const { EventEmitter } = require('events');
  class Hub extends EventEmitter {
    constructor(server) {
      super();
      this.peers = [];
      server.on('upgrade', (req, socket) => { this.peers.push(socket); });
    }
  }
  module.exports = Hub;
`;

const acks = outdent`
  class Acks {
    constructor(socket) {
      this.pending = {};
      this.nextId = 0;
      socket.on('message', (m) => this.onReply(m));
      socket.on('close', () => { this.open = false; });
    }
    connect() { this.open = true; }
    send(packet, cb) { const id = this.nextId++; this.pending[id] = cb; }
    onReply(m) { const cb = this.pending[m.id]; delete this.pending[m.id]; cb(m); }
  }
  module.exports = Acks;
`;

const es5Server = outdent`
  var net = require('net');
  function Relay() {
    this.sessions = [];
    this.server = net.createServer(this.accept.bind(this));
  }
  Relay.prototype.accept = function (conn) {
    this.sessions.push(conn);
  };
  Relay.prototype.close = function () {
    this.sessions.length = 0;
    this.server.close();
  };
  module.exports = Relay;
`;

const rooms = outdent`
  function Lobby(bus) {
    var self = this;
    this.members = {};
    bus.on('join', function (room, id) { self.onJoin(room, id); });
  }
  Lobby.prototype.onJoin = function (room, id) {
    if (!this.members[room]) this.members[room] = [];
    this.members[room].push(id);
  };
  Lobby.prototype.onLeave = function (room, id) {
    this.members[room].splice(this.members[room].indexOf(id), 1);
  };
  module.exports = Lobby;
`;

const symbolAgent = outdent`
  const kPools = Symbol('pools');
  class Agent {
    constructor(factory) { this[kPools] = new Map(); this.factory = factory; this.timer = setInterval(() => {}, 1000); }
    dispatch(opts) {
      let pool = this[kPools].get(opts.origin);
      if (!pool) { pool = this.factory(opts.origin); this[kPools].set(opts.origin, pool); }
      return pool.dispatch(opts);
    }
    destroy() { this[kPools].clear(); clearInterval(this.timer); }
  }
  module.exports = Agent;
`;

commonjsTester.run('no-unbounded-collection (long-lived owners)', rule, {
  valid: [
    // Each socket leaves with its `close` event.
    hub.replace(
      '{ this.peers.push(socket); }',
      "{ this.peers.push(socket); socket.on('close', () => { this.peers.splice(this.peers.indexOf(socket), 1); }); }",
    ),
    // The pending entries are dropped when the socket closes too.
    acks.replace('this.open = false;', 'this.pending = {};'),
    // A removal per entry outside the teardown.
    es5Server.replace(
      'Relay.prototype.close = function () {',
      'Relay.prototype.drop = function (conn) {\n  this.sessions.splice(this.sessions.indexOf(conn), 1);\n};\nRelay.prototype.close = function () {',
    ),
    // The keys go too.
    rooms.replace(
      'this.members[room].splice(this.members[room].indexOf(id), 1);',
      'this.members[room].splice(this.members[room].indexOf(id), 1);\n  if (!this.members[room].length) delete this.members[room];',
    ),
    // A pool bounded by a size check.
    outdent`
      class Pool extends EventEmitter {
        constructor(server) { super(); this.idle = []; server.on('release', (c) => { if (this.idle.length < 10) this.idle.push(c); }); }
        connect() {}
      }
    `,
    // Not long-lived: a builder, created per call, listened to by nothing.
    outdent`
      class Query { constructor() { this.parts = []; } where(c) { this.parts.push(c); return this; } }
      module.exports = () => new Query();
    `,
    // Set-up methods add a bounded number of entries: middleware, plugins, a registry keyed by name.
    outdent`
      class App extends Emitter {
        constructor() { super(); this.middleware = []; this.handlers = {}; }
        use(fn) { this.middleware.push(fn); return this; }
        register(name, fn) { this.handlers[name] = fn; }
        listen(port) { return http.createServer(this.callback()).listen(port); }
      }
    `,
    // Replayed and emptied.
    outdent`
      function Feed(conn) { this.conn = conn; this.buffered = []; }
      Feed.prototype.onOpen = function () { this.buffered.forEach((call) => this.run(call)); this.buffered = []; };
      Feed.prototype.onClose = function () { this.ready = false; };
      Feed.prototype.enqueue = function (call) { this.buffered.push(call); };
    `,
    // A key made per call by set-up code (a matcher wrapped in an arrow) is not an id.
    outdent`
      class Server extends EventEmitter {
        constructor(engine) { super(); this.matchers = new Map(); engine.on('connection', (c) => this.onconnection(c)); }
        of(pattern) { this.matchers.set((name) => pattern.test(name), pattern); }
        onconnection(c) {}
        listen() {}
      }
    `,
    // Handlers only by name that store what they are given: a subscription list and a set of the paths callers name.
    outdent`
      class Watcher extends EventEmitter {
        constructor(fsWatcher) { super(); this.fsWatcher = fsWatcher; this.rerunHooks = []; this.dirty = new Set(); }
        onRerun(hook) { this.rerunHooks.push(hook); return this; }
        handleChange(path) { this.dirty.add(path); }
        close() { this.fsWatcher.close(); }
      }
      module.exports = new Watcher(require('fs').watch('.'));
    `,
    // A test double records every call on purpose.
    `class Client { constructor() { this.mockBuffer = []; this.timer = setInterval(flush, 10); } send(m) { this.mockBuffer.push(m); } }`,
    // The queue is consumed.
    outdent`
      function Conn(socket) { this.queue = []; socket.on('data', this.onData.bind(this)); }
      Conn.prototype.send = function (cmd) { this.queue.push(cmd); };
      Conn.prototype.onData = function () { this.queue.shift(); };
    `,
    // The field is handed to code this file cannot see, which may trim it.
    hub.replace('{ this.peers.push(socket); }', '{ this.peers.push(socket); track(this.peers); }'),
    // The same key reached through a parameter named like an alias of \`this\` elsewhere is emptied there.
    outdent`
      function Pool(server) { var self = this; this.queue = []; server.on('job', function (j) { self.queue.push(j); }); }
      function run(self) { self.queue.shift(); }
    `,
    // The same key reached through another variable is emptied there.
    outdent`
      class Client { constructor(s) { this.q = []; s.on('data', (d) => this.q.push(d)); } }
      function flush(client) { client.q.splice(0); }
    `,
  ],
  invalid: [
    {
      code: hub,
      errors: [
        {
          messageId: 'ownerUnbounded',
          data: {
            name: 'this.peers',
            owner: 'the `Hub`',
            why: 'listens to `server`',
            trigger: 'on every `upgrade` event of `server`',
          },
          line: 6,
          column: 45,
          endLine: 6,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'removeOnClose',
              data: { value: 'socket' },
              output: hub.replace(
                '{ this.peers.push(socket); }',
                "{ this.peers.push(socket);\n    socket.on('close', () => { const i = this.peers.indexOf(socket); if (i !== -1) this.peers.splice(i, 1); }); }",
              ),
            },
          ],
        },
      ],
    },
    {
      code: acks,
      errors: [
        {
          messageId: 'ownerAbandoned',
          data: {
            name: 'this.pending',
            owner: 'the `Acks`',
            why: 'listens to `socket`',
            trigger: 'on every call of `send()`',
            release: '`onReply()`',
            path: 'the `close` listener at line 6',
          },
          line: 9,
          column: 48,
        },
      ],
    },
    {
      code: es5Server,
      errors: [
        {
          messageId: 'ownerTeardownOnly',
          data: {
            name: 'this.sessions',
            owner: 'the `Relay`',
            why: 'holds the `createServer()` handle in `this.server`',
            trigger: 'on every event `accept()` handles',
            teardown: '`close()`',
          },
          line: 7,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              data: { value: 'conn' },
              output: es5Server.replace(
                '  this.sessions.push(conn);',
                "  this.sessions.push(conn);\n  conn.on('close', () => { const i = this.sessions.indexOf(conn); if (i !== -1) this.sessions.splice(i, 1); });",
              ),
            },
          ],
        },
      ],
    },
    {
      code: rooms,
      errors: [
        {
          messageId: 'ownerEntriesKept',
          data: {
            name: 'this.members',
            owner: 'the `Lobby`',
            why: 'listens to `bus`',
            trigger: 'on every call of `onJoin()`, an event handler',
            release: 'the `.splice()` in `onLeave()`',
          },
          line: 7,
          column: 28,
        },
      ],
    },
    {
      code: symbolAgent,
      errors: [
        {
          messageId: 'ownerTeardownOnly',
          data: {
            name: 'this[kPools]',
            owner: 'the `Agent`',
            why: 'holds the interval in `this.timer`',
            trigger: 'on every call of `dispatch()`',
            teardown: '`destroy()`',
          },
          line: 6,
          column: 52,
        },
      ],
    },
    {
      // An instance exported for the whole program, its map grown by a handler.
      code: outdent`
        class Registry {
          constructor() { this.byId = new Map(); }
          onRegister(msg) { this.byId.set(msg.id, msg); }
        }
        module.exports = new Registry();
      `,
      errors: [
        {
          messageId: 'ownerUnbounded',
          data: {
            name: 'this.byId',
            owner: 'the `Registry`',
            why: 'is exported as an instance',
            trigger: 'on every call of `onRegister()`, an event handler',
          },
          line: 3,
          column: 21,
        },
      ],
    },
    {
      // Calls buffered while the connection is down, replayed but never emptied.
      code: outdent`
        function Feed(conn) { this.conn = conn; this.buffered = []; }
        Feed.prototype.onOpen = function () { this.buffered.forEach((call) => this.run(call)); };
        Feed.prototype.onClose = function () { this.ready = false; };
        Feed.prototype.enqueue = function (call) { this.buffered.push(call); };
        module.exports = Feed;
      `,
      errors: [
        {
          messageId: 'ownerUnbounded',
          data: {
            name: 'this.buffered',
            owner: 'the `Feed`',
            why: 'handles its connection opening and closing (`onOpen()`, `onClose()`)',
            trigger: 'on every call of `enqueue()`',
          },
          line: 4,
          column: 44,
        },
      ],
    },
  ],
});

const tsServer = outdent`
  class Server extends EventEmitter {
    private clients = new Set<Socket>();
    constructor(private server: net.Server) { super(); server.on('connection', (socket: Socket) => { this.clients.add(socket); }); }
    close(): void { this.clients.clear(); }
  }
`;

typescriptTester.run('no-unbounded-collection (long-lived owners, TypeScript)', rule, {
  valid: [
    outdent`
      class Server extends EventEmitter {
        private clients = new Set<Socket>();
        constructor(private server: net.Server) { super(); server.on('connection', (s: Socket) => { this.clients.add(s); s.on('close', () => this.clients.delete(s)); }); }
        close(): void { this.clients.clear(); }
      }
    `,
  ],
  invalid: [
    {
      code: tsServer,
      errors: [
        {
          messageId: 'ownerTeardownOnly',
          data: {
            name: 'this.clients',
            owner: 'the `Server`',
            why: 'is an `EventEmitter` with a `close()` lifecycle',
            trigger: 'on every `connection` event of `server`',
            teardown: '`close()`',
          },
          line: 3,
          column: 100,
          suggestions: [
            {
              messageId: 'removeOnClose',
              data: { value: 'socket' },
              output: tsServer.replace(
                'this.clients.add(socket); }',
                "this.clients.add(socket);\n  socket.on('close', () => this.clients.delete(socket)); }",
              ),
            },
          ],
        },
      ],
    },
  ],
});

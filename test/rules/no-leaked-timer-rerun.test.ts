/** no-leaked-timer, cases 6 and 7: handles lost when their method runs again, and re-armed timeouts past teardown. */
import { outdent } from 'outdent';
import rule from '../../rules/no-leaked-timer.js';
import { commonjsTester, typescriptTester } from './tester.js';

const FOREVER = 'for the life of the process';

const feed = (before: string) =>
  outdent`
    class Feed extends EventEmitter {
      constructor(socket) {
        super();
        this.socket = socket;
        socket.on('open', () => this.onOpen());
      }
      onOpen() {
    ${before}    this.heartbeat = setInterval(() => this.socket.send('ping'), 30000);
      }
      close() {
        clearInterval(this.heartbeat);
      }
    }
    module.exports = Feed;
  `;

const cache = (teardown: string) =>
  outdent`
    class Cache extends EventEmitter {
      sweep() {
        if (this.sweepTimer) clearTimeout(this.sweepTimer);
        this.sweepTimer = setTimeout(() => {
          this.evictExpired();
          this.sweep();
        }, this.ttl);
      }
      end() {
    ${teardown}    this.entries.clear();
      }
    }
    module.exports = Cache;
  `;

const peer = (teardown: string) =>
  outdent`
    class Peer extends EventEmitter {
      constructor(transport) {
        super();
        transport.on('message', (msg) => this.onMessage(msg));
      }
      onMessage(msg) {
        clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(() => this.emit('idle', msg), this.idleTimeout);
      }
      close() {
    ${teardown}    this.emit('close');
      }
    }
    module.exports = Peer;
  `;

commonjsTester.run('no-leaked-timer: handles lost on the second run', rule, {
  valid: [
    // The previous handle is cleared first: directly, or by a method that clears it.
    feed('    clearInterval(this.heartbeat);\n'),
    feed('    this.stopHeartbeat();\n').replace(
      '  close() {',
      '  stopHeartbeat() { clearInterval(this.heartbeat); }\n  close() {',
    ),
    // A guard on the field, or on a flag the method sets itself, skips the second run.
    feed('    if (this.heartbeat) return;\n'),
    feed('    if (this.beating) return;\n    this.beating = true;\n'),
    outdent`
      class Feed {
        constructor(socket) { socket.on('open', () => this.onOpen()); }
        onOpen() {
          if (!this.heartbeat) this.heartbeat = setInterval(() => this.ping(), 1000);
        }
        close() { clearInterval(this.heartbeat); }
      }
      module.exports = Feed;
    `,
    // A method only the constructor calls runs once per instance.
    outdent`
      class Feed {
        constructor() { this.arm(); }
        arm() { this.heartbeat = setInterval(() => this.ping(), 1000); }
        close() { clearInterval(this.heartbeat); }
      }
      module.exports = Feed;
    `,
    // A one-shot continuation (a lookup's callback) runs as often as the method that starts it: once per connect().
    outdent`
      class Conn {
        connect() { dns.lookup(this.host, () => this.onResolved()); }
        onResolved() { this.greeting = setTimeout(() => this.fail(), this.timeout); }
        close() { clearTimeout(this.greeting); }
      }
      module.exports = Conn;
    `,
    // A start()/stop() pair is called in turn: its name alone is no evidence of a second run.
    outdent`
      class Feed {
        start() { this.heartbeat = setInterval(() => this.ping(), 1000); }
        stop() { clearInterval(this.heartbeat); }
      }
      module.exports = Feed;
    `,
    // A short timeout lost for a moment is not worth a report.
    outdent`
      class Feed {
        constructor(s) { s.on('data', () => this.onData()); }
        onData() { this.flushTimer = setTimeout(() => this.flush(), 200); }
        close() { clearTimeout(this.flushTimer); }
      }
      module.exports = Feed;
    `,
    // A timeout that marks itself done, set from an event: one step of a sequence (a close schedules one retry).
    outdent`
      class Link {
        constructor(s) { s.on('close', () => this.onClose()); }
        onClose() {
          this.retry = setTimeout(() => { this.retry = null; this.open(); }, this.delay);
        }
        destroy() { clearTimeout(this.retry); }
      }
      module.exports = Link;
    `,
    // A timeout that re-arms itself from its own callback replaces a handle that has already fired.
    outdent`
      class Poll {
        constructor(s) { s.on('ready', () => this.tick()); }
        tick() { this.timer = setTimeout(() => this.tick(), this.every); }
        stop() { clearTimeout(this.timer); }
      }
      module.exports = Poll;
    `,
    // Measure, then reschedule: the timeout's callback leads back to the method that sets it, after it has fired.
    outdent`
      class Rtt {
        constructor(conn) { conn.on('ready', () => this.reschedule()); }
        reschedule() { this.timer = setTimeout(() => this.measure(), this.every); }
        measure() { ping().then(() => this.reschedule()); }
        close() { clearTimeout(this.timer); }
      }
      module.exports = Rtt;
    `,
    // Re-armed timeouts that the teardown clears, directly or through a method it calls.
    cache('    clearTimeout(this.sweepTimer);\n'),
    peer('    this.stopIdle();\n').replace(
      '  close() {',
      '  stopIdle() { clearTimeout(this.idleTimer); }\n  close() {',
    ),
    // A re-armed timeout on an object without a teardown: nothing marks the end of its use.
    outdent`
      class Peer {
        constructor(t) { t.on('message', (m) => this.onMessage(m)); }
        onMessage(m) {
          clearTimeout(this.idleTimer);
          this.idleTimer = setTimeout(() => this.emit('idle'), this.idleTimeout);
        }
      }
      module.exports = Peer;
    `,
  ],
  invalid: [
    {
      // A method a listener calls sets the interval again; the clear in close() stops only the last one.
      code: feed(''),
      errors: [
        {
          messageId: 'overwritten',
          data: {
            method: 'onOpen',
            rerun: 'runs from a listener at line 5',
            timer: 'interval',
            storage: 'this.heartbeat',
            retention: 'its callback keeps `this` alive',
            until: FOREVER,
            elsewhere: '; the clear in `close()` only stops the last one',
          },
          line: 8,
          column: 22,
          suggestions: [
            {
              messageId: 'clearBeforeReassign',
              data: { clear: 'clearInterval', storage: 'this.heartbeat', timer: 'interval' },
              output: feed('    clearInterval(this.heartbeat);\n'),
            },
          ],
        },
      ],
    },
    {
      // A clear on a branch that returns does not run on the path that reassigns.
      code: feed('    if (this.closed) { clearInterval(this.heartbeat); return; }\n'),
      errors: [
        {
          messageId: 'overwritten',
          line: 9,
          column: 22,
          suggestions: [
            {
              messageId: 'clearBeforeReassign',
              data: { clear: 'clearInterval', storage: 'this.heartbeat', timer: 'interval' },
              output: feed(
                '    if (this.closed) { clearInterval(this.heartbeat); return; }\n    clearInterval(this.heartbeat);\n',
              ),
            },
          ],
        },
      ],
    },
    {
      // A forced termination a caller may repeat: its timeout is lost, and fires later anyway.
      code: outdent`
        function Channel(stream) { this.stream = stream; }
        Channel.prototype.terminate = function () {
          this.stream.end();
          this.killTimer = setTimeout(() => this.stream.destroy(), this.killAfter);
        };
        Channel.prototype.forget = function () { clearTimeout(this.killTimer); };
        module.exports = Channel;
      `,
      errors: [
        {
          messageId: 'overwritten',
          data: {
            method: 'terminate',
            rerun: 'can run more than once',
            timer: 'timeout',
            storage: 'this.killTimer',
            retention: 'its callback keeps `this` alive',
            until: 'until it fires',
            elsewhere: '; the clear in `forget()` only stops the last one',
          },
          line: 4,
          column: 20,
          suggestions: [
            {
              messageId: 'clearBeforeReassign',
              data: { clear: 'clearTimeout', storage: 'this.killTimer', timer: 'timeout' },
              output: outdent`
                function Channel(stream) { this.stream = stream; }
                Channel.prototype.terminate = function () {
                  this.stream.end();
                  clearTimeout(this.killTimer);
                  this.killTimer = setTimeout(() => this.stream.destroy(), this.killAfter);
                };
                Channel.prototype.forget = function () { clearTimeout(this.killTimer); };
                module.exports = Channel;
              `,
            },
          ],
        },
      ],
    },
    {
      // Through `var self = this`, in a method handed to a listener.
      code: outdent`
        function Poller(client) {
          var self = this;
          client.on('ready', self.begin.bind(self));
        }
        Poller.prototype.begin = function () {
          var self = this;
          self.loop = setInterval(function () { self.tick(); }, 5000);
        };
        Poller.prototype.halt = function () { clearInterval(this.loop); };
        module.exports = Poller;
      `,
      errors: [
        {
          messageId: 'overwritten',
          data: {
            method: 'begin',
            rerun: 'runs from a listener at line 3',
            timer: 'interval',
            storage: 'self.loop',
            retention: 'its callback keeps `self` alive',
            until: FOREVER,
            elsewhere: '; the clear in `halt()` only stops the last one',
          },
          line: 7,
          column: 15,
          suggestions: [
            {
              messageId: 'clearBeforeReassign',
              data: { clear: 'clearInterval', storage: 'self.loop', timer: 'interval' },
              output: outdent`
                function Poller(client) {
                  var self = this;
                  client.on('ready', self.begin.bind(self));
                }
                Poller.prototype.begin = function () {
                  var self = this;
                  clearInterval(self.loop);
                  self.loop = setInterval(function () { self.tick(); }, 5000);
                };
                Poller.prototype.halt = function () { clearInterval(this.loop); };
                module.exports = Poller;
              `,
            },
          ],
        },
      ],
    },
    {
      // A timeout used as an interval (its callback runs the method again), which end() never stops.
      code: cache(''),
      errors: [
        {
          messageId: 'rearmedPastTeardown',
          data: {
            teardown: 'end',
            method: 'sweep',
            how: 're-arms from its own callback',
            storage: 'this.sweepTimer',
            retention: 'its callback keeps `this` alive',
            until: FOREVER,
          },
          line: 4,
          column: 23,
          suggestions: [
            {
              messageId: 'clearInTeardown',
              data: { clear: 'clearTimeout', storage: 'this.sweepTimer', teardown: 'end' },
              output: cache('    clearTimeout(this.sweepTimer);\n'),
            },
          ],
        },
      ],
    },
    {
      // Reset on every message; the clear that re-arms it stops nothing for good, and close() forgets it.
      code: peer(''),
      errors: [
        {
          messageId: 'rearmedPastTeardown',
          data: {
            teardown: 'close',
            method: 'onMessage',
            how: 're-arms every time it runs',
            storage: 'this.idleTimer',
            retention: 'its callback keeps `this` and `msg` alive',
            until: 'until it fires',
          },
          line: 8,
          column: 22,
          suggestions: [
            {
              messageId: 'clearInTeardown',
              data: { clear: 'clearTimeout', storage: 'this.idleTimer', teardown: 'close' },
              output: peer('    clearTimeout(this.idleTimer);\n'),
            },
          ],
        },
      ],
    },
  ],
});

typescriptTester.run('no-leaked-timer: handles lost on the second run (TypeScript)', rule, {
  valid: [
    outdent`
      export class Link {
        private ping?: NodeJS.Timeout;
        constructor(private socket: Socket) { socket.on('open', () => this.onOpen()); }
        private onOpen(): void {
          clearInterval(this.ping);
          this.ping = setInterval(() => this.socket.ping(), 10_000);
        }
        close(): void { clearInterval(this.ping); }
      }
    `,
  ],
  invalid: [
    {
      // A reconnect scheduled, on every close, by a `function () {}.bind(this)` callback runs connect() again.
      code: outdent`
        export class Cluster {
          private sweeper?: NodeJS.Timeout;
          constructor(socket: Socket) { socket.on('close', () => this.onClose()); }
          connect(): void {
            this.sweeper = setInterval(() => this.sweep(), this.every);
          }
          onClose(): void {
            setTimeout(function (this: Cluster) { this.connect(); }.bind(this), 1000);
          }
          disconnect(): void { clearInterval(this.sweeper); }
        }
      `,
      errors: [
        {
          messageId: 'overwritten',
          data: {
            method: 'connect',
            rerun: 'is called from `onClose()`, which runs from a listener at line 3',
            timer: 'interval',
            storage: 'this.sweeper',
            retention: 'its callback keeps `this` alive',
            until: FOREVER,
            elsewhere: '; the clear in `disconnect()` only stops the last one',
          },
          line: 5,
          column: 20,
          suggestions: [
            {
              messageId: 'clearBeforeReassign',
              data: { clear: 'clearInterval', storage: 'this.sweeper', timer: 'interval' },
              output: outdent`
                export class Cluster {
                  private sweeper?: NodeJS.Timeout;
                  constructor(socket: Socket) { socket.on('close', () => this.onClose()); }
                  connect(): void {
                    clearInterval(this.sweeper);
                    this.sweeper = setInterval(() => this.sweep(), this.every);
                  }
                  onClose(): void {
                    setTimeout(function (this: Cluster) { this.connect(); }.bind(this), 1000);
                  }
                  disconnect(): void { clearInterval(this.sweeper); }
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});

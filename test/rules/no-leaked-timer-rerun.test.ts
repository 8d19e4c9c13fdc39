/** no-leaked-timer, cases 6 and 7: handles lost when their method runs again, and re-armed timeouts past teardown. */
import rule from '../../rules/no-leaked-timer.js';
import { commonjsTester, typescriptTester } from './tester.js';

const FOREVER = 'for the life of the process';

const feed = (before: string) =>
  `class Feed extends EventEmitter {\n  constructor(socket) {\n    super();\n    this.socket = socket;\n    socket.on('open', () => this.onOpen());\n  }\n  onOpen() {\n${before}    this.heartbeat = setInterval(() => this.socket.send('ping'), 30000);\n  }\n  close() {\n    clearInterval(this.heartbeat);\n  }\n}\nmodule.exports = Feed;`;

const cache = (teardown: string) =>
  `class Cache extends EventEmitter {\n  sweep() {\n    if (this.sweepTimer) clearTimeout(this.sweepTimer);\n    this.sweepTimer = setTimeout(() => {\n      this.evictExpired();\n      this.sweep();\n    }, this.ttl);\n  }\n  end() {\n${teardown}    this.entries.clear();\n  }\n}\nmodule.exports = Cache;`;

const peer = (teardown: string) =>
  `class Peer extends EventEmitter {\n  constructor(transport) {\n    super();\n    transport.on('message', (msg) => this.onMessage(msg));\n  }\n  onMessage(msg) {\n    clearTimeout(this.idleTimer);\n    this.idleTimer = setTimeout(() => this.emit('idle', msg), this.idleTimeout);\n  }\n  close() {\n${teardown}    this.emit('close');\n  }\n}\nmodule.exports = Peer;`;

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
    `class Feed {\n  constructor(socket) { socket.on('open', () => this.onOpen()); }\n  onOpen() {\n    if (!this.heartbeat) this.heartbeat = setInterval(() => this.ping(), 1000);\n  }\n  close() { clearInterval(this.heartbeat); }\n}\nmodule.exports = Feed;`,
    // A method only the constructor calls runs once per instance.
    `class Feed {\n  constructor() { this.arm(); }\n  arm() { this.heartbeat = setInterval(() => this.ping(), 1000); }\n  close() { clearInterval(this.heartbeat); }\n}\nmodule.exports = Feed;`,
    // A one-shot continuation (a lookup's callback) runs as often as the method that starts it: once per connect().
    `class Conn {\n  connect() { dns.lookup(this.host, () => this.onResolved()); }\n  onResolved() { this.greeting = setTimeout(() => this.fail(), this.timeout); }\n  close() { clearTimeout(this.greeting); }\n}\nmodule.exports = Conn;`,
    // A start()/stop() pair is called in turn: its name alone is no evidence of a second run.
    `class Feed {\n  start() { this.heartbeat = setInterval(() => this.ping(), 1000); }\n  stop() { clearInterval(this.heartbeat); }\n}\nmodule.exports = Feed;`,
    // A short timeout lost for a moment is not worth a report.
    `class Feed {\n  constructor(s) { s.on('data', () => this.onData()); }\n  onData() { this.flushTimer = setTimeout(() => this.flush(), 200); }\n  close() { clearTimeout(this.flushTimer); }\n}\nmodule.exports = Feed;`,
    // A timeout that marks itself done, set from an event: one step of a sequence (a close schedules one retry).
    `class Link {\n  constructor(s) { s.on('close', () => this.onClose()); }\n  onClose() {\n    this.retry = setTimeout(() => { this.retry = null; this.open(); }, this.delay);\n  }\n  destroy() { clearTimeout(this.retry); }\n}\nmodule.exports = Link;`,
    // A timeout that re-arms itself from its own callback replaces a handle that has already fired.
    `class Poll {\n  constructor(s) { s.on('ready', () => this.tick()); }\n  tick() { this.timer = setTimeout(() => this.tick(), this.every); }\n  stop() { clearTimeout(this.timer); }\n}\nmodule.exports = Poll;`,
    // Measure, then reschedule: the timeout's callback leads back to the method that sets it, after it has fired.
    `class Rtt {\n  constructor(conn) { conn.on('ready', () => this.reschedule()); }\n  reschedule() { this.timer = setTimeout(() => this.measure(), this.every); }\n  measure() { ping().then(() => this.reschedule()); }\n  close() { clearTimeout(this.timer); }\n}\nmodule.exports = Rtt;`,
    // Re-armed timeouts that the teardown clears, directly or through a method it calls.
    cache('    clearTimeout(this.sweepTimer);\n'),
    peer('    this.stopIdle();\n').replace(
      '  close() {',
      '  stopIdle() { clearTimeout(this.idleTimer); }\n  close() {',
    ),
    // A re-armed timeout on an object without a teardown: nothing marks the end of its use.
    `class Peer {\n  constructor(t) { t.on('message', (m) => this.onMessage(m)); }\n  onMessage(m) {\n    clearTimeout(this.idleTimer);\n    this.idleTimer = setTimeout(() => this.emit('idle'), this.idleTimeout);\n  }\n}\nmodule.exports = Peer;`,
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
      code: `function Channel(stream) { this.stream = stream; }\nChannel.prototype.terminate = function () {\n  this.stream.end();\n  this.killTimer = setTimeout(() => this.stream.destroy(), this.killAfter);\n};\nChannel.prototype.forget = function () { clearTimeout(this.killTimer); };\nmodule.exports = Channel;`,
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
              output: `function Channel(stream) { this.stream = stream; }\nChannel.prototype.terminate = function () {\n  this.stream.end();\n  clearTimeout(this.killTimer);\n  this.killTimer = setTimeout(() => this.stream.destroy(), this.killAfter);\n};\nChannel.prototype.forget = function () { clearTimeout(this.killTimer); };\nmodule.exports = Channel;`,
            },
          ],
        },
      ],
    },
    {
      // Through `var self = this`, in a method handed to a listener.
      code: `function Poller(client) {\n  var self = this;\n  client.on('ready', self.begin.bind(self));\n}\nPoller.prototype.begin = function () {\n  var self = this;\n  self.loop = setInterval(function () { self.tick(); }, 5000);\n};\nPoller.prototype.halt = function () { clearInterval(this.loop); };\nmodule.exports = Poller;`,
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
              output: `function Poller(client) {\n  var self = this;\n  client.on('ready', self.begin.bind(self));\n}\nPoller.prototype.begin = function () {\n  var self = this;\n  clearInterval(self.loop);\n  self.loop = setInterval(function () { self.tick(); }, 5000);\n};\nPoller.prototype.halt = function () { clearInterval(this.loop); };\nmodule.exports = Poller;`,
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
    `export class Link {\n  private ping?: NodeJS.Timeout;\n  constructor(private socket: Socket) { socket.on('open', () => this.onOpen()); }\n  private onOpen(): void {\n    clearInterval(this.ping);\n    this.ping = setInterval(() => this.socket.ping(), 10_000);\n  }\n  close(): void { clearInterval(this.ping); }\n}`,
  ],
  invalid: [
    {
      // A reconnect scheduled, on every close, by a `function () {}.bind(this)` callback runs connect() again.
      code: `export class Cluster {\n  private sweeper?: NodeJS.Timeout;\n  constructor(socket: Socket) { socket.on('close', () => this.onClose()); }\n  connect(): void {\n    this.sweeper = setInterval(() => this.sweep(), this.every);\n  }\n  onClose(): void {\n    setTimeout(function (this: Cluster) { this.connect(); }.bind(this), 1000);\n  }\n  disconnect(): void { clearInterval(this.sweeper); }\n}`,
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
              output: `export class Cluster {\n  private sweeper?: NodeJS.Timeout;\n  constructor(socket: Socket) { socket.on('close', () => this.onClose()); }\n  connect(): void {\n    clearInterval(this.sweeper);\n    this.sweeper = setInterval(() => this.sweep(), this.every);\n  }\n  onClose(): void {\n    setTimeout(function (this: Cluster) { this.connect(); }.bind(this), 1000);\n  }\n  disconnect(): void { clearInterval(this.sweeper); }\n}`,
            },
          ],
        },
      ],
    },
  ],
});

import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import {
  abandonPaths,
  fileOwners,
  longLivedOwner,
  perUnitMethods,
  plainName,
  teardownMethods,
  writesGrowthOnField,
  type OwnerIndex,
} from '../../src/analysis/long-lived-owners.js';
import { withSourceCode } from './parse.js';
import type { TSESLint } from '@typescript-eslint/utils';

/** The owner named `name` (`Tracker` for class Tracker or function Tracker) in `code`, with the source code. */
function ownerNamed<T>(
  code: string,
  name: string,
  use: (sourceCode: TSESLint.SourceCode, index: OwnerIndex) => T,
  probe = true,
): T {
  // Only owners with a collection field are indexed: give each one.
  const probed = probe ? `${code}\n${name}.prototype.probe = function () { this.probed = []; };` : code;
  return withSourceCode(probed, (sourceCode) => {
    const index = [...fileOwners(sourceCode).owners.values()].find((owner) => owner.name === `\`${name}\``);
    if (!index) throw new Error(`no owner ${name}`);
    return use(sourceCode, index);
  });
}

const whyOf = (code: string, name: string) =>
  ownerNamed(code, name, (s, index) => longLivedOwner(s, index)?.why ?? null);

describe('longLivedOwner', () => {
  it('holds a server or an interval in a field', () => {
    expect(
      whyOf(`class Gateway { constructor() { this.http = http.createServer(); this.seen = []; } }`, 'Gateway'),
    ).toBe('holds the `createServer()` handle in `this.http`');
    expect(whyOf(`function Ticker() { this.beat = setInterval(tick, 10); }`, 'Ticker')).toBe(
      'holds the interval in `this.beat`',
    );
  });

  it('listens to another object with callbacks into itself, through arrows, `self` and bound methods', () => {
    expect(whyOf(`class Relay { attach(bus) { bus.on('msg', (m) => this.take(m)); } take() {} }`, 'Relay')).toBe(
      'listens to `bus`',
    );
    expect(
      whyOf(`function Relay(bus) { var self = this; bus.on('msg', function (m) { self.take(m); }); }`, 'Relay'),
    ).toBe('listens to `bus`');
    expect(whyOf(`function Door(srv) { this.srv = srv; srv.on('knock', this.open.bind(this)); }`, 'Door')).toBe(
      'listens to `srv`',
    );
  });

  it('extends an emitter with a lifecycle, in a class or ES5', () => {
    expect(whyOf(`class Line extends EventEmitter { connect() { this.up = true; } }`, 'Line')).toBe(
      'is an `EventEmitter` with a `connect()` lifecycle',
    );
    expect(
      whyOf(
        outdent`
          function Line() {}
          util.inherits(Line, events.EventEmitter);
          Line.prototype.close = function () { this.up = false; };
        `,
        'Line',
      ),
    ).toBe('is an `EventEmitter` with a `close()` lifecycle');
    expect(
      whyOf(
        outdent`
          function Line() {}
          Line.prototype.__proto__ = Emitter.prototype;
          Line.prototype.open = function () { this.up = true; };
        `,
        'Line',
      ),
    ).toBe('is an `Emitter` with an `open()` lifecycle');
  });

  it('handles its connection opening and closing', () => {
    expect(
      whyOf(
        outdent`
          function Feed(conn) { this.conn = conn; }
          Feed.prototype.onOpen = function () { this.ready = true; };
          Feed.prototype.onClose = function () { this.ready = false; };
        `,
        'Feed',
      ),
    ).toBe('handles its connection opening and closing (`onOpen()`, `onClose()`)');
  });

  it('is created at top level or exported as an instance', () => {
    expect(
      whyOf(
        outdent`
          class Registry { add(x) { this.all.push(x); } }
          module.exports = new Registry();
        `,
        'Registry',
      ),
    ).toBe('is exported as an instance');
    expect(
      whyOf(
        outdent`
          class Registry { add(x) { this.all.push(x); } }
          const registry = new Registry();
        `,
        'Registry',
      ),
    ).toBe('is created once, at module top level (line 2)');
  });

  it('is not long-lived without such evidence', () => {
    expect(whyOf(`class Builder { add(p) { this.parts.push(p); } }`, 'Builder')).toBeNull();
    expect(whyOf(`class Line extends EventEmitter { write(x) { this.all.push(x); } }`, 'Line')).toBeNull();
    expect(
      whyOf(
        outdent`
          function make() { return new Registry(); }
          class Registry { add(x) { this.all.push(x); } }
        `,
        'Registry',
      ),
    ).toBeNull();
    // Listening to a child it made itself keeps nothing else holding it.
    expect(
      whyOf(
        `class Signer { start() { this.body = new Body(); this.body.on('data', (c) => this.take(c)); } }`,
        'Signer',
      ),
    ).toBeNull();
    expect(
      whyOf(`class Signer { start() { const p = new Parser(); p.on('data', (c) => this.take(c)); } }`, 'Signer'),
    ).toBeNull();
    // Reading a stream to its end: a per-message object does that too.
    expect(
      whyOf(`class Signer { sign(input) { input.on('readable', () => this.read(input)); } }`, 'Signer'),
    ).toBeNull();
    // Listening to its own events keeps nothing else holding it.
    expect(whyOf(`class Self extends EventEmitter { start() { this.on('x', () => this.y()); } }`, 'Self')).toBeNull();
  });
});

describe('fileOwners', () => {
  it('indexes fields by name and by constant computed key, through `self = this`', () => {
    const keys = ownerNamed(
      outdent`
        const kClients = Symbol('clients');
        function Agent() { var self = this; this[kClients] = new Map(); self.count = 0; }
        Agent.prototype.get = function (k) { return this[kClients].get(k); };
      `,
      'Agent',
      (_, index) => [...index.fields.values()].map((field) => [field.display, field.uses.length]),
      false,
    );
    expect(keys).toEqual([
      ['this[kClients]', 2],
      ['this.count', 1],
    ]);
  });

  it('reads computed method names by their constant', () => {
    expect(plainName('[kClose]')).toBe('close');
    expect(plainName('close')).toBe('close');
  });
});

describe('perUnitMethods', () => {
  const code = outdent`
    class Hub extends EventEmitter {
      constructor(server) {
        super();
        server.on('connection', this.onConnection.bind(this));
        server.on('data', (d) => this.ingest(d));
      }
      onConnection(socket) { this.remember(socket); }
      remember(socket) {}
      ingest(d) {}
      send(m) {}
      configure(o) {}
    }
  `;
  it('knows handlers, bound listeners, per-request work, and what they call', () => {
    const roles = ownerNamed(code, 'Hub', (sourceCode, index) =>
      Object.fromEntries(
        [...perUnitMethods(sourceCode, index, () => 'on every `data` event').entries()].map(([name, role]) => [
          name,
          role.direct,
        ]),
      ),
    );
    expect(roles).toEqual({ onConnection: true, send: true, remember: false, ingest: false });
  });
});

describe('teardownMethods and abandonPaths', () => {
  const code = outdent`
    class Client {
      constructor(socket) {
        socket.on('close', () => this.fail());
        socket.on('data', (d) => this.parse(d));
      }
      parse(d) { this.flush(); }
      flush() {}
      fail() {}
      close() { this.drop(); this.flush(); }
      drop() {}
      onTimeout() {}
    }
  `;
  it('teardown is the close methods and the helpers only they call', () => {
    const names = ownerNamed(code, 'Client', (sourceCode, index) =>
      [...teardownMethods(sourceCode, index)].map((fn) => [...index.methods].find(([, m]) => m === fn)?.[0]),
    );
    expect(names).toEqual(['close', 'drop']);
  });

  it('abandon paths are close/timeout handlers and listeners, with the methods they call', () => {
    const paths = ownerNamed(code, 'Client', (sourceCode, index) =>
      abandonPaths(sourceCode, index).map((path) => [path.name, path.group, path.functions.size]),
    );
    expect(paths).toEqual([
      ['`onTimeout()`', 'timeout', 1],
      ['the `close` listener at line 3', 'close', 2],
    ]);
  });
});

describe('writesGrowthOnField', () => {
  it('finds growth written on a field of this or a receiver named like it', () => {
    const grown = [
      'this.peers.push(socket)',
      'this.byRoom[room][id] = s',
      'this.waiting.get(key).push(cb)',
      'me.cache.set(k, v)',
      '_this.items.concat(more)',
      '$this.queue.unshift(job)',
      'this.\n  list\n  .push(x)',
      'x[this.acks.push(cb)] = 1',
      'this.items = [...this.items, item]',
    ];
    expect(grown.filter((text) => !writesGrowthOnField(text))).toEqual([]);
  });

  it('does not take other receivers, comparisons, or growth of a nested member for it', () => {
    const other = [
      'xthis.a.push(1)',
      'some.list.push(1)',
      'this.x[k] == 1',
      'this.a.b.push(x)',
      'self [ kClients ] .add(x)',
      'list.push(this.value)',
    ];
    expect(other.filter((text) => writesGrowthOnField(text))).toEqual([]);
  });
});

import type { TSESTree } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { analyseRepetition } from '../../src/analysis/repetition.js';
import { longLivedTarget, outcomePairTarget, pathKey, pathOf } from '../../src/analysis/target-lifetime.js';
import { findNode, withSourceCode } from './parse.js';

/** The long-lived classification of the target of the first `.on(`/`.addEventListener(` call starting with `marker`. */
function targetAt(code: string, marker: string, sourceType: 'commonjs' | 'module' = 'commonjs') {
  return withSourceCode(
    code,
    (sourceCode) => {
      const call = findNode(sourceCode, marker, 'CallExpression') as TSESTree.CallExpression;
      const callee = call.callee as TSESTree.MemberExpression;
      const found = longLivedTarget(sourceCode, callee.object, call, analyseRepetition(sourceCode));
      return (
        found && { kind: found.kind, name: found.name, lifetime: found.lifetime, rerun: found.rerun?.trigger ?? null }
      );
    },
    sourceType,
  );
}

/** Whether the objects of the member expressions starting with `a` and `b` (`x` in `x.on`) are the same object. */
function sameObject(code: string, a: string, b: string) {
  return withSourceCode(code, (sourceCode) => {
    const objectOf = (marker: string) =>
      pathOf(sourceCode, (findNode(sourceCode, marker, 'MemberExpression') as TSESTree.MemberExpression).object);
    const first = objectOf(a);
    const second = objectOf(b);
    return first !== null && second !== null && pathKey(first) === pathKey(second);
  });
}

describe('pathOf', () => {
  it('follows const aliases, destructuring and `self = this`', () => {
    expect(
      sameObject(
        outdent`
          const proc = process;
          proc.on('exit', f);
          process.off('exit', f);
        `,
        'proc.on',
        'process.off',
      ),
    ).toBe(true);
    expect(
      sameObject(
        `function f(options) { const { signal } = options; signal.x; options.signal.y; }`,
        'signal.x',
        'options.signal.y',
      ),
    ).toBe(true);
    expect(
      sameObject(`function f(options) { const { signal } = options; signal.x; options.x; }`, 'signal.x', 'options.x'),
    ).toBe(false);
    expect(
      sameObject(
        `class A { m() { const self = this; self.socket.on(); } n() { this.socket.off(); } }`,
        'self.socket.on',
        'this.socket.off',
      ),
    ).toBe(true);
    // Reassigned: not an alias.
    expect(
      sameObject(
        outdent`
          let proc = process;
          proc = other;
          proc.on('exit', f);
          process.off('exit', f);
        `,
        'proc.on',
        'process.off',
      ),
    ).toBe(false);
  });

  it('keys a computed member by its constant, module-level or imported, and by nothing else', () => {
    const code = outdent`
      const kSocket = Symbol('socket');
      const { kQueue } = require('./symbols');
      function f(client, key) {
        client[kSocket].a;
        client[kSocket].b;
        client[kQueue].c;
        client[key].d;
        client[key].e;
      }
    `;
    expect(sameObject(code, 'client[kSocket].a', 'client[kSocket].b')).toBe(true);
    expect(sameObject(code, 'client[kSocket].a', 'client[kQueue].c')).toBe(false);
    expect(sameObject(code, 'client[key].d', 'client[key].e')).toBe(false);
  });

  it('gives the methods of one class, ES5 prototype or Babel class the same `this`', () => {
    expect(
      sameObject(`class A { start() { this.onExit.a; } stop() { this.onExit.b; } }`, 'this.onExit.a', 'this.onExit.b'),
    ).toBe(true);
    expect(
      sameObject(
        `class A { start() { this.onExit.a; } }\nclass B { stop() { this.onExit.b; } }`,
        'this.onExit.a',
        'this.onExit.b',
      ),
    ).toBe(false);
    const es5 = outdent`
      function Pool() { this.onExit.a; }
      Pool.prototype.close = function () { this.onExit.b; };
    `;
    expect(sameObject(es5, 'this.onExit.a', 'this.onExit.b')).toBe(true);
    const babel = outdent`
      function Pool() {}
      _createClass(Pool, [{ key: 'a', value: function a() { this.h.a; } }, { key: 'b', value: function b() { this.h.b; } }]);
    `;
    expect(sameObject(babel, 'this.h.a', 'this.h.b')).toBe(true);
  });

  it('is null for computed and call chains', () => {
    withSourceCode(`emitters[i].on('x', f); make().on('x', f);`, (sourceCode) => {
      expect(pathOf(sourceCode, findNode(sourceCode, 'emitters[i]', 'MemberExpression'))).toBeNull();
      expect(pathOf(sourceCode, findNode(sourceCode, 'make()', 'CallExpression'))).toBeNull();
    });
  });
});

describe('longLivedTarget', () => {
  it('knows the program-lifetime globals and their long-lived members', () => {
    expect(targetAt(`function f() { process.on('exit', g); }`, 'process.on')).toEqual({
      kind: 'program',
      name: 'process',
      lifetime: '`process` lives for the whole program',
      rerun: null,
    });
    expect(targetAt(`function f() { window.addEventListener('resize', g); }`, 'window.add')?.lifetime).toBe(
      '`window` lives as long as the page',
    );
    expect(targetAt(`function f() { document.body.addEventListener('click', g); }`, 'document.body')?.kind).toBe(
      'program',
    );
    expect(targetAt(`function f() { process.stdout.on('resize', g); }`, 'process.stdout')?.kind).toBe('program');
    expect(
      targetAt(`const proc = require('node:process');\nfunction f() { proc.on('exit', g); }`, 'proc.on')?.lifetime,
    ).toBe('`proc` lives for the whole program');
  });

  it('knows module-level emitters, imported singletons and static fields', () => {
    expect(
      targetAt(`const client = redis.createClient();\nfunction f() { client.on('error', g); }`, 'client.on'),
    ).toEqual({
      kind: 'module',
      name: 'client',
      lifetime: '`client` is created once at module level (line 1) and lives as long as the module',
      rerun: null,
    });
    expect(
      targetAt(`import bus from './bus.js';\nexport function f() { bus.on('x', g); }`, 'bus.on', 'module')?.lifetime,
    ).toBe("`bus` is imported from './bus.js', a module instance that lives for the whole program");
    expect(
      targetAt(
        outdent`
          const { ipcRenderer } = require('electron');
          function f() { ipcRenderer.on('x', g); }
        `,
        'ipcRenderer.on',
      )?.kind,
    ).toBe('imported');
    expect(
      targetAt(
        outdent`
          class Bus { static events = new E(); }
          function f() { Bus.events.on('x', g); }
        `,
        'Bus.events',
      )?.kind,
    ).toBe('static');
  });

  it("knows a request's socket and a caller's AbortSignal", () => {
    expect(targetAt(`app.get('/', (req, res) => { req.socket.on('close', g); });`, 'req.socket')?.lifetime).toBe(
      '`req.socket` is the connection, which keep-alive reuses across requests',
    );
    expect(targetAt(`async function mw(ctx) { ctx.req.socket.on('close', g); }`, 'ctx.req.socket')?.kind).toBe(
      'connection',
    );
    expect(
      targetAt(`function wait(ms, { signal }) { signal.addEventListener('abort', g); }`, 'signal.add')?.lifetime,
    ).toBe('`signal` comes from the caller, may outlive this call and may never abort');
    expect(
      targetAt(`function wait(ms, options) { options.signal.addEventListener('abort', g); }`, 'options.signal')?.kind,
    ).toBe('caller-signal');
  });

  it('is null for objects created in the same call, the request itself and replaced bindings', () => {
    expect(targetAt(`app.get('/', (req, res) => { req.on('close', g); });`, 'req.on')).toBeNull();
    expect(targetAt(`function f() { const child = spawn('ls'); child.on('exit', g); }`, 'child.on')).toBeNull();
    expect(
      targetAt(`function f() { const el = document.createElement('a'); el.addEventListener('click', g); }`, 'el.add'),
    ).toBeNull();
    expect(
      targetAt(
        outdent`
          let ws = connect();
          function reconnect() { ws = connect(); ws.on('message', g); }
        `,
        'ws.on',
      ),
    ).toBeNull();
    expect(targetAt(`const handlers = {};\nfunction f() { handlers.on('x', g); }`, 'handlers.on')).toBeNull();
    expect(
      targetAt(
        `function f() { const ac = new AbortController(); ac.signal.addEventListener('abort', g); }`,
        'ac.signal',
      ),
    ).toBeNull();
    expect(
      targetAt(
        `export async function GET(request) { request.signal.addEventListener('abort', g); }`,
        'request.signal',
        'module',
      ),
    ).toBeNull();
    expect(targetAt(`function f(process) { process.on('exit', g); }`, 'process.on')).toBeNull();
  });

  it('holds for `this.x` set in the constructor when a method that runs again registers on it', () => {
    const reconnecting = outdent`
      class Conn {
        constructor(socket) { this.socket = socket; }
        connect() {
          this.socket.on('data', g);
          this.socket.on('close', () => setTimeout(() => this.connect(), 100));
        }
      }
    `;
    expect(targetAt(reconnecting, "this.socket.on('data'")).toEqual({
      kind: 'instance-member',
      name: 'this.socket',
      lifetime: '`this.socket` is set once per instance, in the constructor, and outlives each run of `connect()`',
      rerun: 'each time `connect()` runs again (it is called again at line 5)',
    });
    expect(
      targetAt(`class C { constructor(s) { this.s = s; } reconnect() { this.s.on('x', g); } }`, 'this.s.on')?.rerun,
    ).toBe('on every call of `reconnect()`');
    expect(
      targetAt(
        `class C extends HTMLElement { constructor() { super(); this.bus = b; } connectedCallback() { this.bus.on('x', g); } }`,
        'this.bus.on',
      )?.kind,
    ).toBe('instance-member');
  });

  it('does not hold for `this.x` created in the method, registered in the constructor, or a method that runs once', () => {
    expect(
      targetAt(
        `class C { connect() { this.socket = net.connect(); this.socket.on('data', g); this.socket.on('close', () => this.connect()); } }`,
        "this.socket.on('data'",
      ),
    ).toBeNull();
    expect(targetAt(`class C { constructor(s) { this.s = s; this.s.on('x', g); } }`, 'this.s.on')).toBeNull();
    expect(
      targetAt(`class C { constructor(s) { this.s = s; } start() { this.s.on('x', g); } }`, 'this.s.on'),
    ).toBeNull();
    expect(
      targetAt(
        `class C { constructor(s) { this.s = s; } start() { this.s.on('x', g); } swap(s) { this.s = s; } reconnect() { this.start(); } }`,
        'this.s.on',
      ),
    ).toBeNull();
  });
});

describe('long-lived for a second run', () => {
  it('holds for a request socket reached through a context made per request, or a context class', () => {
    expect(
      targetAt(`function handle(req, res) { const ctx = make(req, res); ctx.socket.on('error', g); }`, 'ctx.socket')
        ?.kind,
    ).toBe('connection');
    expect(targetAt(`class Ctx { m() { this.req.socket.on('close', g); } }`, 'this.req.socket')?.kind).toBe(
      'connection',
    );
    expect(targetAt(`function f() { const pool = make(); pool.socket.on('close', g); }`, 'pool.socket')).toBeNull();
  });

  it('holds for the signal in the options an instance was given', () => {
    expect(
      targetAt(`class P { poll() { this.options.signal.addEventListener('abort', g); } }`, 'this.options.signal')?.kind,
    ).toBe('caller-signal');
    expect(targetAt(`class P { poll() { this.state.signal.addEventListener('abort', g); } }`, 'this.state')).toBeNull();
  });

  it('holds for a local emitter registered on by an inner function that calls itself again', () => {
    const retried = outdent`
      function request(open) {
        const ee = new EventEmitter();
        const get = () => {
          ee.on('x', g);
          open(() => setTimeout(get, 10));
        };
        get();
      }
    `;
    expect(targetAt(retried, 'ee.on')).toEqual({
      kind: 'captured',
      name: 'ee',
      lifetime: '`ee` is created once per call of `request()` (line 2) and outlives each run of `get()`',
      rerun: 'each time `get()` runs again (it calls itself again at line 5)',
    });
    expect(
      targetAt(
        outdent`
          function request() {
            const ee = new EventEmitter();
            const get = () => ee.on('x', g);
            get();
          }
        `,
        'ee.on',
      ),
    ).toBeNull();
  });

  it('holds for a shared client registered on by the constructor of a per-query object', () => {
    expect(
      targetAt(
        `class Query { constructor(client) { this.client = client; this.client.on('error', g); } }`,
        'this.client',
      )?.lifetime,
    ).toBe('`this.client` is the client every `Query` is given, and outlives each `Query`');
    expect(targetAt(`function Cursor(topology) { topology.once('close', g); }`, 'topology')?.kind).toBe(
      'shared-client',
    );
    expect(targetAt(`class Session { constructor(client) { client.on('error', g); } }`, 'client')).toBeNull();
    expect(targetAt(`class Query { constructor(socket) { socket.on('error', g); } }`, 'socket')).toBeNull();
  });

  it('holds for a field under a constant key that a class of the file sets, reached through a parameter', () => {
    const client = outdent`
      const kSocket = Symbol('socket');
      class Client {
        constructor() { this[kSocket] = null; }
        send(request) { write(this, request); }
      }
      function write(client, request) {
        const socket = client[kSocket];
        socket.on('close', request.onClose);
      }
    `;
    expect(targetAt(client, 'socket.on')).toEqual({
      kind: 'kept-field',
      name: 'socket',
      lifetime:
        '`socket` is the `[kSocket]` a `Client` keeps, the same object on every call of `write()` for that `client`',
      rerun: null,
    });
    // The function that sets the field makes the object it registers on.
    const connect = client.replace(
      'const socket = client[kSocket];',
      'const socket = client[kSocket] = net.connect();',
    );
    expect(targetAt(connect, 'socket.on')).toBeNull();
    // No class of the file sets it: nothing says whose field it is.
    expect(targetAt(client.replace('this[kSocket] = null;', ''), 'socket.on')).toBeNull();
    // A plain name is not a key only the class's instances carry.
    expect(targetAt(client.replaceAll('[kSocket]', '.socket'), 'socket.on')).toBeNull();
  });

  it('outlives the call for an outcome pair: `this` in a method, a parameter passed again by a loop', () => {
    const pairTarget = (code: string, marker: string) =>
      withSourceCode(code, (sourceCode) => {
        const call = findNode(sourceCode, marker, 'CallExpression') as TSESTree.CallExpression;
        const found = outcomePairTarget(sourceCode, (call.callee as TSESTree.MemberExpression).object, call);
        return found && { lifetime: found.lifetime, rerun: found.rerun?.trigger ?? null };
      });
    expect(pairTarget(`class C { connect(cb) { this.once('error', cb); } }`, 'this.once')).toEqual({
      lifetime: '`this` outlives each call of `connect()`',
      rerun: null,
    });
    expect(pairTarget(`class C { constructor(cb) { this.once('error', cb); } }`, 'this.once')).toBeNull();
    expect(
      pairTarget(
        outdent`
          function bind(s, p) { s.on('error', g); }
          for (const p of ports) bind(server, p);
        `,
        's.on',
      ),
    ).toEqual({
      lifetime: "`s` is the caller's, and outlives each call of `bind()`",
      rerun: 'on every iteration of the loop at line 2, which calls `bind()` with the same `s`',
    });
    expect(
      pairTarget(
        outdent`
          function bind(s, p) { s.on('error', g); }
          for (const p of ports) bind(make(p), p);
        `,
        's.on',
      ),
    ).toBeNull();
    expect(
      pairTarget(
        outdent`
          function bind(s, p) { s.on('error', g); }
          for (const p of ports) { const s2 = make(); bind(s2, p); }
        `,
        's.on',
      ),
    ).toBeNull();
  });
});

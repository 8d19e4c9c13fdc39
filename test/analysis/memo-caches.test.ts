import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { enclosingFunction, fileNodes } from '../../src/analysis/ast.js';
import {
  clockComparisons,
  keyOrigin,
  mayHoldExpiringMemo,
  mayHoldMemoCache,
  memoCaches,
  memoHolderWords,
} from '../../src/analysis/memo-caches.js';
import { findNode, withSourceCode } from './parse.js';

/** Where the key of the first `set(` call comes from. */
function originOf(code: string) {
  return withSourceCode(code, (sourceCode) => {
    const call = findNode(sourceCode, 'cache.set(', 'CallExpression');
    if (call.type !== 'CallExpression' || !call.arguments[0]) throw new Error('no set call');
    const fn = enclosingFunction(call);
    if (!fn) throw new Error('no function');
    return keyOrigin(sourceCode, call.arguments[0], fn);
  });
}

/** Each memo cache in short: name, holder, reason and the line of its growth. */
function cachesIn(code: string, sourceType: 'commonjs' | 'module' = 'commonjs') {
  return withSourceCode(
    code,
    (sourceCode) =>
      memoCaches(sourceCode).map((cache) => ({
        name: cache.name,
        holder: memoHolderWords(cache.holder),
        reason: cache.reason.kind,
        line: cache.site.node.loc.start.line,
        weakable: cache.weakable !== null,
      })),
    sourceType,
  );
}

describe('keyOrigin', () => {
  it('reads a serialised argument, through a local', () => {
    expect(
      originOf(outdent`
        function format(opts) {
          const key = JSON.stringify(opts);
          cache.set(key, 1);
        }
      `),
    ).toEqual({ kind: 'serialised', source: 'JSON.stringify(opts)' });
  });

  it('reads a joined list of arguments', () => {
    expect(originOf('function f(parts) { cache.set(parts.join("/"), 1); }')).toEqual({
      kind: 'serialised',
      source: 'parts.join("/")',
    });
  });

  it('reads URL and SQL text, bare, as a property, or inside a template or a concatenation', () => {
    expect(originOf('function f(url) { cache.set(url, 1); }')).toEqual({ kind: 'data', source: 'url' });
    expect(originOf('function f(req) { cache.set(req.originalUrl, 1); }')).toEqual({
      kind: 'data',
      source: 'req.originalUrl',
    });
    expect(originOf('function f(method, sql) { cache.set(`${method}:${sql}`, 1); }')).toEqual({
      kind: 'data',
      source: 'sql',
    });
    expect(originOf('function f(o) { cache.set("GET " + o.href, 1); }')).toEqual({ kind: 'data', source: 'o.href' });
  });

  it('reads a caller object used as the key: named as one, or with its properties read', () => {
    expect(originOf('function f(options) { cache.set(options, 1); }')).toEqual({ kind: 'object', source: 'options' });
    expect(originOf('function f(spec) { cache.set(spec, spec.size); }')).toEqual({ kind: 'object', source: 'spec' });
  });

  it('leaves names, paths, ids, hosts and string parameters alone: a few of each in a program', () => {
    expect(originOf('function f(name) { cache.set(name, 1); }')).toBeNull();
    expect(originOf('function f(filePath) { cache.set(filePath, 1); }')).toBeNull();
    expect(originOf('function f(id) { cache.set(id, 1); }')).toBeNull();
    expect(originOf('function f(options) { cache.set(options.host, 1); }')).toBeNull();
    expect(originOf('function f(event) { cache.set("$" + event, 1); }')).toBeNull();
    expect(originOf('function f(lang) { cache.set(lang, lang.toLowerCase()); }')).toBeNull();
    expect(originOf('function f(key = "main") { cache.set(key, key.x); }')).toBeNull();
  });

  it('leaves keys that are not per-call data alone', () => {
    expect(originOf('const url = "x"; function f() { cache.set(url, 1); }')).toBeNull();
    expect(originOf('function f(url) { let key = url; key = "x"; cache.set(key, 1); }')).toBeNull();
  });
});

describe('clockComparisons', () => {
  it('finds stamps compared with the clock, directly or through a local', () => {
    const names = (code: string) =>
      withSourceCode(code, (sourceCode) => [...clockComparisons(sourceCode, fileNodes(sourceCode)).keys()]);
    expect(names('if (hit.expires < Date.now()) {}')).toEqual(['expires']);
    expect(names('const now = Date.now(); if (now - hit.time > ttl) {}')).toEqual(['time']);
    expect(names('if (a.time - b.time > 10) {}')).toEqual([]);
    expect(names('if (hit.count > 3) {}')).toEqual([]);
  });
});

describe('prefilters', () => {
  it('needs a keyed write and a collection', () => {
    expect(mayHoldMemoCache('const m = new Map(); m.set(k, v);')).toBe(true);
    expect(mayHoldMemoCache('const d = {}; d[k] = v;')).toBe(true);
    expect(mayHoldMemoCache('const m = new Map(); m.get(k);')).toBe(false);
    expect(mayHoldExpiringMemo('const m = new Map(); m.set(k, { at: Date.now() });')).toBe(true);
    expect(mayHoldExpiringMemo('const m = new Map(); m.set(k, v);')).toBe(false);
  });
});

describe('memoCaches', () => {
  it('finds a cache in a classic script, whose top-level names are in the global scope', () => {
    const code = outdent`
      var formats = new Map();
      this.format = function (value, opts) {
        const key = JSON.stringify(opts);
        if (!formats.has(key)) formats.set(key, make(opts));
        return formats.get(key)(value);
      };
    `;
    const found = (sourceType: 'script' | 'commonjs') =>
      withSourceCode(
        code,
        (sourceCode) => memoCaches(sourceCode).map((cache) => [cache.name, cache.reason.kind]),
        sourceType,
      );
    expect(found('script')).toEqual([['formats', 'serialised']]);
    expect(found('commonjs')).toEqual([['formats', 'serialised']]);
  });

  it('asks a further text test only of a file with a collection to look at, and then needs it passed', () => {
    const cache = outdent`
      const formats = new Map();
      exports.format = (opts) => {
        const key = JSON.stringify(opts);
        if (!formats.has(key)) formats.set(key, make(opts));
        return formats.get(key);
      };
    `;
    const asked: string[] = [];
    const withTest = (code: string, answer: boolean) =>
      withSourceCode(code, (sourceCode) =>
        memoCaches(sourceCode, {
          runOnce: ['setup'], // not shared: each call analyses afresh
          textTest: (text) => {
            asked.push(text);
            return answer;
          },
        }).map((found) => found.name),
      );
    expect(withTest(cache, false)).toEqual([]);
    expect(withTest(cache, true)).toEqual(['formats']);
    expect(asked).toHaveLength(2);
    expect(withTest('exports.f = (opts) => { const m = {}; m[opts.url] = 1; };', true)).toEqual([]);
    expect(asked).toHaveLength(2);
  });

  it('finds a module-level cache under a serialised key, in an export', () => {
    expect(
      cachesIn(outdent`
        const formats = new Map();
        exports.format = function (value, opts) {
          const key = JSON.stringify(opts);
          let f = formats.get(key);
          if (!f) formats.set(key, (f = make(opts)));
          return f(value);
        };
      `),
    ).toEqual([
      {
        name: 'formats',
        holder: 'the module scope (declared at line 1)',
        reason: 'serialised',
        line: 5,
        weakable: false,
      },
    ]);
  });

  it('offers a WeakMap for a cache keyed by callers’ objects only when it is read by key alone', () => {
    const code = (extra: string) => outdent`
      const sizes = new Map();
      export function measure(options) {
        if (!sizes.has(options)) sizes.set(options, compute(options.width));
        return sizes.get(options);
      }
      ${extra}
    `;
    expect(cachesIn(code(''), 'module')).toMatchObject([{ name: 'sizes', reason: 'object', weakable: true }]);
    // Iterated: a registry of what callers hand over, not a side table.
    expect(cachesIn(code('export const all = () => [...sizes.values()];'), 'module')).toEqual([]);
  });

  it('finds entries stamped with an expiry that nothing deletes, and not once something does', () => {
    const code = (evict: string) => outdent`
      const answers = new Map();
      module.exports.lookup = (options, cb) => {
        const hit = answers.get(options.host);
        if (hit && hit.expires > Date.now()) return cb(null, hit.value);
        ${evict}
        resolve(options.host, (err, value) => {
          answers.set(options.host, { value, expires: Date.now() + 60000 });
          cb(err, value);
        });
      };
    `;
    expect(cachesIn(code(''))).toMatchObject([{ name: 'answers', reason: 'expiry', line: 7 }]);
    expect(cachesIn(code('if (hit) answers.delete(options.host);'))).toEqual([]);
  });

  it('is silent for a size-bounded cache, a release, an escape, a fresh key, and run-once or handler code', () => {
    const serialised = (body: string, tail = '') => outdent`
      const cache = new Map();
      exports.get = function (opts) {
        const key = JSON.stringify(opts);
        ${body}
        cache.set(key, opts);
      };
      ${tail}
    `;
    expect(cachesIn(serialised('if (cache.size > 100) cache.delete(cache.keys().next().value);'))).toEqual([]);
    expect(cachesIn(serialised('', 'exports.reset = () => cache.clear();'))).toEqual([]);
    expect(cachesIn(serialised('', 'exports.cache = cache;'))).toEqual([]);
    // Created through another binding, which may be trimmed: only `module.exports.x = …` is followed.
    expect(
      cachesIn(outdent`
        let other;
        const cache = (other = new Map());
        exports.get = function (opts) { cache.set(JSON.stringify(opts), 1); };
        exports.reset = () => other.clear();
      `),
    ).toEqual([]);
    expect(
      cachesIn(outdent`
        const cache = new Map();
        function load(opts) { cache.set(JSON.stringify(opts), 1); }
        load({ a: 1 });
      `),
    ).toEqual([]);
    // A handler's keys come from the outside world: no-unbounded-collection reports those.
    expect(
      cachesIn(outdent`
        const cache = {};
        app.get('/', (req, res) => { cache[req.url] = Date.now(); res.end(); });
      `),
    ).toEqual([]);
  });

  it('finds an emptied array whose key stays, on any instance, and not once the key is deleted after the splice', () => {
    const code = (after: string) => outdent`
      function Bus() {}
      Bus.prototype.on = function (topic, fn) {
        this.subs = this.subs || {};
        (this.subs[topic] = this.subs[topic] || []).push(fn);
      };
      Bus.prototype.off = function (topic, fn) {
        if (arguments.length === 1) { delete this.subs[topic]; return; }
        const list = this.subs[topic];
        list.splice(list.indexOf(fn), 1);
        ${after}
      };
      module.exports = Bus;
    `;
    expect(cachesIn(code(''))).toEqual([
      { name: 'this.subs', holder: 'each instance of the `Bus`', reason: 'emptied', line: 4, weakable: false },
    ]);
    expect(cachesIn(code('if (list.length === 0) delete this.subs[topic];'))).toEqual([]);
  });

  it('finds a long-lived owner’s cache keyed by URLs in a method callers call', () => {
    expect(
      cachesIn(outdent`
        const http = require('http');
        class Proxy {
          constructor() { this.server = http.createServer(); this.routes = new Map(); }
          resolve(url) {
            if (!this.routes.has(url)) this.routes.set(url, parse(url));
            return this.routes.get(url);
          }
        }
        module.exports = Proxy;
      `),
    ).toEqual([
      {
        name: 'this.routes',
        holder: 'the `Proxy`, which holds the `createServer()` handle in `this.server`,',
        reason: 'data',
        line: 5,
        weakable: false,
      },
    ]);
  });

  it('is silent for the same cache on an owner the file does not show to be long-lived', () => {
    expect(
      cachesIn(outdent`
        class Parser {
          constructor() { this.routes = new Map(); }
          resolve(url) { this.routes.set(url, parse(url)); }
        }
        module.exports = Parser;
      `),
    ).toEqual([]);
  });

  it('survives odd code', () => {
    expect(cachesIn('const c = {}; c[1] = 2; function f(...a) { c[a] = 1; }')).toEqual([]);
    expect(cachesIn('const m = new Map(); const { x } = m; m.set();')).toEqual([]);
  });
});

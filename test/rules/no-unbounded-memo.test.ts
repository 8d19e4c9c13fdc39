import { readFileSync } from 'node:fs';
import { outdent } from 'outdent';
import rule from '../../rules/no-unbounded-memo.js';
import { commonjsTester, moduleTester, typescriptTester } from './tester.js';

const proof = (name: string) =>
  readFileSync(new URL(`../../examples/proofs/no-unbounded-memo/${name}`, import.meta.url), 'utf8');

const emitter = (off: string) => outdent`
  module.exports = Bus;
  function Bus() {}
  Bus.prototype.on = function (topic, fn) {
    this.subs = this.subs || {};
    (this.subs['$' + topic] = this.subs['$' + topic] || []).push(fn);
    return this;
  };
  Bus.prototype.off = function (topic, fn) {
    if (arguments.length === 0) {
      this.subs = {};
      return this;
    }
    var list = this.subs['$' + topic];
    if (!list) return this;
    if (arguments.length === 1) {
      delete this.subs['$' + topic];
      return this;
    }
    list.splice(list.indexOf(fn), 1);
    ${off}
    return this;
  };
`;

commonjsTester.run('no-unbounded-memo', rule, {
  valid: [
    proof('fixed.cjs'),
    // A memo keyed by a name: a few of them in a program.
    outdent`
      const loggers = {};
      exports.getLogger = function (name) {
        return loggers[name] || (loggers[name] = { name });
      };
    `,
    // Keyed by file paths: bounded by the files the program has.
    outdent`
      const sources = new Map();
      exports.read = function (filePath) {
        if (!sources.has(filePath)) sources.set(filePath, require('fs').readFileSync(filePath, 'utf8'));
        return sources.get(filePath);
      };
    `,
    // A size check bounds it.
    outdent`
      const pages = new Map();
      exports.page = function (url) {
        if (pages.size > 500) pages.clear();
        pages.set(url, render(url));
      };
    `,
    // Entries are deleted somewhere in the file.
    outdent`
      const pending = {};
      exports.start = function (req) { pending[req.url] = Date.now(); };
      exports.end = function (req) { delete pending[req.url]; };
    `,
    // Handed to other code, which may trim it.
    outdent`
      const compiled = new Map();
      exports.compile = function (sql) { compiled.set(sql, prepare(sql)); };
      exports.compiled = compiled;
    `,
    // Keyed by the callers' objects, but iterated: a registry of what they hand over.
    outdent`
      const transports = new Map();
      exports.add = function (options) { transports.set(options, open(options.port)); };
      exports.each = function (fn) { transports.forEach(fn); };
    `,
    // Start-up code, once.
    outdent`
      const routes = new Map();
      function add(url) { routes.set(url, 1); }
      add('/');
    `,
    // The key is deleted once its array is empty.
    emitter("if (list.length === 0) delete this.subs['$' + topic];"),
  ],
  invalid: [
    {
      code: proof('leaky.cjs'),
      errors: [
        {
          messageId: 'serialisedKey',
          data: {
            name: 'formatters',
            trigger: 'in `formatterFor()`, which runs on every call of `formatPrice()`',
            source: 'JSON.stringify(options)',
            holder: 'the module scope (declared at line 3)',
          },
          line: 10,
          column: 5,
        },
      ],
    },
    {
      code: outdent`
        const statements = {};
        exports.query = function (sql, params) {
          const text = \`\${sql} -- \${params.length}\`;
          if (!statements[text]) statements[text] = prepare(sql);
          return statements[text].run(params);
        };
      `,
      errors: [
        {
          messageId: 'dataKey',
          data: {
            name: 'statements',
            trigger: 'on every call of `query()`',
            source: 'sql',
            holder: 'the module scope (declared at line 1)',
          },
          line: 4,
          column: 26,
        },
      ],
    },
    {
      code: emitter(''),
      errors: [
        {
          messageId: 'emptiedKept',
          data: {
            name: 'this.subs',
            trigger: 'on every call of `on()`',
            line: 19,
            holder: 'each instance of the `Bus`',
          },
          line: 5,
          column: 4,
        },
      ],
    },
  ],
});

moduleTester.run('no-unbounded-memo (ES modules)', rule, {
  valid: [],
  invalid: [
    {
      code: outdent`
        const layouts = new Map();
        export function layoutOf(options) {
          let layout = layouts.get(options);
          if (!layout) layouts.set(options, (layout = measure(options.width)));
          return layout;
        }
      `,
      errors: [
        {
          messageId: 'objectKey',
          data: {
            name: 'layouts',
            trigger: 'on every call of `layoutOf()`',
            source: 'options',
            holder: 'the module scope (declared at line 1)',
          },
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'useWeakMap',
              data: { name: 'layouts' },
              output: outdent`
                const layouts = new WeakMap();
                export function layoutOf(options) {
                  let layout = layouts.get(options);
                  if (!layout) layouts.set(options, (layout = measure(options.width)));
                  return layout;
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});

typescriptTester.run('no-unbounded-memo (TypeScript)', rule, {
  valid: [
    // Not shown to be long-lived: the cache dies with its instance.
    outdent`
      export class Router {
        private routes = new Map<string, Route>();
        resolve(url: string): Route {
          if (!this.routes.has(url)) this.routes.set(url, parse(url));
          return this.routes.get(url)!;
        }
      }
    `,
  ],
  invalid: [
    {
      code: outdent`
        import { createServer, type Server } from 'node:http';
        export class Gateway {
          private server: Server;
          private routes = new Map<string, Route>();
          constructor() {
            this.server = createServer();
          }
          resolve(url: string): Route {
            if (!this.routes.has(url)) this.routes.set(url, parse(url));
            return this.routes.get(url)!;
          }
          listen(port: number) { this.server.listen(port); }
        }
      `,
      errors: [
        {
          messageId: 'dataKey',
          data: {
            name: 'this.routes',
            trigger: 'on every call of `resolve()`',
            source: 'url',
            holder: 'the `Gateway`, which holds the `createServer()` handle in `this.server`,',
          },
          line: 9,
          column: 32,
        },
      ],
    },
  ],
});

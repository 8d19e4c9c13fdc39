import { outdent } from 'outdent';
import rule from '../../rules/no-unbounded-collection.js';
import { commonjsTester, typescriptTester } from './tester.js';

/** A module-level cache of lookups whose entries carry an expiry; `evict` is what the file does with stale ones. */
const lookups = (evict: string) => outdent`
  const answers = (module.exports.answers = new Map());
  module.exports.lookup = (options, callback) => {
    const hit = answers.get(options.host);
    if (hit && hit.expires > Date.now()) return callback(null, hit.value);
    ${evict}
    resolve(options.host, (error, value) => {
      answers.set(options.host, { value, expires: Date.now() + 60000 });
      callback(error, value);
    });
  };
`;

commonjsTester.run('no-unbounded-collection (expiring memo caches)', rule, {
  valid: [
    // Stale entries are deleted.
    lookups('if (hit) answers.delete(options.host);'),
    // A memo without an expiry: keyed by what callers pass, bounded by them (no-unbounded-memo, strict, asks more).
    outdent`
      const answers = new Map();
      exports.lookup = function (host) {
        if (!answers.has(host)) answers.set(host, resolve(host));
        return answers.get(host);
      };
    `,
    // A time stamp that nothing compares with the clock is a record, not an expiry.
    outdent`
      const seen = new Map();
      exports.touch = function (host) { seen.set(host, { at: Date.now() }); };
      exports.report = function (host) { return seen.get(host).at; };
    `,
    // Bounded by a size check.
    outdent`
      const answers = new Map();
      exports.lookup = function (host) {
        const hit = answers.get(host);
        if (hit && hit.expires > Date.now()) return hit.value;
        if (answers.size >= 1000) answers.clear();
        answers.set(host, { value: resolve(host), expires: Date.now() + 1000 });
      };
    `,
  ],
  invalid: [
    {
      code: lookups(''),
      errors: [
        {
          messageId: 'expiredKept',
          data: {
            name: 'answers',
            trigger: 'on every call of the callback passed to `resolve()`',
            property: 'expires',
            line: 4,
            holder: 'the module scope (declared at line 1)',
          },
          line: 7,
          column: 5,
        },
      ],
    },
    {
      // The clock read into a local first, and a time stamp compared with it.
      code: outdent`
        const pages = {};
        exports.render = function (path) {
          const now = Date.now();
          const cached = pages[path];
          if (cached && now - cached.time < 5000) return cached.html;
          const html = build(path);
          pages[path] = { html, time: now };
          return html;
        };
      `,
      errors: [
        {
          messageId: 'expiredKept',
          data: {
            name: 'pages',
            trigger: 'on every call of `render()`',
            property: 'time',
            line: 5,
            holder: 'the module scope (declared at line 1)',
          },
          line: 7,
          column: 3,
        },
      ],
    },
  ],
});

typescriptTester.run('no-unbounded-collection (expiring memo caches, TypeScript)', rule, {
  valid: [],
  invalid: [
    {
      code: outdent`
        import { createServer, type Server } from 'node:http';
        interface Entry { token: string; expiresAt: number }
        export class TokenStore {
          private server: Server;
          private tokens = new Map<string, Entry>();
          constructor() {
            this.server = createServer();
          }
          token(user: string): string {
            const entry = this.tokens.get(user);
            if (entry && entry.expiresAt > Date.now()) return entry.token;
            const token = issue(user);
            this.tokens.set(user, { token, expiresAt: Date.now() + 3600_000 });
            return token;
          }
        }
      `,
      errors: [
        {
          messageId: 'expiredKept',
          data: {
            name: 'this.tokens',
            trigger: 'on every call of `token()`',
            property: 'expiresAt',
            line: 11,
            holder: 'the `TokenStore`, which holds the `createServer()` handle in `this.server`,',
          },
          line: 13,
          column: 5,
        },
      ],
    },
  ],
});

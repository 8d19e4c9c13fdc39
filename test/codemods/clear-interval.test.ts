/** clear-interval: what it says about each place, the names it picks, and the places it leaves to a person. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import transform, { intervalReports, run } from '../../codemods/clear-interval.js';

const DIRECTORY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/clear-interval');
const file = (name: string): string => path.join(DIRECTORY, name);
const SEED_INCREMENT = outdent`
  function increment() {
    const data = [];
    let counter = 0;
    return function inner() {
      data.push(counter++);
    };
  }

`;

describe('clear-interval: the seed article', () => {
  const seed = `${SEED_INCREMENT}setInterval(increment(), 1000);\n`;

  it('captures the handle of setInterval(increment(), 1000) and leaves a TODO to decide when to clear it', () => {
    const outcome = run(seed, file('seed.js'));
    expect(outcome.status).toBe('changed');
    expect(outcome.output).toBe(
      outdent`
        ${SEED_INCREMENT}// TODO(leakproof): clearInterval(intervalId) when the module is done
        const intervalId = setInterval(increment(), 1000);

      `,
    );
    expect(outcome.review).toEqual([
      {
        kind: 'decision',
        line: 8,
        message:
          'added `TODO(leakproof): clearInterval(intervalId) when the module is done`: no teardown to clear it in',
      },
    ]);
    expect(outcome.skipped).toEqual([]);
  });

  it('lists the TODO again on a second run, and changes nothing', () => {
    const first = run(seed, file('seed.js')).output;
    const second = run(first, file('seed.js'));
    expect(second.status).toBe('unchanged');
    expect(second.output).toBe(first);
    expect(second.review).toEqual([
      {
        kind: 'decision',
        line: 9,
        message: 'a TODO(leakproof) comment asks for `clearInterval(intervalId)` when the module is done',
      },
    ]);
  });

  it('completes the fix when the module also holds a server', () => {
    const code = outdent`
      const http = require('node:http');
      ${SEED_INCREMENT}const server = http.createServer(() => {});
      setInterval(increment(), 1000);

    `;
    const outcome = run(code, file('seed-server.js'));
    expect(outcome.output).toBe(
      outdent`
        const http = require('node:http');
        ${SEED_INCREMENT}const server = http.createServer(() => {});
        const intervalId = setInterval(increment(), 1000);
        server.on('close', () => clearInterval(intervalId));

      `,
    );
    expect(outcome.review).toEqual([]);
    expect(intervalReports(outcome.output, file('seed-server.js'))).toEqual([]);
  });
});

describe('clear-interval: places it leaves alone say why', () => {
  it.each([
    [
      'a handle discarded inside an expression',
      outdent`
        module.exports = (fast) => {
          fast ? setInterval(tick, 10) : null;
        };
        function tick() {}

      `,
      'the interval started here is not cleared: its handle is discarded inside an expression; keep it in a variable by hand',
    ],
    [
      'an interval in a loop of an effect',
      outdent`
        import { useEffect } from 'react';
        export function A({ items }) {
          useEffect(() => {
            for (const item of items) setInterval(item.tick, 100);
          }, [items]);
        }

      `,
      'the interval started here is not cleared: it starts in a loop of the `useEffect()` setup, so one variable cannot hold every handle',
    ],
    [
      'an effect that returns early after the interval starts',
      outdent`
        import { useEffect } from 'react';
        export function A({ ready, tick }) {
          useEffect(() => {
            setInterval(tick, 100);
            if (!ready) return;
            tick();
          }, [ready, tick]);
        }

      `,
      'the interval started here is not cleared: the `useEffect()` setup can return before a cleanup at its end would run',
    ],
    [
      'an effect whose cleanup is returned before the interval starts',
      outdent`
        import { useEffect } from 'react';
        export function A({ ready, tick }) {
          useEffect(() => {
            if (!ready) return () => {};
            setInterval(tick, 100);
          }, [ready, tick]);
        }

      `,
      'the interval started here is not cleared: the `useEffect()` setup returns its cleanup before the interval starts, or returns without it after',
    ],
    [
      'an effect with two cleanups',
      outdent`
        import { useEffect } from 'react';
        export function A({ fast, tick }) {
          useEffect(() => {
            setInterval(tick, 100);
            if (fast) return () => tick.fast();
            return () => tick.slow();
          }, [fast, tick]);
        }

      `,
      'the interval started here is not cleared: the `useEffect()` setup returns a cleanup the codemod cannot extend',
    ],
    [
      'a TypeScript object literal, which cannot take a new field',
      outdent`
        export const pump = {
          start(): void {
            setInterval(() => this.run(), 10);
          },
          run(): void {},
          stop(): void {},
        };

      `,
      'the interval started here is not cleared: TypeScript does not let the codemod add a field to the object literal',
    ],
  ])('%s', (_, code, message) => {
    const name = code.includes('useEffect') ? 'left.jsx' : code.includes(': void') ? 'left.ts' : 'left.js';
    const outcome = run(code, file(name));
    expect(outcome.status).toBe('unchanged');
    expect(outcome.output).toBe(code);
    expect(outcome.skipped.map((reason) => reason.message)).toEqual([message]);
  });

  it('fixes exactly what no-leaked-timer reports: timeouts and unref()ed start-up intervals are not its business', () => {
    const code = outdent`
      setTimeout(tick, 10);
      setInterval(tick, 1000).unref();
      function tick() {}

    `;
    expect(intervalReports(code, file('quiet.js'))).toEqual([]);
    expect(run(code, file('quiet.js'))).toEqual({ status: 'unchanged', output: code, skipped: [], review: [] });
  });

  it('honours an eslint-disable comment for the rule', () => {
    const code = outdent`
      /* eslint-disable leakproof/no-leaked-timer */
      setInterval(tick, 1000);
      function tick() {}

    `;
    expect(run(code, file('disabled.js')).status).toBe('unchanged');
  });

  it('skips a file it cannot parse, saying so', () => {
    expect(run('setInterval(tick, 1000\n', file('broken.js')).skipped).toEqual([
      { category: 'cannot parse', line: 2, message: 'cannot parse: Unexpected token' },
    ]);
  });

  it('says a file without intervals cannot parse, rather than unchanged', () => {
    const outcome = run(
      outdent`
        function f() {
          return (1;
        }

      `,
      file('broken.js'),
    );
    expect(outcome.status).toBe('skipped');
    expect(outcome.skipped).toEqual([
      { category: 'cannot parse', line: 2, message: 'cannot parse: Unexpected token ;' },
    ]);
  });

  it('takes module syntax and JSX in a file without intervals as parsing', () => {
    expect(
      run(
        outdent`
          import a from "a";
          export const b = <div>{a}</div>;

        `,
        file('view.js'),
      ).status,
    ).toBe('unchanged');
  });

  it('reads a file with an eslint-env comment, which flat-config ESLint refuses', () => {
    const outcome = run(
      outdent`
        /* eslint-env node */
        setInterval(tick, 1000);

      `,
      file('env.js'),
    );
    expect(outcome.status).toBe('changed');
    expect(outcome.output).toBe(
      outdent`
        /* eslint-env node */
        // TODO(leakproof): clearInterval(intervalId) when the module is done
        var intervalId = setInterval(tick, 1000);

      `,
    );
  });

  it.each([
    [
      'a field unref()ed in the next statement',
      outdent`
        class A {
          start() {
            this.t = setInterval(tick, 1000);
            this.t.unref();
          }
        }

      `,
    ],
    [
      'a variable unref()ed behind a guard',
      outdent`
        module.exports = function start() {
          var t = setInterval(tick, 1000);
          t.unref && t.unref();
        };

      `,
    ],
  ])('adds no TODO for %s', (_, code) => {
    expect(run(code, file('unref.js'))).toEqual({ status: 'unchanged', output: code, skipped: [], review: [] });
  });
});

describe("clear-interval: the module's own teardown", () => {
  it.each([
    [
      'a SIGTERM handler below the interval',
      outdent`
        setInterval(flush, 1000);
        process.on('SIGTERM', function () {
          process.exit(0);
        });

      `,
      outdent`
        var intervalId = setInterval(flush, 1000);
        process.on('SIGTERM', function () {
          clearInterval(intervalId);
          process.exit(0);
        });

      `,
    ],
    [
      'a beforeExit handler added by any method that adds a listener',
      "setInterval(flush, 1000);\nprocess.prependOnceListener('beforeExit', function () {\n  flush();\n});\n",
      "var intervalId = setInterval(flush, 1000);\nprocess.prependOnceListener('beforeExit', function () {\n  clearInterval(intervalId);\n  flush();\n});\n",
    ],
    [
      'an exported close()',
      outdent`
        const poll = setInterval(check, 500);
        exports.close = function close() {
          db.end();
        };

      `,
      outdent`
        const poll = setInterval(check, 500);
        exports.close = function close() {
          clearInterval(poll);
          db.end();
        };

      `,
    ],
    [
      'a function declaration exported as shutdown',
      outdent`
        setInterval(tick, 1000);
        function shutdown() {
          log('bye');
        }
        module.exports.shutdown = shutdown;

      `,
      outdent`
        var intervalId = setInterval(tick, 1000);
        function shutdown() {
          clearInterval(intervalId);
          log('bye');
        }
        module.exports.shutdown = shutdown;

      `,
    ],
  ])('clears in %s, with nothing to decide', (_, input, output) => {
    const outcome = run(input, file('module-teardown.js'));
    expect(outcome).toEqual({ status: 'changed', output, skipped: [], review: [] });
    expect(intervalReports(output, file('module-teardown.js'))).toEqual([]);
  });

  it.each([
    [
      'an interval in a block, out of the handler’s sight',
      outdent`
        if (on) {
          setInterval(tick, 1000);
        }
        process.on('exit', () => {});

      `,
    ],
    [
      'a handler registered above the interval',
      outdent`
        process.on('exit', () => log());
        setInterval(tick, 1000);

      `,
    ],
  ])('leaves a TODO for %s', (_, input) => {
    const outcome = run(input, file('module-teardown.js'));
    expect(outcome.output).toContain('// TODO(leakproof): clearInterval(intervalId) when the module is done\n');
    expect(outcome.output).not.toContain('clearInterval(intervalId);');
  });
});

describe('clear-interval: the teardown beside the method that starts it', () => {
  it.each([
    [
      'a discarded handle, kept at the path the methods are assigned through',
      outdent`
        module.exports = function (host) {
          host.pump = {};
          host.pump.start = function () {
            setInterval(check, 5000);
          };
          host.pump.stop = function () {
            host.pump.running = false;
          };
        };

      `,
      outdent`
        module.exports = function (host) {
          host.pump = {};
          host.pump.start = function () {
            host.pump.intervalId = setInterval(check, 5000);
          };
          host.pump.stop = function () {
            clearInterval(host.pump.intervalId);
            host.pump.running = false;
          };
        };

      `,
    ],
    [
      'a handle kept on this',
      outdent`
        var Poller = {};
        Poller.start = function () {
          this.timer = setInterval(poll, 100);
        };
        Poller.close = function () {
          this.open = false;
        };
        module.exports = Poller;

      `,
      outdent`
        var Poller = {};
        Poller.start = function () {
          this.timer = setInterval(poll, 100);
        };
        Poller.close = function () {
          clearInterval(this.timer);
          this.open = false;
        };
        module.exports = Poller;

      `,
    ],
    [
      'a handle kept in a variable both methods see',
      outdent`
        module.exports = function (app) {
          let beat = null;
          app.monitor = {};
          app.monitor.start = () => {
            beat = setInterval(probe, 1000);
          };
          app.monitor.shutdown = () => {
            beat = null;
          };
        };

      `,
      outdent`
        module.exports = function (app) {
          let beat = null;
          app.monitor = {};
          app.monitor.start = () => {
            beat = setInterval(probe, 1000);
          };
          app.monitor.shutdown = () => {
            clearInterval(beat);
            beat = null;
          };
        };

      `,
    ],
    [
      'a prototype method, with the teardown on the prototype too',
      outdent`
        function Agent() {}
        Agent.prototype.start = function () {
          setInterval(ping, 100);
        };
        Agent.prototype.destroy = function () {
          this.sock = null;
        };
        module.exports = Agent;

      `,
      outdent`
        function Agent() {}
        Agent.prototype.start = function () {
          this.intervalId = setInterval(ping, 100);
        };
        Agent.prototype.destroy = function () {
          clearInterval(this.intervalId);
          this.sock = null;
        };
        module.exports = Agent;

      `,
    ],
  ])('clears %s in the teardown', (_, input, output) => {
    const outcome = run(input, file('siblings.js'));
    expect(outcome).toEqual({ status: 'changed', output, skipped: [], review: [] });
    expect(intervalReports(output, file('siblings.js'))).toEqual([]);
    expect(run(output, file('siblings.js')).status).toBe('unchanged');
  });

  it('leaves a TODO when the path owner has no teardown, or only through exports', () => {
    const code = outdent`
      var Board = {};
      Board.init = function () {
        setInterval(draw, 300);
      };
      Board.refresh = function () {};
      exports.start = function () {
        setInterval(draw, 300);
      };
      exports.stop = function () {};

    `;
    const outcome = run(code, file('no-sibling.js'));
    expect(outcome.output).toBe(
      outdent`
        var Board = {};
        Board.init = function () {
          // TODO(leakproof): clearInterval(intervalId) when init() is done
          var intervalId = setInterval(draw, 300);
        };
        Board.refresh = function () {};
        exports.start = function () {
          // TODO(leakproof): clearInterval(intervalId2) when start() is done
          var intervalId2 = setInterval(draw, 300);
        };
        exports.stop = function () {};

      `,
    );
  });
});

describe('clear-interval: per connection and per request', () => {
  it.each([
    [
      "a net server's connection: the socket's close",
      outdent`
        const net = require('net');
        const server = net.createServer();
        server.on('connection', function (socket) {
          setInterval(function () {
            socket.write('ping');
          }, 1000);
        });
        server.listen(3000);

      `,
      outdent`
        const net = require('net');
        const server = net.createServer();
        server.on('connection', function (socket) {
          const intervalId = setInterval(function () {
            socket.write('ping');
          }, 1000);
          socket.on('close', () => clearInterval(intervalId));
        });
        server.listen(3000);

      `,
    ],
    [
      "a ws server's connection",
      outdent`
        const WebSocket = require('ws');
        const wss = new WebSocket.Server({ port: 8080 });
        wss.on('connection', (ws) => {
          setInterval(() => ws.ping(), 30000);
        });

      `,
      outdent`
        const WebSocket = require('ws');
        const wss = new WebSocket.Server({ port: 8080 });
        wss.on('connection', (ws) => {
          const intervalId = setInterval(() => ws.ping(), 30000);
          ws.on('close', () => clearInterval(intervalId));
        });

      `,
    ],
    [
      "a request handler: the response's close",
      outdent`
        const http = require('http');
        http
          .createServer((req, res) => {
            res.writeHead(200);
            setInterval(() => res.write('data: x\\n\\n'), 1000);
          })
          .listen(8080);

      `,
      outdent`
        const http = require('http');
        http
          .createServer((req, res) => {
            res.writeHead(200);
            const intervalId = setInterval(() => res.write('data: x\\n\\n'), 1000);
            res.on('close', () => clearInterval(intervalId));
          })
          .listen(8080);

      `,
    ],
    [
      'an express route',
      outdent`
        var express = require('express');
        var app = express();
        app.get('/events', function (req, res) {
          setInterval(function () {
            res.write('x');
          }, 1000);
        });

      `,
      outdent`
        var express = require('express');
        var app = express();
        app.get('/events', function (req, res) {
          var intervalId = setInterval(function () {
            res.write('x');
          }, 1000);
          res.on('close', function () { clearInterval(intervalId); });
        });

      `,
    ],
    [
      'an end listener the handler already adds, on any emitter it is handed',
      outdent`
        module.exports = function (hub) {
          hub.on('join', function (peer) {
            const t = setInterval(() => peer.send('x'), 1000);
            peer.on('disconnect', () => {
              log('bye');
            });
          });
        };

      `,
      outdent`
        module.exports = function (hub) {
          hub.on('join', function (peer) {
            const t = setInterval(() => peer.send('x'), 1000);
            peer.on('disconnect', () => {
              clearInterval(t);
              log('bye');
            });
          });
        };

      `,
    ],
  ])('clears in %s', (_, input, output) => {
    const outcome = run(input, file('connection.js'));
    expect(outcome).toEqual({ status: 'changed', output, skipped: [], review: [] });
    expect(intervalReports(output, file('connection.js'))).toEqual([]);
    expect(run(output, file('connection.js')).status).toBe('unchanged');
  });

  it.each([
    [
      'the connection of an emitter it does not know',
      outdent`
        const sse = new SSE(server);
        sse.on('connection', function (client) {
          setInterval(function () {
            client.send('x');
          }, 1500);
        });

      `,
      outdent`
        const sse = new SSE(server);
        sse.on('connection', function (client) {
          // TODO(leakproof): clearInterval(intervalId) when the callback passed to sse.on() is done
          const intervalId = setInterval(function () {
            client.send('x');
          }, 1500);
        });

      `,
    ],
    [
      'a handle declared in a block the close listener cannot see',
      outdent`
        const net = require('net');
        const server = net.createServer();
        server.on('connection', function (socket) {
          if (socket.remoteAddress) {
            const t = setInterval(() => socket.write('x'), 1000);
            t.ref();
          }
          socket.on('close', () => {});
        });

      `,
      outdent`
        const net = require('net');
        const server = net.createServer();
        server.on('connection', function (socket) {
          if (socket.remoteAddress) {
            // TODO(leakproof): clearInterval(t) when the callback passed to server.on() is done
            const t = setInterval(() => socket.write('x'), 1000);
            t.ref();
          }
          socket.on('close', () => {});
        });

      `,
    ],
    [
      'a koa middleware (its second parameter is next, not a response)',
      outdent`
        const Koa = require('koa');
        const app = new Koa();
        app.use(async (ctx, next) => {
          setInterval(tick, 1000);
          await next();
        });

      `,
      outdent`
        const Koa = require('koa');
        const app = new Koa();
        app.use(async (ctx, next) => {
          // TODO(leakproof): clearInterval(intervalId) when the callback passed to app.use() is done
          const intervalId = setInterval(tick, 1000);
          await next();
        });

      `,
    ],
  ])('leaves a TODO for %s', (_, input, output) => {
    expect(run(input, file('connection.js')).output).toBe(output);
  });
});

describe('clear-interval: signal handlers', () => {
  it('does not clear in a SIGINT or SIGTERM handler that ends nothing: the process goes on, on purpose', () => {
    const code = outdent`
      setInterval(function () {}, 1000);
      process.on('SIGINT', function () {
        console.log('ignored');
      });

    `;
    expect(run(code, file('signals.js')).output).toBe(
      outdent`
        // TODO(leakproof): clearInterval(intervalId) when the module is done
        var intervalId = setInterval(function () {}, 1000);
        process.on('SIGINT', function () {
          console.log('ignored');
        });

      `,
    );
  });

  it('clears in a SIGINT handler that closes a server', () => {
    const code = outdent`
      setInterval(flush, 1000);
      process.on('SIGINT', () => {
        server.close();
      });

    `;
    expect(run(code, file('signals.js')).output).toBe(
      outdent`
        const intervalId = setInterval(flush, 1000);
        process.on('SIGINT', () => {
          clearInterval(intervalId);
          server.close();
        });

      `,
    );
  });
});

describe('clear-interval: names', () => {
  it('picks a name no identifier, property or string of the file uses, and one per interval', () => {
    const code = outdent`
      const intervalId = 1, intervalId2 = 'x';
      const o = { intervalId3: 1 };
      function a() {
        setInterval(a, 1);
        setInterval(a, 2);
      }
      module.exports = { a, o, s: 'intervalId4' };

    `;
    const outcome = run(code, file('names.js'));
    expect(outcome.output).toContain('const intervalId5 = setInterval(a, 1);');
    expect(outcome.output).toContain('const intervalId6 = setInterval(a, 2);');
  });

  it('writes the clear the way the timer was reached: window.clearInterval, timers.clearInterval', () => {
    const code = outdent`
      const timers = require('timers');
      class A {
        start() {
          timers.setInterval(() => this.tick(), 5);
        }
        tick() {}
        close() {}
      }
      module.exports = A;

    `;
    expect(run(code, file('timers.js')).output).toContain('close() {\n    timers.clearInterval(this.intervalId);\n  }');
  });
});

describe('clear-interval: what fuzzing found', () => {
  const twice = (code: string, name: string) => {
    const first = run(code, file(name));
    const second = run(first.output, file(name));
    expect(second.status).toBe('unchanged');
    expect(second.output).toBe(first.output);
    return { first, second };
  };

  it('an interval started by the teardown method itself: the field and a TODO, which a second run recognises', () => {
    const { first, second } = twice('class A { close() { setInterval(tick, 1000); } }\n', 'teardown-starts.js');
    expect(first.output).toBe(
      outdent`
        class A { close() { /* TODO(leakproof): clearInterval(this.intervalId) when A is done */ this.intervalId = setInterval(tick, 1000); } }

      `,
    );
    expect(first.review).toEqual([
      {
        kind: 'decision',
        line: 1,
        message:
          'added `TODO(leakproof): clearInterval(this.intervalId) when A is done`: it starts in the teardown method `close()`, which cannot also clear it',
      },
    ]);
    expect(second.review).toEqual([
      {
        kind: 'decision',
        line: 1,
        message: 'a TODO(leakproof) comment asks for `clearInterval(this.intervalId)` when A is done',
      },
    ]);
  });

  it('a field the teardown stores itself gets a TODO, not a clear before the start (which would stop only the previous interval)', () => {
    const code = outdent`
      class A {
        close() {
          setTimeout(() => {
            this.timer = setInterval(tick, 1000);
          });
        }
      }

    `;
    const { first } = twice(code, 'teardown-stores.js');
    expect(first.output).toBe(
      outdent`
        class A {
          close() {
            setTimeout(() => {
              // TODO(leakproof): clearInterval(this.timer) when A is done
              this.timer = setInterval(tick, 1000);
            });
          }
        }

      `,
    );
  });

  it('quotes a multi-line handle target on one line in the // TODO', () => {
    const { first } = twice(
      outdent`
        (setInterval(function () {
          tick();
        })).handle = setInterval(g, 1000);

      `,
      'multi-line.js',
    );
    expect(first.output).toBe(
      outdent`
        // TODO(leakproof): clearInterval((setInterval(function () { tick(); })).handle) when the module is done
        (setInterval(function () {
          tick();
        })).handle = setInterval(g, 1000);

      `,
    );
  });

  it('elides a long handle target in the middle', () => {
    const code = outdent`
      (setInterval(function () {
        tick();
        tock();
        console.log('still polling the upstream service');
      })).handle = setInterval(g, 1000);

    `;
    const { first } = twice(code, 'long.js');
    expect(first.output).toBe(
      `// TODO(leakproof): clearInterval((setInterval(function () { tick(); … till polling the upstream service'); })).handle) when the module is done\n${code}`,
    );
  });

  it('breaks no `*/` into an inline TODO, and finds that TODO again', () => {
    const { first } = twice("x.y = 1; obj[/* key */ 'a'] = setInterval(g, 1);\n", 'inline.js');
    expect(first.output).toBe(
      outdent`
        x.y = 1; /* TODO(leakproof): clearInterval(obj[/* key * / 'a']) when the module is done */ obj[/* key */ 'a'] = setInterval(g, 1);

      `,
    );
  });

  it.each([
    [
      outdent`
        (setInterval(f, 1000));

      `,
      outdent`
        var intervalId = (setInterval(f, 1000));

      `,
    ],
    [
      outdent`
        ((setInterval(f, 1)));

      `,
      outdent`
        var intervalId = ((setInterval(f, 1)));

      `,
    ],
    [
      outdent`
        void setInterval(f, 1);

      `,
      outdent`
        var intervalId = setInterval(f, 1);

      `,
    ],
    [
      outdent`
        (void (setInterval(f, 1)));

      `,
      outdent`
        var intervalId = ((setInterval(f, 1)));

      `,
    ],
    [
      outdent`
        if (ready) (setInterval(f, 1));

      `,
      outdent`
        var intervalId;
        if (ready) intervalId = (setInterval(f, 1));

      `,
    ],
  ])('keeps the handle of %j before its parentheses, without `void`', (code, kept) => {
    const { first } = twice(code, 'parenthesised.js');
    expect(first.output).toBe(`// TODO(leakproof): clearInterval(intervalId) when the module is done\n${kept}`);
  });

  it('keeps the handle in a field of a method whose statement is parenthesised', () => {
    const { first } = twice(
      outdent`
        class A {
          start() {
            (setInterval(f, 1));
          }
          stop() {}
        }

      `,
      'parenthesised-method.js',
    );
    expect(first.output).toBe(
      outdent`
        class A {
          start() {
            this.intervalId = (setInterval(f, 1));
          }
          stop() {
            clearInterval(this.intervalId);
          }
        }

      `,
    );
  });

  it('leaves (0, setInterval)(…) alone, as no-leaked-timer does', () => {
    const code = outdent`
      (0, setInterval)(f, 1);

    `;
    expect(run(code, file('indirect.js'))).toEqual({ status: 'unchanged', output: code, skipped: [], review: [] });
  });

  it('names the timer function in a type query without the call’s `!`', () => {
    const code = outdent`
      class A {
        start(): void {
          setInterval!(tick, 1);
        }
        stop(): void {}
      }
      function tick() {}

    `;
    const { first } = twice(code, 'non-null.ts');
    expect(first.output).toBe(
      outdent`
        class A {
          private intervalId?: ReturnType<typeof setInterval>;
          start(): void {
            this.intervalId = setInterval!(tick, 1);
          }
          stop(): void {
            clearInterval(this.intervalId);
          }
        }
        function tick() {}

      `,
    );
  });

  it('parenthesises a sequence an effect returns when it becomes an initializer', () => {
    const code = outdent`
      import { useEffect } from 'react';
      export function A({ tick }) {
        useEffect(() => (tick(), setInterval(tick, 100)), [tick]);
      }

    `;
    const { first } = twice(code, 'sequence.jsx');
    expect(first.output).toBe(
      outdent`
        import { useEffect } from 'react';
        export function A({ tick }) {
          useEffect(() => {
            const intervalId = (tick(), setInterval(tick, 100));
            return () => clearInterval(intervalId);
          }, [tick]);
        }

      `,
    );
  });
});

describe('clear-interval as a jscodeshift transform', () => {
  it('returns the new source and reports what needs a decision', () => {
    const reports: string[] = [];
    const api = { report: (message: string) => reports.push(message) } as unknown as Parameters<typeof transform>[1];
    const output = transform(
      { path: file('seed.js'), source: `${SEED_INCREMENT}setInterval(increment(), 1000);\n` },
      api,
      {},
    );
    expect(output).toContain('const intervalId = setInterval(increment(), 1000);');
    expect(reports).toEqual([
      'line 8: added `TODO(leakproof): clearInterval(intervalId) when the module is done`: no teardown to clear it in',
    ]);
  });
});

/** clear-interval: what it says about each place, the names it picks, and the places it leaves to a person. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import transform, { intervalReports, run } from '../../codemods/clear-interval.js';

const DIRECTORY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/clear-interval');
const file = (name: string): string => path.join(DIRECTORY, name);
const SEED_INCREMENT =
  'function increment() {\n  const data = [];\n  let counter = 0;\n  return function inner() {\n    data.push(counter++);\n  };\n}\n';

describe('clear-interval: the seed article', () => {
  const seed = `${SEED_INCREMENT}setInterval(increment(), 1000);\n`;

  it('captures the handle of setInterval(increment(), 1000) and leaves a TODO to decide when to clear it', () => {
    const outcome = run(seed, file('seed.js'));
    expect(outcome.status).toBe('changed');
    expect(outcome.output).toBe(
      `${SEED_INCREMENT}// TODO(leakproof): clearInterval(intervalId) when the module is done\nconst intervalId = setInterval(increment(), 1000);\n`,
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
    const code = `const http = require('node:http');\n${SEED_INCREMENT}const server = http.createServer(() => {});\nsetInterval(increment(), 1000);\n`;
    const outcome = run(code, file('seed-server.js'));
    expect(outcome.output).toBe(
      `const http = require('node:http');\n${SEED_INCREMENT}const server = http.createServer(() => {});\nconst intervalId = setInterval(increment(), 1000);\nserver.on('close', () => clearInterval(intervalId));\n`,
    );
    expect(outcome.review).toEqual([]);
    expect(intervalReports(outcome.output, file('seed-server.js'))).toEqual([]);
  });
});

describe('clear-interval: places it leaves alone say why', () => {
  it.each([
    [
      'a handle discarded inside an expression',
      'module.exports = (fast) => {\n  fast ? setInterval(tick, 10) : null;\n};\nfunction tick() {}\n',
      'the interval started here is not cleared: its handle is discarded inside an expression; keep it in a variable by hand',
    ],
    [
      'an interval in a loop of an effect',
      "import { useEffect } from 'react';\nexport function A({ items }) {\n  useEffect(() => {\n    for (const item of items) setInterval(item.tick, 100);\n  }, [items]);\n}\n",
      'the interval started here is not cleared: it starts in a loop of the `useEffect()` setup, so one variable cannot hold every handle',
    ],
    [
      'an effect that returns early after the interval starts',
      "import { useEffect } from 'react';\nexport function A({ ready, tick }) {\n  useEffect(() => {\n    setInterval(tick, 100);\n    if (!ready) return;\n    tick();\n  }, [ready, tick]);\n}\n",
      'the interval started here is not cleared: the `useEffect()` setup can return before a cleanup at its end would run',
    ],
    [
      'an effect whose cleanup is returned before the interval starts',
      "import { useEffect } from 'react';\nexport function A({ ready, tick }) {\n  useEffect(() => {\n    if (!ready) return () => {};\n    setInterval(tick, 100);\n  }, [ready, tick]);\n}\n",
      'the interval started here is not cleared: the `useEffect()` setup returns its cleanup before the interval starts, or returns without it after',
    ],
    [
      'an effect with two cleanups',
      "import { useEffect } from 'react';\nexport function A({ fast, tick }) {\n  useEffect(() => {\n    setInterval(tick, 100);\n    if (fast) return () => tick.fast();\n    return () => tick.slow();\n  }, [fast, tick]);\n}\n",
      'the interval started here is not cleared: the `useEffect()` setup returns a cleanup the codemod cannot extend',
    ],
    [
      'a TypeScript object literal, which cannot take a new field',
      'export const pump = {\n  start(): void {\n    setInterval(() => this.run(), 10);\n  },\n  run(): void {},\n  stop(): void {},\n};\n',
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
    const code = 'setTimeout(tick, 10);\nsetInterval(tick, 1000).unref();\nfunction tick() {}\n';
    expect(intervalReports(code, file('quiet.js'))).toEqual([]);
    expect(run(code, file('quiet.js'))).toEqual({ status: 'unchanged', output: code, skipped: [], review: [] });
  });

  it('honours an eslint-disable comment for the rule', () => {
    const code = '/* eslint-disable leakproof/no-leaked-timer */\nsetInterval(tick, 1000);\nfunction tick() {}\n';
    expect(run(code, file('disabled.js')).status).toBe('unchanged');
  });

  it('skips a file it cannot parse, saying so', () => {
    expect(run('setInterval(tick, 1000\n', file('broken.js')).skipped).toEqual([
      { category: 'cannot parse', line: 2, message: 'cannot parse: Unexpected token' },
    ]);
  });

  it('says a file without intervals cannot parse, rather than unchanged', () => {
    const outcome = run('function f() {\n  return (1;\n}\n', file('broken.js'));
    expect(outcome.status).toBe('skipped');
    expect(outcome.skipped).toEqual([
      { category: 'cannot parse', line: 2, message: 'cannot parse: Unexpected token ;' },
    ]);
  });

  it('takes module syntax and JSX in a file without intervals as parsing', () => {
    expect(run('import a from "a";\nexport const b = <div>{a}</div>;\n', file('view.js')).status).toBe('unchanged');
  });

  it('reads a file with an eslint-env comment, which flat-config ESLint refuses', () => {
    const outcome = run('/* eslint-env node */\nsetInterval(tick, 1000);\n', file('env.js'));
    expect(outcome.status).toBe('changed');
    expect(outcome.output).toBe(
      '/* eslint-env node */\n// TODO(leakproof): clearInterval(intervalId) when the module is done\nvar intervalId = setInterval(tick, 1000);\n',
    );
  });

  it.each([
    [
      'a field unref()ed in the next statement',
      'class A {\n  start() {\n    this.t = setInterval(tick, 1000);\n    this.t.unref();\n  }\n}\n',
    ],
    [
      'a variable unref()ed behind a guard',
      'module.exports = function start() {\n  var t = setInterval(tick, 1000);\n  t.unref && t.unref();\n};\n',
    ],
  ])('adds no TODO for %s', (_, code) => {
    expect(run(code, file('unref.js'))).toEqual({ status: 'unchanged', output: code, skipped: [], review: [] });
  });
});

describe("clear-interval: the module's own teardown", () => {
  it.each([
    [
      'a SIGTERM handler below the interval',
      "setInterval(flush, 1000);\nprocess.on('SIGTERM', function () {\n  process.exit(0);\n});\n",
      "var intervalId = setInterval(flush, 1000);\nprocess.on('SIGTERM', function () {\n  clearInterval(intervalId);\n  process.exit(0);\n});\n",
    ],
    [
      'an exported close()',
      'const poll = setInterval(check, 500);\nexports.close = function close() {\n  db.end();\n};\n',
      'const poll = setInterval(check, 500);\nexports.close = function close() {\n  clearInterval(poll);\n  db.end();\n};\n',
    ],
    [
      'a function declaration exported as shutdown',
      "setInterval(tick, 1000);\nfunction shutdown() {\n  log('bye');\n}\nmodule.exports.shutdown = shutdown;\n",
      "var intervalId = setInterval(tick, 1000);\nfunction shutdown() {\n  clearInterval(intervalId);\n  log('bye');\n}\nmodule.exports.shutdown = shutdown;\n",
    ],
  ])('clears in %s, with nothing to decide', (_, input, output) => {
    const outcome = run(input, file('module-teardown.js'));
    expect(outcome).toEqual({ status: 'changed', output, skipped: [], review: [] });
    expect(intervalReports(output, file('module-teardown.js'))).toEqual([]);
  });

  it.each([
    [
      'an interval in a block, out of the handler’s sight',
      "if (on) {\n  setInterval(tick, 1000);\n}\nprocess.on('exit', () => {});\n",
    ],
    ['a handler registered above the interval', "process.on('exit', () => log());\nsetInterval(tick, 1000);\n"],
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
      'module.exports = function (host) {\n  host.pump = {};\n  host.pump.start = function () {\n    setInterval(check, 5000);\n  };\n  host.pump.stop = function () {\n    host.pump.running = false;\n  };\n};\n',
      'module.exports = function (host) {\n  host.pump = {};\n  host.pump.start = function () {\n    host.pump.intervalId = setInterval(check, 5000);\n  };\n  host.pump.stop = function () {\n    clearInterval(host.pump.intervalId);\n    host.pump.running = false;\n  };\n};\n',
    ],
    [
      'a handle kept on this',
      'var Poller = {};\nPoller.start = function () {\n  this.timer = setInterval(poll, 100);\n};\nPoller.close = function () {\n  this.open = false;\n};\nmodule.exports = Poller;\n',
      'var Poller = {};\nPoller.start = function () {\n  this.timer = setInterval(poll, 100);\n};\nPoller.close = function () {\n  clearInterval(this.timer);\n  this.open = false;\n};\nmodule.exports = Poller;\n',
    ],
    [
      'a handle kept in a variable both methods see',
      'module.exports = function (app) {\n  let beat = null;\n  app.monitor = {};\n  app.monitor.start = () => {\n    beat = setInterval(probe, 1000);\n  };\n  app.monitor.shutdown = () => {\n    beat = null;\n  };\n};\n',
      'module.exports = function (app) {\n  let beat = null;\n  app.monitor = {};\n  app.monitor.start = () => {\n    beat = setInterval(probe, 1000);\n  };\n  app.monitor.shutdown = () => {\n    clearInterval(beat);\n    beat = null;\n  };\n};\n',
    ],
    [
      'a prototype method, with the teardown on the prototype too',
      'function Agent() {}\nAgent.prototype.start = function () {\n  setInterval(ping, 100);\n};\nAgent.prototype.destroy = function () {\n  this.sock = null;\n};\nmodule.exports = Agent;\n',
      'function Agent() {}\nAgent.prototype.start = function () {\n  this.intervalId = setInterval(ping, 100);\n};\nAgent.prototype.destroy = function () {\n  clearInterval(this.intervalId);\n  this.sock = null;\n};\nmodule.exports = Agent;\n',
    ],
  ])('clears %s in the teardown', (_, input, output) => {
    const outcome = run(input, file('siblings.js'));
    expect(outcome).toEqual({ status: 'changed', output, skipped: [], review: [] });
    expect(intervalReports(output, file('siblings.js'))).toEqual([]);
    expect(run(output, file('siblings.js')).status).toBe('unchanged');
  });

  it('leaves a TODO when the path owner has no teardown, or only through exports', () => {
    const code =
      'var Board = {};\nBoard.init = function () {\n  setInterval(draw, 300);\n};\nBoard.refresh = function () {};\nexports.start = function () {\n  setInterval(draw, 300);\n};\nexports.stop = function () {};\n';
    const outcome = run(code, file('no-sibling.js'));
    expect(outcome.output).toBe(
      'var Board = {};\nBoard.init = function () {\n  // TODO(leakproof): clearInterval(intervalId) when init() is done\n  var intervalId = setInterval(draw, 300);\n};\nBoard.refresh = function () {};\nexports.start = function () {\n  // TODO(leakproof): clearInterval(intervalId2) when start() is done\n  var intervalId2 = setInterval(draw, 300);\n};\nexports.stop = function () {};\n',
    );
  });
});

describe('clear-interval: per connection and per request', () => {
  it.each([
    [
      "a net server's connection: the socket's close",
      "const net = require('net');\nconst server = net.createServer();\nserver.on('connection', function (socket) {\n  setInterval(function () {\n    socket.write('ping');\n  }, 1000);\n});\nserver.listen(3000);\n",
      "const net = require('net');\nconst server = net.createServer();\nserver.on('connection', function (socket) {\n  const intervalId = setInterval(function () {\n    socket.write('ping');\n  }, 1000);\n  socket.on('close', () => clearInterval(intervalId));\n});\nserver.listen(3000);\n",
    ],
    [
      "a ws server's connection",
      "const WebSocket = require('ws');\nconst wss = new WebSocket.Server({ port: 8080 });\nwss.on('connection', (ws) => {\n  setInterval(() => ws.ping(), 30000);\n});\n",
      "const WebSocket = require('ws');\nconst wss = new WebSocket.Server({ port: 8080 });\nwss.on('connection', (ws) => {\n  const intervalId = setInterval(() => ws.ping(), 30000);\n  ws.on('close', () => clearInterval(intervalId));\n});\n",
    ],
    [
      "a request handler: the response's close",
      "const http = require('http');\nhttp\n  .createServer((req, res) => {\n    res.writeHead(200);\n    setInterval(() => res.write('data: x\\n\\n'), 1000);\n  })\n  .listen(8080);\n",
      "const http = require('http');\nhttp\n  .createServer((req, res) => {\n    res.writeHead(200);\n    const intervalId = setInterval(() => res.write('data: x\\n\\n'), 1000);\n    res.on('close', () => clearInterval(intervalId));\n  })\n  .listen(8080);\n",
    ],
    [
      'an express route',
      "var express = require('express');\nvar app = express();\napp.get('/events', function (req, res) {\n  setInterval(function () {\n    res.write('x');\n  }, 1000);\n});\n",
      "var express = require('express');\nvar app = express();\napp.get('/events', function (req, res) {\n  var intervalId = setInterval(function () {\n    res.write('x');\n  }, 1000);\n  res.on('close', function () { clearInterval(intervalId); });\n});\n",
    ],
    [
      'an end listener the handler already adds, on any emitter it is handed',
      "module.exports = function (hub) {\n  hub.on('join', function (peer) {\n    const t = setInterval(() => peer.send('x'), 1000);\n    peer.on('disconnect', () => {\n      log('bye');\n    });\n  });\n};\n",
      "module.exports = function (hub) {\n  hub.on('join', function (peer) {\n    const t = setInterval(() => peer.send('x'), 1000);\n    peer.on('disconnect', () => {\n      clearInterval(t);\n      log('bye');\n    });\n  });\n};\n",
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
      "const sse = new SSE(server);\nsse.on('connection', function (client) {\n  setInterval(function () {\n    client.send('x');\n  }, 1500);\n});\n",
      "const sse = new SSE(server);\nsse.on('connection', function (client) {\n  // TODO(leakproof): clearInterval(intervalId) when the callback passed to sse.on() is done\n  const intervalId = setInterval(function () {\n    client.send('x');\n  }, 1500);\n});\n",
    ],
    [
      'a handle declared in a block the close listener cannot see',
      "const net = require('net');\nconst server = net.createServer();\nserver.on('connection', function (socket) {\n  if (socket.remoteAddress) {\n    const t = setInterval(() => socket.write('x'), 1000);\n    t.ref();\n  }\n  socket.on('close', () => {});\n});\n",
      "const net = require('net');\nconst server = net.createServer();\nserver.on('connection', function (socket) {\n  if (socket.remoteAddress) {\n    // TODO(leakproof): clearInterval(t) when the callback passed to server.on() is done\n    const t = setInterval(() => socket.write('x'), 1000);\n    t.ref();\n  }\n  socket.on('close', () => {});\n});\n",
    ],
    [
      'a koa middleware (its second parameter is next, not a response)',
      "const Koa = require('koa');\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  setInterval(tick, 1000);\n  await next();\n});\n",
      "const Koa = require('koa');\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  // TODO(leakproof): clearInterval(intervalId) when the callback passed to app.use() is done\n  const intervalId = setInterval(tick, 1000);\n  await next();\n});\n",
    ],
  ])('leaves a TODO for %s', (_, input, output) => {
    expect(run(input, file('connection.js')).output).toBe(output);
  });
});

describe('clear-interval: signal handlers', () => {
  it('does not clear in a SIGINT or SIGTERM handler that ends nothing: the process goes on, on purpose', () => {
    const code =
      "setInterval(function () {}, 1000);\nprocess.on('SIGINT', function () {\n  console.log('ignored');\n});\n";
    expect(run(code, file('signals.js')).output).toBe(
      "// TODO(leakproof): clearInterval(intervalId) when the module is done\nvar intervalId = setInterval(function () {}, 1000);\nprocess.on('SIGINT', function () {\n  console.log('ignored');\n});\n",
    );
  });

  it('clears in a SIGINT handler that closes a server', () => {
    const code = "setInterval(flush, 1000);\nprocess.on('SIGINT', () => {\n  server.close();\n});\n";
    expect(run(code, file('signals.js')).output).toBe(
      "const intervalId = setInterval(flush, 1000);\nprocess.on('SIGINT', () => {\n  clearInterval(intervalId);\n  server.close();\n});\n",
    );
  });
});

describe('clear-interval: names', () => {
  it('picks a name no identifier, property or string of the file uses, and one per interval', () => {
    const code =
      "const intervalId = 1, intervalId2 = 'x';\nconst o = { intervalId3: 1 };\nfunction a() {\n  setInterval(a, 1);\n  setInterval(a, 2);\n}\nmodule.exports = { a, o, s: 'intervalId4' };\n";
    const outcome = run(code, file('names.js'));
    expect(outcome.output).toContain('const intervalId5 = setInterval(a, 1);');
    expect(outcome.output).toContain('const intervalId6 = setInterval(a, 2);');
  });

  it('writes the clear the way the timer was reached: window.clearInterval, timers.clearInterval', () => {
    const code =
      "const timers = require('timers');\nclass A {\n  start() {\n    timers.setInterval(() => this.tick(), 5);\n  }\n  tick() {}\n  close() {}\n}\nmodule.exports = A;\n";
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
      'class A { close() { /* TODO(leakproof): clearInterval(this.intervalId) when A is done */ this.intervalId = setInterval(tick, 1000); } }\n',
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
    const code =
      'class A {\n  close() {\n    setTimeout(() => {\n      this.timer = setInterval(tick, 1000);\n    });\n  }\n}\n';
    const { first } = twice(code, 'teardown-stores.js');
    expect(first.output).toBe(
      'class A {\n  close() {\n    setTimeout(() => {\n      // TODO(leakproof): clearInterval(this.timer) when A is done\n      this.timer = setInterval(tick, 1000);\n    });\n  }\n}\n',
    );
  });

  it('quotes a multi-line handle target on one line in the // TODO', () => {
    const { first } = twice(
      '(setInterval(function () {\n  tick();\n})).handle = setInterval(g, 1000);\n',
      'multi-line.js',
    );
    expect(first.output).toBe(
      '// TODO(leakproof): clearInterval((setInterval(function () { tick(); })).handle) when the module is done\n(setInterval(function () {\n  tick();\n})).handle = setInterval(g, 1000);\n',
    );
  });

  it('elides a long handle target in the middle', () => {
    const code =
      "(setInterval(function () {\n  tick();\n  tock();\n  console.log('still polling the upstream service');\n})).handle = setInterval(g, 1000);\n";
    const { first } = twice(code, 'long.js');
    expect(first.output).toBe(
      `// TODO(leakproof): clearInterval((setInterval(function () { tick(); … till polling the upstream service'); })).handle) when the module is done\n${code}`,
    );
  });

  it('breaks no `*/` into an inline TODO, and finds that TODO again', () => {
    const { first } = twice("x.y = 1; obj[/* key */ 'a'] = setInterval(g, 1);\n", 'inline.js');
    expect(first.output).toBe(
      "x.y = 1; /* TODO(leakproof): clearInterval(obj[/* key * / 'a']) when the module is done */ obj[/* key */ 'a'] = setInterval(g, 1);\n",
    );
  });

  it.each([
    ['(setInterval(f, 1000));\n', 'var intervalId = (setInterval(f, 1000));\n'],
    ['((setInterval(f, 1)));\n', 'var intervalId = ((setInterval(f, 1)));\n'],
    ['void setInterval(f, 1);\n', 'var intervalId = setInterval(f, 1);\n'],
    ['(void (setInterval(f, 1)));\n', 'var intervalId = ((setInterval(f, 1)));\n'],
    ['if (ready) (setInterval(f, 1));\n', 'var intervalId;\nif (ready) intervalId = (setInterval(f, 1));\n'],
  ])('keeps the handle of %j before its parentheses, without `void`', (code, kept) => {
    const { first } = twice(code, 'parenthesised.js');
    expect(first.output).toBe(`// TODO(leakproof): clearInterval(intervalId) when the module is done\n${kept}`);
  });

  it('keeps the handle in a field of a method whose statement is parenthesised', () => {
    const { first } = twice(
      'class A {\n  start() {\n    (setInterval(f, 1));\n  }\n  stop() {}\n}\n',
      'parenthesised-method.js',
    );
    expect(first.output).toBe(
      'class A {\n  start() {\n    this.intervalId = (setInterval(f, 1));\n  }\n  stop() {\n    clearInterval(this.intervalId);\n  }\n}\n',
    );
  });

  it('leaves (0, setInterval)(…) alone, as no-leaked-timer does', () => {
    const code = '(0, setInterval)(f, 1);\n';
    expect(run(code, file('indirect.js'))).toEqual({ status: 'unchanged', output: code, skipped: [], review: [] });
  });

  it('names the timer function in a type query without the call’s `!`', () => {
    const code =
      'class A {\n  start(): void {\n    setInterval!(tick, 1);\n  }\n  stop(): void {}\n}\nfunction tick() {}\n';
    const { first } = twice(code, 'non-null.ts');
    expect(first.output).toBe(
      'class A {\n  private intervalId?: ReturnType<typeof setInterval>;\n  start(): void {\n    this.intervalId = setInterval!(tick, 1);\n  }\n  stop(): void {\n    clearInterval(this.intervalId);\n  }\n}\nfunction tick() {}\n',
    );
  });

  it('parenthesises a sequence an effect returns when it becomes an initializer', () => {
    const code =
      "import { useEffect } from 'react';\nexport function A({ tick }) {\n  useEffect(() => (tick(), setInterval(tick, 100)), [tick]);\n}\n";
    const { first } = twice(code, 'sequence.jsx');
    expect(first.output).toBe(
      "import { useEffect } from 'react';\nexport function A({ tick }) {\n  useEffect(() => {\n    const intervalId = (tick(), setInterval(tick, 100));\n    return () => clearInterval(intervalId);\n  }, [tick]);\n}\n",
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

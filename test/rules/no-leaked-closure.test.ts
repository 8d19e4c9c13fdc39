import rule from '../../rules/no-leaked-closure.js';
import { commonjsTester, moduleTester, scriptTester, typescriptTester } from './tester.js';

const lines = (...source: string[]): string => source.join('\n');

/** The seed article's closure: `inner()` over a 10,000-element array, kept by `getRandom`. */
const seedOuter = lines(
  'function outer(elementCount) {',
  '  // Create an array containing numbers from 0 to elementCount value',
  '  let elements = Array.from(Array(elementCount).keys());',
  '',
  '  return function inner() {',
  '    // return a random number',
  '    return elements[Math.floor(Math.random() * elements.length)];',
  '  };',
  '}',
  'let getRandom = outer(10000);',
  'console.log(getRandom());',
);

/** The classic "theThing" leak: `someMethod` shares `replaceThing()`'s context with `unused`, which captures `originalThing`. */
const classic = (replaceThingBody: string[]) =>
  lines(
    'var theThing = null;',
    'var replaceThing = function () {',
    ...replaceThingBody,
    '};',
    'setInterval(replaceThing, 1000);',
  );
const classicBody = [
  '  var originalThing = theThing;',
  '  var unused = function () {',
  '    if (originalThing) console.log("hi");',
  '  };',
  '  theThing = {',
  "    longStr: new Array(1000000).join('*'),",
  '    someMethod: function () {',
  '      console.log(someMessage);',
  '    }',
  '  };',
];

const capturedAllocation = (closure: string, name: string, value: string, maker: string, holder: string) => ({
  messageId: 'capturedAllocation' as const,
  data: { closure, name, value, maker, holder },
});

commonjsTester.run('no-leaked-closure (CommonJS)', rule, {
  valid: [
    // Closures over small values: an options object, a formatter, a counter.
    lines(
      'function makeFormatter(opts) {',
      '  const options = Object.assign({ suffix: "" }, opts);',
      '  const formatter = new Intl.NumberFormat("en-US");',
      '  let count = 0;',
      '  return function format(n) {',
      '    count++;',
      '    return formatter.format(n) + options.suffix;',
      '  };',
      '}',
      'const format = makeFormatter({ suffix: " ms" });',
    ),
    // A small constant size, directly and through the maker's argument.
    'function makeLookup() {\n  const table = new Array(256).fill(0);\n  return (i) => table[i];\n}\nconst lookup = makeLookup();',
    seedOuter.replace('outer(10000)', 'outer(10)'),
    // A size the analysis cannot know: silent.
    seedOuter.replace('outer(10000)', 'outer(process.argv.length)'),
    // The large value is created inside the closure on each call, and dies with the call.
    'function outer() {\n  return function inner() {\n    const elements = Array.from(Array(10000).keys());\n    return elements[0];\n  };\n}\nconst getRandom = outer();',
    // Closures that are not kept: called and dropped.
    `${seedOuter.replace('let getRandom = outer(10000);\nconsole.log(getRandom());', '')}\nfunction handle() {\n  const getRandom = outer(10000);\n  return getRandom();\n}\nconsole.log(outer(10000)());`,
    'function load(emitter) {\n  const contents = require("fs").readFileSync("big.json");\n  emitter.on("ready", () => parse(contents));\n}',
    // A sibling closure set that shares no large or chained value.
    'function setup() {\n  const name = "worker";\n  const log = () => console.log(name);\n  log();\n  process.on("SIGTERM", () => shutdown());\n}\nsetup();',
    // The classic chain, fixed: the variable is released, the closure is made in a separate function, or the kept
    // closure walks the chain on purpose (it mentions the previous value itself).
    classic([...classicBody, '  originalThing = null;']),
    lines(
      'var theThing = null;',
      'function makeThing() {',
      "  return { longStr: new Array(1000000).join('*'), someMethod: function () { console.log(someMessage); } };",
      '}',
      'var replaceThing = function () {',
      '  var originalThing = theThing;',
      '  var unused = function () { if (originalThing) console.log("hi"); };',
      '  theThing = makeThing();',
      '};',
      'setInterval(replaceThing, 1000);',
    ),
    classic(classicBody.map((line) => line.replace('console.log(someMessage)', 'console.log(originalThing)'))),
    'var current = null;\nfunction wrap() {\n  var previous = current;\n  var callPrevious = function () { return previous && previous.run(); };\n  current = { run: function () { return callPrevious(); } };\n}\nsetInterval(wrap, 1000);',
    // The chain is made once, at start-up: one previous value, not an unbounded chain.
    classic(classicBody).replace('setInterval(replaceThing, 1000);', 'replaceThing();'),
    // Stored first, then read: the variable holds the new value, not the previous one.
    'var current = null;\nsetInterval(function () {\n  current = { get: function () { return 1; } };\n  var self = current;\n  var check = function () { return self; };\n  check();\n}, 1000);',
    // The interval is cleared, the listener removed: the closure is let go.
    'function poll() {\n  const big = Buffer.alloc(1024 * 1024);\n  const timer = setInterval(() => send(big), 1000);\n  setTimeout(() => clearInterval(timer), 10000);\n}\npoll();',
    'function watch() {\n  const big = Buffer.alloc(1024 * 1024);\n  function onHup() { send(big); }\n  process.on("SIGHUP", onHup);\n  return () => process.off("SIGHUP", onHup);\n}\nmodule.exports = watch;',
    // A module-level allocation is the module's own data, not a closure leak.
    'const big = new Array(100000).fill(0);\nsetInterval(() => console.log(big.length), 1000);',
    // A string of an empty separator's join is empty.
    "function pad() {\n  const empty = new Array(100000).join('');\n  return () => empty;\n}\nconst blank = pad();",
  ],
  invalid: [
    {
      // The seed article's example, reported at the allocation.
      code: seedOuter,
      errors: [
        {
          ...capturedAllocation(
            '`inner()`',
            'elements',
            'a 10,000-element array',
            '`outer()`',
            '`getRandom`, a module-level binding (as the result of `outer()`)',
          ),
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 56,
          suggestions: [],
        },
      ],
    },
    {
      // The classic "theThing" chain, reported at the kept closure.
      code: classic(classicBody),
      errors: [
        {
          messageId: 'sharedContextChain',
          data: {
            closure: '`someMethod()`',
            name: 'originalThing',
            sibling: '`unused()`',
            storage: 'theThing',
            trigger: 'on every tick of the interval started at line 14',
          },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'releaseVariable',
              data: { name: 'originalThing', maker: '`replaceThing()`' },
              output: classic([...classicBody, '  originalThing = null;']),
            },
          ],
        },
      ],
    },
    {
      // The example app's sampler.
      code: 'function makeSampler(size) {\n  const samples = Array.from(Array(size).keys());\n  return function sample() {\n    return samples[Math.floor(Math.random() * samples.length)];\n  };\n}\nconst sample = makeSampler(100000);',
      errors: [
        {
          ...capturedAllocation(
            '`sample()`',
            'samples',
            'a 100,000-element array',
            '`makeSampler()`',
            '`sample`, a module-level binding (as the result of `makeSampler()`)',
          ),
          line: 2,
          column: 19,
          suggestions: [],
        },
      ],
    },
    {
      // Kept by an interval, directly and by name; the size through constants.
      code: 'const MB = 1024 * 1024;\nfunction start() {\n  const buf = Buffer.alloc(4 * MB);\n  setInterval(() => send(buf), 1000);\n}\nfunction poll() {\n  const frame = new Float64Array(1 << 16);\n  function tick() { draw(frame); }\n  setInterval(tick, 16);\n}\nstart();\npoll();',
      errors: [
        {
          ...capturedAllocation(
            'the callback passed to `setInterval()`',
            'buf',
            'a 4,194,304-byte buffer',
            '`start()`',
            'the interval started at line 4',
          ),
          line: 3,
          column: 15,
        },
        {
          ...capturedAllocation(
            '`tick()`',
            'frame',
            'a 65,536-element `Float64Array`',
            '`poll()`',
            'the interval started at line 9',
          ),
          line: 7,
          column: 17,
        },
      ],
    },
    {
      // Kept by a listener on `process` and by a module-level collection: whole files.
      code: 'const fs = require("fs");\nconst handlers = [];\nfunction watch(file) {\n  const contents = fs.readFileSync(file, "utf8");\n  process.on("SIGHUP", () => reload(contents));\n}\nfunction register(path) {\n  const data = fs.readFileSync(path).toString();\n  handlers.push(() => data.length);\n}\nmodule.exports = { watch, register };',
      errors: [
        {
          ...capturedAllocation(
            'the callback passed to `process.on()`',
            'contents',
            'the contents of a file read by `readFileSync()`',
            '`watch()`',
            'the `SIGHUP` listener on `process`',
          ),
          line: 4,
          column: 20,
        },
        {
          ...capturedAllocation(
            'the callback passed to `handlers.push()`',
            'data',
            'the contents of a file read by `readFileSync()`',
            '`register()`',
            'the module-level collection `handlers`',
          ),
          line: 8,
          column: 16,
        },
      ],
    },
    {
      // A readFile callback's data and the chunks of a stream, kept by intervals.
      code: 'fs.readFile("big.log", (err, data) => {\n  setInterval(() => scan(data), 1000);\n});\nfunction collect(stream) {\n  const chunks = [];\n  stream.on("data", (chunk) => chunks.push(chunk));\n  setInterval(() => report(chunks.length), 1000);\n}\ncollect(process.stdin);',
      errors: [
        {
          ...capturedAllocation(
            'the callback passed to `setInterval()`',
            'data',
            'the contents of a file read by `readFile()`',
            'the callback passed to `fs.readFile()`',
            'the interval started at line 2',
          ),
          line: 1,
          column: 30,
        },
        {
          ...capturedAllocation(
            'the callback passed to `setInterval()`',
            'chunks',
            'the chunks read from a stream',
            '`collect()`',
            'the interval started at line 7',
          ),
          line: 5,
          column: 18,
        },
      ],
    },
    {
      // Large strings, returned in an object by a maker.
      code: "function makeBanner() {\n  const line = '='.repeat(100000);\n  const filler = new Array(100001).join('*');\n  return { top: () => line, bottom() { return filler; } };\n}\nconst banner = makeBanner();",
      errors: [
        {
          ...capturedAllocation(
            '`top()`',
            'line',
            'a 100,000-character string',
            '`makeBanner()`',
            '`banner`, a module-level binding (as the result of `makeBanner()`)',
          ),
          line: 2,
          column: 16,
        },
        {
          ...capturedAllocation(
            '`bottom()`',
            'filler',
            'a 100,000-character string',
            '`makeBanner()`',
            '`banner`, a module-level binding (as the result of `makeBanner()`)',
          ),
          line: 3,
          column: 18,
        },
      ],
    },
    {
      // A shared context holding a large value: the SIGINT listener never uses `rows`, but `total` captures it.
      code: 'function start() {\n  let rows = new Array(100000).fill(0);\n  const total = () => rows.reduce((a, b) => a + b, 0);\n  console.log(total());\n  process.on("SIGINT", () => shutdown());\n}\nstart();',
      errors: [
        {
          messageId: 'sharedContext',
          data: {
            closure: 'the callback passed to `process.on()`',
            name: 'rows',
            value: 'a 100,000-element array',
            sibling: '`total()`',
            holder: 'the `SIGINT` listener on `process`',
          },
          line: 5,
          column: 24,
          endLine: 5,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'releaseVariable',
              data: { name: 'rows', maker: '`start()`' },
              output:
                'function start() {\n  let rows = new Array(100000).fill(0);\n  const total = () => rows.reduce((a, b) => a + b, 0);\n  console.log(total());\n  process.on("SIGINT", () => shutdown());\n  rows = null;\n}\nstart();',
            },
          ],
        },
      ],
    },
    {
      // No suggestion when the variable is const, or when its sibling may run after the call.
      code: 'function start(socket) {\n  const rows = new Array(100000).fill(0);\n  socket.on("data", () => rows.push(1));\n  process.on("SIGINT", () => shutdown());\n}\nstart();',
      errors: [
        {
          messageId: 'sharedContext',
          data: {
            closure: 'the callback passed to `process.on()`',
            name: 'rows',
            value: 'a 100,000-element array',
            sibling: 'the callback passed to `socket.on()`',
            holder: 'the `SIGINT` listener on `process`',
          },
          line: 4,
          column: 24,
          suggestions: [],
        },
      ],
    },
    {
      // The release goes before a final return that does not use the variable.
      code: 'var current = null;\nfunction swap() {\n  var previous = current;\n  list.forEach(function () { if (previous) count++; });\n  current = { read() { return 1; } };\n  return current;\n}\nsetInterval(swap, 100);',
      errors: [
        {
          messageId: 'sharedContextChain',
          data: {
            closure: '`read()`',
            name: 'previous',
            sibling: 'the callback passed to `list.forEach()`',
            storage: 'current',
            trigger: 'on every tick of the interval started at line 8',
          },
          line: 5,
          column: 15,
          suggestions: [
            {
              messageId: 'releaseVariable',
              data: { name: 'previous', maker: '`swap()`' },
              output:
                'var current = null;\nfunction swap() {\n  var previous = current;\n  list.forEach(function () { if (previous) count++; });\n  current = { read() { return 1; } };\n  previous = null;\n  return current;\n}\nsetInterval(swap, 100);',
            },
          ],
        },
      ],
    },
  ],
});

scriptTester.run('no-leaked-closure (script)', rule, {
  valid: [],
  invalid: [
    {
      // The classic, as a browser script.
      code: classic(classicBody),
      errors: [
        {
          messageId: 'sharedContextChain',
          data: {
            closure: '`someMethod()`',
            name: 'originalThing',
            sibling: '`unused()`',
            storage: 'theThing',
            trigger: 'on every tick of the interval started at line 14',
          },
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: 'releaseVariable',
              data: { name: 'originalThing', maker: '`replaceThing()`' },
              output: classic([...classicBody, '  originalThing = null;']),
            },
          ],
        },
      ],
    },
  ],
});

moduleTester.run('no-leaked-closure (ES module)', rule, {
  valid: [
    'export function makeCache() {\n  const slots = new Array(64);\n  return { get: (i) => slots[i] };\n}\nexport const cache = makeCache();',
    'import { readFile } from "node:fs/promises";\nexport async function load(path) {\n  const text = await readFile(path, "utf8");\n  return text.length;\n}',
  ],
  invalid: [
    {
      code: 'import { readFile } from "node:fs/promises";\nasync function load(path) {\n  const text = await readFile(path, "utf8");\n  return { size: () => text.length };\n}\nexport const loaded = await load("big.txt");',
      errors: [
        {
          ...capturedAllocation(
            '`size()`',
            'text',
            'the contents of a file read by `readFile()`',
            '`load()`',
            '`loaded`, a module-level binding (as the result of `load()`)',
          ),
          line: 3,
          column: 16,
          suggestions: [],
        },
      ],
    },
    {
      code: 'export function createStore() {\n  const table = new Array(50000);\n  return { get(i) { return table[i]; } };\n}\nexport const store = createStore();',
      errors: [
        {
          ...capturedAllocation(
            '`get()`',
            'table',
            'a 50,000-element array',
            '`createStore()`',
            '`store`, a module-level binding (as the result of `createStore()`)',
          ),
          line: 2,
          column: 17,
          suggestions: [],
        },
      ],
    },
  ],
});

typescriptTester.run('no-leaked-closure (TypeScript)', rule, {
  valid: [
    'function makeCounter(start: number): () => number {\n  let count = start;\n  return () => ++count;\n}\nexport const next = makeCounter(0);',
    'function outer(elementCount: number): () => number {\n  return function inner(): number {\n    const elements: number[] = Array.from(Array(elementCount).keys());\n    return elements[0] ?? 0;\n  };\n}\nexport const getRandom = outer(10000);',
    'interface Thing { someMethod(): void }\nlet theThing: Thing | null = null;\nfunction replaceThing(): void {\n  let originalThing = theThing;\n  const unused = (): void => { if (originalThing) console.log("hi"); };\n  unused();\n  theThing = { someMethod(): void { console.log("x"); } };\n  originalThing = null;\n}\nsetInterval(replaceThing, 1000);',
  ],
  invalid: [
    {
      code: 'function outer(elementCount: number): () => number {\n  const elements: number[] = Array.from(Array(elementCount).keys());\n  return function inner(): number {\n    return elements[Math.floor(Math.random() * elements.length)] as number;\n  };\n}\nexport const getRandom = outer(10000);',
      errors: [
        {
          ...capturedAllocation(
            '`inner()`',
            'elements',
            'a 10,000-element array',
            '`outer()`',
            '`getRandom`, a module-level binding (as the result of `outer()`)',
          ),
          line: 2,
          column: 30,
          suggestions: [],
        },
      ],
    },
    {
      code: 'interface Thing { someMethod(): void }\nlet theThing: Thing | null = null;\nfunction replaceThing(): void {\n  let originalThing = theThing;\n  const unused = (): void => { if (originalThing) console.log("hi"); };\n  unused();\n  theThing = { someMethod(): void { console.log("x"); } } satisfies Thing;\n}\nsetInterval(replaceThing, 1000);',
      errors: [
        {
          messageId: 'sharedContextChain',
          data: {
            closure: '`someMethod()`',
            name: 'originalThing',
            sibling: '`unused()`',
            storage: 'theThing',
            trigger: 'on every tick of the interval started at line 9',
          },
          line: 7,
          column: 16,
          suggestions: [
            {
              messageId: 'releaseVariable',
              data: { name: 'originalThing', maker: '`replaceThing()`' },
              output:
                'interface Thing { someMethod(): void }\nlet theThing: Thing | null = null;\nfunction replaceThing(): void {\n  let originalThing = theThing;\n  const unused = (): void => { if (originalThing) console.log("hi"); };\n  unused();\n  theThing = { someMethod(): void { console.log("x"); } } satisfies Thing;\n  originalThing = null;\n}\nsetInterval(replaceThing, 1000);',
            },
          ],
        },
      ],
    },
    {
      code: 'export function makeSampler(size: number): () => number {\n  const samples = new Uint32Array(size);\n  return (): number => samples[0] ?? 0;\n}\nexport const sample = makeSampler(100_000);',
      errors: [
        {
          ...capturedAllocation(
            'an anonymous function',
            'samples',
            'a 100,000-element `Uint32Array`',
            '`makeSampler()`',
            '`sample`, a module-level binding (as the result of `makeSampler()`)',
          ),
          line: 2,
          column: 19,
          suggestions: [],
        },
      ],
    },
  ],
});

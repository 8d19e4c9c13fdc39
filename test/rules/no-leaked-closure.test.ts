import { outdent } from 'outdent';
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
    outdent`
      function makeLookup() {
        const table = new Array(256).fill(0);
        return (i) => table[i];
      }
      const lookup = makeLookup();
    `,
    seedOuter.replace('outer(10000)', 'outer(10)'),
    // A size the analysis cannot know: silent.
    seedOuter.replace('outer(10000)', 'outer(process.argv.length)'),
    // The large value is created inside the closure on each call, and dies with the call.
    outdent`
      function outer() {
        return function inner() {
          const elements = Array.from(Array(10000).keys());
          return elements[0];
        };
      }
      const getRandom = outer();
    `,
    // Closures that are not kept: called and dropped.
    outdent`
      ${seedOuter.replace('let getRandom = outer(10000);\nconsole.log(getRandom());', '')}
      function handle() {
        const getRandom = outer(10000);
        return getRandom();
      }
      console.log(outer(10000)());
    `,
    outdent`
      function load(emitter) {
        const contents = require("fs").readFileSync("big.json");
        emitter.on("ready", () => parse(contents));
      }
    `,
    // A sibling closure set that shares no large or chained value.
    outdent`
      function setup() {
        const name = "worker";
        const log = () => console.log(name);
        log();
        process.on("SIGTERM", () => shutdown());
      }
      setup();
    `,
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
    outdent`
      var current = null;
      function wrap() {
        var previous = current;
        var callPrevious = function () { return previous && previous.run(); };
        current = { run: function () { return callPrevious(); } };
      }
      setInterval(wrap, 1000);
    `,
    // The chain is made once, at start-up: one previous value, not an unbounded chain.
    classic(classicBody).replace('setInterval(replaceThing, 1000);', 'replaceThing();'),
    // Stored first, then read: the variable holds the new value, not the previous one.
    outdent`
      var current = null;
      setInterval(function () {
        current = { get: function () { return 1; } };
        var self = current;
        var check = function () { return self; };
        check();
      }, 1000);
    `,
    // The interval is cleared, the listener removed: the closure is let go.
    outdent`
      function poll() {
        const big = Buffer.alloc(1024 * 1024);
        const timer = setInterval(() => send(big), 1000);
        setTimeout(() => clearInterval(timer), 10000);
      }
      poll();
    `,
    outdent`
      function watch() {
        const big = Buffer.alloc(1024 * 1024);
        function onHup() { send(big); }
        process.on("SIGHUP", onHup);
        return () => process.off("SIGHUP", onHup);
      }
      module.exports = watch;
    `,
    // A module-level allocation is the module's own data, not a closure leak.
    outdent`
      const big = new Array(100000).fill(0);
      setInterval(() => console.log(big.length), 1000);
    `,
    // A string of an empty separator's join is empty.
    outdent`
      function pad() {
        const empty = new Array(100000).join('');
        return () => empty;
      }
      const blank = pad();
    `,
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
      code: outdent`
        function makeSampler(size) {
          const samples = Array.from(Array(size).keys());
          return function sample() {
            return samples[Math.floor(Math.random() * samples.length)];
          };
        }
        const sample = makeSampler(100000);
      `,
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
      code: outdent`
        const MB = 1024 * 1024;
        function start() {
          const buf = Buffer.alloc(4 * MB);
          setInterval(() => send(buf), 1000);
        }
        function poll() {
          const frame = new Float64Array(1 << 16);
          function tick() { draw(frame); }
          setInterval(tick, 16);
        }
        start();
        poll();
      `,
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
      code: outdent`
        const fs = require("fs");
        const handlers = [];
        function watch(file) {
          const contents = fs.readFileSync(file, "utf8");
          process.on("SIGHUP", () => reload(contents));
        }
        function register(path) {
          const data = fs.readFileSync(path).toString();
          handlers.push(() => data.length);
        }
        module.exports = { watch, register };
      `,
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
      code: outdent`
        fs.readFile("big.log", (err, data) => {
          setInterval(() => scan(data), 1000);
        });
        function collect(stream) {
          const chunks = [];
          stream.on("data", (chunk) => chunks.push(chunk));
          setInterval(() => report(chunks.length), 1000);
        }
        collect(process.stdin);
      `,
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
      code: outdent`
        function makeBanner() {
          const line = '='.repeat(100000);
          const filler = new Array(100001).join('*');
          return { top: () => line, bottom() { return filler; } };
        }
        const banner = makeBanner();
      `,
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
      code: outdent`
        function start() {
          let rows = new Array(100000).fill(0);
          const total = () => rows.reduce((a, b) => a + b, 0);
          console.log(total());
          process.on("SIGINT", () => shutdown());
        }
        start();
      `,
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
              output: outdent`
                function start() {
                  let rows = new Array(100000).fill(0);
                  const total = () => rows.reduce((a, b) => a + b, 0);
                  console.log(total());
                  process.on("SIGINT", () => shutdown());
                  rows = null;
                }
                start();
              `,
            },
          ],
        },
      ],
    },
    {
      // No suggestion when the variable is const, or when its sibling may run after the call.
      code: outdent`
        function start(socket) {
          const rows = new Array(100000).fill(0);
          socket.on("data", () => rows.push(1));
          process.on("SIGINT", () => shutdown());
        }
        start();
      `,
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
      code: outdent`
        var current = null;
        function swap() {
          var previous = current;
          list.forEach(function () { if (previous) count++; });
          current = { read() { return 1; } };
          return current;
        }
        setInterval(swap, 100);
      `,
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
              output: outdent`
                var current = null;
                function swap() {
                  var previous = current;
                  list.forEach(function () { if (previous) count++; });
                  current = { read() { return 1; } };
                  previous = null;
                  return current;
                }
                setInterval(swap, 100);
              `,
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
    outdent`
      export function makeCache() {
        const slots = new Array(64);
        return { get: (i) => slots[i] };
      }
      export const cache = makeCache();
    `,
    outdent`
      import { readFile } from "node:fs/promises";
      export async function load(path) {
        const text = await readFile(path, "utf8");
        return text.length;
      }
    `,
  ],
  invalid: [
    {
      code: outdent`
        import { readFile } from "node:fs/promises";
        async function load(path) {
          const text = await readFile(path, "utf8");
          return { size: () => text.length };
        }
        export const loaded = await load("big.txt");
      `,
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
      code: outdent`
        export function createStore() {
          const table = new Array(50000);
          return { get(i) { return table[i]; } };
        }
        export const store = createStore();
      `,
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
    outdent`
      function makeCounter(start: number): () => number {
        let count = start;
        return () => ++count;
      }
      export const next = makeCounter(0);
    `,
    outdent`
      function outer(elementCount: number): () => number {
        return function inner(): number {
          const elements: number[] = Array.from(Array(elementCount).keys());
          return elements[0] ?? 0;
        };
      }
      export const getRandom = outer(10000);
    `,
    outdent`
      interface Thing { someMethod(): void }
      let theThing: Thing | null = null;
      function replaceThing(): void {
        let originalThing = theThing;
        const unused = (): void => { if (originalThing) console.log("hi"); };
        unused();
        theThing = { someMethod(): void { console.log("x"); } };
        originalThing = null;
      }
      setInterval(replaceThing, 1000);
    `,
  ],
  invalid: [
    {
      code: outdent`
        function outer(elementCount: number): () => number {
          const elements: number[] = Array.from(Array(elementCount).keys());
          return function inner(): number {
            return elements[Math.floor(Math.random() * elements.length)] as number;
          };
        }
        export const getRandom = outer(10000);
      `,
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
      code: outdent`
        interface Thing { someMethod(): void }
        let theThing: Thing | null = null;
        function replaceThing(): void {
          let originalThing = theThing;
          const unused = (): void => { if (originalThing) console.log("hi"); };
          unused();
          theThing = { someMethod(): void { console.log("x"); } } satisfies Thing;
        }
        setInterval(replaceThing, 1000);
      `,
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
              output: outdent`
                interface Thing { someMethod(): void }
                let theThing: Thing | null = null;
                function replaceThing(): void {
                  let originalThing = theThing;
                  const unused = (): void => { if (originalThing) console.log("hi"); };
                  unused();
                  theThing = { someMethod(): void { console.log("x"); } } satisfies Thing;
                  originalThing = null;
                }
                setInterval(replaceThing, 1000);
              `,
            },
          ],
        },
      ],
    },
    {
      code: outdent`
        export function makeSampler(size: number): () => number {
          const samples = new Uint32Array(size);
          return (): number => samples[0] ?? 0;
        }
        export const sample = makeSampler(100_000);
      `,
      errors: [
        {
          ...capturedAllocation(
            'the function at line 3',
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

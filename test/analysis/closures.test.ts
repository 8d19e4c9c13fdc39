import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import {
  ANY_CALL,
  capturedVariables,
  capturesOf,
  constantNumber,
  isResetToNullish,
  largeValue,
  largeValueOf,
  parameterBindings,
  sharedContextOf,
  writtenValues,
} from '../../src/analysis/closures.js';
import { valueKeepers } from '../../src/analysis/lifetime.js';
import { resolve, type FunctionNode } from '../../src/analysis/ast.js';
import { describeFunction } from '../../src/analysis/fixes.js';
import { findNode, withSourceCode } from './parse.js';

const variableNamed = (sourceCode: TSESLint.SourceCode, name: string) => {
  const variable = resolve(sourceCode, findNode(sourceCode, name, 'Identifier') as TSESTree.Identifier);
  if (!variable) throw new Error(`no variable ${name}`);
  return variable;
};

describe('largeValue', () => {
  const describeValue = (expression: string, prelude = '') =>
    withSourceCode(`${prelude}\n(${expression});`, (sourceCode) => {
      const statement = sourceCode.ast.body.at(-1) as TSESTree.ExpressionStatement;
      return largeValue(sourceCode, statement.expression)?.description ?? null;
    });

  it.each([
    ['new Array(100000)', 'a 100,000-element array'],
    ['Array(10000).fill(0)', 'a 10,000-element array'],
    ['Array.from({ length: 20000 }, (_, i) => i)', 'a 20,000-element array'],
    ['Array.from(Array(10000).keys())', 'a 10,000-element array'],
    ['[...Array(10000).keys()]', 'a 10,000-element array'],
    ['new Float64Array(1 << 16)', 'a 65,536-element `Float64Array`'],
    ['new ArrayBuffer(2 ** 20)', 'a 1,048,576-byte `ArrayBuffer`'],
    ['Buffer.alloc(1024 * 1024)', 'a 1,048,576-byte buffer'],
    ['Buffer.allocUnsafe(65536)', 'a 65,536-byte buffer'],
    ["'*'.repeat(100000)", 'a 100,000-character string'],
    ["new Array(1000000).join('*')", 'a 999,999-character string'],
    ['fs.readFileSync(path)', 'the contents of a file read by `readFileSync()`'],
    ["readFileSync(path, 'utf8').split('\\n')", 'the contents of a file read by `readFileSync()`'],
  ])('recognises %s', (expression, description) => {
    expect(describeValue(expression)).toBe(description);
  });

  it('follows constants', () => {
    expect(describeValue('Buffer.alloc(4 * MB)', 'const MB = 1024 * 1024;')).toBe('a 4,194,304-byte buffer');
  });

  it.each([
    ['new Array(256)'],
    ['new Uint8Array(4096)'],
    ['Buffer.alloc(1024)'],
    ["' '.repeat(80)"],
    ["new Array(100000).join('')"],
    ['new Array(n)'],
    ['Buffer.alloc(size)'],
    ['new Array(1, 2)'],
    ['new Uint8Array(source)'],
    ['JSON.parse(fs.readFileSync(path))'],
    ['[1, 2, 3]'],
    ['{ length: 100000 }'],
  ])('does not count %s as large (small or unknown size, or not an allocation)', (expression) => {
    expect(describeValue(expression)).toBeNull();
  });

  it('does not follow `let` bindings, whose value may change', () => {
    expect(describeValue('new Array(n)', 'let n = 100000;')).toBeNull();
  });
});

describe('largeValueOf and parameterBindings', () => {
  it('sizes an allocation by the argument a maker is called with', () => {
    const code = outdent`
      function outer(elementCount) {
        let elements = Array.from(Array(elementCount).keys());
        return () => elements;
      }
      outer(10000);
      outer(10);
      outer(n);
    `;
    const found = withSourceCode(code, (sourceCode) => {
      const elements = variableNamed(sourceCode, 'elements');
      const calls = sourceCode.ast.body
        .slice(1)
        .map((s) => (s as TSESTree.ExpressionStatement).expression as TSESTree.CallExpression);
      return [
        largeValueOf(sourceCode, elements)?.description ?? null,
        ...calls.map(
          (call) => largeValueOf(sourceCode, elements, parameterBindings(sourceCode, call))?.description ?? null,
        ),
      ];
    });
    expect(found).toEqual([null, 'a 10,000-element array', null, null]);
  });

  it('ANY_CALL: large when some call could make it so, and only then', () => {
    const code = outdent`
      function outer(count) {
        const byParameter = new Array(count * 2);
        const small = new Array(10);
        const unknown = new Array(other.length);
        const read = fetch(url);
      }
    `;
    const found = withSourceCode(code, (sourceCode) =>
      ['byParameter', 'small', 'unknown', 'read'].map(
        (name) => largeValueOf(sourceCode, variableNamed(sourceCode, name), ANY_CALL) !== null,
      ),
    );
    expect(found).toEqual([true, false, false, false]);
  });

  it('uses a default parameter value when the argument is missing', () => {
    const size = withSourceCode(`function make(size = 1 << 20) { return () => size; }\nmake();`, (sourceCode) => {
      const call = (sourceCode.ast.body[1] as TSESTree.ExpressionStatement).expression as TSESTree.CallExpression;
      return constantNumber(
        sourceCode,
        findNode(sourceCode, 'size', 'Identifier'),
        parameterBindings(sourceCode, call),
      );
    });
    expect(size).toBe(1 << 20);
  });

  it('recognises a readFile callback’s data, awaited reads and the chunks of a stream', () => {
    const code = outdent`
      fs.readFile(p, (err, data) => data);
      async function load() { const text = await fsp.readFile(p); return text; }
      function collect(stream) { const chunks = []; stream.on('data', (chunk) => chunks.push(chunk)); }
      async function drain(stream) { const parts = []; for await (const part of stream) parts.push(part); const all = Buffer.concat(parts); }
      function other(list) { const items = []; list.forEach((x) => items.push(x)); }
    `;
    const found = withSourceCode(code, (sourceCode) =>
      ['data', 'text', 'chunks', 'parts', 'all', 'items', 'err'].map(
        (name) => largeValueOf(sourceCode, variableNamed(sourceCode, name))?.description ?? null,
      ),
    );
    expect(found).toEqual([
      'the contents of a file read by `readFile()`',
      'the contents of a file read by `readFile()`',
      'the chunks read from a stream',
      'the chunks read from a stream',
      'the chunks read from a stream',
      null,
      null,
    ]);
  });
});

describe('writtenValues', () => {
  it('lists initialisers and plain assignments, not loop items, compound assignments or destructuring', () => {
    const code = outdent`
      function f(list) {
        let x = a();
        x = b();
        x += c();
        for (x of d()) {}
        ({ x } = e());
      }
    `;
    expect(
      withSourceCode(code, (sourceCode) =>
        writtenValues(variableNamed(sourceCode, 'x')).map((n) => sourceCode.getText(n)),
      ),
    ).toEqual(['a()', 'b()']);
    // Each item of a large array is not itself large.
    expect(
      withSourceCode(`function f() { for (const y of Array(100000).keys()) keep(() => y); }`, (sourceCode) =>
        writtenValues(variableNamed(sourceCode, 'y')),
      ),
    ).toEqual([]);
  });
});

describe('isResetToNullish', () => {
  it('holds when the variable is set to null or undefined after it is created', () => {
    const released = (code: string) =>
      withSourceCode(code, (sourceCode) => isResetToNullish(variableNamed(sourceCode, 'x')));
    expect(released(`function f() { let x = big(); x = null; }`)).toBe(true);
    expect(released(`function f() { let x = big(); x = undefined; }`)).toBe(true);
    expect(released(`function f() { let x = null; x = big(); }`)).toBe(false);
    expect(released(`function f() { let x = big(); x = other(); }`)).toBe(false);
  });
});

describe('capturesOf', () => {
  it('attributes each capture to the closure created directly in the variable’s function', () => {
    const code = outdent`
      function outer() {
        const a = 1;
        const b = 2;
        const first = () => a;
        function second() { return [1].map(() => a + b); }
        return a;
      }
    `;
    const found = withSourceCode(code, (sourceCode) =>
      ['a', 'b'].map((name) =>
        capturesOf(variableNamed(sourceCode, name)).map((capture) => describeFunction(capture.closure)),
      ),
    );
    expect(found).toEqual([['`first()`', '`second()`'], ['`second()`']]);
  });

  it('is empty for module-level variables and for uses in the function itself', () => {
    const found = withSourceCode(
      outdent`
        const top = 1;
        const f = () => top;
        function g() { const own = 1; return own; }
      `,
      (sourceCode) => [
        capturesOf(variableNamed(sourceCode, 'top')).length,
        capturesOf(variableNamed(sourceCode, 'own')).length,
      ],
    );
    expect(found).toEqual([0, 0]);
  });
});

describe('sharedContextOf', () => {
  const sharedOf = (code: string, closure: string) =>
    withSourceCode(code, (sourceCode) =>
      sharedContextOf(sourceCode, findNode(sourceCode, closure) as FunctionNode).map((shared) => ({
        name: shared.variable.name,
        capturedBy: shared.capturedBy.map((fn) => describeFunction(fn)),
      })),
    );

  it('finds what the classic `someMethod` keeps through the context it shares with `unused`', () => {
    const code = outdent`
      var theThing = null;
      var replaceThing = function () {
        var originalThing = theThing;
        var unused = function () { if (originalThing) console.log("hi"); };
        theThing = { longStr: new Array(1000000).join('*'), someMethod: function () { console.log(someMessage); } };
      };
    `;
    expect(sharedOf(code, 'function () { console.log(someMessage)')).toEqual([
      { name: 'originalThing', capturedBy: ['`unused()`'] },
    ]);
    expect(sharedOf(code, 'function () { if (originalThing)')).toEqual([]);
  });

  it('leaves out what the closure uses, by name or through a sibling it calls', () => {
    const code = outdent`
      function f() {
        const a = big();
        const b = big();
        const c = big();
        const useB = () => b;
        const other = () => a + c;
        return () => c + useB();
      }
    `;
    expect(sharedOf(code, '() => c + useB()')).toEqual([{ name: 'a', capturedBy: ['`other()`'] }]);
  });

  it('includes the block scopes around the closure but not sibling blocks', () => {
    const code = outdent`
      function f() {
        { const inBlock = big(); later(() => inBlock); }
        if (x) { const around = big(); later(() => around); keep(() => 1); }
      }
    `;
    expect(sharedOf(code, '() => 1')).toEqual([{ name: 'around', capturedBy: ['the callback passed to `later()`'] }]);
  });

  it('is empty at module level', () => {
    expect(
      sharedOf(
        outdent`
          const a = big();
          const f = () => a;
          const g = () => 1;
        `,
        '() => 1',
      ),
    ).toEqual([]);
  });
});

describe('valueKeepers (lifetime.ts)', () => {
  const keepersOf = (code: string, marker: string, sourceType: 'commonjs' | 'module' = 'commonjs') =>
    withSourceCode(
      code,
      (sourceCode) =>
        valueKeepers(sourceCode, findNode(sourceCode, marker)).map((keeper) => ({
          holder: keeper.holder,
          maker: keeper.maker,
          storage: keeper.storage?.name ?? null,
          makerCall: keeper.makerCall ? sourceCode.getText(keeper.makerCall) : null,
        })),
      sourceType,
    );

  it('agrees with closureHolder on direct holders and makers', () => {
    expect(keepersOf(`setInterval(() => tick(), 1000);`, '() => tick()')).toEqual([
      { holder: 'the interval started at line 1', maker: null, storage: null, makerCall: null },
    ]);
    expect(
      keepersOf(
        outdent`
          function outer(n) { return function inner() {}; }
          let a = outer(1);
          let b = outer(2);
        `,
        'function inner',
      ),
    ).toEqual([
      { holder: '`a`, a module-level binding', maker: 'outer()', storage: 'a', makerCall: 'outer(1)' },
      { holder: '`b`, a module-level binding', maker: 'outer()', storage: 'b', makerCall: 'outer(2)' },
    ]);
  });

  it('sees through object literals, awaits, local names and module-level collections', () => {
    expect(
      keepersOf(`var theThing;\nfunction r() { theThing = { someMethod: function () {} }; }`, 'function () {}'),
    ).toEqual([{ holder: '`theThing`, a module-level binding', maker: null, storage: 'theThing', makerCall: null }]);
    expect(
      keepersOf(
        outdent`
          async function load() { return { size: () => 1 }; }
          const loaded = await load();
        `,
        '() => 1',
        'module',
      ),
    ).toEqual([
      { holder: '`loaded`, a module-level binding', maker: 'load()', storage: 'loaded', makerCall: 'load()' },
    ]);
    expect(keepersOf(`function poll() { function tick() {} setInterval(tick, 10); }`, 'function tick')).toEqual([
      { holder: 'the interval started at line 1', maker: null, storage: null, makerCall: null },
    ]);
    expect(keepersOf(`const table = {};\nfunction add(key) { table[key] = () => 3; }`, '() => 3')).toEqual([
      { holder: 'the module-level object `table`', maker: null, storage: 'table', makerCall: null },
    ]);
    expect(keepersOf(`const byName = new Map();\nfunction add() { byName.set('a', () => 2); }`, '() => 2')).toEqual([
      { holder: 'the module-level collection `byName`', maker: null, storage: 'byName', makerCall: null },
    ]);
    expect(
      keepersOf(
        outdent`
          const handlers = [];
          const byName = new Map();
          function add() { handlers.push(() => 1); byName.set('a', () => 2); }
        `,
        '() => 1',
      ),
    ).toEqual([
      { holder: 'the module-level collection `handlers`', maker: null, storage: 'handlers', makerCall: null },
    ]);
  });

  it('is empty for closures nothing long-lived keeps, and for listeners the file removes', () => {
    expect(keepersOf(`function f() { const g = () => 1; return g(); }`, '() => 1')).toEqual([]);
    expect(
      keepersOf(
        `function f() { function onHup() {} process.on('SIGHUP', onHup); return () => process.off('SIGHUP', onHup); }`,
        'function onHup',
      ),
    ).toEqual([]);
    expect(keepersOf(`function f(cache) { cache.set('a', () => 1); }`, '() => 1')).toEqual([]);
  });
});

describe('capturedVariables', () => {
  it('lists the declared variables and readFile data a nested function mentions, not other parameters or names', () => {
    const code = outdent`
      const top = [];
      function start(port, options) {
        let seen = 0;
        const unused = 1;
        function tick() { return seen + port + helper() + top.length; }
        function helper() { return options; }
        fs.readFile(path, (error, data) => { setTimeout(() => data.length); });
        return tick;
      }
    `;
    const names = withSourceCode(code, (sourceCode) => [...capturedVariables(sourceCode)].map((v) => v.name));
    expect(names).toEqual(['seen', 'data']);
  });
});

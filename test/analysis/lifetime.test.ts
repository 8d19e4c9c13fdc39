import type { TSESTree } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { closureHolder, isModuleScoped, moduleStorageOf } from '../../src/analysis/lifetime.js';
import { resolve, type FunctionNode } from '../../src/analysis/ast.js';
import { findNode, withSourceCode } from './parse.js';

describe('isModuleScoped', () => {
  it.each([
    [
      'commonjs',
      outdent`
        const list = [];
        list;
      `,
    ],
    [
      'module',
      outdent`
        const list = [];
        list;
      `,
    ],
    [
      'script',
      outdent`
        var list = [];
        list;
      `,
    ],
  ] as const)('holds for a top-level binding in a %s file', (sourceType, code) => {
    withSourceCode(
      code,
      (sourceCode) => {
        const variable = resolve(sourceCode, findNode(sourceCode, 'list', 'Identifier') as TSESTree.Identifier);
        expect(variable && isModuleScoped(variable)).toBe(true);
      },
      sourceType,
    );
  });

  it('does not hold for a function local', () => {
    withSourceCode(`function f() { const list = []; return list; }`, (sourceCode) => {
      const variable = resolve(sourceCode, findNode(sourceCode, 'list', 'Identifier') as TSESTree.Identifier);
      expect(variable && isModuleScoped(variable)).toBe(false);
    });
  });
});

describe('moduleStorageOf', () => {
  const storageAt = (code: string, marker: string, type: string) =>
    withSourceCode(code, (sourceCode) => {
      const storage = moduleStorageOf(sourceCode, findNode(sourceCode, marker, type));
      return storage && { name: storage.name, property: storage.property, variable: storage.variable.name };
    });

  it('names module bindings, their properties and static fields through `this`', () => {
    expect(storageAt(`const seen = new Set();\nfunction f() { seen.add(1); }`, 'seen.add', 'MemberExpression')).toEqual(
      { name: 'seen.add', property: 'add', variable: 'seen' },
    );
    expect(storageAt(`const seen = new Set();\nfunction f() { seen.add(1); }`, 'seen', 'Identifier')).toEqual({
      name: 'seen',
      property: null,
      variable: 'seen',
    });
    expect(
      storageAt(`class Job { static all = []; static add(j) { this.all.push(j); } }`, 'this.all', 'MemberExpression'),
    ).toEqual({ name: 'Job.all', property: 'all', variable: 'Job' });
    expect(
      storageAt(`class Job { static all = []; constructor() { Job.all.push(this); } }`, 'Job.all', 'MemberExpression'),
    ).toEqual({ name: 'Job.all', property: 'all', variable: 'Job' });
  });

  it('is null for locals, instance fields and unknown globals', () => {
    expect(storageAt(`function f() { const seen = new Set(); seen.add(1); }`, 'seen', 'Identifier')).toBeNull();
    expect(storageAt(`class Pool { add(x) { this.items.push(x); } }`, 'this.items', 'MemberExpression')).toBeNull();
    expect(storageAt(`function f() { undeclaredList.push(1); }`, 'undeclaredList', 'Identifier')).toBeNull();
  });
});

describe('closureHolder', () => {
  const holderOf = (code: string, marker: string) =>
    withSourceCode(code, (sourceCode) => closureHolder(sourceCode, findNode(sourceCode, marker) as FunctionNode));

  it('finds intervals, listeners on long-lived targets and module bindings', () => {
    expect(holderOf(`setInterval(() => tick(), 1000);`, '() => tick()')).toEqual({
      holder: 'the interval started at line 1',
      maker: null,
    });
    expect(holderOf(`process.on('message', (m) => handle(m));`, '(m) => handle(m)')).toEqual({
      holder: 'the `message` listener on `process`',
      maker: null,
    });
    expect(holderOf(`const getRandom = function inner() {};`, 'function inner')).toEqual({
      holder: '`getRandom`, a module-level binding',
      maker: null,
    });
  });

  it('follows a closure returned by its maker to what keeps the result', () => {
    const seed = outdent`
      function outer(n) {
        const elements = Array.from(Array(n).keys());
        return function inner() { return elements[0]; };
      }
      let getRandom = outer(10000);
    `;
    expect(holderOf(seed, 'function inner')).toEqual({
      holder: '`getRandom`, a module-level binding',
      maker: 'outer()',
    });
    expect(
      holderOf(
        outdent`
          function increment() { return function inner() {}; }
          setInterval(increment(), 1000);
        `,
        'function inner',
      ),
    ).toEqual({
      holder: 'the interval started at line 2',
      maker: 'increment()',
    });
  });

  it('is null for closures nothing long-lived keeps', () => {
    expect(holderOf(`function f() { const g = () => 1; return g(); }`, '() => 1')).toBeNull();
    expect(holderOf(`function f(emitter) { emitter.on('data', (d) => d); }`, '(d) => d')).toBeNull();
    expect(holderOf(`[1, 2].map((x) => x * 2);`, '(x) => x * 2')).toBeNull();
    // An interval whose handle is cleared releases its callback.
    expect(
      holderOf(`function poll() { const timer = setInterval(() => tick(), 1); clearInterval(timer); }`, '() => tick()'),
    ).toBeNull();
    expect(
      holderOf(
        `class P { start() { this.timer = setInterval(() => tick(), 1); } stop() { clearInterval(this.timer); } }`,
        '() => tick()',
      ),
    ).toBeNull();
  });
});

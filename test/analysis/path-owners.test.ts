/** pathMethodOwner: methods assigned one by one through a static path are one object's methods. */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import type { FunctionNode } from '../../src/analysis/ast.js';
import { pathMethodOwner, teardownPath } from '../../src/analysis/owners.js';
import { findNode, withSourceCode } from './parse.js';

const functionAt = (sourceCode: Parameters<typeof findNode>[0], text: string): FunctionNode =>
  (findNode(sourceCode, text, 'AssignmentExpression') as TSESTree.AssignmentExpression).right as FunctionNode;

describe('pathMethodOwner', () => {
  it('gathers the methods assigned through the same path beside each other, and finds their teardown', () => {
    const code =
      'module.exports = function (God) {\n  God.Worker = {};\n  God.Worker.start = function () {};\n  God.Worker.stop = () => {};\n  God.Other.stop = function () {};\n  God.Worker.count = 1;\n};\n';
    withSourceCode(code, (sourceCode) => {
      const owner = pathMethodOwner(functionAt(sourceCode, 'God.Worker.start ='));
      expect(owner?.path).toBe('God.Worker');
      expect(owner?.name).toBe('`God.Worker`');
      expect([...(owner?.methods.keys() ?? [])]).toEqual(['start', 'stop']);
      expect(owner && teardownPath(sourceCode, owner).teardowns).toEqual(['stop']);
      expect(pathMethodOwner(functionAt(sourceCode, 'God.Worker.stop ='))).toBe(owner);
    });
  });

  it.each([
    ['a prototype', 'function A() {}\nA.prototype.start = function () {};\n', 'A.prototype.start ='],
    ['this', 'function A() {\n  this.start = function () {};\n}\n', 'this.start ='],
    ['exports', 'exports.start = function () {};\nexports.stop = function () {};\n', 'exports.start ='],
    ['module.exports', 'module.exports.start = function () {};\n', 'module.exports.start ='],
    ['a computed key', "const k = 'start';\nW[k] = function () {};\n", 'W[k] ='],
  ])('is null for a method assigned through %s', (_, code, text) => {
    withSourceCode(code, (sourceCode) => {
      expect(pathMethodOwner(functionAt(sourceCode, text))).toBeNull();
    });
  });
});

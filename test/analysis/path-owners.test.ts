/** pathMethodOwner: methods assigned one by one through a static path are one object's methods. */
import type { TSESTree } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import type { FunctionNode } from '../../src/analysis/ast.js';
import { pathMethodOwner, teardownPath } from '../../src/analysis/owners.js';
import { findNode, withSourceCode } from './parse.js';

const functionAt = (sourceCode: Parameters<typeof findNode>[0], text: string): FunctionNode =>
  (findNode(sourceCode, text, 'AssignmentExpression') as TSESTree.AssignmentExpression).right as FunctionNode;

describe('pathMethodOwner', () => {
  it('gathers the methods assigned through the same path beside each other, and finds their teardown', () => {
    const code = outdent`
      module.exports = function (God) {
        God.Worker = {};
        God.Worker.start = function () {};
        God.Worker.stop = () => {};
        God.Other.stop = function () {};
        God.Worker.count = 1;
      };

    `;
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
    [
      'a prototype',
      outdent`
        function A() {}
        A.prototype.start = function () {};

      `,
      'A.prototype.start =',
    ],
    [
      'this',
      outdent`
        function A() {
          this.start = function () {};
        }

      `,
      'this.start =',
    ],
    [
      'exports',
      outdent`
        exports.start = function () {};
        exports.stop = function () {};

      `,
      'exports.start =',
    ],
    [
      'module.exports',
      outdent`
        module.exports.start = function () {};

      `,
      'module.exports.start =',
    ],
    [
      'a computed key',
      outdent`
        const k = 'start';
        W[k] = function () {};

      `,
      'W[k] =',
    ],
  ])('is null for a method assigned through %s', (_, code, text) => {
    withSourceCode(code, (sourceCode) => {
      expect(pathMethodOwner(functionAt(sourceCode, text))).toBeNull();
    });
  });
});

/** The AST helpers the analyses share. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import {
  allNodesLeft,
  collectingFileNodes,
  descendantsInOrder,
  enclosingFunctionOrProgram,
  fileNodes,
  isExportsObject,
  ownReturns,
  requiredModule,
  soleCall,
  type FunctionNode,
} from '../../src/analysis/ast.js';
import { directMethodOf, enclosingMethodOf, methodOwner } from '../../src/analysis/owners.js';
import { findNode, withSourceCode } from './parse.js';

/** The texts `ask` gives for the first arrow function of `code`. */
const ofArrow = (code: string, ask: (fn: FunctionNode) => readonly { range: [number, number] }[]): string[] =>
  withSourceCode(code, (sourceCode) =>
    ask(findNode(sourceCode, '(', 'ArrowFunctionExpression') as FunctionNode).map((node) =>
      sourceCode.text.slice(...node.range),
    ),
  );

describe('ownReturns', () => {
  it("finds the function's own returns, in branches and loops, not those of nested functions", () => {
    const code = `(x) => { if (x) return 1; for (;;) { return 2; } list.map(() => { return 3; }); function f() { return 4; } return; };`;
    const returns = withSourceCode(code, (sourceCode) => {
      const fn = findNode(sourceCode, '(x)', 'ArrowFunctionExpression') as FunctionNode;
      return ownReturns(sourceCode, fn).map((node) => sourceCode.getText(node));
    });
    expect(returns.sort()).toEqual(['return 1;', 'return 2;', 'return;']);
  });

  it('finds none in an expression body', () => {
    const count = withSourceCode(`(x) => x;`, (sourceCode) => {
      const fn = findNode(sourceCode, '(x)', 'ArrowFunctionExpression') as FunctionNode;
      return ownReturns(sourceCode, fn).length;
    });
    expect(count).toBe(0);
  });
});

describe('soleCall', () => {
  const sole = (code: string) => ofArrow(code, (fn) => [soleCall(fn)].filter((call) => call !== null));

  it('finds the one call a wrapper is made of', () => {
    expect(sole(`(e) => handle(e);`)).toEqual(['handle(e)']);
    expect(sole(`(e) => { this.onExit(e); };`)).toEqual(['this.onExit(e)']);
    expect(sole(`(e) => { return (cb(e)); };`)).toEqual(['cb(e)']);
  });

  it('finds none in a body that does more, or something else', () => {
    expect(sole(`(e) => { a(e); b(e); };`)).toEqual([]);
    expect(sole(`(e) => { return; };`)).toEqual([]);
    expect(sole(`(e) => e.value;`)).toEqual([]);
    expect(sole(`() => {};`)).toEqual([]);
  });
});

describe('enclosingFunctionOrProgram', () => {
  it('gives the innermost function around a node, or the program at top level', () => {
    const blocks = withSourceCode(`const a = f(); function outer() { return () => g(); }`, (sourceCode) =>
      [findNode(sourceCode, 'f()'), findNode(sourceCode, 'g()'), sourceCode.ast].map(
        (node) => enclosingFunctionOrProgram(node).type,
      ),
    );
    expect(blocks).toEqual(['Program', 'ArrowFunctionExpression', 'Program']);
  });
});

describe('enclosingMethodOf and directMethodOf', () => {
  it('find the method a node is in, through a nested callback or only directly', () => {
    const code = `class Pinger { start() { this.timer = setInterval(() => this.ping(), 1000); } }`;
    const found = withSourceCode(code, (sourceCode) => {
      const owner = methodOwner(sourceCode, findNode(sourceCode, 'setInterval(', 'CallExpression'));
      const ping = findNode(sourceCode, 'this.ping()', 'CallExpression');
      const start = findNode(sourceCode, 'start', 'MethodDefinition');
      return owner && [enclosingMethodOf(owner, ping)?.parent === start, directMethodOf(owner, ping)];
    });
    expect(found).toEqual([true, null]);
  });
});

describe('isExportsObject and requiredModule', () => {
  it('knows the exported object: exports and module.exports, not module itself', () => {
    const exported = withSourceCode(
      `exports.a = 1; module.exports.b = 2; module.c = 3; other.exports.d = 4;`,
      (sourceCode) =>
        ['exports.a', 'module.exports.b', 'module.c', 'other.exports.d'].map((text) => {
          const member = findNode(sourceCode, text, 'MemberExpression');
          return member.type === 'MemberExpression' && isExportsObject(member.object);
        }),
    );
    expect(exported).toEqual([true, true, false, false]);
  });

  it('finds the module a require names, through a property and an interop wrapper, as written', () => {
    const modules = withSourceCode(
      `a = require('node:http'); b = require('koa').default; c = _interopRequireDefault(require('ws')).default; d = load('x');`,
      (sourceCode) =>
        ['a', 'b', 'c', 'd'].map((name) => {
          const assignment = findNode(sourceCode, `${name} =`, 'AssignmentExpression');
          return assignment.type === 'AssignmentExpression' ? requiredModule(assignment.right) : undefined;
        }),
    );
    expect(modules).toEqual(['node:http', 'koa', 'ws', null]);
  });
});

describe('fileNodes collected during ESLint traversal', () => {
  /** `fileNodes` of `code` as `type@start`, read in `Program:exit`, with or without `collectingFileNodes`. */
  function indexed(code: string, collect: boolean, onCall?: () => void): string[] {
    let listed: string[] = [];
    const probe = {
      create(context: { sourceCode: unknown }) {
        const sourceCode = context.sourceCode as TSESLint.SourceCode;
        const own: TSESLint.RuleListener = {
          'CallExpression:exit'() {
            onCall?.();
          },
          'Program:exit'() {
            listed = fileNodes(sourceCode).map((node) => `${node.type}@${node.range[0]}`);
          },
        };
        // ESLint's own listener type is looser than typescript-eslint's.
        return (collect ? collectingFileNodes(sourceCode, own) : own) as Record<string, () => void>;
      },
    };
    new Linter({ configType: 'flat' }).verify(code, [
      {
        plugins: { test: { rules: { probe } } },
        languageOptions: { sourceType: 'module', ecmaVersion: 'latest' },
        rules: { 'test/probe': 'error' },
      },
    ]);
    return listed;
  }

  const code = outdent`
    class Hub {
      peers = [];
      constructor(server) {
        server.on('upgrade', (req, socket) => this.peers.push(socket));
      }
    }
    const { a, b: [c] } = load(x => x.y = f(g(), h()));
  `;

  it('lists the same nodes, in the same order, as its own walk of the file', () => {
    const walked = indexed(code, false);
    // 8 in the class (field, constructor, 2 calls, 3 members, arrow), 8 in the last line (pattern, 4 calls, arrow,
    // assignment, member); the walk takes the last statement first.
    expect(walked).toHaveLength(16);
    expect(walked.slice(0, 3)).toEqual([
      `CallExpression@${code.indexOf('load(')}`,
      `ArrowFunctionExpression@${code.indexOf('x =>')}`,
      `AssignmentExpression@${code.indexOf('x.y')}`,
    ]);
    expect(indexed(code, true)).toEqual(walked);
  });

  it("keeps the rule's own listener for a node type it records", () => {
    let calls = 0;
    indexed(code, true, () => calls++);
    expect(calls).toBe(6);
  });

  it("is whole in an earlier rule's Program:exit once it says all nodes are left", () => {
    let early: string[] = [];
    let late: string[] = [];
    const list = (sourceCode: TSESLint.SourceCode): string[] =>
      fileNodes(sourceCode).map((node) => `${node.type}@${node.range[0]}`);
    const reader = {
      create(context: { sourceCode: unknown }) {
        const sourceCode = context.sourceCode as TSESLint.SourceCode;
        return {
          'Program:exit'() {
            allNodesLeft(sourceCode);
            early = list(sourceCode);
          },
        };
      },
    };
    const collector = {
      create(context: { sourceCode: unknown }) {
        const sourceCode = context.sourceCode as TSESLint.SourceCode;
        const own: TSESLint.RuleListener = { 'Program:exit': () => void (late = list(sourceCode)) };
        return collectingFileNodes(sourceCode, own) as Record<string, () => void>;
      },
    };
    new Linter({ configType: 'flat' }).verify(code, [
      {
        plugins: { test: { rules: { reader, collector } } },
        languageOptions: { sourceType: 'module', ecmaVersion: 'latest' },
        rules: { 'test/reader': 'error', 'test/collector': 'error' },
      },
    ]);
    expect(early).toEqual(indexed(code, false));
    expect(late).toEqual(early);
  });
});

describe('descendantsInOrder', () => {
  const code = outdent`
    class Job {
      static all = [this.seed, this[this.key]];
      static add(job) {
        if (this.all[job.id]) return;
        this.all.push(() => this.count, job);
      }
    }
  `;

  it('lists the nodes a test picks in the order ESLint enters them, the root included', () => {
    const entered: string[] = [];
    const probe = {
      create: () => ({
        'MemberExpression[object.type="ThisExpression"]'(node: TSESTree.Node) {
          entered.push(`${node.range[0]}`);
        },
      }),
    };
    new Linter({ configType: 'flat' }).verify(code, [
      {
        plugins: { test: { rules: { probe } } },
        languageOptions: { sourceType: 'module', ecmaVersion: 'latest' },
        rules: { 'test/probe': 'error' },
      },
    ]);
    const listed = withSourceCode(code, (sourceCode) =>
      descendantsInOrder(
        sourceCode,
        sourceCode.ast,
        (node): node is TSESTree.MemberExpression =>
          node.type === 'MemberExpression' && node.object.type === 'ThisExpression',
      ).map((node) => `${node.range[0]}`),
    );
    // `this[this.key]` is entered before the `this.key` inside it; a callback's `this.count` after `this.all.push`.
    expect(entered).toHaveLength(6);
    expect(listed).toEqual(entered);
    const root = withSourceCode(code, (sourceCode) =>
      descendantsInOrder(sourceCode, sourceCode.ast, (node): node is TSESTree.Program => node.type === 'Program'),
    );
    expect(root).toHaveLength(1);
  });
});

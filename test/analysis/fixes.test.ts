/** The edit helpers the rules' suggestions and the codemods share. */
import type { TSESLint } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import type { FunctionNode } from '../../src/analysis/ast.js';
import {
  declareAtScopeStart,
  freshName,
  indentationAt,
  insertInBody,
  occursAsWord,
  returnAtEnd,
  shortCode,
  startsLine,
  statementSeparator,
  type SingleFix,
} from '../../src/analysis/fixes.js';
import { findNode, withSourceCode } from './parse.js';

/** A fixer that records edits as ESLint's does, so a fix can be applied to the text here. */
const fixer: TSESLint.RuleFixer = {
  insertTextAfter: (node, text) => ({ range: [node.range[1], node.range[1]], text }),
  insertTextAfterRange: (range, text) => ({ range: [range[1], range[1]], text }),
  insertTextBefore: (node, text) => ({ range: [node.range[0], node.range[0]], text }),
  insertTextBeforeRange: (range, text) => ({ range: [range[0], range[0]], text }),
  remove: (node) => ({ range: node.range, text: '' }),
  removeRange: (range) => ({ range, text: '' }),
  replaceText: (node, text) => ({ range: node.range, text }),
  replaceTextRange: (range, text) => ({ range, text }),
};

function applied(text: string, fix: SingleFix | TSESLint.ReportFixFunction | null): string | null {
  if (!fix) return null;
  const result = fix(fixer);
  const fixes = result === null ? [] : 'range' in result ? [result] : [...result];
  let output = text;
  for (const { range, text: inserted } of [...fixes].sort((a, b) => b.range[0] - a.range[0]))
    output = output.slice(0, range[0]) + inserted + output.slice(range[1]);
  return output;
}

/** The function declaration or arrow function that starts with `prefix`. */
const findFunction = (sourceCode: TSESLint.SourceCode, prefix: string): FunctionNode =>
  findNode(
    sourceCode,
    prefix,
    prefix.startsWith('function') ? 'FunctionDeclaration' : 'ArrowFunctionExpression',
  ) as FunctionNode;

/** The text after `edit` changed the function that starts with `prefix`. */
const editFunction = (
  code: string,
  prefix: string,
  edit: (sourceCode: TSESLint.SourceCode, fn: FunctionNode) => SingleFix | null,
): string | null =>
  withSourceCode(
    code,
    (sourceCode) => applied(sourceCode.text, edit(sourceCode, findFunction(sourceCode, prefix))),
    'module',
  );

describe('freshName', () => {
  it('takes the base, else the first numbered name nothing has taken', () => {
    expect(freshName('id', () => false)).toBe('id');
    const taken = new Set(['id', 'id2', 'id3']);
    expect(freshName('id', (name) => taken.has(name))).toBe('id4');
  });

  it('gives up after the limit', () => {
    const asked: string[] = [];
    const none = freshName('id', (name) => asked.push(name) > 0, 3);
    expect(none).toBeNull();
    expect(asked).toEqual(['id', 'id2', 'id3']);
    expect(freshName('id', (name) => name !== 'id3', 3)).toBe('id3');
  });
});

describe('shortCode', () => {
  it('quotes one short line whole, and cuts anything longer at 37 characters or its first line break', () => {
    expect(shortCode('process')).toBe('process');
    expect(shortCode('x'.repeat(40))).toBe('x'.repeat(40));
    expect(shortCode('x'.repeat(41))).toBe(`${'x'.repeat(37)}…`);
    expect(
      shortCode(outdent`
        handler.bind(this, {
          retry: true,
        })
      `),
    ).toBe('handler.bind(this, {…');
  });
});

describe('occursAsWord', () => {
  it('finds a name only where it is not part of a longer identifier', () => {
    expect(occursAsWord('clearInterval(intervalId);', 'intervalId')).toBe(true);
    expect(occursAsWord('intervalId = 1', 'intervalId')).toBe(true);
    expect(occursAsWord('this.intervalId', 'intervalId')).toBe(true);
    expect(occursAsWord('const intervalId2 = 1;', 'intervalId')).toBe(false);
    expect(occursAsWord('$intervalId + intervalId_ + myintervalId', 'intervalId')).toBe(false);
  });

  it('reads a `$` in the name as itself, not as the end of the text', () => {
    expect(occursAsWord('const on$ = 1;', 'on$')).toBe(true);
    expect(occursAsWord('const on$x = 1;', 'on$')).toBe(false);
  });
});

describe('indentationAt and startsLine', () => {
  const text = 'a();\r\n\t  b(); c();\n    d();\re();';

  it('gives the spaces and tabs the line starts with, whatever the line ending', () => {
    expect(indentationAt(text, 0)).toBe('');
    expect(indentationAt(text, text.indexOf('b()'))).toBe('\t  ');
    expect(indentationAt(text, text.indexOf('c()'))).toBe('\t  ');
    expect(indentationAt(text, text.indexOf('d()'))).toBe('    ');
    expect(indentationAt(text, text.indexOf('e()'))).toBe('');
  });

  it('tells whether only indentation precedes an offset on its line', () => {
    expect(startsLine(text, 0)).toBe(true);
    expect(startsLine(text, text.indexOf('b()'))).toBe(true);
    expect(startsLine(text, text.indexOf('c()'))).toBe(false);
    expect(startsLine(text, text.indexOf('e()'))).toBe(true);
  });
});

describe('statementSeparator', () => {
  it("puts a statement on a line of its own, in the file's line ending, next to one that has its own line", () => {
    const separators = withSourceCode('function f() {\r\n  a(); b();\r\n}', (sourceCode) => [
      statementSeparator(sourceCode, findNode(sourceCode, 'a();', 'ExpressionStatement')),
      statementSeparator(sourceCode, findNode(sourceCode, 'b();', 'ExpressionStatement')),
    ]);
    expect(separators).toEqual(['\r\n  ', ' ']);
  });

  it('keeps a file that ends its lines with CR alone on CR', () => {
    const separator = withSourceCode('function f() {\r  a();\r}', (sourceCode) =>
      statementSeparator(sourceCode, findNode(sourceCode, 'a();', 'ExpressionStatement')),
    );
    expect(separator).toBe('\r  ');
  });
});

describe('insertInBody', () => {
  const first = (sourceCode: TSESLint.SourceCode, fn: FunctionNode) => insertInBody(sourceCode, fn, 'stop();', 'first');
  const last = (sourceCode: TSESLint.SourceCode, fn: FunctionNode) => insertInBody(sourceCode, fn, 'stop();', 'last');

  it('puts the statement first or last, on its own line where the body has lines', () => {
    const code = outdent`
      const f = () => {
        a();
        b();
      };
    `;
    expect(editFunction(code, '() =>', first)).toBe(outdent`
      const f = () => {
        stop();
        a();
        b();
      };
    `);
    expect(editFunction(code, '() =>', last)).toBe(outdent`
      const f = () => {
        a();
        b();
        stop();
      };
    `);
  });

  it('keeps a one-line body on one line, and fills an empty one', () => {
    expect(editFunction('function f() { a(); }', 'function f', first)).toBe('function f() { stop(); a(); }');
    expect(editFunction('function f() { a(); }', 'function f', last)).toBe('function f() { a(); stop(); }');
    expect(editFunction('function f() {}', 'function f', last)).toBe('function f() { stop(); }');
  });

  it('puts a first statement on a line of its own below the brace, even after a comment there', () => {
    expect(
      editFunction(
        outdent`
          function f() {
            /* c */ a();
          }
        `,
        'function f',
        first,
      ),
    ).toBe(
      outdent`
        function f() {
          /* c */ stop();
          a();
        }
      `,
    );
  });

  it('turns an expression body into a block that keeps the expression', () => {
    expect(editFunction('const f = () => a();', '() =>', first)).toBe('const f = () => { stop(); a(); };');
    expect(editFunction('const f = () => a();', '() =>', last)).toBe('const f = () => { a(); stop(); };');
  });
});

describe('returnAtEnd', () => {
  const cleanup = (sourceCode: TSESLint.SourceCode, fn: FunctionNode) =>
    returnAtEnd(sourceCode, fn, '() => clearInterval(id)');

  it('returns the value after the last statement, on its own line where that one has its own', () => {
    expect(
      editFunction(
        outdent`
          useEffect(() => {
            const id = start();
          }, []);
        `,
        '() =>',
        cleanup,
      ),
    ).toBe(
      outdent`
        useEffect(() => {
          const id = start();
          return () => clearInterval(id);
        }, []);
      `,
    );
    expect(editFunction('useEffect(() => { const id = start(); }, []);', '() =>', cleanup)).toBe(
      'useEffect(() => { const id = start(); return () => clearInterval(id); }, []);',
    );
  });

  it('declines a body with no statement to follow', () => {
    expect(editFunction('useEffect(() => start(), []);', '() =>', cleanup)).toBeNull();
    expect(editFunction('useEffect(() => {}, []);', '() =>', cleanup)).toBeNull();
  });
});

describe('declareAtScopeStart', () => {
  const declare = (code: string, prefix: string | null) =>
    withSourceCode(
      code,
      (sourceCode) =>
        applied(
          sourceCode.text,
          declareAtScopeStart(sourceCode, prefix ? findFunction(sourceCode, prefix) : sourceCode.ast, 'let name;'),
        ),
      'script',
    );

  it('declares after the directives, at the indentation of the statement it goes before', () => {
    expect(
      declare(
        outdent`
          function f() {
            'use strict';
            a();
          }
        `,
        'function f',
      ),
    ).toBe(
      outdent`
        function f() {
          'use strict';
          let name;
          a();
        }
      `,
    );
    expect(declare('a(); b();', null)).toBe('let name;\na(); b();');
  });

  it('declares after the last directive, or in an empty body, on their line; not in an expression body', () => {
    expect(declare("function f() { 'use strict'; }", 'function f')).toBe("function f() { 'use strict'; let name; }");
    expect(declare('function f() {}', 'function f')).toBe('function f() { let name;}');
    expect(declare('const f = () => a();', '() =>')).toBeNull();
  });
});

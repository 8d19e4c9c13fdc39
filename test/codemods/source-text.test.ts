/** The text helpers every codemod edit goes through. */
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  indentUnit,
  lineOf,
  preferredQuote,
  shebangLength,
  withoutBom,
} from '../../src/codemods/source-text.js';
import { lineBreakOf } from '../../src/analysis/fixes.js';

describe('applyEdits', () => {
  it('splices insertions and replacements, in order at one offset, leaving every other character', () => {
    const text = 'a();\r\nb();\r\n';
    expect(
      applyEdits(text, [
        { start: 6, end: 6, text: 'first ' },
        { start: 0, end: 3, text: 'x()' },
        { start: 6, end: 6, text: 'second ' },
      ]),
    ).toBe('x();\r\nfirst second b();\r\n');
    expect(applyEdits(text, [])).toBe(text);
  });

  it('throws on overlapping edits rather than write a mangled file', () => {
    expect(() =>
      applyEdits('abcdef', [
        { start: 0, end: 4, text: '' },
        { start: 2, end: 5, text: '' },
      ]),
    ).toThrow('overlapping edits at offset 2');
    expect(() => applyEdits('abc', [{ start: 2, end: 9, text: '' }])).toThrow('overlapping edits at offset 2');
  });
});

describe('what a file looks like', () => {
  it.each([
    ['a\r\nb\nc', '\r\n'],
    ['a\nb\r\n', '\n'],
    ['a\rb', '\r'],
    ['one line', '\n'],
  ])('line ending of %j is %j', (text, eol) => {
    expect(lineBreakOf(text)).toBe(eol);
  });

  it.each([
    [
      outdent`
        a {
            b;
                c;
        }

      `,
      '    ',
    ],
    ['a {\n\tb;\n}\n', '\t'],
    [
      outdent`
        a {
          b;
        }

      `,
      '  ',
    ],
    [
      outdent`
        flat;

      `,
      '  ',
    ],
  ])('indentation unit of %j is %j', (text, unit) => {
    expect(indentUnit(text)).toBe(unit);
  });

  it('finds the BOM, the shebang, lines and the preferred quote', () => {
    expect(withoutBom('\uFEFFx')).toEqual({ text: 'x', bom: true });
    expect(withoutBom('x')).toEqual({ text: 'x', bom: false });
    expect(shebangLength('#!/usr/bin/env node\r\nx')).toBe(19);
    expect(shebangLength('x')).toBe(0);
    expect(lineOf('a\r\nb\rc\nd', 7)).toBe(4);
    expect(preferredQuote(["'a'", '"b"', '"c"'])).toBe('"');
    expect(preferredQuote(["'a'", '"b"'])).toBe("'");
  });
});

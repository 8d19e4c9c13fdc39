import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { testsAround } from '../../src/analysis/guards.js';
import { findNode, withSourceCode } from './parse.js';

describe('testsAround', () => {
  it('collects every test of the enclosing function, early returns included, but not nested functions', () => {
    const code = outdent`
      function take() {
        if (next < pool.length) return pool[next];
        const x = ready ? 1 : 2;
        while (busy) wait();
        const ok = a && b;
        [1].map(() => { if (inner) {} });
        pool.push(x);
      }
    `;
    const tests = withSourceCode(code, (sourceCode) =>
      testsAround(sourceCode, findNode(sourceCode, 'pool.push')).map((t) => sourceCode.getText(t)),
    );
    expect(tests.sort()).toEqual(['a', 'busy', 'next < pool.length', 'ready'].sort());
  });

  it('reads the program at top level', () => {
    const tests = withSourceCode(`if (installed) {}\nlist.push(1);`, (sourceCode) =>
      testsAround(sourceCode, findNode(sourceCode, 'list.push')).map((t) => sourceCode.getText(t)),
    );
    expect(tests).toEqual(['installed']);
  });
});

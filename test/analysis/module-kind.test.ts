import { join } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { isStrictAt, runsAsCommonJs } from '../../src/analysis/module-kind.js';

const FIXTURES = join(import.meta.dirname, '..', 'rules', 'fixtures');

/** Whether the file, parsed as ESLint parses it with `sourceType`, runs as CommonJS in Node. */
function judge(code: string, filename: string, sourceType: 'module' | 'commonjs' = 'module'): boolean {
  let verdict: boolean | undefined;
  const probe = {
    create(context: { sourceCode: unknown; physicalFilename: string }) {
      return {
        'Program:exit'() {
          verdict = runsAsCommonJs(context.sourceCode as TSESLint.SourceCode, context.physicalFilename);
        },
      };
    },
  };
  new Linter({ configType: 'flat', cwd: FIXTURES }).verify(
    code,
    [
      {
        files: ['**/*'],
        plugins: { t: { rules: { probe } } },
        languageOptions: { sourceType },
        rules: { 't/probe': 'error' },
      },
    ],
    filename,
  );
  if (verdict === undefined) throw new Error('the probe did not run');
  return verdict;
}

describe('runsAsCommonJs', () => {
  const code = `module.exports = function f() {};`;
  it('follows the extension and the nearest package.json type, as Node does', () => {
    expect(judge(code, join(FIXTURES, 'commonjs-package', 'a.js'))).toBe(true);
    expect(judge(code, join(FIXTURES, 'untyped-package', 'a.js'))).toBe(true);
    expect(judge(code, join(FIXTURES, 'module-package', 'a.js'))).toBe(false);
    expect(judge(code, join(FIXTURES, 'module-package', 'a.cjs'))).toBe(true);
    expect(judge(code, join(FIXTURES, 'commonjs-package', 'a.mjs'))).toBe(false);
  });

  it('leaves files with ES module syntax, and files parsed as CommonJS, as they are', () => {
    const file = join(FIXTURES, 'untyped-package', 'a.js');
    expect(judge(`import x from 'x';\n${code}`, file)).toBe(false);
    expect(judge(`export const y = 1;`, file)).toBe(false);
    expect(judge(`console.log(import.meta.url);`, file)).toBe(false);
    expect(judge(`await load();`, file)).toBe(false);
    expect(judge(`async function f() { await load(); }`, file)).toBe(true);
    expect(judge(code, file, 'commonjs')).toBe(false);
  });
});

describe('isStrictAt', () => {
  const at = (code: string, marker: string): boolean => {
    const ast = new Linter({ configType: 'flat' });
    let result: boolean | undefined;
    const probe = {
      create() {
        return {
          Identifier(node: TSESTree.Identifier) {
            if (node.name === marker && result === undefined) result = isStrictAt(node);
          },
        };
      },
    };
    ast.verify(code, [
      {
        plugins: { t: { rules: { probe } } },
        languageOptions: { sourceType: 'module' },
        rules: { 't/probe': 'error' },
      },
    ]);
    if (result === undefined) throw new Error(`no ${marker}`);
    return result;
  };
  it('is strict under a directive of the file or a function, and in classes; sloppy elsewhere', () => {
    expect(at(`function f() { target = 1; }`, 'target')).toBe(false);
    expect(at(`'use strict';\nfunction f() { target = 1; }`, 'target')).toBe(true);
    expect(at(`function f() { 'use strict'; return () => { target = 1; }; }`, 'target')).toBe(true);
    expect(at(`class A { m() { target = 1; } }`, 'target')).toBe(true);
    expect(at(`function f() { 'use foo'; target = 1; }`, 'target')).toBe(false);
  });
});

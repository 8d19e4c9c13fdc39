/**
 * Every fixture of every codemod, compared exactly: `<name>.input.<ext>` must become `<name>.output.<ext>`, and
 * `<name>.unchanged.<ext>` must come out byte for byte as it went in. Each fixture also runs in four variants made
 * here from the plain file — CRLF line endings, a BOM, a shebang, a license header — whose expected output is made the
 * same way. Every output must parse again, and a second run must change nothing; for clear-interval, no-leaked-timer
 * must be silent on the output except where the codemod left a TODO for a person.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { intervalReports, run as clearInterval } from '../../codemods/clear-interval.js';
import { run as strictMode } from '../../codemods/strict-mode.js';
import { isParseFailure, lintText, strictParseError } from '../../src/codemods/parse.js';
import type { CodemodOptions, CodemodOutcome } from '../../src/codemods/types.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Variant {
  name: string;
  make(text: string): string;
}

const LICENSE = outdent`
  /*!
   * example-package v1.0.0
   * Copyright (c) 2026 Example Ltd. Released under the MIT License.
   */

`;
const VARIANTS: Variant[] = [
  { name: 'plain', make: (text) => text },
  { name: 'CRLF', make: (text) => text.replace(/\n/g, '\r\n') },
  { name: 'BOM', make: (text) => `\uFEFF${text}` },
  { name: 'shebang', make: (text) => `#!/usr/bin/env node\n${text}` },
  { name: 'license header', make: (text) => `${LICENSE}${text}` },
];

interface Fixture {
  name: string;
  file: string;
  input: string;
  /** The expected output; null for a must-not-change fixture. */
  output: string | null;
}

function fixturesOf(codemod: string, directory = path.join(FIXTURES, codemod)): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      fixtures.push(...fixturesOf(codemod, file));
      continue;
    }
    const match = /^(.+)\.(input|unchanged)(\.\w+)$/.exec(entry.name);
    if (!match) continue;
    const [, name = '', kind, extension = ''] = match;
    const input = readFileSync(file, 'utf8');
    const output = kind === 'input' ? readFileSync(path.join(directory, `${name}.output${extension}`), 'utf8') : null;
    fixtures.push({
      name: `${path.relative(path.join(FIXTURES, codemod), directory) || '.'}/${name}${extension}`.replace(/^\.\//, ''),
      file,
      input,
      output,
    });
  }
  return fixtures.sort((a, b) => a.name.localeCompare(b.name));
}

function expectParses(output: string, file: string, sourceType: 'commonjs' | 'module' | 'script'): void {
  const parsed = lintText(output.replace(/^\uFEFF/, ''), file, { rules: {}, sourceType, inlineConfig: false });
  expect(isParseFailure(parsed) ? parsed : null).toBeNull();
}

const sourceTypeOf = (file: string, text: string): 'commonjs' | 'module' =>
  /\.(mjs|mts|ts|tsx)$/.test(file) || /^\s*(import|export)\b/m.test(text) ? 'module' : 'commonjs';

/** The category every variant of a must-not-change strict-mode fixture is skipped under. */
const STRICT_SKIPS: Record<string, string> = {
  'already-strict-after-header.js': 'already strict',
  'already-strict.js': 'already strict',
  'arguments-alias.js': 'would change behaviour: `arguments` mirroring parameters',
  'arguments-binding.js': 'strict-mode syntax error: `eval`/`arguments` declared',
  'arguments-callee.js': 'would change behaviour: `arguments.callee`',
  'block-function.js': 'would change behaviour: function declared in a block',
  'called-without-new.js': 'would change behaviour: `this` without a receiver',
  'comments-only.js': 'no code',
  'cts-import-equals.cts': 'TypeScript module',
  'delete-identifier.js': 'strict-mode syntax error: `delete` of a name',
  'direct-eval.js': 'would change behaviour: direct `eval`',
  'duplicate-parameters.js': 'strict-mode syntax error: duplicate parameter',
  'empty.js': 'empty',
  'esm-export.js': 'ES module',
  'esm-import-meta.js': 'ES module',
  'esm-import.js': 'ES module',
  'esm-top-level-await.js': 'ES module',
  'eval-assignment.js': 'strict-mode syntax error: `eval`/`arguments` assigned',
  'function-caller.js': 'would change behaviour: `function.caller`',
  'guarded-global.js': 'would change behaviour: deliberate global',
  'module.mjs': 'ES module',
  'module.mts': 'TypeScript module',
  'octal-escape.js': 'strict-mode syntax error: octal escape',
  'octal-literal.js': 'strict-mode syntax error: legacy octal literal',
  'parse-error.js': 'cannot parse',
  'readonly-global.js': 'would change behaviour: assignment to a read-only global',
  'reserved-word.js': 'strict-mode syntax error: strict-reserved word as a name',
  'seed.js': 'would change behaviour: implicit global',
  'this-iife.js': 'would change behaviour: `this` without a receiver',
  'this-plain-call.js': 'would change behaviour: `this` without a receiver',
  'ts-module.ts': 'TypeScript module',
  'type-module/by-package.js': 'ES module',
  'with.js': 'strict-mode syntax error: `with` statement',
};

describe.each([
  { codemod: 'strict-mode', run: strictMode },
  { codemod: 'clear-interval', run: clearInterval },
])('$codemod fixtures', ({ codemod, run }) => {
  const fixtures = fixturesOf(codemod);

  it('has fixtures of both kinds', () => {
    expect(fixtures.filter((fixture) => fixture.output !== null).length).toBeGreaterThan(10);
    expect(fixtures.filter((fixture) => fixture.output === null).length).toBeGreaterThan(5);
  });

  describe.each(fixtures)('$name', (fixture) => {
    const options: CodemodOptions = { declare: /-declare\.[a-z]+$/.test(fixture.name) };
    const apply = (text: string): CodemodOutcome => run(text, fixture.file, options);

    it.each(VARIANTS)('$name', (variant) => {
      const input = variant.make(fixture.input);
      const outcome = apply(input);
      if (fixture.output === null) {
        expect(outcome.output).toBe(input);
        expect(outcome.status).not.toBe('changed');
        if (codemod === 'strict-mode') {
          expect(outcome.status).toBe('skipped');
          const expected =
            fixture.name === 'empty.js' && /shebang|license/.test(variant.name)
              ? 'no code'
              : STRICT_SKIPS[fixture.name];
          expect(outcome.skipped[0]?.category).toBe(expected);
        }
        return;
      }
      expect(outcome.status).toBe('changed');
      // A file without a line break has no line ending to keep: new lines get `\n`.
      const expected =
        variant.name === 'CRLF' && !fixture.input.includes('\n') ? fixture.output : variant.make(fixture.output);
      expect(outcome.output).toBe(expected);
      if (variant.name === 'BOM') expect(outcome.output.startsWith('\uFEFF')).toBe(true);
      if (variant.name === 'CRLF' && fixture.input.includes('\n'))
        expect(outcome.output.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

      // The output parses (strictly, for strict-mode) and a second run leaves it as it is.
      expectParses(
        outcome.output,
        fixture.file,
        codemod === 'strict-mode' ? 'script' : sourceTypeOf(fixture.file, fixture.input),
      );
      if (codemod === 'strict-mode')
        expect(strictParseError(outcome.output.replace(/^\uFEFF/, ''), fixture.file)).toBeNull();
      const again = apply(outcome.output);
      expect(again.output).toBe(outcome.output);
      expect(again.status).not.toBe('changed');

      if (codemod === 'clear-interval') {
        // no-leaked-timer is silent except right below a TODO the codemod left.
        const lines = outcome.output.split(/\r\n|\n/);
        for (const report of intervalReports(outcome.output, fixture.file)) {
          const above = lines.slice(Math.max(0, report.line - 3), report.line - 1).join('\n');
          expect(above, `${report.message} (line ${report.line})`).toContain('TODO(leakproof)');
        }
        const todos = lines.filter((line) => line.includes('TODO(leakproof)')).length;
        expect(outcome.review.filter((note) => note.kind === 'decision')).toHaveLength(todos);
      }
    });
  });
});

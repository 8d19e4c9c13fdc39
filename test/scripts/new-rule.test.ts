/**
 * `npm run new-rule <name>` in a temporary copy of the sources it edits: it writes the rule, its test, its docs page
 * and its proof pair, registers the rule in name order, and the scaffold rule reports its own leaky example (naming
 * the identifier proof.json names) and not its fix. (Run on a full checkout, the new rule also passes the invariant
 * suites, test/plugin.test.ts and test/proofs: that is how the script was checked.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repository = join(import.meta.dirname, '..', '..');
const script = join(repository, 'scripts', 'new-rule.js');
let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'leakproof-new-rule-'));
  for (const dir of ['src', 'rules', 'docs', 'examples/proofs', 'test/rules'])
    cpSync(join(repository, dir), join(root, dir), { recursive: true });
  // The formatter's config too: the script formats what it writes.
  for (const file of ['.prettierrc.json', '.prettierignore']) cpSync(join(repository, file), join(root, file));
  symlinkSync(join(repository, 'node_modules'), join(root, 'node_modules'), 'dir');
  execFileSync(process.execPath, [script, 'no-kept-entries', '--no-docs', '--root', root], { stdio: 'pipe' });
}, 60_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('npm run new-rule', () => {
  it('writes the rule, its test, its docs page and its proof pair with proof.json', () => {
    for (const path of [
      'rules/no-kept-entries.ts',
      'test/rules/no-kept-entries.test.ts',
      'docs/rules/no-kept-entries.md',
      'examples/proofs/no-kept-entries/leaky.cjs',
      'examples/proofs/no-kept-entries/fixed.cjs',
    ])
      expect(existsSync(join(root, path)), path).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'examples/proofs/no-kept-entries/proof.json'), 'utf8'))).toEqual({
      mode: 'function',
      export: 'default',
      verdict: 'leak',
      identifier: 'kept',
    });
    // The docs page shows both examples verbatim, as docs-sync requires.
    const docs = readFileSync(join(root, 'docs/rules/no-kept-entries.md'), 'utf8');
    for (const example of ['leaky.cjs', 'fixed.cjs'])
      expect(docs).toContain(readFileSync(join(root, 'examples/proofs/no-kept-entries', example), 'utf8').trimEnd());
    // The test writes the leaky example's code as an indented template literal, as the other rule tests do.
    const test = readFileSync(join(root, 'test/rules/no-kept-entries.test.ts'), 'utf8');
    expect(test).toContain(`      code: outdent\`\n        // ❌ every call adds an entry to \\\`kept\\\``);
  });

  it('registers the rule in src/index.ts in name order, once', () => {
    const index = readFileSync(join(root, 'src/index.ts'), 'utf8');
    const imports = [...index.matchAll(/^import \w+ from '\.\.\/rules\/([\w-]+)\.js';$/gm)].map((m) => m[1]);
    const entries = [...index.matchAll(/^ {2}'([\w-]+)': \w+,$/gm)].map((m) => m[1]);
    expect(imports).toContain('no-kept-entries');
    expect(imports).toEqual([...imports].sort());
    expect(entries).toEqual(imports);
    expect(index).toContain(`  'no-kept-entries': noKeptEntries,`);
  });

  it('scaffolds a rule that reports its leaky example, naming `kept`, and not its fix', async () => {
    const rule = ((await import(pathToFileURL(join(root, 'rules/no-kept-entries.ts')).href)) as { default: object })
      .default;
    const linter = new Linter({ configType: 'flat' });
    const lint = (file: string) =>
      linter.verify(readFileSync(join(root, 'examples/proofs/no-kept-entries', file), 'utf8'), [
        {
          plugins: { scaffold: { rules: { 'no-kept-entries': rule } } },
          languageOptions: { sourceType: 'commonjs' },
          rules: { 'scaffold/no-kept-entries': 'error' },
        },
      ] as Linter.Config[]);
    const leaky = lint('leaky.cjs');
    expect(leaky.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      {
        line: 6,
        column: 3,
        message:
          '`kept` is a module-level array that grows on every call of the function that pushes to it, and nothing empties it.',
      },
    ]);
    expect(lint('fixed.cjs')).toEqual([]);
  });

  it('refuses a name that is not a rule name, or one that exists, in one line with exit code 2', () => {
    for (const name of ['Leaky', 'no-kept-entries']) {
      const run = spawnSync(process.execPath, [script, name, '--no-docs', '--root', root], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^new-rule: /);
    }
  });
});

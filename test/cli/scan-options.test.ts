// `leakproof scan` flags borrowed from `eslint` (-o, --quiet, --max-warnings, --concurrency), bulk suppressions, and
// what it says (or not) about a tree: nothing to scan, a .eslintignore it does not read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, errorLines, runCli } from './run-cli.js';
import { makeTree, OUTSIDE_GIT_ENV, removeTree, writeTree } from './temp-tree.js';

const RULE = 'leakproof/no-implicit-global';
const leak = (name: string): string => `function set${name}() {\n  ${name} = 1;\n}\n`;
const scan = (cwd: string, ...args: string[]) => runCli(['scan', ...args], cwd, OUTSIDE_GIT_ENV);

/** "path line:column ruleId" of each finding in a JSON report. */
function findings(stdout: string): string[] {
  const report = JSON.parse(stdout) as {
    files: { path: string; messages: { line: number; column: number; ruleId: string | null }[] }[];
  };
  return report.files.flatMap((file) => file.messages.map((m) => `${file.path} ${m.line}:${m.column} ${m.ruleId}`));
}

beforeAll(assertBuilt);

let root: string | undefined;
afterEach(() => removeTree(root));

describe('leakproof scan: nothing to scan', () => {
  it('exits 2 with one line for an empty folder, or one without JavaScript or TypeScript', () => {
    root = makeTree({ 'empty/.keep': '', 'docs/notes.md': '# Notes\n', 'docs/data.json': '{}\n' });
    const message = 'no .js, .cjs, .mjs, .jsx, .ts, .cts, .mts or .tsx files outside skipped folders and ignored files';
    for (const [folder, args] of [
      ['empty', []],
      ['docs', []],
      ['.', ['docs/notes.md']],
    ] as const) {
      const run = scan(path.join(root, folder), ...args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`leakproof: nothing to scan in '${args[0] ?? '.'}': ${message}\n`);
    }
  });
});

describe('leakproof scan: a repository with a .eslintignore', () => {
  it("says nothing about it (the scan follows .gitignore), and retries ES module syntax in a 'commonjs' package", () => {
    root = makeTree({
      'package.json': '{ "name": "app", "type": "commonjs" }\n',
      '.eslintignore': 'vendor/\n',
      'server.js': leak('lastRequest'),
      'playground/main.js': "import { readFile } from 'node:fs';\nexport const load = () => readFile;\n",
    });
    const run = scan(root, '-f', 'json');
    expect(errorLines(run.stderr)).toEqual([]);
    expect(findings(run.stdout)).toEqual([`server.js 2:3 ${RULE}`]);
    expect(run.status).toBe(1);
  });
});

describe('leakproof scan: flags ESLint users type', () => {
  // core no-undef as a warning: leakproof's own configs only have errors.
  const CONFIG = "export default [{ languageOptions: { sourceType: 'commonjs' }, rules: { 'no-undef': 'warn' } }];\n";

  it('-o and --output-file write the report to a file (creating its folder) and nothing to stdout', () => {
    root = makeTree({ 'package.json': '{}\n', 'a.js': leak('name') });
    const short = scan(root, '-o', 'reports/leakproof.txt');
    expect(short.status).toBe(1);
    expect(short.stdout).toBe('');
    expect(readFileSync(path.join(root, 'reports/leakproof.txt'), 'utf8')).toMatch(
      /^a\.js\n {2}2:3 {2}error {2}`name` .+\n\nFindings by rule:\n/,
    );
    const long = scan(root, '--format', 'sarif', '--output-file', 'leakproof.sarif');
    expect(long.status).toBe(1);
    expect(long.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(root, 'leakproof.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  it('--max-warnings sets how many warnings pass, and --quiet drops them', { timeout: 120_000 }, () => {
    root = makeTree({ 'eslint.config.mjs': CONFIG, 'a.js': 'first();\nsecond();\n' });
    const config = ['--config', 'eslint.config.mjs', 'a.js'];
    expect(scan(root, ...config).status).toBe(1); // by default any finding fails
    const allowed = scan(root, ...config, '--max-warnings', '2');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('✖ 2 findings in 1 file (0 errors, 2 warnings); 1 file scanned.');
    const tooMany = scan(root, ...config, '--max-warnings', '1');
    expect(tooMany.status).toBe(1);
    expect(errorLines(tooMany.stderr)).toEqual(['leakproof: too many warnings (2; maximum: 1)']);
    const quiet = scan(root, ...config, '--quiet');
    expect(quiet.stdout).toBe('✔ No findings in 1 file scanned.\n');
    expect(quiet.status).toBe(0);
  });

  it('rejects values --max-warnings and --concurrency cannot take', () => {
    root = makeTree({ 'a.js': 'x();\n' });
    for (const [args, message] of [
      [['--max-warnings', '-1'], "option '--max-warnings' argument is ambiguous (see 'leakproof scan --help')"],
      [['--max-warnings', 'some'], "--max-warnings needs a whole number of warnings, not 'some'"],
      [['--concurrency', '0'], "--concurrency needs a positive whole number, auto or off, not '0'"],
    ] as const) {
      const run = scan(root, ...args, 'a.js');
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`leakproof: ${message}\n`);
    }
  });

  it('--concurrency lints on ESLint worker threads and finds the same', { timeout: 120_000 }, () => {
    root = makeTree({
      'package.json': '{}\n',
      'a.js': leak('name'),
      'b.cjs': leak('other'),
      'c.mjs': leak('strict'),
      'd.ts': 'export {};\n}\n',
    });
    const threaded = scan(root, '-f', 'json', '--concurrency', '2');
    // ESLint may advise against threads on so few files; that advice is its own, and shown once.
    const advice = /ESLintPoorConcurrencyWarning|node --trace-warnings/;
    expect(errorLines(threaded.stderr).filter((line) => !advice.test(line))).toEqual([]);
    expect(threaded.stderr.match(/ESLintPoorConcurrencyWarning/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(findings(threaded.stdout)).toEqual([
      `a.js 2:3 ${RULE}`,
      `b.cjs 2:3 ${RULE}`,
      'd.ts 2:1 null', // typescript-eslint's 0-based parse error column, made 1-based on worker threads too
    ]);
    expect(threaded.status).toBe(1);
  });
});

describe('leakproof scan: bulk suppressions (eslint-suppressions.json)', () => {
  // Seven scans in a row: slow on a loaded machine.
  it('records, honours and prunes them as eslint does', { timeout: 180_000 }, () => {
    root = makeTree({ 'package.json': '{}\n', 'a.js': leak('one') + leak('two'), 'b.js': leak('three') });
    const file = path.join(root, 'eslint-suppressions.json');

    const recorded = scan(root, '--suppress-all');
    expect(recorded.stdout).toBe('✔ No findings in 2 files scanned.\n');
    expect(recorded.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      JSON.stringify({ 'a.js': { [RULE]: { count: 2 } }, 'b.js': { [RULE]: { count: 1 } } }, null, 2),
    );
    expect(scan(root).status).toBe(0);

    // One more finding than recorded: every finding of that rule in that file is reported again.
    writeTree(root, { 'b.js': leak('three') + leak('four') });
    const grown = scan(root, '-f', 'json');
    expect(grown.status).toBe(1);
    expect(findings(grown.stdout)).toEqual([`b.js 2:3 ${RULE}`, `b.js 5:3 ${RULE}`]);

    // Fewer: the record is out of date, and the scan fails until it is pruned, as eslint does.
    writeTree(root, { 'a.js': leak('one'), 'b.js': leak('three') });
    const stale = scan(root);
    expect(stale.stdout).toBe('✔ No findings in 2 files scanned.\n');
    expect(errorLines(stale.stderr)).toEqual([
      'leakproof: eslint-suppressions.json records errors that are gone (1 entry): run with --prune-suppressions to remove them, or add --pass-on-unpruned-suppressions',
    ]);
    expect(stale.status).toBe(2);
    expect(scan(root, '--pass-on-unpruned-suppressions').status).toBe(0);
    expect(scan(root, '--prune-suppressions').status).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      'a.js': { [RULE]: { count: 1 } },
      'b.js': { [RULE]: { count: 1 } },
    });
  });

  it(
    "leaves other tools' entries alone, and checks --suppressions-location and conflicting flags",
    { timeout: 120_000 },
    () => {
      root = makeTree({
        'package.json': '{}\n',
        'a.js': leak('one'),
        // An entry of a rule the scan does not run is neither applied nor "gone".
        'lint/baseline.json': JSON.stringify({ 'a.js': { 'no-console': { count: 3 }, [RULE]: { count: 1 } } }),
      });
      expect(scan(root).status).toBe(1);
      const located = scan(root, '--suppressions-location', 'lint/baseline.json');
      expect(errorLines(located.stderr)).toEqual([]);
      expect(located.status).toBe(0);
      const missing = scan(root, '--suppressions-location', 'nope.json');
      expect(missing.stderr).toBe('leakproof: suppressions file not found: nope.json\n');
      expect(missing.status).toBe(2);
      const both = scan(root, '--suppress-all', '--prune-suppressions');
      expect(both.stderr).toBe('leakproof: --suppress-all and --prune-suppressions cannot be used together\n');
      expect(both.status).toBe(2);
    },
  );
});

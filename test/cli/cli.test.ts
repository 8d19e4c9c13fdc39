import { createRequire } from 'node:module';
import type { Log } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, errorLines, FIXTURES, runCli } from './run-cli.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
const RULE = 'leakproof/no-implicit-global';

beforeAll(assertBuilt);

function expectUsageError(args: string[], message: string): void {
  const run = runCli(args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(`leakproof: ${message}\n`);
}

describe('leakproof (dispatcher)', () => {
  it('prints usage for --help and exits 0', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: leakproof <command> \[options\]/);
    expect(run.stdout).toContain('scan [paths...]');
  });

  it('prints the package version for --version', () => {
    const run = runCli(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('prints usage on stderr and exits 2 without a command', () => {
    const run = runCli([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: leakproof/);
  });

  it('rejects an unknown command or option with one line and exit 2', () => {
    expectUsageError(['lint'], "unknown command 'lint' (see 'leakproof --help')");
    expectUsageError(['--verbose'], "unknown option '--verbose' (see 'leakproof --help')");
  });

  it('dispatches fix, which needs a codemod', () => {
    expectUsageError(['fix'], "missing the codemod: strict-mode or clear-interval (see 'leakproof fix --help')");
  });

  it('dispatches prove, which needs a module', () => {
    const run = runCli(['prove']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("leakproof prove: missing the module to prove (see 'leakproof prove --help')\n");
  });
});

describe('leakproof scan: usage', () => {
  it('prints its usage for --help', () => {
    const run = runCli(['scan', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: leakproof scan \[options\] \[paths\.\.\.\]/);
    expect(run.stdout).toContain('--format <name>');
    expect(run.stdout).toContain('--config <file>');
  });

  it('rejects an unknown flag', () => {
    expectUsageError(['scan', '--fast', FIXTURES], "unknown option '--fast' (see 'leakproof scan --help')");
  });

  it('rejects a flag without its value', () => {
    expectUsageError(
      ['scan', '--format'],
      "option '-f, --format <value>' argument missing (see 'leakproof scan --help')",
    );
  });

  it('rejects an unknown format', () => {
    expectUsageError(['scan', '--format', 'xml', FIXTURES], "unknown format 'xml': use stylish, json or sarif");
  });

  it('rejects a --config file that does not exist', () => {
    expectUsageError(['scan', '--config', 'missing.config.js', FIXTURES], 'config file not found: missing.config.js');
  });

  it('reports a path it cannot find in one line, without a stack trace', () => {
    const run = runCli(['scan', `${FIXTURES}/leaky`, `${FIXTURES}/nope/`]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`leakproof: no such file or directory: ${FIXTURES}/nope/\n`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('leakproof scan: stylish output', () => {
  it('exits 0 on a clean folder (CommonJS, ES module syntax in a typeless package, .mjs, JSX)', () => {
    const run = runCli(['scan', `${FIXTURES}/clean`]);
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.stdout).toBe('✔ No findings in 4 files scanned.\n');
    expect(run.status).toBe(0);
  });

  it('exits 1 and lists the finding by file, line:col, severity, message and rule, then the summary', () => {
    const run = runCli(['scan', `${FIXTURES}/leaky`]);
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual([]);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`${FIXTURES}/leaky/set-name.js`);
    expect(lines[1]).toMatch(/^ {2}3:3 {2}error {2}`name` .+ {2}leakproof\/no-implicit-global$/);
    expect(lines.slice(2)).toEqual([
      '',
      'Findings by rule:',
      `  ${RULE}  1`,
      '',
      '✖ 1 finding in 1 file (1 error, 0 warnings); 2 files scanned.',
      '',
    ]);
  });

  it('reports a file with a syntax error as a finding and still lints the others', () => {
    const run = runCli(['scan', `${FIXTURES}/syntax-error`]);
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.stdout).toContain(
      `${FIXTURES}/syntax-error/broken.js\n  3:3  error  Parsing error: Unexpected keyword 'return'  (fatal)\n`,
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `${FIXTURES}/syntax-error/leaky\\.cjs\\n {2}3:3 {2}error {2}\`lastValue\` .+ {2}leakproof/no-implicit-global\\n`,
      ),
    );
    expect(run.stdout).toContain('  (fatal: not linted)           1\n');
    expect(run.stdout).toContain('✖ 2 findings in 2 files (2 errors, 0 warnings); 2 files scanned.');
  });

  it('scans the current directory by default', () => {
    const run = runCli(['scan'], `${FIXTURES}/leaky`);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('set-name.js');
  });

  it('scans an explicitly named file', () => {
    const run = runCli(['scan', `${FIXTURES}/leaky/clean-helper.js`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('✔ No findings in 1 file scanned.\n');
  });
});

describe('leakproof scan --format json', () => {
  it('prints the documented shape', () => {
    const run = runCli(['scan', '--format', 'json', `${FIXTURES}/leaky`, `${FIXTURES}/syntax-error`]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as unknown;
    expect(report).toEqual({
      version: 1,
      tool: { name: 'leakproof', version },
      files: [
        {
          path: `${FIXTURES}/leaky/set-name.js`,
          messages: [
            {
              ruleId: RULE,
              messageId: 'undeclared',
              severity: 'error',
              fatal: false,
              message: expect.stringContaining('`name`'),
              line: 3,
              column: 3,
              endLine: 3,
              endColumn: 7,
              suggestions: [
                {
                  desc: expect.any(String),
                  fix: { range: [expect.any(Number), expect.any(Number)], text: expect.stringContaining('name') },
                },
              ],
            },
          ],
        },
        {
          path: `${FIXTURES}/syntax-error/broken.js`,
          messages: [
            {
              ruleId: null,
              messageId: null,
              severity: 'error',
              fatal: true,
              message: "Parsing error: Unexpected keyword 'return'",
              line: 3,
              column: 3,
              endLine: null,
              endColumn: null,
              suggestions: [],
            },
          ],
        },
        {
          path: `${FIXTURES}/syntax-error/leaky.cjs`,
          messages: [
            expect.objectContaining({
              ruleId: RULE,
              messageId: 'undeclared',
              line: 3,
              column: 3,
              endLine: 3,
              endColumn: 12,
            }),
          ],
        },
      ],
      summary: { files: 4, findings: 3, fatal: 1, byRule: { [RULE]: 2 } },
    });
  });

  it('lists no files on a clean folder', () => {
    const run = runCli(['scan', '-f', 'json', `${FIXTURES}/clean`]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      tool: { name: 'leakproof', version },
      files: [],
      summary: { files: 4, findings: 0, fatal: 0, byRule: {} },
    });
  });
});

describe('leakproof scan --format sarif', () => {
  it('prints one SARIF 2.1.0 run with the rule, its docs and located results', () => {
    const run = runCli(['scan', '--format', 'sarif', `${FIXTURES}/leaky`, `${FIXTURES}/syntax-error`]);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as Log;
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    expect(sarifRun?.tool.driver).toMatchObject({ name: 'leakproof', version });
    expect(sarifRun?.tool.driver.rules).toEqual([
      {
        id: RULE,
        shortDescription: { text: 'Disallow writes that create properties of the global object by accident' },
        helpUri: 'https://github.com/leakproof/eslint-plugin-leakproof/blob/main/docs/rules/no-implicit-global.md',
      },
    ]);
    expect(sarifRun?.results?.map((result) => ({ ...result, message: undefined }))).toEqual([
      {
        ruleId: RULE,
        ruleIndex: 0,
        level: 'error',
        message: undefined,
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: `${FIXTURES}/leaky/set-name.js` },
              region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 7 },
            },
          },
        ],
        partialFingerprints: { 'leakproofFindingHash/v1': expect.stringMatching(/^[0-9a-f]{32}:1$/) },
      },
      {
        ruleId: RULE,
        ruleIndex: 0,
        level: 'error',
        message: undefined,
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: `${FIXTURES}/syntax-error/leaky.cjs` },
              region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 12 },
            },
          },
        ],
        partialFingerprints: { 'leakproofFindingHash/v1': expect.stringMatching(/^[0-9a-f]{32}:1$/) },
      },
    ]);
    expect(sarifRun?.results?.[0]?.message.text).toContain('`name`');
    // The parse error has no rule: it is a tool execution notification.
    expect(sarifRun?.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: "Parsing error: Unexpected keyword 'return'" },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: `${FIXTURES}/syntax-error/broken.js` },
                  region: { startLine: 3, startColumn: 3 },
                },
              },
            ],
          },
        ],
      },
    ]);
  });
});

describe('leakproof scan --config', () => {
  it("lints with the given flat config instead of leakproof's recommended one", () => {
    const dir = `${FIXTURES}/config-file`;
    const run = runCli(['scan', '--config', `${dir}/eslint.config.mjs`, '-f', 'json', dir]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as {
      files: { path: string; messages: { ruleId: string; line: number; column: number }[] }[];
    };
    expect(report.files.map((file) => [file.path, file.messages.map((m) => [m.ruleId, m.line, m.column])])).toEqual([
      [
        `${dir}/undefined-call.js`,
        [
          ['no-undef', 3, 3],
          ['no-undef', 4, 3],
        ],
      ],
    ]);
  });

  it('reports a file on which a rule throws, and goes on with the others', () => {
    const dir = `${FIXTURES}/crash-config`;
    const run = runCli(['scan', '--config', `${dir}/eslint.config.mjs`, dir]);
    expect(run.status).toBe(1);
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.stdout).toContain(
      `${dir}/a-throws.js\n  2:1  error  Rule test/explode failed on this file: boom  (fatal)\n`,
    );
    expect(run.stdout).toContain(`${dir}/b-reported.js\n  2:1  error  \`leaked\` found.  test/explode\n`);
  });

  it('reports a config that fails to load as a usage error', () => {
    const run = runCli(['scan', '--config', `${FIXTURES}/syntax-error/broken.js`, `${FIXTURES}/clean`]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(errorLines(run.stderr)).toEqual([
      expect.stringMatching(/^leakproof: cannot load config test\/cli\/fixtures\/syntax-error\/broken\.js: /),
    ]);
  });
});

describe('leakproof scan --preset', () => {
  const example = new URL('../../examples/leaky-server', import.meta.url).pathname;
  const rulesFound = (args: string[]) => {
    const run = runCli(['scan', '--format', 'json', ...args, example]);
    expect(run.status).toBe(1);
    return Object.keys(
      (JSON.parse(run.stdout) as { summary: { byRule: Record<string, number> } }).summary.byRule,
    ).sort();
  };

  it('lints with the recommended config by default, and with strict or all when asked', () => {
    expect(rulesFound([])).not.toContain('leakproof/no-leaked-closure');
    expect(rulesFound(['--preset', 'strict'])).toContain('leakproof/no-leaked-closure');
    expect(rulesFound(['-p', 'all'])).toContain('leakproof/no-leaked-closure');
  });

  it('rejects an unknown preset with one line and exit 2', () => {
    expectUsageError(['scan', '--preset', 'loose', example], "unknown preset 'loose': use recommended, strict or all");
  });
});

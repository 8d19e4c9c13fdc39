import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { FINGERPRINT_KEY, formatSarif } from '../../src/cli/formats/sarif.js';
import { formatStylish } from '../../src/cli/formats/stylish.js';
import type { ReportMessage, ScanResult } from '../../src/cli/report.js';

function message(overrides: Partial<ReportMessage>): ReportMessage {
  return {
    ruleId: 'leakproof/no-implicit-global',
    messageId: 'undeclared',
    severity: 'error',
    fatal: false,
    message: 'A leak.',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    suggestions: [],
    ...overrides,
  };
}

const RESULT: ScanResult = {
  report: {
    version: 1,
    tool: { name: 'leakproof', version: '9.9.9' },
    files: [
      {
        path: 'src/my file#1.js',
        messages: [
          message({ line: 12, column: 5 }),
          message({ severity: 'warning', ruleId: 'leakproof/other', message: 'Maybe.' }),
        ],
      },
    ],
    summary: { files: 3, findings: 2, fatal: 0, byRule: { 'leakproof/no-implicit-global': 1, 'leakproof/other': 1 } },
  },
  rules: new Map([
    ['leakproof/no-implicit-global', { description: 'No implicit globals', url: 'https://example.test/rule' }],
  ]),
  sources: new Map(),
};

/** One file's SARIF fingerprints, for findings given as [ruleId, line] over `source`. */
function fingerprints(source: string, findings: [string, number][]): string[] {
  const result: ScanResult = {
    ...RESULT,
    report: {
      ...RESULT.report,
      files: [{ path: 'src/a.js', messages: findings.map(([ruleId, line]) => message({ ruleId, line })) }],
    },
    sources: new Map([['src/a.js', source]]),
  };
  const run = (JSON.parse(formatSarif(result)) as Log).runs[0];
  return (run?.results ?? []).map((entry) => entry.partialFingerprints?.[FINGERPRINT_KEY] ?? 'none');
}

describe('formatStylish', () => {
  it('aligns positions and severities within a file, then counts by rule and totals', () => {
    expect(formatStylish(RESULT, { color: false })).toBe(
      [
        'src/my file#1.js',
        '  12:5  error    A leak.  leakproof/no-implicit-global',
        '  1:1   warning  Maybe.  leakproof/other',
        '',
        'Findings by rule:',
        '  leakproof/no-implicit-global  1',
        '  leakproof/other               1',
        '',
        '✖ 2 findings in 1 file (1 error, 1 warning); 3 files scanned.',
        '',
      ].join('\n'),
    );
  });

  it('uses ANSI colours only when asked', () => {
    expect(formatStylish(RESULT, { color: false })).not.toContain('\u001b[');
    const colored = formatStylish(RESULT, { color: true });
    expect(colored).toContain('\u001b[4msrc/my file#1.js\u001b[24m');
    expect(colored).toContain('\u001b[31merror  \u001b[39m');
  });

  it('says so when there is nothing to report', () => {
    const clean: ScanResult = {
      ...RESULT,
      report: { ...RESULT.report, files: [], summary: { files: 1, findings: 0, fatal: 0, byRule: {} } },
    };
    expect(formatStylish(clean, { color: false })).toBe('✔ No findings in 1 file scanned.\n');
  });
});

describe('formatSarif', () => {
  it('percent-encodes artifact URIs and describes only the rules it has docs for', () => {
    const log = JSON.parse(formatSarif(RESULT)) as Log;
    const run = log.runs[0];
    expect(run?.tool.driver.rules).toEqual([
      {
        id: 'leakproof/no-implicit-global',
        shortDescription: { text: 'No implicit globals' },
        helpUri: 'https://example.test/rule',
      },
      { id: 'leakproof/other' },
    ]);
    expect(
      run?.results?.map((result) => [
        result.ruleIndex,
        result.level,
        result.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      ]),
    ).toEqual([
      [0, 'error', 'src/my%20file%231.js'],
      [1, 'warning', 'src/my%20file%231.js'],
    ]);
    expect(run?.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('fingerprints each result by rule, file and the flagged line, not by line number', () => {
    const rule = 'leakproof/no-implicit-global';
    const [first = '', second = ''] = fingerprints('a();\nname = 1;\nother = 2;\n', [
      [rule, 2],
      [rule, 3],
    ]);
    expect(first).toMatch(/^[0-9a-f]{32}:1$/);
    expect(second).toMatch(/^[0-9a-f]{32}:1$/);
    expect(second).not.toBe(first);
    // Lines added above the finding and a re-indented line keep its fingerprint.
    expect(fingerprints('// a comment\n\na();\n    name   =  1;\n', [[rule, 4]])).toEqual([first]);
    // Another rule on the same line is another finding.
    expect(fingerprints('a();\nname = 1;\n', [['leakproof/other', 2]])).not.toEqual([first]);
    // Identical lines are told apart by their order, CRLF or not.
    const hash = first.slice(0, -2);
    expect(
      fingerprints('name = 1;\r\nname = 1;\r\n', [
        [rule, 1],
        [rule, 2],
      ]),
    ).toEqual([`${hash}:1`, `${hash}:2`]);
  });
});

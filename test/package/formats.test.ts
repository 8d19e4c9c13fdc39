// `leakproof scan --format sarif` against the SARIF 2.1.0 JSON schema (vendored: see fixtures/README.md), and
// `--format json` against the schema of its documented, versioned shape. The built command runs on a tree with one
// finding of every rule, files that cannot be parsed (by espree and by typescript-eslint's parser, whose parse errors
// come with 0-based columns) and a file name that needs percent-encoding.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { outdent } from 'outdent';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../src/index.js';
import { REPOSITORY_URL } from '../../src/create-rule.js';
import { assertBuilt, runCli, type CliRun } from '../cli/run-cli.js';
import { makeTree, OUTSIDE_GIT_ENV, removeTree } from '../cli/temp-tree.js';
import { readPackageJson, REPO_ROOT } from './npm.js';
import { compileReportSchema, compileSarifSchema, errorsOf, loadJson, REPORT_SCHEMA_FILE } from './schemas.js';

const { version } = readPackageJson();
const ALL_RULE_IDS = Object.keys(rules)
  .map((name) => `leakproof/${name}`)
  .sort();

const LEAKY_SERVER = readFileSync(path.join(REPO_ROOT, 'examples/leaky-server/server.js'), 'utf8');

const TREE = {
  // No "type": each .js and .jsx file is CommonJS unless it has import/export syntax, as Node detects it.
  'package.json': JSON.stringify({ name: 'formats-fixture', private: true }),
  // One finding of every rule (with --preset all).
  'src/server.js': LEAKY_SERVER,
  'src/my file #1.cjs': 'function setName(user) {\n  name = user.name;\n}\nmodule.exports = setName;\n',
  'src/Ticker.jsx': [
    "import { useEffect, useState } from 'react';",
    'export function Ticker() {',
    '  const [count, setCount] = useState(0);',
    '  useEffect(() => {',
    '    setInterval(() => setCount((c) => c + 1), 1000);',
    '  }, []);',
    '  useEffect(() => {',
    '    new ResizeObserver(() => setCount(0)).observe(document.body);',
    '  }, []);',
    '  return <span>{count}</span>;',
    '}',
    '',
  ].join('\n'),
  'src/broken.js': 'const = 1;\n',
  // typescript-eslint reports this at column 0; SARIF and the JSON report need 1.
  'src/broken.ts': '}\n',
  'src/clean.mjs': 'export const answer = 42;\n',
  // A memo cache keyed by the callers' objects (no-unbounded-memo, in strict).
  'src/layout.cjs': outdent`
    const layouts = new Map();
    module.exports = function layoutOf(node) {
      if (!layouts.has(node)) layouts.set(node, { width: node.width });
      return layouts.get(node);
    };

  `,
};

let root: string;
let sarifRun: CliRun;
let jsonRun: CliRun;

beforeAll(() => {
  assertBuilt();
  root = makeTree(TREE);
  sarifRun = runCli(['scan', '--preset', 'all', '--format', 'sarif', 'src'], root, OUTSIDE_GIT_ENV);
  jsonRun = runCli(['scan', '--preset', 'all', '--format', 'json', 'src'], root, OUTSIDE_GIT_ENV);
  // Two scans: well over the default 10 s when the whole suite loads the machine.
}, 120_000);

afterAll(() => removeTree(root));

describe('leakproof scan --format sarif', () => {
  const validate = compileSarifSchema();

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(sarifRun.status, sarifRun.stderr).toBe(1);
    const log = JSON.parse(sarifRun.stdout) as Log;
    expect(validate(log), errorsOf(validate)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  });

  it('describes the tool and every rule that reported, with its description and a help URI to its shipped page', () => {
    const run = (JSON.parse(sarifRun.stdout) as Log).runs[0];
    expect(run?.tool.driver).toMatchObject({ name: 'leakproof', version, informationUri: REPOSITORY_URL });
    const descriptors = run?.tool.driver.rules ?? [];
    expect(descriptors.map((rule) => rule.id)).toEqual(ALL_RULE_IDS);
    for (const descriptor of descriptors) {
      const name = descriptor.id.replace(/^leakproof\//, '') as keyof typeof rules;
      expect(descriptor.shortDescription?.text).toBe(rules[name].meta.docs?.description);
      expect(descriptor.helpUri).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);
      expect(readFileSync(path.join(REPO_ROOT, 'docs/rules', `${name}.md`), 'utf8')).toContain(`# leakproof/${name}`);
    }
  });

  it('gives each finding its rule index, level, message and a percent-encoded relative location', () => {
    const run = (JSON.parse(sarifRun.stdout) as Log).runs[0];
    const descriptors = run?.tool.driver.rules ?? [];
    const results = run?.results ?? [];
    const report = JSON.parse(jsonRun.stdout) as { summary: { findings: number; fatal: number } };
    expect(results).toHaveLength(report.summary.findings - report.summary.fatal);
    for (const result of results) {
      expect(descriptors[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(result.message.text).toMatch(/\S/);
    }
    const uris = new Set(results.map((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri));
    expect([...uris].sort()).toEqual(['src/Ticker.jsx', 'src/layout.cjs', 'src/my%20file%20%231.cjs', 'src/server.js']);
    const implicitGlobal = results.find(
      (result) =>
        result.ruleId === 'leakproof/no-implicit-global' &&
        result.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'src/my%20file%20%231.cjs',
    );
    expect(implicitGlobal?.locations?.[0]?.physicalLocation?.region).toEqual({
      startLine: 2,
      startColumn: 3,
      endLine: 2,
      endColumn: 7,
    });
  });

  it('reports the files that cannot be parsed as tool execution notifications, at 1-based columns', () => {
    const invocation = (JSON.parse(sarifRun.stdout) as Log).runs[0]?.invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(true);
    expect(invocation?.toolExecutionNotifications?.map((notification) => notification.locations)).toEqual([
      [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/broken.js' },
            region: { startLine: 1, startColumn: 7 },
          },
        },
      ],
      [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/broken.ts' },
            region: { startLine: 1, startColumn: 1 },
          },
        },
      ],
    ]);
  });

  it('gives every result a fingerprint of its own', () => {
    const results = (JSON.parse(sarifRun.stdout) as Log).runs[0]?.results ?? [];
    const fingerprints = results.map((result) => result.partialFingerprints?.['leakproofFindingHash/v1']);
    expect(fingerprints.every((value) => typeof value === 'string' && /^[0-9a-f]{32}:\d+$/.test(value))).toBe(true);
    expect(new Set(fingerprints).size).toBe(results.length);
  });

  it('validates for a clean scan too', () => {
    const clean = runCli(['scan', '--format', 'sarif', 'src/clean.mjs'], root, OUTSIDE_GIT_ENV);
    expect(clean.status, clean.stderr).toBe(0);
    const log = JSON.parse(clean.stdout) as Log;
    expect(validate(log), errorsOf(validate)).toBe(true);
    expect(log.runs[0]?.results).toEqual([]);
  });

  it('uses a validator that rejects what the schema forbids', () => {
    const log = JSON.parse(sarifRun.stdout) as { runs: { results: { level: string }[] }[] };
    const first = log.runs[0]?.results[0];
    if (!first) throw new Error('no result to corrupt');
    first.level = 'fatal';
    expect(validate(log)).toBe(false);
    expect(errorsOf(validate)).toContain('/runs/0/results/0/level');
  });
});

/** The code block of a language that follows a heading in a Markdown file. */
function codeBlockAfter(markdown: string, heading: string, language: string): string {
  const section = markdown.slice(markdown.indexOf(heading));
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)\\n```').exec(section);
  if (!match?.[1]) throw new Error(`no \`\`\`${language} block after ${heading}`);
  return match[1];
}

/** Every property name a JSON schema defines, at any depth. */
function schemaFields(schema: unknown, into = new Set<string>()): Set<string> {
  if (schema && typeof schema === 'object') {
    const { properties } = schema as { properties?: Record<string, unknown> };
    for (const [name, child] of Object.entries(properties ?? {})) {
      into.add(name);
      schemaFields(child, into);
    }
    for (const [key, child] of Object.entries(schema)) if (key !== 'properties') schemaFields(child, into);
  }
  return into;
}

describe('leakproof scan --format json', () => {
  const validate = compileReportSchema();
  const cliDoc = readFileSync(path.join(REPO_ROOT, 'docs/cli.md'), 'utf8');

  it('matches the documented version-1 shape on real output', () => {
    expect(jsonRun.status, jsonRun.stderr).toBe(1);
    const report = JSON.parse(jsonRun.stdout) as unknown;
    expect(validate(report), errorsOf(validate)).toBe(true);
  });

  it('keeps its documented invariants: sorted files and messages, and a summary that adds up', () => {
    interface Message {
      ruleId: string | null;
      fatal: boolean;
      line: number;
      column: number;
      suggestions: unknown[];
    }
    const report = JSON.parse(jsonRun.stdout) as {
      tool: { version: string };
      files: { path: string; messages: Message[] }[];
      summary: { files: number; findings: number; fatal: number; byRule: Record<string, number> };
    };
    expect(report.tool.version).toBe(version);
    const paths = report.files.map((file) => file.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual([
      'src/Ticker.jsx',
      'src/broken.js',
      'src/broken.ts',
      'src/layout.cjs',
      'src/my file #1.cjs',
      'src/server.js',
    ]);
    const messages = report.files.flatMap((file) => file.messages);
    for (const file of report.files) {
      const positions = file.messages.map((message) => message.line * 1e6 + message.column);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    const byRule: Record<string, number> = {};
    for (const message of messages) if (message.ruleId) byRule[message.ruleId] = (byRule[message.ruleId] ?? 0) + 1;
    expect(report.summary).toEqual({ files: 7, findings: messages.length, fatal: 2, byRule });
    expect(Object.keys(report.summary.byRule)).toEqual(ALL_RULE_IDS);
    expect(
      messages.filter((message) => message.fatal).map((message) => [message.ruleId, message.line, message.column]),
    ).toEqual([
      [null, 1, 7],
      [null, 1, 1],
    ]);
    expect(messages.some((message) => message.suggestions.length > 0)).toBe(true);
  });

  it('is documented: the example in docs/cli.md validates, and the documented interface has the schema’s fields', () => {
    const example = JSON.parse(codeBlockAfter(cliDoc, '### `json`', 'json')) as unknown;
    expect(validate(example), errorsOf(validate)).toBe(true);
    const documented = codeBlockAfter(cliDoc, '### `json`', 'ts')
      .replace(/\/\/.*$/gm, '')
      .replace(/'[^']*'/g, '');
    const names = new Set([...documented.matchAll(/(\w+)\??:/g)].map((match) => match[1]));
    expect([...names].sort()).toEqual([...schemaFields(loadJson(REPORT_SCHEMA_FILE))].sort());
  });
});

// `leakproof scan` end to end on throw-away trees: what it skips, and how it parses each kind of file.
import { outdent } from 'outdent';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, errorLines, runCli } from './run-cli.js';
import { git, makeTree, OUTSIDE_GIT_ENV, removeTree } from './temp-tree.js';

const LEAK = 'function setName() {\n  name = "Stanley";\n}\n';

interface JsonReport {
  files: {
    path: string;
    messages: { ruleId: string | null; line: number; column: number; fatal: boolean; message: string }[];
  }[];
  summary: { files: number; findings: number };
}

function scanJson(
  cwd: string,
  args: string[] = [],
  env: Record<string, string> = {},
): { status: number | null; report: JsonReport } {
  const run = runCli(['scan', '--format', 'json', ...args], cwd, env);
  expect(errorLines(run.stderr)).toEqual([]);
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport };
}

/** file → "line:column ruleId" of each message, for compact exact assertions. */
function findings(report: JsonReport): Record<string, string[]> {
  return Object.fromEntries(
    report.files.map((file) => [file.path, file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? m.message}`)]),
  );
}

beforeAll(assertBuilt);

describe('leakproof scan: discovery', () => {
  let root: string | undefined;
  afterEach(() => removeTree(root));

  it("skips .gitignore'd files (nested ones too), node_modules, build output and dot-folders in a git repository", () => {
    root = makeTree({
      'package.json': '{ "name": "app" }\n',
      '.gitignore': 'ignored.js\ngenerated/\n',
      'kept.js': LEAK,
      'ignored.js': LEAK,
      'generated/api.js': LEAK,
      'lib/.gitignore': 'local.js\n',
      'lib/local.js': LEAK,
      'lib/tracked.js': LEAK,
      'node_modules/dep/index.js': LEAK,
      'dist/bundle.js': LEAK,
      '.vscode/task.js': LEAK,
    });
    git(root, 'init', '--quiet');
    git(root, 'add', 'lib/tracked.js');
    const { status, report } = scanJson(root);
    expect(status).toBe(1);
    expect(findings(report)).toEqual({
      'kept.js': ['2:3 leakproof/no-implicit-global'],
      'lib/tracked.js': ['2:3 leakproof/no-implicit-global'],
    });
    expect(report.summary.files).toBe(2);
  });

  it('scans an ignored file when it is named on the command line', () => {
    root = makeTree({ '.gitignore': 'ignored.js\n', 'ignored.js': LEAK, 'node_modules/dep/index.js': LEAK });
    git(root, 'init', '--quiet');
    const { status, report } = scanJson(root, ['ignored.js', 'node_modules/dep/index.js']);
    expect(status).toBe(1);
    expect(Object.keys(findings(report))).toEqual(['ignored.js', 'node_modules/dep/index.js']);
  });

  it('outside git, skips node_modules, build output and dot-folders and applies the root .gitignore', () => {
    root = makeTree({
      '.gitignore': 'ignored.js\n',
      'kept.js': LEAK,
      'ignored.js': LEAK,
      'node_modules/dep/index.js': LEAK,
      'coverage/report.js': LEAK,
      '.cache/x.js': LEAK,
    });
    const { status, report } = scanJson(root, [], OUTSIDE_GIT_ENV);
    expect(status).toBe(1);
    expect(Object.keys(findings(report))).toEqual(['kept.js']);
  });
});

describe('leakproof scan: parsing', () => {
  let root: string | undefined;
  afterEach(() => removeTree(root));

  it('parses TypeScript with @typescript-eslint/parser and skips declaration files', () => {
    root = makeTree({
      'package.json': '{ "name": "app" }\n',
      // .cts is CommonJS: a sloppy undeclared write is reported, through the type annotations.
      'legacy.cts': 'function setName(value: string): void {\n  name = value;\n}\nexport = setName;\n',
      // .ts is a module (strict): the same write is an error TypeScript reports, not a leak.
      'strict.ts':
        'interface Person { name: string }\nexport function rename(person: Person): void {\n  person.name = "Stanley";\n}\n',
      'view.tsx': 'export const View = ({ label }: { label: string }) => <p>{label}</p>;\n',
      'types.d.ts': 'declare function setName(): void;\nname = 1;\n',
    });
    const { status, report } = scanJson(root, [], OUTSIDE_GIT_ENV);
    expect(status).toBe(1);
    expect(findings(report)).toEqual({ 'legacy.cts': ['2:3 leakproof/no-implicit-global'] });
    expect(report.summary.files).toBe(3);
  });

  it('chooses the JavaScript source type from the extension and the nearest package.json "type"', () => {
    root = makeTree({
      'package.json': '{ "name": "app", "type": "module" }\n',
      // "type": "module": strict, nothing to report.
      'esm.js': LEAK,
      'sloppy.cjs': LEAK,
      'cjs/package.json': '{ "type": "commonjs" }\n',
      'cjs/sloppy.js': LEAK,
      // ES module syntax in a "commonjs" package (a file for a bundler, such as Vite's): retried as a module.
      'cjs/bundled.js': outdent`
        import fs from "node:fs";
        export const read = () => fs;
        ${LEAK}
      `,
      // Broken either way: the parse error as CommonJS is the one reported.
      'cjs/broken.js': 'import fs from "node:fs";\nconst = 1;\n',
      'typeless/package.json': '{ "name": "typeless" }\n',
      'typeless/sloppy.js': LEAK,
      // No "type": Node detects the ES module syntax, and so does the scan.
      'typeless/detected.js': `import fs from "node:fs";\n${LEAK}`,
      'typeless/strict.mjs': LEAK,
    });
    const { status, report } = scanJson(root, [], OUTSIDE_GIT_ENV);
    expect(status).toBe(1);
    expect(findings(report)).toEqual({
      'cjs/sloppy.js': ['2:3 leakproof/no-implicit-global'],
      'cjs/broken.js': ["1:1 Parsing error: 'import' and 'export' may appear only with 'sourceType: module'"],
      'sloppy.cjs': ['2:3 leakproof/no-implicit-global'],
      'typeless/sloppy.js': ['2:3 leakproof/no-implicit-global'],
    });
    expect(report.summary.files).toBe(8);
  });

  it("ignores the repository's inline config for rules leakproof does not have", () => {
    root = makeTree({
      'package.json': '{}\n',
      'app.js': '/* eslint react/no-danger: "off" */\n// eslint-disable-next-line no-console\nconsole.log(1);\n',
      'suppressed.js': `// eslint-disable-next-line leakproof/no-implicit-global\nfunction f() { name = 1; }\n`,
    });
    const { status, report } = scanJson(root, [], OUTSIDE_GIT_ENV);
    expect(report.files).toEqual([]);
    expect(status).toBe(0);
  });

  it('scans files outside the working directory', () => {
    root = makeTree({ 'app/package.json': '{}\n', 'app/leak.js': LEAK, 'elsewhere/.keep': '' });
    const { status, report } = scanJson(`${root}/elsewhere`, ['../app'], OUTSIDE_GIT_ENV);
    expect(status).toBe(1);
    expect(Object.keys(findings(report))).toEqual(['../app/leak.js']);
  });
});

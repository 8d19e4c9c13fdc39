// The packed package in a project on ESLint 10 with typescript-eslint: the flat-config suite, TypeScript files,
// the type declarations under a strict tsconfig, the `leakproof` command (scan, fix, prove), the codemods through
// jscodeshift, and the exports map.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { flatConfigSuite, writeScenarios } from './flat-config-suite.js';
import * as code from './leaky-code.js';
import path from 'node:path';
import { readPackageJson, REPO_ROOT } from './npm.js';
import { createProject, findingsOf, INSTALL_TIMEOUT_MS, type Project } from './project.js';
import { compileReportSchema, compileSarifSchema, errorsOf } from './schemas.js';

const { version } = readPackageJson();
let project: Project;

const TS_ESLINT_CONFIG = `import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import leakproof from 'eslint-plugin-leakproof';

export default defineConfig(tseslint.configs.recommended, leakproof.configs.recommended);
`;

/** The README's TypeScript section: its second config is the typed one (typescript-eslint with type information). */
const README_TYPED_CONFIG = (() => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## TypeScript'), readme.indexOf('## Configs'));
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  if (blocks.length !== 2) throw new Error(`the README's TypeScript section has ${blocks.length} js blocks, not 2`);
  return blocks[1] ?? '';
})();

const TYPED_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    noEmit: true,
  },
  include: ['src/**/*.ts'],
};

/** eslint.config.ts with defineConfig: the plugin object, string `extends` through `plugins`, a config object. */
const TYPED_ESLINT_CONFIG = `import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import leakproof, { configs } from 'eslint-plugin-leakproof';

export default defineConfig(
  { files: ['**/*.ts'], extends: [tseslint.configs.recommended] },
  {
    files: ['src/**/*.ts'],
    plugins: { leakproof },
    extends: ['leakproof/recommended'],
    rules: { 'leakproof/no-leaked-closure': 'warn' },
  },
  { files: ['legacy/**/*.cjs'], extends: [configs.strict] },
);
`;

/** Uses every public entry point with its types, and checks that they are precise (each @ts-expect-error must fire). */
const TYPED_USAGE = `import type { ESLint, Linter } from 'eslint';
import leakproof, { configs, meta, rules, type ConfigName, type RuleName } from 'eslint-plugin-leakproof';
import { formatProof, prove, type ProofResult, type Verdict } from 'eslint-plugin-leakproof/runtime';
import clearIntervalTransform from 'eslint-plugin-leakproof/codemods/clear-interval';
import strictModeTransform, { codemod as strictMode } from 'eslint-plugin-leakproof/codemods/strict-mode';

export const plugin: ESLint.Plugin = leakproof;
export const recommended: Linter.Config = configs.recommended;
export const configNames: ConfigName[] = ['recommended', 'strict', 'all'];
export const ruleNames = Object.keys(rules) as RuleName[];
export const pluginVersion: string = meta.version;

export async function proveLeak(module: string): Promise<Verdict> {
  const result: ProofResult = await prove({ module, iterations: 51 });
  console.log(formatProof(result));
  return result.verdict;
}

export const outcome = strictMode.run('var answer = 42;\\n', 'answer.cjs', { declare: false });
export const status: 'changed' | 'unchanged' | 'skipped' = outcome.status;
export const transforms = [strictModeTransform, clearIntervalTransform];

declare const api: Parameters<typeof strictModeTransform>[1];

// The declarations are precise, not \`any\`: each line below must be a type error.
// @ts-expect-error: there is no such config
void leakproof.configs.nope;
// @ts-expect-error: there is no such rule
void rules['no-such-rule'];
// @ts-expect-error: iterations is a number
void prove({ module: 'server.js', iterations: 'many' });
// @ts-expect-error: a verdict is 'leak', 'retained' or 'clean'
export const wrong: Verdict = 'leaky';
// @ts-expect-error: jscodeshift's FileInfo has a source
void strictModeTransform({ path: 'a.js' }, api, {});
`;

const STRICT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    // The package's own declarations are checked too, and everything they import must resolve.
    skipLibCheck: false,
    noEmit: true,
  },
  include: ['*.ts', 'src/**/*.ts'],
};

beforeAll(() => {
  project = createProject('eslint-10', {
    packageJson: { type: 'module' },
    // jiti: ESLint loads eslint.config.ts with it on Node versions that cannot strip types.
    // jscodeshift: an optional peer dependency, which `leakproof fix` and the transforms need.
    devDependencies: [
      'eslint@10',
      'typescript-eslint@8',
      'typescript@~6.0',
      '@types/node@20',
      'jiti@2',
      'jscodeshift@17',
    ],
  });
  writeScenarios(project);
  project.write(
    {
      'eslint.config.js': TS_ESLINT_CONFIG,
      'src/cache.ts': code.TS_CACHE,
      'src/Ticker.tsx': code.TSX_TICKER,
      'src/clean.ts': 'export const answer: number = 42;\n',
    },
    'ts',
  );
  project.write(
    {
      'tsconfig.json': `${JSON.stringify(STRICT_TSCONFIG, null, 2)}\n`,
      'eslint.config.ts': TYPED_ESLINT_CONFIG,
      'usage.ts': TYPED_USAGE,
      'src/cache.ts': code.TS_CACHE,
      'legacy/session.cjs': code.SESSION_CJS,
    },
    'types',
  );
  project.write(
    {
      'eslint.config.js': README_TYPED_CONFIG,
      'tsconfig.json': `${JSON.stringify(TYPED_TSCONFIG, null, 2)}\n`,
      'src/cache.ts': code.TS_CACHE,
    },
    'typed',
  );
  project.write(
    { 'src/server.js': code.ESM_SERVER, 'src/session.cjs': code.SESSION_CJS, 'src/clean.js': code.CLEAN_ESM },
    'cli',
  );
  project.write({ 'leaky.mjs': code.PROVE_LEAKY, 'fixed.mjs': code.PROVE_FIXED }, 'prove');
  project.write({ 'src/sloppy.cjs': code.SLOPPY_CJS, 'src/poller.cjs': code.POLLER_CJS }, 'fix');
  project.write({ 'sloppy.cjs': code.SLOPPY_CJS, 'poller.cjs': code.POLLER_CJS }, 'jscodeshift');
}, INSTALL_TIMEOUT_MS);

flatConfigSuite(10, () => project);

describe('a TypeScript project with typescript-eslint', () => {
  it("lints .ts and .tsx files with leakproof's rules through typescript-eslint's parser and recommended config", () => {
    const result = project.npx(['eslint', '--format', 'json', '.'], 'ts');
    expect(result.status, result.stderr).toBe(1);
    expect(findingsOf(result, project.path('ts'))).toEqual([
      ...code.TSX_TICKER_FINDINGS.map((finding) => ({ file: 'src/Ticker.tsx', ...finding })),
      ...code.TS_CACHE_FINDINGS.map((finding) => ({ file: 'src/cache.ts', ...finding })),
    ]);
  });

  it("with type information, as the README's TypeScript section sets it up, reports the same leaks", () => {
    const result = project.npx(['eslint', '--format', 'json', '.'], 'typed');
    // findingsOf fails on a fatal message: here, a file typescript-eslint could not place in a project.
    const leakproof = findingsOf(result, project.path('typed')).filter((finding) =>
      finding.ruleId?.startsWith('leakproof/'),
    );
    expect(leakproof).toEqual(code.TS_CACHE_FINDINGS.map((finding) => ({ file: 'src/cache.ts', ...finding })));
  });

  it('type-checks eslint.config.ts (defineConfig from eslint/config) and every entry point under a strict tsconfig', () => {
    const result = project.npx(['tsc', '-p', 'types/tsconfig.json'], '');
    // tsc prints its diagnostics on stdout (stderr has only npx's own warnings, if any).
    expect(result.stdout.trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('loads eslint.config.ts: string extends through `plugins`, per-file configs', () => {
    const result = project.npx(['eslint', '--format', 'json', '.'], 'types');
    expect(result.status, result.stderr).toBe(1);
    expect(findingsOf(result, project.path('types'))).toEqual([
      { file: 'legacy/session.cjs', ruleId: 'leakproof/no-implicit-global', line: 2, column: 3 },
      ...code.TS_CACHE_FINDINGS.map((finding) => ({ file: 'src/cache.ts', ...finding })),
    ]);
  });
});

describe('the leakproof command from the installed package', () => {
  const outsideGit = (): Record<string, string> => ({ GIT_CEILING_DIRECTORIES: project.root });

  it('prints its version', () => {
    const result = project.npx(['leakproof', '--version']);
    expect(result.stdout.trim()).toBe(version);
  });

  it('npx leakproof scan reports the leaks, in stylish, json and valid SARIF', () => {
    const stylish = project.npx(['leakproof', 'scan'], 'cli', outsideGit());
    expect(stylish.status, stylish.stderr).toBe(1);
    expect(stylish.stdout).toContain('✖ 4 findings in 2 files (4 errors, 0 warnings); 3 files scanned.');

    const json = project.npx(['leakproof', 'scan', '--format', 'json'], 'cli', outsideGit());
    expect(json.status, json.stderr).toBe(1);
    const report = JSON.parse(json.stdout) as { summary: unknown };
    const validateReport = compileReportSchema();
    expect(validateReport(report), errorsOf(validateReport)).toBe(true);
    expect(report.summary).toEqual({
      files: 3,
      findings: 4,
      fatal: 0,
      byRule: {
        'leakproof/no-implicit-global': 1,
        'leakproof/no-leaked-listener': 1,
        'leakproof/no-leaked-timer': 1,
        'leakproof/no-unbounded-collection': 1,
      },
    });

    const sarif = project.npx(['leakproof', 'scan', '--format', 'sarif'], 'cli', outsideGit());
    expect(sarif.status, sarif.stderr).toBe(1);
    const validateSarif = compileSarifSchema();
    expect(validateSarif(JSON.parse(sarif.stdout)), errorsOf(validateSarif)).toBe(true);
  });

  it('npx leakproof fix strict-mode --dry shows the diff and writes nothing; without --dry it writes', () => {
    const before = project.read('fix/src/sloppy.cjs');
    const dry = project.npx(['leakproof', 'fix', 'strict-mode', '--dry'], 'fix', outsideGit());
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      "+++ b/src/sloppy.cjs\n@@ -1,3 +1,5 @@\n+'use strict';\n+\n const path = require('node:path');",
    );
    expect(dry.stdout).not.toContain('poller.cjs');
    expect(project.read('fix/src/sloppy.cjs')).toBe(before);

    const clear = project.npx(['leakproof', 'fix', 'clear-interval', '--dry'], 'fix', outsideGit());
    expect(clear.status, clear.stderr).toBe(0);
    expect(clear.stdout).toContain('-    setInterval(task, 1000);\n+    this.intervalId = setInterval(task, 1000);');
    expect(clear.stdout).toContain('+    clearInterval(this.intervalId);');

    const write = project.npx(['leakproof', 'fix', 'strict-mode'], 'fix', outsideGit());
    expect(write.status, write.stderr).toBe(0);
    expect(project.read('fix/src/sloppy.cjs')).toBe(`'use strict';\n\n${before}`);
  });

  it('npx leakproof prove shows the leak (exit 1) and passes the fix (exit 0)', () => {
    const leaky = project.npx(['leakproof', 'prove', 'leaky.mjs'], 'prove');
    expect(leaky.status, leaky.stderr).toBe(1);
    expect(leaky.stdout).toMatch(/Verdict: LEAK/);
    expect(leaky.stdout).toMatch(/`visits` \(module variable\), leaky.mjs:1/);
    const fixed = project.npx(['leakproof', 'prove', 'fixed.mjs'], 'prove');
    expect(fixed.status, `${fixed.stdout}\n${fixed.stderr}`).toBe(0);
    expect(fixed.stdout).toMatch(/Verdict: no leak/);
  });
});

describe('the codemods as jscodeshift transforms', () => {
  it('jscodeshift -t node_modules/eslint-plugin-leakproof/dist/codemods/strict-mode.js rewrites the file', () => {
    const result = project.npx([
      'jscodeshift',
      '--no-babel',
      '-t',
      'node_modules/eslint-plugin-leakproof/dist/codemods/strict-mode.js',
      'jscodeshift/sloppy.cjs',
    ]);
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/1 ok/);
    expect(readFileSync(project.path('jscodeshift/sloppy.cjs'), 'utf8')).toBe(`'use strict';\n\n${code.SLOPPY_CJS}`);
  });

  it('jscodeshift -t …/clear-interval.js keeps the handle and clears it in the teardown', () => {
    const result = project.npx([
      'jscodeshift',
      '--no-babel',
      '-t',
      'node_modules/eslint-plugin-leakproof/dist/codemods/clear-interval.js',
      'jscodeshift/poller.cjs',
    ]);
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/1 ok/);
    const output = project.read('jscodeshift/poller.cjs');
    expect(output).toContain('    this.intervalId = setInterval(task, 1000);');
    expect(output).toContain("  stop() {\n    clearInterval(this.intervalId);\n    console.log('stopped');");
  });
});

describe('the exports map', () => {
  const node = (script: string, type: 'module' | 'commonjs' = 'module') =>
    project.run(process.execPath, [`--input-type=${type}`, '-e', script]);

  it('exports the plugin to import and require, the runtime and each codemod', () => {
    const imported = node(
      [
        "const { default: plugin } = await import('eslint-plugin-leakproof');",
        "const runtime = await import('eslint-plugin-leakproof/runtime');",
        "const strictMode = await import('eslint-plugin-leakproof/codemods/strict-mode');",
        "const clearInterval = await import('eslint-plugin-leakproof/codemods/clear-interval');",
        "console.log([Object.keys(plugin.configs).join(), typeof runtime.prove, strictMode.codemod.name, typeof strictMode.default, clearInterval.codemod.name].join(' '));",
      ].join('\n'),
    );
    expect(imported.stdout.trim(), imported.stderr).toBe(
      'recommended,strict,all function strict-mode function clear-interval',
    );
    const required = node(
      "const p = require('eslint-plugin-leakproof'); console.log(p.configs.recommended.name, p.meta.version);",
      'commonjs',
    );
    expect(required.stdout.trim(), required.stderr).toBe(`leakproof/recommended ${version}`);
  });

  it('keeps internal files private', () => {
    const result = node("await import('eslint-plugin-leakproof/dist/src/cli/index.js');");
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});

/**
 * Runs ESLint's Node API over a file list: leakproof's recommended rules by default (no ESLint config of the scanned
 * repository is read), or a flat config file the user names. Files go in batches so progress can be reported, and a
 * file that breaks ESLint is reported as a finding instead of ending the run.
 */
import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter, type Rule } from 'eslint';
import plugin, { type ConfigName } from '../index.js';
import { CliError, firstLine } from './cli-error.js';
import { createModuleKindLookup } from './package-type.js';

export interface LintedFile {
  filePath: string;
  messages: Linter.LintMessage[];
}

export interface LintRun {
  files: LintedFile[];
  /** Meta of every rule that reported, for formats that describe rules (SARIF). */
  rules: Map<string, Rule.RuleMetaData>;
}

export interface LintOptions {
  cwd: string;
  /** A flat config file to use instead of one of leakproof's configs. */
  configFile?: string;
  /** Which of leakproof's configs to lint with when no config file is given; `recommended` by default. */
  preset?: ConfigName;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Which ESLint instance lints a file, and which one to retry it with after a parse error. */
interface Engines {
  forFile(file: string): ESLint;
  retryFor(file: string): ESLint | null;
  keep(message: Linter.LintMessage): boolean;
}

const TYPESCRIPT_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JSX = { ecmaFeatures: { jsx: true } };

export async function lintFiles(files: readonly string[], options: LintOptions): Promise<LintRun> {
  const { batchSize = 100, onProgress } = options;
  const engines = options.configFile
    ? await configFileEngines(options.configFile, options.cwd, files)
    : leakproofEngines(options.cwd, files, options.preset ?? 'recommended');
  const run: LintRun = { files: [], rules: new Map() };
  for (let start = 0; start < files.length; start += batchSize) {
    const batch = files.slice(start, start + batchSize);
    for (const [eslint, group] of groupBy(batch, (file) => engines.forFile(file))) {
      for (const linted of await lintWithRetry(eslint, group, engines, run.rules)) {
        run.files.push({
          filePath: linted.filePath,
          messages: linted.messages.filter((message) => engines.keep(message)),
        });
      }
    }
    onProgress?.(Math.min(start + batchSize, files.length), files.length);
  }
  return run;
}

/** leakproof's own config. ESLint ignores files outside its cwd, so its cwd is the deepest folder holding them all. */
function leakproofEngines(cwd: string, files: readonly string[], preset: ConfigName): Engines {
  const eslintCwd = commonAncestor([cwd, ...files.map((file) => path.dirname(file))]);
  const asModule = new ESLint(leakproofOptions(eslintCwd, 'module', preset));
  const asCommonjs = new ESLint(leakproofOptions(eslintCwd, 'commonjs', preset));
  const moduleKind = createModuleKindLookup();
  const isPlainJs = (file: string): boolean => /\.jsx?$/.test(file);
  return {
    forFile: (file) => (isPlainJs(file) && moduleKind(file) !== 'module' ? asCommonjs : asModule),
    // Without a package.json "type", Node runs a .js file with import/export as an ES module; so does the scan.
    retryFor: (file) => (isPlainJs(file) && moduleKind(file) === 'detect' ? asModule : null),
    // Inline `/* eslint other-plugin/rule: … */` comments name rules this config lacks; only leakproof's count.
    keep: (message) => message.fatal === true || (message.ruleId?.startsWith('leakproof/') ?? false),
  };
}

function leakproofOptions(cwd: string, jsSourceType: 'module' | 'commonjs', preset: ConfigName): ESLint.Options {
  return {
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs[preset],
      { files: ['**/*.js', '**/*.jsx'], languageOptions: { sourceType: jsSourceType, parserOptions: JSX } },
      { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', parserOptions: JSX } },
      { files: ['**/*.mjs'], languageOptions: { sourceType: 'module', parserOptions: JSX } },
      { files: TYPESCRIPT_FILES, languageOptions: { parser: tsParser, sourceType: 'module' } },
      { files: ['**/*.cts'], languageOptions: { sourceType: 'commonjs' } },
      // The repository's eslint-disable comments are for its own rules; they are not unused, just not ours.
      { linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } },
      // files.ts already chose the files; one named on the command line is linted even under node_modules.
      { ignores: ['!**/node_modules/'] },
    ],
    warnIgnored: false,
    errorOnUnmatchedPattern: false,
  };
}

/** The user's flat config decides everything, as `eslint --config` would, including ignores. */
async function configFileEngines(configFile: string, cwd: string, files: readonly string[]): Promise<Engines> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: configFile,
    warnIgnored: false,
    errorOnUnmatchedPattern: false,
  });
  try {
    // Load the config now, so a broken one is a usage error rather than a crash report on every file.
    await eslint.calculateConfigForFile(files[0] ?? path.join(cwd, 'placeholder.js'));
  } catch (error) {
    const shown = path.relative(cwd, configFile);
    throw new CliError(
      `cannot load config ${shown}: ${firstLine(error instanceof Error ? error.message : String(error))}`,
    );
  }
  return { forFile: () => eslint, retryFor: () => null, keep: () => true };
}

async function lintWithRetry(
  eslint: ESLint,
  files: string[],
  engines: Engines,
  rules: Map<string, Rule.RuleMetaData>,
): Promise<LintedFile[]> {
  const linted: LintedFile[] = [];
  for (const file of await lintBatch(eslint, files, rules)) {
    const retry = engines.retryFor(file.filePath);
    if (retry && hasFatal(file)) {
      const [again] = await lintBatch(retry, [file.filePath], rules);
      // Still broken the second way: a real syntax error, and the first parse error is the one reported.
      if (again && !hasFatal(again)) {
        linted.push(again);
        continue;
      }
    }
    linted.push(file);
  }
  return linted;
}

const hasFatal = (file: LintedFile): boolean => file.messages.some((message) => message.fatal);

/** Lints files; when a rule throws, lints them one by one so only the file that broke it is lost. */
async function lintBatch(
  eslint: ESLint,
  files: string[],
  rules: Map<string, Rule.RuleMetaData>,
): Promise<LintedFile[]> {
  try {
    const results = await eslint.lintFiles(files);
    for (const [ruleId, meta] of Object.entries(eslint.getRulesMetaForResults(results))) rules.set(ruleId, meta);
    return results;
  } catch (error) {
    const [only] = files;
    if (files.length === 1 && only !== undefined) return [crashReport(only, error)];
    const linted: LintedFile[] = [];
    for (const file of files) linted.push(...(await lintBatch(eslint, [file], rules)));
    return linted;
  }
}

function crashReport(filePath: string, error: unknown): LintedFile {
  const text = error instanceof Error ? error.message : String(error);
  const ruleId = error instanceof Error && 'ruleId' in error && typeof error.ruleId === 'string' ? error.ruleId : null;
  // ESLint appends "Occurred while linting <file>:<line>" to a rule's exception.
  const line = Number(/Occurred while linting .*:(\d+)$/m.exec(text)?.[1] ?? 1);
  const message = `${ruleId ? `Rule ${ruleId}` : 'ESLint'} failed on this file: ${firstLine(text)}`;
  return { filePath, messages: [{ ruleId: null, fatal: true, severity: 2, message, line, column: 1 }] };
}

function commonAncestor(paths: readonly string[]): string {
  let ancestor = paths[0] ?? process.cwd();
  for (const candidate of paths) {
    while (!isInside(candidate, ancestor)) ancestor = path.dirname(ancestor);
  }
  return ancestor;
}

function isInside(candidate: string, directory: string): boolean {
  const relative = path.relative(directory, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

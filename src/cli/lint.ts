/**
 * Runs ESLint's Node API over a file list: leakproof's recommended rules by default (no ESLint config of the scanned
 * repository is read), or a flat config file the user names. Files go in batches so progress can be reported, and a
 * file that breaks ESLint is reported as a finding instead of ending the run.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ESLint, type Linter, type Rule } from 'eslint';
import plugin, { type ConfigName } from '../index.js';
import { CliError, firstLine } from './cli-error.js';
import { type Concurrency, leakproofOptions, optionsModuleUrl, quietEslintWarnings } from './eslint-options.js';
import { createModuleKindLookup } from './package-type.js';

export type { Concurrency } from './eslint-options.js';

export interface LintedFile {
  filePath: string;
  messages: Linter.LintMessage[];
  /** The file's text, when it has messages (ESLint gives it then). */
  source?: string;
}

export interface LintRun {
  files: LintedFile[];
  /** Meta of every rule that reported, for formats that describe rules (SARIF). */
  rules: Map<string, Rule.RuleMetaData>;
  /** Whether a rule is switched on for a file in the config the scan used. */
  isActive(filePath: string, ruleId: string): Promise<boolean>;
}

export interface LintOptions {
  cwd: string;
  /** A flat config file to use instead of one of leakproof's configs. */
  configFile?: string;
  /** Which of leakproof's configs to lint with when no config file is given; `recommended` by default. */
  preset?: ConfigName;
  /** ESLint's `concurrency` (worker threads); ESLint's default, `off`, when not given. */
  concurrency?: Concurrency;
  /** Most files per batch (progress is reported after each batch). */
  batchSize?: number;
  /** Most bytes of source per batch: a batch of large files is reported sooner. */
  batchBytes?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called before linting a file of at least `largeFile` bytes, which may take a while on its own. */
  onLargeFile?: (file: string, bytes: number, done: number) => void;
  largeFile?: number;
}

/** Which ESLint instance lints a file, and which one to retry it with after a parse error. */
interface Engines {
  forFile(file: string): ESLint;
  retryFor(file: string): ESLint | null;
  keep(message: Linter.LintMessage): boolean;
  isActive(filePath: string, ruleId: string): Promise<boolean>;
}

const LARGE_FILE_BYTES = 512 * 1024;

export async function lintFiles(files: readonly string[], options: LintOptions): Promise<LintRun> {
  const { batchSize = 100, batchBytes = LARGE_FILE_BYTES, largeFile = LARGE_FILE_BYTES, onProgress } = options;
  const concurrent = options.concurrency !== undefined && options.concurrency !== 'off';
  // ESLint 9.34 brought worker threads (and options modules); an older one would reject the option at lint time.
  if (
    options.concurrency !== undefined &&
    typeof (ESLint as { fromOptionsModule?: unknown }).fromOptionsModule !== 'function'
  ) {
    throw new CliError(`--concurrency needs ESLint 9.34 or later; this is ESLint ${ESLint.version}`);
  }
  const engines = options.configFile
    ? await configFileEngines(options.configFile, options.cwd, files, options.concurrency)
    : await leakproofEngines(options.cwd, files, options.preset ?? 'recommended', options.concurrency);
  const run: LintRun = { files: [], rules: new Map(), isActive: engines.isActive };
  // Worker threads start on each lintFiles call, so with concurrency the files go to ESLint in one call.
  const batches = concurrent ? [{ files: [...files], bytes: 0 }] : await batchesOf(files, batchSize, batchBytes);
  let done = 0;
  for (const batch of batches) {
    const [only] = batch.files;
    if (batch.files.length === 1 && only !== undefined && batch.bytes >= largeFile) {
      options.onLargeFile?.(only, batch.bytes, done);
    }
    for (const [eslint, group] of groupBy(batch.files, (file) => engines.forFile(file))) {
      for (const linted of await lintWithRetry(eslint, group, engines, run.rules)) {
        const file: LintedFile = {
          filePath: linted.filePath,
          messages: linted.messages.filter((message) => engines.keep(message)),
        };
        if (linted.source !== undefined) file.source = linted.source;
        run.files.push(file);
      }
    }
    done += batch.files.length;
    onProgress?.(done, files.length);
  }
  return run;
}

/** Consecutive files, at most `size` of them and at most `bytes` of source per batch (a larger file goes alone). */
async function batchesOf(
  files: readonly string[],
  size: number,
  bytes: number,
): Promise<{ files: string[]; bytes: number }[]> {
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (stats) => stats.size,
        () => 0,
      ),
    ),
  );
  const batches: { files: string[]; bytes: number }[] = [];
  let current: { files: string[]; bytes: number } = { files: [], bytes: 0 };
  files.forEach((file, index) => {
    const fileBytes = sizes[index] ?? 0;
    if (current.files.length > 0 && (current.files.length >= size || current.bytes + fileBytes > bytes)) {
      batches.push(current);
      current = { files: [], bytes: 0 };
    }
    current.files.push(file);
    current.bytes += fileBytes;
  });
  if (current.files.length > 0) batches.push(current);
  return batches;
}

/** leakproof's own config. ESLint ignores files outside its cwd, so its cwd is the deepest folder holding them all. */
async function leakproofEngines(
  cwd: string,
  files: readonly string[],
  preset: ConfigName,
  concurrency: Concurrency | undefined,
): Promise<Engines> {
  const eslintCwd = commonAncestor([cwd, ...files.map((file) => path.dirname(file))]);
  quietEslintWarnings();
  const asModule = await leakproofEngine(eslintCwd, 'module', preset, concurrency);
  const asCommonjs = await leakproofEngine(eslintCwd, 'commonjs', preset, concurrency);
  const moduleKind = createModuleKindLookup();
  const isPlainJs = (file: string): boolean => /\.jsx?$/.test(file);
  return {
    forFile: (file) => (isPlainJs(file) && moduleKind(file) !== 'module' ? asCommonjs : asModule),
    // A .js file with import/export syntax that fails as CommonJS is retried as an ES module: Node runs it so in a
    // package without "type", and in a "commonjs" package such files are usually handed to a bundler (Vite, webpack).
    retryFor: (file) => (isPlainJs(file) && moduleKind(file) !== 'module' ? asModule : null),
    // Inline `/* eslint other-plugin/rule: … */` comments name rules this config lacks; only leakproof's count.
    keep: (message) => message.fatal === true || (message.ruleId?.startsWith('leakproof/') ?? false),
    isActive: (_file, ruleId) => Promise.resolve(isOn(plugin.configs[preset].rules?.[ruleId])),
  };
}

async function leakproofEngine(
  cwd: string,
  jsSourceType: 'module' | 'commonjs',
  preset: ConfigName,
  concurrency: Concurrency | undefined,
): Promise<ESLint> {
  if (concurrency === undefined || concurrency === 'off')
    return new ESLint(leakproofOptions(cwd, jsSourceType, preset));
  return ESLint.fromOptionsModule(optionsModuleUrl(cwd, jsSourceType, preset, concurrency));
}

/** The user's flat config decides everything, as `eslint --config` would, including ignores. */
async function configFileEngines(
  configFile: string,
  cwd: string,
  files: readonly string[],
  concurrency: Concurrency | undefined,
): Promise<Engines> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: configFile,
    warnIgnored: false,
    errorOnUnmatchedPattern: false,
    ...(concurrency === undefined ? {} : { concurrency }),
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
  return {
    forFile: () => eslint,
    retryFor: () => null,
    keep: () => true,
    isActive: async (file, ruleId) => {
      const config = (await eslint.calculateConfigForFile(file)) as Linter.Config | undefined;
      return isOn(config?.rules?.[ruleId]);
    },
  };
}

function isOn(entry: Linter.RuleEntry | undefined): boolean {
  const severity: unknown = Array.isArray(entry) ? entry[0] : entry;
  return severity !== undefined && severity !== 0 && severity !== 'off';
}

async function lintWithRetry(
  eslint: ESLint,
  files: string[],
  engines: Engines,
  rules: Map<string, Rule.RuleMetaData>,
): Promise<ESLint.LintResult[]> {
  const linted: ESLint.LintResult[] = [];
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
    linted.push(file.fatalErrorCount > 0 ? await withOneBasedParseColumns(eslint, file) : file);
  }
  return linted;
}

const hasFatal = (file: LintedFile): boolean => file.messages.some((message) => message.fatal);

/**
 * typescript-eslint's parser reports the column of a parse error 0-based, where ESLint's are 1-based (the first
 * character of a line is column 1), so `1:0` would mean "before the line". Shift its parse errors by one.
 */
async function withOneBasedParseColumns(eslint: ESLint, result: ESLint.LintResult): Promise<ESLint.LintResult> {
  let parserName: unknown;
  try {
    const config = (await eslint.calculateConfigForFile(result.filePath)) as
      { languageOptions?: { parser?: { meta?: { name?: unknown } } } } | undefined;
    parserName = config?.languageOptions?.parser?.meta?.name;
  } catch {
    return result;
  }
  if (parserName !== 'typescript-eslint/parser') return result;
  const messages = result.messages.map((message) =>
    message.fatal === true && message.ruleId === null && message.message.startsWith('Parsing error:')
      ? { ...message, column: message.column + 1 }
      : message,
  );
  return { ...result, messages };
}

/** Lints files; when a rule throws, lints them one by one so only the file that broke it is lost. */
async function lintBatch(
  eslint: ESLint,
  files: string[],
  rules: Map<string, Rule.RuleMetaData>,
): Promise<ESLint.LintResult[]> {
  try {
    const results = await eslint.lintFiles(files);
    for (const [ruleId, meta] of Object.entries(eslint.getRulesMetaForResults(results))) rules.set(ruleId, meta);
    return results;
  } catch (error) {
    const [only] = files;
    if (files.length === 1 && only !== undefined) return [crashReport(only, error)];
    const linted: ESLint.LintResult[] = [];
    for (const file of files) linted.push(...(await lintBatch(eslint, [file], rules)));
    return linted;
  }
}

function crashReport(filePath: string, error: unknown): ESLint.LintResult {
  const text = error instanceof Error ? error.message : String(error);
  const ruleId = error instanceof Error && 'ruleId' in error && typeof error.ruleId === 'string' ? error.ruleId : null;
  // ESLint appends "Occurred while linting <file>:<line>" to a rule's exception.
  const line = Number(/Occurred while linting .*:(\d+)$/m.exec(text)?.[1] ?? 1);
  const message = `${ruleId ? `Rule ${ruleId}` : 'ESLint'} failed on this file: ${firstLine(text)}`;
  return {
    filePath,
    messages: [{ ruleId: null, fatal: true, severity: 2, message, line, column: 1 }],
    suppressedMessages: [],
    errorCount: 1,
    fatalErrorCount: 1,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
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

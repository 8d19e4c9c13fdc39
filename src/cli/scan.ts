/** `leakproof scan [paths...]`: find memory-leak patterns with the plugin's rules and print them. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import plugin, { configs, type ConfigName } from '../index.js';
import { argumentError, CliError } from './cli-error.js';
import { findFiles, LINTABLE_EXTENSIONS } from './files.js';
import { FORMATTERS, isFormatName } from './formats/index.js';
import { type Concurrency, type LintRun, lintFiles } from './lint.js';
import { createProgress } from './progress.js';
import { buildScanResult, displayPath } from './report.js';
import {
  applySuppressions,
  countEntries,
  DEFAULT_SUPPRESSIONS_FILE,
  loadSuppressions,
  prune,
  saveSuppressions,
  suppress,
} from './suppressions.js';

export const SCAN_USAGE = `Usage: leakproof scan [options] [paths...]

Find memory-leak patterns in JavaScript and TypeScript files with leakproof's
rules. Paths are files or directories; the default is the current
directory. node_modules, dist, build, coverage, out, dot-folders and
.gitignore'd files are skipped; a file named explicitly is always scanned.

Options:
  -f, --format <name>       output format: stylish (default), json or sarif
  -o, --output-file <file>  write the report to this file instead of stdout
  -p, --preset <name>       leakproof's config to lint with: recommended
                            (default), strict or all
  -c, --config <file>       lint with this ESLint flat config file instead of
                            a leakproof config
  --quiet                   report errors only, not warnings
  --max-warnings <n>        exit 1 only when there are errors or more than n
                            warnings (by default any finding exits 1)
  --concurrency <n>         ESLint's worker threads: a number, auto or off
                            (the default); needs ESLint 9.34 or later
  -h, --help                show this help

Bulk suppressions (eslint-suppressions.json, as ESLint reads and writes it):
  --suppress-all                    record every error found in the file
  --suppress-rule <rule>            record the errors of this rule (repeatable)
  --prune-suppressions              drop the records of errors that are gone
  --pass-on-unpruned-suppressions   do not fail on records of errors that are gone
  --suppressions-location <file>    the suppressions file to use

Exit codes: 0 no findings, 1 findings, 2 usage error or failure.
`;

export async function scan(args: string[]): Promise<number> {
  const { values, positionals } = parseScanArgs(args);
  if (values.help) {
    process.stdout.write(SCAN_USAGE);
    return 0;
  }
  const format = values.format;
  if (!isFormatName(format)) throw new CliError(`unknown format '${format}': use stylish, json or sarif`);
  const cwd = process.cwd();
  const preset = values.preset;
  if (!isConfigName(preset)) throw new CliError(`unknown preset '${preset}': use recommended, strict or all`);
  const configFile = values.config === undefined ? undefined : await existingConfigFile(values.config, cwd);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : parseMaxWarnings(values['max-warnings']);
  const concurrency = values.concurrency === undefined ? undefined : parseConcurrency(values.concurrency);
  const suppressing = checkSuppressionFlags(values);

  const paths = positionals.length > 0 ? positionals : ['.'];
  const files = await findFiles(paths, cwd);
  if (files.length === 0) {
    const extensions = `${LINTABLE_EXTENSIONS.slice(0, -1).join(', ')} or ${LINTABLE_EXTENSIONS.at(-1) ?? ''}`;
    const where = paths.map((given) => `'${given}'`).join(', ');
    throw new CliError(`nothing to scan in ${where}: no ${extensions} files outside skipped folders and ignored files`);
  }
  const counted = concurrency === undefined || concurrency === 'off';
  const progress = createProgress({ stream: process.stderr, total: files.length, counted });
  let run = await lintFiles(files, {
    cwd,
    configFile,
    preset,
    concurrency,
    onProgress: (done) => progress.update(done),
    onLargeFile: (file, bytes) => progress.largeFile(displayPath(file, cwd), bytes),
  }).finally(() => progress.finish());

  const handled = await handleSuppressions(run, cwd, suppressing);
  run = handled.run;
  if (values.quiet) {
    run = { ...run, files: run.files.map((file) => ({ ...file, messages: file.messages.filter(isError) })) };
  }

  const result = buildScanResult(run, cwd, plugin.meta.version);
  if (values['output-file'] === undefined) {
    // NO_COLOR (https://no-color.org) counts only when set to a non-empty value.
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    process.stdout.write(FORMATTERS[format](result, { color }));
  } else {
    await writeReport(values['output-file'], cwd, FORMATTERS[format](result, { color: false }));
  }

  if (handled.unused > 0) {
    process.stderr.write(
      `leakproof: ${suppressing.shown} records errors that are gone (${handled.unused === 1 ? '1 entry' : `${handled.unused} entries`}): run with --prune-suppressions to remove them, or add --pass-on-unpruned-suppressions\n`,
    );
    return 2;
  }
  const messages = result.report.files.flatMap((file) => file.messages);
  const errors = messages.filter((message) => message.severity === 'error').length;
  if (maxWarnings === undefined) return messages.length > 0 ? 1 : 0;
  const warnings = messages.length - errors;
  if (errors === 0 && warnings > maxWarnings) {
    process.stderr.write(`leakproof: too many warnings (${warnings}; maximum: ${maxWarnings})\n`);
  }
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}

function parseScanArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        'output-file': { type: 'string', short: 'o' },
        preset: { type: 'string', short: 'p', default: 'recommended' },
        config: { type: 'string', short: 'c' },
        quiet: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        concurrency: { type: 'string' },
        'suppress-all': { type: 'boolean' },
        'suppress-rule': { type: 'string', multiple: true },
        'prune-suppressions': { type: 'boolean' },
        'pass-on-unpruned-suppressions': { type: 'boolean' },
        'suppressions-location': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw argumentError(error, 'scan');
  }
}

type ScanValues = ReturnType<typeof parseScanArgs>['values'];

const isConfigName = (name: string): name is ConfigName => Object.hasOwn(configs, name);

const isError = (message: { severity: number }): boolean => message.severity === 2;

function parseMaxWarnings(given: string): number {
  if (!/^\d+$/.test(given)) throw new CliError(`--max-warnings needs a whole number of warnings, not '${given}'`);
  return Number(given);
}

function parseConcurrency(given: string): Concurrency {
  if (given === 'auto' || given === 'off') return given;
  if (/^[1-9]\d*$/.test(given)) return Number(given);
  throw new CliError(`--concurrency needs a positive whole number, auto or off, not '${given}'`);
}

interface SuppressionPlan {
  file: string;
  /** As the user would name it: relative to the working directory. */
  shown: string;
  explicit: boolean;
  suppressAll: boolean;
  suppressRules: string[] | undefined;
  prune: boolean;
  passOnUnpruned: boolean;
}

function checkSuppressionFlags(values: ScanValues): SuppressionPlan {
  const suppressAll = values['suppress-all'] === true;
  const suppressRules = values['suppress-rule'];
  const pruning = values['prune-suppressions'] === true;
  const chosen = [
    suppressAll && '--suppress-all',
    suppressRules && '--suppress-rule',
    pruning && '--prune-suppressions',
  ];
  const given = chosen.filter((flag): flag is string => typeof flag === 'string');
  if (given.length > 1) throw new CliError(`${given.join(' and ')} cannot be used together`);
  const location = values['suppressions-location'];
  const file = path.resolve(location ?? DEFAULT_SUPPRESSIONS_FILE);
  return {
    file,
    shown: displayPath(file, process.cwd()),
    explicit: location !== undefined,
    suppressAll,
    suppressRules,
    prune: pruning,
    passOnUnpruned: values['pass-on-unpruned-suppressions'] === true,
  };
}

/** Applies (and first records or prunes, when asked) the suppressions file; returns the run and the unused entries. */
async function handleSuppressions(
  run: LintRun,
  cwd: string,
  plan: SuppressionPlan,
): Promise<{ run: LintRun; unused: number }> {
  const writing = plan.suppressAll || plan.suppressRules !== undefined || plan.prune;
  const exists = await stat(plan.file).then(
    (stats) => stats.isFile(),
    () => false,
  );
  if (!exists && !writing) {
    if (plan.explicit) throw new CliError(`suppressions file not found: ${plan.shown}`);
    return { run, unused: 0 };
  }
  let counts = await loadSuppressions(plan.file, plan.shown);
  if (plan.suppressAll || plan.suppressRules !== undefined) {
    counts = suppress(counts, run.files, cwd, plan.suppressRules);
    await saveSuppressions(plan.file, counts);
  }
  if (plan.prune) {
    const { unused } = await applySuppressions(counts, run.files, cwd, run.isActive);
    counts = prune(counts, unused, cwd);
    await saveSuppressions(plan.file, counts);
  }
  const applied = await applySuppressions(counts, run.files, cwd, run.isActive);
  const unused = plan.passOnUnpruned ? 0 : countEntries(applied.unused);
  return { run: { ...run, files: applied.files }, unused };
}

async function writeReport(given: string, cwd: string, text: string): Promise<void> {
  const file = path.resolve(cwd, given);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    throw new CliError(`cannot write the report to ${given}: ${(error as Error).message}`);
  }
}

async function existingConfigFile(given: string, cwd: string): Promise<string> {
  const absolute = path.resolve(cwd, given);
  const found = await stat(absolute).then(
    (stats) => stats.isFile(),
    () => false,
  );
  if (!found) throw new CliError(`config file not found: ${given}`);
  return absolute;
}

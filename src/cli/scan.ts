/** `leakproof scan [paths...]`: find memory-leak patterns with the plugin's rules and print them. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import plugin, { configs, type ConfigName } from '../index.js';
import { argumentError, CliError } from './cli-error.js';
import { findFiles } from './files.js';
import { FORMATTERS, isFormatName } from './formats/index.js';
import { lintFiles } from './lint.js';
import { createProgress } from './progress.js';
import { buildScanResult } from './report.js';

export const SCAN_USAGE = `Usage: leakproof scan [options] [paths...]

Find memory-leak patterns in JavaScript and TypeScript files with leakproof's
rules. Paths are files or directories; the default is the current
directory. node_modules, dist, build, coverage, out, dot-folders and
.gitignore'd files are skipped; a file named explicitly is always scanned.

Options:
  -f, --format <name>   output format: stylish (default), json or sarif
  -p, --preset <name>   leakproof's config to lint with: recommended (default),
                        strict or all
  -c, --config <file>   lint with this ESLint flat config file instead of a
                        leakproof config
  -h, --help            show this help

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

  const files = await findFiles(positionals.length > 0 ? positionals : ['.'], cwd);
  const progress = createProgress({ stream: process.stderr, total: files.length });
  const run = await lintFiles(files, { cwd, configFile, preset, onProgress: (done) => progress.update(done) }).finally(
    () => progress.finish(),
  );

  const result = buildScanResult(run, cwd, plugin.meta.version);
  // NO_COLOR (https://no-color.org) counts only when set to a non-empty value.
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(FORMATTERS[format](result, { color }));
  return result.report.summary.findings > 0 ? 1 : 0;
}

function parseScanArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        preset: { type: 'string', short: 'p', default: 'recommended' },
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw argumentError(error, 'scan');
  }
}

const isConfigName = (name: string): name is ConfigName => Object.hasOwn(configs, name);

async function existingConfigFile(given: string, cwd: string): Promise<string> {
  const absolute = path.resolve(cwd, given);
  const found = await stat(absolute).then(
    (stats) => stats.isFile(),
    () => false,
  );
  if (!found) throw new CliError(`config file not found: ${given}`);
  return absolute;
}

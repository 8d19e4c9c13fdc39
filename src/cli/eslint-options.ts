/**
 * The ESLint options of a scan with leakproof's own configs. They hold plugin and parser objects, which cannot be
 * passed to ESLint's worker threads (`--concurrency`); a module that builds them can, so this file is also loaded as
 * ESLint's "options module" (`optionsModuleUrl`), in the main thread and in each worker.
 */
import * as tsParser from '@typescript-eslint/parser';
import type { ESLint } from 'eslint';
import plugin, { type ConfigName } from '../index.js';

export type Concurrency = number | 'auto' | 'off';

const TYPESCRIPT_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JSX = { ecmaFeatures: { jsx: true } };

export function leakproofOptions(
  cwd: string,
  jsSourceType: 'module' | 'commonjs',
  preset: ConfigName,
  concurrency?: Concurrency,
): ESLint.Options {
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
    ...(concurrency === undefined ? {} : { concurrency }),
  };
}

/**
 * A module URL whose default export is `leakproofOptions(...)` with these arguments, for `ESLint.fromOptionsModule`.
 * It also quiets ESLint's warnings in each worker thread, as the scan does in its own.
 */
export function optionsModuleUrl(
  cwd: string,
  jsSourceType: 'module' | 'commonjs',
  preset: ConfigName,
  concurrency: Concurrency,
): URL {
  const self = JSON.stringify(import.meta.url);
  const args = [cwd, jsSourceType, preset, concurrency].map((arg) => JSON.stringify(arg)).join(', ');
  const source =
    `import { leakproofOptions, quietEslintWarnings } from ${self};\n` +
    `quietEslintWarnings();\n` +
    `export default leakproofOptions(${args});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

let quieted = false;

/**
 * Two filters on ESLint's warnings in this thread. ESLint warns, once per instance, that a `.eslintignore` in its cwd
 * is no longer read; leakproof's configs never read it either (files.ts follows .gitignore), so that advice is about
 * a file the scan does not use, and is dropped. And the scan runs two ESLint instances (ES modules and CommonJS), so
 * any other warning (such as ESLint's advice on --concurrency) is shown once, not once per instance.
 * ESLint keeps the `process.emitWarning` it finds when an instance is created, so this must run before that.
 */
export function quietEslintWarnings(): void {
  if (quieted) return;
  quieted = true;
  const emit = process.emitWarning;
  const shown = new Set<string>();
  const filtered = (warning: string | Error, ...rest: unknown[]): void => {
    const [options] = rest;
    const type =
      typeof options === 'string'
        ? options
        : typeof options === 'object' && options !== null && 'type' in options
          ? String(options.type)
          : '';
    const text = String(warning);
    if (type === 'ESLintIgnoreWarning' || text.includes('".eslintignore" file is no longer supported')) return;
    if (shown.has(`${type}\0${text}`)) return;
    shown.add(`${type}\0${text}`);
    Reflect.apply(emit, process, [warning, ...rest]);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
}

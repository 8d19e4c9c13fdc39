/**
 * The checks the quality tests share (real-code corpus, fuzzing, hostile inputs): run every rule of `configs.all` on
 * a text with either parser and collect what went wrong instead of stopping at the first failure; re-parse each
 * suggestion's output; run a codemod twice and re-parse its output.
 *
 * What counts as a problem:
 * - a rule that throws: ESLint rethrows it from `verify` tagged `Rule: "leakproof/…"` (or "Error while loading rule"),
 *   or this repository's rules, analysis or codemods are on its stack. Other exceptions are ESLint's own (its parsers
 *   and scope analysis recurse per level of nesting): reported as the text's parse error, not as a problem;
 * - a message from ESLint about leakproof (a rule that failed to load, a leakproof message marked fatal) or about a
 *   config that did not match the file; ESLint's complaints about a file's own inline config are not problems;
 * - a leakproof message whose suggestion (or fix) produces text that no longer parses with the same parser (the first
 *   few of each kind in a text: each check re-parses the whole text);
 * - a codemod that throws, returns a changed output that does not parse, or changes its own output again.
 */
import vm from 'node:vm';
import * as typescriptParser from '@typescript-eslint/parser';
import { Linter, type SourceCode } from 'eslint';
import type { Codemod, CodemodOptions } from '../../src/codemods/types.js';
import plugin from '../../src/index.js';

export type ParserName = 'espree' | 'typescript';
export type SourceType = 'script' | 'commonjs' | 'module';

export interface LintTarget {
  text: string;
  /** A virtual path: only the extension matters (.tsx turns on JSX in the TypeScript parser). */
  filename: string;
  parser: ParserName;
  sourceType: SourceType;
  /** Turn on JSX for espree. */
  jsx?: boolean;
}

export interface LintOutcome {
  /** The leakproof messages (non-fatal, with a rule). */
  findings: Linter.LintMessage[];
  /** The parse error, when the parser rejected the text (not a problem of leakproof's). */
  parseError: string | null;
  /** Everything that went wrong, one line each (a stack for exceptions). */
  problems: string[];
}

const linter = new Linter({ configType: 'flat' });
/** Suggestions re-parsed per rule, message and suggestion index in one text (all of them in any small text). */
const SUGGESTION_CHECKS_PER_KIND = 5;
const ALL_RULES = plugin.configs.all.rules ?? {};
/** Every rule in configs.all, by full id. */
export const RULE_IDS = Object.keys(ALL_RULES).sort();

function config(target: Omit<LintTarget, 'text'>, withRules: boolean): Linter.Config[] {
  return [
    {
      // Explicit extensions: ESLint does not let a `**/*` pattern alone match .ts files.
      files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.cts', '**/*.mts', '**/*.tsx'],
      ...(withRules ? { plugins: { leakproof: plugin } } : {}),
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: target.sourceType,
        ...(target.parser === 'typescript'
          ? { parser: typescriptParser }
          : target.jsx
            ? { parserOptions: { ecmaFeatures: { jsx: true } } }
            : {}),
      },
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      rules: withRules ? ALL_RULES : {},
    },
  ];
}

const describeError = (error: unknown): string =>
  error instanceof Error
    ? (error.stack ?? `${error.name}: ${error.message}`).split('\n').slice(0, 12).join('\n')
    : String(error);

/** The parse error ESLint reports for the text with no rules at all, or null when it parses. Throws what ESLint throws. */
export function parseErrorOf(target: LintTarget): string | null {
  const messages = linter.verify(target.text, config(target, false), target.filename);
  const fatal = messages.find(
    (message) => message.fatal && message.ruleId === null && message.message.startsWith('Parsing error'),
  );
  return fatal ? `${fatal.line}:${fatal.column} ${fatal.message}` : null;
}

/**
 * ESLint's parse of the text (tokens, AST, scope analysis) with no rules at all, for running the rules on later
 * without parsing again; null when ESLint alone does not get through it (a parse error, or its scope analysis throws).
 */
export function sourceCodeOf(target: LintTarget): SourceCode | null {
  try {
    if (parseErrorOf(target) !== null) return null;
  } catch {
    return null;
  }
  return linter.getSourceCode();
}

/**
 * Whether an exception is leakproof's: thrown from a rule's listener (ESLint tags it with the rule, `Rule: "…"`) or
 * while loading one, or with this repository's rules, analysis or codemods on its stack. Anything else is ESLint's
 * own (its parsers and its scope analysis recurse per level of nesting, and run out of stack first).
 */
function isLeakproofError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  return /Rule: "leakproof\/|rule 'leakproof\/|[\\/](?:rules|src[\\/]analysis|src[\\/]codemods|codemods)[\\/][\w-]+\.[jt]s/.test(
    text,
  );
}

export interface LintOptions {
  /** Suggestions re-parsed per rule, message and suggestion index (each re-parses the whole text). */
  suggestionChecksPerKind?: number;
  /** Lint this parse (from sourceCodeOf) instead of parsing the text again. */
  sourceCode?: SourceCode;
}

/** Runs every rule of configs.all on the text and checks what came back (see the module comment). */
export function lintAll(
  target: LintTarget,
  { suggestionChecksPerKind = SUGGESTION_CHECKS_PER_KIND, sourceCode }: LintOptions = {},
): LintOutcome {
  const where = `${target.filename} [${target.parser}, ${target.sourceType}]`;
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(sourceCode ?? target.text, config(target, true), target.filename);
  } catch (error) {
    if (!isLeakproofError(error))
      return { findings: [], parseError: `ESLint itself: ${describeError(error).split('\n', 1)[0]}`, problems: [] };
    return { findings: [], parseError: null, problems: [`${where}: verify threw: ${describeError(error)}`] };
  }
  const problems: string[] = [];
  let parseError: string | null = null;
  const findings: Linter.LintMessage[] = [];
  const suggestionChecks = new Map<string, number>();
  for (const message of messages) {
    if (message.ruleId === null) {
      if (message.fatal && message.message.startsWith('Parsing error'))
        parseError = `${message.line}:${message.column} ${message.message}`;
      // ESLint's complaints about the file's own inline config (`/* eslint-env */` is no longer supported, a rule
      // configured twice) are not leakproof's; a rule that failed to load, or a config that did not apply, is.
      else if (/Error while loading rule|leakproof|No matching configuration/.test(message.message)) {
        problems.push(
          `${where}:${message.line}:${message.column}: ${message.fatal ? 'fatal: ' : ''}${message.message}`,
        );
      }
      continue;
    }
    // Core rules a file turns on in a comment (`/* eslint no-unused-vars: 2 */`) are not ours to check.
    if (!message.ruleId.startsWith('leakproof/')) continue;
    if (message.fatal || /^Definition for rule .* was not found/.test(message.message)) {
      problems.push(`${where}:${message.line}:${message.column}: ${message.ruleId}: ${message.message}`);
      continue;
    }
    findings.push(message);
    if (!message.messageId)
      problems.push(`${where}:${message.line}:${message.column}: ${message.ruleId} reported without a messageId`);
    const edits = [...(message.fix ? [{ desc: 'fix', fix: message.fix }] : []), ...(message.suggestions ?? [])];
    for (const [index, { desc, fix }] of edits.entries()) {
      // Each check re-parses the whole text: in a file with thousands of findings, check the first few of a kind.
      const kind = `${message.ruleId}/${message.messageId}/${index}`;
      const checked = suggestionChecks.get(kind) ?? 0;
      if (checked >= suggestionChecksPerKind) continue;
      suggestionChecks.set(kind, checked + 1);
      const output = target.text.slice(0, fix.range[0]) + fix.text + target.text.slice(fix.range[1]);
      const error = parseErrorOf({ ...target, text: output });
      if (error !== null)
        problems.push(
          `${where}:${message.line}:${message.column}: ${message.ruleId} suggestion "${desc}" gives text that does not parse: ${error}`,
        );
    }
  }
  return { findings, parseError, problems };
}

export interface CodemodCheck {
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  problems: string[];
}

/**
 * Runs a codemod on the text (with `file` as its path), and again on its output: a changed output must parse (with
 * the parser and source type given) and a second run must leave it as it is.
 */
export function checkCodemod(
  codemod: Codemod,
  text: string,
  file: string,
  target: Omit<LintTarget, 'text' | 'filename'>,
  options: CodemodOptions = {},
): CodemodCheck {
  const where = `${file} [${codemod.name}${options.declare ? ' --declare' : ''}]`;
  let first;
  try {
    first = codemod.run(text, file, options);
  } catch (error) {
    return { status: 'failed', problems: [`${where}: threw: ${describeError(error)}`] };
  }
  if (first.status !== 'changed') {
    return {
      status: first.status,
      problems: first.output === text ? [] : [`${where}: ${first.status} but the output differs from the input`],
    };
  }
  const problems: string[] = [];
  const parseError = outputParseError(first.output, file, target);
  if (parseError !== null) problems.push(`${where}: the output does not parse: ${parseError}`);
  try {
    const second = codemod.run(first.output, file, options);
    if (second.status === 'changed' || second.output !== first.output)
      problems.push(`${where}: not idempotent: a second run changed the output again`);
  } catch (error) {
    problems.push(`${where}: threw on its own output: ${describeError(error)}`);
  }
  return { status: 'changed', problems };
}

/**
 * Whether a codemod's output parses: with ESLint's parser for the file (which applies a `'use strict'` prologue's
 * rules), and for CommonJS and scripts also with V8 itself, as the body of a CommonJS wrapper (compiled, never run).
 */
function outputParseError(output: string, file: string, target: Omit<LintTarget, 'text' | 'filename'>): string | null {
  const eslintError = parseErrorOf({ ...target, text: output, filename: file });
  if (eslintError !== null) return eslintError;
  if (target.parser === 'espree' && target.sourceType !== 'module' && !target.jsx) {
    try {
      vm.compileFunction(output.replace(/^\uFEFF/, '').replace(/^#!.*/, ''), [
        'exports',
        'require',
        'module',
        '__filename',
        '__dirname',
      ]);
    } catch (error) {
      return `V8: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return null;
}

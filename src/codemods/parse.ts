/**
 * How the codemods read a file. The analysis runs on ESLint's AST and scope manager, through ESLint's `Linter`, so a
 * codemod sees exactly what leakproof's rules see (and can run those rules on the file). The output is then parsed
 * again by an independent parser, jscodeshift's own (Babel with JSX for JavaScript, `ts` for .ts, `tsx` for .tsx),
 * before anything is written.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type { TSESLint } from '@typescript-eslint/utils';
import * as typescriptParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import babelParser from 'jscodeshift/parser/babel5Compat.js';
import tsParser from 'jscodeshift/parser/ts.js';
import tsxParser from 'jscodeshift/parser/tsx.js';
import { createModuleKindLookup, type JsModuleKind } from '../cli/package-type.js';

export type SourceType = 'script' | 'commonjs' | 'module';

export interface ParsedFile {
  sourceCode: TSESLint.SourceCode;
  /** The messages of the rules that ran, in ESLint's form (fatal parse errors are returned as `ParseFailure`). */
  messages: Linter.LintMessage[];
  sourceType: SourceType;
}

export interface ParseFailure {
  line: number;
  message: string;
}

export interface LintRequest {
  /** Rules by name; they run as `leakproof/<name>`, so `eslint-disable` comments for leakproof's rules apply. */
  rules: Record<string, Rule.RuleModule>;
  sourceType: SourceType;
  /** Honour `/* eslint-disable … *\/` and `/* global … *\/` comments (off when the question is what the code does). */
  inlineConfig: boolean;
}

const TYPESCRIPT = /\.[cm]?tsx?$/;
const linter = new Linter({ configType: 'flat' });
const moduleKinds = createModuleKindLookup();

export const isTypeScript = (file: string): boolean => TYPESCRIPT.test(file);

/**
 * What Node (or the TypeScript compiler) makes of a file: `.mjs`/`.mts` are ES modules, `.cjs`/`.cts` CommonJS, a
 * `.js`/`.jsx` file follows its nearest package.json (`detect` when that has no "type"); other TypeScript is `module`.
 */
export function moduleKindOf(file: string): JsModuleKind {
  const extension = path.extname(file);
  if (extension === '.mjs' || extension === '.mts') return 'module';
  if (extension === '.cjs' || extension === '.cts') return 'commonjs';
  if (extension === '.js' || extension === '.jsx') return moduleKinds(file);
  return 'module';
}

/** Parses `text` (no BOM) as ESLint would and runs the given rules on it. */
export function lintText(text: string, file: string, request: LintRequest): ParsedFile | ParseFailure {
  const typescript = isTypeScript(file);
  const config = configFor(request, typescript);
  // A virtual name: only the extension matters (it picks JSX for .tsx), and a real path under node_modules would
  // be ignored by ESLint's default ignores.
  const virtualName = `file${path.extname(file) || '.js'}`;
  const messages = linter.verify(request.inlineConfig ? withoutEslintEnv(text) : text, config, virtualName);
  const fatal = messages.find((message) => message.fatal);
  if (fatal) return { line: fatal.line, message: fatal.message.replace(/^Parsing error: /, '') };
  const sourceCode = linter.getSourceCode() as unknown as TSESLint.SourceCode | null;
  if (!sourceCode) return { line: 1, message: 'the parser returned no AST' };
  return { sourceCode, messages, sourceType: request.sourceType };
}

/** A config array for ESLint's `verify()`: the one config a request makes, normalised once per kind of request. */
type ConfigArray = Linter.Config[];

/** ESLint's FlatConfigArray, reached through its file (ESLint does not export it), or null where that file moved. */
interface FlatConfigArrayClass {
  new (configs: Linter.Config[], options: { basePath: string }): ConfigArray & { normalizeSync(): void };
}
let flatConfigArray: FlatConfigArrayClass | null | undefined;

function flatConfigArrayClass(): FlatConfigArrayClass | null {
  if (flatConfigArray !== undefined) return flatConfigArray;
  flatConfigArray = null;
  try {
    const require = createRequire(import.meta.url);
    const root = path.dirname(require.resolve('eslint/package.json'));
    const loaded = (require(path.join(root, 'lib', 'config', 'flat-config-array.js')) as { FlatConfigArray?: unknown })
      .FlatConfigArray;
    if (typeof loaded === 'function') flatConfigArray = loaded as FlatConfigArrayClass;
  } catch {
    // An ESLint without that file: every call passes a plain array, which verify() normalises itself.
  }
  return flatConfigArray;
}

/**
 * The config array for a request. `verify()` given a plain array builds and normalises a FlatConfigArray and computes
 * the file's config on every call: a tenth of the time of a codemod on a repository's small CommonJS files. A
 * normalised FlatConfigArray is reused as it is (ESLint's own CLI does the same), so one is kept per kind of request.
 */
const NO_RULES: Record<string, Rule.RuleModule> = {};
const configArrays = new WeakMap<Record<string, Rule.RuleModule>, Map<string, ConfigArray>>();

function configFor(request: LintRequest, typescript: boolean): ConfigArray {
  const key = `${request.sourceType} ${typescript} ${request.inlineConfig}`;
  // Requests without rules (a parse of an output) share one entry, whatever object they pass.
  const rulesKey = Object.keys(request.rules).length === 0 ? NO_RULES : request.rules;
  let byKind = configArrays.get(rulesKey);
  const known = byKind?.get(key);
  if (known) return known;
  const config: Linter.Config = {
    files: ['**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs', '**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'],
    plugins: { leakproof: { rules: request.rules } },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: request.sourceType,
      ...(typescript ? { parser: typescriptParser } : { parserOptions: { ecmaFeatures: { jsx: true } } }),
    },
    linterOptions: {
      noInlineConfig: !request.inlineConfig,
      reportUnusedDisableDirectives: 'off',
      reportUnusedInlineConfigs: 'off',
    },
    rules: Object.fromEntries(Object.keys(request.rules).map((name) => [`leakproof/${name}`, 'error'])),
  };
  const FlatConfigArray = flatConfigArrayClass();
  let array: ConfigArray = [config];
  if (FlatConfigArray) {
    try {
      const normalised = new FlatConfigArray([config], { basePath: process.cwd() });
      normalised.normalizeSync();
      array = normalised;
    } catch {
      array = [config];
    }
  }
  if (!byKind) configArrays.set(rulesKey, (byKind = new Map()));
  byKind.set(key, array);
  return array;
}

/**
 * `/* eslint-env … *\/` comments made inert (same length, so every offset stands): flat-config ESLint fails the whole
 * file on them, although the code parses. Only the analysis reads the masked text; edits apply to the file's own.
 */
function withoutEslintEnv(text: string): string {
  return text.includes('eslint-env') ? text.replace(/(\/\*\s*)eslint-env\b/g, '$1eslint_env') : text;
}

interface Espree {
  parse(text: string, options: Record<string, unknown>): unknown;
}
let espree: Espree | null = null;

/**
 * The parse error of a JavaScript file the codemod has nothing to do in, found cheaply (no tokens, no scopes): V8
 * compiles it as Node's CommonJS wrapper would (never running it); what V8 cannot read (module syntax, JSX) goes to
 * espree, ESLint's parser, as the file's kind says. Null when it parses. TypeScript is not looked at (null).
 */
export function quickParseError(text: string, file: string): ParseFailure | null {
  if (isTypeScript(file)) return null;
  const kind = moduleKindOf(file);
  if (kind !== 'module') {
    try {
      vm.compileFunction(text.startsWith('#!') ? `//${text.slice(2)}` : text, COMMONJS_WRAPPER);
      return null;
    } catch {
      // Module syntax, JSX, or an error: espree decides.
    }
  }
  // ESLint's own parser, from where ESLint resolves it.
  espree ??= createRequire(createRequire(import.meta.url).resolve('eslint'))('espree') as Espree;
  const options = (sourceType: string) => ({ ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx: true } });
  const attempt = (sourceType: string): ParseFailure | null => {
    try {
      espree?.parse(text, options(sourceType));
      return null;
    } catch (error) {
      const line = (error as { lineNumber?: unknown }).lineNumber;
      return { line: typeof line === 'number' ? line : 1, message: (error as Error).message };
    }
  };
  const first = attempt(kind === 'module' ? 'module' : 'commonjs');
  if (!first || kind !== 'detect') return first;
  // No "type" in package.json: Node retries module syntax as a module. The error of the parse that got further.
  const asModule = attempt('module');
  return asModule === null ? null : asModule.line >= first.line ? asModule : first;
}

export function isParseFailure(result: ParsedFile | ParseFailure): result is ParseFailure {
  return !('sourceCode' in result);
}

// ---------------------------------------------------------------------------------------------------------------
// The second opinion: jscodeshift's parsers

export type JscodeshiftParserName = 'babel' | 'ts' | 'tsx';

/** The jscodeshift parser for a file: `tsx` for .tsx, `ts` for other TypeScript, Babel with JSX for JavaScript. */
export function jscodeshiftParserFor(file: string): JscodeshiftParserName {
  const extension = path.extname(file);
  if (extension === '.tsx') return 'tsx';
  return isTypeScript(file) ? 'ts' : 'babel';
}

const parsers = { babel: babelParser(), ts: tsParser(), tsx: tsxParser() };

/** Babel's AST, as far as these checks read it (with or without its `estree` plugin). */
interface BabelProgram {
  program?: { directives?: { value?: { value?: unknown } }[]; body?: { directive?: unknown }[] };
}

/** What jscodeshift's parser makes of a text: the error, or null; and whether it reads a `'use strict'` directive. */
export interface SecondOpinion {
  error: ParseFailure | null;
  strictDirective: boolean;
}

/**
 * Parses `text` once with jscodeshift's parser for the file. Those parsers read every file as an ES module, which is
 * strict code: so a file that parses has no strict-mode syntax error.
 */
export function secondOpinion(text: string, file: string): SecondOpinion {
  let ast: BabelProgram;
  try {
    ast = parsers[jscodeshiftParserFor(file)].parse(text) as BabelProgram;
  } catch (error) {
    return { error: describeBabelError(error), strictDirective: false };
  }
  const program = ast.program;
  const directives = (program?.directives ?? []).map((directive) => directive.value?.value);
  const estreeDirectives: unknown[] = [];
  for (const statement of program?.body ?? []) {
    if (typeof statement.directive !== 'string') break;
    estreeDirectives.push(statement.directive);
  }
  return {
    error: null,
    strictDirective: directives.includes('use strict') || estreeDirectives.includes('use strict'),
  };
}

/** The parameters Node wraps a CommonJS module in: the module's code is that function's body. */
const COMMONJS_WRAPPER = ['exports', 'require', 'module', '__filename', '__dirname'];

/**
 * Whether a JavaScript file (not TypeScript) loads as strict code, asked of V8, the parser that will run it: the text
 * is compiled (never run) as the body of Node's CommonJS wrapper. A compiled function is strict exactly when the file
 * shows an effective `'use strict'`, and V8 refuses to read `.caller` of a strict function (a sloppy one gives null):
 * that tells, without running it and without a syntax error to format. A file V8 cannot compile goes to jscodeshift's
 * parser, which reads every file as strict module code and also takes syntax V8 does not (JSX): it decides those.
 */
export function strictScriptCheck(text: string, file: string): SecondOpinion {
  // A shebang is no statement of the function body: blanked to a comment, so lines keep their numbers.
  const body = text.startsWith('#!') ? `//${text.slice(2)}` : text;
  let compiled: { caller?: unknown };
  try {
    compiled = vm.compileFunction(body, COMMONJS_WRAPPER) as { caller?: unknown };
  } catch {
    return secondOpinion(text, file);
  }
  try {
    void compiled.caller;
    return { error: null, strictDirective: false };
  } catch {
    return { error: null, strictDirective: true };
  }
}

/** The strict-mode parse error of `text` as jscodeshift's parser reads it, or null. */
export function strictParseError(text: string, file: string): ParseFailure | null {
  return secondOpinion(text, file).error;
}

function describeBabelError(error: unknown): ParseFailure {
  const loc = (error as { loc?: { line?: unknown } }).loc;
  const line = typeof loc?.line === 'number' ? loc.line : 1;
  const message = error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, '') : String(error);
  return { line, message };
}

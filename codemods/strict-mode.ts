/**
 * strict-mode: adds `'use strict';` to CommonJS and script files that lack it, so that an accidental global (a write
 * to a name nothing declares) throws a ReferenceError instead of living on the global object for the whole process.
 * The seed article's advice for code that cannot move to ES modules yet.
 *
 * Skipped, with a reason (nothing to do):
 * - ES modules: `.mjs`/`.mts`, a `.js`/`.jsx` file under a nearest package.json with `"type": "module"`, and any file
 *   with `import`/`export`, `import.meta` or top-level `await` (TypeScript files with `import`/`export` included:
 *   the compiler emits `'use strict'` for them);
 * - files that already start with the directive; empty files and files with only comments.
 * Skipped, with the line and the reason (strict mode would break the file or change what it does): every report of
 * src/codemods/strict-hazards.ts (`with`, octal literals and escapes, duplicate parameters, `delete x`, `eval`/
 * `arguments` assigned, `arguments.callee`, strict-reserved words as names, `this` without a receiver, …) and of
 * no-implicit-global: an implicit global would become a ReferenceError. With `--declare`, implicit globals (and only
 * they) are declared instead, with `let` (`var` in an ES5 file) at the top of the file, so every use in the file keeps seeing one shared
 * variable; each is listed for review.
 *
 * The directive goes after the BOM, the shebang and the header comments (a license, `@flow`, `eslint` and other
 * pragmas), before any comment that documents the first statement, in the file's quote style and line endings. It is
 * spliced into the text: no other byte of the file changes. The output is parsed again, strictly (and must show the
 * directive) before it is returned: by V8 for JavaScript, by jscodeshift's parser for TypeScript and JSX.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Linter, Rule } from 'eslint';
import { directives } from '../src/analysis/ast.js';
import { lineBreakOf } from '../src/analysis/fixes.js';
import {
  isParseFailure,
  isTypeScript,
  lintText,
  moduleKindOf,
  secondOpinion,
  strictScriptCheck,
  type ParsedFile,
  type SourceType,
} from '../src/codemods/parse.js';
import { applyEdits, BOM, preferredQuote, shebangLength, withoutBom, type Edit } from '../src/codemods/source-text.js';
import { StatementEditor, usesSemicolons } from '../src/codemods/statement-edits.js';
import strictHazards from '../src/codemods/strict-hazards.js';
import {
  jscodeshiftTransform,
  skip,
  type Codemod,
  type CodemodOptions,
  type CodemodOutcome,
  type ReviewNote,
  type SkipReason,
} from '../src/codemods/types.js';
import noImplicitGlobal from '../rules/no-implicit-global.js';

export const name = 'strict-mode';

const RULES = {
  'no-implicit-global': noImplicitGlobal as unknown as Rule.RuleModule,
  'strict-hazards': strictHazards as unknown as Rule.RuleModule,
};

/** Comments that must stay above any code: licenses, type-checker and linter pragmas, JSX pragmas, tool directives. */
const PRAGMA =
  /@(?:flow|noflow|format|noformat|ts-check|ts-nocheck|jsx|jsxFrag|jsxImportSource|jsxRuntime|license|preserve|copyright|providesModule|generated)\b|^\s*(?:eslint|global|globals|jshint|jscs|istanbul|exported|prettier-ignore)\b|^!|\bcopyright\b|\blicen[cs]e\b|\bSPDX-License-Identifier\b/i;

/**
 * Comments that govern the next line (or their own): a directive put between one and its line would take its effect
 * (eslint, istanbul and c8/v8 coverage hints, prettier, TypeScript). The directive goes above them.
 */
const LINE_GOVERNING =
  /^\s*(?:eslint-disable-(?:next-)?line\b|istanbul\s+ignore\b|[cv]8\s+ignore\b|prettier-ignore\b|@ts-(?:ignore|expect-error)\b|jshint\s+ignore\b|jscs:disable\b)/;

/** A short label per hazard, for the summary's grouping. */
const HAZARD_LABELS: Record<string, string> = {
  with: '`with` statement',
  legacyOctal: 'legacy octal literal',
  octalEscape: 'octal escape',
  duplicateParameter: 'duplicate parameter',
  deleteIdentifier: '`delete` of a name',
  evalOrArgumentsWrite: '`eval`/`arguments` assigned',
  evalOrArgumentsBinding: '`eval`/`arguments` declared',
  reservedWord: 'strict-reserved word as a name',
  argumentsCallee: '`arguments.callee`',
  functionCaller: '`function.caller`',
  functionReadonly: 'assignment to `function.name`',
  readonlyGlobal: 'assignment to a read-only global',
  coreModuleWrite: 'write to a Node core module',
  undeclaredWrite: 'deliberate global',
  thisWithoutReceiver: '`this` without a receiver',
  blockFunction: 'function declared in a block',
  directEval: 'direct `eval`',
  argumentsAlias: '`arguments` mirroring parameters',
  calledWithoutNew: 'constructor called without `new`',
  undeclared: 'implicit global',
};

export function run(source: string, file: string, options: CodemodOptions = {}): CodemodOutcome {
  const { text, bom } = withoutBom(source);
  const moduleReason = moduleByName(file);
  if (moduleReason) return skip(source, [moduleReason]);

  const parsed = parse(text, file);
  if ('skip' in parsed) return skip(source, [parsed.skip]);
  const { sourceCode } = parsed;
  const program = sourceCode.ast;

  const moduleSyntax = moduleSyntaxIn(sourceCode);
  if (moduleSyntax) {
    return skip(source, [
      {
        category: isTypeScript(file) ? 'TypeScript module' : 'ES module',
        line: moduleSyntax.line,
        message: `${moduleSyntax.what}: ${isTypeScript(file) ? "the compiler emits `'use strict'` for modules" : 'ES modules are strict already'}`,
      },
    ]);
  }
  const prologue = directives(program.body);
  if (prologue.includes('use strict')) {
    const directive = program.body[prologue.indexOf('use strict')];
    return skip(source, [
      {
        category: 'already strict',
        line: directive?.loc.start.line,
        message: "already has the 'use strict' directive",
      },
    ]);
  }
  if (program.body.length === prologue.length) {
    const category = text.trim() === '' ? 'empty' : 'no code';
    return skip(source, [
      { category, message: category === 'empty' ? 'the file is empty' : 'the file has only comments and directives' },
    ]);
  }

  const { hazards, implicitGlobals } = readReports(sourceCode, parsed.messages);
  if (hazards.length > 0 || (implicitGlobals.length > 0 && !options.declare)) {
    const reasons = [...hazards, ...implicitGlobals.map((global) => global.reason)].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0),
    );
    return skip(source, reasons);
  }

  const declared = [...new Set(implicitGlobals.map((global) => global.name))];
  // `var` in a file written in ES5 (no `let`, `const`, arrows or classes), as clear-interval writes.
  const keyword = declared.length > 0 ? new StatementEditor(sourceCode).letKeyword : 'let';
  const edit = directiveEdit(sourceCode, text, declared, keyword);
  const output = applyEdits(text, [edit]);
  const insertedLines = edit.text.split(/\r\n|\r|\n/).length - 1;
  const insertedAt = sourceCode.getLocFromIndex(edit.start).line;

  // Parsed again by another parser, strictly: V8 for JavaScript (jscodeshift's parser where V8 cannot read the
  // syntax), jscodeshift's parser for TypeScript. It must parse and show the directive.
  const opinion = isTypeScript(file) ? secondOpinion(output, file) : strictScriptCheck(output, file);
  if (opinion.error) {
    const { line: errorLine, message } = opinion.error;
    const line = errorLine > insertedAt + insertedLines ? errorLine - insertedLines : errorLine;
    return skip(source, [
      { category: 'strict-mode syntax error', line, message: `does not parse as strict code: ${message}` },
    ]);
  }
  if (!opinion.strictDirective) throw new Error("the inserted 'use strict' is not read as a directive");

  const review: ReviewNote[] = implicitGlobals.map((global) => ({
    kind: 'declared',
    line: global.line,
    message: `declared \`${global.name}\` with \`${keyword}\` at the top of the file (it was an implicit global)`,
  }));
  return { status: 'changed', output: (bom ? BOM : '') + output, skipped: [], review };
}

/** ES modules by file name or package.json, before parsing. */
function moduleByName(file: string): SkipReason | null {
  if (/\.d\.[cm]?ts$/.test(file))
    return { category: 'TypeScript declarations', message: 'a declaration file has no code to run' };
  if (file.endsWith('.mjs'))
    return { category: 'ES module', message: '`.mjs` files are ES modules, which are strict already' };
  if (file.endsWith('.mts'))
    return { category: 'TypeScript module', message: '`.mts` files are ES modules, which are strict already' };
  if (!isTypeScript(file) && moduleKindOf(file) === 'module') {
    return {
      category: 'ES module',
      message: 'the nearest package.json has "type": "module", so this file is an ES module, strict already',
    };
  }
  return null;
}

/** Parses as sloppy code (CommonJS for JavaScript, a script for TypeScript); a file that only parses as a module is one. */
function parse(text: string, file: string): ParsedFile | { skip: SkipReason } {
  const sourceType: SourceType = isTypeScript(file) ? (file.endsWith('.cts') ? 'commonjs' : 'script') : 'commonjs';
  const parsed = lintText(text, file, { rules: RULES, sourceType, inlineConfig: false });
  if (!isParseFailure(parsed)) return parsed;
  if (!isTypeScript(file)) {
    const asModule = lintText(text, file, { rules: {}, sourceType: 'module', inlineConfig: false });
    if (!isParseFailure(asModule)) {
      const syntax = moduleSyntaxIn(asModule.sourceCode);
      return {
        skip: {
          category: 'ES module',
          line: syntax?.line,
          message: `${syntax?.what ?? 'module syntax'}: ES modules are strict already`,
        },
      };
    }
  }
  return { skip: { category: 'cannot parse', line: parsed.line, message: `cannot parse: ${parsed.message}` } };
}

/** The first ES module syntax of a program: `import`/`export` (TypeScript's `import x = require()` too), `import.meta`, top-level `await`. */
function moduleSyntaxIn(sourceCode: TSESLint.SourceCode): { what: string; line: number } | null {
  for (const statement of sourceCode.ast.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
      case AST_NODE_TYPES.TSImportEqualsDeclaration:
        return { what: '`import` declaration', line: statement.loc.start.line };
      case AST_NODE_TYPES.ExportAllDeclaration:
      case AST_NODE_TYPES.ExportDefaultDeclaration:
      case AST_NODE_TYPES.ExportNamedDeclaration:
      case AST_NODE_TYPES.TSExportAssignment:
      case AST_NODE_TYPES.TSNamespaceExportDeclaration:
        return { what: '`export` declaration', line: statement.loc.start.line };
      default:
        break;
    }
  }
  // import.meta and top-level await can only appear in a module's text.
  if (!sourceCode.text.includes('import') && !sourceCode.text.includes('await')) return null;
  const pending: TSESTree.Node[] = [sourceCode.ast];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === AST_NODE_TYPES.MetaProperty && node.meta.name === 'import')
      return { what: '`import.meta`', line: node.loc.start.line };
    if (
      (node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await)) &&
      !insideFunction(node)
    ) {
      return { what: 'top-level `await`', line: node.loc.start.line };
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string')
          pending.push(item as TSESTree.Node);
      }
    }
  }
  return null;
}

function insideFunction(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    )
      return true;
  }
  return false;
}

interface ImplicitGlobal {
  name: string;
  line: number;
  reason: SkipReason;
}

/** The hazards (each a reason to skip) and the implicit globals (declarable) among the messages. */
function readReports(
  sourceCode: TSESLint.SourceCode,
  messages: Linter.LintMessage[],
): { hazards: SkipReason[]; implicitGlobals: ImplicitGlobal[] } {
  const implicitGlobals: ImplicitGlobal[] = [];
  const hazards: SkipReason[] = [];
  const nameAt = (message: Linter.LintMessage): string => {
    const index = sourceCode.getIndexFromLoc({ line: message.line, column: message.column - 1 });
    return (
      /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_\u200c\u200d]*/u.exec(sourceCode.text.slice(index))?.[0] ??
      ''
    );
  };
  for (const message of messages) {
    if (message.ruleId === 'leakproof/no-implicit-global' && message.messageId === 'undeclared') {
      const name = nameAt(message);
      implicitGlobals.push({
        name,
        line: message.line,
        reason: {
          category: 'would change behaviour: implicit global',
          line: message.line,
          message: `implicit global \`${name}\`: strict mode would make this write throw a ReferenceError (--declare declares it instead)`,
        },
      });
    }
  }
  const implicitNames = new Set(implicitGlobals.map((global) => global.name));
  for (const message of messages) {
    const id = message.messageId ?? '';
    if (message.ruleId === 'leakproof/no-implicit-global' && id === 'calledWithoutNew') {
      hazards.push({
        category: `would change behaviour: ${HAZARD_LABELS[id] ?? id}`,
        line: message.line,
        message: `${message.message.replace(/, which keeps the value alive for the whole process\.$/, '')}; in strict code \`this\` is undefined there, so it throws`,
      });
    } else if (message.ruleId === 'leakproof/strict-hazards') {
      if (id === 'undeclaredWrite' && implicitNames.has(nameAt(message))) continue;
      hazards.push({
        category: `${SYNTAX_HAZARDS.has(id) ? 'strict-mode syntax error' : 'would change behaviour'}: ${HAZARD_LABELS[id] ?? id}`,
        line: message.line,
        message: message.message,
      });
    }
  }
  return { hazards, implicitGlobals };
}

/** Hazards that make the file fail to load, as opposed to behave differently. */
const SYNTAX_HAZARDS = new Set([
  'with',
  'legacyOctal',
  'octalEscape',
  'duplicateParameter',
  'deleteIdentifier',
  'evalOrArgumentsWrite',
  'evalOrArgumentsBinding',
  'reservedWord',
]);

/**
 * Where the directive goes and what is inserted: after the shebang and the header comments, on a line of its own,
 * followed by a blank line unless one is there already or a directive follows.
 */
function directiveEdit(
  sourceCode: TSESLint.SourceCode,
  text: string,
  declared: readonly string[],
  keyword: string,
): Edit {
  const eol = lineBreakOf(text);
  const quote = preferredQuote(
    sourceCode.ast.tokens.filter((token) => (token.type as string) === 'String').map((token) => token.value),
  );
  const firstToken = sourceCode.ast.tokens[0];
  // Without a semicolon only in a file that writes none, and only before a token that cannot continue the string.
  const semicolon =
    usesSemicolons(sourceCode) || !firstToken || !/^(?:Identifier|Keyword|String|JSXText)$/.test(firstToken.type)
      ? ';'
      : '';
  let insertion = `${quote}use strict${quote}${semicolon}`;
  if (declared.length > 0) {
    insertion += `${eol}${eol}${keyword} ${declared.join(', ')}${semicolon} // leakproof fix strict-mode --declare: ${declared.length === 1 ? 'was an implicit global' : 'were implicit globals'}`;
  }
  const codeStart = firstToken ? firstToken.range[0] : text.length;
  const headerEnd = headerEndOffset(sourceCode, text, codeStart);
  const startsWithDirective =
    sourceCode.ast.body[0]?.type === AST_NODE_TYPES.ExpressionStatement &&
    typeof sourceCode.ast.body[0].directive === 'string';

  if (headerEnd === 0) {
    const blankNext = /^[ \t]*(?:\r\n|\r|\n)/.test(text);
    return { start: 0, end: 0, text: `${insertion}${eol}${blankNext || startsWithDirective ? '' : eol}` };
  }
  const afterHeader = text.slice(headerEnd);
  const lineBreak = /\r\n|\r|\n/.exec(afterHeader);
  if (!lineBreak || headerEnd + lineBreak.index >= codeStart) {
    // Code on the header's last line (`/* @flow */ foo();`): the directive goes just before the code.
    return { start: codeStart, end: codeStart, text: `${insertion} ` };
  }
  let position = headerEnd + lineBreak.index + lineBreak[0].length;
  // A blank line after the header stays above the directive.
  position += /^[ \t]*(?:\r\n|\r|\n)/.exec(text.slice(position))?.[0].length ?? 0;
  const blankNext = /^[ \t]*(?:\r\n|\r|\n)/.test(text.slice(position));
  const nextIsDirective =
    startsWithDirective && codeStart === position + (/^[ \t]*/.exec(text.slice(position))?.[0].length ?? 0);
  return { start: position, end: position, text: `${insertion}${eol}${blankNext || nextIsDirective ? '' : eol}` };
}

/**
 * The end of the file's header: the shebang and the comments above the code, except a trailing group of comments
 * that sits right on top of the first statement (it documents that statement) and is no pragma or license.
 */
function headerEndOffset(sourceCode: TSESLint.SourceCode, text: string, codeStart: number): number {
  const shebangEnd = shebangLength(text);
  const comments = sourceCode
    .getAllComments()
    .filter((comment) => comment.range[0] >= shebangEnd && comment.range[1] <= codeStart);
  if (comments.length === 0) return shebangEnd;
  const hasBlankLine = (from: number, to: number): boolean =>
    /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r|\n)/.test(text.slice(from, to));
  // The last group: comments not separated from the code, or from each other, by a blank line.
  let groupStart = comments.length;
  let next = codeStart;
  for (let index = comments.length - 1; index >= 0; index--) {
    const comment = comments[index];
    if (!comment || hasBlankLine(comment.range[1], next)) break;
    groupStart = index;
    next = comment.range[0];
  }
  let headerEnd = groupStart > 0 ? (comments[groupStart - 1]?.range[1] ?? shebangEnd) : shebangEnd;
  for (let index = groupStart; index < comments.length; index++) {
    const comment = comments[index];
    if (comment && PRAGMA.test(comment.value)) headerEnd = comment.range[1];
  }
  // The header ends above the first comment that governs a line, and above any comment on the line it starts.
  let governing = comments.findIndex((comment) => LINE_GOVERNING.test(comment.value));
  if (governing < 0 || (comments[governing]?.range[0] ?? 0) >= headerEnd) return headerEnd;
  while (governing > 0) {
    const before = comments[governing - 1];
    const current = comments[governing];
    if (!before || !current || /[\r\n\u2028\u2029]/.test(text.slice(before.range[1], current.range[0]))) break;
    governing--;
  }
  return governing > 0 ? (comments[governing - 1]?.range[1] ?? shebangEnd) : shebangEnd;
}

export const codemod: Codemod = { name, run };
export default jscodeshiftTransform(codemod);

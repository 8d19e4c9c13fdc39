/**
 * Edits at the level of statements, written the way the file writes code: its line endings, its indentation unit,
 * the indentation of the statements next to the edit. Each helper returns an `Edit` for `applyEdits`; none of them
 * touches a character outside the place it inserts at (or the range it replaces).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../analysis/ast.js';
import { indentationAt, lineBreakOf, startsLine } from '../analysis/fixes.js';
import { indentUnit, lineEnd, type Edit } from './source-text.js';

export class StatementEditor {
  readonly text: string;
  readonly eol: string;
  readonly unit: string;
  /** The file ends its statements with semicolons (most of them), or relies on ASI. */
  readonly semicolons: boolean;
  /** The file is written in ES5: no `let`/`const`, arrows or classes, so neither are the added lines. */
  readonly es5: boolean;

  constructor(readonly sourceCode: TSESLint.SourceCode) {
    this.text = sourceCode.text;
    this.eol = lineBreakOf(this.text);
    this.unit = indentUnit(this.text);
    this.semicolons = usesSemicolons(sourceCode);
    this.es5 = !sourceCode.ast.tokens.some(
      (token) =>
        token.value === '=>' ||
        ((token.type as string) === 'Keyword' &&
          (token.value === 'const' || token.value === 'let' || token.value === 'class')) ||
        ((token.type as string) === 'Identifier' && token.value === 'let'),
    );
  }

  /** A statement in the file's style: `code;`, or `code` in a file without semicolons. */
  statement(code: string): string {
    return this.semicolons ? `${code};` : code;
  }

  /** `const` (or `var` in an ES5 file). */
  get constKeyword(): string {
    return this.es5 ? 'var' : 'const';
  }

  /** `let` (or `var` in an ES5 file). */
  get letKeyword(): string {
    return this.es5 ? 'var' : 'let';
  }

  /** A callback running `body` (an expression): `() => body`, or `function () { body; }` in an ES5 file. */
  callback(body: string): string {
    return this.es5 ? `function () { ${body}; }` : `() => ${body}`;
  }

  /** The indentation of the line a node starts on. */
  indentOf(node: TSESTree.Node | TSESTree.Token): string {
    return indentationAt(this.text, node.range[0]);
  }

  /** Lines above a statement, at its indentation; inline block comments when code precedes it on its line. */
  insertAbove(statement: TSESTree.Node, lines: readonly string[]): Edit {
    const start = statement.range[0];
    if (startsLine(this.text, start)) {
      const indent = this.indentOf(statement);
      return { start, end: start, text: lines.map((line) => `${line}${this.eol}${indent}`).join('') };
    }
    return { start, end: start, text: lines.map((line) => `${toInlineComment(line)} `).join('') };
  }

  /** Statements after a statement: on new lines at its indentation (after a comment that ends its line), or on its line. */
  insertBelow(statement: TSESTree.Node, statements: readonly string[]): Edit {
    const end = statement.range[1];
    const lineStop = lineEnd(this.text, end);
    const rest = this.text
      .slice(end, lineStop)
      .replace(/\/\*.*?\*\//g, '')
      .replace(/\/\/.*$/, '');
    if (rest.trim() === '') {
      const indent = this.indentOf(statement);
      return { start: lineStop, end: lineStop, text: statements.map((line) => `${this.eol}${indent}${line}`).join('') };
    }
    return { start: end, end, text: statements.map((line) => ` ${terminated(line)}`).join('') };
  }

  /** Statements first in a block body, after its directives. */
  prependToBlock(body: TSESTree.BlockStatement, statements: readonly string[]): Edit {
    const prologue = leadingDirectives(body.body);
    const lastDirective = prologue[prologue.length - 1];
    if (lastDirective) return this.insertBelow(lastDirective, statements);
    const open = this.sourceCode.getFirstToken(body);
    const first = body.body[0];
    if (!open) throw new Error('a block without a brace');
    const afterBrace = open.range[1];
    const braceLineEnd = lineEnd(this.text, afterBrace);
    const restOfBraceLine = this.text
      .slice(afterBrace, braceLineEnd)
      .replace(/\/\*.*?\*\//g, '')
      .replace(/\/\/.*$/, '');
    if (restOfBraceLine.trim() === '' && braceLineEnd < body.range[1] - 1) {
      // `{` ends its line: the statements go on the lines after it.
      const indent = first ? this.indentOf(first) : this.indentOf(body) + this.unit;
      const lineBreak = /\r\n|\r|\n/.exec(this.text.slice(braceLineEnd))?.[0] ?? this.eol;
      const at = braceLineEnd + lineBreak.length;
      return { start: at, end: at, text: statements.map((line) => `${indent}${line}${this.eol}`).join('') };
    }
    if (!first) {
      // An empty `{}`: opened onto lines of their own.
      const outer = this.indentOf(body);
      return {
        start: afterBrace,
        end: body.range[1] - 1,
        text: `${statements.map((line) => `${this.eol}${outer}${this.unit}${line}`).join('')}${this.eol}${outer}`,
      };
    }
    return { start: afterBrace, end: afterBrace, text: statements.map((line) => ` ${terminated(line)}`).join('') };
  }

  /** Statements last in a block body. */
  appendToBlock(body: TSESTree.BlockStatement, statements: readonly string[]): Edit {
    const last = body.body[body.body.length - 1];
    if (last) return this.insertBelow(last, statements);
    return this.prependToBlock(body, statements);
  }

  /**
   * An expression-bodied arrow made a block: `() => expr` becomes `() => { lead; return expr; }`, the expression kept
   * byte for byte (with its parentheses).
   */
  blockify(fn: FunctionNode, lead: readonly string[]): Edit {
    const { start, end } = this.arrowBodyRange(fn);
    const expression = this.text.slice(start, end);
    return this.replaceArrowBody(fn, [...lead, this.statement(`return ${expression}`)], /[\r\n]/.test(expression));
  }

  /** Replaces an arrow's expression body (and the parentheses around it) with a block of statements. */
  replaceArrowBody(fn: FunctionNode, statements: readonly string[], multiline: boolean): Edit {
    const { start, end } = this.arrowBodyRange(fn);
    if (!multiline) return { start, end, text: `{ ${statements.map(terminated).join(' ')} }` };
    const outer = this.indentOf(fn);
    const inner = outer + this.unit;
    return {
      start,
      end,
      text: `{${statements.map((line) => `${this.eol}${inner}${line}`).join('')}${this.eol}${outer}}`,
    };
  }

  /** The range of an arrow's body with the parentheses that wrap it (only parentheses can stand between `=>` and it). */
  private arrowBodyRange(fn: FunctionNode): { start: number; end: number } {
    let first: TSESTree.Node | TSESTree.Token = fn.body;
    let last: TSESTree.Node | TSESTree.Token = fn.body;
    for (
      let before = this.sourceCode.getTokenBefore(first);
      before?.value === '(';
      before = this.sourceCode.getTokenBefore(first)
    ) {
      const after: TSESTree.Token | null = this.sourceCode.getTokenAfter(last);
      if (after?.value !== ')') break;
      first = before;
      last = after;
    }
    return { start: first.range[0], end: last.range[1] };
  }
}

/** The directive statements a block or program starts with. */
function leadingDirectives(body: readonly TSESTree.Node[]): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || typeof statement.directive !== 'string') break;
    found.push(statement);
  }
  return found;
}

/** Whether a node is a statement of a list (program, block, switch case), where a declaration may go before it. */
export function isListStatement(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.Program ||
    parent?.type === AST_NODE_TYPES.BlockStatement ||
    parent?.type === AST_NODE_TYPES.StaticBlock ||
    (parent?.type === AST_NODE_TYPES.SwitchCase && parent.consequent.includes(node as TSESTree.Statement))
  );
}

/** How many statements decide a file's semicolon style: enough to tell, without walking a large file to the end. */
const SEMICOLON_SAMPLE = 200;

/**
 * Whether most statements that can end in a semicolon do (expression statements, declarations, returns, throws,
 * breaks): counted over the file's own statements, at any depth, up to SEMICOLON_SAMPLE of them.
 */
export function usesSemicolons(sourceCode: TSESLint.SourceCode): boolean {
  let withSemicolon = 0;
  let without = 0;
  const pending: TSESTree.Node[] = [sourceCode.ast];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (
      SEMICOLON_STATEMENTS.has(node.type) &&
      !(node.type === AST_NODE_TYPES.VariableDeclaration && !isListStatement(node))
    ) {
      if (sourceCode.getLastToken(node)?.value === ';') withSemicolon++;
      else without++;
      if (withSemicolon + without >= SEMICOLON_SAMPLE) break;
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string')
          pending.push(item as TSESTree.Node);
      }
    }
  }
  return withSemicolon >= without;
}

const SEMICOLON_STATEMENTS = new Set<string>([
  AST_NODE_TYPES.ExpressionStatement,
  AST_NODE_TYPES.VariableDeclaration,
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.ThrowStatement,
  AST_NODE_TYPES.BreakStatement,
  AST_NODE_TYPES.ContinueStatement,
]);

/** Statements sharing a line with other code need their semicolon, whatever the file's style. */
function terminated(statement: string): string {
  return statement.endsWith(';') || statement.startsWith('//') ? statement : `${statement};`;
}

function toInlineComment(line: string): string {
  return line.startsWith('//') ? `/*${line.slice(2).replace(/\*\//g, '* /')} */` : line;
}

/**
 * Shared wording and edits, for the rules' suggestions and the codemods alike: how to name a function, a name nothing
 * uses yet, the indentation of a line, and where an inserted statement, declaration or `return` goes.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { directives, isFunction, propertyName, unwrap, type FunctionNode } from './ast.js';

/** A fix that makes one edit, so that a caller can combine it with others in one suggestion. */
export type SingleFix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;

/**
 * The file's line break, so that suggestions and codemod edits keep CRLF files CRLF (and CR-only files CR): the first
 * line's, as editors and formatters decide it; `\n` when the file has none.
 */
export function lineBreakOf(text: string): '\n' | '\r\n' | '\r' {
  const match = /\r\n|\r|\n/.exec(text);
  return (match?.[0] as '\n' | '\r\n' | '\r' | undefined) ?? '\n';
}

/**
 * "`setName()`", "the callback passed to `app.get()`", "the function at line 12", "the module": how a message names a
 * scope.
 */
export function describeFunction(block: TSESTree.Node): string {
  if (!isFunction(block)) return 'the module';
  const method = block.parent;
  if (method?.type === AST_NODE_TYPES.MethodDefinition && method.kind === 'constructor') {
    const owner = method.parent.parent;
    return owner.id ? `the constructor of \`${owner.id.name}\`` : 'a class constructor';
  }
  const name = functionName(block);
  if (name) return `\`${name}()\``;
  const call = block.parent;
  if (
    (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) &&
    call.callee !== block
  ) {
    const callee = unwrap(call.callee);
    const calleeText =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? `${callee.object.type === AST_NODE_TYPES.Identifier ? `${callee.object.name}.` : '….'}${propertyName(callee) ?? '[…]'}`
          : null;
    if (calleeText) return `the callback passed to \`${calleeText}()\``;
  }
  return `the function at line ${block.loc.start.line}`;
}

/**
 * Source text as a message quotes it: itself when it is one line of at most 40 characters, else its first line cut to
 * 37 characters, and an ellipsis.
 */
export function shortCode(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length <= 40 && line === text ? text : `${line.slice(0, 37)}…`;
}

/** The name a function is known by: its own, its variable's, its method's or its property's. */
export function functionName(fn: TSESTree.Node): string | null {
  if (!isFunction(fn)) return null;
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return parent.id.name;
  if (
    (parent?.type === AST_NODE_TYPES.MethodDefinition ||
      parent?.type === AST_NODE_TYPES.Property ||
      parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
    !parent.computed &&
    parent.key.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.key.name;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return propertyName(parent.left);
  }
  return null;
}

/**
 * A fix that puts `declaration` first in a function body or program, after its directives, matching the indentation
 * of the statement it goes before. Null where there is no block to put it in (an expression-bodied arrow).
 */
export function declareAtScopeStart(
  sourceCode: Readonly<TSESLint.SourceCode>,
  block: TSESTree.Node,
  declaration: string,
): TSESLint.ReportFixFunction | null {
  let body: readonly TSESTree.Statement[] | readonly TSESTree.ProgramStatement[];
  let open: TSESTree.Token | null = null;
  if (block.type === AST_NODE_TYPES.Program) {
    body = block.body;
  } else if (isFunction(block) && block.body.type === AST_NODE_TYPES.BlockStatement) {
    body = block.body.body;
    open = sourceCode.getFirstToken(block.body);
  } else {
    return null;
  }
  const prologue = directives(body).length;
  const first = body[prologue];
  if (first) {
    const separator = statementSeparator(sourceCode, first);
    return (fixer) => fixer.insertTextBefore(first, `${declaration}${separator}`);
  }
  const last = body[prologue - 1];
  if (last) return (fixer) => fixer.insertTextAfter(last, ` ${declaration}`);
  return open ? (fixer) => fixer.insertTextAfter(open, ` ${declaration}`) : null;
}

/**
 * `base`, `base2`, `base3`, …: the first of them `isTaken` lets go. With a `limit`, null once that many were taken.
 * What counts as taken is the caller's: a word of the file's text, a token of the file, a name declared around a
 * function.
 */
export function freshName(base: string, isTaken: (name: string) => boolean): string;
export function freshName(base: string, isTaken: (name: string) => boolean, limit: number): string | null;
export function freshName(base: string, isTaken: (name: string) => boolean, limit = Infinity): string | null {
  for (let index = 1; index <= limit; index++) {
    const candidate = index === 1 ? base : `${base}${index}`;
    if (!isTaken(candidate)) return candidate;
  }
  return null;
}

/** Whether `name` occurs in `text` as a whole word: not as part of a longer identifier (`$` and `_` included). */
export function occursAsWord(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
}

/** The offset where the line holding `offset` starts. */
function lineStartAt(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/** The spaces and tabs the line holding `offset` starts with. */
export function indentationAt(text: string, offset: number): string {
  const indentation = /[ \t]*/y;
  indentation.lastIndex = lineStartAt(text, offset);
  return indentation.exec(text)?.[0] ?? '';
}

/** Whether only spaces and tabs precede `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartAt(text, offset), offset));
}

/** The indentation of the line `node` starts on. */
export function indentOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | TSESTree.Token): string {
  return indentationAt(sourceCode.text, node.range[0]);
}

/**
 * What goes between `node` and a statement inserted next to it: a line break and `node`'s indentation when `node`
 * starts its line (so the new statement gets a line of its own), else a space (a one-line body stays on one line).
 */
export function statementSeparator(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return startsLine(sourceCode.text, node.range[0])
    ? `${lineBreakOf(sourceCode.text)}${indentOf(sourceCode, node)}`
    : ' ';
}

/**
 * A fix that puts `statement` (with its semicolon) first or last in `fn`'s body: next to the body's first or last
 * statement, on a line of its own when that one has one (first: when it is below the brace); an empty body gets
 * `{ statement }`, and an expression body becomes a block that keeps the expression as a statement (`() => a()` →
 * `() => { statement a(); }`).
 */
export function insertInBody(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  statement: string,
  where: 'first' | 'last',
): SingleFix {
  const body = fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) {
    const expression = sourceCode.getText(body);
    const block = where === 'first' ? `{ ${statement} ${expression}; }` : `{ ${expression}; ${statement} }`;
    return (fixer) => fixer.replaceText(body, block);
  }
  if (where === 'first') {
    const first = body.body[0];
    if (!first) return (fixer) => fixer.replaceText(body, `{ ${statement} }`);
    // Below the brace, the statement gets a line of its own, even after a comment that starts the first one's line.
    const separator =
      first.loc.start.line > body.loc.start.line
        ? `${lineBreakOf(sourceCode.text)}${indentOf(sourceCode, first)}`
        : ' ';
    return (fixer) => fixer.insertTextBefore(first, `${statement}${separator}`);
  }
  const last = body.body[body.body.length - 1];
  if (!last) return (fixer) => fixer.replaceText(body, `{ ${statement} }`);
  const separator = statementSeparator(sourceCode, last);
  return (fixer) => fixer.insertTextAfter(last, `${separator}${statement}`);
}

/**
 * A fix that makes `fn` return `value` (`return () => clearInterval(id);`) after the last statement of its block body:
 * how an effect that returns no cleanup gets one. Null for an expression body or an empty one.
 */
export function returnAtEnd(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  value: string,
): SingleFix | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const last = fn.body.body[fn.body.body.length - 1];
  if (!last) return null;
  const separator = statementSeparator(sourceCode, last);
  return (fixer) => fixer.insertTextAfter(last, `${separator}return ${value};`);
}

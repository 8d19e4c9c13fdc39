/** Shared wording and edits for reports: how to name a function, and where a declaration goes. */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { directives, isFunction, propertyName, unwrap } from './ast.js';

/**
 * The file's line break, so that suggestions keep CRLF files CRLF: the first line's, as editors and formatters
 * decide it (and without scanning a file that has no CRLF to its end).
 */
export function lineBreakOf(sourceCode: Readonly<TSESLint.SourceCode>): string {
  const text = sourceCode.text;
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/** "`setName()`", "the callback passed to `app.get()`", "the module": how a message names a scope. */
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
  return 'an anonymous function';
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
    const lineStart = sourceCode.lines[first.loc.start.line - 1]?.slice(0, first.loc.start.column) ?? '';
    const separator = /^\s*$/.test(lineStart) ? `${lineBreakOf(sourceCode)}${lineStart}` : ' ';
    return (fixer) => fixer.insertTextBefore(first, `${declaration}${separator}`);
  }
  const last = body[prologue - 1];
  if (last) return (fixer) => fixer.insertTextAfter(last, ` ${declaration}`);
  return open ? (fixer) => fixer.insertTextAfter(open, ` ${declaration}`) : null;
}

/**
 * Conditions that can guard a piece of code: the tests of the function it runs in. Release evidence such as a size
 * check (`if (cache.size > MAX)`) or a once-only guard (`if (installed) return`) is read from them.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, isFunction, pushChildren } from './ast.js';

/**
 * Every test in the function that contains `node` (or the program, at top level), outside nested functions:
 * `if`, `?:`, the left of `&&`/`||`/`??`, loop conditions. An early `if (…) return` guards what follows it, so the
 * whole function is read rather than only the tests enclosing `node`.
 */
export function testsAround(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.Node[] {
  const root: TSESTree.Node = enclosingFunction(node) ?? sourceCode.ast;
  const tests: TSESTree.Node[] = [];
  const pending: TSESTree.Node[] = [root];
  for (let current = pending.pop(); current; current = pending.pop()) {
    if (current !== root && isFunction(current)) continue;
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        tests.push(current.test);
        break;
      case AST_NODE_TYPES.ForStatement:
        if (current.test) tests.push(current.test);
        break;
      case AST_NODE_TYPES.LogicalExpression:
        tests.push(current.left);
        break;
      default:
        break;
    }
    pushChildren(sourceCode, current, pending);
  }
  return tests;
}

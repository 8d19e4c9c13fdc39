/**
 * What data belongs to one call of repeated code: the parameters of the function that does one unit of work
 * (`req` in a handler, `event` in a listener). Storing it somewhere long-lived keeps every call's data alive.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, resolve, someDescendant, type FunctionNode } from './ast.js';
import { isSynchronousIterationCallback } from './repetition.js';

/**
 * The parameters carrying a call's own data into `fn`. A synchronous iteration callback's parameters are items of a
 * list its caller already holds, so the caller's parameters are used instead.
 */
export function perCallParameters(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
): Set<TSESLint.Scope.Variable> {
  let unit: FunctionNode | null = fn;
  while (unit && isSynchronousIterationCallback(unit)) unit = enclosingFunction(unit);
  const parameters = new Set<TSESLint.Scope.Variable>();
  if (!unit) return parameters;
  for (const variable of sourceCode.getDeclaredVariables(unit)) {
    if (variable.defs.some((def) => def.type === 'Parameter')) parameters.add(variable);
  }
  return parameters;
}

/** The first identifier in `node` that reads one of `parameters`, or null when it uses none of them. */
export function perCallInputIn(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  parameters: ReadonlySet<TSESLint.Scope.Variable>,
): TSESTree.Identifier | null {
  if (parameters.size === 0) return null;
  let found: TSESTree.Identifier | null = null;
  someDescendant(sourceCode, node, (current) => {
    if (current.type !== AST_NODE_TYPES.Identifier || isPropertyKey(current)) return false;
    const variable = resolve(sourceCode, current);
    if (variable && parameters.has(variable)) found = current;
    return found !== null;
  });
  return found;
}

/** `b` in `a.b` or `{ b: 1 }`: a name, not a reference to a variable. */
function isPropertyKey(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.property === identifier && !parent.computed;
  if (
    parent?.type === AST_NODE_TYPES.Property ||
    parent?.type === AST_NODE_TYPES.PropertyDefinition ||
    parent?.type === AST_NODE_TYPES.MethodDefinition
  ) {
    return (
      parent.key === identifier && !parent.computed && !(parent.type === AST_NODE_TYPES.Property && parent.shorthand)
    );
  }
  return false;
}

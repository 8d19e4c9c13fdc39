/**
 * Release evidence for timers: is the handle a timer call returns ever passed to the matching clear function?
 * The handle is followed through the variable or member (`this.timer`, `state.ping.interval`) it is stored in.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { resolve, someDescendant, staticPath, unwrap } from './ast.js';
import { timerFunctionName } from './repetition.js';

const CLEAR_FUNCTIONS = new Set(['clearInterval', 'clearTimeout']);

/** Where a timer call's handle is stored: a variable, or a static member path such as `this.timer`; null if discarded. */
export function handleStorage(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): TSESLint.Scope.Variable | string | null {
  let value: TSESTree.Node = call;
  while (value.parent && unwrap(value.parent) === value) value = value.parent;
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) {
    return sourceCode.getDeclaredVariables(parent)[0] ?? null;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) {
    const target = unwrap(parent.left);
    if (target.type === AST_NODE_TYPES.Identifier) return resolve(sourceCode, target);
    return staticPath(target);
  }
  return null;
}

/** Whether the handle `call` returns is passed to `clearInterval`/`clearTimeout` anywhere in the file. */
export function isTimerCleared(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const storage = handleStorage(sourceCode, call);
  if (storage === null) return false;
  if (typeof storage !== 'string') {
    return storage.references.some((reference) => isClearArgument(reference.identifier));
  }
  const lastDot = storage.lastIndexOf('.');
  const property = storage.slice(lastDot + 1);
  // Any clear call on the same member path; `this.timer` set in start() and cleared in stop() match by path.
  return someDescendant(sourceCode, sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || !node.arguments[0]) return false;
    const clear = timerFunctionName(node);
    if (clear === null || !CLEAR_FUNCTIONS.has(clear)) return false;
    const argument = staticPath(node.arguments[0]);
    return argument === storage || (storage.startsWith('this.') && argument !== null && argument.endsWith(`.${property}`));
  });
}

function isClearArgument(identifier: TSESTree.Node): boolean {
  const call = identifier.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== identifier) return false;
  const clear = timerFunctionName(call);
  return clear !== null && CLEAR_FUNCTIONS.has(clear);
}

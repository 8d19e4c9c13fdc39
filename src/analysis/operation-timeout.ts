/**
 * A one-shot timeout per operation that outlives the operation: `setTimeout(() => { if (!command.isResolved)
 * command.reject(…) }, this.options.commandTimeout)`, started for every command and never cleared when the command
 * completes. Its callback keeps the operation alive until it fires, so under load the live operations number the
 * calls made within one timeout, not the calls in flight.
 *
 * The evidence that the operation can complete first is the callback's own: it begins by checking a completion flag
 * of the operation it captured (`command.isResolved`, `done`, `settled`) and does nothing once it is set. That check
 * is a completion path the file knows about, where the timeout should have been cleared. Without it (a timeout that
 * aborts whatever is still running) the file does not say that the operation ends first: silent.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, isModuleScope, propertyName, resolve, unwrap } from './ast.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Names of flags that say an operation has finished. */
const COMPLETION_FLAG =
  /^(?:is|has|was)?(?:resolved|settled|done|finished|complete|completed|fulfilled|responded|replied|answered|called|calledBack|handled|ended)$/i;

export interface CompletionCheck {
  /** The flag as written: `command.isResolved`, `done`. */
  flag: string;
}

/**
 * The completion check a timeout callback begins with: `if (!command.isResolved) …` as its only statement, or
 * `if (done) return;` first. The flag must belong to something the callback captured from the call that started it
 * (a parameter or local of an enclosing function), not to the module or to `this`: the operation, not its owner.
 */
export function completionCheck(sourceCode: SourceCode, callback: TSESTree.Node): CompletionCheck | null {
  const fn = unwrap(callback);
  if (!isFunction(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const [first] = fn.body.body;
  if (first?.type !== AST_NODE_TYPES.IfStatement) return null;
  const onlyStatement = fn.body.body.length === 1 && first.alternate === null;
  const earlyReturn =
    first.alternate === null &&
    (first.consequent.type === AST_NODE_TYPES.ReturnStatement ||
      (first.consequent.type === AST_NODE_TYPES.BlockStatement &&
        first.consequent.body.length === 1 &&
        first.consequent.body[0]?.type === AST_NODE_TYPES.ReturnStatement));
  if (!onlyStatement && !earlyReturn) return null;
  // `if (!done)` guards the work; `if (done) return` skips it: either way, the test names the flag.
  let test = unwrap(first.test);
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') test = unwrap(test.argument);
  return flagOf(sourceCode, fn, test);
}

function flagOf(sourceCode: SourceCode, fn: TSESTree.Node, test: TSESTree.Node): CompletionCheck | null {
  if (test.type === AST_NODE_TYPES.Identifier) {
    return COMPLETION_FLAG.test(test.name) && isCaptured(sourceCode, fn, test) ? { flag: test.name } : null;
  }
  if (test.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = propertyName(test);
  const object = unwrap(test.object);
  if (name === null || !COMPLETION_FLAG.test(name) || object.type !== AST_NODE_TYPES.Identifier) return null;
  return isCaptured(sourceCode, fn, object) ? { flag: sourceCode.getText(test) } : null;
}

/** A parameter or local of a function around the callback (not the module's, not the callback's own). */
function isCaptured(sourceCode: SourceCode, fn: TSESTree.Node, identifier: TSESTree.Identifier): boolean {
  const variable = resolve(sourceCode, identifier);
  if (!variable || variable.defs.length === 0 || isModuleScope(variable.scope)) return false;
  const block = variable.scope.variableScope.block;
  return block !== fn && !(block.range[0] >= fn.range[0] && block.range[1] <= fn.range[1]);
}

/**
 * Lifetime question 1: does this code run repeatedly?
 *
 * Module top-level code runs once. So does a function that can only be reached from run-once code: a top-level
 * IIFE, a UMD/AMD factory, a synchronous callback (`forEach`, `new Promise(executor)`) invoked from run-once code,
 * and a module-private function whose every use is a direct call from run-once code (a `main()`). Anything else is
 * assumed to run repeatedly: handlers, listeners, timers, exported functions, methods and constructors.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, isFunction, isInLoop, propertyName, unwrap, type FunctionNode } from './ast.js';

/** Array and promise methods that call their callback synchronously, during the call itself. */
const SYNCHRONOUS_CALLBACK_METHODS = new Set([
  'forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'flatMap', 'sort', 'toSorted',
]);

/** A callback that an array method calls during the call itself: `list.forEach((item) => …)`. */
export function isSynchronousIterationCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
  return method !== null && SYNCHRONOUS_CALLBACK_METHODS.has(method);
}

export interface RepetitionAnalysis {
  /** Whether the code at `node` can run more than once in the life of the process. */
  runsRepeatedly(node: TSESTree.Node): boolean;
  /** Whether the body of `fn` can run more than once. */
  functionRunsRepeatedly(fn: FunctionNode): boolean;
}

export function analyseRepetition(sourceCode: TSESLint.SourceCode): RepetitionAnalysis {
  const memo = new Map<FunctionNode, boolean>();
  const inProgress = new Set<FunctionNode>();

  function codeRunsRepeatedly(node: TSESTree.Node, fn: FunctionNode | null): boolean {
    if (fn === null) return false; // module top level, including its loops over start-up data
    return isInLoop(node) || functionRunsRepeatedly(fn);
  }

  function functionRunsRepeatedly(fn: FunctionNode): boolean {
    const known = memo.get(fn);
    if (known !== undefined) return known;
    // Recursion (a function reached again while deciding it) means it repeats.
    if (inProgress.has(fn)) return true;
    inProgress.add(fn);
    const repeated = !runsOnce(fn);
    inProgress.delete(fn);
    memo.set(fn, repeated);
    return repeated;
  }

  function runsOnce(fn: FunctionNode): boolean {
    if (fn.generator) return false; // each next() resumes it: treat as repeated
    const call = invokingCall(fn);
    if (call) return !codeRunsRepeatedly(call, enclosingFunction(call));
    const factoryCall = callPassingAsRunOnceArgument(fn);
    if (factoryCall) return !codeRunsRepeatedly(factoryCall, enclosingFunction(factoryCall));
    const callSites = directCallSites(fn);
    return callSites !== null && callSites.every((site) => !codeRunsRepeatedly(site, enclosingFunction(site)));
  }

  /** The call that invokes `fn` in place: `(function () {})()`, `(() => {}).call(this)`, `!function () {}()`. */
  function invokingCall(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | null {
    const parent = fn.parent;
    if (!parent) return null;
    if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && unwrap(parent.callee) === fn) {
      return parent;
    }
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === fn) {
      const method = propertyName(parent);
      const call = parent.parent;
      if ((method === 'call' || method === 'apply') && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
        return call;
      }
    }
    return null;
  }

  /**
   * A call that runs a callback argument once, synchronously or as a module factory: a UMD wrapper
   * `(function (root, factory) {...})(this, function () {...})`, AMD `define(function () {...})`,
   * `new Promise(executor)` and array iteration callbacks.
   */
  function callPassingAsRunOnceArgument(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | null {
    const call = fn.parent;
    if (!call || (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression)) return null;
    if (!call.arguments.some((argument) => argument === fn)) return null;
    const callee = unwrap(call.callee);
    if (isFunction(callee)) return call; // UMD: the factory handed to an IIFE
    if (call.type === AST_NODE_TYPES.NewExpression) {
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise' ? call : null;
    }
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'define') return call;
    return isSynchronousIterationCallback(fn) ? call : null;
  }

  /**
   * Every place `fn` is called from, when it is a private binding used only by direct calls; null when it escapes
   * (exported, passed as a value, stored, or reassigned), since then its callers are unknown.
   */
  function directCallSites(fn: FunctionNode): TSESTree.CallExpression[] | null {
    const binding = bindingOf(fn);
    if (!binding) return null;
    const variable = sourceCode.getDeclaredVariables(binding.declaration).find((v) => v.name === binding.name.name);
    if (!variable || variable.scope.type === 'global') return null; // a script's globals are visible to other scripts
    const sites: TSESTree.CallExpression[] = [];
    for (const reference of variable.references) {
      if (reference.init) continue;
      if (reference.isWrite()) return null;
      const parent = reference.identifier.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference.identifier) return null;
      sites.push(parent);
    }
    return sites;
  }

  return {
    functionRunsRepeatedly,
    runsRepeatedly: (node) => codeRunsRepeatedly(node, isFunction(node) ? node : enclosingFunction(node)),
  };
}

/** The declaration that names `fn`: `function f() {}` or `const f = () => {}`, when not exported. */
function bindingOf(fn: FunctionNode): { name: TSESTree.Identifier; declaration: TSESTree.Node } | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (!fn.id || fn.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || fn.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      return null;
    }
    return { name: fn.id, declaration: fn };
  }
  const declarator = fn.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== fn) return null;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  if (declarator.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return null;
  return { name: declarator.id, declaration: declarator };
}

/**
 * no-implicit-global: an assignment that creates a property of the global object by accident lives for the whole
 * process.
 *
 * Reported:
 * 1. a sloppy-mode write to a name nothing declares (`function setName() { name = 'Stanley' }`);
 * 2. a sloppy constructor-style function (it assigns `this.x`) called without `new`, so `this` is the global object;
 * 3. a write to a property of the global object (`globalThis.x =`, `window[key] =`, `Object.assign(global, …)`)
 *    from code that runs repeatedly. One-time set-up at start-up (a polyfill, a UMD export) is fine.
 * Strict code (ES modules, classes, `'use strict'`) throws a ReferenceError for case 1 instead; core `no-undef`
 * covers that, so this rule stays silent there.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import {
  enclosingFunction,
  isFunction,
  isGlobalName,
  propertyName,
  someDescendant,
  staticPath,
  unwrap,
  type FunctionNode,
} from '../src/analysis/ast.js';
import { declareAtScopeStart, describeFunction } from '../src/analysis/fixes.js';
import { analyseRepetition } from '../src/analysis/repetition.js';

/** Names CommonJS declares for every module; `exports = module.exports = x` is an export, not a leak. */
const COMMONJS_NAMES = new Set(['exports', 'module', 'require']);
const GLOBAL_OBJECT_NAMES = new Set(['global', 'globalThis', 'window', 'self']);

type Options = [{ allow?: string[] }];
type MessageIds = 'undeclared' | 'declareLocally' | 'calledWithoutNew' | 'callWithNew' | 'globalPropertyWrite';

export default createRule<Options, MessageIds>({
  name: 'no-implicit-global',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow writes that create properties of the global object by accident',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      undeclared:
        '`{{name}}` is never declared, so this sloppy-mode write creates `globalThis.{{name}}`, which the global object keeps alive for the whole process.',
      declareLocally: 'Declare `{{name}}` with `let` at the start of {{scope}}.',
      calledWithoutNew:
        '`{{name}}()` is called without `new`, so in sloppy code its `this.{{property}} = …` writes to the global object, which keeps the value alive for the whole process.',
      callWithNew: 'Call it as a constructor: `new {{name}}(…)`.',
      globalPropertyWrite:
        '`{{target}}` is written in {{scope}}, which runs repeatedly; the global object keeps each value written there alive for the whole process.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Global names this codebase creates on purpose.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [{ allow = [] }]) {
    const sourceCode = context.sourceCode;
    const allowed = new Set(allow);
    const repetition = analyseRepetition(sourceCode);
    /** Constructor-style functions: the first `this.x` each one assigns, and whether it guards with `instanceof`. */
    const thisWrites = new Map<FunctionNode, string>();
    const instanceofGuarded = new Set<FunctionNode>();

    function reportUndeclaredWrites(): void {
      const reported = new Set<string>();
      for (const reference of sourceCode.scopeManager?.globalScope?.through ?? []) {
        const { identifier, from } = reference;
        if (!reference.isWrite() || from.isStrict || identifier.type !== AST_NODE_TYPES.Identifier) continue;
        const name = identifier.name;
        if (COMMONJS_NAMES.has(name) || allowed.has(name)) continue;
        const owner = from.variableScope;
        const key = `${name}\0${owner.block.range[0]}`;
        if (reported.has(key)) continue; // one report per name and function: the first write
        reported.add(key);
        const scope = describeFunction(owner.block);
        const fix = declareAtScopeStart(sourceCode, owner.block, `let ${name};`);
        context.report({
          node: identifier,
          messageId: 'undeclared',
          data: { name },
          suggest: fix ? [{ messageId: 'declareLocally', data: { name, scope }, fix }] : [],
        });
      }
    }

    function reportConstructorsCalledWithoutNew(): void {
      for (const [fn, property] of thisWrites) {
        if (instanceofGuarded.has(fn) || sourceCode.getScope(fn).isStrict) continue;
        const name = constructorBinding(fn);
        if (!name) continue;
        const variable = sourceCode.getDeclaredVariables(name.parent ?? fn).find((v) => v.name === name.name);
        if (!variable || variable.references.some((r) => r.isWrite() && !r.init)) continue;
        for (const reference of variable.references) {
          const call = reference.identifier.parent;
          if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
          context.report({
            node: call,
            messageId: 'calledWithoutNew',
            data: { name: name.name, property },
            suggest: [
              {
                messageId: 'callWithNew',
                data: { name: name.name },
                fix: (fixer) => fixer.insertTextBefore(call, 'new '),
              },
            ],
          });
        }
      }
    }

    function checkGlobalObjectWrite(write: TSESTree.Node, member: TSESTree.MemberExpression): void {
      const object = unwrap(member.object);
      if (object.type !== AST_NODE_TYPES.Identifier || !GLOBAL_OBJECT_NAMES.has(object.name)) return;
      if (!isGlobalName(sourceCode, object)) return;
      const property = propertyName(member);
      if (property !== null && allowed.has(property)) return;
      if (!repetition.runsRepeatedly(write) || isGuardedInstall(sourceCode, write, member)) return;
      reportGlobalWrite(write, property === null ? `${object.name}[…]` : `${object.name}.${property}`);
    }

    function reportGlobalWrite(node: TSESTree.Node, target: string): void {
      const fn = enclosingFunction(node);
      context.report({
        node,
        messageId: 'globalPropertyWrite',
        data: { target, scope: fn ? describeFunction(fn) : 'this code' },
      });
    }

    return {
      'Program:exit'() {
        reportUndeclaredWrites();
        reportConstructorsCalledWithoutNew();
      },
      AssignmentExpression(node) {
        const target = unwrap(node.left);
        if (target.type !== AST_NODE_TYPES.MemberExpression) return;
        if (unwrap(target.object).type === AST_NODE_TYPES.ThisExpression) {
          const fn = thisOwner(node);
          if (fn && !thisWrites.has(fn)) thisWrites.set(fn, propertyName(target) ?? '[…]');
          return;
        }
        checkGlobalObjectWrite(node, target);
      },
      UpdateExpression(node) {
        const target = unwrap(node.argument);
        if (target.type === AST_NODE_TYPES.MemberExpression) checkGlobalObjectWrite(node, target);
      },
      'BinaryExpression[operator="instanceof"]'(node: TSESTree.BinaryExpression) {
        if (node.left.type !== AST_NODE_TYPES.ThisExpression) return;
        const fn = thisOwner(node);
        if (fn) instanceofGuarded.add(fn);
      },
      CallExpression(node) {
        // Object.assign(globalThis, { … })
        const callee = unwrap(node.callee);
        const first = node.arguments[0];
        if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPath(callee) !== 'Object.assign' || !first) return;
        const target = unwrap(first);
        if (target.type !== AST_NODE_TYPES.Identifier || !GLOBAL_OBJECT_NAMES.has(target.name)) return;
        if (!isGlobalName(sourceCode, target) || !repetition.runsRepeatedly(node)) return;
        reportGlobalWrite(node, `Object.assign(${target.name}, …)`);
      },
    };
  },
});

/** The non-arrow function whose `this` a node sees, or null at top level or in a class (strict anyway). */
function thisOwner(node: TSESTree.Node): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) {
      return current.parent?.type === AST_NODE_TYPES.MethodDefinition ? null : current;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) return null;
  }
  return null;
}

/** The name a plain call would use: `function Foo() {}` or `var Foo = function () {}`. */
function constructorBinding(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id;
  }
  return null;
}

/**
 * An install-once write: `global.x = global.x || …`, `global.x ??= …`, or a write under an `if` that tests the same
 * property (`if (!global.x)`, `if (typeof window.x === 'undefined')`). It stores one value, not one per call.
 */
function isGuardedInstall(sourceCode: Readonly<TSESLint.SourceCode>, write: TSESTree.Node, member: TSESTree.MemberExpression): boolean {
  const path = staticPath(member);
  if (path === null) return false;
  const mentionsPath = (node: TSESTree.Node): boolean =>
    someDescendant(sourceCode, node, (n) => n.type === AST_NODE_TYPES.MemberExpression && staticPath(n) === path);
  if (write.type === AST_NODE_TYPES.AssignmentExpression) {
    if (write.operator === '||=' || write.operator === '??=') return true;
    const right = unwrap(write.right);
    if (right.type === AST_NODE_TYPES.LogicalExpression && mentionsPath(right.left)) return true;
    if (right.type === AST_NODE_TYPES.ConditionalExpression && mentionsPath(right.test)) return true;
  }
  for (let child: TSESTree.Node = write, current = write.parent; current && !isFunction(current); child = current, current = current.parent) {
    const test =
      current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression
        ? current.test
        : current.type === AST_NODE_TYPES.LogicalExpression && current.right === child
          ? current.left
          : null;
    if (test && test !== child && mentionsPath(test)) return true;
  }
  return false;
}

/**
 * no-implicit-global: an assignment that creates a property of the global object by accident lives for the whole
 * process.
 *
 * Reported:
 * 1. a sloppy-mode write to a name nothing declares (`function setName() { name = 'Stanley' }`); not one that reads
 *    the name first (`x++`, `x += 1`, `x ||= 1`: it throws a ReferenceError instead), nor one at a classic script's
 *    top level (run once, as long-lived as a top-level `var`);
 * 2. a sloppy constructor-style function (it assigns `this.x`) called without `new`, so `this` is the global object;
 * 3. a write to a property of the global object (`globalThis.x =`, `window[key] =`, `Object.assign(global, …)`)
 *    from code that runs repeatedly. One-time set-up at start-up (a polyfill, a UMD export) is fine.
 * Strict code (ES modules, classes, `'use strict'`) throws a ReferenceError for case 1 instead; core `no-undef`
 * covers that, so this rule stays silent there. A `.js` file is judged as Node runs it (src/analysis/module-kind):
 * parsed as a module but CommonJS by its package.json, it is sloppy outside `'use strict'` and classes.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import globals from 'globals';
import { createRule } from '../src/create-rule.js';
import {
  COMMONJS_NAMES,
  enclosingFunction,
  isFunction,
  mentionsCommonJs,
  outermostWrapper,
  propertyName,
  someDescendant,
  staticPath,
  topLevelScope,
  unwrap,
  type FunctionNode,
  GLOBAL_OBJECT_NAMES,
} from '../src/analysis/ast.js';
import { declareAtScopeStart, describeFunction } from '../src/analysis/fixes.js';
import { isStrictAt, runsAsCommonJs } from '../src/analysis/module-kind.js';
import { perCallInputIn, perCallParameters } from '../src/analysis/per-call.js';
import { analyseRepetition, type RepetitionAnalysis } from '../src/analysis/repetition.js';
import { thisFunction } from '../src/analysis/owners.js';

/** The names of the global object, as an array: iterated once per file, which a set's iterator makes slower. */
const GLOBAL_OBJECT_NAME_LIST = [...GLOBAL_OBJECT_NAMES];

/** Globals every JavaScript host already has: writing them replaces a global, it does not create one. */
const HOST_GLOBALS = new Set(Object.keys({ ...globals.builtin, ...globals.node, ...globals['shared-node-browser'] }));

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
        '`{{target}}` stores `{{input}}`, per-call data of {{scope}}, on the global object, which keeps it alive for the whole process; {{scope}} runs repeatedly.',
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
    let repetition: RepetitionAnalysis | null = null; // made on the first write to the global object: most files have none
    /** Constructor-style functions: the first `this.x` each one assigns, and whether it guards with `instanceof`. */
    const thisWrites = new Map<FunctionNode, string>();
    const instanceofGuarded = new Set<FunctionNode>();
    const globalScope = sourceCode.scopeManager?.globalScope;
    const topLevel = topLevelScope(sourceCode);
    // A `.js` file ESLint parsed as an ES module but Node runs as CommonJS: strict only where its text says so.
    const commonJs = runsAsCommonJs(sourceCode, context.physicalFilename);
    const isStrict = (scope: TSESLint.Scope.Scope, node: TSESTree.Node): boolean =>
      commonJs ? isStrictAt(node) : scope.isStrict;
    // The top level of a classic script runs once, and there a write is a global as its `var` would be.
    const isScriptTopLevel = (scope: TSESLint.Scope.Scope): boolean =>
      scope.type === 'global' && globalScope !== undefined && globalScope !== null && !mentionsCommonJs(globalScope);

    function reportUndeclaredWrites(): void {
      const reported = new Set<string>();
      for (const reference of sourceCode.scopeManager?.globalScope?.through ?? []) {
        const { identifier, from } = reference;
        if (!reference.isWrite() || identifier.type !== AST_NODE_TYPES.Identifier) continue;
        if (readsFirst(identifier) || isStrict(from, identifier) || isScriptTopLevel(from.variableScope)) continue;
        const name = identifier.name;
        // `exports = module.exports = x` is an export, not a leak.
        if (COMMONJS_NAMES.has(name) || HOST_GLOBALS.has(name) || allowed.has(name)) continue;
        const write = identifier.parent?.type === AST_NODE_TYPES.AssignmentExpression ? identifier.parent : identifier;
        const isTarget = (node: TSESTree.Node): boolean =>
          node.type === AST_NODE_TYPES.Identifier && node.name === name;
        if (isGuardedInstall(sourceCode, write, isTarget)) continue; // a shim: `if (typeof console === 'undefined') console = …`
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
        if (instanceofGuarded.has(fn) || isStrict(sourceCode.getScope(fn), fn.body)) continue;
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
            // `new` cannot take an optional call (`new f?.()` does not parse): no suggestion for `f?.()`.
            suggest: call.optional
              ? []
              : [
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

    /**
     * A write to the global object from repeated code leaks when it stores that call's own data there. Under a key
     * taken from the parameters (`globalThis[req.url] = …`) it keeps one value per key. Under a fixed name it keeps
     * the latest value, which matters for a request or event a handler receives (`global.lastRequest = req`), not
     * for a helper that sets a mock (`window.innerWidth = width` in a test) or patches a global with a fixed value.
     */
    function checkGlobalObjectWrite(
      write: TSESTree.Node,
      globalObject: TSESTree.Identifier,
      stored: TSESTree.Node[],
      target: string,
      perKey: boolean,
    ): void {
      const fn = enclosingFunction(write);
      if (!fn) return; // module top level runs once
      repetition ??= analyseRepetition(sourceCode);
      const runs = repetition.repetitionOf(write).kind;
      if (runs === 'once' || (!perKey && runs !== 'per-event')) return;
      const parameters = perCallParameters(sourceCode, fn);
      const input = stored.map((node) => perCallInputIn(sourceCode, node, parameters)).find((found) => found !== null);
      if (!input) return;
      context.report({
        node: write,
        messageId: 'globalPropertyWrite',
        data: { target, input: input.name, scope: describeFunction(fn) },
      });
    }

    function checkMemberWrite(
      write: TSESTree.AssignmentExpression | TSESTree.UpdateExpression,
      member: TSESTree.MemberExpression,
      object: TSESTree.Identifier,
    ): void {
      const property = propertyName(member);
      if (property !== null && allowed.has(property)) return;
      const path = staticPath(member);
      const isTarget = (node: TSESTree.Node): boolean =>
        node.type === AST_NODE_TYPES.MemberExpression && staticPath(node) === path;
      if (path !== null && isGuardedInstall(sourceCode, write, isTarget)) return;
      if (isKeyCopyLoop(member)) return;
      const stored: TSESTree.Node[] = member.computed ? [member.property] : [];
      if (write.type === AST_NODE_TYPES.AssignmentExpression) stored.push(write.right);
      checkGlobalObjectWrite(
        write,
        object,
        stored,
        property === null ? `${object.name}[…]` : `${object.name}.${property}`,
        member.computed && property === null,
      );
    }

    /** A use of a global object name that writes through it: `global.x = …`, `Object.assign(globalThis, …)`. */
    function checkGlobalObjectUse(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): void {
      if (identifier.type !== AST_NODE_TYPES.Identifier) return;
      const object = outermostWrapper(identifier);
      const parent = object.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === object) {
        const member = outermostWrapper(parent);
        const write = member.parent;
        if (
          (write?.type === AST_NODE_TYPES.AssignmentExpression && write.left === member) ||
          (write?.type === AST_NODE_TYPES.UpdateExpression && write.argument === member)
        ) {
          checkMemberWrite(write, parent, identifier);
        }
      } else if (
        parent?.type === AST_NODE_TYPES.CallExpression &&
        parent.arguments[0] === object &&
        staticPath(unwrap(parent.callee)) === 'Object.assign'
      ) {
        checkGlobalObjectWrite(
          parent,
          identifier,
          parent.arguments.slice(1),
          `Object.assign(${identifier.name}, …)`,
          false,
        );
      }
    }

    const strictFile = topLevel !== null && isStrict(topLevel, sourceCode.ast);
    const checks = {
      'Program:exit'() {
        // In strict code an undeclared write throws, and every scope of a strict file is strict.
        if (!strictFile) reportUndeclaredWrites();
        if (thisWrites.size > 0) reportConstructorsCalledWithoutNew(); // most files: no sloppy function assigns `this.x`
        for (const identifier of globalObjectUses(sourceCode)) checkGlobalObjectUse(identifier);
      },
    };
    // `this` is the global object only in a sloppy function called without `new`: a strict file needs no more.
    if (strictFile) return checks;
    // Selectors, so that the rule is not called for every assignment in the file.
    return {
      ...checks,
      'AssignmentExpression[left.type="MemberExpression"][left.object.type="ThisExpression"]'(
        node: TSESTree.AssignmentExpression,
      ) {
        const fn = plainFunctionThis(node);
        if (fn && !thisWrites.has(fn))
          thisWrites.set(fn, propertyName(node.left as TSESTree.MemberExpression) ?? '[…]');
      },
      'BinaryExpression[operator="instanceof"][left.type="ThisExpression"]'(node: TSESTree.BinaryExpression) {
        const fn = plainFunctionThis(node);
        if (fn) instanceofGuarded.add(fn);
      },
    };
  },
});

/**
 * The uses of the global object's names, found from their references rather than by visiting every assignment and
 * call: the unresolved ones, then those of a declared global that only the environment defines. Most files have none.
 */
function globalObjectUses(sourceCode: Readonly<TSESLint.SourceCode>): (TSESTree.Identifier | TSESTree.JSXIdentifier)[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  const uses: (TSESTree.Identifier | TSESTree.JSXIdentifier)[] = [];
  if (!globalScope) return uses;
  for (const { identifier } of globalScope.through) {
    if (GLOBAL_OBJECT_NAMES.has(identifier.name)) uses.push(identifier);
  }
  for (const name of GLOBAL_OBJECT_NAME_LIST) {
    const variable = globalScope.set.get(name);
    if (variable && variable.defs.length === 0) {
      for (const { identifier } of variable.references) uses.push(identifier);
    }
  }
  return uses;
}

/**
 * `x++`, `x += 1`, `x ||= 1`: the write reads the name first, so an undeclared one throws a ReferenceError, in sloppy
 * code too, and creates nothing.
 */
function readsFirst(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  return (
    parent?.type === AST_NODE_TYPES.UpdateExpression ||
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === identifier && parent.operator !== '=')
  );
}

/** The name a plain call would use: `function Foo() {}` or `var Foo = function () {}`. */
function constructorBinding(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id;
  const parent = fn.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === fn &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.id;
  }
  return null;
}

/**
 * An install-once write: `x = x || …`, `x ??= …`, or a write under a test of the same target (`if (!global.x)`,
 * `if (typeof console === 'undefined')`). It stores one value for the process, not one per call.
 */
function isGuardedInstall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  write: TSESTree.Node,
  isTarget: (node: TSESTree.Node) => boolean,
): boolean {
  const mentionsTarget = (node: TSESTree.Node): boolean => someDescendant(sourceCode, node, isTarget);
  if (write.type === AST_NODE_TYPES.AssignmentExpression) {
    if (write.operator === '||=' || write.operator === '??=') return true;
    const right = unwrap(write.right);
    if (right.type === AST_NODE_TYPES.LogicalExpression && mentionsTarget(right.left)) return true;
    if (right.type === AST_NODE_TYPES.ConditionalExpression && mentionsTarget(right.test)) return true;
  }
  for (
    let child: TSESTree.Node = write, current = write.parent;
    current && !isFunction(current);
    child = current, current = current.parent
  ) {
    const test =
      current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression
        ? current.test
        : current.type === AST_NODE_TYPES.LogicalExpression && current.right === child
          ? current.left
          : null;
    if (test && test !== child && mentionsTarget(test)) return true;
  }
  return false;
}

/** `for (const key in defines) globalThis[key] = defines[key]`: installs a fixed set of names, however often it runs. */
function isKeyCopyLoop(member: TSESTree.MemberExpression): boolean {
  const key = member.computed ? unwrap(member.property) : null;
  if (key?.type !== AST_NODE_TYPES.Identifier) return false;
  for (
    let current: TSESTree.Node | undefined = member.parent;
    current && !isFunction(current);
    current = current.parent
  ) {
    if (current.type !== AST_NODE_TYPES.ForInStatement && current.type !== AST_NODE_TYPES.ForOfStatement) continue;
    const left =
      current.left.type === AST_NODE_TYPES.VariableDeclaration ? current.left.declarations[0]?.id : current.left;
    if (left?.type === AST_NODE_TYPES.Identifier && left.name === key.name) return true;
  }
  return false;
}

/** The non-arrow function, not a method, whose `this` a node sees; null at top level or in a class (strict anyway). */
function plainFunctionThis(node: TSESTree.Node): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | null {
  const fn = thisFunction(node);
  return fn && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.parent?.type !== AST_NODE_TYPES.MethodDefinition
    ? fn
    : null;
}

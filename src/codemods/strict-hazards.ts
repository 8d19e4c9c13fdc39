/**
 * strict-hazards: the places in sloppy code where adding `'use strict'` would break the file or change what it does.
 * An ESLint rule for the strict-mode codemod's own use (not shipped in the plugin's configs): it runs in the same
 * Linter pass as no-implicit-global, and every report is one reason to leave the file alone.
 *
 * Syntax strict mode forbids (the file would no longer load):
 * - `with`; legacy octal literals (`010`, `09`) and octal escapes (`'\01'`, `'\8'`); duplicate parameter names;
 *   `delete x` of a plain name; `eval`/`arguments` assigned or declared; strict-reserved words (`let`, `static`,
 *   `yield`, `implements`, `interface`, `package`, `private`, `protected`, `public`) used as names or labels.
 * Code that would throw or behave differently:
 * - `arguments.callee`/`arguments.caller`, and `f.caller`/`f.arguments` of a function of the file: a TypeError;
 * - an assignment to `undefined`, `NaN` or `Infinity`, or to `f.name`/`f.length` of a function or class of the file:
 *   ignored in sloppy code, a TypeError in strict code;
 * - a write to (or `delete` of) a property of a Node core module (`fs.promises = fs.promises || {}`, with
 *   `const fs = require('fs')`, or `require('http').x = …`) that the running Node defines without a setter or
 *   read-only: ignored in sloppy code, a TypeError in strict code (nyc's require hook in log4js-node did this);
 * - a write to a name nothing declares: a ReferenceError. Reported once per name; the codemod keeps this report only
 *   for names no-implicit-global leaves alone (a guarded install, `if (typeof x === 'undefined') x = …`), and reads
 *   that rule's own reports as implicit globals, which `--declare` can declare;
 * - `this` in a function called without a receiver (`(function () { return this })()`, `f()`): `undefined`
 *   instead of the global object, unless the function tests `this instanceof`;
 * - a function declared in a block and used outside it: strict mode scopes it to the block;
 * - a direct `eval(…)`: the evaluated code's declarations no longer reach the caller's scope;
 * - a function that both changes a parameter (or `arguments[i]`) and reads `arguments` beyond `.length`: the two no
 *   longer mirror each other.
 * Only code that is sloppy now counts: ES module code, classes and functions with their own `'use strict'` are left out.
 */
import { builtinModules, createRequire } from 'node:module';
import { AST_NODE_TYPES, ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  contains,
  enclosingFunctionOrProgram,
  isFunction,
  propertyName,
  resolve,
  unwrap,
  type FunctionNode,
} from '../analysis/ast.js';
import { describeFunction } from '../analysis/fixes.js';
import { thisFunction } from '../analysis/owners.js';

type MessageIds =
  | 'with'
  | 'legacyOctal'
  | 'octalEscape'
  | 'duplicateParameter'
  | 'deleteIdentifier'
  | 'evalOrArgumentsWrite'
  | 'evalOrArgumentsBinding'
  | 'reservedWord'
  | 'argumentsCallee'
  | 'functionCaller'
  | 'functionReadonly'
  | 'readonlyGlobal'
  | 'coreModuleWrite'
  | 'undeclaredWrite'
  | 'thisWithoutReceiver'
  | 'blockFunction'
  | 'directEval'
  | 'argumentsAlias';

/** Words that are identifiers in sloppy code and reserved in strict code. */
const STRICT_RESERVED = new Set([
  'implements',
  'interface',
  'let',
  'package',
  'private',
  'protected',
  'public',
  'static',
  'yield',
]);
const EVAL_OR_ARGUMENTS = new Set(['eval', 'arguments']);
const READONLY_GLOBALS = new Set(['undefined', 'NaN', 'Infinity']);
/** Names the CommonJS wrapper declares for every module. */
const COMMONJS_NAMES = new Set(['exports', 'module', 'require', '__filename', '__dirname']);
/** Names the running host already has: writing them replaces a global, it does not create one. */
const HOST_GLOBALS = new Set(Object.getOwnPropertyNames(globalThis));

export default ESLintUtils.RuleCreator.withoutDocs<[], MessageIds>({
  meta: {
    type: 'problem',
    messages: {
      with: 'a `with` statement, which strict mode forbids',
      legacyOctal: 'the legacy octal literal `{{raw}}`, which strict mode forbids',
      octalEscape: 'an octal escape in {{raw}}, which strict mode forbids',
      duplicateParameter: 'the parameter `{{name}}` twice in {{fn}}, which strict mode forbids',
      deleteIdentifier: '`delete {{name}}` of a plain name, which strict mode forbids',
      evalOrArgumentsWrite: 'an assignment to `{{name}}`, which strict mode forbids',
      evalOrArgumentsBinding: '`{{name}}` declared as a name, which strict mode forbids',
      reservedWord: '`{{name}}` used as a name; strict mode reserves it',
      argumentsCallee: '`arguments.{{property}}`, which throws a TypeError in strict mode',
      functionCaller: '`{{name}}.{{property}}`, which throws a TypeError once `{{name}}` is strict',
      functionReadonly:
        'an assignment to `{{name}}.{{property}}`, which a function does not let change: ignored in sloppy code, a TypeError in strict code',
      readonlyGlobal: 'an assignment to `{{name}}`, which throws a TypeError in strict mode',
      coreModuleWrite:
        "{{action}} `{{code}}`, a property of Node's `{{module}}` module that {{what}}: ignored in sloppy code, a TypeError in strict code",
      undeclaredWrite:
        'a write to the undeclared global `{{name}}`, which throws a ReferenceError in strict mode unless the host already defines it',
      thisWithoutReceiver:
        '`this` in {{fn}}, which is called without a receiver at line {{callLine}}: strict mode makes it `undefined` instead of the global object',
      blockFunction:
        'the function `{{name}}` declared in a block and used outside it at line {{useLine}}: strict mode scopes it to the block',
      directEval: "a direct `eval()`: in strict mode the evaluated code's declarations stay inside it",
      argumentsAlias:
        '{{fn}} both changes a parameter and reads `arguments` (line {{useLine}}): in strict mode they no longer mirror each other',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const sloppy = (node: TSESTree.Node): boolean => !sourceCode.getScope(node).isStrict;
    /** Non-arrow functions whose own `this` is used, and those that test `this instanceof`. */
    const usesThis = new Map<FunctionNode, TSESTree.ThisExpression>();
    const testsInstance = new Set<FunctionNode>();
    const blockFunctions: TSESTree.FunctionDeclaration[] = [];

    function checkScopes(): void {
      const scopeManager = sourceCode.scopeManager;
      if (!scopeManager) return;
      for (const scope of scopeManager.scopes) {
        if (scope.isStrict) continue;
        for (const variable of scope.variables) {
          const definition = variable.defs[0];
          if (!definition) continue;
          if (EVAL_OR_ARGUMENTS.has(variable.name)) {
            context.report({
              node: definition.name,
              messageId: 'evalOrArgumentsBinding',
              data: { name: variable.name },
            });
          } else if (STRICT_RESERVED.has(variable.name)) {
            context.report({ node: definition.name, messageId: 'reservedWord', data: { name: variable.name } });
          }
        }
        for (const reference of scope.references) {
          const { identifier } = reference;
          const name = identifier.type === AST_NODE_TYPES.Identifier ? identifier.name : '';
          if (reference.isWrite() && !reference.init && EVAL_OR_ARGUMENTS.has(name)) {
            context.report({ node: identifier, messageId: 'evalOrArgumentsWrite', data: { name } });
          } else if (
            STRICT_RESERVED.has(name) &&
            (reference.resolved === null || reference.resolved.defs.length === 0)
          ) {
            // Declared names were reported above, once; an undeclared one is reported at each use.
            context.report({ node: identifier, messageId: 'reservedWord', data: { name } });
          } else if (
            reference.isWrite() &&
            READONLY_GLOBALS.has(name) &&
            (reference.resolved === null || reference.resolved.defs.length === 0)
          ) {
            context.report({ node: identifier, messageId: 'readonlyGlobal', data: { name } });
          }
        }
        if (
          scope.type === 'function' &&
          isFunction(scope.block) &&
          scope.block.type !== AST_NODE_TYPES.ArrowFunctionExpression
        )
          checkArgumentsAlias(scope);
      }
      const commonjs = context.languageOptions.sourceType === 'commonjs';
      const seen = new Set<string>();
      for (const reference of scopeManager.globalScope?.through ?? []) {
        const { identifier } = reference;
        if (!reference.isWrite() || reference.from.isStrict || identifier.type !== AST_NODE_TYPES.Identifier) continue;
        const name = identifier.name;
        if (seen.has(name) || HOST_GLOBALS.has(name) || (commonjs && COMMONJS_NAMES.has(name))) continue;
        if (READONLY_GLOBALS.has(name) || EVAL_OR_ARGUMENTS.has(name) || STRICT_RESERVED.has(name)) continue;
        seen.add(name);
        context.report({ node: identifier, messageId: 'undeclaredWrite', data: { name } });
      }
    }

    /** Sloppy functions with a simple parameter list share their parameters with `arguments`. */
    function checkArgumentsAlias(scope: TSESLint.Scope.Scope): void {
      const fn = scope.block as FunctionNode;
      if (fn.params.length === 0 || !fn.params.every((param) => param.type === AST_NODE_TYPES.Identifier)) return;
      const argumentsVariable = scope.set.get('arguments');
      if (!argumentsVariable || argumentsVariable.references.length === 0) return;
      let readsValues: TSESTree.Node | null = null;
      let writesIndex: TSESTree.Node | null = null;
      for (const reference of argumentsVariable.references) {
        const use = reference.identifier;
        const member = use.parent;
        if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === use) {
          const isLength =
            !member.computed && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'length';
          if (isLength) continue;
          const target = member.parent;
          if (
            (target?.type === AST_NODE_TYPES.AssignmentExpression && target.left === member) ||
            (target?.type === AST_NODE_TYPES.UpdateExpression && target.argument === member)
          ) {
            writesIndex ??= member;
            continue;
          }
        }
        readsValues ??= use;
      }
      const parameterWrite = scope.variables
        .filter((variable) => variable.defs.some((definition) => definition.type === 'Parameter'))
        .flatMap((variable) => variable.references)
        .find((reference) => reference.isWrite() && !reference.init);
      const hazard = writesIndex ?? (parameterWrite && readsValues ? parameterWrite.identifier : null);
      if (!hazard) return;
      const useLine = (readsValues ?? writesIndex ?? hazard).loc.start.line;
      context.report({
        node: hazard,
        messageId: 'argumentsAlias',
        data: { fn: describeFunction(fn), useLine: String(useLine) },
      });
    }

    /** `fs.promises = …`, `delete require('http').x`: a write to a core module's property it cannot take. */
    function checkCoreModuleWrite(node: TSESTree.MemberExpression): void {
      const parent = node.parent;
      const deleted = parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete';
      if (!deleted && !isAssignmentTarget(node)) return;
      const property = propertyName(node);
      if (property === null || !sloppy(node)) return;
      const module = coreModuleOf(node.object);
      const what = module ? unwritableProperty(module, property, deleted) : null;
      if (!module || !what) return;
      context.report({
        node,
        messageId: 'coreModuleWrite',
        data: {
          action: deleted ? 'a `delete` of' : 'an assignment to',
          code: `${sourceCode.getText(node.object).replace(/\s+/g, ' ')}.${property}`,
          module,
          what,
        },
      });
    }

    /** The core module an expression holds: `require('fs')`, or a name only ever bound to it. */
    function coreModuleOf(expression: TSESTree.Node): string | null {
      const value = unwrap(expression);
      if (value.type === AST_NODE_TYPES.CallExpression) return requiredCoreModule(value);
      if (value.type !== AST_NODE_TYPES.Identifier) return null;
      const variable = resolve(sourceCode, value);
      const definition = variable?.defs[0];
      if (
        !variable ||
        variable.defs.length !== 1 ||
        definition?.node.type !== AST_NODE_TYPES.VariableDeclarator ||
        definition.node.id.type !== AST_NODE_TYPES.Identifier ||
        !definition.node.init ||
        variable.references.some((reference) => reference.isWrite() && !reference.init)
      )
        return null;
      const init = unwrap(definition.node.init);
      return init.type === AST_NODE_TYPES.CallExpression ? requiredCoreModule(init) : null;
    }

    /** A call that runs `fn` with no `this`: an IIFE, `.call()`/`.apply()` with no or a nullish receiver, `f()`. */
    function callWithoutReceiver(fn: FunctionNode): TSESTree.Node | null {
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) return parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === fn && isNullishReceiverCall(parent))
        return parent.parent ?? null;
      const name =
        fn.type === AST_NODE_TYPES.FunctionDeclaration
          ? fn.id
          : parent?.type === AST_NODE_TYPES.VariableDeclarator &&
              parent.init === fn &&
              parent.id.type === AST_NODE_TYPES.Identifier
            ? parent.id
            : null;
      if (!name) return null;
      const variable = resolve(sourceCode, name);
      for (const reference of variable?.references ?? []) {
        const use = reference.identifier;
        const user = use.parent;
        if (user?.type === AST_NODE_TYPES.CallExpression && user.callee === use) return user;
        if (user?.type === AST_NODE_TYPES.MemberExpression && user.object === use && isNullishReceiverCall(user))
          return user.parent ?? null;
      }
      return null;
    }

    function checkThis(): void {
      for (const [fn, expression] of usesThis) {
        if (testsInstance.has(fn) || !sloppy(fn)) continue;
        const method = fn.parent;
        if (
          method?.type === AST_NODE_TYPES.MethodDefinition ||
          (method?.type === AST_NODE_TYPES.Property && method.value === fn)
        )
          continue;
        const call = callWithoutReceiver(fn);
        if (!call) continue;
        context.report({
          node: expression,
          messageId: 'thisWithoutReceiver',
          data: { fn: describeFunction(fn), callLine: String(call.loc.end.line) },
        });
      }
    }

    /** Annex B lets a sloppy function declared in a block be called after the block; strict mode does not. */
    function checkBlockFunctions(): void {
      const scopeManager = sourceCode.scopeManager;
      if (!scopeManager || blockFunctions.length === 0) return;
      for (const fn of blockFunctions) {
        const name = fn.id?.name;
        const block = fn.parent;
        if (!name || !block || !sloppy(block)) continue;
        const outer = enclosingFunctionOrProgram(block);
        const use = scopeManager.scopes
          .flatMap((scope) => scope.references)
          .find((reference) => {
            const identifier = reference.identifier;
            if (identifier.type !== AST_NODE_TYPES.Identifier || identifier.name !== name) return false;
            if (reference.resolved !== null && reference.resolved.defs.length > 0) return false;
            return !contains(block, identifier) && contains(outer, identifier);
          });
        if (use)
          context.report({
            node: fn.id ?? fn,
            messageId: 'blockFunction',
            data: { name, useLine: String(use.identifier.loc.start.line) },
          });
      }
    }

    return {
      WithStatement(node) {
        if (sloppy(node)) context.report({ node, messageId: 'with' });
      },
      Literal(node) {
        const raw = node.raw;
        if (typeof node.value === 'number' && /^0\d/.test(raw)) {
          if (sloppy(node)) context.report({ node, messageId: 'legacyOctal', data: { raw } });
        } else if (
          typeof node.value === 'string' &&
          raw.includes('\\') &&
          node.parent?.type !== AST_NODE_TYPES.JSXAttribute &&
          hasOctalEscape(raw)
        ) {
          if (sloppy(node))
            context.report({
              node,
              messageId: 'octalEscape',
              data: { raw: raw.length > 20 ? `${raw.slice(0, 17)}…` : raw },
            });
        }
      },
      'FunctionDeclaration, FunctionExpression'(node: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression) {
        const names = new Set<string>();
        for (const param of node.params) {
          if (param.type !== AST_NODE_TYPES.Identifier) continue;
          if (names.has(param.name)) {
            if (sloppy(node))
              context.report({
                node: param,
                messageId: 'duplicateParameter',
                data: { name: param.name, fn: describeFunction(node) },
              });
            break;
          }
          names.add(param.name);
        }
        const parent = node.parent;
        if (
          node.type === AST_NODE_TYPES.FunctionDeclaration &&
          parent &&
          (parent.type === AST_NODE_TYPES.SwitchCase ||
            parent.type === AST_NODE_TYPES.IfStatement ||
            parent.type === AST_NODE_TYPES.LabeledStatement ||
            (parent.type === AST_NODE_TYPES.BlockStatement && !isFunction(parent.parent)))
        ) {
          blockFunctions.push(node);
        }
      },
      UnaryExpression(node) {
        if (node.operator === 'delete' && node.argument.type === AST_NODE_TYPES.Identifier && sloppy(node)) {
          context.report({ node, messageId: 'deleteIdentifier', data: { name: node.argument.name } });
        }
      },
      LabeledStatement(node) {
        if (STRICT_RESERVED.has(node.label.name) && sloppy(node))
          context.report({ node: node.label, messageId: 'reservedWord', data: { name: node.label.name } });
      },
      MemberExpression(node) {
        checkCoreModuleWrite(node);
        const property = !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : null;
        if (property === null || node.object.type !== AST_NODE_TYPES.Identifier) return;
        if ((property === 'name' || property === 'length') && isAssignmentTarget(node) && sloppy(node)) {
          const target = resolve(sourceCode, node.object);
          const definition = target?.defs[0];
          const isFunctionOrClass =
            definition?.type === 'FunctionName' ||
            definition?.type === 'ClassName' ||
            (definition?.node.type === AST_NODE_TYPES.VariableDeclarator &&
              definition.node.init != null &&
              (isFunction(definition.node.init) || definition.node.init.type === AST_NODE_TYPES.ClassExpression) &&
              target?.references.every((reference) => reference.init || !reference.isWrite()));
          if (isFunctionOrClass)
            context.report({ node, messageId: 'functionReadonly', data: { name: node.object.name, property } });
          return;
        }
        if (property !== 'callee' && property !== 'caller' && property !== 'arguments') return;
        const variable = resolve(sourceCode, node.object);
        if (node.object.name === 'arguments' && property !== 'arguments') {
          // The implicit `arguments` of a sloppy function (not a variable someone named `arguments`).
          if (
            variable &&
            variable.defs.length === 0 &&
            variable.scope.type === 'function' &&
            !variable.scope.isStrict
          ) {
            context.report({ node, messageId: 'argumentsCallee', data: { property } });
          }
          return;
        }
        if (property === 'callee' || !variable) return;
        const definition = variable.defs[0];
        const fn =
          definition?.type === 'FunctionName'
            ? definition.node
            : definition?.node.type === AST_NODE_TYPES.VariableDeclarator &&
                definition.node.init &&
                isFunction(definition.node.init)
              ? definition.node.init
              : null;
        if (fn && isFunction(fn) && sloppy(fn.body)) {
          context.report({ node, messageId: 'functionCaller', data: { name: node.object.name, property } });
        }
      },
      CallExpression(node) {
        if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'eval') return;
        const variable = resolve(sourceCode, node.callee);
        if ((variable === null || variable.defs.length === 0) && sloppy(node))
          context.report({ node, messageId: 'directEval' });
      },
      ThisExpression(node) {
        const fn = thisFunction(node);
        if (!fn) return;
        const parent = node.parent;
        if (
          parent?.type === AST_NODE_TYPES.BinaryExpression &&
          parent.operator === 'instanceof' &&
          parent.left === node
        )
          testsInstance.add(fn);
        else if (!usesThis.has(fn)) usesThis.set(fn, node);
      },
      'Program:exit'() {
        checkScopes();
        checkThis();
        checkBlockFunctions();
      },
    };
  },
});

const CORE_MODULES = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));
/** Core modules that warn when loaded (deprecated): their properties are not looked at. */
const DEPRECATED_MODULES = new Set(['punycode', 'sys']);
const requireBuiltin = createRequire(import.meta.url);

/** `require('fs')`, `require('node:fs')`: the core module's name without `node:`, or null. */
function requiredCoreModule(call: TSESTree.CallExpression): string | null {
  const argument = call.arguments[0];
  if (
    call.callee.type !== AST_NODE_TYPES.Identifier ||
    call.callee.name !== 'require' ||
    call.arguments.length !== 1 ||
    argument?.type !== AST_NODE_TYPES.Literal ||
    typeof argument.value !== 'string'
  )
    return null;
  const name = argument.value.replace(/^node:/, '');
  return CORE_MODULES.has(name) && !DEPRECATED_MODULES.has(name) ? name : null;
}

/**
 * Why strict code cannot write (or delete) the property of the core module, as the running Node defines it: "has
 * only a getter", "is read-only", "cannot be deleted"; null when the write is allowed.
 */
function unwritableProperty(module: string, property: string, deleted: boolean): string | null {
  let exports: unknown;
  try {
    exports = requireBuiltin(`node:${module}`);
  } catch {
    return null;
  }
  if ((typeof exports !== 'object' && typeof exports !== 'function') || exports === null) return null;
  const descriptor = Object.getOwnPropertyDescriptor(exports, property);
  if (!descriptor) return Object.isExtensible(exports) || deleted ? null : 'cannot be added';
  if (deleted) return descriptor.configurable ? null : 'cannot be deleted';
  if (descriptor.get && !descriptor.set) return 'has only a getter';
  if ('value' in descriptor && descriptor.writable === false) return 'is read-only';
  return null;
}

/** `f.call()`, `f.call(null, …)`, `f.apply(undefined, …)`: a call whose `this` is the global object in sloppy code. */
function isNullishReceiverCall(member: TSESTree.MemberExpression): boolean {
  const method = !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : null;
  const call = member.parent;
  if (
    (method !== 'call' && method !== 'apply') ||
    call?.type !== AST_NODE_TYPES.CallExpression ||
    call.callee !== member
  )
    return false;
  const receiver = call.arguments[0];
  if (!receiver) return true;
  if (receiver.type === AST_NODE_TYPES.Literal) return receiver.value === null;
  if (receiver.type === AST_NODE_TYPES.Identifier) return receiver.name === 'undefined';
  return receiver.type === AST_NODE_TYPES.UnaryExpression && receiver.operator === 'void';
}

/** `x.name = …`, `x.name += …`, `x.name++`. */
function isAssignmentTarget(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return (
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) ||
    (parent?.type === AST_NODE_TYPES.UpdateExpression && parent.argument === member)
  );
}

/** Whether a string literal's source has an octal escape (`\1`, `\01`) or a `\8`/`\9`: `\0` alone is fine. */
export function hasOctalEscape(raw: string): boolean {
  for (let index = 0; index < raw.length; index++) {
    if (raw[index] !== '\\') continue;
    const next = raw[index + 1] ?? '';
    if (/[1-9]/.test(next)) return true;
    if (next === '0' && /\d/.test(raw[index + 2] ?? '')) return true;
    index++; // skip the escaped character, so `\\1` is a backslash and a 1
  }
  return false;
}

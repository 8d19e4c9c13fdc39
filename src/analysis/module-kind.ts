/**
 * Whether code is strict as Node will run it, which is not always how ESLint parsed it. ESLint parses every `.js`
 * file as an ES module unless its config says otherwise, so in a CommonJS package its scopes call the whole file
 * strict, while Node runs the same file as a sloppy CommonJS module. Node decides this way (20.19 and later):
 * - `.cjs` is CommonJS;
 * - `.js` follows the nearest package.json's `"type"`: `"module"` makes it an ES module, `"commonjs"` CommonJS, and
 *   with no `"type"` a file with ES module syntax (`import`/`export` declarations, `import.meta`, top-level `await`)
 *   is an ES module and any other file CommonJS;
 * - a `.js` file under `"type": "commonjs"` that has ES module syntax fails to load at all, so it is left as parsed.
 * Everything else (`.mjs`, TypeScript, a file without a name) keeps the strictness its parser gave it.
 */
import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createModuleKindLookup } from '../cli/package-type.js';
import { directives, isFunction, pushChildren, topLevelScope } from './ast.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const moduleKinds = createModuleKindLookup();

/**
 * True when the parser made the file strict (an ES module) but Node runs it as a CommonJS module, whose code is sloppy
 * unless a `'use strict'` directive or a class says otherwise: then ask `isStrictAt`, not the scopes. Not cached per
 * file: its one caller asks once, and a cache keyed by the program cost more than the answer.
 */
export function runsAsCommonJs(sourceCode: SourceCode, filename: string): boolean {
  const topLevel = topLevelScope(sourceCode);
  if (!topLevel || topLevel.type !== 'module') return false; // parsed as a script or CommonJS: its scopes are right
  const extension = path.extname(filename);
  if (extension === '.cjs') return !hasModuleSyntax(sourceCode);
  if (extension !== '.js') return false;
  // A file with ES module syntax is an ES module whatever its package says. Its import and export declarations come
  // first, as the first statements of most modules: a look at the top level, cheaper than the package lookup (which
  // resolves the file's path), which in turn is cheaper than the text and `await` checks.
  if (hasModuleDeclarations(sourceCode)) return false;
  try {
    if (moduleKinds(filename) === 'module') return false;
  } catch {
    return false; // an unreadable directory: keep the parser's view
  }
  return !hasModuleExpressions(sourceCode);
}

/** `import`/`export` declarations, `import.meta`, or `await` outside any function. */
function hasModuleSyntax(sourceCode: SourceCode): boolean {
  return hasModuleDeclarations(sourceCode) || hasModuleExpressions(sourceCode);
}

function hasModuleDeclarations(sourceCode: SourceCode): boolean {
  return sourceCode.ast.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration,
  );
}

/** `import.meta`, or `await` outside any function. */
function hasModuleExpressions(sourceCode: SourceCode): boolean {
  const body = sourceCode.ast.body;
  const text = sourceCode.text;
  // `import.meta` may be in a string: then an ES module is the quiet guess. The literal first: a cheaper search.
  if (text.includes('import') && /\bimport\s*\.\s*meta\b/.test(text)) return true;
  if (!/\bawait\b/.test(text)) return false;
  const pending: TSESTree.Node[] = [...body];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) return true;
    if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) return true;
    if (!isFunction(node)) pushChildren(sourceCode, node, pending);
  }
  return false;
}

/** Strict by its own text: inside a class, or under a `'use strict'` directive of an enclosing function or the file. */
export function isStrictAt(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return true;
    if (current.type === AST_NODE_TYPES.Program) return directives(current.body).includes('use strict');
    if (isFunction(current) && current.body.type === AST_NODE_TYPES.BlockStatement) {
      if (directives(current.body.body).includes('use strict')) return true;
    }
  }
  return false;
}

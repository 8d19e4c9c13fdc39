#!/usr/bin/env node
// `npm run new-rule <name> [-- --no-docs]`: scaffolds a rule so that every invariant test passes from its first
// commit. It writes rules/<name>.ts, test/rules/<name>.test.ts, docs/rules/<name>.md and examples/proofs/<name>/
// (leaky.cjs, fixed.cjs, proof.json), registers the rule in src/index.ts, and (unless --no-docs) runs `npm run docs`
// so that the docs header and the README's rule list follow. The scaffold is a working placeholder: a module-level
// array pushed to from a function. Replace its detection, examples and docs with the rule's own.
// `--root <dir>` writes into another checkout (the tests use a temporary copy).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const rootIndex = args.indexOf('--root');
const root = rootIndex >= 0 ? args[rootIndex + 1] : join(dirname(fileURLToPath(import.meta.url)), '..');
const name = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--root');

function fail(message) {
  process.stderr.write(`new-rule: ${message}\n`);
  process.exit(2);
}

if (!name) fail('usage: npm run new-rule <name>, for example npm run new-rule no-leaked-observer');
if (!/^no-[a-z]+(-[a-z]+)*$/.test(name)) fail(`"${name}" is not a rule name: kebab-case, starting with no-`);
const camel = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const files = {
  rule: join(root, 'rules', `${name}.ts`),
  test: join(root, 'test', 'rules', `${name}.test.ts`),
  docs: join(root, 'docs', 'rules', `${name}.md`),
  leaky: join(root, 'examples', 'proofs', name, 'leaky.cjs'),
  fixed: join(root, 'examples', 'proofs', name, 'fixed.cjs'),
  proof: join(root, 'examples', 'proofs', name, 'proof.json'),
};
for (const path of Object.values(files)) if (existsSync(path)) fail(`${path} exists already`);
const indexPath = join(root, 'src', 'index.ts');
const index = readFileSync(indexPath, 'utf8');
if (index.includes(`'${name}':`)) fail(`src/index.ts registers ${name} already`);

const leaky = `// ❌ every call adds an entry to \`kept\`, a module-level array that nothing empties,
// so each call's entry stays alive for the life of the process
const kept = [];

function handle() {
  kept.push({ at: Date.now(), payload: new Array(100).fill(0) });
  return kept.length;
}

module.exports = handle;
`;
const fixed = `// ✅ the entry lives only as long as the call that made it
function handle() {
  const entry = { at: Date.now(), payload: new Array(100).fill(0) };
  return entry.payload.length;
}

module.exports = handle;
`;

const rule = `/**
 * ${name}: TODO, what leaks, kept alive by what.
 *
 * Reported: TODO. The scaffold reports a module-level array pushed to from inside a function: replace it with the
 * rule's own registration, growth or release questions, answered through src/analysis (see CONTRIBUTING.md).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { enclosingFunction, isModuleScope, propertyName, resolve, unwrap } from '../src/analysis/ast.js';

type MessageIds = 'kept';

export default createRule<[], MessageIds>({
  name: '${name}',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow TODO (a new rule: describe what it keeps alive).',
      recommended: 'strict',
      requiresTypeChecking: false,
    },
    messages: {
      kept: '\`{{name}}\` is a module-level array that grows on every call of the function that pushes to it, and nothing empties it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    // Prefilter: a file that cannot contain the pattern costs one text search.
    if (!sourceCode.text.includes('.push(')) return {};
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'push') return;
        const array = unwrap(callee.object);
        if (array.type !== AST_NODE_TYPES.Identifier || enclosingFunction(node) === null) return;
        const variable = resolve(sourceCode, array);
        if (!variable || variable.defs.length === 0 || !isModuleScope(variable.scope)) return;
        context.report({ node: array, messageId: 'kept', data: { name: array.name } });
      },
    };
  },
});
`;

/** `code` as an outdent template literal whose lines sit `depth` spaces in, the closing backtick two spaces less. */
const indented = (code, depth) => {
  const pad = ' '.repeat(depth);
  const escaped = code.trimEnd().replace(/[\\`]|\$\{/g, (match) => `\\${match}`);
  const lines = escaped.split('\n').map((line) => (line === '' ? '' : pad + line));
  return `outdent\`\n${lines.join('\n')}\n${' '.repeat(depth - 2)}\``;
};
const test = `import { outdent } from 'outdent';
import rule from '../../rules/${name}.js';
import { commonjsTester } from './tester.js';

commonjsTester.run('${name}', rule, {
  valid: [
    // The fix: the entry lives in the call.
    ${indented(fixed, 6)},
    // Start-up code runs once.
    'const kept = [];\\nkept.push(1);',
  ],
  invalid: [
    {
      code: ${indented(leaky, 8)},
      errors: [{ messageId: 'kept', data: { name: 'kept' }, line: 6, column: 3 }],
    },
  ],
});
`;

const docs = `# leakproof/${name}

<!-- end auto-generated rule header -->

TODO: what leaks, what keeps it alive, and why the garbage collector cannot free it.

## Examples

\`\`\`js
${leaky.trimEnd()}
\`\`\`

\`\`\`js
${fixed.trimEnd()}
\`\`\`
`;

// Register the rule: the import after the last rule import, the entry in the rules object, both in name order.
const imports = [...index.matchAll(/^import (\w+) from '\.\.\/rules\/([\w-]+)\.js';$/gm)];
const entries = [...index.matchAll(/^ {2}'([\w-]+)': (\w+),$/gm)];
if (imports.length === 0 || entries.length === 0) fail('src/index.ts: no rule imports or rules object found');
const importLine = `import ${camel} from '../rules/${name}.js';`;
const entryLine = `  '${name}': ${camel},`;
const insertSorted = (text, matches, key, line) => {
  const after = matches.filter((m) => m[key] < name).pop() ?? null;
  const at = after ? after.index + after[0].length + 1 : matches[0].index;
  return text.slice(0, at) + line + '\n' + text.slice(at);
};
let registered = insertSorted(index, imports, 2, importLine);
registered = insertSorted(registered, [...registered.matchAll(/^ {2}'([\w-]+)': (\w+),$/gm)], 1, entryLine);

mkdirSync(dirname(files.leaky), { recursive: true });
writeFileSync(files.rule, rule);
writeFileSync(files.test, test);
writeFileSync(files.docs, docs);
writeFileSync(files.leaky, leaky);
writeFileSync(files.fixed, fixed);
writeFileSync(
  files.proof,
  `${JSON.stringify({ mode: 'function', export: 'default', verdict: 'leak', identifier: 'kept' })}\n`,
);
writeFileSync(indexPath, registered);
// The project's formatter has the last word on layout.
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'),
    '--write',
    '--log-level',
    'warn',
    ...Object.values(files),
    indexPath,
  ],
  { cwd: root, stdio: 'inherit' },
);
process.stdout.write(
  `new-rule: wrote rules/${name}.ts, test/rules/${name}.test.ts, docs/rules/${name}.md and examples/proofs/${name}/; registered it in src/index.ts\n`,
);
if (!args.includes('--no-docs')) execFileSync('npm', ['run', 'docs', '--silent'], { cwd: root, stdio: 'inherit' });

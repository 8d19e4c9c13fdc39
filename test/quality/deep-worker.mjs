// Runs in a worker thread with a large stack (see hostile.test.ts): the parsers and ESLint's own scope analysis and
// traversal recurse once per level of nesting, so 5,000 levels need more than Node's default stack before a rule
// ever runs. Given that stack, every rule of configs.all and both codemods must run on each deep program without an
// exception. Uses the built plugin (dist/), which `npm test` builds first.
import { parentPort, workerData } from 'node:worker_threads';
import * as typescriptParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { DEEP_SHAPES } from '../../bench/lib/hostile.js';
import { codemod as clearInterval } from '../../dist/codemods/clear-interval.js';
import { codemod as strictMode } from '../../dist/codemods/strict-mode.js';
import plugin from '../../dist/src/index.js';

const { depth, shapes } = workerData;
const linter = new Linter({ configType: 'flat' });
const config = (parser, withRules = true) => [
  {
    files: ['**/*.js'],
    ...(withRules ? { plugins: { leakproof: plugin }, rules: plugin.configs.all.rules } : {}),
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'commonjs',
      ...(parser === 'typescript' ? { parser: typescriptParser } : {}),
    },
  },
];
const fatalOf = (messages) => messages.find((message) => message.fatal)?.message ?? null;
const firstLines = (error) =>
  String(error?.stack ?? error)
    .split('\n')
    .slice(0, 8)
    .join('\n');

const results = [];
const problems = [];
for (const shape of shapes) {
  const text = DEEP_SHAPES[shape](depth);
  for (const parser of ['espree', 'typescript']) {
    const where = `${shape} ×${depth} [${parser}]`;
    const started = performance.now();
    let findings = 0;
    try {
      const messages = linter.verify(text, config(parser, true), 'deep.js');
      // A parse error here means the worker's stack is too small for the parser: the test would prove nothing.
      const fatal = fatalOf(messages);
      if (fatal !== null)
        problems.push(`${where}: fatal (is the worker's stack too small for ESLint itself?): ${fatal}`);
      findings = messages.filter((message) => message.ruleId?.startsWith('leakproof/')).length;
    } catch (error) {
      problems.push(`${where}: verify threw: ${firstLines(error)}`);
    }
    results.push({ shape, parser, ms: Math.round(performance.now() - started), findings });
  }
  for (const [codemod, options] of [
    [strictMode, {}],
    [clearInterval, {}],
  ]) {
    const where = `${shape} ×${depth} [${codemod.name}${options.declare ? ' --declare' : ''}]`;
    try {
      const first = codemod.run(text, '/virtual/deep.cjs', options);
      if (first.status !== 'changed') continue;
      const error = fatalOf(linter.verify(first.output, config('espree', false), 'deep.js'));
      if (error !== null) problems.push(`${where}: the output does not parse: ${error}`);
      if (codemod.run(first.output, '/virtual/deep.cjs', options).output !== first.output)
        problems.push(`${where}: a second run changed the output`);
    } catch (error) {
      problems.push(`${where}: threw: ${firstLines(error)}`);
    }
  }
}
parentPort.postMessage({ results, problems });

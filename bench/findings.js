#!/usr/bin/env node
// Lints the JavaScript installed in node_modules with leakproof's rules and prints every finding, for reading by a
// person: `npm run build && node bench/findings.js [rule] [--parser typescript]`. Deterministic: files sorted by path.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import plugin from '../dist/src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const parserIndex = process.argv.indexOf('--parser');
const parser = parserIndex > 0 && process.argv[parserIndex + 1] === 'typescript' ? typescriptParser : undefined;
const [ruleFilter] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--parser');

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.(c|m)?js$/.test(entry.name) && !entry.name.endsWith('.min.js')) yield path;
  }
}

const typeCache = new Map();
function packageType(dir) {
  if (typeCache.has(dir)) return typeCache.get(dir);
  let type;
  try {
    type = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type ?? 'commonjs';
  } catch {
    const parent = dirname(dir);
    type = parent === dir ? 'commonjs' : packageType(parent);
  }
  typeCache.set(dir, type);
  return type;
}

const linter = new Linter({ configType: 'flat' });
const rules = Object.fromEntries(
  Object.keys(plugin.rules)
    .filter((n) => !ruleFilter || n === ruleFilter)
    .map((n) => [`leakproof/${n}`, 'error']),
);
let files = 0;
let findings = 0;
let parseErrors = 0;
const byRule = {};
const started = process.hrtime.bigint();
for (const file of walk(join(root, 'node_modules'))) {
  if (statSync(file).size > 1_000_000) continue;
  const sourceType = file.endsWith('.mjs')
    ? 'module'
    : file.endsWith('.cjs')
      ? 'commonjs'
      : packageType(dirname(file)) === 'module'
        ? 'module'
        : 'commonjs';
  const text = readFileSync(file, 'utf8');
  files++;
  const virtualName = relative(join(root, 'node_modules'), file); // ESLint ignores real node_modules paths
  const messages = linter.verify(
    text,
    [
      {
        files: ['**/*'],
        plugins: { leakproof: plugin },
        languageOptions: { sourceType, ecmaVersion: 'latest', ...(parser && { parser }) },
        rules,
      },
    ],
    virtualName,
  );
  for (const m of messages) {
    if (m.fatal) {
      parseErrors++;
      if (process.env.SHOW_PARSE_ERRORS) console.error(`${relative(root, file)}: ${m.message}`);
      continue;
    }
    if (!m.ruleId?.startsWith('leakproof/')) continue; // inline comments naming other plugins' rules
    findings++;
    byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1;
    console.log(`${relative(root, file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.error(
  `${files} files, ${findings} findings ${JSON.stringify(byRule)}, ${parseErrors} files not parsed, ${ms.toFixed(0)} ms`,
);

import { readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import jscodeshift from 'jscodeshift';
import strictMode from '/work/wt/fix/dist/codemods/strict-mode.js';
import { jscodeshiftParserFor } from '/work/wt/fix/dist/src/codemods/parse.js';
const dir = process.argv[2];
const files = execSync(`find ${dir} -name node_modules -prune -o -type f \\( -name '*.js' -o -name '*.cjs' \\) -print`, { encoding: 'utf8' }).split('\n').filter(Boolean);
const out = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const j = jscodeshift.withParser(jscodeshiftParserFor(f));
  const api = { jscodeshift: j, j, stats() {}, report() {} };
  try { j(text).toSource(); } catch { continue; }
  try { const r = strictMode({ path: f, source: text }, api, {}); if (typeof r === 'string' && r !== text) out.push(f); } catch {}
}
writeFileSync(process.argv[3], out.join('\n'));
console.log(files.length, out.length);

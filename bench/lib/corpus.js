// The real-code corpus for the benchmark: bench/corpus.json (written by bench/make-corpus.js), read the way the
// quality tests read it (test/quality/corpus/corpus.ts): entries missing on disk are skipped and counted.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE_MODULES = join(ROOT, 'node_modules');

/**
 * The corpus files on disk, in the recorded order: `{ path, absolute, sourceType, typescript, source, text }` (`source`:
 * a package installed because it publishes its own source, see bench/make-corpus.js).
 * `limit` keeps every n-th file so that a shorter run still spans all packages.
 */
export function loadCorpus({ limit = Infinity, typescript = true } = {}) {
  const json = JSON.parse(readFileSync(join(ROOT, 'bench', 'corpus.json'), 'utf8'));
  const present = [];
  let missing = 0;
  for (const entry of json.files) {
    const absolute = join(NODE_MODULES, ...entry.path.split('/'));
    if (!existsSync(absolute)) {
      missing++;
      continue;
    }
    const isTypeScript = /\.[cm]?tsx?$/.test(entry.path);
    if (isTypeScript && !typescript) continue;
    present.push({
      path: entry.path,
      absolute,
      sourceType: entry.sourceType,
      typescript: isTypeScript,
      source: entry.source === true,
    });
  }
  const step = Number.isFinite(limit) && limit < present.length ? present.length / limit : 1;
  const files = step === 1 ? present : Array.from({ length: limit }, (_, index) => present[Math.floor(index * step)]);
  for (const file of files) file.text = readFileSync(file.absolute, 'utf8');
  return {
    files,
    listed: json.files.length,
    missing,
    bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0),
  };
}

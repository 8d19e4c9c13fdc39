/**
 * The real-code corpus, as bench/corpus.json records it (`node bench/make-corpus.js` writes it): files of the
 * packages installed in node_modules, with the source type Node gives each. Entries missing on disk (a package
 * updated or removed since the list was made) are skipped and counted; more than MAX_MISSING of them fails the
 * suite, since the list would then no longer be the corpus it claims to be.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceType } from '../harness.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
/** The share of listed files that may be missing before the corpus counts as stale. */
export const MAX_MISSING = 0.05;

export interface CorpusFile {
  /** Relative to node_modules, with forward slashes: `eslint/lib/api.js`. */
  path: string;
  absolute: string;
  sourceType: Exclude<SourceType, 'script'>;
  typescript: boolean;
}

export interface Corpus {
  files: CorpusFile[];
  listed: number;
  missing: string[];
}

interface CorpusJson {
  files: { path: string; sourceType: 'module' | 'commonjs' }[];
}

export function loadCorpus(): Corpus {
  const json = JSON.parse(readFileSync(path.join(ROOT, 'bench/corpus.json'), 'utf8')) as CorpusJson;
  const files: CorpusFile[] = [];
  const missing: string[] = [];
  for (const entry of json.files) {
    const absolute = path.join(NODE_MODULES, ...entry.path.split('/'));
    if (!existsSync(absolute)) {
      missing.push(entry.path);
      continue;
    }
    files.push({ path: entry.path, absolute, sourceType: entry.sourceType, typescript: /\.[cm]?tsx?$/.test(entry.path) });
  }
  return { files, listed: json.files.length, missing };
}

/** A virtual path for ESLint, which ignores real paths under node_modules. */
export const virtualPath = (file: CorpusFile): string => `corpus/${file.path}`;

/** Reads a file as the tools do (UTF-8, BOM kept: ESLint and the codemods handle it). */
export const readText = (file: CorpusFile): string => readFileSync(file.absolute, 'utf8');

/** One line for the test log. */
export function describeCorpus(corpus: Corpus): string {
  return `${corpus.files.length} of ${corpus.listed} listed files on disk (${corpus.missing.length} missing)`;
}

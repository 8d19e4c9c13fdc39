/** What `leakproof fix` prints: a unified diff or the new source per file on stdout, the summary on stderr. */
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { SkipReason } from '../codemods/types.js';
import type { FileResult } from './fix-pool.js';

/** A file's result after the main thread is done with it (a write can still fail it). */
export interface FinalResult extends FileResult {
  /** Set when writing failed. */
  writeError?: string;
}

export interface SummaryOptions {
  codemod: string;
  cwd: string;
  dry: boolean;
  elapsedMs: number;
}

/**
 * Skip reasons that need nobody's decision (there is nothing to do in the file): counted per reason, not listed.
 * Every other skip (a behaviour change, a syntax error, a file that cannot be parsed or read) is listed file by file.
 */
const NOTHING_TO_DO = new Set([
  'already strict',
  'ES module',
  'TypeScript module',
  'TypeScript declarations',
  'empty',
  'no code',
]);

/** Reasons shown per skipped file before "… and N more". */
const REASONS_PER_FILE = 3;

export const displayPath = (file: string, cwd: string): string => {
  const relative = path.relative(cwd, file);
  if (relative === '') return '.';
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
};

/** A unified diff of one file, with `a/` and `b/` prefixes so `git apply` takes it from the repository root. */
export function unifiedDiff(file: string, before: string, after: string, cwd: string): string {
  const shown = displayPath(file, cwd);
  return createTwoFilesPatch(`a/${shown}`, `b/${shown}`, before, after, undefined, undefined, { context: 3 });
}

export type FileState = 'changed' | 'unchanged' | 'skipped' | 'failed';

export function stateOf(result: FinalResult): FileState {
  if (result.error !== null || result.writeError !== undefined || !result.outcome) return 'failed';
  return result.outcome.status;
}

export function formatSummary(
  results: readonly FinalResult[],
  { codemod, cwd, dry, elapsedMs }: SummaryOptions,
): string {
  const counts: Record<FileState, number> = { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const result of results) counts[stateOf(result)]++;
  const seconds = (elapsedMs / 1000).toFixed(1);
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  const lines = [
    `leakproof fix ${codemod}${dry ? ' (dry run, nothing written)' : ''}: ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.skipped} skipped, ${counts.failed} failed (${files} in ${seconds} s)`,
  ];

  const skippedByCategory = new Map<string, FinalResult[]>();
  for (const result of results) {
    if (stateOf(result) !== 'skipped') continue;
    const category = result.outcome?.skipped[0]?.category ?? 'skipped';
    const group = skippedByCategory.get(category);
    if (group) group.push(result);
    else skippedByCategory.set(category, [result]);
  }
  const plural = (count: number): string => `${count} file${count === 1 ? '' : 's'}`;
  const sorted = [...skippedByCategory].sort(([a], [b]) => a.localeCompare(b));
  const counted = sorted.filter(([category]) => NOTHING_TO_DO.has(category));
  const listed = sorted.filter(([category]) => !NOTHING_TO_DO.has(category));
  if (counted.length > 0) {
    lines.push(
      '',
      `Nothing to do: ${counted.map(([category, group]) => `${category} ${plural(group.length)}`).join(', ')}`,
    );
  }
  if (listed.length > 0) {
    lines.push('', 'Skipped:');
    for (const [category, group] of listed) {
      lines.push(`  ${category} (${plural(group.length)})`);
      for (const result of group) {
        const reasons = result.outcome?.skipped ?? [];
        const [first, ...rest] = reasons;
        lines.push(`    ${located(result.file, first, cwd)}${first?.message ?? ''}`);
        for (const reason of rest.slice(0, REASONS_PER_FILE - 1))
          lines.push(`      also ${located(result.file, reason, cwd, true)}${reason.message}`);
        if (rest.length > REASONS_PER_FILE - 1) lines.push(`      … and ${rest.length - (REASONS_PER_FILE - 1)} more`);
      }
    }
  }

  const declared: string[] = [];
  const decisions: string[] = [];
  for (const result of results) {
    const state = stateOf(result);
    if (state !== 'changed' && state !== 'unchanged') continue;
    for (const note of result.outcome?.review ?? []) {
      (note.kind === 'declared' ? declared : decisions).push(`  ${located(result.file, note, cwd)}${note.message}`);
    }
    // Places a changed or unchanged file still has that the codemod left alone.
    for (const reason of result.outcome?.skipped ?? [])
      decisions.push(`  ${located(result.file, reason, cwd)}left alone: ${reason.message}`);
  }
  if (declared.length > 0) lines.push('', 'Declared (review them):', ...declared);
  if (decisions.length > 0) lines.push('', 'Needs a decision:', ...decisions);

  const failed = results.filter((result) => stateOf(result) === 'failed');
  if (failed.length > 0) {
    lines.push('', 'Failed:');
    for (const result of failed)
      lines.push(`  ${displayPath(result.file, cwd)}: ${result.writeError ?? result.error ?? 'no result'}`);
  }
  return `${lines.join('\n')}\n`;
}

function located(
  file: string,
  note: { line?: number } | SkipReason | undefined,
  cwd: string,
  lineOnly = false,
): string {
  const line = note?.line;
  if (lineOnly) return line === undefined ? '' : `line ${line}: `;
  return `${displayPath(file, cwd)}${line === undefined ? '' : `:${line}`}: `;
}

/**
 * ESLint's bulk suppressions (https://eslint.org/docs/latest/use/suppressions), read and written as `eslint` does, so
 * that one `eslint-suppressions.json` serves both `eslint` and `leakproof scan`. The file maps a path (relative to the
 * working directory, forward slashes) to rule ids and a count of that rule's errors in that file. A rule's errors in
 * a file are all hidden while there are no more of them than the count; one more, and they are all reported. Only
 * errors count (severity 2); warnings and files that cannot be parsed are never suppressed.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './cli-error.js';
import type { LintedFile } from './lint.js';
import { displayPath } from './report.js';

export const DEFAULT_SUPPRESSIONS_FILE = 'eslint-suppressions.json';

export type SuppressionCounts = Record<string, Record<string, { count: number }>>;

/** Whether a rule ran on a file: an entry for a rule the scan did not run is not "unused", just not ours to judge. */
export type RuleIsActive = (filePath: string, ruleId: string) => Promise<boolean>;

export interface Applied {
  files: LintedFile[];
  /** Messages hidden by the file. */
  suppressed: number;
  /** Entries (file and rule) that record more errors than there are now, among the files linted. */
  unused: SuppressionCounts;
}

/** The suppressions in `file` ({} when it does not exist); a file that is not valid JSON is a usage error. */
export async function loadSuppressions(file: string, shown: string): Promise<SuppressionCounts> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`cannot read the suppressions file ${shown}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`cannot parse the suppressions file ${shown}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError(`cannot parse the suppressions file ${shown}: not a JSON object`);
  }
  return parsed as SuppressionCounts;
}

/** Writes the file as ESLint does: keys sorted, two-space indentation. */
export async function saveSuppressions(file: string, counts: SuppressionCounts): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(sortKeys(counts), null, 2));
}

/** Errors per rule in one file, as the suppressions file counts them. */
function errorCounts(file: LintedFile): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of file.messages) {
    if (message.severity === 2 && message.ruleId) counts.set(message.ruleId, (counts.get(message.ruleId) ?? 0) + 1);
  }
  return counts;
}

/** Records the errors of the linted files (of the given rules only, when `rules` is given), keeping other entries. */
export function suppress(
  counts: SuppressionCounts,
  files: readonly LintedFile[],
  cwd: string,
  rules?: readonly string[],
): SuppressionCounts {
  const next = structuredClone(counts);
  for (const file of files) {
    const key = displayPath(file.filePath, cwd);
    for (const [ruleId, count] of errorCounts(file)) {
      if (rules && !rules.includes(ruleId)) continue;
      next[key] ??= {};
      next[key][ruleId] = { count };
    }
  }
  return next;
}

export async function applySuppressions(
  counts: SuppressionCounts,
  files: readonly LintedFile[],
  cwd: string,
  isActive: RuleIsActive,
): Promise<Applied> {
  const unused: SuppressionCounts = {};
  let suppressed = 0;
  const result: LintedFile[] = [];
  for (const file of files) {
    const key = displayPath(file.filePath, cwd);
    const recorded = Object.hasOwn(counts, key) ? counts[key] : undefined;
    if (!recorded) {
      result.push(file);
      continue;
    }
    const errors = errorCounts(file);
    const hidden = new Set<string>();
    for (const [ruleId, entry] of Object.entries(recorded)) {
      const found = errors.get(ruleId) ?? 0;
      const allowed = typeof entry.count === 'number' ? entry.count : 0;
      if (found > 0 && found <= allowed) hidden.add(ruleId);
      if (found < allowed && (await isActive(file.filePath, ruleId))) {
        unused[key] ??= {};
        unused[key][ruleId] = { count: allowed - found };
      }
    }
    const messages = file.messages.filter((message) => !(message.ruleId && hidden.has(message.ruleId)));
    suppressed += file.messages.length - messages.length;
    result.push({ ...file, messages });
  }
  return { files: result, suppressed, unused };
}

/** Lowers the counts to what remains, and drops entries of files that no longer exist, as `--prune-suppressions`. */
export function prune(counts: SuppressionCounts, unused: SuppressionCounts, cwd: string): SuppressionCounts {
  const next = structuredClone(counts);
  for (const [key, rules] of Object.entries(unused)) {
    const entries = next[key];
    if (!entries) continue;
    for (const [ruleId, { count }] of Object.entries(rules)) {
      const entry = entries[ruleId];
      if (!entry) continue;
      if (entry.count <= count) delete entries[ruleId];
      else entry.count -= count;
    }
    if (Object.keys(entries).length === 0) delete next[key];
  }
  for (const key of Object.keys(next)) {
    if (!existsSync(path.resolve(cwd, key))) delete next[key];
  }
  return next;
}

export function countEntries(counts: SuppressionCounts): number {
  return Object.values(counts).reduce((sum, rules) => sum + Object.keys(rules).length, 0);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

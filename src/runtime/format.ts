/** Plain-text report of a proof, as `leakproof prove` prints it. */
import { relative } from 'node:path';
import type { ComparisonRow } from './diff.js';
import type { ProofResult } from './prove.js';

export interface FormatOptions {
  /** Rows of the comparison table; default 10. */
  readonly top?: number;
  /** Paths are shown relative to this directory; default `process.cwd()`. */
  readonly cwd?: string;
}

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const size = Math.abs(bytes);
  if (size < 1024) return `${sign}${size} B`;
  if (size < 1024 * 1024) return `${sign}${(size / 1024).toFixed(1)} kB`;
  return `${sign}${(size / (1024 * 1024)).toFixed(1)} MB`;
}

function signed(value: number, text = String(value)): string {
  return value > 0 ? `+${text}` : text;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  // First column left-aligned (names), the others right-aligned (numbers).
  const line = (cells: readonly string[]): string =>
    '  ' +
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [line(header), ...rows.map(line)];
}

function comparisonTable(rows: readonly ComparisonRow[]): string[] {
  return table(
    ['Constructor', '# New', '# Deleted', '# Delta', 'Alloc. Size', 'Freed Size', 'Size Delta'],
    rows.map((row) => [
      row.constructor,
      String(row.newCount),
      String(row.deletedCount),
      signed(row.delta),
      formatBytes(row.allocatedBytes),
      formatBytes(row.freedBytes),
      signed(row.sizeDelta, formatBytes(row.sizeDelta)),
    ]),
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatProof(result: ProofResult, options: FormatOptions = {}): string {
  const top = options.top ?? 10;
  const name = relative(options.cwd ?? process.cwd(), result.module) || result.module;
  const mode = result.mode === 'http' ? 'HTTP mode: one request per unit' : 'function mode: one call per unit';
  const out: string[] = [`leakproof prove ${name} (${mode}, ${result.iterations} units between snapshots)`, ''];

  const growing = result.comparison.filter((row) => row.delta > 0).slice(0, top);
  out.push(`Comparison, snapshot A → C (${2 * result.iterations} units), top constructors by delta:`);
  out.push(...(growing.length > 0 ? comparisonTable(growing) : ['  (no constructor grew)']), '');

  out.push('Growth that scales with the work (allocated after A, alive in C, in both windows):');
  if (result.growth.length === 0) out.push('  none');
  else {
    out.push(
      ...table(
        ['Constructor', 'Per unit', 'A→B', 'B→C', 'Size'],
        result.growth.map((row) => [
          row.constructor,
          row.perIteration.toFixed(2),
          String(row.firstWindow),
          String(row.secondWindow),
          formatBytes(row.bytes),
        ]),
      ),
    );
  }
  out.push('');

  if (result.retainerGroups.length > 0) {
    out.push('Retainer paths (sampled survivors of the growing constructors):');
    for (const group of result.retainerGroups)
      out.push(`  ${group.path}   [${group.count} sampled ${group.constructor}]`);
    out.push('');
  }

  out.push('Retained after their unit of work, by a variable or global of your code:');
  if (result.retained.length === 0) out.push('  none');
  for (const finding of result.retained) {
    const kind = finding.kind === 'global' ? 'global' : 'variable';
    const classes = finding.constructors
      .slice(0, 3)
      .map((entry) => `${entry.count} ${entry.constructor}`)
      .join(', ');
    out.push(
      `  ${finding.holder} (${kind}): ${plural(finding.count, 'object')}, ${formatBytes(finding.bytes)} (${classes})`,
    );
    out.push(`    ${finding.path}`);
  }
  out.push('');

  out.push('Handles (after warm-up → after the run):');
  if (result.handles.length === 0) out.push('  unchanged');
  for (const change of result.handles) {
    out.push(
      `  ${change.type}: ${change.before} → ${change.after} (${signed(change.delta)})${change.leaking ? '  grows with the work' : ''}`,
    );
  }
  out.push('');

  out.push(`Verdict: ${verdictLine(result)}`);
  out.push(
    `Time: ${seconds(result.durationMs)} (child ${seconds(result.timings.childMs)}, analysis ${seconds(result.timings.analysisMs)})`,
  );
  return out.join('\n');
}

function verdictLine(result: ProofResult): string {
  if (result.verdict === 'leak') {
    const causes = [
      ...result.growth.slice(0, 3).map((row) => `${row.constructor} +${row.perIteration.toFixed(2)}/unit`),
      ...result.handles.filter((change) => change.leaking).map((change) => `${change.type} handles +${change.delta}`),
    ];
    return `LEAK: memory grows with the work (${causes.join(', ')})`;
  }
  if (result.verdict === 'retained') {
    const holders = result.retained.map((finding) => finding.holder).join(', ');
    return `RETAINED: no growth, but objects of the units outlive them (held by ${holders})`;
  }
  return 'no leak: nothing grows with the work and nothing of the units is retained';
}

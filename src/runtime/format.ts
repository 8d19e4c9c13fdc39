/** Plain-text report of a proof, as `leakproof prove` prints it. */
import { relative } from 'node:path';
import type { Cause } from './causes.js';
import type { ComparisonRow } from './diff.js';
import { routeLabel, type ProofResult } from './prove.js';

export interface FormatOptions {
  /** Rows of the comparison table; default 10. */
  readonly top?: number;
  /** Paths are shown relative to this directory; default `process.cwd()`. */
  readonly cwd?: string;
  /** Add DevTools' tables: the Comparison view, growth by constructor and raw retainer paths. Default false. */
  readonly details?: boolean;
  /** Causes listed; default 5 (the rest are in `--json`). */
  readonly causes?: number;
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

const NAMED_NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "one Object", "2.5 Objects", "1 Object" for rates not near a whole number. */
function amount(perUnit: number, noun: string): string {
  const whole = Math.round(perUnit);
  if (Math.abs(perUnit - whole) < 0.05 && whole < NAMED_NUMBERS.length)
    return `${NAMED_NUMBERS[whole]} ${noun}${whole === 1 ? '' : 's'}`;
  return `${perUnit.toFixed(1)} ${noun}s`;
}

function unitName(result: ProofResult): string {
  return result.mode === 'http' ? 'request' : 'call';
}

function isNamedConstructor(name: string): boolean {
  return !name.startsWith('(') && !name.startsWith('system /');
}

/** What a cause gains per unit, in words: "gains one Object", "gain one listener". */
function causeGain(cause: Cause, iterations: number): string {
  const per = (count: number): number => count / (2 * iterations);
  if (cause.event !== undefined) {
    const closures = cause.constructors.find((entry) => entry.constructor === '(closure)');
    if (closures) return `gain ${amount(per(closures.count), 'listener')}`;
  }
  const shown = cause.constructors.find((entry) => isNamedConstructor(entry.constructor)) ?? cause.constructors[0];
  if (!shown) return 'grows';
  const noun = shown.constructor === '(closure)' ? 'function' : shown.constructor.replace(/^\((.*)\)$/, '$1');
  const verb = cause.event !== undefined || cause.label.startsWith('active timers') ? 'gain' : 'gains';
  return `${verb} ${amount(per(shown.count), noun)}`;
}

function causeName(cause: Cause): string {
  return cause.label.replace(/ \((module variable|global)\)$/, '');
}

function where(cause: Cause): string {
  if (!cause.location) return '';
  return cause.locationOf === 'function' ? `, from the function at ${cause.location}` : `, ${cause.location}`;
}

function constructorList(entries: Cause['constructors'], iterations: number, limit: number): string {
  const shown = entries
    .filter((entry) => entry.count >= iterations)
    .slice(0, limit)
    .map((entry) => `${Number((entry.count / (2 * iterations)).toFixed(1))} ${entry.constructor}`);
  return shown.join(', ') + (entries.length > shown.length ? ', …' : '');
}

export function formatProof(result: ProofResult, options: FormatOptions = {}): string {
  const name = relative(options.cwd ?? process.cwd(), result.module) || result.module;
  const unit = unitName(result);
  const n = result.iterations;
  const what =
    result.mode === 'http'
      ? `HTTP mode: ${result.route ? routeLabel(result.route) : 'GET /'} per unit${result.http && result.http.served !== 'listen' ? `, served by prove from the exported ${result.http.served === 'listener' ? '(req, res) function' : result.http.served === 'server' ? 'http.Server' : `${result.http.served} app`}` : ''}`
      : 'function mode: one call per unit';
  const out: string[] = [`leakproof prove ${name} (${what}; ${n} units between each of 3 heap snapshots)`];
  if (result.http) {
    const codes = Object.entries(result.http.statusCodes)
      .map(([code, count]) => `${count} × ${code}`)
      .join(', ');
    out.push(`  responses: ${codes || 'none'}`);
  }
  out.push('');

  if (options.details) out.push(...detailTables(result, options.top ?? 10));

  const limit = options.causes ?? 5;
  if (result.causes.length > 0) {
    out.push(`What grows with the work, largest first (per ${unit}):`);
    result.causes.slice(0, limit).forEach((cause, index) => {
      out.push(`  ${index + 1}. ${cause.label}${where(cause)}`);
      out.push(
        `     +${formatBytes(Math.round(cause.bytes / (2 * n)))} per ${unit}: ${constructorList(cause.constructors, n, 4)}`,
      );
      out.push(`     ${cause.path}`);
    });
    if (result.causes.length > limit) out.push(`  … and ${result.causes.length - limit} more (see --json)`);
  } else if (result.growth.length > 0) {
    out.push(`What grows with the work (per ${unit}), by constructor:`);
    for (const row of result.growth.slice(0, 5)) out.push(`  ${row.constructor} +${row.perIteration.toFixed(2)}`);
    for (const group of result.retainerGroups.slice(0, 3)) out.push(`    ${group.path}`);
  } else {
    out.push('Nothing grows with the work.');
  }

  const grownHandles = result.handles.filter((change) => change.leaking);
  if (grownHandles.length > 0) {
    const text = grownHandles.map(
      (change) => `${change.type} ${change.before} → ${change.after} (${signed(change.delta)})`,
    );
    out.push(`Handles that grow with the work: ${text.join(', ')}`);
  }

  // Holders already listed as causes are not repeated.
  const causeHolders = new Set(result.causes.filter((cause) => cause.user).map((cause) => cause.holder));
  const left = result.retained.filter((finding) => !causeHolders.has(finding.holder));
  if (left.length > 0) {
    out.push('', `Left behind by the units, in a variable or global of your code (counts as a leak):`);
    for (const finding of left) out.push(`  ${retainedLine(finding)}`, `    ${finding.humanPath}`);
  }
  if (result.bounded.length > 0) {
    out.push('', `Not a leak: held by your code, but did not grow with the work (a full cache, a pool, a table):`);
    for (const finding of result.bounded) out.push(`  ${retainedLine(finding)}, all from the latest ${unit}s`);
  }
  out.push('', `Verdict: ${verdictLine(result)}`);
  out.push(
    `Time: ${seconds(result.durationMs)} (child ${seconds(result.timings.childMs)}, analysis ${seconds(result.timings.analysisMs)})` +
      (result.heapSnapshots
        ? `; snapshots kept in ${relative(options.cwd ?? process.cwd(), result.heapSnapshots[0]!.replace(/[\\/][^\\/]*$/, '')) || '.'}`
        : ''),
  );
  return out.join('\n');
}

function retainedLine(finding: ProofResult['retained'][number]): string {
  const classes = finding.constructors
    .slice(0, 3)
    .map((entry) => `${entry.count} ${entry.constructor}`)
    .join(', ');
  return `\`${finding.holder}\` (${finding.kind}): ${plural(finding.count, 'object')}, ${formatBytes(finding.bytes)} (${classes})`;
}

/** The DevTools view, for `--details`. */
function detailTables(result: ProofResult, top: number): string[] {
  const out: string[] = [];
  const growing = result.comparison.filter((row) => row.delta > 0).slice(0, top);
  out.push(`Comparison, snapshot A → C (${2 * result.iterations} units), top constructors by delta:`);
  out.push(...(growing.length > 0 ? comparisonTable(growing) : ['  (no constructor grew)']), '');
  out.push('Growth that scales with the work (allocated after A, alive in C, in both windows):');
  if (result.growth.length === 0) out.push('  none');
  else
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
  out.push('');
  if (result.retainerGroups.length > 0) {
    out.push('Retainer paths (sampled survivors of the growing constructors):');
    for (const group of result.retainerGroups)
      out.push(`  ${group.path}   [${group.count} sampled ${group.constructor}]`);
    out.push('');
  }
  out.push('Handles (after warm-up → after the run):');
  if (result.handles.length === 0) out.push('  unchanged');
  for (const change of result.handles) {
    out.push(
      `  ${change.type}: ${change.before} → ${change.after} (${signed(change.delta)})${change.leaking ? '  grows with the work' : ''}`,
    );
  }
  out.push('');
  return out;
}

function verdictLine(result: ProofResult): string {
  const unit = unitName(result);
  if (result.verdict === 'leak') {
    const [first, ...rest] = result.causes;
    const handles = result.handles
      .filter((change) => change.leaking)
      .map((change) => `${change.type} handles +${change.delta}`);
    if (first) {
      const also = [...rest.map(causeName), ...handles];
      return `LEAK: ${causeName(first)} ${causeGain(first, result.iterations)} per ${unit}${also.length > 0 ? `; also ${also.join(', ')}` : ''}`;
    }
    const causes = [
      ...result.growth.slice(0, 3).map((row) => `${row.constructor} +${row.perIteration.toFixed(2)}/unit`),
      ...handles,
    ];
    return `LEAK: memory grows with the work (${causes.join(', ')})`;
  }
  if (result.verdict === 'retained') {
    const holders = result.retained.map((finding) => `\`${finding.holder}\``).join(', ');
    return `RETAINED: nothing grows, but ${holders} keep${result.retained.length === 1 ? 's' : ''} what a ${unit} left behind`;
  }
  return 'no leak: nothing grows with the work and nothing of the units is retained';
}

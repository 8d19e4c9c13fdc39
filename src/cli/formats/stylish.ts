/** Human-readable output in the spirit of ESLint's stylish: findings by file, then counts by rule, then a total. */
import { styleText } from 'node:util';
import type { ScanResult } from '../report.js';
import type { FormatOptions } from './types.js';

type Style = Parameters<typeof styleText>[0];

export function formatStylish({ report }: ScanResult, { color }: FormatOptions): string {
  // scan.ts decided whether to colour (TTY, NO_COLOR); styleText must not second-guess it from process.stdout.
  const paint = (style: Style, text: string): string =>
    color ? styleText(style, text, { validateStream: false }) : text;
  const { summary } = report;
  const lines: string[] = [];

  for (const file of report.files) {
    lines.push(paint('underline', file.path));
    const positions = file.messages.map((message) => `${message.line}:${message.column}`);
    const width = Math.max(...positions.map((position) => position.length));
    const severityWidth = file.messages.some((message) => message.severity === 'warning')
      ? 'warning'.length
      : 'error'.length;
    file.messages.forEach((message, index) => {
      const position = paint('dim', (positions[index] ?? '').padEnd(width));
      const severity = message.severity.padEnd(severityWidth);
      const rule = paint('dim', message.ruleId ?? '(fatal)');
      lines.push(
        `  ${position}  ${paint(message.severity === 'error' ? 'red' : 'yellow', severity)}  ${message.message}  ${rule}`,
      );
    });
    lines.push('');
  }

  if (summary.findings === 0) {
    lines.push(paint('green', `✔ No findings in ${plural(summary.files, 'file')} scanned.`));
    return `${lines.join('\n')}\n`;
  }

  const counts: [string, number][] = Object.entries(summary.byRule);
  if (summary.fatal > 0) counts.push(['(fatal: not linted)', summary.fatal]);
  const nameWidth = Math.max(...counts.map(([name]) => name.length));
  lines.push('Findings by rule:');
  for (const [name, count] of counts) lines.push(`  ${name.padEnd(nameWidth)}  ${count}`);
  lines.push('');

  const messages = report.files.flatMap((file) => file.messages);
  const errors = messages.filter((message) => message.severity === 'error').length;
  const total =
    `✖ ${plural(summary.findings, 'finding')} in ${plural(report.files.length, 'file')}` +
    ` (${plural(errors, 'error')}, ${plural(messages.length - errors, 'warning')}); ${plural(summary.files, 'file')} scanned.`;
  lines.push(paint('bold', paint(errors > 0 ? 'red' : 'yellow', total)));
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

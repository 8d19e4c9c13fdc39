import type { ScanResult } from '../report.js';

/** The report as is; its shape is documented in docs/cli.md. */
export function formatJson({ report }: ScanResult): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** What an output format is. Apart from index.ts, which imports every format, so that no format imports index.ts. */
import type { ScanResult } from '../report.js';

export interface FormatOptions {
  /** ANSI colours; only the stylish format uses them. */
  color: boolean;
}

export type Formatter = (result: ScanResult, options: FormatOptions) => string;

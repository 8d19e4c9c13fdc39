import type { ScanResult } from '../report.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  /** ANSI colours; only the stylish format uses them. */
  color: boolean;
}

export type Formatter = (result: ScanResult, options: FormatOptions) => string;

export const FORMATTERS = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}

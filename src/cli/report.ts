/**
 * The scan's result in one stable shape: the JSON format prints it as is, and the other formats read it.
 * docs/cli.md documents every field; a breaking change bumps REPORT_VERSION.
 */
import path from 'node:path';
import type { Linter, Rule } from 'eslint';
import type { LintRun } from './lint.js';

export const REPORT_VERSION = 1;

export interface ReportSuggestion {
  desc: string;
  fix: { range: [number, number]; text: string };
}

export interface ReportMessage {
  /** null for a file that could not be linted (a parse error): then `fatal` is true. */
  ruleId: string | null;
  messageId: string | null;
  severity: 'error' | 'warning';
  fatal: boolean;
  message: string;
  line: number;
  column: number;
  endLine: number | null;
  endColumn: number | null;
  suggestions: ReportSuggestion[];
}

export interface ReportFile {
  /** Relative to the working directory, with forward slashes. */
  path: string;
  messages: ReportMessage[];
}

export interface Report {
  version: typeof REPORT_VERSION;
  tool: { name: 'leakproof'; version: string };
  /** Only files with at least one message, sorted by path. */
  files: ReportFile[];
  summary: {
    /** Files linted, with or without findings (with --config, files that config ignores are not counted). */
    files: number;
    /** Every message, fatal ones included. */
    findings: number;
    /** Fatal messages (files that could not be parsed or linted). */
    fatal: number;
    /** Messages per rule, sorted by rule name; fatal messages have no rule and are not counted here. */
    byRule: Record<string, number>;
  };
}

export interface RuleDocs {
  description?: string;
  url?: string;
}

export interface ScanResult {
  report: Report;
  /** Docs of the rules that reported, by rule id. */
  rules: ReadonlyMap<string, RuleDocs>;
  /** The text of each file with messages, by its report path (SARIF fingerprints the flagged lines). */
  sources: ReadonlyMap<string, string>;
}

export function buildScanResult(run: LintRun, cwd: string, toolVersion: string): ScanResult {
  const files = run.files
    .filter((file) => file.messages.length > 0)
    .map((file) => ({ path: displayPath(file.filePath, cwd), messages: file.messages.map(toReportMessage) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const messages = files.flatMap((file) => file.messages);
  const byRule: Record<string, number> = {};
  for (const ruleId of messages.flatMap((message) => (message.ruleId ? [message.ruleId] : [])).sort()) {
    byRule[ruleId] = (byRule[ruleId] ?? 0) + 1;
  }
  const report: Report = {
    version: REPORT_VERSION,
    tool: { name: 'leakproof', version: toolVersion },
    files,
    summary: {
      files: run.files.length,
      findings: messages.length,
      fatal: messages.filter((message) => message.fatal).length,
      byRule,
    },
  };
  const sources = new Map<string, string>();
  for (const file of run.files) {
    if (file.source !== undefined && file.messages.length > 0)
      sources.set(displayPath(file.filePath, cwd), file.source);
  }
  return { report, rules: new Map([...run.rules].map(([ruleId, meta]) => [ruleId, ruleDocs(meta)])), sources };
}

export function displayPath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

function toReportMessage(message: Linter.LintMessage): ReportMessage {
  return {
    ruleId: message.ruleId,
    messageId: message.messageId ?? null,
    severity: message.severity === 2 ? 'error' : 'warning',
    fatal: message.fatal === true,
    message: message.message,
    // Lines and columns are 1-based; a parser that reports a parse error at 0 (or none) is held to that.
    line: Math.max(1, message.line || 1),
    column: Math.max(1, message.column || 1),
    endLine: message.endLine ?? null,
    endColumn: message.endColumn ?? null,
    suggestions: (message.suggestions ?? []).map(({ desc, fix }) => ({
      desc,
      fix: { range: [fix.range[0], fix.range[1]], text: fix.text },
    })),
  };
}

function ruleDocs(meta: Rule.RuleMetaData): RuleDocs {
  const docs: RuleDocs = {};
  if (meta.docs?.description) docs.description = meta.docs.description;
  if (meta.docs?.url) docs.url = meta.docs.url;
  return docs;
}

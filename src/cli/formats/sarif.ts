/** SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps) ingest. */
import { createHash } from 'node:crypto';
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { REPOSITORY_URL } from '../../create-rule.js';
import type { ReportMessage, ScanResult } from '../report.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * The key of each result's `partialFingerprints`. Its value hashes what identifies a finding while the code around it
 * moves: the rule, the message id, the file and the text of the flagged line (whitespace collapsed), never the line
 * number; `:n` tells apart the n-th identical finding in a file. GitHub's own key, primaryLocationLineHash, is left
 * for its upload action to compute.
 */
export const FINGERPRINT_KEY = 'leakproofFindingHash/v1';

export function formatSarif({ report, rules, sources }: ScanResult): string {
  const ruleIds = [
    ...new Set(report.files.flatMap((file) => file.messages.flatMap((m) => (m.ruleId ? [m.ruleId] : [])))),
  ].sort();
  const ruleIndex = new Map(ruleIds.map((ruleId, index) => [ruleId, index]));
  const descriptors: ReportingDescriptor[] = ruleIds.map((id) => {
    const docs = rules.get(id);
    const descriptor: ReportingDescriptor = { id };
    if (docs?.description) descriptor.shortDescription = { text: docs.description };
    if (docs?.url) descriptor.helpUri = docs.url;
    return descriptor;
  });

  const results: Result[] = [];
  // A file that could not be parsed has no rule; SARIF calls that a tool execution notification, not a result.
  const notifications: Notification[] = [];
  for (const file of report.files) {
    const fingerprint = fingerprinter(file.path, sources.get(file.path));
    for (const message of file.messages) {
      const locations = [location(file.path, message)];
      const level = message.severity === 'error' ? 'error' : 'warning';
      if (message.ruleId === null) {
        notifications.push({ level, message: { text: message.message }, locations });
      } else {
        results.push({
          ruleId: message.ruleId,
          ruleIndex: ruleIndex.get(message.ruleId),
          level,
          message: { text: message.message },
          locations,
          partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(message) },
        });
      }
    }
  }

  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leakproof',
            version: report.tool.version,
            informationUri: REPOSITORY_URL,
            rules: descriptors,
          },
        },
        // ESLint columns count UTF-16 code units, like JavaScript strings.
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(filePath: string, message: ReportMessage): Location {
  const region: NonNullable<NonNullable<Location['physicalLocation']>['region']> = {
    startLine: message.line,
    startColumn: message.column,
  };
  if (message.endLine !== null) region.endLine = message.endLine;
  if (message.endColumn !== null) region.endColumn = message.endColumn;
  return { physicalLocation: { artifactLocation: { uri: toUri(filePath) }, region } };
}

/** A relative URI reference: each path segment percent-encoded, so spaces and `#` survive. */
function toUri(filePath: string): string {
  return filePath.split('/').map(encodeURIComponent).join('/');
}

/** Fingerprints of one file's findings, numbered in report order so that identical ones stay distinct. */
function fingerprinter(filePath: string, source: string | undefined): (message: ReportMessage) => string {
  const lines = source?.split(/\r\n|[\r\n\u2028\u2029]/) ?? [];
  const seen = new Map<string, number>();
  return (message) => {
    const text = (lines[message.line - 1] ?? '').replace(/\s+/g, ' ').trim();
    const hash = createHash('sha256')
      .update([message.ruleId ?? '', message.messageId ?? '', filePath, text].join('\0'))
      .digest('hex')
      .slice(0, 32);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  };
}

/** SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps) ingest. */
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { REPOSITORY_URL } from '../../create-rule.js';
import type { ReportMessage, ScanResult } from '../report.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function formatSarif({ report, rules }: ScanResult): string {
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

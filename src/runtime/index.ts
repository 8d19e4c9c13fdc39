/**
 * leakproof's runtime engine (`eslint-plugin-leakproof/runtime`): prove a leak with heap snapshots.
 *
 * `prove()` is the whole workflow; the lower-level pieces are exported for custom analyses.
 */
export {
  prove,
  analyseSnapshots,
  type AnalysisContext,
  type SnapshotAnalysis,
  DEFAULT_ITERATIONS,
  DEFAULT_TIMEOUT_MS,
  userScriptFilter,
  routeLabel,
  type ProveOptions,
  type ProofResult,
  type Verdict,
} from './prove.js';
export { ProveError, type ProveErrorCode } from './errors.js';
export { formatProof, formatBytes, type FormatOptions } from './format.js';
export { parseHeapSnapshot, SnapshotTokenizer, type ParseOptions } from './snapshot-parser.js';
export { HeapSnapshot, SnapshotFormatError, type HeapSnapshotData, type SnapshotMeta } from './heap-snapshot.js';
export {
  diffSnapshots,
  maxObjectId,
  sampleSurvivors,
  type ComparisonRow,
  type DiffOptions,
  type GrowthRow,
  type SnapshotDiff,
} from './diff.js';
export {
  retainerPaths,
  retainerPath,
  formatRetainerPath,
  humanRetainerPath,
  pathSignature,
  ShortestPaths,
  type PathOptions,
  type RetainerGroup,
  type RetainerPath,
  type RetainerStep,
} from './retainers.js';
export { findRetained, type RetainedFinding, type RetentionOptions } from './retention.js';
export { diffHandles, type HandleChange } from './handles.js';
export { captureSnapshots, childRunnerPath, type Capture, type CaptureOptions } from './capture.js';
export type { HandleCounts, HttpRoute, RunnerResult } from './protocol.js';
export { findCauses, type Cause, type CauseOptions } from './causes.js';
export { proveFunction, type FunctionProofOptions } from './in-process.js';
export { assertNoLeak, leakMatchers, proveSubject, toLeak, type LeakOptions, type LeakSubject } from './matchers.js';

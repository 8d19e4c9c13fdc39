/**
 * Handle growth: `process.getActiveResourcesInfo()` after warm-up against after snapshot C. A timer or
 * socket opened per unit and never closed shows up here even when its heap footprint is small.
 */
import type { HandleCounts } from './protocol.js';

export interface HandleChange {
  /** Resource type as Node names it: Timeout, TCPSocketWrap, FSReqCallback, … */
  readonly type: string;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
  /** At least one more per two units of work (N more over the 2·N measured units). */
  readonly leaking: boolean;
}

export function diffHandles(before: HandleCounts, after: HandleCounts, iterations: number): HandleChange[] {
  const types = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: HandleChange[] = [];
  for (const type of types) {
    const countBefore = before[type] ?? 0;
    const countAfter = after[type] ?? 0;
    const delta = countAfter - countBefore;
    if (delta === 0) continue;
    changes.push({ type, before: countBefore, after: countAfter, delta, leaking: delta >= iterations });
  }
  return changes.sort((x, y) => y.delta - x.delta || x.type.localeCompare(y.type));
}

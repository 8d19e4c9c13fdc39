import type { RunnerErrorCode } from './protocol.js';

export type ProveErrorCode =
  | RunnerErrorCode
  | 'NO_SUCCESS'
  | 'TYPESCRIPT_LOADER_MISSING'
  | 'INVALID_OPTIONS'
  | 'MODULE_NOT_FOUND'
  | 'RUNNER_MISSING'
  | 'CHILD_CRASHED'
  | 'TIMEOUT';

/** A proof that could not be made; `message` is one line meant for the user. */
export class ProveError extends Error {
  override readonly name = 'ProveError';

  constructor(
    readonly code: ProveErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** An error the user can act on: printed as one line on stderr, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}

/** The one line leakproof prints for an error; a stack trace only with LEAKPROOF_DEBUG set. */
export function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (process.env.LEAKPROOF_DEBUG && error instanceof Error && error.stack) return `unexpected error: ${error.stack}`;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${firstLine(message)}`;
}

export function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

/** A node:util parseArgs error as a usage error that names the command. */
export function argumentError(error: unknown, command: string): CliError {
  // parseArgs explains at length how to pass a positional starting with '-'; the first sentence is the point.
  const reason = error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error);
  return new CliError(`${reason.charAt(0).toLowerCase()}${reason.slice(1)} (see 'leakproof ${command} --help')`);
}

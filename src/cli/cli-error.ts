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
  const text = firstLine(error instanceof Error ? error.message : String(error));
  const reason = (text.split('. ')[0] ?? text).replace(/\.$/, '');
  return new CliError(`${reason.charAt(0).toLowerCase()}${reason.slice(1)} (see 'leakproof ${command} --help')`);
}

// Runs the built `leakproof` binary the way a user would: a child process, real exit code, real stdout/stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO_ROOT, 'dist/src/cli/index.js');
export const FIXTURES = 'test/cli/fixtures';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(BIN)) {
    throw new Error(
      `${path.relative(REPO_ROOT, BIN)} is missing: build first (\`npm run build\`, or \`npm test\` which builds)`,
    );
  }
}

export function runCli(args: string[], cwd: string = REPO_ROOT, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', LEAKPROOF_DEBUG: '', ...env },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** stderr minus progress lines, which a slow machine may print on any run that takes over two seconds. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !/^leakproof: scann(ed|ing) /.test(line));
}

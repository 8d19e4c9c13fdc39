// Commands as a user runs them: a child process in a directory, with none of the `npm_*` variables that `npm test`
// or `npm run test:package` put in the environment (they would leak this repository's settings into the child).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface PackageJson {
  name: string;
  version: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  files?: string[];
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  repository?: { type: string; url: string };
  keywords?: string[];
}

export function readPackageJson(directory: string = REPO_ROOT): PackageJson {
  return JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * The environment for a child process: the current one without `npm_*` variables, plus the overrides. The npm cache
 * is the user's (shared by every temporary project, so a package is downloaded once), or LEAKPROOF_NPM_CACHE.
 */
export function cleanEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Nor git's repository pointers (set when this runs inside a git hook), which would aim git at this repository.
    if (!/^npm_/i.test(key) && !/^GIT_(DIR|WORK_TREE|INDEX_FILE|PREFIX|OBJECT_DIRECTORY|COMMON_DIR)$/.test(key))
      env[key] = value;
  }
  const cache = process.env.LEAKPROOF_NPM_CACHE;
  if (cache) env.npm_config_cache = cache;
  return {
    ...env,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...overrides,
  };
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  timeout?: number;
  input?: string;
}

export function run(command: string, args: string[], { cwd, env = {}, timeout = 120_000, input }: RunOptions): Run {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: cleanEnv(env),
    timeout,
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command and throws, with its output, unless it exits 0. */
export function runOk(command: string, args: string[], options: RunOptions): Run {
  const result = run(command, args, options);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status} in ${options.cwd}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

export interface PackedFile {
  path: string;
  size: number;
  mode: number;
}

/** One entry of `npm pack --json`. */
export interface PackResult {
  name: string;
  version: string;
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: PackedFile[];
}

/** `npm pack --json` of the repository: with `destination`, writes the tarball there; without, a dry run. */
export function npmPack(destination?: string): PackResult {
  const args = destination ? ['pack', '--json', '--pack-destination', destination] : ['pack', '--dry-run', '--json'];
  const { stdout } = runOk('npm', args, { cwd: REPO_ROOT });
  const [result] = JSON.parse(stdout) as PackResult[];
  if (!result) throw new Error(`npm ${args.join(' ')} printed no result`);
  return result;
}

export function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

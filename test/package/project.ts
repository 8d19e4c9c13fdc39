// Temporary user projects for the end-to-end tests (*.e2e.ts, `npm run test:package`): a directory under the run's
// work root with a package.json, the packed tarball and the tools a user would install next to it, installed once.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { run, runOk, type Run } from './npm.js';

/** Installing a project reaches the npm registry (through the shared cache); the rest of a test is local. */
export const INSTALL_TIMEOUT_MS = 540_000;

export class Project {
  constructor(readonly root: string) {}

  path(...segments: string[]): string {
    return path.join(this.root, ...segments);
  }

  write(files: Record<string, string>, under = ''): void {
    for (const [relative, content] of Object.entries(files)) {
      const file = this.path(under, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }

  read(relative: string): string {
    return readFileSync(this.path(relative), 'utf8');
  }

  /** A command in a directory of the project, as a user types it (`npx eslint .`). */
  run(command: string, args: string[], cwd = '', env: Record<string, string> = {}): Run {
    return run(command, args, { cwd: this.path(cwd), env, timeout: 180_000 });
  }

  npx(args: string[], cwd = '', env: Record<string, string> = {}): Run {
    // `--no`: never download a package that is not installed (a missing bin must fail the test, not be fetched).
    return this.run('npx', ['--no', '--', ...args], cwd, env);
  }
}

export interface ProjectOptions {
  /** Extra package.json fields (`type`, `scripts`, `lint-staged`, …). */
  packageJson?: Record<string, unknown>;
  /** Packages installed as devDependencies with the tarball, with their ranges (`eslint@^9`). */
  devDependencies: string[];
  /** Runs in the project directory before `npm install` (a git repository for husky's `prepare`). */
  beforeInstall?: (project: Project) => void;
}

/** Creates and installs a project: the tarball and `devDependencies` with `npm install --save-dev`. */
export function createProject(
  name: string,
  { packageJson = {}, devDependencies, beforeInstall }: ProjectOptions,
): Project {
  const project = new Project(path.join(inject('workRoot'), name));
  mkdirSync(project.root, { recursive: true });
  project.write({
    'package.json': `${JSON.stringify({ name, version: '1.0.0', private: true, ...packageJson }, null, 2)}\n`,
  });
  beforeInstall?.(project);
  const started = Date.now();
  runOk(
    'npm',
    [
      'install',
      '--save-dev',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      inject('tarball'),
      ...devDependencies,
    ],
    {
      cwd: project.root,
      timeout: INSTALL_TIMEOUT_MS,
    },
  );
  console.log(
    `${name}: installed ${['eslint-plugin-leakproof', ...devDependencies].join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return project;
}

/** The version of a package installed in a project. */
export function installedVersion(project: Project, packageName: string): string {
  return (JSON.parse(project.read(`node_modules/${packageName}/package.json`)) as { version: string }).version;
}

/** `npx eslint -f json` output, reduced to what a finding is: file (relative), rule, position. */
export interface Finding {
  file: string;
  ruleId: string | null;
  line: number;
  column: number;
}

interface EslintJsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }[];
}

export function findingsOf(result: Run, cwd: string): Finding[] {
  let parsed: EslintJsonResult[];
  try {
    parsed = JSON.parse(result.stdout) as EslintJsonResult[];
  } catch {
    throw new Error(`eslint did not print JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return parsed
    .flatMap((file) =>
      file.messages.map((message) => {
        if (message.fatal) throw new Error(`fatal message in ${file.filePath}: ${message.message}`);
        return {
          file: path.relative(cwd, file.filePath).split(path.sep).join('/'),
          ruleId: message.ruleId,
          line: message.line,
          column: message.column,
        };
      }),
    )
    .sort(byPosition);
}

/** Findings in a fixed order: by path (code units, as ESLint sorts), line, column. */
export function byPosition(a: Finding, b: Finding): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}

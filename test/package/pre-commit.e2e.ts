// docs/pre-commit.md, followed step by step in a fresh git repository: husky runs lint-staged before each commit,
// lint-staged runs ESLint (with leakproof's recommended config) on the staged files. A staged leak refuses the commit
// and shows the finding; a clean file is committed. The second recipe runs `leakproof scan` instead of ESLint.
import { beforeAll, describe, expect, it } from 'vitest';
import * as code from './leaky-code.js';
import { createProject, INSTALL_TIMEOUT_MS, type Project } from './project.js';

/** lint-staged 17 needs Node 22.22.1; lint-staged 16 runs on Node 20.17, below this package's floor of 20.19. */
const [nodeMajor = 0, nodeMinor = 0, nodePatch = 0] = process.versions.node.split('.').map(Number);
const LINT_STAGED =
  nodeMajor > 22 || (nodeMajor === 22 && (nodeMinor > 22 || (nodeMinor === 22 && nodePatch >= 1)))
    ? 'lint-staged@17'
    : 'lint-staged@16';

const PATTERN = '*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}';
const ESLINT_RECIPE = { [PATTERN]: 'eslint --max-warnings=0 --no-warn-ignored' };
const SCAN_RECIPE = { [PATTERN]: 'leakproof scan' };

let project: Project;

/** git in the project, with a fixed identity and no signing, whatever the user's global configuration says. */
function git(...args: string[]) {
  return project.run(
    'git',
    [
      '-c',
      'user.name=Leakproof Test',
      '-c',
      'user.email=test@leakproof.invalid',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    '',
    { HUSKY: '1' },
  );
}

function gitOk(...args: string[]): string {
  const result = git(...args);
  if (result.status !== 0)
    throw new Error(`git ${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function commitCount(): number {
  return Number(gitOk('rev-list', '--count', 'HEAD').trim());
}

beforeAll(() => {
  project = createProject('pre-commit', {
    packageJson: { type: 'module', 'lint-staged': ESLINT_RECIPE },
    devDependencies: ['eslint@10', 'husky@9', LINT_STAGED],
    // husky needs the repository before it can install its hooks.
    beforeInstall: (created) => {
      project = created;
      gitOk('init', '--quiet', '--initial-branch=main');
    },
  });
  project.write({ '.gitignore': 'node_modules/\n', 'eslint.config.js': code.ESM_CONFIG });
  // The recipe: `npx husky init` adds the `prepare` script and .husky/pre-commit, which then runs lint-staged.
  const init = project.npx(['husky', 'init']);
  if (init.status !== 0) throw new Error(`husky init failed:\n${init.stdout}\n${init.stderr}`);
  project.write({ '.husky/pre-commit': 'npx lint-staged\n' });
  gitOk('add', '--all');
  gitOk('commit', '--quiet', '-m', 'Set up ESLint, leakproof, husky and lint-staged');
}, INSTALL_TIMEOUT_MS);

describe('the pre-commit recipe (husky + lint-staged + ESLint)', () => {
  it('installed the hook: husky set core.hooksPath and the prepare script', () => {
    expect(gitOk('config', 'core.hooksPath').trim()).toBe('.husky/_');
    expect((JSON.parse(project.read('package.json')) as { scripts?: Record<string, string> }).scripts?.prepare).toBe(
      'husky',
    );
    expect(commitCount()).toBe(1);
  });

  it('refuses a commit that stages a leak, and shows the finding', () => {
    project.write({ 'src/server.js': code.ESM_SERVER });
    gitOk('add', 'src/server.js');
    const commit = git('commit', '-m', 'Add the server');
    const output = `${commit.stdout}\n${commit.stderr}`;
    expect(commit.status, output).not.toBe(0);
    expect(output).toContain('src/server.js');
    expect(output).toMatch(
      /7:3\s+error\s+The interval started in the callback passed to `http\.createServer\(\)` is never cleared.*leakproof\/no-leaked-timer/,
    );
    expect(output).toContain('leakproof/no-unbounded-collection');
    expect(output).toContain('leakproof/no-leaked-listener');
    expect(commitCount()).toBe(1);
    // lint-staged leaves the index as it was: the file is still staged, for the author to fix.
    expect(gitOk('diff', '--cached', '--name-only').trim()).toBe('src/server.js');
  });

  it('commits a clean file', () => {
    gitOk('rm', '--cached', '--quiet', 'src/server.js');
    project.write({ 'src/server.js': code.CLEAN_ESM });
    gitOk('add', 'src/server.js');
    const commit = git('commit', '-m', 'Add the fixed server');
    expect(commit.status, `${commit.stdout}\n${commit.stderr}`).toBe(0);
    expect(commitCount()).toBe(2);
    expect(gitOk('log', '-1', '--format=%s').trim()).toBe('Add the fixed server');
    expect(gitOk('show', 'HEAD:src/server.js')).toBe(code.CLEAN_ESM);
  });
});

describe('the pre-commit recipe without an ESLint setup (lint-staged + leakproof scan)', () => {
  it('refuses a commit that stages a leak, shows the finding, and commits once it is fixed', () => {
    const manifest = JSON.parse(project.read('package.json')) as Record<string, unknown>;
    project.write({ 'package.json': `${JSON.stringify({ ...manifest, 'lint-staged': SCAN_RECIPE }, null, 2)}\n` });
    gitOk('add', 'package.json');
    gitOk('commit', '--quiet', '-m', 'Run leakproof scan before each commit');
    const before = commitCount();

    project.write({ 'src/session.cjs': code.SESSION_CJS });
    gitOk('add', 'src/session.cjs');
    const refused = git('commit', '-m', 'Add the session helper');
    const output = `${refused.stdout}\n${refused.stderr}`;
    expect(refused.status, output).not.toBe(0);
    expect(output).toMatch(/2:3\s+error\s+`name` is never declared.*leakproof\/no-implicit-global/);
    expect(commitCount()).toBe(before);

    project.write({ 'src/session.cjs': code.SESSION_CJS.replace('  name = user.name;', '  const name = user.name;') });
    gitOk('add', 'src/session.cjs');
    const accepted = git('commit', '-m', 'Add the session helper');
    expect(accepted.status, `${accepted.stdout}\n${accepted.stderr}`).toBe(0);
    expect(commitCount()).toBe(before + 1);
  });
});

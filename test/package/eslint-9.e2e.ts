// The packed package in a project on ESLint 9 (the oldest supported major): flat config from ESM and CommonJS,
// --concurrency and bulk suppressions. A lint-only project: jscodeshift (an optional peer) is not installed.
import { beforeAll, describe, expect, it } from 'vitest';
import { flatConfigSuite, writeScenarios } from './flat-config-suite.js';
import { createProject, INSTALL_TIMEOUT_MS, type Project } from './project.js';

let project: Project;

beforeAll(() => {
  project = createProject('eslint-9', { packageJson: { type: 'module' }, devDependencies: ['eslint@9'] });
  writeScenarios(project);
}, INSTALL_TIMEOUT_MS);

flatConfigSuite(9, () => project);

describe('a project without jscodeshift', () => {
  it('has no jscodeshift, and leakproof fix says in one line what to install (exit 2)', () => {
    expect(project.run('node', ['-e', "require.resolve('jscodeshift')"]).status).not.toBe(0);
    project.write({ 'a.cjs': 'main();\n' }, 'nofix');
    const result = project.npx(['leakproof', 'fix', 'strict-mode', '--dry'], 'nofix');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "leakproof: 'leakproof fix' needs jscodeshift, which is not installed: npm install --save-dev jscodeshift@17\n",
    );
  });
});

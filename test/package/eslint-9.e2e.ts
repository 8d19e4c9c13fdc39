// The packed package in a project on ESLint 9 (the oldest supported major): flat config from ESM and CommonJS,
// --concurrency and bulk suppressions.
import { beforeAll } from 'vitest';
import { flatConfigSuite, writeScenarios } from './flat-config-suite.js';
import { createProject, INSTALL_TIMEOUT_MS, type Project } from './project.js';

let project: Project;

beforeAll(() => {
  project = createProject('eslint-9', { packageJson: { type: 'module' }, devDependencies: ['eslint@9'] });
  writeScenarios(project);
}, INSTALL_TIMEOUT_MS);

flatConfigSuite(9, () => project);

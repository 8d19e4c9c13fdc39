// `npm run test:package`: the end-to-end tests of the packed package (*.e2e.ts), apart from `npm test` because they
// install ESLint 9 and 10, typescript-eslint, lint-staged and husky into temporary projects from the npm registry.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    include: ['test/package/**/*.e2e.ts'],
    globalSetup: ['test/package/global-setup.ts'],
    // Each file installs its project in a beforeAll (network-bound); the tests then run local commands.
    hookTimeout: 600_000,
    testTimeout: 180_000,
    maxWorkers: 3,
  },
});

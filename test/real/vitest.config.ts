// `npm run test:real`: `leakproof prove` on published packages, each in a leaky and a fixed version installed from
// the npm registry (test/real/pairs.ts). Apart from `npm test` because it needs the registry.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    include: ['test/real/**/*.e2e.ts'],
    hookTimeout: 600_000,
    // Each pair's test runs its proofs LEAKPROOF_REAL_RUNS times.
    testTimeout: 600_000 * Math.max(1, Number(process.env.LEAKPROOF_REAL_RUNS ?? '1')),
  },
});

// `npm run test:corpus`: the real-code corpus suites (test/quality/corpus/*.corpus.ts), too slow for `npm test`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/quality/corpus/*.corpus.ts'],
    testTimeout: 15 * 60_000,
  },
});

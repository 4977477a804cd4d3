import { defineConfig } from 'vitest/config';

// test/unit: pure engine tests (fast). test/cli: the BUILT bins as processes
// (run `npm run build` first). test/generated: generated projects, slow; their
// files set their own per-test timeouts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
